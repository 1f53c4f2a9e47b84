"""Analyses behind chapter 2: what the cost measures, where the network fails, and what it does with noise.

Each function takes a network and data and returns plain numbers, so a scene can show them and a test can check
them against :class:`~nnlib.network.Network`'s own methods:

* :func:`cost_of_example` -- the cost of one image broken into its ten squared differences (a_j - y_j)^2.
* :func:`average_cost` -- the cost of the network: the mean of that over many examples.
* :func:`misclassified` -- the images the network gets wrong, with its guesses and how sure it was.
* :func:`noise_images`, :func:`output_statistics`, :func:`compare_noise_with_digits` -- random noise in,
  confident nonsense out, measured over many noise images against real digits.
* :func:`gradient_nudges` -- -grad C of a mini-batch as one column of 13,002 nudges, with the ones that matter most.
* :func:`neighbour_correlation` -- how much a first-layer weight image looks like a picture (smooth) rather than
  static: the correlation between horizontally adjacent weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .costs import one_hot
from .errors import NNLibError
from .network import Network, ParameterLocation


# ---------------------------------------------------------------------------------------------- cost
@dataclass(frozen=True)
class ExampleCost:
    """The cost of one example, term by term.

    ``output`` is what the network gives (10 activations), ``target`` what we wanted (a 1 at the label, 0
    elsewhere), ``terms[j] = (output[j] - target[j])^2`` and ``total`` their sum -- exactly ``net.cost`` on this
    one image.
    """

    label: int
    output: np.ndarray
    target: np.ndarray
    terms: np.ndarray
    total: float

    @property
    def prediction(self) -> int:
        """The digit whose output neuron is brightest."""
        return int(np.argmax(self.output))


def cost_of_example(net: Network, image: np.ndarray, label: int) -> ExampleCost:
    """Feed one image forward and write its cost as ten squared differences and their sum."""
    image = np.asarray(image, dtype=np.float64).reshape(-1)
    label = int(label)
    if not 0 <= label < net.sizes[-1]:
        raise NNLibError(f"label {label} is not one of the network's {net.sizes[-1]} outputs")
    output = net.output(image)[0]
    target = one_hot(np.array([label]), net.sizes[-1])[0]
    terms = (output - target) ** 2
    return ExampleCost(label, output, target, terms, float(terms.sum()))


@dataclass(frozen=True)
class AverageCost:
    """The cost of the network over ``count`` examples: the mean of their costs (``value``), and the spread."""

    value: float
    count: int
    per_example: np.ndarray

    @property
    def median(self) -> float:
        return float(np.median(self.per_example))


def example_costs(net: Network, images: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Each example's own cost sum_j (a_j - y_j)^2, shape ``(n,)``."""
    labels = np.asarray(labels)
    out = net.output(images)
    if len(out) != len(labels):
        raise NNLibError(f"{len(out)} images but {len(labels)} labels")
    return np.sum((out - one_hot(labels, net.sizes[-1])) ** 2, axis=1)


def average_cost(net: Network, images: np.ndarray, labels: np.ndarray) -> AverageCost:
    """The average cost over the examples -- equal to ``net.cost(images, labels)`` -- with each example's cost."""
    costs = example_costs(net, images, labels)
    return AverageCost(float(costs.mean()), int(len(costs)), costs)


# ---------------------------------------------------------------------------------------------- mistakes
@dataclass(frozen=True)
class Mistakes:
    """The examples a network gets wrong: their indices in the data, its guesses, the true labels, its confidence
    (the guessed neuron's activation), and how many examples were looked at."""

    indices: np.ndarray
    guesses: np.ndarray
    labels: np.ndarray
    confidence: np.ndarray
    total: int

    @property
    def count(self) -> int:
        return int(len(self.indices))

    @property
    def correct(self) -> int:
        return self.total - self.count


def misclassified(net: Network, images: np.ndarray, labels: np.ndarray) -> Mistakes:
    """Every example whose prediction differs from its label, in data order."""
    labels = np.asarray(labels)
    out = net.output(images)
    if len(out) != len(labels):
        raise NNLibError(f"{len(out)} images but {len(labels)} labels")
    guesses = np.argmax(out, axis=1)
    wrong = np.flatnonzero(guesses != labels)
    return Mistakes(wrong, guesses[wrong], labels[wrong], out[wrong, guesses[wrong]], int(len(labels)))


def pick_mistakes(mistakes: Mistakes, count: int, seed: int = 0) -> np.ndarray:
    """``count`` positions into ``mistakes`` chosen at random (seeded), in increasing order -- a fair gallery,
    not the worst or the prettiest."""
    count = min(int(count), mistakes.count)
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(mistakes.count, count, replace=False))


# ---------------------------------------------------------------------------------------------- noise
def noise_images(count: int, seed: int = 0) -> np.ndarray:
    """``count`` images of uniform random noise: every pixel independently in [0, 1], shape ``(count, 784)``."""
    if count < 1:
        raise NNLibError(f"need at least one noise image, got {count}")
    return np.random.default_rng(seed).random((int(count), 784))


@dataclass(frozen=True)
class OutputStatistics:
    """What a network answers over a set of inputs: how often each digit wins (``predicted_counts``) and how
    bright the winning neuron is (``top_activation``, one number per input)."""

    predicted_counts: np.ndarray
    top_activation: np.ndarray

    @property
    def count(self) -> int:
        return int(self.predicted_counts.sum())

    @property
    def most_common(self) -> int:
        return int(np.argmax(self.predicted_counts))

    def fraction_above(self, threshold: float) -> float:
        """Fraction of inputs whose winning neuron is brighter than ``threshold``."""
        return float(np.mean(self.top_activation > threshold))

    @property
    def median_top(self) -> float:
        return float(np.median(self.top_activation))


def output_statistics(net: Network, images: np.ndarray) -> OutputStatistics:
    """Count the predicted digits and collect the top activation over ``images``."""
    out = net.output(images)
    winners = np.argmax(out, axis=1)
    return OutputStatistics(np.bincount(winners, minlength=net.sizes[-1]), out.max(axis=1))


@dataclass(frozen=True)
class NoiseComparison:
    """Output statistics on noise images and on real digits, side by side."""

    noise: OutputStatistics
    real: OutputStatistics
    seed: int


def compare_noise_with_digits(net: Network, real_images: np.ndarray, count: int = 1000,
                              seed: int = 0) -> NoiseComparison:
    """Feed ``count`` noise images (seeded) and the given real digits to the network and compare the answers."""
    return NoiseComparison(output_statistics(net, noise_images(count, seed)), output_statistics(net, real_images),
                           seed)


# ---------------------------------------------------------------------------------------------- the gradient
@dataclass(frozen=True)
class GradientNudges:
    """-grad C of a mini-batch: one nudge per weight and bias (``nudges``, flat order of ``parameters_vector``).

    The sign says whether that parameter should go up or down; the size says how much the cost cares.
    """

    nudges: np.ndarray
    cost: float
    batch_size: int

    @property
    def norm(self) -> float:
        return float(np.linalg.norm(self.nudges))

    def largest(self, k: int) -> np.ndarray:
        """Indices of the ``k`` nudges of largest size, biggest first."""
        k = min(int(k), len(self.nudges))
        top = np.argpartition(-np.abs(self.nudges), k - 1)[:k]
        return top[np.argsort(-np.abs(self.nudges[top]))]

    def share_of_largest(self, k: int) -> float:
        """Fraction of the squared length of the gradient held by its ``k`` largest entries."""
        top = self.largest(k)
        total = float(np.sum(self.nudges**2))
        return float(np.sum(self.nudges[top] ** 2) / total) if total > 0 else 0.0


def gradient_nudges(net: Network, images: np.ndarray, labels: np.ndarray) -> GradientNudges:
    """Backpropagation on a mini-batch, returned as the column of nudges -grad C."""
    return GradientNudges(-net.flat_gradient(images, labels), net.cost(images, labels), int(len(labels)))


def mini_batch(count: int, size: int, seed: int = 0) -> np.ndarray:
    """``size`` distinct indices out of ``count`` examples, chosen at random (seeded), in increasing order."""
    if not 1 <= size <= count:
        raise NNLibError(f"cannot pick a mini-batch of {size} out of {count} examples")
    return np.sort(np.random.default_rng(seed).choice(count, size, replace=False))


def describe_parameter(location: ParameterLocation) -> str:
    """A reader's name for a parameter, e.g. 'weight from pixel (12, 7) into hidden neuron 3 of layer 1'."""
    layer_names = {0: "hidden layer 1", 1: "hidden layer 2", 2: "the output layer"}
    where = layer_names.get(location.layer, f"layer {location.layer + 1}")
    if location.kind == "bias":
        return f"bias of neuron {location.row} in {where}"
    if location.layer == 0:
        row, col = divmod(location.column, 28)
        return f"weight from pixel ({row}, {col}) into neuron {location.row} of {where}"
    return f"weight from neuron {location.column} into neuron {location.row} of {where}"


# ---------------------------------------------------------------------------------------------- hidden layer
def neighbour_correlation(weight_rows: np.ndarray, shape: tuple[int, int] = (28, 28)) -> np.ndarray:
    """For each row of first-layer weights seen as an image, the correlation of horizontally adjacent weights.

    Random static scores about 0; a picture with strokes and blobs scores well above 0. Only pixels where the
    weights have moved are meaningful, so the border (pixels that are black in nearly every digit) still counts:
    the number describes the whole image as the heatmap shows it.
    """
    rows = np.atleast_2d(np.asarray(weight_rows, dtype=np.float64))
    if rows.shape[1] != shape[0] * shape[1]:
        raise NNLibError(f"weight rows have {rows.shape[1]} entries, expected {shape[0] * shape[1]}")
    images = rows.reshape(len(rows), *shape)
    left, right = images[:, :, :-1].reshape(len(rows), -1), images[:, :, 1:].reshape(len(rows), -1)
    left = left - left.mean(axis=1, keepdims=True)
    right = right - right.mean(axis=1, keepdims=True)
    denom = np.sqrt(np.sum(left**2, axis=1) * np.sum(right**2, axis=1))
    return np.where(denom > 0, np.sum(left * right, axis=1) / np.where(denom > 0, denom, 1.0), 0.0)


def busiest_patch(image: np.ndarray, size: int = 6) -> tuple[int, int]:
    """Top-left (row, col) of the ``size`` x ``size`` patch of a 28x28 digit with the most in-between grey values
    (half-lit pixels on a stroke's edge), ink counting half: the patch where the grey values are most varied."""
    img = np.asarray(image, dtype=float).reshape(28, 28)
    grey = ((img > 0.05) & (img < 0.95)).astype(float)
    ink = (img > 0.5).astype(float)
    score = grey + 0.5 * ink
    # the sum of every size x size window at once, from a 2-D running sum
    table = np.pad(score.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    windows = table[size:, size:] - table[:-size, size:] - table[size:, :-size] + table[:-size, :-size]
    row, col = np.unravel_index(int(np.argmax(windows)), windows.shape)
    return int(row), int(col)
