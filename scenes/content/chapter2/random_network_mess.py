"""Chapter 2, scene 2: before learning -- a network with random weights and biases, fed the chosen digit."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, Create, FadeIn, VGroup

from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, random_network
from scenes.content.components import NetworkDiagram, PixelGrid, format_number, label, number


class RandomNetworkMess(ExplainerScene):
    """A network of the same shape as the one in force, initialised at random (``--seed``), fed the chosen digit.

    Exposes ``shown_outputs`` (the ten output activations drawn), ``shown_answer`` (its brightest output) and
    ``seed``.
    """

    def construct(self) -> None:
        theme, digit = self.theme, self.digit
        net = random_network(self)
        self.seed = self.options.seed
        grid = PixelGrid(digit.image, height=2.6).to_edge(LEFT, buff=0.5)
        diagram = NetworkDiagram(net, max_shown=6, height=5.6, layer_spacing=2.3).shift(0.6 * RIGHT)
        heading = self.title(f"Before learning: random weights and biases (seed {self.seed})")
        with self.beat("Learning has to start somewhere, and it starts from nothing in particular. We build the "
                       f"same network, {'-'.join(map(str, net.sizes))}, and set all {count(net.parameter_count)} of "
                       "its weights and biases to small random numbers, drawn with a fixed seed so that this picture "
                       "can be reproduced exactly.") as beat:
            self.play(FadeIn(heading), FadeIn(diagram), run_time=beat.share(0.4))

        fed = f"this {digit.name}" if digit.label is not None else "your digit"
        with self.beat(f"Now feed it {fed}, just as we did with the trained network in chapter 1. The pixels light "
                       "the input layer, and each layer computes the next one from it, exactly as before. But with random "
                       "weights, which neurons light up in the middle layers means nothing: those patterns are "
                       "noise, not pieces of digits.") as beat:
            self.play(FadeIn(grid), run_time=beat.share(0.2))
            # a layer a second, as the trained network lit in chapter 1; the rest of the beat holds the lit
            # pattern while the narration says what it is (crawling through the layers at the narration's pace
            # cost 15 s of 60 fps frames, and this scene its minute at -qh)
            self.play(diagram.feed_forward(digit.image, run_time_per_layer=1.0))

        out = diagram.activations[-1]
        self.shown_outputs = np.asarray(out, dtype=float).copy()
        values = VGroup(*(number(out[c.index], 2, size=20).next_to(diagram.output_labels[k], RIGHT, buff=0.25)
                          for k, c in enumerate(diagram.neurons[-1])))
        box = diagram.mark_answer()
        self.shown_answer = int(diagram.answer)
        low, high = float(out.min()), float(out.max())
        right = digit.label is not None and self.shown_answer == digit.label
        verdict = label(f"its brightest output says {self.shown_answer}"
                        + (": right, by luck" if right else ": the outputs are a mess"), size=26,
                        color=theme.positive if right else theme.negative).to_edge(DOWN, buff=0.3)
        luck = (f"It happens to say {self.shown_answer}, which is right, but only by luck: the other outputs are "
                "nearly as bright." if right else
                f"Its brightest output says {self.shown_answer}" + (f", not {digit.name}" if digit.label is not None
                                                                    else "") + ".")
        with self.beat(f"Look at the ten outputs. They range from {format_number(low, 2)} to "
                       f"{format_number(high, 2)}, with no clear winner. {luck} The network has learned nothing "
                       "yet, and it has no way to know that it is wrong. To learn, it first needs a way to be told "
                       "how bad an answer is.") as beat:
            self.play(FadeIn(values), run_time=beat.share(0.3))
            self.play(Create(box), FadeIn(verdict), run_time=beat.share(0.3))
