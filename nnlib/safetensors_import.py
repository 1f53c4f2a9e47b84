"""Networks trained elsewhere (PyTorch, Keras, JAX), read from safetensors files: plain numbers, never code.

A ``.safetensors`` file is three things in a row::

    8 bytes         N, the header's length (unsigned, little-endian)
    N bytes         a JSON header: {"0.weight": {"dtype": "F32", "shape": [16, 784], "data_offsets": [0, 50176]},
                                    ..., "__metadata__": {"activation": "relu"}}
    the rest        every tensor's raw little-endian bytes, at its offsets (counted from the end of the header)

so reading one takes ``json`` and ``numpy.frombuffer``: nothing in the file is ever executed. That is the point of
the format, and why this module parses it with NumPy instead of depending on the ``safetensors`` package: the format
is a page long, the package would add a compiled dependency for a 13,002-number network, and parsing it here lets
every check (offsets inside the file, no overlaps, sizes matching shapes, finite values) end as one clear line.

A fully connected network is a chain of layers, each a weight matrix and a bias vector:

- PyTorch ``nn.Linear``: ``NAME.weight`` of shape (out, in) and ``NAME.bias`` -- nnlib's own layout;
- Keras ``Dense`` and Flax ``Dense``: ``NAME/kernel`` or ``NAME.kernel`` of shape (in, out), transposed on reading.

Layers are taken in the natural order of their names (``layer2`` before ``layer10``) and must chain (each takes
as many inputs as the one before gives outputs). The hidden activation is not in the weights: it is read from the
file's metadata (``{"activation": "relu"}`` or ``"sigmoid"``, as the README's export example writes) or given by
the caller. nnlib's output layer is a sigmoid: a network trained with softmax outputs keeps its answers (the
largest output is the same digit) though its output values differ.

Pickles (``.pt``, ``.pth``, ``.pkl``, ``.ckpt``, ``.bin``) are refused: loading one can run any code its author
put in it. :func:`refuse_foreign` says how to export to safetensors instead.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

import numpy as np

from .errors import WeightsFileError
from .network import Network

#: What the README's export example says; shown in every refusal.
EXPORT_HINT = ("export the weights to safetensors: from safetensors.torch import save_file; "
               "save_file(model.state_dict(), 'net.safetensors', metadata={'activation': 'relu'}) "
               "(README, 'Your own network')")
#: Suffixes of pickle files (PyTorch's torch.save, Python's pickle, Lightning checkpoints, old HF weights).
PICKLE_SUFFIXES = (".pt", ".pth", ".pkl", ".pickle", ".ckpt", ".bin", ".joblib")
#: Formats we know and do not read, with their one-line reason.
OTHER_FORMATS = {".h5": "a Keras HDF5 file", ".keras": "a Keras archive", ".onnx": "an ONNX graph",
                 ".tflite": "a TensorFlow Lite model", ".pb": "a TensorFlow graph"}
#: The largest header we read (a real network's is a few hundred bytes per layer).
MAX_HEADER_BYTES = 10_000_000
#: The largest tensor data we read (a 784-1000-1000-10 network is 7 MB of float32).
MAX_DATA_BYTES = 2_000_000_000

DTYPES = {"F64": np.dtype("<f8"), "F32": np.dtype("<f4"), "F16": np.dtype("<f2"), "BF16": np.dtype("<u2")}


def refuse_foreign(path: Path) -> None:
    """One clear line for a weights file nnlib will not read (a pickle, or a format it does not parse)."""
    suffix = path.suffix.lower()
    if suffix in PICKLE_SUFFIXES:
        raise WeightsFileError(f"{path}: a {suffix} file is a pickle, and loading a pickle can run any code in it, "
                               f"so nnlib never does; {EXPORT_HINT}")
    if suffix in OTHER_FORMATS:
        raise WeightsFileError(f"{path}: {OTHER_FORMATS[suffix]} is not a format nnlib reads; {EXPORT_HINT}")


def read_safetensors(path: str | os.PathLike) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """The tensors (name -> float64 array) and the metadata of a safetensors file, every offset checked."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
            if len(head) < 8:
                raise WeightsFileError(f"{path}: too short to be a safetensors file ({len(head)} bytes)")
            size = int.from_bytes(head, "little")
            if not 2 <= size <= MAX_HEADER_BYTES:
                raise WeightsFileError(f"{path}: not a safetensors file (its header would be {size:,} bytes)")
            header_bytes = handle.read(size)
            data = handle.read(MAX_DATA_BYTES + 1)
    except OSError as err:
        raise WeightsFileError(f"{path}: cannot read it ({err.strerror or err})") from None
    if len(header_bytes) < size:
        raise WeightsFileError(f"{path}: the file ends inside its header (truncated?)")
    if len(data) > MAX_DATA_BYTES:
        raise WeightsFileError(f"{path}: over {MAX_DATA_BYTES / 1e9:.0f} GB of tensors, far more than a "
                               "fully connected digit network holds")
    try:
        header = json.loads(header_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise WeightsFileError(f"{path}: its header is not JSON, so this is not a safetensors file") from None
    if not isinstance(header, dict):
        raise WeightsFileError(f"{path}: its header is not a JSON object")
    metadata = header.pop("__metadata__", None) or {}
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        raise WeightsFileError(f"{path}: __metadata__ must map names to strings")
    tensors: dict[str, np.ndarray] = {}
    spans = []
    for name, info in header.items():
        try:
            dtype_name, shape, (begin, end) = info["dtype"], info["shape"], info["data_offsets"]
            shape = tuple(int(n) for n in shape)
            begin, end = int(begin), int(end)
        except (TypeError, KeyError, ValueError):
            raise WeightsFileError(f"{path}: tensor {name!r} lacks a dtype, shape or data_offsets") from None
        if dtype_name not in DTYPES:
            raise WeightsFileError(f"{path}: tensor {name!r} is {dtype_name}; a network's weights must be floating "
                                   f"point ({', '.join(DTYPES)})")
        if min(shape, default=1) < 0 or not 0 <= begin <= end <= len(data):
            raise WeightsFileError(f"{path}: tensor {name!r} points outside the file (offsets {begin}-{end} of "
                                   f"{len(data)} bytes)")
        if end - begin != math.prod(shape) * DTYPES[dtype_name].itemsize:
            raise WeightsFileError(f"{path}: tensor {name!r} has {end - begin} bytes for shape {list(shape)} "
                                   f"of {dtype_name}")
        raw = np.frombuffer(data, dtype=DTYPES[dtype_name], count=math.prod(shape), offset=begin).reshape(shape)
        if dtype_name == "BF16":  # bfloat16 is the top half of a float32
            raw = (raw.astype(np.uint32) << 16).view(np.float32)
        array = raw.astype(np.float64)
        if not np.isfinite(array).all():
            raise WeightsFileError(f"{path}: tensor {name!r} holds NaN or infinite values")
        tensors[name] = array
        spans.append((begin, end, name))
    spans.sort()
    for (_, end_a, a), (begin_b, _, b) in zip(spans, spans[1:]):
        if begin_b < end_a:
            raise WeightsFileError(f"{path}: tensors {a!r} and {b!r} overlap")
    return tensors, metadata


def _natural_key(name: str) -> list:
    """'layers.10' sorts after 'layers.2': numbers in a name compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _split(name: str) -> tuple[str, str]:
    """'fc1.weight' -> ('fc1', 'weight'); 'dense/kernel:0' -> ('dense', 'kernel')."""
    name = name.split(":")[0]
    cut = max(name.rfind("."), name.rfind("/"))
    return (name[:cut], name[cut + 1:]) if cut >= 0 else ("", name)


def network_from_tensors(tensors: dict[str, np.ndarray], activation: str, where: str = "") -> Network:
    """The fully connected network the ``tensors`` describe (see the module docstring), or one clear line why not."""
    layers: dict[str, dict[str, tuple[str, np.ndarray]]] = {}
    for name, array in tensors.items():
        prefix, role = _split(name)
        if role not in ("weight", "kernel", "bias"):
            raise WeightsFileError(f"{where}tensor {name!r} is not a weight or bias of a fully connected layer; "
                                   "only Linear / Dense layers can be loaded (no convolutions, normalisation or "
                                   "embeddings)")
        kind = "bias" if role == "bias" else "weight"
        if array.ndim != (1 if kind == "bias" else 2):
            raise WeightsFileError(f"{where}tensor {name!r} has shape {list(array.shape)}, but a fully connected "
                                   f"layer's {kind} is a {'vector' if kind == 'bias' else 'matrix'}; only Linear / "
                                   "Dense layers can be loaded (no convolutions, normalisation or embeddings)")
        if kind in layers.setdefault(prefix, {}):
            raise WeightsFileError(f"{where}layer {prefix!r} has two {kind} tensors")
        layers[prefix][kind] = (name, array)
    if not layers:
        raise WeightsFileError(f"{where}holds no tensors")
    weights, biases = [], []
    for prefix in sorted(layers, key=_natural_key):
        parts = layers[prefix]
        if "weight" not in parts or "bias" not in parts:
            missing = "bias" if "weight" in parts else "weight"
            raise WeightsFileError(f"{where}layer {prefix!r} has no {missing}: a fully connected layer has both")
        (w_name, w), (b_name, b) = parts["weight"], parts["bias"]
        if _split(w_name)[1] == "kernel":  # Keras / Flax store (in, out)
            w = w.T
        if w.shape[0] != b.shape[0]:
            raise WeightsFileError(f"{where}{w_name!r} has {w.shape[0]} outputs but {b_name!r} {b.shape[0]} biases")
        if weights and w.shape[1] != weights[-1].shape[0]:
            raise WeightsFileError(f"{where}layer {prefix!r} takes {w.shape[1]} inputs but the layer before gives "
                                   f"{weights[-1].shape[0]}: the layers do not chain (layers are read in the order "
                                   "of their names)")
        weights.append(w)
        biases.append(b)
    sizes = [weights[0].shape[1]] + [w.shape[0] for w in weights]
    return Network(sizes, activation, None, weights=weights, biases=biases)


def load_safetensors_network(path: str | os.PathLike, activation: str | None = None) -> Network:
    """Read a fully connected sigmoid or ReLU network from a safetensors file (see the module docstring).

    ``activation`` overrides the file's metadata; one of them must name it.
    """
    path = Path(path)
    tensors, metadata = read_safetensors(path)
    activation = (activation or metadata.get("activation") or metadata.get("hidden_activation") or "").lower()
    if activation not in ("sigmoid", "relu"):
        said = f" (it says {activation!r})" if activation else ""
        raise WeightsFileError(f"{path}: nnlib draws sigmoid or ReLU networks; the file's metadata must say which"
                               f"{said}: save_file(..., metadata={{'activation': 'relu'}})")
    net = network_from_tensors(tensors, activation, f"{path}: ")
    net.metadata = {"hidden_activation": activation, "sizes": list(net.sizes), "seed": None,
                    "command": f"imported from {path.name} (safetensors)",
                    "data": {"source": metadata.get("data", "not stated in the file")}}
    return net
