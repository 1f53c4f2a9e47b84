"""Chapter 2, scene 13: random noise in, a confident answer out -- one static image through the network, then the
answers over many noise images set beside the answers on real digits."""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, UP, Circumscribe, Create, FadeIn, FadeOut, GrowFromEdge, Indicate, VGroup

from nnlib import NNLibError, load_mnist
from nnlib.analysis import compare_noise_with_digits, noise_images
from nnlib.training_data import training_digits
from scenes.content.base import ExplainerScene
from scenes.content.chapter2.common import count, percent
from scenes.content.chapter2.results_common import a
from scenes.content.components import BarChart, NetworkDiagram, PixelGrid, format_number, label

#: How many noise images the statistics are taken over.
NOISE_IMAGES = 1000
#: Shares of answers at least this big are written above their bars.
NOTABLE = 0.15
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
                      size=24, dim=True).next_to(grid, DOWN, buff=0.25)
        diagram = NetworkDiagram(net, max_shown=6, height=5.4, layer_spacing=2.2).shift(1.3 * RIGHT + 0.3 * DOWN)
        with self.beat("Here is an experiment worth trying. Instead of a digit, feed the network pure "
                       f"<bookmark mark='static'/>static: each of the {count(net.sizes[0])} pixels set to a random "
                       f"brightness, nothing drawn at all. We made <bookmark mark='made'/>{count(NOISE_IMAGES)} such "
                       f"images, with seed {seed}, and picked the one the <bookmark mark='network'/>network is "
                       "surest about.") as beat:
            self.play(FadeIn(heading), run_time=self.until("static"))
            self.play(FadeIn(grid, scale=0.8), run_time=self.until("made"))
            self.play(FadeIn(which, shift=0.2 * UP), run_time=self.until("network"))
            self.play(FadeIn(diagram), run_time=2.0)

        animation = diagram.feed_forward(self.noise_image, run_time_per_layer=0.5)
        box = diagram.mark_answer()
        self.marked_digit = diagram.answer
        self.marked_activation = float(top[pick])
        says = label(f"says {self.marked_digit}, activation {format_number(self.marked_activation, 3)}", size=24,
                     color=theme.accent).to_edge(DOWN, buff=0.3)
        with self.beat("It flows through the network like any digit, and at the end output neuron "
                       f"{self.marked_digit} <bookmark mark='shines'/>shines at "
                       f"{format_number(self.marked_activation, 3)}. The network's verdict: this is "
                       f"{a(self.marked_digit)}, and it is <bookmark mark='sure'/>sure of it. Nothing in it can say "
                       "that an image is <bookmark mark='none'/>no digit at all.") as beat:
            animation.run_time = self.until("shines")
            self.play(animation)
            self.play(Create(box), FadeIn(says), run_time=self.until("sure"))
            self.play(Indicate(says, color=theme.accent), run_time=1.2)
            self.wait_until("none")
            self.play(Circumscribe(grid, color=theme.text), run_time=1.5)

        images, self.real_description = real_digits()
        stats = self.noise_stats = compare_noise_with_digits(net, images, NOISE_IMAGES, seed)
        shares = [s.predicted_counts / s.count for s in (stats.noise, stats.real)]
        biggest = max(float(np.max(x)) for x in shares)
        favourite = stats.noise.most_common
        charts = self.charts = [
            BarChart(shares[0], [str(d) for d in range(10)], max_value=biggest, width=5.6, height=2.4, text_size=24,
                     fmt="percent", color=theme.negative, highlight=favourite),
            BarChart(shares[1], [str(d) for d in range(10)], max_value=biggest, width=5.6, height=2.4, text_size=24,
                     fmt="percent", color=theme.positive)]
        for chart in charts:  # at a readable size only the notable shares fit above their bars
            for value, text in zip(chart.values, list(chart.value_labels)):
                if value < NOTABLE:
                    chart.value_labels.remove(text)
        VGroup(*charts).arrange(RIGHT, buff=1.0, aligned_edge=DOWN).shift(0.35 * UP)
        titles = [label(f"answers for {count(NOISE_IMAGES)} noise images", size=24).next_to(charts[0], UP, buff=0.35),
                  label(f"answers for {self.real_description}", size=24).next_to(charts[1], UP, buff=0.35)]
        titles[1].match_y(titles[0])
        facts = VGroup(*(label(f"winner above {format_number(CONFIDENT, 1)}: {percent(s.fraction_above(CONFIDENT), 0)}"
                               f" of the time\nmedian winning activation {format_number(s.median_top, 2)}",
                               size=24, color=colour).next_to(chart, DOWN, buff=0.45)
                         for s, colour, chart in ((stats.noise, theme.negative, charts[0]),
                                                  (stats.real, theme.positive, charts[1]))))
        noise_share = float(shares[0][favourite])
        spread = int(np.count_nonzero(stats.real.predicted_counts))
        with self.beat(f"One image could be a fluke, so here are <bookmark mark='all'/>all {count(NOISE_IMAGES)}. "
                       f"For {percent(noise_share, 0)} of them the network <bookmark mark='answers'/>answers "
                       f"{favourite}: static has a favourite digit. Its winning neuron shines "
                       f"<bookmark mark='above'/>above {format_number(CONFIDENT, 1)} for "
                       f"{percent(stats.noise.fraction_above(CONFIDENT), 0)} of the noise images, with a "
                       f"<bookmark mark='median'/>median of "
                       f"{format_number(stats.noise.median_top, 2)}. On {self.real_description}, for "
                       f"<bookmark mark='real'/>comparison, the answers spread over {count(spread)} different digits. "
                       f"There the median <bookmark mark='winner'/>winner is "
                       f"{format_number(stats.real.median_top, 2)}.") as beat:
            self.play(*(FadeOut(m) for m in (grid, which, diagram, box, says)), run_time=self.until("all"))
            self.play(FadeIn(titles[0]), GrowFromEdge(charts[0], DOWN), run_time=self.until("answers"))
            self.play(Indicate(charts[0].bars[favourite], color=theme.accent), run_time=1.2)
            self.wait_until("above")
            self.play(FadeIn(facts[0], shift=0.2 * UP), run_time=1.2)
            self.wait_until("median")
            self.play(Indicate(facts[0], color=theme.negative), run_time=1.5)
            self.wait_until("real")
            self.play(FadeIn(titles[1]), GrowFromEdge(charts[1], DOWN), run_time=self.until("winner"))
            self.play(FadeIn(facts[1], shift=0.2 * UP), run_time=1.2)

        moral = label("It can recognise digits, but it has no idea what one looks like", size=24,
                      color=theme.accent).to_edge(DOWN, buff=0.35)
        with self.beat("So the network can recognise digits, yet it has no idea what a digit looks like. Its whole "
                       "world was centred, clean <bookmark mark='clean'/>handwriting. It never saw static, and its cost "
                       "never rewarded <bookmark mark='doubt'/>doubt, because every training image had a right answer. "
                       "<bookmark mark='ask'/>Ask it about anything else and it still picks one of its ten answers, often with "
                       "<bookmark mark='conf'/>confidence.") as beat:
            self.play(FadeIn(moral), run_time=self.until("clean"))
            self.play(Indicate(charts[1], color=theme.positive, scale_factor=1.03), run_time=1.5)
            self.wait_until("doubt")
            self.play(Indicate(facts[0], color=theme.negative), run_time=1.5)
            self.wait_until("ask")
            self.play(Circumscribe(charts[0], color=theme.text), run_time=2.0)
            self.wait_until("conf")
            self.play(Indicate(charts[0].bars[favourite], color=theme.accent), run_time=1.5)
        self.moral = moral
