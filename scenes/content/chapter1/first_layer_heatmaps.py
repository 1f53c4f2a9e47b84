"""Chapter 1, scene 10: what the trained first layer really holds -- the 16 weight heatmaps of our network, not the
edges we hoped for, with the border training never touched."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, Group, VGroup

from nnlib.first_layer import starting_network, untouched_inputs
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count
from scenes.content.components import HeatmapSheet, PixelGrid, crisp_image, format_number, label, weight_rgb


def crisp_image_row(pixels: np.ndarray, width: float, height: float):
    """An (H, W, 3) picture stretched to ``width`` x ``height`` with nearest resampling (e.g. a colour bar)."""
    image = crisp_image(pixels, height)
    image.stretch_to_fit_width(width)
    return image


def lines(*texts: str, size: float = 22, color: str | None = None) -> VGroup:
    """A few lines of text, left-aligned, as one block."""
    return VGroup(*(label(t, size=size, color=color) for t in texts)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)


class FirstLayerHeatmaps(ExplainerScene):
    """The incoming weights of every first-layer neuron of the network in force, tiled into one picture; the pixels
    whose weights training never moved (when the network records its seed); its measured test accuracy (when its
    metadata holds one).

    Exposes ``weights`` (the first-layer matrix drawn), ``sheet``, ``untouched`` (bool per pixel, or None) and
    ``quoted_accuracy`` (or None).
    """

    def construct(self) -> None:
        net, theme = self.network, self.theme
        self.weights = net.weights[0]
        n, n_in = self.weights.shape
        heading = self.title(f"What each of the {n} first-layer neurons looks for")
        columns = int(np.ceil(np.sqrt(n)))
        sheet = HeatmapSheet(self.weights, columns=columns, height=6.3).to_edge(LEFT, buff=0.8).shift(0.35 * DOWN)
        self.sheet = sheet

        bar = crisp_image_row(weight_rgb(np.linspace(-1, 1, 64), shape=(1, 64), theme=theme), width=4.2, height=0.35)
        bar.move_to([0.7, 0.9, 0], aligned_edge=LEFT)
        ticks = VGroup(label("negative", size=20, color=theme.negative).next_to(bar, DOWN, buff=0.12)
                       .align_to(bar, LEFT),
                       label("0", size=20, dim=True).next_to(bar, DOWN, buff=0.12),
                       label("positive", size=20, color=theme.positive).next_to(bar, DOWN, buff=0.12)
                       .align_to(bar, RIGHT))
        text = lines(f"Each tile: the {count(n_in)} weights", "into one neuron, as a 28 × 28 image,",
                     "scaled by its own largest |w|.")
        text.next_to(bar, UP, buff=0.6).align_to(bar, LEFT)
        order = label(f"neurons 0–{n - 1}, left to right, top to bottom", size=20, dim=True)
        order.next_to(ticks, DOWN, buff=0.5).align_to(bar, LEFT)
        with self.beat("Remember the hope that the first hidden layer would pick out little edges? Now we can "
                       f"look. These are the real weights of our trained network's first layer: for each of its "
                       f"{count(n)} neurons, its {count(n_in)} incoming weights drawn as a 28 by 28 picture, green "
                       "for positive and red for negative, each tile scaled by its own largest weight.") as beat:
            self.play(FadeIn(heading), FadeIn(sheet, scale=0.95), run_time=beat.share(0.35))
            self.play(FadeIn(text), FadeIn(bar), FadeIn(ticks), FadeIn(order), run_time=beat.share(0.3))

        honest = lines("Not the clean edges we hoped for:", "loose blobs in the middle,", "speckled noise all round.")
        honest[0].set_color(theme.accent)
        honest.next_to(order, DOWN, buff=0.5).align_to(bar, LEFT)
        with self.beat("Do these look like little edges? Not really. Nothing here resembles our hand-designed "
                       "stroke, with its clean band of red around it. There are loose blobs of green and red in "
                       "the middle, where digits have their ink, and a lot of speckled noise.") as beat:
            self.play(FadeIn(honest), run_time=beat.share(0.3))

        bottom = honest
        start = starting_network(net)
        self.untouched = untouched_inputs(net, start) if start is not None else None
        if self.untouched is not None and self.untouched.any() and n_in == 784:
            kept = int(self.untouched.sum())
            train_images = net.metadata.get("data", {}).get("train_images")
            every = (f"every one of the {count(int(train_images))} training images" if train_images
                     else "every training image")
            mask = PixelGrid(self.untouched.astype(float) * 0.85, height=1.7)
            caption = lines(f"{count(kept)} pixels whose weights", "training never changed", size=20)
            block = Group(mask, caption).arrange(RIGHT, buff=0.3).next_to(order, DOWN, buff=0.4)
            block.align_to(bar, LEFT)
            with self.beat("Some of that noise is exactly where training started. A network begins with random "
                           "weights, and a weight only changes when its pixel has ink in some training image. "
                           f"These {count(kept)} pixels, mostly around the border, are black in {every}, so their "
                           "weights are still, bit for bit, the random numbers they started as.") as beat:
                self.play(FadeOut(honest), FadeIn(block), run_time=beat.share(0.35))
            bottom = block

        accuracy = net.metadata.get("test_accuracy")
        tested = net.metadata.get("data", {}).get("test_images")
        self.quoted_accuracy = float(accuracy) if isinstance(accuracy, (int, float)) and tested else None
        score = ""
        if self.quoted_accuracy is not None:
            score = (f"And yet this network reads {format_number(100 * self.quoted_accuracy, 2)} percent of the "
                     f"{count(int(tested))} test digits correctly, digits it never saw while training. ")
        shown = []
        if self.quoted_accuracy is not None:
            result = lines(f"test accuracy: {format_number(100 * self.quoted_accuracy, 2)}%",
                           f"on {count(int(tested))} digits it never saw", size=20, color=theme.accent)
            self.accuracy_text = result.next_to(bottom, DOWN, buff=0.3).align_to(bar, LEFT)
            shown.append(FadeIn(result))
        self.say(f"{score}It found a way of reading digits that works, without the tidy structure we hoped for. "
                 "How it found it, starting from nothing but random numbers, is the story of chapter 2.", *shown)
