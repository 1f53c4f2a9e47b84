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


def test_elastic_copies_bend_each_digit_a_little_and_are_seeded(shipped_net):
    from nnlib.assets import load_sample

    images = load_sample().images[:20]
    bent = augment(images, copies=1, seed=7, max_shift=0, max_degrees=0, elastic_strength=16)
    np.testing.assert_array_equal(bent, augment(images, copies=1, seed=7, max_shift=0, max_degrees=0,
                                                elastic_strength=16))
    changed = np.abs(bent - images).mean(axis=1)
    assert (changed > 0.01).all()  # every digit moved...
    ink_kept = bent.sum(axis=1) / images.sum(axis=1)
    assert (ink_kept > 0.5).all() and (ink_kept < 1.5).all()  # ...but stayed a stroke of about the same ink
    assert shipped_net.accuracy(bent, load_sample().labels[:20]) >= 0.8  # and mostly still reads as its digit


def test_weight_decay_shrinks_the_weights_and_zero_decay_changes_nothing():
    from nnlib import Network, train
    from nnlib.assets import load_sample

    sample = load_sample()
    nets = {decay: Network((784, 8, 10), seed=1) for decay in (0.0, 50.0)}
    for decay, net in nets.items():
        train(net, sample.images, sample.labels, epochs=2, learning_rate=1.0, weight_decay=decay, progress=False)
    plain = Network((784, 8, 10), seed=1)
    train(plain, sample.images, sample.labels, epochs=2, learning_rate=1.0, progress=False)
    np.testing.assert_array_equal(plain.parameters_vector(), nets[0.0].parameters_vector())
    norms = {decay: sum(float(np.sum(w ** 2)) for w in net.weights) for decay, net in nets.items()}
    assert norms[50.0] < 0.8 * norms[0.0]
