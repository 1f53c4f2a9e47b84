"""The extra part, scene 2: the cost along the straight line from the random start to the trained network, beside
the cost along the path gradient descent actually took (precomputed: see the README)."""

from __future__ import annotations

from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Circumscribe, Create, Dot, FadeIn, FadeOut, Indicate, Line, VGroup,
                   linear)

from nnlib.landscape import StraightLineProfile, load_landscape
from scenes.content.base import ExplainerScene
from scenes.content.components import format_number, label, trace
from scenes.content.real_cost_surface.common import cost_axes, log_curve, shipped_note, straight_line

#: A curve draws itself in at most this long; the rest of its beat holds the finished picture, which costs almost
#: nothing to encode (a 1080p60 frame that changes costs about 35 ms of CPU, a held one next to nothing).
CURVE_SECONDS = 5.0


def verdict(profile: StraightLineProfile) -> str:
    """What the narration says the straight line does: a bump only if nnlib counts one (a climb of at least a
    share of the fall), and a climb too small to be a bump said as the hair it is."""
    where = f"{profile.lowest_t:.0%} of the way along"
    if profile.has_bump:
        return (f"It does not simply fall: {profile.bump_t:.0%} of the way along it climbs again, a bump that a "
                "descent along this line would have to get over")
    if profile.climb > 0:
        return (f"It goes downhill almost all the way, to its lowest, {format_number(profile.lowest, 3)}, "
                f"{where}. Over the last stretch it rises by only {format_number(profile.climb, 4)}, far too little "
                "to see")
    return "It goes downhill all the way, without a single hill to climb"


class StraightLineVsPath(ExplainerScene):
    """Two cost curves on log axes: along the straight line (left) and along training's path, real and its shadow on
    the slice (right); then the two lengths, as bars.

    Exposes ``landscape``, ``profile`` (:class:`nnlib.landscape.StraightLineProfile`: the fall, the climb and any
    bump), ``rise_at`` (where a bump ends, or None) and ``length_ratio``.
    """

    def construct(self) -> None:
        theme = self.theme
        land = self.landscape = load_landscape()
        examples = int(land.metadata.get("examples", 0) or 0)
        heading = self.title("Straight line, or the path taken?")
        low = min(land.interp_costs.min(), land.path_costs.min(), land.path_plane_costs.min())
        high = max(land.interp_costs.max(), land.path_costs.max())
        left = cost_axes(0.0, 1.0, low, high, "fraction of the straight line", [0, 0.5, 1])
        epochs = float(land.path_epochs[-1])
        right = cost_axes(0.0, epochs, low, high, "epochs of training", [0, round(epochs / 2), round(epochs)])
        VGroup(left, right).arrange(RIGHT, buff=1.0).next_to(heading, DOWN, buff=1.0)
        left_title = label("the straight line, start to trained", size=24).next_to(left, UP, buff=0.1)
        right_title = label("the path gradient descent took", size=24).next_to(right, UP, buff=0.1)
        line_curve = log_curve(left, land.interp_t, land.interp_costs, theme.positive, width=4)
        ends = VGroup(Dot(left.c2p(0, land.interp_costs[0]), color=theme.text, radius=0.06),
                      Dot(left.c2p(1, land.interp_costs[-1]), color=theme.text, radius=0.06))
        profile = self.profile = straight_line(land)
        self.rise_at = rise = profile.bump_t
        lowest = Dot(left.c2p(profile.lowest_t, profile.lowest), color=theme.accent, radius=0.08)
        lowest_label = label(f"lowest: {format_number(profile.lowest, 3)}", size=24, color=theme.accent)
        lowest_label.next_to(lowest, UP + LEFT, buff=0.1)
        upto = profile.bump_t if rise is not None else profile.lowest_t
        first_part = log_curve(left, land.interp_t[land.interp_t <= upto + 1e-9],
                               land.interp_costs[land.interp_t <= upto + 1e-9], theme.positive, width=4)
        with self.beat("Here is a question the slice raises. Training started at a random network and ended at the "
                       "trained one. What if we simply walked in a <bookmark mark='walk'/>straight line between the "
                       "two, changing every weight and bias in proportion? We measure the average cost on the same "
                       f"{examples:,} training digits all the way. On the left is the "
                       f"<bookmark mark='answer'/>answer, starting from "
                       f"{format_number(float(land.interp_costs[0]), 2)}. <bookmark mark='verdict'/>"
                       f"{verdict(profile)}. The cost axis is <bookmark mark='log'/>logarithmic, so each step down "
                       "the axis is ten times smaller.") as beat:
            self.play(FadeIn(heading), FadeIn(shipped_note()), run_time=min(1.0, self.until("random network")))
            self.on_word("random network", FadeIn(left), run_time=1.5)        # where the answer will be drawn
            self.on_word("trained one", FadeIn(left_title), run_time=1.0)
            # walking the line: a marker slides from the random start (0) to the trained network (1)
            walker = Dot(left.c2p(0, low), color=theme.text, radius=0.07)
            self.on_word("walk", FadeIn(walker, scale=2), run_time=0.5)
            self.play(walker.animate.move_to(left.c2p(1, low)), run_time=max(self.until("proportion"), 1.0))
            self.on_word("average cost", Circumscribe(left, color=theme.accent), run_time=1.5)
            self.wait_until("answer")
            self.play(FadeOut(walker), FadeIn(ends[0], scale=2), run_time=self.until("verdict"))
            # the line is drawn as the narration walks along it: to its lowest point (or its bump), then the rest
            self.play(trace(first_part), run_time=max(self.until("log") * 0.55, 1.0))
            self.play(FadeIn(lowest, scale=2), FadeIn(lowest_label), run_time=1.0)
            self.add(line_curve)
            self.remove(first_part)
            self.play(FadeIn(ends[1], scale=2), run_time=max(self.until("log") - 0.1, 0.5))
            ticks = VGroup(*(m for m in left[1:] if isinstance(m, Line)))
            self.play(Indicate(ticks, color=theme.text, scale_factor=1.6), run_time=2.0)

        real = log_curve(right, land.path_epochs, land.path_costs, theme.accent, width=2.5)
        shadow = log_curve(right, land.path_epochs, land.path_plane_costs, theme.dim_text, width=2.5, dashed=True)
        key = VGroup(label("real cost at each checkpoint", size=24, color=theme.accent),
                     label("its shadow on the slice (dashed)", size=24, dim=True)
                     ).arrange(DOWN, buff=0.16).next_to(right, DOWN, buff=0.3)
        with self.beat("On the right is what gradient descent <bookmark mark='did'/>actually did, checkpoint by "
                       "checkpoint. It does not glide along the straight line. Each step follows the slope of one "
                       "small batch of digits, so the path jostles. The cost it reaches "
                       "<bookmark mark='bounces'/>bounces a little while it falls. The "
                       "<bookmark mark='dashed'/>dashed curve is the height of the path's shadow on the slice of the "
                       "previous scene.") as beat:
            self.play(FadeIn(right), FadeIn(right_title), FadeIn(key[0]), run_time=self.until("did"))
            self.play(trace(real), run_time=self.until("dashed"))
            self.play(trace(shadow), FadeIn(key[1]), run_time=max(self.until("previous"), 1.5))

        self.length_ratio = ratio = land.path_length / land.straight_distance
        unit = 6.0 / max(land.path_length, land.straight_distance)
        straight_bar = Line(ORIGIN, RIGHT * max(land.straight_distance * unit, 0.05), color=theme.positive,
                            stroke_width=10)
        path_bar = Line(ORIGIN, RIGHT * land.path_length * unit, color=theme.accent, stroke_width=10)
        distances = VGroup(
            label(f"straight line: {format_number(land.straight_distance, 1)}", size=24, color=theme.positive),
            label(f"path taken: {format_number(land.path_length, 1)}, {ratio:.0f} times as long", size=24,
                  color=theme.accent),
        )
        bars = VGroup(VGroup(straight_bar, distances[0]), VGroup(path_bar, distances[1]))
        for bar, text in bars:
            text.next_to(bar, RIGHT, buff=0.2) if bar is straight_bar else text.next_to(bar, UP, buff=0.12,
                                                                                         aligned_edge=LEFT)
        bars.arrange(DOWN, aligned_edge=LEFT, buff=0.25).to_edge(DOWN, buff=0.6).to_edge(LEFT, buff=0.9)
        length_name = label("length in parameter space", size=24, dim=True).next_to(bars, UP, buff=0.15,
                                                                                   aligned_edge=LEFT)
        with self.beat("Both end at the same network. The <bookmark mark='straight'/>straight line is "
                       f"{format_number(land.straight_distance, 1)} long, measured in parameter space. The "
                       f"<bookmark mark='path'/>path training took is {format_number(land.path_length, 1)}, about "
                       f"{ratio:.0f} times as long. Gradient descent never sees the destination. It only ever knows "
                       "the slope where it stands, so it <bookmark mark='zig'/>zigzags its way down, and it still "
                       "gets there.") as beat:
            self.play(FadeOut(key), FadeOut(left[-2]), FadeOut(right[-2]), FadeIn(length_name),
                      run_time=self.until("straight"))
            self.play(Create(straight_bar), FadeIn(distances[0]), run_time=min(self.until("path"), 2.0))
            self.wait_until("path")
            self.play(trace(path_bar), run_time=max(self.until("Gradient descent never") , 3.0))
            self.play(FadeIn(distances[1]), run_time=1.0)
            self.wait_until("zig")
            self.play(Indicate(real, color=theme.text, scale_factor=1.02), run_time=2.0)
        self.distances = distances
