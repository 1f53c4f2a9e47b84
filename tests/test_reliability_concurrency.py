"""Two at once in one folder: every process has manim caches of its own (scenes/tool/private_media.py, the render
workers' run folders), and files are written under names of their own before they are moved into place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from manim import config

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "tiny_scenes.py"
EXPLAINER = [sys.executable, "-m", "scenes"]


def both(commands: list[list[str]], cwd: Path) -> list[subprocess.CompletedProcess]:
    """Start every command at once in ``cwd``; wait for all."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env = {k: v for k, v in env.items() if not k.startswith("EXPLAINER_")}
    procs = [subprocess.Popen(c, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for c in commands]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=600), *p.communicate()) for p in procs]


def test_the_test_run_keeps_manims_caches_out_of_the_current_folder():
    """tests/conftest.py gives manim a media folder of this run's own before each test (manim is imported above)."""
    assert Path(config.media_dir).resolve() != (Path.cwd() / "media").resolve()


@pytest.mark.render
def test_two_scripts_at_once_in_one_folder(tmp_path):
    from scenes.tool.registry import SCENES

    scene = SCENES[0].name
    runs = both([[*EXPLAINER, "script", scene, "-o", f"{name}.md"] for name in ("a", "b")], tmp_path)
    for run in runs:
        assert run.returncode == 0, run.stderr
    assert (tmp_path / "a.md").read_text() == (tmp_path / "b.md").read_text()
    assert not (tmp_path / "media").exists()    # manim's caches went to each process's own folder


@pytest.mark.render
def test_two_decks_at_once_into_one_output(tmp_path):
    tiny = ["--resolution", "160,90", "--fps", "5", "--pace", "brisk", "--voice", "none"]
    (tmp_path / "out").mkdir()
    runs = both([[*EXPLAINER, "slides", "--file", str(FIXTURE), "TinySquare", "--out", "out", *tiny]] * 2, tmp_path)
    for run in runs:
        assert run.returncode == 0, run.stderr
    deck = tmp_path / "out" / "deck.html"
    assert deck.is_file() and deck.stat().st_size > 10_000
    assert not list((tmp_path / "out").glob(".deck*"))  # no one's scratch deck left behind
