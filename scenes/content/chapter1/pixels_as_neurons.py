"""Chapter 1, scene 1: a handwritten digit as 28 x 28 grey values; the 784 pixels become the 784 input neurons."""

from __future__ import annotations

import numpy as np
from manim import (DL, DOWN, DR, LEFT, RIGHT, UL, UR, Arrow, Create, DashedLine, FadeIn, FadeOut, GrowFromCenter,
                   Group, Indicate, LaggedStart, Rectangle, VGroup, Write)

from nnlib.analysis import busiest_patch
from nnlib.assets import load_sample
from scenes.content.base import ExplainerScene
from scenes.content.components import NetworkDiagram, PixelGrid, format_number, label, number


class PixelsAsNeurons(ExplainerScene):
    """A handwritten digit as 28 x 28 grey values; the 784 pixels become the 784 input neurons.

    Exposes what it shows: ``patch_origin`` and ``patch_values`` (the zoomed pixels), ``shown_pixel_values`` (the
    activations of the input neurons drawn), ``grid`` and ``input_column``.
    """

    def construct(self) -> None:
        digit = self.digit
        name = digit.name
        heading = self.title("A handwritten digit, as the computer sees it: 28 × 28 pixels")
        grid = PixelGrid(digit.image, height=5.6).shift(2.8 * LEFT + 0.4 * DOWN)
        self.say(f"Here is a {name}, written by hand, sloppily, and stored at a very low resolution: a grid of "
                 f"28 pixels by 28. You read it as a {name} at once, without effort.",
                 FadeIn(heading), FadeIn(grid))

        if digit.label is not None:
            others = [img for img in load_sample().of_digit(digit.label) if not np.array_equal(img, digit.image)]
            more = Group(*(PixelGrid(img, height=1.9) for img in others[:4])).arrange_in_grid(2, 2, buff=0.3)
            more.next_to(grid, RIGHT, buff=1.2)
            caption = label(f"more {name}s from the training set", size=self.theme.small_size, dim=True)
            caption.next_to(more, DOWN)
            with self.beat(f"Here are four more {name}s from the same collection of handwriting. Almost no pixel "
                           f"is lit the same way in all of them, and yet your brain files every one under {name}. "
                           "Now imagine writing a program that takes these pixels and names the digit: that is "
                           "surprisingly hard, and it is what the network in this video learns to do. This chapter "
                           "builds the plainest kind of network that can do it and looks at its structure; the "
                           "next chapter shows how it learns.") as beat:
                self.play(LaggedStart(*(FadeIn(g) for g in more), lag_ratio=0.2), FadeIn(caption),
                          run_time=beat.share(0.4))
            self.play(FadeOut(more), FadeOut(caption), run_time=0.5)

        r0, c0 = busiest_patch(digit.image)
        size = 6
        self.patch_origin = (r0, c0)
        self.patch_values = grid.values[r0:r0 + size, c0:c0 + size].copy()
        outline = Rectangle(width=size * grid.cell_size, height=size * grid.cell_size, stroke_width=3,
                            color=self.theme.accent)
        outline.move_to((grid.pixel_center(r0, c0) + grid.pixel_center(r0 + size - 1, c0 + size - 1)) / 2)
        zoom = PixelGrid(self.patch_values, height=4.6, grid_lines=True).shift(3.6 * RIGHT + 0.4 * DOWN)
        values = zoom.value_labels(range(size), range(size), decimals=2)
        links = VGroup(DashedLine(outline.get_corner(UR), zoom.get_corner(UL), color=self.theme.dim_text),
                       DashedLine(outline.get_corner(DR), zoom.get_corner(DL), color=self.theme.dim_text))
        brightest = float(self.patch_values.max())
        brightest_at = int(np.argmax(self.patch_values))  # its label, in the row-by-row order value_labels makes
        with self.beat("Zoom in on a small patch, where the pen stroke has an edge. To the computer, each pixel "
                       "is just one number, its grey value: 0 for black, 1 for fully white, and shades in between. "
                       f"The brightest pixel in this patch holds {format_number(brightest, 2)}.") as beat:
            self.wait_until("small patch")
            self.play(Create(outline), Create(links), FadeIn(zoom), run_time=min(2.0, self.until("To the computer")))
            self.wait_until("just one number")
            self.play(Write(values), run_time=self.until("The brightest pixel"))
            self.play(Indicate(values[brightest_at], scale_factor=1.6, color=self.theme.accent),
                      run_time=min(1.5, self.until("holds") + 0.8))

        # the pixels become neurons, and the neurons line up as the network's first layer
        net = self.network
        diagram = NetworkDiagram(net, height=6.4).shift(0.3 * DOWN)
        column = diagram.neurons[0]
        column.set_fill(opacity=0).shift(-column.get_center()[0] * RIGHT)  # the input layer, centred
        dots = diagram.ellipses[0].shift(-diagram.ellipses[0].get_center()[0] * RIGHT)
        diagram.set_activations([digit.image] + [np.zeros(n) for n in net.sizes[1:]])
        targets = {circle.index: circle for circle in column}
        shown = sorted(targets)
        kept = grid.to_neurons(shown)                  # the pixels the input column will show: separate circles
        rest = grid.to_neuron_sheet(exclude=shown)     # all the others, drawn as a few batched mobjects
        with self.beat("Now think of every pixel as a neuron. In this video a neuron is nothing more mysterious "
                       "than a thing that holds a number between 0 and 1, called its activation. A white pixel "
                       "becomes a fully lit neuron, a black pixel a dark one.") as beat:
            self.play(FadeOut(values), FadeOut(zoom), FadeOut(links), FadeOut(outline), run_time=beat.share(0.2))
            self.play(FadeIn(rest), FadeIn(kept), grid.image.animate.set_opacity(0.15),  # ~800 changing neurons
                      run_time=min(3.0, beat.share(0.4)))  # a frame: a brief change, then the beat holds it

        small = PixelGrid(digit.image, height=3.0).to_edge(LEFT, buff=0.8).shift(0.3 * DOWN)
        brace = diagram.braces[0].shift(column.get_left() - diagram.braces[0][0].get_right() + 0.12 * LEFT)
        self.shown_pixel_values = [circle.activation for circle in column]
        tags = VGroup(*(number(circle.activation, 2, size=18).next_to(circle, RIGHT, buff=0.15)
                        for circle in column))
        arrow = Arrow(small.get_right(), brace.get_left(), buff=0.25, color=self.theme.dim_text)
        caption = self.title(f"{28 * 28} pixels → {net.sizes[0]} input neurons, each holding a number from 0 to 1")
        rows_cols = [divmod(circle.index, 28) for circle in column]
        first, last = small.pixel_center(*rows_cols[0]), small.pixel_center(*rows_cols[-1])
        strip = Rectangle(width=small.cell_size * 1.3, height=abs(first[1] - last[1]) + small.cell_size * 1.3,
                          stroke_width=2, color=self.theme.accent).move_to((first + last) / 2)
        strip_note = label("the pixels shown as neurons", size=18, color=self.theme.accent).next_to(small, DOWN)
        with self.beat(f"Stack all {28 * 28} of these neurons in one long column and you have the first layer of "
                       "our network, its input. There are far too many to draw, so the picture shows a few from "
                       "the top and a few from the bottom, with dots for the rest. The ones drawn are the pixels "
                       "down the middle column of the image, and each is lit exactly as bright as its pixel."
                       ) as beat:
            self.play(FadeOut(rest), FadeOut(grid), FadeOut(heading), run_time=beat.share(0.15))
            self.play(*(neuron.animate.move_to(targets[i]).scale_to_fit_width(targets[i].width)
                        for neuron, i in zip(kept, shown)), FadeIn(dots), run_time=beat.share(0.3))
            self.remove(kept)
            self.add(column)
            self.play(FadeIn(small), GrowFromCenter(brace), Create(arrow), FadeIn(tags), FadeIn(caption),
                      run_time=beat.share(0.25))
            self.play(Create(strip), FadeIn(strip_note), run_time=beat.share(0.15))
        self.grid, self.input_column = small, column
