"""Chapter 2, scene 15 (the close): three layers of complexity -- the network is a function, its cost is a function
of the network's parameters, and the gradient of the cost says which nudges matter -- with the real numbers of the
network in force."""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, Arrow, Create, FadeIn, Group, VGroup

from nnlib.analysis import gradient_nudges
from nnlib.training_data import training_digits
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import boxed, count, percent, random_network
from scenes.content.components import format_number, formula, label

#: How many of the gradient's largest entries the scene weighs against the rest.
TOP_NUDGES = 100


class ThreeLayersOfComplexity(ExplainerScene):
    """Three boxes -- network function, cost function, gradient -- each with its inputs and outputs counted from
    the network in force and a measured number: the cost of the trained and of a random network over the training
    digits, and the gradient's length and how concentrated it is.

    Exposes ``shown_cost``, ``random_cost``, ``shown_gradient_norm``, ``top_share`` (share of the gradient's squared
    length in its ``TOP_NUDGES`` largest entries), ``digits_description`` and ``boxes``.
    """

    def construct(self) -> None:
        theme, net = self.theme, self.network
        digits = training_digits()
        self.digits_description = digits.description
        n = net.parameter_count
        self.shown_cost = float(net.cost(digits.images, digits.labels))
        start = random_network(self)
        self.random_cost = float(start.cost(digits.images, digits.labels))
        grad = gradient_nudges(net, digits.images, digits.labels)
        self.shown_gradient_norm = grad.norm
        self.top_share = grad.share_of_largest(TOP_NUDGES)

        heading = self.title("Three layers of complexity")
        squish = "sigma" if net.hidden_activation == "sigmoid" else "op(\"ReLU\")"
        parts = [("the network", f"a' = {squish}(W a + b)", f"{count(net.sizes[0])} pixels in, {count(net.sizes[-1])} "
                  "numbers out", f"shaped by {count(n)} weights and biases"),
                 ("its cost", "C = 1/n sum_k sum_j (a_j - y_j)^2", f"{count(n)} parameters in, 1 number out",
                  f"trained: {format_number(self.shown_cost, 3)}, random: {format_number(self.random_cost, 2)}"),
                 ("the cost's gradient", "-nabla C", f"{count(n)} in, {count(n)} nudges out",
                  f"the {count(TOP_NUDGES)} biggest: {percent(self.top_share, 0)} of its length²")]
        boxes = Group()
        for name, math, in_out, fact in parts:
            body = VGroup(label(name, size=26, color=theme.accent), formula(math, size=28),
                          label(in_out, size=17), label(fact, size=17, dim=True)).arrange(DOWN, buff=0.25)
            boxes.add(boxed(body, buff=0.25))
        boxes.arrange(RIGHT, buff=0.7).shift(0.2 * DOWN)
        if boxes.width > 13.4:
            boxes.scale_to_fit_width(13.4)
        self.boxes = boxes
        arrows = VGroup(*(Arrow(left.get_right(), right.get_left(), buff=0.08, color=theme.dim_text)
                          for left, right in zip(boxes[:-1], boxes[1:])))
        note = label(f"cost and gradient measured on {digits.description}", size=18, dim=True).to_edge(DOWN, buff=0.4)

        with self.beat("Let us step back and count the layers of what we have built. First, the network itself: a "
                       f"function that takes {count(net.sizes[0])} pixel values and returns {count(net.sizes[-1])} "
                       f"numbers, its guesses. How it does that is set by {count(n)} weights and biases.") as beat:
            self.play(FadeIn(heading), FadeIn(boxes[0]), run_time=beat.share(0.4))

        with self.beat("On top of it sits the cost. It turns the question around: its inputs are the "
                       f"{count(n)} weights and biases, and its single output says how badly the network does on the "
                       f"training digits. Measured on {digits.description}, our trained network scores "
                       f"{format_number(self.shown_cost, 3)}; a random network of the same shape scores "
                       f"{format_number(self.random_cost, 2)}.") as beat:
            self.play(Create(arrows[0]), FadeIn(boxes[1]), FadeIn(note), run_time=beat.share(0.4))

        with self.beat("And on top of the cost sits its gradient: again all the parameters in, but now one nudge "
                       "out for each of them, saying which way it should move and how much that matters. Even for "
                       f"our trained network the nudges are far from equal: the {count(TOP_NUDGES)} biggest, out of "
                       f"{count(n)}, carry {percent(self.top_share, 0)} of the gradient's total size, counted as the "
                       "sum of the squares.") as beat:
            self.play(Create(arrows[1]), FadeIn(boxes[2]), run_time=beat.share(0.4))

        rule = VGroup(label("learning:", size=22, dim=True), formula("W <- W - eta nabla C", size=30, color=theme.accent),
                      label("again and again", size=22, dim=True)).arrange(RIGHT, buff=0.3)
        rule.next_to(boxes, DOWN, buff=0.6)
        with self.beat("Network, cost, gradient: each built on the one before, and learning is nothing more than "
                       "following the last one downhill, one small step at a time. These ideas are old, from the "
                       "nineteen eighties and nineties, and they are still the starting point of today's far larger "
                       "networks. What remains is how the gradient is actually computed, so quickly: "
                       "backpropagation, in the next chapter.") as beat:
            self.play(FadeIn(rule), run_time=beat.share(0.3))
        self.rule = rule
