"""Chapter 2, scene 11: the video's "about 96%, about 98% with some tweaks", measured here -- a baseline and a tweaked
recipe trained from several seeds on the same training digits, each run scored on the whole test set (a precomputed
comparison, assets/tweaks.npz), and the mistakes that remain."""

from __future__ import annotations

from inspect import signature

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Circumscribe, Create, DashedLine, Dot, FadeIn, FadeOut, Group, Indicate, LaggedStart,
                   Line, VGroup)

from nnlib.evaluation import load_evaluation
from nnlib.augment import augment
from nnlib.costs import cross_entropy_cost, quadratic_cost
from nnlib.training_data import training_digits
from nnlib.tweaks import RECIPES, load_tweaks
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, percent
from scenes.content.chapter2.results_common import (VIDEO_ACCURACY, VIDEO_TRAINING_IMAGES, VIDEO_TWEAKED_ACCURACY,
                                                    shipped_note)
from scenes.content.components import DigitGallery, LinePlot, PixelGrid, format_number, label, trace

#: How many remaining mistakes the gallery shows.
GALLERY = 8


def points(value: float, decimals: int = 1) -> str:
    """A difference of two accuracies in percentage points, as narration says it: 0.021 -> "2.1"."""
    return format_number(100 * value, decimals)


def spoken_recipe(name: str, description: str) -> str:
    """A recipe as narration says it, from nnlib's settings when it knows the recipe (the learning rate is called
    the step size, as chapter 2 introduced it), else its stored description."""
    settings = RECIPES.get(name)
    if settings is None:
        return description
    cost = "the cross-entropy cost" if settings["cost"] == "cross-entropy" else "the quadratic cost"
    copies = int(settings["copies"])
    extra = (f", and {count(copies)} extra {'copy' if copies == 1 else 'copies'} of each digit" if copies else
             ", and the training digits as they are")
    return f"{cost}, a step size of {format_number(settings['learning_rate'], 0)}{extra}"


def short_recipe(name: str, description: str) -> str:
    """A recipe in a line or two for the screen: "tweaked: cross-entropy cost, step size 1,\n2 moved copies of each
    digit" (nnlib's settings when it knows the recipe, else its stored description)."""
    settings = RECIPES.get(name)
    if settings is None:
        return f"{name}: {description}"
    copies = int(settings["copies"])
    text = f"{name}: {settings['cost']} cost, step size {format_number(settings['learning_rate'], 0)}"
    return text + (f",\n+ {count(copies)} moved copies of each digit" if copies else "")


#: How far augment() moves and turns a copy (its defaults), as the narration says it.
SHIFT = signature(augment).parameters["max_shift"].default
TURN = signature(augment).parameters["max_degrees"].default


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
        note = shipped_note(what="a precomputed comparison over seeds")
        # the axis runs up to the video's figures, so its claims and our measurements share one scale
        top = max(VIDEO_TWEAKED_ACCURACY, float(accuracies.max()))
        low = np.floor(100 * accuracies.min() - 1) / 100
        step = int(np.ceil((100 * top - 100 * low) / 3))
        ticks = [low + k * step / 100 for k in range(4)]
        high = ticks[-1]
        plot = LinePlot((0, len(recipes) + 1), (low, high), width=6.4, height=3.6, y_ticks=ticks, y_percent=True,
                        text_size=24, y_name=f"test accuracy, {count(comparison.test_images)} test digits")
        plot.move_to([-2.9, 0.35, 0])
        names = VGroup(*(label(r, size=24, color=theme.accent if i else theme.text)
                         .next_to(plot.point(i + 1, low), DOWN, buff=0.2) for i, r in enumerate(recipes)))
        recipe_lines = VGroup(*(label(short_recipe(r, d), size=24, color=theme.accent if i else theme.text)
                                for i, (r, d) in enumerate(zip(recipes, comparison.descriptions))))
        recipe_lines.arrange(DOWN, aligned_edge=LEFT, buff=0.1).next_to(names, DOWN, buff=0.2).align_to(plot, LEFT)
        names.add(recipe_lines)
        claims = VGroup()
        for value, words in ((VIDEO_ACCURACY, f"the video: about {percent(VIDEO_ACCURACY, 0)}"),
                             (VIDEO_TWEAKED_ACCURACY, f"with its tweaks: about {percent(VIDEO_TWEAKED_ACCURACY, 0)}")):
            line = DashedLine(plot.point(0, value), plot.point(len(recipes) + 1, value), color=theme.dim_text,
                              stroke_width=3, dash_length=0.12)
            claims.add(VGroup(line, label(words, size=24, dim=True).next_to(plot.point(0.1, value), DOWN, buff=0.08,
                                                                              aligned_edge=LEFT)))
        video = label(f"(both learned from {count(VIDEO_TRAINING_IMAGES)} training images)", size=24, dim=True)
        video.next_to(claims[0][1], RIGHT, buff=0.2)
        # what "punishes a confident wrong answer" means, in nnlib's own two costs
        wrong, right = np.array([[0.01]]), np.array([[1.0]])
        self.cost_example = (quadratic_cost(wrong, right), cross_entropy_cost(wrong, right))
        example = VGroup(label("the right digit's neuron at 0.01:", size=24, dim=True),
                         label(f"squared difference {format_number(self.cost_example[0], 2)}", size=24),
                         label(f"cross-entropy {format_number(self.cost_example[1], 2)}", size=24,
                               color=theme.accent)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        example.move_to([4.3, 0.4, 0])
        ours = label("the tweaks here are ours: the video does not list its own", size=24, dim=True)
        ours.next_to(heading, DOWN, buff=0.15)
        self.video = video
        with self.beat(f"3Blue1Brown's video quotes about <bookmark mark='v96'/>{percent(VIDEO_ACCURACY, 0)} of test "
                       f"digits right for its network, and about <bookmark mark='v98'/>"
                       f"{percent(VIDEO_TWEAKED_ACCURACY, 0)} after some tweaks. Both figures are for a network that "
                       f"learned from <bookmark mark='all'/>all {count(VIDEO_TRAINING_IMAGES)} MNIST training images. "
                       f"What do <bookmark mark='tweaks'/>tweaks buy on our {count(comparison.training_images)}? The "
                       "tweaks here are our <bookmark mark='own'/>own choice; the video does not list the ones it "
                       f"used. We <bookmark mark='measured'/>measured them: each recipe trained {count(seeds)} times "
                       f"from different random starts, for {count(comparison.epochs)} epochs. Every run was "
                       f"<bookmark mark='scored'/>scored on all {count(comparison.test_images)} test digits.") as beat:
            self.play(FadeIn(heading), FadeIn(plot), FadeIn(note), run_time=self.until("v96"))
            self.play(trace(claims[0][0]), FadeIn(claims[0][1]), run_time=max(self.until("v98"), 1.0))
            self.play(trace(claims[1][0]), FadeIn(claims[1][1]), run_time=max(self.until("all"), 1.0))
            self.play(FadeIn(video, shift=0.2 * LEFT), run_time=max(min(self.until("tweaks"), 2.5), 0.5))
            self.wait_until("tweaks")
            self.play(FadeIn(names[:-1], shift=0.2 * UP), run_time=max(min(self.until("own"), 2.0), 0.5))
            self.wait_until("own")
            self.play(FadeIn(ours), run_time=1.5)
            self.wait_until("measured")
            self.play(LaggedStart(*(FadeIn(line, shift=0.2 * UP) for line in recipe_lines), lag_ratio=0.5),
                      run_time=max(min(self.until("scored"), 3.0), 0.5))
            self.wait_until("scored")
            self.play(Indicate(plot.names, color=theme.text, scale_factor=1.05), run_time=1.5)

        self.dots: dict[str, list[Dot]] = {}
        for i, recipe in enumerate(recipes):
            colour = theme.accent if i else theme.text
            mean, spread = self.shown_means[recipe], self.shown_spreads[recipe]
            offsets = np.linspace(-0.35, 0.35, seeds) if seeds > 1 else np.zeros(1)
            dots = []
            for k, value in enumerate(accuracies[i]):
                dot = Dot(plot.point(i + 1 + offsets[k], value), radius=0.09, color=colour, fill_opacity=0.8)
                dot.value = float(value)
                dots.append(dot)
            self.dots[recipe] = dots
            bar = Line(plot.point(i + 0.5, mean), plot.point(i + 1.5, mean), color=colour, stroke_width=5)
            whisker = Line(plot.point(i + 1, max(low, mean - spread)), plot.point(i + 1, min(high, mean + spread)),
                           color=colour, stroke_width=2, stroke_opacity=0.7)
            figure = label(f"{percent(mean, 1)} ± {points(spread, 2)}", size=24, color=colour)
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
                extra = (f" That is {points(gain)} percentage points {'better' if gain >= 0 else 'worse'} on "
                         f"average. <bookmark mark='every'/>And {verdict}.")
            said_recipe = spoken_recipe(recipe, comparison.descriptions[i])
            copies = int(RECIPES.get(recipe, {}).get("copies", 0))
            name = f"{first} uses {said_recipe}."
            crossed = i > 0 and RECIPES.get(recipe, {}).get("cost") == "cross-entropy"
            if crossed:
                name += (" <bookmark mark='ce'/>Cross-entropy is a cost that punishes a confident wrong answer far "
                         "more than the squared difference does.")
            shown = Group()
            if copies:
                name += (f" Each <bookmark mark='copies'/>copy is the digit shifted by up to {format_number(SHIFT, 0)} "
                         f"pixels and turned by up to {format_number(TURN, 0)} degrees, like these.")
                digit = training_digits().images[:1]
                shown = Group(*(PixelGrid(img, height=1.2) for img in np.vstack([digit, augment(digit, copies, seed=0)])))
                shown.arrange(RIGHT, buff=0.35).move_to([4.2, -1.3, 0])
                shown_caption = label(f"a training digit and {count(copies)} copies", size=24, dim=True)
                shown_caption.next_to(shown, DOWN, buff=0.2)
                shown.add(shown_caption)
            with self.beat(f"{name} Its {count(seeds)} runs <bookmark mark='runs'/>land between "
                           f"{percent(worst, 1)} and {percent(best, 1)}: {percent(mean, 1)} on "
                           f"<bookmark mark='mean'/>average, give or <bookmark mark='spread'/>take "
                           f"{points(spread, 2)} points.{extra}") as beat:
                self.play(Indicate(names[i], color=colour), run_time=min(self.until("runs"), 2.0))
                self.play(Indicate(recipe_lines[i], color=colour, scale_factor=1.05), run_time=min(self.until("runs"), 2.0))
                if crossed:
                    self.wait_until("ce")
                    self.play(LaggedStart(*(FadeIn(m, shift=0.2 * UP) for m in example), lag_ratio=0.5),
                              run_time=2.5)
                    self.play(Indicate(example[2], color=theme.accent), run_time=1.5)
                if len(shown):
                    self.wait_until("copies")
                    self.play(LaggedStart(*(FadeIn(m, shift=0.2 * UP) for m in shown), lag_ratio=0.4),
                              run_time=min(self.until("runs"), 3.0))
                self.wait_until("runs")
                self.play(LaggedStart(*(FadeIn(d, scale=2.0) for d in dots), lag_ratio=0.6),
                          run_time=self.until("mean"))
                self.play(trace(bar), run_time=self.until("spread"))
                self.play(trace(whisker), FadeIn(figure), run_time=max(self.until("points") + 0.6, 1.0))
                if i > 0:
                    self.play(*(Indicate(d, color=theme.text) for d in dots), run_time=2.0)
                    self.wait_until("every")
                    self.play(*(Indicate(d, color=theme.text) for r in recipes for d in self.dots[r]), run_time=2.0)
            if len(shown):
                self.remove(*shown)
            if crossed:
                self.remove(*example)

        ev = load_evaluation()
        wrong = np.flatnonzero(ev.mistakes)
        picks = np.sort(np.random.default_rng(self.options.seed).choice(wrong, min(GALLERY, len(wrong)),
                                                                         replace=False))
        self.gallery_test_indices = ev.test_indices[picks].copy()
        self.gallery_images = ev.images[picks].copy()
        gallery = DigitGallery(self.gallery_images, [f"says {p}\nis {t}" for p, t in
                                                     zip(ev.predictions[picks], ev.labels[picks])],
                               columns=4, tile_height=0.85, gap=14, caption_room=0.75, caption_size=24,
                               caption_colors=[theme.negative] * len(picks)).move_to([4.3, -0.75, 0])
        caption = label("test digits the shipped network still gets wrong", size=24, dim=True)
        caption.next_to(gallery, UP, buff=0.15)
        with self.beat(f"Even the better recipe leaves mistakes. <bookmark mark='here'/>Here are "
                       f"{count(len(picks))} test digits the shipped network, trained with the baseline recipe, still "
                       f"gets <bookmark mark='wrong'/>wrong, out of "
                       f"<bookmark mark='all'/>{count(ev.total - ev.correct)}. Some are badly written; others a "
                       "person would read at a glance.") as beat:
            self.play(FadeOut(ours), FadeIn(caption), run_time=max(self.until("here"), 0.5))
            self.play(FadeIn(gallery.image), run_time=max(min(self.until("wrong"), 3.0), 0.5))
            self.wait_until("wrong")
            for c in gallery.captions:  # read one by one, what it said and what it is
                self.play(FadeIn(c, shift=0.15 * UP), run_time=max(self.until("glance") / len(gallery.captions), 0.2))

        base, tweaked = (self.shown_means[r] for r in recipes[:2]) if len(recipes) > 1 else (0.0, 0.0)
        times = VIDEO_TRAINING_IMAGES / max(comparison.training_images, 1)
        more = f"{count(round(times))} times" if times >= 2 else "more"
        short = (f"Our tweaked recipe's {percent(tweaked, 1)} is still well short of its "
                 f"{percent(VIDEO_ACCURACY, 0)}." if tweaked < VIDEO_ACCURACY - 0.01 else
                 f"Our tweaked recipe's {percent(tweaked, 1)} reaches its {percent(VIDEO_ACCURACY, 0)} even so.")
        with self.beat(f"So on our {count(comparison.training_images)} digits, the "
                       f"<bookmark mark='tweaks'/>tweaks gain about {points(tweaked - base)} points, while the luck "
                       f"of the <bookmark mark='seed'/>start moves a result by about "
                       f"{points(self.shown_spreads[recipes[0]], 2)}. The video's network also learned from {more} as "
                       f"<bookmark mark='more'/>many training images. <bookmark mark='short'/>{short}") as beat:
            self.wait_until("tweaks")
            self.play(*(Indicate(d, color=theme.text) for d in self.dots[recipes[-1]]), run_time=1.5)
            self.wait_until("seed")
            self.play(*(Indicate(d, color=theme.text) for d in self.dots[recipes[0]]), run_time=1.5)
            self.wait_until("more")
            self.play(Indicate(video, color=theme.text), run_time=1.5)
            self.wait_until("short")
            self.play(Indicate(claims[0], color=theme.text, scale_factor=1.0), run_time=2.0)
