"""Chapter 2, scene 9: learning -- the shipped network's own training run replayed: the cost falling epoch by
epoch, the test digits it gets right, and its first-layer weights changing."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Circumscribe, Create, Dot, FadeIn, FadeOut, Group, Indicate, LaggedStart,
                   rate_functions)

from nnlib.experiments import default_path, load_experiment
from nnlib.training_data import training_digits
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, percent
from scenes.content.chapter2.results_common import right_counter, shipped_note
from scenes.content.components import HeatmapSheet, LinePlot, PixelGrid, format_number, label


#: How many mini-batches of the shipped sample stream into the weights while the first epoch is told.
STREAMED = 8


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
        note = shipped_note()
        top = float(np.ceil(costs[1] * 10) / 10)  # epoch 0 (random weights) is far above: written, not drawn
        plot = LinePlot((0, float(last)), (0, top), width=6.0, height=3.4, text_size=24, x_ticks=[0, last // 3, 2 * last // 3, last],
                        y_ticks=[top / 2, top], x_name="epoch (one pass over the training digits)",
                        y_name=f"average cost on the {count(settings['train_images'])} training digits"
                        ).to_edge(LEFT, buff=0.9).shift(0.1 * UP)
        start_note = label(f"epoch 0 (random): {format_number(costs[0], 2)}, far above", size=24, dim=True)
        start_note.next_to(plot.point(1, top), RIGHT, buff=0.2).shift(0.1 * DOWN)
        marks = [int(m) for m in run["checkpoint_epochs"]]
        sheet = HeatmapSheet(first_layer(run["checkpoints"][0], sizes), columns=4, height=3.6)
        sheet.to_edge(RIGHT, buff=0.8).shift(0.2 * UP)
        sheet_label = label("first-layer weights, epoch 0", size=24, dim=True).next_to(sheet, UP, buff=0.15)
        counter = right_counter(int(correct[0]), total, "epoch 0: test digits right", theme.accent)
        counter.to_edge(DOWN, buff=0.85)
        sample = training_digits()
        batch = Group(*(PixelGrid(image, height=0.5) for image in sample.images[:int(settings["batch_size"])]))
        batch_home = [0.6, -2.55, 0]
        batch.arrange(RIGHT, buff=0.08).move_to(batch_home)
        batch_label = label(f"a mini-batch: {count(settings['batch_size'])} digits", size=24,
                            dim=True).next_to(batch, DOWN, buff=0.1)
        with self.beat(f"Now let gradient descent loose. This is the real training run of our network, starting "
                       f"from <bookmark mark='random'/>random weights made with seed {settings['seed']}. It goes "
                       f"through the {count(settings['train_images'])} training digits in random "
                       f"<bookmark mark='batch'/>mini-batches of {count(settings['batch_size'])}. After each batch it "
                       f"takes one small <bookmark mark='step'/>downhill step, with a step size of "
                       f"{format_number(settings['learning_rate'], 1)}. Before any step, its "
                       f"<bookmark mark='cost'/>average cost on the training digits is {format_number(costs[0], 2)}. "
                       f"It gets <bookmark mark='right'/>{count(int(correct[0]))} of the {count(total)} test digits "
                       "right: about what guessing would give.") as beat:
            self.play(FadeIn(heading), FadeIn(note), FadeIn(plot), run_time=self.until("random"))
            self.play(FadeIn(sheet), FadeIn(sheet_label), run_time=1.5)
            self.wait_until("batch")
            self.play(LaggedStart(*(FadeIn(t, shift=0.2 * UP) for t in batch), lag_ratio=0.25), FadeIn(batch_label),
                      run_time=self.until("step"))
            # the step: the batch's nudges go into the weights (the batch flows into the sheet and is gone)
            self.play(batch.animate.scale(0.2).move_to(sheet), FadeOut(batch_label), run_time=1.2)
            self.play(FadeOut(batch), Circumscribe(sheet, color=theme.text), run_time=0.8)
            self.wait_until("cost")
            self.play(FadeIn(start_note, shift=0.3 * DOWN), run_time=1.2)
            self.wait_until("right")
            self.play(FadeIn(counter), run_time=1.0)

        shown = list(range(1, len(epochs)))
        with self.beat(f"Each pass through all the training digits is called an epoch. After just "
                       f"<bookmark mark='one'/>one, the cost has dropped to {format_number(costs[1], 2)} and "
                       f"{count(int(correct[1]))} test digits come out right. After that, progress "
                       "<bookmark mark='slows'/>slows: each epoch shaves a little more off the cost. On the right, the "
                       "weights into the first hidden layer change as they are nudged, again and again. After "
                       f"{count(last)} epochs the cost is {format_number(costs[-1], 3)}, and the network gets "
                       f"{count(int(correct[-1]))} of the {count(total)} test digits right, "
                       f"<bookmark mark='end'/>{percent(correct[-1] / total, 2)}.") as beat:
            previous = 1
            # one epoch is every training digit, batch after batch: a few of the shipped sample's batches stream in
            size = int(settings["batch_size"])
            for k in range(1, min(STREAMED, sample.count // size)):
                if self.until("one") < 1.3:
                    break
                stream = Group(*(PixelGrid(image, height=0.5) for image in sample.images[k * size:(k + 1) * size]))
                stream.arrange(RIGHT, buff=0.08).move_to(batch_home)
                self.add(stream)
                self.play(stream.animate.scale(0.2).move_to(sheet).set_opacity(0.0), run_time=1.2)
                self.remove(stream)
            self.wait_until("one")
            for e in shown:
                # epoch 1 lands on its words; the rest are drawn, one epoch at a time, until the last figure is said
                step = (self.until("slows") if e == 1 else
                        max(self.until("end") / max(len(shown) - shown.index(e), 1), 1.0 / 15))
                segment = (Dot(plot.point(float(epochs[1]), float(costs[1])), radius=0.05, color=theme.accent)
                           if e == 1 else plot.series(epochs[previous:e + 1], costs[previous:e + 1], theme.accent))
                self.remove(counter)  # a counter ticks over at once (morphing one number into another garbles it)
                counter = right_counter(int(correct[e]), total, f"epoch {int(epochs[e])}: test digits right",
                                        theme.accent).to_edge(DOWN, buff=0.85)
                self.add(counter)
                animations = [FadeIn(segment) if e == 1 else Create(segment)]
                for k in [k for k, m in enumerate(marks) if previous < m <= e or m == e == 1]:
                    new_sheet = HeatmapSheet(first_layer(run["checkpoints"][k], sizes), columns=4,
                                             height=3.6).move_to(sheet)
                    new_label = label(f"first-layer weights, epoch {marks[k]}", size=24, dim=True).move_to(sheet_label)
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
                       "received was the cost and its <bookmark mark='gradient'/>gradient. The gradient says which way "
                       "to nudge each weight and bias so that its answers on the training digits become a little less "
                       "wrong. Repeat "
                       "that enough times and a <bookmark mark='random'/>random network becomes a useful one. "
                       f"{which}") as beat:
            self.play(Circumscribe(sheet, color=theme.text), run_time=min(self.until("gradient"), 2.0))
            self.wait_until("gradient")
            self.play(Indicate(plot, scale_factor=1.03, color=theme.accent), run_time=1.5)
            self.wait_until("nudge")
            self.play(Circumscribe(sheet, color=theme.text), run_time=2.0)
            self.wait_until("wrong")
            self.play(Indicate(counter, color=theme.accent), run_time=1.5)
            # the whole run again, on the weights and the count: from the random start to the trained network
            self.wait_until("random")
            replay = self.until("useful") + 1.5
            for k, mark in enumerate(marks):
                again = HeatmapSheet(first_layer(run["checkpoints"][k], sizes), columns=4, height=3.6).move_to(sheet)
                again_label = label(f"first-layer weights, epoch {mark}", size=24, dim=True).move_to(sheet_label)
                again_counter = right_counter(int(correct[mark]), total, f"epoch {mark}: test digits right",
                                              theme.accent).to_edge(DOWN, buff=0.85)
                self.remove(sheet_label, counter)
                self.add(again_label, again_counter)
                self.play(FadeOut(sheet), FadeIn(again), run_time=replay / len(marks))
                sheet, sheet_label, counter = again, again_label, again_counter
            self.counter = counter
            self.play(Circumscribe(counter, color=theme.accent), run_time=1.5)
            if self.run_matches_network:  # "That final network is exactly the one every other scene shows"
                self.wait_until("exactly")
            self.play(Circumscribe(sheet, color=theme.text), Indicate(plot.names, color=theme.text), run_time=2.0)
