"""Questions, scene 4: "Why does it learn shuffled labels so slowly?" The learning curves of real and shuffled labels
beside how well the gradients of single examples agree along each run (precomputed by ``python -m nnlib.questions_asset``:
:func:`nnlib.questions.run_agreement`)."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeIn, ValueTracker, VGroup, linear

from scenes.content.base import ExplainerScene
from scenes.content.components import LinePlot, format_number, label
from scenes.content.questions.common import note, pulse, question_heading, questions_asset, typewriter

#: The note on screen: these are runs of the shipped recipe, not of ``--weights``.
SHIPPED = "precomputed by `python -m nnlib.questions_asset`, shipped recipe: --weights does not change it"


class GradientsAgree(ExplainerScene):
    """Left: training accuracy on real and on shuffled labels over the epochs; right: the mean cosine between the
    gradients of two examples along both runs. Exposes ``agreement`` (the asset's arrays), ``means`` (the average
    cosine over the epochs after the start, real and shuffled), ``ratio`` and ``shown``."""

    def construct(self) -> None:
        theme = self.theme
        asset = questions_asset()
        a = self.agreement = asset.agreement
        epochs = a["epochs"]
        last = int(epochs[-1])
        subset = int(asset.metadata.get("subset", 0))
        heading = question_heading(4, "Why does it learn shuffled labels so slowly?")
        left = LinePlot((0, last), (0, 1), width=4.6, height=3.0, x_ticks=(0, last // 2, last), y_ticks=(0, 0.5, 1),
                        x_name="epochs", y_name="training accuracy", y_percent=True)
        top = float(np.ceil(max(a["real_cosine"][1:].max(), a["shuffled_cosine"][1:].max()) * 100) / 100)
        right = LinePlot((0, last), (0, top), width=4.6, height=3.0, x_ticks=(0, last // 2, last),
                         y_ticks=(0, top / 2, top), y_decimals=3, x_name="epochs",
                         y_name="gradients' agreement (mean cosine)")
        left.next_to(heading, DOWN, buff=0.5).to_edge(LEFT, buff=0.5)
        right.align_to(left, DOWN).to_edge(RIGHT, buff=0.5)
        grow = ValueTracker(1.0)

        def drawn(plot: LinePlot, ys: np.ndarray, colour: str, first: int = 0):
            line = plot.series(epochs[first:first + 2], ys[first:first + 2], colour, stroke_width=3)
            line.add_updater(lambda m: m.become(plot.series(
                epochs[first:max(int(grow.get_value()) + 1, first + 2)],
                ys[first:max(int(grow.get_value()) + 1, first + 2)], colour, stroke_width=3)))
            return line

        real_acc, shuffled_acc = drawn(left, a["real_accuracy"], theme.positive), \
            drawn(left, a["shuffled_accuracy"], theme.negative)
        key = VGroup(label("real labels", size=20, color=theme.positive),
                     label("shuffled labels", size=20, color=theme.negative)).arrange(RIGHT, buff=0.5)
        key.next_to(left, DOWN, buff=0.3)
        footer = note(f"{subset:,} training digits, {last} epochs; " + SHIPPED)
        past_90 = int(np.argmax(a["real_accuracy"] >= 0.9)) if (a["real_accuracy"] >= 0.9).any() else None
        real_end, shuffled_end = float(a["real_accuracy"][-1]), float(a["shuffled_accuracy"][-1])
        quick = (f"passes 90% within {past_90} epochs" if past_90 is not None else
                 f"reaches {real_end:.0%} in {last} epochs")
        with self.beat("A viewer asks: why does the network learn shuffled labels so slowly? On the left, the same "
                       f"network trained twice on the same {subset:,} training digits: once with their real labels, "
                       "once with the labels shuffled. With real labels it "
                       f"{quick}; with shuffled ones it crawls to {shuffled_end:.0%} in {last}.") as beat:
            self.play(typewriter(heading, self.until("On the left")))
            self.play(FadeIn(left), FadeIn(key), FadeIn(footer), run_time=min(1.5, self.until("trained twice")))
            self.add(real_acc, shuffled_acc)
            self.play(grow.animate.set_value(last), run_time=max(beat.end - float(self.renderer.time) - 1.0, 1.0),
                      rate_func=linear)
        for m in (real_acc, shuffled_acc):
            m.clear_updaters()

        grow.set_value(1.0)
        real_cos, shuffled_cos = drawn(right, a["real_cosine"], theme.positive, 1), \
            drawn(right, a["shuffled_cosine"], theme.negative, 1)
        meaning = label("cosine 1: same direction · 0: unrelated", size=18, dim=True)
        meaning.next_to(right, DOWN, buff=0.3).align_to(right.axes, LEFT)
        with self.beat("Here is why. Each example's gradient says how that example wants the weights to move. On "
                       "the right is how well two examples agree: the cosine between their gradients, averaged over "
                       "all pairs. It is 1 if they point the same way, and 0 if they are unrelated.") as beat:
            self.play(FadeIn(right.axes), typewriter(VGroup(right.tick_labels, right.names), self.until("On the right")))
            self.add(right)
            self.add(real_cos, shuffled_cos)
            self.play(grow.animate.set_value(last), run_time=self.until("It is 1"), rate_func=linear)
            self.play(typewriter(meaning, max(beat.end - float(self.renderer.time) - 0.6, 0.5)))
        for m in (real_cos, shuffled_cos):
            m.clear_updaters()

        start = float(a["real_cosine"][0])
        means = self.means = (float(a["real_cosine"][1:].mean()), float(a["shuffled_cosine"][1:].mean()))
        self.ratio = ratio = means[0] / means[1]
        averages = VGroup(
            label(f"average after the start: real {format_number(means[0], 4)}", size=20, color=theme.positive),
            label(f"shuffled {format_number(means[1], 4)}, {format_number(ratio, 1)} times less", size=20,
                  color=theme.negative)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        start_note = label(f"at the random start: {format_number(start, 2)} (off this scale)", size=18, dim=True)
        start_note.next_to(meaning, DOWN, buff=0.12).align_to(meaning, LEFT)
        averages.next_to(start_note, DOWN, buff=0.12).align_to(start_note, LEFT)
        self.shown = {"real": averages[0].original_text, "shuffled": averages[1].original_text,
                      "start": start_note.original_text}
        with self.beat(f"At the random start, both runs agree at {format_number(start, 2)}: every example asks to dim "
                       "all ten outputs. After that, two examples with real labels agree about "
                       f"{format_number(ratio, 0)} times as much as two with shuffled labels. A mini-batch adds its "
                       "gradients up: pushes that agree add up, pushes that disagree cancel, so a step on shuffled "
                       "labels moves little.") as beat:
            self.play(typewriter(start_note, self.until("After that")))
            self.play(typewriter(averages, self.until("A mini-batch")))
            self.play(real_cos.animate.set_stroke(width=6), shuffled_cos.animate.set_stroke(width=1.5),
                      run_time=self.until("pushes that disagree"))
            self.play(shuffled_acc.animate.set_stroke(width=6), real_cos.animate.set_stroke(width=3),
                      run_time=max(self.until("moves little"), 0.5))
            self.play(pulse(averages, max(beat.end - float(self.renderer.time) - 0.5, 0.5), 1.06))
