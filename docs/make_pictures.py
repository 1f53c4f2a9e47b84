"""Make the README's pictures: one per component (docs/components/NAME.png), each built from real data exactly as
the README's snippet for it says, and the quick start's picture (docs/quickstart.png: four slides' last frames).

    .venv/bin/explainer slides --chapter 1 -q l     # the deck the quick start's picture is taken from
    .venv/bin/python docs/make_pictures.py [SLIDES_DIR]   # SLIDES_DIR: output/480p15/slides/manim-slides

Each component's picture is the last frame of a tiny dry-run render (no video is written), saved with Pillow.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from manim import DOWN, Scene, tempconfig
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nnlib import load_network                                  # noqa: E402
from nnlib.assets import default_weights_path, load_sample       # noqa: E402
from nnlib.evaluation import load_evaluation                     # noqa: E402
from scenes.content import components as c                       # noqa: E402

OUT = ROOT / "docs" / "components"


def examples() -> dict:
    """Component name -> a function building it from the shipped network and sample (the README's snippets)."""
    net, sample = load_network(default_weights_path()), load_sample()
    x = sample.first(3)
    acts = [a[0] for a in net.forward(x[None])]
    return {
        "PixelGrid": lambda: c.PixelGrid(x, height=6),
        "NetworkDiagram": lambda: c.NetworkDiagram(net, height=6.5).set_activations(acts),
        "WeightHeatmap": lambda: c.WeightHeatmap(net.weights[0][5], height=6),
        "HeatmapSheet": lambda: c.HeatmapSheet(net.weights[0], columns=8, height=3.6),
        "SigmoidPlot": lambda: c.SigmoidPlot(x_range=(-8, 8), width=11, height=5),
        "ReluPlot": lambda: c.ReluPlot(x_range=(-4, 4), width=11, height=5),
        "BarChart": lambda: c.BarChart(acts[-1], [str(d) for d in range(10)], max_value=1, width=11, height=5,
                                       fmt="percent", highlight=int(np.argmax(acts[-1]))),
        "NudgeColumn": lambda: c.NudgeColumn(net.flat_gradient(sample.images[:10], sample.labels[:10]),
                                             head=range(12_544, 12_549), tail=range(12_997, 13_002), decimals=3),
        "ConfusionGrid": lambda: c.ConfusionGrid(np.asarray(load_evaluation().confusion), cell_size=0.62),
        "DigitGallery": lambda: c.DigitGallery(sample.images[::10], [str(l) for l in sample.labels[::10]],
                                               columns=5, tile_height=1.9),
    }


def last_frame(build, width: int = 480) -> Image.Image:
    """The picture of one mobject, centred on the default dark background, as Pillow image."""

    class Picture(Scene):
        def construct(self):
            mob = build()
            mob.scale_to_fit_height(6.8)   # as large as the frame allows, whatever size it was built at
            if mob.width > 13.2:
                mob.scale_to_fit_width(13.2)
            self.add(mob.move_to(0.0 * DOWN))

    settings = {"pixel_width": width, "pixel_height": width * 9 // 16, "frame_rate": 5, "dry_run": True,
                "disable_caching": True, "progress_bar": "none", "verbosity": "WARNING",
                "background_color": c.current_theme().background}
    with tempconfig(settings):
        scene = Picture()
        scene.render()
        scene.renderer.update_frame(scene)
        return Image.fromarray(scene.renderer.get_frame()[:, :, :3])


#: The deck slides whose last frames make the quick start's picture: (scene, slide number from 0).
QUICKSTART_SLIDES = (("PixelsAsNeurons", 4), ("FirstLayerHeatmaps", 4), ("SigmoidSquish", 5), ("MatrixNotation", 3))


def quickstart_picture(slides_dir: Path, path: Path) -> None:
    """Four slides' last frames, two by two, from a chapter-1 deck (``explainer slides --chapter 1 -q l`` writes
    ``output/480p15/slides/manim-slides``), each at half size, in a PNG of 256 colours (under 300 KB)."""
    import json

    import av

    tiles = []
    for scene, number in QUICKSTART_SLIDES:
        slide = json.loads((slides_dir / f"{scene}.json").read_text())["slides"][number]
        with av.open(slide["file"]) as container:
            for frame in container.decode(video=0):
                last = frame
        tiles.append(last.to_image())
    width, height = tiles[0].width // 2, tiles[0].height // 2
    sheet = Image.new("RGB", (2 * width, 2 * height))
    for i, tile in enumerate(tiles):
        sheet.paste(tile.resize((width, height), Image.LANCZOS), ((i % 2) * width, (i // 2) * height))
    sheet.quantize(256).save(path, optimize=True)


def main(argv: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in examples().items():
        last_frame(build).save(OUT / f"{name}.png", optimize=True)
        print(f"wrote {OUT / name}.png")
    slides = Path(argv[0]) if argv else ROOT / "output" / "480p15" / "slides" / "manim-slides"
    if (slides / "PixelsAsNeurons.json").is_file():
        quickstart_picture(slides, ROOT / "docs" / "quickstart.png")
        print(f"wrote {ROOT / 'docs' / 'quickstart.png'}")
    else:
        print(f"no chapter-1 deck in {slides}: the quick start's picture is left as it is")


if __name__ == "__main__":
    main(sys.argv[1:])
