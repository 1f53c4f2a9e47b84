"""Shared fixtures. MNIST comes from $MNIST_DIR (CI sets it to ../shared/data/mnist); tests needing it skip otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """The MNIST folder named by MNIST_DIR, or skip."""
    folder = os.environ.get("MNIST_DIR")
    if not folder or not Path(folder).is_dir():
        pytest.skip("MNIST_DIR not set; this test needs the real MNIST files")
    return Path(folder)


@pytest.fixture(scope="session")
def mnist(mnist_dir):
    """The loaded MNIST data (session-wide: loading takes a moment)."""
    from nnlib import load_mnist

    return load_mnist(mnist_dir)


@pytest.fixture(scope="session")
def shipped_net():
    """The trained network shipped in assets/."""
    from nnlib import load_network
    from nnlib.assets import default_weights_path

    return load_network(default_weights_path())


@pytest.fixture()
def rng() -> np.random.Generator:
    return np.random.default_rng(1234)


_PRIVATE_MEDIA: list[str] = []


def pytest_runtest_setup(item) -> None:
    """Manim's text and formula caches in a folder of this test run's own (not ./media, which a render, a script
    or another test run started in the same folder would share: see scenes/tool/private_media.py). Set before each
    test once manim is imported; an nnlib-only run never imports it."""
    import sys
    import tempfile

    manim = sys.modules.get("manim")
    if manim is None or not hasattr(manim, "config"):
        return
    if not _PRIVATE_MEDIA:
        _PRIVATE_MEDIA.append(tempfile.mkdtemp(prefix="explainer-tests-media-"))
        item.config.add_cleanup(lambda: __import__("shutil").rmtree(_PRIVATE_MEDIA[0], ignore_errors=True))
    manim.config.media_dir = _PRIVATE_MEDIA[0]
