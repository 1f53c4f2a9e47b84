"""Chapter 2, scene 4: two functions -- the network (784 pixels in, 10 numbers out, weights fixed) and the cost
(13,002 weights and biases in, one number out, training data fixed)."""

from __future__ import annotations

from manim import DOWN, RIGHT, Arrow, FadeIn, Group, VGroup

from nnlib.training_data import training_digits
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import boxed, count
from scenes.content.components import NudgeColumn, PixelGrid, current_theme, format_number, label, number


def machine(left, left_name: str, name: str, detail: str, right, right_name: str) -> Group:
    """input -> [a box with the function's name] -> output, each with a caption."""
    theme = current_theme()
    body = VGroup(label(name, size=28), label(detail, size=18, dim=True)).arrange(DOWN, buff=0.2)
    box = boxed(body)
    left_group = Group(left, label(left_name, size=18, dim=True)).arrange(DOWN, buff=0.15)
    right_group = Group(right, label(right_name, size=18, dim=True)).arrange(DOWN, buff=0.15)
    row = Group(left_group, box, right_group).arrange(RIGHT, buff=1.2)
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
        network_row = machine(PixelGrid(digit.image, height=1.6), f"{count(n_in)} pixels", "the network",
                              f"fixed: its {count(n_params)} weights and biases",
                              NudgeColumn(out, head=range(n_out), decimals=2, bars=False, colour_by_sign=False,
                                          row_height=0.26, size=16), f"{count(n_out)} outputs")
        cost_row = machine(NudgeColumn(params, head=range(4), tail=range(n_params - 2, n_params), decimals=2,
                                       bars=False, colour_by_sign=False, row_height=0.3, size=16),
                           f"{count(n_params)} weights and biases", "the cost",
                           f"fixed: {count(digits.count)} training digits",
                           number(self.shown_cost, 3, size=40, color=theme.accent), "one number")
        Group(network_row, cost_row).arrange(DOWN, buff=0.6).next_to(heading, DOWN, buff=0.4)
        with self.beat(f"It helps to be clear about two different functions. The first is the network itself. Its "
                       f"input is an image, {count(n_in)} pixel values; its output is {count(n_out)} numbers. Its "
                       f"{count(n_params)} weights and biases are fixed while it runs: they are what make it this "
                       f"network. For this {digit.name}, its brightest output is "
                       f"{format_number(float(out.max()), 2)}, on {int(out.argmax())}.") as beat:
            self.play(FadeIn(heading), run_time=beat.share(0.15))
            self.play(FadeIn(network_row), run_time=beat.share(0.4))

        with self.beat(f"The second is the cost. Its input is all {count(n_params)} weights and biases at once: a "
                       f"list starting {format_number(params[0], 2)}, {format_number(params[1], 2)}, "
                       f"{format_number(params[2], 2)}, and so on. Inside, it runs the network on every training "
                       "digit and averages the cost of each answer. Its output is one number: "
                       f"{format_number(self.shown_cost, 3)} for the weights we trained. Now the training data is "
                       "what stays fixed.") as beat:
            self.play(FadeIn(cost_row), run_time=beat.share(0.4))

        with self.beat("This turn of view is the heart of learning. Learning means finding the input to the cost "
                       f"function, the {count(n_params)} numbers, that makes its output as small as possible. The "
                       "question has become one about finding the lowest point of a function, and for that there is "
                       "a method that works even with thousands of inputs.") as beat:
            self.play(cost_row[0][2].animate.scale(1.15), run_time=beat.share(0.2))
            self.play(cost_row[0][2].animate.scale(1 / 1.15), run_time=beat.share(0.2))
