"""The one family of errors nnlib raises for bad input.

Every problem a user can cause -- a corrupt weights file, a truncated IDX file, MNIST missing while offline -- is
raised as an :class:`NNLibError` whose message is one complete sentence naming the file or value at fault. The
command line prints that sentence and exits non-zero; it never shows a traceback for these.
"""


class NNLibError(Exception):
    """Base class: a problem with the user's input, explained in one line."""


class IDXFormatError(NNLibError):
    """An IDX file (the MNIST file format) is truncated, corrupt or not an IDX file at all."""


class WeightsFileError(NNLibError):
    """A saved network cannot be loaded: unreadable, incomplete, inconsistent shapes, NaN weights..."""


class DataNotFoundError(NNLibError):
    """MNIST is not in any of the places we look, and we were not asked to download it."""


class DownloadError(NNLibError):
    """A download failed or delivered a file whose checksum is wrong."""
