"""nnlib.augment and nnlib.tweaks: jittered digits stay digits; the shipped comparison is real and readable."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import NNLibError
from nnlib.assets import load_sample
from nnlib.augment import augment
from nnlib.tweaks import RECIPES, load_tweaks, default_tweaks_path, train_recipe


def test_augmented_copies_are_seeded_small_changes_of_each_digit(shipped_net):
    sample = load_sample()
    images = sample.images[:5]
    copies = augment(images, copies=2, seed=4)
    assert copies.shape == (10, 784) and copies.min() >= 0 and copies.max() <= 1
    np.testing.assert_array_equal(copies, augment(images, copies=2, seed=4))
    assert not np.array_equal(copies[:5], images)
    # a copy keeps most of its ink, and is still read as the same digit by the trained network
    assert np.all(np.abs(copies[:5].sum(axis=1) - images.sum(axis=1)) < 0.3 * images.sum(axis=1))
    jittered = augment(sample.images, copies=1, seed=0)
    assert shipped_net.accuracy(jittered, sample.labels) > 0.5  # (chance: 0.1; the untweaked network is fragile)
    with pytest.raises(NNLibError):
        augment(np.zeros((3, 10)))


def test_the_shipped_comparison_has_every_recipe_over_three_seeds(shipped_net):
    comparison = load_tweaks()
    assert comparison.recipes == tuple(RECIPES) and comparison.accuracies.shape == (2, 3)
    assert comparison.test_images == 10_000 and comparison.training_images == 5_000
    # the baseline is the shipped network's recipe: its mean is near the shipped network's own test accuracy
    assert abs(comparison.mean("baseline") - shipped_net.metadata["test_accuracy"]) < 0.03
    assert comparison.mean("tweaked") > comparison.mean("baseline")
    assert 0 <= comparison.spread("tweaked") < 0.05
    with pytest.raises(NNLibError, match="no recipe"):
        comparison.mean("magic")


def test_a_damaged_comparison_is_one_clear_error(tmp_path):
    bad = tmp_path / "tweaks.npz"
    bad.write_bytes(default_tweaks_path().read_bytes()[:300])
    with pytest.raises(NNLibError) as err:
        load_tweaks(bad)
    assert str(bad) in str(err.value) and "\n" not in str(err.value)


def test_a_recipe_trains_reproducibly_from_its_seed():
    sample = load_sample()
    a = train_recipe("tweaked", sample.images[:40], sample.labels[:40], seed=1)
    b = train_recipe("tweaked", sample.images[:40], sample.labels[:40], seed=1)
    np.testing.assert_array_equal(a.parameters_vector(), b.parameters_vector())
