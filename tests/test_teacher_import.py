"""Networks trained elsewhere: safetensors files written by hand byte by byte (the format: 8-byte little-endian
header length, JSON header, raw tensors), a file from the format's reference writer in PyTorch's layout, pickles refused."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest

from nnlib import load_network
from nnlib.errors import WeightsFileError
from scenes.tool.cli import main

SIZES = (784, 16, 16, 10)


def write_safetensors(path: Path, tensors: dict[str, np.ndarray], metadata: dict | None = None,
                      dtype: str = "F32") -> Path:
    """A safetensors file made without the safetensors package: what the format's specification says."""
    kinds = {"F32": "<f4", "F16": "<f2", "F64": "<f8"}
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        if dtype == "BF16":
            raw = (np.asarray(array, "<f4").view("<u4") >> 16).astype("<u2").tobytes()
        else:
            raw = np.asarray(array, kinds[dtype]).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    if metadata is not None:
        header["__metadata__"] = metadata
    text = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))
    return path


def torch_layout(seed: int = 0):
    rng = np.random.default_rng(seed)
    ws = [rng.normal(0, 0.3, (n_out, n_in)) for n_in, n_out in zip(SIZES, SIZES[1:])]
    bs = [rng.normal(0, 0.3, n_out) for n_out in SIZES[1:]]
    tensors = {}
    for i, (w, b) in enumerate(zip(ws, bs)):          # nn.Sequential(Linear, act, Linear, act, Linear): 0, 2, 4
        tensors[f"{2 * i}.weight"], tensors[f"{2 * i}.bias"] = w, b
    return ws, bs, tensors


def by_hand(ws, bs, x, hidden):
    """The forward pass written out: a' = f(W a + b), the output squished by a sigmoid."""
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    relu = lambda z: np.maximum(z, 0)      # noqa: E731
    for i, (w, b) in enumerate(zip(ws, bs)):
        z = w @ x + b
        x = sig(z) if i == len(ws) - 1 or hidden == "sigmoid" else relu(z)
    return x


def test_a_pytorch_layout_file_loads_and_computes_what_its_weights_say(tmp_path):
    ws, bs, tensors = torch_layout()
    path = write_safetensors(tmp_path / "net.safetensors", tensors, {"activation": "relu"})
    net = load_network(path)
    assert net.sizes == SIZES and net.hidden_activation == "relu"
    x = np.random.default_rng(1).random(784)
    np.testing.assert_allclose(net.output(x[None])[0], by_hand(ws, bs, x, "relu"), rtol=1e-5)


def test_keras_kernels_are_transposed_and_half_precision_is_read(tmp_path):
    ws, bs, _ = torch_layout(2)
    tensors = {}
    for i, (w, b) in enumerate(zip(ws, bs)):          # Keras: dense, dense_1, ... with (in, out) kernels
        name = "dense" if i == 0 else f"dense_{i}"
        tensors[f"{name}/kernel:0"], tensors[f"{name}/bias:0"] = w.T, b
    for dtype, tolerance in (("F16", 2e-2), ("BF16", 6e-2), ("F64", 1e-9)):
        path = write_safetensors(tmp_path / f"keras-{dtype}.safetensors", tensors, {"activation": "sigmoid"}, dtype)
        net = load_network(path)
        assert net.sizes == SIZES
        x = np.random.default_rng(3).random(784)
        np.testing.assert_allclose(net.output(x[None])[0], by_hand(ws, bs, x, "sigmoid"), atol=tolerance)


def test_layers_are_read_in_natural_order(tmp_path):
    """'layers.10' comes after 'layers.2' (a string sort would put it first and the layers would not chain)."""
    rng = np.random.default_rng(0)
    sizes = [784] + [12] * 10 + [10]
    tensors = {}
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        tensors[f"layers.{i}.weight"], tensors[f"layers.{i}.bias"] = rng.random((n_out, n_in)), rng.random(n_out)
    net = load_network(write_safetensors(tmp_path / "deep.safetensors", tensors, {"activation": "sigmoid"}))
    assert list(net.sizes) == sizes


@pytest.mark.parametrize("change, words", [
    (lambda t: {**t, "conv.weight": np.zeros((8, 1, 3, 3))}, "only Linear / Dense"),
    (lambda t: {**t, "embed.table": np.zeros((8, 4))}, "not a weight or bias"),
    (lambda t: {**t, "bn.running_mean": np.zeros(16)}, "only Linear / Dense"),
    (lambda t: {k: v for k, v in t.items() if k != "2.bias"}, "has no bias"),
    (lambda t: {**t, "2.weight": np.zeros((16, 15))}, "do not chain"),
])
def test_anything_but_a_fully_connected_network_is_one_clear_line(tmp_path, capsys, change, words):
    _, _, tensors = torch_layout()
    path = write_safetensors(tmp_path / "odd.safetensors", change(tensors), {"activation": "relu"})
    assert main(["evaluate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and words in err and "Traceback" not in err


def test_the_activation_must_be_named(tmp_path):
    _, _, tensors = torch_layout()
    with pytest.raises(WeightsFileError, match="sigmoid or ReLU.*metadata"):
        load_network(write_safetensors(tmp_path / "bare.safetensors", tensors))
    with pytest.raises(WeightsFileError, match="'tanh'"):
        load_network(write_safetensors(tmp_path / "tanh.safetensors", tensors, {"activation": "tanh"}))


def test_damaged_files_are_refused_in_one_line(tmp_path):
    _, _, tensors = torch_layout()
    good = write_safetensors(tmp_path / "good.safetensors", tensors, {"activation": "relu"}).read_bytes()
    cases = {"short": good[:5], "huge-header": struct.pack("<Q", 2**62) + good[8:], "cut": good[:-100],
             "not-json": struct.pack("<Q", 4) + b"\xff\xfe{}" + good[12:]}
    size = struct.unpack("<Q", good[:8])[0]
    header = json.loads(good[8:8 + size])
    header["2.bias"]["data_offsets"] = header["0.bias"]["data_offsets"]      # two tensors on the same bytes
    text = json.dumps(header).encode()
    cases["overlap"] = struct.pack("<Q", len(text)) + text + good[8 + size:]
    for name, data in cases.items():
        (tmp_path / f"{name}.safetensors").write_bytes(data)
        with pytest.raises(WeightsFileError) as caught:
            load_network(tmp_path / f"{name}.safetensors")
        assert "\n" not in str(caught.value), name


@pytest.mark.parametrize("suffix", [".pt", ".pth", ".pkl", ".ckpt"])
def test_pickles_are_refused_with_how_to_export(tmp_path, capsys, suffix):
    path = tmp_path / f"model{suffix}"
    path.write_bytes(b"\x80\x04K\x01.")   # a real pickle (of the number 1): never opened
    assert main(["evaluate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "pickle" in err and "save_file(model.state_dict()" in err and err.count("\n") == 1


def test_scenes_accept_an_imported_network(tmp_path):
    from scenes.tool.options import ExplainerOptions

    _, _, tensors = torch_layout()
    path = write_safetensors(tmp_path / "net.safetensors", tensors, {"activation": "relu"})
    options = ExplainerOptions(weights=path)
    options.validate()                     # loads and can be drawn, as `explainer render --weights` checks
    assert options.network().sizes == SIZES


def test_a_file_written_by_the_reference_safetensors_writer_loads():
    """The format's own library (PyPI's ``safetensors``, a dev dependency) writes the file, as PyTorch's
    ``save_file(model.state_dict(), ...)`` does, with torch.nn.Linear's layout (weight: out x in); what the network
    computes is what those matrices say. No torch needed: its layout is plain arrays."""
    from safetensors.numpy import save_file
    import tempfile

    rng = np.random.default_rng(0)
    sizes = (784, 16, 16, 10)
    tensors = {}
    for k, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        tensors[f"{2 * k}.weight"] = rng.normal(0, 0.1, (n_out, n_in)).astype(np.float32)
        tensors[f"{2 * k}.bias"] = rng.normal(0, 0.1, n_out).astype(np.float32)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "net.safetensors"
        save_file(tensors, str(path), metadata={"activation": "relu"})
        net = load_network(path)
    x = rng.random((5, 784))
    a = x
    for k in range(3):
        z = a @ tensors[f"{2 * k}.weight"].T.astype(np.float64) + tensors[f"{2 * k}.bias"]
        a = np.maximum(z, 0) if k < 2 else 1 / (1 + np.exp(-z))
    assert net.sizes == list(sizes) or tuple(net.sizes) == sizes
    np.testing.assert_allclose(net.output(x), a, rtol=1e-5, atol=1e-6)