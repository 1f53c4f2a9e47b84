"""The ``explainer`` command: one entry point for the whole project.

nnlib's commands (train, evaluate, download, sample) plus the scene commands:

- ``explainer list``: the scenes, part by part, with a one-line description each.
- ``explainer render [SCENE ...] [--chapter 1|2|extra|questions] [--all] [-q l|m|h|k]``: videos, one per scene and one per
  part, re-rendering only what changed.
- ``explainer slides``: a lecture deck; ``explainer script``: the narration to read aloud;
  ``explainer inspect``: a saved network's weights as a picture (and more).

The render path runs one way: the arguments are parsed once into a :class:`RenderPlan` (targets, settings, and the
scene options validated once), then the scenes are rendered, then each part is joined. The scene options reach the
render workers by one channel only: their ``EXPLAINER_*`` environment variables, which plain ``manim`` reads too.
Importing this module does not import manim; only the render workers do.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from nnlib import cli as nnlib_cli
from nnlib.errors import NNLibError

from .arguments import QUALITY_NAMES, add_option_arguments, bounded, quality_name, resolution, scene_options  # noqa: F401
from .options import ExplainerOptions
from .registry import PARTS, SCENES, SHIPPED_NOTE, find_part, scenes_named, scenes_of_chapter
from .script import add_script_command

def cmd_list(args: argparse.Namespace) -> int:
    part = None
    for info in SCENES:
        if info.part != part:
            part = info.part
            print(f"{PARTS[part].title}  (--chapter {part})")
        note = f"  [{SHIPPED_NOTE}]" if info.shows == "shipped" else ""
        print(f"  {info.name:<26} {info.description}{note}")
    return 0


# ------------------------------------------------------------------------------------------------ the plan

@dataclass(frozen=True)
class RenderPlan:
    """Everything one ``render`` (or ``slides``) run will do, decided before any work starts."""

    targets: tuple            # SceneTarget, in narrative order
    known: tuple              # every registered scene (for fingerprints and joining)
    settings: object          # RenderSettings
    options: ExplainerOptions
    out_dir: Path
    jobs: int
    force: bool


def chosen_targets(args: argparse.Namespace):
    """The scenes named on the command line (or a part, or all), as render targets in narrative order."""
    from .render import SceneTarget, targets_from_registry

    if args.file:
        source = Path(args.file)
        if not source.is_file():
            raise NNLibError(f"{source}: scene file not found")
        if not args.scenes:
            raise NNLibError(f"name the scene classes of {source} to render")
        return [SceneTarget(name, "", source.resolve()) for name in dict.fromkeys(args.scenes)], []
    chosen = [what for what, given in (("--all", args.all), ("--chapter", args.chapter is not None),
                                       ("scene names", bool(args.scenes))) if given]
    if len(chosen) > 1:
        raise NNLibError(f"choose one of --all, --chapter and scene names, not {' and '.join(chosen)}")
    if args.all:
        infos = list(SCENES)
    elif args.chapter is not None:
        infos = scenes_of_chapter(find_part(args.chapter).key)
    elif args.scenes:
        infos = scenes_named(args.scenes)
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


def make_plan(args: argparse.Namespace, slides: bool = False) -> RenderPlan:
    """Parse and check everything once: scenes, options (files loaded and checked), output folder, settings."""
    from .render import RenderSettings, check_out_dir

    targets, known = chosen_targets(args)
    options = scene_options(args)
    missing = missing_scenes(targets)
    if missing:
        name, why = next(iter(missing.items()))
        raise NNLibError(f"cannot render {name}: {why}" + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
    if options.voice in ("piper", "espeak"):
        from scenes.voice.choice import check_voice, fallback_warning

        check_voice(options.voice, options.pace)  # a voice that cannot speak: one line now, before any scene
        warning = fallback_warning(options.voice) if options.pace == "narrated" else None
        if warning:
            print(warning, file=sys.stderr)
    settings = RenderSettings(quality=QUALITY_NAMES[args.quality], resolution=args.resolution, fps=args.fps,
                              slides=slides, options=tuple(sorted(options.to_environ().items())))
    out_dir = check_out_dir(Path(args.out))
    if options.custom_weights:
        shipped = [t.name for t in targets if getattr(t, "shows", "network") == "shipped"]
        if shipped:
            print(f"note: {', '.join(shipped)} show precomputed runs of the shipped network; "
                  f"--weights does not change them (they say so on screen)", file=sys.stderr)
    return RenderPlan(tuple(targets), tuple(known), settings, options, out_dir,
                      args.jobs or os.cpu_count() or 1, args.force)


# ----------------------------------------------------------------------------------------------- commands

def check_quality_dir(plan: RenderPlan) -> Path:
    """The folder for this quality inside the output folder (``output/480p15``), created."""
    from .render import check_out_dir

    return check_out_dir(plan.settings.output_dir(plan.out_dir))


def cmd_render(args: argparse.Namespace) -> int:
    from .render import join_chapters, render_scenes

    plan = make_plan(args)
    out = check_quality_dir(plan)
    print(f"Rendering {len(plan.targets)} scene(s) at {plan.settings.label} with {plan.jobs} job(s) into {out}/")
    start = time.perf_counter()
    results = render_scenes(plan.targets, plan.settings, out, jobs=plan.jobs, force=plan.force,
                            all_targets=plan.known or plan.targets)
    wall = time.perf_counter() - start
    failed = [r for r in results if not r.ok]
    parts: dict[str, list] = {}
    for t in plan.known:
        parts.setdefault(t.chapter, []).append(t)
    touched = {t.chapter for t in plan.targets if t.chapter}
    if touched:
        join_chapters({c: ts for c, ts in parts.items() if c in touched}, out, plan.settings, plan.known)
    rendered = [r for r in results if r.ok and not r.skipped]
    video = sum(r.duration for r in results if r.ok)
    work = sum(r.seconds for r in results if not r.skipped)
    print(f"{len(rendered)} rendered, {sum(r.skipped for r in results)} up to date, {len(failed)} failed; "
          f"wall time {wall:.1f} s (scene processes {work:.1f} s), {video:.1f} s of video"
          + (f", render/video ratio {wall / video:.2f}" if video and rendered else ""))
    if args.preview and not failed and results:
        print(f"preview: {results[-1].video}")
    if failed:
        names = [r.target.name for r in failed]
        print(f"error: {len(names)} scene(s) failed: {', '.join(names)} (logs in {out / 'logs'})", file=sys.stderr)
        return 1
    return 0


def cmd_slides(args: argparse.Namespace) -> int:
    from .slides import build_deck, deck_path, preflight

    fmt = args.format
    preflight(deck_path(args.deck, fmt, Path(args.out)), fmt, Path(args.out))   # before any work starts
    # a lecture: animations at teaching speed (paced by reading time), silent: the teacher speaks, the narration
    # is in the speaker notes; each slide ends on its beat's finished picture (--pace brisk: a quick check)
    args.pace = args.pace or "narrated"
    if args.voice not in (None, "none"):
        print(f"note: --voice {args.voice} is ignored: slides are silent (manim-slides cuts them from the "
              "animations' own files, which have no sound); the narration is in the speaker notes", file=sys.stderr)
    args.voice = "none"
    plan = make_plan(args, slides=True)
    return build_deck(list(plan.targets), plan.settings, plan.out_dir, args.deck, fmt, jobs=plan.jobs,
                      force=plan.force, all_targets=list(plan.known) or list(plan.targets))


def cmd_inspect(args: argparse.Namespace) -> int:
    from .inspect_sheet import run_inspect

    return run_inspect(args)


# ------------------------------------------------------------------------------------------------- parser

def _add_scene_arguments(p: argparse.ArgumentParser, default_out: str = "output", quality: str = "l") -> None:
    p.add_argument("scenes", nargs="*", metavar="SCENE", help="scene names (see `explainer list`)")
    p.add_argument("--chapter", help="all scenes of one part: 1, 2, extra or questions")
    p.add_argument("--all", action="store_true", help="every scene")
    p.add_argument("--file", help="render classes from this Python file instead of the project's scenes")
    p.add_argument("-q", "--quality", type=quality_name, default=quality,
                   help=f"l 480p15, m 720p30, h 1080p60, k 2160p60 (default {quality}); -ql, -qh and manim's names "
                        "work too")
    p.add_argument("-p", "--preview", action="store_true", help="print the path of the last video when done")
    p.add_argument("--jobs", "-j", type=bounded(1, 64, "a number of jobs"),
                   help="scenes rendered at once (default: number of cores)")
    p.add_argument("--out", default=default_out, help="output folder (default ./%(default)s)")
    p.add_argument("--force", action="store_true", help="render even scenes whose video is up to date")
    p.add_argument("--resolution", type=resolution, help="override the size, e.g. 160,90 for a quick preview")
    p.add_argument("--fps", type=bounded(1, 120, "a frame rate"), help="override the frame rate")
    add_option_arguments(p)


def scenes_cannot_draw(sizes: Sequence[int]) -> str | None:
    """Why the scenes could not draw a network of ``sizes`` (``explainer train`` says so before training), or None."""
    from .options import check_drawable

    try:
        check_drawable(sizes)
    except NNLibError as err:
        return f"{err}, so `explainer render --weights` will refuse it"
    return None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explainer", description="Neural-network explainer: nnlib + Manim scenes.")
    sub = parser.add_subparsers(title="commands")
    nnlib_cli.add_commands(sub)
    sub.choices["train"].set_defaults(scenes_cannot_draw=scenes_cannot_draw)  # train warns before it starts
    p = sub.add_parser("list", help="list the scenes with a one-line description each")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("render", help="render scenes to videos, one per scene and one per chapter")
    _add_scene_arguments(p)
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("slides", help="a lecture deck (HTML, PowerPoint or PDF) with speaker notes, one slide a beat")
    _add_scene_arguments(p, quality="h")
    p.add_argument("--format", choices=["html", "pptx", "pdf"], default="html", help="deck format (default html)")
    p.add_argument("--deck", "--html", dest="deck", help="the deck file to write (default OUT/deck.FORMAT)")
    p.set_defaults(func=cmd_slides)

    p = sub.add_parser("inspect", help="a PNG sheet of a saved network's weights, or (--html) an interactive page")
    p.add_argument("weights", nargs="?", help="the saved network (.npz)")
    p.add_argument("-o", "--out", help="the file to write (default: WEIGHTS_sheet.png, or WEIGHTS_inspector.html)")
    p.add_argument("--html", action="store_true",
                   help="write one self-contained HTML page: draw a digit, watch every layer, click a neuron")
    digit = p.add_mutually_exclusive_group()
    digit.add_argument("--digit", type=bounded(0, 9, "a digit"), help="show a sample image of this digit (0-9)")
    digit.add_argument("--sample-index", type=bounded(0, 10**6, "an index"),
                       help="show exactly this image of the shipped digit sample")
    digit.add_argument("--image", help="show your own handwriting: a picture file (PNG, JPEG...)")
    p.add_argument("--scale", choices=["per-neuron", "shared"], default="per-neuron",
                   help="heatmap colours scaled by each neuron's own largest |w| (default) or one scale for all")
    p.add_argument("--compare", nargs=2, metavar=("A.npz", "B.npz"), help="two networks' first layers side by side")
    p.add_argument("--theme", choices=["default", "colorblind"], default="default", help="colour theme")
    p.set_defaults(func=cmd_inspect)

    add_script_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return nnlib_cli.run(build_parser(), argv)
