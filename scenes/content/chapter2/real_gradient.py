"""Chapter 2, scene 7: the real gradient -- one nudge for each of the network's weights and biases, computed by
backpropagation on a mini-batch of training digits -- and one step of gradient descent taken with it."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, ORIGIN, RIGHT, UP, Create, FadeIn, SurroundingRectangle, VGroup

from nnlib.analysis import describe_parameter, gradient_nudges, mini_batch
from nnlib.assets import load_sample
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, random_network
from nnlib.toys import THREE_TO_ONE
from scenes.content.components import NudgeColumn, format_number, formula, label

BATCH = 10


class RealGradient(ExplainerScene):
    """Minus the gradient of the random network's cost on a seeded mini-batch of shipped training digits, as a
    column of nudges beside the parameters; then the cost before and after one step along it.

    Exposes ``shown_nudges`` (parameter index -> nudge), ``biggest_ratio`` (largest nudge / mean nudge size),
    ``example_gradient`` (the toy's gradient at (1, 1)), ``learning_rate`` and ``costs_before_after``.
    """

    def construct(self) -> None:
        theme = self.theme
        net, sample = random_network(self), load_sample()
        batch = mini_batch(len(sample.labels), BATCH, seed=self.options.seed)
        images, labels = sample.images[batch], sample.labels[batch]
        grad = gradient_nudges(net, images, labels)
        params = net.parameters_vector()
        first_layer = net.weights[0].size
        picks = list(grad.largest(3)) + [int(np.argmax(grad.nudges)), int(np.argmax(np.abs(grad.nudges[:first_layer])))]
        shown = sorted({int(i) for i in picks})
        tail = [net.parameter_count - 1]
        self.shown_nudges = {i: float(grad.nudges[i]) for i in shown + tail}

        heading = self.title(f"The real gradient: {count(net.parameter_count)} nudges")
        sub = label(f"the random network (seed {self.options.seed}), on a mini-batch of {grad.batch_size} "
                    f"training digits: cost {format_number(grad.cost, 2)}", size=20, dim=True)
        sub.next_to(heading, DOWN, buff=0.15)
        w_col = NudgeColumn(params, shown, tail, decimals=2, bars=False, colour_by_sign=False)
        g_col = NudgeColumn(grad.nudges, shown, tail, decimals=3, bars=True)
        names = VGroup(*(label(str(net.parameter_location(i)), size=16, dim=True, mono=True)
                         .move_to([0, w_col.rows[i].get_y(), 0]).align_to(ORIGIN, RIGHT) for i in shown + tail))
        w_col.next_to(names, RIGHT, buff=0.4)
        g_col.next_to(w_col, RIGHT, buff=1.1)
        block = VGroup(names, w_col, g_col).to_edge(LEFT, buff=0.5).shift(0.4 * DOWN)
        headers = VGroup(label("parameters", size=20).next_to(w_col, UP, buff=0.2),
                         label("minus the gradient", size=20, color=theme.accent).next_to(g_col, UP, buff=0.2))
        with self.beat(f"Back to the real network. Its cost has {count(net.parameter_count)} inputs, far too many "
                       "to draw, but the rule carries over unchanged. The gradient is now a list with one entry per "
                       "weight and bias. On the left are a few of the random network's parameters; on the right, "
                       f"minus the gradient of its cost on {count(grad.batch_size)} training digits, worked out by "
                       "backpropagation, the algorithm of the next chapter.") as beat:
            self.play(FadeIn(heading), FadeIn(sub), run_time=beat.share(0.2))
            self.play(FadeIn(names), FadeIn(w_col), FadeIn(headers[0]), run_time=beat.share(0.3))
            self.play(FadeIn(g_col), FadeIn(headers[1]), run_time=beat.share(0.3))

        top = int(grad.largest(1)[0])
        mean = float(np.mean(np.abs(grad.nudges)))
        self.biggest_ratio = ratio = abs(grad.nudges[top]) / mean if mean > 0 else float("inf")
        where = describe_parameter(net.parameter_location(top))
        info = VGroup(label("the biggest nudge:", size=20, dim=True), label(where, size=20),
                      label(f"{format_number(ratio, 0)}× the average nudge size", size=20, color=theme.accent),
                      label(f"shown: the 3 largest of {count(net.parameter_count)}, the largest upward one\n"
                            "and the largest on a pixel's weight", size=16, dim=True)
                      ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        info.next_to(g_col, RIGHT, buff=0.7).to_edge(UP, buff=1.9)
        direction = "up" if grad.nudges[top] > 0 else "down"
        with self.beat("Read each entry as a nudge. Its sign says which way that parameter should move to lower the "
                       "cost: green for up, red for down. Its size says how much the cost cares. The biggest nudge "
                       f"here belongs to the {where}: it should go {direction}, and it matters "
                       f"{format_number(ratio, 0)} times as much as the average parameter.") as beat:
            self.play(Create(SurroundingRectangle(g_col.rows[top], color=theme.accent)), FadeIn(info),
                      run_time=beat.share(0.4))

        gx, gy = (float(v) for v in THREE_TO_ONE.gradient(1.0, 1.0))
        self.example_gradient = (gx, gy)
        example = VGroup(label("a toy to read a gradient by:", size=20, dim=True),
                         formula(THREE_TO_ONE.formula, size=30),
                         label(f"gradient at (1, 1) = ({format_number(gx, 0)}, {format_number(gy, 0)}): nudging x "
                               f"matters\n{format_number(gx / gy, 0)}× as much as nudging y", size=20)
                         ).arrange(DOWN, aligned_edge=LEFT, buff=0.2).next_to(info, DOWN, buff=0.5, aligned_edge=LEFT)
        with self.beat("A tiny made-up example shows this reading. For the toy cost three halves x squared plus "
                       f"one half y squared, the gradient at the point one, one is {format_number(gx, 0)} and "
                       f"{format_number(gy, 0)}: a change in x moves the cost {format_number(gx / gy, 0)} times as "
                       "much as the same change in y. The network's gradient ranks its parameters the same way, by "
                       "how much each one matters right now.") as beat:
            self.play(FadeIn(example), run_time=beat.share(0.3))

        training = self.network.metadata.get("training", {})
        rate = float(training.get("learning_rate", 3.0)) if isinstance(training, dict) else 3.0
        self.learning_rate = rate
        after = float(net.with_parameters(params + rate * grad.nudges).cost(images, labels))
        self.costs_before_after = (float(grad.cost), after)
        step = VGroup(label(f"one step, learning rate {format_number(rate, 1)}:", size=20, dim=True),
                      label(f"cost on these digits {format_number(grad.cost, 3)} → {format_number(after, 3)}",
                            size=22, color=theme.positive if after < grad.cost else theme.negative)
                      ).arrange(DOWN, aligned_edge=LEFT, buff=0.15).next_to(example, DOWN, buff=0.45,
                                                                           aligned_edge=LEFT)
        with self.beat(f"One step of learning is then simple: add {format_number(rate, 1)} times this column of "
                       f"nudges to the parameters. On these {count(grad.batch_size)} digits the cost goes from "
                       f"{format_number(grad.cost, 3)} to {format_number(after, 3)}. Working out the exact gradient "
                       "over all the training data for every step would be slow, so training uses a small random "
                       "batch of digits each time: quick, slightly careless steps that head downhill on average. "
                       "That is stochastic gradient descent.") as beat:
            self.play(FadeIn(step), run_time=beat.share(0.3))
