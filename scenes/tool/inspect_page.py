"""``explainer inspect --html``: one self-contained page to look inside a saved network, and draw a digit for it.

The page (``scenes/tool/inspector/page.html`` and ``page.js``) carries everything inside it: the weights (as
float64, so its forward pass agrees with nnlib's to rounding), a handful of digits, the digits that excite each
hidden neuron most, and the evaluation. No server, no internet. In it you can

- draw a digit with a mouse, a finger or a pen (prepared like :mod:`nnlib.digit_image` prepares a picture: cropped,
  fitted into 20x20, centred by mass in 28x28), or pick a sample digit, and watch every layer and the answer change;
- see the network drawn as in the scenes (the input, every hidden layer and the output, edges coloured by the
  weight's sign and as thick as its size), each neuron as bright as its activation (a ReLU layer on a scale that
  shows its usual values);
- choose a neuron (click or keyboard) to see its arithmetic with the real numbers for the current drawing
  (``z = w·a + b`` and its squish), its weights, and the digits it responds to most;
- present it: one 1366x768 screen holds the drawing, the network and the answer; presentation mode (button, key P
  or ``#present`` in the address) enlarges the type; on a phone the page is one column;
- see the first layer's weights as heatmaps, and the confusion matrix with per-digit accuracy.

Every text that comes from a file (metadata, paths) is embedded as JSON and shown with ``textContent`` only, so a
weights file cannot inject markup into the page.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnlib.atomic import atomic_write
from nnlib.errors import NNLibError
from nnlib.network import Network

PAGE_DIR = Path(__file__).with_name("inspector")
TOP_DIGITS = 4


def _b64(array: np.ndarray, dtype) -> str:
    return base64.b64encode(np.ascontiguousarray(array, dtype=dtype).tobytes()).decode("ascii")


@dataclass(frozen=True)
class DigitPool:
    """Digits for the page: ``images`` (n, 784) in [0, 1], their ``labels``, and where they come from."""

    images: np.ndarray
    labels: np.ndarray
    source: str
    unseen: bool


def digit_pool(mnist_dir: str | None = None) -> DigitPool:
    """The MNIST test set when it is on this machine (digits the network never saw), else the shipped sample."""
    from nnlib.errors import DataNotFoundError

    try:
        from nnlib.mnist import load_mnist

        data = load_mnist(mnist_dir)
        return DigitPool(data.test_images, data.test_labels, f"the {len(data.test_labels):,} MNIST test images", True)
    except DataNotFoundError:
        from nnlib.assets import load_sample

        sample = load_sample()
        return DigitPool(sample.images, sample.labels,
                         f"the {len(sample.labels)} shipped training-sample digits (the test set is not on this "
                         "machine: `explainer download` fetches it)", False)


def top_digits(net: Network, images: np.ndarray, count: int = TOP_DIGITS) -> dict[str, list[list[int]]]:
    """For every hidden neuron, the indices of the ``count`` images that give it the highest activation."""
    acts = net.forward(images)
    return {str(layer): [list(map(int, np.argsort(-acts[layer][:, j], kind="stable")[:count]))
                         for j in range(net.sizes[layer])]
            for layer in range(1, len(net.sizes) - 1)}


def activation_scales(net: Network, images: np.ndarray, share: float = 99.5) -> list[float]:
    """For each layer, the activation the page paints full white: 1 for sigmoid layers (their top); for a ReLU
    layer, which has no top, the value ``share`` % of its activations on ``images`` stay under, so the usual ones
    spread over the whole scale instead of all clipping to white."""
    acts = net.forward(images)
    scales = [1.0] * len(net.sizes)
    if net.hidden_activation == "relu":
        for layer in range(1, len(net.sizes) - 1):
            scales[layer] = max(float(np.percentile(acts[layer], share)), 1e-6)
    return scales


def evaluation_of(net: Network, weights: Path, pool: DigitPool) -> dict | None:
    """The confusion matrix and per-digit accuracy: live on the test set when present, else the shipped evaluation
    when it belongs to these weights, else on the digits at hand (said so)."""
    if not pool.unseen:
        shipped = _shipped_evaluation(weights)
        if shipped is not None:
            return shipped
    predictions = net.predict(pool.images)
    confusion = np.zeros((10, 10), dtype=np.int64)
    np.add.at(confusion, (pool.labels, predictions), 1)
    per_digit = np.diag(confusion) / np.maximum(confusion.sum(axis=1), 1)
    where = f"computed now on {pool.source}" + ("" if pool.unseen else "; the network was trained on these, "
                                                 "so this flatters it")
    return {"source": where, "confusion": confusion.tolist(), "per_digit": per_digit.tolist(),
            "accuracy": float(np.trace(confusion) / confusion.sum()), "correct": int(np.trace(confusion)),
            "count": int(confusion.sum())}


def _shipped_evaluation(weights: Path) -> dict | None:
    try:
        from nnlib.evaluation import evaluation_matches, load_evaluation
    except ImportError:
        return None
    try:
        if not evaluation_matches(weights):
            return None
        ev = load_evaluation()
    except NNLibError:
        return None
    confusion = np.asarray(ev.confusion)
    return {"source": f"the shipped evaluation of these weights on all {int(confusion.sum()):,} MNIST test images",
            "confusion": confusion.tolist(), "per_digit": list(map(float, ev.per_digit)),
            "accuracy": float(ev.accuracy), "correct": int(np.trace(confusion)), "count": int(confusion.sum())}


def page_data(net: Network, weights: Path, *, theme: str = "default", pool: DigitPool | None = None) -> dict:
    """Everything the page shows, as JSON-ready data."""
    if net.sizes[0] != 784 or net.sizes[-1] != 10:
        raise NNLibError(f"{weights}: the inspector page needs 784 inputs and 10 outputs, this network is "
                         f"{'-'.join(map(str, net.sizes))}")
    from nnlib.assets import load_sample

    pool = pool or digit_pool()
    sample = load_sample()
    tops = top_digits(net, pool.images)
    chosen = sorted({i for layer in tops.values() for row in layer for i in row})
    where = {i: len(sample.labels) + k for k, i in enumerate(chosen)}
    pixels = np.concatenate([sample.images, pool.images[chosen]]) if chosen else sample.images
    meta = net_metadata(net)
    accuracy = meta.get("test_accuracy")
    summary = (f"{'-'.join(map(str, net.sizes))} network, {net.hidden_activation} hidden layers, "
               f"{net.parameter_count:,} weights and biases"
               + (f"; test accuracy {float(accuracy):.2%} (from its file)" if isinstance(accuracy, (int, float))
                  else ""))
    return {
        "name": Path(weights).name, "summary": summary, "theme": theme, "sizes": list(net.sizes),
        "hidden_activation": net.hidden_activation, "act_scale": activation_scales(net, pool.images),
        "weights": [_b64(w, "<f8") for w in net.weights], "biases": [_b64(b, "<f8") for b in net.biases],
        "pool": {"pixels": _b64(np.rint(pixels * 255), "u1"), "source": pool.source},
        "samples": [{"name": f"sample {i}: a {int(label)}", "pool": i} for i, label in enumerate(sample.labels)],
        "top_digits": {layer: [[where[i] for i in row] for row in rows] for layer, rows in tops.items()},
        "evaluation": evaluation_of(net, Path(weights), pool),
    }


def net_metadata(net: Network) -> dict:
    meta = getattr(net, "metadata", None)
    return meta if isinstance(meta, dict) else {}


def render_page(data: dict) -> str:
    """The page's HTML with ``data`` and the script inlined; every ``<`` in the data is written as the JSON escape
    ``\\u003c``, so no text from a file can close the script block or open a comment."""
    blob = json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")
    script = (PAGE_DIR / "page.js").read_text(encoding="utf-8")
    parts = {"__DATA__": blob, "__SCRIPT__": script}  # one pass: a placeholder inside the data stays text
    template = (PAGE_DIR / "page.html").read_text(encoding="utf-8")
    return re.sub("__DATA__|__SCRIPT__", lambda m: parts[m.group(0)], template)


def write_inspector_page(net: Network, weights: Path, out: Path, *, theme: str = "default",
                         pool: DigitPool | None = None) -> Path:
    """Write the self-contained inspector page for ``net`` to ``out`` (atomically)."""
    html = render_page(page_data(net, weights, theme=theme, pool=pool))
    with atomic_write(Path(out)) as handle:
        handle.write(html.encode("utf-8"))
    return Path(out)
