"""Chapter 2, scene 5: gradient descent on a toy curve of one variable -- the slope says which way is down, steps
proportional to it shrink near the bottom, and different starts end in different valleys."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Create, FadeIn, FadeOut, Succession, VGroup

from nnlib.toys import VALLEY_CURVE, descend_1d, local_minima_1d
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count
from scenes.content.components import ToyCurvePlot, format_number, formula, label


def slope_sign_words(slope: float) -> str:
    """What a slope tells a ball: "negative, so downhill is to the right"."""
    return "negative, so downhill is to the right" if slope < 0 else "positive, so downhill is to the left"


class DescentOneVariable(ExplainerScene):
    """A toy cost curve (named as a toy): two tangents and which way they say to step, a ball descending with steps
    proportional to the slope, then four balls ending in different local minima.

    Exposes ``shown_slopes`` (at the two tangent points), ``path`` (the first ball's positions), ``learning_rate``,
    ``final_positions`` (the four balls') and ``minima`` (the curve's local minima).
    """

    def construct(self) -> None:
        theme, curve = self.theme, VALLEY_CURVE
        heading = self.title("Finding a low point: gradient descent in one variable")
        toy = VGroup(label("a toy cost curve, made up to stand in (not our network):", size=20, dim=True),
                     formula(curve.formula, size=28)).arrange(RIGHT, buff=0.3).next_to(heading, DOWN, buff=0.25)
        plot = ToyCurvePlot(curve, width=10.5, height=4.2).to_edge(DOWN, buff=0.7)
        with self.beat("A function of thousands of inputs cannot be drawn, so let us build the idea on one we can "
                       "draw: a made-up cost with a single input, x. It is a toy, with hills and valleys, standing "
                       "in for the real cost. The task is the same: find an x where the cost is low.") as beat:
            self.play(FadeIn(heading), FadeIn(toy), run_time=beat.share(0.3))
            self.play(Create(plot), run_time=beat.share(0.4))

        start, rate = 1.5, 0.2
        ball = plot.ball(start)
        tangents = VGroup()
        for x in (start, -3.8):
            tangent = plot.tangent(x, length=2.0, color=theme.text)
            lifted = plot.point(x) + 0.45 * UP
            arrow = Arrow(lifted, lifted + (RIGHT if tangent.slope < 0 else LEFT) * 0.9, buff=0.1, color=theme.text,
                          stroke_width=5)
            rule = "< 0: step right" if tangent.slope < 0 else "> 0: step left"
            text = label(f"slope {format_number(tangent.slope, 2)} {rule}", size=20).next_to(lifted, UP, buff=0.55)
            text.shift((min(6.8 - text.get_right()[0], 0) + max(-6.8 - text.get_left()[0], 0)) * RIGHT)
            tangents.add(VGroup(tangent, arrow, text))
        self.shown_slopes = [float(t[0].slope) for t in tangents]
        first, second = self.shown_slopes
        with self.beat("For a simple formula, calculus could solve for the lowest point directly. For a cost with "
                       "thousands of inputs that is hopeless, so we do something humbler: start somewhere and ask "
                       f"which way is downhill. The slope answers it. At x = {format_number(start, 1)} the slope is "
                       f"{format_number(first, 2)}: {slope_sign_words(first)}. Over at x = -3.8 it is "
                       f"{format_number(second, 2)}: {slope_sign_words(second)}.") as beat:
            self.play(FadeIn(ball), *(Create(t[0]) for t in tangents), run_time=beat.share(0.3))
            self.play(*(FadeIn(t[1:]) for t in tangents), run_time=beat.share(0.3))

        steps = 12
        self.learning_rate = rate
        self.path = path = descend_1d(curve, start, rate, steps)
        end_slope = float(curve.slope(path[-1]))
        rule = formula("x <- x - eta dot C'(x)", size=30).next_to(toy, DOWN, buff=0.25)
        with self.beat(f"So take a step downhill, and make its size proportional to the slope: x moves by minus "
                       f"{format_number(rate, 1)} times the slope. The {format_number(rate, 1)}, called the learning "
                       f"rate and written with the Greek letter eta in the rule below, is ours to choose. Where the "
                       f"curve is steep, the ball strides; near the bottom the "
                       f"slope shrinks, and so do the steps, which keeps it from overshooting. After {count(steps)} "
                       f"steps the slope is only {format_number(end_slope, 3)}.") as beat:
            self.play(FadeOut(tangents), FadeIn(rule), run_time=beat.share(0.15))
            step_time = beat.share(0.6) / steps
            self.play(Succession(*(ball.animate(run_time=step_time).move_to(plot.ball_position(x))
                                   for x in path[1:])))

        starts = np.array([-5.0, -1.8, 0.6, 4.5])
        paths = [descend_1d(curve, s, rate, 30) for s in starts]
        self.final_positions = np.array([p[-1] for p in paths])
        self.minima = minima = local_minima_1d(curve)
        values = curve.value(self.final_positions)
        valleys = len({int(np.argmin(np.abs(minima - x))) for x in self.final_positions})
        balls = [plot.ball(s, color=c) for s, c in zip(starts, (theme.positive, theme.accent, theme.negative,
                                                                theme.text))]
        marks = VGroup()
        for m in minima:
            marks.add(label("local minimum", size=16, dim=True).next_to(plot.point(m), DOWN, buff=0.2))
        with self.beat(f"But where the ball ends depends on where it starts. Here are {count(len(starts))} balls, "
                       f"each following the same rule. They settle into {count(valleys)} different valleys, with "
                       f"final costs from {format_number(float(values.min()), 2)} to "
                       f"{format_number(float(values.max()), 2)}. Each valley floor is a local minimum: no small "
                       "step lowers the cost further. Nothing promises that a ball finds the lowest valley of all, "
                       "and the same will be true for our network: training finds a good valley, not the best "
                       "one.") as beat:
            self.play(FadeOut(ball), *(FadeIn(b) for b in balls), run_time=beat.share(0.1))
            hop = beat.share(0.5) / 15
            self.play(*(Succession(*(b.animate(run_time=hop).move_to(plot.ball_position(p[i]))
                                     for i in range(1, 31, 2))) for b, p in zip(balls, paths)))
            self.play(FadeIn(marks), run_time=beat.share(0.15))
