"""Redraw only what an animation can touch: the rest of the picture is painted once per animation.

Manim's Cairo renderer paints the mobjects that do not move into a "static" picture once per ``play`` and, for each
frame, paints only the moving ones on top of it. To keep the stacking order right it calls moving everything that
comes after the first animated mobject in drawing order -- and, since manim 0.19, everything after that mobject's
*outermost group*. So when a scene fades out its heading (added first), or indicates the input column of a network
diagram (a group whose first members are hundreds of edges), every edge of the network is painted again on every
frame: at 1080p60 that is most of a chapter 1 scene's render time, for pixels that do not change.

The order only matters where pictures overlap. :func:`moving_mobjects` therefore keeps a later mobject in the static
picture when its box does not meet the region any animated mobject can reach, and calls it moving when it does (so
it is still painted over the moving ones, as before). The region an animation can reach is known for the kinds of
animations whose every frame lies between their first and last picture -- fades, creations, writes, indications and
straight transforms with a rate function that stays in [0, 1] -- from the boxes of the start, the mobject and the
target. For anything else (updaters, foreground mobjects, arcs, overshooting rate functions, animation classes not
listed here) the function returns None and manim's own rule is used, so an unfamiliar animation costs time, never
correctness. The frames are the same pixels either way (a test compares them).
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
from manim import AnimationGroup, DrawBorderThenFill, Mobject, ShowPartial, Transform, Wait
from manim.animation.animation import Animation

#: Extra room around every box, in scene units: stroke widths and antialiasing reach a little past the points.
MARGIN = 0.12

Box = np.ndarray  # [[xmin, ymin], [xmax, ymax]]


def box_of(mobjects: Iterable[Mobject]) -> Box | None:
    """The 2-D bounding box of the points of ``mobjects`` and their families (None when there are no points)."""
    lows, highs = [], []
    for mob in mobjects:
        if mob is None:
            continue
        for member in mob.get_family():
            points = member.points
            if len(points):
                lows.append(points[:, :2].min(axis=0))
                highs.append(points[:, :2].max(axis=0))
    if not lows:
        return None
    return np.array([np.min(lows, axis=0) - MARGIN, np.max(highs, axis=0) + MARGIN])


def overlaps(box: Box, others: Sequence[Box]) -> bool:
    """Whether ``box`` meets any of ``others``."""
    return any(box[0, 0] <= o[1, 0] and o[0, 0] <= box[1, 0] and box[0, 1] <= o[1, 1] and o[0, 1] <= box[1, 1]
               for o in others)


def stays_between_ends(rate_func) -> bool:
    """Whether a rate function keeps alpha in [0, 1] (``smooth``, ``there_and_back``: yes; overshooting ones: no)."""
    alphas = np.array([rate_func(t) for t in np.linspace(0.0, 1.0, 101)], dtype=float)
    return bool(np.all(alphas >= -1e-9) and np.all(alphas <= 1 + 1e-9))


def reach_of(animation: Animation) -> list[Box] | None:
    """Boxes covering every picture ``animation`` can draw, or None when that cannot be known beforehand."""
    if isinstance(animation, AnimationGroup):  # Succession and LaggedStart too: the union of their parts
        boxes: list[Box] = []
        for part in animation.animations:
            part_boxes = reach_of(part)
            if part_boxes is None:
                return None
            boxes += part_boxes
        return boxes
    if isinstance(animation, Wait):
        return []
    if not stays_between_ends(animation.rate_func):
        return None
    pictures: list[Mobject] = [animation.mobject]
    if isinstance(animation, Transform):
        if getattr(animation, "path_arc", 0):
            return None  # a transform along an arc leaves the box of its two ends
        if hasattr(animation, "target_copy"):  # begun: its first and last pictures are made
            pictures += [animation.starting_mobject, animation.target_copy]
        else:  # a later part of a Succession: make them (both are fresh copies; nothing in the scene changes)
            pictures += [animation.create_starting_mobject(), animation.create_target()]
    elif not isinstance(animation, (ShowPartial, DrawBorderThenFill)):
        return None  # partial drawings stay inside their mobject's box; other kinds are not known here
    box = box_of(pictures)
    return [] if box is None else [box]


def moving_mobjects(family: Sequence[Mobject], animations: Sequence[Animation],
                    foreground: Sequence[Mobject] = ()) -> list[Mobject] | None:
    """The mobjects to paint on every frame of ``animations``, in drawing order; None means "use manim's rule".

    ``family`` is every mobject of the scene in drawing order (``Scene.get_mobject_family_members``). A mobject is
    moving when an animation animates it, or when it is drawn after something moving and its box meets the region
    the moving ones can reach (then it must be painted again over them, and its own box joins that region).
    """
    if foreground or any(mob.updaters for mob in family):
        return None
    region: list[Box] = []
    animated: set[int] = set()
    for animation in animations:
        boxes = reach_of(animation)
        if boxes is None:
            return None
        region += boxes
        animated.update(id(m) for m in animation.mobject.get_family())
    moving: list[Mobject] = []
    started = False
    for mob in family:
        if id(mob) in animated:
            started = True
            moving.append(mob)
        elif started and len(mob.points):
            box = box_of([mob])
            if box is not None and overlaps(box, region):
                moving.append(mob)
                region.append(box)
    return moving
