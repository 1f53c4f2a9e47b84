"""Chapter 2's analyses agree with the network's own numbers, and the precomputed experiments are sound."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import Network, NNLibError, WeightsFileError
from nnlib.analysis import (average_cost, compare_noise_with_digits, cost_of_example, describe_parameter,
                            gradient_nudges, mini_batch, misclassified, neighbour_correlation, noise_images,
                            output_statistics, pick_mistakes)
from nnlib.assets import load_sample
from nnlib.experiments import default_path, load_experiment, main as experiments_main, save_experiment


@pytest.fixture(scope="module")
def sample():
    return load_sample()


def test_cost_of_one_example_is_ten_squared_terms_summing_to_net_cost(shipped_net, sample):
    image, label = sample.images[37], int(sample.labels[37])
    ex = cost_of_example(shipped_net, image, label)
    assert ex.terms.shape == (10,) and ex.target[label] == 1 and ex.target.sum() == 1
    np.testing.assert_allclose(ex.terms, (ex.output - ex.target) ** 2)
    assert ex.total == pytest.approx(shipped_net.cost(image[None], [label]), rel=1e-12)


def test_trained_network_is_cheaper_than_random_one(shipped_net, sample):
    random_net = Network((784, 16, 16, 10), seed=0)
    three = sample.first(3)
    assert cost_of_example(shipped_net, three, 3).total < 0.1 < cost_of_example(random_net, three, 3).total
    trained = average_cost(shipped_net, sample.images, sample.labels)
    assert trained.value == pytest.approx(shipped_net.cost(sample.images, sample.labels))
    assert trained.count == 100
    assert trained.value < average_cost(random_net, sample.images, sample.labels).value


def test_misclassified_counts_add_up(shipped_net, sample):
    m = misclassified(shipped_net, sample.images, sample.labels)
    assert m.correct == int(np.sum(shipped_net.predict(sample.images) == sample.labels))
    assert np.all(m.guesses != m.labels)
    assert np.all(shipped_net.predict(sample.images[m.indices]) == m.guesses)
    picks = pick_mistakes(m, 3, seed=0)
    assert len(picks) == min(3, m.count) and np.all(np.diff(picks) > 0)


def test_noise_statistics(shipped_net, sample):
    noise = noise_images(200, seed=5)
    assert noise.shape == (200, 784) and 0 <= noise.min() and noise.max() <= 1
    np.testing.assert_array_equal(noise, noise_images(200, seed=5))
    stats = output_statistics(shipped_net, noise)
    assert stats.count == 200
    np.testing.assert_array_equal(np.bincount(shipped_net.predict(noise), minlength=10), stats.predicted_counts)
    comparison = compare_noise_with_digits(shipped_net, sample.images, count=200, seed=5)
    # Real digits: spread over all ten answers and nearly always confident; noise: a few favourite answers.
    assert np.count_nonzero(comparison.real.predicted_counts) == 10
    assert comparison.real.median_top > comparison.noise.median_top
    assert comparison.noise.predicted_counts.max() > 0.3 * 200
    with pytest.raises(NNLibError):
        noise_images(0)


def test_gradient_nudges_are_minus_backprop(shipped_net, sample):
    batch = mini_batch(len(sample.labels), 10, seed=0)
    g = gradient_nudges(shipped_net, sample.images[batch], sample.labels[batch])
    np.testing.assert_allclose(g.nudges, -shipped_net.flat_gradient(sample.images[batch], sample.labels[batch]))
    top = g.largest(5)
    assert np.all(np.diff(np.abs(g.nudges[top])) <= 0)
    assert np.abs(g.nudges[top[0]]) == np.abs(g.nudges).max()
    assert 0 < g.share_of_largest(100) <= 1
    assert "pixel" in describe_parameter(shipped_net.parameter_location(0))
    assert "bias" in describe_parameter(shipped_net.parameter_location(12544))
    with pytest.raises(NNLibError):
        mini_batch(5, 10)


def test_trained_weights_are_smoother_than_random_ones(shipped_net):
    trained = neighbour_correlation(shipped_net.weights[0])
    random_ = neighbour_correlation(Network((784, 16, 16, 10), seed=3).weights[0])
    assert trained.shape == (16,)
    assert np.median(trained) > 0.1 > np.abs(np.median(random_))


def test_shipped_learning_run_ends_at_the_shipped_network(shipped_net):
    run = load_experiment(default_path("learning"), "learning")
    assert "python -m nnlib.experiments learning" in run.command and run.metadata["settings"]["seed"] == 0
    assert run["checkpoint_epochs"][0] == 0 and run["checkpoint_epochs"][-1] == run["epoch"][-1]
    np.testing.assert_allclose(run["checkpoints"][-1], shipped_net.parameters_vector(), atol=1e-5)
    assert int(run["test_correct"][-1]) == shipped_net.metadata["test_correct"]
    assert run["train_cost"][-1] < run["train_cost"][1] < run["train_cost"][0]


def test_shipped_shuffled_run_shows_memorisation():
    run = load_experiment(default_path("shuffled"), "shuffled")
    assert "python -m nnlib.experiments shuffled" in run.command
    real, shuffled = run["real_train_accuracy"], run["shuffled_train_accuracy"]
    assert real[10] > 0.9 and shuffled[10] < 0.4         # real labels learned fast, shuffled ones slowly
    assert shuffled[-1] > shuffled[10] + 0.2              # ... but memorised in the end
    assert np.all(np.abs(run["shuffled_test_accuracy"][1:] - 0.1) < 0.05)  # chance on unseen digits


def test_experiment_files_are_validated(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(WeightsFileError, match="bad.npz"):
        load_experiment(bad, "learning")
    with pytest.raises(WeightsFileError, match="not found"):
        load_experiment(tmp_path / "missing.npz", "shuffled")
    wrong = save_experiment(tmp_path / "w.npz", "shuffled", {"x": np.zeros(2)}, {}, "cmd", "src")
    with pytest.raises(WeightsFileError, match="not 'learning'"):
        load_experiment(wrong, "learning")
    with pytest.raises(WeightsFileError, match="missing array"):
        load_experiment(wrong, "shuffled")
    with pytest.raises(NNLibError, match="unknown experiment"):
        load_experiment(wrong, "other")


def test_experiments_command_records_itself(tmp_path, mnist_dir):
    out = tmp_path / "run.npz"
    assert experiments_main(["learning", "--epochs", "1", "--checkpoints", "0,1", "--mnist", str(mnist_dir),
                             "--out", str(out)]) == 0
    run = load_experiment(out, "learning")
    assert run.command.endswith(f"--out {out}") and "--epochs 1" in run.command
    assert list(run["checkpoint_epochs"]) == [0, 1] and len(run["epoch"]) == 2
    assert experiments_main(["learning", "--mnist", str(tmp_path), "--out", str(tmp_path / "x.npz")]) == 2
    assert not (tmp_path / "x.npz").exists()
