"""``explainer inspect``: one PNG sheet that shows what a saved network has learned, in about a second.

No video and no manim: the sheet is drawn with Pillow from the arrays nnlib loads. It works for a network of any
layer sizes and shows

- the metadata: layer sizes, activation, parameter count, accuracy and cost, how it was trained;
- the weights into every neuron of the first hidden layer as a heatmap laid out like the input image (28x28 for
  MNIST): green where a bright pixel pushes the neuron up, red where it pushes it down, each heatmap scaled by its
  own largest |w| -- the pictures of the videos' "what did the hidden layer learn?";
- every other weight matrix as one heatmap (rows = receiving neurons, columns = sending neurons);
- the biases of every layer as bars;
- with ``--digit``: the digit as the network sees it (prepared like MNIST by :mod:`nnlib.digit_image`), every
  layer's activations and the prediction.

``explainer inspect --compare A.npz B.npz`` puts two networks' first-layer heatmaps side by side (e.g. before and
after training, or sigmoid vs ReLU).
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path
from typing import Sequence

import numpy as np
from PIL import Image

from nnlib.atomic import atomic_write
from nnlib.errors import NNLibError
from nnlib.network import Network
from nnlib.storage import load_network

from .inspect_limits import check_page_fits, check_sheet_fits
from .sheet_canvas import (MARGIN, PALETTES, WIDTH, Palette, Sheet, as_picture, enlarge,  # noqa: F401
                           grey_rgb, input_shape, signed_rgb)


def describe(net: Network, path: Path) -> list[str]:
    """The metadata lines of the sheet's header."""
    meta = net.metadata or {}
    lines = [f"{'-'.join(map(str, net.sizes))} network, {net.hidden_activation} hidden layers, sigmoid output, "
             f"{net.parameter_count:,} parameters ({sum(w.size for w in net.weights):,} weights, "
             f"{sum(b.size for b in net.biases):,} biases)"]
    if "test_accuracy" in meta:
        correct = f" ({meta['test_correct']}/{meta.get('data', {}).get('test_images', '?')})" if "test_correct" in meta else ""
        cost = f", test cost {meta['test_cost']:.4f}" if isinstance(meta.get("test_cost"), (int, float)) else ""
        lines.append(f"test accuracy {meta['test_accuracy']:.2%}{correct}{cost}")
    training = meta.get("training")
    if isinstance(training, dict):
        parts = [f"{k.replace('_', ' ')} {v}" for k, v in training.items()]
        extra = [f"cost {meta['cost']}"] if "cost" in meta else []
        extra += [f"seed {meta['seed']}"] if "seed" in meta else []
        data = meta.get("data")
        if isinstance(data, dict) and "train_images" in data:
            extra.append(f"{data['train_images']} training images")
        lines.append("trained: " + ", ".join(parts + extra))
    if "command" in meta:
        lines.append(f"made by: {meta['command']}")
    if len(lines) == 1:
        lines.append("no training metadata stored in this file")
    return lines


def draw_header(sheet: Sheet, title: str, lines: Sequence[str], x: int = MARGIN) -> None:
    sheet.text(x, sheet.y, title, 32)
    y = sheet.y + 46
    for line in lines:
        sheet.text(x, y, line, 18, sheet.palette.dim)
        y += 26
    sheet.y = y + 6


def draw_first_layer(sheet: Sheet, net: Network, x: int, width: int, limit: int = 400, label_bias: bool = True,
                     shared: bool = False) -> None:
    """Heatmaps of the weights into each first-layer neuron, tiled in a grid that fills ``width``; each scaled by
    its own largest |w|, or all by the layer's largest (``shared``) so strengths compare across neurons."""
    weights = net.weights[0]
    scale = float(np.abs(weights).max()) if shared else None
    count = min(len(weights), limit)
    columns = min(count, 8 if width > 1000 else 4) if count <= 32 else min(count, max(8, width // 70))
    gap = 14
    tile_w = (width - gap * (columns - 1)) // columns
    h, w = input_shape(weights.shape[1])
    tile_h = max(1, round(tile_w * h / w))
    label_h = 22 if label_bias else 0
    for i in range(count):
        row, col = divmod(i, columns)
        tx = x + col * (tile_w + gap)
        ty = sheet.y + row * (tile_h + gap + label_h)
        sheet.paste(enlarge(signed_rgb(as_picture(weights[i]), sheet.palette, scale), tile_w, tile_h), tx, ty)
        if label_bias:
            text = f"{i}: b={net.biases[0][i]:+.2f}" if tile_w > 90 else f"{i}"
            sheet.text(tx, ty + tile_h + 3, text, 14 if tile_w > 60 else 11, sheet.palette.dim)
    rows = math.ceil(count / columns)
    sheet.y += rows * (tile_h + gap + label_h)
    if count < len(weights):
        sheet.text(x, sheet.y, f"(first {count} of {len(weights)} neurons shown)", 16, sheet.palette.dim)
        sheet.y += 26


def draw_matrices(sheet: Sheet, net: Network) -> None:
    """Every weight matrix after the first, side by side, each scaled by its own largest |w|."""
    if net.num_layers < 3:
        return
    sheet.heading("Other weight matrices", "rows: receiving neurons, columns: sending neurons; "
                                             "each matrix scaled by its own largest |w|")
    x = MARGIN
    top = sheet.y
    tallest = 0
    for l in range(1, len(net.weights)):
        w = net.weights[l]
        cell = max(2, min(22, 300 // max(w.shape)))
        pic = enlarge(signed_rgb(w, sheet.palette), w.shape[1] * cell, w.shape[0] * cell)
        if x + pic.width > sheet.width - MARGIN and x > MARGIN:
            x, top = MARGIN, top + tallest + 60
            tallest = 0
        is_output = l == len(net.weights) - 1
        sheet.text(x, top, f"layer {l} -> {'output' if is_output else l + 1}: {w.shape[0]}x{w.shape[1]}, "
                           f"max |w| {np.abs(w).max():.2f}", 16, sheet.palette.dim)
        sheet.paste(pic, x + (24 if is_output else 0), top + 26)
        if is_output and w.shape[0] <= 10:  # the output rows are the digits: label them
            for row in range(w.shape[0]):
                sheet.text(x + 16, top + 26 + row * cell + cell // 2, str(row), 14, sheet.palette.text, "rm")
        tallest = max(tallest, pic.height + 26)
        x += max(pic.width, 300) + 60
    sheet.y = top + tallest + 20


def draw_bars(sheet: Sheet, values: np.ndarray, x: int, y: int, width: int, height: int, signed: bool = True,
              labels: Sequence[str] | None = None, highlight: int | None = None) -> None:
    """Vertical bars for ``values``: signed around a middle line (biases), or from the bottom (activations)."""
    pal = sheet.palette
    n = len(values)
    slot = width / n
    bar_w = max(1, int(slot * 0.75))
    scale = float(np.abs(values).max()) or 1.0
    base = y + height // 2 if signed else y + height
    sheet.draw.line((x, base, x + width, base), fill=pal.frame)
    for i, v in enumerate(values):
        bx = int(x + i * slot)
        if signed:
            length = int(abs(v) / scale * (height // 2))
            colour = pal.positive if v >= 0 else pal.negative
            box = (bx, base - length, bx + bar_w, base) if v >= 0 else (bx, base, bx + bar_w, base + length)
        else:
            length = int(np.clip(v, 0, 1) * height)
            colour = pal.accent if i == highlight else pal.dim
            box = (bx, base - length, bx + bar_w, base)
        sheet.draw.rectangle(box, fill=colour)
        if labels is not None:
            sheet.text(bx + bar_w // 2, base + 4, labels[i], 16, pal.accent if i == highlight else pal.text, "ma")


def draw_biases(sheet: Sheet, net: Network) -> None:
    sheet.heading("Biases", "one bar per neuron: green positive, red negative, scaled per layer")
    for l, b in enumerate(net.biases):
        sheet.text(MARGIN, sheet.y, f"layer {l + 1} ({len(b)})", 16, sheet.palette.dim)
        sheet.text(MARGIN, sheet.y + 22, f"{b.min():+.2f} .. {b.max():+.2f}", 14, sheet.palette.dim)
        width = min(sheet.width - 2 * MARGIN - 170, max(160, len(b) * 28))
        draw_bars(sheet, b, MARGIN + 170, sheet.y, width, 70)
        sheet.y += 90


def draw_legend(sheet: Sheet) -> None:
    ramp = signed_rgb(np.linspace(-1, 1, 256)[None, :], sheet.palette)
    sheet.paste(enlarge(ramp, 256, 14), sheet.width - MARGIN - 256, MARGIN + 8)
    sheet.text(sheet.width - MARGIN - 256, MARGIN + 26, "negative", 14, sheet.palette.dim)
    sheet.text(sheet.width - MARGIN, MARGIN + 26, "positive", 14, sheet.palette.dim, "ra")
    sheet.text(sheet.width - MARGIN - 128, MARGIN + 26, "0", 14, sheet.palette.dim, "ma")


def draw_digit(sheet: Sheet, net: Network, x_input: np.ndarray, source: str, original: np.ndarray | None) -> None:
    """The prepared digit, each layer's activations, and the prediction."""
    pal = sheet.palette
    sheet.heading("A digit through the network", f"input: {source}")
    top = sheet.y
    x = MARGIN
    if original is not None:
        h, w = original.shape
        scale = 200 / max(h, w)
        sheet.paste(enlarge(grey_rgb(original), round(w * scale), round(h * scale)), x, top)
        sheet.text(x, top + 206, "your image (ink)", 14, pal.dim)
        x += 240
    side = input_shape(len(x_input))
    pic = np.full(side[0] * side[1], np.nan)
    pic[: len(x_input)] = x_input
    sheet.paste(enlarge(grey_rgb(np.nan_to_num(pic.reshape(side))), 200, round(200 * side[0] / side[1])), x, top)
    sheet.text(x, top + 206, f"as the network sees it ({side[0]}x{side[1]})", 14, pal.dim)
    x += 280
    activations = net.forward(x_input[None, :])
    y = top
    for l, a in enumerate(activations[1:], start=1):
        a = a[0]
        is_output = l == len(activations) - 1
        name = "output" if is_output else f"layer {l}"
        sheet.text(x, y, f"{name} ({len(a)})", 16, pal.dim)
        width = min(sheet.width - MARGIN - x - 120, max(200, len(a) * 34))
        if is_output:
            guess = int(np.argmax(a))
            labels = [str(i) for i in range(len(a))] if len(a) <= 40 else None
            draw_bars(sheet, a, x + 110, y, width, 90, signed=False, labels=labels, highlight=guess)
            sheet.text(x, y + 130, f"prediction: {guess}", 30, pal.accent)
            sheet.text(x + 260, y + 140, f"output {a[guess]:.3f}; next best {int(np.argsort(a)[-2])} "
                                         f"({np.sort(a)[-2]:.3f})", 16, pal.dim)
            y += 180
        else:
            cell = max(2, min(30, width // len(a)))
            sheet.paste(enlarge(grey_rgb(a[None, :]), cell * len(a), min(30, cell * 2) if cell < 12 else cell),
                        x + 110, y)
            if cell >= 30:
                for i, v in enumerate(a):
                    sheet.text(x + 110 + i * cell + cell // 2, y + cell + 3, f"{v:.1f}",
                               11, pal.dim, "ma")
            y += 62
    sheet.y = max(top + 240, y) + 10


def draw_responses(sheet: Sheet, net: Network, pool, shared: bool = False, count: int = 4) -> None:
    """What each hidden neuron responds to: the ``count`` digits of ``pool`` that excite it most (beside its
    heatmap for the first layer)."""
    from .inspect_page import top_digits

    tops = top_digits(net, pool.images, count)
    scale = float(np.abs(net.weights[0]).max()) if shared else None
    for layer in range(1, len(net.sizes) - 1):
        sheet.heading(f"What each neuron of layer {layer} responds to",
                      f"the {count} digits of {pool.source} that give it the highest activation")
        columns, cell, gap = 2, 64, 10
        row_h = cell + 14
        col_w = (sheet.width - 2 * MARGIN) // columns
        for j, picks in enumerate(tops[str(layer)]):
            row, col = divmod(j, columns)
            x, y = MARGIN + col * col_w, sheet.y + row * row_h
            sheet.text(x, y + cell // 2, f"{j}", 18, sheet.palette.text, "lm")
            x += 34
            if layer == 1 and net.sizes[0] == 784:
                sheet.paste(enlarge(signed_rgb(as_picture(net.weights[0][j]), sheet.palette, scale), cell, cell), x, y)
                x += cell + 2 * gap
            for i in picks:
                sheet.paste(enlarge(grey_rgb(pool.images[i].reshape(28, 28)), cell, cell), x, y)
                sheet.text(x + cell + 3, y + cell - 14, str(int(pool.labels[i])), 12, sheet.palette.dim)
                x += cell + gap + 8
        sheet.y += math.ceil(len(tops[str(layer)]) / columns) * row_h + 10


def draw_evaluation(sheet: Sheet, evaluation: dict) -> None:
    """The confusion matrix (rows: true digit, columns: the network's answer) and per-digit accuracy."""
    pal = sheet.palette
    sheet.heading("Where it errs", f"{evaluation['source']}: accuracy {evaluation['accuracy']:.2%} "
                                   f"({evaluation['correct']:,} of {evaluation['count']:,})")
    confusion = np.asarray(evaluation["confusion"])
    off = confusion.astype(float).copy()
    np.fill_diagonal(off, 0)
    peak = off.max() or 1.0
    cell, x0, y0 = 46, MARGIN + 90, sheet.y + 48
    sheet.text(x0 + 5 * cell, sheet.y, "the network said", 16, pal.dim, "ma")
    sheet.text(MARGIN, y0 + 5 * cell, "true digit", 16, pal.dim, "lm")
    for k in range(10):
        sheet.text(x0 + k * cell + cell // 2, y0 - 4, str(k), 16, pal.text, "md")
        sheet.text(x0 - 8, y0 + k * cell + cell // 2, str(k), 16, pal.text, "rm")
    for i in range(10):
        for k in range(10):
            box = (x0 + k * cell, y0 + i * cell, x0 + (k + 1) * cell - 2, y0 + (i + 1) * cell - 2)
            if i != k and confusion[i, k]:
                t = confusion[i, k] / peak
                fill = tuple(int(z * (1 - t) + n * t) for z, n in zip(pal.zero, pal.negative))
            else:
                fill = pal.frame if i == k else pal.zero
            sheet.draw.rectangle(box, fill=fill)
            sheet.text((box[0] + box[2]) // 2, (box[1] + box[3]) // 2, str(int(confusion[i, k])), 13, pal.text, "mm")
        sheet.text(x0 + 10 * cell + 16, y0 + i * cell + cell // 2, f"{evaluation['per_digit'][i]:.1%} right", 16,
                   pal.text, "lm")
    sheet.y = y0 + 10 * cell + 20


def network_sheet(net: Network, path: Path, palette: Palette, digit: tuple[np.ndarray, str, np.ndarray | None] | None = None,
                  *, shared: bool = False, pool=None) -> Image.Image:
    """The whole inspection sheet of one network (``pool``: digits for "responds to" and the evaluation)."""
    sheet = Sheet(WIDTH, palette)
    draw_legend(sheet)
    draw_header(sheet, f"{path.name}", describe(net, path))
    if digit is not None:
        draw_digit(sheet, net, *digit)
    h, w = input_shape(net.sizes[0])
    scaled = "all heatmaps on one scale (the layer's largest |w|)" if shared else \
        "each heatmap scaled by its own largest |w|"
    sheet.heading(f"Weights into each of the {net.sizes[1]} neurons of layer 1",
                  f"laid out like the {h}x{w} input; green: a bright pixel raises the neuron, red: lowers it; "
                  f"{scaled}; b = the neuron's bias")
    draw_first_layer(sheet, net, MARGIN, WIDTH - 2 * MARGIN, shared=shared)
    if pool is not None and net.sizes[0] == 784 and net.sizes[-1] == 10:
        from .inspect_page import evaluation_of

        draw_responses(sheet, net, pool, shared)
        draw_evaluation(sheet, evaluation_of(net, path, pool))
    draw_matrices(sheet, net)
    draw_biases(sheet, net)
    return sheet.finish()


def compare_sheet(nets: Sequence[tuple[Network, Path]], palette: Palette) -> Image.Image:
    """Two (or more) networks' first-layer heatmaps side by side."""
    sheet = Sheet(WIDTH, palette)
    draw_legend(sheet)
    sheet.text(MARGIN, sheet.y, "First-layer weights compared", 32)
    sheet.text(MARGIN, sheet.y + 44, "each heatmap scaled by its own largest |w|; green raises, red lowers", 16,
               palette.dim)
    sheet.y += 90
    column_w = (WIDTH - 2 * MARGIN - 60 * (len(nets) - 1)) // len(nets)
    top = sheet.y
    bottom = top
    for i, (net, path) in enumerate(nets):
        x = MARGIN + i * (column_w + 60)
        sheet.y = top
        sheet.text(x, sheet.y, path.name, 26)
        lines = [f"{'-'.join(map(str, net.sizes))}, {net.hidden_activation} hidden layers"]
        lines += [line for line in describe(net, path)[1:2] if not line.startswith("made by")]
        for j, line in enumerate(lines):
            sheet.text(x, sheet.y + 36 + 22 * j, line, 16, palette.dim)
        sheet.y += 36 + 22 * len(lines) + 14
        draw_first_layer(sheet, net, x, column_w)
        bottom = max(bottom, sheet.y)
    sheet.y = bottom
    return sheet.finish()


# ------------------------------------------------------------------------------------------------------ command

def save_png(image: Image.Image, path: Path) -> None:
    with atomic_write(path) as handle:
        image.save(handle, format="PNG", optimize=False)


def load_digit(args: argparse.Namespace, net: Network) -> tuple[np.ndarray, str, np.ndarray | None] | None:
    """The digit named by ``--digit`` (a sample image of that digit), ``--sample-index`` or ``--image``, as for
    ``explainer render``; None when none is given."""
    digit, index, image = (getattr(args, name, None) for name in ("digit", "sample_index", "image"))
    if digit is None and index is None and image is None:
        return None
    if net.sizes[0] != 784:
        raise NNLibError(f"showing a digit needs a network with 784 inputs (28x28 images); this one takes "
                         f"{net.sizes[0]}")
    if image is not None:
        from nnlib.digit_image import ink_image, mnist_style, read_grey

        grey = read_grey(image)
        x = mnist_style(grey, name=image)
        return (x, f"{image} ({grey.shape[1]}x{grey.shape[0]}), scaled into 20x20 and centred by mass in 28x28",
                ink_image(grey))
    from nnlib.digit_choice import choose_digit

    chosen = choose_digit(digit, index)
    return chosen.image, chosen.source, None


def run_inspect(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    palette = PALETTES[getattr(args, "theme", None) or "default"]
    if args.compare:
        if args.weights:
            raise NNLibError("give either WEIGHTS or --compare A.npz B.npz, not both")
        paths = [Path(p) for p in args.compare]
        image = compare_sheet([(load_network(p), p) for p in paths], palette)
        out = Path(args.out or f"compare_{paths[0].stem}_{paths[1].stem}.png")
    else:
        if not args.weights:
            raise NNLibError("name a weights file: explainer inspect WEIGHTS.npz (or --compare A.npz B.npz)")
        path = Path(args.weights)
        net = load_network(path)
        if getattr(args, "html", False):
            from .inspect_page import write_inspector_page

            out = Path(args.out or f"{path.stem}_inspector.html")
            if out.suffix.lower() not in (".html", ".htm"):
                raise NNLibError(f"{out}: the page is HTML; give a file name ending in .html")
            check_page_fits(net, path)
            write_inspector_page(net, path, out, theme=getattr(args, "theme", None) or "default")
            print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, self-contained) in "
                  f"{time.perf_counter() - start:.2f} s: open it in a browser")
            return 0
        check_sheet_fits(net, path)  # before drawing: a sheet too tall is refused saying what fits
        digit = load_digit(args, net)
        pool = None
        if net.sizes[0] == 784 and net.sizes[-1] == 10:
            from .inspect_page import digit_pool

            pool = digit_pool()
        image = network_sheet(net, path, palette, digit, shared=getattr(args, "scale", "") == "shared", pool=pool)
        out = Path(args.out or f"{path.stem}_sheet.png")
    if out.suffix.lower() != ".png":
        raise NNLibError(f"{out}: the sheet is a PNG; give a file name ending in .png")
    save_png(image, out)
    print(f"wrote {out} ({image.width}x{image.height}) in {time.perf_counter() - start:.2f} s")
    return 0
