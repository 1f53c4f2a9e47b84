"""Chapter 1, scene 9: a neuron is a function, and so is the whole network -- 784 numbers in, 10 out, 13,002
parameters inside; the chosen digit goes through it layer by layer and its ten real outputs come out."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Circle, Circumscribe, Create, FadeIn, FadeOut, GrowArrow, GrowFromCenter, Indicate,
                   LaggedStart, Rectangle,
                   ReplacementTransform, SurroundingRectangle, VGroup, Write)

from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count
from scenes.content.chapter1.fan_in import gap_pulse, spread
from scenes.content.components import NetworkDiagram, PixelGrid, format_number, formula, label, number

#: Formulas at 40: capitals 17 px, subscripts about 12 px high at 854x480.
FORMULA = 40
#: Words and numbers at 26: capitals 16 px high at 854x480.
TEXT = 26


class NetworkAsFunction(ExplainerScene):
    """The network in force as one function: the chosen digit's 784 pixels in, its ten real outputs out, and the
    parameter count inside the box.

    Exposes ``shown_outputs`` (the ten outputs on screen), ``shown_parameter_count``, ``parameter_text``,
    ``input_grid``, ``output_rows``, ``neuron_parts`` (the neuron's formula, piece by piece) and ``held_activation``
    (the number the first neuron of the first hidden layer holds for the digit, shown as the neuron of old).
    """

    def construct(self) -> None:
        net, digit, theme = self.network, self.digit, self.theme
        n_in, n_out = net.sizes[0], net.sizes[-1]
        self.shown_outputs = net.forward(digit.image)[-1].ravel()
        self.shown_parameter_count = net.parameter_count
        answer = int(np.argmax(self.shown_outputs))
        squish = "sigma" if net.hidden_activation == "sigmoid" else 'op("ReLU")'

        heading = self.title("The network is just a function")
        # a neuron's formula in pieces, each shown as the narration names it
        parts = VGroup(formula("a =", size=FORMULA), formula(f"{squish} (", size=FORMULA),
                       formula("w_1 a_1 + dots.c + w_n a_n", size=FORMULA), formula("+ b", size=FORMULA),
                       formula(")", size=FORMULA)).arrange(RIGHT, buff=0.14)
        parts.next_to(heading, DOWN, buff=0.35)
        self.neuron_parts = parts
        inputs_note = label("every activation of the layer before", size=TEXT, dim=True)
        inputs_note.next_to(parts, DOWN, buff=0.3)
        # the neuron as we first met it: a circle holding a number (neuron 0 of the first hidden layer, our digit)
        held = float(net.forward(digit.image)[1].ravel()[0])
        self.held_activation = held
        circle = Circle(radius=0.8, stroke_color=theme.neuron_stroke, stroke_width=3, fill_color=theme.ink,
                        fill_opacity=float(np.clip(held, 0, 1)))
        holder = VGroup(circle, number(held, 2, size=32).next_to(circle, DOWN, buff=0.25)).move_to([0, -0.6, 0])
        with self.beat("Earlier, a neuron was a thing that holds a number. Now we can say what it really is: "
                       "<bookmark mark='function'/>a function. It takes in every activation of the layer before, "
                       "<bookmark mark='one'/>and gives back one number: <bookmark mark='sum'/>its weighted sum, "
                       "<bookmark mark='bias'/>plus its bias, <bookmark mark='squish'/>squished.") as beat:
            self.play(FadeIn(heading), run_time=self.until("holds a number"))
            self.play(GrowFromCenter(circle), FadeIn(holder[1]), run_time=self.until("function"))
            self.play(Write(parts[0]), Indicate(holder, color=theme.accent), run_time=self.until("takes in"))
            self.play(FadeIn(inputs_note), run_time=self.until("one"))
            self.play(Indicate(parts[0], color=theme.accent), run_time=self.until("sum"))
            self.play(Write(parts[2]), run_time=self.until("bias"))
            self.play(Write(parts[3]), run_time=self.until("squish"))
            self.play(Write(parts[1]), Write(parts[4]), inputs_note.animate.set_opacity(0),
                      run_time=max(beat.end - float(self.renderer.time) - 0.2, 0.5))
        self.remove(inputs_note)

        law = formula(f"f(a_1, dots, a_{n_in}) = (y_0, dots, y_{n_out - 1})", size=FORMULA).move_to(parts)
        box = Rectangle(width=4.6, height=4.3, color=theme.dim_text, stroke_width=2).shift(0.55 * DOWN)
        inside = NetworkDiagram(net, height=3.6, layer_spacing=1.25, show_edges=True).move_to(box)
        inside.output_labels.set_opacity(0)
        inside.braces.set_opacity(0)
        f_name = label("f", size=36, color=theme.accent).next_to(box, UP, buff=0.1).align_to(box, LEFT)
        grid = PixelGrid(digit.image, height=2.6).next_to(box, LEFT, buff=1.3)
        in_text = label(f"{count(n_in)} numbers in", size=TEXT).next_to(grid, DOWN, buff=0.3)
        outputs = VGroup(*(VGroup(label(f"{d}", size=TEXT, dim=True),
                                  number(v, 2, size=TEXT, color=theme.accent if d == answer else theme.text))
                           for d, v in enumerate(self.shown_outputs)))
        for row in outputs:
            row[1].next_to(row[0], RIGHT, buff=0.3)
        outputs.arrange(DOWN, buff=0.1, aligned_edge=LEFT)
        if outputs.height > 4.3:
            outputs.scale_to_fit_height(4.3)
        outputs.next_to(box, RIGHT, buff=1.3).match_y(box)
        out_text = label(f"{count(n_out)} numbers out", size=TEXT).next_to(outputs, DOWN, buff=0.25)
        arrows = VGroup(Arrow(grid.get_right(), box.get_left(), buff=0.15, color=theme.dim_text),
                        Arrow(box.get_right(), outputs.get_left(), buff=0.15, color=theme.dim_text))
        with self.beat("Chain all the neurons together, and the whole network is one function too. "
                       f"<bookmark mark='in'/>It takes in {count(n_in)} numbers, the pixels of an image, "
                       f"<bookmark mark='out'/>and gives back {count(n_out)} numbers, one for each "
                       "digit.") as beat:
            self.play(ReplacementTransform(parts, law), FadeOut(holder), run_time=self.until("whole network") * 0.7)
            self.play(Create(box), FadeIn(inside), FadeIn(f_name), run_time=self.until("in"))
            self.play(FadeIn(grid), FadeIn(in_text), GrowArrow(arrows[0]), run_time=self.until("out"))
            self.play(GrowArrow(arrows[1]), FadeIn(out_text),
                      spread_in(outputs), run_time=max(beat.end - float(self.renderer.time) - 0.2, 0.5))
        self.input_grid, self.output_rows = grid, outputs

        activations = inside.activations_for(digit.image)
        mark = SurroundingRectangle(outputs[answer], color=theme.accent, buff=0.08)
        top = float(self.shown_outputs[answer])
        # for the ear: 0.9996 is "almost exactly 1" (the screen keeps its 1.00), anything else its two decimals
        biggest = "almost exactly 1" if top >= 0.995 else format_number(top, 2)
        with self.beat(f"Here it is, applied to our {digit.name}. <bookmark mark='out'/>Out come ten numbers, and "
                       f"the biggest, <bookmark mark='biggest'/>{biggest}, belongs to the digit {answer}.") as beat:
            per_layer = max(self.until("out") / len(activations), 0.3)
            self.play(Circumscribe(grid, color=theme.accent), run_time=min(per_layer, 1.0))
            for layer, values in enumerate(activations):
                self.play(inside.light_layer(layer, values, run_time=per_layer * (0.7 if layer == 0 else 1)))
            spread(self, [Indicate(row, color=theme.accent, scale_factor=1.1) for row in outputs],
                   self.until("biggest"))
            self.play(Create(mark), Indicate(outputs[answer][1], color=theme.accent, scale_factor=1.3),
                      run_time=max(beat.end - float(self.renderer.time) - 0.2, 0.5))

        knobs = VGroup(number(self.shown_parameter_count, 0, size=30, color=theme.accent),
                       label("parameters inside: weights and biases", size=TEXT)).arrange(RIGHT, buff=0.2)
        knobs.next_to(box, DOWN, buff=0.3)
        self.parameter_text = knobs[0]
        total = count(self.shown_parameter_count)
        with self.beat(f"Inside sit {total} parameters, the weights and biases we counted. <bookmark mark='built'/>"
                       "It is built from nothing but matrix products and squishes, one layer after the "
                       "next.") as beat:
            self.play(FadeIn(knobs), run_time=self.until(total) + 0.8)
            self.wait_until("built")
            gaps = len(inside.edge_bundles)
            spread(self, [gap_pulse(inside, g, theme.accent) for g in range(gaps)] * 2,
                   max(beat.end - float(self.renderer.time) - 0.2, 0.5))

        with self.beat("It is an absurdly complicated function, and that is reassuring: a simple one could never "
                       "read handwriting. <bookmark mark='same'/>Yet nothing in it is mysterious. The same image "
                       "in gives the same numbers out, every time.") as beat:
            self.play(Indicate(box, color=theme.accent, scale_factor=1.03), run_time=min(self.until("same"), 2.0))
            self.wait_until("same")
            self.play(*(c.animate.set_fill(opacity=0) for column in inside.neurons[1:] for c in column),
                      run_time=min(self.until("The same"), 1.5))
            per_layer = max(self.until("every time") / len(activations), 0.3)
            for layer, values in enumerate(activations[1:], start=1):
                self.play(inside.light_layer(layer, values, run_time=per_layer))
            self.play(Indicate(outputs, color=theme.accent, scale_factor=1.05),
                      run_time=max(beat.end - float(self.renderer.time) - 0.2, 0.5))

        first_gap = inside.edge_bundles[0]
        with self.beat(f"The big question left: how does the network find good values for its {total} parameters "
                       "by itself, just from examples? <bookmark mark='learn'/>That is learning, the subject of "
                       "chapter 2. <bookmark mark='first'/>Before that, one honest look at what our network's "
                       "first layer really holds.") as beat:
            self.play(Indicate(knobs[0], color=theme.accent, scale_factor=1.2), run_time=self.until(total) + 1.0)
            spread(self, [gap_pulse(inside, g, theme.accent) for g in range(len(inside.edge_bundles))], self.until("learn"))
            self.play(Indicate(f_name, color=theme.accent, scale_factor=1.4), run_time=self.until("first"))
            self.wait_until("first layer")
            self.play(Indicate(first_gap, color=theme.accent, scale_factor=1.0), gap_pulse(inside, 0, theme.accent),
                      run_time=max(beat.end - float(self.renderer.time) - 0.2, 0.5))


def spread_in(rows: VGroup):
    """The rows appearing one after another, top to bottom."""
    return LaggedStart(*(FadeIn(row, shift=0.15 * RIGHT) for row in rows), lag_ratio=0.25)
