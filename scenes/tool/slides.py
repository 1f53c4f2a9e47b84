"""``explainer slides``: a lecture deck a teacher can present tomorrow, one slide per narrated beat.

Every scene is a manim-slides ``Slide`` already (:mod:`scenes.content.slide_base`): each narrated beat is a slide
whose speaker notes are the beat's narration, and which ends on the beat's finished picture. A deck is each chosen
part's title card, its scenes, and its end card (the separator before the next part), rendered at lecture quality
(1080p by default) with no voice (the teacher speaks; the narration is in the speaker notes). Animations keep their
teaching speed (paced by the narration's reading time, as in the video); a slide stops when its animations are done
and the deck holds its picture until the teacher moves on (``--pace brisk``: one second a beat, for a quick check).
The slides are then converted by manim-slides' own converters:

- ``html``: one self-contained offline file (reveal.js inlined, videos embedded), slide numbers shown, and the slide
  kept in the URL so a reload stays on it. Press ``S`` for the speaker view with the notes;
- ``pptx`` (PowerPoint, videos embedded) and ``pdf`` (one page per slide, its last frame).

Everything the deck needs is checked *before* anything is rendered (:func:`preflight`): manim-slides, reveal.js
(shipped in ``assets/revealjs-6.0.1/`` with its licence and checksums, so no npm and no network are needed), free
disk space, and a writable destination.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from nnlib.errors import NNLibError

from .render import RenderSettings, SceneTarget, check_out_dir, render_scenes
from .render.plan import REPO_ROOT
from .plain_notes import markdown_as_text
from .registry import CARDS_MODULE, PART_CARDS

FORMATS = {"html": (".html", ".htm"), "pptx": (".pptx",), "pdf": (".pdf",)}
#: Free space a deck render needs at least (slide videos at 1080p and the converted deck).
MIN_FREE_BYTES = 1_000_000_000
REVEAL_VERSION = "6.0.1"
SHIPPED_REVEAL = REPO_ROOT / "assets" / f"revealjs-{REVEAL_VERSION}"


def as_slide(scene_class: type) -> type:
    """``scene_class`` as a slide: explainer scenes already are (see :mod:`scenes.content.slide_base`); a clear error
    for a class that is not, or when manim-slides is not installed."""
    from scenes.content.slide_base import SLIDES_AVAILABLE, SlideBase, ThreeDSlideBase

    if not SLIDES_AVAILABLE:
        raise NNLibError("slides need manim-slides: pip install 'manim-slides>=5.7,<5.8' (./run.sh does it)")
    if not issubclass(scene_class, (SlideBase, ThreeDSlideBase)):
        raise NNLibError(f"{scene_class.__name__} is not a slide: derive it from scenes.content.base.ExplainerScene")
    return scene_class


# ------------------------------------------------------------------------------------------ reveal.js, offline

def reveal_version() -> str:
    """The reveal.js version manim-slides' HTML template is written for."""
    from manim_slides.convert import RevealJS

    return str(RevealJS.model_fields["reveal_version"].default)


def revealjs_cache(version: str) -> Path:
    """manim-slides' cache of reveal.js files (what ``convert --offline`` inlines instead of downloading)."""
    from platformdirs import user_cache_path

    return user_cache_path("manim-slides") / f"revealjs{version}"


def shipped_revealjs() -> dict[str, Path]:
    """The shipped reveal.js files, each checked against ``SHA256SUMS``; a clear error if any is missing or changed."""
    sums = SHIPPED_REVEAL / "SHA256SUMS"
    try:
        lines = sums.read_text(encoding="utf-8").split("\n")
    except OSError:
        raise NNLibError(f"{sums}: the shipped reveal.js is missing; restore assets/ from the repository") from None
    files = {}
    for line in filter(None, lines):
        digest, name = line.split(maxsplit=1)
        path = SHIPPED_REVEAL / name.strip()
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            raise NNLibError(f"{path}: a file of the shipped reveal.js is missing") from None
        if actual != digest:
            raise NNLibError(f"{path}: checksum mismatch (the shipped reveal.js was changed)")
        files[path.name] = path
    return files


def install_revealjs() -> Path:
    """Put the shipped reveal.js into manim-slides' cache (a copy; nothing is downloaded) and return the cache."""
    version = reveal_version()
    if version != REVEAL_VERSION:
        raise NNLibError(f"manim-slides wants reveal.js {version}, the project ships {REVEAL_VERSION}; "
                         "install the manim-slides version pinned in pyproject.toml")
    cache = revealjs_cache(version)
    cache.mkdir(parents=True, exist_ok=True)
    for name, path in shipped_revealjs().items():
        target = cache / name
        if not target.is_file() or target.read_bytes() != path.read_bytes():
            tmp = target.with_name(f".{name}.{os.getpid()}.part")
            shutil.copyfile(path, tmp)
            os.replace(tmp, target)
    return cache


# --------------------------------------------------------------------------------------------------- preflight

def deck_path(deck: str | Path | None, fmt: str, out_dir: Path) -> Path:
    """The deck's file (absolute): the name given (its suffix must fit the format), or ``out_dir/deck.<fmt>``."""
    if fmt not in FORMATS:
        raise NNLibError(f"unknown deck format {fmt!r}; choose {', '.join(FORMATS)}")
    path = Path(deck) if deck else Path(out_dir) / f"deck.{fmt}"
    if path.suffix.lower() not in FORMATS[fmt]:
        raise NNLibError(f"{path}: a {fmt} deck needs a name ending in {FORMATS[fmt][0]}")
    return path.resolve()


def preflight(deck: Path, fmt: str, out_dir: Path) -> None:
    """Check, before rendering anything, everything the deck will need; one line naming what is missing."""
    try:
        import manim_slides  # noqa: F401
    except ImportError:
        raise NNLibError("slides need manim-slides: pip install 'manim-slides>=5.7,<5.8' (./run.sh does it)") from None
    if not deck.parent.is_dir():
        raise NNLibError(f"cannot write {deck}: folder {deck.parent} does not exist")
    if not os.access(deck.parent, os.W_OK):
        raise NNLibError(f"cannot write {deck}: folder {deck.parent} is not writable")
    if deck.is_dir():
        raise NNLibError(f"{deck} is a folder; give a file name for the deck")
    if fmt == "html":
        install_revealjs()
    free = shutil.disk_usage(out_dir if out_dir.exists() else out_dir.parent).free
    if free < MIN_FREE_BYTES:
        raise NNLibError(f"only {free / 1e6:.0f} MB free under {out_dir}; a deck needs about "
                         f"{MIN_FREE_BYTES / 1e9:.0f} GB for its slide videos")


# ------------------------------------------------------------------------------------------------ the deck

def with_part_cards(targets: Sequence[SceneTarget]) -> list[SceneTarget]:
    """The deck's order: each part's title card, its chosen scenes, its end card."""
    cards_file = REPO_ROOT / (CARDS_MODULE.replace(".", "/") + ".py")
    out: list[SceneTarget] = []
    for i, target in enumerate(targets):
        starts = i == 0 or targets[i - 1].chapter != target.chapter
        ends = i == len(targets) - 1 or targets[i + 1].chapter != target.chapter
        title, end = PART_CARDS.get(target.chapter, (None, None))
        if starts and title:
            out.append(SceneTarget(title, target.chapter, cards_file))
        out.append(target)
        if ends and end:
            out.append(SceneTarget(end, target.chapter, cards_file))
    return out


def notes_as_text(folder: Path, names: Sequence[str], dest: Path) -> Path:
    """Copies of the slide configs ``names`` in ``folder``, written to ``dest``, whose notes an HTML deck shows as
    text, whatever characters they hold.

    manim-slides puts each slide's notes into the page unescaped, inside an element that reveal.js then reads as
    Markdown and turns into HTML. Narration can carry text from a file (a network's metadata, an image's name), so
    ``<script>`` in it would run. The notes are therefore escaped twice: once for the browser reading the page, once
    for the Markdown step, which decodes the first escaping and must still find text, not tags.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        config = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        for slide in config.get("slides", []):
            # once for the page; then Markdown, which must show the text itself (a link stays text)
            slide["notes"] = html.escape(markdown_as_text(slide.get("notes") or ""), quote=False)
        (dest / f"{name}.json").write_text(json.dumps(config), encoding="utf-8")
    return dest


def convert(folder: Path, names: Sequence[str], deck: Path, fmt: str) -> Path:
    """manim-slides' own converter: the slides ``names`` in ``folder`` -> one deck file, written atomically."""
    tmp = deck.with_name(f".{deck.stem}.{os.getpid()}.part{deck.suffix}")  # this process's own: two runs at once
    if fmt == "html":
        with tempfile.TemporaryDirectory(prefix=".notes-", dir=folder.parent) as escaped:
            return _convert(notes_as_text(folder, names, Path(escaped)), names, deck, tmp, fmt)
    return _convert(folder, names, deck, tmp, fmt)


def _convert(folder: Path, names: Sequence[str], deck: Path, tmp: Path, fmt: str) -> Path:
    command = [sys.executable, "-m", "manim_slides", "convert", "--folder", str(folder), *names, str(tmp),
               "--to", fmt, "-v", "error"]
    if fmt == "html":
        command += ["--one-file", "--offline", "-c", "slide_number=true", "-c", "hash=true",
                    "-c", "title=Neural-network explainer"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except subprocess.TimeoutExpired:
        tmp.unlink(missing_ok=True)
        raise NNLibError("manim-slides convert took over 30 minutes and was stopped") from None
    if done.returncode != 0 or not tmp.is_file():
        tmp.unlink(missing_ok=True)
        lines = [l for l in (done.stderr + done.stdout).splitlines() if l.strip()]
        raise NNLibError(f"manim-slides convert failed: {lines[-1].strip() if lines else 'no message'}")
    os.replace(tmp, deck)
    return deck


def build_deck(targets: Sequence[SceneTarget], settings: RenderSettings, out_dir: Path, deck: str | Path | None,
               fmt: str = "html", jobs: int | None = None, force: bool = False,
               all_targets: Sequence[SceneTarget] | None = None) -> int:
    """Check, render ``targets`` with their part cards as slides (in parallel, skipping unchanged ones), convert."""
    out_dir = Path(out_dir)
    path = deck_path(deck, fmt, out_dir)
    preflight(path, fmt, out_dir)
    root = check_out_dir(settings.output_dir(check_out_dir(out_dir))).resolve() / "slides"
    root.mkdir(exist_ok=True)
    folder = root / "manim-slides"
    slides = with_part_cards(list(targets))
    print(f"Rendering {len(slides)} slide scene(s) at {settings.label} into {root}/")
    results = render_scenes(slides, settings, root, jobs=jobs, force=force,
                            all_targets=list(all_targets or targets) + [s for s in slides if s not in targets],
                            slides_dir=folder)
    failed = [r.target.name for r in results if not r.ok]
    if failed:
        print(f"error: {len(failed)} scene(s) failed: {', '.join(failed)} (logs in {root / 'logs'})", file=sys.stderr)
        return 1
    convert(folder, [t.name for t in slides], path, fmt)
    size = path.stat().st_size / 1e6
    how = ("open it in a browser: arrow keys to advance, S for the speaker notes" if fmt == "html"
           else "open it in PowerPoint or LibreOffice Impress" if fmt == "pptx" else "one page per slide")
    print(f"wrote {path} ({len(slides)} scene(s), {size:.1f} MB): {how}")
    return 0
