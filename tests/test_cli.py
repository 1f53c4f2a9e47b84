"""The `explainer` command as a user meets it: listing, flag checking and one-line errors for bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnlib.network import Network
from nnlib.storage import save_network
from scenes.tool.cli import main
from scenes.tool.registry import SCENES

REPO = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str) -> str:
    """Assert the command failed with exactly one line on stderr and no traceback; return that line."""
    assert code != 0
    lines = [l for l in err.splitlines() if l.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_list_shows_every_scene_with_its_description(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    for info in SCENES:
        assert info.name in out and info.description in out
    assert "Chapter 1:" in out and "Chapter 2:" in out


def test_nnlib_commands_are_still_there(capsys):
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    assert "--epochs" in capsys.readouterr().out


def test_unknown_scene_gets_a_close_match_hint(capsys):
    line = one_line_error(*run(capsys, "render", "PixelsAsNeuron")[::2])
    assert "unknown scene 'PixelsAsNeuron'" in line and "did you mean PixelsAsNeurons" in line


def test_unknown_scene_in_slides_too(capsys):
    line = one_line_error(*run(capsys, "slides", "Lerning", "--html", "deck.html")[::2])
    assert "did you mean Learning" in line


def test_nothing_to_render_is_explained(capsys):
    line = one_line_error(*run(capsys, "render")[::2])
    assert "--all" in line and "--chapter" in line


def test_unknown_chapter(capsys):
    line = one_line_error(*run(capsys, "render", "--chapter", "9")[::2])
    assert "no chapter '9'" in line and "extra" in line


def test_conflicting_selections_are_refused(capsys):
    line = one_line_error(*run(capsys, "render", "--all", "--chapter", "1")[::2])
    assert "--all" in line and "--chapter" in line
    line = one_line_error(*run(capsys, "render", "PixelsAsNeurons", "--chapter", "1")[::2])
    assert "scene names" in line


def test_weights_with_wrong_input_size_are_refused(capsys, tmp_path):
    path = save_network(Network((100, 16, 10), seed=0), tmp_path / "small.npz")
    line = one_line_error(*run(capsys, "render", "Learning", "--weights", str(path))[::2])
    assert "small.npz" in line and "100-16-10" in line and "784 inputs" in line


def test_weights_the_scenes_cannot_draw_are_refused_before_rendering(capsys, tmp_path):
    path = save_network(Network((784, 4, 10), seed=0), tmp_path / "shallow.npz")
    line = one_line_error(*run(capsys, "render", "NetworkFeedForward", "--weights", str(path),
                               "--out", str(tmp_path / "out"))[::2])
    assert "784-4-10" in line and "cannot be drawn" in line
    assert not (tmp_path / "out").exists()


def test_weights_file_that_is_not_a_network(capsys, tmp_path):
    bad = tmp_path / "notes.npz"
    bad.write_text("hello")
    line = one_line_error(*run(capsys, "render", "Learning", "--weights", str(bad))[::2])
    assert "notes.npz" in line


def test_digit_that_is_not_an_image(capsys, tmp_path):
    text = tmp_path / "digit.png"
    text.write_text("this is not a picture")
    line = one_line_error(*run(capsys, "render", "NetworkFeedForward", "--image", str(text))[::2])
    assert "digit.png" in line and "not an image" in line


def test_digit_that_is_an_empty_file(capsys, tmp_path):
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    line = one_line_error(*run(capsys, "render", "NetworkFeedForward", "--image", str(empty))[::2])
    assert "empty.png" in line and "empty" in line


def test_sample_index_beyond_the_sample(capsys):
    line = one_line_error(*run(capsys, "render", "NetworkFeedForward", "--sample-index", "100000")[::2])
    assert "sample has" in line


@pytest.mark.parametrize("value", ["12", "-1", "3.5", "٣", "seven"])
def test_digit_must_be_0_to_9(capsys, value):
    with pytest.raises(SystemExit) as exc:
        main(["render", "NetworkFeedForward", "--digit", value])
    assert exc.value.code == 2
    assert "from 0 to 9" in capsys.readouterr().err


def test_two_ways_of_naming_the_digit_are_refused(capsys, tmp_path):
    with pytest.raises(SystemExit):
        main(["render", "NetworkFeedForward", "--digit", "3", "--sample-index", "4"])
    assert "not allowed with" in capsys.readouterr().err


def test_garbage_in_the_environment_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("EXPLAINER_BACKGROUND", "purple")
    line = one_line_error(*run(capsys, "render", "PixelsAsNeurons")[::2])
    assert "EXPLAINER_BACKGROUND" in line and "purple" in line
    monkeypatch.setenv("EXPLAINER_BACKGROUND", "dark")
    monkeypatch.setenv("EXPLAINER_DIGIT", "٣")
    line = one_line_error(*run(capsys, "render", "PixelsAsNeurons")[::2])
    assert "EXPLAINER_DIGIT" in line


def test_output_folder_whose_parent_does_not_exist(capsys, tmp_path):
    out = tmp_path / "missing" / "videos"
    line = one_line_error(*run(capsys, "render", "PixelsAsNeurons", "--out", str(out))[::2])
    assert str(out.parent) in line and "does not exist" in line
    assert not out.exists()


def test_slides_deck_in_a_missing_folder(capsys, tmp_path):
    fixture = REPO / "tests" / "fixtures" / "tiny_scenes.py"
    line = one_line_error(*run(capsys, "slides", "--file", str(fixture), "TinySquare",
                               "--html", str(tmp_path / "nope" / "deck.html"), "--out", str(tmp_path))[::2])
    assert "does not exist" in line


def test_bad_theme_is_refused_by_argparse(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["render", "--all", "--theme", "pink"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_teacher_options_become_environment_variables(tmp_path):
    """Flags override the environment, are validated once, and reach the workers as EXPLAINER_* variables only."""
    from scenes.tool.cli import build_parser, scene_options
    from scenes.tool.options import read_options
    from scenes.tool.render import RenderSettings
    from scenes.tool.render.run import worker_environment

    weights = save_network(Network((784, 16, 16, 10), seed=1), tmp_path / "mine.npz")
    args = build_parser().parse_args(["render", "--all", "--weights", str(weights), "--digit", "7", "--seed", "42",
                                      "--theme", "colorblind", "--background", "light", "--voice", "none"])
    options = scene_options(args, environ={"EXPLAINER_SAMPLE_INDEX": "5", "EXPLAINER_SEED": "1"})
    assert options.sample_index is None and options.digit == 7      # a flag replaces the environment's digit
    env = worker_environment(RenderSettings(options=tuple(sorted(options.to_environ().items()))))
    again = read_options(env)
    assert again.weights == weights.resolve() and again.digit == 7 and again.seed == 42
    assert (again.theme, again.background, again.voice) == ("colorblind", "light", "none")


def test_options_from_the_parent_environment_do_not_leak_past_the_plan(monkeypatch):
    from scenes.tool.render import RenderSettings
    from scenes.tool.render.run import worker_environment

    monkeypatch.setenv("EXPLAINER_THEME", "colorblind")   # read by the plan, not passed around it
    env = worker_environment(RenderSettings(options=(("EXPLAINER_SEED", "3"),)))
    assert "EXPLAINER_THEME" not in env and env["EXPLAINER_SEED"] == "3"


def test_weights_warn_once_for_scenes_showing_the_shipped_runs(capsys, tmp_path):
    from scenes.tool.cli import build_parser, make_plan

    weights = save_network(Network((784, 16, 16, 10), seed=1), tmp_path / "mine.npz")
    args = build_parser().parse_args(["render", "--chapter", "2", "--weights", str(weights), "--out",
                                      str(tmp_path / "out")])
    plan = make_plan(args)
    err = capsys.readouterr().err
    assert err.count("note:") == 1 and "Learning" in err and "ShuffledLabels" in err
    assert "NetworkFeedForward" not in err and plan.options.custom_weights


def test_quality_spellings_of_manim(capsys):
    from scenes.tool.cli import build_parser

    for argv, quality in ((["-ql"], "l"), (["-qh"], "h"), (["-pqm"], "m"), (["-q", "high_quality"], "h"),
                          (["--quality", "k"], "k")):
        assert build_parser().parse_args(["render", "--all", *argv]).quality == quality


def test_command_line_error_has_no_traceback():
    """Through the real entry point, as a user types it."""
    done = subprocess.run([sys.executable, "-m", "scenes", "render", "NoSuchScene"], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("error: unknown scene 'NoSuchScene'")
    assert "Traceback" not in done.stderr


def test_inspect_errors_are_one_line(capsys, tmp_path, shipped_net):
    from nnlib.assets import default_weights_path

    code, _, err = run(capsys, "inspect", str(tmp_path / "none.npz"))
    assert "none.npz" in one_line_error(code, err)
    code, _, err = run(capsys, "inspect")
    assert "name a weights file" in one_line_error(code, err)
    blank = tmp_path / "blank.png"
    from PIL import Image

    Image.new("L", (50, 50), 255).save(blank)
    code, _, err = run(capsys, "inspect", str(default_weights_path()), "--image", str(blank), "-o",
                       str(tmp_path / "s.png"))
    assert "no digit found" in one_line_error(code, err)
    code, _, err = run(capsys, "inspect", str(default_weights_path()), "-o", str(tmp_path / "no" / "s.png"))
    assert "does not exist" in one_line_error(code, err)
    small = save_network(Network((100, 8, 10), seed=0), tmp_path / "small.npz")
    code, _, err = run(capsys, "inspect", str(small), "--digit", "3", "-o", str(tmp_path / "s.png"))
    assert "784 inputs" in one_line_error(code, err)
    assert not np.any([p.name.endswith(".part") for p in tmp_path.iterdir()])


def test_a_missing_espeak_is_said_before_any_scene_starts(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng on this PATH
    rc = main(["render", "PixelsAsNeurons", "--out", str(tmp_path / "out"), "--voice", "espeak",
               "--pace", "narrated"])
    err = capsys.readouterr().err
    assert rc != 0 and "espeak-ng is not installed" in err and "--voice none" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.mp4"))
