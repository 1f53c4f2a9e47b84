"""What the tweaks cost and what they buy: the video's recipe against tweaked ones, trained in the same run.

Every recipe trains the 784-16-16-10 sigmoid network from the same seed on the same training digits and is scored
on the MNIST test set (when it is there; otherwise on the training digits, which says little about unseen ones).
The table prints each recipe's test accuracy, its seconds (making the augmented copies included) and its time as a
ratio to the video's recipe. Run: ``.venv/bin/python benchmarks/tweaked_recipe.py [--epochs 30] [--seed 0]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.recording import record  # noqa: E402
from nnlib import Network, load_mnist, train  # noqa: E402
from nnlib.augment import ELASTIC_STRENGTH, augment  # noqa: E402
from nnlib.errors import DataNotFoundError  # noqa: E402

#: name -> (cost, learning rate, weight decay lambda, augmented copies, elastic strength)
RECIPES = {
    "video: quadratic, eta 3": ("quadratic", 3.0, 0.0, 0, 0.0),
    "cross-entropy, eta 1": ("cross-entropy", 1.0, 0.0, 0, 0.0),
    "cross-entropy + weight decay 5": ("cross-entropy", 1.0, 5.0, 0, 0.0),
    "cross-entropy + 2 jittered copies": ("cross-entropy", 1.0, 0.0, 2, 0.0),
    "all: decay 5, 2 jittered + bent copies": ("cross-entropy", 1.0, 5.0, 2, ELASTIC_STRENGTH),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--record", type=Path, help="also write the figures as JSON here (for update_readme.py)")
    args = parser.parse_args()
    try:
        data = load_mnist()
    except DataNotFoundError as err:
        raise SystemExit(f"error: {err}")
    X, labels = data.train_images, data.train_labels
    test_X, test_labels, scored_on = data.test_images, data.test_labels, f"{len(data.test_labels)} test images"
    print(f"784-16-16-10 sigmoid, {args.epochs} epochs, batch 10, seed {args.seed}, {len(labels)} training digits; "
          f"accuracy on {scored_on}")
    rows = []
    for name, (cost, eta, decay, copies, bend) in RECIPES.items():
        start = time.perf_counter()
        images, targets = X, labels
        if copies:
            images = np.concatenate([X, augment(X, copies=copies, seed=args.seed + 1000, elastic_strength=bend)])
            targets = np.concatenate([labels] * (copies + 1))
        net = Network((784, 16, 16, 10), seed=args.seed)
        train(net, images, targets, epochs=args.epochs, learning_rate=eta, cost=cost, weight_decay=decay,
              seed=args.seed, progress=False)
        rows.append((name, net.accuracy(test_X, test_labels), time.perf_counter() - start))
        print(f"  {name}: done", flush=True)
    base = rows[0][2]
    print(f"\n{'recipe':<40} {'accuracy':>9} {'seconds':>8} {'time / video':>13}")
    for name, accuracy, seconds in rows:
        print(f"{name:<40} {accuracy:9.2%} {seconds:8.1f} {seconds / base:12.2f}x")
    record("tweaks", {"epochs": args.epochs, "seed": args.seed, "scored_on": scored_on,
                      "recipes": [{"name": n, "accuracy": a, "seconds": s} for n, a, s in rows]}, args.record)


if __name__ == "__main__":
    main()
