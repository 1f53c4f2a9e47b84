"""The network: layers of neurons, each a squished weighted sum of the layer before.

A network with layer sizes ``(784, 16, 16, 10)`` has three weight matrices and three bias vectors. ``weights[l]``
has shape ``(n_out, n_in)``: row ``j`` holds the weights *into* neuron ``j`` of layer ``l + 1``, so a whole layer
is computed at once as ``a' = f(W a + b)``. We process many examples at a time, one per row, which turns the same
formula into ``A' = f(A W^T + b)`` -- a matrix product instead of a Python loop, and the main reason this library is
fast.

Hidden layers use the sigmoid (as in the videos) or ReLU; the output layer is always a sigmoid, so each of the ten
output neurons holds a number between 0 and 1: how much the network thinks the image is that digit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Sequence

import numpy as np

from .activations import get_activation, sigmoid
from .costs import get_cost, one_hot
from .errors import NNLibError


class ForwardPass(NamedTuple):
    """Everything a forward pass computes.

    ``activations[0]`` is the input, ``activations[l]`` the output of layer ``l``; ``weighted_sums[l]`` is the z of
    layer ``l + 1`` before squishing, so ``activations[l + 1] == f(weighted_sums[l])``.
    """

    activations: list[np.ndarray]
    weighted_sums: list[np.ndarray]


@dataclass(frozen=True)
class ParameterLocation:
    """Where one entry of the flat parameter vector lives.

    ``kind`` is "weight" or "bias"; ``layer`` indexes ``weights``/``biases``; ``row`` is the receiving neuron;
    ``column`` is the sending neuron for a weight and ``None`` for a bias.
    """

    layer: int
    kind: str
    row: int
    column: int | None

    def __str__(self) -> str:
        if self.kind == "bias":
            return f"b[{self.layer}][{self.row}]"
        return f"w[{self.layer}][{self.row}, {self.column}]"


class Network:
    """A fully connected feed-forward network.

    >>> net = Network((784, 16, 16, 10), seed=0)
    >>> net.parameter_count
    13002

    Weights and biases start as Gaussian random numbers drawn from ``seed``: standard normal for sigmoid networks
    (as in Nielsen's ``network.py``), He-scaled (std sqrt(2 / n_in)) for ReLU so activations do not explode.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        hidden_activation: str = "sigmoid",
        seed: int | None = 0,
        *,
        weights: Sequence[np.ndarray] | None = None,
        biases: Sequence[np.ndarray] | None = None,
        metadata: dict | None = None,
    ) -> None:
        sizes = tuple(int(s) for s in sizes)
        if len(sizes) < 2 or min(sizes) < 1:
            raise NNLibError(f"a network needs at least two layers of positive size, got {sizes}")
        self.sizes = sizes
        self.hidden_activation = get_activation(hidden_activation).name
        self.seed = seed
        self.metadata: dict = dict(metadata or {})
        if weights is None or biases is None:
            rng = np.random.default_rng(seed)
            scale = (lambda n_in: 1.0) if self.hidden_activation == "sigmoid" else (lambda n_in: np.sqrt(2.0 / n_in))
            self.weights = [rng.standard_normal((n_out, n_in)) * scale(n_in) for n_in, n_out in zip(sizes, sizes[1:])]
            self.biases = [rng.standard_normal(n_out) for n_out in sizes[1:]]
        else:
            self.weights = [np.array(w, dtype=np.float64) for w in weights]
            self.biases = [np.array(b, dtype=np.float64) for b in biases]
            self._check_shapes()

    # ------------------------------------------------------------------ structure
    @property
    def num_layers(self) -> int:
        """Number of layers including the input layer (4 for 784-16-16-10)."""
        return len(self.sizes)

    @property
    def parameter_count(self) -> int:
        """Total number of weights and biases: 13,002 for 784-16-16-10."""
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    def layer_parameter_counts(self) -> list[tuple[int, int]]:
        """(weights, biases) of each layer, e.g. [(12544, 16), (256, 16), (160, 10)]."""
        return [(w.size, b.size) for w, b in zip(self.weights, self.biases)]

    def _check_shapes(self) -> None:
        if len(self.weights) != len(self.sizes) - 1 or len(self.biases) != len(self.sizes) - 1:
            raise NNLibError(f"{len(self.weights)} weight matrices for {len(self.sizes)} layers")
        for l, (w, b) in enumerate(zip(self.weights, self.biases)):
            want = (self.sizes[l + 1], self.sizes[l])
            if w.shape != want:
                raise NNLibError(f"weights[{l}] has shape {w.shape}, expected {want}")
            if b.shape != (self.sizes[l + 1],):
                raise NNLibError(f"biases[{l}] has shape {b.shape}, expected {(self.sizes[l + 1],)}")

    def copy(self) -> "Network":
        """An independent copy (weights, biases and metadata)."""
        return Network(self.sizes, self.hidden_activation, self.seed, weights=self.weights, biases=self.biases,
                       metadata=dict(self.metadata))

    def __repr__(self) -> str:
        return f"Network({'-'.join(map(str, self.sizes))}, hidden_activation={self.hidden_activation!r})"

    # ------------------------------------------------------------------ forward
    def _as_batch(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        if X.ndim == 1:
            X = X[None, :]
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise NNLibError(f"input has shape {X.shape}; this network takes rows of {self.sizes[0]} numbers")
        return X

    def forward_pass(self, X: np.ndarray) -> ForwardPass:
        """Feed inputs through the network, keeping every layer's weighted sums z and activations.

        ``X`` is ``(n, 784)`` (or a single ``(784,)`` image, treated as n = 1).
        """
        a = self._as_batch(X) if not (isinstance(X, np.ndarray) and X.ndim == 2 and X.dtype == np.float64) else X
        if a.shape[1] != self.sizes[0]:
            a = self._as_batch(a)
        hidden = get_activation(self.hidden_activation).f
        activations, sums = [a], []
        last = len(self.weights) - 1
        for l, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ w.T + b
            a = sigmoid(z) if l == last else hidden(z)
            sums.append(z)
            activations.append(a)
        return ForwardPass(activations, sums)

    def forward(self, X: np.ndarray) -> list[np.ndarray]:
        """The activations of every layer, ``[X, a1, a2, a3]``, each of shape ``(n, size)``."""
        return self.forward_pass(X).activations

    def output(self, X: np.ndarray) -> np.ndarray:
        """The output layer's activations, ``(n, 10)``."""
        return self.forward_pass(X).activations[-1]

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The network's answer for each input: the index of the brightest output neuron, ``(n,)`` int."""
        return np.argmax(self.output(X), axis=1)

    def accuracy(self, X: np.ndarray, labels: np.ndarray) -> float:
        """Fraction of inputs whose prediction equals the label."""
        return float(np.mean(self.predict(X) == np.asarray(labels)))

    # ------------------------------------------------------------------ cost and gradient
    def cost(self, X: np.ndarray, labels: np.ndarray, cost: str = "quadratic") -> float:
        """The average cost over the examples: by default mean of sum_j (a_j - y_j)^2 (the video's cost)."""
        return get_cost(cost).value(self.output(X), one_hot(labels, self.sizes[-1]))

    def gradient(self, X: np.ndarray, labels: np.ndarray, cost: str = "quadratic") -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Backpropagation: the gradient of :meth:`cost` with respect to every weight and bias.

        Returns ``(grad_weights, grad_biases)`` with the shapes of ``weights`` and ``biases``.

        The idea, one layer at a time from the output backwards: ``delta`` is how much the cost changes per unit
        change of each neuron's weighted sum z. For the output layer it comes from the cost function. A weight's
        gradient is then (delta of the neuron it feeds) x (activation it carries); a bias's is just the delta; and
        the previous layer's delta is the current one sent back through the transposed weights, times f'(z).
        All examples go through at once as rows of matrices.
        """
        X = self._as_batch(X)
        y = one_hot(labels, self.sizes[-1])
        if y.shape[0] != X.shape[0]:
            raise NNLibError(f"{X.shape[0]} inputs but {y.shape[0]} labels")
        return self.backprop(X, y, cost)

    def backprop(self, X: np.ndarray, Y: np.ndarray, cost: str = "quadratic",
                 scale: float = 1.0) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """The core of :meth:`gradient`, without input checks: ``X`` (n, n_in) float, ``Y`` (n, n_out) targets.

        ``scale`` multiplies the result (training passes the learning rate, so the step costs no extra pass over
        the big first-layer matrix).
        """
        activations, sums = self.forward_pass(X)
        hidden_prime = get_activation(self.hidden_activation).df_from_output
        delta = get_cost(cost).delta(sums[-1], activations[-1], Y)
        if scale != 1.0:
            delta = delta * scale
        n_w = len(self.weights)
        grad_w: list[np.ndarray] = [np.empty(0)] * n_w
        grad_b: list[np.ndarray] = [np.empty(0)] * n_w
        for l in range(n_w - 1, -1, -1):
            grad_w[l] = delta.T @ activations[l]
            grad_b[l] = delta.sum(axis=0)
            if l > 0:
                delta = (delta @ self.weights[l]) * hidden_prime(activations[l])
        return grad_w, grad_b

    def sgd_step(self, X: np.ndarray, Y: np.ndarray, learning_rate: float, cost: str = "quadratic",
                 shrink: float = 0.0) -> None:
        """One step of gradient descent on a mini-batch, in place: every w <- w - learning_rate * dC/dw.

        ``X`` (n, n_in) and ``Y`` (n, n_out) targets, unchecked: this is what training calls thousands of times
        per epoch. The learning rate rides along inside :meth:`backprop`, so each update is a single subtraction.

        ``shrink`` is weight decay: before the step every weight (not the biases) loses that fraction of itself,
        w <- (1 - shrink) w - learning_rate * dC/dw. That is exactly a gradient step on the cost plus an L2 penalty
        on the weights; :func:`nnlib.training.train` works out ``shrink`` from the penalty's strength.
        """
        steps_w, steps_b = self.backprop(X, Y, cost, scale=learning_rate)
        for w, b, step_w, step_b in zip(self.weights, self.biases, steps_w, steps_b):
            if shrink:
                w *= 1.0 - shrink
            w -= step_w
            b -= step_b

    # ------------------------------------------------------------------ the flat view of all parameters
    def parameters_vector(self) -> np.ndarray:
        """All weights and biases as one vector: for each layer, W row by row, then b."""
        return flatten_parameters(self.weights, self.biases)

    def set_parameters_vector(self, vector: np.ndarray) -> None:
        """Replace all weights and biases with the entries of a flat vector (inverse of parameters_vector)."""
        self.weights, self.biases = unflatten_parameters(vector, self.sizes)

    def with_parameters(self, vector: np.ndarray) -> "Network":
        """A copy of this network with the given flat parameters."""
        net = self.copy()
        net.set_parameters_vector(vector)
        return net

    def flat_gradient(self, X: np.ndarray, labels: np.ndarray, cost: str = "quadratic") -> np.ndarray:
        """The gradient as one vector of all parameters, in the order of :meth:`parameters_vector`."""
        return flatten_parameters(*self.gradient(X, labels, cost))

    def parameter_location(self, index: int) -> ParameterLocation:
        """Map an index of the flat parameter vector back to its (layer, weight/bias, row, column)."""
        return locate_parameter(index, self.sizes)


def flatten_parameters(weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]) -> np.ndarray:
    """Concatenate, layer by layer, the row-major weights and then the biases into one vector."""
    return np.concatenate([part for w, b in zip(weights, biases) for part in (w.ravel(), b.ravel())])


def unflatten_parameters(vector: np.ndarray, sizes: Sequence[int]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Split a flat parameter vector back into weight matrices and bias vectors for the given layer sizes."""
    vector = np.asarray(vector, dtype=np.float64)
    expected = sum(n_in * n_out + n_out for n_in, n_out in zip(sizes, sizes[1:]))
    if vector.shape != (expected,):
        raise NNLibError(f"parameter vector has shape {vector.shape}, expected ({expected},)")
    weights, biases, at = [], [], 0
    for n_in, n_out in zip(sizes, sizes[1:]):
        weights.append(vector[at:at + n_in * n_out].reshape(n_out, n_in).copy())
        at += n_in * n_out
        biases.append(vector[at:at + n_out].copy())
        at += n_out
    return weights, biases


def locate_parameter(index: int, sizes: Sequence[int]) -> ParameterLocation:
    """Which weight or bias the flat index refers to, for a network of the given sizes."""
    if index < 0:
        raise NNLibError(f"parameter index {index} is negative")
    at = 0
    for layer, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        if index < at + n_in * n_out:
            row, column = divmod(index - at, n_in)
            return ParameterLocation(layer, "weight", row, column)
        at += n_in * n_out
        if index < at + n_out:
            return ParameterLocation(layer, "bias", index - at, None)
        at += n_out
    raise NNLibError(f"parameter index {index} is out of range; the network has {at} parameters")
