"""Chapter 2, scene 1: what the network learns from -- labelled training digits -- and the test digits kept apart."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, VGroup, Write

from nnlib.assets import load_sample
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import hidden_words
from scenes.content.chapter2.common import boxed, count
from scenes.content.components import DigitGallery, label


class TrainingData(ExplainerScene):
    """Labelled training digits on the left (the shipped sample, four of each digit); the test digits set apart on
    the right, with the counts the network in force records in its file.

    Exposes ``shown_counts`` (training images, test images: from the network's metadata) and ``gallery_labels``.
    """

    def construct(self) -> None:
        theme, net = self.theme, self.network
        sample = load_sample()
        per_digit = 4
        order = [int(np.flatnonzero(sample.labels == d)[r]) for r in range(per_digit) for d in range(10)]
        self.gallery_labels = [int(sample.labels[i]) for i in order]
        gallery = DigitGallery(sample.images[order], [str(d) for d in self.gallery_labels], columns=10,
                               tile_height=0.62).to_edge(LEFT, buff=0.6).shift(0.35 * DOWN)
        data = net.metadata.get("data", {}) if isinstance(net.metadata.get("data"), dict) else {}
        trained_on, tested_on = int(data.get("train_images", 0) or 0), int(data.get("test_images", 0) or 0)
        self.shown_counts = (trained_on, tested_on)

        recap = VGroup(label("chapter 1, in one line:", size=22, dim=True),
                       label(f"{count(net.sizes[0])} pixels → {hidden_words(net.sizes)} → {count(net.sizes[-1])} "
                             "outputs", size=26),
                       label(f"{count(net.parameter_count)} weights and biases decide what it does", size=26,
                             color=theme.accent)).arrange(DOWN, buff=0.3)
        with self.beat(f"A quick recap of chapter 1. Our network takes the {count(net.sizes[0])} pixels of a digit as "
                       f"its first layer, passes them through {hidden_words(net.sizes)}, and lights one of "
                       f"{count(net.sizes[-1])} output neurons as its answer. Every neuron weighs the activations of "
                       "the layer before, adds its bias, and squishes the result. Those "
                       f"{count(net.parameter_count)} weights and biases decide everything it does.") as beat:
            self.play(FadeIn(recap), run_time=beat.share(0.4))

        heading = self.title("Learning from examples: images that come with the right answer")
        caption = label("training digits, each with its label underneath", size=22, dim=True)
        caption.next_to(gallery, UP, buff=0.25)
        with self.beat("In chapter 1 we took those weights and biases as given. Now the real "
                       "question: where do they come from? The network learns them from examples. Here are some: "
                       "handwritten digits, each paired with a label, the digit a person said it shows. The label "
                       "is what turns a picture into a lesson, because the network's own answer can be checked "
                       "against it.") as beat:
            self.play(FadeOut(recap), FadeIn(heading), run_time=beat.share(0.2))
            self.play(FadeIn(gallery), FadeIn(caption), run_time=beat.share(0.4))

        how_many = (f"{count(trained_on)} labelled training images" if trained_on else
                    "its labelled training images (the file does not say how many)")
        counts = VGroup(label(how_many, size=26),
                        label("the full MNIST set has 60,000", size=20, dim=True)).arrange(DOWN, buff=0.15)
        counts.next_to(gallery, DOWN, buff=0.3)
        sample_words = (f"Our network learned from {count(trained_on)} of them. The full MNIST collection has "
                        "60,000 training digits; we trained on a smaller sample so that anyone can repeat the "
                        "training on an ordinary laptop." if trained_on else
                        "The weights file in use does not record how many training images it learned from.")
        with self.beat(f"{sample_words} Learning, for this network, will mean one thing: adjusting its "
                       f"{count(net.parameter_count)} weights and biases until its answers on these examples agree "
                       "with their labels.") as beat:
            self.play(FadeIn(counts), run_time=beat.share(0.3))

        test_words = (f"{count(tested_on)} test images" if tested_on else "test images")
        test_text = VGroup(label(test_words, size=28),
                           label("kept apart: never shown\nduring training", size=21, dim=True),
                           label("used only afterwards, to measure\nwhat it really learned", size=21,
                                 color=theme.accent)).arrange(DOWN, buff=0.35)
        test_box = boxed(test_text, buff=0.4).to_edge(RIGHT, buff=0.6).match_y(gallery)
        with self.beat(f"A second collection{f' of {count(tested_on)} digits' if tested_on else ''} is locked "
                       "away and never used for learning. These test images are for the end, when we ask the fair "
                       "question: does the network recognise digits it has never seen? Doing well on its own "
                       "lessons proves little; a student can memorise answers. Doing well on new digits is what "
                       "we are after.") as beat:
            self.play(Create(test_box[0]), Write(test_text), run_time=beat.share(0.5))
