"""Chapter 3: the real cost surface -- gradient descent on the actual network, not a made-up bowl.

Both scenes draw ``assets/landscape.npz``, made by ``python -m nnlib.landscape`` (see :mod:`nnlib.landscape`): a
784-16-16-10 network trained from a seeded random start, its checkpoints, the cost over the plane of the two
directions in which training moved the most, the path projected onto that plane, and the cost along the straight
line from the start to the trained parameters. Every height and number on screen comes from that file.
"""

from __future__ import annotations

import numpy as np
from manim import (DEGREES, DL, DOWN, LEFT, RIGHT, UL, UP, UR, Axes, Create, DashedLine, Dot, Dot3D, FadeIn,
                   FadeOut, Line, Scene, ThreeDScene, ValueTracker, VGroup, VMobject, Write, linear)

from nnlib.landscape import Landscape, load_landscape
from scenes.content.components.surface import SliceFrame
from scenes.content.components.theme import Theme, apply_background, format_number, label, number
from scenes.content.narration import beat


class RealCostSurface(ThreeDScene):
    """The cost over a 2-D slice of the 13,002 parameters, a ball rolling along training's real (projected) path."""

    def construct(self) -> None:
        theme = apply_background(self)
        land = load_landscape()
        frame = SliceFrame(land.alphas, land.betas, land.costs)
        self.set_camera_orientation(phi=64 * DEGREES, theta=-60 * DEGREES, zoom=0.95,
                                    frame_center=[0, 0, frame.height * 0.45])

        title = label("The real cost surface", size=theme.title_size).to_corner(UL, buff=0.35)
        caveat = label("a slice through 13,002 dimensions, not the whole space", size=theme.small_size,
                       color=theme.accent).next_to(title, DOWN, aligned_edge=LEFT, buff=0.15)
        self.add_fixed_in_frame_mobjects(title, caveat)
        surface = frame.surface(resolution=24, theme=theme)
        self.play(Create(surface, lag_ratio=0.01), run_time=2)
        legend = self.fixed(plane_legend(land, theme).to_corner(DL, buff=0.35))
        bar = self.fixed(frame.colour_bar(height=2.2, theme=theme).to_edge(RIGHT, buff=0.6).shift(DOWN * 0.6))
        self.play(FadeIn(legend), FadeIn(bar))
        beat(self, "This is the real network's cost over one flat slice of its 13,002-dimensional parameter space: "
                   "the plane in which training moved the most. Each height is the average cost on "
                   f"{land.metadata.get('examples', 0):,} training digits.")

        self.play(FadeOut(legend), run_time=0.5)  # the camera turns next; the surface's corner would cover it
        self.roll_ball(land, frame, theme)
        beat(self, "The ball is training's path projected onto the slice. The real network leaves the plane, so "
                   "its own cost (right) differs from the height of its shadow, most of all at the random start.")

        self.top_view(land, frame, theme)
        beat(self, "Seen from above: lines of equal cost, and the path gradient descent took to the trained network.")

    def fixed(self, mobject):
        """Pin a 2-D overlay (titles, read-outs, legends) to the screen; the camera moves, it does not."""
        self.add_fixed_in_frame_mobjects(mobject)
        self.remove(mobject)
        return mobject

    def roll_ball(self, land: Landscape, frame: SliceFrame, theme: Theme) -> None:
        """Move a ball along the projected path, with the epoch and both costs read out as it goes."""
        trail = frame.path_curve(land.path, color=theme.accent)
        ball = Dot3D(frame.point(*land.path[0], cost=land.path_plane_costs[0], lift=0.08), radius=0.09,
                     color=theme.accent, resolution=(8, 8))
        progress = ValueTracker(0.0)  # index into the checkpoints, fractional between them
        readout = ReadOut(self, theme)
        readout.show(land, 0.0)

        def follow(mob):
            at = progress.get_value()
            a, b, c = (np.interp(at, np.arange(len(land.path)), v) for v in
                       (land.path[:, 0], land.path[:, 1], land.path_plane_costs))
            mob.move_to(frame.point(a, b, cost=c, lift=0.08))

        ball.add_updater(follow)
        readout.group.add_updater(lambda _: readout.show(land, progress.get_value()))
        self.add(ball, readout.group)
        self.begin_ambient_camera_rotation(rate=0.12)
        self.play(progress.animate.set_value(len(land.path) - 1), Create(trail), run_time=9, rate_func=linear)
        self.stop_ambient_camera_rotation()
        ball.clear_updaters()
        readout.group.clear_updaters()
        self.trail, self.ball = trail, ball

    def top_view(self, land: Landscape, frame: SliceFrame, theme: Theme) -> None:
        """Turn the camera to look straight down, then draw the contour lines and the start and end."""
        self.move_camera(phi=0, theta=-90 * DEGREES, zoom=0.95, focal_distance=60, frame_center=[0, 0, 0],
                         run_time=2.5)
        levels = frame.contour_levels(6)
        contours = frame.contours(levels, theme=theme)
        start = Dot3D(frame.point(*land.path[0], cost=land.path_plane_costs[0], lift=0.1), radius=0.1,
                      color=theme.text, resolution=(6, 6))
        self.play(Create(contours), FadeIn(start), run_time=2)
        key = self.fixed(VGroup(
            label("lines of equal cost: " + ", ".join(format_number(v, 2) for v in levels),
                  size=theme.small_size, dim=True),
            VGroup(label("\u25cf random start (its shadow on the slice)", size=theme.small_size, color=theme.text),
                   label("\u2014 the path to the trained network", size=theme.small_size, color=theme.accent),
                   ).arrange(RIGHT, buff=0.4),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12).to_corner(DL, buff=0.3))
        self.play(FadeIn(key))
        self.wait(1)


def plane_legend(land: Landscape, theme: Theme) -> VGroup:
    """Two lines saying what the floor and the height of the picture are."""
    explained = float(land.explained.sum())
    return VGroup(
        label(f"floor: the two directions in which training moved most ({explained:.0%} of its movement)",
              size=theme.small_size, dim=True),
        label(f"height: average cost on {land.metadata.get('examples', 0):,} training digits",
              size=theme.small_size, dim=True),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)


class ReadOut:
    """Epoch and costs in the top-right corner; a number changes only when its shown digits change.

    Building a Text takes milliseconds, so rebuilding three every frame would dominate the render. The labels are
    built once; each number is built once per distinct string and kept in a per-scene cache.
    """

    def __init__(self, scene: ThreeDScene, theme: Theme) -> None:
        self.scene, self.theme = scene, theme
        size = theme.label_size * 0.8
        self.size = size
        self.labels = VGroup(
            label("epoch", size=size * 0.8, dim=True),
            label("height here on the slice", size=size * 0.8, dim=True),
            label("the real network's cost", size=size * 0.8, dim=True),
        ).arrange(DOWN, aligned_edge=RIGHT, buff=0.22).to_corner(UR, buff=0.35).shift(LEFT * 0.9)
        self.colours = (theme.text, theme.accent, theme.text)
        self.cache: dict[tuple[int, str], VMobject] = {}
        self.shown: list[VMobject | None] = [None, None, None]
        self.group = VGroup(self.labels)
        scene.add_fixed_in_frame_mobjects(self.group)

    def strings(self, land: Landscape, at: float) -> tuple[str, str, str]:
        """The three numbers for a fractional checkpoint index ``at``: epoch, height of the shadow, real cost."""
        index = np.arange(len(land.path))
        epoch = float(np.interp(at, index, land.path_epochs))
        shadow = float(np.interp(at, index, land.path_plane_costs))
        real = float(land.path_costs[int(round(at))])  # the real cost is known only at checkpoints
        return f"{int(epoch)}", format_number(shadow, 2), format_number(real, 2)

    def number_mob(self, slot: int, text: str) -> VMobject:
        if (slot, text) not in self.cache:
            mob = label(text, size=self.size, color=self.colours[slot])
            mob.next_to(self.labels[slot], RIGHT, buff=0.25)
            self.scene.renderer.camera.add_fixed_in_frame_mobjects(mob)
            self.cache[(slot, text)] = mob
        return self.cache[(slot, text)]

    def show(self, land: Landscape, at: float) -> None:
        for slot, text in enumerate(self.strings(land, at)):
            new = self.number_mob(slot, text)
            old = self.shown[slot]
            if old is new:
                continue
            # The renderer keeps drawing every mobject that was on screen when an animation began, so a replaced
            # number is made invisible rather than only removed (otherwise it stays behind as a ghost).
            if old is not None:
                old.set_fill(opacity=0)
                self.group.remove(old)
            new.set_fill(opacity=1)
            self.group.add(new)
            self.shown[slot] = new


class StraightLineVsPath(Scene):
    """The cost along the straight line from the random start to the trained network, beside the path training took."""

    def construct(self) -> None:
        theme = apply_background(self)
        land = load_landscape()
        title = label("Straight line or the path taken?", size=theme.title_size).to_edge(UP, buff=0.35)
        self.add(title)

        low = min(land.interp_costs.min(), land.path_costs.min(), land.path_plane_costs.min())
        high = max(land.interp_costs.max(), land.path_costs.max())
        left = cost_axes(0.0, 1.0, low, high, theme, "fraction of the straight line", [0, 0.5, 1])
        epochs = float(land.path_epochs[-1])
        right = cost_axes(0.0, epochs, low, high, theme, "epochs of training",
                          [0, round(epochs / 2), round(epochs)])
        VGroup(left, right).arrange(RIGHT, buff=1.0).next_to(title, DOWN, buff=0.5)
        left_title = label("the straight line, start to trained", size=theme.small_size).next_to(left, UP, buff=0.1)
        right_title = label("the path gradient descent took", size=theme.small_size).next_to(right, UP, buff=0.1)
        self.play(FadeIn(left), FadeIn(left_title))

        line_curve = log_curve(left, land.interp_t, land.interp_costs, theme.positive, width=4)
        ends = VGroup(Dot(left.c2p(0, land.interp_costs[0]), color=theme.text, radius=0.06),
                      Dot(left.c2p(1, land.interp_costs[-1]), color=theme.text, radius=0.06))
        self.play(Create(line_curve), FadeIn(ends), run_time=2)
        beat(self, "Walk in a straight line from the random start to the trained parameters and measure the cost "
                   "all the way: " + straight_line_verdict(land) + ".")

        self.play(FadeIn(right), FadeIn(right_title))
        real = log_curve(right, land.path_epochs, land.path_costs, theme.accent, width=2.5)
        shadow = log_curve(right, land.path_epochs, land.path_plane_costs, theme.dim_text, width=2.5, dashed=True)
        self.play(Create(real), run_time=2.5, rate_func=linear)
        self.play(Create(shadow), run_time=1.5)
        key = VGroup(
            label("real cost at each checkpoint", size=theme.small_size, color=theme.accent),
            label("its shadow on the slice (dashed)", size=theme.small_size, dim=True),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.08).next_to(right, DOWN, buff=0.35)
        self.play(FadeIn(key))
        beat(self, "Gradient descent does not take the straight line: mini-batches jostle it, and the cost it "
                   "measures bounces while falling.")

        distances = VGroup(
            label(f"straight line: length {format_number(land.straight_distance, 1)} in parameter space", size=theme.small_size,
                  color=theme.positive),
            label(f"path taken: length {format_number(land.path_length, 1)}, "
                  f"{land.path_length / land.straight_distance:.0f} times as long", size=theme.small_size,
                  color=theme.accent),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1).next_to(left, DOWN, buff=0.35)
        self.play(FadeIn(distances))
        beat(self, "Both end at the same network. The straight line is short and downhill; the path is many times "
                   "longer, because each step only follows the slope of one mini-batch.")


def cost_axes(x0: float, x1: float, low: float, high: float, theme: Theme, x_label: str,
              x_ticks: list[float]) -> VGroup:
    """Axes for cost on a log scale, ticks labelled with Text (never TeX).

    The y coordinate is log10(cost) measured from the bottom of the axis, so the x-axis sits at the bottom;
    ``group.c2p(x, cost)`` gives the scene point of a cost.
    """
    y0, y1 = np.floor(np.log10(low) * 2) / 2, np.ceil(np.log10(high) * 2) / 2
    axes = Axes(x_range=[x0, x1, (x1 - x0) / 2], y_range=[0, y1 - y0, 1], x_length=5.6, y_length=4.0,
                tips=False, x_axis_config={"color": theme.dim_text, "stroke_width": 2},
                y_axis_config={"color": theme.dim_text, "stroke_width": 2, "include_ticks": False})
    group = VGroup(axes)
    for x in x_ticks:
        group.add(number(x, 0 if float(x).is_integer() else 1, size=theme.small_size * 0.9, color=theme.dim_text)
                  .next_to(axes.c2p(x, 0), DOWN, buff=0.15))
    for value in nice_cost_ticks(10 ** y0, 10 ** y1):
        at = axes.c2p(x0, np.log10(value) - y0)
        group.add(Line(at + LEFT * 0.08, at + RIGHT * 0.08, color=theme.dim_text, stroke_width=2))
        group.add(label(f"{value:g}", size=theme.small_size * 0.9, dim=True).next_to(at, LEFT, buff=0.15))
    group.add(label(x_label, size=theme.small_size, dim=True).next_to(axes.x_axis, DOWN, buff=0.5))
    group.add(label("cost", size=theme.small_size, dim=True).next_to(axes.c2p(x0, y1 - y0), RIGHT, buff=0.25))
    group.c2p = lambda x, cost: axes.c2p(x, np.log10(cost) - y0)
    return group


def nice_cost_ticks(low: float, high: float) -> list[float]:
    """1-2-5 values between low and high, for a log axis."""
    out = []
    for exponent in range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1):
        for m in (1, 2, 5):
            v = m * 10.0 ** exponent
            if low * 0.999 <= v <= high * 1.001:
                out.append(float(f"{v:.3g}"))
    return out


def log_curve(axes: VGroup, xs: np.ndarray, costs: np.ndarray, color: str, width: float = 3,
              dashed: bool = False) -> VMobject:
    """A polyline of (x, log10 cost) on ``cost_axes``."""
    curve = VMobject(stroke_color=color, stroke_width=width)
    curve.set_points_as_corners([axes.c2p(x, c) for x, c in zip(xs, costs)])
    if dashed:
        from manim import DashedVMobject

        return DashedVMobject(curve, num_dashes=60)
    return curve


def straight_line_verdict(land: Landscape) -> str:
    """What the straight line's cost does, in words, read from the numbers."""
    rises = np.flatnonzero(np.diff(land.interp_costs) > 1e-9)
    if len(rises) == 0:
        return "it goes downhill all the way, with no hill to climb"
    t = land.interp_t[rises[0]]
    return f"it rises at {t:.0%} of the way, a bump gradient descent had to get round"
