"""Questions, scene 5: "Its training accuracy is higher than its test accuracy: why?" The network in force's two
accuracies as its file recorded them when it was trained (:func:`nnlib.questions.recorded_gap`), and the shipped
recipe's learning run, where the gap opens epoch by epoch (``assets/learning_run.npz``)."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeIn, Rectangle, ValueTracker, VGroup, linear

from nnlib import NNLibError, load_mnist
from nnlib.assets import load_sample
from nnlib.experiments import default_path, load_experiment
from nnlib.questions import Gap, measured_gap, recorded_gap
from scenes.content.base import ExplainerScene
from scenes.content.components import LinePlot, format_number, label
from scenes.content.questions.common import note, pulse, question_heading, typewriter


def pct(x: float) -> str:
    return f"{format_number(100 * x, 1)}%" if np.isfinite(x) else "?"


def the_gap(scene: ExplainerScene) -> tuple[Gap, str]:
    """The network's gap as its file recorded it, else measured now on this machine's MNIST (said so)."""
    gap = recorded_gap(scene.network)
    if gap is not None:
        return gap, "recorded in its file when trained"
    try:
        data = load_mnist()
    except NNLibError:  # no record and no test set: the training side from the shipped sample, the test side unknown
        sample = load_sample()
        return (Gap(scene.network.accuracy(sample.images, sample.labels), float("nan"), len(sample.labels), 0),
                "its training accuracy measured now on the shipped sample; no test set here")
    return (measured_gap(scene.network, (data.train_images, data.train_labels), (data.test_images, data.test_labels)),
            "measured now on this machine's MNIST (the file records none)")


class TrainVersusTest(ExplainerScene):
    """Two bars (training and test accuracy of the network in force) and the shipped recipe's two learning curves.

    Exposes ``gap`` (:class:`nnlib.questions.Gap`), ``run`` (the learning run) and ``shown``."""

    def construct(self) -> None:
        theme = self.theme
        gap, where = the_gap(self)
        self.gap = gap
        run = self.run = load_experiment(default_path("learning"), "learning")
        heading = question_heading(5, "Its training accuracy is higher than its test accuracy: why?")
        grow = ValueTracker(0.0)
        bar_height = 3.2
        base_y = -1.6
        bars = VGroup()
        values = VGroup()
        names = VGroup()
        known = np.isfinite(gap.test_accuracy)
        for n, (value, colour, name) in enumerate(((gap.train_accuracy, theme.positive,
                                                    f"training digits\n({gap.train_images:,}, seen)"),
                                                   (gap.test_accuracy, theme.accent,
                                                    f"test digits\n({gap.test_images:,}, never seen)" if known
                                                    else "test digits\n(none here)"))):
            x = -5.3 + 2.6 * n
            value = value if np.isfinite(value) else 0.0
            bar = Rectangle(width=1.1, height=bar_height, fill_color=colour, fill_opacity=0.85, stroke_width=0)
            bar.add_updater(lambda m, v=value, x=x: m.stretch_to_fit_height(max(bar_height * v * grow.get_value(),
                                                                                 1e-3)).move_to(
                [x, base_y + m.height / 2, 0]))
            bars.add(bar)
            values.add(label(pct(value), size=24, color=colour).move_to([x, base_y + bar_height * value + 0.3, 0]))
            names.add(label(name, size=18, dim=True).move_to([x, base_y - 0.5, 0]))
        epochs = run["epoch"]
        last = int(epochs[-1])
        plot = LinePlot((0, last), (0.8, 1.0), width=5.4, height=3.4, x_ticks=(0, last // 2, last),
                        y_ticks=(0.8, 0.9, 1.0), x_name="epochs of the shipped recipe", y_name="accuracy",
                        y_percent=True)
        plot.move_to([2.9, -0.25, 0])
        t = ValueTracker(1.0)

        def drawn(ys: np.ndarray, colour: str):
            ys = np.clip(ys, 0.8, 1.0)
            line = plot.series(epochs[:2], ys[:2], colour, stroke_width=3)
            line.add_updater(lambda m: m.become(plot.series(epochs[:max(int(t.get_value()) + 1, 2)],
                                                            ys[:max(int(t.get_value()) + 1, 2)], colour,
                                                            stroke_width=3)))
            return line

        train_line, test_line = drawn(run["train_accuracy"], theme.positive), drawn(run["test_accuracy"], theme.accent)
        key = VGroup(label("on its training digits", size=18, color=theme.positive),
                     label("on test digits", size=18, color=theme.accent)).arrange(RIGHT, buff=0.4)
        key.next_to(plot, DOWN, buff=0.2)
        footer = note(f"bars: the network in force, {where}; curves: the shipped recipe's run, precomputed "
                      "(assets/learning_run.npz)")
        self.shown = {"train": values[0].original_text, "test": values[1].original_text}
        if known:
            opening = (f"Our network gets {pct(gap.train_accuracy)} of its {gap.train_images:,} training digits right, "
                       f"but only {pct(gap.test_accuracy)} of the {gap.test_images:,} test digits it never saw.")
        else:
            opening = (f"This network gets {pct(gap.train_accuracy)} of the {gap.train_images:,} training digits "
                       "shipped with the project right; its file records no test accuracy, and this machine has no "
                       "test set.")
        with self.beat("A viewer asks: its training accuracy is higher than its test accuracy, so why? "
                       + opening) as beat:
            self.play(typewriter(heading, self.until("network gets")))
            self.add(bars)
            self.play(FadeIn(names), FadeIn(footer), grow.animate.set_value(1.0),
                      run_time=max(self.until("right") - 0.3, 1.0), rate_func=linear)
            self.play(typewriter(values, max(beat.end - float(self.renderer.time) - 0.6, 0.5)))
        bars.clear_updaters()

        seen = int(run.metadata.get("settings", {}).get("epochs", last))
        with self.beat(f"Training rewards it only for the digits it is shown, each of them {seen} times over. Its "
                       "weights bend towards their quirks: a particular slant, a stray mark. On the right, the "
                       "shipped recipe again: the two accuracies climb together, then the gap opens, epoch by "
                       "epoch.") as beat:
            self.play(FadeIn(plot), FadeIn(key), run_time=1.5)
            self.add(train_line, test_line)
            self.play(t.animate.set_value(last), run_time=max(beat.end - float(self.renderer.time) - 0.8, 1.0),
                      rate_func=linear)
        for m in (train_line, test_line):
            m.clear_updaters()

        points = gap.points if known else 100 * float(run["train_accuracy"][-1] - run["test_accuracy"][-1])
        gap_label = label(f"gap: {format_number(points, 1)} points", size=22, color=theme.text)
        gap_label.next_to(bars, UP, buff=0.9).align_to(bars, LEFT)
        whose = "Here the gap is" if known else "In the shipped recipe's run the gap is"
        with self.beat("That is memorising, a little. The shuffled labels of chapter 2 were the extreme case: "
                       "pure memory, and nothing that carries over to new digits. <bookmark mark=\"gap\"/>"
                       f"{whose} {format_number(points, 1)} points: most of what it learned carries over, and some "
                       "of it is memory of its own training digits.") as beat:
            self.play(VGroup(train_line, test_line).animate.set_stroke(width=6), run_time=self.until("The shuffled"))
            self.play(VGroup(train_line, test_line).animate.set_stroke(width=3), run_time=self.until("pure memory"))
            self.play(pulse(test_line, self.until("gap"), 1.04))
            self.play(typewriter(gap_label, self.until("most of")))
            self.play(bars[0].animate.set_fill(opacity=0.5), run_time=self.until("some of it"))
            self.play(bars[0].animate.set_fill(opacity=0.85), run_time=max(self.until("training digits"), 0.5))
        self.shown["gap"] = gap_label.original_text
