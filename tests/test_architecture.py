"""Architecture rules: the library stands alone, the scenes have one base, no import cycles, small modules."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    code = "import sys; from scenes.tool.cli import main; main(['list']); print('manim' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "NetworkFeedForward" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "False"


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(packages=("scenes", "nnlib")) -> dict[str, set[str]]:
    """{module: project modules it imports}, read from the source (imports inside functions count too)."""
    files = [f for p in packages for f in (REPO / p).rglob("*.py")]
    names = {_module_name(f): f for f in files}
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        is_package = path.name == "__init__.py"
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[:len(anchor) - node.level + 1]
                    base = ".".join(anchor + ([node.module] if node.module else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            for target in targets:
                while target and target not in names:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    deps.add(target)
        graph[name] = deps
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return stack[stack.index(dep):] + [dep]
            if dep not in state:
                found = visit(dep)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles_in_the_project():
    assert find_cycle(import_graph()) is None


def test_the_content_wing_does_not_run_the_tool():
    """Scenes may read their options from the tool wing, but never its command line, render or slides code."""
    graph = import_graph()
    for module, deps in graph.items():
        if module.startswith("scenes.content"):
            bad = [d for d in deps if d.startswith("scenes.tool") and d != "scenes.tool.options"]
            assert not bad, f"{module} imports {bad}"


def test_no_module_over_450_lines():
    long = {str(f.relative_to(REPO)): n for p in ("scenes", "nnlib") for f in (REPO / p).rglob("*.py")
            if (n := len(f.read_text(encoding="utf-8").splitlines())) > 450 and "_old" not in f.name}
    assert not long


@pytest.mark.render
def test_every_registered_scene_derives_from_the_base_and_renders_tiny():
    from scenes.content.base import Explainer3DScene, ExplainerScene
    from scenes.tool.registry import SCENES
    from tests.scene_rendering import render_scene

    for info in SCENES:
        module = importlib.import_module(info.module)
        cls = getattr(module, info.name)
        assert issubclass(cls, (ExplainerScene, Explainer3DScene)), info.name
        assert Path(module.__file__).resolve() == (REPO / info.file).resolve()
    # one of them end to end at the tiniest size (every scene is rendered by its chapter's own tests)
    scene, frame = render_scene(getattr(importlib.import_module(SCENES[0].module), SCENES[0].name), width=160)
    assert scene.beats and frame.shape == (90, 160, 3) and frame.max() > 100
