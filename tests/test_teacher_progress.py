"""Progress within a scene: a count of animations, and time left when the scene's last video says how long it is."""

from __future__ import annotations

import io

from scenes.tool.render import run
from scenes.tool.render.run import Progress


def test_a_long_scene_reports_its_animations_and_time_left_into_a_log(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(run.time, "perf_counter", lambda: clock[0])
    stream = io.StringIO()
    progress = Progress(1, stream, live=False)
    progress.start("LongScene", expected=80.0)          # its video lasted 80 s last time
    for plays in range(1, 31):
        clock[0] += 1.0                                  # one animation a second of work...
        progress.step("LongScene", plays, plays * 2.0)   # ...makes two seconds of video
    lines = [l for l in stream.getvalue().splitlines() if "LongScene:" in l]
    assert len(lines) == 2                               # every 15 s, not every animation
    assert lines[0].strip() == "...      LongScene: 15 anim, 30s of ~80s video, ~25s left"
    assert abs(progress.left("LongScene") - 10.0) < 1e-9           # 60 of 80 s of video after 30 s: 10 s to go


def test_without_a_previous_video_the_count_is_shown_without_a_guess(monkeypatch):
    clock = [0.0]
    monkeypatch.setattr(run.time, "perf_counter", lambda: clock[0])
    stream = io.StringIO()
    progress = Progress(1, stream, live=True)
    progress.start("NewScene")
    clock[0] = 20.0
    progress.step("NewScene", 12, 9.0)
    assert "NewScene 20s (12 anim, 9s of video)" in stream.getvalue() and "left" not in stream.getvalue()
