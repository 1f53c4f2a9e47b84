"""Chapter 2's first half (the cost and gradient descent), rendered tiny at brisk pace: what the scenes show and say
must be what nnlib computes. The second half (learning and its results) is tested in test_chapter2_results.py.

Every scene keeps the numbers it displays as attributes; the tests compare them with nnlib, look for them in the
narration, and check pixels of the last frame that a viewer would notice.
"""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from nnlib import Network, load_network, save_network
from nnlib.activations import sigmoid
from nnlib.analysis import average_cost, cost_of_example, gradient_nudges, mini_batch
from nnlib.assets import default_weights_path, load_sample
from nnlib.smoothness import cost_with_squish, step
from nnlib.toys import TWO_VALLEY_SURFACE, VALLEY_CURVE, descend_1d, local_minima_1d
from nnlib.training_data import training_digits
from scenes.content.components import format_number, rgb
from scenes.tool.registry import scenes_of_chapter
from tests.scene_rendering import narrate_scene, render_scene, said

pytestmark = pytest.mark.render

FIRST_HALF = ["TrainingData", "RandomNetworkMess", "CostOfOneExample", "CostAsFunction", "DescentOneVariable",
              "DescentTwoVariables", "RealGradient", "WhyContinuousActivations"]
_RENDERS: dict[str, tuple] = {}


def scene_class(name: str) -> type:
    info = next(i for i in scenes_of_chapter(2) if i.name == name)
    return getattr(importlib.import_module(info.module), name)


def render(name: str) -> tuple[object, np.ndarray]:
    """The scene rendered once for the whole module (dry run, brisk) and its last frame (H, W, 3)."""
    if name not in _RENDERS:
        _RENDERS[name] = render_scene(scene_class(name), width=320)
    return _RENDERS[name]


def script(name: str, **options) -> object:
    """The scene run for its narration only (see :func:`tests.scene_rendering.narrate_scene`)."""
    return narrate_scene(scene_class(name), **options)


def tinted_share(frame: np.ndarray, colour: str, theme, rows=slice(None), columns=slice(None)) -> float:
    """The share of a frame region's pixels tinted ``colour`` (its hue over the background, any strength)."""
    block = frame[rows, columns].reshape(-1, 3).astype(float)
    back = np.array(rgb(theme.background), dtype=float)
    offset, want = block - back, np.array(rgb(colour), dtype=float) - back
    norms = np.linalg.norm(offset, axis=1)
    cosine = offset @ want / (np.maximum(norms, 1e-9) * np.linalg.norm(want))
    return float(np.mean((norms > 40) & (cosine > 0.97)))


def numbers_on_screen(scene) -> list[float]:
    return [m.value for top in scene.mobjects for m in top.get_family()
            if isinstance(getattr(m, "value", None), float)]


@pytest.fixture(scope="module")
def net():
    return load_network(default_weights_path())


@pytest.fixture(scope="module")
def untrained(net):
    return Network(net.sizes, seed=0)


# ---------------------------------------------------------------------------------------------- every scene
@pytest.mark.parametrize("name", FIRST_HALF)
def test_scene_renders_and_narrates_every_beat(name):
    scene, frame = render(name)
    assert scene.beats, "the scene narrates"
    for beat in scene.beats:
        assert len(beat.text.split()) >= 15, f"{beat.id} is too thin to teach: {beat.text!r}"
        assert not set(beat.text) & set("σ→×½∇"), f"{beat.id} has a symbol the voice cannot say"
    assert sum(len(b.text.split()) for b in scene.beats) >= 150
    background = np.array(rgb(scene.theme.background))
    assert (np.abs(frame[:3, :3].reshape(-1, 3) - background).sum(axis=1) < 6).all()
    assert (np.abs(frame - background).sum(axis=2) > 60).mean() > 0.01, "the final frame shows something"


def test_the_chapter_is_a_real_explainer():
    """All of chapter 2 (both halves, every registered scene) narrates at least 2,000 words."""
    words = {info.name: sum(len(b.text.split()) for b in script(info.name).beats) for info in scenes_of_chapter(2)}
    assert sum(words.values()) >= 2000, words
    assert min(words.values()) >= 100, words


# ---------------------------------------------------------------------------------------------- the scenes
def test_training_data_counts_come_from_the_weights_file(net):
    scene, frame = render("TrainingData")
    data = net.metadata["data"]
    assert scene.shown_counts == (data["train_images"], data["test_images"])
    assert f"{data['train_images']:,}" in said(scene) and f"{data['test_images']:,}" in said(scene)
    sample = load_sample()
    assert sorted(set(scene.gallery_labels)) == list(range(10)) and set(sample.labels) >= set(scene.gallery_labels)
    w = frame.shape[1]
    assert tinted_share(frame, scene.theme.accent, scene.theme, columns=slice(w // 2, None)) > 0.002, \
        "the test box's accent line shows on the right"
    assert tinted_share(frame, scene.theme.ink, scene.theme, columns=slice(0, w // 2)) > 0.05, "the digits show"


def test_random_network_outputs_are_the_seeded_networks(untrained):
    scene, frame = render("RandomNetworkMess")
    expected = untrained.output(scene.digit.image)[0]
    np.testing.assert_allclose(scene.shown_outputs, expected, atol=1e-12)
    assert scene.shown_answer == int(np.argmax(expected))
    assert format_number(float(expected.min()), 2) in said(scene)
    colour = scene.theme.positive if scene.shown_answer == scene.digit.label else scene.theme.negative
    h = frame.shape[0]
    assert tinted_share(frame, colour, scene.theme, rows=slice(h * 8 // 10, None)) > 0.005, "the verdict is drawn"


def test_cost_of_one_example_and_the_averages(net, untrained):
    scene, frame = render("CostOfOneExample")
    image, label = scene.digit.image, scene.shown_label
    assert scene.shown_costs == [pytest.approx(cost_of_example(untrained, image, label).total),
                                 pytest.approx(cost_of_example(net, image, label).total)]
    digits = training_digits()
    expected = [average_cost(n, digits.images, digits.labels).value for n in (untrained, net)]
    assert scene.shown_averages == pytest.approx(expected)
    shown = numbers_on_screen(scene)
    assert any(v == pytest.approx(expected[0]) for v in shown) and any(v == pytest.approx(expected[1]) for v in shown)
    text = said(scene)
    assert format_number(expected[0], 3) in text and format_number(expected[1], 3) in text
    assert tinted_share(frame, scene.theme.accent, scene.theme) > 0.001, "the trained network's row, in the accent"


def test_cost_as_function_shows_the_real_cost(net):
    scene, frame = render("CostAsFunction")
    digits = training_digits()
    assert scene.shown_cost == pytest.approx(net.cost(digits.images, digits.labels))
    np.testing.assert_allclose(scene.shown_outputs, net.output(scene.digit.image)[0])
    np.testing.assert_array_equal(scene.shown_parameters, net.parameters_vector()[:4])
    assert any(v == pytest.approx(scene.shown_cost) for v in numbers_on_screen(scene))
    h, w = frame.shape[:2]
    assert tinted_share(frame, scene.theme.accent, scene.theme, rows=slice(h // 2, None),
                        columns=slice(w * 2 // 3, None)) > 0.003, "the cost, in the accent colour, lower right"


def test_descent_in_one_variable_follows_the_toy():
    scene, frame = render("DescentOneVariable")
    np.testing.assert_allclose(scene.path, descend_1d(VALLEY_CURVE, scene.path[0], scene.learning_rate,
                                                      len(scene.path) - 1))
    assert min(scene.shown_slopes) < 0 < max(scene.shown_slopes), "one slope says step left, one step right"
    minima = local_minima_1d(VALLEY_CURVE)
    assert all(np.min(np.abs(minima - x)) < 0.05 for x in scene.final_positions), "every ball ends in a valley"
    assert "toy" in said(scene)
    assert tinted_share(frame, scene.theme.accent, scene.theme) > 0.005, "the curve is drawn"
    assert tinted_share(frame, "#FF7AC6", scene.theme) > 0.0002, "the pink ball is drawn"


def test_descent_in_two_variables_follows_the_toys_gradient():
    scene, frame = render("DescentTwoVariables")
    assert scene.start_gradient == pytest.approx(tuple(float(g) for g in TWO_VALLEY_SURFACE.gradient(
        *scene.paths[0][0])))
    for point in scene.final_points:
        assert np.hypot(*TWO_VALLEY_SURFACE.gradient(*point)) < 0.05
    assert tinted_share(frame, scene.ball_colours[1], scene.theme) > 0.0002, "the second ball is drawn"


def test_real_gradient_is_backpropagation_on_the_seeded_batch(untrained):
    scene, frame = render("RealGradient")
    sample = load_sample()
    batch = mini_batch(len(sample.labels), 10, seed=0)
    grad = gradient_nudges(untrained, sample.images[batch], sample.labels[batch])
    for index, nudge in scene.shown_nudges.items():
        assert nudge == pytest.approx(grad.nudges[index])
    before, after = scene.costs_before_after
    assert before == pytest.approx(grad.cost) and after < before
    assert format_number(after, 3) in said(scene)
    assert tinted_share(frame, scene.theme.negative, scene.theme) > 0.002, "red bars for downward nudges"


def test_why_continuous_activations_measures_both_costs(net):
    scene, frame = render("WhyContinuousActivations")
    curve = scene.curve
    digits = training_digits()
    images, labels = digits.images[:scene.digits_used], digits.labels[:scene.digits_used]
    probe = net.copy()
    for i in (0, len(curve.values) // 2, len(curve.values) - 1):
        probe.weights[curve.weight.layer][curve.weight.row, curve.weight.column] = curve.values[i]
        assert curve.sigmoid_costs[i] == pytest.approx(cost_with_squish(probe, images, labels, sigmoid))
        assert curve.step_costs[i] == pytest.approx(cost_with_squish(probe, images, labels, step))
    assert curve.sigmoid_flat_fraction == 0.0 and curve.step_flat_fraction > 0.8
    assert f"{curve.step_jumps} times" in said(scene)
    h = frame.shape[0]
    plot_rows = slice(h // 4, h * 9 // 10)
    assert tinted_share(frame, scene.theme.accent, scene.theme, rows=plot_rows) > 0.003, "the smooth curve"
    assert tinted_share(frame, "#FF7AC6", scene.theme, rows=plot_rows) > 0.002, "the staircase"


# ---------------------------------------------------------------------------------------------- options
def test_the_digit_and_a_second_network_change_what_is_said(tmp_path, net):
    rng = np.random.default_rng(7)
    other = Network(net.sizes, weights=[w + rng.normal(0, 0.5, w.shape) for w in net.weights],
                    biases=[b + rng.normal(0, 0.5, b.shape) for b in net.biases])
    save_network(other, tmp_path / "perturbed.npz")
    shipped, changed = script("CostAsFunction"), script("CostAsFunction", weights=tmp_path / "perturbed.npz")
    digits = training_digits()
    assert changed.shown_cost == pytest.approx(other.cost(digits.images, digits.labels))
    assert format_number(changed.shown_cost, 3) in said(changed) and said(changed) != said(shipped)
    smooth = script("WhyContinuousActivations", weights=tmp_path / "perturbed.npz")
    assert said(smooth) != said(script("WhyContinuousActivations"))
    assert "this 7" in said(script("RandomNetworkMess", digit=7))
