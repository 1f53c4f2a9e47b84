"""Will it fit? Sizes checked against the memory there is, before anything big is allocated.

A network or a data set too large for the machine does not fail politely: NumPy asks for gigabytes, the system
swaps, and the process is killed or dies with a MemoryError deep in a product. So the commands estimate what they
are about to need from the sizes alone (a header, a list of layer sizes) and refuse at once, in one line that says
what would fit instead.

The budget is the memory the system reports as available (``MemAvailable`` on Linux), or ``NNLIB_MEMORY_LIMIT``
(bytes) when that is set and smaller: tests use it to be independent of the machine.
"""

from __future__ import annotations

import os
from typing import Sequence

from .errors import NNLibError

#: Bytes of a float64, the type every computation of nnlib uses.
FLOAT = 8


def available_bytes() -> int:
    """The memory this process may fill: what the system reports available, capped by ``NNLIB_MEMORY_LIMIT``."""
    found = None
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    found = int(line.split()[1]) * 1024
                    break
    except (OSError, ValueError, IndexError):
        pass
    if found is None:
        try:
            found = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        except (ValueError, OSError, AttributeError):
            found = 1 << 62  # cannot tell: do not refuse
    limit = os.environ.get("NNLIB_MEMORY_LIMIT", "").strip()
    if limit.isdigit():
        found = min(found, int(limit))
    return found


def human(nbytes: float) -> str:
    """1234567890 -> '1.2 GB'."""
    for unit in ("bytes", "kB", "MB", "GB", "TB"):
        if abs(nbytes) < 1000 or unit == "TB":
            return f"{nbytes:.0f} {unit}" if unit == "bytes" else f"{nbytes:.1f} {unit}"
        nbytes /= 1000
    return f"{nbytes:.1f} TB"  # pragma: no cover - the loop always returns


#: The share of the available memory one command may plan to fill (the rest: Python, NumPy's temporaries, the
#: system and whatever else runs).
HEADROOM = 0.8


def check_fits(needed: int, what: str, advice: str = "") -> None:
    """Refuse (one :class:`NNLibError`) if ``needed`` bytes exceed :data:`HEADROOM` of :func:`available_bytes`."""
    have = available_bytes()
    if needed > have * HEADROOM:
        raise NNLibError(f"{what} would need about {human(needed)} of memory, more than the {human(have)} "
                         f"available" + (f"; {advice}" if advice else ""))


def images_bytes(count: int, pixels: int = 784, stored_itemsize: int = 1) -> int:
    """Memory to read ``count`` images from a file and hold them as the float64 rows a network reads: the file's
    unpacked bytes, the array read from them, and the float64 copy."""
    return count * pixels * (2 * stored_itemsize + FLOAT)


def largest_image_count(pixels: int = 784, stored_itemsize: int = 1) -> int:
    """How many images :func:`images_bytes` lets fit into the memory available."""
    return int(available_bytes() * HEADROOM) // (pixels * (2 * stored_itemsize + FLOAT))


def training_bytes(sizes: Sequence[int], examples: int, measured: int, batch_size: int) -> int:
    """Memory that training a network of ``sizes`` needs beyond its data, estimated from the sizes alone.

    - the parameters, four times over: the network, its gradient, the copy measured after each epoch, a checkpoint;
    - a mini-batch's forward and backward pass: each layer's weighted sums and activations for ``batch_size`` rows;
    - measuring after an epoch: one forward pass over ``measured`` examples (the largest set measured at once),
      keeping every layer's sums and activations, plus the temporary of the product being computed;
    - the shuffled order of the ``examples``.
    """
    sizes = [int(s) for s in sizes]
    params = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    neurons = sum(sizes[1:])
    return (4 * params * FLOAT + 3 * batch_size * neurons * FLOAT + 3 * measured * neurons * FLOAT
            + examples * 8)


def check_training_fits(sizes: Sequence[int], examples: int, measured: int, batch_size: int) -> None:
    """Refuse a training run whose :func:`training_bytes` exceed the memory available, naming the largest hidden
    layer (one hidden layer between the same input and output) that would fit."""
    needed = training_bytes(sizes, examples, measured, batch_size)
    if needed <= available_bytes() * HEADROOM:
        return
    low, high = 0, max(1, max(sizes))
    while low < high:  # the largest single hidden layer that fits
        mid = (low + high + 1) // 2
        if training_bytes([sizes[0], mid, sizes[-1]], examples, measured, batch_size) <= available_bytes() * HEADROOM:
            low = mid
        else:
            high = mid - 1
    shape = "-".join(map(str, sizes))
    advice = (f"one hidden layer of at most {low:,} neurons fits (measured on {measured:,} images at once)" if low
              else "not even the smallest network fits; free some memory")
    check_fits(needed, f"training a {shape} network", advice)


def forward_bytes(sizes: Sequence[int], examples: int) -> int:
    """Memory of one forward pass of ``examples`` rows through a network of ``sizes`` (sums, activations and the
    temporary of the product being computed)."""
    return 3 * examples * sum(int(s) for s in sizes[1:]) * FLOAT


def check_forward_fits(sizes: Sequence[int], examples: int, what: str) -> None:
    """Refuse one forward pass that would not fit (evaluating a very wide network on the whole test set)."""
    check_fits(forward_bytes(sizes, examples), what,
               "a network with fewer hidden neurons fits" if examples else "")
