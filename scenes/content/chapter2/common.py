"""Words, data and small drawings several chapter-2 scenes share.

The random network every chapter-2 scene starts from is the network in force's shape, initialised with the seed in
force (``--seed``): the same one in every scene, so the cost it is given in one scene is the cost it has in the next.
"""

from __future__ import annotations

from manim import Group, RoundedRectangle

from nnlib import Network
from scenes.content.components import current_theme, format_number


def count(n: int) -> str:
    """A whole number as narration says it: ``13002`` -> ``"13,002"``."""
    return format_number(n, 0)


def percent(fraction: float, decimals: int = 1) -> str:
    """``0.8908`` -> ``"89.1%"`` (espeak reads "89.1 percent")."""
    return f"{format_number(100 * fraction, decimals)}%"


def random_network(scene) -> Network:
    """A freshly initialised network of the same sizes as ``scene.network``, seeded by the ``--seed`` option."""
    net = scene.network
    return Network(net.sizes, seed=scene.options.seed, hidden_activation=net.hidden_activation)


def boxed(content, buff: float = 0.3) -> Group:
    """``content`` inside a rounded frame in the theme's dim colour."""
    frame = RoundedRectangle(width=content.width + 2 * buff, height=content.height + 2 * buff, corner_radius=0.15,
                             stroke_color=current_theme().dim_text, stroke_width=2).move_to(content)
    return Group(frame, content)
