"""The MNIST downloader against a local HTTP server on 127.0.0.1: good files, a bad checksum, a dead mirror."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import threading
from functools import partial

import numpy as np
import pytest

from nnlib import DownloadError, load_mnist
from nnlib.download import download_mnist
from nnlib.idx import encode_idx
from nnlib.mnist import FILES


@pytest.fixture()
def served(tmp_path):
    """A tiny MNIST-shaped data set served over HTTP from tmp_path/www, with its checksums."""
    www = tmp_path / "www"
    www.mkdir()
    rng = np.random.default_rng(0)
    contents = {
        FILES["train_images"]: rng.integers(0, 256, (5, 28, 28), dtype=np.uint8),
        FILES["train_labels"]: rng.integers(0, 10, 5).astype(np.uint8),
        FILES["test_images"]: rng.integers(0, 256, (2, 28, 28), dtype=np.uint8),
        FILES["test_labels"]: rng.integers(0, 10, 2).astype(np.uint8),
    }
    checksums = {}
    for stem, array in contents.items():
        payload = gzip.compress(encode_idx(array), mtime=0)
        (www / (stem + ".gz")).write_bytes(payload)
        checksums[stem + ".gz"] = hashlib.sha256(payload).hexdigest()
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(www))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", www, checksums
    server.shutdown()
    server.server_close()


def test_download_verifies_and_loads(served, tmp_path):
    url, _, checksums = served
    folder = download_mnist(tmp_path / "cache", mirrors=[url], checksums=checksums, progress=False)
    data = load_mnist(folder)
    assert data.train_images.shape == (5, 784) and data.test_labels.shape == (2,)


def test_falls_back_to_the_next_mirror(served, tmp_path):
    url, _, checksums = served
    dead = "http://127.0.0.1:9/"  # the discard port: nothing listens
    folder = download_mnist(tmp_path / "cache", mirrors=[dead, url], checksums=checksums, progress=False, timeout=2)
    assert len(list(folder.iterdir())) == 4


def test_checksum_mismatch_leaves_no_file(served, tmp_path):
    url, www, checksums = served
    (www / "t10k-labels-idx1-ubyte.gz").write_bytes(b"tampered")
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match="checksum mismatch"):
        download_mnist(cache, mirrors=[url], checksums=checksums, progress=False)
    assert not (cache / "t10k-labels-idx1-ubyte.gz").exists()
    assert not [p for p in cache.iterdir() if p.name.endswith(".part")]


def test_offline_is_one_clear_error(tmp_path):
    with pytest.raises(DownloadError, match="could not download train-images.*download failed"):
        download_mnist(tmp_path / "cache", mirrors=["http://127.0.0.1:9/"], progress=False, timeout=2)
