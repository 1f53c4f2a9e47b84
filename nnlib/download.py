"""Fetching the canonical MNIST files, verified by SHA-256.

The four gzip files are tried on each mirror in turn. Every file is streamed into a temporary file in the cache
folder, hashed on the way, and only renamed into place when its SHA-256 equals the canonical one, so a cut
connection or a tampered mirror can never leave a bad file where :func:`nnlib.load_mnist` would read it.
"""

from __future__ import annotations

import hashlib
import os
import socket
import urllib.error
import urllib.request
from pathlib import Path
from typing import Sequence

from tqdm import tqdm

from .atomic import atomic_write, check_writable
from .errors import DownloadError
from .mnist import FILES, cache_dir

# SHA-256 of the canonical gzip files (the same values TensorFlow Datasets and others verify against).
CHECKSUMS: dict[str, str] = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}

MIRRORS: tuple[str, ...] = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fetch(url: str, target: Path, expected_sha256: str, timeout: float, progress: bool) -> None:
    """Download one URL into ``target`` atomically, raising DownloadError on any failure or checksum mismatch."""
    digest = hashlib.sha256()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, atomic_write(target) as out:
            total = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(total=total, unit="B", unit_scale=True, desc=target.name, disable=not progress, leave=False) as bar:
                for chunk in iter(lambda: response.read(1 << 16), b""):
                    digest.update(chunk)
                    out.write(chunk)
                    bar.update(len(chunk))
            if digest.hexdigest() != expected_sha256:
                raise DownloadError(f"{url}: checksum mismatch (got sha256 {digest.hexdigest()[:16]}..., expected "
                                    f"{expected_sha256[:16]}...); file discarded")
    except DownloadError:
        raise
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, OSError) as err:
        reason = getattr(err, "reason", None) or err
        raise DownloadError(f"{url}: download failed ({reason})") from None


def download_mnist(
    folder: str | os.PathLike | None = None,
    mirrors: Sequence[str] = MIRRORS,
    checksums: dict[str, str] = CHECKSUMS,
    timeout: float = 30.0,
    progress: bool = True,
) -> Path:
    """Download the four MNIST files into ``folder`` (default: the cache) and return that folder.

    Files already present with the right checksum are kept. For each missing file, the mirrors are tried in order;
    if all fail, :class:`DownloadError` says why, listing each mirror's failure.
    """
    folder = Path(folder) if folder is not None else cache_dir()
    if folder.exists() and not folder.is_dir():
        raise DownloadError(f"--dir {folder} is a file, not a folder")
    folder.mkdir(parents=True, exist_ok=True)  # cannot: one line from the command line's error handler
    check_writable(folder / FILES["train_images"])  # before any download: a folder we may not write into
    for stem in FILES.values():
        name = stem + ".gz"
        target = folder / name
        if target.is_file() and sha256_of(target) == checksums[name]:
            continue
        failures = []
        for mirror in mirrors:
            try:
                _fetch(mirror.rstrip("/") + "/" + name, target, checksums[name], timeout, progress)
                break
            except DownloadError as err:
                failures.append(str(err))
        else:
            raise DownloadError(f"could not download {name}: " + "; ".join(failures))
    return folder
