"""The one base of every scene: options read once, the network and digit in force, one style, narrated beats.

A scene of the explainer derives from :class:`ExplainerScene` (or :class:`Explainer3DScene` for a 3-D camera) and
its ``construct`` reads as its narration, beat by beat::

    class PixelsAsNeurons(ExplainerScene):
        def construct(self):
            grid = PixelGrid(self.digit.image, height=5.6)
            with self.beat(f"Here is a handwritten {self.digit.name}, 28 pixels by 28.") as beat:
                self.play(FadeIn(grid), run_time=beat.duration)

Inside ``with self.beat(text) as beat`` the narration plays (spoken, or as subtitles at reading pace) and
``beat.duration`` is how long it lasts; when the block ends the scene waits out whatever narration is left. So the
animation lasts as long as its narration, whatever the voice. To land a picture on the word that names it, wait
for the word, or give an animation the time until a word (the voice knows when every word is heard: see
:mod:`scenes.voice`)::

            with self.beat("Zoom in on a small patch. Each pixel is one number, its grey value.") as beat:
                self.wait_until("small patch")                             # the outline appears as it is named
                self.play(Create(outline), run_time=self.until("Each pixel"))
                self.play(Write(values), run_time=self.until("grey value"))

A word that comes twice, or a moment between words, takes a bookmark in the text, ``<bookmark mark="zoom"/>``
(manim-voiceover's syntax; subtitles never show it): ``self.wait_until("zoom")``.
``self.say(text, *animations)`` is the one-animation shorthand. Fades, creations and indications given more than
three seconds move for three and then hold the picture (:mod:`scenes.content.entrances`), and each frame repaints
only what an animation can reach (:mod:`scenes.content.redraw`): both leave the timing of the narration alone. The
camera paints the same pixels as manim's with less work per mobject (:mod:`scenes.content.painting`).

What the base gives every scene, read once when the scene is set up (from ``EXPLAINER_*``, see
:mod:`scenes.tool.options`): ``self.options``, ``self.theme``, ``self.network`` (the shipped network or
``--weights``), ``self.digit`` (image, label, source; ``--digit``, ``--sample-index`` or ``--image``),
``self.title(text)`` (one style for every scene's heading) and ``self.beats`` (the narration so far, for slide notes,
``explainer script`` and tests). The same scene runs the same way under ``explainer render``, plain ``manim`` and
manim-slides (every beat is a slide, ending on the beat's finished picture, whose speaker notes are its
narration).
"""

from __future__ import annotations

import math
import re

from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterator, Sequence

from manim import UP, Animation, ManimColor, config

from nnlib.digit_choice import ChosenDigit
from nnlib.errors import NNLibError
from nnlib.network import Network
from scenes.content.components.theme import _SCENE_THEME, Theme, label, make_theme
from scenes.content.entrances import LONGEST_ENTRANCE, hold_after_entrance
from scenes.content.held_frames import hold_cheaply
from scenes.content.painting import paint_for_less
from scenes.content.redraw import moving_mobjects
from scenes.content.slide_base import SlideBase, ThreeDSlideBase
from scenes.voice.choice import engine_for
from scenes.voice.engines import Speech, SpeechEngine
from scenes.voice.narration import WordTimes, prepare, sentence_ranges
from scenes.tool.options import ExplainerOptions, read_options

#: Widest a heading may be (the frame is about 14.2 units wide).
TITLE_WIDTH = 13.2
#: Longest subtitle cue, in characters: long narration is split into cues of at most this length.
CUE_CHARS = 84
#: Shortest a subtitle cue may stay on screen: a shorter one ("it.") joins its neighbour.
MIN_CUE_SECONDS = 1.0
#: Pause after a beat at brisk pace (the quick preview's rhythm).
BRISK_PAUSE = 0.5
#: Longest a word-landed animation (:meth:`on_word`) takes at the brisk preview pace, so previews and tests stay quick.
BRISK_WORD_RUN_TIME = 0.2
#: Silence at the start of every scene before its first word (the picture may already move).
LEAD_IN = 1.0
#: Silence after each beat's last word, before the next beat: longer than the pause between sentences.
BEAT_PAUSE = 1.0


@dataclass
class Beat:
    """One narrated beat: ``id`` (``SceneName-03``, stable for recordings), its written words (``text``, what
    subtitles and notes show), what the voice says (``spoken``), when it starts in the scene's video, how long it
    lasts, and when each of its words is heard (``times``, seconds from the beat's start)."""

    id: str
    text: str
    start: float
    duration: float
    audio: Path | None = None
    spoken: str = ""
    times: WordTimes | None = None

    @property
    def end(self) -> float:
        return self.start + self.duration

    def share(self, fraction: float) -> float:
        """``fraction`` of the beat's duration, as a run time (at least one frame)."""
        return max(fraction * self.duration, 1.0 / config.frame_rate)

    def time_of(self, key: str, occurrence: int = 1) -> float:
        """Seconds from the beat's start at which ``key`` is heard: a bookmark (``<bookmark mark="key"/>``) or a
        word or phrase of the narration (its ``occurrence``-th time). See :meth:`WordTimes.time_of`."""
        return self.times.time_of(key, occurrence) if self.times is not None else 0.0

    def at(self, key: str, occurrence: int = 1) -> float:
        """When ``key`` is heard, in the scene's time."""
        return self.start + self.time_of(key, occurrence)


def text_cache_per_frame_size() -> None:
    """Keep manim's cache of typeset text in a folder of its own for each frame size.

    Manim's ``Text`` lays its words out with Pango on a page the size of the frame in pixels, and caches the result
    by words and style alone: a long label first typeset for a 160x90 test render is wrapped onto two lines, and
    comes back wrapped from the cache in a 854x480 or 1080p render. One cache folder per frame size
    (``texts/854x480``) gives every size its own layout.
    """
    folder = Path(config.get_dir("text_dir"))
    if re.fullmatch(r"\d+x\d+", folder.name):  # already one of ours (a second scene in the same process)
        folder = folder.parent
    config.text_dir = str(folder / f"{config.pixel_width}x{config.pixel_height}")


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
        self._current_beat: Beat | None = None
        text_cache_per_frame_size()
        hold_cheaply(self)  # narration over a still picture: the held frame is encoded twice, not once a frame
        paint_for_less(self.renderer.camera)  # the same pixels, less work per mobject (scenes.content.painting)

    def tear_down(self) -> None:
        close = getattr(self.speech, "close", None)
        if callable(close):  # the Piper process, if this scene started one
            close()
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

        The words are spoken (or paced at reading speed), written as subtitle cues timed by the words, and become
        the speaker notes of a slide break when the scene is rendered as slides. ``text`` may hold bookmarks
        (``<bookmark mark="name"/>``); inside the block, :meth:`wait_until` and :meth:`until` land an animation on
        a bookmark or a word. The first beat of a scene starts with :data:`LEAD_IN` of silence, and every beat
        ends with :data:`BEAT_PAUSE` after its last word.
        """
        narration = prepare(text)
        slide_starts = getattr(self, "beat_slide_starts", None)
        if callable(slide_starts):  # a beat is a slide; its speaker notes are the beat's narration
            slide_starts(narration.text)
        beat_id = f"{type(self).__name__}-{len(self.beats) + 1:02d}"
        speech: Speech = self.speech.speak(narration, beat_id)
        # slides (silent: the teacher speaks): a beat ends when its animations do (scenes.content.slide_base)
        presenting = bool(getattr(self, "presenting", False))
        lead = LEAD_IN if not self.beats and not self.brisk and not presenting else 0.0
        pause = 0.0 if self.brisk else BEAT_PAUSE
        beat = Beat(beat_id, narration.text, float(self.renderer.time), lead + float(speech.duration) + pause,
                    speech.path, narration.spoken_text, speech.times.shifted(lead))
        self.beats.append(beat)
        self._current_beat = beat
        if speech.path is not None:
            self.add_sound(str(speech.path), time_offset=lead)
        if not config.save_last_frame:
            self._subtitle(beat)
        try:
            yield beat
        finally:
            self._current_beat = None
        left = beat.end - float(self.renderer.time)
        if self.brisk:  # a preview's fixed pause, in whole frames as manim counts them
            frames = int(max(left, BRISK_PAUSE) * config.frame_rate + 1e-6)
        elif presenting:  # a slide: the finished picture holds briefly, then the deck holds it for the teacher
            frames = max(1, int(min(left, BRISK_PAUSE) * config.frame_rate + 1e-6))
        else:           # whole frames, rounded up: the next beat never starts before this narration has ended
            frames = math.ceil(left * config.frame_rate - 1e-6)
        if frames >= 1:
            self.wait((frames + 0.25) / config.frame_rate)    # (manim's wait keeps the whole frames it is given)
        slide_ends = getattr(self, "beat_slide_ends", None)
        if callable(slide_ends):  # the slide ends on the beat's finished picture
            slide_ends()

    def _beat_now(self, beat: Beat | None) -> Beat:
        beat = beat or getattr(self, "_current_beat", None)
        if beat is None:
            raise NNLibError("wait_until and until belong inside `with self.beat(...)`: no beat is being narrated")
        return beat

    def until(self, key: str, beat: Beat | None = None, occurrence: int = 1) -> float:
        """A run time that ends when ``key`` (a bookmark or words of the current beat) is heard: use it for an
        animation that should finish on that word. At least one frame, even if the word has passed."""
        beat = self._beat_now(beat)
        return max(beat.at(key, occurrence) - float(self.renderer.time), 1.0 / config.frame_rate)

    def wait_until(self, key: str, beat: Beat | None = None, occurrence: int = 1) -> None:
        """Hold the picture until ``key`` (a bookmark or words of the current beat) is heard, so that the next
        animation starts on it. Does nothing if that moment has passed."""
        beat = self._beat_now(beat)
        frames = math.floor((beat.at(key, occurrence) - float(self.renderer.time)) * config.frame_rate + 1e-6)
        if frames >= 1:
            self.wait((frames + 0.25) / config.frame_rate)

    def on_word(self, key: str, *animations: Animation, run_time: float = 1.0, occurrence: int = 1) -> None:
        """Land ``animations`` on a word: hold the picture until ``key`` (a word, phrase or bookmark of the current
        beat) is heard, then play them for ``run_time`` seconds (at most :data:`BRISK_WORD_RUN_TIME` at the brisk
        preview pace). What the narration names is shown as it is named; a word already past plays at once::

            with self.beat("A nine is a loop on top of a line."):
                self.on_word("loop", Create(loop))
                self.on_word("line", Create(line), run_time=0.8)
        """
        self.wait_until(key, occurrence=occurrence)
        if animations:
            self.play(*animations, run_time=min(run_time, BRISK_WORD_RUN_TIME) if self.brisk else run_time)

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

    def _subtitle(self, beat: Beat) -> None:
        """Subtitle cues for one beat, each on screen from its first word until the next cue's first word (the
        last until just after the beat's last word), never shorter than :data:`MIN_CUE_SECONDS`."""
        times = beat.times
        if times is None or not times.tokens:
            return
        ranges = cue_ranges(times.tokens, times.starts, beat.duration)
        for n, (a, b) in enumerate(ranges):
            start = times.starts[a] if n else 0.0
            end = times.starts[ranges[n + 1][0]] if n + 1 < len(ranges) else min(
                beat.duration, times.ends[b - 1] + BEAT_PAUSE * 0.6)
            self.add_subcaption(" ".join(times.tokens[a:b]), duration=max(end - start - 0.05, 0.1), offset=start)


def cue_ranges(tokens: Sequence[str], starts: Sequence[float], duration: float, limit: int = CUE_CHARS,
               shortest: float = MIN_CUE_SECONDS) -> list[tuple[int, int]]:
    """Token ranges of a beat's subtitle cues: sentences, cut at word boundaries into parts of about even length and
    at most ``limit`` characters;
    then a cue that would be on screen less than ``shortest`` seconds (by the word times ``starts``) joins its
    neighbour, the shorter of the two, so no cue flashes by."""
    ranges: list[tuple[int, int]] = []
    for first, end in sentence_ranges(tokens):
        total = sum(len(t) + 1 for t in tokens[first:end]) - 1
        parts = math.ceil(total / limit) if total > limit else 1
        target = total / parts  # a long sentence is cut into parts of about even length
        a, chars, made = first, 0, 0
        for i in range(first, end):
            grown = chars + (1 if chars else 0) + len(tokens[i])
            if i > a and (grown > limit or (made < parts - 1 and chars >= target * 0.85 and grown > target)):
                ranges.append((a, i))
                made += 1
                a, chars = i, 0
                grown = len(tokens[i])
            chars = grown
        ranges.append((a, end))

    def seconds(r: tuple[int, int], k: int) -> float:
        nxt = starts[ranges[k + 1][0]] if k + 1 < len(ranges) else duration
        return nxt - (starts[r[0]] if k else 0.0)

    k = 0
    while len(ranges) > 1 and k < len(ranges):
        if seconds(ranges[k], k) >= shortest:
            k += 1
            continue
        if k == 0:
            join_with = 1
        elif k == len(ranges) - 1:
            join_with = k - 1
        else:
            join_with = k - 1 if seconds(ranges[k - 1], k - 1) <= seconds(ranges[k + 1], k + 1) else k + 1
        lo, hi = min(k, join_with), max(k, join_with)
        ranges[lo:hi + 1] = [(ranges[lo][0], ranges[hi][1])]
        k = max(lo - 1, 0)
    return ranges


def split_cues(text: str, limit: int = CUE_CHARS) -> list[str]:
    """Cut narration into subtitle cues of at most ``limit`` characters at sentence and word boundaries (timing
    aside: :func:`cue_ranges` also joins cues that would flash by)."""
    tokens = text.split()
    return [" ".join(tokens[a:b]) for a, b in cue_ranges(tokens, [0.0] * len(tokens), 0.0, limit, 0.0)] or [text]


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
