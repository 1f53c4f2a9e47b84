"""How large an inspection may get: the PNG sheet's height and the HTML page's size, worked out from a network's
sizes before anything is drawn or written.

A sheet is drawn on a canvas of :data:`TALLEST_SHEET` pixels: a deeper or wider network would be cut off (and its
picture grows past what Pillow agrees to hold: a 300-layer network's sheet would be 435 million pixels). An
inspector page holds every weight as text, about 11 bytes each: a 784-4096-4096-10 network's page would be 221 MB,
more than a browser opens. Both are refused at once, in one line saying what would fit.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Sequence

from nnlib.errors import NNLibError
from nnlib.network import Network

from .sheet_canvas import MARGIN, WIDTH, input_shape

#: The tallest sheet drawn (pixels; the canvas of :class:`Sheet`): a taller one would be cut off, and its picture
#: grows past what Pillow agrees to hold.
TALLEST_SHEET = 20000
#: Room for the parts of a sheet whose height does not grow with the network: header, legend, digit and the
#: evaluation (the shipped network's whole sheet is 3,542 pixels tall; this estimate gives it 5,600).
FIXED_PARTS = 3000


def sheet_height(sizes: Sequence[int], columns_width: int = WIDTH - 2 * MARGIN) -> int:
    """About how tall :func:`network_sheet` draws a network of ``sizes``, worked out from the sizes alone (the same
    layout rules as :func:`draw_first_layer`, :func:`draw_matrices` and :func:`draw_biases`, drawing nothing)."""
    sizes = [int(n) for n in sizes]
    count = min(sizes[1], 400)
    columns = min(count, 8) if count <= 32 else min(count, max(8, columns_width // 70))
    tile_w = (columns_width - 14 * (columns - 1)) // columns
    h, w = input_shape(sizes[0])
    first = math.ceil(count / columns) * (max(1, round(tile_w * h / w)) + 14 + 22) + 26
    x, rows, tallest = MARGIN, 0, 0
    for n_out, n_in in ((b, a) for a, b in zip(sizes[1:], sizes[2:])):
        cell = max(2, min(22, 300 // max(n_out, n_in)))
        width, height = n_in * cell, n_out * cell
        if x + width > WIDTH - MARGIN and x > MARGIN:
            x, rows, tallest = MARGIN, rows + tallest + 60, 0
        tallest = max(tallest, height + 26)
        x += max(width, 300) + 60
    matrices = rows + tallest + 100
    responses = 0
    if sizes[0] == 784 and sizes[-1] == 10:  # what each hidden neuron responds to: two neurons a row
        responses = sum(math.ceil(n / 2) * 78 + 90 for n in sizes[1:-1])
    return FIXED_PARTS + first + matrices + responses + 90 * (len(sizes) - 1) + 80


def check_sheet_fits(net: Network, path: Path) -> None:
    """Refuse, before drawing, a network whose sheet would not fit the canvas (one line saying what fits)."""
    sizes = list(net.sizes)
    tall = sheet_height(sizes)
    if tall <= TALLEST_SHEET:
        return
    fits = max((k for k in range(2, len(sizes)) if sheet_height(sizes[:k] + sizes[-1:]) <= TALLEST_SHEET),
               default=0)
    widest = max((n for n in range(1, 2001) if sheet_height([sizes[0], n, sizes[-1]]) <= TALLEST_SHEET), default=0)
    room = f"it holds one hidden layer of up to {widest:,} neurons" + (
        f", or the first {fits - 1} hidden layers of this network" if fits > 2 else "")
    raise NNLibError(f"{path}: the sheet of this {len(sizes)}-layer network would be about {tall:,} pixels "
                     f"tall ({WIDTH * tall / 1e6:,.0f} million pixels), more than the {TALLEST_SHEET:,} a sheet "
                     f"holds: {room}")


#: The largest inspector page written (bytes): a browser takes minutes to open a page of hundreds of megabytes.
LARGEST_PAGE = 50_000_000
#: What an inspector page costs: about 0.3 MB of page and digits, plus about 11 bytes of text per parameter
#: (measured: 0.3 MB for the shipped 784-16-16-10 network, 6.0 MB for 784-512-256-10).
PAGE_BASE, PAGE_PER_PARAMETER = 300_000, 11


def check_page_fits(net: Network, path: Path) -> None:
    """Refuse, before writing, an inspector page that would be too large to open (one line saying what fits)."""
    size = PAGE_BASE + PAGE_PER_PARAMETER * net.parameter_count
    if size > LARGEST_PAGE:
        most = (LARGEST_PAGE - PAGE_BASE) // PAGE_PER_PARAMETER
        raise NNLibError(f"{path}: its inspector page would be about {size / 1e6:,.0f} MB ({net.parameter_count:,} "
                         f"parameters); pages are kept under {LARGEST_PAGE / 1e6:.0f} MB, networks of up to about "
                         f"{most:,} parameters (the PNG sheet, without --html, draws larger ones)")
