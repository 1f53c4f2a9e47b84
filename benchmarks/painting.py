"""What painting one frame costs with the project's camera savings, against manim's own camera, in one process.

The frames are typical of the explainer at 1080p: the video's network drawn as a diagram with the input layer lit
by a digit (some 600 neurons and edge bundles), the digit beside it as a picture and as a sheet of 784 neurons, and
a heading. Each camera paints the frame ``--repeats`` times, the two taking turns (so a slow stretch of a shared
machine hits both alike), and the benchmark prints the median milliseconds per frame and their ratio. Both cameras
must paint the same pixels (checked), so the ratio is what :mod:`scenes.content.painting` saves on every frame a
scene paints.

Run: ``.venv/bin/python benchmarks/painting.py`` (about half a minute).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.recording import record  # noqa: E402
from manim import LEFT, RIGHT, UP, Camera, tempconfig  # noqa: E402

from nnlib import Network  # noqa: E402
from nnlib.assets import load_sample  # noqa: E402
from scenes.content.components import NetworkDiagram, PixelGrid, label  # noqa: E402
from scenes.content.painting import paint_for_less  # noqa: E402


def typical_frame() -> list:
    """The mobjects of a busy chapter 1 frame."""
    image = load_sample().first(3)
    net = Network((784, 16, 16, 10), seed=0)
    diagram = NetworkDiagram(net, height=6.0).shift(1.5 * RIGHT)
    diagram.set_activations([a[0] for a in net.forward(image[None, :])])
    grid = PixelGrid(image, height=3.0).to_edge(LEFT)
    sheet = grid.to_neuron_sheet().shift(3.5 * UP + 2.5 * LEFT).scale(0.5)
    return [label("A heading over a busy frame").to_edge(UP), diagram, grid, sheet]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--record", type=Path, help="also write the figures as JSON here (for update_readme.py)")
    args = parser.parse_args()
    with tempconfig({"pixel_width": 1920, "pixel_height": 1080, "verbosity": "WARNING"}):
        mobjects = typical_frame()
        manims, ours = Camera(), Camera()
        paint_for_less(ours)
        times: dict[str, list[float]] = {"manim's camera": [], "with the savings": []}
        for _ in range(args.repeats):
            for name, camera in (("manim's camera", manims), ("with the savings", ours)):
                camera.reset()
                start = time.process_time()
                camera.capture_mobjects(mobjects)
                times[name].append(time.process_time() - start)
        assert np.array_equal(manims.pixel_array, ours.pixel_array), "the two cameras painted different pixels"
    medians = {name: float(np.median(spent)) for name, spent in times.items()}
    base = medians["manim's camera"]
    count = sum(len(m.family_members_with_points()) for m in mobjects)
    print(f"one 1080p frame of {count} mobjects with points, CPU time, median of {args.repeats} (taking turns):")
    for name, median in medians.items():
        print(f"  {name:18s} {median * 1e3:7.1f} ms   {base / median:5.2f}x as fast as manim's camera")
    record("painting", {"mobjects": count, "repeats": args.repeats,
                        "rows": [{"name": name, "seconds": median} for name, median in medians.items()]}, args.record)


if __name__ == "__main__":
    main()
