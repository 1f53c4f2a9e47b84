"""Things appearing, leaving or being pointed at take a few seconds, however long the narration around them.

A beat's animations start where their words come and the beat lasts as long as its narration. When a beat gives a
fade-in half of a 20-second narration, the fade crawls for ten seconds -- sluggish to watch, and at 1080p60 every one
of those 600 frames is painted in full. Such an animation moves for at most :data:`LONGEST_ENTRANCE` seconds, and the
scene base then holds the finished picture for the rest of the time it was given (:func:`hold_after_entrance`), so
everything after it still starts at the same moment of the narration, and a held picture costs almost nothing to
render.

Only animations whose every frame is "the same picture, partly there" count: fades, creations, writes, growths and
indications, alone or grouped. Anything that shows a process -- a signal travelling through a network, a ball
rolling downhill, a value changing -- keeps the whole time its narration gives it.
"""

from __future__ import annotations

from manim import (AnimationGroup, Circumscribe, DrawBorderThenFill, FadeIn, FadeOut, GrowArrow, GrowFromCenter,
                   GrowFromEdge, GrowFromPoint, Indicate, ShowPartial, SpinInFromNothing, Wait)
from manim.animation.animation import Animation

#: The longest an entrance, exit or indication moves, in seconds.
LONGEST_ENTRANCE = 3.0

ENTRANCE_KINDS = (FadeIn, FadeOut, ShowPartial, DrawBorderThenFill, GrowFromCenter, GrowFromEdge, GrowFromPoint,
                  GrowArrow, SpinInFromNothing, Indicate, Circumscribe, Wait)


def is_entrance(animation: object) -> bool:
    """Whether ``animation`` only brings things in, takes them out or points at them (groups: all their parts)."""
    if isinstance(animation, ENTRANCE_KINDS):
        return True
    return isinstance(animation, AnimationGroup) and all(is_entrance(part) for part in animation.animations)


def hold_after_entrance(animations: tuple, run_time: float | None) -> float | None:
    """How long to hold the picture after ``animations`` move for :data:`LONGEST_ENTRANCE` seconds instead of the
    ``run_time`` given (None: their own); None when they should play as given (not only entrances, or brief)."""
    if not animations or not all(isinstance(a, Animation) and is_entrance(a) for a in animations):
        return None
    if all(isinstance(a, Wait) for a in animations):
        return None
    given = run_time if run_time is not None else max(a.get_run_time() for a in animations)
    return given - LONGEST_ENTRANCE if given > LONGEST_ENTRANCE else None
