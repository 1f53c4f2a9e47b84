"""Training: it learns, it is reproducible by seed, and it records what the scenes draw."""

from __future__ import annotations

import os

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from nnlib import Network, NNLibError, train
from nnlib.training import descend_one_epoch, measure


def blobs(rng, n=300):
    """Three well-separated Gaussian blobs in 8 dimensions: easy to learn."""
    centres = rng.random((3, 8))
    labels = rng.integers(0, 3, n)
    return np.clip(centres[labels] + 0.05 * rng.standard_normal((n, 8)), 0, 1), labels


def test_training_lowers_cost_and_raises_accuracy(rng):
    X, y = blobs(rng)
    net = Network((8, 6, 3), seed=0)
    history = train(net, X, y, epochs=15, learning_rate=3.0, test_images=X, test_labels=y, progress=False)
    assert len(history.records) == 16 and history.records[0].epoch == 0
    assert history.final.train_cost < 0.5 * history.records[0].train_cost
    assert history.final.test_accuracy > 0.9
    assert history.final.test_correct == round(history.final.test_accuracy * len(y))


def test_same_seed_same_network(rng):
    X, y = blobs(rng)
    nets = [Network((8, 6, 3), seed=0) for _ in range(3)]
    for net, seed in zip(nets, (5, 5, 6)):
        train(net, X, y, epochs=2, seed=seed, progress=False)
    np.testing.assert_array_equal(nets[0].parameters_vector(), nets[1].parameters_vector())
    assert not np.array_equal(nets[0].parameters_vector(), nets[2].parameters_vector())


def test_checkpoints_and_callback(rng):
    X, y = blobs(rng, 60)
    net = Network((8, 6, 3), seed=0)
    start = net.parameters_vector()
    seen = []
    history = train(net, X, y, epochs=3, checkpoint_epochs=[0, 2], progress=False,
                    callback=lambda n, rec: seen.append(rec.epoch))
    assert seen == [0, 1, 2, 3]
    assert sorted(history.checkpoints) == [0, 2]
    np.testing.assert_array_equal(history.checkpoints[0], start)
    assert not np.array_equal(history.checkpoints[2], start)
    assert history.column("train_cost").shape == (4,)


def test_shuffled_labels_train_against_a_fixed_relabelling(rng):
    X, y = blobs(rng)
    net = Network((8, 6, 3), seed=0)
    history = train(net, X, y, epochs=3, shuffle_labels=True, test_images=X, test_labels=y, progress=False)
    # the network can no longer learn the real rule from shuffled labels
    assert history.final.test_accuracy < 0.6


def test_bad_settings_are_clear_errors(rng):
    X, y = blobs(rng, 20)
    with pytest.raises(NNLibError, match="learning rate"):
        train(Network((8, 3), seed=0), X, y, learning_rate=0, progress=False)
    with pytest.raises(NNLibError, match="rows of 5"):
        train(Network((5, 3), seed=0), X, y, progress=False)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
def test_sgd_step_is_exactly_one_backprop_step(activation: str, cost: str) -> None:
    """The fast in-place step training uses moves every parameter by exactly learning_rate * gradient."""
    rng = np.random.default_rng(3)
    net = Network((12, 5, 4, 3), hidden_activation=activation, seed=1)
    X, Y = rng.random((7, 12)), np.eye(3)[rng.integers(0, 3, 7)]
    steps_w, steps_b = net.backprop(X, Y, cost, scale=0.5)
    expected = [w - s for w, s in zip(net.weights, steps_w)] + [b - s for b, s in zip(net.biases, steps_b)]
    gw, gb = net.gradient(X, Y.argmax(axis=1), cost)
    assert np.allclose(steps_w[0], 0.5 * gw[0]) and np.allclose(steps_b[-1], 0.5 * gb[-1])
    net.sgd_step(X, Y, 0.5, cost)
    for got, want in zip(net.weights + net.biases, expected):
        assert np.array_equal(got, want)


def test_training_refuses_an_infinite_rate_and_a_diverging_run(monkeypatch):
    import numpy as np
    import pytest

    from nnlib import Network, NNLibError, train

    rng = np.random.default_rng(0)
    X, y = rng.random((20, 784)), rng.integers(0, 10, 20)
    with pytest.raises(NNLibError, match="finite learning rate"):
        train(Network((784, 5, 10), seed=0), X, y, epochs=1, learning_rate=float("inf"), progress=False)
    net = Network((784, 5, 10), seed=0)
    monkeypatch.setattr("nnlib.training.descend_one_epoch",  # an epoch that blows up
                        lambda net, *args: net.weights[0].__setitem__((0, 0), np.nan))
    with pytest.raises(NNLibError, match="diverged"):
        train(net, X, y, epochs=3, learning_rate=3.0, progress=False)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
@pytest.mark.parametrize("shrink", [0.0, 0.01])
def test_an_epoch_of_training_is_bit_for_bit_the_teaching_steps(activation: str, cost: str, shrink: float) -> None:
    """training.descend_one_epoch (the unrolled loop train uses) gives exactly the weights that calling
    Network.sgd_step on each mini-batch gives: same arithmetic, same order, including a last short batch."""
    from nnlib.training import descend_one_epoch

    rng = np.random.default_rng(5)
    X, Y = rng.random((47, 12)), np.eye(3)[rng.integers(0, 3, 47)]
    order = rng.permutation(47)
    fast = Network((12, 6, 5, 3), hidden_activation=activation, seed=2)
    teaching = fast.copy()
    descend_one_epoch(fast, X, Y, order, 10, 0.7, cost, shrink)
    for at in range(0, 47, 10):
        batch = order[at:at + 10]
        teaching.sgd_step(X[batch], Y[batch], 0.7, cost, shrink)
    assert not np.array_equal(fast.parameters_vector(), Network((12, 6, 5, 3), activation, seed=2).parameters_vector())
    assert np.array_equal(fast.parameters_vector(), teaching.parameters_vector())


@pytest.mark.parametrize("sizes, batch_size, learning_rate", [
    ((12, 3), 1, 1.0),            # one layer only: the output delta goes straight into the step; no scaling
    ((12, 7, 6, 5, 3), 4, 2.5),   # four layers, a last batch of 3
    ((12, 6, 3), 100, 0.3),       # one batch bigger than the data set
])
def test_descend_one_epoch_matches_the_teaching_steps_for_other_shapes(sizes, batch_size: int,
                                                                       learning_rate: float) -> None:
    """Bit-for-bit the teaching steps for any depth and batch size, and the network's own arrays are the ones
    updated (a scene or a caller holding ``net.weights[0]`` sees the trained weights)."""
    from nnlib.training import descend_one_epoch

    rng = np.random.default_rng(11)
    X, Y = rng.random((47, 12)), np.eye(3)[rng.integers(0, 3, 47)]
    order = rng.permutation(47)
    fast = Network(sizes, seed=4)
    teaching = fast.copy()
    held = fast.weights + fast.biases
    descend_one_epoch(fast, X, Y, order, batch_size, learning_rate, "quadratic", 0.001)
    for at in range(0, 47, batch_size):
        batch = order[at:at + batch_size]
        teaching.sgd_step(X[batch], Y[batch], learning_rate, "quadratic", 0.001)
    assert all(a is b for a, b in zip(held, fast.weights + fast.biases))
    assert not np.array_equal(fast.parameters_vector(), Network(sizes, seed=4).parameters_vector())
    assert np.array_equal(fast.parameters_vector(), teaching.parameters_vector())


def test_records_measured_alongside_the_next_epoch_are_those_of_the_network_after_each_epoch(rng):
    """train() measures each epoch's network on a helper thread while the next epoch learns; every record must
    still be exactly what measuring in between epochs gives, and the callback must see that epoch's network."""
    X, y = blobs(rng, 400)
    net = Network((8, 6, 3), seed=0)
    seen: list[tuple[int, np.ndarray]] = []
    history = train(net, X, y, epochs=4, learning_rate=3.0, seed=7, test_images=X[:50], test_labels=y[:50],
                    progress=False,
                    callback=lambda snapshot, rec: seen.append((rec.epoch, snapshot.parameters_vector())))

    replay, order_rng, targets = Network((8, 6, 3), seed=0), np.random.default_rng(7), np.eye(3)[y]
    for epoch, rec in enumerate(history.records):
        if epoch:
            descend_one_epoch(replay, X, targets, order_rng.permutation(len(X)), 10, 3.0)
        assert rec.epoch == epoch
        assert (rec.train_cost, rec.train_accuracy) == measure(replay, X, y, "quadratic")[:2]
        assert (rec.test_cost, rec.test_accuracy, rec.test_correct) == measure(replay, X[:50], y[:50], "quadratic")
        assert seen[epoch][0] == epoch and np.array_equal(seen[epoch][1], replay.parameters_vector())
    assert np.array_equal(net.parameters_vector(), replay.parameters_vector())


def test_the_progress_bar_ends_on_the_last_epochs_accuracy(rng, capsys):
    X, y = blobs(rng, 100)
    history = train(Network((8, 6, 3), seed=0), X, y, epochs=3, progress=True)
    shown = capsys.readouterr().err.replace("\r", "\n").strip().splitlines()[-1]
    assert "3/3" in shown and f"epoch 3: train accuracy {history.final.train_accuracy:.2%}" in shown


def test_while_training_blas_leaves_the_learning_a_core_and_afterwards_gets_them_all_back(rng):
    """The helper's big products must not spread over the core the learning runs on (on two cores that made the
    measuring cost a third of the learning's time instead of a tenth); once train() returns, the limit is gone."""
    def blas_threads() -> set[int]:
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    before = blas_threads()
    assert before, "NumPy's BLAS should be visible to threadpoolctl"
    during: list[set[int]] = []
    X, y = blobs(rng, 100)
    train(Network((8, 6, 3), seed=0), X, y, epochs=2, progress=False,
          callback=lambda snapshot, rec: during.append(blas_threads()))
    wanted = max(1, min(min(before), len(os.sched_getaffinity(0)) - 1))
    assert during == [{wanted}] * 3
    assert blas_threads() == before


def test_training_never_gives_blas_more_threads_than_the_user_allowed(rng, monkeypatch):
    """On a machine of eight cores with BLAS held to one thread (OPENBLAS_NUM_THREADS=1, say), train() must not
    raise it to seven."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)))
    during: list[set[int]] = []
    X, y = blobs(rng, 100)
    with threadpool_limits(limits=1, user_api="blas"):
        train(Network((8, 6, 3), seed=0), X, y, epochs=1, progress=False,
              callback=lambda snapshot, rec: during.append(
                  {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}))
    assert during == [{1}] * 2
