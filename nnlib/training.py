"""Learning: mini-batch stochastic gradient descent.

Each epoch shuffles the training examples (with a seeded generator, so a run can be repeated exactly), cuts them
into mini-batches, and for each batch moves every weight and bias a small step downhill:

    w  <-  w - learning_rate * dC/dw        (C = the batch's average cost)

After each epoch the network is measured on the training and test sets and the numbers go into a
:class:`TrainingHistory` -- the curves the chapter 2 scenes draw. Optional checkpoints keep a copy of all parameters
at chosen epochs, so a scene can show the weights changing while the network learns.

``weight_decay`` (lambda, 0 by default as in the videos) adds L2 regularisation: the cost being minimised becomes
C0 + lambda / (2 n) * (sum of all squared weights), n the number of training examples. Its gradient adds
lambda / n * w to each weight's, so every step first shrinks each weight by the fraction learning_rate * lambda / n.
Large weights must then earn their size by lowering C0, which tends to help on unseen digits. The history
records C0, the cost the videos talk about, not the penalty.

``shuffle_labels=True`` replaces the training labels by a fixed random relabelling before training: the network can
then only memorise, never generalise -- the experiment described at the end of chapter 2.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits
from tqdm import tqdm

from .activations import get_activation, sigmoid
from .costs import get_cost, one_hot
from .errors import NNLibError
from .network import Network
from .recipe import VIDEO_RECIPE


@dataclass
class EpochRecord:
    """What one epoch achieved. Epoch 0 is the untrained network."""

    epoch: int
    train_cost: float
    train_accuracy: float
    test_cost: float | None
    test_accuracy: float | None
    test_correct: int | None
    seconds: float


@dataclass
class TrainingHistory:
    """Per-epoch records plus the checkpoints (epoch -> flat parameter vector) asked for."""

    records: list[EpochRecord] = field(default_factory=list)
    checkpoints: dict[int, np.ndarray] = field(default_factory=dict)

    def column(self, name: str) -> np.ndarray:
        """One column of the records as an array, e.g. ``history.column("test_accuracy")``."""
        return np.array([getattr(r, name) for r in self.records], dtype=float)

    @property
    def final(self) -> EpochRecord:
        """The last epoch's record."""
        return self.records[-1]


def measure(net: Network, X: np.ndarray, labels: np.ndarray, cost: str) -> tuple[float, float, int]:
    """(average cost, accuracy, number correct) of ``net`` on a data set, in one forward pass."""
    out = net.output(X)
    correct = int(np.sum(np.argmax(out, axis=1) == labels))
    return get_cost(cost).value(out, one_hot(labels, net.sizes[-1])), correct / len(labels), correct


def descend_one_epoch(net: Network, X: np.ndarray, Y: np.ndarray, order: np.ndarray, batch_size: int,
                      learning_rate: float, cost: str = "quadratic", shrink: float = 0.0) -> None:
    """One epoch of mini-batch steps, in place: the examples in ``order``, ``batch_size`` at a time.

    This does exactly what calling :meth:`Network.sgd_step` on each mini-batch does -- the same operations on the
    same operands in the same order, so the weights come out identical to the last bit (a test checks it). Read
    :meth:`Network.backprop` for the idea; this is the same loop, written for speed. Why it needs writing: with
    mini-batches of 10, a step of the video's network is about thirty NumPy calls, and apart from the two products
    with the 784-wide first layer (and fetching ten images from memory) each call spends more time in Python and
    NumPy bookkeeping (about a microsecond) than in arithmetic. So the time goes to the number of calls, and:

    * everything that stays the same from step to step is worked out once per epoch: the activation and cost
      functions, each layer's transposed weights (a view, so it follows the weights as they change), the order in
      which the backward pass visits the layers;
    * for the epoch, all weights and biases live in ONE flat vector (weights first), and each step's products
      and sums are written (``out=``) straight into a matching flat vector of steps -- so moving every parameter
      is one subtraction instead of one per array, and weight decay one multiplication. Elementwise, that is the
      very same ``w - step`` as before. The vector is copied back into ``net``'s arrays at the end;
    * ``X.take(batch, 0)`` picks the batch's rows (same rows as ``X[batch]``, less overhead), and products and
      scalings are done in place (``*=``) where the teaching code makes a new array -- same numbers;
    * products are ``np.dot`` where the teaching code writes ``@``: for two matrices both hand the work to the same
      BLAS routine, but ``np.dot`` gets there with less of NumPy's general machinery (about half a microsecond
      less per call, which over eight products a step is some 4% of the epoch).

    What it does not do, though each would be faster: fold the quadratic cost's 2/n and the learning rate into one
    multiplication, or compute in float32. Both change how every number is rounded, and so the weights.
    """
    weights, biases = net.weights, net.biases
    hidden = get_activation(net.hidden_activation)
    squish, squish_slope = hidden.f, hidden.df_from_output
    output_delta = get_cost(cost).delta
    last = len(weights) - 1
    params = np.concatenate([w.ravel() for w in weights] + [b.ravel() for b in biases])
    steps = np.empty_like(params)
    param_w, param_b = _layer_views(params, weights, biases)
    step_w, step_b = _layer_views(steps, weights, biases)
    all_weights = params[:sum(w.size for w in weights)]  # the part weight decay shrinks (not the biases)
    forward = [(w.T, b, sigmoid if l == last else squish) for l, (w, b) in enumerate(zip(param_w, param_b))]
    backward = [(l, param_w[l], step_w[l], step_b[l]) for l in range(last, -1, -1)]
    take_rows, take_targets, product, column_sums = X.take, Y.take, np.dot, np.add.reduce
    scaled, keep = learning_rate != 1.0, 1.0 - shrink
    for at in range(0, len(order), batch_size):
        batch = order[at:at + batch_size]
        a = take_rows(batch, 0)
        activations = [a]
        for w_t, b, f in forward:  # forward: a <- f(a W^T + b), the output layer always a sigmoid
            z = product(a, w_t)
            z += b
            a = f(z)
            activations.append(a)
        delta = output_delta(z, a, take_targets(batch, 0))
        if scaled:
            delta *= learning_rate
        for l, w, into_w, into_b in backward:  # backward: each layer's step, then its delta for the layer before
            product(delta.T, activations[l], into_w)
            column_sums(delta, 0, out=into_b)
            if l > 0:
                delta = product(delta, w)  # w as it was before this step: no parameter has moved yet
                delta *= squish_slope(activations[l])
        if shrink:
            all_weights *= keep
        params -= steps
    for w, b, new_w, new_b in zip(weights, biases, param_w, param_b):
        w[...] = new_w
        b[...] = new_b


def _layer_views(flat: np.ndarray, weights: list[np.ndarray],
                 biases: list[np.ndarray]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Views of ``flat`` shaped like ``weights`` and ``biases``: all the weights first, then all the biases."""
    views, at = [], 0
    for array in weights + biases:
        views.append(flat[at:at + array.size].reshape(array.shape))
        at += array.size
    return views[:len(weights)], views[len(weights):]


def train(
    net: Network,
    train_images: np.ndarray,
    train_labels: np.ndarray,
    *,
    epochs: int = VIDEO_RECIPE.epochs,
    batch_size: int = VIDEO_RECIPE.batch_size,
    learning_rate: float = VIDEO_RECIPE.learning_rate,
    cost: str = VIDEO_RECIPE.cost,
    weight_decay: float = 0.0,
    seed: int = 0,
    test_images: np.ndarray | None = None,
    test_labels: np.ndarray | None = None,
    shuffle_labels: bool = False,
    checkpoint_epochs: Iterable[int] = (),
    progress: bool = True,
    callback: Callable[[Network, EpochRecord], None] | None = None,
) -> TrainingHistory:
    """Train ``net`` in place by mini-batch gradient descent and return its history.

    ``seed`` drives the shuffling (and the relabelling when ``shuffle_labels``), so the same network, data and
    seed always give the same result. ``callback(network, record)`` runs once per epoch, in order, with a copy
    of the network as it was at the end of that epoch (the records are measured while the next epoch learns, so
    by the time a callback runs, ``net`` itself may have moved on).
    """
    get_cost(cost)  # fail early on an unknown cost
    if epochs < 0 or batch_size < 1 or not 0 < learning_rate < float("inf"):
        raise NNLibError(f"need epochs >= 0, batch size >= 1 and a positive, finite learning rate "
                         f"(got {epochs}, {batch_size}, {learning_rate})")
    if not 0 <= weight_decay < float("inf"):
        raise NNLibError(f"weight decay must be a finite number >= 0, got {weight_decay}")
    X = np.asarray(train_images, dtype=np.float64)
    labels = np.asarray(train_labels).astype(np.int64)
    if X.ndim != 2 or X.shape[1] != net.sizes[0] or len(X) != len(labels):
        raise NNLibError(f"training data has shape {X.shape} with {len(labels)} labels; "
                         f"the network takes rows of {net.sizes[0]}")
    rng = np.random.default_rng(seed)
    if shuffle_labels:
        labels = rng.permutation(labels)
    Y = one_hot(labels, net.sizes[-1])
    shrink = learning_rate * weight_decay / len(X) if len(X) else 0.0
    if shrink >= 1:
        raise NNLibError(f"weight decay {weight_decay} with learning rate {learning_rate} on {len(X)} examples "
                         f"would shrink every weight past zero at each step (needs learning rate x decay < {len(X)})")
    has_test = test_images is not None and test_labels is not None
    wanted = set(int(e) for e in checkpoint_epochs)
    history = TrainingHistory()

    def measured(epoch: int, seconds: float, snapshot: Network) -> EpochRecord:
        """The record of one epoch: the network as it was at the end of it, measured (on the helper thread)."""
        train_cost, train_acc, _ = measure(snapshot, X, labels, cost)
        test_cost = test_acc = test_correct = None
        if has_test:
            test_cost, test_acc, test_correct = measure(snapshot, test_images, test_labels, cost)
        return EpochRecord(epoch, train_cost, train_acc, test_cost, test_acc, test_correct, seconds)

    def measure_later(epoch: int, seconds: float) -> tuple[Future, Network]:
        """Hand a copy of the network as it is now to the helper thread to be measured."""
        snapshot = net.copy()
        return measurer.submit(measured, epoch, seconds, snapshot), snapshot

    def keep(record: Future, snapshot: Network) -> None:
        """File a record once it is measured (in epoch order, on this thread) and tell whoever is watching."""
        rec = record.result()
        history.records.append(rec)
        if rec.epoch in wanted:
            history.checkpoints[rec.epoch] = snapshot.parameters_vector()
        if callback is not None:
            callback(snapshot, rec)
        shown = rec.test_accuracy if has_test else rec.train_accuracy
        bar.set_postfix_str(f"epoch {rec.epoch}: {'test' if has_test else 'train'} accuracy {shown:.2%}")

    # Measuring the network after an epoch is a forward pass over the whole training (and test) set: about a
    # fifth of the time an epoch of learning takes for the video's network. It only reads a copy of the weights,
    # so a helper thread does it while the next epoch learns (NumPy lets go of Python's lock inside its big
    # products, so the two really run at once on two cores). The records still come out in epoch order, and they
    # are the same numbers as measuring in between epochs. See _blas_threads_beside_learning for why the helper's
    # products get one core fewer than the machine has.
    with (tqdm(total=epochs, desc="training", unit="epoch", disable=not progress) as bar,
          threadpool_limits(limits=_blas_threads_beside_learning(), user_api="blas"),
          ThreadPoolExecutor(max_workers=1, thread_name_prefix="nnlib-measure") as measurer):
        pending = measure_later(0, 0.0)
        for epoch in range(1, epochs + 1):
            start = time.perf_counter()
            descend_one_epoch(net, X, Y, rng.permutation(len(X)), batch_size, learning_rate, cost, shrink)
            if not np.isfinite(net.parameters_vector()).all():
                raise NNLibError(f"training diverged in epoch {epoch}: weights became infinite or NaN (learning "
                                 f"rate {learning_rate} is too large); nothing was saved")
            finished, pending = pending, measure_later(epoch, time.perf_counter() - start)
            bar.update()
            keep(*finished)
        keep(*pending)  # the last epoch's record, shown before the bar closes
    return history


def _blas_threads_beside_learning() -> int:
    """How many threads the BLAS library may use while ``train`` runs: every core this process may use but one,
    and never more than it was set to use already (by ``OPENBLAS_NUM_THREADS``, say).

    The learning itself is one thread doing small products (ten images at a time), which BLAS runs on the calling
    thread alone. The helper's products are big (all training images at once), and BLAS would spread each of them
    over every core, the learning's one included, where its worker threads also spin while they wait for the next
    product. On two cores (30 epochs of the video's network, about 0.8 s of learning) that added 0.3 s when
    measuring the training set and 0.6 s with the test set too. With the learning on a core of its own, measuring
    the training set adds about a tenth; measuring the test set as well takes longer than an epoch on the other
    core, and about a quarter of the time shows (``benchmarks/train_throughput.py`` prints both). The limit holds
    only while ``train`` runs (threadpoolctl restores the old one).
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    now = min((pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"), default=cores)
    return max(1, min(now, cores - 1))


def history_arrays(history: TrainingHistory) -> dict[str, np.ndarray]:
    """The history as named arrays, ready for ``np.savez`` (NaN where there was no test set)."""
    names = ["epoch", "train_cost", "train_accuracy", "test_cost", "test_accuracy", "test_correct", "seconds"]
    out = {name: np.array([np.nan if getattr(r, name) is None else getattr(r, name) for r in history.records],
                          dtype=np.float64) for name in names}
    if history.checkpoints:
        epochs = sorted(history.checkpoints)
        out["checkpoint_epochs"] = np.array(epochs, dtype=np.int64)
        out["checkpoints"] = np.stack([history.checkpoints[e] for e in epochs])
    return out


# ------------------------------------------------------------------------------------- choosing a step size

#: The step size ``explainer train`` uses for ReLU networks when none is given. Measured on MNIST (3 epochs, batches
#: of 10, seed 0): 0.1 learned every network tried (784-32-10, 784-16-16-10, 784-100-10, 784-64-64-64-10; both
#: costs; 86-92% test accuracy), while the sigmoid's 3.0 left every one of them at chance.
RELU_LEARNING_RATE = 0.1
#: ReLU step sizes from here up are refused: in the same measurements every ReLU network at 2.0 or 3.0 ended at
#: chance (a ReLU's slope is 1 wherever it is on, not at most 1/4 as the sigmoid's, so big steps overshoot and
#: leave the neurons dead).
RELU_LARGEST_LEARNING_RATE = 2.0


def default_learning_rate(hidden_activation: str) -> float:
    """The step size that suits ``hidden_activation``: the videos' 3.0 for the sigmoid, 0.1 for ReLU."""
    return RELU_LEARNING_RATE if get_activation(hidden_activation).name == "relu" else VIDEO_RECIPE.learning_rate


def check_learning_rate(hidden_activation: str, learning_rate: float) -> None:
    """Refuse a step size that cannot train a network of ``hidden_activation`` (one line saying what works)."""
    if get_activation(hidden_activation).name == "relu" and learning_rate >= RELU_LARGEST_LEARNING_RATE:
        raise NNLibError(f"--learning-rate {learning_rate:g} is too large for ReLU: every ReLU network measured at "
                         f"{RELU_LARGEST_LEARNING_RATE:g} or more ended at chance (10%); leave it out to use "
                         f"{RELU_LEARNING_RATE:g}, or give less than {RELU_LARGEST_LEARNING_RATE:g}")


def near_chance(accuracy: float | None, classes: int = 10, margin: float = 0.1) -> bool:
    """True when ``accuracy`` is within ``margin`` of guessing (1/``classes``): the network learned nothing."""
    return accuracy is not None and accuracy < 1.0 / classes + margin
