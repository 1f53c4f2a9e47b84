"""The IDX reader: round trips, and every way a file can be broken gives a clear IDXFormatError naming it."""

from __future__ import annotations

import gzip

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnlib import DataNotFoundError, IDXFormatError, load_mnist
from nnlib.idx import encode_idx, parse_idx, read_idx, write_idx
from nnlib.mnist import FILES


@settings(max_examples=60, deadline=None)
@given(hnp.arrays(st.sampled_from([np.uint8, np.int16, np.int32, np.float32, np.float64]),
                  hnp.array_shapes(min_dims=1, max_dims=4, max_side=6)))
def test_round_trip(array):
    back = parse_idx(encode_idx(array))
    assert back.shape == array.shape and back.dtype.kind == array.dtype.kind
    np.testing.assert_array_equal(back, array)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=64))
def test_arbitrary_bytes_never_crash_differently(raw):
    """Garbage is either a valid IDX file or an IDXFormatError -- never another exception."""
    try:
        parse_idx(raw, "fuzz")
    except IDXFormatError as err:
        assert str(err).startswith("fuzz:")


def test_gzip_and_raw_files(tmp_path):
    images = np.arange(2 * 28 * 28, dtype=np.uint8).reshape(2, 28, 28)
    write_idx(tmp_path / "a.gz", images)
    write_idx(tmp_path / "a", images)
    assert (tmp_path / "a.gz").read_bytes()[:2] == b"\x1f\x8b"
    np.testing.assert_array_equal(read_idx(tmp_path / "a.gz"), images)
    np.testing.assert_array_equal(read_idx(tmp_path / "a"), images)


@pytest.mark.parametrize("mutilate, message", [
    (lambda b: b[:-10], "truncated"),
    (lambda b: b[:6], "header truncated"),
    (lambda b: b + b"\x00", "unexpected bytes"),
    (lambda b: b"\x12\x34" + b[2:], "not an IDX file"),
    (lambda b: b[:2] + b"\x07" + b[3:], "not an IDX file"),
    (lambda b: b"", "too short"),
])
def test_broken_files_name_the_file(tmp_path, mutilate, message):
    good = encode_idx(np.zeros((3, 28, 28), np.uint8))
    path = tmp_path / "broken-idx3-ubyte"
    path.write_bytes(mutilate(good))
    with pytest.raises(IDXFormatError, match=message) as err:
        read_idx(path)
    assert str(path) in str(err.value)


def test_corrupt_and_truncated_gzip(tmp_path):
    payload = gzip.compress(encode_idx(np.zeros((50, 28, 28), np.uint8)))
    (tmp_path / "cut.gz").write_bytes(payload[: len(payload) // 2])
    with pytest.raises(IDXFormatError, match="gzip"):
        read_idx(tmp_path / "cut.gz")


def write_mnist(folder, n_train=4, n_test=3, n_test_labels=None, size=28):
    folder.mkdir(exist_ok=True)
    rng = np.random.default_rng(0)
    write_idx(folder / (FILES["train_images"] + ".gz"), rng.integers(0, 256, (n_train, size, size), dtype=np.uint8))
    write_idx(folder / (FILES["train_labels"] + ".gz"), rng.integers(0, 10, n_train).astype(np.uint8))
    write_idx(folder / FILES["test_images"], rng.integers(0, 256, (n_test, size, size), dtype=np.uint8))
    write_idx(folder / FILES["test_labels"], rng.integers(0, 10, n_test_labels or n_test).astype(np.uint8))
    return folder


def test_load_mnist_scales_and_flattens(tmp_path):
    data = load_mnist(write_mnist(tmp_path / "m"))
    assert data.train_images.shape == (4, 784) and data.test_images.shape == (3, 784)
    assert 0.0 <= data.train_images.min() and data.train_images.max() <= 1.0
    assert data.train_labels.dtype == np.int64


def test_image_label_count_mismatch(tmp_path):
    with pytest.raises(IDXFormatError, match="3 images but .* 5 labels"):
        load_mnist(write_mnist(tmp_path / "m", n_test_labels=5))


def test_wrong_image_size(tmp_path):
    with pytest.raises(IDXFormatError, match="20x20"):
        load_mnist(write_mnist(tmp_path / "m", size=20))


def test_missing_everywhere_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.delenv("MNIST_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    with pytest.raises(DataNotFoundError, match="explainer download"):
        load_mnist()


def test_mnist_dir_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DIR", str(write_mnist(tmp_path / "m")))
    assert load_mnist().source == str(tmp_path / "m")
