"""Plain Manim works on the project's scene files, with the project's defaults from manim.cfg."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.render


def test_plain_manim_renders_a_scene_file_at_the_projects_default_quality(tmp_path):
    """`manim <file> <Scene>` from the project folder: no -q given, so manim.cfg's quick quality (15 fps) applies;
    the scene reads its options from EXPLAINER_* variables, as under explainer render."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXPLAINER_")}
    env.update(EXPLAINER_PACE="brisk", EXPLAINER_VOICE="none")
    done = subprocess.run([sys.executable, "-m", "manim", "-r", "160,90", "--media_dir", str(tmp_path),
                           "--progress_bar", "none", "scenes/content/chapter2/cost_as_function.py",
                           "CostAsFunction"], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    videos = list(tmp_path.rglob("CostAsFunction.mp4"))
    assert len(videos) == 1 and videos[0].parent.name == "90p15", videos
    import av

    with av.open(str(videos[0])) as container:
        stream = container.streams.video[0]
        assert (stream.width, stream.height) == (160, 90)  # (held frames make the rate variable: see held_frames)
    # manim.cfg's H.264 settings reached the encoder (x264 writes its settings into the stream it makes)
    settings = videos[0].read_bytes()
    assert b"crf=18.0" in settings and b"subme=2" in settings  # subme=2: what x264's veryfast preset sets
