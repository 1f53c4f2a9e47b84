"""Chapter 1, scene 3: the hope of a layered structure -- digits made of loops and lines, loops made of little
edges, one 9 walked through edges, loop and line, then 9; the same idea in speech. Drawn on real digits as an
illustration, and marked on screen as a hope."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, AnimationGroup, Arrow, Circle, Circumscribe, Create, FadeIn, FadeOut,
                   Group, Indicate, LaggedStart, Line, ReplacementTransform, VGroup, there_and_back)

from nnlib.assets import load_sample
from nnlib.strokes import (Loop, Stroke, distance_to_loop, distance_to_stroke, fit_line, fit_loop,
                           little_edges)
from scenes.content.base import ExplainerScene
from scenes.content.components import PixelGrid, label

#: The sample images drawn on (digit, which of its ten), and the regions (rows, columns) of their pieces.
NINE, EIGHT, FOUR = (9, 8), (8, 5), (4, 2)
NINE_LOOP, NINE_LINE = ((4, 18), (4, 18)), ((6, 26), (15, 24))
EIGHT_LOOPS = (((3, 13), (6, 20)), ((13, 26), (6, 23)))
FOUR_LINES = (((3, 16), (7, 13)), ((12, 15), (7, 22)), ((4, 26), (15, 20)))
PIECE_WIDTH = 7


def loop_on(grid: PixelGrid, loop: Loop, colour: str, width: float = PIECE_WIDTH) -> Circle:
    """The fitted loop drawn over the digit's pixels."""
    return Circle(radius=loop.radius * grid.cell_size, stroke_color=colour, stroke_width=width).move_to(
        grid.pixel_center(*loop.center))


def stroke_on(grid: PixelGrid, stroke: Stroke, colour: str, width: float = PIECE_WIDTH) -> Line:
    """A fitted straight stroke (or a little edge) drawn over the digit's pixels."""
    return Line(grid.pixel_center(*stroke.start), grid.pixel_center(*stroke.end), stroke_color=colour,
                stroke_width=width)


def flash(*pieces, width: float = 16) -> AnimationGroup:
    """Pieces drawn on digits thicken for a moment, each in place (an Indicate would scale a group about its middle
    and push pieces off their digits)."""
    return AnimationGroup(*(p.animate(rate_func=there_and_back).set_stroke(width=width) for p in pieces))


class LayeredHope(ExplainerScene):
    """The hope that layers build up pieces: pixels, then edges, then loops and lines, then digits -- drawn on real
    sample digits, with one 9 walked through the layers; and the same layering in speech. Illustrative only, and
    it says so on screen the whole time.

    Exposes ``hope_layers`` (the hoped-for piece under each layer), ``speech_chain``, ``hope_note`` and
    ``nine_edges`` (the little edges drawn on the 9, split into ``loop`` and ``line`` ones).
    """

    def construct(self) -> None:
        theme = self.theme
        piece = theme.accent
        sample = load_sample()
        nine, eight, four = (sample.of_digit(d)[i] for d, i in (NINE, EIGHT, FOUR))
        heading = self.title("The hope: digits are made of pieces")
        hope = label("an illustration of a hope, not what the trained network does", size=24,
                     color=theme.accent).to_edge(DOWN, buff=0.25)
        self.hope_note = hope
        grids = Group(*(PixelGrid(img, height=3.5) for img in (nine, eight, four))).arrange(RIGHT, buff=1.2)
        grids.shift(0.7 * UP)
        g9, g8, g4 = grids
        nine_loop, nine_line = fit_loop(nine, *NINE_LOOP), fit_line(nine, *NINE_LINE)
        on9 = VGroup(loop_on(g9, nine_loop, piece), stroke_on(g9, nine_line, piece))
        on8 = VGroup(*(loop_on(g8, fit_loop(eight, *region), piece) for region in EIGHT_LOOPS))
        on4 = VGroup(*(stroke_on(g4, fit_line(four, *region), piece) for region in FOUR_LINES))
        captions = VGroup(*(label(text, size=30).next_to(g, DOWN, buff=0.3)
                            for text, g in zip(("loop + line", "loop + loop", "three lines"), grids)))
        with self.beat("Why might layers help? Think of how you read a digit: you piece it together from parts. "
                       "A 9 has a loop up top and a line on the right. An 8 has a loop up top and another loop "
                       "below. A 4 is three straight lines."):
            self.play(FadeIn(heading), FadeIn(hope), run_time=0.8)
            self.on_word("Think of", LaggedStart(*(FadeIn(g) for g in grids), lag_ratio=0.3), run_time=1.2)
            self.on_word("piece it together", LaggedStart(*(g.border.animate(rate_func=there_and_back).set_stroke(
                theme.accent, width=5) for g in grids), lag_ratio=0.4), run_time=1.8)
            self.on_word("loop up top", Create(on9[0]), run_time=0.8)
            self.on_word("line on the right", Create(on9[1]), FadeIn(captions[0]), run_time=0.8)
            self.on_word("loop up top", Create(on8[0]), occurrence=2, run_time=0.8)
            self.on_word("another loop", Create(on8[1]), FadeIn(captions[1]), run_time=0.8)
            self.on_word("three straight lines", LaggedStart(*(Create(l) for l in on4), lag_ratio=0.4),
                    FadeIn(captions[2]), run_time=1.2)

        neurons = VGroup()
        for x, icon in ((-1.3, Circle(radius=0.2, stroke_color=piece, stroke_width=4)),
                        (1.3, Line(0.22 * UP, 0.22 * DOWN, stroke_color=piece, stroke_width=4))):
            cell = Circle(radius=0.36, stroke_color=theme.neuron_stroke, stroke_width=2, fill_color=theme.ink,
                          fill_opacity=0.0).move_to([x, -2.6, 0])
            neurons.add(VGroup(cell, icon.next_to(cell, LEFT, buff=0.25)))
        neuron_words = label("a neuron for each piece?", size=26, dim=True).next_to(neurons, RIGHT, buff=0.5)
        with self.beat("In a perfect world, each neuron of the last hidden layer would stand for one such piece. "
                       "Any image with a loop up top, like this 9 or this 8, would light up the loop neuron. An "
                       "upright line on the right would light another. Then the last step is easy: learn which "
                       "pieces make which digit."):
            self.on_word("each neuron", FadeIn(neurons), FadeIn(neuron_words), run_time=1.0)
            self.on_word("one such piece", flash(*on9, *on8, *on4), run_time=1.5)
            self.on_word("loop up top", flash(on9[0], on8[0]), run_time=1.2)
            self.on_word("loop neuron", neurons[0][0].animate.set_fill(opacity=1.0), run_time=0.6)
            self.on_word("upright line", flash(on9[1], on4[2]), run_time=1.2)
            self.on_word("light another", neurons[1][0].animate.set_fill(opacity=1.0), run_time=0.6)
            self.on_word("which pieces", LaggedStart(*(Indicate(c, color=piece) for c in captions),
                                                      lag_ratio=0.5), run_time=2.5)

        big = PixelGrid(nine, height=4.6).move_to(3.2 * LEFT + 0.2 * DOWN)
        big_loop = loop_on(big, nine_loop, piece)
        edges = little_edges(nine)
        near_loop = [distance_to_loop(self._middle(e), nine_loop) < distance_to_stroke(self._middle(e), nine_line)
                     for e in edges]
        self.nine_edges = {"loop": [e for e, l in zip(edges, near_loop) if l],
                           "line": [e for e, l in zip(edges, near_loop) if not l]}
        dashes = VGroup(*(stroke_on(big, e, piece, 5) for e in edges))
        middle = big.pixel_center(*nine_loop.center)
        spread = dashes.copy()
        for dash in spread:
            dash.shift(0.45 * (dash.get_center() - middle))
        spread.scale(0.85).move_to(3.4 * RIGHT + 0.1 * UP)
        spread_words = label("short strokes at many angles", size=26, dim=True).next_to(spread, DOWN, buff=0.3)
        with self.beat("That only moves the problem: how would a neuron find a loop? Perhaps the same way, one "
                       "level down. A loop is made of many little edges, short strokes at different angles."):
            self.play(FadeOut(Group(g8, g4, on8, on4, captions, neurons, neuron_words, on9[1])),
                      ReplacementTransform(g9, big), ReplacementTransform(on9[0], big_loop), run_time=1.0)
            self.on_word("find a loop", Indicate(big_loop, color=piece, scale_factor=1.08), run_time=0.8)
            self.on_word("one level down", big_loop.animate.set_stroke(opacity=0.35), run_time=0.6)
            self.on_word("little edges", LaggedStart(*(Create(d) for d in dashes), lag_ratio=0.15),
                    FadeOut(big_loop), run_time=1.5)
            self.on_word("short strokes", *(ReplacementTransform(d.copy(), s) for d, s in zip(dashes, spread)),
                    FadeIn(spread_words), run_time=1.2)

        # one 9 walked through the hoped-for layers: pixels -> edges -> a loop and a line -> 9
        panel_h = 2.7
        spots = [np.array([x, 0.75, 0]) for x in (-5.2, -1.75, 1.75, 5.2)]
        pixels = PixelGrid(nine, height=panel_h).move_to(spots[0])
        at_edges = PixelGrid(nine, height=panel_h).move_to(spots[1])
        at_pieces = PixelGrid(nine, height=panel_h).move_to(spots[2])
        edge_panel = VGroup(*(stroke_on(at_edges, e, piece, 4) for e in edges))
        pieces = VGroup(loop_on(at_pieces, nine_loop, piece, 5), stroke_on(at_pieces, nine_line, piece, 5))
        answer = label("9", size=130).move_to(spots[3])
        frames = VGroup(*(at.border.copy() for at in (at_edges, at_pieces)))
        arrows = VGroup(*(Arrow(a + 1.45 * RIGHT, b + 1.45 * LEFT, buff=0.0, color=theme.dim_text,
                                stroke_width=3) for a, b in zip(spots, spots[1:])))
        hidden = len(self.network.sizes) - 2
        layer_names = ["input layer"] + (["hidden layer 1", "hidden layer 2"] if hidden == 2 else
                                         ["a hidden layer", "a later layer"]) + ["output layer"]
        tops = VGroup(*(label(n, size=26, dim=True).move_to(s + (panel_h / 2 + 0.35) * UP)
                        for n, s in zip(layer_names, spots)))
        names = ["pixels", "edges?", "loops, lines?", "digits"]
        self.hope_layers = names
        hopes = VGroup(*(label(n, size=30, color=theme.text if k in (0, 3) else piece)
                         .move_to(s + (panel_h / 2 + 0.4) * DOWN) for k, (n, s) in enumerate(zip(names, spots))))
        walk_title = self.title("The hope of a layered structure, for one 9")
        loop_dashes = VGroup(*(d for d, l in zip(edge_panel, near_loop) if l))
        line_dashes = VGroup(*(d for d, l in zip(edge_panel, near_loop) if not l))
        with self.beat("So here is the hope for one 9. The first hidden layer would spot its little edges. The "
                       "second would join edges into a loop and a line. And the output layer would see a loop and "
                       "a line, and say 9."):
            self.play(FadeOut(spread), FadeOut(spread_words), ReplacementTransform(big, pixels),
                      ReplacementTransform(dashes, edge_panel), ReplacementTransform(heading, walk_title),
                      FadeIn(frames[0]), run_time=1.2)
            self.on_word("one 9", FadeIn(tops[0]), FadeIn(hopes[0]), run_time=0.6)
            self.on_word("first hidden layer", Create(arrows[0]), FadeIn(tops[1]), run_time=0.6)
            self.on_word("little edges", Indicate(edge_panel, color=piece, scale_factor=1.05), FadeIn(hopes[1]),
                    run_time=0.8)
            self.on_word("second", Create(arrows[1]), FadeIn(tops[2]), FadeIn(frames[1]), run_time=0.6)
            self.on_word("join edges", ReplacementTransform(loop_dashes.copy(), pieces[0]),
                    ReplacementTransform(line_dashes.copy(), pieces[1]), FadeIn(hopes[2]), run_time=1.5)
            self.on_word("output layer", Create(arrows[2]), FadeIn(tops[3]), run_time=0.6)
            self.on_word("see a loop", Indicate(pieces, color=piece, scale_factor=1.1), run_time=0.8)
            self.on_word("say 9", FadeIn(answer, scale=0.6), FadeIn(hopes[3]), run_time=0.8)

        chain = ["raw audio", "sounds", "syllables", "words", "phrases"]
        self.speech_chain = chain
        steps = VGroup(*(label(word, size=30) for word in chain)).arrange(RIGHT, buff=0.65)
        intro = label("in speech:", size=28, dim=True)
        row = VGroup(intro, steps).arrange(RIGHT, buff=0.45).move_to(2.5 * DOWN)
        if row.width > 13.6:
            row.scale_to_fit_width(13.6)
        links = VGroup(*(Arrow(a.get_right(), b.get_left(), buff=0.08, color=theme.dim_text, stroke_width=3,
                               max_tip_length_to_length_ratio=0.3) for a, b in zip(steps, steps[1:])))
        with self.beat("Each layer would turn the one before into something a little more abstract. The same "
                       "layered idea helps with speech: raw audio, then sounds, then syllables, words and phrases."):
            self.on_word("Each layer", LaggedStart(*(Indicate(h, color=piece) for h in hopes[1:]),
                                                    lag_ratio=0.6), run_time=3.0)
            self.on_word("with speech", FadeIn(intro), run_time=0.6)
            for k, word in enumerate(chain):
                spoken = word.split()[0] if k else "raw audio"
                parts = [FadeIn(steps[k], shift=0.15 * RIGHT)] + ([Create(links[k - 1])] if k else [])
                self.on_word(spoken, *parts, run_time=0.5)

        with self.beat("But keep in mind: this is a hope, a picture of why layers might help. It is not what a "
                       "trained network actually does. At the end of this chapter we look at our own network's "
                       "real weights. First, though: how could a single neuron detect an edge at all?"):
            self.on_word("this is a hope", Indicate(hope, color=piece, scale_factor=1.1), run_time=0.8)
            self.on_word("It is not", Circumscribe(hope, color=piece), run_time=1.5)
            self.on_word("end of this chapter", Indicate(VGroup(tops[1], tops[2]), color=piece), run_time=1.2)
            self.on_word("real weights", flash(*edge_panel, *pieces, width=9), run_time=1.5)
            self.on_word("detect an edge", Circumscribe(VGroup(frames[0], edge_panel), color=piece), run_time=1.0)

    @staticmethod
    def _middle(stroke: Stroke) -> tuple[float, float]:
        return ((stroke.start[0] + stroke.end[0]) / 2, (stroke.start[1] + stroke.end[1]) / 2)

