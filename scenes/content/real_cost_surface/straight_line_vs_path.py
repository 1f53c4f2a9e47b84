"""The extra part, scene 2: the cost along the straight line from the random start to the trained network, beside
the cost along the path gradient descent actually took (precomputed by ``python -m nnlib.landscape``)."""

from __future__ import annotations

from manim import DOWN, RIGHT, UP, Create, Dot, FadeIn, VGroup, linear

from nnlib.landscape import load_landscape
from scenes.content.base import ExplainerScene
from scenes.content.components import format_number, label
from scenes.content.real_cost_surface.common import cost_axes, first_rise, log_curve, shipped_note

#: A curve draws itself in at most this long; the rest of its beat holds the finished picture, which costs almost
#: nothing to encode (a 1080p60 frame that changes costs about 35 ms of CPU, a held one next to nothing).
CURVE_SECONDS = 5.0


class StraightLineVsPath(ExplainerScene):
    """Two cost curves on log axes: along the straight line (left) and along training's path, real and its shadow on
    the slice (right); then the two lengths.

    Exposes ``landscape``, ``rise_at`` (where the straight line's cost first rises, or None) and ``length_ratio``.
    """

    def construct(self) -> None:
        theme = self.theme
        land = self.landscape = load_landscape()
        heading = self.title("Straight line, or the path taken?")
        low = min(land.interp_costs.min(), land.path_costs.min(), land.path_plane_costs.min())
        high = max(land.interp_costs.max(), land.path_costs.max())
        left = cost_axes(0.0, 1.0, low, high, "fraction of the straight line", [0, 0.5, 1])
        epochs = float(land.path_epochs[-1])
        right = cost_axes(0.0, epochs, low, high, "epochs of training", [0, round(epochs / 2), round(epochs)])
        VGroup(left, right).arrange(RIGHT, buff=1.0).next_to(heading, DOWN, buff=0.5)
        left_title = label("the straight line, start to trained", size=20).next_to(left, UP, buff=0.1)
        right_title = label("the path gradient descent took", size=20).next_to(right, UP, buff=0.1)
        line_curve = log_curve(left, land.interp_t, land.interp_costs, theme.positive, width=4)
        ends = VGroup(Dot(left.c2p(0, land.interp_costs[0]), color=theme.text, radius=0.06),
                      Dot(left.c2p(1, land.interp_costs[-1]), color=theme.text, radius=0.06))
        self.rise_at = rise = first_rise(land)
        verdict = ("it goes downhill all the way, without a single hill to climb" if rise is None else
                   f"it first rises {rise:.0%} of the way along, a bump that training had to get around")
        with self.beat("Here is a question the slice raises. Training started at a random network and ended at the "
                       "trained one. What if we simply walked in a straight line between the two, changing every "
                       "weight and bias in proportion, and measured the cost all the way? On the left is the answer: "
                       f"starting from {format_number(float(land.interp_costs[0]), 2)}, {verdict}, down to "
                       f"{format_number(float(land.interp_costs[-1]), 3)}. The cost axis is logarithmic, so each "
                       "step down the axis is ten times smaller.") as beat:
            self.play(FadeIn(heading), FadeIn(left), FadeIn(left_title), FadeIn(shipped_note()),
                      run_time=min(1.0, beat.share(0.2)))
            self.play(Create(line_curve), FadeIn(ends), run_time=min(CURVE_SECONDS, beat.share(0.4)))

        real = log_curve(right, land.path_epochs, land.path_costs, theme.accent, width=2.5)
        shadow = log_curve(right, land.path_epochs, land.path_plane_costs, theme.dim_text, width=2.5, dashed=True)
        key = VGroup(label("real cost at each checkpoint", size=18, color=theme.accent),
                     label("its shadow on the slice (dashed)", size=18, dim=True)
                     ).arrange(DOWN, buff=0.16).next_to(right, DOWN, buff=0.3)
        with self.beat("On the right is what gradient descent actually did, checkpoint by checkpoint. It does not "
                       "glide along the straight line. Each step follows the slope of one small batch of digits, so "
                       "the path jostles, and the cost it reaches bounces a little while it falls. The dashed curve "
                       "is the height of the path's shadow on the slice of the previous scene.") as beat:
            self.play(FadeIn(right), FadeIn(right_title), run_time=min(1.0, beat.share(0.15)))
            self.play(Create(real), run_time=min(CURVE_SECONDS, beat.share(0.35)), rate_func=linear)
            self.play(Create(shadow), FadeIn(key), run_time=min(1.5, beat.share(0.2)))

        self.length_ratio = ratio = land.path_length / land.straight_distance
        distances = VGroup(
            label(f"straight line: length {format_number(land.straight_distance, 1)} in parameter space", size=18,
                  color=theme.positive),
            label(f"path taken: length {format_number(land.path_length, 1)}, {ratio:.0f} times as long", size=18,
                  color=theme.accent),
        ).arrange(DOWN, buff=0.16).next_to(left, DOWN, buff=0.3)
        with self.beat(f"Both end at the same network. The straight line is {format_number(land.straight_distance, 1)} "
                       f"long, measured in parameter space; the path training took is "
                       f"{format_number(land.path_length, 1)}, about {ratio:.0f} times as long. Gradient descent "
                       "never sees the destination. It only ever knows the slope where it stands, so it zigzags "
                       "its way down, and it still gets there.") as beat:
            self.play(FadeIn(distances), run_time=min(1.0, beat.share(0.3)))
