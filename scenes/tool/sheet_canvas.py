"""The drawing surface of ``explainer inspect``'s sheet: its colours, fonts and a canvas that grows as it is drawn.

Arrays become pictures here: signed weights as green/red heatmaps (:func:`signed_rgb`), activations and pixels as
greys (:func:`grey_rgb`), a row of 784 numbers as its 28x28 image (:func:`as_picture`). No manim: Pillow only, so
the sheet is drawn in well under a second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

WIDTH = 1600
MARGIN = 40


@dataclass(frozen=True)
class Palette:
    """Colours of the sheet (RGB tuples). Heatmaps fade from ``zero`` to ``positive`` or ``negative``."""

    background: tuple[int, int, int] = (17, 17, 22)
    text: tuple[int, int, int] = (235, 235, 235)
    dim: tuple[int, int, int] = (150, 150, 160)
    zero: tuple[int, int, int] = (0, 0, 0)
    positive: tuple[int, int, int] = (88, 196, 96)
    negative: tuple[int, int, int] = (230, 70, 60)
    accent: tuple[int, int, int] = (255, 210, 80)
    frame: tuple[int, int, int] = (70, 70, 80)


PALETTES = {
    "default": Palette(),
    # blue/orange stay distinct under the common colour-vision deficiencies (Okabe-Ito)
    "colorblind": Palette(positive=(86, 180, 233), negative=(230, 159, 0), accent=(240, 228, 66)),
}


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled scalable font (no system font needed)."""
    return ImageFont.load_default(size=size)


# ------------------------------------------------------------------------------------------- arrays to pictures

def signed_rgb(values: np.ndarray, palette: Palette, scale: float | None = None) -> np.ndarray:
    """Signed numbers -> RGB uint8: ``zero`` colour at 0, ``positive``/``negative`` at +-scale (default max |v|).

    NaN entries (padding) get the sheet's background colour.
    """
    v = np.asarray(values, dtype=np.float64)
    finite = np.nan_to_num(v)
    scale = float(np.abs(finite).max()) if scale is None else scale
    t = np.clip(finite / scale, -1.0, 1.0) if scale > 0 else np.zeros_like(finite)
    zero, pos, neg = (np.array(c, dtype=np.float64) for c in (palette.zero, palette.positive, palette.negative))
    a = np.abs(t)[..., None]
    target = np.where((t >= 0)[..., None], pos, neg)
    rgb = zero * (1 - a) + target * a
    rgb[np.isnan(v)] = palette.background
    return np.rint(rgb).astype(np.uint8)


def grey_rgb(values: np.ndarray) -> np.ndarray:
    """Numbers in [0, 1] -> grey RGB uint8 (an activation's brightness, as in the videos)."""
    g = np.rint(np.clip(np.asarray(values, dtype=np.float64), 0, 1) * 255).astype(np.uint8)
    return np.repeat(g[..., None], 3, axis=-1)


def input_shape(n: int) -> tuple[int, int]:
    """How to lay out ``n`` inputs as a picture: a square when n is a square (784 -> 28x28), else near-square rows."""
    side = math.isqrt(n)
    if side * side == n:
        return side, side
    width = math.ceil(math.sqrt(n))
    return math.ceil(n / width), width


def as_picture(row: np.ndarray) -> np.ndarray:
    """A weight row (n_in,) as a 2-D array in the input's layout, padded with NaN."""
    h, w = input_shape(len(row))
    padded = np.full(h * w, np.nan)
    padded[: len(row)] = row
    return padded.reshape(h, w)


def enlarge(rgb: np.ndarray, width: int, height: int) -> Image.Image:
    """An RGB array scaled up with nearest-neighbour (crisp pixels, never blurred)."""
    return Image.fromarray(rgb, "RGB").resize((max(1, width), max(1, height)), Image.Resampling.NEAREST)


# ---------------------------------------------------------------------------------------------------- the sheet

class Sheet:
    """A tall canvas we draw on from top to bottom; ``y`` is where the next thing goes."""

    def __init__(self, width: int, palette: Palette) -> None:
        self.width = width
        self.palette = palette
        self.image = Image.new("RGB", (width, 20000), palette.background)
        self.draw = ImageDraw.Draw(self.image)
        self.y = MARGIN

    def text(self, x: int, y: int, text: str, size: int = 18, colour=None, anchor: str = "la") -> None:
        self.draw.text((x, y), text, fill=colour or self.palette.text, font=font(size), anchor=anchor)

    def heading(self, text: str, note: str = "") -> None:
        self.y += 14
        self.text(MARGIN, self.y, text, 26)
        if note:
            self.text(MARGIN, self.y + 34, note, 16, self.palette.dim)
            self.y += 22
        self.y += 44

    def paste(self, picture: Image.Image, x: int, y: int, frame: bool = True) -> None:
        self.image.paste(picture, (x, y))
        if frame:
            self.draw.rectangle((x - 1, y - 1, x + picture.width, y + picture.height), outline=self.palette.frame)

    def finish(self) -> Image.Image:
        return self.image.crop((0, 0, self.width, self.y + MARGIN))
