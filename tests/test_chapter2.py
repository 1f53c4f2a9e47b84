"""Chapter 2 scenes render, and what they show is nnlib's numbers: checked on the scene and in the last frame.

Scenes render at a tiny resolution with no file written; each is rendered once per session (``rendered``).
"""

from __future__ import annotations

import functools

import numpy as np
import pytest

pytestmark = pytest.mark.render

manim = pytest.importorskip("manim")

from nnlib import Network, load_mnist, load_network  # noqa: E402
from nnlib.analysis import mini_batch, noise_images  # noqa: E402
from nnlib.assets import default_weights_path, load_sample  # noqa: E402
from nnlib.experiments import default_path, load_experiment  # noqa: E402
from nnlib.toys import TWO_VALLEY_SURFACE, VALLEY_CURVE, descend_1d, descend_2d, local_minima_1d  # noqa: E402
from scenes.components.theme import current_theme, rgb  # noqa: E402
from scenes.registry import scenes_of_chapter  # noqa: E402

WIDTH, HEIGHT = 320, 180


def render(name: str):
    """Render scene ``name`` of chapter 2 at a tiny size; return (scene, last frame as (H, W, 3) uint8)."""
    import scenes.chapter2 as chapter2

    config = {"pixel_width": WIDTH, "pixel_height": HEIGHT, "frame_rate": 5, "dry_run": True,
              "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none"}
    with manim.tempconfig(config):
        scene = getattr(chapter2, name)()
        scene.render()
        frame = scene.renderer.get_frame()[:, :, :3].copy()
    return scene, frame


@functools.lru_cache(maxsize=None)
def rendered(name: str):
    """Each scene rendered once with the default options (MNIST from $MNIST_DIR if set)."""
    return render(name)


def near(frame: np.ndarray, colour: str, tolerance: float = 40) -> np.ndarray:
    """Mask of the pixels drawn in a theme colour: within ``tolerance`` of it, or (for anti-aliased small text)
    closer to it than to any other colour of the theme and clearly not background."""
    theme = current_theme()
    palette = [theme.background, theme.text, theme.dim_text, theme.positive, theme.negative, theme.accent]
    pixels = frame.astype(float)
    distances = np.stack([np.linalg.norm(pixels - np.array(rgb(c), float), axis=2) for c in palette])
    target = np.linalg.norm(pixels - np.array(rgb(colour), float), axis=2)
    blended = (target <= distances.min(axis=0)) & (distances[0] > 60) & (target < 2.5 * tolerance)
    return (target < tolerance) | blended


def pixel_box(mobject, pad: int = 0) -> tuple[slice, slice]:
    """The (rows, columns) of the frame covered by a mobject's bounding box."""
    fw, fh = manim.config.frame_width, manim.config.frame_height
    left, right = mobject.get_left()[0], mobject.get_right()[0]
    top, bottom = mobject.get_top()[1], mobject.get_bottom()[1]
    cols = slice(int((left + fw / 2) / fw * WIDTH) - pad, int(np.ceil((right + fw / 2) / fw * WIDTH)) + pad)
    rows = slice(int((fh / 2 - top) / fh * HEIGHT) - pad, int(np.ceil((fh / 2 - bottom) / fh * HEIGHT)) + pad)
    return rows, cols


@pytest.fixture(scope="module")
def trained():
    return load_network(default_weights_path())


def test_every_chapter2_scene_exists_and_draws_something():
    import scenes.chapter2 as chapter2

    names = [info.name for info in scenes_of_chapter(2)]
    assert len(names) == 13
    for name in names:
        assert hasattr(chapter2, name), name
    background = rgb(current_theme().background)
    for name in ("TrainingData", "CostAsFunction", "WhatHiddenLayerLearned", "ThreeLayersOfComplexity"):
        _, frame = rendered(name)
        lit = np.any(np.abs(frame.astype(int) - background) > 40, axis=2)
        assert lit.mean() > 0.01, f"{name}: last frame is nearly blank"


def test_training_data_counts_come_from_the_network_metadata(trained):
    scene, _ = rendered("TrainingData")
    assert scene.shown_counts == (trained.metadata["data"]["train_images"], trained.metadata["data"]["test_images"])


def test_random_network_outputs_are_the_seeded_networks(monkeypatch):
    scene, _ = rendered("RandomNetworkMess")
    net = Network((784, 16, 16, 10), seed=0)
    three = load_sample().first(3)
    np.testing.assert_allclose(scene.shown_outputs, net.output(three)[0])
    assert scene.shown_answer == int(net.predict(three)[0])
    monkeypatch.setenv("EXPLAINER_SEED", "7")
    other, _ = render("RandomNetworkMess")
    np.testing.assert_allclose(other.shown_outputs, Network((784, 16, 16, 10), seed=7).output(three)[0])


def test_cost_shown_equals_net_cost(trained):
    scene, frame = rendered("CostOfOneExample")
    three = load_sample().first(3)
    random_net = Network((784, 16, 16, 10), seed=0)
    assert scene.shown_costs[0] == pytest.approx(random_net.cost(three[None], [3]), rel=1e-12)
    assert scene.shown_costs[1] == pytest.approx(trained.cost(three[None], [3]), rel=1e-12)
    assert scene.shown_costs[1] < 0.1 < scene.shown_costs[0]
    from scenes.chapter2 import training_set

    images, labels, _ = training_set()  # MNIST's training images if found, else the shipped sample
    assert scene.shown_averages == pytest.approx([random_net.cost(images, labels), trained.cost(images, labels)])
    theme = current_theme()  # the last frame names both networks in their colours
    assert near(frame, theme.negative).sum() > 5 and near(frame, theme.positive).sum() > 5


def test_a_digit_image_file_is_fed_and_an_unlabelled_cost_says_what_it_uses(monkeypatch, tmp_path, trained):
    """--digit my.png: the random network is fed that image; the cost (which needs a label) says it uses the 3."""
    from PIL import Image

    from nnlib.digit_image import load_digit_image

    seven = (255 - load_sample().first(7).reshape(28, 28) * 255).astype(np.uint8)  # dark ink on white paper
    path = tmp_path / "my_digit.png"
    Image.fromarray(seven).resize((140, 140)).save(path)
    monkeypatch.setenv("EXPLAINER_DIGIT", str(path))
    mess, _ = render("RandomNetworkMess")
    np.testing.assert_allclose(mess.shown_outputs, Network((784, 16, 16, 10), seed=0).output(load_digit_image(path))[0])
    cost, _ = render("CostOfOneExample")
    three = load_sample().first(3)
    assert cost.shown_costs[1] == pytest.approx(trained.cost(three[None], [3]), rel=1e-12)
    notes = [m for m in cost.mobjects if "has no label" in getattr(m, "original_text", "")]
    assert len(notes) == 1


def test_cost_as_function_shows_the_trained_cost(trained):
    scene, _ = rendered("CostAsFunction")
    assert 0 < scene.shown_cost < 0.2
    assert scene.shown_cost == pytest.approx(rendered("ThreeLayersOfComplexity")[0].shown_cost)


def test_one_variable_descent_ends_in_the_toys_minima():
    scene, _ = rendered("DescentOneVariable")
    starts = [-5.0, -1.8, 0.6, 4.5]
    np.testing.assert_allclose(scene.final_positions, [descend_1d(VALLEY_CURVE, s, 0.2, 30)[-1] for s in starts])
    assert scene.shown_slopes == pytest.approx([VALLEY_CURVE.slope(1.5), VALLEY_CURVE.slope(-3.8)])
    assert scene.shown_slopes[0] < 0 < scene.shown_slopes[1]  # one "step right", one "step left"
    minima = local_minima_1d(VALLEY_CURVE)
    assert len({int(np.argmin(np.abs(minima - x))) for x in scene.final_positions}) == 3


def test_two_variable_descent_follows_the_toy_gradient():
    scene, frame = rendered("DescentTwoVariables")
    np.testing.assert_allclose(scene.final_points[0], descend_2d(TWO_VALLEY_SURFACE, (2.6, -2.4), 0.5, 24)[-1])
    assert np.linalg.norm(scene.final_points[0] - scene.final_points[1]) > 1.0  # two different valleys
    assert scene.start_gradient == pytest.approx(TWO_VALLEY_SURFACE.gradient(2.6, -2.4))
    assert near(frame, current_theme().positive, 60).sum() > 10  # the green valley floor is drawn


def test_real_gradient_entries_are_backprop():
    scene, _ = rendered("RealGradient")
    net, sample = Network((784, 16, 16, 10), seed=0), load_sample()
    batch = mini_batch(len(sample.labels), 10, seed=0)
    nudges = -net.flat_gradient(sample.images[batch], sample.labels[batch])
    for index, value in scene.shown_nudges.items():
        assert value == pytest.approx(nudges[index], rel=1e-10)
    assert max(abs(v) for v in scene.shown_nudges.values()) == pytest.approx(np.abs(nudges).max())
    assert scene.example_gradient == (3.0, 1.0)


def test_learning_counter_ends_at_the_real_count(trained):
    scene, frame = rendered("Learning")
    run = load_experiment(default_path("learning"), "learning")
    assert scene.shown_correct == int(run["test_correct"][-1]) == trained.metadata["test_correct"]
    assert scene.shown_total == 10000
    theme = current_theme()
    counter_rows = frame[int(HEIGHT * 0.8):]
    assert near(counter_rows, theme.accent).sum() > 5  # the final count is written, in the accent colour
    right_half = frame[:, WIDTH // 2:]  # the heatmaps: green and red weights
    assert near(right_half, theme.positive, 90).sum() > 20 and near(right_half, theme.negative, 90).sum() > 20


def test_unseen_digits_counts_the_test_set(trained, mnist):
    scene, _ = rendered("UnseenDigits")
    predictions = trained.predict(mnist.test_images)
    assert scene.shown_correct == int(np.sum(predictions == mnist.test_labels))
    assert scene.shown_total == len(mnist.test_labels)
    assert np.all(scene.gallery_guesses != scene.gallery_labels)


def test_unseen_digits_without_mnist_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("MNIST_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    scene, frame = render("UnseenDigits")
    assert scene.shown_total == 100 and not scene.used_test_set
    assert near(frame, current_theme().accent).sum() > 5  # the notice and the count


def test_noise_marked_digit_is_the_networks_answer(trained):
    scene, frame = rendered("NoiseInConfidentOut")
    noise = noise_images(1000, seed=0)
    assert np.array_equal(scene.noise_image, noise[np.argmax(trained.output(noise).max(axis=1))])
    assert scene.marked_digit == int(trained.predict(scene.noise_image)[0])
    assert np.array_equal(scene.noise_stats.noise.predicted_counts, np.bincount(trained.predict(noise), minlength=10))
    # In the last frame the marked digit's bar in the noise chart is the highlighted (accent) one.
    theme = current_theme()
    bar = scene.charts[0].bars[scene.marked_digit]
    rows, cols = pixel_box(bar)
    assert near(frame[rows, cols], theme.accent, 60).mean() > 0.5


def test_hidden_layer_smoothness(trained):
    scene, _ = rendered("WhatHiddenLayerLearned")
    before, after = scene.smoothness
    assert abs(before) < 0.05 < after


def test_shuffled_labels_shows_the_asset():
    scene, _ = rendered("ShuffledLabels")
    run = load_experiment(default_path("shuffled"), "shuffled")
    assert scene.shown_final["shuffled_train_accuracy"] == run["shuffled_train_accuracy"][-1]
    assert scene.shown_final["real_train_accuracy"] > scene.shown_final["shuffled_train_accuracy"]
    assert abs(scene.shown_final["shuffled_test_accuracy"] - 0.1) < 0.05
