"""The command-line arguments every command shares, and how they become the scene options.

``render``, ``slides``, ``script`` and ``inspect`` all take the same options for what the scenes show (the network,
the digit, the seed, the theme, the voice...). They are declared once here, parsed by the small checkers below (so
a bad value is one line from argparse, never a traceback later), and turned into one validated
:class:`~scenes.tool.options.ExplainerOptions` by :func:`scene_options`.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from .options import ExplainerOptions, read_options

#: Manim's spellings of the qualities, all accepted by ``-q``.
QUALITY_NAMES = {"l": "l", "m": "m", "h": "h", "k": "k", "low_quality": "l", "medium_quality": "m",
                 "high_quality": "h", "fourk_quality": "k", "production_quality": "h", "low": "l", "medium": "m",
                 "high": "h", "4k": "k"}


def scene_options(args: argparse.Namespace, environ=None) -> ExplainerOptions:
    """The scene options: ``EXPLAINER_*`` variables, overridden by flags; validated once, files included."""
    options = read_options(environ)
    changes = {}
    for key in ("weights", "image", "recordings"):
        if getattr(args, key, None):
            changes[key] = Path(getattr(args, key))
    for key in ("digit", "sample_index", "seed", "theme", "background", "voice", "pace"):
        if getattr(args, key, None) is not None:
            changes[key] = getattr(args, key)
    if any(k in changes for k in ("digit", "sample_index", "image")):  # a flag replaces a digit from the environment
        changes = {"digit": None, "sample_index": None, "image": None, **changes}
    options = replace(options, **changes, _cache={})
    if options.voice == "recordings" and options.recordings is None:  # ./recordings of the user's folder, by path,
        options = replace(options, recordings=Path("recordings"), _cache={})  # not of wherever a worker runs
    options.validate()
    return options


#: The smallest and largest video sizes accepted by --resolution (below 64x36 no text is legible at all).
MIN_SIZE, MAX_SIZE = (64, 36), (7680, 4320)


def resolution(text: str) -> tuple[int, int]:
    """WIDTH,HEIGHT (or WIDTHxHEIGHT) of the videos: even numbers, because H.264 stores colour at half the size
    in each direction (an odd size fails in the encoder, mid-render), from 64x36 to 7680x4320."""
    try:
        w, h = (int(v) for v in text.lower().replace("x", ",").split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTH,HEIGHT such as 854,480, got {text!r}") from None
    if not (MIN_SIZE[0] <= w <= MAX_SIZE[0] and MIN_SIZE[1] <= h <= MAX_SIZE[1]):
        raise argparse.ArgumentTypeError(f"resolution {w}x{h} is outside {MIN_SIZE[0]}x{MIN_SIZE[1]} to "
                                         f"{MAX_SIZE[0]}x{MAX_SIZE[1]}")
    if w % 2 or h % 2:
        raise argparse.ArgumentTypeError(f"resolution {w}x{h}: width and height must be even numbers (H.264 "
                                         f"video), e.g. {w + w % 2},{h + h % 2}")
    return w, h


def bounded(low: int, high: int, what: str = "a whole number"):
    def parse(text: str) -> int:
        text = text.strip()
        if not (text.isascii() and text.lstrip("+-").isdigit()):
            raise argparse.ArgumentTypeError(f"expected {what} from {low} to {high}, got {text!r}")
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {what} from {low} to {high}, got {value}")
        return value
    return parse


def quality_name(text: str) -> str:
    key = text.strip().lower()
    if key not in QUALITY_NAMES:
        raise argparse.ArgumentTypeError(f"unknown quality {text!r}; use l, m, h or k (480p15, 720p30, 1080p60, "
                                         "2160p60), as in manim's -ql/-qm/-qh/-qk")
    return QUALITY_NAMES[key]


def add_option_arguments(p: argparse.ArgumentParser) -> None:
    """The scene options, the same for render and slides (see scenes/tool/options.py)."""
    g = p.add_argument_group("what the scenes show (no code editing needed; EXPLAINER_* variables work too)")
    g.add_argument("--weights", help="a saved network (.npz) with 784 inputs, two hidden layers and 10 outputs "
                                     "(default: the shipped one)")
    digit = g.add_mutually_exclusive_group()
    digit.add_argument("--digit", type=bounded(0, 9, "a digit"),
                       help="show a sample image of this digit (0-9), e.g. --digit 7")
    digit.add_argument("--sample-index", type=bounded(0, 10**6, "an index"),
                       help="show exactly this image of the shipped digit sample")
    digit.add_argument("--image", help="show your own handwriting: a picture file (PNG, JPEG...)")
    g.add_argument("--seed", type=bounded(0, 2**32 - 1, "a seed"),
                   help="seed for everything random a scene shows (default 0)")
    g.add_argument("--theme", choices=["default", "colorblind"], help="colour theme")
    g.add_argument("--background", choices=["dark", "light"], help="dark, or light for projectors")
    g = p.add_argument_group("narration")
    g.add_argument("--voice", choices=["piper", "espeak", "recordings", "none"],
                   help="piper (offline neural voice, default; espeak-ng speaks, with a warning, if Piper is not "
                        "installed), espeak (espeak-ng's robotic voice), recordings (your own, see `explainer "
                        "script`), or none (subtitles at reading pace)")
    g.add_argument("--recordings", help="folder of recordings, one audio file per beat id (default ./recordings)")
    g.add_argument("--pace", choices=["narrated", "brisk"],
                   help="narrated (animations last as long as their narration, default) or brisk (quick preview)")
