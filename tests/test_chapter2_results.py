"""Chapter 2's second half (learning and its results), rendered tiny at brisk pace: what the scenes show and say must
be what nnlib computes, offline as well as with the MNIST test set, and a test image is never a training image.

Each scene keeps the numbers it displays as attributes; the tests compare them with nnlib, look for them in the
narration, and check pixels of the last frame that a viewer would notice.
"""

from __future__ import annotations

import importlib
from contextlib import contextmanager

import numpy as np
import pytest

from nnlib import load_network, save_network
from nnlib.assets import default_weights_path, load_sample
from nnlib.evaluation import load_evaluation
from nnlib.experiments import default_path, load_experiment
from scenes.content.components import format_number, make_theme, rgb
from scenes.tool.registry import scenes_of_chapter
from tests.scene_rendering import narrate_scene, render_scene, said

pytestmark = pytest.mark.render

SECOND_HALF = ["Learning", "UnseenDigits", "TweaksMeasured", "WhatHiddenLayerLearned", "NoiseInConfidentOut",
               "ShuffledLabels", "ThreeLayersOfComplexity"]
THEME = make_theme()
_RENDERS: dict[tuple, tuple] = {}


def scene_class(name: str) -> type:
    info = next(i for i in scenes_of_chapter(2) if i.name == name)
    return getattr(importlib.import_module(info.module), name)


@contextmanager
def environment(**variables: str):
    """Set environment variables for the block, then restore them."""
    import os

    saved = {k: os.environ.get(k) for k in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextmanager
def offline(tmp_path_factory):
    """No MNIST anywhere: MNIST_DIR and the download cache both point at empty folders."""
    empty = tmp_path_factory.mktemp("no-mnist")
    with environment(MNIST_DIR=str(empty), XDG_CACHE_HOME=str(empty)):
        yield


def render(name: str, **options) -> tuple[object, np.ndarray]:
    """The scene rendered once per option set (dry run, brisk, width 320) and its last frame (H, W, 3)."""
    key = (name, tuple(sorted(options.items())))
    if key not in _RENDERS:
        _RENDERS[key] = render_scene(scene_class(name), width=320, **options)
    return _RENDERS[key]


def script(name: str, **options) -> object:
    """The scene run for its narration only (see :func:`tests.scene_rendering.narrate_scene`)."""
    return narrate_scene(scene_class(name), **options)


def on_screen_text(scene) -> str:
    """Every Text on screen at the end (manim's Text keeps its characters without spaces)."""
    return " ".join(getattr(m, "text", "") for top in scene.mobjects for m in top.get_family())


def tinted_share(frame: np.ndarray, colour: str, rows=slice(None), columns=slice(None)) -> float:
    """The share of a frame region's pixels tinted ``colour`` (its hue over the background, any strength)."""
    block = frame[rows, columns].reshape(-1, 3).astype(float)
    back = np.array(rgb(THEME.background), dtype=float)
    offset, want = block - back, np.array(rgb(colour), dtype=float) - back
    norms = np.linalg.norm(offset, axis=1)
    cosine = offset @ want / (np.maximum(norms, 1e-9) * np.linalg.norm(want))
    return float(np.mean((norms > 40) & (cosine > 0.97)))


@pytest.fixture(scope="module")
def net():
    return load_network(default_weights_path())


@pytest.fixture(scope="module")
def perturbed(tmp_path_factory, net):
    """A second network: the shipped one with every parameter nudged at random, saved to a temporary file."""
    rng = np.random.default_rng(7)
    params = net.parameters_vector()
    other = net.with_parameters(params + 0.4 * rng.standard_normal(params.shape))
    return save_network(other, tmp_path_factory.mktemp("second") / "perturbed.npz")


def test_every_beat_of_the_second_half_is_narrated(tmp_path_factory):
    with offline(tmp_path_factory):
        for name in SECOND_HALF:
            try:
                scene = script(name)
            except (ImportError, AttributeError, StopIteration):
                pytest.fail(f"{name} is not written yet")
            assert len(scene.beats) >= 3, name
            assert all(len(b.text.split()) >= 8 for b in scene.beats), name
            words = sum(len(b.text.split()) for b in scene.beats)
            assert 120 <= words <= 320, (name, words)


# ---------------------------------------------------------------------------------------------- Learning
def test_learning_replays_the_shipped_run(net):
    scene, frame = render("Learning")
    run = load_experiment(default_path("learning"), "learning")
    correct = run["test_correct"].astype(int)
    assert list(scene.shown_correct) == list(correct)
    assert scene.counter.value == correct[-1] == net.metadata["test_correct"]
    assert scene.run_matches_network                       # the run ends at the shipped network, bit for bit
    assert "donotchangeit" in on_screen_text(scene).replace(" ", "")     # said to be precomputed, on screen
    text = said(scene)
    assert format_number(correct[-1], 0) in text and format_number(run["train_cost"][0], 2) in text
    height, width, _ = frame.shape
    # the counter at the bottom is in the accent colour; the heatmap sheet on the right is green and red
    assert tinted_share(frame, THEME.accent, rows=slice(int(0.85 * height), int(0.95 * height))) > 0.01
    sheet = dict(rows=slice(int(0.25 * height), int(0.7 * height)), columns=slice(int(0.7 * width), None))
    assert tinted_share(frame, THEME.positive, **sheet) > 0.03
    assert tinted_share(frame, THEME.negative, **sheet) > 0.03


def test_learning_says_when_the_network_in_force_is_not_the_run(perturbed):
    scene = script("Learning", weights=perturbed)
    assert not scene.run_matches_network
    assert "learned in a run of its own" in said(scene)


# ---------------------------------------------------------------------------------------------- UnseenDigits
def test_unseen_digits_offline_shows_the_shipped_evaluation(tmp_path_factory):
    with offline(tmp_path_factory):
        scene, frame = render("UnseenDigits")
    ev = load_evaluation()
    assert scene.mode == "shipped"
    assert (scene.shown_correct, scene.shown_total) == (ev.correct, ev.total)
    # every gallery image is the shipped evaluation's test image at that test index, and a real mistake
    where = {int(t): i for i, t in enumerate(ev.test_indices)}
    kept = [where[int(t)] for t in scene.gallery_test_indices]
    assert np.array_equal(scene.gallery_images, ev.images[kept])
    assert np.all(ev.predictions[kept] != ev.labels[kept])
    assert np.array_equal(scene.gallery_guesses, ev.predictions[kept])
    # and none of them is a training image
    sample = load_sample().images
    for image in scene.gallery_images:
        assert np.min(np.abs(sample - image).sum(axis=1)) > 1.0
    text = said(scene)
    assert "measured once" in text and format_number(ev.correct, 0) in text and "60,000" in text
    worst = int(np.argmin(ev.per_digit))
    assert scene.per_digit[worst] == pytest.approx(ev.per_digit.min())
    assert np.array_equal(scene.confusion_grid.counts, ev.confusion)
    height, width, _ = frame.shape
    # the last picture: the video's training images and ours as bars, ours (accent) a twelfth of the video's (text)
    bars = dict(rows=slice(int(0.45 * height), int(0.85 * height)))
    assert tinted_share(frame, THEME.accent, **bars) > 0.003


def test_unseen_digits_other_weights_offline_say_the_test_set_is_needed(tmp_path_factory, perturbed):
    with offline(tmp_path_factory):
        scene, frame = render("UnseenDigits", weights=perturbed)
    assert scene.mode == "missing" and scene.shown_correct is None and len(scene.gallery_images) == 0
    notice = "".join(getattr(m, "text", "") for m in scene.notice.get_family()).replace(" ", "")
    assert "explainerdownload" in notice                                 # the notice says how, on screen
    assert "explainer" not in said(scene) and "machine" not in said(scene)  # the voice reads no command


def test_unseen_digits_live_measures_the_network_in_force(mnist, net, perturbed):
    scene = script("UnseenDigits")
    assert scene.mode == "live"
    assert scene.shown_correct == int(np.sum(net.predict(mnist.test_images) == mnist.test_labels))
    test_set = mnist.test_images[scene.gallery_test_indices]
    assert np.allclose(scene.gallery_images, test_set, atol=1e-6)
    other = script("UnseenDigits", weights=perturbed)
    second = load_network(perturbed)
    assert other.mode == "live"
    assert other.shown_correct == int(np.sum(second.predict(mnist.test_images) == mnist.test_labels))
    assert other.shown_correct != scene.shown_correct
    assert format_number(other.shown_correct, 0) in said(other)
    assert format_number(scene.shown_correct, 0) not in said(other)


# ---------------------------------------------------------------------------------------------- WhatHiddenLayerLearned
def test_hidden_layer_contrasts_the_designed_detector_with_the_trained_weights(net):
    from nnlib.edge_detector import edge_detector_weights
    from nnlib.first_layer import starting_network
    from nnlib.weight_patterns import patch_share
    from scenes.content.chapter1.designed_edge_detector import STROKE

    scene, frame = render("WhatHiddenLayerLearned")
    start = starting_network(net)
    assert scene.designed_share == pytest.approx(patch_share(edge_detector_weights(**STROKE), 12)[0])
    assert np.allclose(scene.trained_shares, patch_share(net.weights[0], 12))
    assert np.allclose(scene.start_shares, patch_share(start.weights[0], 12))
    assert scene.designed_share > 0.9 > 0.4 > np.median(scene.trained_shares)
    assert format_number(np.median(scene.trained_shares) * 100, 0) + "%" in said(scene)
    assert scene.untouched > 0 and format_number(scene.untouched, 0) in said(scene)
    height, width, _ = frame.shape
    # the designed stroke is one green bar in the left picture; the trained sheet (right) mixes green and red
    left = dict(rows=slice(int(0.3 * height), int(0.65 * height)), columns=slice(0, int(0.25 * width)))
    assert tinted_share(frame, THEME.positive, **left) > 0.01
    right = dict(rows=slice(int(0.25 * height), int(0.66 * height)), columns=slice(int(0.65 * width), int(0.9 * width)))
    assert tinted_share(frame, THEME.positive, **right) > 0.03 and tinted_share(frame, THEME.negative, **right) > 0.03


def test_hidden_layer_before_and_after_come_from_the_same_network(perturbed):
    from nnlib.first_layer import starting_network
    from nnlib.weight_patterns import patch_share

    second = load_network(perturbed)
    scene = script("WhatHiddenLayerLearned", weights=perturbed)
    assert np.allclose(scene.trained_shares, patch_share(second.weights[0], 12))
    assert np.allclose(scene.start_shares, patch_share(starting_network(second).weights[0], 12))
    assert scene.untouched == 0                     # every weight of the perturbed copy moved away from its start


# ---------------------------------------------------------------------------------------------- NoiseInConfidentOut
def test_noise_gets_a_confident_answer(tmp_path_factory, net):
    from nnlib.analysis import noise_images, output_statistics

    with offline(tmp_path_factory):
        scene, frame = render("NoiseInConfidentOut")
    noise = noise_images(1000, 0)
    outputs = net.output(noise)
    pick = int(np.argmax(outputs.max(axis=1)))
    assert np.array_equal(scene.noise_image, noise[pick])
    assert scene.marked_digit == int(np.argmax(outputs[pick]))
    assert scene.marked_activation == pytest.approx(outputs[pick].max())
    stats = output_statistics(net, noise)
    assert np.array_equal(scene.noise_stats.noise.predicted_counts, stats.predicted_counts)
    text = said(scene)
    assert format_number(stats.median_top, 2) in text and f"answers {stats.most_common}" in text
    assert "training digits" in scene.real_description            # offline: the sample, and said so
    height, width, _ = frame.shape
    rows = slice(int(0.25 * height), int(0.62 * height))
    assert tinted_share(frame, THEME.accent, rows=rows, columns=slice(0, width // 2)) > 0.01    # the favourite
    assert tinted_share(frame, THEME.positive, rows=rows, columns=slice(width // 2, None)) > 0.02  # real digits


def test_a_second_network_and_seed_change_what_noise_scene_says(tmp_path_factory, perturbed):
    from nnlib.analysis import noise_images

    with offline(tmp_path_factory):
        first = script("NoiseInConfidentOut")
        other_net = script("NoiseInConfidentOut", weights=perturbed)
        other_seed = script("NoiseInConfidentOut", seed=5)
    second = load_network(perturbed)
    assert other_net.marked_activation == pytest.approx(second.output(noise_images(1000, 0)).max())
    assert said(other_net) != said(first)
    assert format_number(other_net.noise_stats.noise.median_top, 2) in said(other_net)
    assert not np.array_equal(other_seed.noise_image, first.noise_image) and "seed 5" in said(other_seed)


# ---------------------------------------------------------------------------------------------- ShuffledLabels
def test_shuffled_labels_draws_the_precomputed_curves():
    scene, frame = render("ShuffledLabels")
    run = load_experiment(default_path("shuffled"), "shuffled")
    for name, value in scene.shown_final.items():
        assert value == pytest.approx(float(run[name][-1]))
    assert np.array_equal(scene.lines[3].data[1], run["shuffled_train_accuracy"])
    text = said(scene)
    assert f"{format_number(100 * run['shuffled_test_accuracy'][-1], 0)}%" in text
    assert "donotchangeit" in on_screen_text(scene).replace(" ", "")   # the precomputed-run note (Text drops spaces)
    height, width, _ = frame.shape
    accuracy = dict(rows=slice(int(0.25 * height), int(0.75 * height)), columns=slice(width // 2, None))
    assert tinted_share(frame, THEME.positive, **accuracy) > 0.01      # real labels
    assert tinted_share(frame, THEME.negative, **accuracy) > 0.01      # shuffled labels


# ---------------------------------------------------------------------------------------------- ThreeLayers
def test_three_layers_counts_and_measures_the_network_in_force(tmp_path_factory, net, perturbed):
    from nnlib.analysis import gradient_nudges

    with offline(tmp_path_factory):
        scene, frame = render("ThreeLayersOfComplexity")
        other = script("ThreeLayersOfComplexity", weights=perturbed)
    sample = load_sample()
    assert scene.shown_cost == pytest.approx(net.cost(sample.images, sample.labels))
    grad = gradient_nudges(net, sample.images, sample.labels)
    assert scene.shown_gradient_norm == pytest.approx(grad.norm)
    assert scene.top_share == pytest.approx(grad.share_of_largest(100))
    assert format_number(net.parameter_count, 0) in said(scene)
    assert format_number(scene.shown_cost, 3) in said(scene)
    second = load_network(perturbed)
    assert other.shown_cost == pytest.approx(second.cost(sample.images, sample.labels))
    assert format_number(other.shown_cost, 3) in said(other) and said(other) != said(scene)
    height, width, _ = frame.shape
    # box titles and the learning rule in the accent colour, across the middle of the frame
    assert tinted_share(frame, THEME.accent, rows=slice(int(0.4 * height), int(0.8 * height))) > 0.005


# ---------------------------------------------------------------------------------------------- TweaksMeasured
def test_tweaks_shows_the_measured_comparison():
    from nnlib.tweaks import load_tweaks

    scene, frame = render("TweaksMeasured")
    comparison = load_tweaks()
    for i, recipe in enumerate(comparison.recipes):
        assert scene.shown_means[recipe] == pytest.approx(comparison.mean(recipe))
        assert scene.shown_spreads[recipe] == pytest.approx(comparison.spread(recipe))
        assert [d.value for d in scene.dots[recipe]] == pytest.approx(list(comparison.accuracies[i]))
        assert f"{format_number(100 * comparison.mean(recipe), 1)}%" in said(scene)
    text = said(scene)
    assert "60,000" in text and "explainer" not in text and "our own choice" in text
    assert "donotchangeit" in on_screen_text(scene).replace(" ", "")
    ev = load_evaluation()
    where = {int(t): i for i, t in enumerate(ev.test_indices)}
    kept = [where[int(t)] for t in scene.gallery_test_indices]
    assert np.array_equal(scene.gallery_images, ev.images[kept]) and np.all(ev.mistakes[kept])
    height, width, _ = frame.shape
    plot = dict(rows=slice(int(0.2 * height), int(0.7 * height)), columns=slice(0, width // 2))
    assert tinted_share(frame, THEME.accent, **plot) > 0.003              # the tweaked recipe's dots and mean
    # the spread said is the sample standard deviation over the seeds (ddof=1)
    for i, recipe in enumerate(comparison.recipes):
        assert scene.shown_spreads[recipe] == pytest.approx(np.std(comparison.accuracies[i], ddof=1))
        assert f"give or take {format_number(100 * np.std(comparison.accuracies[i], ddof=1), 2)} points" in text
