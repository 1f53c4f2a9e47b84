"""The network's maths: shapes, the flat parameter view, and backprop checked against finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import Network, NNLibError
from nnlib.costs import one_hot
from nnlib.network import locate_parameter


def test_video_network_has_13002_parameters():
    net = Network((784, 16, 16, 10), seed=0)
    assert net.parameter_count == 13002
    assert net.layer_parameter_counts() == [(12544, 16), (256, 16), (160, 10)]
    assert [w.shape for w in net.weights] == [(16, 784), (16, 16), (10, 16)]


def test_forward_returns_every_layer_and_sums(rng):
    net = Network((784, 16, 16, 10), seed=0)
    X = rng.random((5, 784))
    acts, sums = net.forward_pass(X)
    assert [a.shape for a in acts] == [(5, 784), (5, 16), (5, 16), (5, 10)]
    # a(1) = sigmoid(W a(0) + b), written out for one example
    z = net.weights[0] @ X[2] + net.biases[0]
    np.testing.assert_allclose(sums[0][2], z)
    np.testing.assert_allclose(acts[1][2], 1 / (1 + np.exp(-z)))
    assert np.all((acts[-1] > 0) & (acts[-1] < 1))
    np.testing.assert_array_equal(net.predict(X), np.argmax(acts[-1], axis=1))


def test_single_image_is_a_batch_of_one(rng):
    net = Network((784, 16, 16, 10), seed=3)
    x = rng.random(784)
    np.testing.assert_allclose(net.output(x)[0], net.output(x[None])[0])


def test_wrong_input_size_is_a_clear_error(rng):
    net = Network((784, 16, 16, 10), seed=0)
    with pytest.raises(NNLibError, match="rows of 784"):
        net.forward(rng.random((2, 100)))


def test_seed_makes_initialisation_reproducible():
    a, b, c = Network((4, 3, 2), seed=7), Network((4, 3, 2), seed=7), Network((4, 3, 2), seed=8)
    np.testing.assert_array_equal(a.parameters_vector(), b.parameters_vector())
    assert not np.array_equal(a.parameters_vector(), c.parameters_vector())


def test_quadratic_cost_is_the_videos_formula(rng):
    net = Network((6, 4, 3), seed=1)
    X, labels = rng.random((8, 6)), rng.integers(0, 3, 8)
    out = net.output(X)
    expected = np.mean([np.sum((out[i] - np.eye(3)[labels[i]]) ** 2) for i in range(8)])
    assert net.cost(X, labels) == pytest.approx(expected)


def test_flat_vector_round_trip_and_locations():
    net = Network((5, 4, 3), seed=2)
    vec = net.parameters_vector()
    assert vec.shape == (net.parameter_count,)
    np.testing.assert_array_equal(net.with_parameters(vec).parameters_vector(), vec)
    # every flat index points at the entry holding the same value
    for i in range(net.parameter_count):
        loc = net.parameter_location(i)
        value = net.biases[loc.layer][loc.row] if loc.kind == "bias" else net.weights[loc.layer][loc.row, loc.column]
        assert value == vec[i]
    sizes = (784, 16, 16, 10)
    assert str(locate_parameter(0, sizes)) == "w[0][0, 0]"
    assert str(locate_parameter(12544, sizes)) == "b[0][0]"
    assert str(locate_parameter(13001, sizes)) == "b[2][9]"
    with pytest.raises(NNLibError, match="out of range"):
        locate_parameter(13002, sizes)


def numerical_gradient(net: Network, X, labels, cost: str, eps: float = 1e-6) -> np.ndarray:
    """Central finite differences of net.cost over every parameter."""
    theta = net.parameters_vector()
    grad = np.empty_like(theta)
    for i in range(theta.size):
        up, down = theta.copy(), theta.copy()
        up[i] += eps
        down[i] -= eps
        grad[i] = (net.with_parameters(up).cost(X, labels, cost) - net.with_parameters(down).cost(X, labels, cost)) / (2 * eps)
    return grad


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
def test_backprop_matches_finite_differences(activation, cost, rng):
    net = Network((7, 5, 4, 3), hidden_activation=activation, seed=11)
    # small weights keep the check away from ReLU kinks and saturated sigmoids
    net.set_parameters_vector(net.parameters_vector() * 0.5)
    X, labels = rng.random((6, 7)), rng.integers(0, 3, 6)
    analytic = net.flat_gradient(X, labels, cost)
    numeric = numerical_gradient(net, X, labels, cost)
    relative = np.linalg.norm(analytic - numeric) / max(np.linalg.norm(analytic) + np.linalg.norm(numeric), 1e-12)
    assert relative < 1e-6


def test_gradient_accepts_one_hot_targets(rng):
    net = Network((6, 4, 3), seed=0)
    X, labels = rng.random((4, 6)), np.array([0, 2, 1, 2])
    a = net.flat_gradient(X, labels)
    b = net.flat_gradient(X, one_hot(labels, 3))
    np.testing.assert_array_equal(a, b)


def test_unknown_activation_and_cost():
    with pytest.raises(NNLibError, match="unknown activation"):
        Network((3, 2), hidden_activation="tanh")
    with pytest.raises(NNLibError, match="unknown cost"):
        Network((3, 2)).cost(np.zeros((1, 3)), [0], cost="hinge")
