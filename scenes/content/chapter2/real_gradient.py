"""Chapter 2, scene 7: the real gradient -- one nudge for each of the network's weights and biases, computed by
backpropagation on a mini-batch of training digits -- read like the toy (3, 1) vector, then used: the parameters
move by the step size times the nudges, batch after batch, while the cost ticks down (stochastic gradient descent).
"""

from __future__ import annotations

import textwrap

import numpy as np
from manim import DOWN, LEFT, ORIGIN, RIGHT, UP, Arrow, Create, DashedLine, FadeIn, FadeOut, GrowArrow, Indicate, \
    SurroundingRectangle, Transform, VGroup

from nnlib.analysis import describe_parameter, gradient_nudges, mini_batch
from nnlib.assets import load_sample
from nnlib.toys import THREE_TO_ONE
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, pulse, random_network
from scenes.content.components import DigitGallery, NudgeColumn, format_number, formula, label, number

BATCH = 10
#: Steps of stochastic gradient descent pictured (each on a fresh mini-batch of the shipped training digits).
SGD_STEPS = 6


def sgd_run(net, images: np.ndarray, labels: np.ndarray, first: np.ndarray, rate: float, steps: int, seed: int):
    """``steps`` steps of stochastic gradient descent from ``net``: the first on the mini-batch ``first``, the rest
    on batches drawn in turn from a seeded shuffle of the other digits. Returns (batches, parameter vectors after
    each step, cost over all ``images`` before and after each step)."""
    rest = np.setdiff1d(np.arange(len(labels)), first)
    rest = np.random.default_rng(seed).permutation(rest)
    batches = [first] + [np.sort(rest[i * len(first):(i + 1) * len(first)]) for i in range(steps - 1)]
    params = net.parameters_vector()
    vectors, costs, current = [], [float(net.cost(images, labels))], net
    for batch in batches:
        params = params + rate * gradient_nudges(current, images[batch], labels[batch]).nudges
        current = net.with_parameters(params)
        vectors.append(params.copy())
        costs.append(float(current.cost(images, labels)))
    return batches, vectors, costs


class RealGradient(ExplainerScene):
    """Minus the gradient of the random network's cost on a seeded mini-batch of shipped training digits, as a
    column of nudges beside the parameters (their names explained); the toy gradient (3, 1) drawn as a vector;
    then steps of stochastic gradient descent moving the shown parameters while the cost over the shipped digits
    ticks down.

    Exposes ``shown_nudges`` (parameter index -> nudge), ``biggest_ratio`` (largest nudge / mean nudge size),
    ``example_gradient`` (the toy's gradient at (1, 1)), ``learning_rate``, ``costs_before_after`` (on the batch),
    ``sgd_costs`` (over all shipped digits, before and after each pictured step) and ``sgd_batches``.
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
        sub = label(f"the random network (seed {self.options.seed}), on {grad.batch_size} training digits",
                    size=24, dim=True).next_to(heading, DOWN, buff=0.15)
        w_col = NudgeColumn(params, shown, tail, decimals=2, bars=False, colour_by_sign=False, size=24,
                            row_height=0.5)
        g_col = NudgeColumn(grad.nudges, shown, tail, decimals=3, bars=True, size=24, row_height=0.5)
        names = VGroup(*(label(str(net.parameter_location(i)), size=24, dim=True, mono=True)
                         .move_to([0, w_col.rows[i].get_y(), 0]).align_to(ORIGIN, RIGHT) for i in shown + tail))
        w_col.next_to(names, RIGHT, buff=0.35)
        g_col.next_to(w_col, RIGHT, buff=0.8)
        block = VGroup(names, w_col, g_col).to_edge(LEFT, buff=0.35).set_y(0.25)
        headers = VGroup(label("parameters", size=24).next_to(w_col, UP, buff=0.2),
                         label("minus the gradient", size=24, color=theme.accent).next_to(g_col, UP, buff=0.2))
        legend = VGroup(label("w[l][j, k]: weight into neuron j from neuron k", size=24, dim=True),
                        label("b[l][j]: bias of neuron j;  l: which layer, from 0", size=24, dim=True)
                        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1).next_to(block, DOWN, buff=0.3).align_to(block, LEFT)
        pixel_weight = next(net.parameter_location(i) for i in shown if i < first_layer)
        self.named_example = str(pixel_weight)
        with self.beat(f"Back to the real network. Its cost has {count(net.parameter_count)} inputs, far too many "
                       "to draw, but the rule carries over unchanged. <bookmark mark='list'/>The gradient is now a "
                       "list with one entry per weight and bias. <bookmark mark='params'/>On the left are a few of "
                       f"the random network's parameters. <bookmark mark='names'/>A name like w {pixel_weight.layer}, "
                       f"{pixel_weight.row}, {pixel_weight.column} means the weight from input {pixel_weight.column} "
                       f"into neuron {pixel_weight.row} of the first hidden layer. <bookmark mark='nudges'/>On "
                       f"the right is minus the gradient of its cost on {count(grad.batch_size)} training digits. "
                       "<bookmark mark='backprop'/>It is worked out by backpropagation, the algorithm of the next "
                       "chapter."):
            self.play(FadeIn(heading), run_time=1.5)
            self.on_word("13,002 inputs", Indicate(heading, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("rule", FadeIn(sub, shift=0.2 * DOWN), run_time=1.5)
            self.on_word("list", Indicate(heading, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("params", FadeIn(w_col), FadeIn(headers[0]), run_time=1.5)
            self.on_word("names", FadeIn(names, lag_ratio=0.2), FadeIn(legend[0]), run_time=2.0)
            pixel_row = names[(shown + tail).index(next(i for i in shown if i < first_layer))]
            self.on_word("weight from", Indicate(pixel_row, color=theme.accent, scale_factor=1.4), run_time=1.5)
            self.on_word("first hidden", Indicate(legend[0], color=theme.accent), FadeIn(legend[1]), run_time=1.5)
            self.on_word("nudges", FadeIn(g_col, lag_ratio=0.1), FadeIn(headers[1]), run_time=2.0)
            self.on_word("backprop", Indicate(g_col, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("next", Indicate(headers[1], color=theme.accent, scale_factor=1.2), run_time=1.5)

        top = int(grad.largest(1)[0])
        mean = float(np.mean(np.abs(grad.nudges)))
        self.biggest_ratio = ratio = abs(grad.nudges[top]) / mean if mean > 0 else float("inf")
        where = describe_parameter(net.parameter_location(top))
        right_x = g_col.get_right()[0] + 0.6
        info = VGroup(label("the biggest nudge:", size=24, dim=True), label(textwrap.fill(where, 26), size=24),
                      label(f"{format_number(ratio, 0)}× the average nudge size", size=24, color=theme.accent),
                      label(f"shown: the 3 largest of\n{count(net.parameter_count)}, the largest\nupward one, and the "
                            "largest\non a pixel's weight", size=24, dim=True)
                      ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        if info.width > 6.9 - right_x:
            info.scale_to_fit_width(6.9 - right_x)
        info.move_to([right_x, 1.2, 0], aligned_edge=LEFT)
        direction = "up" if grad.nudges[top] > 0 else "down"
        up_row = g_col.rows[int(np.argmax(grad.nudges))]
        down_row = g_col.rows[shown[int(np.argmin(grad.nudges[shown]))]]
        spot = SurroundingRectangle(g_col.rows[top], color=theme.accent)
        with self.beat("Read each entry as a nudge. <bookmark mark='sign'/>Its sign says which way that parameter "
                       "should move to lower the cost: <bookmark mark='up'/>green for up, <bookmark mark='down'/>red "
                       "for down. <bookmark mark='size'/>Its size says how much the cost cares. "
                       f"<bookmark mark='top'/>The biggest nudge here belongs to the {where}. "
                       f"<bookmark mark='ratio'/>It should go {direction}, and it matters "
                       f"{format_number(ratio, 0)} times as much as the average parameter."):
            self.on_word("sign", Indicate(g_col, color=theme.text, scale_factor=1.04), run_time=1.5)
            self.on_word("lower", Indicate(headers[1], color=theme.accent, scale_factor=1.2), run_time=1.5)
            self.on_word("up", Indicate(up_row, scale_factor=1.3), run_time=1.2)
            self.on_word("down", Indicate(down_row, scale_factor=1.3), run_time=1.2)
            self.on_word("size", *(pulse(r[1], 1.4) for r in g_col.rows.values() if len(r) > 1),
                run_time=1.5)
            self.on_word("top", Create(spot), FadeIn(info[:2]), run_time=1.5)
            self.on_word("belongs", Indicate(info[1], color=theme.accent), run_time=1.5)
            self.on_word("ratio", FadeIn(info[2:]), run_time=1.5)
            self.on_word("average parameter", Indicate(info[2], color=theme.accent), run_time=1.5)

        gx, gy = (float(v) for v in THREE_TO_ONE.gradient(1.0, 1.0))
        self.example_gradient = (gx, gy)
        unit = 0.85
        origin = np.array([right_x + 0.4, -2.6, 0])
        axes = VGroup(Arrow(origin + 0.2 * LEFT, origin + (gx * unit + 0.5) * RIGHT, buff=0, color=theme.dim_text,
                            stroke_width=2, max_tip_length_to_length_ratio=0.05),
                      Arrow(origin + 0.2 * DOWN, origin + (gy * unit + 0.5) * UP, buff=0, color=theme.dim_text,
                            stroke_width=2, max_tip_length_to_length_ratio=0.15))
        x_part = Arrow(origin, origin + gx * unit * RIGHT, buff=0, color="#B48CFF", stroke_width=6)
        y_part = Arrow(origin + gx * unit * RIGHT, origin + gx * unit * RIGHT + gy * unit * UP, buff=0,
                       color="#7DF9FF", stroke_width=6)
        vector = Arrow(origin, origin + gx * unit * RIGHT + gy * unit * UP, buff=0, color=theme.accent,
                       stroke_width=7)
        x_text = label(f"{format_number(gx, 0)} along x", size=24, color="#B48CFF").next_to(x_part, DOWN, buff=0.15)
        y_text = label(f"{format_number(gy, 0)} along y", size=24, color="#7DF9FF").next_to(y_part, RIGHT, buff=0.1)
        toy = VGroup(label("a toy to read a gradient by:", size=24, dim=True),
                     formula(THREE_TO_ONE.formula, size=34),
                     label(f"gradient at (1, 1) = ({format_number(gx, 0)}, {format_number(gy, 0)})", size=24,
                           color=theme.accent)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        toy.move_to([right_x, 1.3, 0], aligned_edge=LEFT)
        with self.beat("A tiny made-up example shows this reading. <bookmark mark='toy'/>Take the toy cost three "
                       "halves x squared plus one half y squared. <bookmark mark='vec'/>At the point one, one, its "
                       f"gradient is the vector {format_number(gx, 0)}, {format_number(gy, 0)}: "
                       f"<bookmark mark='gx'/>{format_number(gx, 0)} along x, <bookmark mark='gy'/>"
                       f"{format_number(gy, 0)} along y. <bookmark mark='times'/>A change in x moves the cost "
                       f"{format_number(gx / gy, 0)} times as much as the same change in y. "
                       "<bookmark mark='ranks'/>The network's gradient ranks its parameters the same way, by how "
                       "much each one matters right now."):
            self.play(FadeOut(info), run_time=0.8)
            self.on_word("toy", FadeIn(toy[:2]), Create(axes), run_time=1.5)
            self.on_word("squared", Indicate(toy[1], color=theme.accent), run_time=1.5)
            self.on_word("vec", GrowArrow(vector), FadeIn(toy[2]), run_time=1.5)
            self.on_word("gx", GrowArrow(x_part), FadeIn(x_text), run_time=1.2)
            self.on_word("gy", GrowArrow(y_part), FadeIn(y_text), run_time=1.2)
            self.on_word("times", Indicate(x_part, scale_factor=1.15, color=theme.text), run_time=1.5)
            self.on_word("same change", Indicate(y_part, scale_factor=1.15, color=theme.text), run_time=1.5)
            self.on_word("ranks", FadeOut(VGroup(toy, axes, x_part, y_part, vector, x_text, y_text)),
                spot.animate.move_to(g_col.rows[top]).set_color(theme.text), run_time=1.5)
            self.play(Indicate(g_col.rows[top], color=theme.accent, scale_factor=1.3), run_time=1.5)
            self.on_word("matters", *(Indicate(r, color=theme.accent) for r in g_col.rows.values()), run_time=1.5)

        training = self.network.metadata.get("training", {})
        rate = float(training.get("learning_rate", 3.0)) if isinstance(training, dict) else 3.0
        self.learning_rate = rate
        batches, vectors, all_costs = sgd_run(net, sample.images, sample.labels, batch, rate, SGD_STEPS,
                                              self.options.seed)
        self.sgd_batches, self.sgd_costs = batches, all_costs
        after = float(net.with_parameters(vectors[0]).cost(images, labels))
        self.costs_before_after = (float(grad.cost), after)

        def column_after(vector: np.ndarray) -> NudgeColumn:
            return NudgeColumn(vector, shown, tail, decimals=2, bars=False, colour_by_sign=False, size=24,
                               row_height=0.5).move_to(w_col)

        rule = VGroup(label("parameters  +=", size=24), number(rate, 0 if rate.is_integer() else 1, size=24, color=theme.accent),
                      label("× nudges", size=24)).arrange(RIGHT, buff=0.15)
        rule.move_to([right_x, 2.0, 0], aligned_edge=LEFT)
        step_size = label(f"{format_number(rate, 0 if rate.is_integer() else 1)}: our training's step size",
                          size=24, dim=True)
        step_size.next_to(rule, DOWN, aligned_edge=LEFT, buff=0.12)
        batch_cost = VGroup(label("cost on these 10 digits:", size=24, dim=True),
                            number(grad.cost, 3, size=28)).arrange(RIGHT, buff=0.2)
        batch_cost.next_to(step_size, DOWN, aligned_edge=LEFT, buff=0.35)
        new_batch_cost = number(after, 3, size=28, color=theme.accent).move_to(batch_cost[1], aligned_edge=LEFT)
        with self.beat("One step of learning is then simple. <bookmark mark='add'/>Add the step size times this "
                       "column of nudges to the parameters. <bookmark mark='three'/>Our training used a step size "
                       f"of {format_number(rate, 0)}. <bookmark mark='move'/>Watch the parameters move. "
                       f"<bookmark mark='cost'/>On these {count(grad.batch_size)} digits the cost falls "
                       f"from {format_number(grad.cost, 3)} <bookmark mark='to'/>to {format_number(after, 3)}."):
            self.play(FadeOut(spot), run_time=0.6)
            self.on_word("add", FadeIn(rule), run_time=1.5)
            self.on_word("column", Indicate(g_col, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("three", FadeIn(step_size), Indicate(rule[1], color=theme.accent, scale_factor=1.5),
                run_time=1.5)
            self.on_word("move", Transform(w_col, column_after(vectors[0])),
                *(Indicate(r, color=theme.accent, scale_factor=1.2) for r in g_col.rows.values()), run_time=2.0)
            self.on_word("cost", FadeIn(batch_cost), run_time=1.0)
            self.on_word("to", Transform(batch_cost[1], new_batch_cost), run_time=1.2)

        thumbs = DigitGallery(sample.images[batches[0]], None, columns=BATCH, tile_height=0.5)
        thumbs.move_to([right_x, -0.6, 0], aligned_edge=LEFT)
        if thumbs.get_right()[0] > 6.9:
            thumbs.scale_to_fit_width(6.9 - right_x).move_to([right_x, -0.6, 0], aligned_edge=LEFT)
        thumbs_title = label("this step's mini-batch:", size=24, dim=True).next_to(thumbs, UP, aligned_edge=LEFT,
                                                                                    buff=0.12)
        all_title = label(f"cost on all {count(len(sample.labels))} shipped\ntraining digits:", size=24, dim=True)
        all_title.next_to(thumbs, DOWN, aligned_edge=LEFT, buff=0.35)
        all_cost = number(all_costs[0], 3, size=28).next_to(all_title, DOWN, aligned_edge=LEFT, buff=0.15)
        step_counter = label("after step 1", size=24, dim=True).next_to(all_cost, RIGHT, buff=0.4)
        with self.beat("Working out the exact gradient over all the training data for every step would be slow. "
                       f"<bookmark mark='batch'/>So training takes a small random batch of {count(BATCH)} digits "
                       "each time, <bookmark mark='steps'/>steps, and moves on to the next batch. "
                       f"<bookmark mark='all'/>Over all {count(len(sample.labels))} shipped training digits, the "
                       f"cost falls from {format_number(all_costs[0], 2)} to {format_number(all_costs[-1], 2)} in "
                       f"{count(SGD_STEPS)} steps. <bookmark mark='careless'/>Each step is a little careless, but "
                       "on average they head downhill. <bookmark mark='sgd'/>That is stochastic gradient descent."):
            self.play(FadeOut(VGroup(batch_cost)), run_time=1.0)
            self.on_word("exact", Indicate(g_col, color=theme.accent, scale_factor=1.05), run_time=1.5)
            self.on_word("slow", Indicate(sub, color=theme.accent), run_time=1.5)
            self.on_word("batch", FadeIn(thumbs_title), FadeIn(thumbs, shift=0.2 * LEFT), run_time=1.5)
            self.on_word("each time", Indicate(thumbs_title, color=theme.accent), run_time=1.5)
            self.on_word("steps", Indicate(rule, color=theme.accent), run_time=1.5)
            self.on_word("all", FadeIn(all_title), FadeIn(all_cost), run_time=1.0)
            per_step = max(min(self.until("sgd") / SGD_STEPS, 2.0), 0.5)
            for k in range(SGD_STEPS):
                new_thumbs = DigitGallery(sample.images[batches[k]], None, columns=BATCH, tile_height=0.5)
                new_thumbs.replace(thumbs)
                new_cost = number(all_costs[k + 1], 3, size=28, color=theme.accent).move_to(all_cost,
                                                                                          aligned_edge=LEFT)
                counter = label(f"after step {k + 1}", size=24, dim=True).move_to(step_counter, aligned_edge=LEFT)
                anims = [Transform(w_col, column_after(vectors[k])), Transform(all_cost, new_cost),
                         Transform(step_counter, counter) if k else FadeIn(step_counter)]
                if k:
                    anims.append(FadeOut(thumbs, shift=0.3 * UP))
                    thumbs = new_thumbs
                    anims.append(FadeIn(thumbs, shift=0.3 * UP))
                self.play(*anims, run_time=per_step)
            self.on_word("sgd", Indicate(all_cost, color=theme.accent, scale_factor=1.3), run_time=1.5)
