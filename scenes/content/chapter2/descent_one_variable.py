"""Chapter 2, scene 5: gradient descent on a toy curve of one variable -- the slope says which way is down, steps
proportional to it shrink near the bottom (counted one by one, each shorter than the last), and different starts
end in different valleys."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Create, DashedLine, Dot, FadeIn, FadeOut, Indicate, Line, VGroup, Write

from nnlib.toys import VALLEY_CURVE, descend_1d, local_minima_1d
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import ball_colours, count, readable_ticks
from scenes.content.components import ToyCurvePlot, format_number, formula, label

#: Where the first ball starts, the step size (eta) and how many steps are counted aloud.
START, STEP_SIZE, STEPS = 0.0, 0.2, 6
#: The two points whose slopes are drawn and read: one positive (step left), one negative (step right).
TANGENT_POINTS = (START, -2.0)
#: Starts of the balls that show "where it ends depends on where it starts": one for each valley.
VALLEY_STARTS = (-5.3, -1.8, 3.5)
#: Steps each of those balls takes.
VALLEY_STEPS = 12

WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def slope_sign_words(slope: float) -> str:
    """What a slope tells a ball: "negative, so downhill is to the right"."""
    return "negative, so downhill is to the right" if slope < 0 else "positive, so downhill is to the left"


class DescentOneVariable(ExplainerScene):
    """A toy cost curve (named as a toy): two tangents with their slopes drawn, a ball descending in counted steps
    proportional to the slope (each step marked on the x axis, each shorter than the last), then balls of distinct
    colours ending in different local minima.

    Exposes ``shown_slopes`` (at the two tangent points), ``path`` (the first ball's positions), ``step_lengths``,
    ``learning_rate`` (the step size), ``final_positions`` (the valley balls') and ``minima`` (the curve's local
    minima).
    """

    def construct(self) -> None:
        theme, curve = self.theme, VALLEY_CURVE
        heading = self.title("Finding a low point: gradient descent in one variable")
        toy = VGroup(label("a made-up toy cost, not our network:", size=24, dim=True),
                     formula(curve.formula, size=34)).arrange(RIGHT, buff=0.3).next_to(heading, DOWN, buff=0.2)
        plot = ToyCurvePlot(curve, width=8.6, height=4.6).to_corner(DOWN + LEFT, buff=0.5)
        readable_ticks(plot)
        minima = self.minima = local_minima_1d(curve)
        with self.beat("A function of thousands of inputs cannot be drawn. <bookmark mark='draw'/>So let us build "
                       "the idea on one we can draw: <bookmark mark='toy'/>a made-up cost with a single input, x. "
                       "<bookmark mark='hills'/>It is a toy, with hills and valleys, standing in for the real cost. "
                       "<bookmark mark='task'/>The task is the same: find an x where the cost is low."):
            self.play(FadeIn(heading), run_time=1.5)
            self.on_word("cannot be drawn", Indicate(heading, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("draw", Create(plot), run_time=2.5)
            self.on_word("toy", FadeIn(toy, shift=0.2 * DOWN), run_time=1.5)
            self.on_word("hills", Indicate(plot.curve, color=theme.text, scale_factor=1.02), run_time=2.0)
            self.on_word("real cost", Indicate(toy[0], color=theme.accent), run_time=1.5)
            self.on_word("task", Indicate(toy, color=theme.accent), run_time=1.5)
            lows = VGroup(*(Dot(plot.point(m), radius=0.07, color=theme.dim_text) for m in minima))
            self.on_word("low", FadeIn(lows, scale=2), run_time=1.2)
            self.play(FadeOut(lows), run_time=0.6)

        colours = ball_colours(len(VALLEY_STARTS) + 1)
        ball = plot.ball(START, color=colours[0])
        tangents = VGroup()
        for x in TANGENT_POINTS:
            tangent = plot.tangent(x, length=2.0, color=theme.text)
            lifted = plot.point(x) + 0.45 * UP
            arrow = Arrow(lifted, lifted + (RIGHT if tangent.slope < 0 else LEFT) * 0.9, buff=0.1, color=theme.text,
                          stroke_width=5)
            rule = "< 0: step right" if tangent.slope < 0 else "> 0: step left"
            text = label(f"slope {format_number(tangent.slope, 2)} {rule}", size=24).next_to(lifted, UP, buff=0.5)
            text.align_to(lifted + 0.3 * (LEFT if tangent.slope > 0 else RIGHT), RIGHT if tangent.slope < 0 else LEFT)
            text.shift(max(-6.9 - text.get_left()[0], 0) * RIGHT)
            tangents.add(VGroup(tangent, arrow, text))
        self.shown_slopes = [float(t[0].slope) for t in tangents]
        first, second = self.shown_slopes
        with self.beat("For a simple formula, calculus could solve for the lowest point directly. For thousands of "
                       "inputs that is hopeless. So we do something humbler: <bookmark mark='start'/>start somewhere "
                       "and ask which way is downhill. <bookmark mark='slope'/>The slope answers it. "
                       f"<bookmark mark='first'/>At x = {format_number(TANGENT_POINTS[0], 0)} the slope is "
                       f"{format_number(first, 2)}: {slope_sign_words(first)}. <bookmark mark='second'/>At x = "
                       f"{format_number(TANGENT_POINTS[1], 1)} it is {format_number(second, 2)}: "
                       f"{slope_sign_words(second)}."):
            self.on_word("calculus", Indicate(toy[1], color=theme.accent), run_time=1.5)
            self.on_word("lowest point", Indicate(plot.curve, color=theme.text, scale_factor=1.02), run_time=1.5)
            self.on_word("thousands", Indicate(heading, color=theme.accent, scale_factor=1.05), run_time=1.2)
            self.on_word("hopeless", toy[1].animate.set_opacity(0.4), run_time=1.2)
            self.play(toy[1].animate.set_opacity(1.0), run_time=1.0)
            self.on_word("start", FadeIn(ball, scale=3), run_time=1.2)
            self.on_word("slope", Create(tangents[0][0]), run_time=1.2)
            self.on_word("first", FadeIn(tangents[0][2]), run_time=1.0)
            self.on_word("downhill", Create(tangents[0][1]), run_time=1.0, occurrence=2)
            self.on_word("second", Create(tangents[1][0]), FadeIn(tangents[1][2]), run_time=1.5)
            self.on_word("downhill", Create(tangents[1][1]), run_time=1.0, occurrence=3)

        self.learning_rate = STEP_SIZE
        self.path = path = descend_1d(curve, START, STEP_SIZE, STEPS)
        self.step_lengths = lengths = np.abs(np.diff(path))

        slopes = curve.slope(path)
        end_slope = float(slopes[-1])
        rule = VGroup(formula("x <- x - eta dot C'(x)", size=34),
                      label(f"η = {format_number(STEP_SIZE, 1)}, the step size", size=24, dim=True)
                      ).arrange(DOWN, buff=0.2, aligned_edge=LEFT).to_edge(RIGHT, buff=0.4).shift(1.6 * UP)
        bar_unit = 1.8 / float(lengths.max())  # scene units per unit of x: the longest step is 1.8 units
        bars_left = 2.9
        counter = label(" ", size=24)
        axis_y = plot.axes.c2p(0, 0)[1]
        ruler = VGroup()
        self.drawn_step_lengths: list[str] = []  # the step lengths written beside their bars
        step_words = []
        for k in range(1, STEPS + 1):
            side = "left" if path[k] < path[k - 1] else "right"
            if k <= 2:
                step_words.append(f"<bookmark mark='s{k}'/>Step {WORDS[k]}: the slope is "
                                  f"{format_number(slopes[k - 1], 2)}, <bookmark mark='m{k}'/>so the ball moves "
                                  f"{format_number(lengths[k - 1], 2)} to the {side}.")
            elif k == 3:
                step_words.append(f"<bookmark mark='s{k}'/>Step three: {format_number(lengths[k - 1], 2)}.")
            else:
                step_words.append(f"<bookmark mark='s{k}'/>Then {format_number(lengths[k - 1], 2)}"
                                  + ("." if k == STEPS else ","))
        with self.beat("So take a step downhill, and make its size proportional to the slope. "
                       f"<bookmark mark='rule'/>x moves by minus {format_number(STEP_SIZE, 1)} times the slope. "
                       f"<bookmark mark='eta'/>That {format_number(STEP_SIZE, 1)} is the step size, written with "
                       f"the Greek letter eta, and it is ours to choose. {' '.join(step_words)} "
                       "<bookmark mark='shrink'/>Near the bottom the slope shrinks, and so does every step. "
                       f"<bookmark mark='after'/>After {WORDS[STEPS]} steps the slope is only "
                       f"{format_number(end_slope, 2)}."):
            self.play(FadeOut(VGroup(tangents[1], tangents[0][1:])), run_time=0.8)
            self.on_word("proportional", Indicate(tangents[0][0], color=theme.accent, scale_factor=1.2), run_time=1.5)
            self.on_word("rule", Write(rule[0]), run_time=2.0)
            self.on_word("eta", FadeIn(rule[1]), FadeOut(tangents[0][0]), run_time=1.5)
            self.on_word("Greek", Indicate(rule[0], color=theme.accent), run_time=1.5)
            self.on_word("ours", Indicate(rule[1], color=theme.accent), run_time=1.5)
            for k in range(1, STEPS + 1):
                self.wait_until(f"s{k}")
                ghost = Dot(ball.get_center(), radius=0.05, color=colours[0], fill_opacity=0.5)
                y = rule.get_bottom()[1] - 0.45 - 0.5 * k
                mark = VGroup(label(f"step {k}", size=24, dim=True).move_to([bars_left, y, 0], aligned_edge=LEFT),
                              Line([bars_left + 1.25, y, 0], [bars_left + 1.25 + bar_unit * lengths[k - 1], y, 0],
                                   color=colours[0], stroke_width=12),
                              label(format_number(lengths[k - 1], 2), size=24).move_to(
                                  [bars_left + 1.45 + bar_unit * lengths[k - 1], y, 0], aligned_edge=LEFT))
                step_text = label(f"slope {format_number(slopes[k - 1], 2)}, move {format_number(lengths[k - 1], 2)}",
                                  size=24).next_to(plot.point(path[k - 1]), UP, buff=0.5)
                self.add(ghost)
                self.play(ball.animate.move_to(plot.ball_position(path[k])), FadeIn(mark[0]), Create(mark[1]),
                          FadeIn(mark[2]), counter.animate.become(step_text),
                          run_time=max(min(1.0, self.until(f"s{k + 1}" if k < STEPS else "shrink")), 0.4))
                ruler.add(mark, ghost)
                self.drawn_step_lengths.append(mark[2].original_text)
                if k <= 2:
                    self.on_word(f"m{k}", Indicate(mark[1], color=theme.accent, scale_factor=1.2),
                        Indicate(counter, color=theme.accent, scale_factor=1.1), run_time=1.5)
            self.on_word("shrink", *(Indicate(m[1], color=theme.accent, scale_factor=1.1) for m in ruler[::2]),
                run_time=1.5)
            self.on_word("after", Indicate(counter, color=theme.accent), run_time=1.5)
            self.play(Indicate(ball, color=theme.accent, scale_factor=1.8), run_time=1.5)

        paths = [descend_1d(curve, s, STEP_SIZE, VALLEY_STEPS) for s in VALLEY_STARTS]
        self.final_positions = np.array([p[-1] for p in paths])
        values = curve.value(self.final_positions)
        valleys = len({int(np.argmin(np.abs(minima - x))) for x in self.final_positions})
        balls = [plot.ball(s, color=c) for s, c in zip(VALLEY_STARTS, colours[1:])]
        marks = VGroup(*(DashedLine(plot.point(m), plot.axes.c2p(m, 0), color=theme.dim_text, stroke_width=3)
                         for m in minima))
        ends = VGroup(label("where each ball ends:", size=24, dim=True),
                      *(label(f"x = {format_number(float(x), 2)}, cost {format_number(float(v), 2)}", size=24, color=c)
                        for x, v, c in zip(self.final_positions, values, colours[1:]))
                      ).arrange(DOWN, aligned_edge=LEFT, buff=0.15).move_to([2.9, -0.4, 0], aligned_edge=LEFT)
        minimum_words = label("each rests in a\nlocal minimum", size=24).next_to(ends, DOWN, buff=0.35,
                                                                             aligned_edge=LEFT)
        with self.beat("But where the ball ends depends on where it starts. <bookmark mark='balls'/>Here are "
                       f"{count(len(VALLEY_STARTS))} balls, each following the same rule. "
                       f"<bookmark mark='roll'/>They settle into {count(valleys)} different valleys, "
                       f"<bookmark mark='costs'/>with final costs from {format_number(float(values.min()), 2)} to "
                       f"{format_number(float(values.max()), 2)}. <bookmark mark='minimum'/>Each valley floor is a "
                       "local minimum: no small step lowers the cost further. <bookmark mark='promise'/>Nothing "
                       "promises that a ball finds the lowest valley of all. <bookmark mark='network'/>Our network "
                       "is the same: training finds a good valley, not the best one."):
            self.play(FadeOut(VGroup(ball, ruler, counter)), run_time=0.8)
            self.on_word("balls", *(FadeIn(b, scale=3) for b in balls), run_time=1.2)
            self.wait_until("roll")
            hop = max(self.until("costs") / VALLEY_STEPS, 0.2)
            for i in range(1, VALLEY_STEPS + 1):
                self.play(*(b.animate.move_to(plot.ball_position(p[i])) for b, p in zip(balls, paths)),
                          run_time=hop)
            best = int(np.argmin(values))
            self.on_word("costs", FadeIn(ends, lag_ratio=0.3), Indicate(balls[best], scale_factor=2.0,
                                                                     color=theme.accent), run_time=1.5)
            self.on_word("minimum", Create(marks), FadeIn(minimum_words), run_time=1.5)
            self.on_word("further", *(Indicate(m, color=theme.accent) for m in marks), run_time=1.5)
            self.on_word("promise", *(Indicate(b, scale_factor=1.8, color=theme.accent)
                                   for n, b in enumerate(balls) if n != best), run_time=1.5)
            self.on_word("network", Indicate(toy, color=theme.accent), run_time=1.5)
            self.on_word("good valley", Indicate(balls[best], scale_factor=1.8, color=theme.accent), run_time=1.5)
