"""Chapter 1, scene 6: one real neuron of the trained network -- its learned weights, the weighted sum added up term by
term, the bias, the sigmoid -- worked out with its real numbers for the chosen digit. Every idea was taught in the two
scenes before; here they run together on real numbers."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Circle, Circumscribe, Create, FadeIn, FadeOut, Indicate, ReplacementTransform,
                   SurroundingRectangle, Transform, ValueTracker, VGroup, Write)

from nnlib.edge_detector import edge_detector_weights
from nnlib.picks import least_saturated
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count
from scenes.content.chapter1.designed_edge_detector import SMALL, STROKE, about
from scenes.content.chapter1.sigmoid_squish import readable
from scenes.content.components import (PixelGrid, PixelMarker, RunningTotal, SigmoidPlot, WeightHeatmap,
                                       format_number, formula, label, number, sum_steps, term_text)


class OneHiddenNeuron(ExplainerScene):
    """One first-layer neuron of the network in force: its weights over the input, the weighted sum added up term by
    term, the bias, the squish, for the chosen digit; then the whole layer, and why this neuron.

    Exposes ``neuron_index`` (the neuron whose activation is nearest 0.5 for this digit), ``shown_weighted_sum``,
    ``shown_bias``, ``shown_z``, ``shown_activation``, ``top_terms`` (pixel indices of the three largest products),
    ``steps`` (the term-by-term sum shown), ``saturated_count``, ``neuron_circle`` and ``layer_circles``.
    """

    def construct(self) -> None:
        net, digit, theme = self.network, self.digit, self.theme
        image = digit.image.ravel()
        forward = net.forward_pass(image)
        j = self.neuron_index = least_saturated(forward.activations[1][0])
        w, b = net.weights[0][j], float(net.biases[0][j])
        self.shown_weighted_sum = float(w @ image)
        self.shown_bias = b
        self.shown_z = float(forward.weighted_sums[0][0, j])
        self.shown_activation = float(forward.activations[1][0, j])
        n_pixels = len(w)
        sigmoid = net.hidden_activation == "sigmoid"
        squish_name = "sigma" if sigmoid else "ReLU"

        # ---------------------------------------------------------------- the neuron's weights
        heading = self.title("One real neuron: learned, not designed")
        side, row_y = 2.5, 1.0
        grid = PixelGrid(image, height=side).move_to([-5.7, row_y, 0])
        heat = WeightHeatmap(w, height=side).move_to([-2.7, row_y, 0])
        product = WeightHeatmap(w * image, height=side).move_to([0.3, row_y, 0])
        captions = VGroup(label(f"pixels a: the {digit.name}", size=SMALL, dim=True),
                          label(f"its {count(n_pixels)} weights w", size=SMALL, dim=True),
                          label("w × a", size=SMALL, dim=True))
        for cap, pic in zip(captions, (grid, heat, product)):
            cap.next_to(pic, DOWN, buff=0.15)
        ops = VGroup(label("×", size=40, dim=True).move_to((grid.get_right() + heat.get_left()) / 2),
                     label("=", size=40, dim=True).move_to((heat.get_right() + product.get_left()) / 2))
        who = label(f"neuron {j}", size=SMALL, color=theme.accent).next_to(heat, UP, buff=0.2)
        designed = WeightHeatmap(edge_detector_weights(**STROKE), height=1.6).move_to([4.6, row_y + 0.2, 0])
        designed_caption = label("our designed stroke", size=SMALL, dim=True).next_to(designed, DOWN, buff=0.15)
        with self.beat(f"Now a real neuron: neuron {j} of the first hidden layer of our trained network. "
                       f"<bookmark mark='digit'/>On the left is the {digit.name} we feed in. <bookmark mark='weights'/>"
                       f"Beside it are the neuron's {count(n_pixels)} weights, green for positive and red for "
                       "negative. <bookmark mark='harder'/>Training chose them, and they are much harder to read "
                       "than our designed stroke."):
            self.play(FadeIn(heading), run_time=self.until("digit"))
            self.play(FadeIn(grid), FadeIn(captions[0]), run_time=self.until("weights"))
            self.play(FadeIn(heat), FadeIn(who), FadeIn(captions[1]), FadeIn(ops[0]), run_time=self.until("harder"))
            self.play(FadeIn(designed), FadeIn(designed_caption), run_time=1.5)
            self.play(Circumscribe(heat, color=theme.accent), Circumscribe(designed, color=theme.accent),
                      run_time=2.0)

        products = w * image
        black = int(np.argmax(np.where(image == 0, np.abs(w), -1)))
        inked = int(np.argmax(products))
        marker = PixelMarker([grid, heat, product], black)
        column_x, value_x = 2.2, 5.1
        term = label(term_text(w[black], image[black]), size=26).move_to([column_x, 2.55, 0], aligned_edge=LEFT)
        with self.beat("Multiply each weight by its pixel's brightness. <bookmark mark='black'/>Where the image is "
                       "black, the product is zero. <bookmark mark='ink'/>Only the weights under the ink still count: "
                       "green ones push the sum up, red ones pull it down."):
            self.play(FadeOut(designed), FadeOut(designed_caption), FadeIn(ops[1]),
                      ReplacementTransform(heat.copy(), product), FadeIn(captions[2]), run_time=self.until("black"))
            self.play(FadeIn(marker), FadeIn(term), run_time=1.0)
            self.wait_until("ink")
            self.play(marker.visit(inked, run_time=1.2),
                      Transform(term, label(term_text(w[inked], image[inked]), size=26).move_to(term, aligned_edge=LEFT)),
                      run_time=1.2)
            self.play(Circumscribe(product, color=theme.accent), run_time=2.0)

        # ---------------------------------------------------------------- term by term
        order = np.argsort(-np.abs(products))[:3]
        self.top_terms = [int(i) for i in order]
        steps = self.steps = sum_steps(w, image, first=self.top_terms, groups=8)
        law = formula(f"w_1 a_1 + w_2 a_2 + dots.c + w_{n_pixels} a_{n_pixels}", size=46).move_to([-1.5, -1.55, 0])
        running = RunningTotal("sum so far", steps[0].total, size=26).move_to([column_x, 1.85, 0], aligned_edge=LEFT)
        running.number.set_x(value_x, direction=LEFT)
        shown = np.zeros(n_pixels)

        def filled() -> WeightHeatmap:
            return WeightHeatmap(products * shown, height=side, scale=float(np.abs(w).max())).move_to(product)

        rest = n_pixels - len(self.top_terms)

        def written(k: int, more: bool = False) -> str:
            terms = " + ".join(f"({format_number(products[i], 2, signed=True)})" for i in self.top_terms[:k])
            return f"= {terms} + " + (f"{count(rest)} more" if more else "…")

        partial = filled()
        line = label(written(1), size=SMALL).move_to([-1.5, -2.4, 0])
        with self.beat("Now add up the products, one at a time. <bookmark mark='first'/>The biggest pulls the sum "
                       f"down by about {about(abs(products[order[0]]))}. <bookmark mark='second'/>The next two push "
                       f"it up by about {about(abs(products[order[1]]))} each. <bookmark mark='rest'/>The other "
                       f"{count(rest)} are smaller, but there are many of them. <bookmark mark='total'/>All together "
                       f"they come to about {about(self.shown_weighted_sum)}."):
            self.play(Write(law), FadeIn(partial), FadeOut(product), run_time=self.until("first"))
            for k in range(3):
                i = self.top_terms[k]
                shown[i] = 1.0
                new_term = label(term_text(w[i], image[i]), size=26).move_to(term, aligned_edge=LEFT)
                self.play(marker.visit(i, run_time=0.8), Transform(term, new_term), run_time=0.8)
                self.play(Transform(partial, filled()), FadeIn(running) if k == 0 else running.to(steps[k].total),
                          (FadeIn(line) if k == 0 else Transform(line, label(written(k + 1), size=SMALL).move_to(line))),
                          run_time=0.7)
                if k != 1:
                    self.wait_until("second" if k == 0 else "rest")
            self.play(FadeOut(marker), FadeOut(term),
                      Transform(line, label(written(3, more=True), size=SMALL).move_to(line)), run_time=0.5)
            each = max((self.until("total") - 0.2) / max(len(steps) - 3, 1), 0.4)
            for step in steps[3:]:
                shown[list(step.indices)] = 1.0
                self.play(Transform(partial, filled()), running.to(step.total), run_time=each)
            self.wait_until("total")
            final_line = label(written(3, more=True) + "  =", size=SMALL)
            total_copy = number(self.shown_weighted_sum, 2, size=28, color=theme.accent)
            VGroup(final_line, total_copy).arrange(RIGHT, buff=0.2).move_to(line)
            self.play(Transform(line, final_line), FadeIn(total_copy), Indicate(running.number, color=theme.accent),
                      run_time=2.0)

        # ---------------------------------------------------------------- bias, z, squish
        weighted_caption = label("weighted sum", size=26).move_to(running.caption, aligned_edge=LEFT)
        bias_line = VGroup(label("+ bias b", size=26), number(b, 2, size=28, color=theme.text, signed=True))
        z_line = VGroup(label("= z", size=26), number(self.shown_z, 2, size=28, color=theme.accent))
        a_line = VGroup(label(f"{'σ' if sigmoid else 'ReLU'}(z)", size=26),
                        number(self.shown_activation, 2, size=28, color=theme.accent))
        for k, row in enumerate((bias_line, z_line, a_line)):
            row.arrange(RIGHT, buff=0.2).move_to([column_x, 1.23 - 0.62 * k, 0], aligned_edge=LEFT)
            row[1].set_x(value_x, direction=LEFT)
        with self.beat(f"Then add the neuron's bias, which training also chose: <bookmark mark='b'/>about "
                       f"{about(b)}. <bookmark mark='z'/>The weighted sum plus the bias is z, about "
                       f"{about(self.shown_z)}."):
            self.play(Transform(running.caption, weighted_caption), FadeOut(law), run_time=self.until("b"))
            self.play(FadeIn(bias_line, shift=0.3 * DOWN), run_time=1.0)
            self.play(Indicate(bias_line[1], color=theme.accent), run_time=self.until("z"))
            self.play(FadeIn(z_line, shift=0.3 * DOWN), run_time=1.0)
            self.play(Indicate(z_line[1], color=theme.accent), run_time=1.5)

        plot = SigmoidPlot(x_range=(-10, 10), width=5.6, height=1.9) if sigmoid else None
        neuron = self.neuron_circle = Circle(radius=0.55, stroke_color=theme.neuron_stroke, stroke_width=3,
                                             fill_color=theme.ink, fill_opacity=0.0).move_to([5.6, -1.05, 0])
        neuron_name = label(f"neuron {j}", size=SMALL, dim=True).next_to(neuron, DOWN, buff=0.15)
        how = (f"The sigmoid squishes z into the range 0 to 1: <bookmark mark='a'/>sigma of {about(self.shown_z)} is "
               f"about {format_number(self.shown_activation, 2)}." if sigmoid else
               f"This network squishes with ReLU: <bookmark mark='a'/>ReLU of {about(self.shown_z)} is "
               f"{format_number(self.shown_activation, 2)}.")
        with self.beat(f"{how} <bookmark mark='lit'/>That is the neuron's activation: neuron {j} shines this bright "
                       f"when the {digit.name} goes through the network."):
            if plot is not None:
                readable(plot.tick_labels, plot.axis_names)
                plot.shift(np.array([-2.2, -2.55, 0]) - plot.axes.get_center())
                zt = ValueTracker(-8.0)
                dot = plot.dot_tracking(zt)
                self.play(FadeOut(line), FadeOut(total_copy), Create(plot.axes), FadeIn(plot.tick_labels),
                          FadeIn(plot.axis_names), Create(plot.curve), run_time=min(self.until("a"), 2.5))
                self.add(dot)
                self.play(zt.animate.set_value(self.shown_z), run_time=max(self.until("a"), 1.5))
                self.play(FadeIn(a_line, shift=0.3 * DOWN), Indicate(dot, scale_factor=2.0), run_time=1.2)
                dot.clear_updaters()
            else:
                self.play(FadeOut(line), FadeOut(total_copy), run_time=min(self.until("a"), 2.0))
                self.wait_until("a")
                self.play(FadeIn(a_line, shift=0.3 * DOWN), run_time=1.2)
            self.wait_until("lit")
            self.play(FadeIn(neuron), FadeIn(neuron_name), run_time=0.8)
            self.play(neuron.animate.set_fill(opacity=float(np.clip(self.shown_activation, 0, 1))), run_time=1.5)

        # ---------------------------------------------------------------- the whole layer
        layer = forward.activations[1][0]
        others = np.delete(layer, j)
        saturated = self.saturated_count = int(np.sum((others < 0.1) | (others > 0.9)))
        spacing = 0.7
        circles = self.layer_circles = VGroup(*(
            Circle(radius=0.24, stroke_color=theme.neuron_stroke, stroke_width=2, fill_color=theme.ink,
                   fill_opacity=float(np.clip(v, 0, 1))).move_to([(k - (len(layer) - 1) / 2) * spacing - 1.2, -2.5, 0])
            for k, v in enumerate(layer)))
        layer_name = label(f"all {count(len(layer))} neurons of the layer, lit by the {digit.name}", size=SMALL,
                           dim=True).next_to(circles, UP, buff=0.25)
        box = SurroundingRectangle(circles[j], color=theme.accent, buff=0.08)
        pale = [k for k, v in enumerate(layer) if k != j and (v < 0.1 or v > 0.9)]
        note = label(f"{count(saturated)} others: below 0.1 or above 0.9", size=SMALL, color=theme.accent)
        note.next_to(circles, DOWN, buff=0.3)
        with self.beat(f"Why neuron {j}? <bookmark mark='close'/>Of the {count(len(layer))} neurons in this layer, "
                       "its activation is the closest to one half. <bookmark mark='sat'/>"
                       f"{count(saturated).capitalize()} others sit below 0.1 or above 0.9: nearly fully off or fully "
                       "on. <bookmark mark='every'/>Every one of them does this same computation, with its own "
                       f"{count(n_pixels)} weights and its own bias."):
            fade = [FadeOut(plot), FadeOut(dot)] if plot is not None else []
            self.play(*fade, FadeIn(circles), FadeIn(layer_name), run_time=min(self.until("close"), 2.5))
            self.wait_until("close")
            self.play(Create(box), run_time=1.0)
            self.play(Indicate(circles[j], color=theme.accent, scale_factor=1.5), run_time=self.until("sat"))
            self.play(FadeIn(note), *(Indicate(circles[k], color=theme.accent, scale_factor=1.4) for k in pale),
                      run_time=min(self.until("every"), 3.0))
            self.wait_until("every")
            self.play(*(c.animate(rate_func=lambda t: 1 - abs(2 * t - 1)).set_stroke(theme.accent, width=4)
                        for c in circles), run_time=2.5)
