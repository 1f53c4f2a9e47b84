"""Small helpers that land a picture on the word that names it, and a network icon.

``on_word(scene, "loop", Create(circle))`` waits until "loop" is heard in the beat being narrated, then plays the
animation briskly (``run_time`` seconds, or a fifth of a second at the brisk preview pace, so tests stay quick).
The animation starts as the word is said; what is named is shown as it is named.
"""

from __future__ import annotations

from manim import DOWN, RIGHT, Circle, Line, VGroup
from manim.animation.animation import Animation

#: Longest a word-landed animation takes at the brisk (preview) pace.
BRISK_RUN_TIME = 0.2


def on_word(scene, key: str, *animations: Animation, run_time: float = 1.0, occurrence: int = 1) -> None:
    """Wait for ``key`` (a word, phrase or bookmark of the current beat), then play ``animations``."""
    scene.wait_until(key, occurrence=occurrence)
    if animations:
        scene.play(*animations, run_time=min(run_time, BRISK_RUN_TIME) if scene.brisk else run_time)


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
