"""Saving and loading networks as ``.npz`` files -- plain arrays, never pickles.

A saved network is a NumPy ``.npz`` archive holding ``sizes`` (int64), ``weights_0``, ``biases_0``,
``weights_1``, ... (float64) and ``metadata``: a JSON string with the activation, how it was trained, on what data,
and what it scored. Loading uses ``allow_pickle=False``, so a weights file can never run code, and checks every
array's presence, shape, dtype and finiteness before a :class:`Network` is built.
"""

from __future__ import annotations

import json
import math
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


#: Room for an array's .npy header on top of its data (NumPy pads headers to 64 bytes; a few kB is generous).
NPY_HEADER_ROOM = 4096
#: The most a 'sizes' or 'metadata' member may unpack to: far above any real network's, far below a zip bomb's.
SMALL_MEMBER_BYTES = 1 << 20


def open_npz(path: Path, what: str, max_unpacked: int | None = None) -> np.lib.npyio.NpzFile:
    """Open the .npz archive at ``path`` for reading plain arrays (never pickles); ``what`` names it in messages.

    Everything that can be checked before an array is read is checked here, each with a true one-line
    :class:`WeightsFileError`: a folder, a missing file, bytes that are not a zip archive at all, a damaged zip
    directory, and -- if ``max_unpacked`` is given -- members that would unpack to more bytes than such a file can
    need (a few hundred kilobytes of deflate can unpack to gigabytes).
    """
    if path.is_dir():
        raise WeightsFileError(f"{path}: is a folder, not a {what}")
    if not path.is_file():
        raise WeightsFileError(f"{path}: {what} not found")
    try:
        if not zipfile.is_zipfile(path):
            raise WeightsFileError(f"{path}: not an .npz {what} (an .npz is a zip archive; this is not one)")
        archive = np.load(path, allow_pickle=False)
    except WeightsFileError:
        raise
    except Exception as err:  # noqa: BLE001 - BadZipFile, OSError, EOFError, ValueError... from a damaged file
        raise WeightsFileError(f"{path}: not a readable .npz {what} ({type(err).__name__}: "
                               f"{_first_line(err)})") from None
    if not isinstance(archive, np.lib.npyio.NpzFile):
        raise WeightsFileError(f"{path}: holds a single array, not an .npz {what}")
    unpacked = sum(info.file_size for info in archive.zip.infolist())
    if max_unpacked is not None and unpacked > max_unpacked:
        archive.close()
        raise WeightsFileError(f"{path}: unpacks to {unpacked:,} bytes, more than a {what} can need "
                               f"({max_unpacked:,}); the file is damaged")
    return archive


def _array(archive, name: str, path: Path, max_bytes: int = SMALL_MEMBER_BYTES) -> np.ndarray:
    """One array of the archive. Reading it decompresses and parses bytes from the file, and damaged bytes can fail
    in many ways (zlib, zip, NumPy's header parser, absurd sizes): every one of them becomes one line naming the
    file and the array.

    Before anything is decompressed, the zip directory's record of the member's unpacked size is compared with
    ``max_bytes``, what the array can honestly need. A few hundred kilobytes of deflate can unpack to gigabytes;
    checking first means such a file is refused at once instead of filling the memory. (The record cannot lie to
    us: Python's zip reader never returns more bytes than it promises.)
    """
    if name not in archive.files:
        raise WeightsFileError(f"{path}: missing array {name!r}; not a network saved by nnlib")
    try:
        unpacked = archive.zip.getinfo(name + ".npy").file_size
    except KeyError:  # a member stored without the .npy suffix; NumPy reads it too
        unpacked = archive.zip.getinfo(name).file_size
    if unpacked > max_bytes:
        raise WeightsFileError(f"{path}: array {name!r} unpacks to {unpacked:,} bytes, more than the "
                               f"{max_bytes:,} it can need; the file is damaged")
    try:
        return archive[name]
    except ValueError as err:
        if "pickle" in str(err):  # an array of Python objects: it would have to be unpickled, which we never do
            raise WeightsFileError(f"{path}: array {name!r} holds Python objects, which nnlib never unpickles") \
                from None
        raise WeightsFileError(f"{path}: array {name!r} is corrupt ({_first_line(err)})") from None
    except MemoryError:
        raise WeightsFileError(f"{path}: array {name!r} claims a size too large to load; the file is damaged") \
            from None
    except Exception as err:  # noqa: BLE001 - zlib.error, BadZipFile, EOFError, OSError, SyntaxError...
        raise WeightsFileError(f"{path}: array {name!r} is corrupt ({type(err).__name__}: {_first_line(err)})") \
            from None


def _first_line(err: BaseException) -> str:
    lines = str(err).strip().splitlines()
    return lines[0] if lines else type(err).__name__


def _metadata(archive, path: Path) -> dict:
    """The JSON metadata as a dict whose few fields nnlib uses have the right types (empty if there is none)."""
    if "metadata" not in archive.files:
        return {}
    raw = _array(archive, "metadata", path)
    if raw.shape != () or raw.dtype.kind not in "US":
        raise WeightsFileError(f"{path}: 'metadata' must be one JSON string, got a {raw.dtype} array of shape "
                               f"{raw.shape}")
    try:
        meta = json.loads(str(raw[()]))
    except (json.JSONDecodeError, RecursionError, UnicodeError) as err:
        raise WeightsFileError(f"{path}: metadata is not valid JSON ({type(err).__name__})") from None
    if not isinstance(meta, dict):
        raise WeightsFileError(f"{path}: metadata must be a JSON object, got {type(meta).__name__}")
    for key, (kinds, meaning) in METADATA_FIELDS.items():
        if key in meta and not _fits(key, meta[key], kinds):
            raise WeightsFileError(f"{path}: metadata {key!r} must be {meaning}, got {meta[key]!r}"[:200])
    for (group, key), (kinds, meaning) in NESTED_FIELDS.items():
        inner = meta.get(group)
        if isinstance(inner, dict) and key in inner and not _fits(key, inner[key], kinds):
            raise WeightsFileError(f"{path}: metadata {group}.{key} must be {meaning}, got {inner[key]!r}"[:200])
    return meta


def _fits(key: str, value: Any, kinds: tuple[type, ...]) -> bool:
    """Whether a metadata value has one of the JSON types ``kinds`` and, if a number, a sensible value."""
    if value is None:
        return type(None) in kinds
    if isinstance(value, bool):  # JSON true is a Python int: a flag, never a number
        return bool in kinds
    if not isinstance(value, kinds):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if isinstance(value, (int, float)):
        return 0 <= value <= (1 if key.endswith("accuracy") else LARGEST.get(key, 10**9))
    return True


#: The largest plausible value of a metadata number (default 10**9: no count, cost or time of nnlib's comes near it;
#: 1e308 or 10**18 in a caption would be a damaged or hand-made file, not a network).
LARGEST = {"seed": 2**32 - 1}


#: The metadata fields nnlib and the scenes read, with the JSON types they must have when present (null means
#: "not known" where a field allows it). Checking them here means a caption such as
#: ``f"{meta['test_accuracy']:.2%}"`` can never fail on a damaged file later.
METADATA_FIELDS: dict[str, tuple[tuple[type, ...], str]] = {
    "hidden_activation": ((str,), 'a name such as "sigmoid"'),
    "seed": ((int, type(None)), "a non-negative integer"),
    "test_accuracy": ((int, float), "a fraction from 0 to 1"),
    "train_accuracy": ((int, float, type(None)), "a fraction from 0 to 1"),
    "test_cost": ((int, float, type(None)), "a non-negative number"),
    "train_cost": ((int, float, type(None)), "a non-negative number"),
    "test_correct": ((int, type(None)), "a non-negative integer"),
    "cost": ((str,), "the name of a cost function"),
    "command": ((str,), "the command that made the file"),
    "data": ((dict,), "an object describing the data"),
    "training": ((dict,), "an object describing the training"),
}


#: The element types a saved network's arrays may have: weights as float64 (nnlib's own) or float32 (other tools'),
#: sizes as signed integers.
WEIGHT_DTYPES = (np.dtype("<f8"), np.dtype(">f8"), np.dtype("<f4"), np.dtype(">f4"))
SIZES_DTYPES = (np.dtype("<i8"), np.dtype(">i8"), np.dtype("<i4"), np.dtype(">i4"))


#: Fields inside ``data`` and ``training`` that the scenes and the inspector show (counts, the learning rate...).
NESTED_FIELDS: dict[tuple[str, str], tuple[tuple[type, ...], str]] = {
    ("data", "train_images"): ((int, type(None)), "a whole number of images"),
    ("data", "test_images"): ((int, type(None)), "a whole number of images"),
    ("data", "source"): ((str, type(None)), "where the data came from"),
    ("training", "epochs"): ((int,), "a whole number of epochs"),
    ("training", "batch_size"): ((int,), "a whole number of examples"),
    ("training", "learning_rate"): ((int, float), "a positive number"),
    ("training", "weight_decay"): ((int, float), "a number >= 0"),
    ("training", "seconds"): ((int, float), "a number of seconds"),
    ("training", "augmented_copies"): ((int,), "a whole number of copies"),
    ("training", "shuffle_labels"): ((bool,), "true or false"),
    ("training", "elastic"): ((bool,), "true or false"),
}


def load_network(path: str | os.PathLike) -> Network:
    """Read a network saved by :func:`save_network`, validating it; ``net.metadata`` holds its JSON metadata.

    A ``.safetensors`` file (a network trained elsewhere) is read by :mod:`nnlib.safetensors_import`; pickles
    (``.pt``, ``.pkl``...) are refused with a line saying how to export them to safetensors."""
    path = Path(path)
    if path.suffix.lower() != ".npz":
        from .safetensors_import import load_safetensors_network, refuse_foreign

        refuse_foreign(path)
        if path.suffix.lower() == ".safetensors":
            return load_safetensors_network(path)
    archive = open_npz(path, "weights file")
    with archive:
        sizes = _array(archive, "sizes", path)
        if (sizes.ndim != 1 or sizes.dtype not in SIZES_DTYPES or not 2 <= len(sizes) <= 1000 or (sizes < 1).any()
                or (sizes > 10**7).any()):
            shown = " ".join(np.array2string(sizes, threshold=8).split())[:120]
            raise WeightsFileError(f"{path}: 'sizes' must be a list of at least two positive integers (int32 or "
                                   f"int64, each at most 10,000,000), got {sizes.dtype} {shown}")
        sizes = tuple(int(s) for s in sizes)
        meta = _metadata(archive, path)
        weights, biases = [], []
        for l, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
            for name, want, bucket in ((f"weights_{l}", (n_out, n_in), weights), (f"biases_{l}", (n_out,), biases)):
                arr = _array(archive, name, path, max_bytes=math.prod(want) * 16 + NPY_HEADER_ROOM)
                if arr.shape != want:
                    raise WeightsFileError(f"{path}: {name} has shape {arr.shape}, expected {want} for sizes {sizes}")
                if arr.dtype not in WEIGHT_DTYPES:  # float16 would lose the weights' precision; others are no floats
                    raise WeightsFileError(f"{path}: {name} has dtype {arr.dtype}, expected float64 or float32")
                if not np.isfinite(arr).all():
                    bad = int(np.size(arr) - np.isfinite(arr).sum())
                    raise WeightsFileError(f"{path}: {name} holds {bad} NaN or infinite values")
                bucket.append(arr.astype(np.float64))
        expected = {f"{kind}_{l}" for l in range(len(sizes) - 1) for kind in ("weights", "biases")}
        extra = sorted(n for n in archive.files if n.startswith(("weights_", "biases_")) and n not in expected)
        if extra:
            raise WeightsFileError(f"{path}: has {extra[0]!r}, which the {len(sizes) - 1} layers that 'sizes' "
                                   "describes do not have")
    try:
        return Network(sizes, meta.get("hidden_activation", "sigmoid"), meta.get("seed"),
                       weights=weights, biases=biases, metadata=meta)
    except NNLibError as err:
        raise WeightsFileError(f"{path}: {err}") from None
