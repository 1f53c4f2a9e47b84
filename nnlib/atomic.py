"""Write files atomically: into a temporary file beside the target, then rename over it.

A crash, a full disk or Ctrl-C in the middle leaves either the old file or nothing, never half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator


def check_writable(path: str | os.PathLike) -> Path:
    """Fail early, before long work, if ``path`` cannot be written: its folder must exist and be writable."""
    from .errors import NNLibError

    path = Path(path)
    for folder in (path.parent, *path.parent.parents):  # the nearest part of the path that exists
        if folder.exists():
            if not folder.is_dir():
                raise NNLibError(f"cannot write {path}: folder {path.parent} does not exist ({folder} is a file, "
                                 "not a folder)")
            break
    if not path.parent.is_dir():
        raise NNLibError(f"cannot write {path}: folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise NNLibError(f"cannot write {path}: folder {path.parent} is not writable")
    if path.is_dir():
        raise NNLibError(f"cannot write {path}: it is a folder")
    return path


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """Open a temporary binary file next to ``path``; on success it replaces ``path``, on error it vanishes."""
    path = check_writable(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_current_umask())
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(err, OSError) and err.filename is None and err.errno:  # a full disk...: name the file
            raise OSError(err.errno, err.strerror or str(err), str(path)) from err
        raise


def _current_umask() -> int:
    """The process umask (reading it requires setting it; we put it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
