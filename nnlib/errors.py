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


# ------------------------------------------------------------------------- failures of the machine, in one line

#: What an operating-system error means for the user, by ``errno`` name.
_OS_REASONS = {
    "EACCES": "permission denied",
    "EPERM": "operation not permitted",
    "EROFS": "the file system is read-only",
    "ENOSPC": "no space left on the disk",
    "EDQUOT": "disk quota exceeded",
    "EFBIG": "the file would be too large for this file system",
    "ENOTDIR": "a file stands where a folder is needed",
    "EISDIR": "is a folder, where a file is needed",
    "EEXIST": "already exists (a file where a folder should be made?)",
    "ENOENT": "no such file or folder",
    "ENAMETOOLONG": "the name is too long",
    "EMFILE": "too many open files",
    "ENOTEMPTY": "the folder is not empty",
    "EXDEV": "cannot move a file across file systems",
}


def describe_failure(err: BaseException) -> str:
    """One line saying what went wrong when the machine, not the input, refused: a file or folder that cannot be
    written (permissions, a read-only or full disk, a file where a folder is needed...), or memory that ran out.

    The command line's one error handler (:func:`nnlib.cli.run`) prints this for any :class:`OSError` or
    :class:`MemoryError` a command lets through, so no command needs a ``try`` of its own for them.
    """
    import errno as errno_names

    if isinstance(err, MemoryError):
        detail = str(err).strip().splitlines()[0] if str(err).strip() else ""
        return ("not enough memory" + (f" ({detail})" if detail else "")
                + "; try a smaller network, fewer images or a smaller batch")
    if type(err).__name__ == "DecompressionBombError":  # Pillow's own limit on picture sizes
        return f"the picture would be too large: {err}"
    if isinstance(err, OSError):
        name = errno_names.errorcode.get(err.errno or 0, "")
        reason = _OS_REASONS.get(name) or (err.strerror or str(err) or type(err).__name__)
        files = [str(f) for f in (err.filename, getattr(err, "filename2", None)) if f is not None]
        where = " -> ".join(files)
        return f"{where}: {reason}" if where else f"{reason} ({type(err).__name__})"
    lines = str(err).strip().splitlines()
    return f"{type(err).__name__}: {lines[0]}" if lines else type(err).__name__
