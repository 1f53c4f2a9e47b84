"""The shipped evaluation: real test-set figures for exactly the shipped network, and damage said in one line."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import NNLibError, Network, save_network
from nnlib.assets import default_weights_path
from nnlib.evaluation import (MAX_IMAGES, default_evaluation_path, evaluate, evaluation_matches, load_evaluation,
                              weights_digest)


def test_the_shipped_evaluation_is_the_shipped_network_on_the_whole_test_set(mnist, shipped_net):
    shipped = load_evaluation()
    fresh = evaluate(shipped_net, mnist.test_images, mnist.test_labels)
    assert shipped.total == len(mnist.test_labels) == 10_000
    assert shipped.correct == fresh.correct and shipped.accuracy == fresh.accuracy
    np.testing.assert_array_equal(shipped.confusion, fresh.confusion)
    assert shipped.accuracy == shipped_net.metadata["test_accuracy"]
    # the kept images really are those test images, with the network's real answers
    np.testing.assert_allclose(shipped.images, mnist.test_images[shipped.test_indices], atol=1e-6)
    np.testing.assert_array_equal(shipped.labels, mnist.test_labels[shipped.test_indices])
    np.testing.assert_array_equal(shipped.predictions, shipped_net.predict(shipped.images))


def test_the_asset_keeps_at_most_200_test_images_mostly_mistakes():
    ev = load_evaluation()
    assert len(ev.labels) <= MAX_IMAGES and ev.mistakes.sum() > len(ev.labels) / 2
    assert ev.confusion.sum() == ev.total and np.trace(ev.confusion) == ev.correct
    assert np.all((ev.confidences > 0) & (ev.confidences <= 1))


def test_it_matches_only_the_weights_it_measured(tmp_path):
    assert evaluation_matches(default_weights_path())
    other = tmp_path / "other.npz"
    save_network(Network((784, 16, 16, 10), seed=3), other)
    assert not evaluation_matches(other)
    assert weights_digest(default_weights_path()) == load_evaluation().weights_sha256


@pytest.mark.parametrize("damage", ["truncate", "garbage", "missing"])
def test_a_damaged_evaluation_is_one_clear_error(tmp_path, damage):
    path = tmp_path / "evaluation.npz"
    data = default_evaluation_path().read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(NNLibError) as err:
        load_evaluation(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    assert not evaluation_matches(default_weights_path(), path)
