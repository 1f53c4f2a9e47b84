"""What the scenes of the questions part share: the viewer's question as a heading, the precomputed asset, the
digits the measurements run on, and a read-out that follows a moving value."""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

import numpy as np
from manim import DOWN, LEFT, UL, Animation, UpdateFromAlphaFunc, VGroup, VMobject, linear, there_and_back

from nnlib import NNLibError, load_mnist
from nnlib.assets import load_sample
from nnlib.questions_asset import QuestionsAsset, load_questions
from scenes.content.components import current_theme, format_number, label

#: The note on screen wherever a figure comes from ``assets/questions.npz``.
PRECOMPUTED = "precomputed by `python -m nnlib.questions_asset` for the shipped network"


def question_heading(number: int, question: str) -> VGroup:
    """The viewer's question, quoted, at the top left: "Question 3 · How could it ever say 'I don't know'?"."""
    theme = current_theme()
    tag = label(f"Question {number}", size=20, color=theme.accent)
    words = label(f"“{question}”", size=26)
    if words.width > 12.6:
        words.scale_to_fit_width(12.6)
    return VGroup(tag, words).arrange(DOWN, aligned_edge=LEFT, buff=0.1).to_corner(UL, buff=0.3)


def note(text: str) -> VMobject:
    """A dim line at the foot of the frame saying where a figure comes from (two lines, split at "; ", rather than
    smaller type when it is too long)."""
    line = label(text, size=16, dim=True)
    if line.width > 13.4 and "; " in text:
        first, rest = text.split("; ", 1)
        line = VGroup(label(first + ";", size=16, dim=True), label(rest, size=16, dim=True)).arrange(DOWN, buff=0.08)
    if line.width > 13.4:
        line.scale_to_fit_width(13.4)
    return line.to_edge(DOWN, buff=0.12)


@lru_cache(maxsize=1)
def questions_asset() -> QuestionsAsset:
    return load_questions()


def mini_batch() -> tuple[np.ndarray, np.ndarray]:
    """One mini-batch of ten shipped training digits, one of each digit (the first of each in the sample)."""
    sample = load_sample()
    picks = np.array([np.flatnonzero(sample.labels == d)[0] for d in range(10)])
    return sample.images[picks], sample.labels[picks]


def test_digits_or_none() -> tuple[np.ndarray, np.ndarray] | None:
    """The MNIST test set if this machine has it (``MNIST_DIR`` or the download cache), else None."""
    try:
        data = load_mnist()
    except NNLibError:
        return None
    return data.test_images, data.test_labels


def spoken_percent(fraction: float) -> str:
    """A share rounded for the ear: "two thirds" would be nicer, but a whole percent is honest and short."""
    return f"{fraction:.0%}"


class ReadOut:
    """A piece of text that follows a value (a ValueTracker's).

    ``mob`` is one shape holding the outlines of every letter: when the words change, its points are replaced in
    place (the renderer keeps painting the same object), and each wording is built once and kept (building a Text
    costs a tenth of a second or more, so a read-out should take few distinct values: round what it shows).
    """

    def __init__(self, make: Callable[[], str], place: Callable[[VMobject], VMobject], size: float = 20,
                 color: str | None = None) -> None:
        self.make, self.place, self.size = make, place, size
        self.color = color or current_theme().text
        self.built: dict[str, np.ndarray] = {}
        self.text = self.make()
        self.mob = VMobject(fill_color=self.color, fill_opacity=1.0, stroke_width=0)
        self.show(self.text)
        self.mob.add_updater(self.update)

    def outline(self, text: str) -> np.ndarray:
        """The points of every glyph of ``text``, placed, as one array (built once per wording)."""
        if text not in self.built:
            words = self.place(label(text, size=self.size, color=self.color))
            parts = [g.points for g in words.family_members_with_points()]
            self.built[text] = np.concatenate(parts) if parts else np.zeros((0, 3))
        return self.built[text]

    def show(self, text: str) -> None:
        self.mob.set_points(self.outline(text).copy())
        self.mob.original_text = text  # what tests and notes read, as for a Text

    def update(self, mob: VMobject) -> None:
        text = self.make()
        if text != self.text:
            self.text = text
            self.show(text)


DIGIT_WORDS = ("zeros", "ones", "twos", "threes", "fours", "fives", "sixes", "sevens", "eights", "nines")


def sure(p: float) -> str:
    """A confidence for the voice: a whole percent, or one decimal near certainty (0.996 is "99.6%", not 100%)."""
    return f"{p:.0%}" if p < 0.995 else f"{format_number(100 * p, 1)}%"


def typewriter(mob: VMobject, run_time: float) -> UpdateFromAlphaFunc:
    """Reveal a text (or formula) glyph after glyph over ``run_time``, so words appear as they are spoken.

    Unlike a fade, this keeps the whole time it is given (it shows a process, not an entrance: see
    :mod:`scenes.content.entrances`)."""
    glyphs = [g for g in mob.family_members_with_points()]
    opacities = [float(g.get_fill_opacity()) for g in glyphs]
    for g in glyphs:
        g.set_fill(opacity=0)

    def reveal(_, alpha: float) -> None:
        shown = alpha * len(glyphs)
        for i, (g, full) in enumerate(zip(glyphs, opacities)):
            g.set_fill(opacity=full * float(np.clip(shown - i, 0.0, 1.0)))

    return UpdateFromAlphaFunc(mob, reveal, run_time=max(run_time, 0.2), rate_func=linear)


def pulse(mob: VMobject, run_time: float, scale: float = 1.12) -> Animation:
    """Swell a read-out and let it settle back over ``run_time``: it is being talked about."""
    return mob.animate(rate_func=there_and_back, run_time=max(run_time, 0.4)).scale(scale)
