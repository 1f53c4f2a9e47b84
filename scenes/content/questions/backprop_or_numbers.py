"""Questions, scene 1: "Is the cost really differentiable, or are the derivatives found numerically?" One real
weight's partial derivative by backpropagation against a finite difference, then a whole numerical gradient timed
against one backward pass (both measured while the scene renders, :mod:`nnlib.questions`)."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, Group, Line, Rectangle, SurroundingRectangle, ValueTracker, VGroup

from nnlib.analysis import describe_parameter
from nnlib.questions import check_one_derivative, time_gradients
from scenes.content.base import ExplainerScene
from scenes.content.components import PixelGrid, format_number, label
from scenes.content.questions.common import ReadOut, mini_batch, pulse, question_heading, typewriter

DECIMALS = 12


def seconds_text(seconds: float) -> str:
    """A duration on screen: "3.12 s", or "45 µs" below a millisecond."""
    return f"{format_number(seconds, 2)} s" if seconds >= 1e-3 else f"{format_number(seconds * 1e6, 0)} µs"


def seconds_words(seconds: float) -> str:
    """The same, for the voice, rounded: "about 3 seconds", "about 45 millionths of a second"."""
    if seconds >= 1e-3:
        return f"about {format_number(seconds, 1)} seconds"
    return f"about {format_number(seconds * 1e6, 0)} millionths of a second"


class BackpropOrNumbers(ExplainerScene):
    """Backprop's dC/dw for the weight with the largest partial derivative on a mini-batch of ten shipped training
    digits, beside a central difference; then the numerical gradient of all parameters timed against backprop.

    Exposes ``check`` (:class:`nnlib.questions.DerivativeCheck`), ``timing`` (:class:`GradientTiming`) and
    ``shown`` (the figures written on screen, by name).
    """

    def construct(self) -> None:
        theme, net = self.theme, self.network
        X, y = mini_batch()
        check = self.check = check_one_derivative(net, X, y)
        where = describe_parameter(net.parameter_location(check.index))
        heading = question_heading(1, "Is the cost really differentiable, or are the derivatives found numerically?")
        digits = Group(*(PixelGrid(image, height=0.95) for image in X)).arrange(RIGHT, buff=0.12)
        digits.next_to(heading, DOWN, buff=0.45).set_x(0)
        batch_note = label(f"a mini-batch of {len(y)} training digits", size=18, dim=True).next_to(digits, DOWN, 0.12)
        weight = label(f"one real weight: {check.name}, the {where}", size=20, color=theme.accent)
        if weight.width > 13:
            weight.scale_to_fit_width(13)
        weight.next_to(batch_note, DOWN, buff=0.3)
        scan = ValueTracker(0.0)
        box = SurroundingRectangle(digits[0], buff=0.05, color=theme.accent)
        box.add_updater(lambda m: m.move_to(digits[int(min(scan.get_value(), 9.0))]))
        with self.beat("A viewer asks: is the cost really differentiable, or does the network find its derivatives "
                       "numerically? We can measure it. Take a mini-batch of ten training digits, one of each. Then "
                       f"take one real weight: the {where}.") as beat:
            self.play(typewriter(heading, self.until("We can measure")))
            self.wait_until("mini-batch")
            self.add(box)
            self.play(FadeIn(digits), FadeIn(batch_note), scan.animate.set_value(9.99),
                      run_time=self.until("one real weight"))
            self.play(typewriter(weight, max(beat.end - float(self.renderer.time) - 0.8, 1.0)),
                      box.animate.set_stroke(opacity=0))
        box.clear_updaters()
        self.remove(box)

        rows = VGroup(
            VGroup(label("backpropagation", size=22), label(format_number(check.backprop, DECIMALS), size=26, mono=True)),
            VGroup(label("nudge up and down", size=22),
                   label(format_number(check.finite_difference, DECIMALS), size=26, mono=True)),
        )
        for row in rows:
            row.arrange(RIGHT, buff=0.5)
        rows.arrange(DOWN, aligned_edge=RIGHT, buff=0.3).next_to(weight, DOWN, buff=0.45)
        numbers = [row[1] for row in rows]
        shared = check.agreeing_decimals
        prefix = len(format_number(check.backprop, DECIMALS).split(".")[0]) + 1
        grow = ValueTracker(0)

        def marker() -> VGroup:
            n = int(grow.get_value())
            if n == 0:
                return VGroup()
            first = VGroup(*numbers[0][:prefix + n], *numbers[1][:prefix + n])
            return SurroundingRectangle(first, buff=0.06, color=theme.positive, stroke_width=3)

        agreement = ReadOut(lambda: f"the same to {int(grow.get_value())} decimal places",
                            lambda m: m.next_to(rows, DOWN, buff=0.3), size=22, color=theme.positive)
        highlight = VGroup()
        highlight.add_updater(lambda m: m.become(marker()))
        step_words = "a hundred-thousandth" if check.step == 1e-5 else format_number(check.step, 8)
        self.shown = {"backprop": numbers[0].original_text, "numeric": numbers[1].original_text}
        with self.beat(f"Backpropagation says the cost rises by about {format_number(check.backprop, 3)} for each "
                       "unit this weight grows. Now the slow way: nudge the weight up by "
                       f"{step_words}, measure the cost, nudge it down, measure again, and divide the difference. "
                       f"The two numbers agree to {shared} decimal places.") as beat:
            self.play(typewriter(rows[0], self.until("Now the slow way")))
            self.wait_until("nudge the weight")
            self.play(typewriter(rows[1], self.until("The two numbers")))
            self.add(highlight, agreement.mob)
            self.play(grow.animate.set_value(shared), run_time=max(self.until("decimal places"), 1.0))
        highlight.clear_updaters()
        agreement.mob.clear_updaters()
        grow.set_value(shared)
        self.shown["agreement"] = agreement.make()

        timing = self.timing = time_gradients(net, X, y)
        self.forward_passes = timing.forward_passes
        lift = digits.get_top()[1] - weight.get_top()[1]  # the weight and its numbers move up where the digits were
        top = rows.get_bottom()[1] + lift - 1.45
        bar_width = 7.6
        left = -6.4
        frame_numeric = Rectangle(width=bar_width, height=0.34, stroke_color=theme.dim_text, stroke_width=1.5)
        frame_numeric.move_to([left + bar_width / 2, top, 0])
        count = ValueTracker(0.0)
        fill = Rectangle(width=bar_width, height=0.34, fill_color=theme.negative, fill_opacity=0.85, stroke_width=0)
        fill.add_updater(lambda m: m.stretch_to_fit_width(max(bar_width * count.get_value() / timing.forward_passes,
                                                                1e-3)).align_to(frame_numeric, LEFT)
                         .set_y(top))
        def passes() -> int:  # counted in thousands while it runs (fewer texts to build), exact at the end
            done = int(round(count.get_value()))
            return done if done >= timing.forward_passes else done // 1000 * 1000

        counter = ReadOut(lambda: f"numerical: {format_number(passes(), 0)} forward passes",
                          lambda m: m.next_to(frame_numeric, UP, buff=0.1).align_to(frame_numeric, LEFT), size=20)
        numeric_time = label(f"{seconds_text(timing.numerical_seconds)} for one gradient", size=20,
                             color=theme.negative).next_to(frame_numeric, RIGHT, buff=0.2)
        back_line = Line([left, top - 1.0, 0], [left + max(bar_width / timing.ratio, 0.02), top - 1.0, 0],
                         color=theme.positive, stroke_width=10)
        back_label = label(f"backpropagation: 1 backward pass, {seconds_text(timing.backward_seconds)}", size=20,
                           color=theme.positive).next_to(back_line, UP, buff=0.12).align_to(frame_numeric, LEFT)
        ratio = label(f"{format_number(timing.ratio, 0)} times as long, same numbers "
                      f"(largest difference {timing.largest_difference:.0e})", size=20, color=theme.accent)
        ratio.next_to(back_line, DOWN, buff=0.35).set_x(0)
        self.shown.update(numeric_seconds=numeric_time.original_text,
                          backward=back_label.original_text, ratio=ratio.original_text)
        with self.beat("So the cost is smooth, and backpropagation gives its exact derivatives. Why not just nudge, "
                       "then? One gradient needs two nudged forward passes for each of the "
                       f"{format_number(timing.parameters, 0)} parameters: {format_number(timing.forward_passes, 0)} "
                       f"passes. We timed both on this mini-batch. The nudging took "
                       f"{seconds_words(timing.numerical_seconds)}. One backward pass took "
                       f"{seconds_words(timing.backward_seconds)}: about "
                       f"{format_number(float(f'{timing.ratio:.2g}'), 0)} times faster.") as beat:
            self.play(FadeOut(digits), FadeOut(batch_note), run_time=0.6)
            self.play(VGroup(weight, rows, highlight, agreement.mob).animate.shift(UP * lift),
                      run_time=min(1.2, self.until("forward passes")))
            self.add(counter.mob)
            self.play(FadeIn(frame_numeric), run_time=min(1.0, self.until("forward passes")))
            self.add(fill)
            self.play(count.animate.set_value(timing.forward_passes), run_time=self.until("The nudging took"))
            self.play(typewriter(numeric_time, self.until("One backward")))
            self.play(FadeIn(back_line), typewriter(back_label, self.until("times faster")))
            self.play(typewriter(ratio, max(beat.end - float(self.renderer.time) - 0.6, 1.0)))
        fill.clear_updaters()
        counter.mob.clear_updaters()
        count.set_value(timing.forward_passes)
        self.shown["counter"] = counter.make()
