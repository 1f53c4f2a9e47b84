"""Chapter 1's scenes, rendered tiny at brisk pace: what they show and say must be what nnlib computes.

Every scene keeps the numbers it displays as attributes (``prediction``, ``shown_activation``, ...). The tests compare
them with nnlib, look for them among the numbers on screen and in the narration, and check pixels of the last frame
that a viewer would notice (a lit neuron's brightness, a heatmap's green and red, the digit shown).
"""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from nnlib import Network, load_network, save_network
from nnlib.activations import relu, sigmoid, sigmoid_prime
from nnlib.assets import default_weights_path, load_sample
from nnlib.edge_detector import detector_response, edge_detector_bias, edge_detector_weights, split_sum
from nnlib.first_layer import starting_network, untouched_inputs
from scenes.content.components import format_number, rgb
from scenes.tool.registry import scenes_of_chapter
from tests.scene_rendering import narrate_scene, render_scene, said

pytestmark = pytest.mark.render

CHAPTER = [info.name for info in scenes_of_chapter(1)]
#: frame widths: enough pixels per image pixel where a test reads an image off the frame, tiny elsewhere
WIDTHS = {"PixelsAsNeurons": 480, "FirstLayerHeatmaps": 640}
#: options a scene is rendered with (PixelsAsNeurons shows a 7: the narration must follow the digit shown)
OPTIONS = {"PixelsAsNeurons": {"digit": 7}}
_RENDERS: dict[str, tuple] = {}


def scene_class(name: str) -> type:
    info = next(i for i in scenes_of_chapter(1) if i.name == name)
    return getattr(importlib.import_module(info.module), name)


def render(name: str) -> tuple[object, np.ndarray]:
    """The scene rendered once for the whole module (dry run, brisk) and its last frame (H, W, 3)."""
    if name not in _RENDERS:
        _RENDERS[name] = render_scene(scene_class(name), width=WIDTHS.get(name, 320), **OPTIONS.get(name, {}))
    return _RENDERS[name]


def script(name: str, **options) -> object:
    """The scene run for its narration only (see :func:`tests.scene_rendering.narrate_scene`)."""
    return narrate_scene(scene_class(name), **options)


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


def colour_share(frame, mobject, colour: str, theme) -> float:
    """Of the drawn pixels inside ``mobject``'s bounding box, the share tinted ``colour``: pixels whose difference
    from the background points the way ``colour``'s does (anti-aliased text is never the exact colour)."""
    (top, left), (bottom, right) = to_pixel(mobject.get_corner([-1, 1, 0]), frame), \
        to_pixel(mobject.get_corner([1, -1, 0]), frame)
    block = frame[top:bottom + 1, left:right + 1].reshape(-1, 3)
    drawn = block[np.linalg.norm(block - np.array(rgb(theme.background)), axis=1) > 40]
    return float(tinted(drawn, colour, theme).mean()) if len(drawn) else 0.0


def tinted(pixels: np.ndarray, colour: str, theme) -> np.ndarray:
    """For each (n, 3) pixel, True if it is ``colour`` blended with the background (any strength above a trace)."""
    back = np.array(rgb(theme.background))
    offset, want = pixels - back, np.array(rgb(colour)) - back
    norms = np.linalg.norm(offset, axis=1)
    cosine = offset @ want / (np.maximum(norms, 1e-9) * np.linalg.norm(want))
    return (norms > 40) & (cosine > 0.97)


def numbers_on_screen(scene) -> list[float]:
    """The values of every number mobject currently in the scene."""
    return [m.value for top in scene.mobjects for m in top.get_family() if isinstance(getattr(m, "value", None),
                                                                                      float)]


def texts_on_screen(scene) -> list[str]:
    """Every Text on screen, as manim keeps it: without spaces."""
    return [m.text for top in scene.mobjects for m in top.get_family() if isinstance(getattr(m, "text", None), str)]


def squeezed(text: str) -> str:
    return text.replace(" ", "")


@pytest.fixture(scope="module")
def net():
    return load_network(default_weights_path())


@pytest.fixture(scope="module")
def sample():
    return load_sample()


# ---------------------------------------------------------------------------------------------- every scene
@pytest.mark.parametrize("name", CHAPTER)
def test_scene_renders_and_narrates_every_beat(name):
    scene, frame = render(name)
    assert scene.beats, "the scene narrates"
    for beat in scene.beats:
        assert len(beat.text.split()) >= 15, f"{beat.id} is too thin to teach: {beat.text!r}"
        assert not set(beat.text) & set("σ→×½"), f"{beat.id} has a symbol the voice cannot say"
    background = np.array(rgb(scene.theme.background))
    assert (np.abs(frame[:3, :3].reshape(-1, 3) - background).sum(axis=1) < 6).all()
    assert (np.abs(frame - background).sum(axis=2) > 60).mean() > 0.01, "the final frame shows something"


def test_the_chapter_is_a_real_explainer():
    words = {name: sum(len(b.text.split()) for b in render(name)[0].beats) for name in CHAPTER}
    assert sum(words.values()) >= 2000, words
    assert min(words.values()) >= 150, words


# ---------------------------------------------------------------------------------------------- 1
def test_pixels_as_neurons_names_and_shows_the_digit_it_was_given(sample):
    scene, frame = render("PixelsAsNeurons")                     # rendered with digit=7
    digit = sample.of_digit(7)[0]
    np.testing.assert_array_equal(scene.digit.image, digit)
    assert "a 7, written by hand" in scene.beats[0].text and " 3" not in said(scene)
    grid = scene.grid
    errors = [abs(brightness(frame, grid.pixel_center(r, c), scene.theme) - digit[r * 28 + c])
              for r in range(2, 26) for c in range(2, 26)]
    assert max(errors) < 0.06, "the frame shows the 7 itself"
    for circle in scene.input_column:
        assert circle.activation == digit[circle.index]
        assert brightness(frame, circle.get_center(), scene.theme) == pytest.approx(circle.activation, abs=0.12)
    r0, c0 = scene.patch_origin
    np.testing.assert_array_equal(scene.patch_values, digit.reshape(28, 28)[r0:r0 + 6, c0:c0 + 6])


# ---------------------------------------------------------------------------------------------- 2
def _yellowness(block: np.ndarray) -> float:
    block = block.reshape(-1, 3)
    return float(((block[:, 0] + block[:, 1]) / 2 - block[:, 2]).max())


def test_feed_forward_lights_the_real_outputs_and_boxes_the_answer(net, sample):
    scene, frame = render("NetworkFeedForward")
    image = sample.of_digit(3)[0]
    expected = int(net.predict(image[None])[0])
    assert scene.prediction == expected == 3
    np.testing.assert_allclose(scene.output_activations, net.forward(image)[-1].ravel())
    d = scene.diagram
    for circle in d.neurons[-1]:
        assert brightness(frame, circle.get_center(), scene.theme) == pytest.approx(
            scene.output_activations[circle.index], abs=0.06)
    _, x = to_pixel(d.answer_box.get_center(), frame)
    y, _ = to_pixel(d.neuron(3, expected).get_top() + [0, 0.08, 0], frame)
    assert _yellowness(frame[y - 3:y + 3, x - 3:x + 4]) > 60
    y, _ = to_pixel(d.neuron(3, (expected + 5) % 10).get_top() + [0, 0.08, 0], frame)
    assert _yellowness(frame[y - 3:y + 3, x - 3:x + 4]) < 20
    assert "two hidden layers of 16 neurons each" in said(scene)
    assert f"brightest, at {format_number(float(scene.output_activations[3]), 2)}" in said(scene)


def test_feed_forward_says_so_when_the_network_is_wrong(net, sample):
    scene = script("NetworkFeedForward", sample_index=4)        # sample image 4 is a 0 the network misreads
    guess = int(net.predict(sample.images[4][None])[0])
    assert scene.true_label == 0 and scene.prediction == guess != 0
    assert f"labelled 0: the network is wrong" in said(scene)


# ---------------------------------------------------------------------------------------------- 3
def test_layered_hope_is_marked_as_a_hope():
    scene, frame = render("LayeredHope")
    assert scene.hope_layers == ["pixels", "edges?", "loops, lines?", "digits"]
    assert scene.speech_chain[0] == "raw audio" and scene.speech_chain[-1] == "phrases"
    assert squeezed("not what the trained network does") in scene.hope_note.text
    assert colour_share(frame, scene.hope_note, scene.theme.accent, scene.theme) > 0.8, "the warning is on screen, in accent"
    assert "this is a hope" in said(scene)


# ---------------------------------------------------------------------------------------------- 4
def test_designed_edge_detector_is_nnlibs_detector_on_real_digits(sample):
    from scenes.content.chapter1.designed_edge_detector import BIAS_FRACTION, STROKE, about

    scene, frame = render("DesignedEdgeDetector")
    w = edge_detector_weights(**STROKE)
    np.testing.assert_array_equal(scene.weights, w)
    assert scene.bias == edge_detector_bias(w, BIAS_FRACTION) < 0
    sums, activations = detector_response(w, scene.bias, sample.images)
    on, around = split_sum(w, sample.images)
    used = scene.digits_used
    assert used["highest"] == int(np.argmax(sums)) and used["lowest"] == int(np.argmin(sums))
    assert used["green only"] == int(np.argmax(on)) != used["highest"], "the red band changed the ranking"
    for role, i in used.items():
        assert scene.sums[role] == pytest.approx(sums[i]) and scene.activations[role] == pytest.approx(activations[i])
        assert scene.on_stroke[role] + scene.around[role] == pytest.approx(sums[i])
        assert on[i] == pytest.approx(scene.on_stroke[role]) and around[i] == pytest.approx(scene.around[role])
    assert scene.activations["highest"] > 0.5 > scene.activations["green only"]
    (chosen,), _ = detector_response(w, scene.bias, sample.of_digit(3)[0])
    assert scene.sums["chosen"] == pytest.approx(chosen)
    # on screen: the note and the sums (the activations' table is SigmoidSquish's: tests/test_chapter1_neuron.py)
    assert squeezed("designed by hand, not learned") == scene.designed_note.text
    assert colour_share(frame, scene.designed_note, scene.theme.accent, scene.theme) > 0.8
    for value in (scene.sums["highest"], scene.sums["lowest"], scene.sums["green only"]):
        assert float(value) in numbers_on_screen(scene)
    text = said(scene)                                  # spoken rounded for the ear; the screen keeps the precision
    assert f"about {about(scene.sums['highest'])}" in text and "bias" not in text and "sigmoid" not in text
    assert f"about {about(scene.on_stroke['green only'])}" in text and "blob" in text


# ---------------------------------------------------------------------------------------------- 5
def test_one_hidden_neuron_shows_the_real_weighted_sum_bias_and_activation(net):
    scene, frame = render("OneHiddenNeuron")
    j, image = scene.neuron_index, scene.digit.image
    fp = net.forward_pass(image)
    assert j == int(np.argmin(np.abs(fp.activations[1][0] - 0.5)))
    assert scene.shown_activation == pytest.approx(float(fp.activations[1][0, j]))
    assert scene.shown_z == pytest.approx(float(fp.weighted_sums[0][0, j]))
    assert scene.shown_weighted_sum + scene.shown_bias == pytest.approx(scene.shown_z)
    assert scene.shown_bias == net.biases[0][j]
    shown = numbers_on_screen(scene)
    for value in (scene.shown_weighted_sum, scene.shown_bias, scene.shown_z, scene.shown_activation):
        assert value in shown
    assert brightness(frame, scene.neuron_circle.get_center(), scene.theme) == pytest.approx(
        scene.shown_activation, abs=0.05)
    from scenes.content.chapter1.designed_edge_detector import about
    assert (f"sigma of {about(scene.shown_z)} is about {format_number(scene.shown_activation, 2)}"
            in said(scene))


# ---------------------------------------------------------------------------------------------- 6
def test_sigmoid_squish_values_and_curves_come_from_nnlib(net):
    scene, frame = render("SigmoidSquish")
    for z in (-8.0, 0.0, 8.0):
        assert scene.shown_values[z] == pytest.approx(float(sigmoid(np.array(z))))
    assert scene.shown_values["shifted at threshold"] == pytest.approx(0.5)
    assert scene.shown_values["relu(-3)"] == 0 and scene.shown_values["relu(4)"] == 4
    assert scene.shown_values["sigmoid slope far out"] == pytest.approx(float(sigmoid_prime(np.array(8.0))))
    np.testing.assert_allclose(scene.squished, sigmoid(np.arange(-10.0, 11.0)))
    assert scene.first_layer_biases == (net.biases[0].min(), net.biases[0].max())
    for plot, f in ((scene.relu_plot, relu), (scene.small_sigmoid, sigmoid)):
        for a in (1.0, 3.0, 6.0):
            y, x = to_pixel(plot.axes.c2p(a, float(f(np.array(a)))), frame)
            near = frame[y - 2:y + 3, x - 2:x + 3].reshape(-1, 3)
            assert tinted(near, scene.theme.accent, scene.theme).any(), f"{plot.f.__name__}({a}) drawn where it is"
    assert "minus 10" not in said(scene) and f"passes {format_number(10, 0)}" not in said(scene)  # formatted


# ---------------------------------------------------------------------------------------------- 7
def test_counting_is_read_off_the_network(net):
    scene, frame = render("CountingParameters")
    assert scene.shown_total == 13002 == net.parameter_count
    assert scene.shown_counts == [(12544, 16), (256, 16), (160, 10)]
    assert 13002.0 in numbers_on_screen(scene) and "13,002 knobs and dials" in said(scene)
    assert colour_share(frame, scene.total_text, scene.theme.accent, scene.theme) > 0.8


# ---------------------------------------------------------------------------------------------- 8
def test_matrix_slice_and_result_are_the_real_numbers(net):
    scene, frame = render("MatrixNotation")
    rows, cols = scene.shown_rows, scene.shown_columns
    np.testing.assert_array_equal(scene.shown_W, net.weights[0][np.ix_(rows, cols)])
    np.testing.assert_array_equal(scene.shown_a0, scene.digit.image[cols])
    np.testing.assert_allclose(scene.shown_a1, net.forward(scene.digit.image)[1].ravel()[rows])
    assert scene.shown_a0.min() > 0.3, "the slice shows pixels with ink, so the product is not all zeros"
    shown = numbers_on_screen(scene)
    for value in list(scene.shown_W.ravel()) + list(scene.shown_b) + list(scene.shown_a1):
        assert float(value) in shown
    assert "@" in scene.code_line and squeezed(scene.code_line) in texts_on_screen(scene)
    for entry in scene.result_entries[:len(scene.shown_a1)]:
        assert colour_share(frame, entry, scene.theme.accent, scene.theme) > 0.8


# ---------------------------------------------------------------------------------------------- 9
def test_network_as_function_outputs(net):
    scene, frame = render("NetworkAsFunction")
    image = scene.digit.image
    np.testing.assert_allclose(scene.shown_outputs, net.forward(image)[-1].ravel())
    assert scene.parameter_text.value == net.parameter_count
    assert [row[1].value for row in scene.output_rows] == [float(v) for v in scene.shown_outputs]
    grid = scene.input_grid
    errors = [abs(brightness(frame, grid.pixel_center(r, c), scene.theme) - image[r * 28 + c])
              for r in range(4, 24, 3) for c in range(4, 24, 3)]
    assert max(errors) < 0.1


# ---------------------------------------------------------------------------------------------- 10
def test_heatmap_colours_match_weight_signs_and_the_untouched_border(net):
    scene, frame = render("FirstLayerHeatmaps")
    sheet, theme = scene.sheet, scene.theme
    back = np.array(rgb(theme.background))
    pos, neg = np.array(rgb(theme.positive)) - back, np.array(rgb(theme.negative)) - back
    checked = agree = 0
    for i in (0, 5, 10, 15):
        w = net.weights[0][i].reshape(28, 28)
        for r, c in np.argwhere(np.abs(w) > 0.35 * np.abs(w).max()):
            y, x = to_pixel(sheet.pixel_center(i, r, c), frame)
            d = frame[y, x] - back
            checked += 1
            agree += (1 if d @ pos / np.linalg.norm(pos) > d @ neg / np.linalg.norm(neg) else -1) == np.sign(w[r, c])
    assert checked > 100 and agree == checked
    np.testing.assert_array_equal(scene.untouched, untouched_inputs(net, starting_network(net)))
    assert f"These {int(scene.untouched.sum())} pixels" in said(scene)
    assert scene.quoted_accuracy == net.metadata["test_accuracy"]


# ---------------------------------------------------------------------------------------------- --weights
def test_a_second_network_changes_what_is_shown_and_said(tmp_path, net):
    """A perturbed copy of the shipped network and a smaller random one: the numbers spoken follow the weights."""
    rng = np.random.default_rng(5)
    other = Network(net.sizes, weights=[w + rng.normal(0, 0.5, w.shape) for w in net.weights],
                    biases=[b + rng.normal(0, 0.5, b.shape) for b in net.biases])
    save_network(other, tmp_path / "perturbed.npz")
    small = Network((784, 30, 10), seed=1)
    save_network(small, tmp_path / "small.npz")

    shipped = script("OneHiddenNeuron")
    changed = script("OneHiddenNeuron", weights=tmp_path / "perturbed.npz")
    j = changed.neuron_index
    fp = other.forward_pass(changed.digit.image)
    assert changed.shown_z == pytest.approx(float(fp.weighted_sums[0][0, j]))
    from scenes.content.chapter1.designed_edge_detector import about
    assert f"z, about {about(changed.shown_z)}" in said(changed)
    assert said(changed) != said(shipped)

    counted = script("CountingParameters", weights=tmp_path / "small.npz")
    assert counted.shown_total == 784 * 30 + 30 + 30 * 10 + 10
    text = said(counted)
    assert "784 times 30, or 23,520 weights" in text and "23,860 knobs and dials" in text and "13,002" not in text
    built = script("NetworkFeedForward", weights=tmp_path / "small.npz")
    assert "one hidden layer of 30 neurons" in said(built)
