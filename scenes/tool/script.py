"""``explainer script``: the narration of the explainer, scene by scene and beat by beat, to read aloud or record.

The narration lives in the scenes (each ``with self.beat("...")``), and some of its words are numbers computed for
the picture (the digit shown, the network's answer), so the only faithful way to get it is to run the scenes. We
run each one as manim would, but with every animation skipped (manim's ``skip_animations``: animations jump to
their end, no frame is drawn, nothing is written), silent and at brisk pace: the scene's ``beats`` then hold every
beat's id and words. Chapter 1 takes a few seconds a scene.

Beat ids (``PixelsAsNeurons-01``, ``PixelsAsNeurons-02``...) are the scene's name and the beat's place in it: the
same ids the scene base gives its beats, and the names ``--voice recordings`` looks for (``recordings/<id>.wav``).
They stay the same as long as the scene's beats do; the options that change what is said (``--digit``,
``--weights``...) are accepted here too, so the script says what the film will say.

Output: Markdown (a heading a scene, each beat's id in bold above its words, and what the machine voice says where
that differs) to read aloud, and JSON with the same content for tools (each beat's written ``text`` and ``spoken``
form). ``-o FILE.md`` or ``-o FILE.json`` writes one file; ``-o FOLDER`` writes both
(``FOLDER/chapter1.md`` and ``FOLDER/chapter1.json``); without ``-o`` the script goes to the standard output.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from nnlib.atomic import atomic_write, check_writable
from nnlib.errors import NNLibError

from .arguments import bounded, scene_options
from .options import ExplainerOptions, explainer_environment
from .private_media import private_media_dir
from .registry import PARTS, SCENES, SceneInfo, find_part, scenes_named, scenes_of_chapter

#: Reading pace the script's time estimates use (the scene base's silent pace).
WORDS_PER_MINUTE = 165


@dataclass(frozen=True)
class ScriptBeat:
    """One beat to read: its stable ``id`` and its words."""

    id: str
    text: str
    spoken: str = ""  # what the voice says (the spoken form: "-3.8" is "minus three point eight")

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def seconds(self) -> float:
        """About how long reading it aloud takes."""
        return self.words * 60.0 / WORDS_PER_MINUTE


@dataclass(frozen=True)
class SceneScript:
    """One scene's narration."""

    name: str
    part: str
    description: str
    beats: tuple[ScriptBeat, ...]
    missing: bool = False  # registered, but its module is not written yet

    @property
    def words(self) -> int:
        return sum(b.words for b in self.beats)


# --------------------------------------------------------------------------------------------- building it

def scene_narration(scene_class: type, options: ExplainerOptions | None = None,
                    media_dir: Path | None = None) -> list[ScriptBeat]:
    """Run ``scene_class`` without drawing anything and return its beats (ids and words).

    ``options`` are the scene options in force (the digit, the network...); voice and pace are set to silent and
    brisk, which change only the timing, never the words. ``media_dir`` is where manim may keep its text caches
    (give each process its own: see :mod:`scenes.tool.private_media`; default: a scratch folder for this call).
    """
    from manim import tempconfig

    if media_dir is None:
        with private_media_dir("explainer-script") as scratch:
            return scene_narration(scene_class, options, scratch)

    options = replace(options or ExplainerOptions(), voice="none", pace="brisk", recordings=None, _cache={})
    settings = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5, "dry_run": True, "skip_animations": True,
                "disable_caching": True, "progress_bar": "none", "verbosity": "ERROR", "media_dir": str(media_dir)}
    name = scene_class.__name__
    with explainer_environment(options.to_environ()), tempconfig(settings), contextlib.redirect_stdout(sys.stderr):
        try:
            scene = scene_class()
            scene.next_slide = None  # no slide bookkeeping: we only want the words
            scene.render()
        except NNLibError:
            raise
        except Exception as err:  # a broken scene: one line naming it
            first = str(err).strip().splitlines()[0] if str(err).strip() else ""
            raise NNLibError(f"scene {name} failed while building its narration: {type(err).__name__}: {first}") \
                from None
    beats = getattr(scene, "beats", None)
    if beats is None:
        raise NNLibError(f"scene {name} is not an explainer scene (it has no narrated beats)")
    return [ScriptBeat(b.id, b.text, getattr(b, "spoken", "") or b.text) for b in beats]


def build_script(infos: Sequence[SceneInfo], options: ExplainerOptions | None = None,
                 progress=None) -> list[SceneScript]:
    """The narration of the registered scenes ``infos``, in the order given."""
    with private_media_dir("explainer-script") as media:  # manim's text caches: this process's own
        return _build_script(infos, options, progress, media)


def _build_script(infos: Sequence[SceneInfo], options: ExplainerOptions | None, progress, media: Path) \
        -> list[SceneScript]:
    scripts = []
    for info in infos:
        try:
            cls = getattr(importlib.import_module(info.module), info.name)
        except ModuleNotFoundError as err:
            if err.name != info.module:
                raise NNLibError(f"scene {info.name}: cannot import it from {info.file} ({err})") from None
            if progress is not None:  # a registered scene whose module is still to be written: said, not fatal
                progress.write(f"  {info.name:<26} not written yet ({info.file} does not exist)\n")
            scripts.append(SceneScript(info.name, info.part, info.description, (), missing=True))
            continue
        except (ImportError, AttributeError) as err:
            raise NNLibError(f"scene {info.name}: cannot import it from {info.file} ({err})") from None
        start = time.perf_counter()
        beats = scene_narration(cls, options, media)
        if progress is not None:
            progress.write(f"  {info.name:<26} {len(beats):3d} beats {sum(b.words for b in beats):6d} words "
                           f"({time.perf_counter() - start:.1f} s)\n")
        scripts.append(SceneScript(info.name, info.part, info.description, tuple(beats)))
    return scripts


# ------------------------------------------------------------------------------------------------- writing

def _minutes(words: int) -> str:
    return f"about {words / WORDS_PER_MINUTE:.0f} minutes at {WORDS_PER_MINUTE} words a minute"


def script_markdown(scripts: Sequence[SceneScript], title: str, options_note: str = "") -> str:
    """The script to read aloud: a heading a scene, every beat's id in bold, then its words."""
    words = sum(s.words for s in scripts)
    beats = sum(len(s.beats) for s in scripts)
    lines = [f"# Narration: {title}", "",
             f"{len(scripts)} scenes, {beats} beats, {words:,} words ({_minutes(words)}).", "",
             "To use your own voice, record each beat into one audio file named after its id, all in one folder "
             "(`recordings/PixelsAsNeurons-01.wav`; .wav, .mp3, .m4a, .ogg and .flac work), then render with "
             "`explainer render --voice recordings --recordings recordings`. Each beat lasts as long as its "
             "recording; a beat not recorded yet is spoken by the Piper voice, and the render names it. Write this "
             "script into the recordings folder first (`explainer script -o recordings`): if a beat's words change "
             "later, the render warns that its recording is out of date. Under each beat, \"Spoken\" is what the "
             "machine voice says where it differs from the written words (numbers and symbols read out)."]
    if options_note:
        lines += ["", f"Options in force: {options_note}."]
    for number, scene in enumerate(scripts, 1):
        part = PARTS[scene.part].title if scene.part in PARTS else scene.part
        lines += ["", f"## {number}. {scene.name}", "", f"_{part.rstrip('.?!')}: {scene.description}._"]
        if scene.missing:
            lines += ["", "(This scene is not written yet: it has no narration.)"]
        for beat in scene.beats:
            lines += ["", f"**{beat.id}** ({beat.words} words, about {beat.seconds:.0f} s)", "", beat.text]
            if beat.spoken and beat.spoken != beat.text:
                lines += ["", f"> Spoken: {beat.spoken}"]
    return "\n".join(lines) + "\n"


def script_data(scripts: Sequence[SceneScript], title: str, options: ExplainerOptions | None = None) -> dict:
    """The same content as JSON-ready data, for tools (recording apps, translation)."""
    shown = {k: v for k, v in (options or ExplainerOptions()).describe().items()
             if k not in ("voice", "pace", "recordings")}
    return {"title": title, "words_per_minute": WORDS_PER_MINUTE, "options": shown,
            "words": sum(s.words for s in scripts), "beats": sum(len(s.beats) for s in scripts),
            "scenes": [{"name": s.name, "part": s.part, "description": s.description, "words": s.words,
                        "written": not s.missing,
                        "beats": [{"id": b.id, "text": b.text, "spoken": b.spoken or b.text, "words": b.words,
                                   "reading_seconds": round(b.seconds, 1)} for b in s.beats]}
                       for s in scripts]}


def _options_note(options: ExplainerOptions) -> str:
    default = ExplainerOptions().describe()
    changed = {k: v for k, v in options.describe().items()
               if v != default.get(k) and k not in ("voice", "pace", "recordings", "theme", "background")}
    return ", ".join(f"{k.replace('_', '-')} {v}" for k, v in changed.items())


def _write(path: Path, text: str) -> Path:
    with atomic_write(path) as handle:
        handle.write(text.encode("utf-8"))
    return path


# ------------------------------------------------------------------------------------------------- command

def chosen_scenes(args: argparse.Namespace) -> tuple[list[SceneInfo], str, str]:
    """The scenes asked for, a title and a file stem: one part (``--chapter``), named scenes, or all of them."""
    if args.chapter is not None and args.scenes:
        raise NNLibError("choose --chapter or scene names, not both")
    if args.chapter is not None:
        part = find_part(args.chapter)
        return scenes_of_chapter(part.key), part.title, part.stem
    if args.scenes:
        infos = scenes_named(args.scenes)
        return infos, ", ".join(i.name for i in infos), "script"
    return list(SCENES), "the whole explainer", "explainer"


def output_files(out: str | None, fmt: str | None, stem: str) -> list[tuple[str, Path | None]]:
    """Where each format goes: [(format, path)], path None meaning the standard output."""
    if out is None:
        return [(fmt or "md", None)]
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix in (".md", ".json"):
        wanted = fmt or suffix[1:]
        if wanted != suffix[1:]:
            raise NNLibError(f"--format {wanted} but {path} is a .{suffix[1:]} file")
        check_writable(path)  # a missing folder, a file where the folder should be: one line now
        return [(wanted, path)]
    if path.exists() and not path.is_dir():
        raise NNLibError(f"{path} is neither a folder nor a .md or .json file")
    if not path.exists() and suffix:  # x.txt, notes.markdown: a file meant, not a folder
        raise NNLibError(f"-o {path}: a script is written as a .md or .json file (or into a folder); "
                         f"{suffix} is neither -- try {path.with_suffix('.md')}")
    if not path.exists():
        check_writable(path)
        if not path.parent.is_dir():
            raise NNLibError(f"cannot create folder {path}: folder {path.parent} does not exist")
        path.mkdir()
    return [(f, path / f"{stem}.{f}") for f in ([fmt] if fmt else ["md", "json"])]


def cmd_script(args: argparse.Namespace) -> int:
    infos, title, stem = chosen_scenes(args)
    options = scene_options(args)  # the digit, network... as for render, checked once
    targets = output_files(args.out, args.format, stem)  # before the work, so a bad path fails at once
    start = time.perf_counter()
    sys.stderr.write(f"Building the narration of {len(infos)} scene(s) (animations skipped, nothing drawn)\n")
    scripts = build_script(infos, options, progress=sys.stderr)
    words = sum(s.words for s in scripts)
    for fmt, path in targets:
        text = (json.dumps(script_data(scripts, title, options), indent=1, ensure_ascii=False) + "\n"
                if fmt == "json" else script_markdown(scripts, title, _options_note(options)))
        if path is None:
            sys.stdout.write(text)
        else:
            _write(path, text)
    where = ", ".join(str(p) for _, p in targets if p is not None) or "standard output"
    sys.stderr.write(f"{sum(len(s.beats) for s in scripts)} beats, {words:,} words ({_minutes(words)}) in "
                     f"{time.perf_counter() - start:.1f} s -> {where}\n")
    return 0


def add_script_command(sub: argparse._SubParsersAction) -> None:
    """Register ``explainer script`` on the command's subparsers."""
    p = sub.add_parser("script", help="the narration, scene by scene and beat by beat, as Markdown to read aloud "
                                      "and JSON with the beat ids --voice recordings uses")
    p.add_argument("scenes", nargs="*", metavar="SCENE", help="scene names (default: every scene)")
    p.add_argument("--chapter", help="all scenes of one part: 1, 2, extra or questions")
    p.add_argument("--format", choices=["md", "json"],
                   help="md (to read aloud) or json (for tools); default: from -o's suffix, both for a folder, "
                        "md on the standard output")
    p.add_argument("-o", "--out", help="a .md or .json file, or a folder for both (default: standard output)")
    g = p.add_argument_group("what the scenes show (the narration follows it; as for render)")
    g.add_argument("--weights", help="a saved network (.npz) (default: the shipped one)")
    digit = g.add_mutually_exclusive_group()
    digit.add_argument("--digit", type=bounded(0, 9, "a digit"), help="a sample image of this digit (0-9)")
    digit.add_argument("--sample-index", type=bounded(0, 10**6, "an index"),
                       help="exactly this image of the shipped digit sample")
    digit.add_argument("--image", help="your own handwriting: a picture file (PNG, JPEG...)")
    g.add_argument("--seed", type=bounded(0, 2**32 - 1, "a seed"), help="seed for everything random (default 0)")
    p.set_defaults(func=cmd_script)
