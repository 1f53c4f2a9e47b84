"""The look of every scene: colours, fonts, sizes, and how numbers and formulas are typeset.

A :class:`Theme` is a frozen bundle of colours and sizes. Nothing here is read at import time: every component
calls :func:`current_theme` when it is *built*. Inside an :class:`~scenes.content.base.ExplainerScene` that is the
scene's own theme (set once for the scene with :func:`using_theme`); outside one (a teacher's plain ``Scene``) it
is made from the options (``EXPLAINER_THEME``, ``EXPLAINER_BACKGROUND``). So a teacher can switch to the colour-blind palette or a light background
for a projector without touching code, and two scenes rendered in one Python process can use different themes.

Text never goes through LaTeX (none is installed): words and numbers are :class:`~manim.Text` (Pango), formulas
are :class:`~manim.MathTypst` (Typst, from a pip wheel, in a Computer-Modern look).

>>> theme = current_theme()                                       # doctest: +SKIP
>>> number(-0.1234, decimals=2).text                              # doctest: +SKIP
'−0.12'
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator, TypeVar

from manim import MathTypst, Scene, Text

from scenes.tool.options import read_options

MobjectT = TypeVar("MobjectT")


@dataclass(frozen=True)
class Theme:
    """Colours (hex strings), fonts and type sizes for one render.

    ``positive`` / ``negative`` colour signed quantities everywhere (heatmap pixels, edges, nudges), so a viewer
    learns one code. ``ink`` is the colour of a fully lit neuron or a full-intensity pixel: it fades into
    ``background`` as the activation goes to 0.
    """

    name: str
    background: str
    text: str
    dim_text: str
    positive: str
    negative: str
    accent: str
    neuron_stroke: str
    edge_positive: str
    edge_negative: str
    ink: str
    font: str = "DejaVu Sans"
    mono_font: str = "DejaVu Sans Mono"
    title_size: float = 40
    label_size: float = 28
    small_size: float = 20
    formula_size: float = 40

    @property
    def is_light(self) -> bool:
        """True for the light (projector) background."""
        r, g, b = rgb(self.background)
        return 0.299 * r + 0.587 * g + 0.114 * b > 128

    def signed(self, value: float) -> str:
        """The colour for a signed quantity: ``positive`` for value >= 0, ``negative`` otherwise."""
        return self.positive if value >= 0 else self.negative


# Two palettes x two backgrounds. Colour-blind safe colours are from Okabe & Ito (2008): blue and vermillion
# differ in lightness as well as hue, so they stay distinct under deuteranopia and protanopia.
_PALETTES = {
    ("default", "dark"): dict(positive="#4CD964", negative="#FF4F4F", accent="#FFD23F",
                              edge_positive="#4CD964", edge_negative="#FF4F4F"),
    ("default", "light"): dict(positive="#1E9E3A", negative="#D62828", accent="#B8860B",
                               edge_positive="#1E9E3A", edge_negative="#D62828"),
    ("colorblind", "dark"): dict(positive="#56B4E9", negative="#E69F00", accent="#F0E442",
                                 edge_positive="#56B4E9", edge_negative="#E69F00"),
    ("colorblind", "light"): dict(positive="#0072B2", negative="#D55E00", accent="#CC79A7",
                                  edge_positive="#0072B2", edge_negative="#D55E00"),
}
_BACKGROUNDS = {
    "dark": dict(background="#0E1116", text="#F2F2F2", dim_text="#9AA0A6", neuron_stroke="#D0D0D0", ink="#FFFFFF"),
    "light": dict(background="#FAF8F2", text="#1A1A1A", dim_text="#5F6368", neuron_stroke="#333333", ink="#111111"),
}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """A ``"#RRGGBB"`` colour as three 0-255 integers (for building images with NumPy)."""
    return tuple(int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))


def make_theme(theme: str = "default", background: str = "dark") -> Theme:
    """The theme for a palette name ("default" or "colorblind") and a background ("dark" or "light")."""
    from nnlib.errors import NNLibError

    if (theme, background) not in _PALETTES:
        raise NNLibError(f"unknown theme {theme!r} / background {background!r}; "
                         "choose default or colorblind, dark or light")
    return Theme(name=f"{theme}-{background}", **_BACKGROUNDS[background], **_PALETTES[(theme, background)])


#: The theme of the scene being built, if a scene set one (a context variable, so it is scoped to that scene).
_SCENE_THEME: ContextVar[Theme | None] = ContextVar("explainer_scene_theme", default=None)


def current_theme() -> Theme:
    """The theme of the scene being built, or else the one the options choose (``EXPLAINER_THEME``...)."""
    theme = _SCENE_THEME.get()
    if theme is not None:
        return theme
    options = read_options()
    return make_theme(options.theme, options.background)


@contextmanager
def using_theme(theme: Theme) -> Iterator[Theme]:
    """Make ``theme`` the one every component built inside the ``with`` block uses."""
    token = _SCENE_THEME.set(theme)
    try:
        yield theme
    finally:
        _SCENE_THEME.reset(token)


def apply_background(scene: Scene, theme: Theme | None = None) -> Theme:
    """Paint the scene's background in the theme's colour; call it first in ``construct``. Returns the theme."""
    theme = theme or current_theme()
    scene.camera.background_color = theme.background
    return theme


def _without_svg_sources(mobject: MobjectT) -> MobjectT:
    """Drop the parsed SVG path each glyph keeps after building its points (manim never reads it again).

    Every animation deep-copies its mobjects, and copying those svgelements objects made up over half of a scene's
    render time: a chapter's tiny test renders took 49 s with them, 23 s without. Text and formulas look the same.
    """
    for part in mobject.get_family():
        if getattr(part, "path_obj", None) is not None:
            part.path_obj = None
    return mobject


def label(text: str, size: float | None = None, color: str | None = None, *, dim: bool = False,
          mono: bool = False, weight: str = "NORMAL", theme: Theme | None = None) -> Text:
    """A piece of text in the theme's font and colour (``dim`` for secondary text, ``mono`` for code)."""
    theme = theme or current_theme()
    colour = color or (theme.dim_text if dim else theme.text)
    return _without_svg_sources(Text(text, font=theme.mono_font if mono else theme.font,
                                     font_size=size or theme.label_size, color=colour, weight=weight))


def format_number(value: float, decimals: int = 2, *, signed: bool = False, thousands: bool = True) -> str:
    """A number as text with a true minus sign (U+2212) and thousands separators: ``-1234.5`` -> ``'−1,234.50'``."""
    body = f"{abs(value):,.{decimals}f}" if thousands else f"{abs(value):.{decimals}f}"
    if value < 0 and float(body.replace(",", "")) != 0:
        return "\u2212" + body
    return ("+" + body) if signed else body


def number(value: float, decimals: int = 2, size: float | None = None, color: str | None = None, *,
           signed: bool = False, theme: Theme | None = None) -> Text:
    """A number as a :class:`Text` (never TeX), in the theme's font; digits are tabular so columns line up."""
    theme = theme or current_theme()
    text = Text(format_number(value, decimals, signed=signed), font=theme.font, font_size=size or theme.label_size,
                color=color or theme.text)
    text.value = float(value)  # the exact number shown, for tests and for scenes that compare
    return _without_svg_sources(text)


def formula(typst_math: str, size: float | None = None, color: str | None = None, *,
            theme: Theme | None = None) -> MathTypst:
    """A formula written in Typst math syntax, e.g. ``formula("a^((1)) = sigma(W a^((0)) + b)")``."""
    theme = theme or current_theme()
    return _without_svg_sources(MathTypst(typst_math, font_size=size or theme.formula_size,
                                          color=color or theme.text))
