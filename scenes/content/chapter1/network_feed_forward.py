"""Chapter 1, scene 2: the whole network, layer by layer; a real digit fed forward; the brightest output wins."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, Arrow, Create, FadeIn, FadeOut, Indicate, VGroup

from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count, hidden_words
from scenes.content.components import NetworkDiagram, PixelGrid, format_number, label, number


class NetworkFeedForward(ExplainerScene):
    """The 784-16-16-10 network: input, output, hidden layers as question marks; a real digit fed forward through
    the weights in force; the brightest output neuron is the answer.

    Exposes ``output_activations`` (the ten outputs shown), ``prediction`` (the network's answer), ``true_label``
    (None for a user's own image) and ``diagram``.
    """

    def construct(self) -> None:
        net, digit, theme = self.network, self.digit, self.theme
        sizes = net.sizes
        diagram = NetworkDiagram(net, height=6.3, layer_spacing=2.3).shift(1.3 * RIGHT + 0.25 * DOWN)
        inputs, outputs = diagram.neurons[0], diagram.neurons[-1]
        hidden = VGroup(*diagram.neurons[1:-1])
        heading = self.title(" → ".join(str(n) for n in sizes) + " neurons")
        names = VGroup(label("input layer", size=20, dim=True).next_to(inputs, DOWN, buff=0.2),
                       label("output layer", size=20, dim=True).next_to(outputs, DOWN, buff=0.2))
        if len(hidden):
            names.add(label("hidden layers" if len(hidden) > 1 else "hidden layer", size=20, dim=True)
                      .next_to(hidden, DOWN, buff=0.2))
        for name in names:
            name.set_y(names[0].get_y())

        with self.beat(f"Now let's build the network. On the left is the column we just made: {count(sizes[0])} "
                       "input neurons, one for each pixel, each lit as bright as its pixel. Every neuron of one "
                       "layer is wired to every neuron of the next, and each of those wires will carry a number of "
                       "its own, as we will see.") as beat:
            self.play(FadeIn(heading), FadeIn(diagram), FadeIn(names[0]), run_time=beat.share(0.5))
            self.play(Indicate(inputs, color=theme.accent, scale_factor=1.08), run_time=beat.share(0.3))

        with self.beat(f"On the right is the last layer, with {count(sizes[-1])} neurons, one for each digit from "
                       "0 to 9. Each of them also holds a number between 0 and 1, and that number says how much "
                       "the network thinks the image shows its digit. A bright 7 neuron means: this looks like a "
                       "7 to me.") as beat:
            self.play(FadeIn(names[1]), Indicate(VGroup(outputs, diagram.output_labels), color=theme.accent,
                                                 scale_factor=1.08), run_time=beat.share(0.4))

        marks = VGroup(*(label("?", size=20, color=theme.accent).move_to(c) for layer in hidden for c in layer))
        with self.beat(f"In between sit the hidden layers; this network has {hidden_words(sizes)}. The number "
                       "is an arbitrary choice, small enough to draw, and other sizes would work too. What these "
                       "hidden neurons do is the real question of this chapter, so for now, think of them as a big "
                       "question mark.") as beat:
            self.play(*(FadeIn(n) for n in names[2:]), FadeIn(marks, lag_ratio=0.02), run_time=beat.share(0.5))

        grid = PixelGrid(digit.image, height=2.2).to_edge(LEFT, buff=0.5).shift(0.25 * DOWN)
        arrow = Arrow(grid.get_right(), diagram.braces[0].get_left(), buff=0.15, color=theme.dim_text)
        forward = diagram.feed_forward(digit.image, run_time_per_layer=1.0)
        self.output_activations = diagram.activations[-1]
        self.prediction = diagram.prediction
        self.true_label = digit.label
        with self.beat(f"Here is how it runs. Feed in this image of a {digit.name}: every input neuron takes the "
                       "brightness of its pixel. That pattern of activations causes a pattern in the first hidden "
                       "layer, which causes a pattern in the next, and so on, until the output layer lights up. "
                       "Activations in one layer determine the activations in the next. Everything you see lit "
                       "here is computed from the real, trained weights of our network.") as beat:
            self.play(FadeOut(marks), FadeIn(grid), Create(arrow), run_time=beat.share(0.2))
            self.play(forward, run_time=beat.share(0.7))

        values = VGroup(*(number(self.output_activations[c.index], 2, size=16, color=theme.dim_text)
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
        with self.beat(f"The numbers beside the outputs are their activations. The {answer} neuron is the "
                       f"brightest, at {format_number(top, 2)}. The next brightest, the {runner_up} neuron, holds "
                       f"{format_number(second, 3 if second < 0.01 else 2)}.") as beat:
            self.play(FadeIn(values), run_time=beat.share(0.4))
            shown = [c.index for c in outputs].index(answer)
            self.play(Indicate(values[shown], color=theme.accent), run_time=beat.share(0.3))

        box = diagram.mark_answer(answer)
        said = f"The network's answer: {answer}"
        if digit.label is None:
            verdict = (f"We do not know what you meant to write, but the network reads it as a {answer}.")
        elif digit.label == answer:
            said += f"   (the image is labelled {digit.label}: right)"
            verdict = f"The image is labelled {digit.label}, so this time the network is right."
        else:
            said += f"   (the image is labelled {digit.label}: wrong)"
            verdict = (f"But the image is labelled {digit.label}: the network is wrong here. Even a trained "
                       "network makes mistakes, and we will look at them honestly in chapter 2.")
        caption = self.title(said)
        with self.beat(f"The brightest neuron of the output layer is the network's choice: a {answer}. "
                       f"{verdict}") as beat:
            self.play(Create(box), FadeOut(heading), FadeIn(caption), run_time=beat.share(0.4))

        self.say("So the whole network is layers of numbers driving layers of numbers. Why should that be able to "
                 "read handwriting? And what are we hoping those hidden layers might be doing? That comes next.")
        self.diagram = diagram
