"""Questions, scene 3: "How could it ever say 'I don't know'?" Answer only when the brightest output is above a
threshold: for every threshold, the share of real digits still answered, the share of those answered right, and the
share of random static refused (:func:`nnlib.questions.abstain_curve`)."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, DashedLine, FadeIn, ValueTracker, VGroup, VMobject, linear

from nnlib.analysis import noise_images
from nnlib.assets import load_sample
from nnlib.questions import NOISE_IMAGES, AbstainCurve, abstain_curve
from scenes.content.base import ExplainerScene
from scenes.content.components import LinePlot, format_number, label
from scenes.content.questions.common import (PRECOMPUTED, ReadOut, note, pulse, question_heading, questions_asset,
                                             test_digits_or_none, typewriter)

#: The threshold the scene stops at.
THRESHOLD = 0.9


def pct(x: float, decimals: int = 1) -> str:
    return f"{format_number(100 * x, decimals)}%"


def measure(scene: ExplainerScene) -> tuple[AbstainCurve, str]:
    """The curve for the network in force and where its digits came from: the precomputed test-set curve when it
    measured this very network, else the test set measured now if this machine has it, else the shipped training
    sample (said so on screen)."""
    net, asset = scene.network, questions_asset()
    noise = noise_images(NOISE_IMAGES, scene.options.seed)
    if asset.describes(net):
        return abstain_curve(net, noise, precomputed=asset), PRECOMPUTED + " (its test-digit curve)"
    test = test_digits_or_none()
    if test is not None:
        curve = abstain_curve(net, noise, digits=test, digits_source=f"{len(test[1]):,} MNIST test digits")
        return curve, "measured now on the MNIST test set and on the noise"
    sample = load_sample()
    curve = abstain_curve(net, noise, digits=(sample.images, sample.labels),
                          digits_source=f"{len(sample.labels)} shipped training digits")
    return curve, "no test set on this machine: the digits are the training digits shipped with the project"


class AnswerOnlyWhenSure(ExplainerScene):
    """Three curves over the threshold 0..0.99 and a marker stopping at :data:`THRESHOLD`.

    Exposes ``curve`` (:class:`nnlib.questions.AbstainCurve`), ``at_threshold`` (kept, right of kept, noise refused
    there) and ``shown`` (the read-outs on screen at the end)."""

    def construct(self) -> None:
        theme, net = self.theme, self.network
        curve, source = measure(self)
        self.curve = curve
        digits_word = "test digits" if "test" in curve.digits_source else "digits"
        heading = question_heading(3, "How could it ever say ‘I don't know’?")
        plot = LinePlot((0, 1), (0, 1), width=6.4, height=3.9, x_ticks=(0, 1), y_ticks=(0, 0.5, 1),
                        x_name="threshold on the brightest output", y_name="share", y_percent=True)
        plot.next_to(heading, DOWN, buff=0.55).to_edge(LEFT, buff=0.9)
        t = ValueTracker(0.0)
        xs = curve.thresholds
        series = ((curve.kept, theme.positive, f"{digits_word} answered"),
                  (curve.right_of_kept, theme.accent, "right, of those answered"),
                  (curve.noise_refused, theme.negative, "static refused"))

        def index() -> int:
            return int(np.clip(np.searchsorted(xs, t.get_value() + 1e-9, side="right") - 1, 0, len(xs) - 1))

        def shown_index() -> int:  # the read-outs step by 0.05 (each wording is a Text to build)
            return int(np.argmin(np.abs(xs - np.floor(xs[index()] * 20 + 1e-9) / 20)))

        lines = []
        for ys, colour, _ in series:
            line = plot.series(xs[:1], ys[:1], colour, stroke_width=4)
            line.add_updater(lambda m, ys=ys, c=colour: m.become(
                plot.series(xs[:max(index() + 1, 2)], ys[:max(index() + 1, 2)], c, stroke_width=4)))
            lines.append(line)
        marker = DashedLine(plot.point(0, 0), plot.point(0, 1), color=theme.text, stroke_width=2)
        marker.add_updater(lambda m: m.put_start_and_end_on(plot.point(xs[index()], 0), plot.point(xs[index()], 1)))
        right_x = plot.get_right()[0] + 0.5
        reads = [ReadOut(lambda: f"threshold {format_number(xs[shown_index()], 2)}",
                         lambda m: m.move_to([right_x, plot.get_top()[1] - 0.3, 0], aligned_edge=LEFT), size=24)]
        for n, (ys, colour, name) in enumerate(series):
            reads.append(ReadOut(lambda ys=ys, name=name: f"{name}: {pct(ys[shown_index()])}",
                                 lambda m, n=n: m.move_to([right_x, plot.get_top()[1] - 1.0 - 0.6 * n, 0],
                                                          aligned_edge=LEFT), size=22, color=colour))
        counts = VGroup(label(curve.digits_source, size=18, dim=True),
                        label(f"{curve.noise:,} images of static (seed {self.options.seed})", size=18, dim=True)
                        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        if counts.width > 6.9 - right_x:
            counts.scale_to_fit_width(6.9 - right_x)
        counts.move_to([right_x, plot.get_top()[1] - 3.2, 0], aligned_edge=LEFT)
        footer = note(source)
        everything = float(curve.right_of_kept[0])
        rule = label("the rule: answer only if the brightest output is above the threshold, else “I don't know”",
                     size=19, color=theme.accent)
        if rule.width > 13:
            rule.scale_to_fit_width(13)
        rule.next_to(footer, UP, buff=0.3)
        with self.beat("A viewer asks: how could it ever say \"I don't know\"? The simplest way is a rule: answer "
                       "only when the brightest output is above a threshold, and say \"I don't know\" otherwise. We "
                       f"try it on {curve.digits:,} {digits_word} and on {curve.noise:,} images of random "
                       "static.") as beat:
            self.play(typewriter(heading, self.until("The simplest way")))
            self.wait_until("answer only")
            self.play(FadeIn(plot), typewriter(rule, self.until("We try it")))
            self.add(*lines, marker)
            self.play(FadeIn(counts), FadeIn(footer), *(FadeIn(r.mob) for r in reads),
                      t.animate.set_value(0.05), run_time=max(self.until("static"), 1.0), rate_func=linear)

        with self.beat("Now raise the threshold from 0 towards 1. Watch three shares: the digits still answered, "
                       "the answers among them that are right, and the static refused.") as beat:
            self.play(t.animate.set_value(0.99), run_time=max(beat.end - float(self.renderer.time) - 1.2, 1.0),
                      rate_func=linear)

        kept, right, refused = self.at_threshold = curve.at(THRESHOLD)
        with self.beat(f"At {format_number(THRESHOLD, 1)}, it refuses {refused:.0%} of the static. It still "
                       f"answers {kept:.0%} of the real {digits_word}, and gets {pct(right)} of those right, up from "
                       f"{pct(everything)} when it answers everything. <bookmark mark=\"price\"/>The price: {1 - kept:.0%} "
                       "of real digits go unanswered, <bookmark mark=\"unanswered\"/>and "
                       f"{1 - refused:.0%} <bookmark mark=\"static\"/>of the static still gets a confident answer.") as beat:
            for m in lines:  # the curves stay whole while the marker goes back
                m.clear_updaters()
            self.play(t.animate.set_value(THRESHOLD), run_time=min(2.5, self.until("it refuses")))
            self.play(pulse(reads[3].mob, self.until("It still")))
            self.play(pulse(reads[1].mob, self.until("and gets")))
            self.play(pulse(reads[2].mob, self.until("up from")))
            self.play(t.animate.set_value(0.0), run_time=self.until("price"))   # answering everything
            self.play(t.animate.set_value(THRESHOLD), run_time=self.until("unanswered"))
            self.play(pulse(reads[1].mob, self.until("static")))
            self.play(pulse(reads[3].mob, max(beat.end - float(self.renderer.time) - 0.5, 0.5)))
            for m in (marker, *(r.mob for r in reads)):
                m.clear_updaters()
        t.set_value(THRESHOLD)  # where the marker stopped (also when a preview skips the animations)
        self.shown = {name: r.make() for name, r in zip(("threshold", "kept", "right", "refused"), reads)}
