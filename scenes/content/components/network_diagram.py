"""The network drawn as layers of neurons joined by edges -- with the real weights and activations.

:class:`NetworkDiagram` draws any ``Network``: one column of circles per layer. A big layer (more than
``2 * max_shown`` neurons, like the 784 inputs) shows its first ``max_shown`` and last ``max_shown`` neurons around a
vertical ellipsis, with a brace giving the true count. Every shown neuron *is* a real neuron: ``shown_indices[l]``
says which one, so a neuron's brightness is that neuron's activation and an edge is that connection's weight.

For the input layer of a 28 x 28 image the shown neurons are real pixels down the image's central column (top to
bottom, in index order), so when a digit is fed in, the input column lights where the digit has ink there.

Edges are coloured by the weight's sign (the theme's ``edge_positive`` / ``edge_negative``), and grow wider and
more opaque with ``|w|`` (relative to the largest shown weight between the same two layers).

Speed: 672 separate lines cost manim about as much per frame as 784 squares, so what is *drawn* is
``edge_bundles``: the edges of each gap grouped by sign and by ``|w|`` rounded to one of ``EDGE_LEVELS`` steps, each
group one VMobject whose sub-paths are its lines (a few dozen mobjects in all). The exact per-edge ``Line`` objects
are kept in ``edges`` (and on each neuron) for scenes that single some out. Edges stay static while activations
animate, so manim draws them once as background; the feed-forward animation redraws only the neurons of the layer
being lit and one "pulse" mobject per gap.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import (DOWN, LEFT, RIGHT, AnimationGroup, Brace, Circle, Dot, Line, Succession,
                   SurroundingRectangle, VGroup, VMobject, smooth, squish_rate_func, there_and_back)
from manim.animation.animation import Animation

from .theme import Theme, current_theme, label

#: how many steps of |w| the drawn edge widths and opacities use (the colour, i.e. the sign, is always exact)
EDGE_LEVELS = 12


class EdgeList(list):
    """A neuron's list of edges, shared (not duplicated) when manim copies the neuron for an animation."""

    def __deepcopy__(self, memo) -> "EdgeList":
        return self


def default_shown(size: int, max_shown: int, is_input: bool) -> list[int]:
    """Which neurons of a layer to draw: all of a small layer; of a big one ``max_shown`` at each end.

    For a square-image input layer (784 = 28 x 28) the "ends" are the top and bottom halves of the image's central
    column, so the drawn input neurons are pixels a digit actually touches rather than the always-blank corners.
    """
    if size <= 2 * max_shown:
        return list(range(size))
    side = int(round(np.sqrt(size)))
    if is_input and side * side == size:
        rows = np.rint(np.linspace(side * 0.15, side * 0.85, 2 * max_shown)).astype(int)
        return [int(r) * side + side // 2 for r in rows]
    return list(range(max_shown)) + list(range(size - max_shown, size))


class NetworkDiagram(VGroup):
    """Layers of neurons (circles) and edges (lines) for ``net``, fitted to ``height`` scene units.

    Attributes a scene uses:

    * ``neurons[l]`` -- VGroup of the shown circles of layer ``l``; each circle has ``layer``, ``index`` (the real
      neuron number), ``activation``, ``edges_in`` and ``edges_out`` (lists of its Lines);
    * ``edges[g]`` -- VGroup of the Lines between layer ``g`` and ``g + 1`` (each with ``weight``, ``source``,
      ``target`` set to real neuron numbers), not drawn by the diagram itself: animate or add some to single them out;
    * ``edge_bundles[g]`` -- what is drawn for those edges: few VMobjects, each all the lines of one sign and one
      |w| step;
    * ``shown_indices[l]`` -- the real neuron numbers drawn in layer ``l``;
    * ``ellipses`` / ``braces`` -- the dots and the count labels of big layers;
    * ``output_labels`` -- the digits 0-9 beside the output layer;
    * ``activations`` -- the activation vectors last set (None before).

    ``spread`` > 1 lets a layer with fewer neurons than the tallest space them further apart (the output layer's
    ten, beside their labels 0-9), up to ``spread`` times the common spacing and never beyond ``height``.
    """

    def __init__(self, net, max_shown: int = 8, height: float = 6.0, *, layer_spacing: float = 2.4,
                 input_pixels: Sequence[int] | None = None, show_edges: bool = True,
                 output_names: Sequence[str] | None = None, theme: Theme | None = None, spread: float = 1.0,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.net = net
        self.theme = theme = theme or current_theme()
        sizes = list(net.sizes)
        self.shown_indices = [
            list(input_pixels) if (l == 0 and input_pixels is not None) else default_shown(n, max_shown, l == 0)
            for l, n in enumerate(sizes)
        ]
        slots = max(len(s) + (1 if len(s) < n else 0) for s, n in zip(self.shown_indices, sizes))
        spacing = height / slots
        radius = spacing * 0.36
        self.radius = radius

        self.neurons = VGroup()
        self.ellipses = VGroup()
        self.braces = VGroup()
        for l, (n, shown) in enumerate(zip(sizes, self.shown_indices)):
            column = VGroup()
            collapsed = len(shown) < n
            count = len(shown) + (1 if collapsed else 0)
            # a short layer may spread its neurons apart (``spread`` times the common spacing at most, within
            # ``height``), so the ten output labels are not crammed
            gap = min(spacing * spread, height / count) if spread > 1 else spacing
            ys = (np.arange(count)[::-1] - (count - 1) / 2) * max(gap, spacing)
            x = (l - (len(sizes) - 1) / 2) * layer_spacing
            slot_ys = list(ys)
            if collapsed:  # the middle slot holds the ellipsis
                mid = len(shown) // 2
                dots = VGroup(*(Dot(radius=radius * 0.16, color=theme.text) for _ in range(3)))
                dots.arrange(DOWN, buff=radius * 0.22).move_to([x, slot_ys.pop(mid), 0])
                self.ellipses.add(dots)
            for index, y in zip(shown, slot_ys):
                circle = Circle(radius=radius, stroke_color=theme.neuron_stroke, stroke_width=1.5,
                                fill_color=theme.ink, fill_opacity=0.0).move_to([x, y, 0])
                circle.layer, circle.index, circle.activation = l, index, 0.0
                circle.edges_in, circle.edges_out = EdgeList(), EdgeList()
                column.add(circle)
            self.neurons.add(column)
            if collapsed:
                brace = Brace(column, LEFT, buff=0.12, color=theme.dim_text)
                count_text = label(f"{n:,}", size=theme.small_size, color=theme.text, theme=theme)
                count_text.next_to(brace, LEFT, buff=0.1)
                self.braces.add(VGroup(brace, count_text))

        self._edges = VGroup()
        self.edge_bundles = VGroup()
        for g, w in enumerate(net.weights):
            lines = self._edges_between(g, np.asarray(w)) if show_edges else VGroup()
            self._edges.add(lines)
            self.edge_bundles.add(self._bundle(lines))

        names = output_names if output_names is not None else [str(i) for i in range(sizes[-1])]
        self.output_labels = VGroup()
        for circle in self.neurons[-1]:
            text = label(names[circle.index], size=theme.label_size * 0.8, theme=theme)
            self.output_labels.add(text.next_to(circle, RIGHT, buff=radius * 0.8))

        self.activations: list[np.ndarray] | None = None
        self.answer_box: VMobject | None = None
        self.add(self.edge_bundles, self.neurons, self.ellipses, self.braces, self.output_labels)

    # ---------------------------------------------------------------- construction helpers
    @property
    def edges(self) -> VGroup:
        """Per gap, the exact Line of every drawn edge, put where its two neurons are now.

        The Lines are not part of the diagram's family (the bundles are what is drawn), so they would not follow a
        ``shift`` or ``scale`` of the diagram by themselves: every access re-anchors them on their neurons.
        """
        for g, lines in enumerate(self._edges):
            sources = {c.index: c for c in self.neurons[g]}
            targets = {c.index: c for c in self.neurons[g + 1]}
            for line in lines:
                line.put_start_and_end_on(sources[line.source].get_right(), targets[line.target].get_left())
        return self._edges

    @staticmethod
    def edge_style(t: float) -> dict:
        """Stroke width and opacity of an edge whose |w| is the fraction ``t`` of the gap's largest."""
        return {"stroke_width": 0.3 + 2.7 * t, "stroke_opacity": 0.12 + 0.78 * t}

    def _edges_between(self, g: int, w: np.ndarray) -> VGroup:
        """Lines from every shown neuron of layer g to every shown neuron of layer g+1, styled by the real weight."""
        theme = self.theme
        shown_w = w[np.ix_(self.shown_indices[g + 1], self.shown_indices[g])]
        top = float(np.abs(shown_w).max()) or 1.0
        lines = VGroup()
        for target in self.neurons[g + 1]:
            for source in self.neurons[g]:
                weight = float(w[target.index, source.index])
                line = Line(source.get_right(), target.get_left(), buff=0,
                            stroke_color=theme.edge_positive if weight >= 0 else theme.edge_negative,
                            **self.edge_style(abs(weight) / top))
                line.weight, line.source, line.target = weight, source.index, target.index
                line.gap = g
                line.level = int(round(abs(weight) / top * EDGE_LEVELS))
                source.edges_out.append(line)
                target.edges_in.append(line)
                lines.add(line)
        return lines

    def _bundle(self, lines: VGroup) -> VGroup:
        """The lines of one gap drawn as one VMobject per (sign, |w| step): same look, a tenth of the mobjects."""
        buckets: dict[tuple[bool, int], list[np.ndarray]] = {}
        for line in lines:
            buckets.setdefault((line.weight >= 0, line.level), []).append(line.points)
        bundles = VGroup()
        for (positive, level), points in sorted(buckets.items()):
            bundle = VMobject(stroke_color=self.theme.edge_positive if positive else self.theme.edge_negative,
                              fill_opacity=0, **self.edge_style(level / EDGE_LEVELS))
            bundle.set_points(np.concatenate(points))
            bundle.positive, bundle.level = positive, level
            bundles.add(bundle)
        return bundles

    def neuron(self, layer: int, index: int) -> Circle:
        """The circle drawn for real neuron ``index`` of ``layer`` (KeyError if it is hidden in the ellipsis)."""
        for circle in self.neurons[layer]:
            if circle.index == index:
                return circle
        raise KeyError(f"neuron {index} of layer {layer} is not drawn")

    # ---------------------------------------------------------------- activations
    def activations_for(self, image: np.ndarray) -> list[np.ndarray]:
        """Every layer's activations for one input, computed by the network (layer 0 is the input itself)."""
        return [a[0] for a in self.net.forward_pass(np.asarray(image, dtype=np.float64).ravel()).activations]

    def set_activations(self, activations: Sequence[np.ndarray]) -> "NetworkDiagram":
        """Fill each shown neuron as brightly as its activation (a list of per-layer vectors); no animation."""
        self.activations = [np.asarray(a, dtype=np.float64).ravel() for a in activations]
        for column, values in zip(self.neurons, self.activations):
            for circle in column:
                circle.activation = float(values[circle.index])
                circle.set_fill(opacity=float(np.clip(circle.activation, 0, 1)))
        return self

    def light_layer(self, layer: int, values: np.ndarray, run_time: float = 0.8) -> Animation:
        """Animate layer ``layer``'s neurons to ``values`` (a full activation vector), with a pulse along the edges
        that feed it."""
        values = np.asarray(values, dtype=np.float64).ravel()
        fills = []
        for circle in self.neurons[layer]:
            circle.activation = float(values[circle.index])
            fills.append(circle.animate.set_fill(opacity=float(np.clip(circle.activation, 0, 1))))
        if layer == 0 or not len(self._edges[layer - 1]):
            return AnimationGroup(*fills, run_time=run_time)
        # the signal runs along the wires first, and the layer lights as it arrives
        return AnimationGroup(self.edge_pulse(layer - 1, rate_func=squish_rate_func(there_and_back, 0.0, 0.6)),
                              AnimationGroup(*fills, rate_func=squish_rate_func(smooth, 0.3, 1.0)),
                              run_time=run_time)

    def edge_pulse(self, gap: int, rate_func=there_and_back) -> Animation:
        """A brief glow over all edges of one gap, drawn as a single VMobject (one draw per frame, not hundreds)."""
        pulse = VMobject(stroke_color=self.theme.accent, stroke_width=1.5, stroke_opacity=0.0, fill_opacity=0)
        pulse.set_points(np.concatenate([line.points for line in self.edges[gap]]))
        return pulse.animate(rate_func=rate_func, remover=True).set_stroke(opacity=0.4)

    def feed_forward(self, image: np.ndarray, run_time_per_layer: float = 0.8) -> Animation:
        """The animation of one input going through the network: the input lights, then each layer in turn.

        The activations come from ``net.forward_pass``; afterwards ``activations`` holds them and ``prediction`` is
        the network's answer (the brightest output neuron).
        """
        activations = self.activations_for(image)
        steps = [self.light_layer(l, a, run_time_per_layer) for l, a in enumerate(activations)]
        self.activations = activations
        self.prediction = int(np.argmax(activations[-1]))
        return Succession(*steps)

    def clear_activations(self) -> "NetworkDiagram":
        """Every neuron dark again."""
        for column in self.neurons:
            for circle in column:
                circle.activation = 0.0
                circle.set_fill(opacity=0.0)
        self.activations = None
        return self

    # ---------------------------------------------------------------- the answer
    def mark_answer(self, digit: int | None = None) -> VMobject:
        """A box around the output neuron ``digit`` and its label (default: the brightest output neuron).

        Returns the box (not yet added: ``self.play(Create(diagram.mark_answer()))``); ``answer`` holds the digit.
        """
        if digit is None:
            if self.activations is None:
                raise ValueError("no activations set: feed an input forward first or pass the digit")
            digit = int(np.argmax(self.activations[-1]))
        self.answer = int(digit)
        circle = self.neuron(len(self.neurons) - 1, self.answer)
        position = list(self.neurons[-1]).index(circle)
        box = SurroundingRectangle(VGroup(circle, self.output_labels[position]), color=self.theme.accent,
                                   buff=self.radius * 0.35, stroke_width=3, corner_radius=0.08)
        self.answer_box = box
        return box
