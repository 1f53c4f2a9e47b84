"""Saving and loading networks: round trip, metadata, and refusal of every kind of bad file."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import Network, WeightsFileError, load_network, save_network


@pytest.fixture()
def saved(tmp_path):
    net = Network((6, 4, 3), hidden_activation="relu", seed=5)
    path = tmp_path / "net.npz"
    save_network(net, path, {"test_accuracy": 0.5, "seed": 5})
    return net, path


def test_round_trip_with_metadata(saved):
    net, path = saved
    back = load_network(path)
    assert back.sizes == (6, 4, 3) and back.hidden_activation == "relu"
    np.testing.assert_array_equal(back.parameters_vector(), net.parameters_vector())
    assert back.metadata["test_accuracy"] == 0.5 and back.metadata["nnlib_version"]


def rewrite(path, **changes):
    """Rewrite an .npz with some arrays replaced (None removes one)."""
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    for key, value in changes.items():
        if value is None:
            arrays.pop(key)
        else:
            arrays[key] = value
    np.savez(path, **arrays)


@pytest.mark.parametrize("changes, message", [
    ({"weights_1": np.zeros((4, 4))}, "weights_1 has shape"),
    ({"biases_0": np.full(4, np.nan)}, "NaN"),
    ({"weights_0": np.full((4, 6), np.inf)}, "NaN or infinite"),
    ({"weights_0": None}, "missing array 'weights_0'"),
    ({"weights_0": np.zeros((4, 6), dtype=np.int32)}, "dtype"),
    ({"sizes": np.array([6.0, 4.0, 3.0])}, "sizes"),
    ({"metadata": np.asarray("{not json")}, "JSON"),
])
def test_inconsistent_files_are_refused(saved, changes, message):
    _, path = saved
    rewrite(path, **changes)
    with pytest.raises(WeightsFileError, match=message):
        load_network(path)


def test_truncated_and_garbage_files(saved, tmp_path):
    _, path = saved
    raw = path.read_bytes()
    (tmp_path / "cut.npz").write_bytes(raw[: len(raw) // 2])
    (tmp_path / "text.npz").write_text("hello")
    for bad in ("cut.npz", "text.npz", "missing.npz"):
        with pytest.raises(WeightsFileError) as err:
            load_network(tmp_path / bad)
        assert bad in str(err.value)


def test_pickled_object_arrays_are_never_unpickled(saved):
    _, path = saved
    rewrite(path, weights_0=np.array([{"evil": 1}], dtype=object))  # np.savez pickles object arrays
    with pytest.raises(WeightsFileError, match="never unpickles"):
        load_network(path)


def test_saving_is_atomic(tmp_path, monkeypatch):
    """A failure half-way leaves the previous file intact and no temporary file behind."""
    path = tmp_path / "net.npz"
    save_network(Network((3, 2), seed=0), path)
    before = path.read_bytes()

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez_compressed", explode)
    with pytest.raises(OSError):
        save_network(Network((3, 2), seed=1), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["net.npz"]
