"""Chapter 1, scene 7: why a network has weights and biases (which knobs make it expressive enough?), then every one
of them counted from the network's own sizes -- 13,002 knobs for 784-16-16-10."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, AnimationGroup, Create, FadeIn, FadeOut, Indicate, Line, VGroup, Write

from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count
from scenes.content.chapter1.fan_in import fan_in_glow, gap_pulse, glow_sequence, spread, wires_of
from scenes.content.components import NetworkDiagram, format_number, label, number

#: Type sizes of this scene: every text at least 14 px high at 854x480 (DejaVu Sans capitals are 0.61 of the size).
ROW_SIZE = 28
NOTE_SIZE = 26


def layer_name(layer: int, n_layers: int) -> str:
    """How narration names layer ``layer`` (1-based after the input) of a network with ``n_layers`` layers."""
    if layer == n_layers - 1:
        return "the output layer"
    ordinal = {1: "first", 2: "second", 3: "third", 4: "fourth"}.get(layer, f"number {layer}")
    return f"the {ordinal} hidden layer"


def readable_counts(diagram: NetworkDiagram, size: float) -> None:
    """The diagram's layer sizes ("784") and output digits at ``size``, readable at 480p."""
    for brace, text in diagram.braces:
        text.scale(size / text.font_size).next_to(brace, LEFT, buff=0.1)
    for text, circle in zip(diagram.output_labels, diagram.neurons[-1]):
        text.scale(size / text.font_size).next_to(circle, RIGHT, buff=diagram.radius * 0.8)


class CountingParameters(ExplainerScene):
    """What weights and biases are for, then every edge's weight and every neuron's bias counted gap by gap.

    Exposes ``shown_counts`` (per gap: weights, biases), ``shown_total``, ``total_text`` (the total on screen),
    ``question`` (the "which knobs" text), ``example`` (the neuron, its real bias and activation for the digit) and
    ``browsed`` (the real weights named one by one when the scene imagines setting them by hand).
    """

    def construct(self) -> None:
        net, theme, digit = self.network, self.theme, self.digit
        sizes = net.sizes
        heading = self.title("How many knobs and dials does this network have?")
        diagram = NetworkDiagram(net, height=5.4, layer_spacing=1.75).to_edge(LEFT, buff=0.9).shift(0.15 * DOWN)
        readable_counts(diagram, 24)
        x_desc, x_num = 1.0, 6.5
        question = VGroup(label("Which knobs make the", size=30, color=theme.accent),
                          label("network expressive enough?", size=30, color=theme.accent))
        self.question = question
        question.arrange(DOWN, aligned_edge=LEFT, buff=0.15).move_to([x_desc, 2.35, 0], aligned_edge=LEFT)
        hopes = VGroup(*(label(word, size=24, dim=True).next_to(diagram.neurons[layer], DOWN, buff=0.25)
                         for layer, word in ((1, "edges?"), (2, "loops?"), (len(sizes) - 1, "a digit"))))
        for hope in hopes:
            hope.set_y(diagram.get_bottom()[1] - 0.3)
        with self.beat("Why does a network need weights and biases at all? <bookmark mark='ask'/>Ask which knobs "
                       "would make it expressive enough to catch an edge, then a loop, then a whole digit.") as beat:
            self.play(FadeIn(heading), FadeIn(diagram), run_time=self.until("ask"))
            self.play(Write(question), run_time=self.until("an edge"))
            keys = ("an edge", "a loop", "whole digit")
            for n, (layer, key, hope) in enumerate(zip((1, 2, len(sizes) - 1), keys, hopes)):
                self.wait_until(key)
                seconds = (self.until(keys[n + 1]) if n + 1 < len(keys)
                           else max(beat.end - 0.3 - float(self.renderer.time), 0.5))
                self.play(glow_sequence(diagram, diagram.neurons[layer][:4], theme.accent, seconds,
                                        first=[FadeIn(hope, shift=0.1 * UP)]), run_time=seconds)

        # one real neuron of the first hidden layer: its wires, its bias, how it lights for our digit
        neuron = diagram.neurons[1][0]
        j = neuron.index
        bias = float(net.biases[0][j])
        activation = float(net.forward(digit.image)[1].ravel()[j])
        self.example = (j, bias, activation)
        weights_note = VGroup(label("weight: one per wire", size=NOTE_SIZE),
                              label("how much that input counts", size=NOTE_SIZE, dim=True))
        weights_note.arrange(DOWN, aligned_edge=LEFT, buff=0.12).move_to([x_desc, 0.9, 0], aligned_edge=LEFT)
        positive = [line for line in neuron.edges_in if line.weight >= 0]
        negative = [line for line in neuron.edges_in if line.weight < 0]
        with self.beat("A weight on every wire lets a neuron choose which pixels matter to it. Green wires push it "
                       "up; red wires hold it back.") as beat:
            self.play(fan_in_glow(diagram, neuron, theme.accent, run_time=self.until("choose")),
                      FadeIn(weights_note))
            self.play(fan_in_glow(diagram, neuron, theme.accent, run_time=self.until("Green")))
            for lines, colour, key in ((positive, theme.positive, "red wires"), (negative, theme.negative, None)):
                if not lines:
                    continue
                wires = wires_of(diagram, lines, colour, width=4)
                end = self.until(key) if key else max(beat.end - 0.6 - float(self.renderer.time), 0.5)
                self.play(wires.animate(rate_func=lambda t: np.sin(np.pi * t) ** 2, remover=True)
                          .set_stroke(opacity=1.0), run_time=end)

        bias_note = VGroup(label("bias: one per neuron", size=NOTE_SIZE),
                           label("how big the sum must be to light it", size=NOTE_SIZE, dim=True))
        bias_note.arrange(DOWN, aligned_edge=LEFT, buff=0.12).next_to(weights_note, DOWN, buff=0.35)
        bias_note.align_to(weights_note, LEFT)
        bias_value = label(f"b = {format_number(bias, 2)}", size=24, color=theme.accent)
        bias_value.next_to(neuron, UP, buff=0.12)
        with self.beat("A bias on every neuron sets how big that weighted sum must be before the neuron "
                       "lights up.") as beat:
            self.play(FadeIn(bias_note), FadeIn(bias_value), Indicate(neuron, color=theme.accent),
                      run_time=self.until("weighted sum"))
            self.play(fan_in_glow(diagram, neuron, theme.accent, run_time=self.until("lights up")))
            self.play(neuron.animate.set_fill(opacity=float(np.clip(activation, 0, 1))),
                      run_time=max(beat.end - 0.5 - float(self.renderer.time), 0.5))

        self.shown_counts = net.layer_parameter_counts()
        self.shown_total = net.parameter_count
        rows = VGroup()
        for g, (n_weights, n_biases) in enumerate(self.shown_counts):
            n_in, n_out = sizes[g], sizes[g + 1]
            rows.add(VGroup(label(f"{n_in} × {n_out} weights", size=ROW_SIZE),
                            number(n_weights, 0, size=ROW_SIZE, color=theme.accent)),
                     VGroup(label(f"{n_out} biases", size=ROW_SIZE, dim=True),
                            number(n_biases, 0, size=ROW_SIZE, color=theme.accent)))
        step = min(0.55, 3.6 / max(len(rows), 1))
        for k, row in enumerate(rows):
            y = 2.2 - k * step - (k // 2) * 0.2
            row[0].move_to([x_desc, y, 0], aligned_edge=LEFT)
            row[1].move_to([x_num, y, 0], aligned_edge=RIGHT)

        for g, (n_weights, n_biases) in enumerate(self.shown_counts):
            n_in, n_out = sizes[g], sizes[g + 1]
            if g == 0:
                words = (f"Now count them. Start with {layer_name(1, len(sizes))}: each of its {count(n_out)} "
                         f"neurons is wired to all {count(n_in)} inputs. That is {count(n_in)} times "
                         f"{count(n_out)}, or {count(n_weights)} weights, and one bias per neuron: "
                         f"{count(n_biases)} biases.")
            else:
                words = (f"Then {layer_name(g + 1, len(sizes))}: {count(n_out)} neurons, each wired to the "
                         f"{count(n_in)} before them. {count(n_in)} times {count(n_out)} makes "
                         f"{count(n_weights)} weights, plus {count(n_biases)} biases.")
            with self.beat(words) as beat:
                if g == 0:
                    self.play(fade_out_all(question, weights_note, bias_note, bias_value),
                              neuron.animate.set_fill(opacity=0), run_time=0.6)
                # each neuron of the layer in turn, with the wires that feed it
                times = f"{count(n_in)} times"
                seconds = self.until(times)
                self.play(glow_sequence(diagram, diagram.neurons[g + 1], theme.accent, seconds), run_time=seconds)
                self.play(FadeIn(rows[2 * g][0]), gap_pulse(diagram, g, theme.accent), run_time=self.until(count(n_weights)))
                self.play(FadeIn(rows[2 * g][1], scale=1.3), run_time=0.8)
                biases_key = f"{count(n_biases)} biases"
                self.wait_until(biases_key)
                self.play(FadeIn(rows[2 * g + 1]),
                          *(Indicate(c, color=theme.accent, scale_factor=1.2) for c in diagram.neurons[g + 1]),
                          run_time=max(min(beat.end - 0.3 - float(self.renderer.time), 2.5), 0.5))

        rule = Line([x_desc, 0, 0], [x_num, 0, 0], color=theme.dim_text).set_y(rows[-1].get_bottom()[1] - 0.25)
        total = VGroup(label("total", size=32), number(self.shown_total, 0, size=36, color=theme.accent))
        total[0].move_to([x_desc, rule.get_y() - 0.5, 0], aligned_edge=LEFT)
        total[1].move_to([x_num, rule.get_y() - 0.5, 0], aligned_edge=RIGHT)
        self.total_text = total[1]
        total_words = count(self.shown_total)
        with self.beat(f"All together, {total_words} weights and biases: {total_words} knobs and dials. Learning "
                       "means getting the computer to find good values for every one of them.") as beat:
            self.play(Create(rule), FadeIn(total[0]), run_time=self.until(total_words))
            self.play(FadeIn(total[1], scale=1.3), run_time=1.0)
            self.wait_until("knobs")
            spread(self, [gap_pulse(diagram, g, theme.accent) for g in range(len(self.shown_counts))] +
                   [Indicate(total[1], color=theme.accent)], self.until("Learning"))
            seconds = max(beat.end - 0.4 - float(self.renderer.time), 0.5)
            self.play(glow_sequence(diagram, [c for layer in range(1, len(sizes)) for c in diagram.neurons[layer][::3]],
                                    theme.accent, seconds), run_time=seconds)

        # setting them by hand: real weights of real wires, one after another
        picks = [diagram.neurons[1][k].edges_in[m] for k, m in ((0, 3), (2, 5), (5, 2), (7, 6))]
        picks += [diagram.neurons[2][k].edges_in[m] for k, m in ((1, 1), (4, 7))]
        self.browsed = [float(line.weight) for line in picks]
        note = label(f"{total_words} numbers to set by hand?", size=NOTE_SIZE, dim=True)
        note.next_to(total, DOWN, buff=0.45).align_to(total[0], LEFT)
        readout = label("w = 0.00", size=26).set_opacity(0)   # becomes each value named
        with self.beat("Imagine setting them by hand. A weight here, so a neuron catches an edge; "
                       "<bookmark mark='bias'/>a bias there, so it fires only when the edge is strong. Then do it "
                       "again, thousands of times.") as beat:
            self.play(FadeIn(note), run_time=0.8)

            def browse(line, t):
                value = label(f"w = {format_number(line.weight, 2)}", size=26, color=theme.signed(line.weight))
                value.next_to(diagram, UP, buff=0.05).align_to(diagram, LEFT).shift(0.3 * RIGHT)
                glow = wires_of(diagram, [line], theme.accent, width=5)
                return AnimationGroup(glow.animate(rate_func=lambda x: np.sin(np.pi * x), remover=True)
                                      .set_stroke(opacity=1.0), readout.animate.become(value), run_time=t)
            readout.move_to(diagram.get_top() + 0.3 * UP)
            self.add(readout)
            spread(self, [lambda t, l=l: browse(l, t) for l in picks[:3]], self.until("bias"))
            second = diagram.neurons[2][3]
            b2 = float(net.biases[1][second.index])
            self.play(readout.animate.become(label(f"b = {format_number(b2, 2)}", size=26, color=theme.accent)
                                             .move_to(readout)),
                      Indicate(second, color=theme.accent, scale_factor=1.3), run_time=self.until("Then do"))
            spread(self, [lambda t, l=l: AnimationGroup(wires_of(diagram, [l], theme.accent, width=5).animate(
                rate_func=lambda x: np.sin(np.pi * x), remover=True).set_stroke(opacity=1.0), run_time=t)
                for l in picks[3:]] + [gap_pulse(diagram, g, theme.accent) for g in range(len(self.shown_counts))],
                max(beat.end - 0.3 - float(self.renderer.time), 0.5))

        activations = diagram.activations_for(digit.image)
        with self.beat("A trained network is not magic. Its knobs are just numbers, and knowing what they do "
                       "lets you see why it works, and fix it when it does not.") as beat:
            self.play(fade_out_all(readout), run_time=0.5)
            self.wait_until("just numbers")
            per_layer = max((beat.end - 0.5 - float(self.renderer.time)) / len(activations), 0.3)
            for layer, values in enumerate(activations):
                self.play(diagram.light_layer(layer, values, run_time=per_layer))


def fade_out_all(*mobjects) -> AnimationGroup:
    """Fade several mobjects out together."""
    return AnimationGroup(*(FadeOut(m) for m in mobjects))
