"""The camera savings of scenes.content.painting paint the very same pixels as manim's own camera."""

from __future__ import annotations

import numpy as np
import pytest
from manim import (DOWN, LEFT, RIGHT, UP, Camera, Circle, ImageMobject, Line, Square, ThreeDCamera, VMobject,
                   tempconfig)

from scenes.content.components import PixelGrid, label
from scenes.content.components.pixel_grid import NeuronSheet
from scenes.content.painting import (overlay_only_where_drawn, paint_for_less, paste_pictures_in_place,
                                     shows_anything, trace_paths_quickly)

SMALL_FRAME = {"pixel_width": 320, "pixel_height": 180, "verbosity": "WARNING"}


def _awkward_outlines() -> list[VMobject]:
    """Outlines of every shape the tracer must get right: closed and open paths, many subpaths in one mobject,
    ends that meet within manim's tolerance or just outside it, a trailing part-curve, and text."""
    rng = np.random.default_rng(0)
    sheet = NeuronSheet(rng.uniform(-3, 3, (40, 3)) * [1, 1, 0], rng.random(40), radius=0.2)
    nearly = VMobject(stroke_width=4).set_points_as_corners([LEFT, UP, RIGHT])
    nearly.points[4] += 5e-7 * RIGHT           # within tolerance of the previous curve's end: one subpath
    apart = VMobject(stroke_width=4).set_points_as_corners([LEFT, UP, RIGHT, DOWN])
    apart.points[4] += 1e-3 * RIGHT            # not within it: a new subpath starts there
    ragged = VMobject(stroke_width=4, fill_opacity=0.5).set_points_as_corners([LEFT, UP, RIGHT, LEFT])
    ragged.points = np.vstack([ragged.points, [[2, 2, 0], [2.5, 2, 0]]])  # 2 stray points: not a whole curve
    return [Circle(fill_opacity=0.4), Square(2).shift(LEFT), Line(LEFT * 3, RIGHT * 2 + UP), sheet.outline,
            *sheet.fills, nearly, apart, ragged, label("Weights 0.52", size=30), VMobject()]


def _paths(camera, mobjects) -> list[list]:
    """The Cairo path each mobject gets (segment kinds and coordinates), as plain lists."""
    ctx = camera.get_cairo_context(camera.pixel_array)
    paths = []
    for mob in mobjects:
        for member in mob.family_members_with_points() or [mob]:
            camera.set_cairo_context_path(ctx, member)
            paths.append(list(ctx.copy_path()))
    return paths


@pytest.mark.parametrize("camera_class", [Camera, ThreeDCamera])
def test_outlines_are_traced_as_manim_traces_them(camera_class):
    with tempconfig(SMALL_FRAME):
        outlines = _awkward_outlines()
        manims, ours = camera_class(), camera_class()
        trace_paths_quickly(ours)
        expected, traced = _paths(manims, outlines), _paths(ours, outlines)
        assert len(expected) > 50 and expected == traced
        assert sum(kind == 0 for path in traced for kind, _ in path) > 40   # many subpaths, each a move_to
        for camera in (manims, ours):
            camera.capture_mobjects(outlines)
        assert np.array_equal(manims.pixel_array, ours.pixel_array)
        assert np.ptp(ours.pixel_array) > 100                                # something was drawn


def test_a_remembered_outline_is_given_back_only_while_its_points_and_scale_stay_the_same():
    with tempconfig(SMALL_FRAME):
        outlines = _awkward_outlines()
        manims, ours = Camera(), Camera()
        trace_paths_quickly(ours)
        first = _paths(ours, outlines)
        assert _paths(ours, outlines) == first == _paths(manims, outlines)       # the second time from memory
        for member in (m for mob in outlines for m in mob.family_members_with_points()):
            member.points[:, 0] += 0.3                                              # points changed in place
            member.points[:, 1] *= 1.2
        moved = _paths(manims, outlines)
        assert moved != first and _paths(ours, outlines) == moved
        for camera in (manims, ours):
            camera.get_cairo_context(camera.pixel_array).scale(1.5, 0.5)          # the frame's scale changes
        assert _paths(ours, outlines) == _paths(manims, outlines)


def test_pictures_are_pasted_in_their_own_box_with_the_same_pixels():
    with tempconfig(SMALL_FRAME):
        rng = np.random.default_rng(1)
        manims, ours = Camera(), Camera()
        paste_pictures_in_place(ours)
        background = rng.integers(0, 255, manims.pixel_array.shape, dtype=np.uint8)
        manims.pixel_array[:] = background
        ours.pixel_array[:] = background
        pictures = [PixelGrid(rng.random(784), height=3).image.shift(LEFT * 0.37)]       # crisp, nearest
        for k in range(3):  # translucent pictures: one off the left and top edges, one turned, one off the right
            picture = ImageMobject(rng.integers(0, 255, (28, 28, 4)).astype(np.uint8))
            picture.height = 3 + k
            picture.shift(LEFT * 6.3 + UP * 3.1 if k == 0 else RIGHT * 5.4 * (k - 1)).set_opacity(0.3 + 0.3 * k)
            pictures.append(picture.rotate(0.4) if k == 1 else picture)
        edge_on = ImageMobject(rng.integers(0, 255, (8, 8, 4)).astype(np.uint8)).stretch(0.001, 1)
        for picture in pictures + [edge_on]:
            for camera in (manims, ours):
                camera.display_image_mobject(picture, camera.pixel_array)
        changed = np.any(manims.pixel_array != background, axis=2)
        assert changed[:, :5].any() and changed[:5, :].any() and changed[:, -5:].any()  # reached three edges
        assert np.array_equal(manims.pixel_array, ours.pixel_array)


def test_a_remembered_picture_is_given_back_only_while_its_pixels_and_place_stay_the_same():
    with tempconfig(SMALL_FRAME):
        rng = np.random.default_rng(4)
        manims, ours = Camera(), Camera()
        paste_pictures_in_place(ours)
        picture = PixelGrid(rng.random(784), height=3).image
        changes = [lambda: None, lambda: picture.set_opacity(0.4), lambda: picture.shift(0.01 * RIGHT),
                   lambda: picture.pixel_array.__setitem__((3, 3), [255, 0, 0, 255])]
        for change in changes:  # unchanged (drawn from memory), faded, moved a fraction of a pixel, one pixel red
            change()
            for camera in (manims, ours):
                camera.reset()
                camera.display_image_mobject(picture, camera.pixel_array)
            assert np.array_equal(manims.pixel_array, ours.pixel_array)


def test_frame_sized_overlays_are_blended_in_their_visible_box_with_the_same_pixels():
    with tempconfig(SMALL_FRAME):
        rng = np.random.default_rng(2)
        manims, ours = Camera(), Camera()
        overlay_only_where_drawn(ours)
        background = rng.integers(0, 255, manims.pixel_array.shape, dtype=np.uint8)
        overlay = np.zeros_like(background)
        overlay[40:90, 100:200] = rng.integers(0, 255, (50, 100, 4))
        for camera in (manims, ours):
            camera.pixel_array[:] = background
            camera.overlay_rgba_array(camera.pixel_array, overlay)
        assert not np.array_equal(manims.pixel_array, background)
        assert np.array_equal(manims.pixel_array, ours.pixel_array)


def test_a_fully_transparent_mobject_shows_nothing():
    assert not shows_anything(VMobject(stroke_opacity=0, fill_opacity=0).set_points_as_corners([[0, 0, 0], [1, 1, 0]]))
    assert shows_anything(Square(stroke_opacity=0, fill_opacity=0.3))
    assert shows_anything(Square(stroke_opacity=0.2, fill_opacity=0))
    assert not shows_anything(Square(stroke_width=0, fill_opacity=0))
    glow = Square(stroke_opacity=0, fill_opacity=0).set_stroke(width=12, opacity=0.5, background=True)
    assert shows_anything(glow)


def test_a_camera_with_every_saving_paints_a_scene_like_manims():
    with tempconfig(SMALL_FRAME):
        rng = np.random.default_rng(3)
        scene = _awkward_outlines() + [PixelGrid(rng.random(784), height=2).shift(RIGHT * 3),
                                       Square(1, stroke_opacity=0, fill_opacity=0)]
        manims, ours = Camera(), Camera()
        paint_for_less(ours)
        for camera in (manims, ours):
            camera.capture_mobjects(scene)
        assert np.array_equal(manims.pixel_array, ours.pixel_array)
