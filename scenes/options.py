"""What a teacher can change without editing code, read when a scene is built.

Scenes are constructed by manim without arguments, so the options travel in environment variables, which the
``explainer`` command sets from its flags and which work just as well with plain ``manim``:

=====================  ==========================================================  =========================
variable               meaning                                                     default
=====================  ==========================================================  =========================
EXPLAINER_WEIGHTS      a saved network (.npz) compatible with the scene            assets/network.npz
EXPLAINER_DIGIT        index into the digit sample, or a path to an image file     (each scene's own choice)
EXPLAINER_SEED         seed for everything random a scene shows (noise, init)      0
EXPLAINER_THEME        colour theme: "default" or "colorblind"                     default
EXPLAINER_BACKGROUND   "dark" or "light" (light suits projectors)                  dark
MNIST_DIR              MNIST folder for scenes that show test images               download cache
=====================  ==========================================================  =========================
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from nnlib.assets import default_weights_path
from nnlib.errors import NNLibError


@dataclass(frozen=True)
class SceneOptions:
    """The options in force for one render."""

    weights: Path
    digit: str | None
    seed: int
    theme: str
    background: str

    @property
    def digit_index(self) -> int | None:
        """The digit option as a sample index, or None if unset or a file path."""
        if self.digit is not None and self.digit.isdigit():
            return int(self.digit)
        return None

    @property
    def digit_file(self) -> Path | None:
        """The digit option as an image file path, or None."""
        if self.digit is not None and not self.digit.isdigit():
            return Path(self.digit)
        return None


def read_options(environ: dict[str, str] | None = None) -> SceneOptions:
    """Read the options from the environment (or a given mapping), validating each."""
    env = os.environ if environ is None else environ
    seed_text = env.get("EXPLAINER_SEED", "0")
    try:
        seed = int(seed_text)
    except ValueError:
        raise NNLibError(f"EXPLAINER_SEED must be an integer, got {seed_text!r}") from None
    theme = env.get("EXPLAINER_THEME", "default")
    if theme not in ("default", "colorblind"):
        raise NNLibError(f"unknown theme {theme!r}; choose default or colorblind")
    background = env.get("EXPLAINER_BACKGROUND", "dark")
    if background not in ("dark", "light"):
        raise NNLibError(f"unknown background {background!r}; choose dark or light")
    weights = Path(env["EXPLAINER_WEIGHTS"]) if env.get("EXPLAINER_WEIGHTS") else default_weights_path()
    return SceneOptions(weights, env.get("EXPLAINER_DIGIT") or None, seed, theme, background)
