"""Voices for the narration: how long each beat's words last, and the audio to play with them, if any.

A speech engine turns one beat's text into a :class:`Speech`: a sound file (or None) and its duration in seconds.
The scene base plays the sound at the start of the beat, shows the words as subtitles for that long, and lets the
beat's animations run for that long, so pictures, voice and subtitles stay one thing.

- :class:`ReadingPace`: no sound; a beat lasts as long as reading its words takes (about 160 words a minute), so a
  silent, subtitled video plays at the pace of the spoken one.
- :class:`BriskPace`: no sound, one second per beat: a quick preview of the pictures.
- :class:`EspeakVoice`: the offline engine espeak-ng (Debian package ``espeak-ng``); audio cached by text and
  engine settings, so a re-render does not synthesise again.

Every engine has the same one method, ``speak(text, beat_id) -> Speech``; another engine (recordings of your own
voice, Piper with a voice model you supply, an online service) fits by providing it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from nnlib.errors import NNLibError

#: Reading speed for silent pacing, words per minute (comfortable subtitle reading, close to espeak's speech).
READING_WPM = 160
#: A short breath after each beat's words, so one sentence does not run into the next.
BREATH = 0.3


@dataclass(frozen=True)
class Speech:
    """The sound for one beat (``path`` None when silent) and how long the beat's words last."""

    path: Path | None
    duration: float


class SpeechEngine(Protocol):
    """Anything that can voice a beat."""

    name: str

    def speak(self, text: str, beat_id: str) -> Speech: ...


def word_count(text: str) -> int:
    """Words in a narration (numbers like 13,002 count as one)."""
    return len(text.split())


def reading_seconds(text: str, words_per_minute: float = READING_WPM) -> float:
    """How long reading ``text`` aloud takes at ``words_per_minute``, at least 1.5 s."""
    return max(1.5, word_count(text) * 60.0 / words_per_minute)


@dataclass(frozen=True)
class ReadingPace:
    """Silence paced like speech: a beat lasts its reading time plus a breath."""

    words_per_minute: float = READING_WPM
    name: str = "none"

    def speak(self, text: str, beat_id: str) -> Speech:
        return Speech(None, reading_seconds(text, self.words_per_minute) + BREATH)


@dataclass(frozen=True)
class BriskPace:
    """A quick preview: every beat lasts ``seconds`` whatever its words."""

    seconds: float = 1.0
    name: str = "brisk"

    def speak(self, text: str, beat_id: str) -> Speech:
        return Speech(None, self.seconds)


def speech_cache_dir() -> Path:
    """Where synthesised audio is kept: ``$XDG_CACHE_HOME/nn-explainer/speech`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "nn-explainer" / "speech"


def wav_seconds(path: Path) -> float:
    """The length of a WAV file in seconds."""
    with wave.open(str(path), "rb") as handle:
        return handle.getnframes() / float(handle.getframerate())


@dataclass(frozen=True)
class EspeakVoice:
    """espeak-ng, offline. ``voice`` and ``words_per_minute`` are espeak's ``-v`` and ``-s``."""

    voice: str = "en-us"
    words_per_minute: int = 165
    cache_dir: Path | None = None
    name: str = "espeak"

    def program(self) -> str:
        found = shutil.which("espeak-ng")
        if not found:
            raise NNLibError("espeak-ng is not installed: install the Debian package espeak-ng "
                             "(sudo apt-get install espeak-ng), or render without a voice: --voice none")
        return found

    def cache_path(self, text: str) -> Path:
        key = hashlib.sha256(f"espeak-ng|{self.voice}|{self.words_per_minute}|{text}".encode()).hexdigest()[:24]
        return (self.cache_dir or speech_cache_dir()) / f"espeak-{key}.wav"

    def speak(self, text: str, beat_id: str) -> Speech:
        path = self.cache_path(text)
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{os.getpid()}.part")
            try:
                result = subprocess.run([self.program(), "-v", self.voice, "-s", str(self.words_per_minute),
                                         "-w", str(partial), text], capture_output=True, text=True, timeout=120)
                if result.returncode != 0 or not partial.is_file() or partial.stat().st_size < 100:
                    message = (result.stderr or "").strip().splitlines()
                    raise NNLibError(f"espeak-ng failed on beat {beat_id}: "
                                     f"{message[-1] if message else 'no audio written'}")
                os.replace(partial, path)  # only a complete file ever has the cache's name
            except subprocess.TimeoutExpired:
                raise NNLibError(f"espeak-ng took over 120 s on beat {beat_id} and was stopped") from None
            finally:
                partial.unlink(missing_ok=True)
        return Speech(path, wav_seconds(path) + BREATH)
