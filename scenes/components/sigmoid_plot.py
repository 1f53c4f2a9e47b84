"""The squishing functions on axes: the sigmoid (logistic) curve of the videos, and ReLU beside it.

A neuron's weighted sum ``z`` can be any real number; the sigmoid squishes it into (0, 1):
very negative sums give nearly 0, very positive ones nearly 1. :class:`SigmoidPlot` draws
``sigma(z) = 1 / (1 + e^-z)`` (computed by nnlib) with a dot that can follow a weighted sum, and shows how a bias
slides the curve, so the neuron only becomes active once the sum passes a threshold. :class:`ReluPlot` draws
``max(0, z)``, what most modern networks use instead.

Tick labels are plain :class:`~manim.Text` (no LaTeX): ``Axes.add_coordinates`` would call ``latex``.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, Dot, ValueTracker, VGroup, VMobject

from nnlib.activations import relu, sigmoid

from .theme import Theme, current_theme, label, number


class FunctionPlot(VGroup):
    """A function of one variable on labelled axes; the shared body of :class:`SigmoidPlot` and :class:`ReluPlot`.

    ``axes`` are manim Axes, ``curve`` the plotted graph, ``f`` the NumPy function drawn. ``x_ticks`` / ``y_ticks``
    are labelled with Text numbers.
    """

    def __init__(self, f: Callable[[np.ndarray], np.ndarray], x_range: tuple[float, float],
                 y_range: tuple[float, float], *, width: float, height: float, x_ticks: Sequence[float],
                 y_ticks: Sequence[float], x_name: str = "z", y_name: str = "", smooth: bool = True,
                 theme: Theme | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.theme = theme = theme or current_theme()
        self.f = f
        self.x_range = (float(x_range[0]), float(x_range[1]))
        self.smooth = smooth  # False keeps ReLU's corner sharp
        step = (x_ticks[1] - x_ticks[0]) if len(x_ticks) > 1 else 1
        self.axes = Axes(x_range=(x_range[0], x_range[1], step),
                         y_range=(y_range[0], y_range[1], (y_ticks[1] - y_ticks[0]) if len(y_ticks) > 1 else 1),
                         x_length=width, y_length=height, tips=False,
                         axis_config={"color": theme.dim_text, "stroke_width": 2, "include_numbers": False})
        ax = self.axes
        self.tick_labels = VGroup()
        for x in x_ticks:
            self.tick_labels.add(number(x, 0, size=theme.small_size, color=theme.dim_text, theme=theme)
                                 .next_to(ax.x_axis.n2p(x), DOWN, buff=0.15))
        for y in y_ticks:
            decimals = 0 if float(y).is_integer() else 1
            self.tick_labels.add(number(y, decimals, size=theme.small_size, color=theme.dim_text, theme=theme)
                                 .next_to(ax.y_axis.n2p(y), LEFT, buff=0.15))
        self.curve = self.plot(0.0)
        self.axis_names = VGroup()
        if x_name:
            self.axis_names.add(label(x_name, size=theme.label_size, dim=True, theme=theme)
                                .next_to(ax.x_axis.get_right(), RIGHT, buff=0.2))
        if y_name:
            self.axis_names.add(label(y_name, size=theme.label_size, dim=True, theme=theme)
                                .next_to(ax.y_axis.get_top(), UP, buff=0.2))
        self.add(self.axes, self.tick_labels, self.axis_names, self.curve)

    def value(self, z: float, bias: float = 0.0) -> float:
        """The function's value at ``z`` (shifted by ``bias``: f(z + bias))."""
        return float(self.f(np.asarray(z + bias, dtype=np.float64)))

    def plot(self, bias: float = 0.0, color: str | None = None) -> VMobject:
        """The curve of ``f(z + bias)`` on these axes: a bias of -10 moves the sigmoid's rise to z = 10."""
        lo, hi = self.x_range
        return self.axes.plot(lambda z: self.value(z, bias), x_range=[lo, hi, (hi - lo) / 200],
                              color=color or self.theme.accent, stroke_width=4, use_smoothing=self.smooth)

    def plot_following(self, bias_tracker: ValueTracker, color: str | None = None) -> VMobject:
        """A curve of ``f(z + b)`` redrawn every frame from the tracker's b: animate the tracker and the curve
        slides sideways, the way a bias moves a neuron's threshold (a Transform would blend the two shapes)."""
        curve = self.plot(bias_tracker.get_value(), color)
        curve.add_updater(lambda c: c.become(self.plot(bias_tracker.get_value(), color)))
        return curve

    def point_at(self, z: float, bias: float = 0.0) -> np.ndarray:
        """Scene coordinates of the curve's point above ``z``."""
        return self.axes.c2p(z, self.value(z, bias))

    def dot_tracking(self, z_tracker: ValueTracker, bias: float = 0.0, color: str | None = None) -> Dot:
        """A dot that stays on the curve above the tracker's value (a cheap updater: it only moves)."""
        dot = Dot(self.point_at(z_tracker.get_value(), bias), radius=0.09, color=color or self.theme.text)
        dot.add_updater(lambda d: d.move_to(self.point_at(z_tracker.get_value(), bias)))
        return dot


class SigmoidPlot(FunctionPlot):
    """The sigmoid ``sigma(z) = 1 / (1 + e^-z)`` on axes from ``x_range`` with values 0 to 1."""

    def __init__(self, x_range: tuple[float, float] = (-10, 10), width: float = 7.0, height: float = 3.0,
                 **kwargs) -> None:
        lo, hi = x_range
        step = 5 if hi - lo >= 15 else 2
        ticks = [t for t in np.arange(np.ceil(lo / step) * step, hi + 1e-9, step)]
        kwargs.setdefault("y_name", "σ(z)")
        super().__init__(sigmoid, x_range, (0, 1), width=width, height=height, x_ticks=ticks,
                         y_ticks=[0.5, 1], **kwargs)


class ReluPlot(FunctionPlot):
    """The rectified linear unit ``max(0, z)`` on axes from ``x_range``."""

    def __init__(self, x_range: tuple[float, float] = (-10, 10), width: float = 7.0, height: float = 3.0,
                 **kwargs) -> None:
        lo, hi = x_range
        step = 5 if hi - lo >= 15 else 2
        ticks = [t for t in np.arange(np.ceil(lo / step) * step, hi + 1e-9, step)]
        top = max(hi, 1)
        kwargs.setdefault("y_name", "ReLU(z)")
        kwargs.setdefault("smooth", False)
        super().__init__(relu, x_range, (0, top), width=width, height=height, x_ticks=ticks,
                         y_ticks=[top / 2, top], **kwargs)
