"""Text from files and narration stays text: no Markdown link in the deck's notes, no option for espeak-ng, no
placeholder substituted twice in the inspector page."""

from __future__ import annotations

import html
import shutil
import subprocess

import pytest
from markdown_it import MarkdownIt

from scenes.tool.plain_notes import markdown_as_text

TRICKY = ["[x](javascript:alert(1))", "<script>alert(1)</script>", "*stars* and _under_ and `code`",
          "# not a heading", "1. not a list", "a \\ backslash, & ampersand, ![img](x.png)", "<https://example.org>",
          "-3.8 is minus three point eight", "> quoted? | table |"]


@pytest.mark.parametrize("text", TRICKY)
def test_narration_renders_as_exactly_itself_in_markdown(text):
    rendered = MarkdownIt("commonmark").render(markdown_as_text(text))
    assert "<a" not in rendered and "<script" not in rendered and "<em" not in rendered and "<h1" not in rendered
    inner = rendered.strip().removeprefix("<p>").removesuffix("</p>")
    assert html.unescape(inner) == text


def test_deck_notes_are_escaped_for_the_page_and_for_markdown(tmp_path):
    import json

    from scenes.tool.slides import notes_as_text

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "S.json").write_text(json.dumps({"slides": [{"notes": TRICKY[0]}]}))
    out = notes_as_text(tmp_path / "in", ["S"], tmp_path / "out")
    notes = json.loads((out / "S.json").read_text())["slides"][0]["notes"]
    once = html.unescape(notes)                       # what the browser hands reveal.js's Markdown step
    rendered = MarkdownIt("commonmark").render(html.unescape(once))
    assert "<a" not in rendered and "javascript:alert(1)" in html.unescape(rendered)


def test_the_inspector_page_substitutes_its_placeholders_in_one_pass():
    from scenes.tool.inspect_page import render_page

    page = render_page({"weights": "__SCRIPT__ and __DATA__.npz"})
    assert page.count("__SCRIPT__ and __DATA__.npz") == 1     # the name, as text, once
    assert "__SCRIPT__" not in page.replace("__SCRIPT__ and __DATA__.npz", "")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_a_beat_starting_with_a_dash_is_spoken_not_read_as_options(tmp_path):
    from scenes.voice.engines import EspeakVoice

    voice = EspeakVoice(cache_dir=tmp_path)
    samples, rate = voice._synthesise("-v xx --help minus three", "Test-01", tmp_path / "a.wav")
    assert rate > 0 and len(samples) > rate * 0.5       # words were spoken: espeak did not take them as options
