"""Chapter 2, scene 14: memorising versus learning -- the same network trained on the same digits with their real
labels and with the labels shuffled (a precomputed nnlib experiment, assets/shuffled_labels.npz)."""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, UP, Create, FadeIn, VGroup, rate_functions

from nnlib.experiments import default_path, load_experiment
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, percent
from scenes.content.chapter2.results_common import shipped_note
from scenes.content.components import LinePlot, format_number, label


def first_epoch_reaching(accuracy: np.ndarray, level: float) -> int | None:
    """The first epoch whose accuracy reaches ``level`` (None if it never does)."""
    hits = np.flatnonzero(np.asarray(accuracy) >= level)
    return int(hits[0]) if len(hits) else None


class ShuffledLabels(ExplainerScene):
    """Training cost and accuracy per epoch for real and shuffled labels, and the shuffled network on real test
    digits. Exposes ``settings``, ``shown_final`` (final accuracies by name), ``epoch_real_90`` and ``chance``."""

    def construct(self) -> None:
        theme = self.theme
        run = load_experiment(default_path("shuffled"), "shuffled")
        s = self.settings = run.metadata["settings"]
        ep = run["real_epoch"]
        last = int(ep[-1])
        self.chance = chance = 1 / int(s["sizes"][-1])
        self.shown_final = {name: float(run[name][-1]) for name in
                            ("real_train_accuracy", "shuffled_train_accuracy", "real_test_accuracy",
                             "shuffled_test_accuracy")}
        final = self.shown_final

        heading = self.title("Learning or memorising? Training on shuffled labels")
        note = shipped_note(run.command, what="a precomputed experiment with the shipped network's recipe")
        top = float(np.ceil(max(run["real_train_cost"][1:].max(), run["shuffled_train_cost"][1:].max()) * 10) / 10)
        ticks = [0, last // 2, last]
        cost_plot = LinePlot((0, float(last)), (0, top), width=5.0, height=3.2, x_ticks=ticks, y_ticks=[top / 2, top],
                             x_name="epoch", y_name="cost on its training labels")
        acc_plot = LinePlot((0, float(last)), (0, 1), width=5.0, height=3.2, x_ticks=ticks, y_ticks=[0.5, 1.0],
                            y_percent=True, x_name="epoch", y_name="right answers")
        VGroup(cost_plot, acc_plot).arrange(RIGHT, buff=1.6).shift(0.2 * DOWN)
        real, shuffled = theme.positive, theme.negative
        legend = VGroup(label("real labels", size=19, color=real), label("shuffled labels", size=19, color=shuffled),
                        label("shuffled, on real test digits", size=19, dim=True)).arrange(RIGHT, buff=0.6)
        legend.next_to(heading, DOWN, buff=0.3)
        with self.beat("One last experiment asks whether the network learns or merely memorises. Take "
                       f"{count(s['subset'])} training digits and train the same random network on them twice: once "
                       "with their real labels, and once with the labels shuffled at random, so that a 7 might be "
                       "labelled 2. With shuffled labels there is no pattern left to find; the only way to get them "
                       "right is to remember every single image.") as beat:
            self.play(FadeIn(heading), FadeIn(note), FadeIn(cost_plot), FadeIn(acc_plot), run_time=beat.share(0.4))

        lines = [cost_plot.series(ep[1:], run["real_train_cost"][1:], real),
                 acc_plot.series(ep, run["real_train_accuracy"], real),
                 cost_plot.series(ep[1:], run["shuffled_train_cost"][1:], shuffled),
                 acc_plot.series(ep, run["shuffled_train_accuracy"], shuffled),
                 acc_plot.series(ep, run["shuffled_test_accuracy"], theme.dim_text, stroke_width=3, dashed=True)]
        self.epoch_real_90 = first_epoch_reaching(run["real_train_accuracy"], 0.9)
        fast = (f"after only {count(self.epoch_real_90)} epochs it gets 90% of its training digits right"
                if self.epoch_real_90 is not None else "its training accuracy climbs quickly")
        with self.beat(f"With the real labels the cost drops fast: {fast}, and after {count(last)} epochs, "
                       f"{percent(final['real_train_accuracy'], 1)}.") as beat:
            self.play(FadeIn(legend[0]), Create(lines[0]), Create(lines[1]), run_time=beat.share(0.7))

        middle = last // 4
        end = acc_plot.end_label(percent(final["shuffled_train_accuracy"], 0), lines[3], shuffled, direction=UP)
        with self.beat("With shuffled labels the cost falls slowly and unevenly, and the training "
                       f"accuracy creeps up: {percent(run['shuffled_train_accuracy'][middle], 0)} after "
                       f"{count(middle)} epochs, {percent(final['shuffled_train_accuracy'], 0)} after "
                       f"{count(last)}. The network is memorising arbitrary answers one by one, and a network with "
                       f"{count(sum(s['sizes'][1:-1]))} hidden neurons can memorise a surprising number of "
                       "them.") as beat:
            self.play(FadeIn(legend[1]), Create(lines[2]), Create(lines[3]), run_time=beat.share(0.7),
                      rate_func=rate_functions.linear)
            self.play(FadeIn(end), run_time=beat.share(0.1))

        test_end = acc_plot.end_label(percent(final["shuffled_test_accuracy"], 0), lines[4], theme.dim_text,
                                      direction=UP)
        with self.beat("But memorising teaches nothing about digits. On the real test images the shuffled network "
                       f"is right {percent(final['shuffled_test_accuracy'], 0)} of the time, barely better than the "
                       f"{percent(chance, 0)} that guessing gives, while the same network trained on real labels gets "
                       f"{percent(final['real_test_accuracy'], 0)}. Real structure is easier to find than noise is "
                       "to remember, and it is what carries over to new digits.") as beat:
            self.play(FadeIn(legend[2]), Create(lines[4]), run_time=beat.share(0.5))
            self.play(FadeIn(test_end), run_time=beat.share(0.1))
        self.lines = lines
