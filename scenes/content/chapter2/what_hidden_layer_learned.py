"""Chapter 2, scene 12: what the first hidden layer really learned -- chapter 1's hand-designed stroke detector beside
the network's sixteen first-layer neurons, as they started (rebuilt from the network's seed) and after training:
loose blobs, not tidy edges."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UL, UP, Circumscribe, Create, FadeIn, FadeOut, Indicate, LaggedStart, Square,
                   VGroup)

from nnlib.analysis import neighbour_correlation
from nnlib.edge_detector import edge_detector_weights
from nnlib.first_layer import starting_network, untouched_inputs
from nnlib.weight_patterns import busiest_patch, patch_share
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.designed_edge_detector import STROKE
from scenes.content.chapter2.common import count, percent
from scenes.content.components import HeatmapSheet, PixelGrid, WeightHeatmap, format_number, label

#: Side of the square the tidiness measure looks in (see :func:`nnlib.weight_patterns.patch_share`).
PATCH = 12


def facts(lines: list[str], colour: str) -> VGroup:
    """Two or three short lines of measured facts under a picture, the first in ``colour``."""
    block = VGroup(*(label(t, size=24, color=colour if i == 0 else None, dim=i > 0) for i, t in enumerate(lines)))
    return block.arrange(DOWN, buff=0.1)


def share_words(share: float) -> str:
    """A share of weight as narration says it, never a bare percentage that could be heard as an accuracy:
    0.96 -> "all but 4%", 0.25 -> "only 25%"."""
    return f"all but {percent(1 - share, 0)}" if share >= 0.9 else f"{percent(share, 0)}"


def patch_box(corner: np.ndarray, unit: float, colour: str, size: int = PATCH) -> Square:
    """The outline of a ``size`` x ``size`` patch of pixels whose top-left pixel centre is ``corner``."""
    box = Square(size * unit, stroke_color=colour, stroke_width=3)
    return box.move_to(corner + (size - 1) / 2 * unit * (RIGHT + DOWN))


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
        detector_caption = label("designed by hand\n(chapter 1)", size=24, dim=True).next_to(detector, UP, buff=0.2)
        detector_facts = facts([f"{share_words(self.designed_share)} of its weight", f"in one {PATCH}×{PATCH} patch"],
                               theme.accent).next_to(detector, DOWN, buff=0.3)
        self.sheets = {"designed": detector}
        unit = detector.image.height / 28
        top, left = (int(v) for v in busiest_patch(designed, PATCH)[0])
        detector_patch = patch_box(detector.image.get_corner(UL) + (left + 0.5) * unit * RIGHT
                                   + (top + 0.5) * unit * DOWN, unit, theme.accent)
        with self.beat("In chapter 1 we hoped the first hidden layer would learn to spot little strokes. So we "
                       "<bookmark mark='designed'/>designed a neuron that does exactly that: "
                       "<bookmark mark='positive'/>positive weights along a short upright stroke, "
                       "<bookmark mark='negative'/>negative weights around it, nothing anywhere else. Its pattern "
                       f"is <bookmark mark='tidy'/>tidy and local: {share_words(self.designed_share)} of its weight, counted by size, sits "
                       f"inside one <bookmark mark='patch'/>{PATCH} by {PATCH} patch of the image.") as beat:
            self.play(FadeIn(heading), run_time=self.until("designed"))
            self.play(FadeIn(detector), FadeIn(detector_caption), run_time=self.until("positive"))
            self.play(Circumscribe(detector, color=theme.positive), run_time=self.until("negative"))
            self.play(Circumscribe(detector, color=theme.negative), run_time=1.2)
            self.wait_until("tidy")
            self.play(Indicate(detector_caption, color=theme.text), run_time=1.5)
            self.wait_until("patch")
            self.play(Create(detector_patch), FadeIn(detector_facts), run_time=1.5)

        after = HeatmapSheet(trained, columns=4, height=3.4).move_to([3.8, 0.35, 0])
        after_caption = label("after training", size=24, dim=True)
        after_caption.next_to(after, UP, buff=0.2)
        after_facts = facts([f"busiest {PATCH}×{PATCH}: {percent(np.median(self.trained_shares), 0)}",
                             f"neighbours alike: {format_number(self.trained_smoothness, 2)}"],
                            theme.accent).next_to(after, DOWN, buff=0.25)
        self.sheets["after"] = after
        if start is not None:
            before = HeatmapSheet(start.weights[0], columns=4, height=3.4).move_to([-1.2, 0.35, 0])
            before_caption = label(f"at the start (seed {net.metadata['seed']})", size=24,
                                   dim=True).next_to(before, UP, buff=0.2)
            before_facts = facts([f"busiest {PATCH}×{PATCH}: {percent(np.median(self.start_shares), 0)}",
                                  f"neighbours alike: {format_number(self.start_smoothness, 2)}"],
                                 theme.dim_text).next_to(before, DOWN, buff=0.25)
            self.sheets["before"] = before
            with self.beat(f"Now the real network. <bookmark mark='these'/>These are its {count(n)} first-layer neurons as training "
                           "<bookmark mark='found'/>found them: random weights, rebuilt exactly from the seed the "
                           f"network records, {net.metadata['seed']}. Pure <bookmark mark='static'/>static. "
                           "Neighbouring weights are no more alike than chance: their "
                           f"<bookmark mark='corr'/>correlation is {format_number(self.start_smoothness, 2)}, about "
                           "zero.") as beat:
                self.play(FadeIn(before_caption), run_time=max(min(self.until("these"), 1.5), 0.5))
                self.wait_until("found")
                self.reveal(before, n, run_time=self.until("static"))
                self.play(Circumscribe(before, color=theme.text), run_time=1.2)
                self.wait_until("corr")
                self.play(FadeIn(before_facts, shift=0.2 * UP), run_time=1.2)
            border = (f" The faint static around the <bookmark mark='edge'/>edge never changed at all. "
                      f"<bookmark mark='count'/>{count(self.untouched)} of the {count(net.sizes[0])} pixels are black in every one of the "
                      f"{count(net.metadata.get('data', {}).get('train_images', 0)) or 'training'} training digits, so "
                      "their weights never got a nudge." if self.untouched else "")
        else:
            border = (" This network's file does not record its seed, so the random weights it started from cannot "
                      "be rebuilt to compare.")
        corners = busiest_patch(trained, PATCH)
        after_patches = VGroup(*(patch_box(after.pixel_center(i, int(r), int(c)), after.tile_size / 28, theme.accent)
                                 for i, (r, c) in enumerate(corners)))
        middle = VGroup(*(Square(after.tile_size * 0.5, stroke_color=theme.text, stroke_width=2)
                          .move_to(after.tile_center(i)) for i in range(n)))
        edges = VGroup(*(Square(after.tile_size * 0.97, stroke_color=theme.dim_text, stroke_width=3)
                         .move_to(after.tile_center(i)) for i in range(n)))
        with self.beat(f"And here are the same {count(n)} neurons <bookmark mark='after'/>after training. They are "
                       "not edges. Training did give them some structure: loose <bookmark mark='blobs'/>blobs of "
                       "green and red in the middle, where digits have ink. Neighbouring weights now correlate at "
                       f"<bookmark mark='corr'/>{format_number(self.trained_smoothness, 2)}. But the weight is spread "
                       f"all over: typically only {percent(np.median(self.trained_shares), 0)} of it lies in the "
                       f"<bookmark mark='patch'/>busiest {PATCH} by {PATCH} patch. Our designed detector kept "
                       f"{share_words(self.designed_share)} of its weight in one.{border}") as beat:
            self.wait_until("after")
            self.play(FadeIn(after_caption), run_time=0.8)
            self.reveal(after, n, run_time=self.until("blobs"))
            self.wait_until("blobs")
            self.play(Create(middle), run_time=1.5)
            self.play(FadeOut(middle), run_time=0.8)
            self.wait_until("corr")
            self.play(FadeIn(after_facts[1], shift=0.2 * UP), run_time=1.0)
            self.wait_until("patch")
            self.play(LaggedStart(*(Create(b) for b in after_patches), lag_ratio=0.2), FadeIn(after_facts[0]),
                      run_time=3.0)
            self.play(Indicate(detector_patch, color=theme.accent), run_time=1.5)
            if self.untouched:
                # the pixels whose weights never moved, where the starting weights were
                mask = untouched_inputs(net, start).astype(float)
                still = PixelGrid(mask, height=3.0).move_to(before)
                still_caption = label(f"{count(self.untouched)} never nudged", size=24,
                                      dim=True).move_to(before_caption)
                self.wait_until("edge")
                self.play(FadeOut(after_patches), Create(edges), run_time=1.5)
                self.play(FadeOut(edges), run_time=1.0)
                self.wait_until("count")
                self.play(FadeOut(before), FadeOut(before_facts), FadeOut(before_caption), FadeIn(still),
                          FadeIn(still_caption), run_time=1.5)
                self.play(Circumscribe(still, color=theme.text), run_time=2.0)

        verdict = label("It found weights that work, not the tidy strokes we imagined", size=24,
                        color=theme.accent).to_edge(DOWN, buff=0.35)
        with self.beat("So gradient descent did its job. It found weights where the cost is low, a local "
                       "<bookmark mark='minimum'/>minimum "
                       "that recognises most digits. It did not find our <bookmark mark='story'/>neat story of strokes "
                       "and loops. A low cost only asks for the right <bookmark mark='answers'/>answers. It never asks the network to reach "
                       "them the way we would, and these <bookmark mark='loose'/>loose patterns are what it settled "
                       "on.") as beat:
            self.play(FadeIn(verdict), run_time=min(self.until("minimum"), 3.0))
            self.wait_until("minimum")
            self.play(Circumscribe(after, color=theme.accent), run_time=1.5)
            self.play(Indicate(verdict, color=theme.accent, scale_factor=1.04), run_time=1.5)
            self.play(Circumscribe(detector, color=theme.accent), run_time=1.5)
            self.wait_until("answers")
            self.play(Indicate(after_facts, color=theme.accent), run_time=1.5)
            self.wait_until("loose")
            self.play(Circumscribe(after, color=theme.accent), run_time=2.0)
        self.verdict = verdict

    def reveal(self, sheet: HeatmapSheet, n: int, run_time: float) -> None:
        """Show a sheet's neurons one after another, as the narration counts them: each tile's cover lifts in turn."""
        covers = VGroup(*(Square(sheet.tile_size * 1.02, stroke_width=0, fill_color=self.theme.background,
                                 fill_opacity=1.0).move_to(sheet.tile_center(i)) for i in range(n)))
        self.add(sheet, covers)
        each = max(run_time / max(n, 1), 1.0 / 15)
        for cover in covers:
            self.play(FadeOut(cover), run_time=each)
