"""The shipped assets: the trained network scores what its metadata says, and the sample is training data."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.assets import load_sample


def test_shipped_network_scores_at_least_89_percent(shipped_net, mnist):
    assert shipped_net.sizes == (784, 16, 16, 10) and shipped_net.hidden_activation == "sigmoid"
    accuracy = shipped_net.accuracy(mnist.test_images, mnist.test_labels)
    assert accuracy >= 0.89
    assert accuracy == pytest.approx(shipped_net.metadata["test_accuracy"])
    assert shipped_net.cost(mnist.test_images, mnist.test_labels) == pytest.approx(shipped_net.metadata["test_cost"])


def test_metadata_records_how_it_was_trained(shipped_net):
    meta = shipped_net.metadata
    assert meta["cost"] == "quadratic"
    assert meta["training"]["epochs"] == 30 and meta["training"]["batch_size"] == 10
    assert meta["command"].startswith("explainer train")


def test_sample_has_ten_training_digits_per_class(mnist):
    sample = load_sample()
    assert np.bincount(sample.labels, minlength=10).tolist() == [10] * 10
    # each image is the training image it claims to be
    np.testing.assert_allclose(sample.images, mnist.train_images[sample.source_indices], atol=1 / 510)
    np.testing.assert_array_equal(sample.labels, mnist.train_labels[sample.source_indices])
