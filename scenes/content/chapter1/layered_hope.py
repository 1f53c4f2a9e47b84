"""Chapter 1, scene 3: the hope of a layered structure -- digits made of loops and lines, loops made of little
edges, and the same idea in speech. Drawn as an illustration, and marked on screen as a hope."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Arc, Arrow, Circle, Create, FadeIn, FadeOut, Group, Indicate,
                   LaggedStart, Line, ReplacementTransform, VGroup)

from nnlib.assets import load_sample
from scenes.content.base import ExplainerScene
from scenes.content.components import NetworkDiagram, PixelGrid, label


def loop_piece(radius: float, color: str) -> Circle:
    """A drawn loop, the kind of piece a 9, 8 or 6 has (an illustration, not computed)."""
    return Circle(radius=radius, color=color, stroke_width=7)


def line_piece(length: float, color: str, angle: float = 90.0) -> Line:
    """A drawn straight stroke, the kind of piece a 1, 4 or 7 has (an illustration, not computed)."""
    return Line(ORIGIN, length * RIGHT, color=color, stroke_width=7).rotate(np.radians(angle)).move_to(ORIGIN)


def plus_between(*pieces) -> VGroup:
    """Pieces written as a sum: piece + piece + ..."""
    parts = []
    for k, piece in enumerate(pieces):
        if k:
            parts.append(label("+", size=30, dim=True))
        parts.append(piece)
    return VGroup(*parts).arrange(RIGHT, buff=0.2)


class LayeredHope(ExplainerScene):
    """The hope that layers build up pieces: pixels, then edges, then loops and lines, then digits; and the same
    layering in speech. Illustrative only, and it says so on screen.

    Exposes ``hope_layers`` (the words under each layer of the diagram), ``speech_chain`` and ``hope_note``.
    """

    def construct(self) -> None:
        theme = self.theme
        sample = load_sample()
        heading = self.title("The hope: digits are made of pieces")
        hope = label("an illustration of a hope, not what the trained network does", size=20,
                     color=theme.accent).to_edge(DOWN, buff=0.3)
        loop_c, line_c = theme.positive, theme.accent
        digits = Group(*(PixelGrid(sample.first(d), height=2.4) for d in (9, 8, 4))).arrange(RIGHT, buff=2.2)
        digits.shift(1.0 * UP)
        pieces = VGroup(
            plus_between(loop_piece(0.35, loop_c), line_piece(0.9, line_c)),
            plus_between(loop_piece(0.3, loop_c), loop_piece(0.35, loop_c)),
            plus_between(line_piece(0.8, line_c, 80), line_piece(0.8, line_c, 0), line_piece(0.9, line_c)),
        )
        for grid, piece in zip(digits, pieces):
            piece.next_to(grid, DOWN, buff=0.8)
        equals = VGroup(*(label("=", size=34, dim=True).rotate(np.pi / 2).move_to(
            (grid.get_bottom() + piece.get_top()) / 2) for grid, piece in zip(digits, pieces)))
        with self.beat("Why might layers help? Think about how you recognise digits: you piece together "
                       "components. A 9 has a loop up top and a line on the right. An 8 has a loop up top and "
                       "another loop down below. A 4 breaks down into three straight lines.") as beat:
            self.play(FadeIn(heading), FadeIn(digits), FadeIn(hope), run_time=beat.share(0.25))
            self.play(FadeIn(equals), LaggedStart(*(Create(p) for p in pieces), lag_ratio=0.3),
                      run_time=beat.share(0.55))

        with self.beat("In a perfect world, we might hope that each neuron of the last hidden layer stands for "
                       "one of these pieces. Any image with a loop up top, a 9 or an 8, would light up a loop "
                       "neuron; an upright line on the right would light another. Then the final step would be "
                       "easy: learn which combination of pieces makes which digit.") as beat:
            self.play(Indicate(VGroup(pieces[0][0], pieces[1][0]), color=loop_c), run_time=beat.share(0.35))
            self.play(Indicate(VGroup(pieces[0][2], pieces[2][4]), color=line_c), run_time=beat.share(0.35))

        loop = loop_piece(1.0, loop_c).shift(3 * LEFT + 0.3 * DOWN)
        arcs = VGroup(*(Arc(radius=1.0, start_angle=k * np.pi / 4, angle=np.pi / 4 - 0.02, color=theme.text,
                            stroke_width=7) for k in range(8))).move_to(loop)
        spread = arcs.copy()
        for arc in spread:
            direction = arc.point_from_proportion(0.5) - loop.get_center()
            arc.shift(0.6 * direction)
        words = VGroup(label("a loop…", size=28).next_to(loop, DOWN, buff=0.4),
                       label("…might be built from little edges", size=28)
                       .next_to(spread, DOWN, buff=0.4).shift(6 * RIGHT))
        spread.shift(6 * RIGHT)
        with self.beat("Of course, that only moves the problem: how would a neuron recognise a loop? Perhaps the "
                       "same way, one level down. A loop is made of many little edges, short strokes at different "
                       "angles. So maybe the neurons of the first hidden layer each pick out one little edge, and "
                       "the next layer puts edges together into loops and lines.") as beat:
            self.play(FadeOut(digits), FadeOut(pieces), FadeOut(equals), run_time=beat.share(0.15))
            self.play(Create(loop), FadeIn(words[0]), run_time=beat.share(0.25))
            self.play(ReplacementTransform(arcs.copy(), spread), FadeIn(words[1]), run_time=beat.share(0.35))

        diagram = NetworkDiagram(self.network, height=4.6, layer_spacing=2.6).shift(0.55 * UP + 0.4 * RIGHT)
        names = ["pixels"] + ["edges?", "loops, lines?", "more pieces?", "more pieces?"][:len(diagram.neurons) - 2]
        names.append("digits")
        hopes = VGroup(*(label(text, size=22, color=theme.dim_text if k in (0, len(names) - 1) else theme.accent)
                         for k, text in enumerate(names)))
        for text, column in zip(hopes, diagram.neurons):
            text.next_to(column, DOWN, buff=0.3)
        lowest = min(t.get_y() for t in hopes)
        for text in hopes:
            text.set_y(lowest)
        self.hope_layers = names
        layered_title = self.title("The hope of a layered structure")
        with self.beat("Put together, that is the hope for our layers: pixels light up edges, edges light up "
                       "loops and lines, and loops and lines light up digits. Each layer turns the one before it "
                       "into something a little more abstract.") as beat:
            self.play(FadeOut(loop), FadeOut(spread), FadeOut(words), FadeOut(heading), run_time=beat.share(0.2))
            self.play(FadeIn(diagram), FadeIn(layered_title), run_time=beat.share(0.3))
            self.play(LaggedStart(*(FadeIn(t, shift=0.2 * UP) for t in hopes), lag_ratio=0.3),
                      run_time=beat.share(0.4))

        chain = ["raw audio", "sounds", "syllables", "words", "phrases"]
        steps = VGroup(*(label(word, size=22) for word in chain)).arrange(RIGHT, buff=0.8)
        steps.next_to(hopes, DOWN, buff=0.45)
        arrows = VGroup(*(Arrow(a.get_right(), b.get_left(), buff=0.1, color=theme.dim_text, stroke_width=3,
                                max_tip_length_to_length_ratio=0.3) for a, b in zip(steps, steps[1:])))
        speech = label("the same idea in speech:", size=20, dim=True).next_to(steps, LEFT, buff=0.4)
        row = VGroup(speech, steps, arrows)
        if row.width > 13.4:
            row.scale_to_fit_width(13.4)
        row.set_x(0)
        self.speech_chain = chain
        with self.beat("The same layered idea appears in many tasks that call for abstraction. Understanding "
                       "speech means taking raw audio, picking out distinct sounds, combining sounds into "
                       "syllables, syllables into words, and words into phrases and thoughts.") as beat:
            self.play(FadeOut(hope), FadeIn(speech), run_time=beat.share(0.15))
            self.play(LaggedStart(*(FadeIn(s) for s in steps), *(Create(a) for a in arrows), lag_ratio=0.15),
                      run_time=beat.share(0.6))

        hope.next_to(steps, DOWN, buff=0.3).set_x(0)
        self.hope_note = hope
        with self.beat("But keep in mind that this is a hope, a way to picture why layers might work, and not a "
                       "description of what a trained network actually does. At the end of this chapter we will "
                       "look at the real weights of our own trained network and see how far it is from this "
                       "tidy picture. First, though: how could a single neuron detect an edge at all?") as beat:
            self.play(FadeIn(hope), Indicate(VGroup(*hopes[1:-1]), color=theme.accent), run_time=beat.share(0.4))
