"""Manim typesets a Text on a page the size of the frame in pixels and caches it by words and style alone; the scene
base keeps one cache folder per frame size, so a label typeset first for a tiny test render is not handed, wrapped,
to a full-size one (the cause of tests that failed only after another file had rendered at 160x90)."""

from __future__ import annotations

from manim import Text, tempconfig

from scenes.content.base import text_cache_per_frame_size

LONG = "the random network (seed 0), on 10 training digits, nudged by minus its gradient"


def test_a_label_typeset_small_is_not_reused_wrapped_at_full_size(tmp_path):
    media = str(tmp_path)
    with tempconfig({"pixel_width": 160, "pixel_height": 90, "media_dir": media}):
        text_cache_per_frame_size()
        tiny = Text(LONG, font_size=24)
    with tempconfig({"pixel_width": 854, "pixel_height": 480, "media_dir": media}):
        text_cache_per_frame_size()
        full = Text(LONG, font_size=24)
        one_line = Text("A", font_size=24)
    assert full.height < 1.6 * one_line.height   # one line at 854x480, as typeset afresh
    assert tiny.height > 1.6 * one_line.height   # the tiny page did wrap it: the test means something
    assert len(list((tmp_path / "texts").iterdir())) == 2  # texts/160x90 and texts/854x480
