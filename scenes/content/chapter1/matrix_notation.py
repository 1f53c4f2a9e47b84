"""Chapter 1, scene 8: a whole layer at once, a(1) = sigma(W a(0) + b): the indexed matrix w_(0,0) ... w_(15,783)
beside a slice of the real W, and the product worked out row by row, each result entry appearing when its row is
done."""

from __future__ import annotations

import inspect

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, AnimationGroup, Create, FadeIn, FadeOut, Indicate, SurroundingRectangle,
                   Transform, VGroup, Write)

from nnlib.network import Network
from nnlib.picks import inkiest_run
from scenes.content.base import ExplainerScene
from scenes.content.chapter1.common import bracketed, count
from scenes.content.chapter1.fan_in import spread
from scenes.content.components import format_number, formula, label, number

#: How many rows and columns of W the slice shows.
SLICE = 4
#: Small counts as narration says them.
WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}
#: Numbers of the real slice (DejaVu Sans: capitals 15 px high at 854x480).
CELL = 25
#: Formulas of the indexed matrix (Typst: capitals 17 px, subscripts about 12 px at 854x480).
SYMBOL = 40


def layer_code_line() -> str | None:
    """The line of nnlib's ``Network.forward_pass`` that computes a whole layer (the one with the matrix product),
    read from the library's source so the screen shows the code as it is; None if it cannot be found."""
    for line in inspect.getsource(Network.forward_pass).splitlines():
        if " @ " in line:
            return line.strip()
    return None


def indexed_matrix(rows: int, columns: int, color: str):
    """The weight matrix written with indices, ``w_(0,0)`` to ``w_(rows-1,columns-1)``: first two and last row and
    column, dots between; ``bracketed`` layout (``[0]`` entries by row, ``[1]`` brackets)."""
    def w(r, c):
        return formula(f"w_({r},{c})", size=SYMBOL)

    def dots(kind):
        return formula(kind, size=SYMBOL)

    last_r, last_c = rows - 1, columns - 1
    cells = [[w(r, 0), w(r, 1), dots("dots.c"), w(r, last_c)] for r in (0, 1)]
    cells.append([dots("dots.v"), dots("dots.v"), dots("dots.down"), dots("dots.v")])
    cells.append([w(last_r, 0), w(last_r, 1), dots("dots.c"), w(last_r, last_c)])
    return bracketed(cells, 1.3, 0.58, color)


def indexed_column(name: str, last: int, color: str):
    """A vector written with indices: ``name_0``, ``name_1``, dots, ``name_last``."""
    cells = [[formula(f"{name}_0", size=SYMBOL)], [formula(f"{name}_1", size=SYMBOL)],
             [formula("dots.v", size=SYMBOL)], [formula(f"{name}_({last})", size=SYMBOL)]]
    return bracketed(cells, 1.05, 0.58, color)


class MatrixNotation(ExplainerScene):
    """The matrix form of a layer, with real numbers: rows 0-3 of W at four inked pixels of the chosen digit, those
    pixel values, the first biases and the first activations of the first hidden layer, computed row by row.

    Exposes ``shown_rows``, ``shown_columns``, ``shown_W``, ``shown_a0``, ``shown_b``, ``shown_a1``, ``shown_sums``
    (each shown row's full weighted sum, all 784 products), ``shown_products`` (the slice's products, per row),
    ``result_entries`` (the result's number mobjects), ``symbolic`` (the indexed W), ``code_line``,
    ``product_beat`` (the beat that works row zero out) and ``entry_times`` (when each result entry appeared).
    """

    def construct(self) -> None:
        net, digit, theme = self.network, self.digit, self.theme
        image = digit.image
        passed = net.forward_pass(image)
        a1 = passed.activations[1].ravel()
        z1 = passed.weighted_sums[0].ravel()
        W, b = net.weights[0], net.biases[0]
        start = inkiest_run(image, SLICE)
        self.shown_rows = list(range(min(SLICE, W.shape[0])))
        self.shown_columns = list(range(start, start + SLICE))
        self.shown_W = W[np.ix_(self.shown_rows, self.shown_columns)]
        self.shown_a0 = image[self.shown_columns]
        self.shown_b = b[self.shown_rows]
        self.shown_a1 = a1[self.shown_rows]
        self.shown_sums = (z1 - b)[self.shown_rows]          # all 784 products of each row, added
        self.shown_products = self.shown_W * self.shown_a0    # the four of them on screen
        n_out, n_in = W.shape
        sigmoid = net.hidden_activation == "sigmoid"
        squish = "sigma" if sigmoid else 'op("ReLU")'

        heading = self.title("The whole layer at once: a matrix times a vector")
        law = formula(f"a^((1)) = {squish}(W a^((0)) + b)", size=40).next_to(heading, DOWN, buff=0.25)
        with self.beat("Writing every neuron out by hand gets messy. There is a compact way, and it is how the "
                       "network is really computed.") as beat:
            self.play(FadeIn(heading), run_time=self.until("compact way"))
            self.play(Write(law), run_time=max(beat.end - 0.3 - float(self.renderer.time), 0.5))

        # the indexed form: every weight has a row (the neuron it feeds) and a column (the input it reads)
        sym_W = indexed_matrix(n_out, n_in, theme.text)
        sym_a = indexed_column("a", n_in - 1, theme.text)
        sym_b = indexed_column("b", n_out - 1, theme.text)
        sym_plus = formula("+", size=SYMBOL)
        symbolic = VGroup(sym_W, sym_a, sym_plus, sym_b).arrange(RIGHT, buff=0.3).move_to([0, 1.3, 0])
        self.symbolic = sym_W
        row_box = SurroundingRectangle(sym_W[0][0], color=theme.accent, buff=0.06)
        col_box = SurroundingRectangle(VGroup(*(r[0] for r in sym_W[0])), color=theme.accent, buff=0.06)
        with self.beat("Put the activations of one layer into a column, a vector. <bookmark mark='W'/>Put the "
                       "weights into a matrix, W. <bookmark mark='rows'/>Each row belongs to one neuron of the next "
                       "layer, <bookmark mark='cols'/>each column to one input. <bookmark mark='b'/>The biases make "
                       "one more vector, b.") as beat:
            self.play(FadeIn(sym_a, shift=0.2 * LEFT), Indicate(law, color=theme.accent, scale_factor=1.05),
                      run_time=self.until("W"))
            self.play(FadeIn(sym_W), run_time=self.until("rows"))
            # (each .animate builder is made when it plays: two made in advance on one mobject share one target)
            rows_seq = [Create(row_box)] + [
                lambda t, r=r: row_box.animate.become(SurroundingRectangle(sym_W[0][r], color=theme.accent, buff=0.06))
                for r in (1, 3)]
            spread(self, rows_seq, self.until("cols"))
            cols_seq = [Transform(row_box, col_box)] + [
                lambda t, c=c: row_box.animate.become(SurroundingRectangle(VGroup(*(r[c] for r in sym_W[0])),
                                                                           color=theme.accent, buff=0.06))
                for c in (1, 3)]
            spread(self, cols_seq, self.until("b"))
            self.play(FadeOut(row_box), FadeIn(sym_plus), FadeIn(sym_b, shift=0.2 * LEFT),
                      run_time=max(beat.end - 0.3 - float(self.renderer.time), 0.5))

        # the real slice, below the indexed one
        def signed(v: float):
            return number(v, 2, size=CELL, color=theme.signed(v))

        def dots(kind: str):
            return label(kind, size=CELL, dim=True)

        w_cells = [[signed(v) for v in row] + [dots("⋯")] for row in self.shown_W]
        w_cells.append([dots("⋮") for _ in self.shown_columns] + [dots("⋱")])
        matrix = bracketed(w_cells, 1.3, 0.46, theme.text)
        a0 = bracketed([[number(v, 2, size=CELL)] for v in self.shown_a0] + [[dots("⋮")]], 0.85, 0.46, theme.text)
        # (green and red mean a weight's sign, nothing else: the biases are written plain)
        bias = bracketed([[number(v, 2, size=CELL)] for v in self.shown_b] + [[dots("⋮")]], 0.95, 0.46, theme.text)
        result_cells = [[number(v, 2, size=CELL, color=theme.accent)] for v in self.shown_a1] + [[dots("⋮")]]
        result = bracketed(result_cells, 0.85, 0.46, theme.text)
        sigma_open = VGroup(formula(squish, size=40), label("(", size=40).stretch_to_fit_height(matrix.height))
        sigma_open.arrange(RIGHT, buff=0.08)
        plus, equals = label("+", size=32), label("=", size=32)
        close = label(")", size=40).stretch_to_fit_height(matrix.height)
        equation = VGroup(sigma_open, matrix, a0, plus, bias, close, equals, result).arrange(RIGHT, buff=0.2)
        equation.move_to([0, -1.55, 0])
        if equation.width > 13.6:
            equation.scale_to_fit_width(13.6)
        for entry in result[0][:len(self.shown_a1)]:
            entry[0].set_opacity(0)   # each appears when its row is done
        column_tags = VGroup(*(label(f"{c}", size=24, dim=True).next_to(matrix[0][0][k], UP, buff=0.2)
                               for k, c in enumerate(self.shown_columns)))
        pixel_word = label("pixel", size=24, dim=True).next_to(column_tags, LEFT, buff=0.25)
        shape_tag = label(f"W: {count(n_out)} × {count(n_in)}", size=26, dim=True)
        shape_tag.next_to(sym_W, LEFT, buff=0.35)
        with self.beat(f"Here is a real corner of our network's {count(n_out)} by {count(n_in)} weight matrix. "
                       f"<bookmark mark='rows'/>We see its first {WORDS[len(self.shown_rows)]} rows, "
                       f"<bookmark mark='pixels'/>at {WORDS[SLICE]} pixels where the {digit.name} has ink. "
                       "<bookmark mark='a'/>Beside it are those pixels' brightness values, <bookmark mark='b'/>and the first biases.") as beat:
            self.play(FadeIn(matrix), FadeIn(sigma_open), FadeIn(close), FadeIn(shape_tag),
                      run_time=self.until("rows"))
            spread(self, [Indicate(matrix[0][r][:SLICE], color=theme.accent, scale_factor=1.05)
                          for r in self.shown_rows], self.until("pixels"))
            self.play(FadeIn(column_tags), FadeIn(pixel_word), run_time=self.until("a"))
            self.play(FadeIn(a0), Indicate(sym_a, color=theme.accent), run_time=self.until("b"))
            self.play(FadeIn(plus), FadeIn(bias), Indicate(sym_b, color=theme.accent),
                      run_time=max(beat.end - 0.3 - float(self.renderer.time), 0.5))

        # row by row: the products of the slice, the whole sum, the bias, the squish
        def term(value: float, first: bool = False) -> VGroup:
            """``value`` as a term of a sum: "− 1.32" or "+ 0.73" (the first term keeps its own sign)."""
            if first:
                return VGroup(number(value, 2, size=CELL))
            sign = label("−" if value < 0 else "+", size=CELL)
            return VGroup(sign, number(abs(value), 2, size=CELL)).arrange(RIGHT, buff=0.12)

        def work_line(r: int) -> VGroup:
            """Row ``r`` worked out: its four products, "+ ⋯", the sum of all of them, + bias, squished."""
            line = VGroup(*(term(p, first=k == 0) for k, p in enumerate(self.shown_products[r])))
            line.add(label("+ ⋯  =", size=CELL), number(self.shown_sums[r], 2, size=CELL),
                     term(self.shown_b[r]), label("→", size=CELL), formula(squish, size=36),
                     number(self.shown_a1[r], 2, size=CELL, color=theme.accent))
            return line.arrange(RIGHT, buff=0.16).move_to([0, -3.45, 0])

        lines = [work_line(r) for r in self.shown_rows]
        box = SurroundingRectangle(matrix[0][0][:SLICE], color=theme.accent, buff=0.06)
        col_box = SurroundingRectangle(a0[0], color=theme.accent, buff=0.06)
        first = format_number(float(self.shown_a1[0]), 2)
        all_note = label(f"all {count(n_in)} products", size=24, dim=True)
        with self.beat("Now multiply, one row at a time. <bookmark mark='r0'/>Row zero meets the column of pixel "
                       f"values: <bookmark mark='times'/>multiply entry by entry, then add up all {count(n_in)} "
                       f"products. <bookmark mark='bias'/>Add bias zero, then squish: neuron zero's activation, "
                       f"{first}.") as beat:
            self.product_beat = beat
            self.wait_until("r0")
            self.play(Create(box), Create(col_box), run_time=self.until("times"))
            steps = []
            for k in range(SLICE):
                cell, pixel = matrix[0][0][k], a0[0][k]
                steps.append(AnimationGroup(Indicate(cell, color=theme.accent), Indicate(pixel, color=theme.accent),
                                            FadeIn(lines[0][k], shift=0.2 * DOWN)))
            spread(self, steps, self.until(count(n_in)))
            all_note.next_to(lines[0][SLICE:SLICE + 2], UP, buff=0.12)
            self.play(FadeIn(lines[0][SLICE:SLICE + 2]), FadeIn(all_note), run_time=self.until("bias"))
            self.play(FadeIn(lines[0][SLICE + 2]), Indicate(bias[0][0], color=theme.accent),
                      run_time=self.until(first))
            self.play(FadeIn(lines[0][SLICE + 3:]), result[0][0][0].animate.set_opacity(1),
                      FadeIn(equals), FadeIn(result[1]), FadeIn(result[0][SLICE]),
                      run_time=max(min(beat.end - float(self.renderer.time) - 0.3, 1.5), 0.4))
            self.entry_times = [float(self.renderer.time)]

        with self.beat("Row one gives neuron one, <bookmark mark='r2'/>row two gives neuron two, <bookmark "
                       f"mark='r3'/>row three neuron three, and so on down all {count(n_out)} rows.") as beat:
            self.remove(all_note)
            for r, key in zip(self.shown_rows[1:], ("r2", "r3", None)):
                seconds = self.until(key) if key else max(self.until(count(n_out)) - 0.2, 0.8)
                self.play(box.animate.become(SurroundingRectangle(matrix[0][r][:SLICE], color=theme.accent,
                                                                  buff=0.06)),
                          Transform(lines[0], lines[r]), run_time=seconds * 0.45)
                self.play(result[0][r][0].animate.set_opacity(1), Indicate(bias[0][r], color=theme.accent),
                          run_time=seconds * 0.55)
                self.entry_times.append(float(self.renderer.time))
            self.play(box.animate.become(SurroundingRectangle(matrix[0][4], color=theme.accent, buff=0.06)),
                      Indicate(result[0][4], color=theme.accent),
                      run_time=max(beat.end - float(self.renderer.time) - 0.2, 0.4))
        self.result_entries = result[0]

        whole = SurroundingRectangle(matrix, color=theme.accent, buff=0.08)
        each = label(f"each entry uses its whole row: all {count(n_in)} weights", size=24, dim=True)
        each.move_to([0, -3.45, 0])
        with self.beat(f"One matrix product does all {count(n_out)} neurons at once. <bookmark mark='four'/>Only "
                       f"four of each row's {count(n_in)} weights fit here, but every one of them counts.") as beat:
            self.play(Transform(box, whole), FadeOut(col_box), run_time=self.until("four"))
            self.play(FadeOut(lines[0]), FadeIn(each), run_time=self.until(count(n_in)))
            spread(self, [Indicate(matrix[0][r][SLICE], color=theme.accent, scale_factor=1.4)
                          for r in self.shown_rows], max(beat.end - float(self.renderer.time) - 0.2, 0.4))

        self.code_line = layer_code_line()
        code = label(self.code_line or "z = W a + b", size=26, mono=True, color=theme.accent)
        code_note = label("the line of nnlib that computes a layer's weighted sums", size=24, dim=True)
        code_block = VGroup(code, code_note).arrange(RIGHT, buff=0.4)
        if code_block.width > 13.4:
            code_block = VGroup(code, code_note).arrange(DOWN, buff=0.12)
        code_block.move_to([0, -3.45, 0])
        next_law = formula(f"a^((2)) = {squish}(W^((2)) a^((1)) + b^((2)))", size=40).move_to(law)
        with self.beat("Why write it this way? One short line covers a whole layer, <bookmark mark='every'/>and "
                       "the same line serves every layer. <bookmark mark='fast'/>Computers multiply matrices very "
                       "fast, <bookmark mark='ours'/>and our own library does exactly this, in one line of its "
                       "source.") as beat:
            self.play(FadeOut(box), Indicate(law, color=theme.accent), run_time=self.until("every"))
            law_first = law.copy()
            self.play(Transform(law, next_law), run_time=self.until("fast") * 0.6)
            self.play(Transform(law, law_first), run_time=self.until("fast"))
            spread(self, [Indicate(VGroup(matrix[0][r], result[0][r]), color=theme.accent, scale_factor=1.05)
                          for r in range(5)], self.until("ours"))
            self.play(FadeOut(each), run_time=0.5)
            self.play(FadeIn(code_block), run_time=max(beat.end - float(self.renderer.time) - 0.3, 0.5))
