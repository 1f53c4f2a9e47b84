"""Your own voice: a folder of recordings, one audio file per beat, paced and played like a speech engine.

``explainer script`` lists every beat of the explainer with its id (``PixelsAsNeurons-01``,
``PixelsAsNeurons-02``...). Record each beat's words into a file named after its id, in one folder::

    recordings/
        PixelsAsNeurons-01.wav
        PixelsAsNeurons-02.mp3      (.wav, .mp3, .m4a, .ogg and .flac all work)
        ...

and render with ``--voice recordings --recordings recordings``. Each beat then lasts as long as your recording
(plus a short breath), so the animations follow your voice, not a machine's. A beat you have not recorded yet is
spoken by the fallback engine (espeak-ng; or, without espeak-ng, kept silent for as long as reading its words takes),
and the scene ends with one warning naming every beat that had no recording.

The length of a recording is measured by decoding it with PyAV (which comes with manim), so a file that cannot be
decoded is reported at once, by name, rather than as a silent gap in the film.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from nnlib.errors import NNLibError
from scenes.content.speech import BREATH, EspeakVoice, ReadingPace, Speech, SpeechEngine, reading_seconds, word_count

#: The audio formats a recording may have (the suffix decides nothing: PyAV reads what is inside).
AUDIO_SUFFIXES = (".wav", ".mp3", ".m4a", ".ogg", ".flac")


#: Quieter than this everywhere (as a fraction of full scale) counts as a recording of nothing.
SILENCE = 1e-3
#: A recording may last this many times the reading time of its words (or two minutes) before we doubt it.
TOO_LONG_FACTOR = 10.0


def audio_seconds_and_peak(path: Path) -> tuple[float, float]:
    """The length of an audio file in seconds, by decoding every sample (exact for any format and sample rate
    PyAV reads), and its loudest sample as a fraction of full scale.

    Raises a one-line NNLibError naming the file if it cannot be read or holds no samples.
    """
    import av
    import numpy as np

    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise NNLibError(f"{path}: this file has no audio stream")
            stream = container.streams.audio[0]
            samples, rate, peak = 0, stream.codec_context.sample_rate or stream.rate, 0.0
            for frame in container.decode(stream):
                samples += frame.samples
                rate = frame.sample_rate or rate
                values = frame.to_ndarray()
                if values.size:
                    full_scale = float(np.iinfo(values.dtype).max) if values.dtype.kind in "iu" else 1.0
                    peak = max(peak, float(np.abs(values.astype(np.float64)).max()) / full_scale)
    except NNLibError:
        raise
    except (av.FFmpegError, OSError, ValueError, MemoryError) as err:
        lines = str(err).strip().splitlines()
        reason = getattr(err, "strerror", None) or (lines[0] if lines else type(err).__name__)
        raise NNLibError(f"{path}: cannot read this recording ({reason})") from None
    if not samples or not rate:
        raise NNLibError(f"{path}: this recording holds no sound")
    return samples / float(rate), peak


def audio_seconds(path: Path) -> float:
    """The length of an audio file in seconds (see :func:`audio_seconds_and_peak`)."""
    return audio_seconds_and_peak(path)[0]


def check_recording(path: Path, text: str) -> float:
    """The length of the recording of a beat whose words are ``text``, after two sanity checks that catch the
    wrong file: it must not be silence throughout, and must not run far longer than reading its words takes."""
    seconds, peak = audio_seconds_and_peak(path)
    if peak < SILENCE:
        raise NNLibError(f"{path}: this recording is silent throughout (was the microphone muted?)")
    limit = max(120.0, TOO_LONG_FACTOR * reading_seconds(text))
    if seconds > limit:
        raise NNLibError(f"{path}: this recording lasts {seconds:.0f} s, but its beat has {word_count(text)} words "
                         f"(about {reading_seconds(text):.0f} s read aloud): is it the right file?")
    return seconds


@dataclass
class RecordedVoice:
    """A speech engine that plays your recordings: ``folder/<beat id>.<wav|mp3|m4a|ogg|flac>``.

    ``fallback`` voices the beats without a recording (espeak-ng by default; reading pace if espeak-ng is missing).
    ``missing`` lists those beats' ids, and :meth:`missing_warning` says them in one line.
    """

    folder: Path
    fallback: SpeechEngine | None = None
    name: str = "recordings"
    missing: list[str] = field(default_factory=list)
    _files: dict[str, Path] | None = field(default=None, repr=False)

    def recordings(self) -> dict[str, Path]:
        """Every recording in the folder, by beat id (read once). Two files for one beat is an error."""
        if self._files is None:
            folder = Path(self.folder)
            if not folder.is_dir():
                raise NNLibError(f"{folder}: recordings folder not found (make it, and record the beats listed by "
                                 "`explainer script` into it, one file per beat id)")
            files: dict[str, Path] = {}
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() not in AUDIO_SUFFIXES or not path.is_file():
                    continue
                if path.stem in files:
                    raise NNLibError(f"{files[path.stem]} and {path.name} are both recordings of beat {path.stem}: "
                                     "keep one")
                files[path.stem] = path
            self._files = files
        return self._files

    def fallback_engine(self) -> SpeechEngine:
        """Who speaks a beat without a recording: the given fallback, but reading pace if that is espeak-ng and
        espeak-ng is not installed (a missing recording should not stop the render)."""
        engine = self.fallback if self.fallback is not None else ReadingPace()
        if isinstance(engine, EspeakVoice) and shutil.which("espeak-ng") is None:
            return ReadingPace()
        return engine

    def speak(self, text: str, beat_id: str) -> Speech:
        path = self.recordings().get(beat_id)
        if path is None:
            if beat_id not in self.missing:
                self.missing.append(beat_id)
            return self.fallback_engine().speak(text, beat_id)
        return Speech(path, check_recording(path, text) + BREATH)

    def digest(self, scene_name: str) -> str:
        """A hash of this scene's recordings (names, sizes, modification times): re-recording a beat changes it,
        so a render fingerprint that includes it knows the video is out of date."""
        import hashlib

        parts = []
        for beat_id, path in sorted(self.recordings().items()):
            if beat_id.rsplit("-", 1)[0] == scene_name:
                stat = path.stat()
                parts.append(f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def missing_warning(self) -> str | None:
        """One line naming every beat spoken so far that had no recording (None when all had one)."""
        if not self.missing:
            return None
        who = self.fallback_engine()
        spoken_by = "espeak-ng" if isinstance(who, EspeakVoice) else f"the {who.name} engine"
        if isinstance(who, ReadingPace):
            spoken_by = "silence at reading pace"
        return (f"warning: no recording in {self.folder} for {len(self.missing)} beat(s): {', '.join(self.missing)} "
                f"(used {spoken_by} instead)")
