"""Chapter 2's results and the extra part, as a newcomer hears and sees them: every line true (each one a test that
would have caught the line it fixed), pictures that land on their words, text a viewer can read.

The scenes are run for their narration only (a second each) or rendered tiny at brisk pace; the render tests share
one render per scene.
"""

from __future__ import annotations

import importlib
import os
import re
import tempfile
from pathlib import Path

import numpy as np
import pytest
from manim import tempconfig

from nnlib.evaluation import load_evaluation
from nnlib.experiments import default_path, load_experiment
from nnlib.landscape import load_landscape, straight_line_profile
from nnlib.tweaks import TweaksComparison, load_tweaks
from nnlib.weight_patterns import busiest_patch, patch_share
from scenes.content.components import format_number
from scenes.tool.registry import find_scene
from tests.frame_checks import overlapping_texts, watching_texts
from tests.scene_rendering import narrate_scene, render_scene, said

pytestmark = pytest.mark.render

MINE = ["Learning", "UnseenDigits", "TweaksMeasured", "WhatHiddenLayerLearned", "NoiseInConfidentOut",
        "ShuffledLabels", "ThreeLayersOfComplexity", "RealCostSurface", "StraightLineVsPath"]
_NARRATED: dict[str, object] = {}
_RENDERED: dict[str, tuple] = {}


def scene_class(name: str) -> type:
    info = find_scene(name)
    return getattr(importlib.import_module(info.module), name)


#: Texts are cached as SVGs keyed without the pixel width, yet laid out for it: a long label made at 160 px wide
#: comes back wrapped onto two lines. These tests keep a cache of their own, filled at the -ql width (854 px), where
#: no label wraps.
_MEDIA = tempfile.mkdtemp(prefix="chapter2-motion-")


def narrated(name: str):
    if name not in _NARRATED:
        with tempconfig({"media_dir": os.path.join(_MEDIA, "narrated")}):
            _NARRATED[name] = narrate_scene(scene_class(name))
    return _NARRATED[name]


def rendered(name: str):
    """The scene rendered once at the video's width (1 frame a second), with a log of every text it showed (and its smallest size)."""
    if name not in _RENDERED:
        with tempconfig({"media_dir": os.path.join(_MEDIA, "rendered")}), watching_texts() as seen:
            scene, frame = render_scene(scene_class(name), width=854, fps=1)
        _RENDERED[name] = (scene, frame, seen)
    return _RENDERED[name]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


# ------------------------------------------------------------------------------------------ lines made true
def test_a_climb_of_a_hair_is_not_a_bump():
    """The straight line falls from 5.145 to 0.1088 and rises by 0.0006 at the end: nnlib judges a climb against the
    fall, so this is no bump (the old test called any rise above 1e-9 one, and the narration said "a bump")."""
    land = load_landscape()
    profile = straight_line_profile(land.interp_t, land.interp_costs)
    assert profile.fall > 5.0 and 0 < profile.climb < 0.001
    assert not profile.has_bump and profile.bump_t is None
    # a real bump is still found: a climb of a tenth of the fall, half way along
    t = np.linspace(0, 1, 101)
    bumpy = 5 - 4 * t + np.where((t > 0.5) & (t < 0.7), 0.4 * np.sin((t - 0.5) * np.pi / 0.2), 0.0)
    found = straight_line_profile(t, bumpy)
    assert found.has_bump and 0.5 < found.bump_t < 0.7
    assert straight_line_profile(t, 5 - 4 * t).climb == 0 and not straight_line_profile(t, 5 - 4 * t).has_bump


def test_the_straight_line_narration_follows_the_profile():
    scene = narrated("StraightLineVsPath")
    text = said(scene)
    assert scene.profile == straight_line_profile(scene.landscape.interp_t, scene.landscape.interp_costs)
    assert "bump" not in text and "first rises" not in text
    assert format_number(scene.profile.climb, 4) in text and format_number(scene.profile.lowest, 3) in text


def test_the_give_or_take_is_the_small_sample_spread():
    """Three seeds of 89.20%, 89.41% and 87.91%: the spread is 0.81 points (ddof=1), not the 0.66 of ddof=0."""
    comparison = TweaksComparison(("a",), ("d",), np.array([[0.8920, 0.8941, 0.8791]]), np.arange(3), 5000, 10000, 30)
    assert comparison.spread("a") == pytest.approx(0.00812, abs=1e-5)
    assert TweaksComparison(("a",), ("d",), np.array([[0.9]]), np.arange(1), 1, 1, 1).spread("a") == 0.0
    shipped = load_tweaks()
    text = said(narrated("TweaksMeasured"))
    for i, recipe in enumerate(shipped.recipes):
        assert f"give or take {format_number(100 * np.std(shipped.accuracies[i], ddof=1), 2)} points" in text


def test_each_cost_says_what_it_is_averaged_over():
    """0.069 over the 5,000 training digits and 0.080 over the 100 shipped ones are both said, each with its digits;
    the extra part's costs are over its 1,000 digits."""
    run = load_experiment(default_path("learning"), "learning")
    learning = said(narrated("Learning"))
    assert "average cost on the training digits" in learning and format_number(run["train_cost"][-1], 3) in learning
    three = narrated("ThreeLayersOfComplexity")
    text = said(three)
    assert f"On {three.digits_description}, our trained network's average cost is " \
           f"{format_number(three.shown_cost, 3)}" in text
    assert three.cost_over_training == (5000, pytest.approx(float(run["train_cost"][-1])))
    assert f"Over all 5,000 training digits it learned from, its cost was {format_number(run['train_cost'][-1], 3)}" \
        in text
    land = load_landscape()
    examples = f"{int(land.metadata['examples']):,} training digits"
    for name in ("RealCostSurface", "StraightLineVsPath"):
        assert examples in said(narrated(name)), name


def test_no_machine_talk_no_commands_and_the_video_named():
    for name in MINE:
        text = said(narrated(name))
        for banned in ("machine", "explainer ", "python", "--", ".npz", "MNIST_DIR", "assets/"):
            assert banned not in text, (name, banned)
        if "video" in text and name in ("UnseenDigits", "TweaksMeasured"):
            first = text[max(text.index("video") - 16, 0):text.index("video")]
            assert "3Blue1Brown's" in first, (name, first)


def test_the_footers_name_no_command_or_file(tmp_path_factory):
    for name in ("Learning", "TweaksMeasured", "ShuffledLabels", "StraightLineVsPath"):
        scene, _, seen = rendered(name)
        shown = " ".join(s.text for s in seen.sizes.values())
        for banned in ("python", "--weights", ".npz", "nnlib."):
            assert banned not in shown, (name, banned)


def test_96_percent_means_one_thing():
    """The video's accuracy is "96%"; the designed detector's share of weight is said another way."""
    scene = narrated("WhatHiddenLayerLearned")
    assert scene.designed_share == pytest.approx(0.96, abs=0.005)
    assert "96%" not in said(scene) and "all but 4%" in said(scene)


def test_sentences_are_for_the_ear():
    for name in MINE:
        for sentence in sentences(said(narrated(name))):
            assert len(sentence.split()) <= 26, (name, sentence)


def test_cross_entropy_and_the_copies_are_explained():
    text = said(narrated("TweaksMeasured"))
    assert "Cross-entropy is a cost that punishes a confident wrong answer" in text
    assert "shifted by up to 2 pixels and turned by up to 12 degrees" in text
    assert "our own choice" in text


# ------------------------------------------------------------------------------------------ pictures on words
def test_beats_land_on_words_not_on_shares():
    """Every beat of these scenes times its pictures by words or bookmarks (``beat.share`` was a fixed fraction)."""
    for name in MINE:
        source = Path(importlib.import_module(find_scene(name).module).__file__).read_text()
        assert "beat.share(" not in source, name
        assert "wait_until(" in source and "self.until(" in source, name


def test_the_top_slip_is_a_real_confusion_cell_highlighted(tmp_path_factory):
    scene, frame, _ = rendered("UnseenDigits")
    ev = load_evaluation()
    off = ev.confusion.copy()
    np.fill_diagonal(off, 0)
    true, said_as = np.unravel_index(int(np.argmax(off)), off.shape)
    assert scene.top_confusion == (true, said_as, int(off[true, said_as]))
    assert np.array_equal(scene.confusion_grid.counts, ev.confusion)
    box, note = scene.slip
    assert box.get_center() == pytest.approx(scene.confusion_grid.cell(true, said_as).get_center(), abs=1e-6)
    assert f"{true} called {said_as}: {format_number(off[true, said_as], 0)} times" in note.text.replace(" ", " ") \
        or note.text.replace(" ", "") == f"{true}called{said_as}:{format_number(off[true, said_as], 0)}times"
    # the mistake the narration names is the one boxed in the gallery: the surest of the shown mistakes
    picks = [int(np.flatnonzero(ev.test_indices == t)[0]) for t in scene.gallery_test_indices]
    assert scene.named_mistake == picks[int(np.argmax(ev.confidences[picks]))]
    text = said(scene)
    assert f"For the {ev.labels[scene.named_mistake]} it called" in text


def test_labels_are_shuffled_before_the_shuffled_run():
    scene, _, _ = rendered("ShuffledLabels")
    real, shuffled = scene.demo_labels
    assert sorted(real) == sorted(shuffled)                          # the same labels, every digit keeps its share
    assert np.all(scene.shuffle_order != np.arange(len(real)))       # and every one of them moved
    run = load_experiment(default_path("shuffled"), "shuffled")
    assert np.array_equal(scene.lines[5].data[1], run["real_test_accuracy"])   # real labels on test digits, drawn


def test_the_hidden_layer_patches_are_the_measured_ones():
    from nnlib.edge_detector import edge_detector_weights
    from scenes.content.chapter1.designed_edge_detector import STROKE

    weights = np.abs(edge_detector_weights(**STROKE)).reshape(28, 28)
    (top, left), = busiest_patch(edge_detector_weights(**STROKE), 12)
    share = weights[top:top + 12, left:left + 12].sum() / weights.sum()
    assert share == pytest.approx(patch_share(edge_detector_weights(**STROKE), 12)[0])


def test_the_extra_part_traces_the_path_and_probes_the_floor():
    scene, _, _ = rendered("RealCostSurface")
    land = scene.landscape
    assert scene.probe_heights and min(scene.probe_heights) >= land.costs.min() - 1e-9
    assert max(scene.probe_heights) <= land.costs.max() + 1e-9
    assert scene.progress.get_value() == pytest.approx(len(land.path) - 1)
    assert scene.ball.get_center() == pytest.approx(scene.trail.get_end(), abs=0.15)


# ------------------------------------------------------------------------------------------ a frame to show
@pytest.mark.parametrize("name", MINE)
def test_text_is_readable_and_nothing_overlaps(name):
    scene, _, seen = rendered(name)
    small = [s for s in seen.small() if not s.text.strip().isdigit() or name != "NoiseInConfidentOut"]
    assert not small, small[:5]
    assert not overlapping_texts(scene), overlapping_texts(scene)
