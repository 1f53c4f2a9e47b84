"""`explainer inspect` and nnlib.digit_image: a sheet of any network in about a second, a user's digit like MNIST."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from nnlib import load_network
from nnlib.assets import default_weights_path, load_sample
from nnlib.digit_image import DigitImageError, load_digit_image, mnist_style
from nnlib.network import Network
from nnlib.storage import save_network
from scenes.tool.cli import main
from scenes.tool.inspect_sheet import PALETTES, input_shape, signed_rgb

REPO = Path(__file__).resolve().parent.parent


def draw_digit_file(path: Path, image784: np.ndarray, size=(300, 240), box=(160, 160), at=(40, 50),
                    dark_on_light=True) -> Path:
    """Save an MNIST digit the way a user might photograph one: bigger, off-centre, maybe inverted."""
    pixels = (image784.reshape(28, 28) * 255).astype(np.uint8)
    if dark_on_light:
        pixels = 255 - pixels
    canvas = Image.new("L", size, 255 if dark_on_light else 0)
    canvas.paste(Image.fromarray(pixels).resize(box, Image.Resampling.BILINEAR), at)
    canvas.save(path)
    return path


# ---------------------------------------------------------------------------------------------- digit images

def test_mnist_style_fits_20x20_and_centres_by_mass(tmp_path):
    sample = load_sample()
    x = load_digit_image(draw_digit_file(tmp_path / "d.png", sample.first(7)))
    img = x.reshape(28, 28)
    assert img.min() >= 0 and img.max() == pytest.approx(1.0)
    rows, cols = np.flatnonzero(img.max(axis=1) > 0), np.flatnonzero(img.max(axis=0) > 0)
    assert rows[-1] - rows[0] + 1 <= 21 and cols[-1] - cols[0] + 1 <= 21
    assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 >= 19  # the long side fills the box
    cy, cx = ndimage.center_of_mass(img)
    assert abs(cy - 13.5) <= 1.0 and abs(cx - 13.5) <= 1.0
    assert img[0].max() == 0 and img[:, 0].max() == 0  # a dark background: light digit on dark, like MNIST


def test_polarity_does_not_matter(tmp_path):
    digit = load_sample().first(2)
    a = load_digit_image(draw_digit_file(tmp_path / "a.png", digit, dark_on_light=True))
    b = load_digit_image(draw_digit_file(tmp_path / "b.png", digit, dark_on_light=False))
    assert np.abs(a - b).max() < 0.05


def test_users_digits_are_recognised(shipped_net, tmp_path):
    """Digits redrawn big, off-centre and dark-on-light are still read correctly by the shipped network."""
    sample = load_sample()
    picks = [int(np.flatnonzero(sample.labels == d)[0]) for d in range(10)]
    correct = 0
    for i in picks:
        x = load_digit_image(draw_digit_file(tmp_path / f"{i}.png", sample.images[i], at=(120, 30), box=(150, 150)))
        correct += int(shipped_net.predict(x[None])[0] == sample.labels[i])
    originals = int((shipped_net.predict(sample.images[picks]) == sample.labels[picks]).sum())
    assert correct >= min(originals, 9) - 1


def test_transparent_png_counts_as_paper(tmp_path):
    rgba = np.zeros((100, 80, 4), dtype=np.uint8)
    rgba[20:80, 35:45] = (0, 0, 0, 255)  # a black "1" stroke on a fully transparent background
    Image.fromarray(rgba, "RGBA").save(tmp_path / "one.png")
    img = load_digit_image(tmp_path / "one.png").reshape(28, 28)
    assert img[14, 14] > 0.9 and img[14, 3] == 0


@pytest.mark.parametrize("content, message", [(b"", "empty"), (b"GIF89a not really", "not an image")])
def test_bad_image_files(tmp_path, content, message):
    path = tmp_path / "x.png"
    path.write_bytes(content)
    with pytest.raises(DigitImageError, match=message):
        load_digit_image(path)


def test_blank_image_has_no_digit():
    with pytest.raises(DigitImageError, match="no digit"):
        mnist_style(np.full((40, 40), 0.8))


def test_digit_image_does_not_import_manim():
    code = "import sys, nnlib.digit_image, scenes.tool.inspect_sheet; sys.exit('manim' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0


# --------------------------------------------------------------------------------------------------- the sheet

def test_signed_colours():
    pal = PALETTES["default"]
    rgb = signed_rgb(np.array([[-2.0, 0.0, 1.0, 2.0, np.nan]]), pal)
    assert tuple(rgb[0, 0]) == pal.negative and tuple(rgb[0, 1]) == pal.zero and tuple(rgb[0, 3]) == pal.positive
    assert rgb[0, 2, 1] < pal.positive[1] and tuple(rgb[0, 4]) == pal.background
    assert input_shape(784) == (28, 28) and input_shape(50) == (7, 8)


def test_inspect_shipped_network_in_about_a_second(tmp_path, capsys):
    out = tmp_path / "sheet.png"
    start = time.perf_counter()
    assert main(["inspect", str(default_weights_path()), "-o", str(out)]) == 0
    assert time.perf_counter() - start < 3.0
    assert str(out) in capsys.readouterr().out
    sheet = np.asarray(Image.open(out).convert("RGB")).astype(int)
    assert sheet.shape[1] == 1600 and sheet.shape[0] > 800
    pal = PALETTES["default"]
    # the heatmaps hold both colours at full strength (every tile is scaled to its own max |w|)
    assert (np.abs(sheet - pal.positive).sum(axis=2) == 0).sum() >= 16
    assert (np.abs(sheet - pal.negative).sum(axis=2) == 0).sum() >= 16


def test_colorblind_theme_changes_the_heatmap_colours(tmp_path):
    out = tmp_path / "cb.png"
    assert main(["inspect", str(default_weights_path()), "-o", str(out), "--theme", "colorblind"]) == 0
    sheet = np.asarray(Image.open(out).convert("RGB")).astype(int)
    assert (np.abs(sheet - PALETTES["colorblind"].positive).sum(axis=2) == 0).sum() >= 16
    assert (np.abs(sheet - PALETTES["default"].positive).sum(axis=2) == 0).sum() == 0


@pytest.mark.parametrize("sizes, activation", [((50, 40, 7, 3), "relu"), ((784, 100, 10), "sigmoid"),
                                               ((3, 2), "sigmoid")])
def test_any_layer_sizes(tmp_path, sizes, activation):
    path = save_network(Network(sizes, hidden_activation=activation, seed=1), tmp_path / "net.npz")
    out = tmp_path / "net.png"
    assert main(["inspect", str(path), "-o", str(out)]) == 0
    assert Image.open(out).size[0] == 1600


def test_digit_sheet_shows_the_prediction(tmp_path, capsys, shipped_net):
    sample = load_sample()
    index = int(np.flatnonzero(sample.labels == 3)[0])
    digit = draw_digit_file(tmp_path / "three.png", sample.images[index])
    out = tmp_path / "with_digit.png"
    assert main(["inspect", str(default_weights_path()), "--image", str(digit), "-o", str(out)]) == 0
    plain = tmp_path / "plain.png"
    assert main(["inspect", str(default_weights_path()), "-o", str(plain)]) == 0
    # the digit section adds the input, the activations and the prediction above the heatmaps
    assert Image.open(out).size[1] > Image.open(plain).size[1] + 200
    sheet = np.asarray(Image.open(out).convert("RGB")).astype(int)
    accent = PALETTES["default"].accent
    assert (np.abs(sheet - accent).sum(axis=2) == 0).sum() > 100  # the highlighted output bar and "prediction"
    assert main(["inspect", str(default_weights_path()), "--sample-index", str(index), "-o", str(out)]) == 0
    assert main(["inspect", str(default_weights_path()), "--digit", "3", "-o", str(out)]) == 0   # a sample 3


def test_sheet_shows_what_neurons_respond_to_and_where_it_errs(tmp_path):
    """Top digits per hidden neuron and the confusion matrix; a shared scale dims all but the strongest neuron."""
    from scenes.tool.inspect_page import digit_pool, evaluation_of
    from scenes.tool.inspect_sheet import network_sheet

    net = load_network(default_weights_path())
    pool = digit_pool()
    plain = network_sheet(net, default_weights_path(), PALETTES["default"])
    full = network_sheet(net, default_weights_path(), PALETTES["default"], pool=pool)
    assert full.size[1] > plain.size[1] + 1500          # two "responds to" sections and the confusion matrix
    evaluation = evaluation_of(net, default_weights_path(), pool)
    assert sum(map(sum, evaluation["confusion"])) == evaluation["count"]
    shared = np.asarray(network_sheet(net, default_weights_path(), PALETTES["default"], shared=True)).astype(int)
    own = np.asarray(plain).astype(int)
    pos = PALETTES["default"].positive
    full_green = lambda a: (np.abs(a - pos).sum(axis=2) == 0).sum()  # noqa: E731
    assert full_green(shared) < full_green(own)         # only the layer's largest weight reaches full colour


def test_compare_two_networks(tmp_path):
    before = save_network(Network((784, 16, 16, 10), seed=3), tmp_path / "before.npz")
    out = tmp_path / "cmp.png"
    assert main(["inspect", "--compare", str(before), str(default_weights_path()), "-o", str(out)]) == 0
    sheet = np.asarray(Image.open(out).convert("RGB")).astype(int)
    half = sheet.shape[1] // 2
    pal = PALETTES["default"]
    for side in (sheet[:, :half], sheet[:, half:]):
        assert (np.abs(side - pal.positive).sum(axis=2) == 0).sum() >= 16


def test_command_line_timing():
    """The whole command, process start included, as a teacher runs it."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "scenes", "inspect", str(default_weights_path()), "-o",
                           "/dev/null/x.png"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 2 and "does not exist" in done.stderr and "Traceback" not in done.stderr
    assert time.perf_counter() - start < 5.0
