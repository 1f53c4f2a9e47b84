"""Which voice narrates a render: the one place that turns ``--voice`` and ``--pace`` into a speech engine.

Every engine answers ``speak(text, beat_id) -> Speech`` (see :mod:`scenes.content.speech`): espeak-ng's offline
voice, a person's own recordings (:mod:`scenes.content.recordings`), silence at reading pace, or the brisk preview
pace. To add an engine (Piper with a voice model you supply, an online service), write its class with that one
method and return it here for a new ``--voice`` name.
"""

from __future__ import annotations

from pathlib import Path

from scenes.content.recordings import RecordedVoice
from scenes.content.speech import BriskPace, EspeakVoice, ReadingPace, SpeechEngine


def engine_for(voice: str, pace: str, recordings: Path | None = None) -> SpeechEngine:
    """The engine the options ask for (``--voice``, ``--pace``)."""
    if pace == "brisk":
        return BriskPace()
    if voice == "espeak":
        return EspeakVoice()
    if voice == "recordings":
        return RecordedVoice(recordings or Path("recordings"), fallback=EspeakVoice())
    return ReadingPace()
