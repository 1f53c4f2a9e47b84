"""Narrative beats: the points where a lecture pauses and a teacher speaks.

Every chapter scene marks its beats with :func:`beat`, passing the narration of what was just shown. Rendered as
a video, a beat is a short pause. Rendered as a manim-slides presentation (the scene class mixed with
``manim_slides.Slide``; see ``explainer slides``), each beat becomes a slide break whose speaker notes are that
narration.
"""

from __future__ import annotations

from manim import Scene


def beat(scene: Scene, narration: str, pause: float = 0.5) -> None:
    """End a narrative beat: a slide break with ``narration`` as speaker notes, or a pause in a plain video."""
    next_slide = getattr(scene, "next_slide", None)
    if callable(next_slide):
        next_slide(notes=narration)
    elif pause > 0:
        scene.wait(pause)
