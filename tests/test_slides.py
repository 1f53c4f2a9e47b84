"""`explainer slides`: each narrative beat becomes a slide with the narration as speaker notes, in one offline deck."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("manim_slides")

from manim import Scene, ThreeDScene  # noqa: E402
from manim_slides import Slide, ThreeDSlide  # noqa: E402

from nnlib.errors import NNLibError  # noqa: E402
from scenes.cli import main  # noqa: E402
from scenes.slides import as_slide, ensure_revealjs  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "tiny_scenes.py"

pytestmark = pytest.mark.render


def test_as_slide_mixes_in_slide_and_keeps_the_name():
    class Flat(Scene):
        def construct(self):
            pass

    class Deep(ThreeDScene):
        def construct(self):
            pass

    flat, deep = as_slide(Flat), as_slide(Deep)
    assert flat.__name__ == "Flat" and issubclass(flat, Slide) and issubclass(flat, Flat)
    assert issubclass(deep, ThreeDSlide) and issubclass(deep, Deep)
    assert flat.construct is Flat.construct  # the scene itself is unchanged


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    try:
        ensure_revealjs()
    except NNLibError as err:  # no npm and nothing cached: the deck cannot be made offline here
        pytest.skip(str(err))
    folder = tmp_path_factory.mktemp("slides")
    html = folder / "deck.html"
    code = main(["slides", "--file", str(FIXTURE), "TinyCircle", "TinySquare", "--html", str(html),
                 "--out", str(folder / "output"), "--resolution", "160,90", "--fps", "5"])
    return code, html, folder / "output" / "slides" / "manim-slides"


def test_each_beat_is_a_slide_with_its_narration_as_notes(deck):
    code, _, folder = deck
    assert code == 0
    circle = json.loads((folder / "TinyCircle.json").read_text())
    square = json.loads((folder / "TinySquare.json").read_text())
    # the notes belong to the slide that shows what they describe
    assert [s["notes"] for s in circle["slides"]] == ["A circle.", "It moved."]
    assert [s["notes"] for s in square["slides"]] == ["A square."]
    for slide in circle["slides"] + square["slides"]:
        assert Path(slide["file"]).is_file()


def test_deck_is_one_self_contained_offline_file(deck):
    code, html, _ = deck
    text = html.read_text()
    assert len(re.findall(r"data:video/mp4;base64,", text)) == 3  # every slide's video embedded
    for note in ("A circle.", "It moved.", "A square."):
        assert note in text
    # no script or stylesheet is fetched from the network
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", text)
    assert "Reveal.initialize" in text
    assert not list(html.parent.glob(".deck.part*"))


def test_unchanged_slides_are_not_rendered_again(deck, capsys):
    code, html, folder = deck
    code = main(["slides", "--file", str(FIXTURE), "TinyCircle", "--html", str(html.with_name("one.html")),
                 "--out", str(folder.parent.parent), "--resolution", "160,90", "--fps", "5"])
    out = capsys.readouterr().out
    assert code == 0 and "up to date" in out
    assert "A circle." in html.with_name("one.html").read_text()


def test_deck_name_must_be_html(tmp_path, capsys):
    code = main(["slides", "--file", str(FIXTURE), "TinySquare", "--html", str(tmp_path / "deck.pdf")])
    assert code == 2 and "ending in .html" in capsys.readouterr().err


def test_relative_out_and_deck_paths_work_as_in_the_makefile(tmp_path, monkeypatch, capsys):
    """`explainer slides ... --html output/deck.html` from the project folder: relative paths, as `make slides`."""
    try:
        ensure_revealjs()
    except NNLibError as err:
        pytest.skip(str(err))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    code = main(["slides", "--file", str(FIXTURE), "TinyCircle", "--html", "out/deck.html", "--out", "out",
                 "--resolution", "160,90", "--fps", "5"])
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / "out" / "deck.html").stat().st_size > 10_000


def test_a_slide_description_naming_missing_or_relative_videos_is_not_complete(tmp_path):
    from scenes.render import slides_complete

    video = tmp_path / "files" / "A" / "one.mp4"
    video.parent.mkdir(parents=True)
    video.write_bytes(b"video")
    (tmp_path / "A.json").write_text(json.dumps({"slides": [{"file": str(video)}]}))
    assert slides_complete(tmp_path, "A")
    (tmp_path / "A.json").write_text(json.dumps({"slides": [{"file": "files/A/one.mp4"}]}))
    assert not slides_complete(tmp_path, "A")
    (tmp_path / "A.json").write_text("{not json")
    assert not slides_complete(tmp_path, "A") and not slides_complete(tmp_path, "missing")
