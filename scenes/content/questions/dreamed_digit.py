"""Questions, scene 2: "What if you set one output to 1 and worked back to the pixels?" Gradient descent on the input
image of the network in force, from a black image and from random static, beside the average training digit
(:func:`nnlib.questions.dream_digit`, measured while the scene renders)."""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, UP, FadeIn, Group, UpdateFromAlphaFunc, ValueTracker, VGroup, linear

from nnlib.analysis import noise_images
from nnlib.questions import dream_digit
from scenes.content.base import ExplainerScene
from scenes.content.components import PixelGrid, format_number, label
from scenes.content.questions.common import (DIGIT_WORDS, ReadOut, note, pulse, question_heading, questions_asset,
                                             sure, typewriter)

#: Steps of gradient descent on the pixels, and how far each goes.
STEPS = 30
LEARNING_RATE = 5.0


class DreamedDigit(ExplainerScene):
    """Two images the network in force is sure show the chosen digit (``--digit``, default 2), found by descending
    the cost over the pixels, beside the average of the training images of that digit.

    Exposes ``dreams`` (two :class:`nnlib.questions.DreamedDigit`, from black and from noise), ``mean_image``,
    ``mean_confidence`` and ``shown`` (the figures written on screen)."""

    default_digit = 2

    def construct(self) -> None:
        theme, net = self.theme, self.network
        digit = int(self.digit.label)
        asset = questions_asset()
        starts = (np.zeros(net.sizes[0]), noise_images(1, self.options.seed)[0])
        self.dreams = [dream_digit(net, digit, s, steps=STEPS, learning_rate=LEARNING_RATE, frames=STEPS + 1)
                       for s in starts]
        self.mean_image = asset.class_means[digit]
        self.mean_confidence = float(net.output(self.mean_image)[0, digit])
        heading = question_heading(2, "What if you set one output to 1 and worked back to the pixels?")
        step = ValueTracker(0.0)
        columns = Group()
        readouts = []
        names = ("from a black image", f"from random static (seed {self.options.seed})")
        for n, (dream, name) in enumerate(zip(self.dreams, names)):
            grid = PixelGrid(dream.frames[0], height=2.6)
            pixels = [PixelGrid(f, height=2.6, border=False).image.pixel_array for f in dream.frames]
            grid.add_updater(lambda m, p=pixels: setattr(m.image, "pixel_array", p[int(round(step.get_value()))]))
            title = label(name, size=20, dim=True)
            columns.add(Group(title, grid).arrange(DOWN, buff=0.15))
            readouts.append(dream)
        mean_grid = PixelGrid(self.mean_image, height=2.6)
        count = int(asset.class_counts[digit])
        mean_title = label(f"average of {count:,} training {digit}s", size=20, dim=True)
        columns.add(Group(mean_title, mean_grid).arrange(DOWN, buff=0.15))
        columns.arrange(RIGHT, buff=0.9).next_to(heading, DOWN, buff=0.5).set_x(0)
        grids = [c[1] for c in columns]
        outputs = [ReadOut(lambda d=d: f"output {digit}: {format_number(d.trace[int(round(step.get_value()))], 3)}",
                           lambda m, g=grids[i]: m.next_to(g, DOWN, buff=0.2), size=22, color=theme.accent)
                   for i, d in enumerate(readouts)]
        steps_read = ReadOut(lambda: f"step {int(round(step.get_value()))} of {STEPS}",
                             lambda m: m.next_to(VGroup(*[o.mob for o in outputs]), DOWN, buff=0.3), size=20)
        with self.beat("A viewer asks: what if you set one output to 1 and worked back to the pixels? We can do "
                       f"exactly that. Hold every weight fixed, ask for output {digit} at 1 and the others at 0, "
                       "and run gradient descent on the 784 pixels instead of the weights.") as beat:
            self.play(typewriter(heading, self.until("We can do")))
            self.wait_until("Hold every weight")
            self.play(FadeIn(grids[0]), FadeIn(grids[1]), *(FadeIn(o.mob) for o in outputs),
                      *(typewriter(c[0], self.until("run gradient descent")) for c in columns[:2]))
            self.wait_until("run gradient descent")
            self.add(steps_read.mob)
            for g in grids[:2]:
                self.add(g)
            self.play(step.animate.set_value(3), run_time=max(self.until("instead of"), 0.5), rate_func=linear)

        first, second = self.dreams
        with self.beat(f"Step by step, each pixel moves the way that brings output {digit} closer to 1. After "
                       f"{STEPS} steps the network calls both pictures {'an' if digit == 8 else 'a'} {digit}: "
                       f"{sure(first.confidence)} sure of the one from black, {sure(second.confidence)} sure of the one "
                       "from static.") as beat:
            self.play(step.animate.set_value(STEPS), run_time=max(self.until("the network calls") - 0.2, 1.0),
                      rate_func=linear)
            for g in grids[:2]:
                g.clear_updaters()
            for o in outputs:
                o.mob.clear_updaters()
            self.play(pulse(outputs[0].mob, self.until("from black")))
            self.play(pulse(outputs[1].mob, max(self.until("from static") + 0.6, 0.5)))
        steps_read.mob.clear_updaters()

        mean_out = label(f"output {digit}: {format_number(self.mean_confidence, 3)}", size=22,
                         color=theme.accent).next_to(grids[2], DOWN, buff=0.2)
        step.set_value(STEPS)
        self.shown = {"black": outputs[0].make(), "noise": outputs[1].make(), "mean": mean_out.original_text,
                      "mean_title": mean_title.original_text}
        source = note(f"the average: {count:,} training images, precomputed by `python -m nnlib.questions_asset`; "
                      "the two pictures: measured now on the network in force")
        with self.beat(f"Do they look like {'an' if digit == 8 else 'a'} {digit}? Not at all: blotches and static. "
                       f"Beside them is the average of the {count:,} training {DIGIT_WORDS[digit]}, a soft but clear "
                       f"{digit}, which the network rates at {sure(self.mean_confidence)}. It learned to recognise the digit, "
                       "not to draw it.") as beat:
            self.play(*(pulse(g, self.until("Beside them"), 1.06) for g in grids[:2]))
            blank = np.zeros_like(mean_grid.image.pixel_array)
            full = mean_grid.image.pixel_array.copy()
            blank[..., 3] = full[..., 3]

            def emerge(m, alpha: float) -> None:
                m.image.pixel_array = (blank + alpha * (full.astype(float) - blank)).astype(full.dtype)

            self.play(UpdateFromAlphaFunc(mean_grid, emerge), typewriter(mean_title, 1.5), FadeIn(source),
                      run_time=max(self.until("which the network"), 1.0))
            self.play(typewriter(mean_out, self.until("It learned")))
            self.play(*(pulse(g, max(beat.end - float(self.renderer.time) - 0.5, 0.5), 1.06) for g in grids[:2]))
