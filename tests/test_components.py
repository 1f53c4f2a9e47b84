"""The reusable components: theme, pixel grid, weight heatmaps (and, below, network diagram and sigmoid plot).

Frames are rendered at tiny resolution with ``dry_run`` and inspected pixel by pixel: what a viewer would see.
"""

from __future__ import annotations

import numpy as np
import pytest
from manim import ORIGIN, Scene, tempconfig

from scenes.components import (HeatmapSheet, PixelGrid, WeightHeatmap, apply_background, current_theme,
                               format_number, label, make_theme, number, rgb, weight_rgb)

pytestmark = pytest.mark.render


def render_frame(build, width: int = 320, height: int = 180) -> tuple[np.ndarray, Scene]:
    """Render a one-frame scene whose construct calls ``build(scene)``; return the (H, W, 3) frame and the scene."""

    class Probe(Scene):
        def construct(self):
            apply_background(self)
            build(self)

    with tempconfig({"pixel_width": width, "pixel_height": height, "frame_rate": 5, "dry_run": True,
                     "disable_caching": True}):
        scene = Probe()
        scene.render()
        return scene.renderer.get_frame()[:, :, :3].astype(int), scene


def to_pixel(point: np.ndarray, frame: np.ndarray) -> tuple[int, int]:
    """Frame (row, column) of a scene point, for the default 14.22 x 8 frame."""
    h, w = frame.shape[:2]
    frame_h = 8.0
    frame_w = frame_h * w / h
    return int((frame_h / 2 - point[1]) / frame_h * h), int((point[0] + frame_w / 2) / frame_w * w)


# ---------------------------------------------------------------------------------------------- theme
def test_theme_is_read_when_built_not_at_import(monkeypatch):
    monkeypatch.setenv("EXPLAINER_THEME", "colorblind")
    monkeypatch.setenv("EXPLAINER_BACKGROUND", "light")
    theme = current_theme()
    assert theme.is_light and theme.positive == make_theme("colorblind", "light").positive
    monkeypatch.delenv("EXPLAINER_THEME")
    monkeypatch.delenv("EXPLAINER_BACKGROUND")
    assert not current_theme().is_light
    assert current_theme().positive != theme.positive


def test_background_is_painted(monkeypatch):
    monkeypatch.setenv("EXPLAINER_BACKGROUND", "light")
    frame, _ = render_frame(lambda s: None, 64, 36)
    assert tuple(frame[5, 5]) == rgb(make_theme("default", "light").background)


def test_numbers_use_a_true_minus_and_never_tex():
    assert format_number(-1234.5) == "\u22121,234.50"
    assert format_number(-0.001, 2) == "0.00"          # no "-0.00"
    assert format_number(3, 0, signed=True) == "+3"
    shown = number(-0.25, 2)
    assert shown.value == -0.25 and shown.text == "\u22120.25"
    assert label("hello").color is not None


# ---------------------------------------------------------------------------------------------- pixel grid
def test_pixel_grid_frame_shows_the_digit():
    from nnlib.assets import load_sample

    digit = load_sample().first(3)
    holder = {}

    def build(scene):
        holder["grid"] = grid = PixelGrid(digit, height=7.5).move_to(ORIGIN)
        scene.add(grid)

    frame, _ = render_frame(build, 480, 270)
    grid = holder["grid"]
    values = digit.reshape(28, 28)
    ink, back = np.array(rgb(grid.theme.ink)), np.array(rgb(grid.theme.background))
    errors = []
    for r in range(1, 27):
        for c in range(1, 27):
            y, x = to_pixel(grid.pixel_center(r, c), frame)
            shown = (frame[y, x] - back) @ (ink - back) / ((ink - back) @ (ink - back))
            errors.append(abs(shown - values[r, c]))
    assert max(errors) < 0.03, f"a pixel differs from the digit by {max(errors):.3f}"


def test_pixel_grid_geometry_labels_and_neurons():
    values = np.linspace(0, 1, 12).reshape(3, 4)
    grid = PixelGrid(values, height=3, grid_lines=True)
    assert (grid.rows, grid.columns) == (3, 4)
    np.testing.assert_allclose(grid.pixel_center(0, 0), grid.image.get_corner(np.array([-1, 1, 0])) + [0.5, -0.5, 0])
    labels = grid.value_labels(range(3), range(4))
    assert len(labels) == 12 and [l.value for l in labels] == pytest.approx(values.ravel().tolist())
    assert all(l.width < grid.cell_size for l in labels)
    neurons = grid.to_neurons()
    assert len(neurons) == 12
    assert [n.get_fill_opacity() for n in neurons] == pytest.approx(values.ravel().tolist())
    np.testing.assert_allclose(neurons[5].get_center(), grid.pixel_center(1, 1))
    with pytest.raises(ValueError):
        PixelGrid(np.zeros(10))


# ---------------------------------------------------------------------------------------------- heatmaps
def test_weight_rgb_colours_follow_sign_and_size():
    theme = current_theme()
    w = np.array([[1.0, -2.0], [0.0, 0.5]])
    img = weight_rgb(w, shape=(2, 2), theme=theme)
    assert tuple(img[0, 1]) == rgb(theme.negative)                 # the largest |w| is at full colour
    assert tuple(img[1, 0]) == rgb(theme.background)               # zero weight: background
    pos, back = np.array(rgb(theme.positive)), np.array(rgb(theme.background))
    np.testing.assert_allclose(img[0, 0], back + 0.5 * (pos - back), atol=1)
    np.testing.assert_allclose(img[1, 1], back + 0.25 * (pos - back), atol=1)


def _sign_of_colour(pixel: np.ndarray, theme) -> int:
    """+1 if a frame pixel is nearer the positive colour, -1 if nearer the negative one (0 if neither is close)."""
    back = np.array(rgb(theme.background))
    d = pixel - back
    pos, neg = np.array(rgb(theme.positive)) - back, np.array(rgb(theme.negative)) - back
    cp, cn = d @ pos / np.linalg.norm(pos), d @ neg / np.linalg.norm(neg)
    if max(cp, cn) < 20:
        return 0
    return 1 if cp > cn else -1


@pytest.mark.parametrize("palette", ["default", "colorblind"])
def test_heatmap_frame_green_and_red_match_weight_signs(shipped_net, monkeypatch, palette):
    monkeypatch.setenv("EXPLAINER_THEME", palette)
    row = shipped_net.weights[0][5]
    holder = {}

    def build(scene):
        holder["map"] = WeightHeatmap(row, height=7.5)
        scene.add(holder["map"])

    frame, _ = render_frame(build, 480, 270)
    heat = holder["map"]
    cell = heat.image.height / 28
    corner = heat.image.get_corner(np.array([-1, 1, 0]))
    w = row.reshape(28, 28)
    checked = agree = 0
    for r in range(28):
        for c in range(28):
            if abs(w[r, c]) < 0.3 * np.abs(w).max():
                continue
            y, x = to_pixel(corner + [(c + 0.5) * cell, -(r + 0.5) * cell, 0], frame)
            checked += 1
            agree += _sign_of_colour(frame[y, x], heat.theme) == np.sign(w[r, c])
    assert checked > 20 and agree == checked


def test_heatmap_sheet_tiles_each_row_scaled_by_its_own_max(shipped_net):
    W = shipped_net.weights[0]
    sheet = HeatmapSheet(W, columns=4, height=6)
    assert sheet.rows == 4 and sheet.count == 16
    for i in (0, 7, 15):
        top, left = sheet._tile_origin(i)
        tile = sheet.pixels[top:top + 28, left:left + 28]
        np.testing.assert_array_equal(tile, weight_rgb(W[i], theme=sheet.theme))
    # tile centres are laid out left to right, top to bottom
    assert sheet.tile_center(1)[0] > sheet.tile_center(0)[0]
    assert sheet.tile_center(4)[1] < sheet.tile_center(0)[1]
