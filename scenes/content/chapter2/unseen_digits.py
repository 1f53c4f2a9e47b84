"""Chapter 2, scene 10: how well the network does on digits it never saw -- the MNIST test set, measured live when
it is on this machine, else the evaluation shipped with the project (when it measured this very network), else an
honest notice that the test set is needed. A training image is never shown as unseen."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Create, Line, FadeIn, FadeOut, GrowFromEdge, Group, Indicate, LaggedStart,
                   VGroup, Write)

from nnlib import NNLibError, load_mnist
from nnlib.training_data import training_digits
from nnlib.evaluation import Evaluation, evaluate, evaluation_matches, load_evaluation, weights_digest
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import boxed, count, percent
from scenes.content.chapter2.results_common import (VIDEO_ACCURACY, VIDEO_TRAINING_IMAGES, a, right_counter,
                                                    training_image_count)
from scenes.content.components import BarChart, ConfusionGrid, DigitGallery, PixelGrid, format_number, label, trace

#: How many of the network's mistakes the gallery shows.
GALLERY = 12
#: How many test images the opening shows.
STRIP = 10


def measure(scene: ExplainerScene) -> tuple[str, Evaluation | None]:
    """How this scene can tell the truth: ("live", evaluation measured now on the MNIST test set), ("shipped",
    the shipped evaluation of exactly this weights file), or ("missing", None)."""
    try:
        data = load_mnist()
    except NNLibError:
        if evaluation_matches(scene.options.weights_path):
            return "shipped", load_evaluation()
        return "missing", None
    return "live", evaluate(scene.network, data.test_images, data.test_labels, seed=scene.options.seed,
                            weights_sha256=weights_digest(scene.options.weights_path))


class UnseenDigits(ExplainerScene):
    """The network in force on the 10,000 MNIST test images: how many it gets right, a random gallery of its
    mistakes (test images only) and its accuracy per digit; or, without the test set and without a shipped
    evaluation of these weights, a notice saying how to get the test set.

    Exposes ``mode`` ("live", "shipped" or "missing"), ``evaluation``, ``shown_correct``, ``shown_total``,
    ``gallery_test_indices`` (indices into the MNIST test set), ``gallery_images``, ``gallery_labels``,
    ``gallery_guesses``, ``per_digit`` and ``trained_on`` (training images the network file names, or None).
    """

    def construct(self) -> None:
        theme = self.theme
        self.mode, ev = measure(self)
        self.evaluation = ev
        self.trained_on = training_image_count(self.network.metadata)
        heading = self.title("How well does it do on digits it never saw?")
        where = {"live": "measured on all {n} MNIST test images",
                 "shipped": "the evaluation of all {n} MNIST test images, made once with this very network",
                 "missing": "the MNIST test set is not available"}[self.mode]
        sub = label(where.format(n=count(ev.total) if ev else ""), size=24, dim=True).next_to(heading, DOWN, buff=0.15)
        how = {"live": f"We run all {count(ev.total) if ev else ''} of them through the network now.",
               "shipped": f"Here is how this very network did on all {count(ev.total) if ev else ''} of them, "
                          "measured once when the project was built.",
               "missing": "But the test set is not available here, and the network in use is not the one whose "
                          "score we measured. Scoring it on its own training digits instead would flatter it, "
                          "because it has seen them."}[self.mode]
        seen_digits = Group(*(PixelGrid(img, height=0.75) for img in training_digits().images[:STRIP // 2]))
        seen_digits.arrange(RIGHT, buff=0.12).move_to([-3.5, 0.2, 0])
        seen_caption = label("training digits: seen", size=24, dim=True).next_to(seen_digits, DOWN, buff=0.25)
        strip, strip_caption = Group(), VGroup()
        if ev is not None:  # a few of the test images themselves (kept by the evaluation)
            order = np.argsort(ev.test_indices)[:STRIP // 2]
            strip = Group(*(PixelGrid(ev.images[i], height=0.75) for i in order)).arrange(RIGHT, buff=0.12)
            strip.move_to([3.5, 0.2, 0])
            strip_caption = label("test digits: never seen", size=24, color=theme.accent).next_to(strip, DOWN, buff=0.25)
        wall = Line([0, 1.0, 0], [0, -0.9, 0], color=theme.dim_text, stroke_width=3)
        with self.beat("Until now we have judged the network on the <bookmark mark='train'/>digits it trained on. "
                       "The real question is whether it learned something general. How does it do on handwriting it "
                       "has <bookmark mark='never'/>never seen? MNIST keeps a separate set of <bookmark mark='test'/>test images apart for "
                       f"exactly this. <bookmark mark='none'/>Not one of them is used in training. "
                       f"<bookmark mark='how'/>{how}") as beat:
            self.play(FadeIn(heading), run_time=self.until("train"))
            self.play(LaggedStart(*(FadeIn(t, shift=0.3 * RIGHT) for t in seen_digits), lag_ratio=0.3),
                      FadeIn(seen_caption), run_time=min(self.until("test"), 3.0))
            self.wait_until("never")
            self.play(Indicate(seen_caption, color=theme.text), run_time=1.5)
            self.wait_until("test")
            if len(strip):
                self.play(LaggedStart(*(FadeIn(t, shift=0.3 * LEFT) for t in strip), lag_ratio=0.3),
                          FadeIn(strip_caption), run_time=min(self.until("none"), 3.0))
            self.wait_until("none")
            self.play(trace(wall), run_time=max(self.until("how"), 1.0))
            self.play(FadeIn(sub), FadeOut(seen_digits), FadeOut(seen_caption), FadeOut(wall), run_time=1.5)
            if len(strip):
                self.play(strip.animate.scale(0.5).move_to([0, 2.2, 0]).set_opacity(0.0), FadeOut(strip_caption),
                          run_time=max(beat.end - float(self.renderer.time) - 0.5, 1.0))
                self.remove(strip)

        if ev is None:
            self.shown_correct = self.shown_total = None
            self.gallery_test_indices = np.zeros(0, dtype=int)
            self.gallery_images = np.zeros((0, 784))
            self.gallery_labels = self.gallery_guesses = self.gallery_test_indices
            self.per_digit = None
            self.missing_notice()
        else:
            self.results(ev)
        self.compare_with_video(ev)

    # ------------------------------------------------------------------------------------------------ results
    def results(self, ev: Evaluation) -> None:
        theme = self.theme
        self.shown_correct, self.shown_total = ev.correct, ev.total
        counter = right_counter(ev.correct, ev.total, "test digits right:", theme.accent).shift(2.25 * UP)
        wrong_count = label(f"wrong: {count(ev.total - ev.correct)}", size=24, color=theme.negative)
        wrong_count.next_to(counter, DOWN, buff=0.12)
        with self.beat(f"It gets {count(ev.correct)} of the {count(ev.total)} right: {percent(ev.accuracy, 2)}. "
                       f"That leaves <bookmark mark='wrong'/>{count(ev.total - ev.correct)} test digits it gets "
                       "wrong.") as beat:
            self.play(Write(counter), run_time=self.until("wrong"))
            self.play(FadeIn(wrong_count, shift=0.2 * DOWN), run_time=1.0)

        wrong = np.flatnonzero(ev.mistakes)
        picks = np.sort(np.random.default_rng(self.options.seed).choice(wrong, min(GALLERY, len(wrong)),
                                                                         replace=False))
        self.gallery_test_indices = ev.test_indices[picks].copy()
        self.gallery_images = ev.images[picks].copy()
        self.gallery_labels, self.gallery_guesses = ev.labels[picks].copy(), ev.predictions[picks].copy()
        gallery = DigitGallery(self.gallery_images, [f"says {g}\nis {t}" for g, t in
                                                     zip(self.gallery_guesses, self.gallery_labels)],
                               columns=6, tile_height=0.85, gap=14, caption_room=0.75, caption_size=24,
                               caption_colors=[theme.negative] * len(picks))
        gallery.move_to([-3.0, -1.0, 0])
        caption = label(f"{len(picks)} of its mistakes, picked at random", size=24, dim=True)
        caption.next_to(gallery, UP, buff=0.15)
        surest = int(np.argmax(ev.confidences[picks]))
        self.named_mistake = int(picks[surest])
        named = gallery.tile_box(surest, theme.accent, stroke_width=5)
        with self.beat(f"Here are {count(len(picks))} of its mistakes, picked at random. Under each is "
                       "<bookmark mark='said'/>what the network said and what the digit really is. Some are "
                       "forgivable: a person might hesitate over them too. Others are plain blunders, and the network "
                       f"does not know the difference. For the <bookmark mark='named'/>{ev.labels[picks[surest]]} it "
                       f"called {a(ev.predictions[picks[surest]])}, its answer neuron still shone at "
                       f"{format_number(ev.confidences[picks[surest]], 2)}.") as beat:
            self.play(FadeOut(wrong_count), FadeIn(caption), FadeIn(gallery.image), run_time=self.until("said"))
            for c in gallery.captions:  # read one by one, what it said and what it really is
                self.play(FadeIn(c, shift=0.15 * UP), run_time=max(self.until("named") / len(gallery.captions), 0.2))
            self.play(Create(named), run_time=1.2)
            self.play(Indicate(gallery.captions[surest], color=theme.accent, scale_factor=1.3), run_time=1.5)

        self.per_digit = per = np.asarray(ev.per_digit, dtype=float)
        worst, best = int(np.argmin(per)), int(np.argmax(per))
        chart = BarChart(per, [str(d) for d in range(10)], max_value=1.0, width=6.2, height=2.3, fmt="percent", text_size=24,
                         highlight=worst).move_to([3.7, -0.9, 0])
        for k, text in enumerate(list(chart.value_labels)):  # at a readable size only the two named ones fit
            if k not in (best, worst):
                chart.value_labels.remove(text)
        chart_title = label("right, for each true digit", size=24, dim=True).next_to(chart, UP, buff=0.35)
        off = ev.confusion.copy()
        np.fill_diagonal(off, 0)
        true, said = (int(v) for v in np.unravel_index(int(np.argmax(off)), off.shape))
        self.top_confusion = (true, said, int(off[true, said]))
        grid = self.confusion_grid = ConfusionGrid(ev.confusion, cell_size=0.42, numbers_from=45)
        grid.move_to([-3.4, -0.95, 0])
        slip = grid.highlight(true, said)
        slip_note = label(f"{true} called {said}: {count(off[true, said])} times", size=24, color=theme.accent)
        slip_note.next_to(grid, DOWN, buff=0.2)
        with self.beat(f"Not every digit is equally hard. It gets <bookmark mark='best'/>{percent(per[best], 0)} of "
                       f"the {best}s right, but only <bookmark mark='worst'/>{percent(per[worst], 0)} of the {worst}s. "
                       "This grid counts every answer for every true digit. Its "
                       f"<bookmark mark='slip'/>most common slip is calling {a(true)} {a(said)}: "
                       f"{count(off[true, said])} times.") as beat:
            self.play(FadeOut(gallery), FadeOut(caption), FadeOut(named), FadeIn(chart_title),
                      GrowFromEdge(chart, DOWN), run_time=self.until("best"))
            self.play(Indicate(chart.bars[best], color=theme.text), run_time=self.until("worst"))
            self.play(Indicate(chart.bars[worst], color=theme.accent), run_time=1.2)
            self.play(FadeIn(grid), run_time=self.until("slip"))
            self.play(Indicate(grid.line_of(true), color=theme.text, scale_factor=1.05), run_time=1.0)
            self.play(Create(slip), FadeIn(slip_note), run_time=1.2)
        self.slip = VGroup(slip, slip_note)
        self.chart_group = VGroup(chart, chart_title)

    def missing_notice(self) -> None:
        theme = self.theme
        text = VGroup(label("The MNIST test set is needed to measure this network.", size=26, color=theme.accent),
                      label("Get it once with", size=24),
                      label("explainer download", size=24, mono=True),
                      label("or set MNIST_DIR to a folder holding the four MNIST files,", size=24, dim=True),
                      label("then render this scene again.", size=24, dim=True)).arrange(DOWN, buff=0.2)
        notice = boxed(text, buff=0.35).move_to([0, 0.3, 0])
        self.notice = notice
        with self.beat("To see this network's real score, the MNIST test set is needed: the notice on screen says "
                       "how to get it. Until then we show no score at all, rather than a false one.") as beat:
            self.play(FadeIn(notice), run_time=self.until("Until"))
            self.play(Indicate(text[0], color=theme.accent), run_time=1.5)

    # ------------------------------------------------------------------------------------------- the video
    def compare_with_video(self, ev: Evaluation | None) -> None:
        theme = self.theme
        ours = (f"ours: {percent(ev.accuracy, 2)} right" if ev else "ours: not measured here")
        theirs = f"the video's: about {percent(VIDEO_ACCURACY, 0)} right"
        full = 7.5  # scene units for the video's 60,000 training images
        video_bar = Line(ORIGIN, RIGHT * full, color=theme.text, stroke_width=14)
        ours_bar = Line(ORIGIN, RIGHT * max(full * (self.trained_on or 0) / VIDEO_TRAINING_IMAGES, 0.05),
                        color=theme.accent, stroke_width=14)
        rows = VGroup(
            VGroup(label(theirs, size=24), video_bar,
                   label(f"{count(VIDEO_TRAINING_IMAGES)} training images", size=24, dim=True)),
            VGroup(label(ours, size=24, color=theme.accent), ours_bar,
                   label(f"{count(self.trained_on)} training images" if self.trained_on else
                         "training images: not recorded", size=24, dim=True)))
        for name, bar, amount in rows:
            bar.next_to(name, DOWN, buff=0.18, aligned_edge=LEFT)
            amount.next_to(bar, RIGHT, buff=0.25)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.45).move_to([0, -1.0, 0])
        old = [m for m in (getattr(self, "confusion_grid", None), getattr(self, "slip", None),
                           getattr(self, "chart_group", None), getattr(self, "notice", None)) if m is not None]
        seen = (f"ours learned from only {count(self.trained_on)} of them, a sample that keeps the project small "
                "and quick to train" if self.trained_on else
                "this network's file does not say how many training images it learned from")
        with self.beat(f"How does that compare with <bookmark mark='video'/>3Blue1Brown's video? Its network has "
                       f"the <bookmark mark='same'/>same shape and gets about {percent(VIDEO_ACCURACY, 0)} of the test "
                       f"digits right. But it learned from <bookmark mark='all'/>all {count(VIDEO_TRAINING_IMAGES)} "
                       f"MNIST training images. <bookmark mark='ours'/>{seen[0].upper() + seen[1:]}. More examples are "
                       "the <bookmark mark='surest'/>surest way to generalise better. The next scene measures what else "
                       "helps.") as beat:
            self.play(*(FadeOut(m) for m in old), run_time=min(self.until("video"), 1.0))
            self.play(FadeIn(rows[0][0]), run_time=max(min(self.until("same"), 2.0), 0.5))
            self.wait_until("same")
            self.play(Indicate(rows[0][0], color=theme.text), run_time=max(min(self.until("all"), 2.0), 0.5))
            self.play(trace(video_bar), FadeIn(rows[0][2]), run_time=self.until("ours"))
            self.play(FadeIn(rows[1][0]), trace(ours_bar), FadeIn(rows[1][2]), run_time=max(self.until("More"), 1.0))
            self.play(Indicate(rows[1][1], color=theme.accent, scale_factor=1.0), run_time=1.5)
            self.wait_until("surest")
            self.play(Indicate(rows[0][1], color=theme.text, scale_factor=1.0), Indicate(rows[0][2], color=theme.text),
                      run_time=2.0)
        self.comparison = rows
