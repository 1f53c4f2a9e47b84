"""Turning anyone's picture of a handwritten digit into an MNIST-style input.

MNIST's digits were made in three steps (LeCun et al.): each scanned digit was scaled to fit a 20x20 box keeping its
aspect ratio (the anti-aliasing of that scaling gives the grey edges), then placed in a 28x28 field so that its
centre of mass sits at the centre. The digit is light (1.0) on a dark (0.0) background. A network trained on MNIST
only understands digits prepared the same way, so we repeat those steps:

1. read the image in grey levels (transparent parts count as paper) and scale it to [0, 1];
2. find the paper colour from the border pixels: paper that is lighter than the ink means dark-on-light, which we
   invert, so ink is always the bright part;
3. crop to the ink, scale the crop to fit 20x20 (keeping the aspect ratio, with Pillow's anti-aliasing);
4. paste it into a 28x28 field and shift it so its centre of mass (``scipy.ndimage.center_of_mass``) is at the
   centre.

Pure NumPy, SciPy and Pillow: no manim.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np

from .errors import NNLibError

#: The size MNIST's digits are scaled to fit, and the field they are centred in.
BOX = 20
FIELD = 28


class DigitImageError(NNLibError):
    """A digit image cannot be used: not an image, empty, or without any ink."""


def _grey_levels(image) -> np.ndarray:
    """A Pillow image as grey levels in [0, 1], keeping every level a deep image has.

    8-bit images convert directly. A 16-bit grey PNG opens in Pillow as mode "I;16" or "I" with values up to 65535;
    converting that to 8-bit "L" would clip everything above 255 to white, so it is scaled by its own range instead.
    """
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        if values.size == 0:
            return values
        if image.mode == "F":
            top = max(float(np.nanmax(values)), 1.0)
        else:
            top = 65535.0 if image.mode.startswith("I;16") or float(values.max()) <= 65535 else float(values.max())
        return np.clip(np.nan_to_num(values / top), 0.0, 1.0)
    return np.asarray(image.convert("L"), dtype=np.float64) / 255.0


def read_grey(path: str | os.PathLike) -> np.ndarray:
    """The image at ``path`` as a float array in [0, 1] (0 black, 1 white), transparency shown as white paper."""
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise DigitImageError(f"{path}: image file not found")
    if path.stat().st_size == 0:
        raise DigitImageError(f"{path}: the file is empty (0 bytes), not an image")
    try:
        with warnings.catch_warnings():
            # Pillow warns (on stderr) about damage it can work around, e.g. "Invalid APNG": the image either loads or
            # fails below, so those warnings are noise. A picture so large it might be a decompression bomb is refused.
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.load()
                if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
                    rgba = image.convert("RGBA")
                    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                    image = Image.alpha_composite(paper, rgba)
                grey = _grey_levels(image)
    except UnidentifiedImageError:
        raise DigitImageError(f"{path}: not an image Pillow can read") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise DigitImageError(f"{path}: the image claims too many pixels to load safely (over "
                              f"{Image.MAX_IMAGE_PIXELS:,}); a digit needs far fewer") from None
    except MemoryError:
        raise DigitImageError(f"{path}: the image claims a size too large to load") from None
    except Exception as err:  # noqa: BLE001 - a damaged file fails inside Pillow in many ways; each is one line
        lines = str(err).strip().splitlines()
        raise DigitImageError(f"{path}: cannot read the image ({type(err).__name__}: "
                              f"{lines[0] if lines else 'damaged data'})") from None
    if grey.size == 0:
        raise DigitImageError(f"{path}: the image has no pixels")
    return grey


def ink_image(grey: np.ndarray) -> np.ndarray:
    """Grey levels -> ink in [0, 1] (1 = full ink), whatever the polarity: the border's median is the paper."""
    grey = np.asarray(grey, dtype=np.float64)
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    paper = float(np.median(border))
    ink = np.abs(grey - paper)
    # how far ink can go from the paper colour: to black on light paper, to white on dark paper
    span = max(paper, 1.0 - paper)
    ink = np.clip(ink / span, 0.0, 1.0)
    # faint noise (scanner grain, jpeg ripples) is not ink
    ink[ink < 0.1] = 0.0
    return ink


def mnist_style(grey: np.ndarray, name: str = "image") -> np.ndarray:
    """A grey image of one digit (any size, any polarity) -> the (784,) MNIST-style input in [0, 1]."""
    from PIL import Image
    from scipy import ndimage

    ink = ink_image(grey)
    rows = np.flatnonzero(ink.max(axis=1) > 0.25)
    cols = np.flatnonzero(ink.max(axis=0) > 0.25)
    if not len(rows) or not len(cols):
        raise DigitImageError(f"{name}: no digit found (the image is blank, one flat colour)")
    crop = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = crop.shape
    scale = BOX / max(h, w)
    new_h, new_w = max(1, round(h * scale)), max(1, round(w * scale))
    resized = Image.fromarray(crop.astype(np.float32), mode="F").resize((new_w, new_h), Image.Resampling.LANCZOS)
    small = np.clip(np.asarray(resized, dtype=np.float64), 0.0, 1.0)
    field = np.zeros((FIELD, FIELD))
    top, left = (FIELD - new_h) // 2, (FIELD - new_w) // 2
    field[top:top + new_h, left:left + new_w] = small
    cy, cx = ndimage.center_of_mass(field)
    shift = (round((FIELD - 1) / 2 - cy), round((FIELD - 1) / 2 - cx))
    field = ndimage.shift(field, shift, order=0, mode="constant", cval=0.0)
    peak = field.max()
    if peak <= 0:
        raise DigitImageError(f"{name}: no digit found after scaling to 20x20")
    return (field / peak).reshape(FIELD * FIELD)


def load_digit_image(path: str | os.PathLike) -> np.ndarray:
    """Read a picture of a handwritten digit and prepare it like MNIST: (784,) floats in [0, 1], digit bright."""
    return mnist_style(read_grey(path), name=str(path))
