"""The extra part, scene 1: the real network's cost over a 2-D slice of its 13,002 parameters, with the path
training really took rolling down it (precomputed by ``python -m nnlib.landscape``, said on screen)."""

from __future__ import annotations

import numpy as np
from manim import (DEGREES, DL, DOWN, LEFT, RIGHT, UL, UP, UR, Create, Dot, Dot3D, FadeIn, FadeOut, ValueTracker,
                   VGroup, VMobject, linear)

from nnlib.landscape import Landscape, load_landscape
from scenes.content.base import Explainer3DScene
from scenes.content.components import format_number, label
from scenes.content.components.surface import SliceFrame
from scenes.content.real_cost_surface.common import shipped_note

ROLL_SECONDS = 5.0   # the 3-D animations keep their own short lengths: a moving camera redraws every face
TURN_SECONDS = 0.8  # each frame of the turn redraws all 256 faces: about 0.3 s of CPU a frame at 1080p


class ReadOut:
    """Epoch and costs in the top-right corner; a number is rebuilt only when its shown digits change.

    Building a Text takes milliseconds, so rebuilding three every frame would dominate the render: each distinct
    string is built once and kept.
    """

    def __init__(self, scene: Explainer3DScene) -> None:
        theme = scene.theme
        self.scene = scene
        self.labels = VGroup(label("epoch", size=18, dim=True), label("height here on the slice", size=18, dim=True),
                             label("the real network's cost", size=18, dim=True)
                             ).arrange(DOWN, aligned_edge=RIGHT, buff=0.22).to_corner(UR, buff=0.35).shift(LEFT * 0.9)
        self.colours = (theme.text, theme.accent, theme.text)
        self.cache: dict[tuple[int, str], VMobject] = {}
        self.shown: list[VMobject | None] = [None, None, None]
        self.group = VGroup()  # only the numbers: the labels stay still, drawn once into the static background
        scene.add_fixed_in_frame_mobjects(self.labels, self.group)

    @staticmethod
    def strings(land: Landscape, at: float) -> tuple[str, str, str]:
        """The three numbers at a fractional checkpoint index ``at``: epoch, height of the shadow, real cost."""
        index = np.arange(len(land.path))
        epoch = float(np.interp(at, index, land.path_epochs))
        shadow = float(np.interp(at, index, land.path_plane_costs))
        real = float(land.path_costs[int(round(at))])  # the real cost is known only at checkpoints
        return f"{int(epoch)}", format_number(shadow, 2), format_number(real, 2)

    def show(self, land: Landscape, at: float) -> None:
        for slot, text in enumerate(self.strings(land, at)):
            if (slot, text) not in self.cache:
                mob = label(text, size=22, color=self.colours[slot]).next_to(self.labels[slot], RIGHT, buff=0.25)
                self.scene.renderer.camera.add_fixed_in_frame_mobjects(mob)
                self.cache[(slot, text)] = mob
            new, old = self.cache[(slot, text)], self.shown[slot]
            if old is new:
                continue
            if old is not None:  # made invisible as well as removed: the renderer keeps drawing what it started with
                old.set_fill(opacity=0)
                self.group.remove(old)
            new.set_fill(opacity=1)
            self.group.add(new)
            self.shown[slot] = new


class RealCostSurface(Explainer3DScene):
    """The shipped recipe's cost over the plane in which training moved most, the projected path, a top view.

    Exposes ``landscape`` (the :class:`nnlib.landscape.Landscape` drawn), ``first_epoch_share`` (the share of the
    cost's fall done within the first epoch) and ``ball``.
    """

    def construct(self) -> None:
        theme = self.theme
        land = self.landscape = load_landscape()
        frame = SliceFrame(land.alphas, land.betas, land.costs)
        examples = int(land.metadata.get("examples", 0) or 0)
        explained = float(land.explained.sum())
        self.set_camera_orientation(phi=64 * DEGREES, theta=-60 * DEGREES, zoom=0.95,
                                    frame_center=[0, 0, frame.height * 0.45])
        title = self.fixed(label("The real cost surface", size=34).to_corner(UL, buff=0.35))
        caveat = self.fixed(label("a slice through 13,002 dimensions, not the whole space", size=20,
                                  color=theme.accent).next_to(title, DOWN, aligned_edge=LEFT, buff=0.15))
        note = self.fixed(shipped_note())
        surface = frame.surface(resolution=16)
        legend = self.fixed(VGroup(
            label(f"floor: the two directions training moved in most ({explained:.0%} of its movement)", size=18,
                  dim=True),
            label(f"height: average cost on {examples:,} training digits", size=18, dim=True),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12).to_corner(DL, buff=0.45))
        bar = self.fixed(frame.colour_bar(height=2.2).to_edge(RIGHT, buff=0.6).shift(DOWN * 0.6))
        with self.beat("In chapter 2, gradient descent rolled down made-up landscapes. This one is real. Our network "
                       "has 13,002 weights and biases, far too many directions to draw, so we take a flat slice: the "
                       f"plane of the two directions in which training moved the most, which hold {explained:.0%} of "
                       "its movement. Each point of the floor is a complete network, and the height above it is that "
                       f"network's average cost on {examples:,} training digits.") as beat:
            # the surface is there from the first frame (fading 256 faces in redraws them all, every frame)
            self.add(surface)
            self.play(FadeIn(title), FadeIn(caveat), FadeIn(note), run_time=min(0.6, beat.share(0.2)))
            self.play(FadeIn(legend), FadeIn(bar), run_time=min(0.6, beat.share(0.2)))

        drop = land.path_costs[0] - land.path_costs[-1]
        within_one = float(land.path_costs[np.searchsorted(land.path_epochs, 1.0)])
        self.first_epoch_share = (land.path_costs[0] - within_one) / drop if drop > 0 else 0.0
        with self.beat("The ball follows the path training really took, from the random start to the trained "
                       "network, projected onto this plane. Its real cost falls from "
                       f"{format_number(land.start_cost, 2)} to {format_number(land.trained_cost, 3)}, and "
                       f"{self.first_epoch_share:.0%} of that fall happens in the first epoch alone. The read-out "
                       "shows two numbers because the real network leaves the plane: its own cost differs from the "
                       "height of its shadow on the slice, most of all at the random start.") as beat:
            self.play(FadeOut(legend), run_time=0.5)
            self.roll_ball(land, frame)

        levels = frame.contour_levels(6)
        with self.beat("Seen from above, the coloured lines join points of equal cost, like the contour lines of a "
                       "map. The path crosses them from high cost to low. Where it seems to drift along a line for a "
                       "while, remember that this is a shadow: on the real surface each step goes down the steepest "
                       "slope, partly in directions this slice cannot show.") as beat:
            self.move_camera(phi=0, theta=-90 * DEGREES, zoom=0.95, focal_distance=60, frame_center=[0, 0, 0],
                             run_time=min(TURN_SECONDS, beat.share(0.3)))
            contours = frame.contours(levels)
            start = Dot3D(frame.point(*land.path[0], cost=land.path_plane_costs[0], lift=0.1), radius=0.1,
                          color=theme.text, resolution=(6, 6))
            key = self.fixed(VGroup(
                label("lines of equal cost: " + ", ".join(format_number(v, 2) for v in levels), size=18, dim=True),
                VGroup(label("● random start (its shadow on the slice)", size=18),
                       label("— the path to the trained network", size=18, color=theme.accent)
                       ).arrange(RIGHT, buff=0.4),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.12).to_corner(DL, buff=0.45).shift(UP * 0.12))
            self.play(Create(contours), FadeIn(start), FadeIn(key), run_time=min(1.5, beat.share(0.3)))

        self.say("A word of caution about pictures like this. A slice shows two directions out of 13,002; the cost "
                 "can rise and fall in the thousands of directions we cannot see, and the same network can look "
                 "quite different through another slice. What the picture does show honestly is the real cost of "
                 "real networks along the plane training moved in, and a path that heads steadily downhill.")

    def fixed(self, mobject):
        """Pin a 2-D overlay (titles, read-outs, legends) to the screen; the camera moves, it does not."""
        self.add_fixed_in_frame_mobjects(mobject)
        self.remove(mobject)
        return mobject

    def roll_ball(self, land: Landscape, frame: SliceFrame) -> None:
        """Move a ball along the projected path, reading out the epoch and both costs as it goes."""
        theme = self.theme
        trail = frame.path_curve(land.path, color=theme.accent)
        # a flat disc that always faces the camera: one shape to draw a frame, where a shaded sphere is dozens
        ball = VGroup(Dot(radius=0.11, color=theme.accent, stroke_width=2, stroke_color=theme.background),
                      Dot(radius=0.035, color=theme.text, fill_opacity=0.8).shift(UL * 0.035))
        ball.move_to(frame.point(*land.path[0], cost=land.path_plane_costs[0], lift=0.08))
        progress = ValueTracker(0.0)  # an index into the checkpoints, fractional between them
        readout = ReadOut(self)
        readout.show(land, 0.0)

        def follow(mob):
            at = progress.get_value()
            a, b, c = (np.interp(at, np.arange(len(land.path)), v)
                       for v in (land.path[:, 0], land.path[:, 1], land.path_plane_costs))
            mob.move_to(frame.point(a, b, cost=c, lift=0.08))

        ball.add_updater(follow)
        readout.group.add_updater(lambda _: readout.show(land, progress.get_value()))
        self.add_fixed_orientation_mobjects(ball)
        self.add(readout.group)  # after the ball: labels, surface and the rest stay in the static background
        # the camera holds still while the ball rolls: the surface is then drawn once, not once a frame
        self.play(progress.animate.set_value(len(land.path) - 1), Create(trail), run_time=ROLL_SECONDS,
                  rate_func=linear)
        ball.clear_updaters()
        readout.group.clear_updaters()
        self.trail, self.ball = trail, ball
