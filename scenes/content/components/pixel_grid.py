"""A greyscale image as a grid of pixels: one picture, not hundreds of squares.

An MNIST digit is 28 x 28 numbers between 0 (background) and 1 (full ink). :class:`PixelGrid` draws them as a single
:class:`~manim.ImageMobject` with *nearest* resampling, so each number is a crisp square (the default bicubic
resampling would blur a 28-pixel image into a smudge) and an animation moves one picture instead of 784 mobjects.

What a scene may add on top:

* ``grid_lines=True`` -- thin lines between the pixels, for a zoomed-in patch;
* :meth:`PixelGrid.value_labels` -- the grey value written on each pixel of a few rows and columns;
* :meth:`PixelGrid.to_neurons` -- one circle per pixel, filled as brightly as the pixel, for the moment the pixels
  become the input neurons of the network;
* :meth:`PixelGrid.to_neuron_sheet` -- the same circles for hundreds of pixels, drawn as a :class:`NeuronSheet` of a
  few mobjects (one per distinct brightness), which animates some fifty times faster than 784 separate circles.

>>> grid = PixelGrid(load_sample().first(3), height=4)            # doctest: +SKIP
>>> grid.pixel_center(14, 14)                                     # doctest: +SKIP
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
from manim import DOWN, RESAMPLING_ALGORITHMS, RIGHT, UL, Circle, Group, ImageMobject, Rectangle, VGroup, VMobject

from .theme import Theme, current_theme, number, rgb


def as_image(values: np.ndarray, shape: tuple[int, int] | None = None) -> np.ndarray:
    """``values`` as a 2-D float array: a flat vector of a square number of pixels (784 -> 28 x 28) or ``shape``."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim == 2 and shape is None:
        return values
    if shape is None:
        side = int(round(np.sqrt(values.size)))
        if side * side != values.size:
            raise ValueError(f"cannot lay out {values.size} pixels as a square; pass shape=(rows, columns)")
        shape = (side, side)
    return values.reshape(shape)


def grey_rgb(values: np.ndarray, theme: Theme | None = None) -> np.ndarray:
    """Pixels in [0, 1] as an (H, W, 3) uint8 picture: 0 is the theme's background, 1 its ink (white on dark)."""
    theme = theme or current_theme()
    t = np.clip(np.asarray(values, dtype=np.float64), 0.0, 1.0)[..., None]
    back, ink = np.array(rgb(theme.background), float), np.array(rgb(theme.ink), float)
    return np.rint(back * (1 - t) + ink * t).astype(np.uint8)


def crisp_image(pixels: np.ndarray, height: float) -> ImageMobject:
    """An ImageMobject of an (H, W, 3|4) uint8 array, ``height`` units tall, drawn with nearest resampling."""
    image = ImageMobject(pixels)
    image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
    image.height = height
    return image


class PixelGrid(Group):
    """A greyscale image (any size; a flat 784-vector is read as 28 x 28) drawn as crisp pixels.

    ``values`` keeps the numbers drawn (rows x columns, in [0, 1]); ``image`` is the ImageMobject; ``border`` a thin
    frame so a digit's edge is visible on a background of the same colour; ``lines`` the grid lines, if asked for.
    """

    def __init__(self, image: np.ndarray, height: float = 4.0, grid_lines: bool = False, *,
                 shape: tuple[int, int] | None = None, border: bool = True, theme: Theme | None = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.theme = theme or current_theme()
        self.values = as_image(image, shape)
        self.rows, self.columns = self.values.shape
        self.image = crisp_image(grey_rgb(self.values, self.theme), height)
        self.add(self.image)
        self.lines: VMobject | None = None
        if grid_lines:
            self.lines = self._grid_lines()
            self.add(self.lines)
        self.border: Rectangle | None = None
        if border:
            self.border = Rectangle(width=self.image.width, height=self.image.height, stroke_width=1.5,
                                    stroke_color=self.theme.dim_text).move_to(self.image)
            self.add(self.border)

    # ---------------------------------------------------------------- geometry
    @property
    def cell_size(self) -> float:
        """Side of one pixel in scene units (follows any later scaling)."""
        return self.image.height / self.rows

    def pixel_center(self, row: int, col: int) -> np.ndarray:
        """Scene coordinates of the centre of pixel (``row``, ``col``), row 0 at the top."""
        cell = self.cell_size
        return self.image.get_corner(UL) + (col + 0.5) * cell * RIGHT + (row + 0.5) * cell * DOWN

    def _grid_lines(self) -> VMobject:
        """All grid lines as one VMobject with many short paths (one mobject draws fast)."""
        lines = VMobject(stroke_color=self.theme.dim_text, stroke_width=1.0, stroke_opacity=0.6)
        ul, cell = self.image.get_corner(UL), self.cell_size
        w, h = self.columns * cell, self.rows * cell
        for r in range(self.rows + 1):
            start = ul + r * cell * DOWN
            lines.start_new_path(start)
            lines.add_line_to(start + w * RIGHT)
        for c in range(self.columns + 1):
            start = ul + c * cell * RIGHT
            lines.start_new_path(start)
            lines.add_line_to(start + h * DOWN)
        return lines

    # ---------------------------------------------------------------- overlays
    def value_labels(self, rows: Iterable[int], cols: Iterable[int], decimals: int = 1) -> VGroup:
        """The grey value written on each pixel of ``rows`` x ``cols``, sized to fit a pixel.

        Labels on bright pixels are drawn in the background colour so they stay readable. Each label's ``value``
        is the exact pixel value.
        """
        cell = self.cell_size
        labels = VGroup()
        for r in rows:
            for c in cols:
                v = float(self.values[r, c])
                colour = self.theme.background if v > 0.5 else self.theme.text
                text = number(v, decimals, size=24, color=colour, theme=self.theme)
                text.scale_to_fit_width(cell * (0.7 if decimals else 0.4))
                if text.height > cell * 0.5:
                    text.scale_to_fit_height(cell * 0.5)
                labels.add(text.move_to(self.pixel_center(r, c)))
        return labels

    def to_neuron_sheet(self, exclude: Iterable[int] = (), radius: float | None = None) -> "NeuronSheet":
        """Circles for every pixel (except the flat indices in ``exclude``) as one :class:`NeuronSheet`."""
        skip = set(int(i) for i in exclude)
        flat = self.values.ravel()
        keep = [i for i in range(flat.size) if i not in skip]
        centers = np.array([self.pixel_center(*divmod(i, self.columns)) for i in keep])
        return NeuronSheet(centers, flat[keep], radius or self.cell_size * 0.42, theme=self.theme)

    def to_neurons(self, indices: Sequence[int] | None = None, radius: float | None = None) -> VGroup:
        """One circle per pixel (or per flat index in ``indices``), at the pixel's place, lit by its value.

        The circles are in row-major order (index = row * columns + column); each has ``activation`` set to its
        pixel value and a fill opacity equal to it, like the neurons of :class:`NetworkDiagram`.
        """
        flat = self.values.ravel()
        indices = range(flat.size) if indices is None else indices
        radius = radius or self.cell_size * 0.42
        neurons = VGroup()
        for i in indices:
            r, c = divmod(int(i), self.columns)
            circle = Circle(radius=radius, stroke_color=self.theme.neuron_stroke, stroke_width=1.0,
                            fill_color=self.theme.ink, fill_opacity=float(flat[i]))
            circle.activation = float(flat[i])
            neurons.add(circle.move_to(self.pixel_center(r, c)))
        return neurons


class NeuronSheet(VGroup):
    """Many neurons drawn with few mobjects: every circle with the same activation shares one VMobject.

    A VMobject can hold many separate closed paths, and Cairo fills them all in one call, so 784 input neurons become
    one outline mobject plus one fill mobject per distinct activation (an MNIST digit has under ~110 distinct grey
    levels). Grouping by the exact value keeps every neuron's brightness exact. ``centers`` and ``values`` keep what
    is drawn; ``outline`` is the stroke of all circles, ``fills`` the filled groups (each with ``activation`` set).
    """

    def __init__(self, centers: np.ndarray, values: np.ndarray, radius: float, *, theme: Theme | None = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        theme = theme or current_theme()
        self.centers = np.asarray(centers, dtype=np.float64).reshape(-1, 3)
        self.values = np.asarray(values, dtype=np.float64).ravel()
        template = Circle(radius=radius).points  # one circle's Bezier control points, centred on the origin

        def circles_at(points: np.ndarray) -> np.ndarray:
            return (template[None, :, :] + points[:, None, :]).reshape(-1, 3)

        self.outline = VMobject(stroke_color=theme.neuron_stroke, stroke_width=1.0, fill_opacity=0)
        self.outline.set_points(circles_at(self.centers))
        self.fills = VGroup()
        for value in np.unique(self.values):
            if value <= 0:
                continue
            group = VMobject(fill_color=theme.ink, fill_opacity=float(min(value, 1.0)), stroke_width=0)
            group.set_points(circles_at(self.centers[self.values == value]))
            group.activation = float(value)
            self.fills.add(group)
        self.add(self.fills, self.outline)
