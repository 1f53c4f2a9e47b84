"""Chapter 2, scene 15 (the close): three layers of complexity -- the network is a function, its cost is a function
of the network's parameters, and the gradient of the cost says which nudges matter -- with the real numbers of the
network in force."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Circumscribe, Create, FadeIn, FadeOut, GrowArrow, Group, Indicate, VGroup,
                   Write)

from nnlib import NNLibError
from nnlib.analysis import gradient_nudges
from nnlib.experiments import default_path, load_experiment
from nnlib.training_data import training_digits
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import boxed, count, percent, random_network
from scenes.content.components import format_number, formula, label

#: How many of the gradient's largest entries the scene weighs against the rest.
TOP_NUDGES = 100


def whole_training_cost(net) -> tuple[int, float] | None:
    """(training digits, average cost) over every digit the network learned from, as the shipped learning run
    measured it after its last epoch, when that run ends at exactly this network (else None: not measured here)."""
    try:
        run = load_experiment(default_path("learning"), "learning")
    except NNLibError:
        return None
    final = np.asarray(run["checkpoints"][-1], dtype=np.float64)
    mine = net.parameters_vector()
    if final.shape != mine.shape or not np.allclose(final, mine, atol=1e-5):
        return None
    return int(run.metadata["settings"]["train_images"]), float(run["train_cost"][-1])


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
        self.cost_over_training = whole_training_cost(net)

        heading = self.title("Three layers of complexity")
        squish = "sigma" if net.hidden_activation == "sigmoid" else "op(\"ReLU\")"
        parts = [("the network", f"a' = {squish}(W a + b)", f"{count(net.sizes[0])} pixels in, {count(net.sizes[-1])} "
                  "numbers out", f"set by {count(n)} weights and biases"),
                 ("its cost", "C = 1/n sum_k sum_j (a_j - y_j)^2", f"{count(n)} parameters in, 1 number out",
                  f"{count(digits.count)} digits: trained {format_number(self.shown_cost, 3)}, random "
                  f"{format_number(self.random_cost, 2)}"),
                 ("the cost's gradient", "-nabla C", f"{count(n)} in, {count(n)} nudges out",
                  f"{count(TOP_NUDGES)} biggest: {percent(self.top_share, 0)} of its length²")]
        boxes = Group()
        for name, math, in_out, fact in parts:
            words = VGroup(label(in_out, size=24), label(fact, size=24, dim=True)).arrange(DOWN, aligned_edge=LEFT,
                                                                                        buff=0.12)
            body = VGroup(label(name, size=28, color=theme.accent), formula(math, size=44), words)
            VGroup(body[0], body[1]).arrange(DOWN, aligned_edge=LEFT, buff=0.15).move_to([-3.6, 0, 0])
            VGroup(body[0], body[1]).align_to([-6.2, 0, 0], LEFT)
            words.next_to([-0.4, 0, 0], RIGHT, buff=0)
            boxes.add(boxed(body, buff=0.15))
        boxes.arrange(DOWN, buff=0.4, aligned_edge=LEFT).next_to(heading, DOWN, buff=0.3)
        if boxes.width > 13.4:
            boxes.scale_to_fit_width(13.4)
        self.boxes = boxes
        arrows = VGroup(*(Arrow(upper.get_bottom(), lower.get_top(), buff=0.04, color=theme.dim_text)
                          for upper, lower in zip(boxes[:-1], boxes[1:])))
        note = label(f"cost and gradient measured on {digits.description}", size=24, dim=True).to_edge(DOWN, buff=0.25)

        def parts_of(k: int):
            frame, body = boxes[k]
            return frame, body[0], body[1], body[2][0], body[2][1]

        frame, name, math, in_out, fact = parts_of(0)
        with self.beat("Let us step back and count the layers of what we have built. First, the "
                       "<bookmark mark='network'/>network itself. It is a function that takes "
                       f"<bookmark mark='in'/>{count(net.sizes[0])} pixel values and returns {count(net.sizes[-1])} "
                       f"numbers, its guesses. How it does that is set by <bookmark mark='knobs'/>{count(n)} weights "
                       "and biases.") as beat:
            self.play(FadeIn(heading), run_time=self.until("network"))
            self.play(Create(frame), FadeIn(name), run_time=self.until("in"))
            self.play(Write(math), FadeIn(in_out), run_time=self.until("knobs"))
            self.play(FadeIn(fact, shift=0.2 * UP), run_time=1.2)

        frame, name, math, in_out, fact = parts_of(1)
        whole = ""
        if self.cost_over_training is not None:
            whole = (f" <bookmark mark='whole'/>Over all {count(self.cost_over_training[0])} training digits it "
                     f"learned from, its cost was {format_number(self.cost_over_training[1], 3)}.")
            whole_line = label(f"on all {count(self.cost_over_training[0])} training digits (the learning run): "
                               f"{format_number(self.cost_over_training[1], 3)}", size=24, dim=True)
            whole_line.next_to(note, UP, buff=0.25)
        with self.beat("On top of it sits the <bookmark mark='cost'/>cost. It turns the question around. Its "
                       f"<bookmark mark='in'/>inputs are the {count(n)} weights and biases, and its single output says "
                       "how badly the network does on the training digits. On "
                       f"<bookmark mark='measured'/>{digits.description}, our trained network's average cost is "
                       f"{format_number(self.shown_cost, 3)}; a <bookmark mark='rand'/>random network of the same shape scores "
                       f"{format_number(self.random_cost, 2)}.{whole}") as beat:
            self.play(GrowArrow(arrows[0]), Create(frame), FadeIn(name), run_time=self.until("in"))
            self.play(Write(math), FadeIn(in_out), run_time=self.until("measured"))
            self.play(FadeIn(fact, shift=0.2 * UP), FadeIn(note), run_time=1.5)
            self.wait_until("rand")
            self.play(Indicate(fact, color=theme.text), run_time=1.5)
            if whole:
                self.wait_until("whole")
                self.play(FadeIn(whole_line, shift=0.2 * UP), run_time=1.5)
                self.play(Indicate(whole_line, color=theme.text), run_time=1.5)
        if whole:
            self.remove(whole_line)

        frame, name, math, in_out, fact = parts_of(2)
        with self.beat("And on top of the cost sits its <bookmark mark='gradient'/>gradient. Again all the "
                       "parameters go in, but now <bookmark mark='out'/>one nudge comes out for each of them. It says "
                       "<bookmark mark='which'/>which way that parameter should move, and how much that matters. Even for our trained network "
                       f"the nudges are far from equal. The <bookmark mark='top'/>{count(TOP_NUDGES)} biggest, out of "
                       f"{count(n)}, carry {percent(self.top_share, 0)} of the gradient's total size, counted as the "
                       "<bookmark mark='squares'/>sum of the squares.") as beat:
            self.play(GrowArrow(arrows[1]), Create(frame), FadeIn(name), run_time=self.until("out"))
            self.play(Write(math), FadeIn(in_out), run_time=max(min(self.until("which"), 3.0), 0.5))
            self.wait_until("which")
            self.play(Indicate(math, color=theme.accent, scale_factor=1.3), run_time=1.5)
            self.play(Indicate(in_out, color=theme.text), run_time=max(min(self.until("top"), 2.0), 0.5))
            self.wait_until("top")
            self.play(FadeIn(fact, shift=0.2 * UP), run_time=1.5)
            self.wait_until("squares")
            self.play(Indicate(fact, color=theme.text), run_time=1.5)

        rule = VGroup(label("learning:", size=24, dim=True), formula("W <- W - eta nabla C", size=44, color=theme.accent),
                      label("again and again", size=24, dim=True)).arrange(RIGHT, buff=0.3)
        rule.next_to(boxes, DOWN, buff=0.6)
        old = label("ideas from the 1980s and 1990s, still the start of today's networks", size=24, dim=True)
        old.to_edge(DOWN, buff=0.25)
        with self.beat("<bookmark mark='n'/>Network, <bookmark mark='c'/>cost, <bookmark mark='g'/>gradient: each "
                       "built on the one before. Learning is nothing more than following the last one "
                       "<bookmark mark='downhill'/>downhill, one small step at a time, the step size "
                       "<bookmark mark='eta'/>eta. These ideas are <bookmark mark='old'/>old, from the nineteen "
                       "eighties and nineties. They are still the starting point of today's <bookmark mark='today'/>"
                       "far larger networks. What <bookmark mark='remains'/>remains is how the gradient is computed so quickly: "
                       "<bookmark mark='backprop'/>backpropagation, in the next chapter.") as beat:
            for k, mark in enumerate(("c", "g", "downhill")):
                self.play(Indicate(boxes[k][0], color=theme.accent, scale_factor=1.03), run_time=self.until(mark))
            self.play(FadeIn(rule, shift=0.3 * UP), run_time=min(self.until("eta"), 2.0))
            self.wait_until("eta")
            self.play(Indicate(rule[1], color=theme.accent, scale_factor=1.1), run_time=1.5)
            self.wait_until("old")
            self.play(FadeOut(note), FadeIn(old, shift=0.2 * UP), run_time=1.5)
            self.wait_until("today")
            self.play(Indicate(old, color=theme.text), run_time=1.5)
            self.wait_until("remains")
            self.play(Indicate(boxes[2][1][1], color=theme.accent, scale_factor=1.3), run_time=1.5)
            self.wait_until("backprop")
            self.play(Circumscribe(boxes[2], color=theme.accent), run_time=2.0)
        self.rule = rule
