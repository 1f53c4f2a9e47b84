"""A strict reader and writer for IDX, the file format of MNIST.

An IDX file is a 4-byte magic number -- two zero bytes, a type code (0x08 means unsigned bytes) and the number of
dimensions -- then each dimension as a big-endian 32-bit integer, then the data, row-major, big-endian. MNIST's
image files are 3-dimensional (count, 28, 28) unsigned bytes; label files are 1-dimensional. The files are usually
gzip-compressed; we read both forms.

The reader trusts nothing: a wrong magic number, a truncated header, too little or too much data, or a broken gzip
stream each raise :class:`IDXFormatError` naming the file and what is wrong.
"""

from __future__ import annotations

import gzip
import io
import math
import os
import struct
import zlib
from pathlib import Path

import numpy as np

from .atomic import atomic_write
from .errors import IDXFormatError
from .memory import check_fits

# IDX type code -> big-endian numpy dtype.
IDX_DTYPES: dict[int, np.dtype] = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
GZIP_MAGIC = b"\x1f\x8b"


#: The most deflate can shrink data (a run of one byte): a gzip file of n bytes cannot unpack to more than about
#: 1032 n. A header promising more than that describes data the file cannot hold.
MAX_GZIP_RATIO = 1032


def _read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise IDXFormatError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise IDXFormatError(f"{path}: is a folder, not an IDX file") from None
    except OSError as err:
        raise IDXFormatError(f"{path}: cannot read ({err.strerror})") from None
    if raw[:2] == GZIP_MAGIC:
        try:
            raw = _gunzip_idx(raw, path)
        except (OSError, EOFError, zlib.error, ValueError) as err:
            raise IDXFormatError(f"{path}: corrupt or truncated gzip data ({err})") from None
        except MemoryError:
            raise IDXFormatError(f"{path}: gzip data decompresses to more than this machine can hold") from None
    return raw


def _gunzip_idx(raw: bytes, path: Path) -> bytes:
    """Decompress a gzipped IDX file, never unpacking more than its header says the data needs.

    A few hundred kilobytes of gzip can unpack to gigabytes. So we unpack the header first, work out how many data
    bytes it promises, and read only that many plus one: the extra byte tells us whether anything follows.
    """
    with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
        head = stream.read(4)
        if len(head) == 4 and not head[0] and not head[1] and head[2] in IDX_DTYPES and head[3]:
            head += stream.read(4 * head[3])
        else:
            return head  # parse_idx explains what is wrong with it
        if len(head) < 4 + 4 * head[3]:
            return head
        shape = struct.unpack(f">{head[3]}I", head[4:])
        promised = math.prod(shape) * IDX_DTYPES[head[2]].itemsize
        if promised > MAX_GZIP_RATIO * len(raw):
            raise IDXFormatError(f"{path}: header promises {shape} = {promised:,} data bytes, more than "
                                 f"{len(raw):,} bytes of gzip can hold")
        check_fits(promised, f"{path}: its {shape} data", "the file is too large for this machine")
        body = stream.read(promised + 1)
    if len(body) > promised:
        raise IDXFormatError(f"{path}: more data after the {shape} data than its header describes")
    return head + body


def parse_idx(raw: bytes, name: str = "<bytes>") -> np.ndarray:
    """Decode the bytes of an (uncompressed) IDX file into an array, validating everything."""
    if len(raw) < 4:
        raise IDXFormatError(f"{name}: too short to be an IDX file ({len(raw)} bytes)")
    zero1, zero2, type_code, ndim = raw[0], raw[1], raw[2], raw[3]
    if zero1 or zero2 or type_code not in IDX_DTYPES or ndim == 0:
        raise IDXFormatError(f"{name}: not an IDX file (magic number {raw[:4].hex()})")
    header_len = 4 + 4 * ndim
    if len(raw) < header_len:
        raise IDXFormatError(f"{name}: header truncated (needs {header_len} bytes, file has {len(raw)})")
    shape = tuple(int(d) for d in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    dtype = IDX_DTYPES[type_code]
    expected = math.prod(shape) * dtype.itemsize  # Python integers: a huge header cannot overflow
    actual = len(raw) - header_len
    if actual < expected:
        raise IDXFormatError(f"{name}: truncated: header promises {shape} = {expected} data bytes, found {actual}")
    if actual > expected:
        raise IDXFormatError(f"{name}: {actual - expected} unexpected bytes after the {shape} data")
    data = np.frombuffer(raw, dtype=dtype, offset=header_len).reshape(shape)
    return data.astype(dtype.newbyteorder("="))


def read_idx_shape(path: str | os.PathLike) -> tuple[tuple[int, ...], np.dtype]:
    """The shape and element type an IDX file's header promises, read without unpacking its data (so a caller can
    check that the data will fit in memory before reading it). Raises :class:`IDXFormatError` for a header that
    is not an IDX header; the data itself is checked by :func:`read_idx`."""
    path = Path(path)
    try:
        with open(path, "rb") as raw:
            magic = raw.read(2)
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw) if magic == GZIP_MAGIC else raw
            head = stream.read(4)
            if len(head) == 4 and not head[0] and not head[1] and head[2] in IDX_DTYPES and head[3]:
                head += stream.read(4 * head[3])
    except FileNotFoundError:
        raise IDXFormatError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise IDXFormatError(f"{path}: is a folder, not an IDX file") from None
    except (OSError, EOFError, zlib.error) as err:
        raise IDXFormatError(f"{path}: corrupt or truncated ({type(err).__name__}: {err})") from None
    if len(head) < 4 or head[0] or head[1] or head[2] not in IDX_DTYPES or not head[3]:
        raise IDXFormatError(f"{path}: not an IDX file (magic number {head[:4].hex()})")
    if len(head) < 4 + 4 * head[3]:
        raise IDXFormatError(f"{path}: header truncated (needs {4 + 4 * head[3]} bytes, file has {len(head)})")
    return tuple(struct.unpack(f">{head[3]}I", head[4:])), IDX_DTYPES[head[2]]


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an IDX file, gzip-compressed or raw, into a native-endian array of the shape its header gives."""
    path = Path(path)
    return parse_idx(_read_bytes(path), str(path))


def encode_idx(array: np.ndarray) -> bytes:
    """The bytes of an (uncompressed) IDX file holding ``array``."""
    array = np.asarray(array)
    for code, dtype in IDX_DTYPES.items():
        if array.dtype.kind == dtype.kind and array.dtype.itemsize == dtype.itemsize:
            break
    else:
        raise IDXFormatError(f"IDX cannot store arrays of dtype {array.dtype}")
    if array.ndim == 0 or array.ndim > 255:
        raise IDXFormatError(f"IDX needs 1 to 255 dimensions, got {array.ndim}")
    header = bytes([0, 0, code, array.ndim]) + np.asarray(array.shape, dtype=">u4").tobytes()
    return header + np.ascontiguousarray(array, dtype=dtype).tobytes()


def write_idx(path: str | os.PathLike, array: np.ndarray, compress: bool | None = None) -> None:
    """Write ``array`` as an IDX file, atomically; gzip it if ``compress`` is true (default: path ends in .gz)."""
    path = Path(path)
    if compress is None:
        compress = path.suffix == ".gz"
    payload = encode_idx(array)
    if compress:
        payload = gzip.compress(payload, mtime=0)
    with atomic_write(path) as handle:
        handle.write(payload)
