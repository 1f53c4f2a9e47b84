"""Chapter 2, scene 3: the cost of one example -- ten squared differences, summed -- for the random network and the
trained one, then the average over the training digits."""

from __future__ import annotations

import textwrap

from manim import DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Indicate, RoundedRectangle, Transform, VGroup, Write

from nnlib.analysis import average_cost, cost_of_example
from nnlib.assets import load_sample
from nnlib.training_data import training_digits
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, ear_size, pulse, random_network, readable, other_training_cost
from scenes.content.components import PixelGrid, format_number, formula, label, number


def term_text(value: float) -> str:
    """One squared difference for the table: three decimals, or "<0.001" for a term too small to show (never a
    "0.000" standing for a number that is not zero)."""
    if 0 < value < 0.0005:
        return "<0.001"
    return format_number(value, 3)


def cost_table(example, accent: str) -> VGroup:
    """The cost of one example as a table: digit, output a, target y, (a - y)^2, with the label's row framed and
    the sum underneath. Each column is one multi-line Text (Text is the slow part of a render)."""
    columns = [("digit", [str(j) for j in range(len(example.output))]),
               ("output a", [format_number(v, 2) for v in example.output]),
               ("target y", [format_number(v, 0) for v in example.target]),
               ("(a − y)²", [term_text(v) for v in example.terms])]
    table = VGroup()
    for header, entries in columns:
        table.add(VGroup(label(header, size=24, dim=True), label("\n".join(entries), size=24)).arrange(DOWN, buff=0.2))
    table.arrange(RIGHT, buff=0.6, aligned_edge=UP)
    body = table[0][1]
    row = body.height / len(example.output)
    y = body.get_top()[1] - (example.label + 0.5) * row
    frame = RoundedRectangle(width=table.width + 0.3, height=row * 1.05, corner_radius=0.08, stroke_color=accent,
                             stroke_width=2).move_to([table.get_x(), y, 0])
    total = label(readable(example.total), size=30, color=accent).next_to(table[3], DOWN, buff=0.3)
    total.value = float(example.total)
    words = label("cost of this example = the sum =", size=24).next_to(total, LEFT, buff=0.25)
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
        grid = PixelGrid(image, height=2.2).to_edge(LEFT, buff=0.7).shift(0.9 * UP)
        grid_label = label(f"label: {answer}", size=24, dim=True).next_to(grid, DOWN)
        tables = [cost_table(e, theme.accent).move_to(2.1 * RIGHT + 0.5 * DOWN) for e in examples]
        tags = [label(text, size=26, color=colour).next_to(tables[0], UP, buff=0.2)
                for text, colour in (("random network", theme.dim_text), ("trained network", theme.accent))]
        columns = tables[0][0]
        with self.beat(f"To learn, the network needs to be told how bad its answer is, as a single number. Take "
                       f"this {answer}. <bookmark mark='want'/>What we want from the output layer is simple. "
                       f"<bookmark mark='one'/>A 1 on the neuron for {answer}, <bookmark mark='zeros'/>and a 0 on "
                       "all the others. <bookmark mark='target'/>That is the target column."):
            self.play(FadeIn(heading), run_time=1.2)
            self.on_word("how bad", Indicate(heading, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("single number", FadeIn(grid), FadeIn(grid_label), run_time=1.5)
            if note:
                self.add(label(note, size=24, dim=True).to_edge(DOWN, buff=0.2))
            self.on_word("this", FadeIn(tags[0]), FadeIn(columns[0]), FadeIn(columns[1]), run_time=1.5)
            self.on_word("simple", Indicate(columns[1], color=theme.accent, scale_factor=1.08), run_time=1.5)
            self.on_word("one", FadeIn(columns[2]), Create(tables[0][1]), run_time=1.5)
            self.on_word("zeros", Indicate(columns[2][1], color=theme.accent, scale_factor=1.1), run_time=1.5)
            self.on_word("target", Indicate(columns[2][0], color=theme.accent, scale_factor=1.3), run_time=1.2)

        rand, good = examples
        worst = int(rand.terms.argmax())
        rule = formula("C = sum_(j=0)^9 (a_j - y_j)^2", size=34).next_to(grid_label, DOWN, buff=0.6)
        rule.set_x(grid.get_x())
        row = columns[0][1].height / len(rand.output)
        worst_box = RoundedRectangle(width=tables[0][0].width + 0.3, height=row * 1.05, corner_radius=0.08,
                                     stroke_color=theme.text, stroke_width=2).move_to(
            [tables[0][0].get_x(), columns[0][1].get_top()[1] - (worst + 0.5) * row, 0])
        with self.beat("For each output, subtract what we wanted from what we got, and square the difference. "
                       "<bookmark mark='square'/>Squaring makes every miss count as positive, and big misses count "
                       "far more than small ones. <bookmark mark='worst'/>For the random network the largest term "
                       f"is {format_number(rand.terms[worst], 3)}, on the output for {worst}. "
                       f"<bookmark mark='sum'/>Add up all ten squares: {format_number(rand.total, 3)}. "
                       "<bookmark mark='rule'/>That sum is the cost of this one example."):
            self.play(Indicate(columns[1][1], color=theme.accent, scale_factor=1.08), run_time=1.5)
            self.on_word("wanted", Indicate(columns[2][1], color=theme.accent, scale_factor=1.08), run_time=1.5)
            self.on_word("square the", FadeIn(columns[3], lag_ratio=0.1), run_time=2.0)
            self.on_word("square", Indicate(columns[3][0], color=theme.accent, scale_factor=1.3), run_time=1.5)
            self.on_word("big misses", Indicate(columns[3][1], color=theme.accent, scale_factor=1.08), run_time=1.5)
            self.on_word("worst", Create(worst_box), run_time=1.2)
            self.on_word("output for", Indicate(worst_box, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("sum", FadeIn(tables[0][3]), FadeIn(tables[0][2]), run_time=1.5)
            self.on_word("rule", Write(rule), run_time=2.0)

        cost_words = readable(good.total)
        with self.beat("Now the same digit through the trained network. <bookmark mark='its'/>Its output for "
                       f"{answer} is {format_number(good.output[answer], 2)}, <bookmark mark='others'/>and the "
                       f"others are close to zero. So every square is tiny, <bookmark mark='cost'/>and the cost is "
                       f"only {cost_words}: <bookmark mark='tiny'/>{ear_size(good.total)}. <bookmark mark='small'/>A small cost means a "
                       "confident, correct answer. <bookmark mark='large'/>A large one means the network is unsure, "
                       "or wrong."):
            self.play(FadeOut(worst_box), Transform(tables[0], tables[1]), Transform(tags[0], tags[1]),
                      run_time=2.0)
            self.on_word("its", Indicate(tables[0][1], color=theme.accent, scale_factor=1.05), run_time=1.2)
            self.on_word("others", Indicate(tables[0][0][1][1], color=theme.accent, scale_factor=1.08), run_time=1.5)
            self.on_word("cost", Indicate(tables[0][2], color=theme.accent, scale_factor=1.4), run_time=1.5)
            self.on_word("tiny", Indicate(tables[0][3], color=theme.accent), run_time=1.5)
            self.on_word("small", Indicate(tags[0], color=theme.accent), run_time=1.2)
            self.on_word("large", Indicate(rule, color=theme.accent), run_time=1.2)

        digits = training_digits()
        averages = [average_cost(net, digits.images, digits.labels).value for net in (untrained, trained)]
        self.shown_averages = averages
        recorded = self.recorded = other_training_cost(trained, digits)
        entries = [("random network", theme.dim_text, averages[0]), ("trained network", theme.accent, averages[1])]
        rows = VGroup(*(VGroup(label(name, size=28, color=colour), number(value, 3, size=40))
                        .arrange(RIGHT, buff=0.5) for name, colour, value in entries))
        rows.arrange(DOWN, buff=0.5, aligned_edge=LEFT)
        column = max(r[0].get_right()[0] for r in rows) + 0.5
        for r in rows:
            r[1].align_to(column * RIGHT, LEFT)
        block = VGroup(label(textwrap.fill(f"average cost over {digits.description}", 34), size=26), rows)
        block.arrange(DOWN, buff=0.5)
        parts = [block]
        if recorded:
            whole = label(f"trained network, over all {count(recorded[0])}\ndigits it learned from: "
                          f"{format_number(recorded[1], 3)}", size=24, dim=True)
            whole.value = recorded[1]
            parts.append(whole)
        summary = VGroup(*parts).arrange(DOWN, buff=0.6)
        if summary.width > 9.0:
            summary.scale_to_fit_width(9.0)
        summary.move_to(2.0 * RIGHT + 0.3 * DOWN)
        ratio = averages[0] / averages[1] if averages[1] > 0 else float("inf")
        whole_words = (f" <bookmark mark='whole'/>Over all {count(recorded[0])} digits it learned from, its "
                       f"cost was {format_number(recorded[1], 3)} when training ended." if recorded else "<bookmark mark='whole'/>")
        with self.beat("One example is not enough to judge a network. <bookmark mark='average'/>So we average the "
                       f"cost over <bookmark mark='which'/>{digits.description}. <bookmark mark='rand'/>The random network scores "
                       f"{format_number(averages[0], 3)}, <bookmark mark='trained'/>the trained one "
                       f"{format_number(averages[1], 3)}, about {format_number(ratio, 0)} times smaller."
                       f"{whole_words} This average is the cost of the network: one number for how badly it does "
                       "on the digits it is meant to learn."):
            self.play(FadeOut(tables[0]), FadeOut(tags[0]), FadeOut(rule), run_time=1.0)
            self.on_word("judge", pulse(grid, 1.1), run_time=1.5)
            self.on_word("average", FadeIn(block[0], shift=0.2 * DOWN), run_time=1.5)
            self.on_word("which", Indicate(block[0], color=theme.accent), run_time=1.5)
            self.on_word("rand", FadeIn(rows[0], shift=0.2 * RIGHT), run_time=1.2)
            self.on_word("trained", FadeIn(rows[1], shift=0.2 * RIGHT), run_time=1.2)
            self.on_word("times smaller", Indicate(rows[1][1], color=theme.accent, scale_factor=1.2), run_time=1.5)
            self.on_word("whole", *([FadeIn(parts[1], shift=0.2 * UP)] if recorded else []), run_time=1.2)
            self.on_word("This average", Indicate(block, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("one number", Indicate(rows[1][1], color=theme.accent, scale_factor=1.2), run_time=1.5)
            self.on_word("meant to learn", pulse(grid, 1.1), run_time=1.5)
