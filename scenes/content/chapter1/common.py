"""Words and small drawings several chapter-1 scenes share.

Narration describes the network in force (the shipped 784-16-16-10 one, or ``--weights``), so its sizes are put
into words here once rather than typed into each scene.
"""

from __future__ import annotations

from typing import Sequence

from manim import Line, VGroup

from scenes.content.components import format_number


def count(n: int) -> str:
    """A whole number as narration says it: ``13002`` -> ``"13,002"`` (espeak reads the comma as thousands)."""
    return format_number(n, 0)


def hidden_words(sizes: Sequence[int]) -> str:
    """The hidden layers of a network of ``sizes`` in words: "two hidden layers of 16 neurons each"."""
    hidden = list(sizes[1:-1])
    if not hidden:
        return "no hidden layer at all"
    if len(hidden) == 1:
        return f"one hidden layer of {count(hidden[0])} neurons"
    number_word = {2: "two", 3: "three", 4: "four"}.get(len(hidden), str(len(hidden)))
    if len(set(hidden)) == 1:
        return f"{number_word} hidden layers of {count(hidden[0])} neurons each"
    listed = ", ".join(count(n) for n in hidden[:-1]) + f" and {count(hidden[-1])}"
    return f"{number_word} hidden layers, of {listed} neurons"


def plural(n: int, word: str) -> str:
    """``plural(1, "layer")`` -> "1 layer"; ``plural(2, "layer")`` -> "2 layers"."""
    return f"{count(n)} {word}{'' if n == 1 else 's'}"


def bracketed(cells: list[list], column_width: float, row_height: float, color: str) -> VGroup:
    """Mobjects laid out as a matrix (rows of cells, centred in a grid) between square brackets.

    Returns ``VGroup(entries, brackets)``; ``entries[r][c]`` is the cell mobject.
    """
    entries = VGroup()
    n_rows, n_cols = len(cells), len(cells[0])
    for r, row in enumerate(cells):
        line = VGroup()
        for c, cell in enumerate(row):
            cell.move_to([(c - (n_cols - 1) / 2) * column_width, ((n_rows - 1) / 2 - r) * row_height, 0])
            line.add(cell)
        entries.add(line)
    height, width = n_rows * row_height, n_cols * column_width + 0.1
    arm = 0.12
    brackets = VGroup()
    for side in (-1, 1):
        x = side * width / 2
        brackets.add(VGroup(Line([x - side * arm, height / 2, 0], [x, height / 2, 0]),
                            Line([x, height / 2, 0], [x, -height / 2, 0]),
                            Line([x, -height / 2, 0], [x - side * arm, -height / 2, 0])).set_stroke(color, 2.5))
    return VGroup(entries, brackets)
