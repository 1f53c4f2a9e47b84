"""The one base of every scene: options read once, the network and digit in force, one style, narrated beats.

A scene of the explainer derives from :class:`ExplainerScene` (or :class:`Explainer3DScene` for a 3-D camera) and
its ``construct`` reads as its narration, beat by beat::

    class PixelsAsNeurons(ExplainerScene):
        def construct(self):
            grid = PixelGrid(self.digit.image, height=5.6)
            with self.beat(f"Here is a handwritten {self.digit.name}, 28 pixels by 28.") as beat:
                self.play(FadeIn(grid), run_time=beat.duration)

Inside ``with self.beat(text) as beat`` the narration plays (spoken, or as subtitles at reading pace) and
``beat.duration`` is how long it lasts; the animations of the beat share that time, and when the block ends the
scene waits out whatever narration is left. So the animation lasts as long as its narration, whatever the voice.
``self.say(text, *animations)`` is the one-animation shorthand. Fades, creations and indications given more than
three seconds move for three and then hold the picture (:mod:`scenes.content.entrances`), and each frame repaints
only what an animation can reach (:mod:`scenes.content.redraw`): both leave the timing of the narration alone. The
camera paints the same pixels as manim's with less work per mobject (:mod:`scenes.content.painting`).

What the base gives every scene, read once when the scene is set up (from ``EXPLAINER_*``, see
:mod:`scenes.tool.options`): ``self.options``, ``self.theme``, ``self.network`` (the shipped network or
``--weights``), ``self.digit`` (image, label, source; ``--digit``, ``--sample-index`` or ``--image``),
``self.title(text)`` (one style for every scene's heading) and ``self.beats`` (the narration so far, for slide notes,
``explainer script`` and tests). The same scene runs the same way under ``explainer render``, plain ``manim`` and
manim-slides (every beat starts a slide whose speaker notes are its narration).
"""

from __future__ import annotations

import math

from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterator

from manim import UP, Animation, ManimColor, config

from nnlib.digit_choice import ChosenDigit
from nnlib.network import Network
from scenes.content.components.theme import _SCENE_THEME, Theme, label, make_theme
from scenes.content.entrances import LONGEST_ENTRANCE, hold_after_entrance
from scenes.content.held_frames import hold_cheaply
from scenes.content.painting import paint_for_less
from scenes.content.redraw import moving_mobjects
from scenes.content.slide_base import SlideBase, ThreeDSlideBase
from scenes.content.speech import Speech, SpeechEngine
from scenes.content.voices import engine_for
from scenes.tool.options import ExplainerOptions, read_options

#: Widest a heading may be (the frame is about 14.2 units wide).
TITLE_WIDTH = 13.2
#: Longest subtitle cue, in characters: long narration is split into cues of at most this length.
CUE_CHARS = 84
#: Pause after a beat at brisk pace (the quick preview's rhythm).
BRISK_PAUSE = 0.5


@dataclass
class Beat:
    """One narrated beat: ``id`` (``SceneName-03``, stable for recordings), its words, when it starts in the
    scene's video and how long its narration lasts."""

    id: str
    text: str
    start: float
    duration: float
    audio: Path | None = None

    @property
    def end(self) -> float:
        return self.start + self.duration

    def share(self, fraction: float) -> float:
        """``fraction`` of the beat's duration, as a run time (at least one frame)."""
        return max(fraction * self.duration, 1.0 / config.frame_rate)


class _Explainer:
    """What :class:`ExplainerScene` and :class:`Explainer3DScene` share (kept in one place; not a scene itself)."""

    #: The digit a scene shows when the user names none (``--digit`` etc.).
    default_digit: int = 3

    # ------------------------------------------------------------------------------------------------ set-up
    def setup(self) -> None:
        super().setup()
        self.options: ExplainerOptions = read_options()
        self.theme: Theme = make_theme(self.options.theme, self.options.background)
        self._theme_token = _SCENE_THEME.set(self.theme)  # components built from now on use this theme
        self.camera.background_color = ManimColor(self.theme.background)
        self.speech: SpeechEngine = engine_for(self.options.voice, self.options.pace, self.options.recordings)
        self.beats: list[Beat] = []
        hold_cheaply(self)  # narration over a still picture: the held frame is encoded twice, not once a frame
        paint_for_less(self.renderer.camera)  # the same pixels, less work per mobject (scenes.content.painting)

    def tear_down(self) -> None:
        _SCENE_THEME.reset(self._theme_token)
        super().tear_down()

    @cached_property
    def network(self) -> Network:
        """The network every picture of "the network" shows: the shipped one, or ``--weights``."""
        return self.options.network()

    @cached_property
    def digit(self) -> ChosenDigit:
        """The digit this scene shows: the user's choice, or a sample image of ``default_digit``."""
        return self.options.chosen_digit(self.default_digit)

    # ------------------------------------------------------------------------------------------------- style
    def title(self, text: str) -> "label":
        """The scene's heading, in the one title style, at the top of the frame (shrunk to fit if need be)."""
        heading = label(text, size=self.theme.title_size * 0.8)
        if heading.width > TITLE_WIDTH:
            heading.scale_to_fit_width(TITLE_WIDTH)
        return heading.to_edge(UP, buff=0.35)

    # ------------------------------------------------------------------------------------------------ beats
    @property
    def brisk(self) -> bool:
        return self.options.pace == "brisk"

    @contextmanager
    def beat(self, text: str) -> Iterator[Beat]:
        """Narrate ``text`` while the ``with`` block's animations play; then wait out the rest of the narration.

        The words are spoken (or shown at reading pace), written as subtitle cues, and become the speaker notes of
        a slide break when the scene is rendered as slides.
        """
        text = " ".join(text.split())
        next_slide = getattr(self, "next_slide", None)
        if callable(next_slide):  # a slide starts with every beat; its speaker notes are the beat's narration
            next_slide(notes=text)
        beat_id = f"{type(self).__name__}-{len(self.beats) + 1:02d}"
        speech: Speech = self.speech.speak(text, beat_id)
        beat = Beat(beat_id, text, float(self.renderer.time), float(speech.duration), speech.path)
        self.beats.append(beat)
        if speech.path is not None:
            self.add_sound(str(speech.path))
        if not config.save_last_frame:
            self._subtitle(text, beat.duration)
        yield beat
        left = beat.end - float(self.renderer.time)
        if self.brisk:  # a preview's fixed pause, in whole frames as manim counts them
            frames = int(max(left, BRISK_PAUSE) * config.frame_rate + 1e-6)
        else:           # whole frames, rounded up: the next beat never starts before this narration has ended
            frames = math.ceil(left * config.frame_rate - 1e-6)
        if frames >= 1:
            self.wait((frames + 0.25) / config.frame_rate)    # (manim's wait keeps the whole frames it is given)

    def play(self, *animations, run_time: float | None = None, **kwargs) -> None:
        """Play as manim does, except that an entrance, exit or indication given more than a few seconds moves
        for :data:`~scenes.content.entrances.LONGEST_ENTRANCE` and then holds (:mod:`scenes.content.entrances`)."""
        hold = None if self.brisk else hold_after_entrance(animations, run_time)
        if hold is None:
            if run_time is not None:
                kwargs["run_time"] = run_time
            super().play(*animations, **kwargs)
            return
        super().play(*animations, run_time=LONGEST_ENTRANCE, **kwargs)
        self.wait(hold)

    def say(self, text: str, *animations: Animation, **play_kwargs) -> Beat:
        """Narrate ``text`` while ``animations`` play for the whole of it (or hold the picture if there are none)."""
        with self.beat(text) as beat:
            if animations:
                self.play(*animations, run_time=beat.duration, **play_kwargs)
        return beat

    def _subtitle(self, text: str, duration: float) -> None:
        """Subtitle cues for one beat: split at sentence and word boundaries, timed by their share of the letters."""
        cues = split_cues(text)
        total = sum(len(c) for c in cues)
        offset = 0.0
        for cue in cues:
            share = duration * len(cue) / total
            self.add_subcaption(cue, duration=max(share - 0.05, 0.1), offset=offset)
            offset += share


def split_cues(text: str, limit: int = CUE_CHARS) -> list[str]:
    """Cut narration into subtitle cues of at most ``limit`` characters, preferring sentence ends."""
    cues: list[str] = []
    for sentence in _sentences(text):
        words, line = sentence.split(), ""
        for word in words:
            if line and len(line) + 1 + len(word) > limit:
                cues.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        if line:
            if cues and len(cues[-1]) + 1 + len(line) <= limit // 2:
                cues[-1] = f"{cues[-1]} {line}"  # a short sentence joins the one before
            else:
                cues.append(line)
    return cues or [text]


def _sentences(text: str) -> list[str]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".?!:" and (i + 1 == len(text) or text[i + 1] == " ") and not text[max(0, i - 2):i].isdigit():
            out.append(text[start:i + 1].strip())
            start = i + 1
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


class ExplainerScene(_Explainer, SlideBase):
    """The base of every 2-D scene of the explainer (see the module docstring); a slide when manim-slides is
    installed (:mod:`scenes.content.slide_base`)."""

    #: Paint again, frame after frame, only what an animation can reach (:mod:`scenes.content.redraw`).
    redraw_only_what_moves: bool = True

    def get_moving_mobjects(self, *animations: Animation) -> list:
        moving = None
        if self.redraw_only_what_moves:
            moving = moving_mobjects(self.get_mobject_family_members(), animations, self.foreground_mobjects)
        return super().get_moving_mobjects(*animations) if moving is None else moving


class Explainer3DScene(_Explainer, ThreeDSlideBase):
    """The base of every scene with a 3-D camera (cost surfaces): the same options, style and beats."""
