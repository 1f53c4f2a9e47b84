"""Chapter 1, scene 4: a neuron designed by hand to detect one short stroke, tried on real handwritten digits."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UL, UP, Circle, Create, FadeIn, FadeOut, Group, Indicate, LaggedStart,
                   ReplacementTransform, SurroundingRectangle, VGroup, VMobject, Write)

from nnlib.assets import load_sample
from nnlib.edge_detector import (best_weighted_sum, detector_response, edge_detector_bias, edge_detector_weights,
                                 split_sum)
from scenes.content.base import ExplainerScene
from scenes.content.components import PixelGrid, WeightHeatmap, format_number, formula, label, number

#: The stroke this neuron is designed to find: upright, right of the image's centre, where a 4 or a 9 has its line.
STROKE = dict(row=14, col=17.5, length=8, angle=90)
#: The bias is minus this fraction of the best weighted sum any image can reach.
BIAS_FRACTION = 0.5


def lines_of(texts: list[str], theme) -> VGroup:
    """A few lines of small text, left-aligned; the last one in the accent colour (the number that matters)."""
    block = VGroup(*(label(t, size=20, dim=True) for t in texts[:-1]), label(texts[-1], size=22, color=theme.accent))
    return block.arrange(DOWN, aligned_edge=LEFT, buff=0.12)


class DesignedEdgeDetector(ExplainerScene):
    """A weight pattern designed by hand (not learned): +1 on a short upright stroke, a balanced negative band
    around it. Its weighted sums and activations on real sample digits: the one it scores highest, the one it
    scores lowest, and the one the green weights alone would have ranked first.

    Exposes ``weights`` (784), ``bias``, ``best_sum``, ``digits_used`` (role -> index in the sample),
    ``sums``, ``on_stroke``, ``around`` and ``activations`` (role -> number) for every digit shown, including the
    chosen digit of the video (role ``"chosen"``); ``table`` (rows: thumbnail, words, sum, sum plus bias,
    activation, lit neuron), ``table_roles`` and ``designed_note``.
    """

    def construct(self) -> None:
        theme = self.theme
        sample = load_sample()
        w = self.weights = edge_detector_weights(**STROKE)
        b = self.bias = edge_detector_bias(w, BIAS_FRACTION)
        best = self.best_sum = best_weighted_sum(w)
        sums, activations = detector_response(w, b, sample.images)
        on, around = split_sum(w, sample.images)
        winner, loser = int(np.argmax(sums)), int(np.argmin(sums))
        green_only = int(np.argmax(on))
        if green_only == winner:   # the red band changed nothing at the top: show the digit it costs the most
            green_only = int(np.argmin(around))
        self.digits_used = {"highest": winner, "lowest": loser, "green only": green_only}
        self.sums = {role: float(sums[i]) for role, i in self.digits_used.items()}
        self.on_stroke = {role: float(on[i]) for role, i in self.digits_used.items()}
        self.around = {role: float(around[i]) for role, i in self.digits_used.items()}
        self.activations = {role: float(activations[i]) for role, i in self.digits_used.items()}
        (chosen_sum,), (chosen_activation,) = detector_response(w, b, self.digit.image)
        (chosen_on,), (chosen_around,) = split_sum(w, self.digit.image)
        self.sums["chosen"], self.activations["chosen"] = float(chosen_sum), float(chosen_activation)
        self.on_stroke["chosen"], self.around["chosen"] = float(chosen_on), float(chosen_around)
        name = {role: str(int(sample.labels[i])) for role, i in self.digits_used.items()}
        negative = float(w.min())

        # ---------------------------------------------------------------- one neuron, 784 weights
        heading = self.title("How could one neuron detect an edge?")
        heat = WeightHeatmap(w, height=3.6).move_to([-3.2, 0.2, 0])
        neuron = Circle(radius=0.5, stroke_color=theme.neuron_stroke, stroke_width=3).move_to([3.4, 0.2, 0])
        fan = VMobject(stroke_color=theme.dim_text, stroke_width=0.6, stroke_opacity=0.35)
        grid = PixelGrid(np.zeros(784), height=3.6).move_to(heat)
        for r in range(0, 28):
            for c in range(0, 28):
                fan.start_new_path(grid.pixel_center(r, c))
                fan.add_line_to(neuron.get_left())
        blank = grid.image.copy().set_opacity(0.0)
        with self.beat("Take one neuron of the first hidden layer. It is connected to all 784 input neurons, one "
                       "for each pixel, and every connection carries a number called a weight. Since there is "
                       "one weight per pixel, we can draw the weights as a picture of their own, 28 by 28.") as beat:
            self.play(FadeIn(heading), FadeIn(grid), FadeIn(neuron), run_time=beat.share(0.25))
            self.play(Create(fan), run_time=beat.share(0.35))
            self.add(blank)

        designed = label("designed by hand, not learned", size=24, color=theme.accent)
        legend = VGroup(label(f"{format_number(1, 0, signed=True)} on a short stroke", size=20,
                              color=theme.positive),
                        label(f"{format_number(negative, 2)} around it", size=20, color=theme.negative),
                        label("0 elsewhere", size=20, dim=True)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        with self.beat("Green means a positive weight, red a negative one, and black zero. Now, instead of "
                       "learning, let's design the weights by hand: plus one on the pixels of a short upright "
                       f"stroke, and {format_number(negative, 2)} on a band of pixels around it, so that all the "
                       "weights add up to zero. Everywhere else the weight is zero: this neuron does not care about "
                       "the rest of the image.") as beat:
            self.play(FadeOut(fan), FadeOut(neuron), FadeOut(blank), FadeIn(heat), FadeOut(grid),
                      run_time=beat.share(0.3))
            self.play(heat.animate.scale(3.0 / 3.6).move_to([-5.0, 0.55, 0]), run_time=beat.share(0.2))
            designed.next_to(heat, UP, buff=0.25).align_to(heat, LEFT)
            legend.next_to(heat, DOWN, buff=0.3).align_to(heat, LEFT)
            self.play(FadeIn(designed), LaggedStart(*(FadeIn(t) for t in legend), lag_ratio=0.3),
                      run_time=beat.share(0.4))

        law = formula("w_1 a_1 + w_2 a_2 + dots.c + w_784 a_784", size=32).move_to([1.7, 2.55, 0])
        with self.beat("What the neuron computes is a weighted sum: take every pixel's brightness, multiply it by "
                       "its weight, and add up all 784 products. Ink on a green pixel adds to the sum, ink on a "
                       "red pixel takes away from it, and ink on a black pixel does nothing.") as beat:
            self.play(FadeOut(heading), Write(law), run_time=beat.share(0.5))

        # ---------------------------------------------------------------- real digits
        def demo(role: str) -> Group:
            image = sample.images[self.digits_used[role]]
            digit = PixelGrid(image, height=2.6).move_to([-1.5, 0.55, 0])
            product = WeightHeatmap(w * image, height=2.6, scale=1.0).move_to([3.7, 0.55, 0])
            times = label("× weights =", size=24, dim=True).move_to([(digit.get_right()[0] + product.get_left()[0])
                                                                     / 2, 0.55, 0])
            parts = VGroup(label("green:", size=22, color=theme.positive),
                           number(self.on_stroke[role], 2, size=24, color=theme.positive, signed=True),
                           label("red:", size=22, color=theme.negative),
                           number(self.around[role], 2, size=24, color=theme.negative),
                           label("weighted sum =", size=22),
                           number(self.sums[role], 2, size=28, color=theme.accent)).arrange(RIGHT, buff=0.18)
            parts[2].shift(0.3 * RIGHT)
            parts[3].shift(0.3 * RIGHT)
            parts[4:].shift(0.6 * RIGHT)
            for k in (0, 2, 4):
                parts[k].align_to(parts[k + 1], DOWN)
            parts[0].shift(0.07 * DOWN)             # "green" hangs below the line: centre it by eye
            parts.move_to([1.6, -1.7, 0])
            caption = label(f"a {name[role]} from the sample", size=20, dim=True).next_to(digit, DOWN, buff=0.12)
            return Group(digit, times, product, caption, parts)

        high = demo("highest")
        with self.beat(f"Let's try it on real handwriting. Out of the {len(sample.images)} sample digits, this "
                       f"{name['highest']} gives the largest weighted sum: its ink lies mostly on the green "
                       f"stroke. The green pixels collect {format_number(self.on_stroke['highest'], 2)}, the red "
                       f"band takes away {format_number(-self.around['highest'], 2)}, and the weighted sum is "
                       f"{format_number(self.sums['highest'], 2)}.") as beat:
            self.play(FadeIn(high[0]), FadeIn(high[3]), run_time=beat.share(0.2))
            self.play(FadeIn(high[1]), ReplacementTransform(heat.copy(), high[2]), run_time=beat.share(0.3))
            self.play(FadeIn(high[4]), run_time=beat.share(0.3))

        low = demo("lowest")
        with self.beat(f"And this {name['lowest']} gives the smallest sum of all. Near the stroke, its ink falls "
                       "on the red band rather than on the green pixels, so its weighted sum is "
                       f"{format_number(self.sums['lowest'], 2)}. Same weights, different ink, a very different "
                       "number.") as beat:
            self.play(FadeOut(high), run_time=beat.share(0.2))
            self.play(FadeIn(low), run_time=beat.share(0.4))

        smudge = demo("green only")
        compare = "more than" if self.on_stroke["green only"] > self.on_stroke["highest"] else "close to"
        with self.beat("Why bother with the red band? Without it, any image with enough ink in the right place "
                       f"would score high, stroke or not. Look at this {name['green only']}: its green pixels alone "
                       f"collect {format_number(self.on_stroke['green only'], 2)}, {compare} the {name['highest']} "
                       "did. But its ink also fills the band around the stroke, which takes away "
                       f"{format_number(-self.around['green only'], 2)}, leaving "
                       f"{format_number(self.sums['green only'], 2)}.") as beat:
            self.play(FadeOut(low), run_time=beat.share(0.15))
            self.play(FadeIn(smudge), run_time=beat.share(0.35))
            self.play(Indicate(smudge[4][3], color=theme.negative), run_time=beat.share(0.25))

        blob = label(f"a smudge over the whole patch:  {format_number(best, 2, signed=True)}  "
                     f"{format_number(-best, 2)}  =  0", size=22, color=theme.dim_text).move_to([1.6, -2.35, 0])
        with self.beat("And a smudge of ink covering the whole patch would fill every green pixel, gaining "
                       f"{format_number(best, 2)}, and every red pixel, losing exactly as much: its sum is zero. The "
                       "negative surround is what tells a stroke from a blob.") as beat:
            self.play(FadeIn(blob), run_time=beat.share(0.3))

        # ---------------------------------------------------------------- bias and squish
        rule = formula("a = sigma(w_1 a_1 + dots.c + w_784 a_784 + b)", size=30).move_to(law)
        bias_line = VGroup(label("bias b = −½ × best possible sum =", size=22),
                           number(b, 2, size=24, color=theme.signed(b))).arrange(RIGHT, buff=0.15)
        bias_line.next_to(rule, DOWN, buff=0.25)
        perfect = PixelGrid((w > 0).astype(float), height=2.4).move_to([0.2, -0.85, 0])
        perfect_words = lines_of(["the best possible image:", "ink on every green pixel,", "none on the red ones",
                                  f"weighted sum {format_number(best, 2)}"], theme)
        perfect_words.next_to(perfect, RIGHT, buff=0.4)
        self.best_image = perfect
        with self.beat("Two last steps turn the sum into an activation. First, add a bias, a number that sets how "
                       "large the sum must be before the neuron counts as on. We read ours off the weights: the "
                       f"best any image can do is {format_number(best, 2)}, all green ink and no red, and the bias "
                       f"is minus half of that, {format_number(b, 2)}. Then squish the result into the range 0 to "
                       "1 with a function called the sigmoid, which we will look at closely in a moment.") as beat:
            self.play(FadeOut(smudge), FadeOut(blob), ReplacementTransform(law, rule), run_time=beat.share(0.3))
            self.play(FadeIn(perfect), FadeIn(perfect_words), run_time=beat.share(0.25))
            self.play(FadeIn(bias_line), run_time=beat.share(0.25))

        roles = ["highest", "lowest", "green only"]
        images = [sample.images[self.digits_used[r]] for r in roles]
        names = [f"{name['highest']}: highest sum", f"{name['lowest']}: lowest sum",
                 f"{name['green only']}: most green ink"]
        if not any(np.array_equal(self.digit.image, img) for img in images):
            roles.append("chosen")
            images.append(self.digit.image)
            names.append(f"{self.digit.name}: this video's digit" if self.digit.label is not None else "your digit")
        table = Group()
        for k, (role, image, who) in enumerate(zip(roles, images, names)):
            a = self.activations[role]
            cells = Group(PixelGrid(image, height=0.8),
                          label(who, size=20, dim=True),
                          number(self.sums[role], 2, size=22),
                          number(self.sums[role] + b, 2, size=22, color=theme.signed(self.sums[role] + b)),
                          number(a, 2, size=24, color=theme.accent),
                          Circle(radius=0.28, stroke_color=theme.neuron_stroke, stroke_width=2, fill_color=theme.ink,
                                 fill_opacity=float(np.clip(a, 0, 1))))
            for cell, x in zip(cells, (-4.9, -2.6, 0.2, 2.3, 4.5, 5.8)):
                cell.move_to([x, 0.4 - 0.95 * k, 0])
            table.add(cells)
        heads = VGroup(*(label(t, size=18, dim=True).move_to([x, 1.15, 0])
                         for t, x in (("weighted sum", 0.2), ("plus bias", 2.3), ("activation", 4.5))))
        self.table, self.table_roles, self.designed_note = table, roles, designed
        best_role = max(roles, key=lambda r: self.activations[r])
        top = self.activations["highest"]
        state = "clearly on" if top >= 0.9 else "on" if top >= 0.5 else "only partly on"
        cleared = "fell short of" if self.sums["green only"] + b < 0 else "got past"
        with self.beat(f"Here are the results. The {name['highest']} ends at "
                       f"{format_number(top, 2)}: the neuron is {state}. The {name['lowest']} with the lowest "
                       f"sum ends at {format_number(self.activations['lowest'], 2)}, and the {name['green only']} "
                       f"with the most green ink, whose sum {cleared} the bias, at "
                       f"{format_number(self.activations['green only'], 2)}."
                       + (f" The {self.digit.name} of this video scores {format_number(self.activations['chosen'], 2)}."
                          if "chosen" in roles and self.digit.label is not None else
                          f" Your digit scores {format_number(self.activations['chosen'], 2)}."
                          if "chosen" in roles else "")) as beat:
            self.play(FadeOut(heat), FadeOut(legend), FadeOut(perfect), FadeOut(perfect_words),
                      designed.animate.to_corner(UL, buff=0.4),
                      run_time=beat.share(0.15))
            self.play(FadeIn(heads), LaggedStart(*(FadeIn(row) for row in table), lag_ratio=0.25),
                      run_time=beat.share(0.5))
            self.play(Create(SurroundingRectangle(table[roles.index(best_role)], color=theme.accent, buff=0.08)),
                      run_time=beat.share(0.15))

        self.say("So a neuron can be made to look for one small pattern just by the choice of its weights, and its "
                 "bias decides how much of that pattern it needs. Nobody designs a real network this way, though: "
                 "training sets all the weights. Next, one real neuron of our trained network, and what its "
                 "learned weights do with a digit.")
