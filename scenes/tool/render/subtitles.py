"""Subtitles: reading and writing SubRip (.srt) and WebVTT (.vtt) cues, tidied so a player shows them cleanly.

A cue is a piece of narration and the time it is on screen. Manim writes a scene's cues as an .srt file from the
scene's subcaptions (one or more per narrated beat). Two things can go wrong with them in a finished video: manim
rounds every animation to whole frames, so a beat may start a frame before the previous beat's cues end; and the last
cue may run past the end of the video. :func:`tidy` fixes both (each cue ends where the next begins, and all end
with the video), so cues are ordered, never overlap, and end within the video.

For a chapter, each scene's cues are moved later by where that scene starts in the joined film (:func:`shifted`)
and written as both .srt (most players) and .vtt (web browsers' ``<track>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from nnlib.atomic import atomic_write
from nnlib.errors import NNLibError

#: A cue shorter than this after tidying (a frame's sliver) is dropped rather than flashed.
MIN_CUE = 0.04

_TIME = re.compile(r"(\d+):(\d\d):(\d\d)[,.](\d{3})")


@dataclass(frozen=True)
class Cue:
    """Words on screen from ``start`` to ``end`` (seconds)."""

    start: float
    end: float
    text: str


def _seconds(stamp: str, where: str) -> float:
    match = _TIME.fullmatch(stamp.strip())
    if not match:
        raise NNLibError(f"{where}: {stamp.strip()!r} is not a subtitle time (HH:MM:SS,mmm)")
    h, m, s, ms = (int(g) for g in match.groups())
    return h * 3600 + m * 60 + s + ms / 1000


def read_srt(path: Path) -> list[Cue]:
    """The cues of a SubRip file (a clear NNLibError naming the file if it is not one)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise NNLibError(f"{path}: cannot read subtitles ({err})") from None
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = block.strip().splitlines()
        if not lines:
            continue
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            raise NNLibError(f"{path}: a subtitle block without a time line ('-->')")
        start, end = lines[timing].split("-->", 1)
        words = " ".join(line.strip() for line in lines[timing + 1:] if line.strip())
        cues.append(Cue(_seconds(start, str(path)), _seconds(end.split()[0] if end.split() else end, str(path)),
                        words))
    return cues


def tidy(cues: Iterable[Cue], video_end: float) -> list[Cue]:
    """Cues in time order, each ending no later than the next one starts and than ``video_end``; slivers dropped."""
    ordered = sorted((c for c in cues if c.text.strip()), key=lambda c: c.start)
    out = []
    for i, cue in enumerate(ordered):
        end = min(cue.end, video_end)
        if i + 1 < len(ordered):
            end = min(end, ordered[i + 1].start)
        start = max(0.0, cue.start)
        if end - start >= MIN_CUE:
            out.append(Cue(start, end, cue.text))
    return out


def shifted(cues: Iterable[Cue], offset: float) -> list[Cue]:
    """The same cues ``offset`` seconds later (a scene's cues placed in its chapter)."""
    return [Cue(c.start + offset, c.end + offset, c.text) for c in cues]


def _stamp(seconds: float, comma: bool) -> str:
    ms = int(round(max(0.0, seconds) * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{',' if comma else '.'}{ms:03d}"


def srt_text(cues: Sequence[Cue]) -> str:
    """SubRip: numbered blocks ``1``, ``00:00:01,500 --> 00:00:03,000``, the words, a blank line."""
    return "".join(f"{i}\n{_stamp(c.start, True)} --> {_stamp(c.end, True)}\n{c.text}\n\n"
                   for i, c in enumerate(cues, 1))


def vtt_text(cues: Sequence[Cue]) -> str:
    """WebVTT: a ``WEBVTT`` header, then blocks like SubRip's with ``.`` before the milliseconds."""
    return "WEBVTT\n\n" + "".join(f"{i}\n{_stamp(c.start, False)} --> {_stamp(c.end, False)}\n{c.text}\n\n"
                                  for i, c in enumerate(cues, 1))


def write_subtitles(cues: Sequence[Cue], path: Path) -> Path:
    """Write ``cues`` to ``path`` (atomically) as SubRip or WebVTT, by its suffix."""
    path = Path(path)
    text = vtt_text(cues) if path.suffix.lower() == ".vtt" else srt_text(cues)
    with atomic_write(path) as handle:
        handle.write(text.encode("utf-8"))
    return path
