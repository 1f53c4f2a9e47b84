"""Lecture decks: scenes are slides, each beat a slide with its narration as notes; HTML, PPTX and PDF decks;
everything checked before rendering; the HTML deck works in a real browser."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from scenes.tool.cli import main
from scenes.tool.slides import SHIPPED_REVEAL, preflight, shipped_revealjs, with_part_cards
from tests.browser import browser_page

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "tiny_scenes.py"
TINY = ["--resolution", "160,90", "--fps", "5"]

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("deck")
    code = main(["slides", "--file", str(FIXTURE), "TinyCircle", "TinySquare", "--out", str(out), *TINY])
    assert code == 0
    return out


def test_every_beat_is_a_slide_with_its_narration_as_notes(deck):
    folder = deck / "160x90p5" / "slides" / "manim-slides"
    circle = json.loads((folder / "TinyCircle.json").read_text())
    assert [s["notes"] for s in circle["slides"]] == ["A circle.", "It moved."]
    assert all(Path(s["file"]).is_file() for s in circle["slides"])


def test_html_deck_in_a_real_browser(deck):
    html = deck / "deck.html"
    text = html.read_text()
    assert "https://cdn" not in text and "slideNumber" in text     # offline, numbered
    with browser_page(1280, 720) as (page, errors):
        page.goto(html.as_uri())
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        assert page.evaluate("Reveal.getIndices().h") == 0
        assert page.locator(".slide-number").first.is_visible()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("Reveal.getIndices().h === 1")
        page.wait_for_function("location.hash === '#/1'", timeout=5000)  # the slide is kept in the URL...
        page.reload()                                                     # ...so a reload stays on it
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        assert page.evaluate("Reveal.getIndices().h") == 1
        notes = page.evaluate("Array.from(document.querySelectorAll('aside.notes')).map(n => n.textContent.trim())")
        assert "A circle." in notes and "It moved." in notes and "A square." in notes
        playable = page.evaluate("""async () => {
            const v = document.querySelector('section.present video') || document.querySelector('video');
            const src = v.currentSrc || v.src || (v.querySelector('source') || {}).src || '';
            if (v.readyState < 1) await new Promise(r => { v.addEventListener('loadedmetadata', r, {once: true});
                                                          v.load(); setTimeout(r, 5000); });
            return [src.slice(0, 15), v.readyState, v.duration];
        }""")
        assert playable[0].startswith("data:video/mp4") and playable[1] >= 1 and playable[2] > 0
        assert not [e for e in errors if "favicon" not in e]


def test_pptx_and_pdf_decks(deck, tmp_path):
    assert main(["slides", "--file", str(FIXTURE), "TinySquare", "--out", str(deck), "--format", "pptx",
                 "--deck", str(tmp_path / "lecture.pptx"), *TINY]) == 0
    with zipfile.ZipFile(tmp_path / "lecture.pptx") as pptx:
        names = pptx.namelist()
    assert any(n.startswith("ppt/slides/slide") for n in names) and any(n.startswith("ppt/media/") for n in names)
    assert main(["slides", "--file", str(FIXTURE), "TinySquare", "--out", str(deck), "--format", "pdf",
                 "--deck", str(tmp_path / "lecture.pdf"), *TINY]) == 0
    pdf = (tmp_path / "lecture.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") + pdf.count(b"/Type/Page") >= 1


def test_unchanged_slides_are_not_rendered_again(deck, capsys):
    code = main(["slides", "--file", str(FIXTURE), "TinyCircle", "TinySquare", "--out", str(deck), *TINY])
    assert code == 0 and "up to date" in capsys.readouterr().out


def test_everything_is_checked_before_rendering(tmp_path, capsys):
    code = main(["slides", "--file", str(FIXTURE), "TinySquare", "--out", str(tmp_path),
                 "--deck", str(tmp_path / "nope" / "deck.html"), *TINY])
    err = capsys.readouterr()
    assert code == 2 and "does not exist" in err.err and "Rendering" not in err.out
    assert not list(tmp_path.rglob("*.mp4"))
    code = main(["slides", "--file", str(FIXTURE), "TinySquare", "--out", str(tmp_path), "--deck",
                 str(tmp_path / "deck.pdf"), *TINY])
    assert code == 2 and "ending in .html" in capsys.readouterr().err


def test_shipped_revealjs_is_checked_and_needs_no_npm(tmp_path, monkeypatch):
    files = shipped_revealjs()
    assert {"reveal.js", "reveal.css", "notes.js"} <= set(files) and (SHIPPED_REVEAL / "LICENSE").is_file()
    monkeypatch.setenv("PATH", str(tmp_path))            # no npm, no network tools
    preflight(tmp_path / "deck.html", "html", tmp_path)   # passes: reveal.js comes from assets/


def test_a_deck_opens_and_closes_each_part_with_its_cards():
    from scenes.tool.render import targets_from_registry
    from scenes.tool.registry import scenes_of_chapter

    chosen = targets_from_registry(scenes_of_chapter("1")[:2])
    names = [t.name for t in with_part_cards(chosen)]
    assert names[0] == "Chapter1Title" and names[-1] == "Chapter1End" and names[1:3] == [t.name for t in chosen]


def test_the_ecosystems_own_manim_slides_render_works_on_a_scene(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "manim_slides", "render", "-ql", "-r", "160,90", "--fps", "5",
                           "--disable_caching", str(FIXTURE), "TinySquare"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, env={**__import__("os").environ, "EXPLAINER_PACE": "brisk",
                                                       "EXPLAINER_VOICE": "none"})
    assert done.returncode == 0, done.stderr[-500:]
    slides = json.loads((tmp_path / "slides" / "TinySquare.json").read_text())["slides"]
    assert [s["notes"] for s in slides] == ["A square."]


def test_markup_in_the_narration_is_shown_as_text_in_the_deck(tmp_path):
    """Narration can carry text from a file (a network's metadata, an image's name): in the HTML deck it must be
    text in the speaker notes, never markup the browser runs."""
    scene_file = tmp_path / "markup_scene.py"
    scene_file.write_text(
        "from manim import FadeIn, Square\n"
        "from scenes.content.base import ExplainerScene\n\n\n"
        "class MarkupInNotes(ExplainerScene):\n"
        "    def construct(self):\n"
        "        self.say('Trained by <script>window.hacked=1</script> & <b>friends</b> "
        "<img src=x onerror=window.hacked=2>.', FadeIn(Square()))\n")
    assert main(["slides", "--file", str(scene_file), "MarkupInNotes", "--out", str(tmp_path), *TINY]) == 0
    with browser_page(640, 360) as (page, errors):
        page.goto((tmp_path / "deck.html").as_uri())
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        assert page.evaluate("window.hacked === undefined")
        notes = page.evaluate("Array.from(document.querySelectorAll('aside.notes')).map(n => n.textContent)")
        assert any("<script>window.hacked=1</script> & <b>friends</b>" in n for n in notes), notes
        assert page.evaluate("document.querySelectorAll('aside.notes b, aside.notes img').length") == 0
        page.wait_for_timeout(300)  # an image that fails to load would fire its onerror by now
        assert page.evaluate("window.hacked === undefined")
