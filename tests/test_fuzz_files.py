"""Damaged files, fuzzed: whatever the bytes, a loader either succeeds or raises the project's one-line error.

Each test starts from a valid file written by the project itself, then mutates it many times with a seeded
generator -- bytes flipped, inserted, deleted, the file cut short, the compressed streams damaged, or (for the
weights) the archive rebuilt with arrays missing, renamed, of the wrong type or shape -- and loads every mutant. Only
:class:`NNLibError` may escape; any other exception is a bug, reported with the mutation that caused it.
"""

from __future__ import annotations

import gzip
import io
import json
import struct
import zipfile
import warnings
import zlib
from pathlib import Path
from typing import Callable

import numpy as np
import pytest
from PIL import Image

from nnlib import Network
from nnlib.digit_image import load_digit_image, read_grey
from nnlib.errors import NNLibError
from nnlib.idx import encode_idx, read_idx
from nnlib.mnist import load_images_and_labels
from nnlib.storage import load_network, save_network

MUTATIONS = 1000


def mutate_bytes(data: bytes, rng: np.random.Generator) -> tuple[bytes, str]:
    """One random damage to ``data``, and a word saying which."""
    data = bytearray(data)
    kind = rng.integers(0, 6)
    if kind == 0:  # flip a few bytes anywhere
        for at in rng.integers(0, len(data), size=rng.integers(1, 6)):
            data[at] ^= int(rng.integers(1, 256))
        return bytes(data), "flipped bytes"
    if kind == 1:  # flip bytes near the start, where the headers are
        for at in rng.integers(0, min(len(data), 64), size=rng.integers(1, 4)):
            data[at] = int(rng.integers(0, 256))
        return bytes(data), "header bytes"
    if kind == 2:
        return bytes(data[:rng.integers(0, len(data))]), "cut short"
    if kind == 3:
        at = int(rng.integers(0, len(data)))
        return bytes(data[:at] + rng.bytes(int(rng.integers(1, 64))) + data[at:]), "bytes inserted"
    if kind == 4:
        at = int(rng.integers(0, len(data)))
        return bytes(data[:at] + data[at + int(rng.integers(1, 64)):]), "bytes deleted"
    return rng.bytes(int(rng.integers(0, 2 * len(data)))), "random bytes"


def fuzz(load: Callable[[Path], object], mutants, folder: Path,
         check: Callable[[object], None] = lambda result: None) -> None:
    """Load every (bytes, description) mutant from a file; fail on anything but an NNLibError or a success that
    ``check`` accepts. Warnings count as failures too: a loader must not print Python's warnings for bad input."""
    failures = []
    path = folder / "mutant"
    for i, (data, what) in enumerate(mutants):
        path.write_bytes(data)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                check(load(path))
        except NNLibError as err:
            if "\n" in str(err) or str(path) not in str(err):
                failures.append(f"#{i} {what}: a message of several lines or without the file: {err!r}")
        except Exception as err:  # noqa: BLE001 - exactly what we are looking for
            failures.append(f"#{i} {what}: {type(err).__name__}: {str(err)[:200]}")
    assert not failures, f"{len(failures)} of {len(mutants)} mutants escaped as other errors:\n" + \
        "\n".join(failures[:8])


def usable_network(net: Network) -> None:
    """What a scene does with a loaded network must work: run it, and format the metadata it shows."""
    assert np.isfinite(net.output(np.zeros((1, net.sizes[0])))).all()
    meta = net.metadata
    if "test_accuracy" in meta:
        f"{meta['test_accuracy']:.2%}"
    for key in ("data", "training"):
        meta.get(key, {}).get("anything")


def usable_digit(x: np.ndarray) -> None:
    assert x.shape == (784,) and np.isfinite(x).all() and x.min() >= 0 and x.max() <= 1


# ----------------------------------------------------------------------------------------------- weights files

def archive_bytes(arrays: dict, compressed: bool = True) -> bytes:
    buffer = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buffer, **arrays)
    return buffer.getvalue()


def structural_mutant(good: dict, rng: np.random.Generator) -> tuple[bytes, str]:
    """The archive rebuilt with one array missing, renamed, retyped, reshaped, or poisoned, or odd metadata."""
    arrays = dict(good)
    name = str(rng.choice(sorted(n for n in arrays if n != "metadata")))
    kind = rng.integers(0, 11)
    pickled = False
    if kind == 0:
        del arrays[name]
        what = f"{name} removed"
    elif kind == 1:
        arrays[name + "_x" if rng.random() < 0.5 else "weights_x"] = arrays.pop(name)
        what = f"{name} renamed"
    elif kind == 2:
        arrays[name] = np.array(rng.choice(["text", "", "1,2"]))
        what = f"{name} as a string"
    elif kind == 3:
        arrays[name] = arrays[name].astype(rng.choice([np.bool_, np.complex128, np.int8, np.float16]))
        what = f"{name} retyped"
    elif kind == 4:
        arrays[name] = np.resize(arrays[name], tuple(rng.integers(0, 5, size=rng.integers(0, 3))))
        what = f"{name} reshaped"
    elif kind == 5:
        poisoned = np.array(arrays[name], dtype=np.float64)
        if poisoned.size:
            poisoned.flat[int(rng.integers(0, poisoned.size))] = rng.choice([np.nan, np.inf, -np.inf, 1e308])
        arrays[name] = poisoned
        what = f"{name} poisoned"
    elif kind == 6:
        choices = [[4], [4, -3], [0, 3], [4, 3, 2, 9], [2**40, 3], [4, 3], [12, 5, 3]]
        arrays["sizes"] = np.array(choices[int(rng.integers(0, len(choices)))])
        what = f"sizes {arrays['sizes'].tolist()}"
    elif kind == 7:
        arrays["metadata"] = np.array(str(rng.choice(['[1, 2]', '"text"', '{"seed": "x"}', '{"seed": -4}',
                                                      '{"hidden_activation": 3}', '{"hidden_activation": "tanh"}',
                                                      '{"seed": 1e400}', 'not json', '{' * 5000, '{"a": '
                                                      '"\\ud800"}', 'null', '{"seed": true}'])))
        what = f"metadata {str(arrays['metadata'])[:30]}"
    elif kind == 8:
        arrays["metadata"] = np.arange(int(rng.integers(0, 4)))
        what = "metadata as numbers"
    elif kind == 9:  # a field the scenes format, of the wrong JSON type or value
        meta = json.loads(str(good["metadata"][()]))
        key = str(rng.choice(["test_accuracy", "test_correct", "data", "training", "seed", "command", "cost",
                              "hidden_activation", "sizes"]))
        meta[key] = [None, "x", -5, 10**30, [1], {"a": 1}, 1.5, True, "0.5", 2.0][int(rng.integers(0, 10))]
        arrays["metadata"] = np.array(json.dumps(meta))
        what = f"metadata {key}={meta[key]!r}"
    else:  # an array of Python objects: np.savez pickles it; the loader must refuse, never unpickle
        arrays[name] = np.array([1, "a", None], dtype=object)
        pickled, what = True, f"{name} pickled objects"
    return archive_bytes(arrays, compressed=bool(rng.random() < 0.5) and not pickled), what


def test_a_thousand_damaged_weights_files(tmp_path):
    net = Network((12, 5, 3), seed=0)
    path = save_network(net, tmp_path / "good.npz", {"test_accuracy": 0.5})
    good_bytes = path.read_bytes()
    with np.load(path, allow_pickle=False) as archive:
        good = {name: archive[name] for name in archive.files}
    assert load_network(path).sizes == (12, 5, 3)
    rng = np.random.default_rng(17)
    mutants = [mutate_bytes(good_bytes, rng) if i % 2 else structural_mutant(good, rng) for i in range(MUTATIONS)]
    fuzz(load_network, mutants, tmp_path, usable_network)


def test_object_arrays_are_refused_not_unpickled(tmp_path):
    path = tmp_path / "objects.npz"
    np.savez(path, sizes=np.array([2, 1]), weights_0=np.array([[1, "a"]], dtype=object), biases_0=np.zeros(1))
    with pytest.raises(NNLibError, match="never unpickles"):
        load_network(path)


@pytest.mark.parametrize("make, fragment", [
    (lambda p: p.mkdir(), "is a folder"),
    (lambda p: p.write_bytes(np.random.default_rng(0).bytes(3000)), "this is not one"),
])
def test_messages_say_what_is_true(tmp_path, make, fragment):
    path = tmp_path / "w.npz"
    make(path)
    with pytest.raises(NNLibError) as err:
        load_network(path)
    assert fragment in str(err.value) and "pickle" not in str(err.value)


def test_zip_bombs_are_refused_before_unpacking(tmp_path):
    """A member that would unpack to far more than its array can need is refused from the zip directory alone."""
    net = Network((12, 5, 3), seed=0)
    arrays = {"sizes": np.array(net.sizes), "weights_0": np.zeros((5, 12)), "biases_0": np.zeros(5),
              "weights_1": np.zeros(2_500_000), "biases_1": np.zeros(3)}   # 20 MB of zeros: about 20 kB packed
    bomb = tmp_path / "bomb.npz"
    bomb.write_bytes(archive_bytes(arrays))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(NNLibError, match=r"'weights_1' unpacks to 20,000,128 bytes"):
        load_network(bomb)


# ----------------------------------------------------------------------------------------------- IDX files

def idx_mutant(good: bytes, rng: np.random.Generator, gzipped: bool) -> tuple[bytes, str]:
    import gzip

    if rng.random() < 0.3:  # a header of its own: any magic, type, dimension count and sizes
        ndim = int(rng.choice([0, 1, 2, 3, 4, 255]))
        sizes = rng.choice([0, 1, 3, 28, 2**31 - 1, 2**32 - 1], size=ndim)
        header = bytes([int(rng.integers(0, 2)) * int(rng.integers(0, 256)), 0,
                        int(rng.choice([0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x07])), ndim])
        data, what = header + b"".join(struct.pack(">I", int(s)) for s in sizes) + good[4 + 4 * 3:][:2000], \
            f"header {header.hex()} sizes {sizes.tolist()}"
    else:
        data, what = mutate_bytes(good, rng)
    if gzipped:
        data = gzip.compress(data, mtime=0)
        if rng.random() < 0.5:
            data, damage = mutate_bytes(data, rng)
            what += f", gzip {damage}"
    return data, what


def test_a_thousand_damaged_idx_files(tmp_path):
    rng = np.random.default_rng(23)
    images = rng.integers(0, 256, size=(6, 28, 28)).astype(np.uint8)
    good = encode_idx(images)
    assert read_idx_bytes(good, tmp_path).shape == (6, 28, 28)
    mutants = [idx_mutant(good, rng, gzipped=bool(i % 3 == 0)) for i in range(MUTATIONS)]
    fuzz(lambda p: read_idx(p), mutants, tmp_path)


def test_gzip_bombs_are_refused_without_unpacking_them(tmp_path):
    path = tmp_path / "bomb.gz"
    # ten labels promised, 20 MB of zeros delivered: reading stops one byte past the promise
    path.write_bytes(gzip.compress(bytes([0, 0, 8, 1]) + struct.pack(">I", 10) + bytes(20_000_000)))
    with pytest.raises(NNLibError, match="more data after the"):
        read_idx(path)
    # a header promising 2**32-1 cubed bytes from a file of a few dozen bytes
    path.write_bytes(gzip.compress(bytes([0, 0, 8, 3]) + struct.pack(">III", *[2**32 - 1] * 3)))
    with pytest.raises(NNLibError, match="more than .* bytes of gzip can hold"):
        read_idx(path)


def read_idx_bytes(data: bytes, folder: Path) -> np.ndarray:
    path = folder / "check.idx"
    path.write_bytes(data)
    return read_idx(path)


def test_damaged_label_files_next_to_good_images(tmp_path):
    """The pair as MNIST loading reads it: labels of any type, range and length must be refused in one line."""
    rng = np.random.default_rng(29)
    images_path = tmp_path / "images.idx"
    images_path.write_bytes(encode_idx(rng.integers(0, 256, size=(5, 28, 28)).astype(np.uint8)))
    labels_path = tmp_path / "labels.idx"
    for labels, fragment in ((np.array([1, 2, 3, 4, 255], np.uint8), "not a digit"),
                             (np.array([1, 2, -1, 4, 5], np.int8), "not a digit"),
                             (np.array([1, 2, 3.7, 4, 5], np.float32), "whole numbers"),
                             (np.array([1, 2, 3], np.uint8), "3 labels")):
        labels_path.write_bytes(encode_idx(labels))
        with pytest.raises(NNLibError, match=fragment):
            load_images_and_labels(images_path, labels_path)
    # a labels file where the images should be says so
    with pytest.raises(NNLibError, match="labels file"):
        load_images_and_labels(labels_path, labels_path)


# ----------------------------------------------------------------------------------------------- digit images

def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_thousand_damaged_pngs(tmp_path):
    rng = np.random.default_rng(31)
    digit = Image.new("L", (28, 28), 0)
    digit.paste(255, (12, 4, 16, 24))
    photo = Image.fromarray(rng.integers(0, 256, size=(150, 200, 3)).astype(np.uint8), "RGB")
    deep = Image.fromarray((np.asarray(digit, np.uint16) * 200))  # 16-bit grey
    goods = [png_bytes(digit), png_bytes(photo), png_bytes(digit.convert("P")), png_bytes(digit.convert("1")),
             png_bytes(digit.convert("LA")), png_bytes(deep)]
    mutants = [(mutate_bytes if i % 2 else mutate_chunk)(goods[i % len(goods)], rng) for i in range(MUTATIONS)]
    fuzz(load_digit_image, mutants, tmp_path, usable_digit)


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """A PNG's chunks as (type, body) pairs."""
    chunks, at = [], 8
    while at + 8 <= len(data):
        length = struct.unpack(">I", data[at:at + 4])[0]
        chunks.append((data[at + 4:at + 8], data[at + 8:at + 8 + length]))
        at += 12 + length
    return chunks


def png_from_chunks(chunks: list[tuple[bytes, bytes]]) -> bytes:
    """Chunks back into a PNG, each with a correct CRC -- so the damage gets past Pillow's first check."""
    return b"\x89PNG\r\n\x1a\n" + b"".join(struct.pack(">I", len(body)) + kind + body +
                                           struct.pack(">I", zlib.crc32(kind + body)) for kind, body in chunks)


def mutate_chunk(data: bytes, rng: np.random.Generator) -> tuple[bytes, str]:
    """Damage inside one chunk, behind a valid CRC: its body changed or cut, its pixels' deflate stream changed,
    a stray chunk inserted, or the chunk dropped."""
    chunks = png_chunks(data)
    at = int(rng.integers(0, len(chunks)))
    kind, body = chunks[at]
    how = int(rng.integers(0, 5))
    if how == 0:
        body = bytearray(body)
        for _ in range(int(rng.integers(1, 4)) if body else 0):
            body[int(rng.integers(0, len(body)))] = int(rng.integers(0, 256))
        chunks[at] = (kind, bytes(body))
    elif how == 1:
        chunks[at] = (kind, body[:int(rng.integers(0, len(body) + 1))])
    elif how == 2 and kind == b"IDAT":  # valid deflate of wrong pixel rows: bad filter bytes, too few rows
        rows = bytearray(zlib.decompress(body))
        for _ in range(int(rng.integers(1, 4))):
            rows[int(rng.integers(0, len(rows)))] = int(rng.integers(0, 256))
        chunks[at] = (kind, zlib.compress(bytes(rows[:int(rng.integers(0, len(rows) + 1))])))
    elif how == 3:
        stray = [b"tRNS", b"PLTE", b"gAMA", b"iCCP", b"zTXt", b"sBIT", b"IHDR", b"IEND", b"acTL", b"fcTL", b"eXIf"]
        chunks.insert(at, (stray[int(rng.integers(0, len(stray)))], rng.bytes(int(rng.integers(0, 40)))))
    else:
        del chunks[at]
    return png_from_chunks(chunks), f"chunk {kind.decode('latin-1')} damage {how}"


def test_odd_but_valid_images_load_or_are_refused_in_one_line(tmp_path):
    deep = np.zeros((28, 28), np.uint16)
    deep[4:24, 12:16] = 40000                       # a 16-bit stroke: 61% grey, above 255 in raw levels
    path = tmp_path / "deep.png"
    Image.fromarray(deep).save(path)
    grey = read_grey(path)
    assert grey.max() == pytest.approx(40000 / 65535, abs=1e-3)  # the grey level is kept, not clipped to white
    assert load_digit_image(path).shape == (784,)
    for name, image in (("tiny.png", Image.new("L", (1, 1), 255)), ("blank.png", Image.new("L", (28, 28), 0)),
                        ("alpha.png", Image.new("RGBA", (40, 40), (0, 0, 0, 0)))):
        image.save(tmp_path / name)
        try:
            assert load_digit_image(tmp_path / name).shape == (784,)
        except NNLibError as err:
            assert "\n" not in str(err)
    # headers claiming 3.6 billion pixels, or none, behind a valid CRC: refused before any pixel is read
    for (width, height), fragment in (((60000, 60000), "too many pixels"), ((0, 28), "not an image Pillow can read"),
                                      ((28, 0), "not an image Pillow can read")):
        chunks = png_chunks(png_bytes(Image.new("L", (28, 28), 0)))
        chunks[0] = (b"IHDR", struct.pack(">II", width, height) + chunks[0][1][8:])
        (tmp_path / "odd.png").write_bytes(png_from_chunks(chunks))
        with pytest.raises(NNLibError, match=fragment):
            load_digit_image(tmp_path / "odd.png")


# ----------------------------------------------------------------------------------------------- shipped assets

@pytest.mark.parametrize("loader_name", ["evaluation", "tweaks", "sample"])
def test_damaged_copies_of_the_shipped_assets(tmp_path, loader_name):
    from nnlib.assets import default_sample_path, load_sample
    from nnlib.evaluation import default_evaluation_path, load_evaluation
    from nnlib.tweaks import default_tweaks_path, load_tweaks

    source, load = {"evaluation": (default_evaluation_path(), load_evaluation),
                    "tweaks": (default_tweaks_path(), load_tweaks),
                    "sample": (default_sample_path(), load_sample)}[loader_name]
    rng = np.random.default_rng(37)
    good = source.read_bytes()
    with np.load(source, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    assert load(source) is not None
    fuzz(load, [mutate_bytes(good, rng) if i % 2 else asset_mutant(arrays, rng) for i in range(400)], tmp_path)


def asset_mutant(good: dict, rng: np.random.Generator) -> tuple[bytes, str]:
    """A shipped .npz rebuilt with one array removed, retyped, reshaped, emptied, poisoned or pickled, or a header
    field of the wrong JSON type."""
    arrays = dict(good)
    name = str(rng.choice(sorted(arrays)))
    kind = int(rng.integers(0, 7))
    if kind == 0:
        del arrays[name]
    elif kind == 1:
        arrays[name] = np.array(str(rng.choice(["x", "", "[1]", "{}"])))
    elif kind == 2:
        dtype = [np.bool_, np.complex128, np.int8, np.float16, "U3"][int(rng.integers(0, 5))]
        arrays[name] = arrays[name].astype(dtype) if arrays[name].dtype.kind in "iufb" else arrays[name]
    elif kind == 3:
        arrays[name] = np.resize(arrays[name], tuple(rng.integers(0, 4, size=rng.integers(0, 3))))
    elif kind == 4 and arrays[name].dtype.kind in "iufb":
        poisoned = arrays[name].astype(np.float64)
        if poisoned.size:
            poisoned.flat[int(rng.integers(0, poisoned.size))] = rng.choice([np.nan, np.inf, -1e9, 1e300, 255])
        arrays[name] = poisoned
    elif kind == 5 and "header" in arrays:
        header = json.loads(str(arrays["header"][()]))
        key = str(rng.choice(sorted(header)))
        header[key] = [None, "x", -5, 10**30, [1], {"a": 1}, 1.5, True, 1e308][int(rng.integers(0, 9))]
        arrays["header"] = np.array(json.dumps(header))
        name = f"header {key}={header[key]!r}"
    elif kind == 6:
        arrays[name] = np.array([1, "a", None], dtype=object)
        return archive_bytes(arrays, compressed=False), f"{name} pickled objects"
    return archive_bytes(arrays, compressed=bool(rng.random() < 0.5)), f"{name} damage {kind}"


def test_experiment_metadata_that_is_not_an_object_is_one_line(tmp_path):
    from nnlib.experiments import load_experiment

    path = tmp_path / "experiment.npz"
    np.savez(path, metadata=np.array("[1]"))
    with pytest.raises(NNLibError, match="JSON object"):
        load_experiment(path, "shuffled")
