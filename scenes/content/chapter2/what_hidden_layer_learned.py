"""Chapter 2, scene 12: what the first hidden layer really learned -- chapter 1's hand-designed stroke detector beside
the network's sixteen first-layer neurons, as they started (rebuilt from the network's seed) and after training:
loose blobs, not tidy edges."""

from __future__ import annotations

import numpy as np
from manim import DOWN, UP, FadeIn, VGroup

from nnlib.analysis import neighbour_correlation
from nnlib.edge_detector import edge_detector_weights
from nnlib.first_layer import starting_network, untouched_inputs
from nnlib.weight_patterns import patch_share
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.designed_edge_detector import STROKE
from scenes.content.chapter2.common import count, percent
from scenes.content.components import HeatmapSheet, WeightHeatmap, format_number, label

#: Side of the square the tidiness measure looks in (see :func:`nnlib.weight_patterns.patch_share`).
PATCH = 12


def facts(lines: list[str], colour: str) -> VGroup:
    """Two or three short lines of measured facts under a picture, the first in ``colour``."""
    block = VGroup(*(label(t, size=17, color=colour if i == 0 else None, dim=i > 0) for i, t in enumerate(lines)))
    return block.arrange(DOWN, buff=0.1)


class WhatHiddenLayerLearned(ExplainerScene):
    """The designed detector, the network's starting first layer and its trained first layer, side by side, with
    how much of each neuron's weight lies in one 12 x 12 patch and how alike neighbouring weights are.

    The "before" is always the network in force's own start, rebuilt from the seed its file records
    (:func:`nnlib.first_layer.starting_network`); a network without a recorded seed shows no "before".
    Exposes ``designed_share``, ``start_shares`` (None without a seed), ``trained_shares``,
    ``start_smoothness``, ``trained_smoothness``, ``untouched`` (pixels whose weights never moved, or None),
    ``sheets`` (name -> the heatmap mobject).
    """

    def construct(self) -> None:
        theme, net = self.theme, self.network
        designed = edge_detector_weights(**STROKE)
        start = starting_network(net)
        trained = np.asarray(net.weights[0])
        self.designed_share = float(patch_share(designed, PATCH)[0])
        self.trained_shares = patch_share(trained, PATCH)
        self.trained_smoothness = float(np.median(neighbour_correlation(trained)))
        self.start_shares = patch_share(start.weights[0], PATCH) if start is not None else None
        self.start_smoothness = (float(np.median(neighbour_correlation(start.weights[0])))
                                 if start is not None else None)
        self.untouched = int(untouched_inputs(net, start).sum()) if start is not None else None
        n = net.sizes[1]

        heading = self.title("What did the first hidden layer learn?")
        detector = WeightHeatmap(designed, height=2.4).move_to([-5.05, 0.5, 0])
        detector_caption = label("designed by hand, chapter 1", size=18, dim=True).next_to(detector, UP, buff=0.2)
        detector_facts = facts([f"{percent(self.designed_share, 0)} of its weight", f"in one {PATCH}×{PATCH} patch"],
                               theme.accent).next_to(detector, DOWN, buff=0.3)
        self.sheets = {"designed": detector}
        with self.beat("In chapter 1 we hoped the first hidden layer would learn to spot little strokes, and we "
                       "designed a neuron that does exactly that: positive weights along a short upright stroke, "
                       "negative weights around it, nothing anywhere else. Its pattern is tidy and local: "
                       f"{percent(self.designed_share, 0)} of its weight, counted by size, sits inside one "
                       f"{PATCH} by {PATCH} patch of the image.") as beat:
            self.play(FadeIn(heading), FadeIn(detector), FadeIn(detector_caption), run_time=beat.share(0.35))
            self.play(FadeIn(detector_facts), run_time=beat.share(0.25))

        after = HeatmapSheet(trained, columns=4, height=3.4).move_to([3.8, 0.35, 0])
        after_caption = label(f"the {count(n)} neurons after training", size=18, dim=True)
        after_caption.next_to(after, UP, buff=0.2)
        after_facts = facts([f"busiest patch: {percent(np.median(self.trained_shares), 0)} (median)",
                             f"neighbours alike: {format_number(self.trained_smoothness, 2)}"],
                            theme.accent).next_to(after, DOWN, buff=0.25)
        self.sheets["after"] = after
        if start is not None:
            before = HeatmapSheet(start.weights[0], columns=4, height=3.4).move_to([-1.2, 0.35, 0])
            before_caption = label(f"the same {count(n)} at the start, seed {net.metadata['seed']}", size=18,
                                   dim=True).next_to(before, UP, buff=0.2)
            before_facts = facts([f"busiest patch: {percent(np.median(self.start_shares), 0)} (median)",
                                  f"neighbours alike: {format_number(self.start_smoothness, 2)}"],
                                 theme.dim_text).next_to(before, DOWN, buff=0.25)
            self.sheets["before"] = before
            with self.beat(f"Now the real network. These are its {count(n)} first-layer neurons as training found "
                           f"them: random weights, rebuilt exactly from the seed the network records, "
                           f"{net.metadata['seed']}. Pure static. Neighbouring weights are no more alike than chance: "
                           f"their correlation is {format_number(self.start_smoothness, 2)}, about zero.") as beat:
                self.play(FadeIn(before), FadeIn(before_caption), run_time=beat.share(0.35))
                self.play(FadeIn(before_facts), run_time=beat.share(0.25))
            border = (f" The faint static around the edge never changed at all: {count(self.untouched)} of the "
                      f"{count(net.sizes[0])} pixels are black in every training digit, so their weights never got "
                      "a nudge." if self.untouched else "")
        else:
            border = (" This network's file does not record its seed, so the random weights it started from cannot "
                      "be rebuilt to compare.")
        with self.beat(f"And here are the same {count(n)} neurons after training. They are not edges. Training did "
                       "give them some structure, loose blobs of green and red in the middle, where digits have ink: "
                       f"neighbouring weights now correlate at {format_number(self.trained_smoothness, 2)}. But the "
                       "weight is spread all over: typically only "
                       f"{percent(np.median(self.trained_shares), 0)} of it lies in the busiest {PATCH} by {PATCH} "
                       f"patch, against {percent(self.designed_share, 0)} for our designed detector.{border}") as beat:
            self.play(FadeIn(after), FadeIn(after_caption), run_time=beat.share(0.35))
            self.play(FadeIn(after_facts), run_time=beat.share(0.25))

        verdict = label("It found weights that work, not the tidy strokes we imagined", size=24,
                        color=theme.accent).to_edge(DOWN, buff=0.35)
        with self.beat("So gradient descent did its job: it found weights where the cost is low, a local minimum "
                       "that recognises most digits. It did not find our neat story of strokes and loops. A low cost "
                       "only asks for the right answers; it never asks the network to reach them the way we would, "
                       "and these loose patterns are what it settled on.") as beat:
            self.play(FadeIn(verdict), run_time=beat.share(0.3))
        self.verdict = verdict
