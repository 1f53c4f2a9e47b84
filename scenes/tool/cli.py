"""The ``explainer`` command: one entry point for the whole project.

nnlib's commands (train, evaluate, download, sample) plus the scene commands:

- ``explainer list``: the scenes, chapter by chapter, with a one-line description each.
- ``explainer render [SCENE ...] [--chapter N] [--all] [-q l|m|h|k] [--jobs N] [--out DIR]``: videos, one per scene
  and one per chapter (``output/chapter1.mp4`` ...), re-rendering only what changed.
- ``explainer slides [SCENE ...] [--chapter N] [--all] --html deck.html``: a self-contained offline slide deck.
- ``explainer inspect WEIGHTS.npz [-o sheet.png] [--digit IMAGE]`` and ``explainer inspect --compare A.npz B.npz``:
  a PNG sheet of a saved network, in about a second, without manim.

What a teacher can change without editing code (``--weights``, ``--digit``, ``--seed``, ``--theme``,
``--background``) reaches the scenes through the ``EXPLAINER_*`` environment variables of ``scenes/options.py``.
Importing this module does not import manim; the commands that need it start it in worker processes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from nnlib import cli as nnlib_cli
from nnlib.errors import NNLibError

from .registry import CHAPTER_TITLES, SCENES, find_scene, scenes_of_chapter


def cmd_list(args: argparse.Namespace) -> int:
    chapter = None
    for info in SCENES:
        if info.chapter != chapter:
            chapter = info.chapter
            print(f"Chapter {chapter}: {CHAPTER_TITLES[chapter]}")
        print(f"  {info.name:<26} {info.description}")
    return 0


# ------------------------------------------------------------------------------------------ options and scenes

def scene_options(args: argparse.Namespace) -> tuple[tuple[str, str], ...]:
    """Check the teacher's flags and turn them into EXPLAINER_* variables (absolute paths, validated values)."""
    from nnlib.storage import load_network

    env: dict[str, str] = {}
    if args.weights:
        path = Path(args.weights)
        net = load_network(path)
        if net.sizes[0] != 784 or net.sizes[-1] != 10:
            raise NNLibError(f"{path}: network {'-'.join(map(str, net.sizes))} is incompatible with the scenes, "
                             f"which need 784 inputs (a 28x28 image) and 10 outputs")
        env["EXPLAINER_WEIGHTS"] = str(path.resolve())
    if args.digit is not None:
        if args.digit.isdigit():
            from nnlib.assets import load_sample

            count = len(load_sample().labels)
            if int(args.digit) >= count:
                raise NNLibError(f"--digit {args.digit}: the digit sample has {count} images (0 to {count - 1})")
            env["EXPLAINER_DIGIT"] = args.digit
        else:
            from nnlib.digit_image import load_digit_image

            load_digit_image(args.digit)  # fail now, in one line, rather than in every scene
            env["EXPLAINER_DIGIT"] = str(Path(args.digit).resolve())
    if args.seed is not None:
        env["EXPLAINER_SEED"] = str(args.seed)
    if args.theme:
        env["EXPLAINER_THEME"] = args.theme
    if args.background:
        env["EXPLAINER_BACKGROUND"] = args.background
    return tuple(sorted(env.items()))


def chosen_targets(args: argparse.Namespace):
    """The scenes named on the command line (or a chapter, or all), as render targets in narrative order."""
    from .render import SceneTarget, targets_from_registry

    if args.file:
        source = Path(args.file)
        if not source.is_file():
            raise NNLibError(f"{source}: scene file not found")
        if not args.scenes:
            raise NNLibError(f"name the scene classes of {source} to render")
        return [SceneTarget(name, 0, source.resolve()) for name in dict.fromkeys(args.scenes)], []
    if args.all:
        infos = list(SCENES)
    elif args.chapter is not None:
        if args.chapter not in CHAPTER_TITLES:
            raise NNLibError(f"no chapter {args.chapter}; chapters are {', '.join(map(str, CHAPTER_TITLES))}")
        infos = scenes_of_chapter(args.chapter)
    elif args.scenes:
        infos = []
        for name in args.scenes:
            info = find_scene(name)
            if info not in infos:
                infos.append(info)
        order = list(SCENES)
        infos.sort(key=order.index)
    else:
        raise NNLibError("nothing to render: name scenes (see `explainer list`), or use --chapter N or --all")
    return targets_from_registry(infos), targets_from_registry(SCENES)


def missing_scenes(targets) -> dict[str, str]:
    """Targets whose file or class does not exist yet (cheap check without importing manim)."""
    import ast

    missing = {}
    for t in targets:
        if not t.source.is_file():
            missing[t.name] = f"{t.source} does not exist yet"
            continue
        try:
            tree = ast.parse(t.source.read_text(encoding="utf-8"))
        except SyntaxError as err:
            missing[t.name] = f"{t.source}: syntax error on line {err.lineno}"
            continue
        if not any(isinstance(n, ast.ClassDef) and n.name == t.name for n in tree.body):
            missing[t.name] = f"{t.source} has no class {t.name}"
    return missing


def render_settings(args: argparse.Namespace, slides: bool = False):
    from .render import RenderSettings

    return RenderSettings(quality=args.quality, resolution=args.resolution, fps=args.fps, slides=slides,
                          options=scene_options(args))


def _report_missing(missing: dict[str, str]) -> None:
    for name, why in missing.items():
        print(f"  {name:<26} FAILED: {why}")


# ----------------------------------------------------------------------------------------------------- commands

def cmd_render(args: argparse.Namespace) -> int:
    from .render import check_out_dir, join_chapters, render_scenes

    targets, known = chosen_targets(args)
    settings = render_settings(args)
    out_dir = check_out_dir(Path(args.out))
    missing = missing_scenes(targets)
    runnable = [t for t in targets if t.name not in missing]
    jobs = args.jobs or os.cpu_count() or 1
    print(f"Rendering {len(runnable)} scene(s) at -q{args.quality} with {jobs} job(s) into {out_dir}/")
    start = time.perf_counter()
    _report_missing(missing)
    results = render_scenes(runnable, settings, out_dir, jobs=jobs, force=args.force, all_targets=known or targets)
    wall = time.perf_counter() - start
    failed = [r for r in results if not r.ok] + list(missing)
    chapters: dict[int, list] = {}
    for t in known:
        chapters.setdefault(t.chapter, []).append(t)
    touched = {t.chapter for t in targets if t.chapter}
    if touched:
        join_chapters({c: ts for c, ts in chapters.items() if c in touched}, out_dir, settings, known)
    rendered = [r for r in results if r.ok and not r.skipped]
    video = sum(r.duration for r in results if r.ok)
    work = sum(r.seconds for r in results if not r.skipped)
    print(f"{len(rendered)} rendered, {sum(r.skipped for r in results)} up to date, {len(failed)} failed; "
          f"wall time {wall:.1f} s (scene processes {work:.1f} s), {video:.1f} s of video"
          + (f", render/video ratio {wall / video:.2f}" if video and rendered else ""))
    if failed:
        names = [r.target.name for r in results if not r.ok] + list(missing)
        print(f"error: {len(names)} scene(s) failed: {', '.join(names)} (logs in {out_dir / 'logs'})", file=sys.stderr)
        return 1
    return 0


def cmd_slides(args: argparse.Namespace) -> int:
    from .slides import build_deck

    targets, known = chosen_targets(args)
    missing = missing_scenes(targets)
    if missing:
        _report_missing(missing)
        raise NNLibError(f"cannot build the deck: {len(missing)} scene(s) missing: {', '.join(missing)}")
    return build_deck(targets, render_settings(args, slides=True), Path(args.out), Path(args.html),
                      jobs=args.jobs, force=args.force, all_targets=known or targets)


def cmd_inspect(args: argparse.Namespace) -> int:
    from .inspect_sheet import run_inspect

    return run_inspect(args)


# ------------------------------------------------------------------------------------------------------ parser

def _resolution(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().replace("x", ",").split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTH,HEIGHT such as 854,480, got {text!r}") from None
    if w < 16 or h < 16:
        raise argparse.ArgumentTypeError(f"resolution {w}x{h} is too small")
    return w, h


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value


def _add_scene_arguments(p: argparse.ArgumentParser, default_out: str = "output") -> None:
    p.add_argument("scenes", nargs="*", metavar="SCENE", help="scene names (see `explainer list`)")
    p.add_argument("--chapter", type=int, help="all scenes of one chapter")
    p.add_argument("--all", action="store_true", help="every scene")
    p.add_argument("--file", help="render classes from this Python file instead of the project's scenes")
    p.add_argument("-q", "--quality", choices=list("lmhk"), default="l",
                   help="l 480p15, m 720p30, h 1080p60, k 2160p60 (default l)")
    p.add_argument("--jobs", "-j", type=_positive, help="scenes rendered at once (default: number of cores)")
    p.add_argument("--out", default=default_out, help="output folder (default ./%(default)s)")
    p.add_argument("--force", action="store_true", help="render even scenes whose video is up to date")
    p.add_argument("--resolution", type=_resolution, help="override the size, e.g. 160,90 for a quick preview")
    p.add_argument("--fps", type=_positive, help="override the frame rate")
    g = p.add_argument_group("what the scenes show (no code editing needed)")
    g.add_argument("--weights", help="a saved network (.npz) with 784 inputs and 10 outputs (default: the shipped one)")
    g.add_argument("--digit", help="the digit to feed the network: an index into the digit sample, or an image file")
    g.add_argument("--seed", type=int, help="seed for everything random a scene shows (default 0)")
    g.add_argument("--theme", choices=["default", "colorblind"], help="colour theme")
    g.add_argument("--background", choices=["dark", "light"], help="dark, or light for projectors")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explainer", description="Neural-network explainer: nnlib + Manim scenes.")
    sub = parser.add_subparsers(title="commands")
    nnlib_cli.add_commands(sub)
    p = sub.add_parser("list", help="list the scenes with a one-line description each")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("render", help="render scenes to videos, one per scene and one per chapter")
    _add_scene_arguments(p)
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("slides", help="export scenes as a self-contained HTML slide deck (manim-slides)")
    _add_scene_arguments(p)
    p.add_argument("--html", default="deck.html", help="the deck to write (default %(default)s)")
    p.set_defaults(func=cmd_slides)

    p = sub.add_parser("inspect", help="a PNG sheet of a saved network's weights (and a digit's activations)")
    p.add_argument("weights", nargs="?", help="the saved network (.npz)")
    p.add_argument("-o", "--out", help="the PNG to write (default: WEIGHTS with .png)")
    p.add_argument("--digit", help="an image file of a handwritten digit, or an index into the digit sample")
    p.add_argument("--compare", nargs=2, metavar=("A.npz", "B.npz"), help="two networks' first layers side by side")
    p.add_argument("--theme", choices=["default", "colorblind"], default="default", help="colour theme")
    p.set_defaults(func=cmd_inspect)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return nnlib_cli.run(build_parser(), argv)
