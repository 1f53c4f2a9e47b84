"""Charts for measured numbers: learning curves, bar charts and a column of nudges.

Everything is drawn from arrays a scene gets from nnlib, with Text labels (never TeX):

* :class:`LinePlot` -- axes for curves over epochs; :meth:`LinePlot.series` draws one array as a polyline,
  :meth:`LinePlot.point` maps data to the scene.
* :class:`BarChart` -- one bar per category (e.g. per digit), heights from an array, counts written above.
* :class:`NudgeColumn` -- a few entries of a long vector (e.g. -grad C) as a bracketed column of signed, coloured
  numbers with a vertical ellipsis standing for the rest.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Axes, DashedVMobject, Dot, Line, Rectangle, VGroup, VMobject)

from .theme import Theme, current_theme, format_number, label, number


class LinePlot(VGroup):
    """Axes from ``x_range`` x ``y_range`` with Text tick labels and axis names; add curves with :meth:`series`."""

    def __init__(self, x_range: tuple[float, float], y_range: tuple[float, float], *, width: float = 6.0,
                 height: float = 3.5, x_ticks: Sequence[float] = (), y_ticks: Sequence[float] = (),
                 x_name: str = "", y_name: str = "", y_percent: bool = False, y_decimals: int | None = None,
                 text_size: float | None = None, theme: Theme | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.theme = theme = theme or current_theme()
        self.text_size = text_size or theme.small_size  # ticks, names and end labels
        self.axes = Axes(x_range=(x_range[0], x_range[1], (x_range[1] - x_range[0]) / 4),
                         y_range=(y_range[0], y_range[1], (y_range[1] - y_range[0]) / 4),
                         x_length=width, y_length=height, tips=False,
                         axis_config={"color": theme.dim_text, "stroke_width": 2, "include_numbers": False,
                                      "include_ticks": False})
        ax = self.axes
        small = self.text_size
        self.tick_labels = VGroup()
        for x in x_ticks:
            self.tick_labels.add(label(format_number(x, 0), size=small, dim=True, theme=theme)
                                 .next_to(ax.c2p(x, y_range[0]), DOWN, buff=0.12))
            self.tick_labels.add(Line(ax.c2p(x, y_range[0]), ax.c2p(x, y_range[0]) + 0.08 * DOWN,
                                      color=theme.dim_text, stroke_width=2))
        for y in y_ticks:
            decimals = y_decimals if y_decimals is not None else (0 if float(y).is_integer() else 1)
            text = f"{y:.0%}" if y_percent else format_number(y, decimals)
            self.tick_labels.add(label(text, size=small, dim=True, theme=theme)
                                 .next_to(ax.c2p(x_range[0], y), LEFT, buff=0.12))
            self.tick_labels.add(Line(ax.c2p(x_range[0], y), ax.c2p(x_range[1], y), color=theme.dim_text,
                                      stroke_width=1, stroke_opacity=0.25))
        self.names = VGroup()
        if x_name:
            self.names.add(label(x_name, size=small, dim=True, theme=theme)
                           .next_to(ax.x_axis, DOWN, buff=0.5))
        if y_name:
            self.names.add(label(y_name, size=small, dim=True, theme=theme)
                           .next_to(ax.c2p(x_range[0], y_range[1]), UP, buff=0.2).align_to(ax, LEFT))
        self.add(self.tick_labels, self.axes, self.names)

    def point(self, x: float, y: float) -> np.ndarray:
        """Scene coordinates of data point (x, y)."""
        return self.axes.c2p(x, y)

    def series(self, xs: np.ndarray, ys: np.ndarray, color: str, stroke_width: float = 4,
               dashed: bool = False) -> VMobject:
        """The data as a polyline (straight segments between measured points, no smoothing: nothing invented)."""
        points = [self.point(float(x), float(y)) for x, y in zip(xs, ys)]
        line = VMobject(stroke_color=color, stroke_width=stroke_width)
        line.set_points_as_corners(points)
        if dashed:
            line = DashedVMobject(line, num_dashes=max(10, len(points) // 2))
        line.data = (np.asarray(xs), np.asarray(ys))
        return line

    def end_label(self, text: str, series: VMobject, color: str, direction=RIGHT) -> VMobject:
        """A label beside the last point of a curve."""
        xs, ys = series.data
        return label(text, size=self.text_size, color=color, theme=self.theme) \
            .next_to(self.point(float(xs[-1]), float(ys[-1])), direction, buff=0.15)


class BarChart(VGroup):
    """Bars for ``values`` (e.g. counts per digit) on a common scale ``max_value``, category names below.

    ``values`` keeps the numbers; ``bars`` the rectangles; ``value_labels`` the numbers written above the bars
    (formatted by ``fmt``: "count" -> 1,234, "percent" -> 12%).
    """

    def __init__(self, values: Sequence[float], names: Sequence[str], *, max_value: float | None = None,
                 width: float = 5.0, height: float = 2.5, color: str | None = None, fmt: str = "count",
                 highlight: int | None = None, text_size: float | None = None, theme: Theme | None = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.theme = theme = theme or current_theme()
        small = text_size or theme.small_size  # names; the values above the bars a little smaller unless given
        self.values = np.asarray(values, dtype=np.float64)
        top = float(max_value if max_value is not None else self.values.max()) or 1.0
        n = len(self.values)
        slot = width / n
        self.bars, self.value_labels, self.names = VGroup(), VGroup(), VGroup()
        baseline = Line(LEFT * width / 2, RIGHT * width / 2, color=theme.dim_text, stroke_width=2)
        for i, (v, name) in enumerate(zip(self.values, names)):
            x = -width / 2 + (i + 0.5) * slot
            h = max(height * v / top, 0.0)
            colour = theme.accent if i == highlight else (color or theme.positive)
            bar = Rectangle(width=slot * 0.7, height=max(h, 1e-3), fill_color=colour, fill_opacity=0.9,
                            stroke_width=0).move_to([x, h / 2, 0])
            self.bars.add(bar)
            text = f"{v:.0%}" if fmt == "percent" else format_number(v, 0)
            self.value_labels.add(label(text, size=small if text_size else small * 0.8, dim=True, theme=theme)
                                  .next_to(bar, UP, buff=0.06))
            self.names.add(label(str(name), size=small, theme=theme).move_to([x, -0.25 * small / theme.small_size, 0]))
        self.add(baseline, self.bars, self.value_labels, self.names)


class NudgeColumn(VGroup):
    """A long vector shown as a column: the entries at ``head`` indices, a vertical ellipsis, the ``tail`` ones.

    Entries are signed numbers coloured by sign (``positive`` = "increase this parameter", ``negative`` =
    "decrease it"), optionally with a short bar whose length is proportional to |value| (``bars=True``), so the
    eye sees which nudges matter more. ``rows`` maps each shown index to its row VGroup; ``shown`` lists
    ``(index, value)`` in order.
    """

    def __init__(self, vector: np.ndarray, head: Sequence[int], tail: Sequence[int] = (), *, decimals: int = 2,
                 size: float | None = None, bars: bool = True, bar_scale: float | None = None,
                 colour_by_sign: bool = True, row_height: float = 0.42, theme: Theme | None = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.theme = theme = theme or current_theme()
        vector = np.asarray(vector, dtype=np.float64)
        size = size or theme.small_size
        scale = bar_scale or float(np.abs(vector[list(head) + list(tail)]).max()) or 1.0
        self.rows: dict[int, VGroup] = {}
        self.shown: list[tuple[int, float]] = []
        entries = VGroup()
        y = 0.0

        def add_row(i: int) -> None:
            nonlocal y
            v = float(vector[i])
            colour = theme.signed(v) if colour_by_sign else theme.text
            text = number(v, decimals, size=size, color=colour, signed=colour_by_sign, theme=theme)
            text.move_to([0, y, 0]).align_to([0.0, 0, 0], RIGHT)
            row = VGroup(text)
            if bars:
                length = 0.9 * min(abs(v) / scale, 1.0)
                bar = Rectangle(width=max(length, 0.02), height=row_height * 0.45, fill_color=colour,
                                fill_opacity=0.85, stroke_width=0)
                bar.move_to([0.15 + length / 2, y, 0])
                row.add(bar)
            self.rows[i] = row
            self.shown.append((i, v))
            entries.add(row)
            y -= row_height

        for i in head:
            add_row(int(i))
        self.ellipsis = None
        if len(tail) or len(head) < len(vector):
            dots = VGroup(*(Dot(radius=0.035, color=theme.text) for _ in range(3))).arrange(DOWN, buff=0.07)
            dots.move_to([-0.5, y - row_height * 0.3, 0])
            entries.add(dots)
            self.ellipsis = dots
            y -= row_height * 1.6
        for i in tail:
            add_row(int(i))
        left = entries.get_left()[0] - 0.15
        right = entries.get_right()[0] + 0.15
        top, bottom = entries.get_top()[1] + 0.12, entries.get_bottom()[1] - 0.12
        bracket_l = VMobject(stroke_color=theme.text, stroke_width=2.5)
        bracket_l.set_points_as_corners([[left + 0.12, top, 0], [left, top, 0], [left, bottom, 0],
                                         [left + 0.12, bottom, 0]])
        bracket_r = VMobject(stroke_color=theme.text, stroke_width=2.5)
        bracket_r.set_points_as_corners([[right - 0.12, top, 0], [right, top, 0], [right, bottom, 0],
                                         [right - 0.12, bottom, 0]])
        self.entries = entries
        self.add(entries, bracket_l, bracket_r)
