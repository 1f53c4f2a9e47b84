"""Chapter 1 scenes, rendered at tiny resolution: what they show must be what nnlib computes.

Each scene keeps the numbers it displays as attributes (``prediction``, ``shown_activation``, ...); the tests compare
them with nnlib, find them among the Text numbers on screen, and check pixels of the final frame.
"""

from __future__ import annotations

import numpy as np
import pytest
from manim import tempconfig

import scenes.chapter1 as chapter1
from nnlib import Network, load_network, save_network
from nnlib.assets import default_weights_path, load_sample
from scenes.components import rgb
from scenes.registry import scenes_of_chapter

pytestmark = pytest.mark.render


@pytest.fixture(autouse=True)
def default_options(monkeypatch):
    """Every test starts from the default options (shipped weights, each scene's own digit, dark theme)."""
    for name in ("EXPLAINER_WEIGHTS", "EXPLAINER_DIGIT", "EXPLAINER_THEME", "EXPLAINER_BACKGROUND"):
        monkeypatch.delenv(name, raising=False)


#: frame widths: enough pixels per image pixel where a test reads an image off the frame, tiny elsewhere
WIDTHS = {"PixelsAsNeurons": 480, "FirstLayerHeatmaps": 960}
_RENDERS: dict[tuple, tuple] = {}


def render(name: str) -> tuple[object, np.ndarray, list[str]]:
    """Render scene ``name`` once per set of options (dry run, cached): the scene, its last frame (H, W, 3) and
    the narration of its beats."""
    import os

    key = (name,) + tuple(os.environ.get(v) for v in ("EXPLAINER_WEIGHTS", "EXPLAINER_DIGIT"))
    if key not in _RENDERS:
        _RENDERS[key] = _render(name, WIDTHS.get(name, 320))
    return _RENDERS[key]


def _render(name: str, width: int) -> tuple[object, np.ndarray, list[str]]:
    beats: list[str] = []
    original = chapter1.beat

    def counting_beat(scene, narration, pause=0.5):
        beats.append(narration)

    chapter1.beat = counting_beat
    try:
        with tempconfig({"pixel_width": width, "pixel_height": width * 9 // 16, "frame_rate": 5, "dry_run": True,
                         "disable_caching": True, "progress_bar": "none"}):
            scene = getattr(chapter1, name)()
            scene.render()
            scene.renderer.update_frame(scene)
            frame = scene.renderer.get_frame()[:, :, :3].astype(int)
    finally:
        chapter1.beat = original
    return scene, frame, beats


def to_pixel(point, frame) -> tuple[int, int]:
    """Frame (row, column) of a scene point (default 8-unit-high frame)."""
    h, w = frame.shape[:2]
    fw = 8.0 * w / h
    return int((4.0 - point[1]) / 8.0 * h), int((point[0] + fw / 2) / fw * w)


def brightness(frame, point, theme) -> float:
    """Where a frame pixel lies between the background (0) and the ink colour (1)."""
    ink, back = np.array(rgb(theme.ink)), np.array(rgb(theme.background))
    y, x = to_pixel(point, frame)
    return float((frame[y, x] - back) @ (ink - back) / ((ink - back) @ (ink - back)))


def numbers_on_screen(scene) -> list[float]:
    """The values of every number mobject (theme.number) currently in the scene."""
    return [m.value for top in scene.mobjects for m in top.get_family() if hasattr(m, "value")
            and isinstance(m.value, float)]


@pytest.fixture(scope="module")
def net():
    return load_network(default_weights_path())


# ---------------------------------------------------------------------------------------------- all scenes
@pytest.mark.parametrize("name", [s.name for s in scenes_of_chapter(1)])
def test_scene_renders_with_beats_on_the_theme_background(name):
    scene, frame, beats = render(name)
    assert beats and all(len(b) > 20 for b in beats), "every scene narrates its beats"
    background = np.array(rgb(scene_theme().background))
    corner = frame[:3, :3].reshape(-1, 3)
    assert (np.abs(corner - background).sum(axis=1) < 6).all()
    assert (np.abs(frame - background).sum(axis=2) > 60).mean() > 0.01, "the final frame shows something"


def scene_theme():
    from scenes.components import current_theme

    return current_theme()


# ---------------------------------------------------------------------------------------------- 1
def test_pixels_as_neurons_shows_the_chosen_digit_and_its_pixels_as_neurons():
    scene, frame, _ = render("PixelsAsNeurons")
    digit = load_sample().of_digit(3)[0]
    np.testing.assert_array_equal(scene.digit, digit)
    grid = scene.grid
    errors = [abs(brightness(frame, grid.pixel_center(r, c), grid.theme) - digit[r * 28 + c])
              for r in range(2, 26) for c in range(2, 26)]
    assert max(errors) < 0.06
    for circle in scene.input_column:
        assert circle.activation == digit[circle.index]
        assert brightness(frame, circle.get_center(), grid.theme) == pytest.approx(circle.activation, abs=0.12)
    assert scene.shown_pixel_values == [digit[c.index] for c in scene.input_column]
    r0, c0 = scene.patch_origin
    np.testing.assert_array_equal(scene.patch_values, digit.reshape(28, 28)[r0:r0 + 6, c0:c0 + 6])


# ---------------------------------------------------------------------------------------------- 2
def _yellowness(block: np.ndarray) -> float:
    block = block.reshape(-1, 3)
    return float(((block[:, 0] + block[:, 1]) / 2 - block[:, 2]).max())


@pytest.mark.parametrize("digit_option", [None, "4"])   # sample index 4 is a 0 the network misreads
def test_feed_forward_marks_the_networks_own_answer(monkeypatch, net, digit_option):
    if digit_option is not None:
        monkeypatch.setenv("EXPLAINER_DIGIT", digit_option)
    scene, frame, _ = render("NetworkFeedForward")
    sample = load_sample()
    image = sample.of_digit(3)[0] if digit_option is None else sample.images[int(digit_option)]
    np.testing.assert_array_equal(scene.digit, image)
    expected = int(net.predict(image[None])[0])
    assert scene.prediction == expected
    np.testing.assert_allclose(scene.output_activations, net.forward(image)[-1].ravel())
    if digit_option is not None:
        assert scene.true_label == 0 and expected != 0, "this sample digit is one the network gets wrong"
    d = scene.diagram
    for circle in d.neurons[-1]:  # output brightness is the real output activation
        assert brightness(frame, circle.get_center(), d.theme) == pytest.approx(
            scene.output_activations[circle.index], abs=0.06)
    # the answer box is drawn around the predicted digit and no other
    _, x = to_pixel(d.answer_box.get_center(), frame)
    y, _ = to_pixel(d.neuron(3, expected).get_top() + [0, 0.08, 0], frame)
    assert _yellowness(frame[y - 3:y + 3, x - 3:x + 4]) > 60
    other = (expected + 5) % 10
    y, _ = to_pixel(d.neuron(3, other).get_top() + [0, 0.08, 0], frame)
    assert _yellowness(frame[y - 3:y + 3, x - 3:x + 4]) < 20


# ---------------------------------------------------------------------------------------------- 4
def test_one_hidden_neuron_shows_the_real_weighted_sum_bias_and_activation(net):
    scene, frame, _ = render("OneHiddenNeuron")
    j, image = scene.neuron_index, scene.digit
    fp = net.forward_pass(image)
    assert scene.shown_activation == pytest.approx(float(fp.activations[1][0, j]))
    assert scene.shown_z == pytest.approx(float(fp.weighted_sums[0][0, j]))
    assert scene.shown_weighted_sum + scene.shown_bias == pytest.approx(scene.shown_z)
    assert scene.shown_bias == net.biases[0][j]
    shown = numbers_on_screen(scene)
    for value in (scene.shown_weighted_sum, scene.shown_bias, scene.shown_z, scene.shown_activation):
        assert value in shown
    circle = scene.neuron_circle
    assert brightness(frame, circle.get_center(), scene_theme()) == pytest.approx(scene.shown_activation, abs=0.05)


# ---------------------------------------------------------------------------------------------- 5
def test_sigmoid_squish_values_come_from_nnlib():
    from nnlib.activations import sigmoid

    scene, _, _ = render("SigmoidSquish")
    for z in (-8.0, 0.0, 8.0):
        assert scene.shown_values[z] == pytest.approx(float(sigmoid(np.array(z))))
    assert scene.shown_values["shifted at 10"] == pytest.approx(0.5)
    assert scene.shown_values["relu(-3)"] == 0 and scene.shown_values["relu(4)"] == 4
    np.testing.assert_allclose(scene.squished, sigmoid(np.arange(-10.0, 11.0)))  # the number line squished


# ---------------------------------------------------------------------------------------------- 6
def test_counting_follows_the_loaded_network(monkeypatch, tmp_path, net):
    scene, _, _ = render("CountingParameters")
    assert scene.shown_total == 13002 == net.parameter_count
    assert 13002.0 in numbers_on_screen(scene)
    other = Network((784, 30, 10), seed=1)
    save_network(other, tmp_path / "small.npz")
    monkeypatch.setenv("EXPLAINER_WEIGHTS", str(tmp_path / "small.npz"))
    scene, _, _ = render("CountingParameters")
    assert scene.shown_total == 784 * 30 + 30 + 30 * 10 + 10
    assert scene.shown_counts == [(23520, 30), (300, 10)]


# ---------------------------------------------------------------------------------------------- 7, 8
def test_matrix_slice_and_result_are_the_real_numbers(net):
    scene, _, _ = render("MatrixNotation")
    rows, cols = scene.shown_rows, scene.shown_columns
    np.testing.assert_array_equal(scene.shown_W, net.weights[0][np.ix_(rows, cols)])
    np.testing.assert_array_equal(scene.shown_a0, scene.digit[cols])
    np.testing.assert_allclose(scene.shown_a1, net.forward(scene.digit)[1].ravel()[rows])
    assert scene.shown_a0.min() > 0.3, "the slice shows pixels with ink, so the product is not all zeros"
    shown = numbers_on_screen(scene)
    for value in list(scene.shown_W.ravel()) + list(scene.shown_b) + list(scene.shown_a1):
        assert float(value) in shown


def test_network_as_function_outputs(net):
    scene, _, _ = render("NetworkAsFunction")
    np.testing.assert_allclose(scene.shown_outputs, net.forward(scene.digit)[-1].ravel())
    assert scene.parameter_text.value == net.parameter_count


# ---------------------------------------------------------------------------------------------- 9
def test_heatmap_colours_match_weight_signs(net):
    scene, frame, _ = render("FirstLayerHeatmaps")
    sheet, theme = scene.sheet, scene.sheet.theme
    back = np.array(rgb(theme.background))
    pos, neg = np.array(rgb(theme.positive)) - back, np.array(rgb(theme.negative)) - back
    checked = agree = 0
    for i in (0, 5, 10, 15):
        w = net.weights[0][i].reshape(28, 28)
        strong = np.argwhere(np.abs(w) > 0.35 * np.abs(w).max())
        for r, c in strong:
            y, x = to_pixel(sheet.pixel_center(i, r, c), frame)
            d = frame[y, x] - back
            sign = 1 if d @ pos / np.linalg.norm(pos) > d @ neg / np.linalg.norm(neg) else -1
            checked += 1
            agree += sign == np.sign(w[r, c])
    assert checked > 100 and agree == checked
