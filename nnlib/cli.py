"""nnlib's command-line commands: ``train``, ``evaluate``, ``download``.

They are registered on the project's ``explainer`` command (see ``scenes/cli.py``) and also run on their own as
``python -m nnlib``. Every user error ends as one line on stderr and exit status 2 -- never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .atomic import atomic_write, check_writable
from .augment import ELASTIC_STRENGTH, augment
from .errors import NNLibError, describe_failure
from .memory import check_forward_fits, check_training_fits
from .mnist import load_mnist
from .network import Network
from .storage import load_network, save_network
from .training import check_learning_rate, default_learning_rate, history_arrays, near_chance, train
from .recipe import VIDEO_RECIPE


def parse_int_list(text: str) -> list[int]:
    """'784,16,16,10' -> [784, 16, 16, 10] (argparse type)."""
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, got {text!r}") from None


def whole_number(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, or one line saying what was expected."""
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what} from {low} to {high}, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {what} from {low} to {high}, got {value}")
        return value
    return parse


def cmd_train(args: argparse.Namespace) -> int:
    for target in filter(None, (args.out, args.history)):
        check_writable(target)
    if args.history and Path(args.history).resolve() == Path(args.out).resolve():
        raise NNLibError(f"--history and --out both name {args.out}: the history would overwrite the network")
    if args.learning_rate is None:  # the step size that suits the activation (ReLU's is far smaller)
        args.learning_rate = default_learning_rate(args.activation)
    check_training_arguments(args)
    check_learning_rate(args.activation, args.learning_rate)
    cannot_draw = getattr(args, "scenes_cannot_draw", None)  # set by the explainer command, which has the scenes
    if callable(cannot_draw) and cannot_draw(args.sizes):
        print(f"note: {cannot_draw(args.sizes)}; `explainer evaluate` and `explainer inspect` take any network",
              file=sys.stderr)
    data = training_data(args.mnist)
    examples = len(data.train_labels) * (args.augment + 1)  # refused now if it cannot fit, before any allocation
    check_training_fits(args.sizes, examples, max(examples, len(data.test_labels)), args.batch_size)
    net = Network(args.sizes, hidden_activation=args.activation, seed=args.seed)
    images, labels = data.train_images, data.train_labels
    if args.augment:
        print(f"Making {args.augment} jittered{' and elastically bent' if args.elastic else ''} "
              f"copies of each training digit", file=sys.stderr)
        extra = augment(images, copies=args.augment, seed=args.seed + 1000,
                        elastic_strength=ELASTIC_STRENGTH if args.elastic else 0.0)
        images, labels = np.concatenate([images, extra]), np.concatenate([labels] * (args.augment + 1))
    print(f"Training {net} on {data.describe()}" + (f", {len(labels)} with the copies" if args.augment else ""),
          file=sys.stderr)
    start = time.perf_counter()
    history = train(net, images, labels, epochs=args.epochs, batch_size=args.batch_size,
                    learning_rate=args.learning_rate, cost=args.cost, weight_decay=args.weight_decay, seed=args.seed,
                    test_images=data.test_images, test_labels=data.test_labels,
                    shuffle_labels=args.shuffle_labels, checkpoint_epochs=args.checkpoints or ())
    seconds = time.perf_counter() - start
    final = history.final
    metadata = {
        "cost": args.cost, "seed": args.seed,
        "training": {"epochs": args.epochs, "batch_size": args.batch_size, "learning_rate": args.learning_rate,
                     "shuffle_labels": args.shuffle_labels, "weight_decay": args.weight_decay,
                     "augmented_copies": args.augment, "elastic": bool(args.elastic), "seconds": round(seconds, 2)},
        "data": {"source": data.source, "train_images": int(len(data.train_labels)),
                 "test_images": int(len(data.test_labels))},
        "test_accuracy": final.test_accuracy, "test_correct": final.test_correct, "test_cost": final.test_cost,
        "train_accuracy": final.train_accuracy, "train_cost": final.train_cost,
        "command": "explainer " + " ".join(args.argv),
    }
    save_network(net, args.out, metadata)
    if args.history:
        with atomic_write(Path(args.history)) as handle:
            np.savez_compressed(handle, metadata=np.asarray(json.dumps(metadata)), **history_arrays(history))
    print(f"test accuracy {final.test_accuracy:.2%} ({final.test_correct}/{len(data.test_labels)}), "
          f"test cost {final.test_cost:.4f}, {seconds:.1f} s; saved {args.out}")
    if args.epochs and near_chance(final.test_accuracy) and not args.shuffle_labels:
        usual = default_learning_rate(args.activation)
        advice = (f"a smaller --learning-rate than {args.learning_rate:g}" if args.learning_rate > usual else
                  f"a larger --learning-rate than {args.learning_rate:g}" if args.learning_rate < usual else
                  "another --seed")
        print(f"warning: {final.test_accuracy:.1%} is about chance (10% for ten digits): the network learned "
              f"nothing; try {advice} (the usual for {args.activation} is {usual:g}) or more epochs",
              file=sys.stderr)
    return 0


def training_data(folder: str | None):
    """MNIST from ``folder`` ($MNIST_DIR or the download cache if None); with none anywhere, the shipped sample of
    training digits (eight of each digit to learn from, two to test on), saying so. A folder given that holds no
    MNIST is an error, not a reason to fall back."""
    from .assets import load_sample
    from .errors import DataNotFoundError
    from .mnist import MNIST

    try:
        return load_mnist(folder)
    except DataNotFoundError:
        if folder is not None:
            raise
    sample = load_sample()
    test = np.zeros(len(sample.labels), dtype=bool)
    for digit in range(10):
        test[np.flatnonzero(sample.labels == digit)[-2:]] = True  # the last two of each digit are the test set
    print(f"MNIST not found, so training on the shipped sample instead ({len(sample.labels)} digits: "
          f"{int((~test).sum())} to learn from, {int(test.sum())} to test on), a toy network; for the real one "
          "run `explainer download` (needs internet) or set MNIST_DIR", file=sys.stderr)
    return MNIST(sample.images[~test], sample.labels[~test], sample.images[test], sample.labels[test],
                 "the shipped sample (assets/sample_digits.npz)")


def check_training_arguments(args: argparse.Namespace) -> None:
    """Refuse, before any data is loaded, settings that cannot give a usable network."""
    sizes = args.sizes
    if len(sizes) < 2 or min(sizes) < 1 or max(sizes) > 100_000:
        raise NNLibError(f"--sizes needs at least two layer sizes from 1 to 100000, got {','.join(map(str, sizes))}")
    if sizes[0] != 784 or sizes[-1] != 10:
        raise NNLibError(f"--sizes must start with 784 (a 28x28 image) and end with 10 (one output per digit), "
                         f"got {','.join(map(str, sizes))}")
    if not 0 <= args.epochs <= 10_000:
        raise NNLibError(f"--epochs must be from 0 to 10000, got {args.epochs}")
    if not 1 <= args.batch_size <= 100_000:
        raise NNLibError(f"--batch-size must be from 1 to 100000, got {args.batch_size}")
    if not 0 < args.learning_rate < float("inf"):
        raise NNLibError(f"--learning-rate must be a positive finite number, got {args.learning_rate}")
    if not 0 <= args.weight_decay < float("inf"):
        raise NNLibError(f"--weight-decay must be a finite number >= 0, got {args.weight_decay}")
    if not 0 <= args.augment <= 20:
        raise NNLibError(f"--augment must be from 0 to 20 copies, got {args.augment}")
    if args.elastic and not args.augment:
        raise NNLibError("--elastic bends the augmented copies; give --augment COPIES too")
    if not 0 <= args.seed < 2**32:
        raise NNLibError(f"--seed must be from 0 to 4294967295, got {args.seed}")


def cmd_evaluate(args: argparse.Namespace) -> int:
    net = load_network(args.weights)
    data = load_mnist(args.mnist)
    if net.sizes[0] != data.test_images.shape[1] or net.sizes[-1] != 10:
        raise NNLibError(f"{args.weights}: a {'-'.join(map(str, net.sizes))} network cannot be evaluated on MNIST: "
                         "it needs 784 inputs (28x28 pixels) and 10 outputs (one per digit)")
    check_forward_fits(net.sizes, len(data.test_labels),
                       f"evaluating {args.weights} on {len(data.test_labels):,} images")
    predictions = net.predict(data.test_images)
    correct = predictions == data.test_labels
    print(f"{args.weights}: {net}")
    print(f"test accuracy {correct.mean():.2%} ({correct.sum()}/{len(correct)}), "
          f"test cost {net.cost(data.test_images, data.test_labels):.4f}")
    for digit in range(10):
        mask = data.test_labels == digit
        print(f"  digit {digit}: {correct[mask].mean():.1%} of {mask.sum()}")
    return 0


def cmd_download(args: argparse.Namespace) -> int:
    from .download import download_mnist

    folder = download_mnist(args.dir)
    print(f"MNIST is in {folder}")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from .assets import make_sample, save_sample

    check_writable(args.out)
    data = load_mnist(args.mnist)
    sample = make_sample(data.train_images, data.train_labels, args.per_class, args.seed,
                         source=f"MNIST training set ({len(data.train_labels)} images), seed {args.seed}")
    save_sample(sample, args.out)
    print(f"saved {len(sample.labels)} training digits to {args.out}")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register train, evaluate and download on a subparsers object."""
    p = sub.add_parser("train", help="train a network on MNIST and save it as .npz")
    p.add_argument("--out", "-o", default="network.npz", help="where to save the trained network (default %(default)s)")
    p.add_argument("--sizes", type=parse_int_list, default=list(VIDEO_RECIPE.sizes), help="layer sizes (default 784,16,16,10)")
    p.add_argument("--activation", choices=["sigmoid", "relu"], default="sigmoid", help="hidden-layer activation")
    p.add_argument("--cost", choices=["quadratic", "cross-entropy"], default="quadratic")
    p.add_argument("--epochs", type=int, default=VIDEO_RECIPE.epochs)
    p.add_argument("--batch-size", type=int, default=VIDEO_RECIPE.batch_size)
    p.add_argument("--learning-rate", "--lr", type=float, default=None,
                   help=f"the step size (default {VIDEO_RECIPE.learning_rate:g} for sigmoid as in the video, "
                        f"{default_learning_rate('relu'):g} for relu)")
    p.add_argument("--seed", type=int, default=VIDEO_RECIPE.seed,
                   help="seed for the initial weights, the shuffling and the copies")
    p.add_argument("--shuffle-labels", action="store_true", help="train on randomly relabelled images (memorisation)")
    p.add_argument("--weight-decay", type=float, default=0.0, metavar="LAMBDA",
                   help="L2 regularisation: adds LAMBDA/(2n) x the sum of squared weights to the cost (default 0; "
                        "try 5 with --cost cross-entropy)")
    p.add_argument("--augment", type=int, default=0, metavar="COPIES",
                   help="also train on COPIES randomly shifted and rotated copies of each training digit (default 0)")
    p.add_argument("--elastic", action="store_true", help="bend the augmented copies with an elastic distortion too")
    p.add_argument("--checkpoints", type=parse_int_list, help="epochs at which to keep the parameters, e.g. 0,1,5,30")
    p.add_argument("--history", help="also save the per-epoch history (and checkpoints) to this .npz")
    p.add_argument("--mnist", help="MNIST folder (default: $MNIST_DIR, then the download cache)")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="accuracy and cost of a saved network on the MNIST test set")
    p.add_argument("weights")
    p.add_argument("--mnist", help="MNIST folder (default: $MNIST_DIR, then the download cache)")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("sample", help="save a few training digits per class (the scenes' offline sample)")
    p.add_argument("--out", "-o", default="sample_digits.npz")
    p.add_argument("--per-class", type=whole_number(1, 10_000, "a number of digits per class"), default=10)
    p.add_argument("--seed", type=whole_number(0, 2**32 - 1, "a seed"), default=0)
    p.add_argument("--mnist", help="MNIST folder (default: $MNIST_DIR, then the download cache)")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("download", help="download the canonical MNIST files (checked by SHA-256) into the cache")
    p.add_argument("--dir", help="target folder (default: the per-user cache)")
    p.set_defaults(func=cmd_download)


def run(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    """Parse ``argv`` and run the chosen command, turning user errors into one line and exit status 2."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    args.argv = argv
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except NNLibError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except (OSError, MemoryError) as err:  # the machine refused (unwritable, full, out of memory): one line too
        print(f"error: {describe_failure(err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m nnlib``."""
    parser = argparse.ArgumentParser(prog="python -m nnlib", description="Train, evaluate and download for nnlib.")
    add_commands(parser.add_subparsers(title="commands"))
    return run(parser, argv)
