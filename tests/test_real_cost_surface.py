"""The extra part's two scenes, rendered tiny at brisk pace: the surface, path and curves drawn are the shipped
landscape's numbers, every beat is narrated, and the precomputed runs are said to be precomputed."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import Network, save_network

from nnlib.landscape import load_landscape
from scenes.content.components import format_number, rgb
from scenes.content.real_cost_surface.common import SHIPPED
from scenes.content.real_cost_surface.real_cost_surface import RealCostSurface
from scenes.content.real_cost_surface.straight_line_vs_path import StraightLineVsPath
from tests.scene_rendering import narrate_scene, render_once, said, texts_shown

pytestmark = pytest.mark.render


def tinted(frame: np.ndarray, colour: str, background: str) -> np.ndarray:
    back = np.array(rgb(background), dtype=float)
    off, want = frame.reshape(-1, 3).astype(float) - back, np.array(rgb(colour), dtype=float) - back
    norms = np.linalg.norm(off, axis=1)
    return (norms > 40) & (off @ want / (np.maximum(norms, 1e-9) * np.linalg.norm(want)) > 0.97)


@pytest.mark.parametrize("cls", [RealCostSurface, StraightLineVsPath])
def test_every_beat_is_narrated_and_the_shipped_runs_are_said(cls):
    scene, _ = render_once(cls)
    for beat in scene.beats:
        assert len(beat.text.split()) >= 15, beat.id
        assert not set(beat.text) & set("σ→×½∇"), beat.id
    assert any(SHIPPED in t for t in texts_shown(scene)), "the note that these are precomputed runs is on screen"


def test_the_part_narrates_at_least_400_words():
    words = sum(len(b.text.split()) for cls in (RealCostSurface, StraightLineVsPath) for b in render_once(cls)[0].beats)
    assert words >= 400, words


def test_real_cost_surface_draws_the_shipped_slice_and_path():
    scene, frame = render_once(RealCostSurface)
    land = load_landscape()
    assert scene.landscape.costs.shape == land.costs.shape and np.allclose(scene.landscape.costs, land.costs)
    text = said(scene)
    assert format_number(land.start_cost, 2) in text and format_number(land.trained_cost, 3) in text
    assert f"{float(land.explained.sum()):.0%}" in text
    pixels = frame.reshape(-1, 3).astype(int)
    background = np.array(rgb(scene.theme.background))
    assert np.mean(np.abs(pixels - background).sum(axis=1) > 30) > 0.25, "the surface fills a good part"
    assert np.any((pixels[:, 2] > pixels[:, 0] + 40) & (pixels[:, 2] > 100)), "low cost in blue"
    assert tinted(frame, scene.theme.accent, scene.theme.background).sum() > 20, "the path, in the accent colour"
    assert "a slice through 13,002 dimensions, not the whole space" in texts_shown(scene)
    # the -qh budget (issue 16): the rolling ball is a flat disc facing the camera, not a sphere of dozens of faces
    assert len(scene.ball.family_members_with_points()) <= 2
    assert scene.ball.get_center() == pytest.approx(scene.trail.get_end(), abs=0.15), "the ball ends on the path"


def test_straight_line_vs_path_draws_both_curves_and_the_lengths():
    scene, frame = render_once(StraightLineVsPath)
    land = load_landscape()
    w = frame.shape[1]
    left, right = frame[:, : w // 2], frame[:, w // 2:]
    assert tinted(left, scene.theme.positive, scene.theme.background).sum() > 20, "the straight line, left"
    assert tinted(right, scene.theme.accent, scene.theme.background).sum() > 20, "training's path, right"
    assert scene.length_ratio == pytest.approx(land.path_length / land.straight_distance)
    assert any(t.startswith("straight line:") and format_number(land.straight_distance, 1) in t
               for t in texts_shown(scene))
    assert format_number(land.path_length, 1) in said(scene)


def narration_only(cls, **options) -> str:
    """What ``cls`` says, every play and wait skipped (a second, not a render)."""
    return said(narrate_scene(cls, **options))


def test_a_second_network_does_not_change_the_precomputed_runs(tmp_path, shipped_net):
    """--weights cannot change these scenes (as their note says): the same numbers are spoken for any network."""
    rng = np.random.default_rng(5)
    other = Network(shipped_net.sizes, weights=[w + rng.normal(0, 0.5, w.shape) for w in shipped_net.weights],
                    biases=[b + rng.normal(0, 0.5, b.shape) for b in shipped_net.biases])
    save_network(other, tmp_path / "other.npz")
    for cls in (RealCostSurface, StraightLineVsPath):
        shipped = narration_only(cls)
        assert narration_only(cls, weights=tmp_path / "other.npz") == shipped
        assert shipped == said(render_once(cls)[0]), "the narration is the same at every pace"
