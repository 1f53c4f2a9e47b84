"""Chapter 2, scene 9: learning -- the shipped network's own training run replayed: the cost falling epoch by
epoch, the test digits it gets right, and its first-layer weights changing."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, rate_functions

from nnlib.experiments import default_path, load_experiment
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, percent
from scenes.content.chapter2.results_common import right_counter, shipped_note
from scenes.content.components import HeatmapSheet, LinePlot, format_number, label


def first_layer(checkpoint: np.ndarray, sizes) -> np.ndarray:
    """The weights into the first hidden layer, out of a flat parameter checkpoint."""
    return np.asarray(checkpoint[:sizes[0] * sizes[1]], dtype=np.float64).reshape(sizes[1], sizes[0])


class Learning(ExplainerScene):
    """The precomputed training run of the shipped network (assets/learning_run.npz): cost per epoch, test digits
    right, first-layer heatmaps at the checkpoints.

    Exposes ``shown_costs``, ``shown_correct`` (per epoch), ``shown_total``, ``settings``, ``counter`` (the count
    on screen at the end) and ``run_matches_network`` (whether the run ends at the network in force).
    """

    def construct(self) -> None:
        theme = self.theme
        run = load_experiment(default_path("learning"), "learning")
        settings = self.settings = run.metadata["settings"]
        sizes = settings["sizes"]
        epochs, costs, correct = run["epoch"], run["train_cost"], run["test_correct"]
        total = self.shown_total = int(settings["test_images"])
        self.shown_costs, self.shown_correct = costs.copy(), correct.astype(int).copy()
        last = int(epochs[-1])

        heading = self.title("Learning: gradient descent, starting from random weights")
        note = shipped_note(run.command)
        top = float(np.ceil(costs[1] * 10) / 10)  # epoch 0 (random weights) is far above: written, not drawn
        plot = LinePlot((0, float(last)), (0, top), width=6.0, height=3.4, x_ticks=[0, last // 3, 2 * last // 3, last],
                        y_ticks=[top / 2, top], x_name="epoch (one pass over the training digits)",
                        y_name="average cost on the training digits").to_edge(LEFT, buff=0.9).shift(0.1 * UP)
        start_note = label(f"epoch 0 (random): {format_number(costs[0], 2)}, far above", size=16, dim=True)
        start_note.next_to(plot.point(1, top), RIGHT, buff=0.2).shift(0.1 * DOWN)
        marks = [int(m) for m in run["checkpoint_epochs"]]
        sheet = HeatmapSheet(first_layer(run["checkpoints"][0], sizes), columns=4, height=3.6)
        sheet.to_edge(RIGHT, buff=0.8).shift(0.2 * UP)
        sheet_label = label("first-layer weights, epoch 0", size=20, dim=True).next_to(sheet, UP, buff=0.15)
        counter = right_counter(int(correct[0]), total, "epoch 0: test digits right", theme.accent)
        counter.to_edge(DOWN, buff=0.55)
        with self.beat(f"Now let gradient descent loose. This is the real training run of our network: it starts from "
                       f"random weights, seed {settings['seed']}, and goes through the "
                       f"{count(settings['train_images'])} training digits in random mini-batches of "
                       f"{count(settings['batch_size'])}, taking one small downhill step per batch with a learning "
                       f"rate of {format_number(settings['learning_rate'], 1)}. Before any step, its average cost is "
                       f"{format_number(costs[0], 2)}, and it gets {count(int(correct[0]))} of the {count(total)} "
                       "test digits right: about what guessing would give.") as beat:
            self.play(FadeIn(heading), FadeIn(note), FadeIn(plot), FadeIn(start_note), run_time=beat.share(0.3))
            self.play(FadeIn(sheet), FadeIn(sheet_label), FadeIn(counter), run_time=beat.share(0.3))

        shown = [e for e in range(1, len(epochs)) if e <= 5 or e % 5 == 0 or e == len(epochs) - 1]
        with self.beat(f"Each pass through all the training digits is called an epoch. After just one, the cost has "
                       f"dropped to {format_number(costs[1], 2)} and {count(int(correct[1]))} test digits come out "
                       f"right. After that, progress slows: each epoch shaves a little more off the cost. On the right, "
                       "the weights into the first hidden layer change as they are nudged, again and again. After "
                       f"{count(last)} epochs the cost is {format_number(costs[-1], 3)}, and the network gets "
                       f"{count(int(correct[-1]))} of the {count(total)} test digits right, "
                       f"{percent(correct[-1] / total, 2)}.") as beat:
            step = beat.share(0.85 / len(shown))
            previous = 1
            for e in shown:
                segment = (Dot(plot.point(float(epochs[1]), float(costs[1])), radius=0.05, color=theme.accent)
                           if e == 1 else plot.series(epochs[previous:e + 1], costs[previous:e + 1], theme.accent))
                self.remove(counter)  # a counter ticks over at once (morphing one number into another garbles it)
                counter = right_counter(int(correct[e]), total, f"epoch {int(epochs[e])}: test digits right",
                                        theme.accent).to_edge(DOWN, buff=0.55)
                self.add(counter)
                animations = [FadeIn(segment) if e == 1 else Create(segment)]
                for k in [k for k, m in enumerate(marks) if previous < m <= e or m == e == 1]:
                    new_sheet = HeatmapSheet(first_layer(run["checkpoints"][k], sizes), columns=4,
                                             height=3.6).move_to(sheet)
                    new_label = label(f"first-layer weights, epoch {marks[k]}", size=20, dim=True).move_to(sheet_label)
                    animations += [FadeOut(sheet), FadeIn(new_sheet)]
                    self.remove(sheet_label)
                    sheet, sheet_label = new_sheet, new_label
                    self.add(sheet_label)
                self.play(*animations, run_time=step, rate_func=rate_functions.linear)
                previous = e
        self.counter = counter

        final = np.asarray(run["checkpoints"][-1], dtype=np.float64)
        mine = self.network.parameters_vector()
        self.run_matches_network = bool(marks[-1] == last and final.shape == mine.shape
                                        and np.allclose(final, mine, atol=1e-5))
        which = ("That final network is exactly the one every other scene of this video shows."
                 if self.run_matches_network else
                 "This run is the shipped network's; the network you chose learned in a run of its own.")
        with self.beat("Notice what made this possible. Nobody told the network about loops or strokes. All it ever "
                       "received was the cost and its gradient: which way to nudge each weight and bias so that the "
                       "answers on the training digits become a little less wrong. Repeat that enough times and a "
                       f"random network becomes a useful one. {which}") as beat:
            self.play(sheet.animate.scale(1.05), run_time=beat.share(0.2))
            self.play(sheet.animate.scale(1 / 1.05), run_time=beat.share(0.2))
