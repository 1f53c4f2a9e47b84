"""Chapter 1, scene 2: the whole network, layer by layer; a real digit fed forward; the brightest output wins."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, BackgroundRectangle, Circumscribe, Create, FadeIn, FadeOut,
                   Indicate, LaggedStart, Succession, VGroup, Write, there_and_back)

from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count, hidden_words
from scenes.content.components import NetworkDiagram, PixelGrid, format_number, label, number

#: Type sizes at 854 x 480 give text at least 14 pixels high.
NAME_SIZE, VALUE_SIZE = 26, 26


class NetworkFeedForward(ExplainerScene):
    """The 784-16-16-10 network built layer by layer as it is named: input, output, hidden layers as question
    marks, the wires and their signed numbers; a real digit fed forward through the weights in force, one layer lit
    as each is named; the brightest output neuron is the answer.

    Exposes ``output_activations`` (the ten outputs shown), ``prediction`` (the network's answer), ``true_label``
    (None for a user's own image), ``shown_weights`` (the two wires singled out, with their numbers) and
    ``diagram``.
    """

    def construct(self) -> None:
        net, digit, theme = self.network, self.digit, self.theme
        sizes = net.sizes
        diagram = NetworkDiagram(net, height=5.8, layer_spacing=2.45, spread=1.8).shift(1.15 * RIGHT + 0.6 * DOWN)
        inputs, outputs = diagram.neurons[0], diagram.neurons[-1]
        hidden = VGroup(*diagram.neurons[1:-1])
        for text, circle in zip(diagram.output_labels, outputs):   # the digits 0-9 large enough to read at 480p
            text.scale(NAME_SIZE / text.font_size).next_to(circle, RIGHT, buff=0.2)
        for brace in diagram.braces:                               # and the count of a big layer
            brace[1].scale(NAME_SIZE / brace[1].font_size).next_to(brace[0], LEFT, buff=0.1)
        heading = self.title("The network: " + " → ".join(str(n) for n in sizes) + " neurons")
        bottom = diagram.get_bottom()[1] - 0.3
        names = VGroup(label("input layer", size=NAME_SIZE, dim=True).move_to([inputs.get_x(), bottom, 0]),
                       label("output layer", size=NAME_SIZE, dim=True).move_to([outputs.get_x(), bottom, 0]))
        if len(hidden):
            names.add(label("hidden layers" if len(hidden) > 1 else "hidden layer", size=NAME_SIZE, dim=True)
                      .move_to([hidden.get_x(), bottom, 0]))
        input_parts = VGroup(inputs, diagram.ellipses, diagram.braces)

        with self.beat(f"Now let's build the network. On the left is the column we just made: {count(sizes[0])} "
                       "input neurons, one for each pixel."):
            self.play(FadeIn(heading, shift=0.2 * DOWN),
                      run_time=0.2 if self.brisk else min(2.0, self.until("On the left")))
            self.on_word("On the left", FadeIn(input_parts), run_time=1.2)
            self.on_word(f"{count(sizes[0])} input", Indicate(diagram.braces, color=theme.accent),
                    FadeIn(names[0]), run_time=0.8)
            self.on_word("one for each pixel", Indicate(inputs, color=theme.accent, scale_factor=1.05),
                    run_time=1.5)

        seven = outputs[7] if len(outputs) > 7 else outputs[-1]
        seven_name = str(seven.index)
        thinks = label(f"“this looks like a {seven_name}”", size=NAME_SIZE, color=theme.accent)
        thinks.next_to(seven, LEFT, buff=0.3)
        with self.beat(f"On the right is the last layer: {count(sizes[-1])} neurons, one for each digit from 0 to "
                       f"{sizes[-1] - 1}. Each holds a number between 0 and 1: how strongly the network thinks the "
                       f"image shows that digit. A bright {seven_name} neuron means: this looks like a "
                       f"{seven_name} to me."):
            self.on_word("the last layer", LaggedStart(*(FadeIn(c) for c in outputs), lag_ratio=0.1),
                    FadeIn(names[1]), run_time=1.0)
            self.on_word("one for each digit", LaggedStart(*(Write(t) for t in diagram.output_labels),
                                                            lag_ratio=0.15), run_time=1.5)
            self.on_word("between 0 and 1", *(c.animate(rate_func=there_and_back).set_fill(opacity=1.0)
                                               for c in outputs), run_time=1.5)
            self.on_word("how strongly", Indicate(outputs, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word(f"A bright {seven_name}", seven.animate.set_fill(opacity=1.0), run_time=1.0)
            self.on_word("this looks like", FadeIn(thinks, shift=0.2 * RIGHT), run_time=1.0)
        self.play(seven.animate.set_fill(opacity=0.0), FadeOut(thinks), run_time=0.5)

        counts = VGroup(*(label(count(size), size=NAME_SIZE, dim=True).next_to(column, UP, buff=0.15)
                          for size, column in zip(sizes[1:-1], hidden)))  # the layer's size, not the circles drawn
        marks = VGroup(*(label("?", size=110, color=theme.accent).move_to(column) for column in hidden))
        with self.beat(f"In between sit the hidden layers: this network has <bookmark mark=\"sizes\"/>{hidden_words(sizes)}. The number is "
                       "an arbitrary choice, small enough to draw. What they do is the real question of this "
                       "chapter. For now, think of them as question marks."):
            self.on_word("hidden layers", LaggedStart(*(FadeIn(c) for c in hidden), lag_ratio=0.3),
                    *(FadeIn(n) for n in names[2:]), run_time=1.0)
            if len(hidden):
                self.on_word("sizes", FadeIn(counts), run_time=1.0)
                self.on_word("arbitrary", Indicate(counts, color=theme.accent, scale_factor=1.3), run_time=1.2)
                self.on_word("small enough", Circumscribe(hidden, color=theme.accent), run_time=1.2)
                self.on_word("real question", Indicate(hidden, color=theme.accent, scale_factor=1.05),
                        run_time=1.5)
                self.on_word("question marks", FadeIn(marks, scale=0.6), run_time=1.2)

        gaps = list(diagram.edge_bundles)
        last = len(gaps) - 1
        weights = np.asarray(net.weights[last])
        shown = [(c.index, t.index) for t in diagram.neurons[last + 1] for c in diagram.neurons[last]]
        plus = max(shown, key=lambda st: weights[st[1], st[0]])
        place = {c.index: k for k, c in enumerate(diagram.neurons[last + 1])}
        apart = [st for st in shown if abs(place[st[1]] - place[plus[1]]) >= 4] or shown   # tags far apart
        minus = min(apart, key=lambda st: weights[st[1], st[0]])
        self.shown_weights = {pair: float(weights[pair[1], pair[0]]) for pair in (plus, minus)}
        singled = []
        for source, target in (plus, minus):
            line = next(l for l in diagram.edges[last] if l.source == source and l.target == target).copy()
            w = float(weights[target, source])
            line.set_stroke(width=6, opacity=1.0)
            tag = number(w, 2, size=VALUE_SIZE, color=theme.signed(w))
            tag.next_to(line.point_from_proportion(0.6 if w >= 0 else 0.45), UP if w >= 0 else DOWN, buff=0.15)
            singled.append(VGroup(line, BackgroundRectangle(tag, color=theme.background, fill_opacity=0.9,
                                                            buff=0.06), tag))
        legend = VGroup(label("green: positive", size=NAME_SIZE + 2, color=theme.edge_positive),
                        label("red: negative", size=NAME_SIZE + 2, color=theme.edge_negative))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.2).to_edge(LEFT, buff=0.3).set_y(1.6)
        with self.beat("Every neuron of one layer is wired to every neuron of the next. Each wire carries a number "
                       "of its own, called its weight. Green wires carry positive numbers, red wires negative ones."):
            self.on_word("is wired", LaggedStart(*(Create(g) for g in gaps), lag_ratio=0.5),
                    run_time=max(2.0, min(3.0, self.until("Each wire") - 0.2)))
            self.on_word("a number", Create(singled[0][0]), FadeIn(singled[0][1:]), run_time=1.0)
            self.on_word("its weight", Indicate(singled[0][2], scale_factor=1.4), run_time=1.2)
            self.on_word("Green wires", FadeIn(legend[0]), run_time=1.0)
            self.on_word("red wires", FadeIn(legend[1]), Create(singled[1][0]), FadeIn(singled[1][1:]),
                    run_time=1.0)
            self.on_word("negative ones", Indicate(singled[1][2], scale_factor=1.4), run_time=1.2)
        self.play(FadeOut(VGroup(*singled, legend)), run_time=0.5)

        grid = PixelGrid(digit.image, height=2.2).move_to(5.6 * LEFT + 0.6 * DOWN)
        arrow = Arrow(grid.get_right(), diagram.braces[0].get_left() if len(diagram.braces) else inputs.get_left(),
                      buff=0.12, color=theme.dim_text)
        activations = diagram.activations_for(digit.image)
        diagram.activations = activations
        diagram.prediction = int(np.argmax(activations[-1]))
        self.output_activations = activations[-1]
        self.prediction = diagram.prediction
        self.true_label = digit.label
        layer_words = ["first hidden layer", "in the second", "the output layer"] if len(hidden) == 2 else None
        with self.beat(f"Here is how it runs. Feed in this image of a {digit.name}, and each input neuron takes "
                       "the brightness of its pixel. That pattern lights a pattern in the first hidden layer. That "
                       "one lights a pattern in the second. And the second lights up the output layer."
                       if layer_words else
                       f"Here is how it runs. Feed in this image of a {digit.name}, and each input neuron takes "
                       "the brightness of its pixel. Each layer's pattern of activations then lights the next "
                       "layer, all the way to the output layer."):
            self.play(FadeOut(marks), run_time=0.5)
            self.on_word("Feed in", FadeIn(grid), Create(arrow), run_time=1.0)
            self.on_word("the brightness", diagram.light_layer(0, activations[0], 1.5), run_time=1.5)
            for layer in range(1, len(activations)):
                key = layer_words[layer - 1] if layer_words else ("the next" if layer == 1 else None)
                if key:
                    self.wait_until(key)
                self.play(diagram.light_layer(layer, activations[layer], 1.6), run_time=0.2 if self.brisk else 1.6)

        trained = label("computed from\nthe real, trained\nweights", size=NAME_SIZE, dim=True)
        trained.next_to(grid, DOWN, buff=0.35)
        with self.beat("So the activations of one layer decide the activations of the next. Everything lit here "
                       "is computed from the real, trained weights of our network."):
            self.on_word("one layer decide", Succession(*(diagram.edge_pulse(g) for g in range(len(gaps)))),
                    run_time=2.5)
            self.on_word("computed from", FadeIn(trained), run_time=1.0)
            self.on_word("trained weights", Indicate(trained, color=theme.accent, scale_factor=1.1), run_time=1.2)

        values = VGroup(*(number(self.output_activations[c.index], 2, size=VALUE_SIZE, color=theme.dim_text)
                          .next_to(diagram.output_labels[k], RIGHT, buff=0.3)
                          for k, c in enumerate(outputs)))
        column_x = max(t.get_right()[0] for t in diagram.output_labels) + 0.3
        for value in values:
            value.align_to([column_x, 0, 0], LEFT)
        self.output_values = values
        answer = self.prediction
        top = float(self.output_activations[answer])
        ranked = sorted(range(len(self.output_activations)), key=lambda d: -self.output_activations[d])
        runner_up = ranked[1]
        second = float(self.output_activations[runner_up])
        at = [c.index for c in outputs]
        second_said = format_number(second, 2) if second >= 0.005 else "less than 0.01"
        with self.beat(f"The numbers beside the outputs are their activations. The {answer} neuron is the "
                       f"brightest, at {format_number(top, 2)}. The next brightest, the {runner_up} neuron, holds "
                       f"{second_said}."):
            self.on_word("The numbers", LaggedStart(*(FadeIn(v) for v in values), lag_ratio=0.1), run_time=1.5)
            self.on_word("activations", Indicate(values, color=theme.accent, scale_factor=1.1), run_time=1.2)
            self.on_word(f"The {answer} neuron", Circumscribe(outputs[at.index(answer)], color=theme.accent),
                    run_time=1.2)
            self.on_word("brightest, at", Indicate(values[at.index(answer)], color=theme.accent), run_time=1.2)
            self.on_word("next brightest", Circumscribe(outputs[at.index(runner_up)], color=theme.accent),
                    run_time=1.2)
            self.on_word("holds", Indicate(values[at.index(runner_up)], color=theme.accent), run_time=1.2)

        box = diagram.mark_answer(answer)
        if digit.label is None:
            verdict = f"We do not know what you meant to write, but the network reads it as a {answer}."
            said = f"answer: {answer}"
        elif digit.label == answer:
            verdict = f"The image is labelled {digit.label}, so this time the network is right."
            said = f"labelled {digit.label}: right"
        else:
            verdict = (f"But the image is labelled {digit.label}: the network is wrong here. Even a trained "
                       "network makes mistakes, and we will look at them honestly in chapter 2.")
            said = f"labelled {digit.label}: wrong"
        result = label(said, size=NAME_SIZE + 2, color=theme.accent).next_to(grid, UP, buff=0.35)
        result.set_x(grid.get_x())
        if result.get_left()[0] < -6.8:                            # kept inside the frame
            result.shift((-6.8 - result.get_left()[0]) * RIGHT)
        with self.beat(f"The brightest output neuron is the network's answer: a {answer}. {verdict}"):
            self.on_word("brightest output", Indicate(outputs[at.index(answer)], color=theme.accent,
                                                       scale_factor=1.4), run_time=1.2)
            self.on_word("answer", Create(box), run_time=1.0)
            key = "We do not know" if digit.label is None else "labelled"
            self.on_word(key, FadeIn(result, shift=0.2 * UP), run_time=1.0)
            self.play(Indicate(result, color=theme.accent, scale_factor=1.1), run_time=0.2 if self.brisk else 1.2)

        with self.beat("So the whole network is layers of numbers driving layers of numbers. Why should that be "
                       "able to read handwriting? And what might the hidden layers be doing? That comes next."):
            self.on_word("layers of numbers", Succession(*(diagram.edge_pulse(g) for g in range(len(gaps)))),
                    run_time=3.0)
            self.on_word("read handwriting", Circumscribe(grid, color=theme.accent), run_time=1.2)
            if len(hidden):
                self.on_word("hidden layers", Circumscribe(hidden, color=theme.accent), run_time=1.2)
                self.on_word("That comes next", FadeIn(marks, scale=0.6), run_time=1.0)
        self.diagram = diagram
