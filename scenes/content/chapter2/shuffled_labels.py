"""Chapter 2, scene 14: memorising versus learning -- the same network trained on the same digits with their real
labels and with the labels shuffled (a precomputed nnlib experiment, assets/shuffled_labels.npz)."""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, UP, Circumscribe, Create, FadeIn, FadeOut, Group, Indicate, LaggedStart, VGroup, rate_functions

from nnlib.experiments import default_path, load_experiment
from nnlib.training_data import training_digits
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, percent
from scenes.content.chapter2.results_common import shipped_note
from scenes.content.components import LinePlot, PixelGrid, format_number, label, trace


#: How many digits the picture of shuffling shows.
SHUFFLE_SHOWN = 8


def shuffled_order(n: int, seed: int) -> np.ndarray:
    """Which shown label each position gets after the shuffle: a seeded permutation with no label left in place,
    so the picture never seems to keep one (the experiment itself shuffles all its labels with nnlib's trainer)."""
    rng = np.random.default_rng(seed)
    while True:
        order = rng.permutation(n)
        if n < 2 or np.all(order != np.arange(n)):
            return order


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
        note = shipped_note("precomputed with the shipped recipe")
        top = float(np.ceil(max(run["real_train_cost"][1:].max(), run["shuffled_train_cost"][1:].max()) * 10) / 10)
        ticks = [0, last // 2, last]
        cost_plot = LinePlot((0, float(last)), (0, top), width=5.0, height=3.2, text_size=24, x_ticks=ticks, y_ticks=[top / 2, top],
                             x_name="epoch", y_name="cost on its training labels")
        acc_plot = LinePlot((0, float(last)), (0, 1), width=5.0, height=3.2, text_size=24, x_ticks=ticks, y_ticks=[0.5, 1.0],
                            y_percent=True, x_name="epoch", y_name="right answers")
        VGroup(cost_plot, acc_plot).arrange(RIGHT, buff=1.6).shift(0.2 * DOWN)
        real, shuffled = theme.positive, theme.negative
        legend = VGroup(label("real labels", size=24, color=real), label("shuffled labels", size=24, color=shuffled),
                        label("dashed: on the real test digits", size=24, dim=True)).arrange(RIGHT, buff=0.6)
        legend.next_to(heading, DOWN, buff=0.3)

        # how labels are shuffled, shown on a few of the shipped training digits: the labels trade places
        sample = training_digits()
        shown = min(SHUFFLE_SHOWN, sample.count)
        tiles = Group(*(PixelGrid(img, height=1.1) for img in sample.images[:shown])).arrange(RIGHT, buff=0.3)
        tiles.move_to([0, 0.5, 0])
        tags = VGroup(*(label(str(int(d)), size=30, color=real).next_to(t, DOWN, buff=0.2)
                        for d, t in zip(sample.labels[:shown], tiles)))
        order = self.shuffle_order = shuffled_order(shown, int(s["seed"]))
        self.demo_labels = (np.asarray(sample.labels[:shown], dtype=int),
                            np.asarray(sample.labels[:shown], dtype=int)[order])
        demo_caption = label(f"{count(shown)} training digits, for example", size=24, dim=True)
        demo_caption.next_to(tiles, UP, buff=0.3)
        with self.beat("One last experiment asks whether the network learns or merely memorises. "
                       f"<bookmark mark='take'/>Take {count(s['subset'])} training digits and train the same random "
                       "network on them <bookmark mark='twice'/>twice. Once "
                       "with their <bookmark mark='real'/>real labels. And once with the labels "
                       "<bookmark mark='shuffled'/>shuffled at random, so that a 7 might be labelled 2. With shuffled "
                       "labels there is no pattern left to find. The only way to get them right is to "
                       "<bookmark mark='remember'/>remember every single image.") as beat:
            self.play(FadeIn(heading), run_time=self.until("take"))
            self.play(LaggedStart(*(FadeIn(t, shift=0.2 * DOWN) for t in tiles), lag_ratio=0.3), FadeIn(demo_caption),
                      run_time=max(min(self.until("twice"), 3.0), 0.5))
            self.wait_until("twice")
            self.play(Circumscribe(tiles, color=theme.text), run_time=min(self.until("real"), 1.5))
            self.play(LaggedStart(*(FadeIn(t, shift=0.2 * UP) for t in tags), lag_ratio=0.3),
                      run_time=self.until("shuffled"))
            moves = [tags[i].animate.move_to(tags[j].get_center()).set_color(shuffled)
                     for j, i in enumerate(order)]
            self.play(*moves, run_time=min(self.until("remember"), 4.0), path_arc=np.pi / 2)
            self.wait_until("remember")
            self.play(Circumscribe(tiles, color=theme.text), run_time=1.5)

        lines = [cost_plot.series(ep[1:], run["real_train_cost"][1:], real),
                 acc_plot.series(ep, run["real_train_accuracy"], real),
                 cost_plot.series(ep[1:], run["shuffled_train_cost"][1:], shuffled),
                 acc_plot.series(ep, run["shuffled_train_accuracy"], shuffled),
                 acc_plot.series(ep, run["shuffled_test_accuracy"], shuffled, stroke_width=3, dashed=True),
                 acc_plot.series(ep, run["real_test_accuracy"], real, stroke_width=3, dashed=True)]
        self.epoch_real_90 = first_epoch_reaching(run["real_train_accuracy"], 0.9)
        fast = (f"after only {count(self.epoch_real_90)} epochs it gets 90% of its training digits right"
                if self.epoch_real_90 is not None else "its training accuracy climbs quickly")
        with self.beat(f"With the <bookmark mark='real'/>real labels the cost drops fast: {fast}. After "
                       f"{count(last)} epochs it gets <bookmark mark='end'/>{percent(final['real_train_accuracy'], 1)}."
                       ) as beat:
            self.play(FadeOut(tiles), FadeOut(tags), FadeOut(demo_caption), FadeIn(note), FadeIn(cost_plot),
                      FadeIn(acc_plot), run_time=min(self.until("real"), 1.5))
            self.play(FadeIn(legend[0]), trace(lines[0]), trace(lines[1]), run_time=self.until("end"))

        middle = last // 4
        end = acc_plot.end_label(percent(final["shuffled_train_accuracy"], 0), lines[3], shuffled, direction=RIGHT)
        with self.beat("With <bookmark mark='shuffled'/>shuffled labels the cost falls slowly and unevenly, and the "
                       f"training accuracy creeps up: {percent(run['shuffled_train_accuracy'][middle], 0)} after "
                       f"{count(middle)} epochs, <bookmark mark='end'/>{percent(final['shuffled_train_accuracy'], 0)} "
                       f"after {count(last)}. The network is memorising arbitrary answers one by one. A network with "
                       f"{count(sum(s['sizes'][1:-1]))} hidden neurons can <bookmark mark='many'/>memorise a "
                       "surprising number of them.") as beat:
            self.wait_until("shuffled")
            self.play(FadeIn(legend[1]), trace(lines[2]), trace(lines[3]), run_time=self.until("end"))
            self.play(FadeIn(end), run_time=1.0)
            # the slow climb is the memorising: the curve that shows it swells as it is named
            self.on_word("memorising", lines[3].animate(rate_func=rate_functions.there_and_back).set_stroke(width=9), run_time=1.5)
            self.wait_until("many")
            self.play(Indicate(end, color=shuffled), run_time=1.5)

        test_end = acc_plot.end_label(percent(final["shuffled_test_accuracy"], 0), lines[4], shuffled,
                                      direction=RIGHT)
        real_test_end = acc_plot.end_label(percent(final["real_test_accuracy"], 0), lines[5], real, direction=RIGHT)
        with self.beat("But memorising teaches nothing about digits. On the real <bookmark mark='test'/>test images "
                       f"the shuffled network is right {percent(final['shuffled_test_accuracy'], 0)} of the time. "
                       f"That is barely better than the {percent(chance, 0)} that guessing gives. The same network "
                       f"trained on <bookmark mark='reallabels'/>real labels gets "
                       f"{percent(final['real_test_accuracy'], 0)}. Real structure is easier to find than noise is to "
                       "remember, and it is what <bookmark mark='carries'/>carries over to new digits.") as beat:
            self.wait_until("test")
            self.play(FadeIn(legend[2]), trace(lines[4]), run_time=self.until("reallabels"))
            self.play(FadeIn(test_end), run_time=0.8)
            self.play(trace(lines[5]), run_time=max(self.until("carries") - 1.0, 1.0))
            self.play(FadeIn(real_test_end), run_time=1.0)
        self.lines = lines
