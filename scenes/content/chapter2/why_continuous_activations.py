"""Chapter 2, scene 8: why the neurons' activations must be continuous -- the real cost along one weight of the
network in force, smooth with sigmoid neurons and a staircase with on/off neurons (the same weights and biases)."""

from __future__ import annotations

import textwrap

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Indicate, VGroup, linear, there_and_back

from nnlib.analysis import describe_parameter
from nnlib.network import ParameterLocation
from nnlib.smoothness import cost_along_weight, steepest_weight
from nnlib.training_data import training_digits
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, percent
from scenes.content.components import LinePlot, format_number, label

#: Colours of the two cost curves: neither is green or red (those mean a weight's sign).
STEP_COLOUR = "#FF7AC6"  # the staircase; the smooth curve is drawn in the theme's accent
SWEEP = 6.0         # the weight is slid this far either side of its trained value
SAMPLES = 241       # points along the sweep (every 0.05)
MAX_DIGITS = 1000   # training digits the cost is averaged over (all of them when there are fewer)


def tick_values(low: float, high: float, count_: int = 3) -> list[float]:
    """A few round tick values inside [low, high] (steps of 0.05, 0.1, 0.2 or 0.5)."""
    for step in (0.05, 0.1, 0.2, 0.5, 1.0):
        ticks = np.arange(np.ceil(low / step) * step, high + 1e-9, step)
        if len(ticks) <= count_ + 1:
            return [round(float(t), 2) for t in ticks]
    return [low, high]


class WhyContinuousActivations(ExplainerScene):
    """One weight of the network in force (the one whose nudge matters most on the training digits) slid across a
    range: the average cost with sigmoid neurons (smooth) and with the same weights as on/off step neurons (flat
    steps and jumps).

    Exposes ``curve`` (a :class:`nnlib.smoothness.CostAlongWeight`), ``weight_name`` and ``digits_used``.
    """

    def construct(self) -> None:
        theme, net = self.theme, self.network
        digits = training_digits()
        used = min(digits.count, MAX_DIGITS)
        images, labels = digits.images[:used], digits.labels[:used]
        self.digits_used = used
        weight = steepest_weight(net, images, labels)
        curve = self.curve = cost_along_weight(net, images, labels, weight, np.linspace(-SWEEP, SWEEP, SAMPLES))
        location = ParameterLocation(weight.layer, "weight", weight.row, weight.column)
        self.weight_name = name = describe_parameter(location)
        shifts = curve.values - curve.trained_value  # 0 is the trained value (where the y axis stands)
        lo, hi = float(shifts[0]), float(shifts[-1])
        both = np.concatenate([curve.sigmoid_costs, curve.step_costs])
        y_lo, y_hi = float(both.min()), float(both.max())
        pad = 0.08 * (y_hi - y_lo or 1.0)
        y_lo, y_hi = max(0.0, y_lo - pad), y_hi + pad
        plot = LinePlot((lo, hi), (y_lo, y_hi), width=7.4, height=4.6, text_size=24,
                        x_ticks=[float(t) for t in np.arange(np.ceil(lo), hi + 1e-9, 2)],
                        y_ticks=tick_values(y_lo, y_hi), y_decimals=2,
                        x_name="change to the weight",
                        y_name=f"average cost over {count(used)} training digits").to_corner(DOWN + LEFT, buff=0.6)
        smooth = plot.series(shifts, curve.sigmoid_costs, theme.accent)
        stairs = plot.series(shifts, curve.step_costs, STEP_COLOUR, stroke_width=4)
        marker = label("trained value", size=24, dim=True).next_to(plot.point(0.0, y_hi), RIGHT, buff=0.1)
        marker.shift(0.15 * DOWN)
        panel_x = plot.axes.get_right()[0] + 0.5
        weight_words = VGroup(label("one weight:", size=24, dim=True), label(textwrap.fill(name, 18), size=24),
                              label(f"trained value {format_number(curve.trained_value, 2)}", size=24),
                              label(f"slid from {format_number(float(curve.values[0]), 2)}\n"
                                    f"to {format_number(float(curve.values[-1]), 2)}", size=24)
                              ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        if weight_words.width > 6.9 - panel_x:
            weight_words.scale_to_fit_width(6.9 - panel_x)
        weight_words.move_to([panel_x, 1.3, 0], aligned_edge=LEFT)
        slider = Dot(plot.point(lo, y_lo), radius=0.1, color=theme.text)

        heading = self.title("Why the neurons must be smooth, not on/off")
        with self.beat("Why does the network squish with a smooth curve like the sigmoid at all? A neuron that is "
                       "simply on or off might seem more natural. <bookmark mark='answer'/>Gradient descent gives "
                       "the answer, and we can see it on our own network. <bookmark mark='weight'/>Take one of its "
                       f"weights, the {name}. It is the one whose nudge matters most on these digits. "
                       f"<bookmark mark='trained'/>Its trained value is {format_number(curve.trained_value, 2)}. "
                       f"<bookmark mark='slide'/>We slide it {format_number(hi, 0)} either way, keep everything "
                       "else fixed, <bookmark mark='measure'/>and measure the average cost at each value."):
            self.play(FadeIn(heading), run_time=1.5)
            self.on_word("smooth curve", Indicate(heading, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("on or off", Indicate(heading, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("natural", FadeIn(plot), run_time=2.0)
            self.on_word("answer", Indicate(plot.axes, color=theme.accent, scale_factor=1.02), run_time=1.5)
            self.on_word("weight", FadeIn(weight_words[:2]), run_time=1.5)
            self.on_word("nudge matters", Indicate(weight_words[1], color=theme.accent), run_time=1.5)
            self.on_word("trained", FadeIn(weight_words[2]), FadeIn(marker), run_time=1.2)
            self.on_word("slide", FadeIn(weight_words[3]), FadeIn(slider), run_time=1.0)
            self.play(slider.animate.move_to(plot.point(0.0, y_lo)), run_time=1.0)
            # the cost is measured as the weight slides: the smooth curve is traced under the slider
            self.wait_until("measure")
            self.play(slider.animate(rate_func=linear).move_to(plot.point(lo, y_lo)), run_time=1.0)
            self.play(slider.animate(rate_func=linear).move_to(plot.point(hi, y_lo)),
                      Create(smooth, rate_func=linear), run_time=3.0)

        best_index = int(np.argmin(curve.sigmoid_costs))
        best = float(shifts[best_index])
        smooth_key = label("sigmoid: smooth", size=24, color=theme.accent)
        step_key = label("on/off: steps", size=24, color=STEP_COLOUR)
        keys = VGroup(smooth_key, step_key).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        keys.move_to([panel_x, -2.6, 0], aligned_edge=LEFT)
        start_index = 0 if abs(shifts[0] - best) > abs(shifts[-1] - best) else len(shifts) - 1
        roll = [int(i) for i in np.linspace(start_index, best_index, 8)]
        ball = Dot(plot.point(shifts[start_index], curve.sigmoid_costs[start_index]), radius=0.11,
                   color=theme.text).shift(0.11 * UP)
        with self.beat("<bookmark mark='smooth'/>With sigmoid neurons, the network as it really is, the cost traces "
                       f"a smooth curve. <bookmark mark='lowest'/>It is lowest about {format_number(abs(best), 1)} "
                       f"{'above' if best >= 0 else 'below'} the trained value. <bookmark mark='little'/>Nudge the "
                       "weight a little and the cost changes a little. <bookmark mark='downhill'/>So at every point "
                       "the slope says which way is downhill."):
            self.on_word("smooth", FadeOut(slider), FadeIn(smooth_key), run_time=1.0)
            self.on_word("curve", Indicate(smooth, color=theme.text, scale_factor=1.02), run_time=1.5)
            low_dot = Dot(plot.point(best, curve.sigmoid_costs[best_index]), radius=0.08, color=theme.accent)
            self.on_word("lowest", FadeIn(low_dot, scale=3), run_time=1.2)
            self.on_word("little", FadeIn(ball, scale=2), run_time=1.0)
            self.on_word("downhill", run_time=0.1)
            for i in roll[1:]:
                self.play(ball.animate.move_to(plot.point(shifts[i], curve.sigmoid_costs[i]) + 0.11 * UP),
                          run_time=0.35)

        flat = curve.step_flat_fraction
        facts = VGroup(label(f"{count(curve.step_jumps)} jumps along the way", size=24),
                       label(f"flat on {percent(flat, 0)} of the\nsteps: slope exactly 0", size=24,
                             color=STEP_COLOUR)).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        facts.move_to([panel_x, -1.2, 0], aligned_edge=LEFT)
        ledge = len(shifts) // 3
        stuck = Dot(plot.point(shifts[ledge], curve.step_costs[ledge]), radius=0.11, color=theme.text).shift(0.11 * UP)
        with self.beat("Now keep every weight and bias exactly as they are, but make each neuron a step. "
                       "<bookmark mark='on'/>It is fully on when its weighted sum plus bias is above zero, and fully "
                       "off otherwise. <bookmark mark='ledges'/>The cost becomes flat ledges with sudden jumps. "
                       f"<bookmark mark='jumps'/>Along the whole slide it jumps {count(curve.step_jumps)} times. "
                       f"<bookmark mark='flat'/>On {percent(flat, 0)} of the small steps we measured, it does not "
                       "change at all. <bookmark mark='zero'/>There the slope is exactly zero. "
                       "<bookmark mark='ball'/>A ball on this staircase has no downhill to roll towards."):
            self.play(FadeOut(ball), FadeOut(low_dot), smooth.animate.set_stroke(opacity=0.35), run_time=1.0)
            self.on_word("exactly", Indicate(weight_words[1], color=theme.accent), run_time=1.5)
            self.on_word("a step", FadeIn(step_key), run_time=1.5)
            self.on_word("on", Indicate(step_key, color=STEP_COLOUR), run_time=1.5)
            self.on_word("fully off", Indicate(step_key, color=STEP_COLOUR), run_time=1.5)
            self.on_word("ledges", Create(stairs), run_time=2.5)
            self.on_word("jumps", FadeIn(facts[0]), Indicate(stairs, color=theme.text, scale_factor=1.02), run_time=1.5)
            self.on_word("flat", FadeIn(facts[1]), run_time=1.5)
            self.on_word("at all", Indicate(facts[1], color=theme.accent), run_time=1.5)
            self.on_word("zero", Indicate(facts[1], color=theme.accent), run_time=1.2)
            self.on_word("ball", FadeIn(stuck, scale=2), run_time=1.0)
            self.play(stuck.animate(rate_func=there_and_back).shift(0.12 * RIGHT), run_time=0.8)
            self.play(stuck.animate(rate_func=there_and_back).shift(0.12 * LEFT), run_time=0.8)

        with self.beat("So the activations must be continuous. <bookmark mark='small'/>A small change to a weight "
                       "has to make a small change to the cost, or the gradient tells us nothing. "
                       "<bookmark mark='sigmoid'/>The sigmoid gives exactly that, and so does ReLU. "
                       "<bookmark mark='nudges'/>It is what lets the thousands of nudges in the gradient mean "
                       "something."):
            self.play(FadeOut(stuck), stairs.animate.set_stroke(opacity=0.35), run_time=1.0)
            self.on_word("small", smooth.animate.set_stroke(width=7, opacity=1.0), run_time=1.5)
            self.on_word("gradient tells", Indicate(stairs, color=theme.text, scale_factor=1.02), run_time=1.5)
            self.on_word("sigmoid", Indicate(smooth_key, color=theme.accent, scale_factor=1.2), run_time=1.5)
            self.on_word("nudges", Indicate(smooth, color=theme.text, scale_factor=1.02), run_time=1.5)
            self.on_word("mean something", Indicate(weight_words, color=theme.accent), run_time=1.5)
