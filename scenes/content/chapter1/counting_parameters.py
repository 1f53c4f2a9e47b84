"""Chapter 1, scene 7: every weight and bias counted from the network's own sizes -- 13,002 knobs for 784-16-16-10."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, Create, FadeIn, Indicate, Line, VGroup

from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count
from scenes.content.components import NetworkDiagram, label, number


def layer_name(layer: int, n_layers: int) -> str:
    """How narration names layer ``layer`` (1-based after the input) of a network with ``n_layers`` layers."""
    if layer == n_layers - 1:
        return "the output layer"
    ordinal = {1: "first", 2: "second", 3: "third", 4: "fourth"}.get(layer, f"number {layer}")
    return f"the {ordinal} hidden layer"


class CountingParameters(ExplainerScene):
    """Every edge's weight and every neuron's bias, counted gap by gap from the network in force.

    Exposes ``shown_counts`` (per gap: weights, biases), ``shown_total`` and ``total_text`` (the total on screen).
    """

    def construct(self) -> None:
        net, theme = self.network, self.theme
        sizes = net.sizes
        heading = self.title("How many knobs and dials does this network have?")
        diagram = NetworkDiagram(net, height=5.6, layer_spacing=1.6).to_edge(LEFT, buff=0.8).shift(0.35 * DOWN)
        self.say("Let's step back and count what we have built. Every wire between two neurons carries its own "
                 "weight, and every neuron after the input layer has its own bias. Those numbers are everything "
                 "that makes this network behave the way it does. So how many are there?",
                 FadeIn(heading), FadeIn(diagram))

        self.shown_counts = net.layer_parameter_counts()
        self.shown_total = net.parameter_count
        rows = VGroup()
        x_desc, x_num = 1.3, 6.6
        for g, (n_weights, n_biases) in enumerate(self.shown_counts):
            n_in, n_out = sizes[g], sizes[g + 1]
            weights_row = VGroup(label(f"{n_in} × {n_out} weights", size=26),
                                 number(n_weights, 0, size=26, color=theme.accent))
            biases_row = VGroup(label(f"{n_out} biases", size=26, dim=True),
                                number(n_biases, 0, size=26, color=theme.accent))
            rows.add(weights_row, biases_row)
        step = min(0.62, 4.2 / max(len(rows), 1))
        for k, row in enumerate(rows):
            y = 2.3 - k * step - (k // 2) * 0.25
            row[0].move_to([x_desc, y, 0], aligned_edge=LEFT)
            row[1].move_to([x_num, y, 0], aligned_edge=RIGHT)

        for g, (n_weights, n_biases) in enumerate(self.shown_counts):
            n_in, n_out = sizes[g], sizes[g + 1]
            source = "input neurons" if g == 0 else "neurons before them"
            if g == 0:
                words = (f"Start with {layer_name(1, len(sizes))}. Each of its {count(n_out)} neurons is wired to "
                         f"all {count(n_in)} input neurons, so that is {count(n_in)} times {count(n_out)}: "
                         f"{count(n_weights)} weights. Add one bias per neuron: {count(n_biases)} biases.")
            else:
                words = (f"Then {layer_name(g + 1, len(sizes))}: {count(n_out)} neurons, each wired to the "
                         f"{count(n_in)} {source}. {count(n_in)} times {count(n_out)} makes {count(n_weights)} "
                         f"weights, plus {count(n_biases)} biases.")
            with self.beat(words) as beat:
                self.play(diagram.edge_pulse(g), FadeIn(rows[2 * g]), run_time=beat.share(0.45))
                self.play(Indicate(diagram.neurons[g + 1], color=theme.accent, scale_factor=1.15),
                          FadeIn(rows[2 * g + 1]), run_time=beat.share(0.35))

        rule = Line([x_desc, 0, 0], [x_num, 0, 0], color=theme.dim_text).set_y(rows[-1].get_bottom()[1] - 0.25)
        total = VGroup(label("total", size=30), number(self.shown_total, 0, size=34, color=theme.accent))
        total[0].move_to([x_desc, rule.get_y() - 0.5, 0], aligned_edge=LEFT)
        total[1].move_to([x_num, rule.get_y() - 0.5, 0], aligned_edge=RIGHT)
        self.total_text = total[1]
        total_words = count(self.shown_total)
        with self.beat(f"All together: {total_words} weights and biases. That is {total_words} knobs and dials, "
                       "and turning any of them changes how the network behaves. When we talk about a network "
                       f"learning, this is what we mean: getting the computer to find good values for all "
                       f"{total_words} of them, so that it reads digits well.") as beat:
            self.play(Create(rule), FadeIn(total), run_time=beat.share(0.4))
            self.play(Indicate(total[1], color=theme.accent), run_time=beat.share(0.3))

        note = label(f"setting {total_words} numbers by hand?", size=22, dim=True)
        note.next_to(total, DOWN, buff=0.45).align_to(total[1], RIGHT)
        with self.beat("Imagine setting them by hand: a weight here so a neuron catches an edge, a bias there so "
                       "it only fires when the edge is strong, and so on, thousands of times over. Hopeless in "
                       "practice, but worth imagining. A trained network is not magic: its parameters are just "
                       "numbers, and knowing what they mean is what lets you understand why a network works, and "
                       "debug it or improve it when it does not.") as beat:
            self.play(FadeIn(note, shift=0.2 * RIGHT), run_time=beat.share(0.3))
