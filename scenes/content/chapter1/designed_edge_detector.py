"""Chapter 1, scene 4: a neuron designed by hand to detect one short stroke, and the weighted sum it computes, tried
on real handwritten digits. Only the weighted sum is taught here; the squish and the bias come next
(:mod:`scenes.content.chapter1.sigmoid_squish`), which then finishes this neuron's story with them."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Circle, Circumscribe, Create, Dot, FadeIn, FadeOut, Indicate, Line, Transform,
                   VGroup, VMobject, Write, there_and_back)

from nnlib.assets import load_sample
from nnlib.edge_detector import (best_weighted_sum, detector_response, edge_detector_bias, edge_detector_weights,
                                 split_sum)
from scenes.content.base import ExplainerScene
from scenes.content.components import (PixelGrid, PixelMarker, RunningTotal, WeightHeatmap, format_number, formula,
                                       label, number, sum_steps, term_text)

#: The stroke this neuron is designed to find: upright, right of the image's centre, where a 4 or a 9 has its line.
STROKE = dict(row=14, col=17.5, length=8, angle=90)
#: The bias is minus this fraction of the best weighted sum any image can reach.
BIAS_FRACTION = 0.5
#: Smallest text on screen (DejaVu Sans at 24 has capitals 14.6 px high at 854x480).
SMALL = 24


def about(value: float) -> str:
    """A number as the ear needs it (the screen keeps the precision): 14.945 -> "15", -0.2252 -> "−0.2"."""
    size = abs(value)
    return format_number(value, 0 if size >= 2.5 else 1 if size >= 0.1 else 2)


@dataclass
class EdgeStory:
    """The designed neuron and what it does to the digits the chapter shows, all computed by nnlib.

    ``roles`` maps "highest" (largest weighted sum of the sample), "lowest" (smallest) and "green only" (most ink
    on the stroke, not the winner: what the red band is for) to sample indices; ``sums``, ``on_stroke``,
    ``around``, ``activations`` and ``images`` hold each role's numbers, plus ``"chosen"`` for the video's digit.
    """

    weights: np.ndarray
    bias: float
    best_sum: float
    sample_size: int
    roles: dict[str, int]
    names: dict[str, str]
    images: dict[str, np.ndarray] = field(default_factory=dict)
    sums: dict[str, float] = field(default_factory=dict)
    on_stroke: dict[str, float] = field(default_factory=dict)
    around: dict[str, float] = field(default_factory=dict)
    activations: dict[str, float] = field(default_factory=dict)


def edge_story(chosen: np.ndarray) -> EdgeStory:
    """Build the designed detector and run it on the shipped sample and on ``chosen`` (the scene's digit)."""
    sample = load_sample()
    w = edge_detector_weights(**STROKE)
    b = edge_detector_bias(w, BIAS_FRACTION)
    sums, activations = detector_response(w, b, sample.images)
    on, around = split_sum(w, sample.images)
    winner, loser = int(np.argmax(sums)), int(np.argmin(sums))
    green_only = int(np.argmax(on))
    if green_only == winner:   # the red band changed nothing at the top: show the digit it costs the most
        green_only = int(np.argmin(around))
    roles = {"highest": winner, "lowest": loser, "green only": green_only}
    story = EdgeStory(w, b, best_weighted_sum(w), len(sample.images), roles,
                      {role: str(int(sample.labels[i])) for role, i in roles.items()})
    for role, i in roles.items():
        story.images[role] = sample.images[i]
        story.sums[role], story.activations[role] = float(sums[i]), float(activations[i])
        story.on_stroke[role], story.around[role] = float(on[i]), float(around[i])
    (c_sum,), (c_act,) = detector_response(w, b, chosen)
    (c_on,), (c_around,) = split_sum(w, chosen)
    story.images["chosen"] = np.asarray(chosen, dtype=np.float64).ravel()
    story.sums["chosen"], story.activations["chosen"] = float(c_sum), float(c_act)
    story.on_stroke["chosen"], story.around["chosen"] = float(c_on), float(c_around)
    return story


class DesignedEdgeDetector(ExplainerScene):
    """A weight pattern designed by hand (not learned): +1 on a short upright stroke, a balanced negative band
    around it. The weighted sum taught term by term on a real digit, then the sums of the sample digit it scores
    highest, the one it scores lowest, the one the green weights alone would have ranked first, and a smudge.

    Exposes ``weights`` (784), ``bias``, ``best_sum``, ``digits_used`` (role -> index in the sample), ``sums``,
    ``on_stroke``, ``around`` and ``activations`` (role -> number, also for ``"chosen"``), ``steps`` (the term-by-term
    sum shown), ``designed_note``, ``running`` (the running total) and ``sum_line`` (the closing number line's dots).
    """

    def construct(self) -> None:
        theme = self.theme
        story = self.story = edge_story(self.digit.image)
        w, b = self.weights, self.bias = story.weights, story.bias
        self.best_sum, self.digits_used = story.best_sum, story.roles
        self.sums, self.on_stroke, self.around = story.sums, story.on_stroke, story.around
        self.activations = story.activations
        name = story.names
        negative = float(w.min())

        # ---------------------------------------------------------------- one neuron, 784 weights
        heading = self.title("How could one neuron detect an edge?")
        grid = PixelGrid(np.zeros(784), height=4.4).move_to([-3.0, -0.35, 0])
        neuron = Circle(radius=0.55, stroke_color=theme.neuron_stroke, stroke_width=3).move_to([4.0, -0.35, 0])
        fan = VMobject(stroke_color=theme.dim_text, stroke_width=0.6, stroke_opacity=0.35)
        for r in range(28):
            for c in range(28):
                fan.start_new_path(grid.pixel_center(r, c))
                fan.add_line_to(neuron.get_left())
        per_pixel = label("784 weights, one per pixel: 28 × 28", size=SMALL, dim=True).next_to(grid, DOWN, buff=0.2)
        with self.beat("Take one neuron of the first hidden layer. <bookmark mark='fan'/>It listens to all 784 "
                       "input neurons, one per pixel. <bookmark mark='w'/>Each connection carries a number, its "
                       "weight. With one weight per pixel, <bookmark mark='pic'/>the weights form a picture of "
                       "their own, 28 by 28."):
            self.play(FadeIn(heading), FadeIn(grid), FadeIn(neuron), run_time=self.until("fan"))
            self.play(Create(fan), run_time=self.until("w"))
            self.play(fan.animate(rate_func=there_and_back).set_stroke(color=theme.accent, opacity=0.9),
                      run_time=self.until("pic"))
            self.play(fan.animate.set_stroke(opacity=0.0), neuron.animate.scale(0.6).next_to(grid, RIGHT, buff=0.6),
                      FadeIn(per_pixel), run_time=self.until("pic") + 2.0)
        self.remove(fan)

        # ---------------------------------------------------------------- the design
        heat = WeightHeatmap(w, height=4.4).move_to(grid)
        stroke_only = WeightHeatmap(np.maximum(w, 0), height=4.4, scale=1.0).move_to(grid)
        designed = self.designed_note = label("designed by hand, not learned", size=SMALL, color=theme.accent)
        designed.to_edge(LEFT, buff=0.45).shift(3.5 * DOWN)
        generic = VGroup(label("green: a positive weight", size=SMALL, color=theme.positive),
                         label("red: a negative weight", size=SMALL, color=theme.negative),
                         label("black: zero", size=SMALL, dim=True)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        generic.next_to(grid, RIGHT, buff=0.5).shift(0.2 * UP)
        legend = VGroup(label(f"{format_number(1, 0, signed=True)} on a short stroke", size=SMALL,
                              color=theme.positive),
                        label(f"{format_number(negative, 2)} around it", size=SMALL, color=theme.negative),
                        label("0 elsewhere", size=SMALL, dim=True)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        left_x, mid_x, right_x, row_y, side = -5.3, -2.05, 1.2, 0.3, 2.7
        legend.move_to([left_x, -2.45, 0]).to_edge(LEFT, buff=0.45)
        for line, target in zip(generic, legend):
            target.align_to(generic, LEFT).match_y(line)
        with self.beat("Green will mean a positive weight, red a negative one, and black zero. "
                       "<bookmark mark='design'/>Let's set the weights by hand instead of learning them. "
                       f"<bookmark mark='plus'/>Plus 1 on a short upright stroke. <bookmark mark='minus'/>About "
                       f"{format_number(negative, 1)} on a band around it, so that all the weights add up to zero. "
                       "<bookmark mark='zero'/>Zero everywhere else: this neuron ignores the rest of the image."):
            self.play(FadeOut(neuron), FadeOut(per_pixel),
                      *(FadeIn(line, shift=0.2 * RIGHT) for line in generic), run_time=self.until("design"))
            self.play(FadeIn(designed), run_time=self.until("plus"))
            self.play(FadeIn(stroke_only), Transform(generic[0], legend[0]), run_time=self.until("minus"))
            self.play(FadeIn(heat), Transform(generic[1], legend[1]), run_time=self.until("zero"))
            self.remove(stroke_only, grid)
            self.play(Transform(generic[2], legend[2]), run_time=1.0)
            legend_final = legend.copy().move_to([left_x, -2.45, 0]).to_edge(LEFT, buff=0.45)
            self.play(heat.animate.scale(side / 4.4).move_to([left_x, row_y, 0]),
                      generic.animate.move_to(legend_final), run_time=self.until("zero") + 2.2)
        legend = generic

        # ---------------------------------------------------------------- the weighted sum, term by term
        law = formula("w_1 a_1 + w_2 a_2 + dots.c + w_784 a_784", size=46).move_to([-0.4, 2.55, 0])
        first = story.images["highest"]
        digit = PixelGrid(first, height=side).move_to([mid_x, row_y, 0])
        product = WeightHeatmap(w * first, height=side, scale=1.0).move_to([right_x, row_y, 0])
        ops = VGroup(label("×", size=40, dim=True).move_to([(left_x + mid_x) / 2, row_y, 0]),
                     label("=", size=40, dim=True).move_to([(mid_x + right_x) / 2, row_y, 0]))
        captions = VGroup(label("weights w", size=SMALL, dim=True), label("pixels a", size=SMALL, dim=True),
                          label("w × a", size=SMALL, dim=True))
        for cap, x in zip(captions, (left_x, mid_x, right_x)):
            cap.move_to([x, row_y - side / 2 - 0.3, 0])
        image = first.ravel()
        green_pick = int(np.argmax(np.where(w > 0, image, -1)))
        red_pick = int(np.argmax(np.where(w < 0, image, -1)))
        black_pick = int(np.argmax(np.where(w == 0, image, -1)))
        steps = self.steps = sum_steps(w, image, first=[green_pick, red_pick, black_pick], groups=6)
        marker = PixelMarker([heat, digit, product], green_pick)
        term = label(term_text(w[green_pick], image[green_pick]), size=26).move_to([-0.4, -1.95, 0])
        running = self.running = RunningTotal("sum so far", steps[0].total, size=26).move_to([-0.4, -2.65, 0])
        shown_so_far = np.zeros(784)

        def partial_product() -> WeightHeatmap:
            return WeightHeatmap(w * image * shown_so_far, height=side, scale=1.0).move_to(product)

        filled = partial_product()
        with self.beat("A neuron computes a weighted sum of its inputs. <bookmark mark='take'/>Take a pixel's "
                       "brightness and multiply it by its weight. <bookmark mark='green'/>Ink on a green pixel adds "
                       "to the sum. <bookmark mark='red'/>Ink on a red pixel takes away. <bookmark mark='black'/>Ink "
                       "on a black pixel adds nothing. <bookmark mark='all'/>Do that for all 784 pixels, and add up "
                       "the products."):
            self.play(Write(law), run_time=self.until("take"))
            self.play(FadeIn(digit), FadeIn(ops), FadeIn(captions), FadeIn(filled), run_time=self.until("green"))
            for k, (mark, until) in enumerate((("green", "red"), ("red", "black"), ("black", "all"))):
                i = steps[k].indices[0]
                shown_so_far[i] = 1.0
                new_term = label(term_text(w[i], image[i]), size=26).move_to(term)
                new_fill = partial_product()
                moves = [marker.visit(i, run_time=0.8) if k else FadeIn(marker, run_time=0.8)]
                self.play(*moves, Transform(term, new_term) if k else FadeIn(term), run_time=0.8)
                self.play(Transform(filled, new_fill), running.to(steps[k].total) if k else FadeIn(running),
                          run_time=0.6)
                self.wait_until(until)
            self.play(FadeOut(marker), FadeOut(term), run_time=0.5)
            for step in steps[3:]:
                shown_so_far[list(step.indices)] = 1.0
                self.play(Transform(filled, partial_product()), running.to(step.total), run_time=0.8)

        # ---------------------------------------------------------------- real digits
        column_x = 3.05
        header = label(f"a {name['highest']}: largest sum of {story.sample_size}", size=SMALL, dim=True)
        green_line = VGroup(label("green:", size=26, color=theme.positive),
                            number(self.on_stroke["highest"], 2, size=28, color=theme.positive, signed=True))
        red_line = VGroup(label("red:", size=26, color=theme.negative),
                          number(self.around["highest"], 2, size=28, color=theme.negative))
        for line in (green_line, red_line):
            line.arrange(RIGHT, buff=0.2)
        header.move_to([column_x, 1.45, 0], aligned_edge=LEFT)
        green_line.move_to([column_x, 0.75, 0], aligned_edge=LEFT)
        red_line.move_to([column_x, 0.1, 0], aligned_edge=LEFT)
        total_target = running.copy()
        total_target.caption.become(label("sum", size=26).move_to(total_target.caption, aligned_edge=LEFT))
        sum_caption = label("sum:", size=26)

        def show_number(line: VGroup, value: float, signed: bool = False) -> Transform:
            new = number(value, 2, size=28, color=line[1].color, signed=signed).move_to(line[1], aligned_edge=LEFT)
            animation = Transform(line[1], new)
            line[1].value = float(value)
            return animation

        with self.beat(f"This {name['highest']} is one of our {story.sample_size} sample digits, and its sum is "
                       "the largest of them all. <bookmark mark='green'/>Its ink on the green stroke collects "
                       f"about {about(self.on_stroke['highest'])}. <bookmark mark='red'/>The red band takes away "
                       f"about {about(-self.around['highest'])}. <bookmark mark='sum'/>That leaves about "
                       f"{about(self.sums['highest'])}."):
            sum_caption.move_to([column_x, -0.6, 0], aligned_edge=LEFT)
            self.play(FadeIn(header), Transform(running.caption, sum_caption),
                      running.number.animate.next_to(sum_caption, RIGHT, buff=0.2),
                      run_time=self.until("green"))
            self.play(FadeIn(green_line), run_time=1.0)
            self.play(Indicate(green_line, color=theme.positive), run_time=self.until("red"))
            self.play(FadeIn(red_line), run_time=1.0)
            self.play(Indicate(red_line, color=theme.negative), run_time=self.until("sum"))
            self.play(Indicate(running.number, color=theme.accent), run_time=2.0)

        def swap_digit(role: str, run_time: float) -> list:
            new_digit = PixelGrid(story.images[role], height=side).move_to(digit)
            new_product = WeightHeatmap(w * story.images[role], height=side, scale=1.0).move_to(product)
            new_header = label(header_text[role], size=SMALL, dim=True).move_to(header, aligned_edge=LEFT)
            return [Transform(digit, new_digit), Transform(filled, new_product), Transform(header, new_header)]

        header_text = {"lowest": f"a {name['lowest']}: the smallest sum",
                       "green only": f"a {name['green only']}: the most green ink",
                       "smudge": "a smudge of ink"}
        with self.beat(f"This {name['lowest']} gets the smallest sum. <bookmark mark='band'/>Near the stroke, its "
                       "ink lies on the red band, not on the green. <bookmark mark='sum'/>Its sum is about "
                       f"{about(self.sums['lowest'])}. Same weights, different ink, a very different number."):
            self.play(*swap_digit("lowest", 1.5), run_time=1.5)
            self.wait_until("band")
            self.play(show_number(green_line, self.on_stroke["lowest"], True),
                      show_number(red_line, self.around["lowest"]), run_time=1.5)
            self.play(Indicate(red_line, color=theme.negative), run_time=self.until("sum"))
            self.play(running.to(self.sums["lowest"], run_time=1.0))
            self.play(Circumscribe(digit, color=theme.accent), Circumscribe(filled, color=theme.accent),
                      run_time=2.5)

        with self.beat("Why the red band? <bookmark mark='without'/>Without it, any image with ink in the right "
                       f"place would score high. <bookmark mark='this'/>This {name['green only']} puts more ink on "
                       f"the green stroke than the {name['highest']} did: about "
                       f"{about(self.on_stroke['green only'])}. <bookmark mark='but'/>But its ink fills the band "
                       f"too, which takes away about {about(-self.around['green only'])}. <bookmark mark='left'/>"
                       f"That leaves about {about(self.sums['green only'])}."):
            stroke_only.scale(side / 4.4).move_to(heat)
            self.add(stroke_only)
            self.bring_to_front(heat)
            self.play(FadeOut(heat), run_time=self.until("this"))   # the band gone: only the stroke is left
            self.play(*swap_digit("green only", 1.5), show_number(green_line, self.on_stroke["green only"], True),
                      show_number(red_line, 0.0), running.to(self.on_stroke["green only"]), run_time=1.5)
            self.play(Indicate(green_line, color=theme.positive), run_time=self.until("but"))
            self.play(FadeIn(heat), show_number(red_line, self.around["green only"]), run_time=1.5)
            self.remove(stroke_only)
            self.play(Indicate(red_line, color=theme.negative), run_time=self.until("left"))
            self.play(running.to(self.sums["green only"], run_time=1.0))

        patch = (w != 0).astype(float)
        self.smudge_sum = float(w @ patch)
        with self.beat("A smudge of ink over the whole patch <bookmark mark='green'/>fills every green pixel, "
                       f"gaining {about(self.best_sum)}, <bookmark mark='red'/>and every red pixel, losing exactly "
                       f"as much. <bookmark mark='zero'/>Its sum is zero. The red surround is what tells a stroke "
                       "from a blob."):
            new_digit = PixelGrid(patch, height=side).move_to(digit)
            new_header = label(header_text["smudge"], size=SMALL, dim=True).move_to(header, aligned_edge=LEFT)
            self.play(Transform(digit, new_digit), Transform(header, new_header), run_time=self.until("green"))
            self.play(Transform(filled, WeightHeatmap(np.maximum(w, 0) * patch, height=side, scale=1.0)
                                .move_to(product)),
                      show_number(green_line, self.best_sum, True), run_time=self.until("red"))
            self.play(Transform(filled, WeightHeatmap(w * patch, height=side, scale=1.0).move_to(product)),
                      show_number(red_line, -self.best_sum), run_time=self.until("zero"))
            self.play(running.to(self.smudge_sum, run_time=1.0))
            self.play(Indicate(running.number, color=theme.accent), run_time=2.0)

        # ---------------------------------------------------------------- every sum on one line
        roles = ["lowest", "green only", "highest"]
        lo, hi, x0, x1 = -10.0, 15.0, -5.6, 6.4
        line = Line([x0, -0.7, 0], [x1, -0.7, 0], color=theme.dim_text, stroke_width=2)

        def x_of(z: float) -> float:
            return x0 + (z - lo) / (hi - lo) * (x1 - x0)

        ticks = VGroup(*(number(z, 0, size=SMALL, color=theme.dim_text).move_to([x_of(z), -1.15, 0])
                         for z in (-10, -5, 0, 5, 10, 15)))
        sums_name = label("weighted sums: any number", size=SMALL, dim=True).move_to([x_of(2.5), -1.7, 0])
        dots, thumbs, values = VGroup(), [], VGroup()
        for role in roles:
            z = self.sums[role]
            dots.add(Dot([x_of(z), -0.7, 0], radius=0.11, color=theme.accent))
            thumbs.append(PixelGrid(story.images[role], height=1.5).move_to([x_of(z), 1.0, 0]))
            values.add(number(z, 2, size=26, color=theme.accent).move_to([x_of(z), -0.2, 0]))
        self.sum_line = dots
        unit = Line([x0, -2.75, 0], [x1, -2.75, 0], color=theme.accent, stroke_width=5)
        unit_marks = VGroup(number(0, 0, size=SMALL, color=theme.accent).next_to(unit.get_start(), DOWN, buff=0.2),
                            number(1, 0, size=SMALL, color=theme.accent).next_to(unit.get_end(), DOWN, buff=0.2),
                            label("activations: between 0 and 1", size=SMALL, color=theme.accent)
                            .next_to(unit, DOWN, buff=0.2))
        with self.beat("So the weights alone decide which pattern a neuron looks for. <bookmark mark='any'/>But a "
                       f"weighted sum can be any number: about {about(self.sums['highest'])} for the "
                       f"{name['highest']}, <bookmark mark='neg'/>about {about(self.sums['lowest'])} for the "
                       f"{name['lowest']}. <bookmark mark='act'/>An activation must lie between 0 and 1. The next "
                       "step squishes the sum into that range."):
            self.play(FadeOut(VGroup(law, ops, captions, header, green_line, red_line, running)), FadeOut(digit),
                      FadeOut(filled), FadeOut(heat),
                      designed.animate.move_to([0.0, 2.55, 0]),
                      legend.animate.scale(0.0001).set_opacity(0), run_time=2.0)
            self.remove(legend)
            self.play(Create(line), FadeIn(ticks), FadeIn(sums_name), run_time=self.until("any"))
            for role, until in (("highest", "neg"), ("lowest", "act"), ("green only", None)):
                k = roles.index(role)
                self.play(FadeIn(thumbs[k], shift=0.3 * DOWN), FadeIn(dots[k], scale=3), FadeIn(values[k]),
                          run_time=min(self.until(until), 2.5) if until else 1.5)
                if until:
                    self.wait_until(until)
            self.play(Create(unit), FadeIn(unit_marks), run_time=2.0)
            self.play(*(Indicate(dot, color=theme.text, scale_factor=1.8) for dot in dots), run_time=2.0)
