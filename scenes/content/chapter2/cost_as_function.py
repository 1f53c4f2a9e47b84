"""Chapter 2, scene 4: two functions -- the network (784 pixels in, 10 numbers out, weights fixed) and the cost
(13,002 weights and biases in, one number out, training data fixed)."""

from __future__ import annotations

import textwrap

from manim import DOWN, LEFT, RIGHT, UP, Arrow, FadeIn, GrowArrow, Group, Indicate, VGroup, there_and_back

from nnlib.training_data import training_digits
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import boxed, count, pulse, other_training_cost
from scenes.content.components import NudgeColumn, PixelGrid, current_theme, format_number, label, number


def machine(left, left_name: str, name: str, detail: str, right, right_name: str) -> Group:
    """input -> [a box with the function's name] -> output, each with a caption."""
    theme = current_theme()
    body = VGroup(label(name, size=28), label(textwrap.fill(detail, 24), size=24, dim=True)).arrange(DOWN, buff=0.2)
    box = boxed(body)
    left_group = Group(left, label(left_name, size=24, dim=True)).arrange(DOWN, buff=0.15)
    right_group = Group(right, label(right_name, size=24, dim=True)).arrange(DOWN, buff=0.15)
    row = Group(left_group, box, right_group).arrange(RIGHT, buff=1.0)
    arrows = VGroup(Arrow(left_group.get_right(), box.get_left(), color=theme.dim_text, buff=0.15),
                    Arrow(box.get_right(), right_group.get_left(), color=theme.dim_text, buff=0.15))
    machine = Group(row, arrows)
    if machine.width > 12.6:
        machine.scale_to_fit_width(12.6)
    return machine


class CostAsFunction(ExplainerScene):
    """The network function and the cost function side by side, with the real numbers going in and out.

    Exposes ``shown_outputs`` (the network's ten outputs for the chosen digit), ``shown_cost`` (the network's
    average cost on the training digits) and ``shown_parameters`` (the first four parameters drawn).
    """

    def construct(self) -> None:
        theme, net, digit = self.theme, self.network, self.digit
        digits = training_digits()
        self.shown_cost = float(net.cost(digits.images, digits.labels))
        out = net.output(digit.image)[0]
        self.shown_outputs = out.copy()
        params = net.parameters_vector()
        self.shown_parameters = params[:4].copy()
        n_in, n_out, n_params = net.sizes[0], net.sizes[-1], net.parameter_count

        heading = self.title("Two functions: the network, and its cost")
        network_row = machine(PixelGrid(digit.image, height=1.5), f"{count(n_in)} pixels", "the network",
                              f"fixed: its {count(n_params)} weights and biases",
                              NudgeColumn(out, head=range(n_out), decimals=2, bars=False, colour_by_sign=False,
                                          row_height=0.3, size=24), f"{count(n_out)} outputs")
        cost_row = machine(NudgeColumn(params, head=range(3), tail=range(n_params - 1, n_params), decimals=2,
                                       bars=False, colour_by_sign=False, row_height=0.34, size=24),
                           f"{count(n_params)} weights and biases", "the cost",
                           f"fixed: {digits.description}",
                           number(self.shown_cost, 3, size=40, color=theme.accent), "one number")
        Group(network_row, cost_row).arrange(DOWN, buff=0.25).next_to(heading, DOWN, buff=0.2)
        (n_left, n_box, n_right), n_arrows = network_row
        (c_left, c_box, c_right), c_arrows = cost_row
        out_column = n_right[0]
        best = out_column.rows[int(out.argmax())]
        with self.beat("It helps to be clear about two different functions. <bookmark mark='first'/>The first is "
                       f"the network itself. <bookmark mark='input'/>Its input is an image, {count(n_in)} pixel "
                       f"values; <bookmark mark='output'/>its output is {count(n_out)} numbers. "
                       f"<bookmark mark='fixed'/>Its {count(n_params)} weights and biases stay fixed while it runs: "
                       f"they make it this network. <bookmark mark='best'/>For this {digit.name}, its brightest "
                       f"output is {format_number(float(out.max()), 2)}, on {int(out.argmax())}."):
            self.play(FadeIn(heading), run_time=1.5)
            self.on_word("two different", Indicate(heading, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("first", FadeIn(n_box), run_time=1.5)
            self.on_word("input", FadeIn(n_left, shift=0.3 * RIGHT), GrowArrow(n_arrows[0]), run_time=1.5)
            self.on_word("output", GrowArrow(n_arrows[1]), FadeIn(n_right, shift=0.3 * RIGHT), run_time=1.5)
            self.on_word("fixed", Indicate(n_box[1][1], color=theme.accent, scale_factor=1.1), run_time=1.5)
            self.on_word("this network", Indicate(n_box[0], color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("best", pulse(n_left[0], 1.1), run_time=1.5)
            self.play(Indicate(best, color=theme.accent, scale_factor=1.6), run_time=1.5)

        recorded = other_training_cost(net, digits)
        self.recorded = recorded
        with self.beat("<bookmark mark='second'/>The second is the cost. <bookmark mark='all'/>Its input is all "
                       f"{count(n_params)} weights and biases at once: <bookmark mark='list'/>a list starting "
                       f"{format_number(params[0], 2)}, {format_number(params[1], 2)}, "
                       f"{format_number(params[2], 2)}, and so on. <bookmark mark='inside'/>Inside, it runs the "
                       f"network on each of {digits.description} and averages their costs. "
                       "<bookmark mark='one'/>Its output is one number: "
                       f"{format_number(self.shown_cost, 3)} for the weights we trained. "
                       "<bookmark mark='data'/>Now the training data is what stays fixed."):
            self.on_word("second", FadeIn(c_box), run_time=1.2)
            self.on_word("all", FadeIn(c_left, shift=0.3 * RIGHT), GrowArrow(c_arrows[0]), run_time=1.5)
            self.on_word("list", *(Indicate(c_left[0].rows[i], color=theme.accent, scale_factor=1.4)
                                for i in range(3)), run_time=2.0)
            self.on_word("so on", Indicate(c_left[0].ellipsis, color=theme.accent, scale_factor=1.6), run_time=1.5)
            self.on_word("inside", Indicate(c_box[0], color=theme.accent, scale_factor=1.05),
                c_arrows[0].animate(rate_func=there_and_back).set_color(theme.accent), run_time=2.0)
            self.on_word("averages", Indicate(c_box[1][1], color=theme.accent, scale_factor=1.1), run_time=1.5)
            self.on_word("one", GrowArrow(c_arrows[1]), FadeIn(c_right, shift=0.3 * RIGHT), run_time=1.5)
            self.on_word("we trained", Indicate(c_right[0], color=theme.accent, scale_factor=1.3), run_time=1.5)
            self.on_word("data", Indicate(c_box[1][1], color=theme.accent, scale_factor=1.1), run_time=1.5)
            self.play(pulse(n_box[1][1], 1.1), run_time=1.5)

        whole = ""
        if recorded:
            whole = (f" <bookmark mark='whole'/>Over all {count(recorded[0])} digits it learned from, the same "
                     f"network's cost is {format_number(recorded[1], 3)}, a slightly different average.")
        note = (label(f"over all {count(recorded[0])}\ntraining digits: {format_number(recorded[1], 3)}", size=24,
                      dim=True).next_to(c_right, DOWN, buff=0.2, aligned_edge=LEFT) if recorded else None)
        if note is not None:
            note.value = recorded[1]
            note.shift(max(c_box.get_right()[0] + 0.2 - note.get_left()[0], 0) * RIGHT)
            note.shift(min(6.9 - note.get_right()[0], 0) * RIGHT)
        with self.beat("This turn of view is the heart of learning. <bookmark mark='find'/>Learning means finding "
                       f"the input to the cost function, the {count(n_params)} numbers, <bookmark mark='small'/>"
                       f"that makes its output as small as possible.{whole} <bookmark mark='lowest'/>The question "
                       "is now how to find the lowest point of a function. There is a method for that which works "
                       "even with thousands of inputs."):
            self.on_word("heart", Indicate(c_box[0], color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("find", Indicate(c_left, color=theme.accent, scale_factor=1.08), run_time=1.5)
            self.on_word("numbers", *(Indicate(r, color=theme.accent) for r in c_left[0].rows.values()), run_time=1.5)
            self.on_word("small", c_right[0].animate.scale(0.8), run_time=1.5)
            self.play(c_right[0].animate.scale(1 / 0.8), run_time=1.0)
            if note is not None:
                self.on_word("whole", FadeIn(note, shift=0.2 * UP), run_time=1.5)
                self.on_word("different average", Indicate(note, color=theme.accent), run_time=1.5)
            self.on_word("lowest", Indicate(c_right[0], color=theme.accent, scale_factor=1.3), run_time=1.5)
            self.on_word("function", c_right[0].animate.shift(0.3 * DOWN), run_time=1.2)
            self.play(c_right[0].animate.shift(0.3 * UP), run_time=1.0)
            self.on_word("method", Indicate(heading, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("thousands", Indicate(c_left, color=theme.accent, scale_factor=1.05), run_time=1.5)
