"""Chapter 2, scene 6: gradient descent on a toy surface of two variables -- the gradient drawn as an arrow made of
its two slopes, flipped to minus the gradient, and balls stepping down it in counted, shrinking steps into
different valleys.

The surface is drawn once and never changes (a frame in which a 400-face surface changes costs ~0.3 s to draw);
what moves are the arrows and the balls."""

from __future__ import annotations

import numpy as np
from manim import DEGREES, DOWN, IN, LEFT, ORIGIN, RIGHT, UP, Arrow, ImageMobject, config, Create, FadeIn, FadeOut, GrowArrow, Indicate, Line, \
    Transform, VGroup, VMobject, rate_functions

from nnlib.toys import TWO_VALLEY_SURFACE, descend_2d
from scenes.content.base import Explainer3DScene
from scenes.content.chapter2.common import ball_colours, count
from scenes.content.components import ToySurfacePlot, format_number, label, rgb

#: The balls' starts (the first is where the gradient is drawn), the step size and the steps each ball takes.
STARTS = ((2.0, 0.4), (-2.0, -0.4))
STEP_SIZE, STEPS = 0.5, 12
#: Floor units per unit of gradient, for drawing the gradient's arrows.
ARROW_SCALE = 1.4
#: Colours of the gradient's two parts and of the gradient itself (none is a weight sign's green or red).
X_PART, Y_PART = "#B48CFF", "#FFFFFF"


def snapshot(scene, mobject) -> ImageMobject:
    """``mobject`` as the camera sees it now, painted once into a frame-sized picture fixed in the frame, the
    background left transparent. The surface never changes and the camera never moves, so the picture stands for
    it: every later frame paints one image instead of shading 400 faces (about a second a play, even when only a
    ball moves, because manim repaints the still background at the start of every animation)."""
    camera = scene.renderer.camera
    camera.reset()
    camera.capture_mobjects([mobject])
    pixels = camera.pixel_array.copy()
    camera.reset()
    back = np.array(rgb(scene.theme.background), dtype=int)
    pixels[(np.abs(pixels[:, :, :3].astype(int) - back).sum(axis=2) < 8), 3] = 0
    image = ImageMobject(pixels)
    image.stretch_to_fit_height(config.frame_height).stretch_to_fit_width(config.frame_width).move_to(ORIGIN)
    scene.add_fixed_in_frame_mobjects(image)
    scene.remove(image)
    return image


def trail(plot: ToySurfacePlot, points: np.ndarray, colour: str) -> VMobject:
    """A piece of a descent's path drawn just above the surface, one segment per step."""
    line = VMobject(stroke_color=colour, stroke_width=4)
    line.set_points_as_corners([plot.point(x, y, lift=0.04) for x, y in points])
    return line


def flat_arrow(plot: ToySurfacePlot, start: tuple[float, float], delta: tuple[float, float], height: float,
               colour: str) -> Arrow:
    """An arrow over the floor from ``start`` by ``delta`` (floor units), at the scene height ``height``."""
    a = plot.axes.c2p(start[0], start[1], 0)
    b = plot.axes.c2p(start[0] + delta[0], start[1] + delta[1], 0)
    a[2] = b[2] = height
    return Arrow(a, b, buff=0, color=colour, stroke_width=7, max_tip_length_to_length_ratio=0.3)


class DescentTwoVariables(Explainer3DScene):
    """A toy cost surface C(x, y) (named as a toy, shaded dark for low and light for high): the gradient at a start
    point built from its two slopes and flipped to minus the gradient, then two balls stepping down into different
    valleys, each step counted and shorter than the last.

    Exposes ``start_gradient`` (dC/dx, dC/dy at the first start), ``paths`` (both balls' positions),
    ``step_lengths`` (per ball), ``final_points`` and ``ball_colours``.
    """

    def construct(self) -> None:
        theme, toy = self.theme, TWO_VALLEY_SURFACE
        self.set_camera_orientation(phi=60 * DEGREES, theta=-60 * DEGREES, zoom=1.1)
        plot = ToySurfacePlot(toy, resolution=20, side=6.0, z_scale=0.5, opacity=0.9).shift(1.6 * IN)
        landscape = snapshot(self, plot)  # drawn once; ``plot`` only places things on it from now on
        heading = self.title("Two inputs: the cost as a landscape")
        note = label("a made-up toy cost C(x, y), not our network", size=24, dim=True).next_to(heading, DOWN,
                                                                                               buff=0.15)
        shade = label("dark: low cost   light: high cost", size=24, dim=True).to_corner(DOWN + LEFT, buff=0.4)
        self.add_fixed_in_frame_mobjects(heading, note, shade)
        self.remove(heading, note, shade)
        toy_tag = label("made up for this picture", size=24, color=theme.accent).to_corner(DOWN + RIGHT, buff=0.4)
        self.add_fixed_in_frame_mobjects(toy_tag)
        self.remove(toy_tag)
        corners = [plot.floor_point(x, y) for x, y in ((-3, -3), (3, -3), (3, 3), (-3, 3), (-3, -3))]
        floor = VMobject(stroke_color=theme.accent, stroke_width=4).set_points_as_corners(corners)
        probe_at = (-1.0, 2.0)
        probe = Line(plot.floor_point(*probe_at), plot.point(*probe_at), color=theme.text, stroke_width=4)
        with self.beat("Now give the toy cost two inputs, x and y. Its graph is a surface. "
                       "<bookmark mark='floor'/>The floor holds every pair of inputs, <bookmark mark='height'/>and "
                       "the height above each point is the cost there. <bookmark mark='shade'/>Dark is low, light "
                       "is high. <bookmark mark='toy'/>This surface is again a made-up toy, so that we can see it "
                       "whole."):
            self.play(FadeIn(heading), FadeIn(note), run_time=1.5)
            self.on_word("surface", FadeIn(landscape), run_time=1.5)
            self.on_word("floor", Create(floor), run_time=1.5)
            self.on_word("height", Create(probe), run_time=1.5)
            self.on_word("shade", FadeIn(shade), FadeOut(probe), FadeOut(floor), run_time=1.5)
            self.on_word("toy", FadeIn(toy_tag, shift=0.2 * UP), run_time=1.5)
            self.on_word("whole", Indicate(toy_tag, color=theme.text), run_time=1.5)

        self.paths = paths = [descend_2d(toy, s, STEP_SIZE, STEPS) for s in STARTS]
        self.step_lengths = [np.hypot(*np.diff(p, axis=0).T) for p in paths]
        self.final_points = np.array([p[-1] for p in paths])
        # on the grey ground a white ball would vanish: the second and third of the ball colours
        self.ball_colours = colours = ball_colours(len(STARTS) + 1)[1:]
        x0, y0 = STARTS[0]
        gx, gy = (float(v) for v in toy.gradient(x0, y0))
        self.start_gradient = (gx, gy)
        steep = float(np.hypot(gx, gy))
        ball = plot.ball(x0, y0, color=colours[0])
        self.add_fixed_orientation_mobjects(ball)  # upright, facing the camera
        self.remove(ball)
        z = plot.point(x0, y0, lift=0.2)[2]
        s = ARROW_SCALE
        x_part = flat_arrow(plot, (x0, y0), (gx * s, 0.0), z, X_PART)
        y_part = flat_arrow(plot, (x0 + gx * s, y0), (0.0, gy * s), z, Y_PART)
        gradient = flat_arrow(plot, (x0, y0), (gx * s, gy * s), z, theme.accent)
        downhill = flat_arrow(plot, (x0, y0), (-gx * s, -gy * s), z, theme.accent)
        words = VGroup(label(f"slope along x: {format_number(gx, 2)}", size=24, color=X_PART),
                       label(f"slope along y: {format_number(gy, 2)}", size=24, color=Y_PART),
                       label(f"gradient = ({format_number(gx, 2)}, {format_number(gy, 2)}), uphill", size=24,
                             color=theme.accent),
                       label(f"length {format_number(steep, 2)}: the steepness", size=24),
                       label("minus the gradient: downhill", size=24, color=theme.accent)
                       ).arrange(DOWN, aligned_edge=LEFT, buff=0.15).to_corner(DOWN + LEFT, buff=0.4)
        self.add_fixed_in_frame_mobjects(words)
        self.remove(words)
        with self.beat("Standing on a hillside, which way should the ball go? <bookmark mark='gradient'/>Calculus "
                       "gives a direction called the gradient, built from two slopes. <bookmark mark='x'/>Along x "
                       f"the ground rises by {format_number(gx, 2)}; <bookmark mark='y'/>along y it changes by "
                       f"{format_number(gy, 2)}. <bookmark mark='sum'/>Together they make an arrow: the way up "
                       "that climbs fastest. <bookmark mark='long'/>Its length, "
                       f"{format_number(steep, 2)}, says how steep it is. <bookmark mark='flip'/>Turn it around, to "
                       "minus the gradient, and you go down as fast as possible."):
            self.play(FadeOut(shade), FadeOut(toy_tag), FadeIn(ball, scale=2), run_time=1.5)
            self.on_word("ball go", Indicate(ball, color=theme.accent, scale_factor=1.8), run_time=1.5)
            self.on_word("gradient", Indicate(ball, color=theme.accent, scale_factor=1.8), run_time=1.5)
            self.on_word("two slopes", Indicate(ball, color=theme.text, scale_factor=1.8), run_time=1.5)
            self.on_word("x", GrowArrow(x_part), FadeIn(words[0]), run_time=1.5)
            self.on_word("y", GrowArrow(y_part), FadeIn(words[1]), run_time=1.5)
            self.on_word("sum", GrowArrow(gradient), FadeIn(words[2]), run_time=1.5)
            self.on_word("long", Indicate(gradient, color=theme.text, scale_factor=1.1), FadeIn(words[3]),
                run_time=1.5)
            self.on_word("flip", FadeOut(x_part), FadeOut(y_part), Transform(gradient, downhill),
                FadeIn(words[4]), run_time=2.0)
            self.on_word("down", Indicate(gradient, color=theme.text, scale_factor=1.15), run_time=1.5)

        balls = [ball, plot.ball(*paths[1][0], color=colours[1])]
        self.add_fixed_orientation_mobjects(balls[1])
        self.remove(balls[1])
        counters = [label(f"step {k} of {STEPS}", size=24).to_corner(DOWN + RIGHT, buff=0.4)
                    for k in range(1, STEPS + 1)]
        self.add_fixed_in_frame_mobjects(*counters)
        self.remove(*counters)
        end = paths[0][-1]
        left = float(np.hypot(*toy.gradient(*end)))
        done = label(f"after {STEPS} steps: steepness {format_number(left, 2)}", size=24)
        done.to_corner(DOWN + RIGHT, buff=0.4)
        self.add_fixed_in_frame_mobjects(done)
        self.remove(done)
        lengths = self.step_lengths[0]
        with self.beat("Gradient descent is this, repeated: work out the gradient, take a small step against it, "
                       f"and do it again. <bookmark mark='size'/>Each step here is {format_number(STEP_SIZE, 1)} "
                       "times minus the gradient: the step size is 0.5. <bookmark mark='roll'/>Watch two balls, "
                       "started in two places. <bookmark mark='first'/>The first step of the light one is "
                       f"{format_number(lengths[0], 2)} long, <bookmark mark='next'/>the next "
                       f"{format_number(lengths[1], 2)}, and each one after is shorter still. "
                       "<bookmark mark='valleys'/>They roll into two different valleys. <bookmark mark='after'/>After "
                       f"{count(STEPS)} steps the ground under the first has a steepness of only "
                       f"{format_number(left, 2)}: it has all but stopped."):
            self.play(FadeOut(words[:4]), run_time=1.0)
            self.on_word("work out", Indicate(gradient, color=theme.text, scale_factor=1.15), run_time=1.5)
            self.on_word("step against", Indicate(words[4], color=theme.accent), run_time=1.5)
            self.on_word("again", FadeOut(words[4]), run_time=1.0)
            self.on_word("size", Indicate(gradient, color=theme.text, scale_factor=1.1), run_time=1.2)
            self.on_word("roll", FadeOut(gradient), FadeIn(balls[1], scale=2), run_time=1.0)
            self.wait_until("first")
            for k in range(1, STEPS + 1):
                step = max(min(self.until("valleys") / (STEPS - k + 1), 1.0), 0.3) if k > 2 else 1.2
                if k == 2:
                    self.wait_until("next")
                pieces = [trail(plot, p[k - 1:k + 1], c) for p, c in zip(paths, colours)]
                self.play(*(b.animate.move_to(plot.point(*p[k], lift=0.12)) for b, p in zip(balls, paths)),
                          *(Create(t, rate_func=rate_functions.linear) for t in pieces),
                          FadeIn(counters[k - 1]), *([FadeOut(counters[k - 2])] if k > 1 else []),
                          run_time=step)
            self.on_word("valleys", *(Indicate(b, scale_factor=1.6, color=theme.accent) for b in balls), run_time=1.2)
            self.on_word("after", FadeOut(counters[-1]), FadeIn(done), run_time=1.5)
            self.on_word("steepness", Indicate(balls[0], color=theme.accent, scale_factor=1.8), run_time=1.5)
            self.on_word("stopped", Indicate(done, color=theme.accent), run_time=1.5)
