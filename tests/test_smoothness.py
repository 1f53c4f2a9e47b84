"""nnlib.smoothness: the cost along one weight, with sigmoid neurons and with on/off steps; nnlib.training_data."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import Network, NNLibError
from nnlib.assets import load_sample
from nnlib.smoothness import WeightAddress, cost_along_weight, cost_with_squish, steepest_weight, step
from nnlib.activations import sigmoid
from nnlib.training_data import training_digits


@pytest.fixture(scope="module")
def digits():
    sample = load_sample()
    return sample.images, sample.labels


def test_sigmoid_cost_is_the_networks_own_cost(shipped_net, digits):
    images, labels = digits
    assert cost_with_squish(shipped_net, images, labels, sigmoid) == pytest.approx(shipped_net.cost(images, labels))


def test_step_network_outputs_only_zeros_and_ones_so_its_cost_moves_in_jumps(shipped_net, digits):
    images, labels = digits
    weight = steepest_weight(shipped_net, images, labels)
    curve = cost_along_weight(shipped_net, images, labels, weight, np.linspace(-6, 6, 121))
    # with 0/1 outputs, every example's cost is a whole number, so the average is a multiple of 1/n
    assert np.allclose(curve.step_costs * len(labels), np.round(curve.step_costs * len(labels)))
    assert curve.step_flat_fraction > 0.8 and curve.step_jumps >= 1
    assert curve.sigmoid_flat_fraction == 0.0 and np.all(np.isfinite(curve.sigmoid_slopes))
    assert curve.trained_value == shipped_net.weights[weight.layer][weight.row, weight.column]
    middle = len(curve.values) // 2
    assert curve.sigmoid_costs[middle] == pytest.approx(shipped_net.cost(images, labels))


def test_the_steepest_weight_has_the_largest_gradient(shipped_net, digits):
    images, labels = digits
    weight = steepest_weight(shipped_net, images, labels)
    grads, _ = shipped_net.gradient(images, labels)
    biggest = max(float(np.abs(g).max()) for g in grads)
    assert abs(grads[weight.layer][weight.row, weight.column]) == biggest


def test_the_sweep_never_changes_the_network(shipped_net, digits):
    images, labels = digits
    before = shipped_net.parameters_vector().copy()
    cost_along_weight(shipped_net, images, labels, WeightAddress(0, 0, 0), [-1.0, 0.0, 1.0])
    np.testing.assert_array_equal(shipped_net.parameters_vector(), before)


def test_bad_requests_get_one_clear_error(shipped_net, digits):
    images, labels = digits
    with pytest.raises(NNLibError, match="layer 7"):
        cost_along_weight(shipped_net, images, labels, WeightAddress(7, 0, 0), [0.0, 1.0])
    with pytest.raises(NNLibError, match="outside"):
        cost_along_weight(shipped_net, images, labels, WeightAddress(0, 16, 0), [0.0, 1.0])
    with pytest.raises(NNLibError, match="finite"):
        cost_along_weight(shipped_net, images, labels, WeightAddress(0, 0, 0), [0.0, np.inf])
    with pytest.raises(NNLibError, match="sigmoid"):
        cost_along_weight(Network((784, 5, 10), hidden_activation="relu"), images, labels, WeightAddress(0, 0, 0),
                          [0.0, 1.0])
    assert step(np.array([-1.0, 0.0, 2.0])).tolist() == [0.0, 0.0, 1.0]


def test_training_digits_never_offers_test_images(monkeypatch, tmp_path):
    monkeypatch.setenv("MNIST_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    digits = training_digits()
    assert not digits.from_mnist and "shipped" in digits.description
    assert digits.count == len(load_sample().labels)
