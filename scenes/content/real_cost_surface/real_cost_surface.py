"""The extra part, scene 1: the real network's cost over a 2-D slice of its 13,002 parameters, with the path
training really took rolling down it (precomputed, said on screen; the README says how to regenerate it)."""

from __future__ import annotations

import numpy as np
from manim import (DEGREES, DL, DOWN, LEFT, RIGHT, UL, UP, UR, Create, Dot, Dot3D, FadeIn, FadeOut, Group, Indicate,
                   Line, MoveAlongPath, SurroundingRectangle, ValueTracker, VGroup, VMobject, linear)

from nnlib.landscape import Landscape, load_landscape
from scenes.content.base import Explainer3DScene
from scenes.content.components import format_number, label
from scenes.content.components.surface import SliceFrame, cost_picture
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
        self.labels = VGroup(label("epoch", size=24, dim=True), label("height here on the slice", size=24, dim=True),
                             label("the real network's cost", size=24, dim=True)
                             ).arrange(DOWN, aligned_edge=RIGHT, buff=0.22).to_corner(UR, buff=0.35).shift(LEFT * 0.9 + DOWN)
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
                mob = label(text, size=24, color=self.colours[slot]).next_to(self.labels[slot], RIGHT, buff=0.25)
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
    cost's fall done within the first epoch), ``probe_heights`` (the costs the probe of the first beat showed) and
    ``ball``.
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
        caveat = self.fixed(label("a slice through 13,002 dimensions, not the whole space", size=24)
                            .next_to(title, DOWN, aligned_edge=LEFT, buff=0.15))
        note = self.fixed(shipped_note())
        surface = frame.surface(resolution=16)
        legend = self.fixed(VGroup(
            label(f"floor: the two directions training moved in most ({explained:.0%} of its movement)", size=24,
                  dim=True),
            label(f"height: average cost on {examples:,} training digits", size=24, dim=True),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12).to_corner(DL, buff=0.45).shift(UP * 0.35))
        bar = self.fixed(frame.colour_bar(height=2.2).to_edge(RIGHT, buff=0.6).shift(DOWN * 0.6))
        with self.beat("In chapter 2, gradient descent rolled down made-up landscapes. This one is "
                       "<bookmark mark='real'/>real. Our network has <bookmark mark='many'/>13,002 weights and biases, "
                       "far too many directions to draw. So we take a flat "
                       "<bookmark mark='slice'/>slice: the plane of the two directions in which training moved the "
                       f"most. They hold {explained:.0%} of its movement. <bookmark mark='point'/>Each point of the "
                       "floor is a complete network. The <bookmark mark='height'/>height above it is that network's "
                       f"average cost on {examples:,} training digits.") as beat:
            # the surface is there from the first frame (fading 256 faces in redraws them all, every frame)
            self.add(surface)
            self.play(FadeIn(title), FadeIn(note), run_time=min(1.0, self.until("slice")))
            self.wait_until("real")
            self.play(Indicate(title, color=theme.text, scale_factor=1.1), run_time=1.2)
            self.wait_until("many")
            self.play(FadeIn(caveat, shift=0.2 * DOWN), run_time=1.2)
            self.play(Indicate(caveat, color=theme.text, scale_factor=1.05), run_time=1.5)
            self.wait_until("slice")
            self.play(FadeIn(legend), FadeIn(bar), run_time=1.5)
            self.wait_until("point")
            self.probe(frame, run_time=max(beat.end - float(self.renderer.time) - 0.3, 1.0))

        drop = land.path_costs[0] - land.path_costs[-1]
        one = int(np.searchsorted(land.path_epochs, 1.0))
        within_one = float(land.path_costs[one])
        self.first_epoch_share = (land.path_costs[0] - within_one) / drop if drop > 0 else 0.0
        epochs = int(round(float(land.path_epochs[-1])))
        with self.beat("The ball follows the path training really took, projected onto this plane. Watch the "
                       "<bookmark mark='first'/>first epoch. The real cost falls from "
                       f"{format_number(land.start_cost, 2)} to <bookmark mark='one'/>{format_number(within_one, 3)}. "
                       f"That is {self.first_epoch_share:.0%} of its whole fall, done in the first of {epochs} "
                       "epochs. The <bookmark mark='rest'/>rest of training takes it down to "
                       f"{format_number(land.trained_cost, 3)}, on the same {examples:,} digits. The read-out shows "
                       "two numbers because the real network leaves the plane. Its own cost differs from the height of "
                       "its shadow on the slice, most of all at the random start.") as beat:
            self.play(FadeOut(legend), run_time=0.5)
            ball = self.start_ball(land, frame)
            self.wait_until("first")
            self.roll_to(one, run_time=self.until("one"))
            self.play(Indicate(self.readout.group, color=theme.accent), run_time=1.2)
            self.wait_until("rest")
            self.roll_to(len(land.path) - 1, run_time=max(beat.end - float(self.renderer.time) - 0.5, 1.0))
            self.finish_ball()

        levels = frame.contour_levels(6)
        with self.beat("Seen from <bookmark mark='above'/>above, the lines join points of equal cost, like the "
                       "contour lines of a map. The path <bookmark mark='crosses'/>crosses them from high cost to low. "
                       "Where it seems to drift along a line for a while, remember that this is a "
                       "<bookmark mark='shadow'/>shadow. On the real surface each step goes down the "
                       "<bookmark mark='steepest'/>steepest slope, "
                       "partly in directions this slice cannot show.") as beat:
            self.move_camera(phi=0, theta=-90 * DEGREES, zoom=0.95, focal_distance=60, frame_center=[0, 0, 0],
                             run_time=min(TURN_SECONDS, self.until("above")))
            contours = frame.contours(levels)
            start = Dot3D(frame.point(*land.path[0], cost=land.path_plane_costs[0], lift=0.1), radius=0.1,
                          color=theme.text, resolution=(6, 6))
            key = self.fixed(VGroup(
                label("lines of equal cost: " + ", ".join(format_number(v, 2) for v in levels), size=24, dim=True),
                VGroup(label("● random start (its shadow on the slice)", size=24),
                       label("— the path to the trained network", size=24, color=theme.accent)
                       ).arrange(RIGHT, buff=0.4),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.12).to_corner(DL, buff=0.45).shift(UP * 0.4))
            self.play(Create(contours), FadeIn(start), FadeIn(key), run_time=max(min(2.0, self.until("crosses")), 0.5))
            self.wait_until("crosses")
            # the path once more, traced from the start as the narration follows it, over the lines it crosses
            tracer = Dot(radius=0.09, color=theme.text).move_to(frame.point(*land.path[0], lift=0.12))
            along = frame.path_curve(land.path, lift=0.12, color=theme.accent)
            self.play(MoveAlongPath(tracer, along), run_time=self.until("shadow"), rate_func=linear)
            self.play(Indicate(self.ball, color=theme.text, scale_factor=1.6), FadeOut(tracer), run_time=1.5)
            self.wait_until("steepest")
            self.play(Indicate(self.ball, color=theme.text, scale_factor=1.8), run_time=2.0)
        self.contours = contours

        other = self.fixed(Group(cost_picture(land.random_costs, height=1.6)))
        other_frame = self.fixed(SurroundingRectangle(other, buff=0.02, color=theme.dim_text, stroke_width=1.5))
        other_caption = self.fixed(VGroup(label("another slice:", size=24, dim=True),
                                          label("two random directions", size=24, dim=True),
                                          label(f"cost {format_number(float(land.random_costs.min()), 2)} to "
                                                f"{format_number(float(land.random_costs.max()), 2)}", size=24,
                                                dim=True)).arrange(DOWN, aligned_edge=LEFT, buff=0.08))
        inset = Group(other, other_frame, other_caption)
        Group(other, other_frame).to_corner(UR, buff=0.35).shift(DOWN * 1.3)
        other_caption.next_to(other_frame, DOWN, buff=0.12, aligned_edge=LEFT)
        with self.beat("A word of caution about pictures like this. A slice shows <bookmark mark='two'/>two "
                       "directions out of 13,002. The cost can rise and fall in the thousands of directions we cannot "
                       "see. The same network can look quite different through "
                       "<bookmark mark='another'/>another slice. What the picture does show <bookmark mark='honest'/>"
                       "honestly is the real cost "
                       "of real networks along the plane training moved in. And it shows a path that heads "
                       "<bookmark mark='down'/>steadily downhill.") as beat:
            self.wait_until("two")
            self.play(Indicate(caveat, color=theme.text, scale_factor=1.1), run_time=1.5)
            # the thousands of directions: another slice through the same network, as the narration says it
            self.on_word("rise and fall", FadeOut(bar), FadeIn(inset), run_time=1.5)
            self.on_word("another", Indicate(other_caption, color=theme.accent, scale_factor=1.1), run_time=1.5)
            self.wait_until("honest")
            # once more along the real path, start to trained, as the narration sums it up
            again = Dot(radius=0.09, color=theme.text).move_to(frame.point(*land.path[0], lift=0.12))
            along = frame.path_curve(land.path, lift=0.12, color=theme.accent)
            self.play(MoveAlongPath(again, along), run_time=max(self.until("down") + 1.5, 1.0), rate_func=linear)
            self.play(FadeOut(again), run_time=0.5)
            self.wait_until("down")
            self.play(Indicate(self.trail, color=theme.text, scale_factor=1.0), run_time=2.0)

    def fixed(self, mobject):
        """Pin a 2-D overlay (titles, read-outs, legends) to the screen; the camera moves, it does not."""
        self.add_fixed_in_frame_mobjects(mobject)
        self.remove(mobject)
        return mobject

    def probe(self, frame: SliceFrame, run_time: float) -> None:
        """A point wandering over the floor with a line up to the surface above it: each point is a network, its
        height that network's cost (read from the computed grid, as the surface is)."""
        theme = self.theme
        a0, a1, b0, b1 = (float(v) for v in (frame.alphas[0], frame.alphas[-1], frame.betas[0], frame.betas[-1]))
        corners = [(0.25, 0.3), (0.75, 0.3), (0.75, 0.7), (0.25, 0.7), (0.25, 0.3)]
        route = np.array([(a0 + u * (a1 - a0), b0 + v * (b1 - b0)) for u, v in corners])
        where = ValueTracker(0.0)
        self.probe_heights = []

        def spot() -> tuple[float, float]:
            k = where.get_value() * (len(route) - 1)
            i = min(int(k), len(route) - 2)
            return tuple(route[i] + (k - i) * (route[i + 1] - route[i]))

        foot = Dot(radius=0.07, color=theme.text).move_to(frame.point(*spot(), cost=0.0))
        stem = Line(frame.point(*spot(), cost=0.0), frame.point(*spot(), lift=0.02), color=theme.text,
                    stroke_width=3)

        def follow_foot(mob):
            mob.move_to(frame.point(*spot(), cost=0.0))

        def follow_stem(mob):
            a, b = spot()
            self.probe_heights.append(frame.cost_at(a, b))
            mob.put_start_and_end_on(frame.point(a, b, cost=0.0), frame.point(a, b, lift=0.02))

        foot.add_updater(follow_foot)
        stem.add_updater(follow_stem)
        self.add(foot, stem)
        self.play(where.animate.set_value(1.0), run_time=run_time, rate_func=linear)
        foot.clear_updaters()
        stem.clear_updaters()
        self.play(FadeOut(foot), FadeOut(stem), run_time=0.3)

    def start_ball(self, land: Landscape, frame: SliceFrame):
        """Put the ball at the random start, with the read-out of epoch and both costs; the trail grows behind it."""
        theme = self.theme
        self.trail = frame.path_curve(land.path, color=theme.accent)
        # a flat disc that always faces the camera: one shape to draw a frame, where a shaded sphere is dozens
        ball = VGroup(Dot(radius=0.11, color=theme.accent, stroke_width=2, stroke_color=theme.background),
                      Dot(radius=0.035, color=theme.text, fill_opacity=0.8).shift(UL * 0.035))
        ball.move_to(frame.point(*land.path[0], cost=land.path_plane_costs[0], lift=0.08))
        self.progress = progress = ValueTracker(0.0)  # an index into the checkpoints, fractional between them
        readout = self.readout = ReadOut(self)
        readout.show(land, 0.0)
        points = [frame.point(a, b, lift=0.03) for a, b in land.path]

        def follow(mob):
            at = progress.get_value()
            a, b, c = (np.interp(at, np.arange(len(land.path)), v)
                       for v in (land.path[:, 0], land.path[:, 1], land.path_plane_costs))
            mob.move_to(frame.point(a, b, cost=c, lift=0.08))

        def grow(mob):
            k = int(progress.get_value())
            mob.set_points_as_corners(points[:k + 1] + [ball.get_center() - np.array([0, 0, 0.05])])

        self.grown = VMobject(stroke_width=4, stroke_color=theme.accent)
        self.grown.set_points_as_corners([points[0], points[0]])
        ball.add_updater(follow)
        self.grown.add_updater(grow)
        readout.group.add_updater(lambda _: readout.show(land, progress.get_value()))
        self.add(self.grown)
        self.add_fixed_orientation_mobjects(ball)
        self.add(readout.group)  # after the ball: labels, surface and the rest stay in the static background
        self.ball = ball
        return ball

    def roll_to(self, index: int, run_time: float) -> None:
        """Roll the ball on to checkpoint ``index`` (the camera holds still: the surface is drawn once, not a frame)."""
        self.play(self.progress.animate.set_value(float(index)), run_time=run_time, rate_func=linear)

    def finish_ball(self) -> None:
        self.ball.clear_updaters()
        self.readout.group.clear_updaters()
        self.grown.clear_updaters()
        self.remove(self.grown)
        self.add(self.trail)
