"""Drawing helpers both real-cost-surface scenes share: cost on a log axis, and what the straight line does."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, Axes, DashedVMobject, Line, VGroup, VMobject

from nnlib.landscape import Landscape, StraightLineProfile, straight_line_profile
from scenes.content.components import current_theme, format_number, label

#: the note every scene of this part carries: it shows precomputed runs of the shipped network
SHIPPED = "precomputed with the shipped recipe: other weights do not change it"


def shipped_note() -> VMobject:
    """The bottom note of both scenes of this part (no command or file name: how to regenerate is the README's)."""
    note = label(SHIPPED, size=24, dim=True)
    if note.width > 13.4:
        note.scale_to_fit_width(13.4)
    return note.to_edge(DOWN, buff=0.12)


def nice_cost_ticks(low: float, high: float) -> list[float]:
    """1-2-5 values between ``low`` and ``high``, for a log axis."""
    out = []
    for exponent in range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1):
        for m in (1, 2, 5):
            v = m * 10.0 ** exponent
            if low * 0.999 <= v <= high * 1.001:
                out.append(float(f"{v:.3g}"))
    return out


def cost_axes(x0: float, x1: float, low: float, high: float, x_name: str, x_ticks: list[float]) -> VGroup:
    """Axes for a cost on a log scale (ticks in Text, never TeX); ``group.c2p(x, cost)`` places a point."""
    theme = current_theme()
    y0, y1 = np.floor(np.log10(low) * 2) / 2, np.ceil(np.log10(high) * 2) / 2
    axes = Axes(x_range=[x0, x1, (x1 - x0) / 2], y_range=[0, y1 - y0, 1], x_length=5.6, y_length=3.2, tips=False,
                x_axis_config={"color": theme.dim_text, "stroke_width": 2},
                y_axis_config={"color": theme.dim_text, "stroke_width": 2, "include_ticks": False})
    group = VGroup(axes)
    for x in x_ticks:
        group.add(label(format_number(x, 0 if float(x).is_integer() else 1), size=24, dim=True)
                  .next_to(axes.c2p(x, 0), DOWN, buff=0.15))
    for value in nice_cost_ticks(10 ** y0, 10 ** y1):
        at = axes.c2p(x0, np.log10(value) - y0)
        group.add(Line(at + LEFT * 0.08, at + RIGHT * 0.08, color=theme.dim_text, stroke_width=2))
        group.add(label(f"{value:g}", size=24, dim=True).next_to(at, LEFT, buff=0.15))
    group.add(label(x_name, size=24, dim=True).next_to(axes.x_axis, DOWN, buff=0.5))
    group.add(label("cost (log scale)", size=24, dim=True).next_to(axes.c2p(x0, y1 - y0), RIGHT, buff=0.25))
    group.c2p = lambda x, cost: axes.c2p(x, np.log10(cost) - y0)
    return group


def log_curve(axes: VGroup, xs: np.ndarray, costs: np.ndarray, color: str, width: float = 3,
              dashed: bool = False) -> VMobject:
    """A polyline of (x, cost) on :func:`cost_axes` (straight segments between measured points)."""
    curve = VMobject(stroke_color=color, stroke_width=width)
    curve.set_points_as_corners([axes.c2p(x, c) for x, c in zip(xs, costs)])
    return DashedVMobject(curve, num_dashes=60) if dashed else curve


def straight_line(land: Landscape) -> StraightLineProfile:
    """What the cost does along the straight line from start to trained (:func:`nnlib.landscape.straight_line_profile`:
    a climb is a bump only when it is a real share of the fall)."""
    return straight_line_profile(land.interp_t, land.interp_costs)
