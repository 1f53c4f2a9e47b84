"""A confusion matrix drawn as a 10 x 10 grid: which digit the network said (columns) for each true digit (rows).

>>> grid = ConfusionGrid(evaluation.confusion)          # doctest: +SKIP
>>> grid.cell(5, 3)                                    # the square of "5 called a 3"   # doctest: +SKIP

Right answers (the diagonal) are tinted in the theme's ``positive`` colour, mistakes in ``negative``, each by its own
largest count, so the few big mistakes stand out from the many small ones. Off-diagonal counts of at least
``numbers_from`` are written in their squares. The numbers come from the matrix given (nnlib computes it:
:attr:`nnlib.evaluation.Evaluation.confusion`); nothing here invents one.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, UP, Square, SurroundingRectangle, VGroup

from .theme import current_theme, format_number, label

#: Smallest type the grid writes (letters with descenders 14 px tall at 854x480).
SMALLEST = 24


class ConfusionGrid(VGroup):
    """``confusion[t, p]`` counts as a grid of squares ``cell_size`` units wide, rows = true digit, columns = answer.

    ``cells[t][p]`` are the squares, ``counts`` the matrix drawn, ``numbers`` the written counts; ``cell(t, p)``
    the square of one pair and ``highlight(t, p)`` a frame around it (not added: animate it in).
    """

    def __init__(self, confusion: np.ndarray, *, cell_size: float = 0.4, numbers_from: int = 20,
                 row_name: str = "true digit", column_name: str = "the network's answer") -> None:
        super().__init__()
        theme = current_theme()
        counts = self.counts = np.asarray(confusion, dtype=int)
        if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
            raise ValueError(f"a confusion matrix is square, got shape {counts.shape}")
        n = counts.shape[0]
        off = counts.copy()
        np.fill_diagonal(off, 0)
        top_right, top_wrong = max(int(np.diag(counts).max()), 1), max(int(off.max()), 1)
        self.cells: list[list[Square]] = []
        squares, self.numbers = VGroup(), VGroup()
        for t in range(n):
            row = []
            for p in range(n):
                right = t == p
                share = counts[t, p] / (top_right if right else top_wrong)
                square = Square(cell_size, stroke_color=theme.dim_text, stroke_width=1,
                                fill_color=theme.positive if right else theme.negative,
                                fill_opacity=0.08 + 0.8 * float(share) if counts[t, p] else 0.0)
                square.move_to([p * cell_size, -t * cell_size, 0])
                row.append(square)
                squares.add(square)
                if not right and counts[t, p] >= numbers_from:
                    self.numbers.add(label(format_number(counts[t, p], 0), size=SMALLEST).move_to(square))
            self.cells.append(row)
        self.add(squares, self.numbers)
        self.row_labels = VGroup(*(label(str(t), size=SMALLEST, dim=True).next_to(self.cells[t][0], LEFT, buff=0.1)
                                   for t in range(n)))
        self.column_labels = VGroup(*(label(str(p), size=SMALLEST, dim=True).next_to(self.cells[0][p], UP, buff=0.1)
                                      for p in range(n)))
        self.row_name = label(row_name, size=SMALLEST, dim=True).rotate(np.pi / 2)
        self.row_name.next_to(self.row_labels, LEFT, buff=0.15)
        self.column_name = label(column_name, size=SMALLEST, dim=True).next_to(self.column_labels, UP, buff=0.1)
        self.add(self.row_labels, self.column_labels, self.row_name, self.column_name)

    def cell(self, true: int, said: int) -> Square:
        return self.cells[true][said]

    def highlight(self, true: int, said: int, color: str | None = None) -> SurroundingRectangle:
        """A frame around the square of "``true`` answered as ``said``", in the accent colour unless told."""
        return SurroundingRectangle(self.cell(true, said), buff=0.03, stroke_width=5,
                                    color=color or current_theme().accent)

    def line_of(self, true: int) -> VGroup:
        """The squares of one true digit's row (every answer given for that digit)."""
        return VGroup(*self.cells[true])


__all__ = ["ConfusionGrid"]
