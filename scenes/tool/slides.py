"""``explainer slides``: the same scenes as a lecture deck, one slide per narrative beat.

Every scene is a manim-slides ``Slide`` already (:mod:`scenes.content.slide_base`), and each narrated beat starts a
slide whose speaker notes are the beat's narration; so the deck needs no second version of any scene.

The rendered slides are then exported by manim-slides' ``convert`` into one self-contained HTML file (reveal.js):
videos embedded as data URIs, reveal.js itself inlined, so the deck opens offline from a USB stick. Press ``S`` in
the browser for the speaker view with the notes. reveal.js comes from the npm registry once (``npm pack``) into
manim-slides' own asset cache; after that no network is needed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Sequence

from nnlib.errors import NNLibError

from .render import RenderSettings, SceneTarget, check_out_dir, render_scenes


def as_slide(scene_class: type) -> type:
    """``scene_class`` as a slide: explainer scenes already are (see :mod:`scenes.content.slide_base`); a clear error
    for a class that is not, or when manim-slides is not installed."""
    from scenes.content.slide_base import SLIDES_AVAILABLE, SlideBase

    if not SLIDES_AVAILABLE:
        raise NNLibError("slides need manim-slides: pip install 'manim-slides>=5.7,<5.8' (./run.sh does it)")
    if not issubclass(scene_class, SlideBase) and not issubclass(scene_class, _three_d_slide()):
        raise NNLibError(f"{scene_class.__name__} is not a slide: derive it from scenes.content.base.ExplainerScene")
    return scene_class


def _three_d_slide() -> type:
    from scenes.content.slide_base import ThreeDSlideBase

    return ThreeDSlideBase


# ------------------------------------------------------------------------------------------ reveal.js, offline

def reveal_version() -> str:
    """The reveal.js version manim-slides' HTML template is written for."""
    from manim_slides.convert import RevealJS

    return str(RevealJS.model_fields["reveal_version"].default)


def revealjs_cache(version: str) -> Path:
    """manim-slides' cache of reveal.js files (what ``convert --offline`` inlines)."""
    from platformdirs import user_cache_path

    return user_cache_path("manim-slides") / f"revealjs{version}"


REQUIRED_ASSETS = ("reveal.css", "reveal.js", "notes.js", "markdown.js", "zenburn.css", "black.css")


def ensure_revealjs(version: str | None = None) -> Path:
    """Make sure reveal.js's files are in manim-slides' cache, fetching the package from the npm registry if not."""
    version = version or reveal_version()
    cache = revealjs_cache(version)
    if all((cache / name).is_file() for name in REQUIRED_ASSETS):
        return cache
    npm = shutil.which("npm")
    hint = (f"the offline deck needs reveal.js {version}; install npm (apt-get install npm) and rerun with access "
            f"to the npm registry, or put reveal.js's dist files into {cache}")
    if npm is None:
        raise NNLibError(hint)
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([npm, "pack", f"reveal.js@{version}", "--silent", "--pack-destination", tmp],
                              capture_output=True, text=True, timeout=300)
        tarballs = list(Path(tmp).glob("*.tgz"))
        if done.returncode != 0 or not tarballs:
            raise NNLibError(f"{hint} (npm pack failed: {(done.stderr or done.stdout).strip()[-200:]})")
        cache.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarballs[0]) as archive:
            members = [m for m in archive.getmembers() if m.isfile() and m.name.startswith("package/dist/")
                       and m.name.endswith((".js", ".css"))]
            members.sort(key=lambda m: m.name.count("/"))  # the shallowest file wins a name clash
            for member in members:
                target = cache / Path(member.name).name
                if target.exists():
                    continue
                source = archive.extractfile(member)
                if source is not None:
                    target.write_bytes(source.read())
    missing = [name for name in REQUIRED_ASSETS if not (cache / name).is_file()]
    if missing:
        raise NNLibError(f"reveal.js {version} from npm lacks {', '.join(missing)}")
    return cache


def convert_to_html(folder: Path, names: Sequence[str], html: Path) -> Path:
    """manim-slides' convert: the slides ``names`` in ``folder`` -> one self-contained offline HTML file."""
    ensure_revealjs()
    tmp = html.with_name(f".{html.stem}.part{html.suffix}")
    command = [sys.executable, "-m", "manim_slides", "convert", "--folder", str(folder), *names, str(tmp),
               "--to", "html", "--one-file", "--offline", "-v", "error"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0 or not tmp.is_file():
        tmp.unlink(missing_ok=True)
        lines = [l for l in (done.stderr + done.stdout).splitlines() if l.strip()]
        raise NNLibError(f"manim-slides convert failed: {lines[-1].strip() if lines else 'no message'}")
    os.replace(tmp, html)
    return html


def build_deck(targets: Sequence[SceneTarget], settings: RenderSettings, out_dir: Path, html: Path,
               jobs: int | None = None, force: bool = False, all_targets: Sequence[SceneTarget] | None = None) -> int:
    """Render ``targets`` as slides (in parallel, skipping unchanged ones) and export them as one HTML deck."""
    html = Path(html).resolve()  # absolute, like every path below: manim-slides reads them from another folder
    if html.suffix.lower() not in (".html", ".htm"):
        raise NNLibError(f"{html}: the deck is an HTML file; give a name ending in .html")
    if not html.parent.is_dir():
        raise NNLibError(f"cannot write {html}: folder {html.parent} does not exist")
    root = check_out_dir(Path(out_dir)).resolve() / "slides"
    root.mkdir(exist_ok=True)
    folder = root / "manim-slides"
    print(f"Rendering {len(targets)} scene(s) as slides into {root}/")
    results = render_scenes(targets, settings, root, jobs=jobs, force=force, all_targets=all_targets,
                            slides_dir=folder)
    failed = [r.target.name for r in results if not r.ok]
    if failed:
        print(f"error: {len(failed)} scene(s) failed: {', '.join(failed)} (logs in {root / 'logs'})", file=sys.stderr)
        return 1
    convert_to_html(folder, [t.name for t in targets], html)
    size = html.stat().st_size / 1e6
    print(f"wrote {html} ({len(targets)} scene(s), {size:.1f} MB, self-contained): open it in a browser, "
          f"arrow keys to advance, S for speaker notes")
    return 0
