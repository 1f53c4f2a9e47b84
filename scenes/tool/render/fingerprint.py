"""When is a video up to date? A hash of everything it depends on, stored beside it.

For each scene we hash the source of its module, every shared source file under ``scenes/content/`` and
``nnlib/`` and ``scenes/voice/`` (components, the scene base, the voice, the library), every file in ``assets/``, the chosen weights file and digit
image, the project's ``manim.cfg``, ``MNIST_DIR``, manim's version and the render settings (quality, size, every scene option). The hash is stored
beside the video as ``Name.mp4.json``; a scene whose hash has not changed is not rendered again.
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

FINGERPRINT_VERSION = "explainer-render-2"


def _defines_construct(node: ast.ClassDef) -> bool:
    return any(isinstance(n, ast.FunctionDef) and n.name == "construct" for n in node.body)


def _class_and_module_source(source: Path, name: str) -> str:
    """The source of class ``name`` plus the module-level code of its file, without the other scene classes
    (classes with a ``construct`` method).

    Editing one scene of ``chapter1.py`` thus changes only that scene's fingerprint, while editing a helper function
    or an import at the top of the file changes all of them.
    """
    text = source.read_text(encoding="utf-8")
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text  # the worker will report the syntax error; any edit re-renders
    lines = text.splitlines()
    parts = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name != name and _defines_construct(node):
            continue
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        parts.append("\n".join(lines[first - 1:node.end_lineno]))
    return "\n".join(parts)


def shared_sources(root: Path, scene_files: set[Path]) -> list[Path]:
    """Source files every scene depends on: all of ``nnlib/``, ``scenes/content/`` and ``scenes/voice/`` except the
    scene files.

    The tool wing (``scenes/tool/``: command line, registry, render, slides) runs scenes but draws nothing, so
    editing it re-renders nothing; the options it passes are hashed through the settings instead.
    """
    files = (sorted((root / "nnlib").rglob("*.py")) + sorted((root / "scenes" / "content").rglob("*.py"))
             + sorted((root / "scenes" / "voice").rglob("*.py")))
    return [f for f in files if f.resolve() not in scene_files]


def _hash_file(h: "hashlib._Hash", path: Path) -> None:
    h.update(str(path.name).encode())
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        h.update(b"<missing>")


def shared_digest(settings: RenderSettings, targets: Sequence[SceneTarget], root: Path = REPO_ROOT) -> str:
    """The hash of what every scene depends on: settings, shared sources, assets, data and manim's version."""
    from nnlib.assets import assets_dir, default_sample_path, default_weights_path

    from scenes.tool.registry import SCENES

    scene_files = {t.source.resolve() for t in targets} | {(root / s.file).resolve() for s in SCENES}
    h = hashlib.sha256()
    h.update(FINGERPRINT_VERSION.encode())
    h.update(json.dumps(settings.describe(), sort_keys=True).encode())
    for f in shared_sources(root, scene_files):
        _hash_file(h, f)
    _hash_file(h, root / "manim.cfg")  # the workers run in the project folder, so manim reads its config there
    if settings.slides:  # how a scene becomes slides is decided there
        _hash_file(h, Path(__file__).parent.parent / "slides.py")
    options = dict(settings.options)
    # the weights, the digit sample and the precomputed results (learning curves, landscapes...) in assets/
    data_files = {Path(options.get("EXPLAINER_WEIGHTS") or default_weights_path()), default_sample_path()}
    if assets_dir().is_dir():
        data_files |= {f for f in assets_dir().iterdir() if f.is_file()}
    digit = options.get("EXPLAINER_DIGIT")
    if digit and not digit.isdigit():
        data_files.add(Path(digit))
    for f in sorted(data_files):
        _hash_file(h, f)
    h.update(os.environ.get("MNIST_DIR", "").encode())
    try:
        from importlib.metadata import version

        h.update(version("manim").encode())
    except Exception:  # pragma: no cover - manim always installed with the project
        pass
    return h.hexdigest()


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
        return json.loads(stamp.read_text())
    except (OSError, ValueError):
        return None


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
    seconds = playable_seconds(video)
    expected = stamp.get("duration")
    return seconds is not None and (not isinstance(expected, (int, float)) or abs(seconds - expected) < 0.5)

