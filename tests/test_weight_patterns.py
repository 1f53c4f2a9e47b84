"""nnlib.weight_patterns: a tidy local detector keeps its weight in one patch; static spreads it everywhere."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.edge_detector import edge_detector_weights
from nnlib.errors import NNLibError
from nnlib.weight_patterns import patch_share


def test_a_single_pixel_and_a_uniform_image():
    one = np.zeros(784)
    one[300] = -2.0
    uniform = np.ones(784)
    shares = patch_share(np.stack([one, uniform, np.zeros(784)]), size=14)
    assert shares[0] == pytest.approx(1.0)                      # all its weight in any patch covering the pixel
    assert shares[1] == pytest.approx(14 * 14 / 784)            # weight spread evenly: the patch's share of area
    assert shares[2] == 0.0


def test_designed_detector_is_local_and_static_is_not():
    detector = edge_detector_weights(row=14, col=17.5, length=8, angle=90)
    noise = np.random.default_rng(0).standard_normal((20, 784))
    assert patch_share(detector, size=12)[0] > 0.9
    assert np.all(patch_share(noise, size=12) < 0.3)


def test_bad_input_is_one_clear_error():
    with pytest.raises(NNLibError, match="784"):
        patch_share(np.zeros(10))
    with pytest.raises(NNLibError, match="patch size"):
        patch_share(np.zeros(784), size=40)
