"""A gallery of digits: many small images tiled into ONE picture, each with a caption underneath.

Tiling matters for speed (one ImageMobject instead of dozens; see DESIGN.md). Captions are Text, coloured by the
caller (e.g. the network's wrong guess in the theme's ``negative`` colour).

>>> gallery = DigitGallery(sample.images[:20], [str(d) for d in sample.labels[:20]], columns=10)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import DOWN, RIGHT, UL, Group, Rectangle, VGroup

from .pixel_grid import crisp_image, grey_rgb
from .theme import Theme, current_theme, label, rgb


class DigitGallery(Group):
    """``images`` (n, 784) laid out ``columns`` wide, ``tile_height`` scene units each, captions below each tile.

    ``captions`` are strings (or None for no caption row); ``caption_colors`` optional colours per caption.
    ``tile_center(i)`` gives the centre of tile ``i``; ``captions`` the Text mobjects.
    """

    def __init__(self, images: np.ndarray, captions: Sequence[str] | None = None, *, columns: int = 10,
                 tile_height: float = 0.8, gap: int = 4, caption_size: float | None = None,
                 caption_colors: Sequence[str] | None = None, caption_room: float = 0.35,
                 theme: Theme | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.theme = theme = theme or current_theme()
        images = np.asarray(images, dtype=np.float64).reshape(len(images), 28, 28)
        self.count = len(images)
        self.columns = columns
        self.rows = -(-self.count // columns)
        self.gap = gap
        cap_px = int(round(28 * caption_room / tile_height)) if captions is not None else 0
        self.cell_h, self.cell_w = 28 + cap_px + gap, 28 + gap
        sheet = np.empty((self.rows * self.cell_h + gap, columns * self.cell_w + gap, 3), dtype=np.uint8)
        sheet[:] = rgb(theme.background)
        frame = (np.array(rgb(theme.background)) + np.array(rgb(theme.dim_text))) // 2
        for i, img in enumerate(images):
            top, left = self._origin(i)
            sheet[top - 1:top + 29, left - 1:left + 29] = frame
            sheet[top:top + 28, left:left + 28] = grey_rgb(img, theme)
        self.pixels = sheet
        self.unit = tile_height / 28
        self.image = crisp_image(sheet, sheet.shape[0] * self.unit)
        self.add(self.image)
        self.captions = VGroup()
        if captions is not None:
            for i, text in enumerate(captions):
                colour = caption_colors[i] if caption_colors is not None else theme.text
                cap = label(text, size=caption_size or theme.small_size, color=colour, theme=theme)
                room = (self.cell_w - 2) * self.unit
                if cap.width > room:
                    cap.scale_to_fit_width(room)
                top, left = self._origin(i)
                cap.move_to(self._at(top + 28 + cap_px / 2 + 1, left + 14))
                self.captions.add(cap)
            self.add(self.captions)

    def _origin(self, i: int) -> tuple[int, int]:
        r, c = divmod(i, self.columns)
        return self.gap + r * self.cell_h, self.gap + c * self.cell_w

    def _at(self, row_px: float, col_px: float) -> np.ndarray:
        return self.image.get_corner(UL) + col_px * self.unit * RIGHT + row_px * self.unit * DOWN

    def tile_center(self, i: int) -> np.ndarray:
        """Scene coordinates of the centre of image ``i``."""
        top, left = self._origin(i)
        return self._at(top + 14, left + 14)

    def tile_box(self, i: int, color: str, stroke_width: float = 3) -> Rectangle:
        """A rectangle around image ``i`` (for pointing at one digit)."""
        side = 30 * self.unit
        return Rectangle(width=side, height=side, stroke_color=color, stroke_width=stroke_width).move_to(
            self.tile_center(i))
