"""Weights as pictures: what a neuron of the first hidden layer "looks for" in the image.

Neuron ``j`` of the first hidden layer has 784 incoming weights, one per pixel: row ``j`` of ``net.weights[0]``.
Laid out as 28 x 28 they form a picture: a green pixel means "ink here raises my weighted sum", a red one "ink here
lowers it", and the brightness is how much, relative to the neuron's largest weight (``|w| / max |w|``). A weight of
zero is the background colour.

:func:`weight_rgb` makes that picture as a NumPy array; :class:`WeightHeatmap` shows one neuron's picture and
:class:`HeatmapSheet` a whole layer's, tiled into a *single* image (16 separate images animate about ten times
slower than one tiled image).
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, UL, Group, Rectangle

from .pixel_grid import crisp_image
from .theme import Theme, current_theme, rgb


def weight_rgb(weights: np.ndarray, shape: tuple[int, int] = (28, 28), scale: float | None = None,
               theme: Theme | None = None) -> np.ndarray:
    """Signed weights as an (H, W, 3) uint8 picture: positive in the theme's ``positive`` colour, negative in its
    ``negative`` colour, fading to the background as ``|w| / scale`` goes to 0.

    ``scale`` defaults to the largest ``|w|`` (so the strongest weight is at full colour); pass a common scale to
    compare several neurons on one footing.
    """
    theme = theme or current_theme()
    w = np.asarray(weights, dtype=np.float64).reshape(shape)
    if scale is None:
        scale = float(np.abs(w).max())
    t = np.clip(w / scale, -1.0, 1.0) if scale > 0 else np.zeros_like(w)
    back = np.array(rgb(theme.background), float)
    colour = np.where(t[..., None] >= 0, np.array(rgb(theme.positive), float), np.array(rgb(theme.negative), float))
    strength = np.abs(t)[..., None]
    return np.rint(back * (1 - strength) + colour * strength).astype(np.uint8)


class WeightHeatmap(Group):
    """One neuron's incoming weights (a flat row, e.g. 784 numbers) as a crisp square picture with a thin frame.

    ``weights`` keeps the numbers (as the image's rows x columns), ``scale`` the |w| mapped to full colour.
    """

    def __init__(self, weights_row: np.ndarray, height: float = 2.0, *, shape: tuple[int, int] | None = None,
                 scale: float | None = None, border: bool = True, theme: Theme | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.theme = theme or current_theme()
        row = np.asarray(weights_row, dtype=np.float64).ravel()
        if shape is None:
            side = int(round(np.sqrt(row.size)))
            shape = (side, row.size // side)
        self.weights = row.reshape(shape)
        self.scale_value = float(np.abs(row).max()) if scale is None else float(scale)
        self.image = crisp_image(weight_rgb(row, shape, self.scale_value, self.theme), height)
        self.add(self.image)
        if border:
            self.add(Rectangle(width=self.image.width, height=self.image.height, stroke_width=1.5,
                               stroke_color=self.theme.dim_text).move_to(self.image))


class HeatmapSheet(Group):
    """Every row of a weight matrix as a heatmap, tiled ``columns`` wide into one image.

    Each tile is scaled by its own neuron's largest |w| (as in the video); tiles are separated by a gap of
    ``gap`` pixels of the background colour and framed by faint lines. :meth:`tile_center` gives the centre of tile
    ``i`` (row-major), for placing labels.
    """

    def __init__(self, weight_matrix: np.ndarray, columns: int = 4, height: float = 6.0, *,
                 shape: tuple[int, int] = (28, 28), gap: int = 2, theme: Theme | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.theme = theme or current_theme()
        self.weights = np.asarray(weight_matrix, dtype=np.float64)
        self.count = len(self.weights)
        self.columns = columns
        self.rows = -(-self.count // columns)
        self.tile_shape = shape
        self.gap = gap
        th, tw = shape
        sheet_h = self.rows * th + (self.rows + 1) * gap
        sheet_w = columns * tw + (columns + 1) * gap
        pixels = np.empty((sheet_h, sheet_w, 3), dtype=np.uint8)
        back = rgb(self.theme.background)
        # the gaps read as faint frames around each tile: a third of the way from the background to the dim text
        pixels[:] = (2 * np.array(back) + np.array(rgb(self.theme.dim_text))) // 3
        for i in range(self.rows * columns):
            top, left = self._tile_origin(i)
            if i < self.count:
                pixels[top:top + th, left:left + tw] = weight_rgb(self.weights[i], shape, theme=self.theme)
            else:
                pixels[top:top + th, left:left + tw] = back
        self.pixels = pixels
        self.image = crisp_image(pixels, height)
        self.add(self.image)

    def _tile_origin(self, i: int) -> tuple[int, int]:
        """Top-left pixel (row, column) of tile ``i`` in the sheet image."""
        r, c = divmod(i, self.columns)
        th, tw = self.tile_shape
        return self.gap + r * (th + self.gap), self.gap + c * (tw + self.gap)

    @property
    def tile_size(self) -> float:
        """Side of one tile in scene units."""
        return self.tile_shape[0] * self.image.height / self.pixels.shape[0]

    def tile_center(self, i: int) -> np.ndarray:
        """Scene coordinates of the centre of tile ``i``."""
        top, left = self._tile_origin(i)
        unit = self.image.height / self.pixels.shape[0]
        th, tw = self.tile_shape
        return self.image.get_corner(UL) + (left + tw / 2) * unit * RIGHT + (top + th / 2) * unit * DOWN

    def pixel_center(self, i: int, row: int, col: int) -> np.ndarray:
        """Scene coordinates of the centre of weight (``row``, ``col``) in tile ``i``."""
        top, left = self._tile_origin(i)
        unit = self.image.height / self.pixels.shape[0]
        return self.image.get_corner(UL) + (left + col + 0.5) * unit * RIGHT + (top + row + 0.5) * unit * DOWN
