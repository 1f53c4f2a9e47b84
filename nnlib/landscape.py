"""The real cost surface: the network's cost over a 2-D slice of its 13,002-dimensional parameter space.

The cost C(theta) is a function of all 13,002 weights and biases at once, so nobody can draw it. What we *can* draw is
its value on a flat slice: pick a point theta* (the trained parameters) and two directions d1, d2 in parameter
space, and evaluate

    C(theta* + alpha * d1 + beta * d2)

on a grid of (alpha, beta). That is a genuine surface of the real network -- every height is the average cost over
real MNIST digits -- but it is one plane through a space of 13,002 dimensions, not the whole space.

Two ways to choose the plane, following Li et al., "Visualizing the Loss Landscape of Neural Nets" (NeurIPS 2018):

* **Filter-normalised random directions.** A random Gaussian direction is rescaled neuron by neuron: the slice of
  the direction that holds one neuron's incoming weights (one row of a weight matrix) gets the length of that
  neuron's actual weights. A step of alpha = 1 then changes every neuron by about as much as its own size, so the
  picture does not depend on how big or small a layer's weights happen to be. *Biases:* Li et al. leave them out of
  the direction (a zero direction), which is our default ``biases="zero"``; with ``biases="with_weights"`` a
  neuron's bias is treated as one more incoming weight, and the neuron's whole slice ``[row, bias]`` is rescaled to
  the length of ``[weights row, bias]``.
* **PCA of the training trajectory.** Save the parameters at checkpoints while training, subtract theta*, and take
  the two principal components: the plane in which training moved the most. Projecting every checkpoint onto that
  plane gives the path gradient descent took, drawn on the surface; the last checkpoint *is* theta*, so the path
  ends at (0, 0).

Evaluating a 41 x 41 grid means 1,681 networks. We do not build them one by one: the grid points are pushed through
the layers together as stacked (batched) matrix products, and the first layer -- by far the biggest, 784 x 16
-- is done once per direction, because for a fixed input X its weighted sums are *linear* in the parameters:

    X (W* + alpha D1 + beta D2)^T = X W*^T + alpha X D1^T + beta X D2^T.

``python -m nnlib.landscape --out assets/landscape.npz`` trains a network from a seeded random start, keeps the
checkpoints, and saves the surface, the projected path and the straight-line interpolation for the scenes.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .activations import get_activation, sigmoid
from .atomic import atomic_write
from .costs import get_cost, one_hot
from .errors import NNLibError
from .network import Network, flatten_parameters, unflatten_parameters
from .training_run import TrainingRun, train_with_checkpoints  # noqa: F401  (part of this module's interface)
from .straight_line import BUMP_SHARE, StraightLineProfile, straight_line_profile  # noqa: F401  (the same)

BIAS_MODES = ("zero", "with_weights")


# ---------------------------------------------------------------------------------------------- directions
def filter_normalized_direction(net: Network, rng: np.random.Generator, biases: str = "zero") -> np.ndarray:
    """A random direction in parameter space, rescaled neuron by neuron to the size of the network's weights.

    Returns a flat vector in the order of :meth:`Network.parameters_vector`. For every layer and every neuron j, the
    direction's row j of the weight part has the same Euclidean norm as ``net.weights[l][j]``. Biases get a zero
    direction (``biases="zero"``, as Li et al.) or are rescaled together with their neuron's row
    (``biases="with_weights"``: then ``[d_row, d_bias]`` has the norm of ``[w_row, b]``).
    """
    if biases not in BIAS_MODES:
        raise NNLibError(f"unknown bias treatment {biases!r}; choose one of: {', '.join(BIAS_MODES)}")
    d_weights, d_biases = [], []
    for w, b in zip(net.weights, net.biases):
        dw = rng.standard_normal(w.shape)
        db = rng.standard_normal(b.shape)
        if biases == "zero":
            dw *= _safe_ratio(np.linalg.norm(w, axis=1), np.linalg.norm(dw, axis=1))[:, None]
            db = np.zeros_like(b)
        else:
            target = np.sqrt(np.sum(w ** 2, axis=1) + b ** 2)
            scale = _safe_ratio(target, np.sqrt(np.sum(dw ** 2, axis=1) + db ** 2))
            dw *= scale[:, None]
            db *= scale
        d_weights.append(dw)
        d_biases.append(db)
    return flatten_parameters(d_weights, d_biases)


def _safe_ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """top / bottom, with 0 where bottom is 0 (a neuron whose weights are all zero gets a zero direction)."""
    return np.divide(top, bottom, out=np.zeros_like(top), where=bottom > 0)


@dataclass(frozen=True)
class TrajectoryPlane:
    """The PCA plane of a training trajectory.

    ``directions`` (2, P) are orthonormal; ``coordinates`` (n, 2) are the checkpoints projected onto them, relative
    to the final parameters (so the last row is (0, 0)); ``explained`` is the fraction of the trajectory's variance
    each direction captures.
    """

    directions: np.ndarray
    coordinates: np.ndarray
    explained: np.ndarray


def trajectory_plane(checkpoints: np.ndarray) -> TrajectoryPlane:
    """The first two principal components of the checkpoints (rows, in training order; the last is theta*).

    Each checkpoint minus the final parameters is one row of a matrix; its principal axes (found by the SVD of the
    centred matrix) are the directions in which training moved the most. Signs are fixed so that the starting point
    has non-positive coordinates: the path runs from lower left towards (0, 0).
    """
    thetas = np.asarray(checkpoints, dtype=np.float64)
    if thetas.ndim != 2 or len(thetas) < 3:
        raise NNLibError(f"need at least 3 checkpoints as rows of a matrix to find a plane, got shape {thetas.shape}")
    offsets = thetas - thetas[-1]
    centred = offsets - offsets.mean(axis=0)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    directions = vt[:2].copy()
    coordinates = offsets @ directions.T
    for k in range(2):
        if coordinates[0, k] > 0:
            directions[k] *= -1
            coordinates[:, k] *= -1
    variance = singular ** 2
    explained = variance[:2] / variance.sum() if variance.sum() > 0 else np.zeros(2)
    return TrajectoryPlane(directions, coordinates, explained)


# ---------------------------------------------------------------------------------------------- evaluation
def costs_in_span(
    sizes: Sequence[int],
    origin: np.ndarray,
    directions: np.ndarray,
    coefficients: np.ndarray,
    X: np.ndarray,
    labels: np.ndarray,
    *,
    hidden_activation: str = "sigmoid",
    cost: str = "quadratic",
    chunk: int = 64,
) -> np.ndarray:
    """The cost of the network with parameters ``origin + coefficients[g] @ directions`` for every row g.

    ``origin`` (P,) and ``directions`` (k, P) are flat parameter vectors; ``coefficients`` is (G, k). All G networks
    go through the layers together, ``chunk`` at a time, as stacked matrix products. Returns (G,) costs, each the
    average over the examples, exactly as :meth:`Network.cost` would give.
    """
    origin = np.asarray(origin, dtype=np.float64)
    directions = np.atleast_2d(np.asarray(directions, dtype=np.float64))
    coefficients = np.asarray(coefficients, dtype=np.float64)
    if coefficients.ndim == 1:
        coefficients = coefficients[:, None]
    if coefficients.ndim != 2 or coefficients.shape[1] != len(directions):
        raise NNLibError(f"coefficients have shape {coefficients.shape}; expected (points, {len(directions)})")
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != sizes[0] or len(X) != len(labels):
        raise NNLibError(f"examples have shape {X.shape} with {len(labels)} labels; the network takes rows of {sizes[0]}")
    hidden = get_activation(hidden_activation).f
    cost_value = get_cost(cost).value
    Y = one_hot(np.asarray(labels).astype(np.int64), sizes[-1])

    W0, b0 = unflatten_parameters(origin, sizes)
    parts = [unflatten_parameters(d, sizes) for d in directions]
    DW = [np.stack([p[0][l] for p in parts]) for l in range(len(W0))]  # per layer: (k, n_out, n_in)
    DB = [np.stack([p[1][l] for p in parts]) for l in range(len(W0))]  # per layer: (k, n_out)

    # First layer, linear in the parameters for fixed X: one product per direction instead of one per grid point.
    z_base = X @ W0[0].T + b0[0]                                    # (n, h)
    z_dirs = np.einsum("ni,khi->knh", X, DW[0]) + DB[0][:, None, :]  # (k, n, h)
    last = len(W0) - 1

    out = np.empty(len(coefficients))
    for start in range(0, len(coefficients), chunk):
        c = coefficients[start:start + chunk]                       # (g, k)
        z = z_base + np.einsum("gk,knh->gnh", c, z_dirs)            # (g, n, h)
        a = sigmoid(z) if last == 0 else hidden(z)
        for l in range(1, len(W0)):
            W = W0[l] + np.einsum("gk,koi->goi", c, DW[l])          # (g, n_out, n_in)
            b = b0[l] + c @ DB[l]                                   # (g, n_out)
            z = a @ W.transpose(0, 2, 1) + b[:, None, :]            # (g, n, n_out), one matmul per grid point
            a = sigmoid(z) if l == last else hidden(z)
        out[start:start + len(c)] = [cost_value(a_g, Y) for a_g in a]
    return out


def grid_costs(
    net: Network,
    directions: np.ndarray,
    alphas: np.ndarray,
    betas: np.ndarray,
    X: np.ndarray,
    labels: np.ndarray,
    cost: str = "quadratic",
) -> np.ndarray:
    """The surface: ``costs[i, j] = C(theta + alphas[j] * d1 + betas[i] * d2)`` with theta = ``net``'s parameters.

    Rows follow beta and columns alpha, as an image of the plane with alpha to the right.
    """
    A, B = np.meshgrid(np.asarray(alphas, float), np.asarray(betas, float))
    coefficients = np.column_stack([A.ravel(), B.ravel()])
    values = costs_in_span(net.sizes, net.parameters_vector(), directions, coefficients, X, labels,
                           hidden_activation=net.hidden_activation, cost=cost)
    return values.reshape(A.shape)


def interpolation_costs(
    net: Network, start: np.ndarray, end: np.ndarray, ts: np.ndarray, X: np.ndarray, labels: np.ndarray,
    cost: str = "quadratic",
) -> np.ndarray:
    """The cost along the straight line ``(1 - t) start + t end`` in parameter space, for each t in ``ts``."""
    start = np.asarray(start, dtype=np.float64)
    return costs_in_span(net.sizes, start, np.asarray(end, dtype=np.float64) - start, np.asarray(ts, float), X, labels,
                         hidden_activation=net.hidden_activation, cost=cost)


def checkpoint_costs(net: Network, checkpoints: np.ndarray, X: np.ndarray, labels: np.ndarray,
                     cost: str = "quadratic") -> np.ndarray:
    """The real cost of each checkpoint (rows of flat parameters): the cost along the path training took."""
    return np.array([net.with_parameters(theta).cost(X, labels, cost) for theta in checkpoints])


# ---------------------------------------------------------------------------------------------- the cached asset
@dataclass(frozen=True)
class Landscape:
    """Everything the landscape scenes draw, as loaded from ``assets/landscape.npz``.

    * ``alphas`` (A,), ``betas`` (B,), ``costs`` (B, A): the cost over the PCA plane of the training path.
    * ``path`` (n, 2): the checkpoints projected onto that plane; ``path_epochs`` (n,) when each was taken;
      ``path_costs`` (n,) the real cost of each checkpoint; ``path_plane_costs`` (n,) the cost at its projection.
    * ``explained`` (2,): fraction of the path's variance in each plane direction.
    * ``interp_t``, ``interp_costs``: the cost along the straight line from the start (t = 0) to theta* (t = 1).
    * ``random_alphas``, ``random_costs``: the cost over a plane of two filter-normalised random directions.
    * ``straight_distance``, ``path_length``: |theta* - theta_0| and the length of the path through checkpoints.
    * ``metadata``: command, seed and settings that made the file.
    """

    alphas: np.ndarray
    betas: np.ndarray
    costs: np.ndarray
    path: np.ndarray
    path_epochs: np.ndarray
    path_costs: np.ndarray
    path_plane_costs: np.ndarray
    explained: np.ndarray
    interp_t: np.ndarray
    interp_costs: np.ndarray
    random_alphas: np.ndarray
    random_costs: np.ndarray
    straight_distance: float
    path_length: float
    metadata: dict

    @property
    def start_cost(self) -> float:
        """Cost of the random start (checkpoint 0)."""
        return float(self.path_costs[0])

    @property
    def trained_cost(self) -> float:
        """Cost of the trained parameters theta*."""
        return float(self.path_costs[-1])


ARRAY_FIELDS = ("alphas", "betas", "costs", "path", "path_epochs", "path_costs", "path_plane_costs", "explained",
                "interp_t", "interp_costs", "random_alphas", "random_costs")


def default_landscape_path() -> Path:
    """The cached landscape shipped in assets/."""
    from .assets import assets_dir

    return assets_dir() / "landscape.npz"


def save_landscape(landscape: Landscape, path: str | os.PathLike) -> None:
    """Write a landscape as a compressed .npz (no pickles), atomically."""
    arrays = {name: np.asarray(getattr(landscape, name), dtype=np.float64) for name in ARRAY_FIELDS}
    arrays["scalars"] = np.array([landscape.straight_distance, landscape.path_length])
    arrays["metadata"] = np.asarray(json.dumps(landscape.metadata, sort_keys=True))
    with atomic_write(Path(path)) as handle:
        np.savez_compressed(handle, **arrays)


def load_landscape(path: str | os.PathLike | None = None) -> Landscape:
    """Load and check a landscape written by :func:`save_landscape` (default: the shipped one)."""
    path = Path(path) if path is not None else default_landscape_path()
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {name: np.array(z[name], dtype=np.float64) for name in ARRAY_FIELDS}
            scalars = np.array(z["scalars"], dtype=np.float64)
            metadata = json.loads(str(z["metadata"][()]))
    except FileNotFoundError:
        raise NNLibError(f"{path}: landscape not found; make it with `python -m nnlib.landscape --out {path}`") from None
    except Exception as err:  # zip, key, value and JSON errors all mean the same to the user
        raise NNLibError(f"{path}: not a readable landscape file ({type(err).__name__}: {err})") from None
    a, b, n = len(arrays["alphas"]), len(arrays["betas"]), len(arrays["path"])
    if (arrays["costs"].shape != (b, a) or arrays["path"].shape != (n, 2) or n < 2
            or any(arrays[k].shape != (n,) for k in ("path_epochs", "path_costs", "path_plane_costs"))
            or arrays["interp_costs"].shape != arrays["interp_t"].shape or scalars.shape != (2,)
            or arrays["random_costs"].shape != (len(arrays["random_alphas"]),) * 2):
        raise NNLibError(f"{path}: landscape arrays have inconsistent shapes")
    if not all(np.all(np.isfinite(v)) for v in arrays.values()):
        raise NNLibError(f"{path}: landscape contains NaN or infinite values")
    return Landscape(**arrays, straight_distance=float(scalars[0]), path_length=float(scalars[1]), metadata=metadata)


def compute_landscape(
    X_train: np.ndarray,
    train_labels: np.ndarray,
    *,
    seed: int = 0,
    epochs: int = 30,
    per_epoch: int = 10,
    batch_size: int = 10,
    learning_rate: float = 3.0,
    examples: int = 1000,
    resolution: int = 41,
    margin: float = 0.25,
    random_range: float = 1.0,
    cost: str = "quadratic",
    progress: bool = True,
) -> Landscape:
    """Train, then measure: the PCA-plane surface and path, the straight line, and a filter-normalised random plane.

    All costs are averages over the same ``examples`` training digits (a seeded random choice), so the heights of
    the surface, the path and the straight line can be compared directly.
    """
    say = (lambda text: print(text, file=sys.stderr)) if progress else (lambda text: None)
    if resolution < 2 or examples < 1:
        raise NNLibError(f"need a grid resolution >= 2 and at least one example (got {resolution}, {examples})")
    rng = np.random.default_rng(seed)
    pick = np.sort(rng.choice(len(X_train), size=min(examples, len(X_train)), replace=False))
    X, labels = np.asarray(X_train, dtype=np.float64)[pick], np.asarray(train_labels)[pick]

    clock = time.perf_counter()
    run = train_with_checkpoints(X_train, train_labels, seed=seed, epochs=epochs, per_epoch=per_epoch,
                                 batch_size=batch_size, learning_rate=learning_rate, cost=cost)
    timings = {"training": time.perf_counter() - clock}
    say(f"trained {epochs} epochs with {len(run.checkpoints)} checkpoints in {timings['training']:.1f} s")

    plane = trajectory_plane(run.checkpoints)
    lo, hi = plane.coordinates.min(axis=0), plane.coordinates.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    alphas = np.linspace(lo[0] - margin * span[0], hi[0] + margin * span[0], resolution)
    betas = np.linspace(lo[1] - margin * span[1], hi[1] + margin * span[1], resolution)
    clock = time.perf_counter()
    costs = grid_costs(run.net, plane.directions, alphas, betas, X, labels, cost)
    timings["grid"] = time.perf_counter() - clock
    say(f"{resolution}x{resolution} grid on {len(X)} examples in {timings['grid']:.2f} s "
        f"(plane explains {plane.explained.sum():.0%} of the path's variance)")

    theta_star = run.checkpoints[-1]
    path_plane_costs = costs_in_span(run.net.sizes, theta_star, plane.directions, plane.coordinates, X, labels,
                                     hidden_activation=run.net.hidden_activation, cost=cost)
    path_costs = checkpoint_costs(run.net, run.checkpoints, X, labels, cost)
    interp_t = np.linspace(0.0, 1.0, 101)
    interp = interpolation_costs(run.net, run.checkpoints[0], theta_star, interp_t, X, labels, cost)

    random_alphas = np.linspace(-random_range, random_range, resolution)
    random_dirs = np.stack([filter_normalized_direction(run.net, rng) for _ in range(2)])
    random_costs = grid_costs(run.net, random_dirs, random_alphas, random_alphas, X, labels, cost)

    metadata = {
        "command": "",  # filled in by main() with the exact command line
        "seed": seed, "epochs": epochs, "checkpoints_per_epoch": per_epoch, "batch_size": batch_size,
        "learning_rate": learning_rate, "cost": cost, "sizes": list(run.net.sizes),
        "examples": len(X), "train_images": len(X_train), "resolution": resolution, "margin": margin,
        "random_range": random_range, "random_bias_treatment": "zero",
        "seconds": {k: round(v, 3) for k, v in timings.items()},
        "trained_accuracy_on_examples": run.net.accuracy(X, labels),
    }
    steps = np.linalg.norm(np.diff(run.checkpoints, axis=0), axis=1)
    return Landscape(alphas, betas, costs, plane.coordinates, run.epochs, path_costs, path_plane_costs,
                     plane.explained, interp_t, interp, random_alphas, random_costs,
                     float(np.linalg.norm(theta_star - run.checkpoints[0])), float(steps.sum()), metadata)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m nnlib.landscape --out assets/landscape.npz``: train, measure the landscape, save it."""
    parser = argparse.ArgumentParser(prog="python -m nnlib.landscape", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(default_landscape_path()), help="where to write the .npz")
    parser.add_argument("--mnist", default=None, help="MNIST folder (default: $MNIST_DIR or the download cache)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random start, shuffling and directions")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--per-epoch", type=int, default=10, help="checkpoints per epoch")
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--learning-rate", type=float, default=3.0)
    parser.add_argument("--examples", type=int, default=1000, help="training digits the costs average over")
    parser.add_argument("--resolution", type=int, default=41, help="grid points per side")
    args = parser.parse_args(argv)
    try:
        out = Path(args.out)
        if not out.parent.is_dir():  # fail before the training, not after it
            raise NNLibError(f"cannot write {out}: folder {out.parent} does not exist")
        if args.resolution < 2 or args.examples < 1 or args.epochs < 1 or args.per_epoch < 1:
            raise NNLibError(f"need --resolution >= 2 and at least one example, epoch and checkpoint per epoch "
                             f"(got {args.resolution}, {args.examples}, {args.epochs}, {args.per_epoch})")
        from .mnist import load_mnist

        data = load_mnist(args.mnist)
        landscape = compute_landscape(data.train_images, data.train_labels, seed=args.seed, epochs=args.epochs,
                                      per_epoch=args.per_epoch, batch_size=args.batch_size,
                                      learning_rate=args.learning_rate, examples=args.examples,
                                      resolution=args.resolution)
        landscape.metadata["command"] = "python -m nnlib.landscape " + " ".join(
            shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
        landscape.metadata["data_source"] = str(data.source)
        save_landscape(landscape, args.out)
    except NNLibError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"wrote {args.out} (start cost {landscape.start_cost:.3f}, trained cost {landscape.trained_cost:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
