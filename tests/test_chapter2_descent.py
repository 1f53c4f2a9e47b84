"""Chapter 2's first eight scenes (the recap to why activations are smooth): every line true, every number that is
spoken shown, narration for the ear, and a picture that moves with its words.

The motion tests run each scene on a timeline without drawing it: every ``play`` and ``wait`` only advances the
scene's clock, at narrated pace (reading time, no voice), so where the animations fall against the words is known in
a second or two. A moment counts as moving during an animation and for one second after it, as the stillness
measure of the videos counts a picture that differs from the one a second earlier.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from manim import tempconfig

from nnlib import load_network
from nnlib.analysis import gradient_nudges, mini_batch
from nnlib.assets import default_weights_path, load_sample
from nnlib.toys import TWO_VALLEY_SURFACE, VALLEY_CURVE, descend_1d
from nnlib.training_data import training_digits
from scenes.content.chapter2 import cost_of_one_example, descent_one_variable, descent_two_variables
from scenes.content.chapter2.common import (BALL_COLOURS, ear_size, other_training_cost, readable,
                                            recorded_training_cost, sentences)
from scenes.content.components import format_number, rgb
from tests.scene_rendering import narrate_scene, said, scene_options
from tests.test_chapter2 import FIRST_HALF, render, scene_class

pytestmark = pytest.mark.render

_TIMELINES: dict[str, tuple] = {}


def timeline(name: str) -> tuple[object, list[tuple[float, float]], float]:
    """The scene run at narrated pace on its clock alone: (scene, [(start, end) of every animation], length)."""
    if name in _TIMELINES:
        return _TIMELINES[name]
    settings = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 15, "dry_run": True, "disable_caching": True,
                "progress_bar": "none", "verbosity": "WARNING"}
    moves: list[tuple[float, float]] = []
    with scene_options(pace="narrated", voice="none"), tempconfig(settings):
        scene = scene_class(name)()

        def play(*animations, run_time=None, **kwargs):
            seconds = run_time if run_time is not None else max(
                [getattr(a, "run_time", 1.0) for a in animations] + [1.0 / 15])
            start = float(scene.renderer.time)
            moves.append((start, start + seconds))
            scene.renderer.time = start + seconds

        def wait(duration=1.0, *args, **kwargs):
            scene.renderer.time = float(scene.renderer.time) + duration

        scene.play, scene.wait, scene.next_slide = play, wait, None
        scene.render()
        _TIMELINES[name] = (scene, moves, float(scene.renderer.time))
    return _TIMELINES[name]


def still_stretches(moves: list[tuple[float, float]], length: float) -> list[tuple[float, float]]:
    """Stretches of the timeline with no animation under way and none ended in the second before."""
    covered = sorted((a, b + 1.0) for a, b in moves)
    gaps, t = [], 1.0  # the first second compares with nothing
    for a, b in covered:
        if a > t:
            gaps.append((t, a))
        t = max(t, b)
    if t < length:
        gaps.append((t, length))
    return gaps


# ---------------------------------------------------------------------------------------------- every scene
@pytest.mark.parametrize("name", FIRST_HALF)
def test_the_picture_moves_with_the_words(name):
    scene, moves, length = timeline(name)
    gaps = still_stretches(moves, length)
    still = sum(b - a for a, b in gaps)
    longest = max((b - a for a, b in gaps), default=0.0)
    assert longest <= 8.0, f"{name}: still for {longest:.1f} s (at {max(gaps, key=lambda g: g[1] - g[0])[0]:.0f} s)"
    assert 1 - still / length >= 0.6, f"{name}: the picture changes during {100 * (1 - still / length):.0f}% only"


@pytest.mark.parametrize("name", FIRST_HALF)
def test_narration_is_for_the_ear(name):
    text = said(narrate_scene(scene_class(name)))
    for sentence in sentences(text):
        assert len(sentence.split()) <= 25, f"{name}: a {len(sentence.split())}-word sentence: {sentence!r}"
    for machine_talk in ("machine", "explainer ", "--", ".npz", ".py", "command", "file", "learning rate"):
        assert machine_talk not in text, f"{name} says {machine_talk!r}"
    assert "every training digit" not in text


# ---------------------------------------------------------------------------------------------- true lines
def test_a_tiny_cost_never_reads_as_zero():
    assert readable(0.0000275) == "0.000028" and readable(0.0802) == "0.080" and readable(0.0) == "0.000"
    assert cost_of_one_example.term_text(2.75e-5) == "<0.001" and cost_of_one_example.term_text(0.0) == "0.000"
    assert ear_size(2.75e-5) == "less than a ten-thousandth"
    scene = narrate_scene(scene_class("CostOfOneExample"))
    trained = scene.shown_costs[1]
    assert trained < 1e-3, "the shipped network is sure of its 3 (this test reads the tiny-cost case)"
    text = said(scene)
    assert readable(trained) in text and "0.000." not in text and "0.000," not in text


def test_each_cost_says_which_digits_it_averages():
    """A cost spoken over the shipped sample names the sample, and the 5,000-digit figure the file records is said
    too, as a different average, so 0.080 and 0.069 are never two unexplained "costs of the network"."""
    net = load_network(default_weights_path())
    recorded = recorded_training_cost(net)
    assert recorded is not None and recorded[0] == net.metadata["data"]["train_images"]
    sample_words = training_digits().description
    for name in ("CostOfOneExample", "CostAsFunction"):
        scene = narrate_scene(scene_class(name))
        for beat in scene.beats:
            number = format_number(scene.shown_averages[1] if name == "CostOfOneExample" else scene.shown_cost, 3)
            if number in beat.text:
                assert sample_words in beat.text, f"{name}: {number} said without its digits: {beat.text!r}"
        digits = training_digits()
        if digits.from_mnist and digits.count == recorded[0]:
            # the scene's own average is over the very images it learned from: one figure, said once
            assert "digits it learned from" not in said(scene) and other_training_cost(net, digits) is None
        else:
            assert f"all {recorded[0]:,} digits it learned from" in said(scene)
            assert format_number(recorded[1], 3) in said(scene)


def test_the_cost_over_the_images_it_learned_from_is_said_once():
    """With MNIST holding exactly the 5,000 images the shipped network learned from (as CI's copy does), the cost the
    scenes average is the recorded one: it is not said a second time as "a slightly different average"."""
    from nnlib import training_data
    from scenes.content.chapter2 import common

    net = load_network(default_weights_path())
    recorded = recorded_training_cost(net)
    sample = load_sample()
    same = training_data.LabelledDigits(np.zeros((recorded[0], 784)), np.zeros(recorded[0], int),
                                        f"{recorded[0]:,} MNIST training images", True)
    assert common.other_training_cost(net, same) is None
    shipped = training_data.LabelledDigits(sample.images, sample.labels, "the shipped digits", False)
    assert common.other_training_cost(net, shipped) == recorded


def test_eta_is_the_step_size_before_it_is_used():
    text = said(narrate_scene(scene_class("DescentOneVariable")))
    assert text.index("step size") < text.index("eta")
    assert "step size" in said(narrate_scene(scene_class("RealGradient")))


def test_spoken_numbers_are_drawn():
    """The slopes and step lengths the descent scene reads aloud are the ones it draws (and nnlib computes)."""
    scene, _ = render("DescentOneVariable")
    text = said(scene)
    for slope in scene.shown_slopes:
        assert format_number(slope, 2) in text
        assert slope == pytest.approx(float(VALLEY_CURVE.slope(descent_one_variable.TANGENT_POINTS[
            scene.shown_slopes.index(slope)])))
    for length in scene.step_lengths[:3]:
        assert format_number(length, 2) in text
    assert scene.drawn_step_lengths == [format_number(length, 2) for length in scene.step_lengths], \
        "every step's length is written beside its bar"


# ---------------------------------------------------------------------------------------------- descent
def test_descent_steps_can_be_counted_and_shrink():
    scene = narrate_scene(scene_class("DescentOneVariable"))
    np.testing.assert_allclose(scene.path, descend_1d(VALLEY_CURVE, descent_one_variable.START,
                                                      descent_one_variable.STEP_SIZE, descent_one_variable.STEPS))
    assert np.all(np.diff(scene.step_lengths) < 0), "each step shorter than the last"
    assert len({round(float(x), 2) for x in scene.final_positions}) == len(scene.final_positions), \
        "no two balls end on the same spot (one would hide the other)"
    two = narrate_scene(scene_class("DescentTwoVariables"))
    for lengths in two.step_lengths:
        assert np.all(np.diff(lengths) < 0)
    assert np.linalg.norm(two.final_points[0] - two.final_points[1]) > 1.0, "two valleys, two balls in sight"
    assert two.start_gradient == pytest.approx(
        tuple(float(g) for g in TWO_VALLEY_SURFACE.gradient(*descent_two_variables.STARTS[0])))


def test_balls_and_surface_do_not_borrow_the_weight_colours():
    scene, frame = render("DescentTwoVariables")
    theme = scene.theme
    colours = {c.upper() for c in scene.ball_colours} | {c.upper() for c in BALL_COLOURS}
    assert not colours & {theme.positive.upper(), theme.negative.upper(), theme.accent.upper()}
    assert len(set(scene.ball_colours)) == len(scene.ball_colours)
    pixels = frame.reshape(-1, 3).astype(int)
    greenish = (pixels[:, 1] > pixels[:, 0] + 30) & (pixels[:, 1] > pixels[:, 2] + 30)
    reddish = (pixels[:, 0] > pixels[:, 1] + 30) & (pixels[:, 0] > pixels[:, 2] + 30)
    assert greenish.mean() < 0.002 and reddish.mean() < 0.002, "the surface is shaded, not green and red"
    background = np.array(rgb(theme.background))
    assert (np.abs(frame - background).sum(axis=2) > 60).mean() > 0.1, "the surface is drawn"


def test_sgd_moves_the_parameters_and_the_cost_ticks_down():
    scene = narrate_scene(scene_class("RealGradient"))
    sample = load_sample()
    net = load_network(default_weights_path())
    from nnlib import Network
    start = Network(net.sizes, seed=0)
    params, costs = start.parameters_vector(), [float(start.cost(sample.images, sample.labels))]
    for batch in scene.sgd_batches:
        params = params + scene.learning_rate * gradient_nudges(start.with_parameters(params), sample.images[batch],
                                                                sample.labels[batch]).nudges
        costs.append(float(start.with_parameters(params).cost(sample.images, sample.labels)))
    assert scene.sgd_costs == pytest.approx(costs)
    assert costs[-1] < costs[0] / 2, "the cost over the shipped digits falls"
    assert list(scene.sgd_batches[0]) == list(mini_batch(len(sample.labels), 10, seed=0))
    assert len({tuple(b) for b in scene.sgd_batches}) == len(scene.sgd_batches), "a fresh mini-batch each step"
    assert scene.example_gradient == (3.0, 1.0)
    text = said(scene)
    assert format_number(costs[0], 2) in text and format_number(costs[-1], 2) in text
    assert re.search(r"w \d+, \d+, \d+ means the weight from input \d+ into neuron \d+", text)


@pytest.mark.parametrize("name", FIRST_HALF)
def test_the_last_frame_reads_at_480p(name):
    """Every text on the scene's last frame has capitals of 14 px or more at 854x480, and no two texts overlap."""
    from tests.frame_checks import overlapping_texts, small_texts
    scene, _ = render(name)
    assert small_texts(scene) == [], f"{name}: text too small to read"
    assert overlapping_texts(scene) == [], f"{name}: texts cover each other"
