"""Words, data and small drawings several chapter-2 scenes share.

The random network every chapter-2 scene starts from is the network in force's shape, initialised with the seed in
force (``--seed``): the same one in every scene, so the cost it is given in one scene is the cost it has in the next.
"""

from __future__ import annotations

import re

import numpy as np
from manim import Group, RoundedRectangle, there_and_back

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


def readable(value: float, decimals: int = 3) -> str:
    """A small number written so it never reads as zero when it is not: ``0.0000275`` -> ``"0.000027"`` (two
    significant digits below ``10**-decimals``), ``0.0802`` -> ``"0.080"`` (``decimals`` places otherwise)."""
    size = abs(float(value))
    if size == 0 or size >= 10 ** -decimals:
        return format_number(value, decimals)
    places = int(-np.floor(np.log10(size))) + 1
    return format_number(value, places)


def pulse(mobject, factor: float = 1.15):
    """A brief swell and back, to point at ``mobject`` as the narration names it (works on images too)."""
    return mobject.animate(rate_func=there_and_back).scale(factor)


def sentences(text: str) -> list[str]:
    """The sentences of a narration text (bookmarks left out), for the tests of sentence length."""
    plain = re.sub(r"<bookmark[^>]*/>", "", text)
    return [s for s in re.split(r"(?<=[.!?])\s+", plain.strip()) if s]


def recorded_training_cost(net: Network) -> tuple[int, float] | None:
    """(how many training digits, average cost over all of them) as the network's file records them after its
    training, or None when the file does not say. A scene that shows the cost on a few digits says this one too,
    so "the cost" of the trained network never stands for two different numbers unexplained."""
    data, cost = net.metadata.get("data"), net.metadata.get("train_cost")
    if not isinstance(data, dict) or not isinstance(cost, (int, float)) or not data.get("train_images"):
        return None
    return int(data["train_images"]), float(cost)


def other_training_cost(net: Network, digits) -> tuple[int, float] | None:
    """The cost the network's file records over all the digits it learned from, when that is another average than
    the one a scene shows over ``digits`` (a :class:`~nnlib.training_data.LabelledDigits`); None when the file
    records none, or when ``digits`` are those very training images (MNIST on this machine holding exactly the
    images it learned from), so one figure is never said twice as if it were two."""
    recorded = recorded_training_cost(net)
    if recorded is None or (digits.from_mnist and digits.count == recorded[0]):
        return None
    return recorded


def ear_size(value: float) -> str:
    """How a small positive number is said aloud, rounded for the ear: "less than a ten-thousandth" rather than a
    string of zeros; numbers of a thousandth or more are read with three decimals."""
    if 0 < value < 1e-4:
        return "less than a ten-thousandth"
    if 0 < value < 1e-3:
        return "less than a thousandth"
    return format_number(value, 3)


#: Colours of the balls that roll down the toy costs: none is the theme's green or red (those mean a weight's sign)
#: nor its accent (the toy curve's colour), and each differs from the others at a glance.
BALL_COLOURS = ("#FFFFFF", "#FF7AC6", "#7DF9FF", "#B48CFF")


def ball_colours(n: int) -> list[str]:
    """``n`` distinct ball colours (see :data:`BALL_COLOURS`); the first is the theme's text colour."""
    theme = current_theme()
    return [theme.text, *BALL_COLOURS[1:]][:n]


def readable_ticks(plot, size: float = 24) -> None:
    """Tick numbers of a plot grown to ``size`` (a plot's default ticks are too small to read at 480p)."""
    for tick in plot.tick_labels:
        tick.scale(size / tick.font_size)


def readable_diagram(diagram, size: float = 24):
    """A network diagram's digit labels and layer counts grown to ``size`` (14 px capitals at 480p), each kept in
    place; returns the diagram."""
    for text in [*diagram.output_labels, *(group[1] for group in diagram.braces)]:
        if text.font_size < size:
            centre = text.get_center()
            text.scale(size / text.font_size).move_to(centre)
    return diagram
