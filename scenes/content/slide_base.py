"""Scenes that are also slides: the manim-slides ``Slide`` classes, made to work with manim 0.22, when installed.

With manim-slides installed, every explainer scene is a ``Slide`` (``ThreeDSlide`` for 3-D scenes), so the
ecosystem's own tools work on the project's files: ``manim-slides render scenes/content/chapter1/...py
PixelsAsNeurons`` then ``manim-slides convert``. Without manim-slides the bases are plain ``Scene`` and
``ThreeDScene``.

Each narrated beat is one slide whose speaker notes are that beat's narration, and the slide *ends* when the beat
ends (see :meth:`scenes.content.base._Explainer.beat`): its last frame is the beat's finished picture, the one a
teacher talks over and the PDF page shows. An animation played between two beats (a fade-out clearing the stage)
belongs to the next beat's slide, since what it shows is the way into the next words; animations after a scene's
last beat (its closing fade) are left out of the deck, which would otherwise end each scene on an empty slide.

Rendered as slides, a scene keeps its teaching speed (animations last as long as with a voice, paced by reading
time) but does not wait out the rest of a beat's narration once its animations are done (:attr:`presenting`): the
deck holds the finished picture for as long as the teacher talks.

Rendered any other way (``explainer render``, plain ``manim``) a scene writes only its video: slide files are saved
when the scene is built with an ``output_folder`` (as ``explainer slides`` does) or run by the ``manim-slides``
command.

Two adjustments for manim 0.22, whose config manim-slides 5.7 predates: ``Slide.__init__`` sets a config key
manim 0.22 no longer has (``write_to_movie``: the Cairo renderer writes movies anyway), so we start from the next
class in line; and ``Slide.render`` sets ``max_files_cached`` to infinity, which manim 0.22 refuses (-1 now means
unlimited), so we render with -1 and then save the slides as ``Slide.render`` would.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from manim import Scene, ThreeDScene, config

try:
    from manim_slides import Slide, ThreeDSlide
except ImportError:  # manim-slides is optional: scenes are plain scenes then
    Slide = ThreeDSlide = None


def run_by_manim_slides() -> bool:
    """True when this process is the ``manim-slides`` command, or the ``manim`` process it started for
    ``manim-slides render`` (read from the parent's command line on Linux)."""
    commands = [" ".join(sys.argv[:1])]
    try:
        with open(f"/proc/{os.getppid()}/cmdline", "rb") as handle:
            commands.append(handle.read().replace(b"\0", b" ").decode(errors="replace"))
    except OSError:
        pass
    return any("manim-slides" in c or "manim_slides" in c for c in commands)


if Slide is not None:

    class _SlideFixes:
        """What both slide bases change in manim-slides' classes (see the module docstring)."""

        skip_reversing = True  # decks are presented forwards; reversed copies of every slide cost a render

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.saves_slides = "output_folder" in kwargs or run_by_manim_slides()
            kept = config["max_files_cached"]
            if self.saves_slides:  # the file writer, made now, reads this once: it must keep every animation's
                config["max_files_cached"] = -1  # file, or a scene of over 100 animations loses its first slides
            try:
                super(Slide, self).__init__(*args, **kwargs)  # past Slide.__init__ (and ThreeDSlide's)
            finally:
                config["max_files_cached"] = kept

        @property
        def presenting(self) -> bool:
            """True when this render makes slides: a beat then ends as soon as its animations have."""
            return self.saves_slides

        def beat_slide_starts(self, notes: str) -> None:
            """A beat begins: its narration becomes the speaker notes of the slide being recorded, which already
            holds whatever was played since the previous beat ended (the way into this beat's picture)."""
            if callable(getattr(self, "next_slide", None)):  # (a narration-only run switches slides off)
                self._base_slide_config = self._base_slide_config.model_copy(update={"notes": notes})

        def beat_slide_ends(self) -> None:
            """A beat's picture is finished: the slide ends here, on it."""
            if callable(getattr(self, "next_slide", None)):
                self.next_slide()

        def _drop_closing_animations(self) -> None:
            """Animations after the last beat (a scene's closing fade) make no slide of their own: without notes
            they would end the scene's part of the deck on an empty picture."""
            if self._slides and self._current_animation > self._start_animation \
                    and not self._base_slide_config.notes:
                self._base_slide_config = self._base_slide_config.model_copy(update={"skip_animations": True})

        def render(self, *args: Any, **kwargs: Any) -> None:
            kept = config["max_files_cached"]
            config["max_files_cached"] = -1 if self.saves_slides else kept
            try:
                Scene.render(self, *args, **kwargs)
            finally:
                config["max_files_cached"] = kept
            if self.saves_slides:
                self._drop_closing_animations()
                self._save_slides(use_cache=not config["disable_caching"], flush_cache=False,
                                  skip_reversing=True)

    class SlideBase(_SlideFixes, Slide):
        """``manim_slides.Slide`` for manim 0.22."""

    class ThreeDSlideBase(_SlideFixes, ThreeDSlide):
        """``manim_slides.ThreeDSlide`` for manim 0.22."""

    SLIDES_AVAILABLE = True
else:
    SlideBase, ThreeDSlideBase = Scene, ThreeDScene
    SLIDES_AVAILABLE = False
