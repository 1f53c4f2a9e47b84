"""Painting a frame for less: the same pixels as manim's Cairo camera, with less work per mobject.

A frame of a chapter 1 scene at 1080p can hold hundreds of vectorized mobjects (neurons, edges, labels) and a few
pictures (digits, weight heatmaps). Profiling a whole scene shows where manim's camera spends its time besides the
drawing itself, and each function here removes one such cost from one camera (the scene base installs them all):

* :func:`skip_invisible` -- a fully transparent mobject is not traced and painted at all;
* :func:`trace_paths_quickly` -- a mobject's outline is traced once and handed back to Cairo whole while its
  points stay the same (a fade or a colour change redraws the same outlines frame after frame), and traced from a
  plain list of coordinates when they change (manim reads every coordinate as a NumPy scalar and finds the subpaths
  with a dozen NumPy calls, which for a circle of eight curves costs more than drawing it);
* :func:`paste_pictures_in_place` -- a picture is resampled once while it keeps its pixels and place, and blended
  into the frame inside its own box (manim resamples it every frame and pastes it into a transparent image as large
  as the frame, then blends all of that: two million pixels per picture per frame at 1080p, almost all transparent);
* :func:`overlay_only_where_drawn` -- the same for any other full-frame overlay manim makes.

Each one gives the very same frame, to the last bit (tests compare them with manim's own camera); only the time
changes.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

#: ``np.isclose``'s relative tolerance, which manim uses to decide whether two curves meet.
RELATIVE_TOLERANCE = 1.0e-5


def shows_anything(vmobject) -> bool:
    """Whether painting ``vmobject`` changes any pixel: some stroke or fill with a width and an opacity above 0.

    Reads the mobject's own colours, not the camera's: a 3-D camera shades them (which costs a normal per face) but
    never changes their opacity.
    """
    if (vmobject.get_fill_rgbas()[:, 3] > 0).any():
        return True
    return any(vmobject.get_stroke_width(background) > 0 and (vmobject.get_stroke_rgbas(background)[:, 3] > 0).any()
               for background in (True, False))


def skip_invisible(camera) -> None:
    """Make ``camera`` (this one camera) skip vectorized mobjects that are fully transparent.

    Manim's Cairo camera builds the path of every VMobject and strokes and fills it even at opacity 0, which draws
    nothing. Scenes keep such mobjects around on purpose -- the dark neurons of a diagram, a glow waiting for its turn
    in a Succession -- and a glow over hundreds of edges costs as much as the edges themselves. Skipping them changes
    no pixel.
    """
    paint = camera.display_vectorized

    def display_vectorized(vmobject, ctx):
        if shows_anything(vmobject):
            paint(vmobject, ctx)
        return camera

    camera.display_vectorized = display_vectorized


def meet(end: list[float], start: list[float], tolerance: float) -> bool:
    """Whether two points coincide in x and y by manim's rule (``np.isclose``, scaled by ``start``): a curve that
    ends where the next one starts continues the same subpath, otherwise a new subpath begins."""
    for a, b in zip(end, start):
        if a != b:
            gap = abs(a - b)
            if not (gap <= tolerance + RELATIVE_TOLERANCE * abs(b) and gap < math.inf):
                return False
    return True


def trace_paths_quickly(camera, remembered: int = 20_000) -> None:
    """Make ``camera`` (this one camera) trace a vectorized mobject's outline with less Python work per curve.

    A VMobject's points come four to a cubic Bezier curve: start, two handles, end. Where one curve ends away from
    the next one's start, a new subpath begins (a neuron sheet holds hundreds of circles in one mobject). The path
    is the same one manim builds -- the same subpaths, each started with ``move_to``, one ``curve_to`` per whole
    curve, closed when its first and last points coincide -- from the same numbers, read once into a Python list.

    And a path is traced once: most frames of a fade or a colour change draw the very same outlines again, so the
    camera remembers each mobject's last path (Cairo's own copy of it) with the points it came from, and hands it
    back to Cairo whole when the points and the frame's scale are unchanged. The memory holds the last
    ``remembered`` mobjects and then starts afresh.
    """
    memory: dict[int, tuple[np.ndarray, float, tuple, object]] = {}

    def set_cairo_context_path(ctx, vmobject):
        points = camera.transform_points_pre_display(vmobject, vmobject.points)
        count = len(points)
        if count == 0:
            return camera
        ctx.new_path()
        if count < 4:
            return camera
        tolerance, scale = vmobject.tolerance_for_point_equality, tuple(ctx.get_matrix())
        known = memory.get(id(vmobject))
        if (known is not None and known[1] == tolerance and known[2] == scale and known[0].shape == points.shape
                and np.array_equal(known[0], points)):
            ctx.append_path(known[3])
            return camera
        xy = points[:, :2].tolist()
        breaks = [0] + [i for i in range(4, count, 4) if not meet(xy[i - 1], xy[i], tolerance)] + [count]
        new_sub_path, move_to, curve_to, close_path = ctx.new_sub_path, ctx.move_to, ctx.curve_to, ctx.close_path
        for first, end in zip(breaks, breaks[1:]):
            if end - first < 4:
                continue
            new_sub_path()
            move_to(*xy[first])
            for i in range(first + 1, end - 2, 4):  # the handles and end point of each whole curve
                curve_to(*xy[i], *xy[i + 1], *xy[i + 2])
            if meet(xy[first], xy[end - 1], tolerance):
                close_path()
        if len(memory) >= remembered:
            memory.clear()
        memory[id(vmobject)] = (points.copy(), tolerance, scale, ctx.copy_path())
        return camera

    camera.set_cairo_context_path = set_cairo_context_path


def paste_pictures_in_place(camera, remembered: int = 64) -> None:
    """Make ``camera`` (this one camera) blend each ImageMobject into the frame inside its own box.

    The picture is mapped onto the four corners of the mobject on screen by a perspective transform (so a tilted
    or skewed picture is drawn right), resampled as the mobject asks (crisp ``nearest`` for our pixel grids), and
    alpha-blended over the frame. Manim does the same but first pastes the result into a transparent frame-sized
    image; blending a transparent pixel leaves the frame's pixel as it was, so the box is all that needs the work.
    And a picture that keeps its pixels and its place on screen is resampled once: the camera remembers the last
    ``remembered`` resampled pictures.
    """
    memory: dict[int, tuple[np.ndarray, np.ndarray, int, Image.Image | None]] = {}

    def resampled(image_mobject, pixels: np.ndarray, corners: np.ndarray) -> tuple[Image.Image | None, np.ndarray]:
        """The picture as it covers its box on screen, and the box's top-left pixel."""
        whole = corners.astype(np.int64)  # truncated before the shift, as manim does (it matters left of 0)
        origin = whole.min(axis=0)
        how = image_mobject.resampling_algorithm
        known = memory.get(id(image_mobject))
        if (known is not None and known[2] == how and np.array_equal(known[1], corners)
                and known[0].shape == pixels.shape and np.array_equal(known[0], pixels)):
            return known[3], origin
        size = tuple(int(v) for v in (whole - origin).max(axis=0))
        drawn = _in_perspective(pixels, corners - origin, size, how)
        if len(memory) >= remembered:
            memory.clear()
        memory[id(image_mobject)] = (pixels.copy(), corners.copy(), how, drawn)
        return drawn, origin

    def display_image_mobject(image_mobject, pixel_array: np.ndarray) -> None:
        corners = camera.points_to_subpixel_coords(image_mobject, image_mobject.points)  # UL, UR, DL, DR
        drawn, origin = resampled(image_mobject, image_mobject.get_pixel_array(), corners)
        if drawn is None:
            return
        frame_height, frame_width = pixel_array.shape[:2]
        left, top = max(int(origin[0]), 0), max(int(origin[1]), 0)
        right = min(int(origin[0]) + drawn.width, frame_width)
        bottom = min(int(origin[1]) + drawn.height, frame_height)
        if right <= left or bottom <= top:
            return
        piece = drawn.crop((left - origin[0], top - origin[1], right - origin[0], bottom - origin[1]))
        under = Image.fromarray(pixel_array[top:bottom, left:right], mode=camera.image_mode)
        pixel_array[top:bottom, left:right] = np.asarray(Image.alpha_composite(under, piece), dtype=np.uint8)

    camera.display_image_mobject = display_image_mobject


def _in_perspective(pixels: np.ndarray, corners: np.ndarray, size: tuple[int, int], how: int) -> Image.Image | None:
    """An RGBA picture resampled (``how``) onto a ``size`` box whose corners (UL, UR, DL, DR, in pixels from the
    box's top-left) it must cover; None when it covers no pixel."""
    if not _covers_a_pixel(corners) or min(size) <= 0:
        return None
    picture = Image.fromarray(pixels, mode="RGBA")
    # the 8 numbers of the perspective map from the box back to the picture: each corner of the box, (x, y),
    # must land on the matching corner of the picture, (u, v), with u = (a x + b y + c) / (g x + h y + 1) and
    # v = (d x + e y + f) / (g x + h y + 1)
    width, height = picture.size
    rows, targets = [], []
    for (x, y), (u, v) in zip(corners, [(0, 0), (width, 0), (0, height), (width, height)]):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        targets += [u, v]
    try:
        coefficients = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(targets, dtype=np.float64))
    except np.linalg.LinAlgError:
        return None  # three corners on one line: nothing to draw
    return picture.transform(size=size, method=Image.Transform.PERSPECTIVE, data=coefficients, resample=how)


def _covers_a_pixel(corners: np.ndarray) -> bool:
    """Whether the quadrilateral (corners UL, UR, DL, DR in pixels) is at least half a pixel across its longest
    side -- manim's test before it draws a picture (a picture seen edge-on has no perspective map)."""
    around = corners[[0, 1, 3, 2]]
    sides = np.roll(around, -1, axis=0) - around
    lengths = np.linalg.norm(sides, axis=1)
    longest = int(np.argmax(lengths))
    if lengths[longest] == 0:
        return False
    before = sides[longest - 1]
    across = abs(sides[longest][0] * before[1] - sides[longest][1] * before[0]) / lengths[longest]
    return bool(across >= 0.5)


def overlay_only_where_drawn(camera) -> None:
    """Make ``camera`` (this one camera) blend a frame-sized overlay into the frame only inside its visible box.

    Manim blends some pictures by making them a transparent image as large as the frame and alpha-compositing the
    whole of it. Blending a fully transparent pixel leaves the frame's pixel as it was, so only the box around the
    overlay's visible pixels needs the work; the frame comes out the same to the last bit.
    """

    def overlay_PIL_image(pixel_array: np.ndarray, image) -> None:
        box = image.getbbox(alpha_only=True)
        if box is None:
            return
        x0, y0, x1, y1 = box
        under = Image.fromarray(pixel_array[y0:y1, x0:x1], mode=camera.image_mode)
        pixel_array[y0:y1, x0:x1] = np.asarray(Image.alpha_composite(under, image.crop(box)), dtype=np.uint8)

    camera.overlay_PIL_image = overlay_PIL_image


def paint_for_less(camera) -> None:
    """Install every saving of this module on ``camera``."""
    trace_paths_quickly(camera)
    skip_invisible(camera)
    paste_pictures_in_place(camera)
    overlay_only_where_drawn(camera)
