"""Saving and loading networks as ``.npz`` files -- plain arrays, never pickles.

A saved network is a NumPy ``.npz`` archive holding ``sizes`` (int64), ``weights_0``, ``biases_0``,
``weights_1``, ... (float64) and ``metadata``: a JSON string with the activation, how it was trained, on what data,
and what it scored. Loading uses ``allow_pickle=False``, so a weights file can never run code, and checks every
array's presence, shape, dtype and finiteness before a :class:`Network` is built.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .atomic import atomic_write
from .errors import NNLibError, WeightsFileError
from .network import Network


def save_network(net: Network, path: str | os.PathLike, metadata: dict[str, Any] | None = None) -> Path:
    """Write ``net`` to ``path`` atomically. ``metadata`` is merged over ``net.metadata`` and stored as JSON."""
    path = Path(path)
    meta = {**net.metadata, **(metadata or {})}
    meta.update(sizes=list(net.sizes), hidden_activation=net.hidden_activation, nnlib_version=__version__)
    arrays: dict[str, np.ndarray] = {"sizes": np.asarray(net.sizes, dtype=np.int64),
                                     "metadata": np.asarray(json.dumps(meta, sort_keys=True))}
    for l, (w, b) in enumerate(zip(net.weights, net.biases)):
        arrays[f"weights_{l}"] = np.asarray(w, dtype=np.float64)
        arrays[f"biases_{l}"] = np.asarray(b, dtype=np.float64)
    with atomic_write(path) as handle:
        np.savez_compressed(handle, **arrays)
    net.metadata = meta
    return path


def _array(archive, name: str, path: Path) -> np.ndarray:
    if name not in archive.files:
        raise WeightsFileError(f"{path}: missing array {name!r}; not a network saved by nnlib")
    try:
        return archive[name]
    except ValueError as err:  # object arrays would need pickle
        raise WeightsFileError(f"{path}: array {name!r} cannot be read without unpickling ({err})") from None
    except (zipfile.BadZipFile, OSError, EOFError, KeyError) as err:
        raise WeightsFileError(f"{path}: array {name!r} is corrupt ({err})") from None


def load_network(path: str | os.PathLike) -> Network:
    """Read a network saved by :func:`save_network`, validating it; ``net.metadata`` holds its JSON metadata."""
    path = Path(path)
    if not path.is_file():
        raise WeightsFileError(f"{path}: weights file not found")
    try:
        archive = np.load(path, allow_pickle=False)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as err:
        raise WeightsFileError(f"{path}: not a readable .npz weights file ({err})") from None
    if not isinstance(archive, np.lib.npyio.NpzFile):
        raise WeightsFileError(f"{path}: holds a single array, not an .npz network archive")
    with archive:
        sizes = _array(archive, "sizes", path)
        if sizes.ndim != 1 or sizes.dtype.kind not in "iu" or len(sizes) < 2 or (sizes < 1).any():
            raise WeightsFileError(f"{path}: 'sizes' must be a list of at least two positive integers, got {sizes!r}")
        sizes = tuple(int(s) for s in sizes)
        try:
            meta = json.loads(str(_array(archive, "metadata", path)[()])) if "metadata" in archive.files else {}
        except json.JSONDecodeError as err:
            raise WeightsFileError(f"{path}: metadata is not valid JSON ({err})") from None
        weights, biases = [], []
        for l, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
            for name, want, bucket in ((f"weights_{l}", (n_out, n_in), weights), (f"biases_{l}", (n_out,), biases)):
                arr = _array(archive, name, path)
                if arr.shape != want:
                    raise WeightsFileError(f"{path}: {name} has shape {arr.shape}, expected {want} for sizes {sizes}")
                if arr.dtype.kind != "f":
                    raise WeightsFileError(f"{path}: {name} has dtype {arr.dtype}, expected floating point")
                if not np.isfinite(arr).all():
                    bad = int(np.size(arr) - np.isfinite(arr).sum())
                    raise WeightsFileError(f"{path}: {name} holds {bad} NaN or infinite values")
                bucket.append(arr.astype(np.float64))
        extra = [n for n in archive.files if n.startswith("weights_") and int(n.split("_")[1]) >= len(sizes) - 1]
        if extra:
            raise WeightsFileError(f"{path}: has {extra[0]} beyond the {len(sizes) - 1} layers that 'sizes' describes")
    try:
        return Network(sizes, meta.get("hidden_activation", "sigmoid"), meta.get("seed"),
                       weights=weights, biases=biases, metadata=meta)
    except NNLibError as err:
        raise WeightsFileError(f"{path}: {err}") from None
