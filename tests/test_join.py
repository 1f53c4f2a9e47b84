"""Joining a part's scenes keeps the voice (AAC, as long as the pictures) and offsets the scenes' subtitles.

Two tiny fixture scenes are rendered through `explainer render`'s workers at 160x90, 5 fps, spoken by espeak-ng
(skipped if it is not installed); a third render without a voice checks that a silent scene gets silence.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import av
import numpy as np
import pytest

from scenes.tool.render import RenderSettings, SceneTarget, join_chapters, join_videos, read_stamp, render_scenes
from scenes.tool.render.join import (AUDIO_RATE, PEAK_DBTP, TARGET_LUFS, _scene_sound, audio_duration,
                                     video_duration)
from scenes.voice.loudness import integrated_loudness, normalise, true_peak_dbtp
from scenes.tool.render.subtitles import read_srt

from scenes.content.base import LEAD_IN  # noqa: E402 - every scene's second of silence before its first word

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "tiny_scenes.py"

pytestmark = pytest.mark.render


def settings(voice: str) -> RenderSettings:
    return RenderSettings(resolution=(160, 90), fps=5, options=(("EXPLAINER_PACE", "narrated"),
                                                                ("EXPLAINER_VOICE", voice)))


def sound(path: Path) -> tuple[np.ndarray, int]:
    """The film's sound as one mono float array and its sample rate."""
    with av.open(str(path)) as c:
        stream = c.streams.audio[0]
        chunks = [f.to_ndarray().reshape(f.layout.nb_channels if f.format.is_planar else 1, -1).mean(axis=0)
                  for f in c.decode(stream)]
        return np.concatenate(chunks), stream.rate


def loud(samples: np.ndarray, rate: int, start: float, end: float) -> float:
    piece = samples[int(start * rate):int(end * rate)]
    return float(np.sqrt(np.mean(piece ** 2))) if piece.size else 0.0


@pytest.fixture(scope="module")
def chapter(tmp_path_factory):
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    root = tmp_path_factory.mktemp("join")
    scenes_file = root / "tiny_scenes.py"
    shutil.copy(FIXTURE, scenes_file)
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CACHE_HOME", str(root / "cache"))  # the workers' speech cache, away from the user's
    try:
        targets = [SceneTarget(n, "1", scenes_file) for n in ("TinySquare", "TinyCircle")]
        results = render_scenes(targets, settings("espeak"), root / "out", jobs=2, stream=io.StringIO())
        assert all(r.ok for r in results), [r.error for r in results]
        done = join_chapters({"1": targets}, root / "out", stream=io.StringIO())
    finally:
        mp.undo()
    return root, done["1"], targets


def test_the_chapter_keeps_the_voice_as_long_as_the_pictures(chapter):
    root, film, _ = chapter
    scenes = [root / "out" / "scenes" / f"{n}.mp4" for n in ("TinySquare", "TinyCircle")]
    with av.open(str(film)) as c:
        assert c.streams.audio[0].codec_context.name == "aac"
    assert abs(audio_duration(film) - video_duration(film)) < 0.2
    assert video_duration(film) == pytest.approx(sum(video_duration(s) for s in scenes), abs=0.1)
    for scene in scenes:  # each scene's own sound track lasts as long as its pictures too
        assert abs(audio_duration(scene) - video_duration(scene)) < 0.2
    stamp = read_stamp(film)
    assert stamp["audio"] is True and stamp["starts"][1] == pytest.approx(video_duration(scenes[0]), abs=0.05)
    # the second scene's voice starts with its pictures: speech just after its lead-in, as the film's first word
    # comes just after the film's
    samples, rate = sound(film)
    second = stamp["starts"][1]
    assert loud(samples, rate, 0.0, LEAD_IN - 0.1) < 1e-3
    assert loud(samples, rate, LEAD_IN, LEAD_IN + 0.6) > 0.01
    assert loud(samples, rate, second + LEAD_IN, second + LEAD_IN + 0.6) > 0.01


def test_the_voice_survives_being_joined_again_with_little_loss(chapter):
    """The chapter's sound is encoded again from the scenes' sound, made -16 LUFS loud: the second generation must
    stay close to the scenes' sound at that loudness (the waveform within about 25 dB signal-to-noise, the word
    boundaries in place)."""
    root, film, targets = chapter
    stamp = read_stamp(film)
    film_sound, film_rate = sound(film)
    marks = stamp["starts"] + [video_duration(film)]
    pieces = [_scene_sound(root / "out" / "scenes" / f"{t.name}.mp4",
                           int(round(b * AUDIO_RATE)) - int(round(a * AUDIO_RATE)))
              for t, a, b in zip(targets, marks, marks[1:])]
    wanted = normalise(np.concatenate(pieces, axis=1)[0], AUDIO_RATE, TARGET_LUFS, PEAK_DBTP)
    assert film_rate == AUDIO_RATE
    n = int((stamp["starts"][1] - 0.1) * film_rate)  # the first scene's stretch of the film
    speech = wanted[:n]
    noise = film_sound[:n] - speech
    assert np.mean(speech ** 2) > 1e-5  # there is a voice to compare
    assert 10 * np.log10(np.mean(speech ** 2) / np.mean(noise ** 2)) > 25


def test_the_chapters_sound_is_minus_16_lufs_with_its_true_peak_under_minus_1_dbtp(chapter):
    """EBU R128 as measured on what a viewer hears: the film's decoded AAC track, whatever the voice's own level."""
    root, film, _ = chapter
    samples, rate = sound(film)
    assert integrated_loudness(samples, rate) == pytest.approx(TARGET_LUFS, abs=0.5)
    assert true_peak_dbtp(samples, rate) < -1.0
    for name in ("TinySquare", "TinyCircle"):  # a scene's own video, for a teacher who shows one scene, too
        samples, rate = sound(root / "out" / "scenes" / f"{name}.mp4")
        # (a second of speech: few gating blocks, and the limiter's make-up gain is capped, hence 1 LU)
        assert integrated_loudness(samples, rate) == pytest.approx(TARGET_LUFS, abs=1.0)
        assert true_peak_dbtp(samples, rate) < -1.0


@pytest.mark.parametrize("level", [0.05, 4.0])
def test_a_quiet_or_clipping_voice_comes_out_at_the_same_loudness(chapter, tmp_path, level):
    """The scenes' voice 26 dB quieter, or 12 dB louder (peaks far past full scale, as a hot recording): the film
    is -16 LUFS all the same, and the limiter keeps its true peak under -1 dBTP."""
    import wave

    root, _, targets = chapter
    videos = [root / "out" / "scenes" / f"{t.name}.mp4" for t in targets]
    sounds = []
    for video in videos:
        samples, rate = sound(video)
        path = tmp_path / f"{video.stem}.wav"
        with wave.open(str(path), "wb") as w:  # a louder voice clips at full scale, as a hot recording does
            w.setnchannels(1), w.setsampwidth(4), w.setframerate(rate)
            w.writeframes((np.clip(samples.astype(np.float64) * level, -1, 1) * (2 ** 31 - 1)).astype("<i4").tobytes())
        sounds.append(path)
    source = np.clip(np.concatenate([sound(v)[0] for v in videos]) * level, -1, 1)
    assert abs(integrated_loudness(source, AUDIO_RATE) - TARGET_LUFS) > 5  # far from the target before
    film = join_videos(videos, tmp_path / "film.mp4", sounds)
    samples, rate = sound(film)
    assert integrated_loudness(samples, rate) == pytest.approx(TARGET_LUFS, abs=0.5)
    assert true_peak_dbtp(samples, rate) < -1.0


def test_the_chapter_subtitles_are_the_scenes_cues_offset_ordered_and_within_the_film(chapter):
    root, film, _ = chapter
    first = root / "out" / "scenes" / "TinySquare.mp4"
    srt, vtt = film.with_suffix(".srt"), film.with_suffix(".vtt")
    cues = read_srt(srt)
    assert [c.text for c in cues] == ["A square.", "A circle.", "It moved."]
    circle = read_srt(root / "out" / "scenes" / "TinyCircle.srt")
    offset = video_duration(first)
    for cue, own in zip(cues[1:], circle):  # the second scene's cues, moved by the first scene's length
        assert cue.start == pytest.approx(own.start + offset, abs=0.01)
    assert cues[1].start >= offset - 0.01
    for a, b in zip(cues, cues[1:]):
        assert a.start < a.end <= b.start < b.end
    assert cues[-1].end <= video_duration(film) + 1e-3
    text = vtt.read_text()
    assert text.startswith("WEBVTT\n") and text.count("-->") == 3 and "00:00:00.000 --> " in text


def test_a_silent_scene_gets_silence_of_its_length(chapter, tmp_path):
    root, film, targets = chapter
    silent = render_scenes([targets[0]], settings("none"), tmp_path, jobs=1, stream=io.StringIO())[0]
    assert silent.ok and not silent.extra["audio"]
    voiced = root / "out" / "scenes" / "TinyCircle.mp4"
    dest = join_videos([silent.video, voiced], tmp_path / "mixed.mp4")
    assert abs(audio_duration(dest) - video_duration(dest)) < 0.2
    samples, rate = sound(dest)
    gap = video_duration(silent.video)
    assert loud(samples, rate, 0.0, gap - 0.1) < 1e-4          # the silent scene: silence, all of it
    assert loud(samples, rate, gap + LEAD_IN, gap + LEAD_IN + 0.6) > 0.01  # then the voiced scene, after its lead-in


def held_frame_video(path: Path, fps: int = 10) -> float:
    """An H.264 file like a narrated scene's: moving frames, then a picture held for 5 s written as its first and
    last frame (as scenes.content.held_frames does); returns how long its pictures last."""
    from fractions import Fraction

    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=fps)  # B-frames on, as manim's encoder has them
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        stream.codec_context.time_base = Fraction(1, fps)
        times = list(range(12)) + [12, 12 + 5 * fps - 1]
        for i, t in enumerate(times):
            pixels = np.full((48, 64, 3), (i * 20) % 255, np.uint8)
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24").reformat(format="yuv420p")
            frame.pts, frame.time_base = t, Fraction(1, fps)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return (times[-1] + 1) / fps


def test_a_held_last_picture_counts_in_the_films_length(tmp_path):
    raw = tmp_path / "raw.mp4"
    length = held_frame_video(raw)
    copy = join_videos([raw], tmp_path / "copy.mp4")
    assert video_duration(copy) == pytest.approx(length, abs=1e-6)
    twice = join_videos([copy, raw], tmp_path / "twice.mp4")  # an already joined input is measured the same
    assert video_duration(twice) == pytest.approx(2 * length, abs=1e-6)
    with av.open(str(twice)) as c:
        shown = [f.time for f in c.decode(video=0)]
    assert shown[-1] == pytest.approx(2 * length - 0.1) and length in [pytest.approx(t) for t in shown]
