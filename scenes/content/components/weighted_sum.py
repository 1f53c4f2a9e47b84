"""A weighted sum added up the way it is defined: one product at a time, with the total so far on screen.

``w_1 a_1 + w_2 a_2 + ... + w_784 a_784`` is one number, but a viewer learns it by watching it grow: a marker
visits a pixel of the image and the same pixel of the weights, the product is written, and the running total moves.
A few terms are added alone; the hundreds left are added in a handful of groups (bands of rows, in reading order),
so the total reaches the true sum without a Text rebuilt every frame (one new number per step).

>>> steps = sum_steps(w, image, first=[402, 377], groups=6)            # doctest: +SKIP
>>> steps[-1].total == float(w @ image)                                 # doctest: +SKIP
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from manim import DOWN, RIGHT, UL, Animation, AnimationGroup, Mobject, Square, Transform, VGroup

from .theme import Theme, current_theme, format_number, label, number


@dataclass(frozen=True)
class SumStep:
    """One step of adding up: the pixels added (``indices``), what they add (``added``), the total so far."""

    indices: tuple[int, ...]
    added: float
    total: float


def sum_steps(weights: np.ndarray, activations: np.ndarray, first: Sequence[int] = (), groups: int = 6,
              only: np.ndarray | None = None) -> list[SumStep]:
    """The steps of adding up ``weights * activations``: each pixel of ``first`` alone, in that order, then every
    other pixel (or every other pixel where ``only`` is True) in ``groups`` bands of about equal count, in reading
    order. Without ``only`` the last total is the whole weighted sum, set to exactly ``weights @ activations``."""
    w = np.asarray(weights, dtype=np.float64).ravel()
    a = np.asarray(activations, dtype=np.float64).ravel()
    products = w * a
    chosen = [int(i) for i in first]
    keep = np.ones(w.size, bool) if only is None else np.asarray(only, bool).ravel().copy()
    keep[chosen] = False
    rest = np.flatnonzero(keep)
    bands = [band for band in np.array_split(rest, max(1, min(groups, rest.size))) if band.size] if rest.size else []
    steps, total = [], 0.0
    for part in [np.array([i]) for i in chosen] + bands:
        added = float(products[part].sum())
        total += added
        steps.append(SumStep(tuple(int(i) for i in part), added, total))
    if only is None and steps:  # the last total is the weighted sum itself, to the last bit
        last = steps[-1]
        steps[-1] = SumStep(last.indices, last.added, float(w @ a))
    return steps


def cell_center(picture: Mobject, index: int, side: int = 28) -> np.ndarray:
    """Scene coordinates of pixel ``index`` (row-major) of a square picture: a PixelGrid, a WeightHeatmap, or any
    group whose ``image`` is the pixels."""
    image = getattr(picture, "image", picture)
    cell = image.height / side
    row, col = divmod(int(index), side)
    return image.get_corner(UL) + (col + 0.5) * cell * RIGHT + (row + 0.5) * cell * DOWN


class PixelMarker(VGroup):
    """An outline around the same pixel on several pictures at once (the digit, its weights, their product): "this
    pixel, times this weight". :meth:`visit` moves every outline to another pixel (a move, not an entrance)."""

    def __init__(self, pictures: Sequence[Mobject], index: int, color: str | None = None, side: int = 28,
                 scale: float = 1.8, theme: Theme | None = None) -> None:
        super().__init__()
        theme = theme or current_theme()
        self.pictures, self.side = list(pictures), side
        for picture in self.pictures:
            cell = getattr(picture, "image", picture).height / side
            self.add(Square(side_length=cell * scale, stroke_color=color or theme.accent, stroke_width=3)
                     .move_to(cell_center(picture, index, side)))
        self.index = int(index)

    def visit(self, index: int, run_time: float = 1.0) -> Animation:
        """Move every outline to pixel ``index`` of its picture."""
        self.index = int(index)
        return AnimationGroup(*(square.animate.move_to(cell_center(picture, index, self.side))
                                for square, picture in zip(self, self.pictures)), run_time=run_time)


def term_text(weight: float, activation: float, decimals: int = 2) -> str:
    """One product of the sum as it is written: ``(+1.00)(0.99) = +0.99``."""
    return (f"({format_number(weight, decimals, signed=True)})({format_number(activation, decimals)}) = "
            f"{format_number(weight * activation, decimals, signed=True)}")


class RunningTotal(VGroup):
    """A caption and the total so far (``"sum so far"  2.76``); :meth:`to` swaps in the next total (one Text per
    step). ``number`` is the number on screen, its ``value`` the exact float shown."""

    def __init__(self, caption: str, value: float = 0.0, decimals: int = 2, size: float = 28,
                 color: str | None = None, theme: Theme | None = None) -> None:
        super().__init__()
        self.theme = theme or current_theme()
        self.decimals, self.size, self.color = decimals, size, color or self.theme.accent
        self.caption = label(caption, size=size, theme=self.theme)
        self.number = number(value, decimals, size=size + 2, color=self.color, theme=self.theme)
        self.add(self.caption, self.number)
        self.arrange(RIGHT, buff=0.2)

    @property
    def value(self) -> float:
        return self.number.value

    def to(self, value: float, run_time: float = 0.5) -> Animation:
        """The total changes to ``value``: the new number takes the old one's place."""
        new = number(value, self.decimals, size=self.size + 2, color=self.color, theme=self.theme)
        new.move_to(self.number, aligned_edge=np.array([-1.0, 0.0, 0.0]))
        animation = Transform(self.number, new, run_time=run_time)
        self.number.value = float(value)
        return animation
