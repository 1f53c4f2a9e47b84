"""The voice: bookmarks and word times, marks that land on their words' audio, Piper's pace, recordings' labels,
text changes and content digest, subtitle cues never shorter than a second, and one-line errors."""

from __future__ import annotations

import math
import re
import shutil
import struct
import wave
from pathlib import Path

import numpy as np
import pytest

from nnlib.errors import NNLibError
from scenes.content.base import BEAT_PAUSE, LEAD_IN, MIN_CUE_SECONDS, cue_ranges
from scenes.voice.engines import EspeakVoice, PiperVoice, piper_installed
from scenes.voice.narration import estimated_times, prepare, split_bookmarks
from scenes.voice.recordings import RecordedVoice, recordings_digest
from tests.fixtures.tiny_scenes import TinyBookmarks
from tests.scene_rendering import render_scene

needs_piper = pytest.mark.skipif(not piper_installed(), reason="the Piper voice is not installed "
                                 "(pip install -e '.[voice]'; ./run.sh test installs it)")
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as handle:
        return np.frombuffer(handle.readframes(handle.getnframes()), "<i2").astype(float) / 32768, \
            handle.getframerate()


def onsets(samples: np.ndarray, rate: int, quiet: float = 0.25) -> list[float]:
    """Where sound starts again after at least ``quiet`` seconds of near-silence (an independent look at the
    audio: 10 ms frames, loud meaning above 5% of the loudest frame)."""
    frame = rate // 100
    energy = np.sqrt(np.mean(samples[:len(samples) // frame * frame].reshape(-1, frame) ** 2, axis=1))
    loud = energy > 0.05 * energy.max()
    out, silent_run = [], 10 ** 6
    for i, is_loud in enumerate(loud):
        if is_loud and silent_run * 0.01 >= quiet:
            out.append(i * 0.01)
        silent_run = 0 if is_loud else silent_run + 1
    return out


# --------------------------------------------------------------------------------------------- bookmarks

def test_bookmarks_come_out_of_the_text_and_stand_before_their_word():
    text, marks = split_bookmarks('Zoom in on <bookmark mark="patch"/>a small patch.<bookmark mark=\'end\' />')
    assert text == "Zoom in on a small patch."
    assert marks == {"patch": 3, "end": 6}
    with pytest.raises(NNLibError, match="used twice"):
        split_bookmarks('<bookmark mark="a"/>one <bookmark mark="a"/>two')
    with pytest.raises(NNLibError, match="not closed"):
        split_bookmarks('one <bookmark mark="a" two')


def test_a_word_or_phrase_is_found_by_its_words_and_an_unknown_key_is_one_line():
    narration = prepare("The slope is -0.58 here. Here, the slope is steep.")
    times = estimated_times(narration, 6.0)
    assert times.time_of("slope") == times.starts[1]
    assert times.time_of("slope", occurrence=2) == times.starts[7]
    assert times.time_of("Here,") == times.time_of("here") == times.starts[4]  # case and commas do not matter
    assert times.time_of("the slope is steep") == times.starts[6]
    assert 0 < times.starts[3] < times.ends[3] <= 6.0
    with pytest.raises(NNLibError) as err:
        times.time_of("gradient")
    assert "\n" not in str(err.value) and "gradient" in str(err.value)


def test_estimated_times_give_longer_words_longer_and_a_number_its_spoken_length():
    narration = prepare("It has 13,002 parameters.")
    times = estimated_times(narration, 4.0)
    lengths = [e - s for s, e in zip(times.starts, times.ends)]
    assert lengths[2] > lengths[3] > lengths[0]  # "thirteen thousand and two" outlasts "parameters" and "It"
    assert times.ends[-1] == pytest.approx(4.0)


# ----------------------------------------------------------------------------- marks land on their words

def marks_land_on_their_words(engine, tmp_path):
    narration = prepare('The cost is high. <bookmark mark="b"/>Now watch it fall. <bookmark mark="c"/>Down it '
                        'goes, <bookmark mark="d"/>step by step.')
    speech = engine.speak(narration, "Test-01")
    samples, rate = read_wav(speech.path)
    heard = onsets(samples, rate)
    assert speech.duration == pytest.approx(len(samples) / rate, abs=1e-3)
    for mark in ("b", "c"):  # each starts a sentence, after a pause: the next onset of sound is its word
        nearest = min(heard, key=lambda t: abs(t - speech.times.marks[mark]))
        assert abs(nearest - speech.times.marks[mark]) < 0.1, (mark, speech.times.marks[mark], heard)
    # the words come in order and inside the audio
    starts = speech.times.starts
    assert all(a <= b for a, b in zip(starts, starts[1:])) and speech.times.last_word_end <= speech.duration + 1e-3
    return speech


@needs_piper
def test_piper_marks_land_within_a_tenth_of_a_second_of_their_words(tmp_path):
    engine = PiperVoice(cache_dir=tmp_path)
    try:
        speech = marks_land_on_their_words(engine, tmp_path)
    finally:
        engine.close()
    # a word in mid-sentence: the mark is where Piper's own alignment puts "step" (the pause after the comma
    # ends within a tenth of a second of it)
    samples, rate = read_wav(speech.path)
    around = [t for t in onsets(samples, rate, quiet=0.08) if abs(t - speech.times.marks["d"]) < 0.3]
    assert around and abs(around[0] - speech.times.marks["d"]) < 0.1


@needs_espeak
def test_espeak_marks_land_within_a_tenth_of_a_second_of_their_words(tmp_path):
    marks_land_on_their_words(EspeakVoice(cache_dir=tmp_path), tmp_path)


@needs_piper
def test_piper_speaks_at_a_teaching_pace_and_a_second_time_from_its_cache(tmp_path):
    # narration as the scenes write it: commas, a number, a colon (Piper pauses at each)
    text = ("Here are four more 3s from the same collection of handwriting. Almost no pixel is lit the same way "
            "in all of them, and yet your brain files every one under 3. Now imagine writing a program that takes "
            "these 784 pixels and names the digit: that is surprisingly hard, and it is what the network in this "
            "video learns to do.")
    narration = prepare(text)
    engine = PiperVoice(cache_dir=tmp_path)
    try:
        speech = engine.speak(narration, "Pace-01")
    finally:
        engine.close()
    words_a_minute = len(narration.spoken_text.split()) * 60 / (speech.duration + BEAT_PAUSE)
    assert 155 <= words_a_minute <= 180, words_a_minute  # a teaching pace: about 160-175
    again = PiperVoice(cache_dir=tmp_path)
    assert again.speak(narration, "Pace-07") == speech and again._process is None  # no process was started


def test_without_piper_the_error_is_one_line_saying_how_to_install_it(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "piper" else real(name, *a))
    with pytest.raises(NNLibError) as err:
        PiperVoice().available()
    message = str(err.value)
    assert "\n" not in message and "pip install -e '.[voice]'" in message and "--voice espeak" in message
    from scenes.voice import choice, engines

    monkeypatch.setattr(engines, "piper_installed", lambda: False)
    monkeypatch.setattr(choice, "piper_installed", lambda: False)
    if shutil.which("espeak-ng"):
        assert isinstance(choice.engine_for("piper", "narrated"), EspeakVoice)
        assert "espeak-ng" in choice.fallback_warning("piper") and "\n" not in choice.fallback_warning("piper")


def test_the_project_never_imports_piper():
    """Piper is GPL: only its own process (scenes/voice/piper_process.py) may import it."""
    root = Path(__file__).resolve().parent.parent
    for path in list((root / "scenes").rglob("*.py")) + list((root / "nnlib").rglob("*.py")):
        if path.name == "piper_process.py":
            continue
        source = path.read_text()
        assert not re.search(r"^\s*(from|import)\s+piper\b", source, re.MULTILINE), path


# ------------------------------------------------------------------------------- scenes landing on words

def test_an_animation_starts_on_its_bookmark_and_ends_on_its_word():
    scene, frame = render_scene(TinyBookmarks, width=160, fps=10, pace="narrated", voice="none")
    beat = scene.bookmark_beat
    assert beat.start == 0.0 and beat.time_of("First") == pytest.approx(LEAD_IN, abs=1e-6)
    assert scene.shown_at == pytest.approx(beat.at("show"), abs=0.1 + 1e-6)
    assert scene.red_at == pytest.approx(beat.at("turns red"), abs=0.1 + 1e-6)
    assert beat.at("show") < beat.at("turns red") < beat.end - BEAT_PAUSE
    red = (frame[:, :, 0] > frame[:, :, 1] + 50) & (frame[:, :, 0] > frame[:, :, 2] + 50)
    assert red.sum() > 40  # the square's outline ended red


def test_wait_until_outside_a_beat_is_one_line():
    from scenes.content.base import ExplainerScene

    class Lost(ExplainerScene):
        def construct(self):
            self.wait_until("somewhere")

    with pytest.raises(NNLibError, match="inside `with self.beat"):
        render_scene(Lost, width=160)


def test_no_subtitle_cue_is_shorter_than_a_second():
    tokens = "The answer is 2. It is. Then a long sentence follows it with many words in it, on and on.".split()
    starts = [0.3 * i for i in range(len(tokens))]
    ranges = cue_ranges(tokens, starts, duration=starts[-1] + 1.5)
    assert [" ".join(tokens[a:b]) for a, b in ranges][0] == "The answer is 2. It is."  # "It is." joined
    ends = [starts[b] if b < len(tokens) else starts[-1] + 1.5 for _, b in ranges]
    assert all(end - (starts[a] if k else 0.0) >= MIN_CUE_SECONDS for k, ((a, _), end) in enumerate(zip(ranges, ends)))
    assert sum(b - a for a, b in ranges) == len(tokens)


# ---------------------------------------------------------------------------------------------- recordings

def write_tone(path: Path, pieces: list[tuple[float, bool]], rate: int = 8000) -> Path:
    """A WAV of tone (True) and silence (False) stretches of the given seconds."""
    frames = []
    for seconds, loud in pieces:
        frames += [int(3000 * math.sin(2 * math.pi * 220 * i / rate)) if loud else 0 for i in range(int(seconds * rate))]
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(struct.pack("<h", v) for v in frames))
    return path


def test_a_label_file_pins_bookmarks_and_words_of_a_recording(tmp_path):
    write_tone(tmp_path / "Scene-01.wav", [(1.0, True), (0.5, False), (1.5, True)])
    (tmp_path / "Scene-01.txt").write_text("1.500000\t1.500000\tnow\n2.25\t2.25\tb\n")
    speech = RecordedVoice(tmp_path).speak(prepare('One two. Now <bookmark mark="b"/>three four.'), "Scene-01")
    assert speech.times.time_of("now") == pytest.approx(1.5)
    assert speech.times.marks["b"] == pytest.approx(2.25)
    assert speech.times.starts[0] == 0.0 and speech.times.starts[1] < 1.5  # words before the pin stay before it
    (tmp_path / "Scene-01.txt").write_text("1.5\t1.5\tbanana\n")
    with pytest.raises(NNLibError, match="banana"):
        RecordedVoice(tmp_path).speak(prepare("One two. Now three four."), "Scene-01")
    (tmp_path / "Scene-01.txt").write_text("soon\t1\tnow\n")
    with pytest.raises(NNLibError, match="line 1"):
        RecordedVoice(tmp_path).speak(prepare("One two. Now three four."), "Scene-01")


def test_a_recording_made_for_other_words_is_named_in_one_warning(tmp_path):
    import json

    write_tone(tmp_path / "Scene-01.wav", [(1.0, True)])
    write_tone(tmp_path / "Scene-02.wav", [(1.0, True)])
    script = {"scenes": [{"name": "Scene", "beats": [{"id": "Scene-01", "text": "A circle."},
                                                     {"id": "Scene-02", "text": "It moved."}]}]}
    (tmp_path / "chapter.json").write_text(json.dumps(script))
    voice = RecordedVoice(tmp_path)
    voice.speak(prepare("A circle."), "Scene-01")
    voice.speak(prepare("It moved to the left."), "Scene-02")  # the scene's words changed after recording
    warning = voice.missing_warning()
    assert "\n" not in warning and "Scene-02" in warning and "Scene-01" not in warning and "changed" in warning


def test_the_recordings_digest_follows_content_not_name_size_or_date(tmp_path):
    import os

    path = write_tone(tmp_path / "Scene-01.wav", [(1.0, True)])
    before = recordings_digest(tmp_path, "Scene")
    stat = path.stat()
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x01  # the same size, then the same date: a new take of the same length
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert recordings_digest(tmp_path, "Scene") != before
    write_tone(tmp_path / "Other-01.wav", [(1.0, True)])  # another scene's recording changes nothing here
    after = recordings_digest(tmp_path, "Scene")
    assert recordings_digest(tmp_path, "Scene") == after
