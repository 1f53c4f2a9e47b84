"""Chapter 2, scene 6: gradient descent on a toy surface of two variables -- the negative gradient points downhill,
its length is the steepness, and repeated small steps along it settle into a valley."""

from __future__ import annotations

import numpy as np
from manim import DEGREES, DOWN, IN, LEFT, RIGHT, Arrow, Create, FadeIn, FadeOut, Succession, VGroup, VMobject, \
    rate_functions

from nnlib.toys import TWO_VALLEY_SURFACE, descend_2d
from scenes.content.base import Explainer3DScene
from scenes.content.chapter2.common import count
from scenes.content.components import ToySurfacePlot, format_number, label


def trail(plot: ToySurfacePlot, path: np.ndarray, colour: str) -> VMobject:
    """The path of a descent drawn just above the surface, one segment per step."""
    line = VMobject(stroke_color=colour, stroke_width=5)
    line.set_points_as_corners([plot.point(x, y, lift=0.04) for x, y in path])
    return line


class DescentTwoVariables(Explainer3DScene):
    """A toy cost surface C(x, y) (named as a toy): the negative gradient at a start point, then two balls stepping
    down it into different valleys.

    Exposes ``start_gradient`` (dC/dx, dC/dy at the first start), ``paths`` (both balls' positions) and
    ``final_points``.
    """

    def construct(self) -> None:
        theme, toy = self.theme, TWO_VALLEY_SURFACE
        self.set_camera_orientation(phi=60 * DEGREES, theta=-60 * DEGREES, zoom=0.8)
        plot = ToySurfacePlot(toy, resolution=20, side=6.0, z_scale=0.5, opacity=0.8).shift(0.8 * IN)
        heading = self.title("Two inputs: the cost as a landscape")
        note = label("a toy cost surface C(x, y), not our network", size=20, dim=True).next_to(heading, DOWN,
                                                                                              buff=0.15)
        self.add_fixed_in_frame_mobjects(heading, note)
        self.remove(heading, note)
        with self.beat("Now give the toy cost two inputs, x and y. Its graph is a surface: the floor holds every "
                       "pair of inputs, and the height above each point is the cost there. Green is low, red is "
                       "high. This surface is again a made-up toy, so that we can see it whole.") as beat:
            self.play(FadeIn(heading), FadeIn(note), run_time=beat.share(0.2))
            # a frame in which the 400-face surface changes costs ~0.3 s to draw (a still one is drawn once): a brisk
            # one-second entrance, then the rest of the beat holds the picture
            self.play(Create(plot), run_time=1.0)

        starts = [(2.6, -2.4), (-2.6, -0.2)]
        rate, steps = 0.5, 24
        self.paths = paths = [descend_2d(toy, s, rate, steps) for s in starts]
        self.final_points = np.array([p[-1] for p in paths])
        x0, y0 = starts[0]
        gx, gy = (float(v) for v in toy.gradient(x0, y0))
        self.start_gradient = (gx, gy)
        steep = float(np.hypot(gx, gy))
        tip = np.array([x0, y0]) - 1.2 * np.array([gx, gy]) / steep
        arrow = Arrow(plot.point(x0, y0, 0.15), plot.point(*tip, 0.15), buff=0, color=theme.background,
                      stroke_width=8, max_tip_length_to_length_ratio=0.3)
        ball = plot.ball(x0, y0)
        self.add_fixed_orientation_mobjects(ball)  # upright, facing the camera
        self.remove(ball)
        words = VGroup(label("minus the gradient points downhill", size=20, color=theme.accent),
                       label(f"its length, {format_number(steep, 2)}, is the steepness here", size=20)
                       ).arrange(DOWN, aligned_edge=LEFT).to_corner(DOWN + LEFT, buff=0.4)
        self.add_fixed_in_frame_mobjects(words)
        self.remove(words)
        with self.beat("Standing on a hillside, which way should the ball go? Calculus gives a direction called "
                       "the gradient: the way up that climbs fastest. Step the opposite way, minus the gradient, and "
                       "you go down as fast as possible. Its length says how steep the slope is: here "
                       f"{format_number(steep, 2)}. The gradient is just the two slopes together: "
                       f"{format_number(gx, 2)} along x and {format_number(gy, 2)} along y.") as beat:
            self.play(FadeIn(ball), Create(arrow), FadeIn(words), run_time=beat.share(0.4))

        balls = [ball, plot.ball(*paths[1][0], color=theme.negative)]
        self.add_fixed_orientation_mobjects(balls[1])
        self.remove(balls[1])
        trails = [trail(plot, path, theme.background) for path in paths]
        end = paths[0][-1]
        left = float(np.hypot(*toy.gradient(*end)))
        done = label(f"after {steps} steps: steepness {format_number(left, 3)}", size=20)
        done.to_corner(DOWN + RIGHT, buff=0.4)
        self.add_fixed_in_frame_mobjects(done)
        self.remove(done)
        with self.beat(f"Gradient descent is this, repeated: work out the gradient, take a small step against it, "
                       f"and do it again. Each step here is {format_number(rate, 1)} times minus the gradient, so the "
                       f"strides are long on steep ground and short near the bottom. Two balls, started in two "
                       f"places, roll into two different valleys. After {count(steps)} steps the first one's ground "
                       f"has a steepness of only {format_number(left, 3)}: it has all but stopped.") as beat:
            self.play(FadeOut(arrow), FadeIn(balls[1]), run_time=beat.share(0.1))
            step_time = beat.share(0.6) / steps
            self.play(*(Succession(*(b.animate(run_time=step_time).move_to(plot.point(*p, lift=0.12))
                                     for p in path[1:])) for b, path in zip(balls, paths)),
                      *(Create(t, run_time=step_time * steps, rate_func=rate_functions.linear) for t in trails))
            self.play(FadeIn(done), run_time=beat.share(0.1))
