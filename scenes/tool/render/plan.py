"""What to render and how: the scenes as targets, the render settings, and what became of each scene.

Plain data, no manim: the command line builds a list of :class:`SceneTarget` and one :class:`RenderSettings`, then
:mod:`scenes.tool.render.run` renders them and :mod:`scenes.tool.render.join` joins each chapter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

REPO_ROOT = Path(__file__).resolve().parents[3]

#: manim's quality names for the one-letter flags (l = 480p15, m = 720p30, h = 1080p60, k = 2160p60).
QUALITIES = {"l": "low_quality", "m": "medium_quality", "h": "high_quality", "k": "fourk_quality"}
#: (width, height, frames per second) of each quality, as manim renders them.
QUALITY_SIZES = {"l": (854, 480, 15), "m": (1280, 720, 30), "h": (1920, 1080, 60), "k": (3840, 2160, 60)}


@dataclass(frozen=True)
class SceneTarget:
    """One scene to render: the class ``name`` defined in the Python file ``source``, and its part (``chapter``:
    "1", "2", "extra", or "" for a file of the user's own)."""

    name: str
    chapter: str
    source: Path
    slow: bool = False  # known to take much longer than the rest: started first when no earlier time is known
    shows: str = "network"  # "shipped": precomputed runs of the shipped network (see the registry)


@dataclass(frozen=True)
class RenderSettings:
    """How to render: manim quality letter, optional size/fps overrides, slide mode, and the teacher's options.

    ``options`` holds the ``EXPLAINER_*`` environment variables (see ``scenes/tool/options.py``): every option in
    force, however it was given, so it is part of every fingerprint, and the only way options reach a worker.
    """

    quality: str = "l"
    resolution: tuple[int, int] | None = None
    fps: int | None = None
    slides: bool = False
    options: tuple[tuple[str, str], ...] = ()

    def describe(self) -> dict:
        return {"quality": self.quality, "resolution": list(self.resolution) if self.resolution else None,
                "fps": self.fps, "slides": self.slides, "options": dict(self.options)}

    @property
    def size(self) -> tuple[int, int, int]:
        """(width, height, fps) the videos will have."""
        width, height, fps = QUALITY_SIZES[self.quality]
        if self.resolution:
            width, height = self.resolution
        return width, height, self.fps or fps

    @property
    def label(self) -> str:
        """The quality as manim names its media folders: ``480p15``, ``1080p60``..."""
        width, height, fps = self.size
        return f"{width}x{height}p{fps}" if self.resolution else f"{height}p{fps}"

    def output_dir(self, out_dir: Path) -> Path:
        """Where videos of this quality go: ``out_dir/480p15`` (so renders at different qualities coexist)."""
        return Path(out_dir) / self.label


@dataclass
class SceneResult:
    """What became of one scene."""

    target: SceneTarget
    ok: bool
    video: Path | None = None
    seconds: float = 0.0
    duration: float = 0.0
    skipped: bool = False
    error: str = ""
    extra: dict = field(default_factory=dict)


def targets_from_registry(infos: Iterable, root: Path = REPO_ROOT) -> list[SceneTarget]:
    """Turn registry entries (``SceneInfo``) into render targets."""
    return [SceneTarget(info.name, info.part, root / info.file, info.slow, info.shows) for info in infos]


