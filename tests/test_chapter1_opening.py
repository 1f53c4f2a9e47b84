"""Chapter 1's opening scenes (PixelsAsNeurons, NetworkFeedForward, LayeredHope): the picture follows the words.

What is tested: the strokes measured on real digits (nnlib.strokes) against hand-made images with a known answer;
each number the narration speaks is one the scene computed and shows; the narration is written for the ear
(short sentences, no decimals beyond what the ear needs); every beat lands its pictures on words, not on fractions
of the beat; a frame a teacher would show (text at least 14 px high at 854x480, no two labels overlapping, the frame
used across its width).
"""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest

from nnlib import load_network
from nnlib.assets import default_weights_path, load_sample
from nnlib.strokes import fit_line, fit_loop, ink_agreement, little_edges
from scenes.content.chapter1 import layered_hope, network_feed_forward, pixels_as_neurons
from scenes.content.chapter1.layered_hope import LayeredHope
from scenes.content.chapter1.network_feed_forward import NetworkFeedForward
from scenes.content.chapter1.pixels_as_neurons import PixelsAsNeurons
from scenes.content.components import format_number, rgb
from tests.frame_checks import overlapping_texts, watching_texts
from tests.scene_rendering import narrate_scene, render_scene, said

SCENES = (PixelsAsNeurons, NetworkFeedForward, LayeredHope)
MODULES = (pixels_as_neurons, network_feed_forward, layered_hope)


# ---------------------------------------------------------------------------------------------- nnlib.strokes
def ring(center=(14.0, 14.0), radius=6.0) -> np.ndarray:
    """A 28 x 28 image of a drawn circle, about a pixel and a half thick."""
    rows, cols = np.mgrid[0:28, 0:28]
    distance = np.hypot(rows - center[0], cols - center[1])
    return (np.abs(distance - radius) < 0.8).astype(float)


def test_ink_agreement_counts_each_pixel_over_real_images():
    threes = load_sample().of_digit(3)
    counts = ink_agreement(threes)
    r, c = 10, 14
    assert counts[r, c] == sum(int(img.reshape(28, 28)[r, c] > 0.5) for img in threes)
    assert counts.max() <= len(threes) and int((counts == len(threes)).sum()) < 20, "ten 3s share few pixels"


def test_a_drawn_circle_is_fitted_where_it_was_drawn():
    loop = fit_loop(ring((12.0, 15.0), 5.0), (0, 28), (0, 28))
    assert loop.center == pytest.approx((12.0, 15.0), abs=0.3)
    assert loop.radius == pytest.approx(5.0, abs=0.4)


def test_a_drawn_line_is_fitted_end_to_end():
    image = np.zeros((28, 28))
    image[5:23, 9] = 1.0                              # a vertical stroke in column 9, rows 5 to 22
    stroke = fit_line(image, (0, 28), (0, 28))
    assert stroke.start == pytest.approx((5.0, 9.0), abs=0.01)
    assert stroke.end == pytest.approx((22.0, 9.0), abs=0.01)


def test_little_edges_follow_the_stroke():
    image = np.zeros((28, 28))
    image[13:15, 4:24] = 1.0                          # a horizontal bar two pixels thick
    edges = little_edges(image)
    assert len(edges) >= 5
    for edge in edges:
        d_row, d_col = edge.end[0] - edge.start[0], edge.end[1] - edge.start[1]
        assert abs(d_row) < 0.2 * abs(d_col), "a dash along a horizontal bar is horizontal"
    for edge in little_edges(ring()):                 # every dash of a drawn circle lies on the circle
        middle = ((edge.start[0] + edge.end[0]) / 2, (edge.start[1] + edge.end[1]) / 2)
        assert abs(np.hypot(middle[0] - 14, middle[1] - 14) - 6) < 1.5


# ---------------------------------------------------------------------------------------------- narration
@pytest.fixture(scope="module")
def scripts():
    return {scene.__name__: narrate_scene(scene) for scene in SCENES}


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if s]


def test_narration_is_written_for_the_ear(scripts):
    for name, scene in scripts.items():
        for sentence in sentences(said(scene)):
            assert len(sentence.split()) <= 25, f"{name}: a sentence too long to follow by ear: {sentence!r}"
        assert not re.search(r"\d\.\d\d\d", said(scene)), f"{name} reads out three decimals"
        assert "the videos" not in said(scene)


def test_the_same_digit_written_ten_ways_is_counted_on_screen(scripts):
    scene = scripts["PixelsAsNeurons"]
    threes = load_sample().of_digit(3)
    counts = ink_agreement(threes)
    everywhere, anywhere = int((counts == len(threes)).sum()), int((counts > 0).sum())
    assert scene.shown_agreement == (everywhere, anywhere)
    text = said(scene)
    assert f"Only {everywhere} of the 784 pixels have ink in all {len(threes)}" in text
    assert f"{anywhere} have ink in at least one" in text
    assert "program that takes these 784 numbers and names the digit" in text


def test_the_grey_value_spoken_is_the_one_shown_rounded_for_the_ear(scripts):
    scene = scripts["PixelsAsNeurons"]
    assert scene.grey_pixel in scene.patch_values
    assert f"holds about {format_number(round(scene.grey_pixel, 1), 1)}." in said(scene)


def test_the_wires_singled_out_carry_the_real_signed_weights(scripts):
    scene = scripts["NetworkFeedForward"]
    net = load_network(default_weights_path())
    last = net.weights[-1]
    values = sorted(scene.shown_weights.values())
    assert values[0] < 0 < values[1]
    for (source, target), w in scene.shown_weights.items():
        assert w == float(last[target, source])
    assert "A bright 7 neuron means" in said(scene)


def test_the_walk_through_is_drawn_on_a_real_nine(scripts):
    scene = scripts["LayeredHope"]
    assert scene.nine_edges["loop"] and scene.nine_edges["line"], "the 9's edges split into its loop and its line"
    assert "So here is the hope for one 9" in said(scene)


def test_every_beat_lands_on_words_not_on_shares_of_the_beat():
    for module in MODULES:
        source = inspect.getsource(module)
        assert ".share(" not in source, f"{module.__name__} times a picture by a fraction of its beat"
        assert "on_word(" in source


# ---------------------------------------------------------------------------------------------- the frame
@pytest.mark.render
@pytest.mark.parametrize("scene_class", SCENES, ids=lambda s: s.__name__)
def test_a_frame_a_teacher_would_show(scene_class):
    with watching_texts() as seen:
        scene, frame = render_scene(scene_class, width=320)
    assert seen.small() == [], "every text ever shown is at least 14 px high at 854x480"
    assert overlapping_texts(scene) == [], "no two labels of the last frame overlap"
    background = np.array(rgb(scene.theme.background))
    drawn = np.nonzero((np.abs(frame - background).sum(axis=2) > 60).any(axis=0))[0]
    assert drawn.max() - drawn.min() > 0.75 * frame.shape[1], "the picture spans the frame, not a third of it"
