"""The questions part: each answer's figure on screen is what nnlib computes, a second network changes what is shown
and said, and the part is listed and rendered as ``--chapter questions``. Scenes render tiny at brisk pace."""

from __future__ import annotations

import argparse

import numpy as np
import pytest

from nnlib import Network, save_network
from nnlib.analysis import noise_images
from nnlib.assets import load_sample
from nnlib.questions import abstain_curve, check_one_derivative, cost_and_loss, dream_digit, recorded_gap
from nnlib.questions_asset import load_questions
from scenes.content.components import format_number
from scenes.content.questions import backprop_or_numbers
from scenes.content.questions.answer_only_when_sure import AnswerOnlyWhenSure
from scenes.content.questions.backprop_or_numbers import BackpropOrNumbers
from scenes.content.questions.common import mini_batch
from scenes.content.questions.cost_or_loss import CostOrLoss, spoken
from scenes.content.questions.dreamed_digit import LEARNING_RATE, STEPS, DreamedDigit
from scenes.content.questions.gradients_agree import GradientsAgree
from scenes.content.questions.train_versus_test import TrainVersusTest
from scenes.tool.cli import chosen_targets, main, missing_scenes
from scenes.tool.registry import find_part, scenes_of_chapter
from tests.scene_rendering import narrate_scene, render_once, said, texts_shown

pytestmark = pytest.mark.render
SCENES = (BackpropOrNumbers, DreamedDigit, AnswerOnlyWhenSure, GradientsAgree, TrainVersusTest, CostOrLoss)


@pytest.fixture(autouse=True)
def quick_timing(monkeypatch):
    """Time the numerical gradient on 300 parameters (scaled to all), not 13,002: a test needs the shape, not 3 s."""
    real = backprop_or_numbers.time_gradients
    monkeypatch.setattr(backprop_or_numbers, "time_gradients",
                        lambda net, X, y: real(net, X, y, measured=300, repeats=3))


@pytest.fixture(scope="module")
def other_weights(tmp_path_factory, shipped_net):
    """The shipped network with its weights nudged: still a digit reader, but a different one."""
    rng = np.random.default_rng(11)
    other = Network(shipped_net.sizes, weights=[w + rng.normal(0, 0.3, w.shape) for w in shipped_net.weights],
                    biases=[b + rng.normal(0, 0.3, b.shape) for b in shipped_net.biases])
    path = tmp_path_factory.mktemp("questions") / "other.npz"
    save_network(other, path, {"train_accuracy": 0.9, "test_accuracy": 0.8, "data": {"train_images": 5000,
                                                                                      "test_images": 10000}})
    return path, other


@pytest.mark.parametrize("cls", SCENES)
def test_every_scene_renders_narrated_in_short_sentences(cls):
    scene, frame = render_once(cls)
    assert len(scene.beats) >= 1 and frame.std() > 5
    for beat in scene.beats:
        for sentence in beat.text.replace("?", ".").split(". "):
            assert len(sentence.split()) <= 27, (beat.id, sentence)


def test_backprop_or_numbers_shows_the_computed_derivatives(shipped_net):
    scene, _ = render_once(BackpropOrNumbers)
    check = check_one_derivative(shipped_net, *mini_batch())
    assert scene.check == check
    assert scene.shown["backprop"] == format_number(check.backprop, 12)
    assert scene.shown["numeric"] == format_number(check.finite_difference, 12)
    assert scene.shown["agreement"] == f"the same to {check.agreeing_decimals} decimal places"
    assert scene.shown["counter"] == "numerical: 26,004 forward passes"
    timing = scene.timing
    assert scene.shown["ratio"].startswith(format_number(timing.ratio, 0) + " times as long")
    for key in ("backprop", "numeric", "agreement", "counter", "ratio", "backward", "numeric_seconds"):
        assert scene.shown[key] in texts_shown(scene), key
    text = said(scene)
    assert f"agree to {check.agreeing_decimals} decimal places" in text and "26,004 passes" in text
    assert format_number(check.backprop, 3) in text


def test_dreamed_digit_shows_the_dreams_nnlib_finds(shipped_net):
    scene, _ = render_once(DreamedDigit)
    black = dream_digit(shipped_net, 2, np.zeros(784), steps=STEPS, learning_rate=LEARNING_RATE, frames=STEPS + 1)
    noise = dream_digit(shipped_net, 2, noise_images(1, 0)[0], steps=STEPS, learning_rate=LEARNING_RATE,
                        frames=STEPS + 1)
    assert np.array_equal(scene.dreams[0].image, black.image) and np.array_equal(scene.dreams[1].image, noise.image)
    assert scene.shown["black"] == f"output 2: {format_number(black.confidence, 3)}"
    assert scene.shown["noise"] == f"output 2: {format_number(noise.confidence, 3)}"
    mean = load_questions().class_means[2]
    assert scene.shown["mean"] == f"output 2: {format_number(float(shipped_net.output(mean)[0, 2]), 3)}"
    assert all(scene.shown[k] in texts_shown(scene) for k in scene.shown)
    assert f"{black.confidence:.0%} sure" in said(scene)


def test_answer_only_when_sure_shows_the_trade_off_at_0_9(shipped_net):
    scene, _ = render_once(AnswerOnlyWhenSure)
    curve = abstain_curve(shipped_net, noise_images(1000, 0), precomputed=load_questions())
    assert np.array_equal(scene.curve.kept, curve.kept) and np.array_equal(scene.curve.noise_refused,
                                                                          curve.noise_refused)
    assert scene.shown == {"threshold": "threshold 0.90", "kept": "test digits answered: 85.2%",
                           "right": "right, of those answered: 94.6%", "refused": "static refused: 66.7%"}
    assert all(v in texts_shown(scene) for v in scene.shown.values())
    text = said(scene)
    assert "refuses 67% of the static" in text and "answers 85% of the real test digits" in text
    assert "gets 94.6% of those right" in text and "89.1% when it answers everything" in text


def test_gradients_agree_shows_the_precomputed_runs():
    scene, _ = render_once(GradientsAgree)
    a = load_questions().agreement
    real, shuffled = float(a["real_cosine"][1:].mean()), float(a["shuffled_cosine"][1:].mean())
    assert scene.means == (real, shuffled)
    assert scene.shown["real"] == f"average after the start: real {format_number(real, 4)}"
    assert scene.shown["shuffled"].startswith(f"shuffled {format_number(shuffled, 4)}")
    assert any("--weights does not change it" in t for t in texts_shown(scene))
    assert f"{format_number(real / shuffled, 0)} times as much" in said(scene)


def test_train_versus_test_and_cost_or_loss_show_what_nnlib_reads(shipped_net):
    scene, _ = render_once(TrainVersusTest)
    gap = recorded_gap(shipped_net)
    assert scene.gap == gap and scene.shown["train"] == "95.7%" and scene.shown["test"] == "89.1%"
    assert scene.shown["gap"] == f"gap: {format_number(gap.points, 1)} points"
    assert "95.7% of its 5,000 training digits" in said(scene)
    loss, _ = render_once(CostOrLoss)
    sample = load_sample()
    m = cost_and_loss(shipped_net, sample.images, sample.labels)
    assert loss.measured == m
    assert loss.shown["cost"].endswith(format_number(m.cost, 4)) and loss.shown["loss"].endswith(
        format_number(m.mse_loss, 5))
    assert f"reports about {spoken(m.mse_loss)} where our cost says about {spoken(m.cost)}" in said(loss)


def test_a_second_network_changes_what_is_shown_and_said(other_weights, shipped_net):
    path, other = other_weights
    changed = {}
    for cls in (BackpropOrNumbers, DreamedDigit, AnswerOnlyWhenSure, TrainVersusTest, CostOrLoss):
        shipped, changed[cls] = render_once(cls)[0], narrate_scene(cls, weights=path)
        assert said(changed[cls]) != said(shipped), cls.__name__
        assert changed[cls].shown != shipped.shown, cls.__name__
    assert changed[BackpropOrNumbers].check == check_one_derivative(other, *mini_batch())
    assert changed[CostOrLoss].measured == cost_and_loss(other, load_sample().images, load_sample().labels)
    sure = changed[AnswerOnlyWhenSure]
    noise_top = other.output(noise_images(1000, 0)).max(axis=1)
    assert sure.curve.at(0.9)[2] == pytest.approx(np.mean(noise_top <= 0.9))
    assert sure.shown["refused"] == f"static refused: {format_number(100 * np.mean(noise_top <= 0.9), 1)}%"
    gap = changed[TrainVersusTest]
    assert gap.shown["train"] == "90.0%" and gap.shown["test"] == "80.0%"


def test_the_part_is_listed_and_chosen_by_chapter(capsys):
    assert find_part("questions").stem == "extra-viewers-questions"
    assert [s.name for s in scenes_of_chapter("questions")] == [c.__name__ for c in SCENES]
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "(--chapter questions)" in out and all(c.__name__ in out for c in SCENES)
    args = argparse.Namespace(file=None, all=False, chapter="questions", scenes=[])
    targets, _ = chosen_targets(args)
    assert [t.name for t in targets] == [c.__name__ for c in SCENES]
    assert {t.chapter for t in targets} == {"questions"} and missing_scenes(targets) == {}
