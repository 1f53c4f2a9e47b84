"""Chapter 2: "Gradient descent, how neural networks learn" -- thirteen scenes drawn from nnlib's numbers.

Every number on screen comes from nnlib: the shipped trained network (``EXPLAINER_WEIGHTS``), a randomly initialised
one (``EXPLAINER_SEED``), the shipped digit sample, the precomputed training runs in ``assets/`` (each recording the
command that made it) and, for the test set, the MNIST files read at render time (never stored in assets). The two
toy landscapes are :mod:`nnlib.toys` functions and are named as toys on screen.

Scenes keep what they show as attributes (``shown_*``, ``marked_digit``...) so tests can compare them with nnlib.
Render one with ``manim -ql scenes/chapter2.py Learning`` or ``explainer render Learning``.
"""

from __future__ import annotations

import numpy as np
from manim import (DEGREES, DOWN, IN, LEFT, ORIGIN, RIGHT, UP, Arrow, Create, Dot, FadeIn, FadeOut, Group,
                   RoundedRectangle, Scene, Succession, SurroundingRectangle, ThreeDScene, Transform, VGroup, Write,
                   rate_functions)

from nnlib import Network, NNLibError, load_mnist, load_network
from nnlib.analysis import (average_cost, compare_noise_with_digits, cost_of_example, describe_parameter,
                            gradient_nudges, mini_batch, misclassified, neighbour_correlation, noise_images,
                            pick_mistakes)
from nnlib.assets import load_sample
from nnlib.experiments import default_path, load_experiment
from nnlib.toys import THREE_TO_ONE, TWO_VALLEY_SURFACE, VALLEY_CURVE, descend_1d, descend_2d, local_minima_1d
from scenes.content.components.charts import BarChart, LinePlot, NudgeColumn
from scenes.content.components.gallery import DigitGallery
from scenes.content.components.network_diagram import NetworkDiagram
from scenes.content.components.pixel_grid import PixelGrid
from scenes.content.components.theme import apply_background, format_number, formula, label, number
from scenes.content.components.toy_plots import ToyCurvePlot, ToySurfacePlot
from scenes.content.components.weight_heatmap import HeatmapSheet
from scenes.content.narration import beat
from scenes.tool.options import read_options

SIZES = (784, 16, 16, 10)


# ---------------------------------------------------------------------------------------------- data helpers
def trained_network() -> Network:
    """The network named by the options (default: the shipped trained one)."""
    return load_network(read_options().weights)


def random_network() -> Network:
    """A freshly initialised 784-16-16-10 network, seeded by ``EXPLAINER_SEED``."""
    return Network(SIZES, seed=read_options().seed)


def chosen_digit(default: int = 3) -> tuple[np.ndarray, int | None]:
    """The digit picked by ``EXPLAINER_DIGIT`` (a sample index, or an image file prepared like MNIST), else the
    sample's first ``default``; with its label, or None for an image file (nobody told us what it shows)."""
    options, sample = read_options(), load_sample()
    if options.digit_file is not None:
        from nnlib.digit_image import load_digit_image

        return load_digit_image(options.digit_file), None
    index = options.digit_index
    if index is not None:
        if not 0 <= index < len(sample.labels):
            raise NNLibError(f"EXPLAINER_DIGIT {index} is out of range; the sample has {len(sample.labels)} digits")
        return sample.images[index], int(sample.labels[index])
    return sample.first(default), default


def labelled_digit(default: int = 3) -> tuple[np.ndarray, int, str | None]:
    """For scenes that need the right answer (a cost compares with it): the chosen digit when it has a label;
    for an unlabelled image file, the sample's ``default`` and a note for the screen saying so."""
    image, digit = chosen_digit(default)
    if digit is not None:
        return image, digit, None
    return load_sample().first(default), default, f"your image has no label, so the cost uses the sample's {default}"


def evaluation_set() -> tuple[np.ndarray, np.ndarray, str, bool]:
    """(images, labels, description, is_test): the MNIST test set read now, or the training sample if it is missing."""
    try:
        data = load_mnist()
        return data.test_images, data.test_labels, f"{len(data.test_labels):,} MNIST test images", True
    except NNLibError:
        sample = load_sample()
        return sample.images, sample.labels, f"{len(sample.labels)} training-sample digits", False


def training_set() -> tuple[np.ndarray, np.ndarray, str]:
    """(images, labels, description): the MNIST training images read now, or the shipped sample of them."""
    try:
        data = load_mnist()
        return data.train_images, data.train_labels, f"{len(data.train_labels):,} training images"
    except NNLibError:
        sample = load_sample()
        return sample.images, sample.labels, f"the {len(sample.labels)}-digit training sample"


def title(text: str, theme) -> VGroup:
    """A scene title at the top edge."""
    return label(text, size=theme.title_size * 0.85, theme=theme).to_edge(UP, buff=0.35)


def missing_mnist_note(theme) -> VGroup:
    """The on-screen notice used when MNIST's test set is not available."""
    return label("MNIST test set not found (set MNIST_DIR or run `explainer download`):\n"
                 "showing training-sample digits instead, which the network has seen.",
                 size=theme.small_size, color=theme.accent, theme=theme)


def boxed(content, theme, buff: float = 0.3) -> VGroup:
    """Content inside a rounded frame."""
    frame = RoundedRectangle(width=content.width + 2 * buff, height=content.height + 2 * buff, corner_radius=0.15,
                             stroke_color=theme.dim_text, stroke_width=2).move_to(content)
    return Group(frame, content)


def cost_table(example, theme) -> VGroup:
    """The cost of one example as a table: digit, output a_j, target y_j, (a_j - y_j)^2; the sum below.

    Each column is ONE multi-line Text (Text is the slow part of a render); the label's row is framed.
    """
    size = theme.small_size
    columns = [("digit", [str(j) for j in range(10)]),
               ("output a", [format_number(v, 2) for v in example.output]),
               ("target y", [format_number(v, 0) for v in example.target]),
               ("(a − y)²", [format_number(v, 3) for v in example.terms])]
    table = VGroup()
    for header, entries in columns:
        column = VGroup(label(header, size=size, dim=True, theme=theme),
                        label("\n".join(entries), size=size, theme=theme)).arrange(DOWN, buff=0.2)
        table.add(column)
    table.arrange(RIGHT, buff=0.6, aligned_edge=UP)
    body = table[0][1]
    row = body.height / 10
    y = body.get_top()[1] - (example.label + 0.5) * row
    frame = RoundedRectangle(width=table.width + 0.3, height=row * 1.05, corner_radius=0.08,
                             stroke_color=theme.accent, stroke_width=2).move_to([table.get_x(), y, 0])
    total = number(example.total, 3, size=theme.label_size, color=theme.accent, theme=theme)
    total.next_to(table[3], DOWN, buff=0.35)
    cost_word = label("cost of this example = sum =", size=theme.small_size, theme=theme).next_to(total, LEFT, buff=0.25)
    table.add(frame, total, cost_word)
    table.total = total
    return table


# ---------------------------------------------------------------------------------------------- 1
class TrainingData(Scene):
    """Labelled training digits on the left; the test digits set apart on the right, never seen in training."""

    def construct(self) -> None:
        theme = apply_background(self)
        sample, net = load_sample(), trained_network()
        per_class = 4
        order = [int(np.flatnonzero(sample.labels == d)[r]) for r in range(per_class) for d in range(10)]
        gallery = DigitGallery(sample.images[order], [str(int(sample.labels[i])) for i in order], columns=10,
                               tile_height=0.6, theme=theme).to_edge(LEFT, buff=0.6).shift(0.3 * DOWN)
        data = net.metadata.get("data", {})
        self.shown_counts = (int(data.get("train_images", 0)), int(data.get("test_images", 0)))
        head = title("Training data: images with the right answers", theme)
        train_caption = label(f"{self.shown_counts[0]:,} labelled training images, like these",
                              size=theme.small_size, dim=True, theme=theme).next_to(gallery, UP, buff=0.25)
        test_text = VGroup(label(f"{self.shown_counts[1]:,} test images", size=theme.label_size, theme=theme),
                           label("set apart: never seen\nduring training", size=theme.small_size, dim=True,
                                 theme=theme),
                           label("used only to measure\nhow well it learned", size=theme.small_size,
                                 color=theme.accent, theme=theme)).arrange(DOWN, buff=0.35)
        test_box = boxed(test_text, theme, buff=0.4).to_edge(RIGHT, buff=0.6).match_y(gallery)
        self.add(head)
        self.play(FadeIn(gallery), FadeIn(train_caption))
        beat(self, "Training data: thousands of handwritten digits, each labelled with the digit it shows.")
        self.play(Create(test_box[0]), Write(test_text))
        beat(self, "Test images are kept apart; afterwards we check how the network does on digits it never saw.")


# ---------------------------------------------------------------------------------------------- 2
class RandomNetworkMess(Scene):
    """A network with random weights and biases fed a 3: its ten outputs are a mess."""

    def construct(self) -> None:
        theme = apply_background(self)
        net, (image, digit) = random_network(), chosen_digit(3)
        grid = PixelGrid(image, height=2.6, theme=theme).to_edge(LEFT, buff=0.5)
        diagram = NetworkDiagram(net, max_shown=6, height=5.6, layer_spacing=2.3, theme=theme).shift(0.6 * RIGHT)
        fed = f"a {digit}" if digit is not None else "your digit"
        head = title(f"A network with random weights (seed {read_options().seed}), fed {fed}", theme)
        self.add(head, grid, diagram)
        self.play(diagram.feed_forward(image, run_time_per_layer=0.6))
        out = diagram.activations[-1]
        self.shown_outputs = out.copy()
        values = VGroup(*(number(out[c.index], 2, size=theme.small_size, theme=theme)
                          .next_to(diagram.output_labels[k], RIGHT, buff=0.25)
                          for k, c in enumerate(diagram.neurons[-1])))
        self.play(FadeIn(values))
        box = diagram.mark_answer()
        self.shown_answer = diagram.answer
        verdict = label(f"It answers {self.shown_answer}: the outputs are a mess", size=theme.label_size,
                        color=theme.negative, theme=theme).to_edge(DOWN, buff=0.3)
        self.play(Create(box), FadeIn(verdict))
        beat(self, "With random weights and biases the output layer is a mess: the network has not learned anything.")


# ---------------------------------------------------------------------------------------------- 3
class CostOfOneExample(Scene):
    """(a_j - y_j)^2 for the ten outputs, summed: large for the random network, small for the trained one;
    then the average cost over many training examples for both."""

    def construct(self) -> None:
        theme = apply_background(self)
        (image, digit, note), rand, trained = labelled_digit(3), random_network(), trained_network()
        examples = [cost_of_example(rand, image, digit), cost_of_example(trained, image, digit)]
        self.shown_costs = [float(e.total) for e in examples]
        grid = PixelGrid(image, height=2.2, theme=theme).to_edge(LEFT, buff=0.7).shift(0.5 * UP)
        grid_label = label(f"label: {digit}", size=theme.small_size, dim=True, theme=theme).next_to(grid, DOWN)
        head = title("The cost of one training example", theme)
        names = ["random network: unsure and wrong", "trained network: confident and right"]
        tables = [cost_table(e, theme).move_to(1.5 * RIGHT + 0.45 * DOWN) for e in examples]
        tags = [label(n, size=theme.label_size, color=c, theme=theme).next_to(tables[0], UP, buff=0.25)
                for n, c in zip(names, (theme.negative, theme.positive))]
        self.add(head, grid, grid_label)
        if note:
            self.add(label(note, size=theme.small_size, dim=True, theme=theme).to_edge(DOWN, buff=0.2))
        self.play(FadeIn(tags[0]), FadeIn(tables[0]))
        beat(self, "Subtract the desired output from each output, square, add up: the cost of this one example.")
        self.play(Transform(tables[0], tables[1]), Transform(tags[0], tags[1]))
        beat(self, "The cost is small when the network confidently gives the right answer.")
        images, labels, what = training_set()
        averages = [average_cost(net, images, labels) for net in (rand, trained)]
        self.shown_averages = [a.value for a in averages]
        self.play(FadeOut(tables[0]), FadeOut(tags[0]))
        lines = VGroup(label(f"Average cost over {what}", size=theme.label_size, theme=theme),
                       VGroup(label("random network", size=theme.label_size, color=theme.negative, theme=theme),
                              number(averages[0].value, 3, size=theme.title_size, theme=theme)).arrange(RIGHT, buff=0.5),
                       VGroup(label("trained network", size=theme.label_size, color=theme.positive, theme=theme),
                              number(averages[1].value, 3, size=theme.title_size, theme=theme)).arrange(RIGHT, buff=0.5),
                       ).arrange(DOWN, buff=0.5, aligned_edge=LEFT).move_to(1.6 * RIGHT)
        column = max(row[0].get_right()[0] for row in lines[1:]) + 0.5  # the two costs one above the other
        for row in lines[1:]:
            row[1].align_to(column * RIGHT, LEFT)
        self.play(FadeIn(lines))
        beat(self, "The cost of the network is the average over all training examples: a measure of how lousy it is.")


# ---------------------------------------------------------------------------------------------- 4
class CostAsFunction(Scene):
    """The network: 784 pixels in, 10 numbers out. The cost: 13,002 weights and biases in, one number out."""

    def construct(self) -> None:
        theme = apply_background(self)
        net, (image, _) = trained_network(), chosen_digit(3)
        images, labels, what = training_set()
        self.shown_cost = net.cost(images, labels)
        head = title("Two functions", theme)
        out = net.output(image)[0]
        row1 = self.machine(PixelGrid(image, height=1.6, theme=theme), "784 pixels",
                            "neural network function", f"parameters: {net.parameter_count:,} weights and biases",
                            NudgeColumn(out, head=range(10), decimals=2, bars=False,
                                        colour_by_sign=False, row_height=0.26, size=theme.small_size * 0.8,
                                        theme=theme), "10 outputs", theme)
        params = net.parameters_vector()
        row2 = self.machine(NudgeColumn(params, head=range(4), tail=range(len(params) - 2, len(params)), decimals=2,
                                        bars=False, colour_by_sign=False, row_height=0.3,
                                        size=theme.small_size * 0.8, theme=theme),
                            f"{net.parameter_count:,} weights and biases", "cost function",
                            f"parameters: {what}", number(self.shown_cost, 3, size=theme.title_size,
                                                           color=theme.accent, theme=theme), "1 number: the cost",
                            theme)
        Group(row1, row2).arrange(DOWN, buff=0.6).next_to(head, DOWN, buff=0.4)
        self.add(head)
        self.play(FadeIn(row1))
        beat(self, "The network is a function: 784 numbers in, 10 numbers out, defined by 13,002 weights and biases.")
        self.play(FadeIn(row2))
        beat(self, "The cost function takes those 13,002 numbers as its input and gives one number: how bad they are.")

    @staticmethod
    def machine(left, left_name, name, detail, right, right_name, theme) -> VGroup:
        """input -> [box] -> output, with captions."""
        body = VGroup(label(name, size=theme.label_size, theme=theme),
                      label(detail, size=theme.small_size * 0.85, dim=True, theme=theme)).arrange(DOWN, buff=0.2)
        box = boxed(body, theme)
        left_group = Group(left, label(left_name, size=theme.small_size * 0.85, dim=True, theme=theme)) \
            .arrange(DOWN, buff=0.15)
        right_group = Group(right, label(right_name, size=theme.small_size * 0.85, dim=True, theme=theme)) \
            .arrange(DOWN, buff=0.15)
        row = Group(left_group, box, right_group).arrange(RIGHT, buff=1.2)
        arrows = VGroup(Arrow(left_group.get_right(), box.get_left(), color=theme.dim_text, buff=0.15),
                        Arrow(box.get_right(), right_group.get_left(), color=theme.dim_text, buff=0.15))
        return Group(row, arrows)


# ---------------------------------------------------------------------------------------------- 5
class DescentOneVariable(Scene):
    """Gradient descent on a toy curve: the slope says which way is down; steps shrink; different starts end in
    different valleys."""

    def construct(self) -> None:
        theme = apply_background(self)
        curve = VALLEY_CURVE
        plot = ToyCurvePlot(curve, width=10.5, height=4.2, theme=theme).to_edge(DOWN, buff=0.7)
        head = title("Gradient descent in one variable", theme)
        toy = VGroup(label("a toy cost curve (not our network):", size=theme.small_size, dim=True, theme=theme),
                     formula(curve.formula, size=theme.formula_size * 0.7, theme=theme)).arrange(RIGHT, buff=0.3)
        toy.next_to(head, DOWN, buff=0.25)
        self.add(head, toy, plot)
        start, rate = 1.5, 0.2
        ball = plot.ball(start)
        tangents = VGroup()
        for x, side in ((start, RIGHT), (-3.8, LEFT)):  # one point sloping down to the right, one sloping up
            tangent = plot.tangent(x, length=2.0, color=theme.text)
            rule = "< 0: step right" if tangent.slope < 0 else "> 0: step left"
            lifted = plot.point(x) + 0.45 * UP
            arrow = Arrow(lifted, lifted + (RIGHT if tangent.slope < 0 else LEFT) * 0.9, buff=0.1,
                          color=theme.text, stroke_width=5)
            text = label(f"slope {format_number(tangent.slope, 2)} {rule}", size=theme.small_size,
                         theme=theme).next_to(lifted, UP, buff=0.55)
            if side is RIGHT:
                text.shift((lifted[0] - 0.3 - text.get_left()[0]) * RIGHT)
            text.shift((min(6.8 - text.get_right()[0], 0) + max(-6.8 - text.get_left()[0], 0)) * RIGHT)
            tangents.add(VGroup(tangent, arrow, text))
        self.shown_slopes = [float(t[0].slope) for t in tangents]
        self.play(FadeIn(ball), *(Create(t[0]) for t in tangents), *(FadeIn(t[1:]) for t in tangents))
        beat(self, "Where the slope is negative, step right; where it is positive, step left.")
        path = descend_1d(curve, start, rate, 12)
        self.play(FadeOut(tangents))
        step_text = label("each step is proportional to the slope, so steps shrink near the bottom",
                          size=theme.small_size, dim=True, theme=theme).next_to(toy, DOWN, buff=0.2)
        self.play(FadeIn(step_text))
        for x in path[1:]:
            self.play(ball.animate.move_to(plot.ball_position(x)), run_time=0.25)
        beat(self, "Steps proportional to the slope shrink as the ball settles into a valley.")
        starts = np.array([-5.0, -1.8, 0.6, 4.5])
        paths = [descend_1d(curve, s, rate, 30) for s in starts]
        self.final_positions = np.array([p[-1] for p in paths])
        colours = [theme.positive, theme.accent, theme.negative, theme.text]
        balls = [plot.ball(s, color=c) for s, c in zip(starts, colours)]
        self.play(FadeOut(ball), *(FadeIn(b) for b in balls))
        for i in range(1, 31, 2):
            self.play(*(b.animate.move_to(plot.ball_position(p[i])) for b, p in zip(balls, paths)), run_time=0.15)
        minima = local_minima_1d(curve)
        marks = VGroup()
        for m in minima:
            mark = label("local minimum", size=theme.small_size * 0.8, dim=True, theme=theme)
            low = plot.point(m)[1] - plot.axes.c2p(0, 0)[1] < 1.0
            marks.add(mark.next_to(plot.point(m), UP if low else DOWN, buff=0.45 if low else 0.3))
        self.play(FadeIn(marks))
        beat(self, "Balls started in different places roll into different local minima; none is guaranteed the lowest.")


# ---------------------------------------------------------------------------------------------- 6
class DescentTwoVariables(ThreeDScene):
    """A toy cost surface: -grad C points downhill, its length is the steepness; a ball descends step by step."""

    def construct(self) -> None:
        theme = apply_background(self)
        toy = TWO_VALLEY_SURFACE
        self.set_camera_orientation(phi=60 * DEGREES, theta=-60 * DEGREES, zoom=0.8)
        plot = ToySurfacePlot(toy, resolution=20, side=6.0, z_scale=0.5, opacity=0.8, theme=theme).shift(0.8 * IN)
        head = title("Gradient descent in two variables", theme)
        note = label("a toy cost surface C(x, y), not our network", size=theme.small_size, dim=True, theme=theme)
        note.next_to(head, DOWN, buff=0.15)
        self.add_fixed_in_frame_mobjects(head, note)
        self.add(plot)
        starts = [(2.6, -2.4), (-2.6, -0.2)]
        rate, steps = 0.5, 24
        paths = [descend_2d(toy, s, rate, steps) for s in starts]
        self.final_points = np.array([p[-1] for p in paths])
        x0, y0 = starts[0]
        gx, gy = toy.gradient(x0, y0)
        self.start_gradient = (float(gx), float(gy))
        steep = float(np.hypot(gx, gy))
        tip = np.array([x0, y0]) - 1.2 * np.array([gx, gy]) / steep
        arrow = Arrow(plot.point(x0, y0, 0.15), plot.point(*tip, 0.15), buff=0, color=theme.background,
                      stroke_width=8, max_tip_length_to_length_ratio=0.3)
        ball = plot.ball(x0, y0)
        grad_text = VGroup(label("−∇C points downhill (steepest descent)", size=theme.small_size, color=theme.accent,
                                 theme=theme),
                           label(f"its length |∇C| = {format_number(steep, 2)} is the steepness here",
                                 size=theme.small_size, theme=theme)).arrange(DOWN, aligned_edge=LEFT)
        grad_text.to_corner(DOWN + LEFT, buff=0.4)
        self.add_fixed_in_frame_mobjects(grad_text)
        self.play(FadeIn(ball), Create(arrow), FadeIn(grad_text))
        beat(self, "The negative gradient points in the direction of steepest descent; its length says how steep.")
        self.play(FadeOut(arrow))
        balls = [ball, plot.ball(*paths[1][0], color=theme.negative)]
        self.play(FadeIn(balls[1]), run_time=0.4)
        # One step per beat of the Succession: long strides where it is steep, short ones near the bottom. The trail
        # has one segment per step, so drawing it linearly keeps pace with the ball.
        step_time = 0.15
        trails = [plot_trail(plot, path, theme.background) for path in paths]
        self.play(*(Succession(*(b.animate(run_time=step_time).move_to(plot.point(*p, lift=0.12)) for p in path[1:]))
                    for b, path in zip(balls, paths)),
                  *(Create(t, run_time=step_time * steps, rate_func=rate_functions.linear) for t in trails))
        end = paths[0][-1]
        done = label(f"after {steps} steps: |∇C| = {format_number(float(np.hypot(*toy.gradient(*end))), 3)}",
                     size=theme.small_size, theme=theme).to_corner(DOWN + RIGHT, buff=0.4)
        self.add_fixed_in_frame_mobjects(done)
        self.play(FadeIn(done))
        beat(self, "Step by step along the negative gradient, the ball settles in a valley -- which one depends on "
                   "where it starts.")


def plot_trail(plot: ToySurfacePlot, path: np.ndarray, colour: str):
    """The path of a descent drawn just above the surface (one polyline)."""
    from manim import VMobject

    trail = VMobject(stroke_color=colour, stroke_width=5)
    trail.set_points_as_corners([plot.point(x, y, lift=0.04) for x, y in path])
    return trail


# ---------------------------------------------------------------------------------------------- 7
class RealGradient(Scene):
    """-grad C of a random network on a real mini-batch: one nudge per weight and bias, sign and size."""

    def construct(self) -> None:
        theme = apply_background(self)
        net, sample = random_network(), load_sample()
        batch = mini_batch(len(sample.labels), 10, seed=read_options().seed)
        grad = gradient_nudges(net, sample.images[batch], sample.labels[batch])
        params = net.parameters_vector()
        first_layer = net.weights[0].size
        picks = list(grad.largest(3))
        picks.append(int(np.argmax(grad.nudges)))                      # the biggest "increase this" nudge
        picks.append(int(np.argmax(np.abs(grad.nudges[:first_layer]))))  # the biggest pixel weight nudge
        shown = sorted(set(int(i) for i in picks))
        tail = [net.parameter_count - 1]
        self.shown_nudges = {i: float(grad.nudges[i]) for i in shown + tail}
        head = title(f"The real gradient: {net.parameter_count:,} nudges", theme)
        sub = label(f"random network (seed {read_options().seed}), mini-batch of {grad.batch_size} training digits, "
                    f"cost {format_number(grad.cost, 2)}", size=theme.small_size, dim=True, theme=theme)
        sub.next_to(head, DOWN, buff=0.15)
        w_col = NudgeColumn(params, shown, tail, decimals=2, bars=False, colour_by_sign=False, theme=theme)
        g_col = NudgeColumn(grad.nudges, shown, tail, decimals=3, bars=True, theme=theme)
        names = VGroup(*(label(str(net.parameter_location(i)), size=theme.small_size * 0.8, dim=True, mono=True,
                               theme=theme).move_to([0, w_col.rows[i].get_y(), 0]).align_to(ORIGIN, RIGHT)
                         for i in shown + tail))
        block = VGroup(names, w_col, g_col)
        w_col.next_to(names, RIGHT, buff=0.4)
        g_col.next_to(w_col, RIGHT, buff=0.9)
        block.to_edge(LEFT, buff=0.5).shift(0.4 * DOWN)
        headers = VGroup(label("W", size=theme.label_size, theme=theme).next_to(w_col, UP, buff=0.2),
                         label("−∇C(W)", size=theme.label_size, color=theme.accent, theme=theme)
                         .next_to(g_col, UP, buff=0.2))
        self.add(head, sub)
        self.play(FadeIn(names), FadeIn(w_col), FadeIn(headers[0]))
        self.play(FadeIn(g_col), FadeIn(headers[1]))
        beat(self, "Backpropagation gives one nudge per parameter: the sign says up or down.")
        top = shown.index(int(grad.largest(1)[0]))
        mean = float(np.mean(np.abs(grad.nudges)))
        ratio = abs(grad.nudges[shown[top]]) / mean if mean > 0 else float("inf")
        self.biggest_ratio = ratio
        info = VGroup(label("the biggest nudge:", size=theme.small_size, dim=True, theme=theme),
                      label(describe_parameter(net.parameter_location(shown[top])), size=theme.small_size, theme=theme),
                      label(f"{format_number(ratio, 0)}× the average nudge size", size=theme.small_size,
                            color=theme.accent, theme=theme),
                      label(f"shown: the 3 largest of {net.parameter_count:,}, the largest positive one\n"
                            "and the largest on a pixel weight", size=theme.small_size * 0.8,
                            dim=True, theme=theme)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        info.next_to(g_col, RIGHT, buff=0.9).to_edge(UP, buff=1.9)
        self.play(Create(SurroundingRectangle(g_col.rows[shown[top]], color=theme.accent)), FadeIn(info))
        beat(self, "The size says how sensitive the cost is to each parameter: some changes matter far more.")
        gx, gy = THREE_TO_ONE.gradient(1.0, 1.0)
        self.example_gradient = (float(gx), float(gy))
        example = VGroup(label("a toy to read a gradient by:", size=theme.small_size, dim=True, theme=theme),
                         formula(THREE_TO_ONE.formula, size=theme.formula_size * 0.8, theme=theme),
                         label(f"∇C(1, 1) = ({format_number(gx, 0)}, {format_number(gy, 0)}): nudging x matters\n"
                               f"{format_number(gx / gy, 0)}× as much as nudging y", size=theme.small_size, theme=theme)
                         ).arrange(DOWN, aligned_edge=LEFT, buff=0.2).next_to(info, DOWN, buff=0.6, aligned_edge=LEFT)
        self.play(FadeIn(example))
        beat(self, "With C = 3/2 x^2 + 1/2 y^2, the gradient (3, 1) at (1, 1) says x matters three times as much as y.")


# ---------------------------------------------------------------------------------------------- 8
class Learning(Scene):
    """The precomputed training run: cost falling epoch by epoch, test digits right, first-layer weights changing."""

    def construct(self) -> None:
        theme = apply_background(self)
        run = load_experiment(default_path("learning"), "learning")
        settings = run.metadata["settings"]
        epochs, costs, correct = run["epoch"], run["train_cost"], run["test_correct"]
        total = int(settings["test_images"])
        head = title("Learning: gradient descent from random weights", theme)
        sub = label(f"seed {settings['seed']}, {settings['train_images']:,} training images, "
                    f"{settings['epochs']} epochs (precomputed by nnlib)", size=theme.small_size, dim=True, theme=theme)
        sub.next_to(head, DOWN, buff=0.15)
        top = float(np.ceil(costs[1] * 10) / 10)  # epoch 0 (random weights) is far above: written, not drawn
        plot = LinePlot((0, float(epochs[-1])), (0, top), width=6.0, height=3.6,
                        x_ticks=[0, 10, 20, 30], y_ticks=[top / 2, top], x_name="epoch",
                        y_name="average cost on the training images", theme=theme)
        start_note = label(f"epoch 0 (random): {format_number(costs[0], 2)}, off the chart", size=theme.small_size * 0.8,
                           dim=True, theme=theme)
        plot.to_edge(LEFT, buff=0.9).shift(0.2 * DOWN)
        marks = list(run["checkpoint_epochs"])
        sheet = HeatmapSheet(run["checkpoints"][0][:784 * 16].reshape(16, 784), columns=4, height=3.8, theme=theme)
        sheet.to_edge(RIGHT, buff=0.8).shift(0.3 * DOWN)
        sheet_label = label("first-layer weights, epoch 0", size=theme.small_size, dim=True, theme=theme)
        sheet_label.next_to(sheet, UP, buff=0.15)
        counter = self.counter(int(correct[0]), total, 0, theme)
        start_note.next_to(plot.point(1, top), RIGHT, buff=0.2).shift(0.1 * DOWN)
        self.add(head, sub, plot, sheet, sheet_label, counter, start_note)
        beat(self, "Before training: random weights, a high cost, about one test digit in ten right.")
        shown_epochs = [e for e in range(1, len(epochs)) if e <= 5 or e % 5 == 0 or e == len(epochs) - 1]
        previous = 1
        for e in shown_epochs:
            if e == 1:
                segment = Dot(plot.point(float(epochs[1]), float(costs[1])), radius=0.05, color=theme.accent)
            else:
                segment = plot.series(epochs[previous:e + 1], costs[previous:e + 1], theme.accent)
            # the counter ticks over at once, like a real counter (morphing one text into another garbles it)
            self.remove(counter)
            counter = self.counter(int(correct[e]), total, int(epochs[e]), theme)
            self.add(counter)
            anims = [FadeIn(segment) if e == 1 else Create(segment)]
            for k in [k for k, m in enumerate(marks) if previous < m <= e or m == e == 1]:
                new_sheet = HeatmapSheet(run["checkpoints"][k][:784 * 16].reshape(16, 784), columns=4, height=3.8,
                                         theme=theme).move_to(sheet)
                new_label = label(f"first-layer weights, epoch {marks[k]}", size=theme.small_size, dim=True,
                                  theme=theme).move_to(sheet_label)
                anims += [FadeOut(sheet), FadeIn(new_sheet)]
                self.remove(sheet_label)
                sheet, sheet_label = new_sheet, new_label
                self.add(sheet_label)
            self.play(*anims, run_time=0.6, rate_func=rate_functions.linear)
            previous = e
        self.shown_correct = int(correct[-1])
        self.shown_total = total
        self.shown_costs = costs.copy()
        beat(self, "Epoch by epoch the cost falls and more test digits come out right.")

    @staticmethod
    def counter(correct: int, total: int, epoch: int, theme) -> VGroup:
        """'epoch E   test digits right: N / T (P%)' at the bottom edge."""
        text = VGroup(label(f"epoch {epoch}:  test digits right", size=theme.label_size, theme=theme),
                      label(f"{format_number(correct, 0)} / {total:,}  ({correct / total:.1%})",
                            size=theme.label_size, color=theme.accent, theme=theme))
        text.arrange(RIGHT, buff=0.35)
        text.value = correct
        return text.to_edge(DOWN, buff=0.4)


# ---------------------------------------------------------------------------------------------- 9
class UnseenDigits(Scene):
    """The shipped network on digits it never saw: the measured accuracy and a gallery of its mistakes."""

    def construct(self) -> None:
        theme = apply_background(self)
        net = trained_network()
        images, labels, what, is_test = evaluation_set()
        mistakes = misclassified(net, images, labels)
        self.shown_total, self.shown_correct, self.used_test_set = mistakes.total, mistakes.correct, is_test
        head = title("How well does it do on new digits?", theme)
        self.add(head)
        if not is_test:
            self.add(missing_mnist_note(theme).next_to(head, DOWN, buff=0.15))
        chunks = np.linspace(0, len(labels), 6).astype(int)
        right = np.cumsum(np.asarray(net.predict(images) == labels, dtype=int))
        counter = self.counter(0, 0, theme)
        self.add(counter)
        for n in chunks[1:]:
            self.remove(counter)
            counter = self.counter(int(right[n - 1]), int(n), theme)
            self.add(counter)
            self.wait(0.3)
        beat(self, f"Of {what} it never saw, it classifies {mistakes.correct:,} correctly.")
        picks = pick_mistakes(mistakes, 12, seed=read_options().seed)
        self.gallery_guesses = mistakes.guesses[picks].copy()
        self.gallery_labels = mistakes.labels[picks].copy()
        captions = [f"says {g}, is {t}" for g, t in zip(self.gallery_guesses, self.gallery_labels)]
        if not len(picks):
            self.play(FadeIn(label("no mistakes on these digits", size=theme.label_size, theme=theme)))
            return
        gallery = DigitGallery(images[mistakes.indices[picks]], captions, columns=min(6, len(picks)),
                               tile_height=1.15, gap=16, caption_room=0.4, caption_size=theme.small_size, theme=theme)
        gallery.next_to(counter, UP, buff=0.35)
        what_shown = (f"{len(picks)} of its {mistakes.count:,} mistakes, picked at random"
                      if len(picks) < mistakes.count else f"all {mistakes.count} of its mistakes")
        note = label(what_shown, size=theme.small_size, dim=True, theme=theme).next_to(gallery, UP, buff=0.15)
        self.play(FadeIn(gallery), FadeIn(note))
        beat(self, "Some mistakes are understandable, some less so.")

    @staticmethod
    def counter(correct: int, seen: int, theme) -> VGroup:
        share = f"  =  {correct / seen:.2%}" if seen else ""
        return VGroup(label("right:", size=theme.label_size, theme=theme),
                      label(f"{format_number(correct, 0)} of {seen:,}{share}", size=theme.title_size * 0.8,
                            color=theme.accent, theme=theme)).arrange(RIGHT, buff=0.25).to_edge(DOWN, buff=0.5)


# ---------------------------------------------------------------------------------------------- 10
class WhatHiddenLayerLearned(Scene):
    """The 16 first-layer weight images before and after training: loose patterns, not edges."""

    def construct(self) -> None:
        theme = apply_background(self)
        net = trained_network()
        run = load_experiment(default_path("learning"), "learning")
        before = run["checkpoints"][0][:784 * 16].reshape(16, 784)
        after = net.weights[0]
        self.smoothness = (float(np.median(neighbour_correlation(before))),
                           float(np.median(neighbour_correlation(after))))
        head = title("What did the first hidden layer learn?", theme)
        sheets = [HeatmapSheet(w, columns=4, height=4.2, theme=theme) for w in (before, after)]
        Group(*sheets).arrange(RIGHT, buff=1.6).shift(0.2 * DOWN)
        captions = [label(t, size=theme.small_size, dim=True, theme=theme).next_to(s, UP, buff=0.15)
                    for t, s in zip(("random start (seed {})".format(run.metadata["settings"]["seed"]),
                                     "after training"), sheets)]
        numbers = [label(f"smoothness (median neighbour correlation) {format_number(v, 2)}", size=theme.small_size, theme=theme)
                   .next_to(s, DOWN, buff=0.2) for v, s in zip(self.smoothness, sheets)]
        self.add(head)
        self.play(FadeIn(sheets[0]), FadeIn(captions[0]), FadeIn(numbers[0]))
        self.play(FadeIn(sheets[1]), FadeIn(captions[1]), FadeIn(numbers[1]))
        verdict = label("Loose blobs, not the clean edges and loops we hoped for", size=theme.label_size,
                        color=theme.accent, theme=theme).to_edge(DOWN, buff=0.35)
        self.play(FadeIn(verdict))
        beat(self, "The weights into the first hidden layer look almost random, with only loose patterns.")


# ---------------------------------------------------------------------------------------------- 11
class NoiseInConfidentOut(Scene):
    """Random noise in, a confident answer out -- backed by statistics over many noise images."""

    def construct(self) -> None:
        theme = apply_background(self)
        net, seed = trained_network(), read_options().seed
        count = 1000
        noise = noise_images(count, seed)
        top = net.output(noise).max(axis=1)
        pick = int(np.argmax(top))
        self.noise_image = noise[pick]
        head = title("Random noise in, confident nonsense out", theme)
        grid = PixelGrid(self.noise_image, height=2.2, theme=theme).to_edge(LEFT, buff=0.6)
        which = label(f"the most confident of\n{count:,} noise images\n(seed {seed})", size=theme.small_size * 0.85,
                      dim=True, theme=theme).next_to(grid, DOWN, buff=0.2)
        diagram = NetworkDiagram(net, max_shown=6, height=5.4, layer_spacing=2.2, theme=theme).shift(1.1 * RIGHT + 0.2 * DOWN)
        self.add(head, grid, which, diagram)
        self.play(diagram.feed_forward(self.noise_image, run_time_per_layer=0.5))
        box = diagram.mark_answer(int(net.predict(self.noise_image)[0]))
        self.marked_digit = diagram.answer
        says = label(f"says {self.marked_digit}, activation {format_number(top[pick], 3)}", size=theme.label_size,
                     color=theme.accent, theme=theme).to_edge(DOWN, buff=0.25)
        self.play(Create(box), FadeIn(says))
        beat(self, "Feed it static and one output neuron still lights up confidently.")
        images, labels, what, is_test = evaluation_set()
        stats = compare_noise_with_digits(net, images, count, seed)
        self.noise_stats = stats
        self.play(*(FadeOut(m) for m in (grid, which, diagram, box, says)))
        digits = [str(d) for d in range(10)]
        shares = [s.predicted_counts / s.count for s in (stats.noise, stats.real)]
        top_share = max(float(np.max(x)) for x in shares)
        charts = [BarChart(x, digits, max_value=top_share, width=5.2, height=2.6, fmt="percent", color=c,
                           highlight=h, theme=theme)
                  for x, c, h in ((shares[0], theme.negative, self.marked_digit), (shares[1], theme.positive, None))]
        VGroup(*charts).arrange(RIGHT, buff=1.4, aligned_edge=DOWN).shift(0.3 * UP)
        self.charts = charts
        titles = [label(t, size=theme.small_size, theme=theme).next_to(c, UP, buff=0.3)
                  for t, c in zip((f"answers for {count:,} noise images", f"answers for {what}"), charts)]
        titles[1].match_y(titles[0])
        facts = VGroup(*(label(f"winning neuron above 0.9: {s.fraction_above(0.9):.0%} of the time\n"
                               f"median winning activation {format_number(s.median_top, 2)}",
                               size=theme.small_size * 0.85, color=c, theme=theme)
                         .next_to(chart, DOWN, buff=0.4)
                         for s, c, chart in ((stats.noise, theme.negative, charts[0]),
                                             (stats.real, theme.positive, charts[1]))))
        self.play(*(FadeIn(m) for m in (*charts, *titles, facts)))
        moral = label("It can recognise digits, but it has no idea how to draw them.", size=theme.label_size,
                      color=theme.accent, theme=theme).to_edge(DOWN, buff=0.4)
        self.play(FadeIn(moral))
        beat(self, "Over many noise images it keeps answering a few favourite digits, often with high confidence.")


# ---------------------------------------------------------------------------------------------- 12
class ShuffledLabels(Scene):
    """Real labels vs shuffled labels: learning vs memorising (a precomputed nnlib experiment)."""

    def construct(self) -> None:
        theme = apply_background(self)
        run = load_experiment(default_path("shuffled"), "shuffled")
        s = run.metadata["settings"]
        ep = run["real_epoch"]
        head = title("Training on shuffled labels", theme)
        sub = label(f"same network and seed, {s['subset']:,} training images, {s['epochs']} epochs, "
                    f"labels randomly permuted\n(precomputed by nnlib: {run.command})", size=theme.small_size * 0.8,
                    dim=True, theme=theme)
        sub.next_to(head, DOWN, buff=0.15)
        top = float(np.ceil(max(run["real_train_cost"][1:].max(), run["shuffled_train_cost"][1:].max()) * 10) / 10)
        ticks = [0, ep[-1] / 2, ep[-1]]
        cost_plot = LinePlot((0, float(ep[-1])), (0, top), width=4.8, height=3.3, x_ticks=ticks,
                             y_ticks=[top / 2, top], x_name="epoch", y_name="training cost", theme=theme)
        acc_plot = LinePlot((0, float(ep[-1])), (0, 1), width=4.8, height=3.3, x_ticks=ticks, y_ticks=[0.1, 0.5, 1.0],
                            y_percent=True, x_name="epoch", y_name="accuracy", theme=theme)
        VGroup(cost_plot, acc_plot).arrange(RIGHT, buff=1.8).shift(0.4 * DOWN)
        self.add(head, sub, cost_plot, acc_plot)
        real, shuf = theme.positive, theme.negative
        lines = [cost_plot.series(ep[1:], run["real_train_cost"][1:], real),
                 cost_plot.series(ep[1:], run["shuffled_train_cost"][1:], shuf),
                 acc_plot.series(ep, run["real_train_accuracy"], real),
                 acc_plot.series(ep, run["shuffled_train_accuracy"], shuf),
                 acc_plot.series(ep, run["shuffled_test_accuracy"], theme.dim_text, stroke_width=3, dashed=True)]
        self.shown_final = {"real_train_accuracy": float(run["real_train_accuracy"][-1]),
                            "shuffled_train_accuracy": float(run["shuffled_train_accuracy"][-1]),
                            "shuffled_test_accuracy": float(run["shuffled_test_accuracy"][-1])}
        legend = VGroup(label("real labels", size=theme.small_size, color=real, theme=theme),
                        label("shuffled labels", size=theme.small_size, color=shuf, theme=theme),
                        label("shuffled, on real test digits", size=theme.small_size, dim=True, theme=theme)
                        ).arrange(RIGHT, buff=0.6).to_edge(DOWN, buff=0.3)
        self.play(FadeIn(legend[0]), Create(lines[0]), Create(lines[2]), run_time=1.5)
        beat(self, "With real labels the cost drops fast and training accuracy shoots up.")
        self.play(FadeIn(legend[1]), Create(lines[1]), Create(lines[3]), run_time=2.5, rate_func=rate_functions.linear)
        finals = acc_plot.end_label(f"{self.shown_final['shuffled_train_accuracy']:.0%}", lines[3], shuf,
                                    direction=UP).align_to(acc_plot.axes, RIGHT).shift(0.15 * UP)
        self.play(FadeIn(finals))
        beat(self, "With shuffled labels it can only memorise: training accuracy climbs slowly, almost linearly.")
        self.play(FadeIn(legend[2]), Create(lines[4]), run_time=1.5)
        chance = acc_plot.end_label(f"{self.shown_final['shuffled_test_accuracy']:.0%} (chance: 10%)", lines[4],
                                    theme.dim_text, direction=UP).align_to(acc_plot.axes, RIGHT)
        self.play(FadeIn(chance))
        beat(self, "On digits it has not seen, the memorising network is right only by chance.")


# ---------------------------------------------------------------------------------------------- 13
class ThreeLayersOfComplexity(Scene):
    """Network function -> cost function -> gradient: the summary, with the real numbers."""

    def construct(self) -> None:
        theme = apply_background(self)
        net, sample = trained_network(), load_sample()
        images, labels, what = training_set()
        cost = net.cost(images, labels)
        grad = gradient_nudges(net, images, labels)
        self.shown_cost, self.shown_gradient_norm = cost, grad.norm
        head = title("Three layers of complexity", theme)
        n = net.parameter_count
        parts = [("Network function", "a' = sigma(W a + b)", "784 pixels in, 10 numbers out",
                  f"defined by {n:,} weights and biases"),
                 ("Cost function", "C(W) = 1/n sum_k sum_j (a_j - y_j)^2", f"{n:,} weights and biases in, 1 out",
                  f"trained network: C = {format_number(cost, 3)}"),
                 ("Gradient of the cost", "-nabla C(W)", f"{n:,} in, {n:,} nudges out",
                  f"trained network: |∇C| = {format_number(grad.norm, 3)}")]
        boxes = Group()
        for name, math, what_in_out, fact in parts:
            body = VGroup(label(name, size=theme.label_size, color=theme.accent, theme=theme),
                          formula(math, size=theme.formula_size * 0.75, theme=theme),
                          label(what_in_out, size=theme.small_size * 0.8, theme=theme),
                          label(fact, size=theme.small_size * 0.8, dim=True, theme=theme)).arrange(DOWN, buff=0.25)
            boxes.add(boxed(body, theme, buff=0.25))
        boxes.arrange(RIGHT, buff=0.7)
        if boxes.width > 13.4:
            boxes.scale_to_fit_width(13.4)
        arrows = VGroup(*(Arrow(a.get_right(), b.get_left(), buff=0.08, color=theme.dim_text)
                          for a, b in zip(boxes[:-1], boxes[1:])))
        note = label(f"cost and gradient measured over {what}", size=theme.small_size, dim=True, theme=theme)
        note.to_edge(DOWN, buff=0.5)
        self.add(head)
        for i, box in enumerate(boxes):
            self.play(FadeIn(box), *([Create(arrows[i - 1])] if i else []))
        self.play(FadeIn(note))
        beat(self, "The network is a function; its cost is a function of the network's weights; the gradient of the "
                   "cost tells how to change them. That is how the network learns.")
