"""Chapter 1, scene 10: what the trained first layer really holds -- the 16 weight heatmaps of our network, not the
edges we hoped for, with the border training never touched."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UL, UP, AnimationGroup, Circumscribe, Create, FadeIn, FadeOut, Group, Indicate, Rectangle, ShowPassingFlash,
                   SurroundingRectangle, VGroup)

from nnlib.edge_detector import edge_detector_weights
from nnlib.first_layer import starting_network, untouched_inputs
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count
from scenes.content.chapter1.designed_edge_detector import STROKE
from scenes.content.chapter1.fan_in import spread
from scenes.content.components import HeatmapSheet, WeightHeatmap, crisp_image, format_number, label, rgb, weight_rgb

#: Words at 26: capitals 16 px high at 854x480.
TEXT = 26


def crisp_image_row(pixels: np.ndarray, width: float, height: float):
    """An (H, W, 3) picture stretched to ``width`` x ``height`` with nearest resampling (e.g. a colour bar)."""
    image = crisp_image(pixels, height)
    image.stretch_to_fit_width(width)
    return image


def lines(*texts: str, size: float = TEXT, color: str | None = None) -> VGroup:
    """A few lines of text, left-aligned, as one block."""
    return VGroup(*(label(t, size=size, color=color) for t in texts)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)


def mask_overlay(sheet: HeatmapSheet, mask: np.ndarray, colour: str) -> Group:
    """A see-through picture over ``sheet``: ``colour`` on the pixels where ``mask`` is True, in every tile."""
    pixels = np.zeros((*sheet.pixels.shape[:2], 4), dtype=np.uint8)
    th, tw = sheet.tile_shape
    tint = np.array([*rgb(colour), 255], dtype=np.uint8)
    for i in range(sheet.count):
        top, left = sheet._tile_origin(i)
        pixels[top:top + th, left:left + tw][mask.reshape(th, tw)] = tint
    return crisp_image(pixels, sheet.image.height).move_to(sheet.image)


# (pictures are pointed at with Circumscribe: Indicate would tint a whole image in the accent colour)
class FirstLayerHeatmaps(ExplainerScene):
    """The incoming weights of every first-layer neuron of the network in force, tiled into one picture; the pixels
    whose weights training never moved (when the network records its seed); its measured test accuracy (when its
    metadata holds one).

    Exposes ``weights`` (the first-layer matrix drawn), ``sheet``, ``untouched`` (bool per pixel, or None),
    ``quoted_accuracy`` (or None) and ``quoted_correct`` (test digits read right, or None).
    """

    def construct(self) -> None:
        net, theme = self.network, self.theme
        self.weights = net.weights[0]
        n, n_in = self.weights.shape
        heading = self.title(f"What each of the {n} first-layer neurons looks for")
        columns = int(np.ceil(np.sqrt(n)))
        sheet = HeatmapSheet(self.weights, columns=columns, height=6.4).to_edge(LEFT, buff=0.6).shift(0.4 * DOWN)
        self.sheet = sheet
        x_text = sheet.get_right()[0] + 0.6

        hoped = WeightHeatmap(edge_detector_weights(**STROKE), height=1.9)
        hoped_caption = lines("the edge detector", "we designed by hand", size=24)
        hoped_block = Group(hoped, hoped_caption).arrange(RIGHT, buff=0.3)
        hoped_block.move_to([x_text, 2.15, 0], aligned_edge=LEFT)
        with self.beat("Remember the hope that the first hidden layer would pick out little edges, <bookmark "
                       "mark='ours'/>like the one we designed by hand? <bookmark mark='look'/>Now we can look at the "
                       "real thing.") as beat:
            self.play(FadeIn(heading), run_time=self.until("ours") * 0.5)
            self.play(FadeIn(hoped_block, shift=0.2 * LEFT), run_time=self.until("look"))
            self.play(FadeIn(sheet, scale=0.95), run_time=max(beat.end - float(self.renderer.time) - 0.2, 0.5))

        bar = crisp_image_row(weight_rgb(np.linspace(-1, 1, 64), shape=(1, 64), theme=theme), width=4.6, height=0.35)
        bar.move_to([x_text, -0.9, 0], aligned_edge=LEFT)
        ticks = VGroup(label("negative", size=24, color=theme.negative).next_to(bar, DOWN, buff=0.12)
                       .align_to(bar, LEFT),
                       label("0", size=24, dim=True).next_to(bar, DOWN, buff=0.12),
                       label("positive", size=24, color=theme.positive).next_to(bar, DOWN, buff=0.12)
                       .align_to(bar, RIGHT))
        text = lines(f"one tile: the {count(n_in)} weights", "into one neuron, 28 × 28,", "scaled by its largest |w|")
        text.next_to(bar, UP, buff=0.35).align_to(bar, LEFT)
        pointer = SurroundingRectangle(sheet.image, buff=0).set_stroke(theme.accent, 3)
        tag = label("neuron 0", size=24, color=theme.accent)

        def at_tile(i: int):
            """The pointer on tile ``i`` and its tag under the sheet."""
            box = Rectangle(width=sheet.tile_size, height=sheet.tile_size).move_to(sheet.tile_center(i))
            box.set_stroke(theme.accent, 3)
            name = label(f"neuron {i}", size=24, color=theme.accent).next_to(sheet, DOWN, buff=0.08)
            name.align_to(sheet, LEFT)
            return box, name

        with self.beat(f"Each tile is one neuron: its {count(n_in)} incoming weights, drawn as a 28 by 28 "
                       "picture. <bookmark mark='colours'/>Green is positive, red is negative, <bookmark "
                       "mark='scaled'/>and each tile is scaled by its own largest weight.") as beat:
            box, name = at_tile(0)
            pointer.become(box)
            tag.become(name)
            self.play(Create(pointer), FadeIn(tag), FadeIn(text[0]), run_time=1.0)
            # (an .animate builder is made when it plays: two made in advance on one mobject share its target)
            spread(self, [lambda t, i=i: AnimationGroup(pointer.animate.become(at_tile(i)[0]),
                                                        tag.animate.become(at_tile(i)[1]), run_time=t)
                          for i in range(1, n)], self.until("colours") - 0.2)
            self.play(FadeIn(bar), FadeIn(ticks), FadeIn(text[1]), run_time=self.until("scaled"))
            self.play(FadeIn(text[2]), FadeOut(pointer), FadeOut(tag),
                      run_time=max(beat.end - float(self.renderer.time) - 0.2, 0.5))

        # where the ink of digits falls: the middle of each tile; the noise: all around it
        middle = [Rectangle(width=sheet.tile_size * 0.55, height=sheet.tile_size * 0.7)
                  .move_to(sheet.tile_center(i)).set_stroke(theme.accent, 2.5) for i in range(n)]
        honest = lines("Not the clean edges we hoped for:", "loose blobs in the middle,", "speckled noise all round.")
        honest[0].set_color(theme.accent)
        honest.move_to(text, aligned_edge=UL)
        with self.beat("Do these look like little edges? Not really. <bookmark mark='stroke'/>None has the clean "
                       "stroke and the red band of our detector. <bookmark mark='blobs'/>There are loose blobs in "
                       "the middle, where digits have their ink, <bookmark mark='noise'/>and a lot of speckled "
                       "noise.") as beat:
            self.play(FadeOut(text), FadeOut(bar), FadeOut(ticks), FadeIn(honest[0]), run_time=self.until("stroke"))
            self.play(Circumscribe(hoped, color=theme.accent), run_time=self.until("blobs"))
            spread(self, [FadeIn(honest[1])] + [Create(m) for m in middle[::3]], self.until("noise"))
            self.play(FadeIn(honest[2]), *(FadeOut(m) for m in middle[::3]),
                      Circumscribe(sheet, color=theme.accent),
                      run_time=max(beat.end - float(self.renderer.time) - 0.2, 0.5))

        start = starting_network(net)
        self.untouched = untouched_inputs(net, start) if start is not None else None
        if self.untouched is not None and self.untouched.any() and n_in == 784:
            kept = int(self.untouched.sum())
            train_images = net.metadata.get("data", {}).get("train_images")
            every = (f"all {count(int(train_images))} training images" if train_images else "every training image")
            overlay = mask_overlay(sheet, self.untouched, theme.accent)
            caption = lines(f"{count(kept)} pixels, black in",
                            f"all {count(int(train_images))} training images:" if train_images else "every training image:",
                            "weights never changed", size=TEXT, color=theme.accent)
            caption.move_to(honest, aligned_edge=UL)
            with self.beat("Some of that noise is exactly where training started. A network begins with random "
                           "weights, and a weight only changes when its pixel has ink in some training image. "
                           f"<bookmark mark='these'/>These {count(kept)} pixels, mostly around the border, are "
                           f"black in {every}. <bookmark mark='still'/>So their weights are still, bit for bit, the "
                           "random numbers they started as.") as beat:
                self.play(Circumscribe(sheet, color=theme.accent), run_time=min(
                    self.until("random"), 2.5))
                self.wait_until("only changes")
                inked = [Rectangle(width=sheet.tile_size * 0.55, height=sheet.tile_size * 0.7)
                         .move_to(sheet.tile_center(i)).set_stroke(theme.accent, 3) for i in range(n)]
                spread(self, [ShowPassingFlash(m, time_width=0.6) for m in inked[::2]], self.until("these"))
                self.play(FadeOut(honest), FadeIn(caption), FadeIn(overlay), run_time=self.until(count(kept)) + 1.0)
                pointer = Rectangle(width=sheet.tile_size, height=sheet.tile_size).set_stroke(theme.accent, 3)
                pointer.move_to(sheet.tile_center(0))
                self.play(Create(pointer), Indicate(caption, color=theme.accent, scale_factor=1.05), run_time=0.8)
                spread(self, [lambda t, i=i: pointer.animate.move_to(sheet.tile_center(i)) for i in range(1, n)],
                       max(beat.end - float(self.renderer.time) - 0.6, 0.5))
                self.play(FadeOut(pointer), run_time=0.4)
            bottom, last = caption, overlay
        else:
            bottom, last = honest, None

        accuracy = net.metadata.get("test_accuracy")
        tested = net.metadata.get("data", {}).get("test_images")
        self.quoted_accuracy = float(accuracy) if isinstance(accuracy, (int, float)) and tested else None
        self.quoted_correct = int(round(self.quoted_accuracy * int(tested))) if self.quoted_accuracy else None
        score = ""
        shown = []
        if self.quoted_accuracy is not None:
            score = (f"And yet <bookmark mark='score'/>this network reads {count(self.quoted_correct)} of the "
                     f"{count(int(tested))} test digits correctly, digits it never saw while training. ")
            result = lines(f"{count(self.quoted_correct)} of {count(int(tested))} test digits",
                           f"read right ({format_number(100 * self.quoted_accuracy, 2)}%),", "none seen in training",
                           size=30, color=theme.accent)
            self.accuracy_text = result.move_to([x_text, -0.9, 0], aligned_edge=LEFT)
            shown = [result]
        with self.beat(f"{score}It found a way of reading digits that works, <bookmark mark='tidy'/>without the "
                       "tidy structure we hoped for. <bookmark mark='how'/>How it found it, starting from nothing "
                       "but random numbers, is the story of chapter 2.") as beat:
            if shown:
                self.wait_until("score")
                self.play(FadeOut(bottom), *((FadeOut(last),) if last is not None else ()), FadeIn(shown[0]),
                          run_time=self.until(count(self.quoted_correct)) + 0.8)
                self.play(Indicate(shown[0][1], color=theme.accent, scale_factor=1.1), run_time=self.until("It found"))
            pointer = Rectangle(width=sheet.tile_size, height=sheet.tile_size).set_stroke(theme.accent, 3)
            pointer.move_to(sheet.tile_center(0))
            self.play(Create(pointer), run_time=0.5)
            spread(self, [lambda t, i=i: pointer.animate.move_to(sheet.tile_center(i)) for i in range(1, n)],
                   self.until("tidy"))
            self.play(FadeOut(pointer), Circumscribe(hoped, color=theme.accent),
                      run_time=self.until("how"))
            if last is not None:   # the random start, still there at the border
                self.wait_until("random numbers")
                self.play(FadeIn(last), run_time=1.2)
                self.play(FadeOut(last), run_time=max(beat.end - float(self.renderer.time) - 0.3, 0.5))
            else:
                self.play(Circumscribe(sheet, color=theme.accent),
                          run_time=max(beat.end - float(self.renderer.time) - 0.3, 0.5))
