"""What training did to the first layer: the trained weights set against the random ones it started from.

A network trained by ``explainer train`` records its seed in its metadata, and the seed fixes the random weights
training began with, so the starting network can be rebuilt exactly (:func:`starting_network`). Comparing the two
shows something the heatmaps alone hide: a weight only changes when its pixel carries ink in some training image
(the gradient of a first-layer weight is proportional to its pixel's value), so pixels that are black in every
training image keep their starting weights bit for bit. :func:`untouched_inputs` finds them: on MNIST they ring
the border of the image, and their heatmap pixels are pure starting noise.
"""

from __future__ import annotations

import numpy as np

from .network import Network


def starting_network(net: Network) -> Network | None:
    """The random network training started from, rebuilt from the seed in ``net.metadata``; None if the network
    does not record its seed (then its starting point cannot be known)."""
    seed = net.metadata.get("seed")
    if seed is None or isinstance(seed, bool):
        return None
    return Network(net.sizes, net.hidden_activation, seed=int(seed))


def untouched_inputs(net: Network, start: Network) -> np.ndarray:
    """For each input (pixel), True when every first-layer weight from it is exactly its starting value: training
    never moved it. Shape ``(net.sizes[0],)``."""
    trained, initial = np.asarray(net.weights[0]), np.asarray(start.weights[0])
    if trained.shape != initial.shape:
        return np.zeros(net.sizes[0], dtype=bool)
    return np.all(trained == initial, axis=0)
