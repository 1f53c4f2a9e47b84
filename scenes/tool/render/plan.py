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


@dataclass(frozen=True)
class SceneTarget:
    """One scene to render: the class ``name`` defined in the Python file ``source``, and its ``chapter``."""

    name: str
    chapter: int
    source: Path
    slow: bool = False  # known to take much longer than the rest: started first when no earlier time is known


@dataclass(frozen=True)
class RenderSettings:
    """How to render: manim quality letter, optional size/fps overrides, slide mode, and the teacher's options.

    ``options`` holds the ``EXPLAINER_*`` environment variables (see ``scenes/options.py``) given to every worker.
    """

    quality: str = "l"
    resolution: tuple[int, int] | None = None
    fps: int | None = None
    slides: bool = False
    options: tuple[tuple[str, str], ...] = ()

    def describe(self) -> dict:
        return {"quality": self.quality, "resolution": self.resolution, "fps": self.fps, "slides": self.slides,
                "options": dict(self.options)}


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
    return [SceneTarget(info.name, info.chapter, root / info.file, info.slow) for info in infos]


