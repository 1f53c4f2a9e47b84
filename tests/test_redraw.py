"""Redrawing only what moves gives the very same frames as manim's own rule, for less painting."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Circle, Create, FadeIn, FadeOut, Indicate, LaggedStart, Square, Transform,
                   Write, rate_functions, tempconfig)

from nnlib import Network
from scenes.content.base import ExplainerScene
from scenes.content.components import NetworkDiagram, label
from scenes.content.redraw import moving_mobjects, reach_of
from tests.scene_rendering import scene_options


class _Busy(ExplainerScene):
    """A heading added first, a network diagram, and animations of every kind the explainer's scenes use."""

    def construct(self):
        net = Network((784, 16, 16, 10), seed=0)
        heading = label("A heading added first")
        heading.to_edge(UP)
        diagram = NetworkDiagram(net, height=5.0).shift(0.5 * DOWN)
        note = label("a note beside it", size=20).to_corner(LEFT + DOWN)
        self.add(heading, diagram, note)
        self.play(Indicate(diagram.neurons[0]), run_time=0.6)                   # a group inside the diagram
        self.play(FadeOut(heading), run_time=0.4)                               # the first mobject of all
        self.play(diagram.feed_forward(np.linspace(0, 1, 784), run_time_per_layer=0.3))
        box = Square(1.0, color="#FF8800", fill_opacity=0.6).move_to(diagram.neurons[1])
        self.play(FadeIn(box, shift=2 * RIGHT), run_time=0.5)                   # enters over the edges
        self.play(Transform(box, Circle(0.5, color="#00AAFF", fill_opacity=0.8).move_to(note)), run_time=0.5)
        self.play(LaggedStart(Create(Square(0.5).to_corner(UP + RIGHT)), Write(label("written", size=20)),
                              lag_ratio=0.5), run_time=0.6)
        self.play(box.animate(rate_func=rate_functions.ease_in_out_back).shift(UP), run_time=0.4)  # overshoots


def _frames(redraw_only_what_moves: bool) -> list[np.ndarray]:
    """Every frame the renderer paints, as arrays."""
    frames: list[np.ndarray] = []
    settings = {"pixel_width": 256, "pixel_height": 144, "frame_rate": 10, "dry_run": True,
                "disable_caching": True, "progress_bar": "none", "verbosity": "WARNING"}
    with scene_options(pace="brisk", voice="none"), tempconfig(settings):
        scene = type("Busy", (_Busy,), {"redraw_only_what_moves": redraw_only_what_moves})()
        paint = scene.renderer.render

        def render(scene_, time, moving):
            paint(scene_, time, moving)
            frames.append(scene_.renderer.get_frame().copy())

        scene.renderer.render = render
        scene.render()
    return frames


def test_the_frames_are_the_same_pixels_as_with_manims_rule():
    ours, manims = _frames(True), _frames(False)
    assert len(ours) == len(manims) > 40
    changed = [i for i, (a, b) in enumerate(zip(ours, manims)) if not np.array_equal(a, b)]
    assert not changed, f"{len(changed)} frames differ, first {changed[:5]}"
    assert np.ptp(np.stack(ours)[:, :, :, :3].astype(int), axis=0).max() > 100  # the frames do change over time


def test_only_what_an_animation_reaches_is_painted_again():
    with scene_options(pace="brisk", voice="none"), tempconfig({"dry_run": True, "verbosity": "WARNING"}):
        diagram = NetworkDiagram(Network((784, 16, 16, 10), seed=0), height=5.0)
        heading = label("heading").to_edge(UP)
        family = heading.get_family() + diagram.get_family()
        fade = FadeOut(heading)
        fade.begin()
        moving = moving_mobjects(family, [fade])
        assert heading in moving and not any(bundle in moving for bundle in diagram.edge_bundles)
        indicate = Indicate(diagram.neurons[0])
        indicate.begin()
        moving = moving_mobjects(family, [indicate])
        assert all(n in moving for n in diagram.neurons[0]) and not any(b in moving for b in diagram.edge_bundles)
        assert all(n not in moving for n in diagram.neurons[-1])          # far from the input column
        assert diagram.braces[0][0] in moving                              # drawn later, over the column
        with_updater = Square().add_updater(lambda m: m)
        assert moving_mobjects(family + [with_updater], [indicate]) is None  # manim's rule for what we cannot know


def test_animations_that_leave_their_ends_fall_back_to_manims_rule():
    square = Square()
    arc = Transform(square, Square().shift(RIGHT), path_arc=1.0)
    overshoot = FadeIn(square, rate_func=rate_functions.ease_out_back)
    assert reach_of(arc) is None and reach_of(overshoot) is None
    assert reach_of(FadeIn(square)) is not None
