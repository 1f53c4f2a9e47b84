"""Chapter 2, scene 3: the cost of one example -- ten squared differences, summed -- for the random network and the
trained one, then the average over the training digits."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, RoundedRectangle, Transform, VGroup

from nnlib.analysis import average_cost, cost_of_example
from nnlib.assets import load_sample
from nnlib.training_data import training_digits
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import random_network
from scenes.content.components import PixelGrid, format_number, formula, label, number


def cost_table(example, accent: str) -> VGroup:
    """The cost of one example as a table: digit, output a, target y, (a - y)^2, with the label's row framed and
    the sum underneath. Each column is one multi-line Text (Text is the slow part of a render)."""
    columns = [("digit", [str(j) for j in range(len(example.output))]),
               ("output a", [format_number(v, 2) for v in example.output]),
               ("target y", [format_number(v, 0) for v in example.target]),
               ("(a − y)²", [format_number(v, 3) for v in example.terms])]
    table = VGroup()
    for header, entries in columns:
        table.add(VGroup(label(header, size=20, dim=True), label("\n".join(entries), size=20)).arrange(DOWN, buff=0.2))
    table.arrange(RIGHT, buff=0.6, aligned_edge=UP)
    body = table[0][1]
    row = body.height / len(example.output)
    y = body.get_top()[1] - (example.label + 0.5) * row
    frame = RoundedRectangle(width=table.width + 0.3, height=row * 1.05, corner_radius=0.08, stroke_color=accent,
                             stroke_width=2).move_to([table.get_x(), y, 0])
    total = number(example.total, 3, size=30, color=accent).next_to(table[3], DOWN, buff=0.3)
    words = label("cost of this example = the sum =", size=20).next_to(total, LEFT, buff=0.25)
    return VGroup(table, frame, total, words)


class CostOfOneExample(ExplainerScene):
    """The cost of the chosen digit for the random network and for the network in force, term by term; then both
    networks' average cost over the training digits.

    Exposes ``shown_costs`` (random, trained: the one example), ``shown_averages`` (random, trained) and
    ``shown_label``.
    """

    def construct(self) -> None:
        theme, digit, trained = self.theme, self.digit, self.network
        untrained = random_network(self)
        image, answer, note = digit.image, digit.label, None
        if answer is None:  # a picture of one's own has no label, and a cost needs one
            sample = load_sample()
            image, answer = sample.first(self.default_digit), self.default_digit
            note = f"your image has no label, so the cost is shown for a sample {answer}"
        self.shown_label = answer
        examples = [cost_of_example(untrained, image, answer), cost_of_example(trained, image, answer)]
        self.shown_costs = [float(e.total) for e in examples]

        heading = self.title("How wrong is an answer? The cost of one example")
        grid = PixelGrid(image, height=2.2).to_edge(LEFT, buff=0.7).shift(0.5 * UP)
        grid_label = label(f"label: {answer}", size=22, dim=True).next_to(grid, DOWN)
        tables = [cost_table(e, theme.accent).move_to(1.6 * RIGHT + 0.45 * DOWN) for e in examples]
        tags = [label(text, size=26, color=colour).next_to(tables[0], UP, buff=0.25)
                for text, colour in (("random network", theme.negative), ("trained network", theme.positive))]
        with self.beat(f"To learn, the network needs to be told how bad its answer is, as a single number. Take "
                       f"this {answer}. What we want from the output layer is simple: a 1 on the neuron for {answer} "
                       "and a 0 on all the others. That is the target column.") as beat:
            self.play(FadeIn(heading), FadeIn(grid), FadeIn(grid_label), run_time=beat.share(0.3))
            if note:
                self.add(label(note, size=20, dim=True).to_edge(DOWN, buff=0.2))
            self.play(FadeIn(tags[0]), FadeIn(tables[0]), run_time=beat.share(0.4))

        rand, good = examples
        worst = int(rand.terms.argmax())
        with self.beat("For each output, subtract what we wanted from what we got and square the difference; "
                       "squaring makes every miss count as positive, and big misses count far more than small ones. "
                       f"For the random network the largest term is {format_number(rand.terms[worst], 3)}, on the "
                       f"output for {worst}. Add up all ten squares: {format_number(rand.total, 3)}. That sum is "
                       "the cost of this one example.") as beat:
            self.play(FadeIn(formula("C = sum_(j=0)^9 (a_j - y_j)^2", size=30).to_edge(DOWN, buff=0.35)),
                      run_time=beat.share(0.3))

        with self.beat("Now the same digit through the trained network. Its output for "
                       f"{answer} is {format_number(good.output[answer], 2)}, and the others are close to zero, so "
                       f"every square is tiny: the cost is only {format_number(good.total, 3)}. A small cost means "
                       "a confident, correct answer; a large one means the network is unsure, or wrong.") as beat:
            self.play(Transform(tables[0], tables[1]), Transform(tags[0], tags[1]), run_time=beat.share(0.4))

        digits = training_digits()
        averages = [average_cost(net, digits.images, digits.labels).value for net in (untrained, trained)]
        self.shown_averages = averages
        rows = VGroup(*(VGroup(label(name, size=28, color=colour), number(value, 3, size=40))
                        .arrange(RIGHT, buff=0.5)
                        for name, colour, value in (("random network", theme.negative, averages[0]),
                                                    ("trained network", theme.positive, averages[1]))))
        rows.arrange(DOWN, buff=0.5, aligned_edge=LEFT)
        column = max(row[0].get_right()[0] for row in rows) + 0.5
        for row in rows:
            row[1].align_to(column * RIGHT, LEFT)
        block = VGroup(label(f"average cost over {digits.description}", size=24), rows)
        block.arrange(DOWN, buff=0.5)
        if block.width > 9.0:
            block.scale_to_fit_width(9.0)
        block.move_to(2.0 * RIGHT)
        ratio = averages[0] / averages[1] if averages[1] > 0 else float("inf")
        with self.beat(f"One example is not enough to judge a network. So we average the cost over "
                       f"{digits.description}: {format_number(averages[0], 3)} for the random network, "
                       f"{format_number(averages[1], 3)} for the trained one, about {format_number(ratio, 0)} times "
                       "smaller. This average is the cost of the network: one number that says how badly it does "
                       "on everything it is meant to learn.") as beat:
            self.play(FadeOut(tables[0]), FadeOut(tags[0]), run_time=beat.share(0.15))
            self.play(FadeIn(block), run_time=beat.share(0.3))
