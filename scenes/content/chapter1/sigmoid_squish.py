"""Chapter 1, scene 6: the sigmoid squishes any weighted sum into 0..1; the bias moves the threshold; ReLU, what
most networks use today, and why."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UL, UP, Create, DashedLine, FadeIn, FadeOut, ValueTracker, VGroup, Write)

from nnlib.activations import relu_prime, sigmoid_prime
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count
from scenes.content.components import (RealLineSquish, ReluPlot, SigmoidPlot, format_number, formula, label)

#: The bias of the video's example: the neuron should only come on once its weighted sum passes 10.
EXAMPLE_BIAS = -10.0


class SigmoidSquish(ExplainerScene):
    """The real line squished into (0, 1); the sigmoid with readouts; a bias of -10 moving the threshold to 10; the
    network's real first-layer biases; ReLU beside the sigmoid, with both slopes.

    Exposes ``squished`` (sigma of the whole numbers -10..10), ``shown_values`` (every readout on screen, by
    name), ``first_layer_biases`` (the range quoted), ``small_sigmoid`` and ``relu_plot`` (the last two plots).
    """

    def construct(self) -> None:
        theme = self.theme
        heading = self.title("The sigmoid squishes every number into the range 0 to 1")
        lines = RealLineSquish(range(-10, 11), width=10.5).shift(0.4 * DOWN)
        self.squished = lines.values
        first, last = (format_number(v, 0) for v in (lines.sums[0], lines.sums[-1]))
        with self.beat("Back to the weighted sum. It can come out as any number at all: large or small, positive "
                       "or negative. But an activation should lie between 0 and 1. So the network squishes the "
                       "sum: it uses a function that presses the whole number line into the interval from 0 to 1. "
                       f"Watch where the whole numbers from {first} to {last} land.") as beat:
            self.play(FadeIn(heading), FadeIn(lines), run_time=beat.share(0.25))
            self.play(lines.squish(run_time=beat.share(0.6)))

        low, high = float(self.squished[0]), float(self.squished[-1])
        self.say(f"Very negative numbers all end up close to 0: {first} lands at "
                 f"{format_number(low, 5)}. Very positive ones crowd against 1: {last} lands at "
                 f"{format_number(high, 5)}. Only the numbers near zero spread out in between.")

        plot = SigmoidPlot(x_range=(-10, 15), width=10.5, height=3.8).shift(0.5 * DOWN)
        definition = formula("sigma(z) = 1 / (1 + e^(-z))", size=34).to_corner(UL, buff=0.5).shift(0.9 * DOWN)
        self.shown_values = {}
        readouts = VGroup()
        far = 8.0
        for at, side in ((-far, UP), (0.0, RIGHT), (far, DOWN)):
            value = plot.value(at)
            self.shown_values[at] = value
            text = label(f"σ({format_number(at, 0)}) = {format_number(value, 4)}", size=22)
            readouts.add(text.next_to(plot.point_at(at), side, buff=0.25))
        readouts[1].shift(0.35 * DOWN)
        z = ValueTracker(-far)
        dot = plot.dot_tracking(z)
        with self.beat("The function that does this is called the sigmoid, or the logistic curve: sigma of z is 1 "
                       f"over 1 plus e to the minus z. At {format_number(-far, 0)} it gives "
                       f"{format_number(self.shown_values[-far], 4)}, at zero exactly "
                       f"{format_number(self.shown_values[0.0], 1)}, and at {format_number(far, 0)} it gives "
                       f"{format_number(self.shown_values[far], 4)}. So a neuron's activation measures how "
                       "positive its weighted sum is.") as beat:
            self.play(FadeOut(lines), FadeOut(lines.landed), run_time=beat.share(0.1))
            self.play(Create(plot.axes), FadeIn(plot.tick_labels), FadeIn(plot.axis_names), run_time=beat.share(0.15))
            self.play(Create(plot.curve), Write(definition), run_time=beat.share(0.2))
            self.add(dot)
            self.play(z.animate.set_value(far), run_time=beat.share(0.3))
            self.play(FadeIn(readouts), run_time=beat.share(0.1))

        bias = EXAMPLE_BIAS
        threshold_at = -bias
        bias_tracker = ValueTracker(0.0)
        shifted = plot.plot_following(bias_tracker, color=theme.positive)
        threshold = DashedLine(plot.axes.c2p(threshold_at, 0), plot.axes.c2p(threshold_at, 1),
                               color=theme.dim_text)
        note = label(f"bias {format_number(bias, 0)}: active only once the weighted sum passes "
                     f"{format_number(threshold_at, 0)}", size=24, color=theme.positive)
        note.next_to(heading, DOWN, buff=0.3).to_edge(RIGHT, buff=0.6)
        self.shown_values["bias"] = bias
        self.shown_values["shifted at threshold"] = plot.value(threshold_at, bias)
        halfway = threshold_at / 2
        self.shown_values["shifted at halfway"] = plot.value(halfway, bias)
        with self.beat("But maybe you do not want the neuron to light up as soon as its sum is above zero. Maybe "
                       f"it should only be active when the sum is bigger than, say, {format_number(threshold_at, 0)}. "
                       f"Then add {format_number(bias, 0)} to the sum before squishing. That extra number is the "
                       f"bias. The curve slides to the right: now it crosses one half at "
                       f"{format_number(threshold_at, 0)}, and a sum of {format_number(halfway, 0)}, which used to "
                       f"give {format_number(plot.value(halfway), 3)}, gives only "
                       f"{format_number(self.shown_values['shifted at halfway'], 3)}.") as beat:
            self.play(FadeOut(readouts), FadeOut(dot), run_time=beat.share(0.1))
            self.add(shifted)
            self.play(bias_tracker.animate.set_value(bias), Create(threshold), FadeIn(note),
                      run_time=beat.share(0.45))
        shifted.clear_updaters()

        b = self.network.biases[0]
        self.first_layer_biases = (float(b.min()), float(b.max()))
        real = label(f"our network's {count(len(b))} first-layer biases: {format_number(b.min(), 2)} to "
                     f"{format_number(b.max(), 2)}", size=20, dim=True).next_to(note, DOWN, buff=0.15)
        real.align_to(note, RIGHT)
        with self.beat("So the weights say what pattern of pixels a neuron responds to, and the bias says how much "
                       "of that pattern it needs before it becomes meaningfully active. In our trained network, "
                       f"the {count(len(b))} biases of the first hidden layer run from "
                       f"{format_number(b.min(), 2)} to {format_number(b.max(), 2)}.") as beat:
            self.play(FadeIn(real), run_time=beat.share(0.3))

        small = SigmoidPlot(x_range=(-10, 10), width=5.2, height=2.6, x_name="a", y_name="σ(a)")
        small.to_edge(LEFT, buff=0.8).shift(0.6 * DOWN)
        relu = ReluPlot(x_range=(-10, 10), width=5.2, height=2.6, x_name="a", y_name="ReLU(a)")
        relu.to_edge(RIGHT, buff=0.8).shift(0.6 * DOWN)
        small_definition = formula("sigma(a) = 1 / (1 + e^(-a))", size=30).next_to(small, UP, buff=0.5)
        relu_definition = formula("op(\"ReLU\")(a) = max(0, a)", size=30).next_to(relu, UP, buff=0.5)
        relu_definition.align_to(small_definition, DOWN)
        words = VGroup(label("the videos' (and early networks') choice", size=22, dim=True)
                       .next_to(small, DOWN, buff=0.5),
                       label("what most modern networks use instead", size=22, dim=True)
                       .next_to(relu, DOWN, buff=0.5))
        self.small_sigmoid, self.relu_plot = small, relu
        self.shown_values["relu(-3)"] = relu.value(-3.0)
        self.shown_values["relu(4)"] = relu.value(4.0)
        ours = ("and so does our network" if self.network.hidden_activation == "sigmoid"
                else "though the network loaded here already uses ReLU in its hidden layers")
        with self.beat("One more word about the squish itself. The sigmoid came from an analogy with biological "
                       "neurons, which are either firing or not, and early networks used it everywhere; so do the "
                       f"videos this explainer follows, {ours}. Most modern networks use "
                       "something simpler instead: the rectified linear unit, ReLU for short, which is just the "
                       "maximum of 0 and a. A negative input gives 0, ReLU of minus 3 is "
                       f"{format_number(self.shown_values['relu(-3)'], 0)}, and a positive input passes straight "
                       f"through: ReLU of 4 is {format_number(self.shown_values['relu(4)'], 0)}.") as beat:
            self.play(FadeOut(VGroup(plot, shifted, threshold, definition, note, real, heading)),
                      run_time=beat.share(0.1))
            self.play(FadeIn(self.title("Sigmoid, and the rectified linear unit")), FadeIn(small),
                      FadeIn(small_definition), FadeIn(words[0]), run_time=beat.share(0.25))
            self.play(Create(relu.axes), FadeIn(relu.tick_labels), FadeIn(relu.axis_names), Write(relu_definition),
                      run_time=beat.share(0.2))
            self.play(Create(relu.curve), FadeIn(words[1]), run_time=beat.share(0.2))

        near = 0.0
        self.shown_values["sigmoid slope far out"] = float(sigmoid_prime(np.array(far)))
        self.shown_values["sigmoid slope at 0"] = float(sigmoid_prime(np.array(near)))
        self.shown_values["relu slope far out"] = float(relu_prime(np.array(far)))
        at = format_number(far, 0)
        slopes = VGroup(label(f"slope at {at}: {format_number(self.shown_values['sigmoid slope far out'], 4)}",
                              size=20, color=theme.accent).next_to(words[0], DOWN, buff=0.25),
                        label(f"slope at {at}: {format_number(self.shown_values['relu slope far out'], 0)}",
                              size=20, color=theme.accent).next_to(words[1], DOWN, buff=0.25))
        with self.beat("Why the switch? Deep networks built from sigmoids turned out to be hard to train. Far from "
                       f"zero the sigmoid is almost flat: its slope at {at} is only "
                       f"{format_number(self.shown_values['sigmoid slope far out'], 4)}, against "
                       f"{format_number(self.shown_values['sigmoid slope at 0'], 2)} at zero, so nudging the "
                       "weights of a saturated neuron barely changes anything, and learning stalls. ReLU keeps a "
                       f"slope of {format_number(self.shown_values['relu slope far out'], 0)} for every positive "
                       "input, and it is cheaper to compute. Slopes are what learning runs on, as chapter 2 will "
                       "show.") as beat:
            self.play(FadeIn(slopes), run_time=beat.share(0.3))
