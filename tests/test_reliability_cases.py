"""Every case of issue 29 that used to end in a traceback, a memory blow-up or a silent wrong result: now one line
starting with ``error:`` and a non-zero exit.

The commands run in-process through ``explainer``'s ``main`` (fast), on a tiny MNIST of a few images written here
(no real data needed), with ``NNLIB_MEMORY_LIMIT`` set so the memory checks do not depend on the machine.
Unwritable paths are simulated with a regular file where a folder is needed (works even as root); permissions are
also checked with chmod when not running as root.
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import io
import json
import os
from pathlib import Path

import numpy as np
import pytest

from nnlib.idx import encode_idx, write_idx
from nnlib.network import Network
from nnlib.storage import save_network
from scenes.tool.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "tiny_scenes.py"
FIRST_SCENE = __import__("scenes.tool.registry", fromlist=["SCENES"]).SCENES[0].name


def run(*argv: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of ``explainer ARGV``; argparse's own exits count as exits."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


def assert_one_line(code, err: str, *words: str) -> str:
    """A non-zero exit and one ``error:`` line (the last; argparse's usage or a note may come before it) naming
    ``words``, and no traceback."""
    assert code not in (0, None), err
    assert "Traceback" not in err, err
    last = err.strip().splitlines()[-1]
    assert "error:" in last, err
    assert sum(line.startswith("error:") or ": error:" in line for line in err.splitlines()) == 1, err
    for word in words:
        assert word in last, (word, last)
    return last


def tiny_mnist(folder: Path, train: int = 6, test: int = 4) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    for stem, n in (("train", train), ("t10k", test)):
        write_idx(folder / f"{stem}-images-idx3-ubyte", rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
        write_idx(folder / f"{stem}-labels-idx1-ubyte", rng.integers(0, 10, n, dtype=np.uint8))
    return folder


@pytest.fixture()
def mnist_tiny(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("NNLIB_MEMORY_LIMIT", str(2 * 10**9))
    return tiny_mnist(tmp_path / "mnist")


@pytest.fixture()
def a_file(tmp_path) -> Path:
    """A regular file, for paths that need it to be a folder."""
    path = tmp_path / "plain-file"
    path.write_text("not a folder")
    return path


# ------------------------------------------------------------------------------------------- nnlib commands

def test_evaluate_a_network_without_ten_outputs(mnist_tiny, tmp_path):
    save_network(Network([784, 16, 16, 3], seed=0), tmp_path / "three.npz")
    code, _, err = run("evaluate", str(tmp_path / "three.npz"), "--mnist", str(mnist_tiny))
    assert_one_line(code, err, "784-16-16-3", "10 outputs")


def test_train_on_a_set_of_zero_images(tmp_path, monkeypatch):
    folder = tiny_mnist(tmp_path / "empty", train=0)
    code, _, err = run("train", "--mnist", str(folder), "--out", str(tmp_path / "n.npz"), "--epochs", "1")
    assert_one_line(code, err, "holds no images")


def test_train_a_network_too_large_for_the_memory(mnist_tiny, tmp_path):
    code, _, err = run("train", "--sizes", "784,100000,10", "--mnist", str(mnist_tiny),
                       "--out", str(tmp_path / "n.npz"), "--epochs", "1")
    last = assert_one_line(code, err, "784-100000-10", "memory", "neurons fits")
    assert not (tmp_path / "n.npz").exists(), last


def test_a_gzip_bomb_promising_three_million_images_is_refused_before_unpacking(mnist_tiny, tmp_path):
    """A header promising 3,000,000 images: refused from the header alone, before any byte is unpacked."""
    head = bytes([0, 0, 8, 3]) + np.asarray([3_000_000, 28, 28], dtype=">u4").tobytes()
    (mnist_tiny / "train-images-idx3-ubyte").unlink()
    (mnist_tiny / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(head + bytes(1 << 20)))
    code, _, err = run("train", "--mnist", str(mnist_tiny), "--out", str(tmp_path / "n.npz"))
    assert_one_line(code, err, "3,000,000 images", "memory", "images of 28x28 fit")


def test_idx_data_larger_than_the_memory_is_refused_before_unpacking(tmp_path, monkeypatch):
    from nnlib.errors import NNLibError
    from nnlib.idx import read_idx

    monkeypatch.setenv("NNLIB_MEMORY_LIMIT", str(10**6))
    path = tmp_path / "zeros.gz"
    path.write_bytes(gzip.compress(encode_idx(np.zeros((3000, 28, 28), np.uint8))))  # 2.4 MB unpacked
    with pytest.raises(NNLibError, match="memory"):
        read_idx(path)


@pytest.mark.parametrize("flag,value", [("--per-class", "-1"), ("--per-class", "0"), ("--seed", "-1")])
def test_sample_refuses_counts_and_seeds_out_of_range(flag, value, tmp_path):
    code, _, err = run("sample", flag, value, "--out", str(tmp_path / "s.npz"))
    assert_one_line(code, err, flag)


def test_train_history_and_out_the_same_file(mnist_tiny, tmp_path):
    same = str(tmp_path / "x.npz")
    code, _, err = run("train", "--mnist", str(mnist_tiny), "--out", same, "--history", same, "--epochs", "1")
    assert_one_line(code, err, "--history and --out")


def test_download_into_a_file_or_under_one(a_file):
    code, _, err = run("download", "--dir", str(a_file))
    assert_one_line(code, err, "is a file")
    code, _, err = run("download", "--dir", str(a_file / "mnist"))
    assert_one_line(code, err, "plain-file")


# ------------------------------------------------------------------------------------------ unwritable places

def test_every_command_names_a_file_where_a_folder_is_needed(a_file, tmp_path, mnist_tiny):
    weights = str(REPO / "assets" / "network.npz")
    cases = {
        "render": ["render", "--file", str(FIXTURE), "TinySquare", "--out", str(a_file / "out")],
        "script": ["script", FIRST_SCENE, "-o", str(a_file / "s.md")],
        "inspect": ["inspect", weights, "-o", str(a_file / "sheet.png")],
        "inspect --html": ["inspect", weights, "--html", "-o", str(a_file / "page.html")],
        "train": ["train", "--mnist", str(mnist_tiny), "--out", str(a_file / "n.npz"), "--epochs", "1"],
        "sample": ["sample", "--out", str(a_file / "s.npz")],
    }
    for name, argv in cases.items():
        code, _, err = run(*argv)
        assert_one_line(code, err, "plain-file")


def test_a_folder_where_a_file_is_needed(tmp_path):
    folder = tmp_path / "sheet.png"
    folder.mkdir()
    code, _, err = run("inspect", str(REPO / "assets" / "network.npz"), "-o", str(folder))
    assert_one_line(code, err, "folder")


def run_as_nobody(*argv: str, home: Path) -> tuple[int, str, str]:
    """``explainer ARGV`` in a process of its own as the unprivileged user 65534 (root writes anywhere, so a
    permission test run as root, as CI is, drops to a user the permissions hold for). util-linux's setpriv does it."""
    import subprocess
    import sys

    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / "cache"), MPLCONFIGDIR=str(home / "mpl"))
    done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m",
                           "scenes", *argv], capture_output=True, text=True, env=env, cwd=home, timeout=300)
    return done.returncode, done.stdout, done.stderr


def test_a_folder_without_write_permission(tmp_path):
    import shutil
    import tempfile

    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if as_root and shutil.which("setpriv") is None:
        pytest.fail("running as root needs util-linux's setpriv to test permissions as another user")
    # as root, a world-readable place of its own (pytest's tmp_path lies under a folder only root may enter)
    base = Path(tempfile.mkdtemp(prefix="nn-explainer-perm-")) if as_root else tmp_path
    try:
        base.chmod(0o777)
        locked = base / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        home = base / "home"
        home.mkdir()
        home.chmod(0o777)
        command = (lambda *argv: run_as_nobody(*argv, home=home)) if as_root else run
        code, _, err = command("inspect", str(REPO / "assets" / "network.npz"), "-o", str(locked / "sheet.png"))
        assert_one_line(code, err, "locked")
        code, _, err = command("render", "--file", str(FIXTURE), "TinySquare", "--out", str(locked / "out"))
        assert_one_line(code, err, "locked")
    finally:
        (base / "locked").chmod(0o755) if (base / "locked").exists() else None
        if as_root:
            shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("number,words", [(errno.ENOSPC, "no space left"), (errno.EROFS, "read-only"),
                                          (errno.EACCES, "permission denied")])
def test_a_full_or_read_only_disk_is_one_line_naming_the_file(number, words, tmp_path, monkeypatch):
    """The failure comes from the operating system in the middle of writing: the one error handler says it."""
    def refuse(fd):
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "fsync", refuse)
    out = tmp_path / "sheet.png"
    code, _, err = run("inspect", str(REPO / "assets" / "network.npz"), "-o", str(out))
    assert_one_line(code, err, words, str(out))
    assert not out.exists() and not list(tmp_path.glob(".sheet.png.*"))  # nothing half-written left behind


def test_out_of_memory_anywhere_is_one_line(monkeypatch, tmp_path):
    import scenes.tool.inspect_sheet as sheet

    def exhausted(*args, **kwargs):
        raise MemoryError()

    monkeypatch.setattr(sheet, "network_sheet", exhausted)
    code, _, err = run("inspect", str(REPO / "assets" / "network.npz"), "-o", str(tmp_path / "s.png"))
    assert_one_line(code, err, "not enough memory")


# ---------------------------------------------------------------------------------------- sizes that don't fit

def test_a_sheet_or_page_too_large_is_refused_saying_what_fits(tmp_path):
    deep = tmp_path / "deep.npz"
    save_network(Network([784] + [16] * 299 + [10], seed=0), deep)
    code, _, err = run("inspect", str(deep), "-o", str(tmp_path / "d.png"))
    assert_one_line(code, err, "pixels tall", "neurons")
    from scenes.tool.inspect_limits import check_page_fits

    class Wide:  # a 784-4096-4096-10 network's size, without allocating its 160 MB of weights
        parameter_count = 784 * 4096 + 4096 + 4096 * 4096 + 4096 + 4096 * 10 + 10

    from nnlib.errors import NNLibError

    with pytest.raises(NNLibError, match="221 MB.*parameters"):
        check_page_fits(Wide(), Path("wide.npz"))


# ------------------------------------------------------------------------------------------------ weight files

def _shipped_arrays() -> dict:
    with np.load(REPO / "assets" / "network.npz") as z:
        return {k: z[k] for k in z.files}


@pytest.mark.parametrize("change,words", [
    (lambda a: a.update({k: v.astype(np.float16) for k, v in a.items() if k.startswith("weights")}), "float16"),
    (lambda a: a.update(sizes=a["sizes"].astype(np.uint64)), "uint64"),
    (lambda a: a.update(weights_0=a["weights_0"].T.copy()), "shape (784, 16)"),
    (lambda a: a.update(metadata=np.asarray(json.dumps({"data": {"train_images": "many"}}))), "train_images"),
    (lambda a: a.update(metadata=np.asarray(json.dumps({"test_cost": 1e308}))), "test_cost"),
    (lambda a: a.update(metadata=np.asarray(json.dumps({"training": {"epochs": 10**18}}))), "epochs"),
])
def test_weight_files_that_are_not_what_they_must_be(change, words, tmp_path):
    arrays = _shipped_arrays()
    change(arrays)
    path = tmp_path / "bad.npz"
    np.savez(path, **arrays)
    code, _, err = run("inspect", str(path), "-o", str(tmp_path / "s.png"))
    assert_one_line(code, err, words)


# ----------------------------------------------------------------------------------------------- scene options

def test_an_empty_explainer_variable_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("EXPLAINER_DIGIT", "")
    code, _, err = run("render", "--file", str(FIXTURE), "TinySquare", "--out", str(tmp_path / "out"))
    assert_one_line(code, err, "EXPLAINER_DIGIT", "empty")


def test_recordings_voice_without_a_recordings_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, _, err = run("render", "--file", str(FIXTURE), "TinySquare", "--voice", "recordings", "--out", "out")
    assert_one_line(code, err, "recordings folder not found")


def test_script_to_a_file_that_is_neither_markdown_nor_json(tmp_path):
    code, _, err = run("script", FIRST_SCENE, "-o", str(tmp_path / "x.txt"))
    assert_one_line(code, err, "x.txt", ".md")
    assert not (tmp_path / "x.txt").exists()


@pytest.mark.parametrize("size,words", [("161,91", "even"), ("16,16", "outside")])
def test_resolutions_the_encoder_cannot_take(size, words, tmp_path):
    code, _, err = run("render", "--file", str(FIXTURE), "TinySquare", "--resolution", size,
                       "--out", str(tmp_path / "out"))
    assert_one_line(code, err, words)


def test_plain_manim_with_a_bad_option_prints_one_line(monkeypatch, capsys):
    """Under manim's own command line a bad option ends the process with one line, not manim's traceback page."""
    import sys

    from scenes.tool.options import read_options

    monkeypatch.setenv("EXPLAINER_THEME", "neon")
    monkeypatch.setattr(sys, "argv", [str(REPO / ".venv" / "bin" / "manim"), "-ql", "scene.py"])
    with pytest.raises(SystemExit) as exit_:
        read_options()
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.strip() == "error: EXPLAINER_THEME must be one of default, colorblind, got 'neon'"
    monkeypatch.setattr(sys, "argv", ["pytest"])      # anywhere else, the error is raised for the caller
    from nnlib.errors import NNLibError

    with pytest.raises(NNLibError):
        read_options()
