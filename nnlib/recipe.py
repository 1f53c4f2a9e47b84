"""The videos' recipe, written down once: every default in nnlib that means "as in the video" reads it from here.

The network of "But what is a neural network?" has 784 inputs, two hidden layers of 16 sigmoid neurons and 10
outputs; "Gradient descent, how neural networks learn" trains it with the quadratic cost by mini-batch gradient
descent. The batch size, learning rate and number of epochs are those of Nielsen's book, which the videos follow.

>>> VIDEO_RECIPE.sizes, VIDEO_RECIPE.epochs, VIDEO_RECIPE.learning_rate
((784, 16, 16, 10), 30, 3.0)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Recipe:
    """How to build and train a network: layer sizes, activation, cost and the gradient-descent settings."""

    sizes: tuple[int, ...] = (784, 16, 16, 10)
    hidden_activation: str = "sigmoid"
    cost: str = "quadratic"
    epochs: int = 30
    batch_size: int = 10
    learning_rate: float = 3.0
    seed: int = 0


#: The recipe of the videos (and of the shipped network, ``explainer train --seed 0``).
VIDEO_RECIPE = Recipe()
