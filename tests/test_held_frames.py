"""Held frames are cheap: a still picture held for seconds is written as two frames, and still plays that long."""

from __future__ import annotations

import av
import numpy as np
from manim import FadeIn, Scene, Square, tempconfig

from scenes.content.held_frames import hold_cheaply


class _Hold(Scene):
    cheap = True

    def construct(self):
        if self.cheap:
            hold_cheaply(self)
        self.play(FadeIn(Square(color="#FF0000", fill_opacity=1)), run_time=1)
        self.wait(6)
        self.play(FadeIn(Square(color="#00FF00", fill_opacity=1).shift([3, 0, 0])), run_time=1)


def _render(tmp_path, cheap: bool):
    _Hold.cheap = cheap
    with tempconfig({"pixel_width": 160, "pixel_height": 90, "frame_rate": 10, "media_dir": str(tmp_path),
                     "disable_caching": True, "progress_bar": "none", "verbosity": "WARNING"}):
        scene = _Hold()
        scene.render()
        return scene.renderer.file_writer.movie_file_path


def _frames(path):
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        seconds = float(stream.duration * stream.time_base)
        frames = [(float(f.pts * f.time_base), f.to_ndarray(format="rgb24")) for f in container.decode(stream)]
    return seconds, frames


def test_a_held_frame_is_two_frames_and_lasts_as_long(tmp_path):
    normal_seconds, normal = _frames(_render(tmp_path / "normal", cheap=False))
    cheap_seconds, cheap = _frames(_render(tmp_path / "cheap", cheap=True))
    assert abs(cheap_seconds - normal_seconds) < 0.01 and abs(cheap_seconds - 8.0) < 0.15
    assert len(normal) >= 75 and len(cheap) <= 25          # 60 held frames became 2
    # at every moment the cheap video shows what the normal one shows (the frame in force at that time)
    for t in (0.5, 1.5, 4.0, 6.9, 7.5):
        shown = [img for when, img in cheap if when <= t + 1e-6][-1]
        expected = [img for when, img in normal if when <= t + 1e-6][-1]
        assert np.abs(shown.astype(int) - expected.astype(int)).mean() < 3
