"""Toy cost functions: small made-up landscapes for picturing gradient descent.

The real cost of our network depends on 13,002 numbers and cannot be drawn. Chapter 2 first builds intuition on
functions of one and two variables that *stand in* for it. They are toys, named as such on screen: nothing about
them comes from the network. What is real is the rule applied to them -- the same one ``nnlib.training`` applies to
all 13,002 parameters:

    x  <-  x - learning_rate * dC/dx

A step goes downhill (left where the slope is positive, right where it is negative) and is proportional to the
slope, so steps shrink as the ball nears the bottom of a valley. Where it ends depends on where it starts: a
landscape with several valleys has several local minima.

>>> curve = VALLEY_CURVE
>>> path = descend_1d(curve, 3.0, learning_rate=0.2, steps=50)
>>> abs(curve.slope(path[-1])) < 1e-3
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .errors import NNLibError

ArrayLike = float | np.ndarray


@dataclass(frozen=True)
class ToyCurve:
    """A toy cost of one variable: its ``value`` C(x), its ``slope`` C'(x), a drawing range and a formula.

    ``formula`` is Typst math text, so a scene can write the toy's rule on screen without anyone re-typing it.
    """

    name: str
    value: Callable[[ArrayLike], ArrayLike]
    slope: Callable[[ArrayLike], ArrayLike]
    x_range: tuple[float, float]
    formula: str


@dataclass(frozen=True)
class ToySurface:
    """A toy cost of two variables: ``value`` C(x, y), ``gradient`` (dC/dx, dC/dy), a drawing box and a formula."""

    name: str
    value: Callable[[ArrayLike, ArrayLike], ArrayLike]
    gradient: Callable[[ArrayLike, ArrayLike], tuple[ArrayLike, ArrayLike]]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    formula: str


# ---------------------------------------------------------------------------------------------- the 1-D toy
def _valley_value(x: ArrayLike) -> ArrayLike:
    """A gentle bowl (0.1 x^2) with ripples (sin 1.7x) on it: several valleys of different depths."""
    x = np.asarray(x, dtype=np.float64)
    return 0.1 * x**2 + np.sin(1.7 * x) + 1.5


def _valley_slope(x: ArrayLike) -> ArrayLike:
    x = np.asarray(x, dtype=np.float64)
    return 0.2 * x + 1.7 * np.cos(1.7 * x)


VALLEY_CURVE = ToyCurve(
    name="toy cost curve (several valleys)",
    value=_valley_value,
    slope=_valley_slope,
    x_range=(-5.5, 4.8),
    formula="C(x) = 0.1 x^2 + sin(1.7 x) + 1.5",
)


# ---------------------------------------------------------------------------------------------- the 2-D toy
# Two Gaussian dips of different depth in a shallow bowl: two valleys, so where a ball ends up depends on where it
# starts, as in the video's surface.
_DIPS = ((1.2, 0.8, 1.6, 1.0), (-1.4, -1.0, 1.0, 0.8))  # (centre x, centre y, depth, width)


def _surface_value(x: ArrayLike, y: ArrayLike) -> ArrayLike:
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    c = 0.12 * (x**2 + y**2) + 2.0
    for cx, cy, depth, width in _DIPS:
        c = c - depth * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / width**2)
    return c


def _surface_gradient(x: ArrayLike, y: ArrayLike) -> tuple[ArrayLike, ArrayLike]:
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    gx, gy = 0.24 * x, 0.24 * y
    for cx, cy, depth, width in _DIPS:
        bump = depth * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / width**2) * 2.0 / width**2
        gx = gx + bump * (x - cx)
        gy = gy + bump * (y - cy)
    return gx, gy


TWO_VALLEY_SURFACE = ToySurface(
    name="toy cost surface (two valleys)",
    value=_surface_value,
    gradient=_surface_gradient,
    x_range=(-3.0, 3.0),
    y_range=(-3.0, 3.0),
    formula="C(x, y) = 0.12(x^2 + y^2) + 2 - 1.6 e^(-|(x,y)-(1.2,0.8)|^2) - e^(-|(x,y)-(-1.4,-1)|^2 slash 0.64)",
)


def _three_to_one_value(x: ArrayLike, y: ArrayLike) -> ArrayLike:
    return 1.5 * np.asarray(x, dtype=np.float64) ** 2 + 0.5 * np.asarray(y, dtype=np.float64) ** 2


def _three_to_one_gradient(x: ArrayLike, y: ArrayLike) -> tuple[ArrayLike, ArrayLike]:
    return 3.0 * np.asarray(x, dtype=np.float64), 1.0 * np.asarray(y, dtype=np.float64)


THREE_TO_ONE = ToySurface(
    name="toy cost (3, 1) example",
    value=_three_to_one_value,
    gradient=_three_to_one_gradient,
    x_range=(-2.0, 2.0),
    y_range=(-2.0, 2.0),
    formula="C(x, y) = 3/2 x^2 + 1/2 y^2",
)
"""The video's reading of a gradient: at (1, 1) this toy's gradient is (3, 1), so nudging x changes the cost three
times as much as nudging y by the same amount."""


# ---------------------------------------------------------------------------------------------- descent
def descend_1d(curve: ToyCurve, start: float, learning_rate: float = 0.2, steps: int = 30) -> np.ndarray:
    """Gradient descent on a toy curve: the positions x_0 = start, x_1, ..., x_steps (``steps + 1`` numbers).

    Each step moves by ``-learning_rate * slope``: downhill, and by less where the curve is flatter.
    """
    _check_descent(learning_rate, steps)
    xs = np.empty(steps + 1)
    xs[0] = float(start)
    for i in range(steps):
        xs[i + 1] = xs[i] - learning_rate * float(curve.slope(xs[i]))
    return xs


def descend_2d(surface: ToySurface, start: tuple[float, float], learning_rate: float = 0.3,
               steps: int = 30) -> np.ndarray:
    """Gradient descent on a toy surface: the points (x, y) visited, shape ``(steps + 1, 2)``.

    Each step moves along -grad C (the direction of steepest descent) by ``learning_rate`` times its length, so
    steep places give long steps and nearly flat ones short steps.
    """
    _check_descent(learning_rate, steps)
    path = np.empty((steps + 1, 2))
    path[0] = start
    for i in range(steps):
        gx, gy = surface.gradient(path[i, 0], path[i, 1])
        path[i + 1] = path[i] - learning_rate * np.array([float(gx), float(gy)])
    return path


def local_minima_1d(curve: ToyCurve, samples: int = 4001) -> np.ndarray:
    """The x positions of the curve's local minima inside its range, found where the slope turns - to +."""
    xs = np.linspace(*curve.x_range, samples)
    s = np.asarray(curve.slope(xs))
    found = []
    for i in np.flatnonzero((s[:-1] < 0) & (s[1:] >= 0)):
        lo, hi = xs[i], xs[i + 1]
        for _ in range(60):  # bisection on the slope's sign change
            mid = 0.5 * (lo + hi)
            lo, hi = (mid, hi) if curve.slope(mid) < 0 else (lo, mid)
        found.append(0.5 * (lo + hi))
    return np.array(found)


def _check_descent(learning_rate: float, steps: int) -> None:
    if not learning_rate > 0 or steps < 0:
        raise NNLibError(f"gradient descent needs a positive learning rate and steps >= 0 "
                         f"(got {learning_rate}, {steps})")
