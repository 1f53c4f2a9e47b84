"""A media folder of this process's own, for manim's caches.

Manim keeps the pictures of the texts and formulas it typesets in ``media/texts`` and ``media/Tex`` under its media
folder (``./media`` by default, the folder it was started in). Two processes started in the same folder share
them, and one can delete or half-write a file the other is reading (``FileNotFoundError`` in ``media/Tex``). So
every process of ours that builds scenes in-process -- ``explainer script``, the test suite -- gives manim a
scratch folder of its own, removed when it is done; the render workers each get their run's own folder too.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def private_media_dir(tag: str = "explainer") -> Iterator[Path]:
    """A fresh folder for manim's ``media_dir`` for the duration of the block, then removed."""
    folder = Path(tempfile.mkdtemp(prefix=f"{tag}-media-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
