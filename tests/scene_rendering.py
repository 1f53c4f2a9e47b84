"""Rendering a scene in a test: tiny, fast, no file written, with chosen options; the last frame as pixels.

>>> scene, frame = render_scene(PixelsAsNeurons, width=320)               # doctest: +SKIP
>>> frame.shape                                                          # doctest: +SKIP
(180, 320, 3)

Scenes are rendered at brisk pace (one second a beat) unless ``pace="narrated"``; with ``voice="none"`` a narrated
render is paced by reading time, without sound. ``options`` are ``EXPLAINER_*`` values by short name
(``digit=7``, ``weights=path``...). The narration a scene builds is the same at every pace (only its timing
differs), so a brisk render is how narration tests read every beat.
"""

from __future__ import annotations

import numpy as np
from manim import tempconfig

from scenes.tool.options import VARIABLES, explainer_environment


def scene_options(**options):
    """Set ``EXPLAINER_*`` variables for the block (all others unset), then restore the environment."""
    return explainer_environment({VARIABLES[key]: str(value) for key, value in options.items() if value is not None})


def render_scene(scene_class: type, *, width: int = 320, fps: int = 5, pace: str = "brisk", voice: str = "none",
                 **options) -> tuple[object, np.ndarray]:
    """Render ``scene_class`` (dry run) and return the scene and its last frame as an (H, W, 3) int array."""
    settings = {"pixel_width": width, "pixel_height": width * 9 // 16, "frame_rate": fps, "dry_run": True,
                "disable_caching": True, "progress_bar": "none", "verbosity": "WARNING"}
    with scene_options(pace=pace, voice=voice, **options), tempconfig(settings):
        scene = scene_class()
        scene.render()
        # the last wait left its background picture (every still mobject) behind: drawn under a fresh update, each
        # translucent mobject would be painted twice (a neuron at 0.52 would read as 0.77)
        scene.renderer.static_image = None
        scene.renderer.update_frame(scene)
        frame = scene.renderer.get_frame()[:, :, :3].astype(int)
    return scene, frame


#: Narrations already run in this test process: {key: scene} (see :func:`narrate_scene`).
_NARRATED: dict = {}


def _project_state() -> dict:
    """{(module, name): id} of every module-level object of the project's modules. A test that monkeypatches a
    function of nnlib or the scenes changes it, so a narration made under a patch is never handed to a test without
    it (and the reverse); modules and names imported since do not count (:func:`_same_state`)."""
    import sys

    return {(name, attribute): id(value) for name, module in list(sys.modules.items())
            if name.startswith(("nnlib", "scenes")) for attribute, value in list(vars(module).items())}


def _same_state(then: dict) -> bool:
    """Whether every module-level object recorded in ``then`` is still the same object."""
    import sys

    missing = object()
    for (name, attribute), ident in then.items():
        module = sys.modules.get(name)
        if module is None or id(vars(module).get(attribute, missing)) != ident:
            return False
    return True


def _options_key(options: dict) -> tuple:
    """The options, with a file's size and modification time beside its name (a file rewritten in place counts)."""
    import os

    key = []
    for name, value in sorted(options.items()):
        stamp = None
        if isinstance(value, (str, os.PathLike)) and os.path.isfile(value):
            info = os.stat(value)
            stamp = (info.st_size, info.st_mtime_ns)
        key.append((name, str(value), stamp))
    return tuple(key)


def narrate_scene(scene_class: type, **options) -> object:
    """Run ``scene_class`` for its narration only, every play and wait skipped (a second or two, not a render).

    The scene still computes everything it would show, so its ``shown_*`` attributes and ``beats`` are all there.
    A narration is made once per test process for the same class and options (many test files ask for the same
    scenes' words); treat the scene returned as read-only.
    """
    import os

    environment = tuple(sorted((k, v) for k, v in os.environ.items() if not k.startswith(("PYTEST_", "EXPLAINER_"))))
    key = (scene_class, _options_key(options), environment)  # MNIST_DIR unset: another story
    if key not in _NARRATED or not _same_state(_NARRATED[key][1]):
        scene = _narrate(scene_class, **options)
        _NARRATED[key] = (scene, _project_state())
    return _NARRATED[key][0]


def _narrate(scene_class: type, **options) -> object:
    settings = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5, "dry_run": True, "disable_caching": True,
                "progress_bar": "none", "verbosity": "WARNING"}
    with scene_options(pace="brisk", voice="none", **options), tempconfig(settings):
        scene = scene_class()
        scene.play = scene.wait = lambda *args, **kwargs: None
        scene.next_slide = None
        scene.render()
    return scene


def said(scene) -> str:
    """Everything a scene says, beat after beat, as one text."""
    return " ".join(beat.text for beat in scene.beats)


#: Renders kept for the test process by :func:`render_once`: {(scene class, width, fps): (scene, frame)}.
_RENDERED: dict = {}


def render_once(scene_class: type, width: int = 320, fps: int = 2) -> tuple[object, np.ndarray]:
    """:func:`render_scene` with the shipped defaults, made once per test process for each class and size (tests
    that only read a scene's shown values and last frame share it)."""
    key = (scene_class, width, fps)
    if key not in _RENDERED:
        _RENDERED[key] = render_scene(scene_class, width=width, fps=fps)
    return _RENDERED[key]


def texts_shown(scene) -> list[str]:
    """The words of every text mobject on the scene's last frame (as written, before typesetting)."""
    return [m.original_text for top in scene.mobjects for m in top.get_family() if hasattr(m, "original_text")]
