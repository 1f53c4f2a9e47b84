"""Chapter 2, scene 13: random noise in, a confident answer out -- one static image through the network, then the
answers over many noise images set beside the answers on real digits."""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, UP, Create, FadeIn, FadeOut, VGroup

from nnlib import NNLibError, load_mnist
from nnlib.analysis import compare_noise_with_digits, noise_images
from nnlib.training_data import training_digits
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, percent
from scenes.content.chapter2.results_common import a
from scenes.content.components import BarChart, NetworkDiagram, PixelGrid, format_number, label

#: How many noise images the statistics are taken over.
NOISE_IMAGES = 1000
#: A winning activation above this counts as "confident".
CONFIDENT = 0.9


def real_digits() -> tuple[np.ndarray, str]:
    """Real handwritten digits to compare with: the MNIST test set when present, else the shipped training sample
    (said so: it is only a comparison of how sure the network sounds, not a score)."""
    try:
        data = load_mnist()
        return data.test_images, f"{count(len(data.test_labels))} MNIST test digits"
    except NNLibError:
        digits = training_digits()
        return digits.images, f"{count(digits.count)} real training digits"


class NoiseInConfidentOut(ExplainerScene):
    """The most confident of ``NOISE_IMAGES`` seeded noise images fed through the network in force; then how often
    each digit wins and how bright the winner is, over all the noise images and over real digits.

    Exposes ``noise_image``, ``noise_pick`` (its index among the noise images), ``marked_digit``,
    ``marked_activation``, ``noise_stats`` (:class:`nnlib.analysis.NoiseComparison`), ``real_description`` and
    ``charts``.
    """

    def construct(self) -> None:
        theme, net, seed = self.theme, self.network, self.options.seed
        noise = noise_images(NOISE_IMAGES, seed)
        top = net.output(noise).max(axis=1)
        pick = self.noise_pick = int(np.argmax(top))
        self.noise_image = noise[pick]
        heading = self.title("Random noise in, confident nonsense out")
        grid = PixelGrid(self.noise_image, height=2.4).move_to([-5.2, 0.4, 0])
        which = label(f"random pixels (seed {seed}):\nthe most confident of\n{count(NOISE_IMAGES)} noise images",
                      size=17, dim=True).next_to(grid, DOWN, buff=0.25)
        diagram = NetworkDiagram(net, max_shown=6, height=5.4, layer_spacing=2.2).shift(1.3 * RIGHT + 0.3 * DOWN)
        with self.beat("Here is an experiment worth trying. Instead of a digit, feed the network pure static: "
                       f"each of the {count(net.sizes[0])} pixels set to a random brightness, nothing drawn at all. "
                       f"We made {count(NOISE_IMAGES)} such images, with seed {seed}, and picked the one the network "
                       "is surest about.") as beat:
            self.play(FadeIn(heading), FadeIn(grid), FadeIn(which), run_time=beat.share(0.35))
            self.play(FadeIn(diagram), run_time=beat.share(0.3))

        animation = diagram.feed_forward(self.noise_image, run_time_per_layer=0.5)
        box = diagram.mark_answer()
        self.marked_digit = diagram.answer
        self.marked_activation = float(top[pick])
        says = label(f"says {self.marked_digit}, activation {format_number(self.marked_activation, 3)}", size=24,
                     color=theme.accent).to_edge(DOWN, buff=0.3)
        with self.beat("It flows through the network like any digit, and at the end output neuron "
                       f"{self.marked_digit} shines at {format_number(self.marked_activation, 3)}. The network's "
                       f"verdict: this is {a(self.marked_digit)}, and it is sure of it. Nothing in it can say that "
                       "an image is no digit at all.") as beat:
            animation.run_time = beat.share(0.5)
            self.play(animation)
            self.play(Create(box), FadeIn(says), run_time=beat.share(0.2))

        images, self.real_description = real_digits()
        stats = self.noise_stats = compare_noise_with_digits(net, images, NOISE_IMAGES, seed)
        shares = [s.predicted_counts / s.count for s in (stats.noise, stats.real)]
        biggest = max(float(np.max(x)) for x in shares)
        favourite = stats.noise.most_common
        charts = self.charts = [
            BarChart(shares[0], [str(d) for d in range(10)], max_value=biggest, width=5.2, height=2.4,
                     fmt="percent", color=theme.negative, highlight=favourite),
            BarChart(shares[1], [str(d) for d in range(10)], max_value=biggest, width=5.2, height=2.4,
                     fmt="percent", color=theme.positive)]
        VGroup(*charts).arrange(RIGHT, buff=1.4, aligned_edge=DOWN).shift(0.35 * UP)
        titles = [label(f"answers for {count(NOISE_IMAGES)} noise images", size=19).next_to(charts[0], UP, buff=0.35),
                  label(f"answers for {self.real_description}", size=19).next_to(charts[1], UP, buff=0.35)]
        titles[1].match_y(titles[0])
        facts = VGroup(*(label(f"winner above {format_number(CONFIDENT, 1)}: {percent(s.fraction_above(CONFIDENT), 0)}"
                               f" of the time\nmedian winning activation {format_number(s.median_top, 2)}",
                               size=17, color=colour).next_to(chart, DOWN, buff=0.45)
                         for s, colour, chart in ((stats.noise, theme.negative, charts[0]),
                                                  (stats.real, theme.positive, charts[1]))))
        noise_share = float(shares[0][favourite])
        spread = int(np.count_nonzero(stats.real.predicted_counts))
        with self.beat(f"One image could be a fluke, so here are all {count(NOISE_IMAGES)}. For "
                       f"{percent(noise_share, 0)} of them the network answers {favourite}: static has a favourite "
                       f"digit. Its winning neuron shines above {format_number(CONFIDENT, 1)} for "
                       f"{percent(stats.noise.fraction_above(CONFIDENT), 0)} of the noise images, with a median of "
                       f"{format_number(stats.noise.median_top, 2)}. On {self.real_description}, for comparison, the "
                       f"answers spread over {count(spread)} different digits and the median winner is "
                       f"{format_number(stats.real.median_top, 2)}.") as beat:
            self.play(*(FadeOut(m) for m in (grid, which, diagram, box, says)), run_time=beat.share(0.15))
            self.play(*(FadeIn(m) for m in (*charts, *titles)), run_time=beat.share(0.3))
            self.play(FadeIn(facts), run_time=beat.share(0.2))

        moral = label("It can recognise digits, but it has no idea what one looks like", size=24,
                      color=theme.accent).to_edge(DOWN, buff=0.35)
        with self.beat("So the network can recognise digits, yet it has no idea what a digit looks like. Its whole "
                       "world was centred, clean handwriting; it never saw static, and its cost never rewarded "
                       "doubt, because every training image had a right answer. Ask it about anything else and it "
                       "still picks one of its ten answers, often with confidence.") as beat:
            self.play(FadeIn(moral), run_time=beat.share(0.3))
        self.moral = moral
