"""--voice recordings: a beat lasts as long as its recording; a missing one is voiced by the fallback, said once."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

import pytest

from nnlib.errors import NNLibError
from scenes.content.base import BEAT_PAUSE, LEAD_IN
from scenes.voice.engines import EspeakVoice, ReadingPace, reading_seconds
from scenes.voice.narration import prepare
from scenes.voice.recordings import RecordedVoice, audio_seconds
from tests.fixtures.tiny_scenes import TinyCircle
from tests.scene_rendering import render_scene


def write_tone(path: Path, seconds: float, rate: int = 8000) -> Path:
    """A quiet 220 Hz tone, 16-bit mono WAV, as a microphone would leave it."""
    frames = b"".join(struct.pack("<h", int(3000 * math.sin(2 * math.pi * 220 * i / rate)))
                      for i in range(int(seconds * rate)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return path


@pytest.fixture()
def folder(tmp_path, monkeypatch) -> Path:
    """A recordings folder holding TinyCircle's first beat only (2.2 s); the speech cache in tmp."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    write_tone(recordings / "TinyCircle-01.wav", 2.2)
    (recordings / "notes.txt").write_text("not a recording")  # other files are ignored
    return recordings


def test_audio_seconds_measures_a_wav(tmp_path):
    assert audio_seconds(write_tone(tmp_path / "a.wav", 1.25)) == pytest.approx(1.25, abs=1e-3)


def test_a_recorded_beat_lasts_as_long_as_its_recording_and_a_missing_one_falls_back(folder):
    scene, _ = render_scene(TinyCircle, width=160, pace="narrated", voice="recordings", recordings=folder)
    first, second = scene.beats
    assert first.id == "TinyCircle-01" and first.audio == folder / "TinyCircle-01.wav"
    assert first.duration == pytest.approx(LEAD_IN + 2.2 + BEAT_PAUSE, abs=0.01)
    assert second.start == pytest.approx(first.end, abs=0.25)  # the next beat waits for the recording to end
    # the missing beat is spoken by espeak-ng (cached audio, not the recordings folder)
    assert second.audio is not None and second.audio.parent != folder
    assert second.duration != pytest.approx(first.duration, abs=0.05)
    assert scene.speech.missing == ["TinyCircle-02"]
    warning = scene.speech.missing_warning()
    assert warning.count("\n") == 0 and "TinyCircle-02" in warning and "TinyCircle-01" not in warning
    assert "the Piper voice" in warning


def test_without_espeak_a_missing_recording_is_silent_at_reading_pace(folder, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # no espeak-ng anywhere
    voice = RecordedVoice(folder, fallback=EspeakVoice())
    words = prepare("It moved a little to the right.")
    speech = voice.speak(words, "TinyCircle-02")
    assert speech.path is None
    assert speech.duration == pytest.approx(ReadingPace().speak(words, "x").duration)
    assert speech.duration == pytest.approx(reading_seconds(words))
    assert "reading pace" in voice.missing_warning()
    recorded = voice.speak("A circle.", "TinyCircle-01")
    assert recorded.path == folder / "TinyCircle-01.wav"
    assert voice.missing == ["TinyCircle-02"]


def test_an_unreadable_recording_is_one_line_naming_it(folder):
    (folder / "TinyCircle-02.mp3").write_bytes(b"this is not audio" * 20)
    with pytest.raises(NNLibError) as err:
        RecordedVoice(folder).speak("It moved.", "TinyCircle-02")
    assert "TinyCircle-02.mp3" in str(err.value) and "\n" not in str(err.value)


def test_two_recordings_of_one_beat_and_a_missing_folder_are_clear_errors(folder, tmp_path):
    write_tone(folder / "TinyCircle-01.flac", 0.5)  # PyAV need not even read it: the clash is found first
    with pytest.raises(NNLibError, match="both recordings of beat TinyCircle-01"):
        RecordedVoice(folder).speak("A circle.", "TinyCircle-01")
    with pytest.raises(NNLibError, match="recordings folder not found"):
        RecordedVoice(tmp_path / "nowhere").speak("A circle.", "TinyCircle-01")


def test_the_digest_changes_when_a_beat_of_that_scene_is_recorded_again(folder):
    before = RecordedVoice(folder).digest("TinyCircle")
    assert RecordedVoice(folder).digest("TinyCircle") == before
    write_tone(folder / "TinySquare-01.wav", 0.5)  # another scene's recording: this scene's digest stays
    assert RecordedVoice(folder).digest("TinyCircle") == before
    write_tone(folder / "TinyCircle-02.wav", 0.7)
    assert RecordedVoice(folder).digest("TinyCircle") != before


def write_samples(path: Path, values, rate: int) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(struct.pack("<h", int(v)) for v in values))
    return path


@pytest.mark.parametrize("rate", [8000, 22050, 96000])
def test_a_recording_at_any_sample_rate_lasts_its_true_length(folder, rate):
    write_tone(folder / "TinyCircle-02.wav", 0.8, rate=rate)
    speech = RecordedVoice(folder).speak("It moved.", "TinyCircle-02")
    assert speech.duration == pytest.approx(0.8, abs=1e-3)


@pytest.mark.parametrize("make, fragment", [
    (lambda p: p.write_bytes(b""), "cannot read"),                                   # an empty file
    (lambda p: write_samples(p, [0] * 8000, 8000), "silent throughout"),              # a muted microphone
    (lambda p: write_samples(p, [], 8000), "no sound"),                               # a header and nothing else
    (lambda p: write_tone(p, 130.0, rate=800), "is it the right file"),               # 130 s for two words
])
def test_a_recording_that_cannot_be_the_beat_is_one_line_naming_it(folder, make, fragment):
    path = folder / "TinyCircle-02.wav"
    make(path)
    with pytest.raises(NNLibError) as err:
        RecordedVoice(folder).speak("It moved.", "TinyCircle-02")
    message = str(err.value)
    assert fragment in message and "TinyCircle-02.wav" in message and "\n" not in message
