"""The hand-designed edge detector and the rules that pick what chapter 1 shows."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import NNLibError
from nnlib.activations import sigmoid
from nnlib.assets import load_sample
from nnlib.edge_detector import (best_weighted_sum, detector_response, edge_detector_bias, edge_detector_weights,
                                 split_sum)
from nnlib.picks import inkiest_run, least_saturated


def test_vertical_stroke_is_positive_on_the_stroke_and_negative_around_it():
    w = edge_detector_weights(row=14, col=17.5, length=8, angle=90).reshape(28, 28)
    assert (w[10:19, 17:19] == 1).all() and (w > 0).sum() == 18             # a stroke 2 pixels wide, 9 tall
    assert w[14, 16] < 0 and w[14, 15] < 0 and w[14, 19] < 0 and w[14, 20] < 0 and w[8, 18] < 0   # around it
    assert w[14, 14] == 0 and w[14, 21] == 0 and w[2, 18] == 0 and w[25, 25] == 0   # far away: no opinion
    assert set(np.unique(w[w < 0])) == {w.min()}, "one negative value all round"
    assert w.sum() == pytest.approx(0, abs=1e-9), "balanced: a uniform image sums to zero"


def test_angle_turns_the_stroke():
    flat = edge_detector_weights(row=7, col=14, length=10, angle=0).reshape(28, 28)
    assert flat[7, 10] == 1 and flat[7, 18] == 1 and flat[10, 14] < 0 and flat[2, 14] == 0
    diagonal = edge_detector_weights(row=14, col=14, length=10, angle=45).reshape(28, 28)
    assert diagonal[11, 17] == 1 and diagonal[17, 11] == 1 and diagonal[11, 11] <= 0   # up and to the right


def test_bias_and_best_sum_are_read_off_the_weights():
    w = edge_detector_weights(row=14, col=17.5, length=8, angle=90)
    best = best_weighted_sum(w)
    assert best == (w > 0).sum()
    perfect = (w > 0).astype(float)                       # ink exactly on the stroke, nothing around
    assert perfect @ w == pytest.approx(best)
    assert edge_detector_bias(w) == -best / 2 and edge_detector_bias(w, 0.25) == -best / 4
    blob = np.ones(784)                                   # ink everywhere
    sums, activations = detector_response(w, edge_detector_bias(w), blob)
    assert sums[0] == pytest.approx(0, abs=1e-9) and activations[0] < 0.001


def test_response_on_real_digits_is_weighted_sum_and_sigmoid():
    sample = load_sample()
    w = edge_detector_weights(row=14, col=17.5, length=8, angle=90)
    b = edge_detector_bias(w)
    sums, activations = detector_response(w, b, sample.images)
    np.testing.assert_allclose(sums, [float(np.dot(img, w)) for img in sample.images], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(activations, sigmoid(sums + b))
    on, around = split_sum(w, sample.images)
    np.testing.assert_allclose(on + around, sums, atol=1e-9)
    assert (on >= 0).all() and (around <= 0).all()
    # a stroke on the right of the middle: digits with a line there (4s and 9s) answer, round 0s do not
    assert int(sample.labels[np.argmax(sums)]) in (4, 9) and int(sample.labels[np.argmin(sums)]) == 0


def test_bad_detector_input_is_one_clear_error():
    with pytest.raises(NNLibError, match="row"):
        edge_detector_weights(row=40, col=3, length=5, angle=0)
    with pytest.raises(NNLibError, match="half_width"):
        edge_detector_weights(row=4, col=3, length=5, angle=0, half_width=0)
    with pytest.raises(NNLibError, match="fraction"):
        edge_detector_bias(np.ones(784), 2)
    with pytest.raises(NNLibError, match="pixels"):
        detector_response(np.ones(784), 0.0, np.ones(100))


def test_picks():
    assert least_saturated([0.01, 0.97, 0.41, 0.62]) == 2
    image = np.zeros((28, 28))
    image[9, 5:9] = 0.9
    image[20, 10:14] = 1.0
    assert inkiest_run(image) == 20 * 28 + 10
    assert inkiest_run(image, length=2) == 20 * 28 + 10
    with pytest.raises(NNLibError):
        least_saturated([])


def test_the_untouched_border_of_the_shipped_first_layer(shipped_net):
    from nnlib import Network
    from nnlib.first_layer import starting_network, untouched_inputs

    start = starting_network(shipped_net)
    assert start is not None and start.sizes == shipped_net.sizes
    untouched = untouched_inputs(shipped_net, start).reshape(28, 28)
    assert untouched[0].all() and untouched[:2, :2].all() and untouched[-2:, -2:].all(), "top row, corners"
    assert not untouched[8:20, 8:20].any(), "the middle of the image was trained"
    moved = ~untouched
    assert (shipped_net.weights[0][:, moved.ravel()] != start.weights[0][:, moved.ravel()]).any(axis=0).all()
    assert starting_network(Network((4, 3, 2), seed=None)) is None     # no recorded seed: no known start
