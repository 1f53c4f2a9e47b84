"""Chapter 1, scene 1: a handwritten digit as 28 x 28 grey values; why reading it is hard for a program; the 784
pixels become the 784 input neurons."""

from __future__ import annotations

import numpy as np
from manim import (DL, DOWN, DR, LEFT, RIGHT, UL, UP, UR, Arrow, Brace, Circumscribe, Create, DashedLine, FadeIn,
                   FadeOut, GrowFromCenter, Group, Indicate, LaggedStart, Rectangle, ReplacementTransform, VGroup,
                   Write)

from nnlib.analysis import busiest_patch
from nnlib.assets import load_sample
from nnlib.strokes import ink_agreement
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import count
from scenes.content.chapter1.on_words import network_icon
from scenes.content.components import DigitGallery, NetworkDiagram, PixelGrid, format_number, label, number
from scenes.content.components.pixel_grid import crisp_image
from scenes.content.components.theme import rgb


class PixelsAsNeurons(ExplainerScene):
    """A handwritten digit as 28 x 28 grey values; the same digit written ten ways shares almost no pixel; a
    program that names the digit is hard to write; the 784 pixels become the 784 input neurons.

    Exposes what it shows: ``patch_origin`` and ``patch_values`` (the zoomed pixels), ``grey_pixel`` (the value the
    narration reads out), ``shown_agreement`` (pixels inked in all the sample's images of the digit, and in any),
    ``shown_pixel_values`` (the activations of the input neurons drawn), ``grid`` and ``input_column``.
    """

    def construct(self) -> None:
        digit, theme = self.digit, self.theme
        name = digit.name
        heading = self.title("A handwritten digit, as the computer sees it: 28 × 28 pixels")
        grid = PixelGrid(digit.image, height=5.4).shift(3.3 * LEFT + 0.55 * DOWN)
        lines = PixelGrid(digit.image, height=5.4, grid_lines=True).move_to(grid).lines
        top_brace = Brace(grid, UP, buff=0.08, color=theme.dim_text)
        top_count = label("28", size=28).next_to(top_brace, UP, buff=0.08)
        side_brace = Brace(grid, LEFT, buff=0.08, color=theme.dim_text)
        side_count = label("28", size=28).next_to(side_brace, LEFT, buff=0.08)
        sizes = VGroup(top_brace, top_count, side_brace, side_count)
        you_read = VGroup(label("you read:", size=32, dim=True), label(name, size=150))
        you_read.arrange(DOWN, buff=0.3).move_to(3.6 * RIGHT + 0.4 * DOWN)
        with self.beat(f"Here is a {name}, written by hand and stored at a very low resolution. It is a grid of "
                       f"28 pixels by 28. You read it as a {name} at once, without any effort."):
            self.play(FadeIn(heading), FadeIn(grid), run_time=1.0)
            self.on_word("low resolution", Create(lines), run_time=1.5)
            self.on_word("28 pixels", GrowFromCenter(top_brace), FadeIn(top_count), run_time=0.6)
            self.on_word("by 28", GrowFromCenter(side_brace), FadeIn(side_count), run_time=0.6)
            self.on_word("You read it", FadeIn(you_read, shift=0.3 * LEFT), run_time=0.8)
            self.on_word("without any effort", Indicate(you_read[1], color=theme.accent, scale_factor=1.1))

        if digit.label is not None:
            heading = self.same_digit_differently(heading, grid, VGroup(lines, sizes), you_read)
        else:
            self.play(FadeOut(lines), FadeOut(sizes), FadeOut(you_read), FadeOut(grid), run_time=0.6)
        self.program_that_names(heading)

        # the grey values of a small patch
        self.play(FadeIn(grid), run_time=0.8)
        r0, c0 = busiest_patch(digit.image)
        size = 6
        self.patch_origin = (r0, c0)
        self.patch_values = grid.values[r0:r0 + size, c0:c0 + size].copy()
        outline = Rectangle(width=size * grid.cell_size, height=size * grid.cell_size, stroke_width=3,
                            color=theme.accent)
        outline.move_to((grid.pixel_center(r0, c0) + grid.pixel_center(r0 + size - 1, c0 + size - 1)) / 2)
        zoom = PixelGrid(self.patch_values, height=5.4, grid_lines=True).shift(3.6 * RIGHT + 0.4 * DOWN)
        values = zoom.value_labels(range(size), range(size), decimals=2)
        for value in values:
            value.scale(1.15)
        rows = [VGroup(*values[r * size:(r + 1) * size]) for r in range(size)]
        links = VGroup(DashedLine(outline.get_corner(UR), zoom.get_corner(UL), color=theme.dim_text),
                       DashedLine(outline.get_corner(DR), zoom.get_corner(DL), color=theme.dim_text))
        flat = self.patch_values.ravel()
        darkest, brightest = int(np.argmin(flat)), int(np.argmax(flat))
        grey = int(np.argmin(np.abs(flat - 0.5)))       # the pixel nearest half-lit: on the stroke's edge
        self.grey_pixel = float(flat[grey])
        heard = format_number(round(self.grey_pixel, 1), 1)
        with self.beat("Zoom in on a small patch, where the pen stroke has an edge. To the computer, each pixel is "
                       "just one number, its grey value. 0 means black, 1 means fully white, and greys lie in "
                       f"between. This pixel on the edge holds about {heard}."):
            self.on_word("small patch", Create(outline), run_time=0.6)
            self.play(Create(links), FadeIn(zoom), run_time=min(1.5, self.until("To the computer")))
            self.on_word("just one number", LaggedStart(*(Write(row) for row in rows), lag_ratio=0.25),
                    run_time=min(2.5, self.until("0 means")))
            self.on_word("0 means", Circumscribe(values[darkest], color=theme.accent), run_time=0.8)
            self.on_word("1 means", Circumscribe(values[brightest], color=theme.accent), run_time=0.8)
            self.on_word("This pixel", Circumscribe(values[grey], color=theme.accent), run_time=0.8)
            self.on_word(heard, Indicate(values[grey], scale_factor=1.6, color=theme.accent), run_time=1.0)

        self.pixels_become_neurons(grid, Group(values, zoom, links, outline), (r0, c0), size,
                                   (darkest, brightest, grey))

    # ------------------------------------------------------------------------------------------- the beats
    def same_digit_differently(self, heading, grid: PixelGrid, extras: VGroup, you_read: VGroup):
        """The sample's other images of the same digit: the eye calls them all one digit, their pixels differ.
        Returns the heading now on screen."""
        digit, theme = self.digit, self.theme
        name = digit.name
        sample = load_sample()
        same = np.nonzero(sample.labels == digit.label)[0]
        gallery = DigitGallery(sample.images, None, columns=10, tile_height=0.5).move_to(3.3 * LEFT + 0.4 * DOWN)
        boxes = VGroup(*(gallery.tile_box(int(i), theme.accent, stroke_width=2.5) for i in same))
        many = count(len(sample.images))
        gallery_words = label(f"our sample: {many} handwritten digits", size=24, dim=True)
        gallery_words.next_to(gallery, DOWN, buff=0.12)
        pulled = Group(*(PixelGrid(sample.images[i], height=0.5).move_to(gallery.tile_center(int(i)))
                         for i in same))
        targets = Group(*(PixelGrid(sample.images[i], height=1.15) for i in same))
        targets.arrange_in_grid(2, (len(same) + 1) // 2, buff=0.18).move_to(3.5 * RIGHT + 1.0 * UP)
        counts = ink_agreement(sample.images[same])
        everywhere, anywhere = int((counts == len(same)).sum()), int((counts > 0).sum())
        self.shown_agreement = (everywhere, anywhere)
        agreement = PixelGrid(counts / len(same), height=4.4).move_to(3.3 * LEFT + 0.2 * DOWN)
        overlay = np.zeros((28, 28, 4), dtype=np.uint8)
        overlay[counts == len(same)] = (*rgb(theme.accent), 255)
        shared = crisp_image(overlay, agreement.image.height).move_to(agreement.image)
        somewhere = np.zeros((28, 28, 4), dtype=np.uint8)
        somewhere[(counts > 0) & (counts < len(same))] = (*rgb(theme.dim_text), 150)
        inked = crisp_image(somewhere, agreement.image.height).move_to(agreement.image)
        same_heading = self.title(f"The same digit, written {len(same)} ways")
        legend = label(f"brighter: inked in more of the {len(same)}", size=24, dim=True)
        legend.next_to(agreement, DOWN, buff=0.2)
        all_of = label(f"{everywhere} of 784 pixels have ink in all {len(same)}", size=28, color=theme.accent)
        any_of = label(f"{anywhere} have ink in at least one", size=28)
        facts = VGroup(all_of, any_of).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        facts.next_to(targets, DOWN, buff=0.6).set_x(targets.get_x())
        with self.beat(f"From our sample of {many} handwritten digits, here are the {len(same)} {name}s. You "
                       f"file every one under {name} without a thought."):
            self.play(FadeOut(extras), FadeOut(you_read), FadeOut(grid), ReplacementTransform(heading, same_heading),
                      run_time=0.6)
            self.on_word(f"sample of {many}", FadeIn(gallery), FadeIn(gallery_words), run_time=0.8)
            self.on_word("here are", LaggedStart(*(Create(b) for b in boxes), lag_ratio=0.1), run_time=1.0)
            self.add(pulled)
            self.on_word("You file", *(p.animate.replace(t) for p, t in zip(pulled, targets)), run_time=1.5)
        self.remove(pulled)
        self.add(targets)

        flying = Group(*(t.copy() for t in targets))
        with self.beat("Yet each one lights different pixels, and in your eye, different cells fire. "
                       f"Only {everywhere} of the 784 pixels have ink in all {len(same)}. "
                       f"{count(anywhere)} have ink in at least one."):
            self.play(FadeOut(gallery), FadeOut(boxes), FadeOut(gallery_words), run_time=0.6)
            self.add(flying)
            self.on_word("different pixels", *(f.animate.replace(agreement.image).set_opacity(0.0)
                                                for f in flying), FadeIn(agreement), run_time=1.5)
            self.remove(flying)
            self.on_word("different cells", FadeIn(legend), run_time=0.6)
            self.on_word(f"Only {everywhere}", FadeIn(shared), FadeIn(all_of), run_time=0.8)
            self.on_word("have ink in all", Circumscribe(all_of, color=theme.accent), run_time=1.2)
            self.on_word(count(anywhere), FadeIn(inked), run_time=1.0)
            self.on_word("at least one", FadeIn(any_of), run_time=1.0)
        self.play(FadeOut(Group(targets, agreement, shared, inked, legend, facts)), run_time=0.6)
        return same_heading

    def program_that_names(self, heading) -> None:
        """Naming the digit from its 784 numbers is a program nobody knows how to write; the network learns it."""
        digit, theme = self.digit, self.theme
        small = PixelGrid(digit.image, height=2.4).move_to(4.6 * LEFT + 0.2 * DOWN)
        numbers = label("784 numbers", size=28, dim=True).next_to(small, DOWN, buff=0.25)
        box = Rectangle(width=3.4, height=2.6, stroke_color=theme.text, stroke_width=3).move_to(0.2 * DOWN)
        program = VGroup(label("a program", size=32), label("?", size=72, color=theme.accent)).arrange(DOWN)
        program.move_to(box)
        into = Arrow(small.get_right(), box.get_left(), buff=0.2, color=theme.dim_text)
        answer = label(digit.name if digit.label is not None else "?", size=120).move_to(4.6 * RIGHT + 0.2 * DOWN)
        out = Arrow(box.get_right(), answer.get_left(), buff=0.3, color=theme.dim_text)
        icon = network_icon(theme.text, height=1.5).move_to(box).shift(0.25 * DOWN)
        network_word = label("a network", size=32).next_to(icon, UP, buff=0.2)
        new_heading = self.title("Which program turns 784 numbers into a digit?")
        with self.beat("Your brain does this without effort. Now imagine writing a program that takes these 784 "
                       "numbers and names the digit. That is surprisingly hard. This chapter builds the plainest "
                       "kind of network that can learn to do it. The next chapter shows how it learns."):
            self.play(FadeIn(small), ReplacementTransform(heading, new_heading), run_time=0.8)
            self.on_word("a program", Create(box), FadeIn(program), GrowFromCenter(into), run_time=0.8)
            self.on_word("784 numbers", FadeIn(numbers), Circumscribe(small, color=theme.accent), run_time=1.2)
            self.on_word("names the digit", GrowFromCenter(out), FadeIn(answer), run_time=0.8)
            self.on_word("surprisingly hard", Indicate(program[1], color=theme.accent, scale_factor=1.4))
            self.on_word("network", ReplacementTransform(program, VGroup(network_word, icon)), run_time=1.0)
            self.on_word("how it learns", Indicate(icon, color=theme.accent, scale_factor=1.08), run_time=1.0)
        self.heading = self.title("A handwritten digit, as the computer sees it: 28 × 28 pixels")
        self.play(FadeOut(VGroup(numbers, box, into, out, network_word, icon)), FadeOut(small), FadeOut(answer),
                  ReplacementTransform(new_heading, self.heading), run_time=0.6)

    def pixels_become_neurons(self, grid: PixelGrid, zoomed: Group, corner: tuple[int, int], size: int,
                              examples: tuple[int, int, int]) -> None:
        """Every pixel a neuron holding its grey value (its activation); 784 of them stacked are the input layer."""
        digit, theme, net = self.digit, self.theme, self.network
        r0, c0 = corner
        diagram = NetworkDiagram(net, height=6.0).shift(0.45 * DOWN)
        column = diagram.neurons[0]
        column.set_fill(opacity=0).shift(-column.get_center()[0] * RIGHT + 0.6 * RIGHT)  # the input layer
        dots = diagram.ellipses[0].shift(-diagram.ellipses[0].get_center()[0] * RIGHT + 0.6 * RIGHT)
        diagram.set_activations([digit.image] + [np.zeros(n) for n in net.sizes[1:]])
        targets = {circle.index: circle for circle in column}
        shown = sorted(targets)
        kept = grid.to_neurons(shown)                  # the pixels the input column will show: separate circles
        rest = grid.to_neuron_sheet(exclude=shown)     # all the others, drawn as a few batched mobjects

        # three example neurons: the darkest, brightest and half-lit pixels of the patch, their numbers beside them
        darkest, brightest, grey = examples
        flat = self.patch_values.ravel()
        picked = [grey, brightest, darkest]
        bigs, tags, links = VGroup(), VGroup(), VGroup()
        for k, i in enumerate(picked):
            r, c = divmod(i, size)
            v = float(flat[i])
            neuron = grid.to_neurons([(r0 + r) * 28 + c0 + c], radius=0.45)[0]
            neuron.move_to([1.0, 1.4 - 1.5 * k, 0])
            tag = number(v, 2, size=36).next_to(neuron, RIGHT, buff=0.35)
            bigs.add(neuron)
            tags.add(tag)
            links.add(DashedLine(grid.pixel_center(r0 + r, c0 + c), neuron.get_left(), color=theme.dim_text,
                                 stroke_width=1.5))
        activation = label("its activation", size=28, color=theme.accent).next_to(tags, UP, buff=0.35)
        activation.align_to(tags, LEFT)
        words = [label("white pixel: fully lit", size=24, dim=True), label("black pixel: dark", size=24, dim=True)]
        words[0].next_to(tags[1], RIGHT, buff=0.4)
        words[1].next_to(tags[2], RIGHT, buff=0.4)
        with self.beat("Now think of every pixel as a neuron. Here a neuron is just a thing that holds a number "
                       "between 0 and 1. That number is called its activation. A white pixel becomes a fully lit "
                       "neuron, a black pixel a dark one."):
            self.play(FadeOut(zoomed), run_time=0.6)
            self.on_word("every pixel", FadeIn(rest), FadeIn(kept), grid.image.animate.set_opacity(0.15),
                    run_time=2.0)
            self.on_word("holds a number", Create(links[0]), FadeIn(bigs[0]), FadeIn(tags[0]), run_time=0.8)
            self.on_word("activation", FadeIn(activation, shift=0.2 * UP), run_time=0.6)
            self.play(Circumscribe(tags[0], color=theme.accent), run_time=0.8)
            self.on_word("A white pixel", Create(links[1]), FadeIn(bigs[1]), FadeIn(tags[1]), FadeIn(words[0]),
                    run_time=0.8)
            self.on_word("a black pixel", Create(links[2]), FadeIn(bigs[2]), FadeIn(tags[2]), FadeIn(words[1]),
                    run_time=0.8)

        small = PixelGrid(digit.image, height=3.0).to_edge(LEFT, buff=0.8).shift(0.3 * DOWN)
        brace = diagram.braces[0].shift(column.get_left() - diagram.braces[0][0].get_right() + 0.12 * LEFT)
        brace[1].scale(28 / brace[1].font_size).next_to(brace[0], LEFT, buff=0.1)
        self.shown_pixel_values = [circle.activation for circle in column]
        values = VGroup(*(number(circle.activation, 2, size=24).next_to(circle, RIGHT, buff=0.15)
                          for circle in column))
        arrow = Arrow(small.get_right(), brace.get_left(), buff=0.25, color=theme.dim_text)
        caption = self.title(f"{28 * 28} pixels → {net.sizes[0]} input neurons, each holding a number from 0 to 1")
        rows_cols = [divmod(circle.index, 28) for circle in column]
        first, last = small.pixel_center(*rows_cols[0]), small.pixel_center(*rows_cols[-1])
        strip = Rectangle(width=small.cell_size * 1.3, height=abs(first[1] - last[1]) + small.cell_size * 1.3,
                          stroke_width=2, color=theme.accent).move_to((first + last) / 2)
        strip_note = label("the pixels drawn as neurons", size=24, color=theme.accent).next_to(small, DOWN)
        layer_name = label("the input layer", size=32).move_to(4.6 * RIGHT + 0.3 * DOWN)
        top_half, bottom_half = VGroup(*column[:len(column) // 2]), VGroup(*column[len(column) // 2:])
        with self.beat(f"Stack all {count(28 * 28)} of these neurons in one long column, and you have the first "
                       "layer of our network: its input. That is far too many to draw. So the picture shows a few "
                       "from the top and a few from the bottom, with dots for the rest. The ones drawn are the "
                       "pixels down the middle column of the image. Each is lit exactly as bright as its pixel."):
            self.play(FadeOut(VGroup(rest, bigs, tags, links, activation, *words)), FadeOut(grid),
                      ReplacementTransform(self.heading, caption), run_time=0.8)
            self.on_word("Stack", *(neuron.animate.move_to(targets[i]).scale_to_fit_width(targets[i].width)
                                     for neuron, i in zip(kept, shown)), run_time=min(2.0, self.until("first")))
            self.remove(kept)
            self.add(column)
            self.on_word("first", GrowFromCenter(brace), FadeIn(layer_name), run_time=0.8)
            self.on_word("far too many", Indicate(brace, color=theme.accent), run_time=0.8)
            self.on_word("from the top", Indicate(top_half, color=theme.accent, scale_factor=1.05), run_time=0.8)
            self.on_word("from the bottom", Indicate(bottom_half, color=theme.accent, scale_factor=1.05),
                    run_time=0.8)
            self.on_word("dots", FadeIn(dots, scale=1.5), run_time=0.6)
            self.on_word("pixels down", FadeIn(small), Create(arrow), run_time=0.8)
            self.on_word("middle column", Create(strip), FadeIn(strip_note), run_time=0.8)
            self.on_word("lit exactly", LaggedStart(*(FadeIn(v) for v in values), lag_ratio=0.1), run_time=1.5)
        self.grid, self.input_column = small, column
