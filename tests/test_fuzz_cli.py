"""Random command lines built from the CLI's own options: only a one-line project error may come out.

The parser is read, not copied: every subcommand, option, choice and positional comes from ``build_parser()``, so a
new option is fuzzed the day it is added. Each command line gets values from a pool of the plausible and the
hostile (negative, huge, NaN, empty, a directory, a garbage file, markup, unicode...). The expensive step of each
command (rendering, training, writing a deck or a sheet, downloading) is replaced by a stub that stops the run:
what is tested is that everything *before* the work -- parsing and validation -- either accepts the input or
refuses it in one line, and never crashes or hangs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import signal

import numpy as np
import pytest

from scenes.tool.cli import build_parser, main
from tests.conftest import REPO

COMMAND_LINES = 600
SECONDS_PER_COMMAND = 20


class ReachedTheWork(Exception):
    """Raised by the stubs: the command line was accepted and the real work would start now."""


def stop(*args, **kwargs):
    raise ReachedTheWork


@pytest.fixture
def stubbed(monkeypatch, tmp_path):
    """The CLI with its expensive steps replaced by :func:`stop`, run from an empty folder."""
    import nnlib.cli
    import nnlib.download
    import scenes.tool.inspect_page
    import scenes.tool.inspect_sheet
    import scenes.tool.render
    import scenes.tool.script
    import scenes.tool.slides

    for module, name in ((scenes.tool.render, "render_scenes"), (scenes.tool.slides, "build_deck"),
                         (scenes.tool.script, "build_script"), (scenes.tool.inspect_sheet, "network_sheet"),
                         (scenes.tool.inspect_sheet, "compare_sheet"), (scenes.tool.inspect_page, "write_inspector_page"),
                         (nnlib.cli, "load_mnist"), (nnlib.download, "download_mnist")):
        monkeypatch.setattr(module, name, stop)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def values_pool(folder) -> list[str]:
    """Values a user (or a cat on the keyboard) might give any option."""
    (folder / "garbage.npz").write_bytes(b"PK\x03\x04 not a zip at all")
    (folder / "empty.png").write_bytes(b"")
    (folder / "a_folder").mkdir(exist_ok=True)
    return ["0", "1", "7", "9", "10", "-1", "-0", "3.7", "1e309", "nan", "inf", "-inf", "99999999999999999999",
            "", " ", "١", "²", "abc", "<script>alert(1)</script>", "ünïcødé", "../../etc/passwd", "a,b", "0,0",
            "160,90", "-5,3", "784,16,16,10", "784,10", "1,1", "784,0,10", str(folder / "garbage.npz"),
            str(folder / "empty.png"), str(folder / "a_folder"), str(folder / "missing" / "x.npz"),
            str(REPO / "assets" / "network.npz"), str(folder / "out.png"), str(folder / "out.html"), "l", "h", "k",
            "extra", "1", "2", "PixelsAsNeurons", "NoSuchScene", "--all"]


def good_values(folder) -> dict[str, list[str]]:
    """For each option (by its dest) values that should be accepted, so the fuzz also reaches the work."""
    from PIL import Image

    from scenes.tool.registry import SCENES

    digit = Image.new("L", (28, 28), 0)
    digit.paste(255, (12, 4, 16, 24))  # a white stroke on black: a "1"
    digit.save(folder / "digit.png")
    (folder / "output").mkdir(exist_ok=True)
    weights = str(REPO / "assets" / "network.npz")
    return {"scenes": [s.name for s in SCENES][:6], "weights": [weights], "compare": [weights],
            "digit": ["3"], "sample_index": ["2"], "seed": ["1"], "jobs": ["2"], "fps": ["5"],
            "resolution": ["160,90"], "image": [str(folder / "digit.png")], "out": [str(folder / "output")],
            "quality": ["l", "-ql", "h"], "chapter": ["1", "2", "extra"], "epochs": ["1"], "batch_size": ["10"],
            "learning_rate": ["3"], "sizes": ["784,16,16,10", "784,8,10"], "weight_decay": ["1"], "augment": ["1"],
            "deck": [str(folder / "output" / "deck.html")], "dir": [str(folder / "cache")], "per_class": ["2"],
            "history": [str(folder / "history.npz")], "checkpoints": ["0,1"], "recordings": [str(folder)],
            "mnist": [str(folder / "a_folder")]}


def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """{subcommand name: its parser}, read from the parser itself."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the explainer parser has no subcommands")


def random_command_line(rng: np.random.Generator, parsers: dict, pool: list[str], good: dict[str, list[str]]
                        ) -> list[str]:
    """A subcommand and a random handful of its options and positionals, each value either a good one (from the
    option's choices or :func:`good_values`) or one from the hostile pool."""

    def value(action: argparse.Action) -> str:
        if rng.random() < 0.6:
            if action.choices:
                return str(rng.choice(list(action.choices)))
            if action.dest in good:
                return str(rng.choice(good[action.dest]))
        return str(rng.choice(pool))

    name = str(rng.choice(sorted(parsers)))
    actions = [a for a in parsers[name]._actions if not isinstance(a, argparse._HelpAction)]
    options = [a for a in actions if a.option_strings]
    argv = [name]
    for action in (rng.choice(options, size=min(len(options), int(rng.integers(0, 5))), replace=False)
                   if options else []):
        argv.append(str(rng.choice(action.option_strings)))
        if action.nargs != 0:
            argv += [value(action) for _ in range(action.nargs if isinstance(action.nargs, int) else 1)]
    for action in (a for a in actions if not a.option_strings):  # positionals: scene names, a weights file
        argv += [value(action) for _ in range(int(rng.integers(0, 3)))]
    return argv


def run_one(argv: list[str]) -> tuple[str, str]:
    """Run the CLI in-process; return (outcome, what it printed). Outcomes: accepted, refused, usage."""
    out = io.StringIO()

    def too_long(*_):
        raise TimeoutError(f"hung for {SECONDS_PER_COMMAND} s")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(SECONDS_PER_COMMAND)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(argv)
        return ("accepted" if code == 0 else "refused"), out.getvalue()
    except ReachedTheWork:
        return "accepted", out.getvalue()
    except SystemExit as exit_:  # argparse: a usage error (code 2) or --help (code 0)
        return ("usage" if exit_.code else "accepted"), out.getvalue()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_random_command_lines_give_one_line_errors_or_reach_the_work(stubbed):
    parsers = commands(build_parser())
    pool, good = values_pool(stubbed), good_values(stubbed)
    rng = np.random.default_rng(20261125)
    failures, outcomes = [], {"accepted": 0, "refused": 0, "usage": 0}
    for _ in range(COMMAND_LINES):
        argv = random_command_line(rng, parsers, pool, good)
        try:
            outcome, text = run_one(argv)
        except Exception as err:  # noqa: BLE001 - anything else escaping is exactly the bug we look for
            failures.append(f"{argv}: {type(err).__name__}: {err}")
            continue
        outcomes[outcome] += 1
        if outcome == "refused":
            errors = [line for line in text.splitlines() if line.startswith("error:")]
            if len(errors) != 1 or "Traceback" in text:
                failures.append(f"{argv}: refused without exactly one 'error:' line:\n{text[-500:]}")
    assert not failures, f"{len(failures)} of {COMMAND_LINES} command lines misbehaved; first ones:\n" + \
        "\n".join(failures[:5])
    # the fuzz reached all three kinds of outcome, so it is neither all-garbage nor all-valid
    assert all(count > 20 for count in outcomes.values()), outcomes


def test_every_subcommand_is_fuzzed():
    assert {"render", "slides", "inspect", "train", "evaluate", "download", "script", "list"} <= \
        set(commands(build_parser()))
