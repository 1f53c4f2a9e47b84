"""Activation functions and their derivatives.

A neuron computes a weighted sum ``z = w . a + b`` of the previous layer's activations and then "squishes" it with
an activation function. The videos use the sigmoid (logistic) function, which maps the whole real line into (0, 1);
modern networks mostly use the rectified linear unit, ``ReLU(z) = max(0, z)``.

Each activation is a pair of plain functions: the function itself and its derivative, both elementwise on arrays.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np
from scipy.special import expit


class Activation(NamedTuple):
    """An activation function ``f``, its derivative ``df`` (of z), and the same derivative written in terms of the
    output ``a = f(z)`` -- cheaper in backprop, where a is already known."""

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    df: Callable[[np.ndarray], np.ndarray]
    df_from_output: Callable[[np.ndarray], np.ndarray]


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function 1 / (1 + e^-z): very negative z gives nearly 0, very positive nearly 1.

    ``scipy.special.expit`` computes it without overflow warnings for large |z|.
    """
    return expit(z)


def sigmoid_prime(z: np.ndarray) -> np.ndarray:
    """Derivative of the sigmoid: s(z) (1 - s(z)). Largest (1/4) at z = 0, tiny once the neuron saturates."""
    s = expit(z)
    return s * (1.0 - s)


def relu(z: np.ndarray) -> np.ndarray:
    """The rectified linear unit max(0, z)."""
    return np.maximum(z, 0.0)


def relu_prime(z: np.ndarray) -> np.ndarray:
    """Derivative of ReLU: 1 where z > 0, else 0 (we take 0 at the kink)."""
    return (z > 0).astype(np.result_type(z, np.float64))


def sigmoid_prime_from_output(a: np.ndarray) -> np.ndarray:
    """s'(z) written with a = s(z): a (1 - a)."""
    return a * (1.0 - a)


def relu_prime_from_output(a: np.ndarray) -> np.ndarray:
    """ReLU'(z) written with a = ReLU(z): 1 where a > 0."""
    return (a > 0).astype(a.dtype)


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime, sigmoid_prime_from_output),
    "relu": Activation("relu", relu, relu_prime, relu_prime_from_output),
}


def get_activation(name: str) -> Activation:
    """Look an activation up by name ("sigmoid" or "relu"), with a clear error for anything else."""
    from .errors import NNLibError

    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise NNLibError(f"unknown activation {name!r}; choose one of: {', '.join(ACTIVATIONS)}") from None
