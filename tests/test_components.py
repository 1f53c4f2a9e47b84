"""The reusable components: theme, pixel grid, weight heatmaps (and, below, network diagram and sigmoid plot).

Frames are rendered at tiny resolution with ``dry_run`` and inspected pixel by pixel: what a viewer would see.
"""

from __future__ import annotations

import numpy as np
import pytest
from manim import ORIGIN, RIGHT, UP, Scene, tempconfig

from scenes.content.components import (HeatmapSheet, PixelGrid, WeightHeatmap, apply_background, current_theme,
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


def test_neuron_sheet_draws_every_pixel_exactly_with_few_mobjects():
    from nnlib.assets import load_sample

    digit = load_sample().first(3)
    holder = {}

    def build(scene):
        grid = holder["grid"] = PixelGrid(digit, height=7.5)
        holder["sheet"] = sheet = grid.to_neuron_sheet(exclude=[0, 1])
        scene.add(sheet)

    frame, _ = render_frame(build, 480, 270)
    grid, sheet = holder["grid"], holder["sheet"]
    assert len(sheet.values) == 782 and len(sheet.fills) == len(np.unique(digit[2:][digit[2:] > 0]))
    assert len(sheet.get_family()) < 150                      # not 782 circles
    for group in sheet.fills:
        assert group.get_fill_opacity() == pytest.approx(group.activation)
    ink, back = np.array(rgb(grid.theme.ink)), np.array(rgb(grid.theme.background))
    errors = []
    for r in range(1, 27):
        for c in range(1, 27):
            y, x = to_pixel(grid.pixel_center(r, c), frame)
            shown = (frame[y, x] - back) @ (ink - back) / ((ink - back) @ (ink - back))
            errors.append(abs(shown - digit[r * 28 + c]))
    assert max(errors) < 0.03


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


# ---------------------------------------------------------------------------------------------- network diagram
def test_diagram_shows_a_big_layer_as_first_and_last_with_the_true_count(shipped_net):
    from scenes.content.components import NetworkDiagram

    d = NetworkDiagram(shipped_net, max_shown=8)
    assert [len(c) for c in d.neurons] == [16, 16, 16, 10]
    assert len(d.ellipses) == 1 and d.braces[0][1].text == "784"
    assert d.shown_indices[1] == list(range(16))
    assert sorted(d.shown_indices[0]) == d.shown_indices[0] and len(set(d.shown_indices[0])) == 16
    # every shown edge carries the real weight between the real neurons it joins, coloured by its sign
    for g, lines in enumerate(d.edges):
        for line in list(lines)[::37]:
            assert line.weight == shipped_net.weights[g][line.target, line.source]
            want = d.theme.edge_positive if line.weight >= 0 else d.theme.edge_negative
            assert line.get_stroke_color().to_hex().lower() == want.lower()
    # each neuron knows its edges
    n = d.neuron(1, 3)
    assert len(n.edges_in) == 16 and len(n.edges_out) == 16
    assert all(e.target == 3 for e in n.edges_in) and all(e.source == 3 for e in n.edges_out)
    # a bigger |w| draws a wider line
    lines = sorted(d.edges[1], key=lambda e: abs(e.weight))
    assert lines[-1].get_stroke_width() > lines[0].get_stroke_width()
    # what is drawn: every edge, inside a few bundles of the right sign, far fewer mobjects than edges
    from scenes.content.components.network_diagram import EDGE_LEVELS

    for lines, bundles in zip(d.edges, d.edge_bundles):
        assert len(bundles) <= 2 * (EDGE_LEVELS + 1) < len(lines)
        assert sum(len(b.points) for b in bundles) == sum(len(l.points) for l in lines)
        for b in bundles:
            want = d.theme.edge_positive if b.positive else d.theme.edge_negative
            assert b.get_stroke_color().to_hex().lower() == want.lower()
    assert d.edge_bundles in d.submobjects and d.edges not in d.submobjects
    # the exact lines follow the diagram when it moves
    d.shift(2 * RIGHT + UP)
    line = d.edges[2][7]
    np.testing.assert_allclose(line.get_start(), d.neuron(2, line.source).get_right())
    np.testing.assert_allclose(line.get_end(), d.neuron(3, line.target).get_left())


def test_diagram_activations_are_the_networks(shipped_net):
    from nnlib.assets import load_sample
    from scenes.content.components import NetworkDiagram

    image = load_sample().first(7)
    d = NetworkDiagram(shipped_net)
    d.set_activations(d.activations_for(image))
    expected = shipped_net.forward(image)
    for l, column in enumerate(d.neurons):
        for circle in column:
            assert circle.activation == pytest.approx(float(np.ravel(expected[l])[circle.index]))
            assert circle.get_fill_opacity() == pytest.approx(circle.activation)
    box = d.mark_answer()
    assert d.answer == int(shipped_net.predict(image[None])[0])
    assert box.get_center()[1] == pytest.approx(d.neuron(3, d.answer).get_center()[1], abs=0.05)


def test_feed_forward_frame_lights_the_answer(shipped_net):
    from nnlib.assets import load_sample
    from scenes.content.components import NetworkDiagram

    image = load_sample().first(0)
    holder = {}

    def build(scene):
        d = holder["d"] = NetworkDiagram(shipped_net, height=7.5)
        scene.add(d)
        scene.play(d.feed_forward(image, run_time_per_layer=0.2))
        scene.add(d.mark_answer())
        scene.wait(0.2)

    frame, _ = render_frame(build, 320, 180)
    d = holder["d"]
    out = shipped_net.forward(image)[-1].ravel()
    assert d.prediction == int(np.argmax(out))
    ink, back = np.array(rgb(d.theme.ink)), np.array(rgb(d.theme.background))
    for circle in d.neurons[-1]:
        y, x = to_pixel(circle.get_center(), frame)
        shown = (frame[y, x] - back) @ (ink - back) / ((ink - back) @ (ink - back))
        assert shown == pytest.approx(out[circle.index], abs=0.05)
    # the answer box (accent colour) is drawn level with the predicted neuron
    box = d.answer_box
    y, _ = to_pixel(box.get_top(), frame)
    _, x = to_pixel(box.get_center(), frame)
    def yellowness(block):  # the default accent is yellow; grey strokes and the background are not
        block = block.reshape(-1, 3)
        return ((block[:, 0] + block[:, 1]) / 2 - block[:, 2]).max()

    assert yellowness(frame[max(y - 3, 0):y + 4, x - 3:x + 4]) > 60
    y_other, _ = to_pixel(d.neuron(3, (d.prediction + 5) % 10).get_top(), frame)  # no box around another digit
    assert yellowness(frame[y_other - 3:y_other + 2, x - 3:x + 4]) < 20


# ---------------------------------------------------------------------------------------------- sigmoid / relu
def test_sigmoid_plot_points_follow_the_real_function():
    from manim import ValueTracker
    from scenes.content.components import ReluPlot, SigmoidPlot

    plot = SigmoidPlot(x_range=(-10, 10))
    ax = plot.axes
    for z in (-8.0, 0.0, 3.0):
        x, y = ax.p2c(plot.point_at(z))[:2]
        assert x == pytest.approx(z) and y == pytest.approx(1 / (1 + np.exp(-z)))
    assert plot.value(10, bias=-10) == pytest.approx(0.5)      # bias -10: the rise moves to z = 10
    tracker = ValueTracker(-5)
    dot = plot.dot_tracking(tracker)
    tracker.set_value(2.0)
    dot.update()
    np.testing.assert_allclose(dot.get_center(), plot.point_at(2.0), atol=1e-6)
    relu = ReluPlot(x_range=(-10, 10))
    assert relu.value(-3) == 0 and relu.value(4) == 4
    assert all(hasattr(t, "value") for t in plot.tick_labels)   # Text numbers, not TeX


def test_real_line_squish_lands_each_dot_at_its_sigmoid():
    """The dots fall from z to sigma(z): in the last frame they sit on the lower line, crowded at 0 and 1."""
    from scenes.content.components import RealLineSquish

    sums = np.arange(-10, 11)
    holder = {}

    def build(scene):
        lines = RealLineSquish(sums, width=10.0)
        holder["lines"] = lines
        scene.add(lines)
        scene.play(lines.squish(run_time=0.4))
        scene.wait(0.2)  # a frame of the finished state (play's last frame is drawn just before the end)

    frame, _ = render_frame(build, width=640, height=360)
    lines = holder["lines"]
    np.testing.assert_allclose(lines.values, 1 / (1 + np.exp(-sums.astype(float))))
    left, right = lines.bottom_line.get_start()[0], lines.bottom_line.get_end()[0]
    landed_x = np.array([d.get_center()[0] for d in lines.landed[1]])
    np.testing.assert_allclose((landed_x - left) / (right - left), lines.values, atol=1e-9)
    assert np.allclose([d.get_center()[1] for d in lines.landed[1]], lines.bottom_line.get_center()[1])
    # the brightest landed dot (z = 10) is drawn at the 1 end of the lower line
    row, col = to_pixel(lines.landed[1][-1].get_center(), frame)
    assert frame[row, col].min() > 200
    # and half of all the dots landed within 0.05 of an end: the squish crowds them
    assert np.mean((lines.values < 0.05) | (lines.values > 0.95)) > 0.5
