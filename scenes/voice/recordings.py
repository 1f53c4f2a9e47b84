"""Your own voice: a folder of recordings, one audio file per beat, paced and played like a speech engine.

``explainer script`` lists every beat of the explainer with its id (``PixelsAsNeurons-01``,
``PixelsAsNeurons-02``...). Record each beat's words into a file named after its id, in one folder::

    recordings/
        PixelsAsNeurons-01.wav
        PixelsAsNeurons-02.mp3      (.wav, .mp3, .m4a, .ogg and .flac all work)
        ...

and render with ``--voice recordings --recordings recordings``. Each beat then lasts as long as your recording,
so the animations follow your voice, not a machine's. A beat you have not recorded yet is spoken by the fallback
engine (Piper, else espeak-ng; or, without either, kept silent for as long as reading its words takes), and the
scene ends with one warning naming every beat that had no recording.

**Word times.** A scene lands animations on words of its narration. For a recording they are estimated, the
recording's length shared out by the letters of each word; to place them by ear, add a label file beside the
recording (Audacity: Edit > Labels > Add Label at Selection, then File > Export > Export Labels), named
``<beat id>.txt``: one line a label, ``start<TAB>end<TAB>text``, where the text is a bookmark of the beat or a word
(or phrase) of its narration. The words between two labels are then shared out between them.

**Recordings that stay right.** Write the script into the folder before you record (``explainer script -o
recordings``): it keeps every beat's words. If a beat's words change later, the render warns once, naming the
beat, that its recording was made for other words. The videos' up-to-date check reads the recordings' content (not
their names or dates), so re-recording a beat re-renders its scene, and only its scene.

The length of a recording is measured by decoding it with PyAV (which comes with manim), so a file that cannot be
decoded is reported at once, by name, rather than as a silent gap in the film.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from nnlib.errors import NNLibError
from scenes.voice.engines import EspeakVoice, PiperVoice, ReadingPace, Speech, SpeechEngine, reading_seconds
from scenes.voice.narration import Narration, WordTimes, estimated_times, prepare, with_marks, word_key

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


def check_recording(path: Path, narration: Narration) -> float:
    """The length of the recording of a beat whose words are ``text``, after two sanity checks that catch the
    wrong file: it must not be silence throughout, and must not run far longer than reading its words takes."""
    seconds, peak = audio_seconds_and_peak(path)
    if peak < SILENCE:
        raise NNLibError(f"{path}: this recording is silent throughout (was the microphone muted?)")
    limit = max(120.0, TOO_LONG_FACTOR * reading_seconds(narration))
    if seconds > limit:
        raise NNLibError(f"{path}: this recording lasts {seconds:.0f} s, but its beat has {narration.words} words "
                         f"(about {reading_seconds(narration):.0f} s read aloud): is it the right file?")
    return seconds


def read_labels(path: Path) -> list[tuple[float, str]]:
    """An Audacity label file: [(start seconds, text)], one per line ``start<TAB>end<TAB>text``. A line that is
    not a label is an error naming the file and line (a label file is written by hand or by Audacity, so say
    exactly where it went wrong)."""
    labels = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise NNLibError(f"{path}: cannot read this label file ({err})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("\\"):  # blank lines; Audacity's frequency lines
            continue
        parts = line.split("\t")
        try:
            start = float(parts[0])
        except ValueError:
            raise NNLibError(f"{path}, line {number}: not a label (start<TAB>end<TAB>text): {line[:40]!r}") from None
        if not (start >= 0.0) or len(parts) < 3 or not parts[2].strip():
            raise NNLibError(f"{path}, line {number}: not a label (start<TAB>end<TAB>text): {line[:40]!r}")
        labels.append((start, parts[2].strip()))
    return labels


def labelled_times(narration: Narration, seconds: float, labels: list[tuple[float, str]], where: Path) -> WordTimes:
    """Word times of a recording from its labels: each label pins a bookmark or the first word of a phrase at its
    time; the words between two pins share that stretch by their letters."""
    guess = estimated_times(narration, seconds)
    pins: dict[int, float] = {0: 0.0}
    marks: dict[str, float] = {}
    keys = [word_key(t) for t in narration.tokens]
    for start, text in labels:
        if text in narration.marks:
            marks[text] = start
            pins.setdefault(narration.marks[text], start)
            continue
        wanted = [word_key(w) for w in text.split()]
        at = next((i for i in range(len(keys)) if keys[i:i + len(wanted)] == wanted), None)
        if at is None:
            raise NNLibError(f"{where}: label {text!r} is neither a bookmark nor words of the beat's narration")
        pins[at] = start
    pins[len(narration.tokens)] = max(seconds, max(pins.values()))
    order = sorted(pins)
    starts, ends = list(guess.starts), list(guess.ends)
    for a, b in zip(order, order[1:]):  # map the estimate's stretch [a, b) onto the labelled one
        g0 = guess.starts[a] if a < len(guess.starts) else seconds
        g1 = guess.starts[b] if b < len(guess.starts) else seconds
        t0, t1 = pins[a], pins[b]
        scale = (t1 - t0) / (g1 - g0) if g1 > g0 else 0.0
        for i in range(a, b):
            starts[i] = t0 + (guess.starts[i] - g0) * scale
            ends[i] = t0 + (guess.ends[i] - g0) * scale
    times = with_marks(narration, starts, ends)
    return WordTimes(times.tokens, times.starts, times.ends, {**times.marks, **marks})


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def recordings_digest(folder: Path, scene_name: str) -> str:
    """A hash of the content of this scene's recordings and label files, and of the script kept in the folder:
    re-recording a beat (even into a file of the same name, size and date) changes it, so a render fingerprint that
    includes it knows the scene's video is out of date. A missing folder hashes as empty."""
    h = hashlib.sha256()
    folder = Path(folder)
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            beat_of_scene = path.stem.rsplit("-", 1)[0] == scene_name
            kept_script = path.suffix.lower() == ".json"
            wanted = path.suffix.lower() in AUDIO_SUFFIXES + (".txt",) and beat_of_scene
            if path.is_file() and (wanted or kept_script):
                h.update(path.name.encode() + b"\0" + _file_hash(path).encode())
    return h.hexdigest()


def script_texts(folder: Path) -> dict[str, str]:
    """{beat id: words} from any script ``explainer script`` wrote into the recordings folder (its JSON form)."""
    texts: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            for scene in data.get("scenes", []):
                for beat in scene.get("beats", []):
                    texts[str(beat["id"])] = str(beat["text"])
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            continue  # not a script: other JSON files are the user's business
    return texts


def default_fallback() -> SpeechEngine:
    """Who speaks a beat not yet recorded: Piper if installed, else espeak-ng, else silence at reading pace."""
    from scenes.voice.engines import piper_installed

    if piper_installed():
        return PiperVoice()
    if shutil.which("espeak-ng"):
        return EspeakVoice()
    return ReadingPace()


@dataclass
class RecordedVoice:
    """A speech engine that plays your recordings: ``folder/<beat id>.<wav|mp3|m4a|ogg|flac>``.

    ``fallback`` voices the beats without a recording (by default Piper, espeak-ng or reading pace, the first that
    is installed). ``missing`` lists those beats' ids and ``changed`` the beats whose words differ from the script
    kept in the folder; :meth:`missing_warning` says both in one line.
    """

    folder: Path
    fallback: SpeechEngine | None = None
    name: str = "recordings"
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    _files: dict[str, Path] | None = field(default=None, repr=False)
    _texts: dict[str, str] | None = field(default=None, repr=False)

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
            self._texts = script_texts(folder)
        return self._files

    def fallback_engine(self) -> SpeechEngine:
        """Who speaks a beat without a recording: the given fallback, but reading pace if that is espeak-ng and
        espeak-ng is not installed (a missing recording should not stop the render)."""
        engine = self.fallback if self.fallback is not None else default_fallback()
        if isinstance(engine, EspeakVoice) and shutil.which("espeak-ng") is None:
            return ReadingPace()
        return engine

    def speak(self, narration: Narration | str, beat_id: str) -> Speech:
        narration = prepare(narration) if isinstance(narration, str) else narration
        path = self.recordings().get(beat_id)
        if path is None:
            if beat_id not in self.missing:
                self.missing.append(beat_id)
            if self.fallback is None:
                self.fallback = self.fallback_engine()
            return self.fallback_engine().speak(narration, beat_id)
        recorded_for = (self._texts or {}).get(beat_id)
        if recorded_for is not None and " ".join(recorded_for.split()) != narration.text \
                and beat_id not in self.changed:
            self.changed.append(beat_id)
        seconds = check_recording(path, narration)
        labels = path.with_suffix(".txt")
        times = (labelled_times(narration, seconds, read_labels(labels), labels) if labels.is_file()
                 else estimated_times(narration, seconds))
        return Speech(path, seconds, times)

    def digest(self, scene_name: str) -> str:
        """:func:`recordings_digest` of this folder."""
        return recordings_digest(Path(self.folder), scene_name)

    def missing_warning(self) -> str | None:
        """One line naming every beat spoken so far that had no recording, and every recording made for words
        that have since changed (None when all is well)."""
        said = []
        if self.missing:
            who = self.fallback_engine()
            spoken_by = {"piper": "the Piper voice", "espeak": "espeak-ng"}.get(who.name, f"the {who.name} engine")
            if isinstance(who, ReadingPace):
                spoken_by = "silence at reading pace"
            said.append(f"no recording in {self.folder} for {len(self.missing)} beat(s): {', '.join(self.missing)} "
                        f"(used {spoken_by} instead)")
        if self.changed:
            said.append(f"the words of {len(self.changed)} beat(s) changed since they were recorded: "
                        f"{', '.join(self.changed)} (record them again, or run `explainer script -o "
                        f"{self.folder}` to accept the recordings as they are)")
        return ("warning: " + "; ".join(said)) if said else None
