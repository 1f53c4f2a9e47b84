"""Which digit to show: a digit class, one exact sample image, or a picture of one's own handwriting.

Three ways a user can name "the digit", each with its own option, so that no value means two things:

- ``digit=3``: a sample image of a 3 (the ``nth`` 3 in the shipped sample of training digits);
- ``sample_index=37``: exactly image 37 of that sample, whatever digit it is;
- ``image_file="mine.png"``: a picture prepared like MNIST (:mod:`nnlib.digit_image`); its label is unknown.

>>> choice = choose_digit(digit=7)
>>> choice.label, choice.image.shape
(7, (784,))
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .assets import DigitSample, load_sample
from .errors import NNLibError


@dataclass(frozen=True)
class ChosenDigit:
    """An image (784 grey values in [0, 1]), its label (None for a user's own picture) and where it came from."""

    image: np.ndarray
    label: int | None
    source: str
    is_training_image: bool

    @property
    def name(self) -> str:
        """How narration names it: ``"3"``, or ``"digit"`` when the label is unknown."""
        return str(self.label) if self.label is not None else "digit"


def check_digit_options(digit: int | None = None, sample_index: int | None = None,
                        image_file: str | os.PathLike | None = None, sample: DigitSample | None = None) -> None:
    """Refuse, in one line, values that cannot name a digit (at most one option; digit 0-9; index in the sample)."""
    given = [name for name, value in (("digit", digit), ("sample index", sample_index), ("image", image_file))
             if value is not None]
    if len(given) > 1:
        raise NNLibError(f"choose one of digit, sample index and image, not {' and '.join(given)}")
    if digit is not None and (isinstance(digit, bool) or not isinstance(digit, (int, np.integer))
                              or not 0 <= digit <= 9):
        raise NNLibError(f"digit must be a whole number from 0 to 9, got {digit!r}")
    if sample_index is not None:
        count = len((sample or load_sample()).labels)
        if isinstance(sample_index, bool) or not isinstance(sample_index, (int, np.integer)) \
                or not 0 <= sample_index < count:
            raise NNLibError(f"sample index must be a whole number from 0 to {count - 1} "
                             f"(the digit sample has {count} images), got {sample_index!r}")
    if image_file is not None:
        path = Path(image_file)
        if path.is_dir():
            raise NNLibError(f"{path}: is a folder, not an image file")
        if not path.is_file():
            raise NNLibError(f"{path}: image file not found")


def choose_digit(digit: int | None = None, sample_index: int | None = None,
                 image_file: str | os.PathLike | None = None, *, default: int = 3, nth: int = 0,
                 sample: DigitSample | None = None) -> ChosenDigit:
    """The digit named by one of the three options, or else the ``nth`` sample image of ``default``."""
    sample = sample or load_sample()
    check_digit_options(digit, sample_index, image_file, sample)
    if image_file is not None:
        from .digit_image import load_digit_image

        return ChosenDigit(load_digit_image(image_file), None, f"your image {Path(image_file).name}", False)
    if sample_index is not None:
        label = int(sample.labels[sample_index])
        return ChosenDigit(sample.images[sample_index], label, f"sample image {sample_index} (a {label})", True)
    wanted = default if digit is None else int(digit)
    images = sample.of_digit(wanted)
    if not len(images):
        raise NNLibError(f"the digit sample holds no {wanted}")
    pick = images[nth % len(images)]
    return ChosenDigit(pick, wanted, f"a {wanted} from the training sample", True)
