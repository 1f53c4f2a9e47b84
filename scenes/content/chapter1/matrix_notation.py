"""Chapter 1, scene 8: a whole layer at once, a(1) = sigma(W a(0) + b), with a slice of the real W, a(0), b and the
matching entries of the result."""

from __future__ import annotations

import inspect

import numpy as np
from manim import DOWN, RIGHT, UP, Create, FadeIn, FadeOut, Indicate, SurroundingRectangle, VGroup, Write

from nnlib.network import Network
from nnlib.picks import inkiest_run
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import bracketed, count
from scenes.content.components import format_number, formula, label, number

#: How many rows and columns of W the slice shows.
SLICE = 4


def layer_code_line() -> str | None:
    """The line of nnlib's ``Network.forward_pass`` that computes a whole layer (the one with the matrix product),
    read from the library's source so the screen shows the code as it is; None if it cannot be found."""
    for line in inspect.getsource(Network.forward_pass).splitlines():
        if " @ " in line:
            return line.strip()
    return None


class MatrixNotation(ExplainerScene):
    """The matrix form of a layer, with real numbers: rows 0-3 of W at four inked pixels of the chosen digit, those
    pixel values, the first biases and the first activations of the first hidden layer.

    Exposes ``shown_rows``, ``shown_columns``, ``shown_W``, ``shown_a0``, ``shown_b``, ``shown_a1``,
    ``result_entries`` (the result's number mobjects) and ``code_line`` (nnlib's line, or None).
    """

    def construct(self) -> None:
        net, digit, theme = self.network, self.digit, self.theme
        image = digit.image
        a1 = net.forward(image)[1].ravel()
        W, b = net.weights[0], net.biases[0]
        start = inkiest_run(image, SLICE)
        self.shown_rows = list(range(min(SLICE, W.shape[0])))
        self.shown_columns = list(range(start, start + SLICE))
        self.shown_W = W[np.ix_(self.shown_rows, self.shown_columns)]
        self.shown_a0 = image[self.shown_columns]
        self.shown_b = b[self.shown_rows]
        self.shown_a1 = a1[self.shown_rows]
        n_out, n_in = W.shape
        sigmoid = net.hidden_activation == "sigmoid"
        squish, squish_name = ("sigma", "the sigmoid") if sigmoid else ('op("ReLU")', "ReLU")

        heading = self.title("The whole layer at once: a matrix-vector product")
        law = formula(f"a^((1)) = {squish}(W a^((0)) + b)", size=44).next_to(heading, DOWN, buff=0.35)
        with self.beat("Writing all of this out neuron by neuron gets messy, and there is a much more compact way, "
                       "which is also how the network is actually computed. Put the activations of one layer into "
                       "a single column, a vector. Put the weights into a matrix W, with one row for each neuron "
                       "of the next layer and one column for each neuron of this one. And put the biases into a "
                       "vector b.") as beat:
            self.play(FadeIn(heading), run_time=beat.share(0.2))
            self.play(Write(law), run_time=beat.share(0.4))

        size = 21

        def signed(v: float):
            return number(v, 2, size=size, color=theme.signed(v))

        def dots(kind: str):
            return label(kind, size=size, dim=True)

        w_cells = [[signed(v) for v in row] + [dots("⋯")] for row in self.shown_W]
        w_cells.append([dots("⋮") for _ in self.shown_columns] + [dots("⋱")])
        matrix = bracketed(w_cells, 1.2, 0.5, theme.text)
        a0 = bracketed([[number(v, 2, size=size)] for v in self.shown_a0] + [[dots("⋮")]], 0.8, 0.5, theme.text)
        bias = bracketed([[signed(v)] for v in self.shown_b] + [[dots("⋮")]], 0.95, 0.5, theme.text)
        result = bracketed([[number(v, 2, size=size, color=theme.accent)] for v in self.shown_a1]
                           + [[dots("⋮")]], 0.8, 0.5, theme.text)
        sigma_open = VGroup(formula(squish, size=40), label("(", size=40).stretch_to_fit_height(matrix.height))
        sigma_open.arrange(RIGHT, buff=0.08)
        plus, equals = label("+", size=30), label("=", size=30)
        close = label(")", size=40).stretch_to_fit_height(matrix.height)
        equation = VGroup(sigma_open, matrix, a0, plus, bias, close, equals, result).arrange(RIGHT, buff=0.22)
        equation.next_to(law, DOWN, buff=0.9)
        column_tags = VGroup(*(label(f"pixel {c}", size=14, dim=True).next_to(matrix[0][0][k], UP, buff=0.25)
                               for k, c in enumerate(self.shown_columns)))
        row, col = divmod(start, 28)
        with self.beat(f"Here are real numbers from our network. This is a corner of its {count(n_out)} by "
                       f"{count(n_in)} weight matrix: the first {len(self.shown_rows)} rows, at {SLICE} pixels side "
                       f"by side in row {row} of the image, where the {digit.name} has ink. Each row holds the "
                       "weights of one neuron of the first hidden layer. Beside it are the brightness values of "
                       "those same pixels, and the first biases.") as beat:
            self.play(FadeIn(matrix), FadeIn(a0), FadeIn(sigma_open), FadeIn(close), FadeIn(column_tags),
                      run_time=beat.share(0.45))
            self.play(FadeIn(plus), FadeIn(bias), run_time=beat.share(0.25))

        with self.beat("Multiplying the matrix by the vector takes each row in turn, multiplies it entry by entry "
                       "with the column of activations, and adds up: exactly the weighted sum of one neuron. Add "
                       f"the bias vector, then apply {squish_name} to every entry on its own. What comes out is the "
                       f"column of activations of the next layer, here starting with "
                       f"{format_number(float(self.shown_a1[0]), 2)} and "
                       f"{format_number(float(self.shown_a1[1]), 2)}.") as beat:
            self.play(FadeIn(equals), FadeIn(result), run_time=beat.share(0.4))
        self.result_entries = result[0]

        first_row = SurroundingRectangle(matrix[0][0], color=theme.accent, buff=0.08)
        first_out = VGroup(SurroundingRectangle(result[0][0], color=theme.accent, buff=0.08),
                           SurroundingRectangle(bias[0][0], color=theme.accent, buff=0.08))
        note = label(f"each entry of the result uses its whole row: all {count(n_in)} weights", size=20,
                     dim=True).next_to(equation, DOWN, buff=0.6)
        with self.beat(f"Row one of W, times the input, plus the first bias, squished: that is the first neuron's "
                       f"activation, {format_number(float(self.shown_a1[0]), 2)}. Only {SLICE} of the row's "
                       f"{count(n_in)} weights fit on the screen, but the product uses all of them. And one matrix "
                       f"product does all {count(n_out)} neurons at once.") as beat:
            self.play(Create(first_row), Create(first_out), FadeIn(note), run_time=beat.share(0.4))

        self.code_line = layer_code_line()
        code = label(self.code_line or "z = W a + b", size=24, mono=True, color=theme.accent)
        code_note = label("the line in nnlib that computes every layer's weighted sums", size=20, dim=True)
        code_block = VGroup(code, code_note).arrange(DOWN, buff=0.15).next_to(note, DOWN, buff=0.35)
        with self.beat("Why bother? The notation is compact: one line for a whole layer, and the same line for "
                       "every layer. And computers are extremely good at multiplying matrices, so libraries lean on "
                       "it. Our own library computes the weighted sums of each layer with this one line, taken "
                       "straight from its source code. There the activations sit in a row instead of a column, so "
                       "the code multiplies by the matrix turned on its side, its transpose; it is the same product, "
                       "done for many images at once.") as beat:
            self.play(FadeOut(note), FadeIn(code_block), run_time=beat.share(0.3))
            self.play(Indicate(law, color=theme.accent), run_time=beat.share(0.3))
