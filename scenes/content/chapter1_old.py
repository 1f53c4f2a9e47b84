"""Chapter 1, "But what is a neural network?": nine short scenes drawn from the real, trained 784-16-16-10 network.

Render one with ``explainer render PixelsAsNeurons`` or plain ``manim -ql scenes/chapter1.py PixelsAsNeurons``.
Every number on screen comes from nnlib: the network is ``nnlib.load_network(read_options().weights)`` (the shipped
one unless ``EXPLAINER_WEIGHTS`` says otherwise) and the digits are the shipped sample of training digits
(``EXPLAINER_DIGIT`` picks another sample index, or an image file of your own handwriting).

Each scene exposes the numbers it shows as attributes (``shown_activation``, ``prediction``, ...), so a test can
compare them with nnlib.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file by plain ``manim``: make the repository importable
    _ROOT = str(Path(__file__).resolve().parent.parent)
    if _ROOT not in sys.path:
        sys.path.insert(0, _ROOT)

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UL, UP, UR, DL, DR, Arc, Arrow, Circle, Create, DashedLine,
                   FadeIn, FadeOut, GrowFromCenter, Group, Indicate, Line, ReplacementTransform, Rectangle,
                   Scene, SurroundingRectangle, ValueTracker, VGroup, Write, LaggedStart)

from nnlib import Network, load_network
from nnlib.assets import load_sample
from scenes.content.components import (HeatmapSheet, NetworkDiagram, PixelGrid, RealLineSquish, ReluPlot, SigmoidPlot,
                               WeightHeatmap, apply_background, crisp_image, format_number, formula, label, number, weight_rgb)
from scenes.content.narration import beat
from scenes.tool.options import read_options


# ------------------------------------------------------------------------------------------------ data helpers
def the_network() -> Network:
    """The network every chapter-1 scene shows: the shipped one, or ``EXPLAINER_WEIGHTS``."""
    return load_network(read_options().weights)


def chosen_digit(default: int = 3, nth: int = 0) -> tuple[np.ndarray, int | None]:
    """The digit a scene shows and its label (None if unknown).

    ``EXPLAINER_DIGIT`` wins: a sample index, or an image file prepared like MNIST. Otherwise the ``nth`` sample
    image of the digit ``default``.
    """
    options = read_options()
    sample = load_sample()
    if options.digit_file is not None:
        from nnlib.digit_image import load_digit_image

        return load_digit_image(options.digit_file), None
    if options.digit_index is not None:
        index = options.digit_index
        if not 0 <= index < len(sample.images):
            from nnlib.errors import NNLibError

            raise NNLibError(f"EXPLAINER_DIGIT={index} is outside the sample (0..{len(sample.images) - 1})")
        return sample.images[index], int(sample.labels[index])
    return sample.of_digit(default)[nth], default


def busiest_patch(image: np.ndarray, size: int = 6) -> tuple[int, int]:
    """Top-left (row, col) of the ``size`` x ``size`` patch with the most in-between grey values (an edge of ink)."""
    img = image.reshape(28, 28)
    grey = (img > 0.05) & (img < 0.95)
    ink = img > 0.5
    best, where = -1.0, (0, 0)
    for r in range(28 - size + 1):
        for c in range(28 - size + 1):
            score = grey[r:r + size, c:c + size].sum() + 0.5 * ink[r:r + size, c:c + size].sum()
            if score > best:
                best, where = score, (r, c)
    return where


def title(text: str, size: float = 32) -> VGroup:
    """A scene's caption at the top of the frame (shrunk to fit the frame's width if need be)."""
    caption = label(text, size=size)
    if caption.width > 13.2:
        caption.scale_to_fit_width(13.2)
    return caption.to_edge(UP, buff=0.35)


# ------------------------------------------------------------------------------------------------ 1
class PixelsAsNeurons(Scene):
    """A handwritten 3 as 28 x 28 grey values; the 784 pixels become the 784 input neurons."""

    def construct(self):
        apply_background(self)
        self.digit, self.digit_label = chosen_digit(3)
        net = the_network()

        heading = title("A handwritten digit, as the computer sees it: 28 × 28 pixels")
        grid = PixelGrid(self.digit, height=5.6).shift(2.8 * LEFT + 0.4 * DOWN)
        self.play(FadeIn(heading), FadeIn(grid))
        beat(self, "Here is a sloppily written 3, stored as a grid of 28 by 28 pixels.")

        others = load_sample().of_digit(3)[1:5]
        more = Group(*(PixelGrid(img, height=1.9) for img in others)).arrange_in_grid(2, 2, buff=0.3)
        more.next_to(grid, RIGHT, buff=1.2)
        more_caption = label("more 3s from the training set", size=22, dim=True).next_to(more, DOWN)
        self.play(LaggedStart(*(FadeIn(g) for g in more), lag_ratio=0.2), FadeIn(more_caption))
        beat(self, "Your brain recognises all of these as threes, though their pixel values differ wildly.")
        self.play(FadeOut(more), FadeOut(more_caption))

        r0, c0 = busiest_patch(self.digit)
        self.patch_origin, size = (r0, c0), 6
        self.patch_values = grid.values[r0:r0 + size, c0:c0 + size].copy()
        outline = Rectangle(width=size * grid.cell_size, height=size * grid.cell_size, stroke_width=3,
                            color=grid.theme.accent)
        outline.move_to((grid.pixel_center(r0, c0) + grid.pixel_center(r0 + size - 1, c0 + size - 1)) / 2)
        zoom = PixelGrid(self.patch_values, height=4.6, grid_lines=True).shift(3.6 * RIGHT + 0.4 * DOWN)
        values = zoom.value_labels(range(size), range(size), decimals=2)
        links = VGroup(DashedLine(outline.get_corner(UR), zoom.get_corner(UL), color=grid.theme.dim_text),
                       DashedLine(outline.get_corner(DR), zoom.get_corner(DL), color=grid.theme.dim_text))
        self.play(Create(outline), Create(links), FadeIn(zoom))
        self.play(Write(values), run_time=1.5)
        beat(self, "Each pixel holds one number: its grey value, from 0 for black to 1 for white.")

        # the pixels become neurons, and the neurons line up as the network's first layer
        self.play(FadeOut(values), FadeOut(zoom), FadeOut(links), FadeOut(outline))
        diagram = NetworkDiagram(net, height=6.4).shift(0.3 * DOWN)
        column = diagram.neurons[0]
        column.set_fill(opacity=0).shift(-column.get_center()[0] * RIGHT)  # the input layer, centred
        dots = diagram.ellipses[0].shift(-diagram.ellipses[0].get_center()[0] * RIGHT)
        diagram.set_activations([self.digit] + [np.zeros(n) for n in net.sizes[1:]])
        targets = {circle.index: circle for circle in column}
        shown = sorted(targets)
        kept = grid.to_neurons(shown)                  # the pixels the input column will show: separate circles
        rest = grid.to_neuron_sheet(exclude=shown)     # all the others, drawn as a few batched mobjects
        self.play(FadeIn(rest), FadeIn(kept), grid.image.animate.set_opacity(0.15), run_time=1.2)
        beat(self, "Think of every pixel as a neuron: a thing that holds a number, its activation.")

        small = PixelGrid(self.digit, height=3.0).to_edge(LEFT, buff=0.8).shift(0.3 * DOWN)
        self.play(FadeOut(rest), FadeOut(grid), FadeOut(heading), run_time=0.8)
        self.play(*(neuron.animate.move_to(targets[i]).scale_to_fit_width(targets[i].width)
                    for neuron, i in zip(kept, shown)), FadeIn(dots), run_time=1.5)
        self.remove(kept)
        brace = diagram.braces[0].shift(column.get_left() - diagram.braces[0][0].get_right() + 0.12 * LEFT)
        self.add(column)
        self.shown_pixel_values = [circle.activation for circle in column]
        tags = VGroup(*(number(circle.activation, 2, size=18).next_to(circle, RIGHT, buff=0.15)
                        for circle in column))
        arrow = Arrow(small.get_right(), brace.get_left(), buff=0.25, color=small.theme.dim_text)
        caption = title("784 pixels → 784 input neurons, each holding a number from 0 to 1")
        rows_cols = [divmod(circle.index, 28) for circle in column]
        first, last = small.pixel_center(*rows_cols[0]), small.pixel_center(*rows_cols[-1])
        strip = Rectangle(width=small.cell_size * 1.3, height=abs(first[1] - last[1]) + small.cell_size * 1.3,
                          stroke_width=2, color=small.theme.accent).move_to((first + last) / 2)
        strip_note = label("the pixels shown as neurons", size=18, color=small.theme.accent).next_to(small, DOWN)
        self.play(FadeIn(small), GrowFromCenter(brace), Create(arrow), FadeIn(tags), FadeIn(caption))
        self.play(Create(strip), FadeIn(strip_note))
        self.grid, self.input_column = small, column
        beat(self, "These 784 neurons make up the first layer of our network. The brightness of each is the "
                   "grey value of its pixel; shown here are pixels down the middle column of the image.")


# ------------------------------------------------------------------------------------------------ 2
class NetworkFeedForward(Scene):
    """The 784-16-16-10 network; a real digit fed forward through the shipped weights; the brightest output wins."""

    def construct(self):
        theme = apply_background(self)
        net = the_network()
        self.digit, self.true_label = chosen_digit(3)
        diagram = NetworkDiagram(net, height=6.3, layer_spacing=2.3).shift(1.3 * RIGHT + 0.25 * DOWN)
        grid = PixelGrid(self.digit, height=2.2).to_edge(LEFT, buff=0.5).shift(0.25 * DOWN)
        heading = title(" → ".join(str(n) for n in net.sizes) + " neurons", size=30)
        names = VGroup(label("input layer", size=20, dim=True).next_to(diagram.neurons[0], DOWN, buff=0.2),
                       label("hidden layers", size=20, dim=True)
                       .next_to(VGroup(diagram.neurons[1], diagram.neurons[2]), DOWN, buff=0.2),
                       label("output layer", size=20, dim=True).next_to(diagram.neurons[3], DOWN, buff=0.2))
        names[2].align_to(names[1], DOWN)
        names[0].align_to(names[1], DOWN)
        self.play(FadeIn(diagram), FadeIn(names), FadeIn(heading), run_time=1.5)
        beat(self, f"Here is the network: {net.sizes[0]} input neurons, two hidden layers of {net.sizes[1]} and "
                   f"{net.sizes[2]} neurons, and {net.sizes[-1]} outputs, one per digit.")

        marks = VGroup(*(label("?", size=20, color=theme.accent).move_to(c)
                         for layer in diagram.neurons[1:-1] for c in layer))
        self.play(FadeIn(marks, lag_ratio=0.02))
        beat(self, "What the hidden layers do is, for now, a mystery.")

        arrow = Arrow(grid.get_right(), diagram.braces[0].get_left(), buff=0.15, color=theme.dim_text)
        self.play(FadeOut(marks), FadeIn(grid), Create(arrow))
        self.play(diagram.feed_forward(self.digit, run_time_per_layer=0.9))
        self.output_activations = diagram.activations[-1]
        self.prediction = diagram.prediction
        values = VGroup(*(number(self.output_activations[c.index], 2, size=16, color=theme.dim_text)
                          .next_to(diagram.output_labels[k], RIGHT, buff=0.3)
                          for k, c in enumerate(diagram.neurons[-1])))
        self.play(FadeIn(values))
        beat(self, "Feed in an image: each pixel's brightness lights an input neuron, and the activations of each "
                   "layer determine the next, through the trained weights and biases.")

        box = diagram.mark_answer(self.prediction)
        verdict = "right" if self.true_label == self.prediction else "wrong"
        said = f"The network's answer: {self.prediction}"
        if self.true_label is not None:
            said += f"   (the image is labelled {self.true_label}: {verdict})"
        caption = title(said, size=30)
        self.play(Create(box), FadeOut(heading), FadeIn(caption))
        self.diagram = diagram
        beat(self, "The brightest output neuron is the network's answer.")


# ------------------------------------------------------------------------------------------------ 3
def loop_piece(radius: float, color: str) -> Circle:
    """A drawn loop, the kind of piece a 9, 8 or 6 has (illustration, not computed)."""
    return Circle(radius=radius, color=color, stroke_width=7)


def line_piece(length: float, color: str, angle: float = 90.0) -> Line:
    """A drawn straight stroke, the kind of piece a 1, 4 or 7 has (illustration, not computed)."""
    return Line(ORIGIN, length * RIGHT, color=color, stroke_width=7).rotate(np.radians(angle)).move_to(ORIGIN)


def plus_between(*pieces) -> VGroup:
    """Pieces written as a sum: piece + piece + ..."""
    parts = []
    for k, piece in enumerate(pieces):
        if k:
            parts.append(label("+", size=30, dim=True))
        parts.append(piece)
    return VGroup(*parts).arrange(RIGHT, buff=0.2)


class LayeredHope(Scene):
    """The hope of a layered structure: digits as loops and lines, loops as little edges. Illustrative only."""

    def construct(self):
        theme = apply_background(self)
        net = the_network()
        sample = load_sample()
        heading = title("The hope: digits are made of pieces")
        hope = label("an illustration of a hope, not what the trained network does", size=20,
                     color=theme.accent).to_edge(DOWN, buff=0.3)
        loop_c, line_c = theme.positive, theme.accent
        digits = Group(*(PixelGrid(sample.first(d), height=2.4) for d in (9, 8, 4))).arrange(RIGHT, buff=2.2)
        digits.shift(1.0 * UP)
        pieces = VGroup(
            plus_between(loop_piece(0.35, loop_c), line_piece(0.9, line_c)),
            plus_between(loop_piece(0.3, loop_c), loop_piece(0.35, loop_c)),
            plus_between(line_piece(0.8, line_c, 80), line_piece(0.8, line_c, 0), line_piece(0.9, line_c)),
        )
        for grid, piece in zip(digits, pieces):
            piece.next_to(grid, DOWN, buff=0.8)
        equals = VGroup(*(label("=", size=34, dim=True).rotate(np.pi / 2).move_to(
            (grid.get_bottom() + piece.get_top()) / 2) for grid, piece in zip(digits, pieces)))
        self.play(FadeIn(heading), FadeIn(digits), FadeIn(hope))
        self.play(FadeIn(equals), LaggedStart(*(Create(p) for p in pieces), lag_ratio=0.3), run_time=2)
        self.wait(0.2)
        beat(self, "When you recognise digits, you piece together components: a 9 has a loop up top and a line on "
                   "the right, an 8 has two loops, a 4 is three lines. We might hope the last hidden layer's neurons "
                   "each respond to one such piece.")

        self.play(FadeOut(digits), FadeOut(pieces), FadeOut(equals))
        loop = loop_piece(1.0, loop_c).shift(3 * LEFT + 0.3 * DOWN)
        arcs = VGroup(*(Arc(radius=1.0, start_angle=k * np.pi / 4, angle=np.pi / 4 - 0.02, color=theme.text,
                            stroke_width=7) for k in range(8))).move_to(loop)
        spread = arcs.copy()
        for arc in spread:
            direction = arc.point_from_proportion(0.5) - loop.get_center()
            arc.shift(0.6 * direction)
        words = VGroup(label("a loop…", size=28).next_to(loop, DOWN, buff=0.4),
                       label("…might be built from little edges", size=28)
                       .next_to(spread, DOWN, buff=0.4).shift(6 * RIGHT))
        spread.shift(6 * RIGHT)
        self.play(Create(loop), FadeIn(words[0]))
        self.play(ReplacementTransform(arcs.copy(), spread), FadeIn(words[1]), run_time=1.5)
        beat(self, "Recognising a loop could in turn break into recognising little edges, so we might hope the "
                   "first hidden layer picks out edges.")

        self.play(FadeOut(loop), FadeOut(spread), FadeOut(words), FadeOut(heading))
        diagram = NetworkDiagram(net, height=5.0, layer_spacing=2.6).shift(0.4 * UP + 0.4 * RIGHT)
        hopes = VGroup(label("pixels", size=22, dim=True), label("edges?", size=22, color=theme.accent),
                       label("loops, lines?", size=22, color=theme.accent), label("digits", size=22, dim=True))
        for text, column in zip(hopes, diagram.neurons):
            text.next_to(column, DOWN, buff=0.35)
        lowest = min(t.get_y() for t in hopes)
        for text in hopes:
            text.set_y(lowest)
        self.hope_layers = [t.text for t in hopes]
        self.play(FadeIn(diagram), FadeIn(hopes), FadeIn(title("The hope of a layered structure")))
        beat(self, "That is the hope: pixels to edges, edges to patterns, patterns to digits. Whether the trained "
                   "network really does this, we will look at honestly later: it mostly does not.")


# ------------------------------------------------------------------------------------------------ 4
def least_saturated(activations: np.ndarray) -> int:
    """The neuron whose activation is nearest 0.5: the most telling one to show (saturated ones sit at 0 or 1)."""
    return int(np.argmin(np.abs(np.asarray(activations) - 0.5)))


def term_text(w: float, a: float) -> str:
    """One product of the weighted sum, as it is written on screen: (+0.52)(1.00)."""
    return f"({format_number(w, 2, signed=True)})({format_number(a, 2)})"


class OneHiddenNeuron(Scene):
    """One first-layer neuron: its weights over the input, the weighted sum, the bias, the sigmoid squish."""

    def construct(self):
        theme = apply_background(self)
        net = the_network()
        self.digit, _ = chosen_digit(3)
        forward = net.forward_pass(self.digit)
        j = self.neuron_index = least_saturated(forward.activations[1][0])
        w, b = net.weights[0][j], float(net.biases[0][j])
        self.shown_weighted_sum = float(w @ self.digit)
        self.shown_bias = b
        self.shown_z = float(forward.weighted_sums[0][0, j])
        self.shown_activation = float(forward.activations[1][0, j])

        heading = title(f"One neuron of the first hidden layer (neuron {j})")
        grid = PixelGrid(self.digit, height=2.6).move_to([-4.6, 1.0, 0])
        heat = WeightHeatmap(w, height=2.6).move_to([-0.9, 1.0, 0])
        captions = VGroup(label("pixels a", size=22, dim=True).next_to(grid, DOWN, buff=0.15),
                          label("its 784 weights w", size=22, dim=True).next_to(heat, DOWN, buff=0.15))
        legend = VGroup(label("green: positive", size=18, color=theme.positive),
                        label("red: negative", size=18, color=theme.negative)).arrange(RIGHT, buff=0.4)
        legend.next_to(heat, UP, buff=0.12)
        self.play(FadeIn(heading), FadeIn(grid), FadeIn(captions[0]))
        self.play(FadeIn(heat), FadeIn(captions[1]), FadeIn(legend))
        beat(self, "This neuron has one weight for each of the 784 pixels. Green weights are positive, red "
                   "negative, brighter for bigger ones.")

        product = WeightHeatmap(w * self.digit, height=2.6).move_to([2.8, 1.0, 0])
        ops = VGroup(label("×", size=40, dim=True).move_to((grid.get_right() + heat.get_left()) / 2),
                     label("=", size=40, dim=True).move_to((heat.get_right() + product.get_left()) / 2))
        product_caption = label("w × a, pixel by pixel", size=22, dim=True).next_to(product, DOWN, buff=0.15)
        self.play(FadeIn(ops), ReplacementTransform(heat.copy(), product), FadeIn(product_caption))
        beat(self, "Multiply each weight by its pixel's value: only the weights where there is ink still count.")

        symbolic = formula("w_1 a_1 + w_2 a_2 + dots.c + w_784 a_784", size=34).move_to([0, -1.25, 0])
        order = np.argsort(-np.abs(w * self.digit))[:3]
        terms = " + ".join(term_text(w[i], self.digit[i]) for i in order)
        sum_line = VGroup(label(f"= {terms} + … =", size=24),
                          number(self.shown_weighted_sum, 2, size=26, color=theme.accent)).arrange(RIGHT, buff=0.15)
        sum_line.next_to(symbolic, DOWN, buff=0.25)
        self.play(Write(symbolic))
        self.play(FadeIn(sum_line))
        beat(self, "Add all 784 products: the weighted sum. Shown are its three biggest terms and the real total.")

        bias_line = VGroup(label("+ bias b =", size=24), number(b, 2, size=26, color=theme.signed(b)),
                           label(",   so  z =", size=24), number(self.shown_z, 2, size=26, color=theme.accent))
        bias_line.arrange(RIGHT, buff=0.15).next_to(sum_line, DOWN, buff=0.25)
        self.play(FadeIn(bias_line))
        beat(self, "Add the neuron's bias, a number that says how high the weighted sum must be before the neuron "
                   "gets meaningfully active.")

        squish = VGroup(formula("sigma(z) = ", size=34), number(self.shown_activation, 2, size=30,
                                                               color=theme.accent)).arrange(RIGHT, buff=0.15)
        squish.next_to(bias_line, DOWN, buff=0.25)
        neuron = Circle(radius=0.55, stroke_color=theme.neuron_stroke, stroke_width=3, fill_color=theme.ink,
                        fill_opacity=self.shown_activation).move_to([5.6, 1.0, 0])
        neuron_text = VGroup(label(f"neuron {j}", size=22, dim=True),
                             label("activation", size=22, dim=True),
                             number(self.shown_activation, 2, size=30)).arrange(DOWN, buff=0.12)
        neuron_text.next_to(neuron, DOWN, buff=0.25)
        self.play(FadeIn(squish), FadeOut(legend))
        self.play(GrowFromCenter(neuron), FadeIn(neuron_text))
        self.neuron_circle = neuron
        beat(self, "Squish it with the sigmoid into a number between 0 and 1: the neuron's activation, the same "
                   "brightness this neuron had when the digit went through the network.")


# ------------------------------------------------------------------------------------------------ 5
class SigmoidSquish(Scene):
    """The sigmoid squishes the real line into (0, 1); a bias of -10 moves the threshold to 10; then ReLU."""

    def construct(self):
        theme = apply_background(self)
        heading = title("The sigmoid squishes every number into the range 0 to 1")
        lines = RealLineSquish(range(-10, 11), width=10.5).shift(0.4 * DOWN)
        self.squished = lines.values
        self.play(FadeIn(heading), FadeIn(lines))
        self.play(lines.squish(run_time=2.5))
        beat(self, "A weighted sum can be any number at all; the sigmoid squishes the whole number line into the "
                   "interval from 0 to 1.")
        self.play(FadeOut(lines), FadeOut(lines.landed))

        plot = SigmoidPlot(x_range=(-10, 15), width=10.5, height=3.8).shift(0.5 * DOWN)
        definition = formula("sigma(z) = 1 / (1 + e^(-z))", size=34).to_corner(UL, buff=0.5).shift(0.9 * DOWN)
        self.play(Create(plot.axes), FadeIn(plot.tick_labels), FadeIn(plot.axis_names))
        self.play(Create(plot.curve), Write(definition), run_time=1.5)

        z = ValueTracker(-8.0)
        dot = plot.dot_tracking(z)
        self.add(dot)
        self.play(z.animate.set_value(8.0), run_time=3)
        self.shown_values = {}
        readouts = VGroup()
        for at, side in ((-8.0, UP), (0.0, RIGHT), (8.0, DOWN)):
            value = plot.value(at)
            self.shown_values[at] = value
            text = label(f"σ({format_number(at, 0)}) = {format_number(value, 4)}", size=22)
            readouts.add(text.next_to(plot.point_at(at), side, buff=0.25))
        readouts[1].shift(0.35 * DOWN)
        self.play(FadeIn(readouts))
        beat(self, "Very negative inputs end up close to 0, very positive ones close to 1, and it rises steadily "
                   "around 0.")

        bias = -10.0
        bias_tracker = ValueTracker(0.0)
        shifted = plot.plot_following(bias_tracker, color=theme.positive)
        threshold = DashedLine(plot.axes.c2p(10, 0), plot.axes.c2p(10, 1), color=theme.dim_text)
        note = label("bias −10: only active when the weighted sum is above 10", size=24,
                     color=theme.positive).next_to(heading, DOWN, buff=0.3).to_edge(RIGHT, buff=0.6)
        self.shown_values["bias"] = bias
        self.shown_values["shifted at 10"] = plot.value(10.0, bias)
        self.play(FadeOut(readouts), FadeOut(dot))
        self.add(shifted)
        self.play(bias_tracker.animate.set_value(bias), Create(threshold), FadeIn(note), run_time=2)
        shifted.clear_updaters()
        beat(self, "A bias shifts the curve: with a bias of minus 10 the neuron only becomes meaningfully active "
                   "once its weighted sum passes 10.")

        self.play(FadeOut(VGroup(plot, shifted, threshold, definition, note, heading)))
        small = SigmoidPlot(x_range=(-10, 10), width=5.2, height=2.6, x_name="a", y_name="σ(a)").to_edge(LEFT, buff=0.8).shift(0.6 * DOWN)
        relu = ReluPlot(x_range=(-10, 10), width=5.2, height=2.6, x_name="a", y_name="ReLU(a)").to_edge(RIGHT, buff=0.8).shift(0.6 * DOWN)
        small_definition = formula("sigma(a) = 1 / (1 + e^(-a))", size=30).next_to(small, UP, buff=0.5)
        relu_definition = formula("op(\"ReLU\")(a) = max(0, a)", size=30).next_to(relu, UP, buff=0.5)
        relu_definition.align_to(small_definition, DOWN)
        words = VGroup(label("the videos' (and early networks') choice", size=22, dim=True)
                       .next_to(small, DOWN, buff=0.5),
                       label("what most modern networks use instead", size=22, dim=True)
                       .next_to(relu, DOWN, buff=0.5))
        modern = words[1]
        self.play(FadeIn(title("Sigmoid, and the rectified linear unit")), FadeIn(small), FadeIn(small_definition),
                  FadeIn(words[0]))
        self.play(Create(relu.axes), FadeIn(relu.tick_labels), FadeIn(relu.axis_names), Write(relu_definition))
        self.play(Create(relu.curve), FadeIn(modern))
        self.shown_values["relu(-3)"] = relu.value(-3.0)
        self.shown_values["relu(4)"] = relu.value(4.0)
        beat(self, "Modern networks mostly use ReLU instead, the rectified linear unit: max of 0 and a. It trains "
                   "more easily in deep networks.")


# ------------------------------------------------------------------------------------------------ 6
class CountingParameters(Scene):
    """Every weight and bias counted, layer by layer: 13,002 knobs, counted from the network itself."""

    def construct(self):
        theme = apply_background(self)
        net = the_network()
        heading = title("How many knobs and dials does this network have?")
        diagram = NetworkDiagram(net, height=5.6, layer_spacing=1.6).to_edge(LEFT, buff=0.8).shift(0.35 * DOWN)
        self.play(FadeIn(heading), FadeIn(diagram))
        beat(self, "Every edge has a weight and every neuron after the input has a bias. Let's count them.")

        self.shown_counts = net.layer_parameter_counts()
        self.shown_total = net.parameter_count
        rows = VGroup()
        x_desc, x_num = 1.3, 6.6
        for g, (n_weights, n_biases) in enumerate(self.shown_counts):
            n_in, n_out = net.sizes[g], net.sizes[g + 1]
            weights_row = VGroup(label(f"{n_in} × {n_out} weights", size=26),
                                 number(n_weights, 0, size=26, color=theme.accent))
            biases_row = VGroup(label(f"{n_out} biases", size=26, dim=True),
                                number(n_biases, 0, size=26, color=theme.accent))
            rows.add(weights_row, biases_row)
        for k, row in enumerate(rows):
            y = 2.3 - k * 0.62 - (k // 2) * 0.25
            row[0].move_to([x_desc, y, 0], aligned_edge=LEFT)
            row[1].move_to([x_num, y, 0], aligned_edge=RIGHT)
        rule = Line([x_desc, 0, 0], [x_num, 0, 0], color=theme.dim_text).set_y(rows[-1].get_bottom()[1] - 0.25)
        total = VGroup(label("total", size=30), number(self.shown_total, 0, size=34, color=theme.accent))
        total[0].move_to([x_desc, rule.get_y() - 0.5, 0], aligned_edge=LEFT)
        total[1].move_to([x_num, rule.get_y() - 0.5, 0], aligned_edge=RIGHT)

        for g in range(len(self.shown_counts)):
            self.play(diagram.edge_pulse(g), FadeIn(rows[2 * g]), run_time=1.0)
            self.play(Indicate(diagram.neurons[g + 1], color=theme.accent, scale_factor=1.15),
                      FadeIn(rows[2 * g + 1]), run_time=0.8)
        self.play(Create(rule), FadeIn(total))
        self.total_text = total[1]
        beat(self, f"All together {format_number(self.shown_total, 0)} weights and biases: the knobs and dials "
                   "that training will tune.")


# ------------------------------------------------------------------------------------------------ 7
def bracketed(cells: list[list], column_width: float, row_height: float, color: str) -> VGroup:
    """Mobjects laid out as a matrix (rows of cells, centred in a grid) between square brackets.

    Returns VGroup(entries, brackets); ``entries[r][c]`` is the cell mobject.
    """
    entries = VGroup()
    n_rows, n_cols = len(cells), len(cells[0])
    for r, row in enumerate(cells):
        line = VGroup()
        for c, cell in enumerate(row):
            cell.move_to([(c - (n_cols - 1) / 2) * column_width, ((n_rows - 1) / 2 - r) * row_height, 0])
            line.add(cell)
        entries.add(line)
    height, width = n_rows * row_height, n_cols * column_width + 0.1
    arm = 0.12
    brackets = VGroup()
    for side in (-1, 1):
        x = side * width / 2
        brackets.add(VGroup(Line([x - side * arm, height / 2, 0], [x, height / 2, 0]),
                            Line([x, height / 2, 0], [x, -height / 2, 0]),
                            Line([x, -height / 2, 0], [x - side * arm, -height / 2, 0])).set_stroke(color, 2.5))
    return VGroup(entries, brackets)


def inkiest_run(image: np.ndarray, length: int = 4) -> int:
    """Index of the first of ``length`` consecutive pixels (within one image row) holding the most ink."""
    img = np.asarray(image).reshape(28, 28)
    best, where = -1.0, 0
    for r in range(28):
        for c in range(28 - length + 1):
            ink = float(img[r, c:c + length].sum())
            if ink > best:
                best, where = ink, r * 28 + c
    return where


class MatrixNotation(Scene):
    """a(1) = sigma(W a(0) + b), with a slice of the real W, a(0), b and the matching entries of the result."""

    def construct(self):
        theme = apply_background(self)
        net = the_network()
        self.digit, _ = chosen_digit(3)
        a1 = net.forward(self.digit)[1].ravel()
        W, b = net.weights[0], net.biases[0]
        start = inkiest_run(self.digit)
        self.shown_rows = list(range(4))
        self.shown_columns = list(range(start, start + 4))
        self.shown_W = W[np.ix_(self.shown_rows, self.shown_columns)]
        self.shown_a0 = self.digit[self.shown_columns]
        self.shown_b = b[self.shown_rows]
        self.shown_a1 = a1[self.shown_rows]

        heading = title("The whole layer at once: a matrix-vector product")
        law = formula("a^((1)) = sigma(W a^((0)) + b)", size=44).next_to(heading, DOWN, buff=0.35)
        self.play(FadeIn(heading), Write(law))
        beat(self, "Organise the activations of a layer as a column vector, the weights as a matrix with one row "
                   "per neuron of the next layer, and the biases as a vector.")

        size = 21

        def signed(v: float):
            return number(v, 2, size=size, color=theme.signed(v))

        def dots(kind: str):
            return label(kind, size=size, dim=True)

        w_cells = [[signed(v) for v in row] + [dots("⋯")] for row in self.shown_W]
        w_cells.append([dots("⋮") for _ in range(4)] + [dots("⋱")])
        matrix = bracketed(w_cells, 1.2, 0.5, theme.text)
        a0 = bracketed([[number(v, 2, size=size)] for v in self.shown_a0] + [[dots("⋮")]], 0.8, 0.5, theme.text)
        bias = bracketed([[signed(v)] for v in self.shown_b] + [[dots("⋮")]], 0.95, 0.5, theme.text)
        result = bracketed([[number(v, 2, size=size, color=theme.accent)] for v in self.shown_a1]
                           + [[dots("⋮")]], 0.8, 0.5, theme.text)
        sigma_open = VGroup(formula("sigma", size=40), label("(", size=40).stretch_to_fit_height(matrix.height))
        sigma_open.arrange(RIGHT, buff=0.08)
        plus, equals = label("+", size=30), label("=", size=30)
        close = label(")", size=40).stretch_to_fit_height(matrix.height)
        equation = VGroup(sigma_open, matrix, a0, plus, bias, close, equals, result).arrange(RIGHT, buff=0.22)
        equation.next_to(law, DOWN, buff=0.9)
        column_tags = VGroup(*(label(f"pixel {c}", size=14, dim=True).next_to(matrix[0][0][k], UP, buff=0.25)
                               for k, c in enumerate(self.shown_columns)))
        self.play(FadeIn(matrix), FadeIn(a0), FadeIn(sigma_open), FadeIn(close), FadeIn(column_tags))
        self.play(FadeIn(plus), FadeIn(bias))
        beat(self, f"Here are real numbers: the first rows of the {W.shape[0]} by {W.shape[1]} weight matrix, at "
                   "pixels where the digit has ink, the pixel values, and the biases.")

        self.play(FadeIn(equals), FadeIn(result))
        first_row = SurroundingRectangle(matrix[0][0], color=theme.accent, buff=0.08)
        first_out = VGroup(SurroundingRectangle(result[0][0], color=theme.accent, buff=0.08),
                           SurroundingRectangle(bias[0][0], color=theme.accent, buff=0.08))
        note = label(f"each entry of the result uses its whole row: all {W.shape[1]} weights", size=20,
                     dim=True).next_to(equation, DOWN, buff=0.6)
        self.play(Create(first_row), Create(first_out), FadeIn(note))
        self.result_entries = result[0]
        beat(self, "Row one of W times the input vector, plus the first bias, squished by the sigmoid, is the first "
                   "neuron's activation. The matrix product does all sixteen at once.")


# ------------------------------------------------------------------------------------------------ 8
class NetworkAsFunction(Scene):
    """The whole network is just a function: 784 numbers in, 10 numbers out, 13,002 parameters inside."""

    def construct(self):
        theme = apply_background(self)
        net = the_network()
        self.digit, _ = chosen_digit(3)
        self.shown_outputs = net.forward(self.digit)[-1].ravel()
        self.shown_parameter_count = net.parameter_count

        heading = title("The network is just a function")
        law = formula("f(a_1, dots, a_784) = (y_0, dots, y_9)", size=38).next_to(heading, DOWN, buff=0.3)
        box = Rectangle(width=4.6, height=4.2, color=theme.dim_text, stroke_width=2).shift(0.6 * DOWN)
        inside = NetworkDiagram(net, height=3.5, layer_spacing=1.25, show_edges=True).move_to(box)
        inside.set_activations(inside.activations_for(self.digit))
        inside.output_labels.set_opacity(0)
        inside.braces.set_opacity(0)
        f_name = label("f", size=36, color=theme.accent).next_to(box, UP, buff=0.1).align_to(box, LEFT)
        grid = PixelGrid(self.digit, height=2.6).next_to(box, LEFT, buff=1.4)
        in_text = label(f"{net.sizes[0]} numbers in", size=24).next_to(grid, DOWN, buff=0.3)
        outputs = VGroup(*(VGroup(label(f"{d}", size=20, dim=True),
                                  number(v, 2, size=20, color=theme.accent if d == np.argmax(self.shown_outputs)
                                         else theme.text)) for d, v in enumerate(self.shown_outputs)))
        for row in outputs:
            row[1].next_to(row[0], RIGHT, buff=0.25).align_to(outputs[0][0].get_right() + 0.25 * RIGHT, LEFT)
        outputs.arrange(DOWN, buff=0.12, aligned_edge=LEFT)
        outputs.next_to(box, RIGHT, buff=1.4)
        out_text = label(f"{net.sizes[-1]} numbers out", size=24).next_to(outputs, DOWN, buff=0.3)
        arrows = VGroup(Arrow(grid.get_right(), box.get_left(), buff=0.15, color=theme.dim_text),
                        Arrow(box.get_right(), outputs.get_left(), buff=0.15, color=theme.dim_text))
        self.play(FadeIn(heading), Write(law))
        self.play(FadeIn(grid), FadeIn(in_text), Create(arrows[0]))
        self.play(Create(box), FadeIn(inside), FadeIn(f_name))
        self.play(Create(arrows[1]), FadeIn(outputs), FadeIn(out_text))
        beat(self, f"Put together, the network is one function: it takes {net.sizes[0]} numbers and spits out "
                   f"{net.sizes[-1]} numbers.")

        knobs = VGroup(number(self.shown_parameter_count, 0, size=30, color=theme.accent),
                       label("parameters inside: weights and biases", size=26)).arrange(RIGHT, buff=0.2)
        knobs.next_to(box, DOWN, buff=0.35)
        self.play(FadeIn(knobs), *(inside.edge_pulse(g) for g in range(len(inside.edges))), run_time=1.5)
        self.parameter_text = knobs[0]
        beat(self, f"An absurdly complicated function, with {format_number(self.shown_parameter_count, 0)} "
                   "parameters, but a function nonetheless, built from matrix products and sigmoid squishes.")


# ------------------------------------------------------------------------------------------------ 9
class FirstLayerHeatmaps(Scene):
    """The 784 incoming weights of each of the 16 first-layer neurons, as one tiled picture."""

    def construct(self):
        theme = apply_background(self)
        net = the_network()
        self.weights = net.weights[0]
        n = len(self.weights)
        heading = title(f"What each of the {n} first-layer neurons looks for")
        sheet = HeatmapSheet(self.weights, columns=4, height=6.3).to_edge(LEFT, buff=0.8).shift(0.35 * DOWN)
        self.sheet = sheet
        self.play(FadeIn(heading), FadeIn(sheet, scale=0.95), run_time=1.5)

        bar = crisp_image_row(weight_rgb(np.linspace(-1, 1, 64), shape=(1, 64), theme=theme), width=4.2, height=0.35)
        bar.move_to([0.7, 0.9, 0], aligned_edge=LEFT)
        ticks = VGroup(label("negative", size=20, color=theme.negative).next_to(bar, DOWN, buff=0.12)
                       .align_to(bar, LEFT),
                       label("0", size=20, dim=True).next_to(bar, DOWN, buff=0.12),
                       label("positive", size=20, color=theme.positive).next_to(bar, DOWN, buff=0.12)
                       .align_to(bar, RIGHT))
        text = VGroup(label(f"Each tile: the {self.weights.shape[1]} weights", size=22),
                      label("into one neuron, as a 28 × 28 image,", size=22),
                      label("scaled by its own largest |w|.", size=22)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        text.next_to(bar, UP, buff=0.6).align_to(bar, LEFT)
        order = label(f"neurons 0–{n - 1}, left to right, top to bottom", size=20, dim=True)
        order.next_to(ticks, DOWN, buff=0.5).align_to(bar, LEFT)
        self.play(FadeIn(text), FadeIn(bar), FadeIn(ticks), FadeIn(order))
        beat(self, "These are the weights of the trained network's first layer, one picture per neuron: where the "
                   "weight is positive it is green, where negative red.")

        honest = VGroup(label("Not the clean edges we hoped for:", size=22, color=theme.accent),
                        label("loose, noisy patterns that still", size=22),
                        label("let the network reach its accuracy.", size=22)).arrange(DOWN, aligned_edge=LEFT,
                                                                                       buff=0.15)
        honest.next_to(order, DOWN, buff=0.5).align_to(bar, LEFT)
        self.play(FadeIn(honest))
        beat(self, "Do they look like little edges? Not really: mostly loose blobs and noise. The network found a "
                   "solution that works without the tidy structure we hoped for.")


def crisp_image_row(pixels: np.ndarray, width: float, height: float):
    """An (H, W, 3) picture stretched to ``width`` x ``height`` with nearest resampling (e.g. a colour bar)."""
    image = crisp_image(pixels, height)
    image.stretch_to_fit_width(width)
    return image
