"""Toy cost landscapes drawn: a curve with balls and tangent lines, and a surface in 3-D.

The functions come from :mod:`nnlib.toys` (named toys, not the network); these classes only draw them.

* :class:`ToyCurvePlot` -- a :class:`~nnlib.toys.ToyCurve` on labelled axes, with :meth:`~ToyCurvePlot.ball` (a dot
  resting on the curve), :meth:`~ToyCurvePlot.tangent` (the slope at a point, as a short line) and
  :meth:`~ToyCurvePlot.point`.
* :class:`ToySurfacePlot` -- a :class:`~nnlib.toys.ToySurface` as a 3-D ``Surface`` (resolution <= 24, the speed
  rule) over ``ThreeDAxes``, with :meth:`~ToySurfacePlot.point` lifting a floor point (x, y) onto the surface.
"""

from __future__ import annotations

import numpy as np
from manim import OUT, UL, WHITE, Dot, Line, ManimColor, Surface, ThreeDAxes, VGroup, interpolate_color

from nnlib.toys import ToyCurve, ToySurface

from .sigmoid_plot import FunctionPlot
from .theme import Theme, current_theme


class ToyCurvePlot(FunctionPlot):
    """A toy cost curve C(x) on axes spanning the curve's own ``x_range``; the y axis starts at 0."""

    def __init__(self, curve: ToyCurve, width: float = 9.0, height: float = 4.0, *, theme: Theme | None = None,
                 **kwargs) -> None:
        self.toy = curve
        lo, hi = curve.x_range
        top = float(np.ceil(np.max(curve.value(np.linspace(lo, hi, 400)))))
        x_ticks = [float(t) for t in np.arange(np.ceil(lo), hi + 1e-9, 2 if hi - lo > 6 else 1)]
        kwargs.setdefault("x_name", "x")
        kwargs.setdefault("y_name", "C(x)")
        super().__init__(curve.value, (lo, hi), (0, top), width=width, height=height, x_ticks=x_ticks,
                         y_ticks=[top / 2, top], theme=theme, **kwargs)

    def point(self, x: float) -> np.ndarray:
        """Scene coordinates of the curve's point above ``x``."""
        return self.axes.c2p(x, float(self.toy.value(x)))

    def ball(self, x: float, color: str | None = None, radius: float = 0.11) -> Dot:
        """A dot sitting on the curve above ``x`` (its centre lifted by its radius so it rests on the line)."""
        dot = Dot(self.point(x), radius=radius, color=color or self.theme.text)
        dot.shift(radius * np.array([0.0, 1.0, 0.0]))
        dot.x_value = float(x)
        return dot

    def ball_position(self, x: float, radius: float = 0.11) -> np.ndarray:
        """Where :meth:`ball` puts a dot of ``radius`` for ``x`` (to animate ``dot.animate.move_to``)."""
        return self.point(x) + radius * np.array([0.0, 1.0, 0.0])

    def tangent(self, x: float, length: float = 2.0, color: str | None = None) -> Line:
        """The tangent line at ``x`` (slope from the toy's exact derivative), ``length`` scene units long."""
        slope = float(self.toy.slope(x))
        p0 = self.axes.c2p(x - 0.5, float(self.toy.value(x)) - 0.5 * slope)
        p1 = self.axes.c2p(x + 0.5, float(self.toy.value(x)) + 0.5 * slope)
        direction = (p1 - p0) / np.linalg.norm(p1 - p0)
        centre = self.point(x)
        line = Line(centre - direction * length / 2, centre + direction * length / 2,
                    color=color or self.theme.accent, stroke_width=4)
        line.slope = slope
        return line


class ToySurfacePlot(VGroup):
    """A toy cost surface C(x, y) above the plane, drawn with ``resolution`` x ``resolution`` faces.

    Heights are scaled by ``z_scale`` so the landscape reads well; colours run from dark (low cost) to light (high
    cost), shades between the background and the text colour, so that the theme's green and red keep their one
    meaning (a weight's sign) and balls of any colour stand out on the ground. ``colours`` (low, middle, high)
    overrides them.
    """

    def __init__(self, surface: ToySurface, resolution: int = 24, side: float = 6.0, z_scale: float = 0.8, *,
                 opacity: float = 0.85, colours: tuple[str, str, str] | None = None, theme: Theme | None = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.theme = theme = theme or current_theme()
        self.toy = surface
        low, middle, high = colours or tuple(interpolate_color(ManimColor(theme.background), ManimColor(theme.text),
                                                               f).to_hex() for f in (0.18, 0.42, 0.72))
        self.z_scale = z_scale
        (x0, x1), (y0, y1) = surface.x_range, surface.y_range
        grid = np.linspace(x0, x1, 60)
        values = surface.value(grid[:, None], grid[None, :])
        self.c_min, self.c_max = float(values.min()), float(values.max())
        self.axes = ThreeDAxes(x_range=(x0, x1, 1), y_range=(y0, y1, 1), z_range=(0, self.c_max * z_scale, 1),
                               x_length=side, y_length=side, z_length=self.c_max * z_scale * side / (x1 - x0),
                               tips=False, axis_config={"color": theme.dim_text, "include_numbers": False})
        self.surface = Surface(lambda u, v: self.axes.c2p(u, v, float(surface.value(u, v)) * z_scale),
                               u_range=(x0, x1), v_range=(y0, y1), resolution=(resolution, resolution),
                               fill_opacity=opacity, stroke_width=0.4, stroke_color=theme.background,
                               checkerboard_colors=[low])
        self.surface.set_fill_by_value(axes=self.axes, colorscale=[(low, self.c_min * z_scale),
                                                                   (middle, (self.c_min + self.c_max) / 2 * z_scale),
                                                                   (high, self.c_max * z_scale)], axis=2)
        self.add(self.axes, self.surface)

    def point(self, x: float, y: float, lift: float = 0.0) -> np.ndarray:
        """Scene coordinates of the surface above floor point (x, y), raised by ``lift`` scene units."""
        return self.axes.c2p(x, y, float(self.toy.value(x, y)) * self.z_scale) + lift * OUT

    def floor_point(self, x: float, y: float) -> np.ndarray:
        """Scene coordinates of (x, y) on the floor (cost 0)."""
        return self.axes.c2p(x, y, 0)

    def ball(self, x: float, y: float, color: str | None = None, radius: float = 0.12) -> VGroup:
        """A ball resting on the surface at (x, y): a flat disc with a small highlight, meant to face the camera.

        Add it with ``scene.add_fixed_orientation_mobjects(ball)`` so it is drawn upright whatever the camera's angle.
        It reads as a ball, and is two shapes to draw a frame where a shaded sphere is dozens of faces, each lit
        separately -- in a scene where balls roll for many seconds, most of the render time.
        """
        colour = color or self.theme.text
        ball = VGroup(Dot(radius=radius, color=colour, stroke_width=2, stroke_color=self.theme.background),
                      Dot(radius=radius * 0.3, color=WHITE, fill_opacity=0.7).shift(UL * radius * 0.3))
        return ball.move_to(self.point(x, y, lift=radius))
