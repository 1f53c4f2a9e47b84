"""A small drawing of "a network" for the opening scenes (an icon: no real weights, so no green or red).

Pictures land on the words that name them with the scene base's ``self.on_word("loop", Create(circle))``.
"""

from __future__ import annotations

from manim import DOWN, RIGHT, Circle, Line, VGroup


def network_icon(colour: str, height: float = 1.6, columns: tuple[int, ...] = (5, 4, 4, 3)) -> VGroup:
    """A small drawing of "a network": columns of circles joined by thin lines, all in one colour (no real
    weights: an icon, so no green or red)."""
    spacing = height / max(columns)
    radius = spacing * 0.3
    layers = VGroup()
    for k, n in enumerate(columns):
        column = VGroup(*(Circle(radius=radius, stroke_color=colour, stroke_width=2) for _ in range(n)))
        column.arrange(DOWN, buff=spacing - 2 * radius).move_to(k * height * 0.55 * RIGHT)
        layers.add(column)
    wires = VGroup(*(Line(a.get_right(), b.get_left(), stroke_color=colour, stroke_width=1, stroke_opacity=0.5)
                     for left, right in zip(layers, layers[1:]) for a in left for b in right))
    return VGroup(wires, layers)
