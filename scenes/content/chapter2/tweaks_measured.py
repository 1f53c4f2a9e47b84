"""Chapter 2, scene 11: the video's "about 96%, about 98% with some tweaks", measured here -- a baseline and a tweaked
recipe trained from several seeds on the same training digits, each run scored on the whole test set (a precomputed
comparison, assets/tweaks.npz), and the mistakes that remain."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Dot, FadeIn, Line, VGroup

from nnlib.evaluation import load_evaluation
from nnlib.tweaks import load_tweaks
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, percent
from scenes.content.chapter2.results_common import (VIDEO_ACCURACY, VIDEO_TRAINING_IMAGES, VIDEO_TWEAKED_ACCURACY,
                                                    shipped_note)
from scenes.content.components import DigitGallery, LinePlot, format_number, label

#: How many remaining mistakes the gallery shows.
GALLERY = 8


def points(value: float) -> str:
    """A difference of two accuracies in percentage points, as narration says it: 0.021 -> "2.1"."""
    return format_number(100 * value, 1)


class TweaksMeasured(ExplainerScene):
    """Test accuracy of every seed of every recipe as dots, with each recipe's mean (a bar) and spread (mean plus
    and minus one standard deviation); the video's figures beside them, quoted as the video's; a gallery of test
    digits the shipped network still gets wrong.

    Exposes ``comparison`` (:class:`nnlib.tweaks.TweaksComparison`), ``shown_means`` and ``shown_spreads``
    (recipe -> value), ``dots`` (recipe -> list of Dot, one per seed, ``dot.value`` the accuracy),
    ``gallery_test_indices`` and ``gallery_images``.
    """

    def construct(self) -> None:
        theme = self.theme
        comparison = self.comparison = load_tweaks()
        recipes = list(comparison.recipes)
        accuracies = np.asarray(comparison.accuracies, dtype=float)
        self.shown_means = {r: float(comparison.mean(r)) for r in recipes}
        self.shown_spreads = {r: float(comparison.spread(r)) for r in recipes}
        seeds = len(comparison.seeds)

        heading = self.title("Tweaks, measured: the same digits, a better recipe")
        note = shipped_note(comparison.command, what="a precomputed comparison over seeds")
        step = max(1, int(np.ceil((100 * accuracies.max() - 100 * accuracies.min() + 2) / 4)))  # whole points
        low = np.floor(100 * accuracies.min() - 1) / 100
        ticks = [low + k * step / 100 for k in range(5)]
        high = ticks[-1]
        plot = LinePlot((0, len(recipes) + 1), (low, high), width=5.6, height=3.4, y_ticks=ticks, y_percent=True,
                        y_name=f"test accuracy, {count(comparison.test_images)} test digits")
        plot.move_to([-3.4, 0.35, 0])
        names = VGroup(*(label(r, size=20, color=theme.accent if i else theme.text)
                         .next_to(plot.point(i + 1, low), DOWN, buff=0.2) for i, r in enumerate(recipes)))
        recipe_lines = VGroup(*(label(f"{r}: {d}", size=15, color=theme.accent if i else theme.text)
                                for i, (r, d) in enumerate(zip(recipes, comparison.descriptions))))
        recipe_lines.arrange(DOWN, aligned_edge=LEFT, buff=0.1).next_to(names, DOWN, buff=0.25).align_to(plot, LEFT)
        if recipe_lines.width > 6.8:
            recipe_lines.scale_to_fit_width(6.8).align_to(plot, LEFT)
        names.add(recipe_lines)
        video = VGroup(label("the video's network, trained on", size=18, dim=True),
                       label(f"{count(VIDEO_TRAINING_IMAGES)} images:", size=18, dim=True),
                       label(f"about {percent(VIDEO_ACCURACY, 0)}, about {percent(VIDEO_TWEAKED_ACCURACY, 0)} "
                             "with tweaks", size=20)).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
        video.move_to([3.6, 2.3, 0])
        with self.beat(f"The video quotes about {percent(VIDEO_ACCURACY, 0)} for its network, and about "
                       f"{percent(VIDEO_TWEAKED_ACCURACY, 0)} after some tweaks. Both figures are for a network that "
                       f"learned from all {count(VIDEO_TRAINING_IMAGES)} MNIST training images. What do tweaks buy "
                       f"on our {count(comparison.training_images)}? We measured it: each recipe trained "
                       f"{count(seeds)} times from different random starts, for {count(comparison.epochs)} epochs, "
                       f"and every run scored on all {count(comparison.test_images)} test digits.") as beat:
            self.play(FadeIn(heading), FadeIn(note), FadeIn(plot), FadeIn(names), run_time=beat.share(0.35))
            self.play(FadeIn(video), run_time=beat.share(0.2))

        self.dots: dict[str, list[Dot]] = {}
        for i, recipe in enumerate(recipes):
            colour = theme.accent if i else theme.text
            mean, spread = self.shown_means[recipe], self.shown_spreads[recipe]
            offsets = np.linspace(-0.35, 0.35, seeds) if seeds > 1 else np.zeros(1)
            dots = []
            for k, value in enumerate(accuracies[i]):
                dot = Dot(plot.point(i + 1 + offsets[k], value), radius=0.07, color=colour, fill_opacity=0.8)
                dot.value = float(value)
                dots.append(dot)
            self.dots[recipe] = dots
            bar = Line(plot.point(i + 0.5, mean), plot.point(i + 1.5, mean), color=colour, stroke_width=5)
            whisker = Line(plot.point(i + 1, max(low, mean - spread)), plot.point(i + 1, min(high, mean + spread)),
                           color=colour, stroke_width=2, stroke_opacity=0.7)
            figure = label(f"{percent(mean, 1)} ± {points(spread)}", size=18, color=colour)
            figure.next_to(plot.point(i + 1, min(high, mean + spread)), UP, buff=0.12)
            worst, best = float(accuracies[i].min()), float(accuracies[i].max())
            first = "The baseline" if i == 0 else "The tweaked recipe" if i == 1 else f"Recipe {recipe}"
            extra = ""
            if i > 0:
                gain = mean - self.shown_means[recipes[0]]
                base = accuracies[0]
                wins = int(np.sum(accuracies[i] > base))
                if worst > float(base.max()):
                    verdict = f"every one of its runs beat every run of the baseline"
                elif wins == seeds:
                    verdict = "it beat the baseline seed for seed, though their ranges overlap"
                else:
                    verdict = (f"but it beat the baseline in only {count(wins)} of {count(seeds)} seeds, so the gain "
                               "is within the luck of the start")
                extra = f" That is {points(gain)} percentage points {'better' if gain >= 0 else 'worse'}, and {verdict}."
            with self.beat(f"{first}, {comparison.descriptions[i]}: its {count(seeds)} runs land between "
                           f"{percent(worst, 1)} and {percent(best, 1)}, {percent(mean, 1)} on average, give or take "
                           f"{points(spread)} points.{extra}") as beat:
                self.play(*(FadeIn(d) for d in dots), run_time=beat.share(0.3))
                self.play(FadeIn(bar), FadeIn(whisker), FadeIn(figure), run_time=beat.share(0.3))

        ev = load_evaluation()
        wrong = np.flatnonzero(ev.mistakes)
        picks = np.sort(np.random.default_rng(self.options.seed).choice(wrong, min(GALLERY, len(wrong)),
                                                                         replace=False))
        self.gallery_test_indices = ev.test_indices[picks].copy()
        self.gallery_images = ev.images[picks].copy()
        gallery = DigitGallery(self.gallery_images, [f"says {p}, is {t}" for p, t in
                                                     zip(ev.predictions[picks], ev.labels[picks])],
                               columns=4, tile_height=0.85, gap=10, caption_room=0.35, caption_size=15,
                               caption_colors=[theme.negative] * len(picks)).move_to([3.6, -0.6, 0])
        caption = label("test digits the shipped network still gets wrong", size=17, dim=True)
        caption.next_to(gallery, UP, buff=0.15)
        with self.beat(f"Even the best recipe leaves mistakes. Here are {count(len(picks))} test digits the shipped "
                       f"network, trained with the baseline recipe, still gets wrong, out of "
                       f"{count(ev.total - ev.correct)}. Some are badly written; others a person would read at a "
                       "glance.") as beat:
            self.play(FadeIn(gallery), FadeIn(caption), run_time=beat.share(0.4))

        with self.beat("To check the video's figures yourself, on a machine with internet, fetch all of MNIST with "
                       "the command explainer download. Then explainer train learns from all "
                       f"{count(VIDEO_TRAINING_IMAGES)} images, with the cross-entropy cost if you ask for it, and the "
                       "command at the bottom of the screen reruns this whole comparison, both recipes, on whatever "
                       "training images it finds.") as beat:
            self.play(note.animate.set_opacity(1.0), run_time=beat.share(0.2))
