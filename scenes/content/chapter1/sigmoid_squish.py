"""Chapter 1, scene 5: the sigmoid squishes any weighted sum into 0..1; the bias moves the threshold; the designed
edge detector of the scene before gets its bias and squish; ReLU, what most networks use today, and why."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Circle, Create, DashedLine, Dot, FadeTransform, Group, FadeIn, FadeOut, Indicate, Line,
                   Transform, ValueTracker, VGroup, Write)

from nnlib.activations import relu_prime, sigmoid_prime
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count
from scenes.content.chapter1.designed_edge_detector import SMALL, about, edge_story
from scenes.content.components import (PixelGrid, RealLineSquish, ReluPlot, SigmoidPlot, format_number, formula,
                                       label, number)

#: The bias of the first example: the neuron should only come on once its weighted sum passes 10.
EXAMPLE_BIAS = -10.0


def readable(*groups) -> None:
    """Grow a component's small tick labels and names to at least :data:`SMALL` (each about its own centre)."""
    for group in groups:
        for text in group:
            size = getattr(text, "font_size", SMALL)
            if size < SMALL:
                text.scale(SMALL / size)


def tangent(plot, z: float, slope: float, half: float, color: str) -> Line:
    """A short straight line touching ``plot``'s curve at ``z`` with the given ``slope`` (in the plot's units)."""
    return Line(plot.axes.c2p(z - half, plot.value(z) - slope * half),
                plot.axes.c2p(z + half, plot.value(z) + slope * half), color=color, stroke_width=4)


class SigmoidSquish(ExplainerScene):
    """The real line squished into (0, 1); the sigmoid with readouts; a bias of -10 moving the threshold to 10; the
    network's real first-layer biases; the designed edge detector's activations; ReLU beside the sigmoid, with slopes.

    Exposes ``squished`` (sigma of the whole numbers -10..10), ``shown_values`` (every readout on screen, by
    name), ``first_layer_biases`` (the range quoted), ``edge`` (the designed detector's story), ``table`` (rows:
    thumbnail, sum, z, activation, lit neuron) and ``table_roles``, ``small_sigmoid`` and ``relu_plot``.
    """

    def construct(self) -> None:
        theme = self.theme
        heading = self.title("Squishing the sum into the range 0 to 1")
        lines = RealLineSquish(range(-10, 11), width=11.5).shift(0.3 * DOWN)
        readable(lines.submobjects[2], lines.names)
        self.squished = lines.values
        self.shown_values = {}
        first, last = (format_number(v, 0) for v in (lines.sums[0], lines.sums[-1]))
        top = VGroup(lines.top_line, lines.dots, *lines.submobjects[2][:3], lines.names[0])
        bottom = VGroup(lines.bottom_line, *lines.submobjects[2][3:], lines.names[1])
        with self.beat("A weighted sum can be any number, positive or negative. <bookmark mark='but'/>But an "
                       "activation should lie between 0 and 1. <bookmark mark='squish'/>So the sum is squished: the "
                       "whole number line is pressed into that interval. <bookmark mark='watch'/>Watch where the "
                       f"whole numbers from {first} to {last} land.") as beat:
            self.play(FadeIn(heading), FadeIn(top), run_time=self.until("but"))
            self.play(FadeIn(bottom), run_time=self.until("squish"))
            self.play(Indicate(lines.bottom_line, color=theme.accent), Indicate(lines.dots, color=theme.accent),
                      run_time=self.until("watch"))
            self.play(lines.squish(run_time=max(beat.end - float(self.renderer.time) - 0.3, 1.0)))

        low, high = float(self.squished[0]), float(self.squished[-1])
        self.shown_values["sigma(-10)"], self.shown_values["sigma(10)"] = low, high
        landed = lines.landed[1]
        low_text = label(f"σ({first}) = {format_number(low, 7)}", size=SMALL, color=theme.accent)
        high_text = label(f"σ({last}) = {format_number(high, 7)}", size=SMALL, color=theme.accent)
        low_text.next_to(lines.bottom_line.get_start(), DOWN, buff=1.25).align_to(lines.bottom_line, LEFT)
        high_text.next_to(lines.bottom_line.get_end(), DOWN, buff=1.25).align_to(lines.bottom_line, RIGHT)
        middle = VGroup(*(landed[k] for k, z in enumerate(lines.sums) if abs(z) <= 2))
        with self.beat(f"Very negative sums land near 0: <bookmark mark='low'/>{first} lands at almost exactly 0. "
                       "<bookmark mark='high'/>Very positive sums crowd against 1: "
                       f"{last} lands at almost exactly 1. <bookmark mark='mid'/>Only sums near zero spread out in "
                       "between."):
            self.wait_until("low")
            self.play(FadeIn(low_text, shift=0.2 * UP), Indicate(landed[0], scale_factor=2.5, color=theme.accent),
                      run_time=self.until("high"))
            self.play(FadeIn(high_text, shift=0.2 * UP), Indicate(landed[-1], scale_factor=2.5,
                                                                  color=theme.accent), run_time=self.until("mid"))
            self.play(*(Indicate(d, scale_factor=2.0, color=theme.accent) for d in middle), run_time=2.5)

        plot = SigmoidPlot(x_range=(-10, 15), width=11.0, height=4.0).shift(0.55 * DOWN)
        readable(plot.tick_labels, plot.axis_names)
        definition = formula("sigma(z) = 1 / (1 + e^(-z))", size=44).to_corner(LEFT + UP, buff=0.5).shift(0.75 * DOWN)
        readouts, far = VGroup(), 8.0
        for at, side in ((-far, UP), (0.0, RIGHT), (far, DOWN)):
            value = plot.value(at)
            self.shown_values[at] = value
            text = label(f"σ({format_number(at, 0)}) = {format_number(value, 4)}", size=SMALL)
            readouts.add(text.next_to(plot.point_at(at), side, buff=0.3))
        readouts[1].shift(0.35 * DOWN)
        z = ValueTracker(-far)
        dot = plot.dot_tracking(z)
        with self.beat("This function is the sigmoid, also called the logistic curve. <bookmark mark='formula'/>"
                       "Sigma of z is 1 over 1 plus e to the minus z. <bookmark mark='walk'/>Follow a sum z from "
                       f"{format_number(-far, 0)} upwards. <bookmark mark='zero'/>At zero, the sigmoid gives exactly "
                       f"one half. <bookmark mark='eight'/>At {format_number(far, 0)} it is nearly 1. The activation "
                       "measures how positive the sum is."):
            self.play(FadeOut(VGroup(lines, lines.landed, low_text, high_text)), Create(plot.axes),
                      FadeIn(plot.tick_labels), FadeIn(plot.axis_names), run_time=min(self.until("formula"), 3.0))
            self.play(Create(plot.curve), run_time=self.until("formula"))
            self.play(Write(definition), run_time=self.until("walk"))
            self.add(dot)
            self.play(FadeIn(readouts[0]), run_time=0.6)
            self.play(z.animate.set_value(0.0), run_time=self.until("zero"))
            self.play(FadeIn(readouts[1]), run_time=0.6)
            self.play(z.animate.set_value(far), run_time=self.until("eight"))
            self.play(FadeIn(readouts[2]), run_time=0.6)
            self.play(Indicate(plot.curve, color=theme.text, scale_factor=1.0), run_time=2.5)

        bias = EXAMPLE_BIAS
        threshold_at, five = -bias, -bias / 2
        self.shown_values["bias"] = bias
        self.shown_values["shifted at threshold"] = plot.value(threshold_at, bias)
        self.shown_values["shifted at halfway"] = plot.value(five, bias)
        bias_tracker = ValueTracker(0.0)
        shifted = plot.plot_following(bias_tracker, color=theme.accent)
        rider = Dot(plot.point_at(five), radius=0.1, color=theme.text)
        rider.add_updater(lambda d: d.move_to(plot.point_at(five, bias_tracker.get_value())))
        threshold = DashedLine(plot.axes.c2p(threshold_at, 0), plot.axes.c2p(threshold_at, 1), color=theme.dim_text)
        with_bias = formula("sigma(z + b)", size=44).move_to(definition, aligned_edge=LEFT)
        note = label(f"bias b = {format_number(bias, 0)}: on only once z is past {format_number(threshold_at, 0)}",
                     size=SMALL, color=theme.accent).next_to(with_bias, RIGHT, buff=0.6)
        before_after = label(f"σ({format_number(five, 0)}) = {format_number(plot.value(five), 3)}   →   "
                             f"σ({format_number(five, 0)} − {format_number(-bias, 0)}) = "
                             f"{format_number(self.shown_values['shifted at halfway'], 3)}", size=SMALL)
        before_after.to_edge(RIGHT, buff=0.5).set_y(1.95)
        with self.beat(f"Maybe a neuron should light up only when its sum is above {format_number(threshold_at, 0)}, "
                       f"not above zero. <bookmark mark='add'/>Then add {format_number(bias, 0)} to the sum before "
                       "squishing. <bookmark mark='name'/>That added number is the bias. <bookmark mark='slide'/>The "
                       f"curve slides right. <bookmark mark='five'/>A sum of {format_number(five, 0)}, which gave "
                       f"nearly 1, now gives nearly 0. <bookmark mark='cross'/>The curve now crosses one half at "
                       f"{format_number(threshold_at, 0)}."):
            self.play(FadeOut(readouts), FadeOut(dot), run_time=1.0)
            self.play(Indicate(plot.tick_labels[4], color=theme.accent, scale_factor=1.8), run_time=2.0)
            self.wait_until("add")
            self.play(Transform(definition, with_bias), run_time=self.until("name"))
            self.play(FadeIn(note), run_time=self.until("slide"))
            self.add(shifted, rider)
            self.play(plot.curve.animate.set_stroke(theme.dim_text, opacity=0.5),
                      bias_tracker.animate.set_value(bias), run_time=self.until("five"))
            self.play(FadeIn(before_after), Indicate(rider, scale_factor=2.0, color=theme.accent),
                      run_time=self.until("cross"))
            self.play(Create(threshold), run_time=2.0)
        shifted.clear_updaters()
        rider.clear_updaters()

        b = self.network.biases[0]
        self.first_layer_biases = (float(b.min()), float(b.max()))
        roles_text = VGroup(label("weights: which pattern", size=SMALL), label("bias: how much of it", size=SMALL))
        roles_text.arrange(DOWN, aligned_edge=LEFT, buff=0.15).move_to([-6.6, 1.0, 0], aligned_edge=UP + LEFT)
        marks = VGroup(*(Line(plot.axes.c2p(-v, 0) + 0.12 * DOWN, plot.axes.c2p(-v, 0) + 0.12 * UP,
                              color=theme.text, stroke_width=3) for v in b))
        real = VGroup(label(f"our {count(len(b))} first-layer biases:", size=SMALL),
                      label(f"{format_number(b.min(), 2)} to {format_number(b.max(), 2)}", size=SMALL),
                      label("ticks: where each neuron", size=SMALL, dim=True),
                      label("crosses one half", size=SMALL, dim=True)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        real.next_to(roles_text, DOWN, buff=0.3).align_to(roles_text, LEFT)
        with self.beat("So the weights say which pattern a neuron looks for. <bookmark mark='bias'/>The bias says "
                       "how much of it is needed before the neuron is active. <bookmark mark='ours'/>Our trained "
                       f"network's first-layer biases run from about {format_number(b.min(), 1)} to "
                       f"{format_number(b.max(), 1)}."):
            self.play(FadeIn(roles_text[0], shift=0.2 * RIGHT), FadeOut(before_after), run_time=self.until("bias"))
            self.play(FadeIn(roles_text[1], shift=0.2 * RIGHT), run_time=self.until("ours"))
            self.play(FadeIn(real), run_time=1.5)
            self.play(Create(marks, lag_ratio=0.3), run_time=3.0)

        # ---------------------------------------------------------------- the edge detector, finished
        story = self.edge = edge_story(self.digit.image)
        edge_heading = self.title("The edge detector, with its bias and squish")
        eb = story.bias
        roles = ["highest", "green only", "lowest"]
        names = {"highest": f"the {story.names['highest']}", "green only": f"the {story.names['green only']}",
                 "lowest": f"the other {story.names['lowest']}"}
        if not any(np.array_equal(story.images["chosen"], story.images[r]) for r in roles):
            roles.append("chosen")
        small = SigmoidPlot(x_range=(-10, 15), width=4.8, height=3.0, y_name="σ(z)")
        readable(small.tick_labels, small.axis_names)
        small.shift(np.array([4.05, -0.5, 0]) - small.axes.get_center())
        xs = (-6.1, -4.4, -2.4, -0.5, 0.9)
        heads = VGroup(*(label(t, size=SMALL, dim=True).move_to([x, 2.05, 0])
                         for t, x in (("sum", xs[1]), ("z = sum + b", xs[2]), ("σ(z)", xs[3]))))
        bias_text = label(f"edge detector's bias b = {format_number(eb, 0)}  (half of the best sum, "
                          f"{format_number(story.best_sum, 0)})", size=SMALL, color=theme.accent)
        bias_text.move_to([0, 2.75, 0])
        table, small_dots = [], []
        for k, role in enumerate(roles):
            a, s = story.activations[role], story.sums[role]
            y = 1.25 - 1.2 * k
            cells = [PixelGrid(story.images[role], height=1.0),
                     number(s, 2, size=28),
                     number(s + eb, 2, size=28),
                     number(a, 2, size=30, color=theme.accent),
                     Circle(radius=0.36, stroke_color=theme.neuron_stroke, stroke_width=2, fill_color=theme.ink,
                            fill_opacity=float(np.clip(a, 0, 1)))]
            for cell, x in zip(cells, xs):
                cell.move_to([x, y, 0])
            table.append(cells)
            small_dots.append(Dot(small.point_at(float(np.clip(s + eb, -10, 15))), radius=0.09,
                                  color=theme.accent))   # far below -10 the curve is 0: the dot waits at its end
        self.table, self.table_roles = table, roles
        chosen_words = ""
        if "chosen" in roles:
            who = f"This video's {self.digit.name}" if self.digit.label is not None else "Your digit"
            chosen_words = (f" <bookmark mark='chosen'/>{who} ends at "
                            f"{format_number(story.activations['chosen'], 2)}.")
        top_a = story.activations["highest"]
        state = "clearly on" if top_a >= 0.9 else "mostly on" if top_a >= 0.5 else "only partly on"
        with self.beat(f"Back to our edge detector. <bookmark mark='bias'/>Give it a bias of {format_number(eb, 0)}, "
                       f"half of the best possible sum, {format_number(story.best_sum, 0)}. <bookmark mark='four'/>"
                       f"The {story.names['highest']}'s sum of about {about(story.sums['highest'])} becomes a z of "
                       f"about {about(story.sums['highest'] + eb)}: <bookmark mark='act4'/>activation "
                       f"{format_number(top_a, 2)}, {state}. <bookmark mark='green'/>The "
                       f"{story.names['green only']} with the most green ink gets a z of about "
                       f"{about(story.sums['green only'] + eb)}: <bookmark mark='act0'/>activation "
                       f"{format_number(story.activations['green only'], 2)}. <bookmark mark='low'/>The "
                       f"{story.names['lowest']} with the smallest sum is fully off." + chosen_words):
            self.play(FadeOut(VGroup(plot, shifted, threshold, definition, note, roles_text, real, marks, rider)),
                      FadeTransform(heading, edge_heading),
                      run_time=min(self.until("bias"), 2.0))
            self.play(FadeIn(bias_text), FadeIn(heads), Create(small.axes), FadeIn(small.tick_labels),
                      FadeIn(small.axis_names), Create(small.curve), run_time=min(self.until("four"), 3.0))
            self.wait_until("four")
            for k, role in enumerate(roles):
                thumb, s_cell, z_cell, a_cell, neuron = table[k]
                mark, act_mark = {"highest": ("four", "act4"), "green only": ("green", "act0"),
                                  "lowest": ("low", None), "chosen": ("chosen", None)}[role]
                self.wait_until(mark)
                self.play(FadeIn(thumb), FadeIn(s_cell), run_time=0.8)
                self.play(FadeIn(z_cell, shift=0.2 * RIGHT), FadeIn(small_dots[k], scale=3),
                          run_time=max(min(self.until(act_mark) if act_mark else 1.0, 2.5), 0.5))
                self.play(FadeIn(a_cell, shift=0.2 * RIGHT), FadeIn(neuron), run_time=1.0)
                if role == "highest":
                    self.play(Indicate(neuron, color=theme.accent), run_time=1.5)

        # ---------------------------------------------------------------- sigmoid or ReLU
        left = SigmoidPlot(x_range=(-10, 10), width=5.6, height=3.0)
        right = ReluPlot(x_range=(-10, 10), width=5.6, height=3.0)
        readable(left.tick_labels, left.axis_names, right.tick_labels, right.axis_names)
        left.shift(np.array([-3.4, -0.5, 0]) - left.axes.get_center())
        right.shift(np.array([3.6, -0.5, 0]) - right.axes.get_center())
        left_definition = formula("sigma(z) = 1 / (1 + e^(-z))", size=40).next_to(left, UP, buff=0.45)
        right_definition = formula("op(\"ReLU\")(z) = max(0, z)", size=40).next_to(right, UP, buff=0.45)
        right_definition.align_to(left_definition, DOWN)
        words = VGroup(label("3Blue1Brown's video, and ours", size=SMALL, dim=True)
                       .next_to(left, DOWN, buff=0.35).match_x(left.axes),
                       label("most modern networks", size=SMALL, dim=True).next_to(right, DOWN, buff=0.35)
                       .match_x(right.axes))
        if self.network.hidden_activation != "sigmoid":
            words[0].become(label("3Blue1Brown's video", size=SMALL, dim=True).move_to(words[0]))
        self.small_sigmoid, self.relu_plot = left, right
        self.shown_values["relu(-3)"] = right.value(-3.0)
        self.shown_values["relu(4)"] = right.value(4.0)
        relu_z = ValueTracker(-3.0)
        relu_dot = right.dot_tracking(relu_z)
        relu_texts = VGroup(label(f"ReLU({format_number(-3, 0)}) = {format_number(self.shown_values['relu(-3)'], 0)}",
                                  size=SMALL, color=theme.accent),
                            label(f"ReLU(4) = {format_number(self.shown_values['relu(4)'], 0)}", size=SMALL,
                                  color=theme.accent))
        relu_texts[0].move_to(right.axes.c2p(-5.0, 4.0))
        relu_texts[1].move_to(right.axes.c2p(7.0, 1.8))
        ours = ("and so does our network" if self.network.hidden_activation == "sigmoid"
                else "but the network loaded here uses ReLU")
        with self.beat("The sigmoid comes from an analogy with biological neurons, which either fire or stay quiet. "
                       f"<bookmark mark='early'/>Early networks used it, as does 3Blue1Brown's video, {ours}. "
                       "<bookmark mark='relu'/>Most modern networks use ReLU instead: the maximum of 0 and z. "
                       f"<bookmark mark='neg'/>ReLU of {format_number(-3, 0)} is 0. <bookmark mark='pos'/>ReLU of "
                       "4 is 4."):
            self.play(FadeOut(Group(bias_text, heads, small, *small_dots, *[c for row in table for c in row])),
                      FadeTransform(edge_heading, self.title("The squish: sigmoid or ReLU")), run_time=1.5)
            self.play(Create(left.axes), FadeIn(left.tick_labels), FadeIn(left.axis_names), Create(left.curve),
                      Write(left_definition), run_time=min(self.until("early"), 3.0))
            self.wait_until("early")
            self.play(FadeIn(words[0], shift=0.2 * UP), run_time=self.until("relu"))
            self.play(Create(right.axes), FadeIn(right.tick_labels), FadeIn(right.axis_names), Create(right.curve),
                      Write(right_definition), FadeIn(words[1]), run_time=min(self.until("neg"), 3.0))
            self.wait_until("neg")
            self.add(relu_dot)
            self.play(FadeIn(relu_texts[0]), Indicate(relu_dot, scale_factor=2.0), run_time=self.until("pos"))
            self.play(relu_z.animate.set_value(4.0), run_time=1.2)
            self.play(FadeIn(relu_texts[1]), run_time=1.0)
        relu_dot.clear_updaters()

        near = 0.0
        self.shown_values["sigmoid slope far out"] = float(sigmoid_prime(np.array(far)))
        self.shown_values["sigmoid slope at 0"] = float(sigmoid_prime(np.array(near)))
        self.shown_values["relu slope far out"] = float(relu_prime(np.array(far)))
        flat = tangent(left, far, self.shown_values["sigmoid slope far out"], 1.2, theme.text)
        steep = tangent(left, near, self.shown_values["sigmoid slope at 0"], 0.8, theme.text)
        touch = VGroup(Dot(left.point_at(far), radius=0.08, color=theme.text),
                       Dot(left.point_at(near), radius=0.08, color=theme.text))
        slope_texts = VGroup(
            label(f"slope at {format_number(far, 0)}: {format_number(self.shown_values['sigmoid slope far out'], 6)}",
                  size=SMALL, color=theme.text),
            label(f"slope at 0: {format_number(self.shown_values['sigmoid slope at 0'], 2)}", size=SMALL,
                  color=theme.text),
            label(f"slope {format_number(self.shown_values['relu slope far out'], 0)} for every z above 0",
                  size=SMALL, color=theme.text))
        slope_texts[0].move_to(left.axes.c2p(7.3, 0.3))
        x8, top8 = left.point_at(far)[0], left.point_at(far)[1]
        pointer = Line([x8, slope_texts[0].get_top()[1] + 0.05, 0], [x8, top8 - 0.12, 0], color=theme.dim_text,
                       stroke_width=2)   # from the words up to the point they describe
        slope_texts[1].move_to(left.axes.c2p(-6.5, 0.75))
        slope_texts[2].next_to(words[1], DOWN, buff=0.25)
        with self.beat("Why the switch? <bookmark mark='flat'/>Far from zero, the sigmoid is almost flat: at "
                       f"{format_number(far, 0)} its slope is about "
                       f"{format_number(self.shown_values['sigmoid slope far out'], 4)}. <bookmark mark='zero'/>At "
                       f"zero the slope is {format_number(self.shown_values['sigmoid slope at 0'], 2)}. "
                       "<bookmark mark='stall'/>Where the curve is flat, nudging a weight barely changes the output, "
                       "so learning stalls. <bookmark mark='relu'/>ReLU keeps a slope of 1 for every positive z. "
                       "Slopes are what learning runs on, as chapter 2 shows."):
            self.play(FadeOut(relu_texts), FadeOut(relu_dot), run_time=self.until("flat"))
            self.play(Create(flat), FadeIn(touch[0]), FadeIn(slope_texts[0]), Create(pointer), run_time=min(self.until("zero"), 2.5))
            self.wait_until("zero")
            self.play(Create(steep), FadeIn(touch[1]), FadeIn(slope_texts[1]), run_time=min(self.until("stall"), 2.5))
            self.wait_until("stall")
            self.play(Indicate(flat, color=theme.accent, scale_factor=1.3), run_time=self.until("relu"))
            self.play(Indicate(right.curve, color=theme.text, scale_factor=1.0), FadeIn(slope_texts[2]),
                      run_time=2.5)
