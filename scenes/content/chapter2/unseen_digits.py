"""Chapter 2, scene 10: how well the network does on digits it never saw -- the MNIST test set, measured live when
it is on this machine, else the evaluation shipped with the project (when it measured this very network), else an
honest notice that the test set is needed. A training image is never shown as unseen."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeIn, VGroup, Write

from nnlib import NNLibError, load_mnist
from nnlib.evaluation import Evaluation, evaluate, evaluation_matches, load_evaluation, weights_digest
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import boxed, count, percent
from scenes.content.chapter2.results_common import (VIDEO_ACCURACY, VIDEO_TRAINING_IMAGES, a, right_counter,
                                                    training_image_count)
from scenes.content.components import BarChart, DigitGallery, format_number, label

#: How many of the network's mistakes the gallery shows.
GALLERY = 12


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
        where = {"live": "measured just now on all {n} MNIST test images",
                 "shipped": "shipped evaluation of all {n} test images (assets/evaluation.npz), made with this network",
                 "missing": "no MNIST test set on this machine"}[self.mode]
        sub = label(where.format(n=count(ev.total) if ev else ""), size=20, dim=True).next_to(heading, DOWN, buff=0.15)
        how = {"live": f"We run all {count(ev.total) if ev else ''} of them through the network now.",
               "shipped": "This machine has no copy of the test set, so we show the shipped evaluation of all "
                          f"{count(ev.total) if ev else ''} test images, made once with this very network when the "
                          "project was built.",
               "missing": "But this machine has no copy of the test set, and the network in use is not the one the "
                          "project's shipped evaluation measured. Scoring it on its own training digits instead "
                          "would flatter it, because it has seen them."}[self.mode]
        with self.beat("Until now we have judged the network on the digits it trained on. The real question is "
                       "whether it learned something general: how does it do on handwriting it has never seen? "
                       "MNIST keeps a separate set of test images apart for exactly this; not one of them is used in "
                       f"training. {how}") as beat:
            self.play(FadeIn(heading), FadeIn(sub), run_time=beat.share(0.4))

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
        counter = right_counter(ev.correct, ev.total, "test digits right:", theme.accent).shift(2.15 * UP)
        with self.beat(f"It gets {count(ev.correct)} of the {count(ev.total)} right: {percent(ev.accuracy, 2)}. "
                       f"That leaves {count(ev.total - ev.correct)} test digits it gets wrong.") as beat:
            self.play(Write(counter), run_time=beat.share(0.5))

        wrong = np.flatnonzero(ev.mistakes)
        picks = np.sort(np.random.default_rng(self.options.seed).choice(wrong, min(GALLERY, len(wrong)),
                                                                         replace=False))
        self.gallery_test_indices = ev.test_indices[picks].copy()
        self.gallery_images = ev.images[picks].copy()
        self.gallery_labels, self.gallery_guesses = ev.labels[picks].copy(), ev.predictions[picks].copy()
        gallery = DigitGallery(self.gallery_images, [f"says {g}, is {t}" for g, t in
                                                     zip(self.gallery_guesses, self.gallery_labels)],
                               columns=6, tile_height=0.85, gap=10, caption_room=0.35, caption_size=15,
                               caption_colors=[theme.negative] * len(picks))
        gallery.move_to([-3.55, -0.6, 0])
        caption = label(f"{len(picks)} mistakes, picked at random (MNIST test images)", size=18, dim=True)
        caption.next_to(gallery, UP, buff=0.15)
        surest = int(picks[np.argmax(ev.confidences[picks])])
        with self.beat(f"Here are {count(len(picks))} of its mistakes, picked at random. Under each is what the "
                       "network said and what the digit really is. Some are forgivable: a person might hesitate over "
                       "them too. Others are plain blunders, and the network does not know the difference: for the "
                       f"{ev.labels[surest]} it called {a(ev.predictions[surest])}, its answer neuron still shone at "
                       f"{format_number(ev.confidences[surest], 2)}.") as beat:
            self.play(FadeIn(gallery), FadeIn(caption), run_time=beat.share(0.4))

        self.per_digit = per = np.asarray(ev.per_digit, dtype=float)
        worst, best = int(np.argmin(per)), int(np.argmax(per))
        chart = BarChart(per, [str(d) for d in range(10)], max_value=1.0, width=5.6, height=2.3, fmt="percent",
                         highlight=worst).move_to([3.9, -0.9, 0])
        chart_title = label("right, for each true digit", size=18, dim=True).next_to(chart, UP, buff=0.35)
        off = ev.confusion.copy()
        np.fill_diagonal(off, 0)
        true, said = (int(v) for v in np.unravel_index(int(np.argmax(off)), off.shape))
        self.top_confusion = (true, said, int(off[true, said]))
        with self.beat(f"Not every digit is equally hard. It gets {percent(per[best], 0)} of the {best}s right, "
                       f"but only {percent(per[worst], 0)} of the {worst}s. Its most common slip is calling "
                       f"{a(true)} {a(said)}: {count(off[true, said])} times.") as beat:
            self.play(FadeIn(chart), FadeIn(chart_title), run_time=beat.share(0.4))

    def missing_notice(self) -> None:
        theme = self.theme
        text = VGroup(label("The MNIST test set is needed to measure this network.", size=26, color=theme.accent),
                      label("Get it once with", size=22),
                      label("explainer download", size=24, mono=True),
                      label("or set MNIST_DIR to a folder holding the four MNIST files,", size=20, dim=True),
                      label("then render this scene again.", size=20, dim=True)).arrange(DOWN, buff=0.2)
        notice = boxed(text, buff=0.35).move_to([0, 0.3, 0])
        self.notice = notice
        with self.beat("To see this network's real score, fetch the test set once with the command explainer "
                       "download, or point MNIST_DIR at a folder that holds it, and render this scene again. Until "
                       "then we show no score at all rather than a false one.") as beat:
            self.play(FadeIn(notice), run_time=beat.share(0.4))

    # ------------------------------------------------------------------------------------------- the video
    def compare_with_video(self, ev: Evaluation | None) -> None:
        theme = self.theme
        ours = (f"ours: {percent(ev.accuracy, 2)}" if ev else "ours: not measured here") + (
            f", trained on {count(self.trained_on)} images" if self.trained_on else "")
        line = VGroup(label(ours, size=22, color=theme.accent),
                      label(f"the video's: about {percent(VIDEO_ACCURACY, 0)}, trained on "
                            f"{count(VIDEO_TRAINING_IMAGES)} images", size=22, dim=True)).arrange(RIGHT, buff=0.8)
        if line.width > 13.0:
            line.scale_to_fit_width(13.0)
        line.to_edge(DOWN, buff=0.35)
        seen = (f"ours learned from only {count(self.trained_on)} of them, a sample that keeps the project small "
                "and quick to train" if self.trained_on else
                "this network's file does not say how many training images it learned from")
        with self.beat(f"How does that compare with the video? Its network has the same shape and gets about "
                       f"{percent(VIDEO_ACCURACY, 0)} of the test digits right, but it learned from all "
                       f"{count(VIDEO_TRAINING_IMAGES)} MNIST training images; {seen}. More examples are the surest "
                       "way to generalise better. The next scene measures what else helps.") as beat:
            self.play(FadeIn(line), run_time=beat.share(0.3))
        self.comparison = line
