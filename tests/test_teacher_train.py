"""Training your own network: a step size that suits ReLU, a warning at chance, a note when the scenes cannot draw
the network, the shipped sample when MNIST is absent."""

from __future__ import annotations

import pytest

from nnlib import load_network
from nnlib.training import RELU_LEARNING_RATE, default_learning_rate, near_chance
from scenes.tool.cli import main


@pytest.fixture()
def no_mnist(tmp_path, monkeypatch):
    """No MNIST anywhere: $MNIST_DIR unset, an empty download cache."""
    monkeypatch.delenv("MNIST_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


def test_without_mnist_train_uses_the_shipped_sample_and_says_so(no_mnist, capsys):
    out = no_mnist / "net.npz"
    assert main(["train", "--epochs", "3", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "MNIST not found, so training on the shipped sample" in err and "80 to learn from, 20 to test on" in err
    meta = load_network(out).metadata
    assert meta["data"] == {"source": "the shipped sample (assets/sample_digits.npz)", "train_images": 80,
                            "test_images": 20}


def test_a_named_mnist_folder_that_is_empty_is_still_an_error(no_mnist, capsys):
    assert main(["train", "--mnist", str(no_mnist), "-o", str(no_mnist / "n.npz")]) == 2
    assert "does not hold the four MNIST files" in capsys.readouterr().err


def test_relu_gets_its_own_step_size_and_the_scenes_limits_are_said(no_mnist, capsys):
    out = no_mnist / "relu.npz"
    assert main(["train", "--sizes", "784,32,10", "--activation", "relu", "--epochs", "1", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert load_network(out).metadata["training"]["learning_rate"] == RELU_LEARNING_RATE
    assert "cannot be drawn by the scenes" in err and "render --weights` will refuse it" in err
    assert main(["train", "--epochs", "1", "-o", str(out)]) == 0          # 784-16-16-10: drawable, no note
    assert "cannot be drawn" not in capsys.readouterr().err
    assert load_network(out).metadata["training"]["learning_rate"] == 3.0  # the sigmoid keeps the video's 3.0


def test_a_relu_step_size_that_cannot_learn_is_refused_before_training(no_mnist, capsys):
    assert main(["train", "--activation", "relu", "--lr", "3", "-o", str(no_mnist / "x.npz")]) == 2
    err = capsys.readouterr().err
    assert "too large for ReLU" in err and "0.1" in err and "Training" not in err
    assert not (no_mnist / "x.npz").exists()


def test_an_accuracy_near_chance_is_warned_about(no_mnist, capsys):
    assert main(["train", "--lr", "1e-9", "--epochs", "1", "--seed", "2", "-o", str(no_mnist / "c.npz")]) == 0
    err = capsys.readouterr().err
    assert "about chance" in err and "a larger --learning-rate than 1e-09" in err


def test_step_size_rules():
    assert default_learning_rate("relu") == 0.1 and default_learning_rate("sigmoid") == 3.0
    assert near_chance(0.1028) and near_chance(0.15) and not near_chance(0.9149) and not near_chance(None)
