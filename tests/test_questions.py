"""nnlib.questions: each measurement against a trusted reference (finite differences, explicit per-example
gradients), the shipped asset's figures, and one-line errors for a damaged asset."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import Network, NNLibError
from nnlib.analysis import noise_images
from nnlib.assets import load_sample
from nnlib.errors import WeightsFileError
from nnlib.questions import (THRESHOLDS, abstain_curve, check_one_derivative, cost_and_loss, digit_curve,
                             dream_digit, gradient_gram, input_gradient, mean_gradient_cosine, network_digest,
                             recorded_gap, shuffled, time_gradients)
from nnlib.questions_asset import load_questions, measure_questions
from nnlib.costs import one_hot


@pytest.fixture(scope="module")
def batch():
    sample = load_sample()
    picks = np.array([np.flatnonzero(sample.labels == d)[0] for d in range(10)])
    return sample.images[picks], sample.labels[picks]


def test_backprop_agrees_with_a_finite_difference_to_nine_decimals(shipped_net, batch):
    check = check_one_derivative(shipped_net, *batch)
    grad = shipped_net.flat_gradient(*batch)
    assert check.backprop == grad[check.index]
    assert check.name.startswith("w[")  # the default is a weight, the largest partial derivative of the weights
    weights_only = np.concatenate([np.r_[np.abs(g.ravel()), np.full(b.size, -1.0)]
                                   for g, b in zip(shipped_net.gradient(*batch)[0], shipped_net.biases)])
    assert check.index == int(np.argmax(weights_only))
    assert check.difference < 1e-9 and check.agreeing_decimals >= 9
    before = shipped_net.parameters_vector()
    check_one_derivative(shipped_net, *batch, index=5)
    assert np.array_equal(before, shipped_net.parameters_vector()), "the nudges are undone"
    with pytest.raises(NNLibError):
        check_one_derivative(shipped_net, *batch, index=shipped_net.parameter_count)


def test_a_numerical_gradient_needs_two_forward_passes_per_parameter(shipped_net, batch):
    timing = time_gradients(shipped_net, *batch, measured=200, repeats=3)
    assert timing.parameters == 13002 and timing.forward_passes == 26004 and timing.measured == 200
    assert timing.largest_difference < 1e-8
    assert timing.numerical_seconds > timing.backward_seconds > 0 and timing.ratio > 10


def test_input_gradient_matches_a_finite_difference_on_a_pixel(shipped_net, batch):
    x, y = batch[0][3:4].copy(), one_hot(np.array([5]))
    g = input_gradient(shipped_net, x, y)
    for pixel in (200, 406):
        up, down = x.copy(), x.copy()
        up[0, pixel] += 1e-6
        down[0, pixel] -= 1e-6
        cost = lambda z: float(np.sum((shipped_net.output(z) - y) ** 2))  # noqa: E731
        assert g[0, pixel] == pytest.approx((cost(up) - cost(down)) / 2e-6, rel=1e-5, abs=1e-9)


def test_dreaming_a_digit_makes_the_network_sure_of_it(shipped_net):
    dream = dream_digit(shipped_net, 2, np.zeros(784), steps=30, learning_rate=5.0, frames=31)
    assert dream.answer == 2 and dream.confidence > 0.9 > dream.start_outputs[2]
    assert dream.frames.shape == (31, 784) and np.array_equal(dream.frames[-1], dream.image)
    assert dream.image.min() >= 0 and dream.image.max() <= 1
    assert dream.trace[-1] == pytest.approx(dream.confidence)
    with pytest.raises(NNLibError):
        dream_digit(shipped_net, 10, np.zeros(784))


def test_gradient_gram_is_the_dot_products_of_per_example_gradients(shipped_net, batch):
    X, y = batch[0][:6], batch[1][:6]
    each = np.array([shipped_net.flat_gradient(X[i:i + 1], y[i:i + 1]) for i in range(6)])
    assert np.allclose(gradient_gram(shipped_net, X, y), each @ each.T, rtol=1e-10, atol=1e-18)
    same = np.repeat(X[:1], 4, axis=0)
    assert mean_gradient_cosine(shipped_net, same, np.full(4, 3)) == pytest.approx(1.0)
    assert sorted(shuffled(y)) == sorted(y)


def test_the_abstain_curve_counts_what_is_kept_right_and_refused():
    top, right = np.array([0.95, 0.5, 0.92, 0.3]), np.array([True, False, False, True])
    kept, right_of_kept = digit_curve(top, right, np.array([0.0, 0.9, 0.99]))
    assert list(kept) == [1.0, 0.5, 0.0] and list(right_of_kept) == [0.5, 0.5, 1.0]


def test_the_shipped_asset_holds_the_checked_figures(shipped_net):
    asset = load_questions()
    assert asset.describes(shipped_net) and asset.test_images == 10000
    curve = abstain_curve(shipped_net, noise_images(1000, 0), precomputed=asset)
    kept, right, refused = curve.at(0.9)
    assert (round(kept, 3), round(right, 3), round(refused, 3)) == (0.852, 0.946, 0.667)
    assert curve.right_of_kept[0] == pytest.approx(0.8908)  # at threshold 0 it answers everything
    assert asset.class_counts.sum() == 5000 and asset.class_means.shape == (10, 784)
    a = asset.agreement
    assert len(a["epochs"]) == len(a["real_cosine"]) == 201
    assert a["real_cosine"][1:].mean() > 2 * a["shuffled_cosine"][1:].mean()
    assert a["real_accuracy"][-1] > a["shuffled_accuracy"][-1]
    other = Network((784, 16, 16, 10), seed=3)
    assert not asset.describes(other) and network_digest(other) != network_digest(shipped_net)
    with pytest.raises(NNLibError):
        abstain_curve(other, noise_images(10, 0), precomputed=asset)


def test_the_gap_and_the_loss(shipped_net, batch):
    gap = recorded_gap(shipped_net)
    assert (gap.train_accuracy, gap.test_accuracy, gap.train_images) == (0.9574, 0.8908, 5000)
    assert recorded_gap(Network((784, 16, 16, 10), seed=0)) is None
    m = cost_and_loss(shipped_net, *batch)
    assert m.mse_loss == pytest.approx(m.cost / 10) and m.cost == pytest.approx(shipped_net.cost(*batch))


def test_a_damaged_asset_is_one_clear_error(tmp_path):
    bad = tmp_path / "questions.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(WeightsFileError, match="questions"):
        load_questions(bad)
    with pytest.raises(WeightsFileError, match="python -m nnlib.questions"):
        load_questions(tmp_path / "missing.npz")


def test_measuring_the_asset_on_mnist(mnist, shipped_net, tmp_path):
    asset = measure_questions(shipped_net, mnist, subset=40, epochs=2)
    assert asset.describes(shipped_net) and np.array_equal(asset.thresholds, THRESHOLDS)
    assert asset.test_images == len(mnist.test_labels) and len(asset.agreement["real_cosine"]) == 3
