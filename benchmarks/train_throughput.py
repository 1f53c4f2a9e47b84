"""Training throughput of nnlib against two baselines, measured in the same process.

(a) a faithful per-example loop of the same maths, the way Nielsen's book writes ``update_mini_batch`` and
    ``backprop``: each example of a mini-batch goes through the network alone as a column vector;
(b) PyTorch on the CPU, the same 784-16-16-10 sigmoid MLP, quadratic cost and batch size 10 (skipped with a
    message when torch is not installed: ``pip install torch==2.13.0``).

All three do plain mini-batch SGD on the same data with the same batch size and learning rate, from the same
starting weights and (for the NumPy ones) the same seeded shuffles; the table prints examples per second, each
one's ratio to nnlib, and the accuracy each trained network reaches on the test images, so a faster row cannot
be doing less. nnlib's four rows must end with the very same weights (checked). The per-example loop is the same
maths with the sums taken in another order: its weights agree with nnlib's to the last digit or two for the
first hundred steps, then gradient descent amplifies those rounding differences like any chaotic process, so
after many epochs it reaches a slightly different accuracy (not a better or worse algorithm: shuffling with
another seed moves the accuracy more than that). nnlib's time is that of ``nnlib.train``, so it also includes
what ``train`` does besides stepping (a pass over the training set each epoch for the history, which a helper
thread makes while the next epoch learns, its BLAS kept off the learning's core); the baselines only step. A
second nnlib row measures the test set too each epoch, as training the shipped network does: three times the
measuring, which on two cores no longer fits beside an epoch of learning. Each figure is the median of 7 runs
(``--repeats``), taken in rounds: one run of each per round.

By default it trains for the video's 30 epochs (``--epochs``), the run that matters, and not for a couple: the
history's pass over the training set is made once more than there are epochs (epoch 0 is the untrained network),
so with 2 epochs that extra pass weighs fifteen times as much as it does in real training. At 30 epochs the
whole benchmark takes a little over a minute without PyTorch, most of it the per-example loop.
Run: ``make bench`` or ``.venv/bin/python benchmarks/train_throughput.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.recording import record  # noqa: E402
from nnlib import Network, load_mnist, train  # noqa: E402
from nnlib.errors import DataNotFoundError  # noqa: E402
from nnlib.recipe import VIDEO_RECIPE  # noqa: E402
from nnlib.training import descend_one_epoch  # noqa: E402


def nielsen_sigmoid(z: np.ndarray) -> np.ndarray:
    """The sigmoid as the book writes it."""
    return 1.0 / (1.0 + np.exp(-z))


def nielsen_sigmoid_prime(z: np.ndarray) -> np.ndarray:
    return nielsen_sigmoid(z) * (1 - nielsen_sigmoid(z))


def nielsen_backprop(weights: list, biases: list, x: np.ndarray, y: np.ndarray) -> tuple[list, list]:
    """Backprop for ONE example, column vectors throughout, as in network.py (with the video's cost, no 1/2)."""
    nabla_b = [np.zeros(b.shape) for b in biases]
    nabla_w = [np.zeros(w.shape) for w in weights]
    activation, activations, zs = x, [x], []
    for b, w in zip(biases, weights):
        z = np.dot(w, activation) + b
        zs.append(z)
        activation = nielsen_sigmoid(z)
        activations.append(activation)
    delta = 2 * (activations[-1] - y) * nielsen_sigmoid_prime(zs[-1])
    nabla_b[-1] = delta
    nabla_w[-1] = np.dot(delta, activations[-2].transpose())
    for l in range(2, len(weights) + 1):
        delta = np.dot(weights[-l + 1].transpose(), delta) * nielsen_sigmoid_prime(zs[-l])
        nabla_b[-l] = delta
        nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
    return nabla_b, nabla_w


def per_example_epoch(weights: list, biases: list, data: list, batch_size: int, lr: float,
                      rng: np.random.Generator) -> tuple[list, list]:
    """One epoch of network.py's SGD: shuffle, cut into mini-batches, sum per-example gradients, step."""
    data = [data[i] for i in rng.permutation(len(data))]
    for k in range(0, len(data), batch_size):
        mini_batch = data[k:k + batch_size]
        nabla_b = [np.zeros(b.shape) for b in biases]
        nabla_w = [np.zeros(w.shape) for w in weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = nielsen_backprop(weights, biases, x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]
        weights = [w - (lr / len(mini_batch)) * nw for w, nw in zip(weights, nabla_w)]
        biases = [b - (lr / len(mini_batch)) * nb for b, nb in zip(biases, nabla_b)]
    return weights, biases


def torch_epochs(X: np.ndarray, labels: np.ndarray, epochs: int, batch_size: int, lr: float, dtype_name: str) -> float:
    """Seconds for ``epochs`` epochs of the same MLP trained by PyTorch's SGD on the CPU."""
    import torch

    dtype = getattr(torch, dtype_name)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(784, 16), torch.nn.Sigmoid(), torch.nn.Linear(16, 16),
                                torch.nn.Sigmoid(), torch.nn.Linear(16, 10), torch.nn.Sigmoid()).to(dtype)
    optimiser = torch.optim.SGD(model.parameters(), lr=lr)
    inputs = torch.tensor(X, dtype=dtype)
    targets = torch.nn.functional.one_hot(torch.tensor(labels), 10).to(dtype)
    start = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(len(inputs))
        for at in range(0, len(inputs), batch_size):
            idx = order[at:at + batch_size]
            optimiser.zero_grad()
            cost = ((model(inputs[idx]) - targets[idx]) ** 2).sum() / len(idx)
            cost.backward()
            optimiser.step()
    return time.perf_counter() - start


def medians_of_rounds(repeats: int, runs: dict[str, Callable[[], Network]]) -> dict[str, tuple[float, Network]]:
    """Time every run once per round, for ``repeats`` rounds, and give each one's median time and the network its
    last run trained.

    Round by round rather than all of one and then all of the next: on a shared machine the speed drifts over a
    minute or two, and interleaving lets a slow stretch hit every implementation alike instead of one of them."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    trained: dict[str, Network] = {}
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            trained[name] = run()
            times[name].append(time.perf_counter() - start)
    return {name: (float(np.median(times[name])), trained[name]) for name in runs}


def check_same_maths(X: np.ndarray, labels: np.ndarray) -> None:
    """One mini-batch step done both ways must give the same weights: the baseline is the same algorithm."""
    net = Network((784, 16, 16, 10), seed=0)
    batch = list(range(10))
    data = [(X[i].reshape(-1, 1), np.eye(10)[labels[i]].reshape(-1, 1)) for i in batch]
    weights, _ = per_example_epoch(net.weights, [b.reshape(-1, 1) for b in net.biases], data, 10, 3.0,
                                   np.random.default_rng(0))
    steps_w, _ = net.backprop(X[batch], np.eye(10)[labels[batch]], scale=3.0)
    assert all(np.allclose(w - s, w2) for w, s, w2 in zip(net.weights, steps_w, weights)), "baseline differs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=VIDEO_RECIPE.epochs)
    parser.add_argument("--repeats", type=int, default=7,
                        help="report the median of this many runs of each (7: on a shared machine whose speed drifts "
                             "by half within minutes, 5 rounds sometimes put a row's median in a slow stretch)")
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--learning-rate", type=float, default=3.0)
    parser.add_argument("--record", type=Path, help="also write the figures as JSON here (for update_readme.py)")
    args = parser.parse_args()
    try:
        data = load_mnist()
        X, labels, where = data.train_images, data.train_labels, data.describe()
        scored_on, score_X, score_labels = "test images", data.test_images, data.test_labels
    except DataNotFoundError:
        rng = np.random.default_rng(0)
        X, labels, where = rng.random((5000, 784)), rng.integers(0, 10, 5000), "random data (MNIST not found)"
        scored_on, score_X, score_labels = "training data itself", X, labels
    check_same_maths(X, labels)
    n = len(X) * args.epochs
    print(f"784-16-16-10 sigmoid, batch size {args.batch_size}, {args.epochs} epochs of {len(X)} examples, "
          f"median of {args.repeats} runs ({where})")

    def run_nnlib() -> Network:
        net = Network((784, 16, 16, 10), seed=0)
        train(net, X, labels, epochs=args.epochs, batch_size=args.batch_size, learning_rate=args.learning_rate,
              progress=False)
        return net

    def run_nnlib_measuring_test_set() -> Network:
        net = Network((784, 16, 16, 10), seed=0)
        train(net, X, labels, epochs=args.epochs, batch_size=args.batch_size, learning_rate=args.learning_rate,
              test_images=score_X, test_labels=score_labels, progress=False)
        return net

    def run_steps_only() -> Network:
        net, rng, targets = Network((784, 16, 16, 10), seed=0), np.random.default_rng(0), np.eye(10)[labels]
        for _ in range(args.epochs):
            descend_one_epoch(net, X, targets, rng.permutation(len(X)), args.batch_size, args.learning_rate)
        return net

    def run_teaching_steps() -> Network:
        net, rng, targets = Network((784, 16, 16, 10), seed=0), np.random.default_rng(0), np.eye(10)[labels]
        for _ in range(args.epochs):
            order = rng.permutation(len(X))
            for at in range(0, len(X), args.batch_size):
                batch = order[at:at + args.batch_size]
                net.sgd_step(X[batch], targets[batch], args.learning_rate)
        return net

    def run_per_example() -> Network:
        net = Network((784, 16, 16, 10), seed=0)
        weights, biases = net.weights, [b.reshape(-1, 1) for b in net.biases]
        book_data = [(x.reshape(-1, 1), np.eye(10)[label].reshape(-1, 1)) for x, label in zip(X, labels)]
        rng = np.random.default_rng(0)
        for _ in range(args.epochs):
            weights, biases = per_example_epoch(weights, biases, book_data, args.batch_size, args.learning_rate, rng)
        return Network(net.sizes, weights=weights, biases=[b.ravel() for b in biases])

    timed = list(medians_of_rounds(args.repeats, {
        "nnlib train() (mini-batch matrices)": run_nnlib,
        "  its records with the test set too": run_nnlib_measuring_test_set,
        "  its steps alone (no history)": run_steps_only,
        "  Network.sgd_step per mini-batch": run_teaching_steps,
        "per-example loop (Nielsen-style)": run_per_example}).items())
    trained = [net.parameters_vector() for _, (_, net) in timed[:4]]
    assert all(np.array_equal(trained[0], other) for other in trained[1:]), "nnlib's four ways differ"
    rows: list[tuple[str, float, float | None]] = [
        (name, seconds, net.accuracy(score_X, score_labels)) for name, (seconds, net) in timed]
    try:
        import torch

        for dtype in ("float64", "float32"):
            seconds = float(np.median([torch_epochs(X, labels, args.epochs, args.batch_size, args.learning_rate,
                                                    dtype) for _ in range(args.repeats)]))
            rows.append((f"PyTorch {torch.__version__} CPU {dtype}", seconds, None))
    except ImportError:
        print("PyTorch not installed: skipping (b). Install it with: pip install torch==2.13.0")

    base = rows[0][1]
    print(f"\n{'implementation':<36} {'seconds':>8} {'examples/s':>11} {'time / nnlib':>13} {'accuracy':>9}")
    for name, seconds, accuracy in rows:
        shown = "-" if accuracy is None else f"{accuracy:.2%}"
        print(f"{name:<36} {seconds:8.2f} {n / seconds:11.0f} {seconds / base:12.2f}x {shown:>9}")
    print(f"(accuracy on the {scored_on}; nnlib's four rows end with bit-for-bit the same weights; PyTorch starts "
          f"from its own random weights)")
    record("training", {"epochs": args.epochs, "examples": len(X), "repeats": args.repeats, "data": where,
                        "scored_on": scored_on,
                        "rows": [{"name": name.strip(), "seconds": seconds, "examples_per_second": n / seconds,
                                  "accuracy": accuracy} for name, seconds, accuracy in rows]}, args.record)


if __name__ == "__main__":
    main()
