"""Chapter 1, scene 5: one real neuron of the trained network -- its learned weights, the weighted sum, the bias, the
sigmoid -- worked out with its real numbers for the chosen digit."""

from __future__ import annotations

import numpy as np
from manim import DOWN, UP, Circle, FadeIn, FadeOut, GrowFromCenter, ReplacementTransform, VGroup, Write

from nnlib.picks import least_saturated
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count
from scenes.content.components import PixelGrid, WeightHeatmap, format_number, formula, label, number


def term_text(w: float, a: float) -> str:
    """One product of the weighted sum, as it is written on screen: (+0.52)(1.00)."""
    return f"({format_number(w, 2, signed=True)})({format_number(a, 2)})"


class OneHiddenNeuron(ExplainerScene):
    """One first-layer neuron of the network in force: its weights over the input, the weighted sum, the bias, the
    sigmoid squish, for the chosen digit.

    Exposes ``neuron_index`` (the neuron whose activation is nearest 0.5 for this digit), ``shown_weighted_sum``,
    ``shown_bias``, ``shown_z``, ``shown_activation``, ``top_terms`` (pixel indices of the three largest products)
    and ``neuron_circle``.
    """

    def construct(self) -> None:
        net, digit, theme = self.network, self.digit, self.theme
        image = digit.image
        forward = net.forward_pass(image)
        j = self.neuron_index = least_saturated(forward.activations[1][0])
        w, b = net.weights[0][j], float(net.biases[0][j])
        self.shown_weighted_sum = float(w @ image)
        self.shown_bias = b
        self.shown_z = float(forward.weighted_sums[0][0, j])
        self.shown_activation = float(forward.activations[1][0, j])
        n_pixels = len(w)

        heading = self.title(f"One real neuron of the first hidden layer (neuron {j}), learned, not designed")
        grid = PixelGrid(image, height=2.6).move_to([-4.6, 1.0, 0])
        heat = WeightHeatmap(w, height=2.6).move_to([-0.9, 1.0, 0])
        captions = VGroup(label("pixels a", size=22, dim=True).next_to(grid, DOWN, buff=0.15),
                          label(f"its {count(n_pixels)} weights w", size=22, dim=True).next_to(heat, DOWN, buff=0.15))
        legend = VGroup(label("green: positive", size=18, color=theme.positive),
                        label("red: negative", size=18, color=theme.negative)).arrange(buff=0.4)
        legend.next_to(heat, UP, buff=0.12)
        with self.beat(f"Now the same computation for a real neuron: neuron {j} of the first hidden layer of our "
                       f"trained network. On the left is the {digit.name} we fed in. Beside it are this neuron's "
                       f"{count(n_pixels)} weights, drawn the same way, green for positive and red for negative, "
                       "brighter for bigger. Nobody designed these: training chose them. Compare them with our tidy "
                       "stroke detector: this pattern is much harder to read.") as beat:
            self.play(FadeIn(heading), FadeIn(grid), FadeIn(captions[0]), run_time=beat.share(0.3))
            self.play(FadeIn(heat), FadeIn(captions[1]), FadeIn(legend), run_time=beat.share(0.3))

        product = WeightHeatmap(w * image, height=2.6).move_to([2.8, 1.0, 0])
        ops = VGroup(label("×", size=40, dim=True).move_to((grid.get_right() + heat.get_left()) / 2),
                     label("=", size=40, dim=True).move_to((heat.get_right() + product.get_left()) / 2))
        product_caption = label("w × a, pixel by pixel", size=22, dim=True).next_to(product, DOWN, buff=0.15)
        with self.beat("Multiply every weight by the brightness of its pixel. Wherever the image is black, the "
                       "product is zero, so only the weights lying under the ink still count: the green ones "
                       "among them push the sum up, and the red ones pull it down.") as beat:
            self.play(FadeIn(ops), ReplacementTransform(heat.copy(), product), FadeIn(product_caption),
                      run_time=beat.share(0.5))

        symbolic = formula(f"w_1 a_1 + w_2 a_2 + dots.c + w_{n_pixels} a_{n_pixels}", size=34)
        symbolic.move_to([0, -1.25, 0])
        products = w * image
        order = np.argsort(-np.abs(products))[:3]
        self.top_terms = [int(i) for i in order]
        terms = " + ".join(term_text(w[i], image[i]) for i in order)
        sum_line = VGroup(label(f"= {terms} + … =", size=24),
                          number(self.shown_weighted_sum, 2, size=26, color=theme.accent)).arrange(buff=0.15)
        sum_line.next_to(symbolic, DOWN, buff=0.25)
        biggest = float(products[order[0]])
        with self.beat(f"Add up all {count(n_pixels)} products and you have the weighted sum. The three biggest "
                       f"terms are written out; the biggest of them is {format_number(biggest, 2)}, a single pixel's "
                       "ink times its weight. The other terms are small, but there are many of them, and all together "
                       f"they come to {format_number(self.shown_weighted_sum, 2)}.") as beat:
            self.play(Write(symbolic), run_time=beat.share(0.35))
            self.play(FadeIn(sum_line), run_time=beat.share(0.3))

        bias_line = VGroup(label("+ bias b =", size=24), number(b, 2, size=26, color=theme.signed(b)),
                           label(",   so  z =", size=24), number(self.shown_z, 2, size=26, color=theme.accent))
        bias_line.arrange(buff=0.15).next_to(sum_line, DOWN, buff=0.25)
        lean = ("A negative bias raises the bar: the weighted sum must beat it before the neuron comes on."
                if b < 0 else "A positive bias lowers the bar: this neuron leans towards being on.")
        with self.beat(f"Then add the neuron's own bias, which training also chose: {format_number(b, 2)}. {lean} "
                       f"The sum plus the bias, {format_number(self.shown_z, 2)}, is what goes into the "
                       "squish.") as beat:
            self.play(FadeIn(bias_line), run_time=beat.share(0.3))

        sigmoid = net.hidden_activation == "sigmoid"
        squish = VGroup(formula("sigma(z) = " if sigmoid else "op(\"ReLU\")(z) = ", size=34),
                        number(self.shown_activation, 2, size=30, color=theme.accent)).arrange(buff=0.15)
        squish.next_to(bias_line, DOWN, buff=0.25)
        neuron = Circle(radius=0.55, stroke_color=theme.neuron_stroke, stroke_width=3, fill_color=theme.ink,
                        fill_opacity=float(np.clip(self.shown_activation, 0, 1))).move_to([5.6, 1.0, 0])
        neuron_text = VGroup(label(f"neuron {j}", size=22, dim=True),
                             label("activation", size=22, dim=True),
                             number(self.shown_activation, 2, size=30)).arrange(DOWN, buff=0.12)
        neuron_text.next_to(neuron, DOWN, buff=0.25)
        how = ("the sigmoid squishes {} into a number between 0 and 1" if sigmoid else
               "this network's squishing function, ReLU, turns {} into").format(format_number(self.shown_z, 2))
        with self.beat(f"Finally {how}: {format_number(self.shown_activation, 2)}. That is the neuron's "
                       f"activation, exactly as bright as neuron {j} shone when the {digit.name} went through the "
                       "network.") as beat:
            self.play(FadeIn(squish), FadeOut(legend), run_time=beat.share(0.3))
            self.play(GrowFromCenter(neuron), FadeIn(neuron_text), run_time=beat.share(0.3))
        self.neuron_circle = neuron

        layer = forward.activations[1][0]
        others = np.delete(layer, j)
        saturated = int(np.sum((others < 0.1) | (others > 0.9)))
        self.saturated_count = saturated
        self.say(f"Why neuron {j}? Of the {count(net.sizes[1])} neurons in this layer, its activation for this "
                 f"digit is the closest to one half; {count(saturated)} of the others sit below 0.1 or above 0.9, "
                 "nearly fully off or fully on, where the squish is hard to see. But every one of them does exactly "
                 f"this computation, each with its own {count(n_pixels)} weights and its own bias.")
