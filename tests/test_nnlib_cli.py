"""The command line as a user meets it: one clear line and a non-zero exit for bad input, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from nnlib import load_network
from tests.conftest import REPO


def run(*args, env=None):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "scenes", *args], cwd=REPO, capture_output=True, text=True,
                          env=full_env, timeout=120)


def assert_one_line_error(result, *fragments):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_evaluate_corrupt_weights(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    assert_one_line_error(run("evaluate", str(bad)), "bad.npz")


def test_evaluate_nan_weights(tmp_path):
    path = tmp_path / "nan.npz"
    np.savez(path, sizes=np.array([4, 2]), weights_0=np.full((2, 4), np.nan), biases_0=np.zeros(2))
    assert_one_line_error(run("evaluate", str(path)), "NaN")


def test_offline_without_mnist(tmp_path):
    result = run("evaluate", "assets/network.npz", env={"MNIST_DIR": "", "XDG_CACHE_HOME": str(tmp_path)})
    assert_one_line_error(result, "explainer download")


def test_truncated_idx(tmp_path, mnist_dir):
    folder = tmp_path / "m"
    folder.mkdir()
    for f in mnist_dir.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    labels = folder / "t10k-labels-idx1-ubyte.gz"
    labels.write_bytes(labels.read_bytes()[:-100])
    assert_one_line_error(run("evaluate", "assets/network.npz", "--mnist", str(folder)), "t10k-labels")


def test_train_writes_a_loadable_network(tmp_path, mnist_dir):
    out = tmp_path / "tiny.npz"
    result = run("train", "--epochs", "1", "--sizes", "784,8,10", "--seed", "3", "--out", str(out),
                 "--mnist", str(mnist_dir))
    assert result.returncode == 0, result.stderr
    net = load_network(out)
    assert net.sizes == (784, 8, 10)
    assert 0.3 < net.metadata["test_accuracy"] <= 1.0
    assert net.metadata["training"]["epochs"] == 1 and net.metadata["seed"] == 3


def test_train_into_missing_folder(tmp_path, mnist_dir):
    result = run("train", "--epochs", "0", "--out", str(tmp_path / "nope" / "n.npz"), "--mnist", str(mnist_dir))
    assert_one_line_error(result, "does not exist")


def test_train_with_the_tweaks_records_them_and_trains_on_the_copies(tmp_path, mnist_dir):
    out = tmp_path / "tweaked.npz"
    result = run("train", "--epochs", "1", "--sizes", "784,8,10", "--cost", "cross-entropy", "--lr", "0.5",
                 "--weight-decay", "5", "--augment", "1", "--elastic", "--out", str(out), "--mnist", str(mnist_dir))
    assert result.returncode == 0, result.stderr
    assert "10000 with the copies" in result.stderr  # 5,000 training digits + one bent copy of each
    training = load_network(out).metadata["training"]
    assert training["weight_decay"] == 5.0 and training["augmented_copies"] == 1 and training["elastic"] is True


@pytest.mark.parametrize("argv, fragment", [
    (["--sizes", "784,16,16,9"], "end with 10"),
    (["--sizes", "100,10"], "start with 784"),
    (["--weight-decay", "-1"], "--weight-decay"),
    (["--weight-decay", "nan"], "--weight-decay"),
    (["--augment", "-2"], "--augment"),
    (["--elastic"], "--augment"),
    (["--epochs", "-1"], "--epochs"),
    (["--batch-size", "0"], "--batch-size"),
    (["--lr", "inf"], "--learning-rate"),
    (["--seed", "-5"], "--seed"),
])
def test_train_refuses_unusable_settings_before_loading_anything(tmp_path, argv, fragment):
    # No MNIST anywhere: the arguments must be refused first, by name, not by a data-not-found message.
    result = run("train", *argv, "--out", str(tmp_path / "n.npz"), env={"MNIST_DIR": "", "XDG_CACHE_HOME": str(tmp_path)})
    assert_one_line_error(result, fragment)
    assert not (tmp_path / "n.npz").exists()
