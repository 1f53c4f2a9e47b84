"""Viewers' questions, answered by measuring the real network (the "questions" part of the explainer).

Six questions people ask under the original videos, each answered by a measurement rather than in words:

1. *Are the derivatives found numerically?* :func:`check_one_derivative` compares backpropagation's partial
   derivative of one weight with a finite difference, and :func:`time_gradients` times a whole numerical gradient
   (two forward passes per parameter) against one backward pass.
2. *What if you set one output to 1 and worked back to the pixels?* :func:`dream_digit` runs gradient descent on
   the *input image*, keeping the weights fixed, until the network's output is the wanted digit.
3. *How could it say "I don't know"?* :func:`abstain_curve`: answer only when the brightest output is above a
   threshold, and measure, for every threshold, how many real digits it still answers, how many of those it gets
   right, and how much random noise it refuses.
4. *Why does it learn shuffled labels so slowly?* :func:`mean_gradient_cosine`: how well the gradients of single
   examples agree with one another. With real labels, the digits of a class pull the weights the same way; with
   shuffled labels they pull every which way and mostly cancel in the average.
5. *Why is its training accuracy higher than its test accuracy?* :func:`recorded_gap` reads what a network's file
   recorded when it was trained.
6. *Is the cost what libraries call the loss?* :func:`cost_and_loss`.

Measurements that need the MNIST test set or whole training runs are made once by ``python -m nnlib.questions_asset``
(reading ``MNIST_DIR``) and saved as ``assets/questions.npz`` (:mod:`nnlib.questions_asset`); everything else is
measured while a scene renders. The asset keeps only summaries of the test set (curves over thresholds), never test
images.

>>> from nnlib import Network
>>> net = Network((784, 16, 16, 10), seed=0)
>>> x = np.zeros((1, 784)); check = check_one_derivative(net, x, np.array([3]))
>>> abs(check.backprop - check.finite_difference) < 1e-8
True
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass

import numpy as np

from .activations import get_activation
from .costs import get_cost, one_hot
from .errors import NNLibError
from .network import Network

#: Thresholds of the "I don't know" curve: 0.00, 0.01, ... 0.99.
THRESHOLDS = np.round(np.arange(100) / 100, 2)
#: How many noise images the "I don't know" answer feeds the network.
NOISE_IMAGES = 1000


def network_digest(net: Network) -> str:
    """A fingerprint of a network's shape and every weight and bias (ties a precomputed asset to one network)."""
    h = hashlib.sha256(json.dumps([list(net.sizes), net.hidden_activation]).encode())
    h.update(np.ascontiguousarray(net.parameters_vector(), dtype=np.float64).tobytes())
    return h.hexdigest()


# ------------------------------------------------------------------------------------- 1. backprop vs numbers
@dataclass(frozen=True)
class DerivativeCheck:
    """One partial derivative of the cost, found two ways: by backpropagation, and by nudging the parameter by
    ``step`` up and down and measuring the cost both times (a central finite difference)."""

    index: int
    name: str
    backprop: float
    finite_difference: float
    step: float
    examples: int

    @property
    def difference(self) -> float:
        return abs(self.backprop - self.finite_difference)

    @property
    def agreeing_decimals(self) -> int:
        """How many decimal places the two numbers share (both written with 12 decimals)."""
        a, b = f"{self.backprop:.12f}", f"{self.finite_difference:.12f}"
        if a[0] != b[0]:
            return 0
        after = a.index(".")
        same = 0
        for x, y in zip(a[after + 1:], b[after + 1:]):
            if x != y:
                break
            same += 1
        return same


def _parameter_view(net: Network, index: int) -> tuple[np.ndarray, tuple]:
    """The array holding flat parameter ``index`` and the position inside it (so it can be nudged in place)."""
    loc = net.parameter_location(index)
    if loc.kind == "weight":
        return net.weights[loc.layer], (loc.row, loc.column)
    return net.biases[loc.layer], (loc.row,)


def central_difference(net: Network, X: np.ndarray, labels: np.ndarray, index: int, step: float = 1e-5) -> float:
    """(C(p + step) - C(p - step)) / (2 step) for flat parameter ``index``: two forward passes over ``X``."""
    array, at = _parameter_view(net, index)
    kept = array[at]
    try:
        array[at] = kept + step
        up = net.cost(X, labels)
        array[at] = kept - step
        down = net.cost(X, labels)
    finally:
        array[at] = kept
    return (up - down) / (2 * step)


def check_one_derivative(net: Network, X: np.ndarray, labels: np.ndarray, index: int | None = None,
                         step: float = 1e-5) -> DerivativeCheck:
    """Backprop's dC/dp against a central difference for one parameter (by default the weight whose partial
    derivative is largest in size on these examples: a number big enough to read)."""
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    labels = np.asarray(labels)
    grad = net.flat_gradient(X, labels)
    if index is None:
        weights = np.concatenate([np.r_[np.ones(w.size, bool), np.zeros(b.size, bool)]
                                  for w, b in zip(net.weights, net.biases)])
        index = int(np.argmax(np.where(weights, np.abs(grad), -1.0)))
    if not 0 <= index < net.parameter_count:
        raise NNLibError(f"parameter {index} does not exist; the network has {net.parameter_count:,}")
    numeric = central_difference(net, X, labels, index, step)
    return DerivativeCheck(index, str(net.parameter_location(index)), float(grad[index]), float(numeric), step,
                           len(X))


@dataclass(frozen=True)
class GradientTiming:
    """What a whole gradient costs, two ways, measured on one mini-batch.

    ``forward_passes`` is what the numerical gradient needs (two per parameter); ``numerical_seconds`` how long
    they took (timed on ``measured`` parameters and scaled to all of them if fewer); ``backward_seconds`` one
    backpropagation (median of several); ``largest_difference`` the biggest disagreement between the two over
    the parameters measured.
    """

    parameters: int
    forward_passes: int
    measured: int
    numerical_seconds: float
    backward_seconds: float
    largest_difference: float
    examples: int

    @property
    def ratio(self) -> float:
        return self.numerical_seconds / max(self.backward_seconds, 1e-12)


def time_gradients(net: Network, X: np.ndarray, labels: np.ndarray, measured: int | None = None,
                   step: float = 1e-5, repeats: int = 21) -> GradientTiming:
    """Time a numerical gradient (a central difference for each of ``measured`` parameters, all by default)
    against the backpropagated one, and compare them."""
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    labels = np.asarray(labels)
    total = net.parameter_count
    count = total if measured is None else max(1, min(int(measured), total))
    indices = np.linspace(0, total - 1, count).astype(int) if count < total else np.arange(total)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        grad = net.flat_gradient(X, labels)
        times.append(time.perf_counter() - start)
    numeric = np.empty(len(indices))
    start = time.perf_counter()
    for k, i in enumerate(indices):
        numeric[k] = central_difference(net, X, labels, int(i), step)
    seconds = (time.perf_counter() - start) * total / len(indices)
    return GradientTiming(total, 2 * total, len(indices), seconds, float(np.median(times)),
                          float(np.max(np.abs(numeric - grad[indices]))), len(X))


# ------------------------------------------------------------------------------------- 2. working back to pixels
def input_gradient(net: Network, X: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """dC/dx: how the cost of each example changes with each of its pixels, the weights held fixed.

    Backpropagation as in :meth:`Network.backprop`, carried one layer further, to the input itself. Each row is the
    gradient of that example's own cost (the batch mean's gradient times the number of examples).
    """
    activations, sums = net.forward_pass(np.asarray(X, dtype=np.float64))
    hidden_prime = get_activation(net.hidden_activation).df_from_output
    delta = get_cost("quadratic").delta(sums[-1], activations[-1], targets) * len(activations[0])
    for l in range(len(net.weights) - 1, -1, -1):
        delta = delta @ net.weights[l]
        if l > 0:
            delta = delta * hidden_prime(activations[l])
    return delta


@dataclass(frozen=True)
class DreamedDigit:
    """The image gradient descent on the pixels found for ``digit``: where it started, where it ended, the
    network's ten outputs for both, and the wanted output after each step (``trace``)."""

    digit: int
    start: np.ndarray
    image: np.ndarray
    start_outputs: np.ndarray
    outputs: np.ndarray
    trace: np.ndarray
    steps: int
    frames: np.ndarray

    @property
    def confidence(self) -> float:
        return float(self.outputs[self.digit])

    @property
    def answer(self) -> int:
        return int(np.argmax(self.outputs))


def dream_digit(net: Network, digit: int, start: np.ndarray, steps: int = 300,
                learning_rate: float = 0.5, frames: int = 31) -> DreamedDigit:
    """Set the wanted output to ``digit`` (1 there, 0 elsewhere) and descend the cost over the 784 pixels from
    ``start``, keeping every pixel between 0 and 1 (the weights never change). ``frames`` images along the way
    (the first is the start, the last the end) are kept to be shown."""
    if not 0 <= int(digit) < net.sizes[-1]:
        raise NNLibError(f"no output neuron {digit}: the network has {net.sizes[-1]}")
    x = np.clip(np.asarray(start, dtype=np.float64).reshape(1, -1), 0.0, 1.0)
    first = x.copy()
    target = one_hot(np.array([digit]), net.sizes[-1])
    trace = np.empty(steps + 1)
    trace[0] = net.output(x)[0, digit]
    keep = set(np.linspace(0, steps, max(2, frames)).round().astype(int).tolist())
    kept = [x[0].copy()]
    for s in range(steps):
        x = np.clip(x - learning_rate * input_gradient(net, x, target), 0.0, 1.0)
        trace[s + 1] = net.output(x)[0, digit]
        if s + 1 in keep:
            kept.append(x[0].copy())
    return DreamedDigit(int(digit), first[0], x[0], net.output(first)[0], net.output(x)[0], trace, steps,
                        np.array(kept))


# ------------------------------------------------------------------------------------- 3. "I don't know"
def confidences(net: Network, images: np.ndarray, labels: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray | None]:
    """The brightest output for each image, and (given labels) whether that answer is right."""
    out = net.output(images)
    right = None if labels is None else np.argmax(out, axis=1) == np.asarray(labels)
    return out.max(axis=1), right


@dataclass(frozen=True)
class AbstainCurve:
    """Answer only when the brightest output is above a threshold: for each of ``thresholds``, the share of real
    digits still answered (``kept``), the share of those answered right (``right_of_kept``), and the share of
    noise images refused (``noise_refused``). ``digits`` and ``noise`` say how many images were measured and
    ``digits_source`` which ones."""

    thresholds: np.ndarray
    kept: np.ndarray
    right_of_kept: np.ndarray
    noise_refused: np.ndarray
    digits: int
    noise: int
    digits_source: str

    def at(self, threshold: float) -> tuple[float, float, float]:
        """(kept, right of kept, noise refused) at one of the curve's thresholds."""
        i = int(np.argmin(np.abs(self.thresholds - threshold)))
        if abs(self.thresholds[i] - threshold) > 1e-9:
            raise NNLibError(f"threshold {threshold} is not on the curve")
        return float(self.kept[i]), float(self.right_of_kept[i]), float(self.noise_refused[i])


def digit_curve(top: np.ndarray, right: np.ndarray, thresholds: np.ndarray = THRESHOLDS
                ) -> tuple[np.ndarray, np.ndarray]:
    """Share kept (top output above each threshold) and share right among those kept (1.0 when none is kept)."""
    keep = top[None, :] > thresholds[:, None]
    kept = keep.mean(axis=1)
    counts = keep.sum(axis=1)
    right_of_kept = np.where(counts > 0, (keep & right[None, :]).sum(axis=1) / np.maximum(counts, 1), 1.0)
    return kept, right_of_kept


def abstain_curve(net: Network, noise: np.ndarray, digits: tuple[np.ndarray, np.ndarray] | None = None,
                  digits_source: str = "", precomputed: "QuestionsAsset | None" = None,
                  thresholds: np.ndarray = THRESHOLDS) -> AbstainCurve:
    """The trade-off of answering only above a threshold, for ``net``.

    The noise half is always measured now. The digit half is measured on ``digits`` (images, labels) if given;
    otherwise it is read from ``precomputed`` (the test-set curve ``python -m nnlib.questions`` measured), which
    must have measured this very network.
    """
    noise_top, _ = confidences(net, noise)
    refused = (noise_top[None, :] <= thresholds[:, None]).mean(axis=1)
    if digits is not None:
        top, right = confidences(net, *digits)
        kept, right_of_kept = digit_curve(top, right, thresholds)
        count = len(top)
    elif precomputed is not None and precomputed.describes(net):
        if not np.array_equal(precomputed.thresholds, thresholds):
            raise NNLibError("the precomputed curve was measured at other thresholds")
        kept, right_of_kept, count = precomputed.test_kept, precomputed.test_right_of_kept, precomputed.test_images
        digits_source = digits_source or f"{count:,} MNIST test digits (precomputed)"
    else:
        raise NNLibError("no digits to measure, and no precomputed curve of this network")
    return AbstainCurve(thresholds, kept, right_of_kept, refused, count, len(noise_top), digits_source)


# ------------------------------------------------------------------------------------- 4. do the gradients agree?
def per_example_deltas(net: Network, X: np.ndarray, labels: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Backpropagation kept apart per example: each layer's deltas (one row per example) and the activations that
    layer's weights multiply. Example i's gradient for ``weights[l]`` is ``outer(deltas[l][i], inputs[l][i])``."""
    Y = one_hot(labels, net.sizes[-1])
    activations, sums = net.forward_pass(np.asarray(X, dtype=np.float64))
    hidden_prime = get_activation(net.hidden_activation).df_from_output
    delta = get_cost("quadratic").delta(sums[-1], activations[-1], Y) * len(Y)  # each example's own cost
    deltas: list[np.ndarray] = [np.empty(0)] * len(net.weights)
    for l in range(len(net.weights) - 1, -1, -1):
        deltas[l] = delta
        if l > 0:
            delta = (delta @ net.weights[l]) * hidden_prime(activations[l])
    return deltas, activations[:-1]


def gradient_gram(net: Network, X: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """G[i, j] = the dot product of example i's and example j's full gradients (all 13,002 partial derivatives).

    Never builds the gradients: the weight part of layer l is (delta_i . delta_j)(a_i . a_j), the bias part
    delta_i . delta_j, so G = sum over layers of (D D^T) * (A A^T + 1).
    """
    deltas, inputs = per_example_deltas(net, X, labels)
    return sum((d @ d.T) * (a @ a.T + 1.0) for d, a in zip(deltas, inputs))


def mean_gradient_cosine(net: Network, X: np.ndarray, labels: np.ndarray) -> float:
    """The average cosine between the gradients of two different examples: 1 if they all point the same way, about
    0 if they point every which way."""
    gram = gradient_gram(net, X, labels)
    norms = np.sqrt(np.maximum(np.diag(gram), 1e-300))
    cos = gram / np.outer(norms, norms)
    n = len(cos)
    if n < 2:
        raise NNLibError("need at least two examples to compare their gradients")
    return float((cos.sum() - np.trace(cos)) / (n * (n - 1)))


def shuffled(labels: np.ndarray, seed: int = 0) -> np.ndarray:
    """The same labels in a random order (seeded): every digit keeps its share, but no image keeps its own."""
    return np.random.default_rng(seed).permutation(np.asarray(labels))


def run_agreement(X: np.ndarray, labels: np.ndarray, *, seed: int = 0, epochs: int = 200,
                  learning_rate: float = 3.0, batch_size: int = 10) -> dict[str, np.ndarray]:
    """Train the video's network from the same start twice, on real and on shuffled labels, measuring after every
    epoch the training accuracy (on the labels it learns) and the mean cosine between per-example gradients."""
    from .recipe import VIDEO_RECIPE
    from .training import train

    out: dict[str, np.ndarray] = {}
    for name, ys in (("real", np.asarray(labels)), ("shuffled", shuffled(labels, seed))):
        net = Network(VIDEO_RECIPE.sizes, seed=seed)
        cosines: list[float] = []
        accuracies: list[float] = []

        def watch(snapshot: Network, record, ys=ys, cosines=cosines, accuracies=accuracies) -> None:
            cosines.append(mean_gradient_cosine(snapshot, X, ys))
            accuracies.append(record.train_accuracy)

        train(net, X, ys, epochs=epochs, batch_size=batch_size, learning_rate=learning_rate, seed=seed,
              progress=False, callback=watch)
        out[f"{name}_cosine"] = np.array(cosines)
        out[f"{name}_accuracy"] = np.array(accuracies)
    out["epochs"] = np.arange(epochs + 1)
    return out


# ------------------------------------------------------------------------------------- 5. training vs test
@dataclass(frozen=True)
class Gap:
    """Accuracy on the training digits a network learned from and on test digits it never saw."""

    train_accuracy: float
    test_accuracy: float
    train_images: int
    test_images: int

    @property
    def points(self) -> float:
        """The gap in percentage points."""
        return 100 * (self.train_accuracy - self.test_accuracy)


def recorded_gap(net: Network) -> Gap | None:
    """The training and test accuracy a network's file recorded when ``explainer train`` made it (None if it
    recorded neither)."""
    meta = net.metadata
    try:
        data = meta.get("data", {}) or {}
        return Gap(float(meta["train_accuracy"]), float(meta["test_accuracy"]), int(data.get("train_images", 0)),
                   int(data.get("test_images", 0)))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def measured_gap(net: Network, train: tuple[np.ndarray, np.ndarray], test: tuple[np.ndarray, np.ndarray]) -> Gap:
    """The same gap measured now on given training and test sets."""
    return Gap(net.accuracy(*train), net.accuracy(*test), len(train[1]), len(test[1]))


# ------------------------------------------------------------------------------------- 6. cost or loss?
@dataclass(frozen=True)
class CostAndLoss:
    """The video's cost (mean over examples of the sum of squared output errors) and the "mean squared error loss"
    of the libraries, which also averages over the outputs, on the same examples."""

    cost: float
    mse_loss: float
    outputs: int
    examples: int


def cost_and_loss(net: Network, X: np.ndarray, labels: np.ndarray) -> CostAndLoss:
    out = net.output(X)
    Y = one_hot(labels, net.sizes[-1])
    return CostAndLoss(net.cost(X, labels), float(np.mean((out - Y) ** 2)), net.sizes[-1], len(Y))

