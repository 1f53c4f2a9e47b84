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
from manim import DOWN, LEFT, RIGHT, UP, AnimationGroup, Axes, Dot, Line, ValueTracker, VGroup, VMobject

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


class RealLineSquish(VGroup):
    """The squish as two lines: the whole real line of weighted sums on top, the interval (0, 1) below.

    Dots sit at ``sums`` on the top line; :meth:`squish` moves a copy of each down to sigma(z) on the lower line,
    where they crowd against 0 and 1: everything very negative lands near 0, everything very positive near 1. The
    dots' grey is their activation, as a neuron's fill is. ``values`` holds the sigmoids (computed by nnlib).
    """

    def __init__(self, sums: Sequence[float] = tuple(range(-10, 11)), width: float = 10.0, gap: float = 2.4,
                 theme: Theme | None = None) -> None:
        super().__init__()
        self.theme = theme = theme or current_theme()
        self.sums = np.asarray(sums, dtype=np.float64)
        self.values = sigmoid(self.sums)
        lo, hi = float(self.sums.min()), float(self.sums.max())
        self.top_line = Line(LEFT * width / 2, RIGHT * width / 2, color=theme.dim_text).shift(UP * gap / 2)
        self.bottom_line = Line(LEFT * width / 2, RIGHT * width / 2, color=theme.dim_text).shift(DOWN * gap / 2)
        self.top_point = lambda z: self.top_line.point_from_proportion((z - lo) / (hi - lo))
        self.bottom_point = lambda a: self.bottom_line.point_from_proportion(float(a))
        ticks = VGroup()
        for z in (lo, (lo + hi) / 2, hi):
            ticks.add(number(z, 0, size=theme.small_size, theme=theme).next_to(self.top_point(z), UP, buff=0.25))
        for a in (0, 0.5, 1):
            ticks.add(number(a, 1 if a == 0.5 else 0, size=theme.small_size, theme=theme)
                      .next_to(self.bottom_point(a), DOWN, buff=0.25))
        self.names = VGroup(
            label("weighted sum z: any number", size=theme.small_size, dim=True, theme=theme)
            .next_to(self.top_line, UP, buff=0.6),
            label("σ(z): between 0 and 1", size=theme.small_size, dim=True, theme=theme)
            .next_to(self.bottom_line, DOWN, buff=0.6))
        self.dots = VGroup(*(Dot(self.top_point(z), radius=0.08, color=self._grey(a))
                             for z, a in zip(self.sums, self.values)))
        self.add(self.top_line, self.bottom_line, ticks, self.names, self.dots)

    def _grey(self, activation: float) -> str:
        level = int(round(60 + 195 * float(activation)))
        return f"#{level:02x}{level:02x}{level:02x}"

    def squished_positions(self) -> np.ndarray:
        """Where each dot lands on the lower line, (n, 3) scene coordinates."""
        return np.array([self.bottom_point(a) for a in self.values])

    def squish(self, run_time: float = 2.0) -> AnimationGroup:
        """Copies of the dots fall from z to sigma(z), each leaving a faint thread from where it started (the
        originals stay, so both ends are seen). Afterwards ``landed`` holds the copies and the threads."""
        copies = self.dots.copy()
        targets = self.squished_positions()
        threads = VGroup(*(Line(d.get_center(), d.get_center() + 1e-3 * DOWN, stroke_width=1.5,
                                color=self.theme.dim_text, stroke_opacity=0.5) for d in self.dots))
        # a thread's end moves in a straight line at the same pace as its dot, so it always reaches the dot
        grow = [t.animate.put_start_and_end_on(d.get_center(), p) for t, d, p in zip(threads, self.dots, targets)]
        moves = [d.animate.move_to(p) for d, p in zip(copies, targets)]
        self.landed = VGroup(threads, copies)
        return AnimationGroup(*grow, *moves, run_time=run_time)
