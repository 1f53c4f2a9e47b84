"""Chapter 1's neuron scenes -- DesignedEdgeDetector, SigmoidSquish, OneHiddenNeuron -- teach the weighted sum, then
the squish, then the bias, each once, before the edge detector's results use them; the weighted sum is added up term
by term to the true sum; the narration is written for the ear; the frames are ones a teacher would show."""

from __future__ import annotations

import re

import numpy as np
import pytest

from nnlib.activations import sigmoid
from nnlib.edge_detector import detector_response, split_sum
from scenes.content.components import PixelGrid, RunningTotal, WeightHeatmap, cell_center, sum_steps
from scenes.tool.registry import scenes_of_chapter
from tests.frame_checks import overlapping_texts, small_texts, watching_texts
from tests.scene_rendering import render_scene, said
from tests.test_chapter1 import brightness, numbers_on_screen, scene_class, script

NEURON_SCENES = ["DesignedEdgeDetector", "SigmoidSquish", "OneHiddenNeuron"]
_WATCHED: dict[str, tuple] = {}

pytestmark = pytest.mark.render


def watched(name: str):
    """The scene rendered tiny (brisk) once for this module, its last frame, and every text it ever showed."""
    if name not in _WATCHED:
        with watching_texts() as seen:
            scene, frame = render_scene(scene_class(name), width=320)
        _WATCHED[name] = (scene, frame, seen)
    return _WATCHED[name]


# ---------------------------------------------------------------------------------------------- the component
def test_sum_steps_add_the_terms_first_alone_then_in_bands_up_to_the_true_sum():
    rng = np.random.default_rng(3)
    w, a = rng.normal(size=784), rng.uniform(size=784)
    steps = sum_steps(w, a, first=[400, 12, 700], groups=6)
    assert [s.indices for s in steps[:3]] == [(400,), (12,), (700,)]
    assert len(steps) == 9
    covered = sorted(i for s in steps for i in s.indices)
    assert covered == list(range(784)), "every term is added exactly once"
    rest = [i for s in steps[3:] for i in s.indices]
    assert rest == sorted(rest), "the bands go in reading order"
    for k, step in enumerate(steps[:-1]):
        assert step.total == pytest.approx(sum(s.added for s in steps[:k + 1]))
        assert step.added == pytest.approx(float((w * a)[list(step.indices)].sum()))
    assert steps[-1].total == float(w @ a), "the last total is the weighted sum itself, to the last bit"
    only = np.zeros(784, bool)
    only[:10] = True
    masked = sum_steps(w, a, first=[3], groups=4, only=only)
    assert sorted(i for s in masked for i in s.indices) == list(range(10))


def test_pixel_marker_and_running_total():
    grid = PixelGrid(np.zeros(784), height=2.8).move_to([1.0, -0.5, 0])
    heat = WeightHeatmap(np.ones(784), height=2.8).move_to([1.0, -0.5, 0])
    for r, c in ((0, 0), (13, 20), (27, 27)):
        np.testing.assert_allclose(cell_center(grid, r * 28 + c), grid.pixel_center(r, c))
        np.testing.assert_allclose(cell_center(heat, r * 28 + c), grid.pixel_center(r, c))
    total = RunningTotal("sum so far", 0.5)
    total.to(-0.2252)
    assert total.value == -0.2252 and total.number.value == -0.2252


# ---------------------------------------------------------------------------------------------- order, once each
def test_the_weighted_sum_then_the_squish_then_the_bias_each_taught_once():
    order = [info.name for info in scenes_of_chapter(1)]
    assert order.index("DesignedEdgeDetector") < order.index("SigmoidSquish") < order.index("OneHiddenNeuron")
    texts = {name: said(script(name)) for name in NEURON_SCENES}
    edge, squish, neuron = (texts[n] for n in NEURON_SCENES)
    assert "weighted sum" in edge and "sigmoid" not in edge.lower() and "bias" not in edge
    assert squish.index("squished") < squish.index("sigmoid") < squish.index("is the bias")
    assert squish.index("is the bias") < squish.index("Back to our edge detector"), "the results come after"
    everything = " ".join(said(script(info.name)) for info in scenes_of_chapter(1))
    assert everything.count("is the bias") == 1, "the bias is explained once"
    assert "raises the bar" not in neuron and "sigma of" in neuron
    # z everywhere: the sigmoid's and ReLU's input
    assert "maximum of 0 and z" in squish and "0 and a." not in squish


def test_narration_is_written_for_the_ear():
    for name in NEURON_SCENES:
        scene = script(name)
        text = said(scene)
        for sentence in re.split(r"(?<=[.?!])\s+", text):
            assert len(sentence.split()) <= 26, f"{name}: a sentence too long for the ear: {sentence!r}"
        decimals = re.findall(r"\d\.\d", text)
        assert len(decimals) <= 9, f"{name} speaks {len(decimals)} decimals"
        assert "dot T" not in text and "@" not in text and "the videos" not in text
    assert "3Blue1Brown's video" in said(script("SigmoidSquish"))


# ---------------------------------------------------------------------------------------------- numbers true
def test_the_edge_detectors_table_is_nnlibs_detector():
    scene, frame, _ = watched("SigmoidSquish")
    story = scene.edge
    from nnlib.assets import load_sample

    sample = load_sample()
    sums, activations = detector_response(story.weights, story.bias, sample.images)
    on, _ = split_sum(story.weights, sample.images)
    assert story.roles["highest"] == int(np.argmax(sums)) and story.roles["green only"] == int(np.argmax(on))
    for row, role in zip(scene.table, scene.table_roles):
        i = story.roles.get(role)
        s, a = (sums[i], activations[i]) if i is not None else (story.sums[role], story.activations[role])
        assert row[1].value == pytest.approx(s) and row[2].value == pytest.approx(s + story.bias)
        assert row[3].value == pytest.approx(a) == pytest.approx(float(sigmoid(np.array(s + story.bias))))
        assert row[4].get_fill_opacity() == pytest.approx(float(np.clip(a, 0, 1)))
    assert scene.shown_values["sigma(-10)"] == pytest.approx(float(sigmoid(np.array(-10.0))))
    assert scene.shown_values["sigma(10)"] == pytest.approx(float(sigmoid(np.array(10.0))))


def test_one_neurons_sum_is_added_term_by_term_to_nnlibs_numbers():
    scene, frame, _ = watched("OneHiddenNeuron")
    w = scene.network.weights[0][scene.neuron_index]
    image = scene.digit.image.ravel()
    products = w * image
    assert scene.top_terms == [int(i) for i in np.argsort(-np.abs(products))[:3]]
    assert scene.steps[-1].total == scene.shown_weighted_sum == float(w @ image)
    layer = scene.network.forward(image)[1].ravel()
    others = np.delete(layer, scene.neuron_index)
    assert scene.saturated_count == int(np.sum((others < 0.1) | (others > 0.9)))
    for circle, value in zip(scene.layer_circles, layer):
        assert brightness(frame, circle.get_center(), scene.theme) == pytest.approx(value, abs=0.08)
    for value in (scene.shown_weighted_sum, scene.shown_bias, scene.shown_z, scene.shown_activation):
        assert value in numbers_on_screen(scene)


# ---------------------------------------------------------------------------------------------- the frame
@pytest.mark.parametrize("name", NEURON_SCENES)
def test_every_text_is_readable_and_none_overlap(name):
    scene, frame, seen = watched(name)
    assert seen.small() == [], f"{name} shows text under 14 px at 480p"
    assert small_texts(scene) == [] and overlapping_texts(scene) == []
