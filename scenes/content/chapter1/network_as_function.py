"""Chapter 1, scene 9: a neuron is a function, and so is the whole network -- 784 numbers in, 10 out, 13,002
parameters inside."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Create, FadeIn, Indicate, Rectangle, VGroup, Write

from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count
from scenes.content.components import NetworkDiagram, PixelGrid, format_number, formula, label, number


class NetworkAsFunction(ExplainerScene):
    """The network in force as one function: the chosen digit's 784 pixels in, its ten real outputs out, and the
    parameter count inside the box.

    Exposes ``shown_outputs`` (the ten outputs on screen), ``shown_parameter_count``, ``parameter_text``,
    ``input_grid`` and ``output_rows``.
    """

    def construct(self) -> None:
        net, digit, theme = self.network, self.digit, self.theme
        n_in, n_out = net.sizes[0], net.sizes[-1]
        self.shown_outputs = net.forward(digit.image)[-1].ravel()
        self.shown_parameter_count = net.parameter_count
        answer = int(np.argmax(self.shown_outputs))

        heading = self.title("The network is just a function")
        neuron_law = formula("a = sigma(w_1 a_1 + dots.c + w_n a_n + b)", size=36).next_to(heading, DOWN, buff=0.3)
        self.say("Earlier, a neuron was a thing that holds a number. Now we can say more precisely what it is: a "
                 "function. It takes in all the activations of the layer before it, and gives back one number: "
                 "its weighted sum, plus its bias, squished.",
                 FadeIn(heading), Write(neuron_law))

        law = formula(f"f(a_1, dots, a_{n_in}) = (y_0, dots, y_{n_out - 1})", size=38).move_to(neuron_law)
        box = Rectangle(width=4.6, height=4.2, color=theme.dim_text, stroke_width=2).shift(0.6 * DOWN)
        inside = NetworkDiagram(net, height=3.5, layer_spacing=1.25, show_edges=True).move_to(box)
        inside.set_activations(inside.activations_for(digit.image))
        inside.output_labels.set_opacity(0)
        inside.braces.set_opacity(0)
        f_name = label("f", size=36, color=theme.accent).next_to(box, UP, buff=0.1).align_to(box, LEFT)
        grid = PixelGrid(digit.image, height=2.6).next_to(box, LEFT, buff=1.4)
        in_text = label(f"{count(n_in)} numbers in", size=24).next_to(grid, DOWN, buff=0.3)
        outputs = VGroup(*(VGroup(label(f"{d}", size=20, dim=True),
                                  number(v, 2, size=20, color=theme.accent if d == answer else theme.text))
                           for d, v in enumerate(self.shown_outputs)))
        for row in outputs:
            row[1].next_to(row[0], RIGHT, buff=0.25).align_to(outputs[0][0].get_right() + 0.25 * RIGHT, LEFT)
        outputs.arrange(DOWN, buff=0.12, aligned_edge=LEFT)
        outputs.next_to(box, RIGHT, buff=1.4)
        out_text = label(f"{count(n_out)} numbers out", size=24).next_to(outputs, DOWN, buff=0.3)
        arrows = VGroup(Arrow(grid.get_right(), box.get_left(), buff=0.15, color=theme.dim_text),
                        Arrow(box.get_right(), outputs.get_left(), buff=0.15, color=theme.dim_text))
        with self.beat("Chain all the neurons together and the whole network is one function too. It takes in "
                       f"{count(n_in)} numbers, the pixels of an image, and gives back {count(n_out)} numbers, one "
                       f"for each digit. Here it is applied to our {digit.name}: out come these {count(n_out)} "
                       f"numbers, and the biggest, {format_number(float(self.shown_outputs[answer]), 2)}, belongs "
                       f"to the digit {answer}.") as beat:
            self.play(neuron_law.animate.become(law), run_time=beat.share(0.2))
            self.play(FadeIn(grid), FadeIn(in_text), Create(arrows[0]), run_time=beat.share(0.2))
            self.play(Create(box), FadeIn(inside), FadeIn(f_name), run_time=beat.share(0.2))
            self.play(Create(arrows[1]), FadeIn(outputs), FadeIn(out_text), run_time=beat.share(0.2))

        knobs = VGroup(number(self.shown_parameter_count, 0, size=30, color=theme.accent),
                       label("parameters inside: weights and biases", size=26)).arrange(RIGHT, buff=0.2)
        knobs.next_to(box, DOWN, buff=0.35)
        self.parameter_text = knobs[0]
        self.input_grid, self.output_rows = grid, outputs
        with self.beat(f"Inside, the function has {count(self.shown_parameter_count)} parameters, the weights and "
                       "biases we counted, and it is built from nothing but matrix products and squishes, one layer "
                       "after another.") as beat:
            self.play(FadeIn(knobs), *(inside.edge_pulse(g) for g in range(len(inside.edges))),
                      run_time=beat.share(0.6))

        with self.beat("It is an absurdly complicated function. And that is reassuring: if it were simple, there "
                       "would be little hope that it could do something as hard as reading handwriting. But it is "
                       "a function all the same. Nothing in it is mysterious; the same image in gives the same "
                       "numbers out, every time.") as beat:
            self.play(Indicate(box, color=theme.accent, scale_factor=1.03), run_time=beat.share(0.4))

        self.say(f"The big question left is how the network finds good values for its "
                 f"{count(self.shown_parameter_count)} parameters by itself, just by looking at examples. That is "
                 "what learning means, and it is the subject of chapter 2. Before that, one honest look at what "
                 "our trained network's first layer really holds.")
