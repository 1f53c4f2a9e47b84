"""Chapter 2, scene 1: what the network learns from -- labelled training digits -- and the test digits kept apart.

The recap of chapter 1 is the trained network lighting up for a digit, layer by layer, as the narration names the
layers; then the training digits arrive with their labels, and the test digits are set apart.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Group, Indicate, Rectangle, VGroup, Write

from nnlib.assets import load_sample
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import hidden_words
from scenes.content.chapter2.common import boxed, count, pulse, readable_diagram
from scenes.content.components import DigitGallery, NetworkDiagram, PixelGrid, label


class TrainingData(ExplainerScene):
    """The trained network lighting up for the chosen digit (the recap); labelled training digits on the left (the
    shipped sample, four of each digit); the test digits set apart on the right, with the counts the network in
    force records in its file.

    Exposes ``shown_counts`` (training images, test images: from the network's metadata), ``gallery_labels`` and
    ``recap_answer`` (the output the recap's network lit brightest).
    """

    def construct(self) -> None:
        theme, net, digit = self.theme, self.network, self.digit
        sample = load_sample()
        per_digit = 4
        order = [int(np.flatnonzero(sample.labels == d)[r]) for r in range(per_digit) for d in range(10)]
        self.gallery_labels = [int(sample.labels[i]) for i in order]
        gallery = DigitGallery(sample.images[order], [str(d) for d in self.gallery_labels], columns=10,
                               tile_height=0.62, caption_size=24).to_edge(LEFT, buff=0.6).shift(0.35 * DOWN)
        data = net.metadata.get("data", {}) if isinstance(net.metadata.get("data"), dict) else {}
        trained_on, tested_on = int(data.get("train_images", 0) or 0), int(data.get("test_images", 0) or 0)
        self.shown_counts = (trained_on, tested_on)

        # --- the recap: the trained network lights up for a digit, as the narration names its layers
        grid = PixelGrid(digit.image, height=2.4).to_edge(LEFT, buff=0.6)
        diagram = readable_diagram(NetworkDiagram(net, max_shown=6, height=5.4, layer_spacing=2.3)).shift(
            1.0 * RIGHT + 0.3 * DOWN)
        heading = self.title("Chapter 1 in one picture: the network at work")
        acts = diagram.activations_for(digit.image)
        total = label(f"{count(net.parameter_count)} weights and biases decide what it does", size=26,
                      color=theme.accent).to_edge(DOWN, buff=0.3)
        with self.beat(f"A quick recap of chapter 1. Our network takes the {count(net.sizes[0])} pixels of a digit "
                       "as its first layer. <bookmark mark='hidden'/>It passes them through "
                       f"{hidden_words(net.sizes)}, <bookmark mark='out'/>and lights one of {count(net.sizes[-1])} "
                       "output neurons as its answer. <bookmark mark='neuron'/>Every neuron weighs the layer "
                       "before, adds its bias, and squishes the result. <bookmark mark='total'/>Those "
                       f"{count(net.parameter_count)} weights and biases decide everything it does."):
            self.play(FadeIn(heading), FadeIn(diagram), run_time=1.5)
            self.on_word("Our network", pulse(diagram, 1.04), run_time=1.5)
            self.on_word("pixels", FadeIn(grid, shift=0.3 * RIGHT), run_time=1.5)
            self.on_word("first layer", diagram.light_layer(0, acts[0], run_time=1.2))
            self.on_word("hidden", diagram.light_layer(1, acts[1], run_time=1.0))
            self.play(diagram.light_layer(2, acts[2], run_time=1.0))
            self.on_word("out", diagram.light_layer(3, acts[3], run_time=1.0))
            box = diagram.mark_answer(int(np.argmax(acts[-1])))
            self.recap_answer = int(diagram.answer)
            self.play(Create(box), run_time=0.8)
            hidden = diagram.neurons[1][0]
            self.on_word("neuron", diagram.edge_pulse(0), Indicate(hidden, color=theme.accent, scale_factor=1.6),
                run_time=1.5)
            self.on_word("squishes", Indicate(hidden, color=theme.accent, scale_factor=1.6), run_time=1.0)
            self.on_word("total", Write(total), *(diagram.edge_pulse(g) for g in range(3)), run_time=2.0)
            self.on_word("everything", Indicate(total, color=theme.accent), run_time=1.5)

        # --- training digits, each with its label
        title = self.title("Learning from examples: images that come with the right answer")
        caption = label("training digits, each with its label underneath", size=24, dim=True)
        caption.next_to(gallery, UP, buff=0.25)

        def tile_frame(i: int) -> Rectangle:
            """A frame around tile ``i`` and its label."""
            return Rectangle(width=0.74, height=1.1, color=theme.accent, stroke_width=3).move_to(
                gallery.tile_center(i) + 0.2 * DOWN)

        pointer = tile_frame(3)
        with self.beat("In chapter 1 we took those weights and biases as given. Now the real question: where do "
                       "they come from? <bookmark mark='learns'/>The network learns them from examples. Here are "
                       "some: handwritten digits, <bookmark mark='label'/>each paired with a label, the digit a "
                       "person said it shows. <bookmark mark='lesson'/>The label turns a picture into a lesson. "
                       "<bookmark mark='check'/>The network's own answer can be checked against it."):
            self.play(Indicate(total, color=theme.accent), run_time=1.5)
            self.on_word("as given", FadeOut(Group(diagram, grid, total, box, heading)), run_time=1.5)
            self.on_word("real question", FadeIn(title, shift=0.2 * DOWN), run_time=1.5)
            self.on_word("come from", Indicate(title, color=theme.accent), run_time=1.5)
            self.on_word("learns", FadeIn(gallery, shift=0.3 * UP), run_time=2.5)
            self.on_word("label", FadeIn(caption), *(Indicate(c, color=theme.accent, scale_factor=1.5)
                                                  for c in gallery.captions[:10]), run_time=1.5)
            self.on_word("lesson", FadeIn(pointer), run_time=0.6)
            self.play(pointer.animate.move_to(tile_frame(13)), run_time=1.0)
            self.on_word("check", Indicate(gallery.captions[13], color=theme.accent, scale_factor=1.8), run_time=1.5)
            self.on_word("against", pointer.animate.move_to(tile_frame(36)), run_time=1.2)
            self.play(Indicate(gallery.captions[36], color=theme.accent, scale_factor=1.8), run_time=1.5)

        how_many = (f"{count(trained_on)} labelled training images" if trained_on else
                    "its labelled training images (how many was not recorded)")
        counts = VGroup(label(how_many, size=26),
                        label("the full MNIST set has 60,000", size=24, dim=True)).arrange(DOWN, buff=0.15)
        counts.next_to(gallery, DOWN, buff=0.3)
        sample_words = (f"Our network learned from <bookmark mark='ours'/>{count(trained_on)} of them. The full "
                        "MNIST collection <bookmark mark='full'/>has 60,000 training digits. <bookmark mark='smaller'/>We "
                        "trained on a smaller sample so that anyone can repeat the training on an ordinary "
                        "<bookmark mark='laptop'/>laptop." if trained_on else
                        "<bookmark mark='ours'/>Nobody recorded how many training images "
                        "it learned from. <bookmark mark='full'/><bookmark mark='smaller'/><bookmark mark='laptop'/>")
        with self.beat(f"{sample_words} <bookmark mark='adjust'/>Learning, for this network, means one thing. It "
                       f"adjusts its {count(net.parameter_count)} weights and biases until its answers on these "
                       "examples agree with their labels."):
            self.on_word("ours", FadeIn(counts[0], shift=0.2 * UP), run_time=1.0)
            self.on_word("full", FadeIn(counts[1], shift=0.2 * UP), run_time=1.0)
            self.on_word("smaller", Indicate(counts[0], color=theme.accent), run_time=1.5)
            self.on_word("laptop", pulse(gallery.image, 1.04), run_time=1.5)
            self.on_word("adjust", pointer.animate.move_to(tile_frame(27)), run_time=1.5)
            self.on_word("weights", Indicate(gallery.captions[27], color=theme.accent, scale_factor=1.8), run_time=1.5)
            self.on_word("examples", pointer.animate.move_to(tile_frame(21)), run_time=1.2)
            self.on_word("agree", *(Indicate(c, color=theme.accent, scale_factor=1.4) for c in gallery.captions[20:30]),
                run_time=1.5)

        test_words = (f"{count(tested_on)} test images" if tested_on else "test images")
        test_text = VGroup(label(test_words, size=28),
                           label("kept apart: never\nshown during training", size=24, dim=True),
                           label("used only afterwards,\nto measure what it\nreally learned", size=24,
                                 color=theme.accent)).arrange(DOWN, buff=0.35)
        test_box = boxed(test_text, buff=0.35).to_edge(RIGHT, buff=0.35).match_y(gallery)
        with self.beat(f"A second collection{f' of {count(tested_on)} digits' if tested_on else ''} is locked "
                       "away and never used for learning. <bookmark mark='end'/>These test images are for the end. "
                       "Then we ask the fair question: <bookmark mark='never'/>does the network recognise digits it "
                       "has never seen? <bookmark mark='memorise'/>Doing well on its own lessons proves little; a "
                       "student can memorise answers. <bookmark mark='new'/>Doing well on new digits is what we are "
                       "after."):
            self.play(Create(test_box[0]), FadeIn(test_text[0]), run_time=1.5)
            self.on_word("locked", FadeIn(test_text[1], shift=0.2 * DOWN), run_time=1.0)
            self.on_word("end", FadeIn(test_text[2], shift=0.2 * DOWN), run_time=1.0)
            self.on_word("fair", Indicate(test_text[2], color=theme.accent), run_time=1.5)
            self.on_word("never", Indicate(test_text[0], color=theme.accent), run_time=1.5)
            self.on_word("memorise", pulse(gallery.image, 1.04), run_time=1.5)
            self.on_word("student", pointer.animate.move_to(tile_frame(5)), run_time=1.5)
            self.on_word("new", FadeOut(pointer), Indicate(test_box[0], color=theme.accent, scale_factor=1.05),
                run_time=1.5)
