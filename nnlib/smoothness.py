"""Why the neurons' activations must be continuous: the real cost along one weight, with sigmoid and with on/off.

Gradient descent needs a cost that changes a little when a parameter changes a little, so that the slope says which
way is down. This module makes the point with the real network rather than a picture. Take one weight of the
network, slide it through a range of values while every other weight and bias stays fixed, and measure the average
cost over real training digits at each value. Do it twice:

* with the network as it is, every neuron a sigmoid: the cost traces a smooth curve whose slope is rarely zero;
* with the *same* weights and biases but every neuron a step function (on, 1, when its weighted sum plus bias is
  above 0; off, 0, otherwise): the outputs are all 0 or 1, so the cost can only change when some neuron for some
  digit flips. The curve is flat steps with jumps between them, and its slope is zero almost everywhere: a ball on
  it has nowhere to roll.

>>> curve = cost_along_weight(net, images, labels, steepest_weight(net, images, labels), offsets)  # doctest: +SKIP
>>> curve.step_flat_fraction  # doctest: +SKIP
0.93
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from .activations import sigmoid
from .costs import one_hot, quadratic_cost
from .errors import NNLibError
from .network import Network

Squish = Callable[[np.ndarray], np.ndarray]


def step(z: np.ndarray) -> np.ndarray:
    """The on/off neuron: 1 where ``z > 0``, else 0. Its derivative is 0 everywhere it is defined."""
    return (np.asarray(z) > 0).astype(np.float64)


@dataclass(frozen=True)
class WeightAddress:
    """One weight: ``layer`` (0 = the weights into the first hidden layer), the receiving neuron ``row``, and the
    sending neuron (or pixel) ``column``."""

    layer: int
    row: int
    column: int


@dataclass(frozen=True)
class CostAlongWeight:
    """The average quadratic cost over ``example_count`` digits as one weight is slid through ``values``.

    ``sigmoid_costs[i]`` is the real network's cost with the weight set to ``values[i]``; ``step_costs[i]`` is the
    cost of the same weights with every neuron replaced by an on/off step. ``trained_value`` is the weight's own
    value, where the sweep is centred.
    """

    weight: WeightAddress
    values: np.ndarray
    trained_value: float
    sigmoid_costs: np.ndarray
    step_costs: np.ndarray
    example_count: int

    @property
    def sigmoid_slopes(self) -> np.ndarray:
        """The slope of the sigmoid curve between neighbouring values (one fewer than the values)."""
        return np.diff(self.sigmoid_costs) / np.diff(self.values)

    @property
    def step_slopes(self) -> np.ndarray:
        """The slope of the step curve between neighbouring values: zero wherever no neuron flipped."""
        return np.diff(self.step_costs) / np.diff(self.values)

    @property
    def step_flat_fraction(self) -> float:
        """The share of the intervals between neighbouring values on which the step network's cost does not move."""
        return float(np.mean(np.diff(self.step_costs) == 0.0))

    @property
    def sigmoid_flat_fraction(self) -> float:
        """The same share for the sigmoid network (almost always 0: its cost moves under every nudge)."""
        return float(np.mean(np.diff(self.sigmoid_costs) == 0.0))

    @property
    def step_jumps(self) -> int:
        """How many times the step network's cost jumps along the sweep."""
        return int(np.count_nonzero(np.diff(self.step_costs)))


def cost_with_squish(net: Network, images: np.ndarray, labels: np.ndarray, squish: Squish) -> float:
    """The average quadratic cost of ``net``'s weights and biases when every neuron uses ``squish``."""
    a = np.asarray(images, dtype=np.float64)
    for w, b in zip(net.weights, net.biases):
        a = squish(a @ w.T + b)
    return quadratic_cost(a, one_hot(np.asarray(labels), net.sizes[-1]))


def steepest_weight(net: Network, images: np.ndarray, labels: np.ndarray) -> WeightAddress:
    """The weight whose nudge changes the cost on these digits the most (largest |dC/dw|, by backpropagation)."""
    weight_gradients, _ = net.gradient(images, labels)
    best = max(range(len(weight_gradients)), key=lambda l: float(np.max(np.abs(weight_gradients[l]))))
    row, column = np.unravel_index(int(np.argmax(np.abs(weight_gradients[best]))), weight_gradients[best].shape)
    return WeightAddress(int(best), int(row), int(column))


def cost_along_weight(net: Network, images: np.ndarray, labels: np.ndarray, weight: WeightAddress,
                      offsets: Sequence[float]) -> CostAlongWeight:
    """Slide ``weight`` to its trained value plus each of ``offsets`` and measure both costs at each point.

    Only sigmoid networks are compared (a ReLU network's answer would need a different story), and ``net`` is
    never changed: the sweep works on a copy.
    """
    if net.hidden_activation != "sigmoid":
        raise NNLibError(f"the smooth-versus-step comparison needs a sigmoid network; this one uses "
                         f"{net.hidden_activation}")
    if not 0 <= weight.layer < len(net.weights):
        raise NNLibError(f"weight layer {weight.layer} does not exist; the network has {len(net.weights)}")
    rows, columns = net.weights[weight.layer].shape
    if not (0 <= weight.row < rows and 0 <= weight.column < columns):
        raise NNLibError(f"weight ({weight.row}, {weight.column}) is outside layer {weight.layer}'s {rows}x{columns}")
    offsets = np.asarray(offsets, dtype=np.float64)
    if offsets.ndim != 1 or len(offsets) < 2 or not np.all(np.isfinite(offsets)):
        raise NNLibError("offsets must be at least two finite numbers")
    probe = net.copy()
    trained = float(net.weights[weight.layer][weight.row, weight.column])
    values = trained + offsets
    smooth, stepped = np.empty(len(values)), np.empty(len(values))
    for i, value in enumerate(values):
        probe.weights[weight.layer][weight.row, weight.column] = value
        smooth[i] = cost_with_squish(probe, images, labels, sigmoid)
        stepped[i] = cost_with_squish(probe, images, labels, step)
    return CostAlongWeight(weight, values, trained, smooth, stepped, int(len(labels)))

