"""A cost surface in 3D, built from a grid of computed costs (see :mod:`nnlib.landscape`).

:class:`SliceFrame` maps the slice's coordinates -- (alpha, beta) on the floor, the cost as height -- into scene
space and builds the pieces a scene needs from the arrays: the coloured :class:`~manim.Surface` (heights read from
the grid by bilinear interpolation, faces coloured by height), contour lines drawn on it, the path of training, and
a colour bar. It takes arrays and keyword arguments only; it never computes a cost itself.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Group, ImageMobject, ImplicitFunction, Rectangle, Surface, VGroup, VMobject,
                   color_gradient)

from .theme import Theme, current_theme, label, number, rgb

# One hue, dark indigo low to pale lilac high: no green, red or yellow, so the surface never borrows the colours
# that mean positive and negative weights or the accent of the path and ball drawn on it.
COST_COLOURS = ("#2E1A5E", "#4B3A8C", "#7F6BC0", "#C9BDF0")


def bilinear(xs: Sequence[float], ys: Sequence[float], values: np.ndarray, x: float, y: float) -> float:
    """``values[i, j]`` is the height at (xs[j], ys[i]); the bilinear interpolation at (x, y), clamped to the grid.

    Plain Python on scalars: contour tracing calls this hundreds of thousands of times.
    """
    x = min(max(x, xs[0]), xs[-1])
    y = min(max(y, ys[0]), ys[-1])
    j = min(max(bisect.bisect_left(xs, x) - 1, 0), len(xs) - 2)
    i = min(max(bisect.bisect_left(ys, y) - 1, 0), len(ys) - 2)
    tx = (x - xs[j]) / (xs[j + 1] - xs[j])
    ty = (y - ys[i]) / (ys[i + 1] - ys[i])
    top = values[i][j] * (1 - tx) + values[i][j + 1] * tx
    bottom = values[i + 1][j] * (1 - tx) + values[i + 1][j + 1] * tx
    return top * (1 - ty) + bottom * ty


@dataclass
class SliceFrame:
    """Where the slice sits in the scene: the (alpha, beta) grid spans ``width`` x ``depth`` on the floor, and a cost
    of ``max(costs)`` is ``height`` units high."""

    alphas: np.ndarray
    betas: np.ndarray
    costs: np.ndarray
    width: float = 7.0
    depth: float = 4.5
    height: float = 3.0
    _lists: tuple = field(init=False, repr=False)
    _ramp: list = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._ramp = [c.to_hex() for c in color_gradient(COST_COLOURS, 101)]
        self._lists = (list(map(float, self.alphas)), list(map(float, self.betas)), np.asarray(self.costs).tolist())

    @property
    def z_scale(self) -> float:
        """Scene units per unit of cost."""
        return self.height / float(np.max(self.costs))

    def floor(self, alpha: float, beta: float) -> tuple[float, float]:
        """Scene (x, y) of a point (alpha, beta) of the slice."""
        a0, a1, b0, b1 = self.alphas[0], self.alphas[-1], self.betas[0], self.betas[-1]
        return ((alpha - a0) / (a1 - a0) - 0.5) * self.width, ((beta - b0) / (b1 - b0) - 0.5) * self.depth

    def unfloor(self, x: float, y: float) -> tuple[float, float]:
        """(alpha, beta) of a scene point (x, y): the inverse of :meth:`floor`."""
        a0, a1, b0, b1 = self.alphas[0], self.alphas[-1], self.betas[0], self.betas[-1]
        return a0 + (x / self.width + 0.5) * (a1 - a0), b0 + (y / self.depth + 0.5) * (b1 - b0)

    def cost_at(self, alpha: float, beta: float) -> float:
        """The surface's cost at (alpha, beta), interpolated between grid points."""
        return bilinear(*self._lists[:2], self._lists[2], float(alpha), float(beta))

    def point(self, alpha: float, beta: float, cost: float | None = None, lift: float = 0.0) -> np.ndarray:
        """Scene point above (alpha, beta) at height ``cost`` (default: on the surface), raised by ``lift``."""
        x, y = self.floor(alpha, beta)
        c = self.cost_at(alpha, beta) if cost is None else cost
        return np.array([x, y, c * self.z_scale + lift])

    def colour_of(self, cost: float) -> str:
        """The surface colour of a cost (dark indigo low, pale lilac high)."""
        t = (cost - np.min(self.costs)) / max(np.ptp(self.costs), 1e-12)
        return self._ramp[int(np.clip(round(t * 100), 0, 100))]

    def surface(self, resolution: int = 24, opacity: float = 0.85, theme: Theme | None = None) -> Surface:
        """The cost surface as ``resolution`` x ``resolution`` faces, each coloured by its height."""
        theme = theme or current_theme()
        if resolution > 24:
            raise ValueError("keep Surface resolution <= 24: Cairo draws every face separately")
        surface = Surface(
            lambda u, v: self.point(u, v),
            u_range=[float(self.alphas[0]), float(self.alphas[-1])],
            v_range=[float(self.betas[0]), float(self.betas[-1])],
            resolution=(resolution, resolution),
            stroke_width=0.4, stroke_color=theme.background, stroke_opacity=0.5,
        )
        for face in surface:
            face.set_fill(self.colour_of(face.get_center()[2] / self.z_scale), opacity=opacity)
        return surface

    def contour_levels(self, count: int = 6) -> np.ndarray:
        """``count`` costs spaced evenly on a log scale between just above the lowest and just below the highest,
        rounded to two significant figures (so they read well as labels)."""
        lo, hi = float(np.min(self.costs)), float(np.max(self.costs))
        raw = np.geomspace(lo * 1.15, hi * 0.9, count)
        return np.array([float(f"{v:.2g}") for v in raw])

    def contours(self, levels: np.ndarray, lift: float = 0.02, stroke_width: float = 2.0,
                 theme: Theme | None = None) -> VGroup:
        """Lines of equal cost, each drawn on the surface at its own height."""
        theme = theme or current_theme()
        lines = VGroup()
        half_w, half_d = self.width / 2, self.depth / 2
        for level in levels:
            curve = ImplicitFunction(lambda x, y, c=level: self.cost_at(*self.unfloor(x, y)) - c,
                                     x_range=[-half_w, half_w], y_range=[-half_d, half_d],
                                     min_depth=5, max_quads=800, stroke_width=stroke_width,
                                     stroke_color=theme.text, stroke_opacity=0.8)
            curve.shift(np.array([0, 0, level * self.z_scale + lift]))
            lines.add(curve)
        return lines

    def path_curve(self, path: np.ndarray, lift: float = 0.03, stroke_width: float = 4.0,
                   color: str | None = None) -> VMobject:
        """The projected path (n, 2) of (alpha, beta) drawn on the surface."""
        curve = VMobject(stroke_width=stroke_width, stroke_color=color or current_theme().accent)
        curve.set_points_as_corners([self.point(a, b, lift=lift) for a, b in path])
        return curve

    def colour_bar(self, height: float = 2.4, theme: Theme | None = None) -> Group:
        """A vertical colour bar from the lowest to the highest cost on the grid, labelled with both numbers."""
        theme = theme or current_theme()
        ramp = np.array([rgb(c.to_hex()) for c in color_gradient(COST_COLOURS, 64)], dtype=np.uint8)[::-1]
        image = ImageMobject(np.repeat(ramp[:, None, :], 8, axis=1))
        image.height = height
        image.stretch_to_fit_width(0.25)
        frame = Rectangle(width=0.25, height=height, stroke_width=1, stroke_color=theme.dim_text).move_to(image)
        top = number(float(np.max(self.costs)), 2, size=24).next_to(frame, RIGHT, buff=0.1).align_to(frame, UP)
        bottom = number(float(np.min(self.costs)), 2, size=24).next_to(frame, RIGHT, buff=0.1).align_to(frame, DOWN)
        title = label("cost", size=24, dim=True).next_to(frame, UP, buff=0.15).align_to(frame, LEFT)
        return Group(image, frame, top, bottom, title)


def cost_picture(costs: np.ndarray, height: float = 2.0) -> ImageMobject:
    """A grid of costs seen from above as a small picture in the surface's colours (its own lowest to highest),
    row 0 at the bottom as on the floor of :class:`SliceFrame`; ``height`` scene units tall, square pixels."""
    grid = np.asarray(costs, dtype=np.float64)
    ramp = np.array([rgb(c.to_hex()) for c in color_gradient(COST_COLOURS, 101)], dtype=np.uint8)
    t = (grid - grid.min()) / max(float(np.ptp(grid)), 1e-12)
    pixels = ramp[np.clip(np.rint(t * 100).astype(int), 0, 100)][::-1]
    image = ImageMobject(np.repeat(np.repeat(pixels, 4, axis=0), 4, axis=1))
    image.height = height
    return image
