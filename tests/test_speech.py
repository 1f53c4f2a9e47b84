"""Speech: the missing-espeak-ng error, the speech cache, and a tiny voiced render's subtitles and sound."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from nnlib.errors import NNLibError
from scenes.voice.engines import EspeakVoice, wav_seconds
from scenes.voice.narration import prepare
from scenes.tool.render import RenderSettings, SceneTarget, read_stamp, render_scenes
from scenes.tool.render.join import audio_duration, video_duration
from scenes.tool.render.subtitles import read_srt

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "tiny_scenes.py"

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


def voiced(voice: str = "espeak") -> RenderSettings:
    return RenderSettings(resolution=(160, 90), fps=5, options=(("EXPLAINER_PACE", "narrated"),
                                                                ("EXPLAINER_VOICE", voice)))


def test_without_espeak_ng_the_error_is_one_line_naming_the_package_and_voice_none(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(NNLibError) as err:
        EspeakVoice(cache_dir=tmp_path).speak(prepare("Hello there."), "Scene-01")
    message = str(err.value)
    assert "\n" not in message and "espeak-ng" in message and "apt-get install espeak-ng" in message
    assert "--voice none" in message


@pytest.mark.render
def test_a_render_without_espeak_ng_fails_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # the worker inherits it; python is run by full path
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    shutil.copy(FIXTURE, tmp_path / "tiny_scenes.py")
    stream = io.StringIO()
    result = render_scenes([SceneTarget("TinySquare", "", tmp_path / "tiny_scenes.py")], voiced(), tmp_path / "out",
                           jobs=1, stream=stream)[0]
    assert not result.ok
    assert "espeak-ng" in result.error and "--voice none" in result.error and "\n" not in result.error
    assert "Traceback" not in stream.getvalue()


@needs_espeak
def test_the_speech_cache_avoids_synthesising_again(tmp_path, monkeypatch):
    voice = EspeakVoice(cache_dir=tmp_path)
    first = voice.speak(prepare("Seven hundred and eighty four pixels."), "Scene-01")
    assert first.path.parent == tmp_path and first.duration == pytest.approx(wav_seconds(first.path))
    made = first.path.stat().st_mtime_ns
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # espeak-ng is gone: only the cache can answer
    again = voice.speak(prepare("Seven hundred and eighty four pixels."), "Scene-07")  # same words, any beat
    assert again == first and first.path.stat().st_mtime_ns == made
    with pytest.raises(NNLibError, match="espeak-ng is not installed"):
        voice.speak(prepare("Different words."), "Scene-02")  # new words do need the engine
    slower = EspeakVoice(words_per_minute=120, cache_dir=tmp_path).cache(prepare("Seven hundred and eighty four pixels."))
    assert slower.wav != first.path
    # the audio and its word times, nothing else (no partial files left behind)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.path.name, first.path.with_suffix(".json").name])


@needs_espeak
@pytest.mark.render
def test_a_voiced_render_has_ordered_subtitles_and_sound_as_long_as_its_pictures(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    shutil.copy(FIXTURE, tmp_path / "tiny_scenes.py")
    result = render_scenes([SceneTarget("TinyCircle", "", tmp_path / "tiny_scenes.py")], voiced(), tmp_path / "out",
                           jobs=1, stream=io.StringIO())[0]
    assert result.ok, result.error
    video = result.video
    length = video_duration(video)
    beats = read_stamp(video)["beats"]
    assert [b["id"] for b in beats] == ["TinyCircle-01", "TinyCircle-02"] and all(b["audio"] for b in beats)
    # paced by the voice: the film lasts as long as the two beats' speech (manim rounds each wait to a frame)
    assert length == pytest.approx(sum(b["duration"] for b in beats), abs=2 * 0.2 + 0.01)
    assert abs(audio_duration(video) - length) < 0.2
    cues = read_srt(video.with_suffix(".srt"))
    assert [c.text for c in cues] == ["A circle.", "It moved."]
    for a, b in zip(cues, cues[1:]):
        assert a.start < a.end <= b.start < b.end
    assert cues[0].start == 0.0 and cues[-1].end <= length + 1e-3
    assert cues[1].start == pytest.approx(beats[1]["start"], abs=0.01)  # each beat's cue starts with its voice
    # the voice is really in the track (encoded once, from manim's mix), and its uncompressed copy is gone
    import av
    import numpy as np

    with av.open(str(video)) as container:
        sound = np.concatenate([f.to_ndarray().ravel() for f in container.decode(audio=0)])
    assert np.sqrt(np.mean(sound ** 2)) > 0.01
    assert not list((tmp_path / "out").rglob("*.voice.wav"))


def fake_espeak(folder: Path, script: str) -> Path:
    """A stand-in espeak-ng (a shell script) at the front of PATH."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "espeak-ng"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(0o755)
    return folder


def test_a_crashing_engine_is_one_line_and_leaves_nothing_in_the_cache(tmp_path, monkeypatch):
    import os

    from nnlib.errors import NNLibError
    from scenes.voice.engines import EspeakVoice

    # writes half a file and dies, as an interrupted synthesis would
    bin_dir = fake_espeak(tmp_path / "bin", 'for last; do :; done\n'
                                            'while [ "$1" != "-w" ]; do shift; done; printf "RIFF0000WAVE" > "$2"\n'
                                            'echo "espeak-ng: segmentation fault" >&2; exit 139\n')
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    voice = EspeakVoice(cache_dir=tmp_path / "cache")
    with pytest.raises(NNLibError) as err:
        voice.speak(prepare("Hello there."), "Scene-01")
    assert "Scene-01" in str(err.value) and "segmentation fault" in str(err.value) and "\n" not in str(err.value)
    assert not list((tmp_path / "cache").iterdir())  # no half-written audio waits to be reused
    monkeypatch.setenv("PATH", os.environ["PATH"].split(os.pathsep, 1)[1])  # the real espeak-ng again
    speech = voice.speak(prepare("Hello there."), "Scene-01")
    assert speech.path.is_file() and speech.duration > 0.5
