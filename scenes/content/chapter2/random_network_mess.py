"""Chapter 2, scene 2: before learning -- a network with random weights and biases, fed the chosen digit."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, Create, FadeIn, Indicate, VGroup

from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, pulse, random_network, readable_diagram
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
        diagram = readable_diagram(NetworkDiagram(net, max_shown=6, height=5.6, layer_spacing=2.3)).shift(0.6 * RIGHT)
        heading = self.title(f"Before learning: random weights and biases (seed {self.seed})")
        acts = diagram.activations_for(digit.image)
        with self.beat("Learning has to start somewhere, and it starts from nothing in particular. We build the "
                       f"same network, {'-'.join(map(str, net.sizes))}. <bookmark mark='random'/>All "
                       f"{count(net.parameter_count)} of its weights and biases get small random numbers. "
                       "<bookmark mark='seed'/>They are drawn with a fixed seed, so this picture can be reproduced "
                       "exactly."):
            self.play(FadeIn(heading), run_time=1.5)
            self.on_word("nothing", Indicate(heading, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("same network", FadeIn(diagram), run_time=2.0)
            self.on_word("random", *(diagram.edge_pulse(g) for g in range(3)), run_time=2.0)
            self.on_word("seed", Indicate(heading, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("reproduced", *(diagram.edge_pulse(g) for g in range(3)), run_time=2.0)

        fed = f"this {digit.name}" if digit.label is not None else "your digit"
        with self.beat(f"Now feed it {fed}, just as we did with the trained network in chapter 1. "
                       "<bookmark mark='pixels'/>The pixels light the input layer, <bookmark mark='layers'/>and "
                       "each layer computes the next one from it, exactly as before. <bookmark mark='but'/>But with "
                       "random weights, the pattern in the middle layers means nothing. <bookmark mark='noise'/>It "
                       "is noise, not pieces of digits."):
            self.play(FadeIn(grid, shift=0.3 * RIGHT), run_time=1.5)
            self.on_word("trained network", pulse(grid, 1.1), run_time=1.5)
            self.on_word("pixels", diagram.light_layer(0, acts[0], run_time=1.5))
            self.on_word("layers", diagram.light_layer(1, acts[1], run_time=1.2))
            self.play(diagram.light_layer(2, acts[2], run_time=1.2))
            self.play(diagram.light_layer(3, acts[3], run_time=1.2))
            diagram.activations = acts
            middle = VGroup(*diagram.neurons[1], *diagram.neurons[2])
            self.on_word("but", Indicate(middle, color=theme.accent, scale_factor=1.15), run_time=1.5)
            self.on_word("means nothing", diagram.edge_pulse(0), run_time=1.5)
            self.on_word("noise", diagram.edge_pulse(1), Indicate(middle, color=theme.accent, scale_factor=1.15),
                run_time=1.5)

        out = diagram.activations[-1]
        self.shown_outputs = np.asarray(out, dtype=float).copy()
        values = VGroup(*(number(out[c.index], 2, size=24).next_to(diagram.output_labels[k], RIGHT, buff=0.25)
                          for k, c in enumerate(diagram.neurons[-1])))
        box = diagram.mark_answer()
        self.shown_answer = int(diagram.answer)
        low, high = float(out.min()), float(out.max())
        shown_order = [c.index for c in diagram.neurons[-1]]
        lowest, highest = values[shown_order.index(int(out.argmin()))], values[shown_order.index(int(out.argmax()))]
        right = digit.label is not None and self.shown_answer == digit.label
        verdict = label(f"its brightest output says {self.shown_answer}"
                        + (": right, by luck" if right else ": the outputs are a mess"), size=26,
                        color=theme.positive if right else theme.negative).to_edge(DOWN, buff=0.3)
        luck = (f"It happens to say {self.shown_answer}, which is right, but only by luck. The other outputs are "
                "nearly as bright." if right else
                f"Its brightest output says {self.shown_answer}" + (f", not {digit.name}" if digit.label is not None
                                                                    else "") + ".")
        with self.beat("Look at the ten outputs. They range <bookmark mark='low'/>from "
                       f"{format_number(low, 2)} <bookmark mark='high'/>to {format_number(high, 2)}, "
                       f"<bookmark mark='winner'/>with no clear winner. <bookmark mark='says'/>{luck} "
                       "<bookmark mark='nothing'/>The network has learned nothing yet, and it has no way to know "
                       "that it is wrong. <bookmark mark='told'/>To learn, it first needs a way to be told how bad "
                       "an answer is."):
            self.play(FadeIn(values, lag_ratio=0.1), run_time=1.5)
            self.on_word("low", Indicate(lowest, color=theme.accent, scale_factor=1.5), run_time=1.2)
            self.on_word("high", Indicate(highest, color=theme.accent, scale_factor=1.5), run_time=1.2)
            self.on_word("winner", Indicate(values, color=theme.accent, scale_factor=1.1), run_time=1.5)
            self.on_word("says", Create(box), FadeIn(verdict), run_time=1.5)
            self.on_word("nothing", *(diagram.edge_pulse(g) for g in range(3)), run_time=2.0)
            self.on_word("wrong", Indicate(box, color=theme.accent, scale_factor=1.3), run_time=1.5)
            self.on_word("told", Indicate(verdict, color=theme.accent), run_time=1.5)
            self.on_word("how bad", Indicate(values, color=theme.accent, scale_factor=1.1), run_time=1.5)
