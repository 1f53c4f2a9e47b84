"""Chapter 1's scenes 7-10 (counting, the matrix, the function, the first layer) as a viewer meets them: every text
readable at 480p and none on top of another, every number the voice says written on screen, sentences for the ear,
and the matrix product worked out row by row before its result is shown."""

from __future__ import annotations

import importlib
import re

import pytest

from scenes.tool.registry import scenes_of_chapter
from tests.frame_checks import cut_by_frame, overlapping_texts, text_of, watching_texts
from tests.scene_rendering import render_scene, said

pytestmark = pytest.mark.render

MINE = ["CountingParameters", "MatrixNotation", "NetworkAsFunction", "FirstLayerHeatmaps"]
_RENDERS: dict[str, tuple] = {}
#: A number in narration: 784, 13,002, 0.83 (a sentence's final period is not part of it).
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def rendered(name: str):
    """(scene, last frame, every text shown) for a scene rendered tiny at brisk pace, once per module."""
    if name not in _RENDERS:
        info = next(i for i in scenes_of_chapter(1) if i.name == name)
        cls = getattr(importlib.import_module(info.module), name)
        with watching_texts() as seen:
            scene, frame = render_scene(cls, width=320)
        _RENDERS[name] = scene, frame, seen
    return _RENDERS[name]


@pytest.mark.parametrize("name", MINE)
def test_every_text_is_readable_at_480p_and_none_overlaps(name):
    scene, _, seen = rendered(name)
    assert seen.sizes, "the scene shows text"
    assert seen.small() == [], f"texts under 14 px at 854x480: {seen.small()}"
    assert overlapping_texts(scene) == []
    assert cut_by_frame(scene) == []


@pytest.mark.parametrize("name", MINE)
def test_every_number_spoken_is_written_on_screen(name):
    scene, _, seen = rendered(name)
    shown = [text_of(s.mobject).replace(" ", "") for s in seen.sizes.values()]
    spoken = set(NUMBER.findall(re.sub(r"chapter \d", "", said(scene))))
    assert spoken, "the scene speaks numbers"
    missing = [n for n in spoken if not any(n in text for text in shown)]
    assert missing == [], f"said but never on screen: {missing}"


@pytest.mark.parametrize("name", MINE)
def test_narration_is_written_for_the_ear(name):
    scene, _, _ = rendered(name)
    text = said(scene)
    for sentence in re.split(r"(?<=[.?!])\s+", text):
        assert len(sentence.split()) <= 25, f"too long to follow by ear: {sentence!r}"
    assert "@" not in text and "w.T" not in text and "dot T" not in text, "no code read aloud"


def test_the_product_is_worked_out_row_by_row_before_the_result_shows():
    scene, _, seen = rendered("MatrixNotation")
    beat = scene.product_beat
    assert "one row at a time" in beat.text
    times = scene.entry_times
    assert len(times) == len(scene.shown_rows)
    assert times[0] >= beat.at("r0"), "the first result entry waits for its row's products"
    assert times == sorted(times) and len(set(times)) == len(times), "one entry after another, row by row"
    assert all(t > beat.end for t in times[1:]), "later rows come after row zero is explained"
    n_out, n_in = scene.network.weights[0].shape
    codes = {text_of(s.mobject) for s in seen.sizes.values()}
    assert any("w_(0,0)" in c for c in codes) and any(f"w_({n_out - 1},{n_in - 1})" in c for c in codes), \
        "the indexed matrix w_(0,0) ... w_(k,n) is shown beside the real slice"


def test_counting_starts_from_which_knobs_make_the_network_expressive():
    scene, _, _ = rendered("CountingParameters")
    first = scene.beats[0].text
    assert "knobs" in first and "expressive enough" in first
    assert "expressive enough" in " ".join(text_of(t) for t in scene.question.get_family() if hasattr(t, "text"))
    j, bias, activation = scene.example
    assert bias == pytest.approx(float(scene.network.biases[0][j]))
    assert len(scene.browsed) >= 4 and all(isinstance(w, float) for w in scene.browsed)
