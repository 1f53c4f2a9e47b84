"""The videos' recipe is one frozen object, and the defaults and the shipped network follow it."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from nnlib.recipe import VIDEO_RECIPE
from nnlib.training import train


def test_the_recipe_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        VIDEO_RECIPE.epochs = 5


def test_trains_defaults_are_the_recipe():
    defaults = {k: p.default for k, p in inspect.signature(train).parameters.items()}
    assert (defaults["epochs"], defaults["batch_size"], defaults["learning_rate"], defaults["cost"]) == \
        (VIDEO_RECIPE.epochs, VIDEO_RECIPE.batch_size, VIDEO_RECIPE.learning_rate, VIDEO_RECIPE.cost)


def test_the_shipped_network_was_trained_by_the_recipe(shipped_net):
    meta = shipped_net.metadata
    assert tuple(meta["sizes"]) == VIDEO_RECIPE.sizes and meta["hidden_activation"] == VIDEO_RECIPE.hidden_activation
    training = meta["training"]
    assert (training["epochs"], training["batch_size"], training["learning_rate"]) == \
        (VIDEO_RECIPE.epochs, VIDEO_RECIPE.batch_size, VIDEO_RECIPE.learning_rate)
    assert meta["cost"] == VIDEO_RECIPE.cost and meta["seed"] == VIDEO_RECIPE.seed
