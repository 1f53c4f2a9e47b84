"""The README promises things a new user will try first: keep them true."""

from __future__ import annotations

import re

from tests.conftest import REPO


def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_teacher_example_is_the_tested_example_file():
    """The code a teacher copies from the README is exactly the scene that test_render renders."""
    example = (REPO / "tests" / "example_teacher_scene.py").read_text(encoding="utf-8")
    code = example[example.index("from manim"):]
    assert f"```python\n{code}```" in readme()


def test_readme_commands_name_real_make_targets_and_scenes():
    from scenes.tool.registry import SCENES

    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"\./run\.sh (\w[\w-]*)", readme()):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), f"README runs ./run.sh {target}, no such target"
    names = {spec.name for spec in SCENES}
    for scene in re.findall(r"manim -ql scenes/\w+\.py (\w+)", readme()):
        assert scene in names
