"""An edited scene is never "up to date": the render stamp covers the scene's code, the code it imports, every
input file by content and every option (see scenes/tool/render/fingerprint.py).

One real render of a fixture scene that imports a helper module from beside its file, then edits: the helper
(only the import tracking can see it), and restoring it (each render's stamp holds what it was made from). The
cheaper cases (a comment, a picture redrawn in place, a recording) are checked on the fingerprint itself.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from scenes.tool.cli import main
from scenes.tool.render import RenderSettings, SceneTarget, fingerprint, is_up_to_date, read_stamp

TINY = ["--resolution", "160,90", "--fps", "5", "--pace", "brisk", "--voice", "none"]

SCENE = '''"""A fixture scene whose colour comes from a helper module beside it."""
from manim import Square, FadeIn

from scenes.content.base import ExplainerScene
from reliability_helper import COLOUR


class Edited(ExplainerScene):
    def construct(self):
        self.say("A square.", FadeIn(Square(color=COLOUR)))
'''


def run(*argv: str) -> tuple[int, str]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        code = main(list(argv))
    return code, buf.getvalue()


@pytest.mark.render
def test_editing_an_imported_module_and_restoring_it_each_re_render(tmp_path):
    scene = tmp_path / "edited_scene.py"
    scene.write_text(SCENE)
    helper = tmp_path / "reliability_helper.py"
    helper.write_text('COLOUR = "#ff0000"\n')
    render = ["render", "--file", str(scene), "Edited", "--out", str(tmp_path / "out"), *TINY]
    code, text = run(*render)
    assert code == 0 and "1 rendered" in text, text
    video = tmp_path / "out" / "160x90p5" / "scenes" / "Edited.mp4"
    stamp = read_stamp(video)
    assert str(helper.resolve()) in stamp["sources"]            # the worker recorded what the scene imported
    assert any(p.endswith("scenes/content/base.py") for p in stamp["sources"])
    assert str(scene.resolve()) not in stamp["sources"]        # its own file is hashed class by class instead
    assert "0 rendered, 1 up to date" in run(*render)[1]

    helper.write_text('COLOUR = "#0000ff"\n')                  # an edit the scene's own file does not show
    code, text = run(*render)
    assert code == 0 and "1 rendered" in text, text
    helper.write_text('COLOUR = "#ff0000"\n')                  # restored: the video of the blue edit is stale too
    code, text = run(*render)
    assert code == 0 and "1 rendered" in text, text
    assert "0 rendered, 1 up to date" in run(*render)[1]


def test_any_edit_of_the_scene_file_counts_even_a_comment(tmp_path):
    src = tmp_path / "s.py"
    src.write_text("class A:\n    def construct(self):\n        pass\n")
    a = SceneTarget("A", "", src)
    before = fingerprint(a, RenderSettings(), [a], root=tmp_path)
    src.write_text("# the square is now red\nclass A:\n    def construct(self):\n        pass\n")
    assert fingerprint(a, RenderSettings(), [a], root=tmp_path) != before
    src.write_text("class A:\n    def construct(self):\n        pass\n")
    assert fingerprint(a, RenderSettings(), [a], root=tmp_path) == before


def test_a_picture_or_weights_changed_in_place_change_the_fingerprint(tmp_path):
    src = tmp_path / "s.py"
    src.write_text("class A:\n    def construct(self):\n        pass\n")
    a = SceneTarget("A", "", src)
    picture, weights = tmp_path / "digit.png", tmp_path / "net.npz"
    picture.write_bytes(b"first drawing")
    weights.write_bytes(b"first weights")
    settings = RenderSettings(options=(("EXPLAINER_IMAGE", str(picture)), ("EXPLAINER_WEIGHTS", str(weights))))
    before = fingerprint(a, settings, [a], root=tmp_path)
    picture.write_bytes(b"second drawing")                    # same path, same option text: new content
    after_picture = fingerprint(a, settings, [a], root=tmp_path)
    assert after_picture != before
    weights.write_bytes(b"second weights")
    assert fingerprint(a, settings, [a], root=tmp_path) != after_picture


def test_recordings_count_by_content(tmp_path):
    src = tmp_path / "s.py"
    src.write_text("class A:\n    def construct(self):\n        pass\n")
    a = SceneTarget("A", "", src)
    folder = tmp_path / "recordings"
    folder.mkdir()
    (folder / "A-1.wav").write_bytes(b"take one")
    settings = RenderSettings(options=(("EXPLAINER_RECORDINGS", str(folder)), ("EXPLAINER_VOICE", "recordings")))
    before = fingerprint(a, settings, [a], root=tmp_path)
    (folder / "A-1.wav").write_bytes(b"take two")
    assert fingerprint(a, settings, [a], root=tmp_path) != before


def test_a_stamp_whose_sources_changed_or_vanished_is_stale(tmp_path):
    """is_up_to_date compares the recorded sources' hashes; a stamp without them (an older render) is stale."""
    import json

    video = tmp_path / "A.mp4"
    video.write_bytes(b"not checked: the sources fail first")
    helper = tmp_path / "h.py"
    helper.write_text("X = 1\n")
    from scenes.tool.render.fingerprint import source_hashes, sources_unchanged

    recorded = source_hashes([helper])
    assert sources_unchanged(recorded)
    helper.write_text("X = 2\n")
    assert not sources_unchanged(recorded)
    helper.unlink()
    assert not sources_unchanged(recorded)
    assert not sources_unchanged(None)
    (tmp_path / "A.mp4.json").write_text(json.dumps({"hash": "h", "duration": 1.0}))
    assert not is_up_to_date(video, "h")
