"""Chapter 2, scene 8: why the neurons' activations must be continuous -- the real cost along one weight of the
network in force, smooth with sigmoid neurons and a staircase with on/off neurons (the same weights and biases)."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, FadeIn, VGroup

from nnlib.analysis import describe_parameter
from nnlib.network import ParameterLocation
from nnlib.smoothness import cost_along_weight, steepest_weight
from nnlib.training_data import training_digits
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, percent
from scenes.content.components import LinePlot, format_number, label

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
        plot = LinePlot((lo, hi), (y_lo, y_hi), width=8.0, height=4.2,
                        x_ticks=[float(t) for t in np.arange(np.ceil(lo), hi + 1e-9, 2)],
                        y_ticks=tick_values(y_lo, y_hi), y_decimals=2,
                        x_name=f"change to this weight (0 is its trained value, {format_number(curve.trained_value, 2)})",
                        y_name=f"average cost over {count(used)} training digits").shift(0.7 * DOWN + 1.9 * LEFT)
        smooth = plot.series(shifts, curve.sigmoid_costs, theme.positive)
        stairs = plot.series(shifts, curve.step_costs, theme.negative, stroke_width=4)
        marker = label("trained value", size=16, dim=True).next_to(plot.point(0.0, y_hi), RIGHT, buff=0.1)
        marker.shift(0.15 * DOWN)

        heading = self.title("Why the neurons must be smooth, not on/off")
        with self.beat("Why does the network squish with a smooth curve like the sigmoid at all? A neuron that is "
                       "simply on or off might seem more natural. Gradient descent gives the answer, and we can see "
                       f"it on our own network. Take one of its weights, the {name}, the one whose nudge matters "
                       f"most on these digits. Its trained value is {format_number(curve.trained_value, 2)}. We "
                       f"slide it {format_number(hi, 0)} either way, from {format_number(float(curve.values[0]), 2)} to "
                       f"{format_number(float(curve.values[-1]), 2)}, keep everything else fixed, and measure the average cost at each value.") as beat:
            self.play(FadeIn(heading), FadeIn(plot), FadeIn(marker), run_time=beat.share(0.4))

        best = float(shifts[int(np.argmin(curve.sigmoid_costs))])
        smooth_key = label("sigmoid neurons: smooth", size=22, color=theme.positive)
        step_key = label("the same weights, on/off neurons: steps", size=22, color=theme.negative)
        keys = VGroup(smooth_key, step_key).arrange(RIGHT, buff=0.8).next_to(heading, DOWN, buff=0.3)
        with self.beat("With sigmoid neurons, the network as it really is, the cost traces a smooth curve, lowest "
                       f"about {format_number(abs(best), 1)} {'above' if best >= 0 else 'below'} the trained value. Nudge the weight a little and the cost changes a little, so "
                       "at every point the slope says which way is downhill.") as beat:
            self.play(Create(smooth), FadeIn(smooth_key), run_time=beat.share(0.6))

        flat = curve.step_flat_fraction
        facts = VGroup(label(f"{count(curve.step_jumps)} jumps along the way", size=20),
                       label(f"flat on {percent(flat, 0)} of the steps:\nslope exactly 0", size=20,
                             color=theme.negative)).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        facts.next_to(plot.axes, RIGHT, buff=0.5).shift(0.3 * UP)
        with self.beat("Now keep every weight and bias exactly as they are, but make each neuron a step: fully on "
                       "when its weighted sum plus bias is above zero, fully off otherwise. The cost becomes flat "
                       f"ledges with sudden jumps. Along the whole slide it jumps {count(curve.step_jumps)} times, and "
                       f"on {percent(flat, 0)} of the small steps we measured it does not change at all. There the "
                       "slope is exactly zero: a ball on this staircase has no downhill to roll towards.") as beat:
            self.play(Create(stairs), FadeIn(step_key), run_time=beat.share(0.5))
            self.play(FadeIn(facts), run_time=beat.share(0.2))

        with self.beat("So the activations must be continuous: a small change to a weight has to make a small "
                       "change to the cost, or the gradient tells us nothing. The sigmoid gives exactly that, and so "
                       "does ReLU. It is what lets the thousands of nudges in the gradient mean something.") as beat:
            self.play(smooth.animate.set_stroke(width=7), run_time=beat.share(0.3))
