"""Architecture rules that keep the library usable on its own."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import nnlib
from tests.conftest import REPO


def test_nnlib_never_imports_manim_or_scenes():
    modules = [f"nnlib.{m.name}" for m in pkgutil.iter_modules(nnlib.__path__) if m.name != "__main__"]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('manim', 'scenes', 'manim_slides'))\n"
            "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(modules) >= 10
    assert result.stdout.strip() == ""


def test_explainer_list_does_not_start_manim():
    code = "import sys; from scenes.cli import main; main(['list']); print('manim' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "NetworkFeedForward" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "False"
