"""The interactive inspector page, in a real headless browser: it loads, draws, agrees with nnlib, and is safe."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

from nnlib import Network, load_network, save_network
from nnlib.assets import default_weights_path, load_sample
from scenes.tool.cli import main
from scenes.tool.inspect_page import DigitPool, page_data, write_inspector_page
from tests.browser import browser_page


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("inspect") / "net.html"
    start = time.perf_counter()
    assert main(["inspect", str(default_weights_path()), "--html", "-o", str(out)]) == 0
    return out, time.perf_counter() - start


def test_page_is_written_quickly_and_self_contained(page_file):
    out, seconds = page_file
    html = out.read_text()
    assert seconds < 3 and "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert html.count("<script") == 2 and "__DATA__" not in html


def test_page_loads_draws_and_matches_nnlib(page_file):
    out, _ = page_file
    net, sample = load_network(default_weights_path()), load_sample()
    with browser_page() as (page, errors):
        start = time.perf_counter()
        page.goto(out.as_uri())
        page.wait_for_function("window.inspector && window.inspector.ready")
        ready = time.perf_counter() - start
        assert ready < 5 and not errors
        # three sample digits: the page's forward pass equals nnlib's
        for index in (0, 33, 77):
            page.select_option("#sample", str(index))
            outputs = page.evaluate("Array.from(window.inspector.state.acts[3])")
            expected = net.forward(sample.images[index:index + 1])[-1][0]
            assert np.max(np.abs(np.array(outputs) - expected)) < 1e-6
            assert page.inner_text("#prediction").strip() == str(int(np.argmax(expected)))
        # drawing a stroke with synthetic pointer events changes the activations
        page.click("#clear")
        before = page.evaluate("Array.from(window.inspector.state.acts[1])")
        box = page.locator("#pad").bounding_box()
        page.mouse.move(box["x"] + 140, box["y"] + 40)
        page.mouse.down()
        for step in range(1, 21):
            page.mouse.move(box["x"] + 140, box["y"] + 40 + 10 * step)
        page.mouse.up()
        after = page.evaluate("Array.from(window.inspector.state.acts[1])")
        assert np.max(np.abs(np.array(after) - np.array(before))) > 0.05
        update_ms = page.evaluate("window.inspector.state.lastUpdateMs")
        assert update_ms < 50   # measured and reported in README; the budget is 16 ms on a quiet machine
        # choosing a hidden neuron shows its heatmap, bias and top digits
        page.click("button.neuron[data-layer='1'][data-index='5']")
        assert page.locator("#detail-heatmap").is_visible()
        assert f"bias {net.biases[0][5]:.3f}" in page.inner_text("#detail")
        assert page.locator("#detail .tops canvas").count() == 4
        # keyboard: a second-layer neuron chosen with Tab/Enter
        page.focus("button.neuron[data-layer='2'][data-index='3']")
        page.keyboard.press("Enter")
        assert "Layer 2, neuron 3" in page.inner_text("#detail")
        assert not errors


def test_text_from_a_file_is_shown_as_text_not_markup(tmp_path):
    net = Network((784, 16, 16, 10), seed=3)
    weights = save_network(net, tmp_path / "<script>alert(1)<!--.npz", {"test_accuracy": 0.5})
    out = tmp_path / "evil.html"
    sample = load_sample()
    pool = DigitPool(sample.images, sample.labels, "the <b>sample</b> </script><script>window.hacked=1</script>",
                     False)
    write_inspector_page(load_network(weights), weights, out, pool=pool)
    with browser_page() as (page, errors):
        page.goto(out.as_uri())
        page.wait_for_function("window.inspector && window.inspector.ready")
        assert page.evaluate("window.hacked === undefined")
        assert "<script>alert(1)" in page.inner_text("#name")
        page.click("button.neuron[data-layer='1'][data-index='0']")
        assert "</script><script>window.hacked=1</script>" in page.inner_text("#detail")
        assert not errors


def test_page_data_names_its_evaluation_source():
    net = load_network(default_weights_path())
    sample = load_sample()
    data = page_data(net, default_weights_path(), pool=DigitPool(sample.images, sample.labels, "x", False))
    assert data["evaluation"]["count"] in (len(sample.labels), 10_000)
    json.dumps(data)  # all JSON-ready


# ------------------------------------------------------------------------------------ a page a teacher can project

def _inside(page, selector, width, height):
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width + 0.5 \
        and box["y"] + box["height"] <= height + 0.5


def test_one_laptop_screen_holds_the_drawing_the_network_and_the_answer(page_file):
    out, _ = page_file
    with browser_page(1366, 768) as (page, errors):
        page.goto(out.as_uri())
        page.wait_for_function("window.inspector && window.inspector.ready")
        for selector in ("#pad", "#clear", "#sample", "#prediction", "#outputs", "#edges"):
            assert _inside(page, selector, 1366, 768), selector
        neurons = page.locator("button.neuron")
        assert neurons.count() == 16 + 16 + 10                        # the output layer is in the diagram
        for i in range(neurons.count()):
            assert _inside(page, f"button.neuron >> nth={i}", 1366, 768)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        # presentation mode: large type, still one screen
        page.keyboard.press("p")
        page.wait_for_timeout(100)
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 24
        assert page.evaluate("getComputedStyle(document.getElementById('more')).display") == "none"
        for selector in ("#pad", "#prediction", "#outputs", "button.neuron[data-layer='3'][data-index='9']"):
            assert _inside(page, selector, 1366, 768), selector
        assert not errors


def test_a_phone_gets_one_column_and_nothing_wider_than_its_screen(page_file):
    out, _ = page_file
    with browser_page(390, 844) as (page, errors):
        page.goto(out.as_uri())
        page.wait_for_function("window.inspector && window.inspector.ready")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        boxes = [page.locator(s).bounding_box() for s in ("#draw-panel", "#answer-panel", "#net-panel")]
        for above, below in zip(boxes, boxes[1:]):                    # stacked, one under the other
            assert above["y"] + above["height"] <= below["y"] + 1 and below["x"] + below["width"] <= 390
        pad = page.locator("#pad").bounding_box()
        assert 250 <= pad["width"] <= 390
        # touch draws: a stroke changes the answer's inputs
        page.click("#clear")
        before = page.evaluate("Array.from(window.inspector.state.acts[1])")
        page.mouse.move(pad["x"] + pad["width"] / 2, pad["y"] + 30)
        page.mouse.down()
        for step in range(1, 15):
            page.mouse.move(pad["x"] + pad["width"] / 2, pad["y"] + 30 + 15 * step)
        page.mouse.up()
        assert np.max(np.abs(np.array(page.evaluate("Array.from(window.inspector.state.acts[1])")) - before)) > 0.05
        assert not errors


def test_a_chosen_neuron_shows_its_arithmetic_with_the_real_numbers(page_file):
    out, _ = page_file
    net, sample = load_network(default_weights_path()), load_sample()
    x = sample.images[0]
    acts = net.forward(x[None])
    minus = lambda v: ("\u2212" if v < 0 else "") + f"{abs(v):.3f}"  # noqa: E731 - the page's real minus sign
    with browser_page(1366, 768) as (page, errors):
        page.goto(out.as_uri())
        page.wait_for_function("window.inspector && window.inspector.ready")
        page.select_option("#sample", "0")
        for layer, j in ((1, 5), (2, 3), (3, int(np.argmax(acts[3][0])))):
            page.click(f"button.neuron[data-layer='{layer}'][data-index='{j}']")
            text = page.inner_text("#detail")
            wa = float(net.weights[layer - 1][j] @ acts[layer - 1][0])
            z = wa + float(net.biases[layer - 1][j])
            assert f"z = w·a + b = {minus(wa)}" in text and f"= {minus(z)}" in text, text
            assert f"a = σ(z) = 1 / (1 + e^({minus(-z)})) = {minus(float(acts[layer][0][j]))}" in text, text
        assert "Output neuron" in page.inner_text("#detail")
        assert not errors


def _page_for(tmp_path, net, theme="default"):
    weights = save_network(net, tmp_path / "net.npz", {"test_accuracy": 0.5})
    out = tmp_path / "page.html"
    sample = load_sample()
    write_inspector_page(load_network(weights), weights, out, theme=theme,
                         pool=DigitPool(sample.images, sample.labels, "the sample", False))
    return out


CONTRASTS = """() => Array.from(document.querySelectorAll('button.neuron')).map(b => {
    const lum = s => { const [r, g, bl] = s.match(/\\d+/g).map(Number).map(v => v / 255)
                         .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
                       return 0.2126 * r + 0.7152 * g + 0.0722 * bl; };
    const s = getComputedStyle(b); if (s.color === 'rgba(0, 0, 0, 0)') return 99;
    const a = lum(s.backgroundColor), c = lum(s.color);
    return (Math.max(a, c) + 0.05) / (Math.min(a, c) + 0.05); })"""


def test_relu_layers_are_on_a_scale_that_shows_them_and_labels_are_readable(tmp_path):
    from nnlib.training import train

    net = Network((784, 16, 16, 10), hidden_activation="relu", seed=0)
    sample = load_sample()
    train(net, sample.images, sample.labels, epochs=5, learning_rate=0.1, seed=0)
    out = _page_for(tmp_path, net)
    with browser_page(1366, 768) as (page, errors):
        page.goto(out.as_uri())
        page.wait_for_function("window.inspector && window.inspector.ready")
        scale = page.evaluate("JSON.parse(document.getElementById('data').textContent).act_scale")
        assert scale[1] > 1 and scale[2] > 1 and scale[0] == scale[3] == 1
        for index in (0, 40, 77):
            page.select_option("#sample", str(index))
            acts = page.evaluate("Array.from(window.inspector.state.acts[1])")
            shades = page.evaluate("Array.from(document.querySelectorAll(\"button.neuron[data-layer='1']\"))"
                                   ".map(b => b.style.background)")
            lit = [a for a in acts if a > 1]                 # what a 0-to-1 scale would have painted all white
            white = sum(s == "rgb(255, 255, 255)" for s in shades)
            assert white < max(2, len(lit) // 2), (white, lit)
            assert min(page.evaluate(CONTRASTS)) >= 4.5      # every neuron's number readable on its own shade
        assert "ReLU activations have no top" in page.inner_text("#legend")
        assert not errors


def test_the_words_follow_the_palette(tmp_path):
    import re

    out = _page_for(tmp_path, load_network(default_weights_path()), theme="colorblind")
    with browser_page(1366, 768) as (page, errors):
        page.goto(out.as_uri())
        page.wait_for_function("window.inspector && window.inspector.ready")
        page.click("button.neuron[data-layer='1'][data-index='2']")
        text = page.inner_text("body")
        assert "blue" in text and "orange" in text
        assert not re.search(r"\b(green|red)\b", text, re.I), re.findall(r".{30}\b(?:green|red)\b.{10}", text)
        page.uncheck("#colorblind")
        page.click("button.neuron[data-layer='2'][data-index='2']")
        text = page.inner_text("body")
        assert "green" in text and "red" in text and not re.search(r"\b(blue|orange)\b", text)
        assert not errors


def test_edges_are_drawn_in_both_signs_colours(page_file):
    out, _ = page_file
    with browser_page(1366, 768) as (page, errors):
        page.goto(out.as_uri())
        page.wait_for_function("window.inspector && window.inspector.ready")
        counts = page.evaluate("""() => {
            const c = document.getElementById('edges'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let pos = 0, neg = 0;
            for (let i = 0; i < d.length; i += 4) { if (d[i + 3] < 40) continue;
              if (d[i + 1] > d[i] + 40) pos++; else if (d[i] > d[i + 1] + 40) neg++; }
            return [pos, neg]; }""")
        assert counts[0] > 500 and counts[1] > 500, counts
        assert not errors
