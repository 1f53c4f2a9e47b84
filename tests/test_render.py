"""`explainer render`: parallel workers, one-line failures, change-only re-rendering and chapter joining.

Uses the tiny fixture scenes (tests/fixtures/tiny_scenes.py) at 160x90, 5 fps so it does not depend on the chapter
scenes and stays fast; the README's teacher example is rendered too.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import av
import numpy as np
import pytest

from scenes.tool.cli import main
from scenes.tool.render import (RenderSettings, SceneTarget, fingerprint, join_chapters, join_videos, read_stamp,
                           render_scenes, video_duration)

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "tiny_scenes.py"
TINY = ["--resolution", "160,90", "--fps", "5", "--pace", "brisk", "--voice", "none"]
Q = "160x90p5"  # the quality folder of TINY renders

pytestmark = pytest.mark.render


def frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """One CLI run: two good scenes and a crashing one, two jobs, light background."""
    out = tmp_path_factory.mktemp("render") / "output"
    scenes_file = out.parent / "tiny_scenes.py"
    shutil.copy(FIXTURE, scenes_file)
    buf = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        code = main(["render", "--file", str(scenes_file), "TinyCircle", "TinySquare", "TinyCrash", "--jobs", "2",
                     "--out", str(out), "--background", "light", *TINY])
    return code, buf.getvalue(), out / Q, scenes_file


def test_good_scenes_render_and_the_crash_is_one_line(first_run):
    code, text, out, _ = first_run
    assert code == 1  # a scene failed: non-zero exit at the end
    assert (out / "scenes" / "TinyCircle.mp4").is_file() and (out / "scenes" / "TinySquare.mp4").is_file()
    assert not (out / "scenes" / "TinyCrash.mp4").exists()
    crash = [l for l in text.splitlines() if "TinyCrash" in l and "FAILED" in l]
    assert len(crash) == 1 and "ValueError: this fixture scene always fails" in crash[0]
    assert "Traceback" not in text
    assert "Traceback" in (out / "logs" / "TinyCrash.log").read_text()  # the full traceback is kept in the log


def test_report_gives_path_and_time_per_scene(first_run):
    _, text, out, _ = first_run
    line = next(l for l in text.splitlines() if "TinyCircle" in l and " s " in l)
    assert str(out / "scenes" / "TinyCircle.mp4") in line
    assert "wall time" in text and "s of video" in text


def test_video_has_the_requested_size_length_and_options(first_run):
    _, _, out, _ = first_run
    video = frames(out / "scenes" / "TinyCircle.mp4")
    assert video[0].shape == (90, 160, 3)
    # brisk pace: two beats of one second, each followed by half a second's pause
    assert video_duration(out / "scenes" / "TinyCircle.mp4") == pytest.approx(2.5, abs=0.15)
    assert (out / "scenes" / "TinyCircle.srt").read_text().count("-->") == 2  # one subtitle cue a beat
    # --background light reached the scene through EXPLAINER_BACKGROUND: the corner is white
    assert video[-1][2, 2].min() > 240


def test_second_run_renders_nothing_and_an_edit_rerenders_only_that_scene(first_run, capsys):
    _, _, out, scenes_file = first_run
    circle_before = (out / "scenes" / "TinyCircle.mp4").stat().st_mtime_ns
    code = main(["render", "--file", str(scenes_file), "TinyCircle", "TinySquare", "--out", str(out.parent),
                 "--background", "light", *TINY])
    text = capsys.readouterr().out
    assert code == 0 and "0 rendered, 2 up to date" in text
    # edit one scene: only it is rendered again
    source = scenes_file.read_text().replace('self.say("A square."', 'self.say("A red square."')
    scenes_file.write_text(source)
    code = main(["render", "--file", str(scenes_file), "TinyCircle", "TinySquare", "--out", str(out.parent),
                 "--background", "light", *TINY])
    text = capsys.readouterr().out
    assert code == 0 and "1 rendered, 1 up to date" in text
    assert "TinySquare" in next(l for l in text.splitlines() if "of video" in l and "[" in l)
    assert (out / "scenes" / "TinyCircle.mp4").stat().st_mtime_ns == circle_before
    # a different option is a different video, whether given as a flag or in the environment
    code = main(["render", "--file", str(scenes_file), "TinyCircle", "--out", str(out.parent), *TINY])
    assert code == 0 and "1 rendered" in capsys.readouterr().out


def test_every_option_however_given_makes_a_new_video(first_run, capsys, monkeypatch):
    _, _, out, scenes_file = first_run
    base = ["render", "--file", str(scenes_file), "TinySquare", "--out", str(out.parent), *TINY]
    assert main(base) == 0
    capsys.readouterr()
    assert main(base) == 0 and "0 rendered, 1 up to date" in capsys.readouterr().out
    for variable, value in (("EXPLAINER_BACKGROUND", "light"), ("EXPLAINER_THEME", "colorblind"),
                            ("EXPLAINER_SEED", "5"), ("EXPLAINER_DIGIT", "4")):
        monkeypatch.setenv(variable, value)
        assert main(base) == 0
        assert "1 rendered" in capsys.readouterr().out, variable


def test_a_damaged_video_is_not_up_to_date(first_run, capsys):
    _, _, out, scenes_file = first_run
    base = ["render", "--file", str(scenes_file), "TinyCircle", "--out", str(out.parent), *TINY,
            "--background", "light"]
    assert main(base) == 0
    video = out / "scenes" / "TinyCircle.mp4"
    video.write_bytes(video.read_bytes()[: video.stat().st_size // 2])    # truncated, stamp untouched
    capsys.readouterr()
    assert main(base) == 0 and "1 rendered" in capsys.readouterr().out
    assert video_duration(video) == pytest.approx(2.5, abs=0.15)


def test_fingerprint_ignores_other_scenes_but_not_shared_code(tmp_path):
    src = tmp_path / "s.py"
    src.write_text("X = 1\nclass A:\n    def construct(self):\n        pass\n"
                   "class B:\n    def construct(self):\n        pass\n")
    a, b = SceneTarget("A", "1", src), SceneTarget("B", "1", src)
    settings = RenderSettings()
    before = fingerprint(a, settings, [a, b]), fingerprint(b, settings, [a, b])
    src.write_text(src.read_text().replace("class B:\n    def construct(self):\n        pass",
                                           "class B:\n    def construct(self):\n        return 2"))
    after = fingerprint(a, settings, [a, b]), fingerprint(b, settings, [a, b])
    assert before[0] == after[0] and before[1] != after[1]
    src.write_text(src.read_text().replace("X = 1", "X = 2"))  # module-level code concerns every scene
    assert fingerprint(a, settings, [a, b]) != after[0]
    assert fingerprint(a, RenderSettings(quality="h"), [a, b]) != fingerprint(a, settings, [a, b])


def test_editing_manim_cfg_makes_every_video_stale(tmp_path):
    """The workers run in the project folder, where manim reads manim.cfg: a change there is a change of option."""
    src = tmp_path / "s.py"
    src.write_text("class A:\n    def construct(self):\n        pass\n")
    a = SceneTarget("A", "1", src)
    before = fingerprint(a, RenderSettings(), [a], root=tmp_path)
    (tmp_path / "manim.cfg").write_text("[CLI]\nbackground_color = WHITE\n")
    assert fingerprint(a, RenderSettings(), [a], root=tmp_path) != before


def test_chapter_is_joined_in_narrative_order(first_run, tmp_path):
    _, _, out, scenes_file = first_run
    circle, square = (SceneTarget(n, "1", scenes_file) for n in ("TinyCircle", "TinySquare"))
    buf = io.StringIO()
    done = join_chapters({"1": [square, circle], "2": [SceneTarget("TinyCrash", "2", scenes_file)]}, out, stream=buf)
    assert done["1"] == out / "chapter1.mp4"
    assert isinstance(done["2"], str) and "not rendered" in done["2"]
    joined = frames(out / "chapter1.mp4")
    parts = [frames(out / "scenes" / f"{n}.mp4") for n in ("TinySquare", "TinyCircle")]
    lengths = [video_duration(out / "scenes" / f"{n}.mp4") for n in ("TinySquare", "TinyCircle")]
    # the square comes first: the joined video's first frame is the square scene's, its last the circle's
    assert np.abs(joined[0].astype(int) - parts[0][0]).mean() < 3
    assert np.abs(joined[-1].astype(int) - parts[1][-1]).mean() < 3
    assert video_duration(out / "chapter1.mp4") == pytest.approx(sum(lengths), abs=0.1)
    assert read_stamp(out / "chapter1.mp4")["scenes"] == ["TinySquare", "TinyCircle"]
    # checked against the current settings, the chapter is not joined from videos made with other options
    # (the last run above rendered TinyCircle on a dark background, TinySquare was last rendered on a light one)
    dark = RenderSettings(resolution=(160, 90), fps=5)
    done = join_chapters({"1": [square, circle]}, out, settings=dark, known=[square, circle], stream=buf)
    assert isinstance(done["1"], str) and "out of date" in done["1"]


def test_join_reencodes_videos_of_different_sizes(first_run, tmp_path):
    _, _, out, scenes_file = first_run
    settings = RenderSettings(resolution=(128, 72), fps=5, options=(("EXPLAINER_PACE", "brisk"),
                                                                     ("EXPLAINER_VOICE", "none")))
    results = render_scenes([SceneTarget("TinySquare", "1", scenes_file)], settings, tmp_path, jobs=1,
                            stream=io.StringIO())
    assert results[0].ok
    dest = join_videos([out / "scenes" / "TinyCircle.mp4", results[0].video], tmp_path / "mixed.mp4")
    video = frames(dest)
    assert video[0].shape == (90, 160, 3)
    expected = video_duration(out / "scenes" / "TinyCircle.mp4") + video_duration(results[0].video)
    assert video_duration(dest) == pytest.approx(expected, abs=0.25)


def test_readme_teacher_example_renders(tmp_path, capsys):
    """The README's example scene, built from scenes.content.components, renders and shows a digit and a heatmap."""
    pytest.importorskip("scenes.content.components")
    code = main(["render", "--file", str(REPO / "tests" / "example_teacher_scene.py"), "MyFirstNeuron",
                 "--out", str(tmp_path), *TINY])
    text = capsys.readouterr().out
    assert code == 0, text
    last = frames(tmp_path / Q / "scenes" / "MyFirstNeuron.mp4")[-1].astype(int)
    left, right = last[:, :80], last[:, 80:]
    assert left.max() > 200  # the white strokes of the digit
    green = (right[..., 1] - right[..., 0] > 40).sum()
    red = (right[..., 0] - right[..., 1] > 40).sum()
    assert green > 20 and red > 20  # the heatmap's positive and negative weights


def test_two_runs_at_once_into_one_folder_both_succeed(tmp_path):
    """Two processes render into one output folder at the same time: the same scene (one waits for the other and
    then finds it up to date, or both finish it in turn) and each a scene of its own. Neither may destroy the
    other's files."""
    import subprocess
    import sys

    scenes_file = tmp_path / "tiny_scenes.py"
    shutil.copy(FIXTURE, scenes_file)
    out = tmp_path / "output"

    def start(*names: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "scenes", "render", "--file", str(scenes_file), *names,
                                 "--out", str(out), "--jobs", "1", *TINY], cwd=REPO, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)

    runs = [start("TinySquare", "TinyCircle"), start("TinySquare")]
    texts = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], texts
    assert "Traceback" not in "".join(texts)
    for name in ("TinySquare", "TinyCircle"):  # both complete: as long as the run that made them said
        video = out / Q / "scenes" / f"{name}.mp4"
        assert video_duration(video) == pytest.approx(read_stamp(video)["duration"], abs=0.15)
        assert video_duration(video) > 1.0
    assert not list((out / Q).glob(".work/*")), "a run left its scratch folder behind"
