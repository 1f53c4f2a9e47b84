"""Motion that points at parts of a network diagram while the narration names them: a neuron's incoming wires
glowing, neurons lit one after another, a run of animations spread over the time until a word.

These are processes, not entrances (a glow travels, a count goes neuron by neuron), so the scene base plays them
for the whole time they are given (see :mod:`scenes.content.entrances`).
"""

from __future__ import annotations

import inspect
from typing import Callable, Sequence

import numpy as np
from manim import Animation, AnimationGroup, Circle, Succession, VMobject, config, there_and_back

from scenes.content.components import NetworkDiagram


def wires_of(diagram: NetworkDiagram, lines: Sequence, color: str, width: float = 2.5) -> VMobject:
    """One VMobject drawing ``lines`` (edges of ``diagram``) in ``color``: cheap to animate, one draw a frame."""
    for line in lines:   # put each on its two neurons where the diagram is now (only these: re-anchoring every
        # edge of the diagram, as ``diagram.edges`` does, for each glow was a third of the scene's render time)
        line.put_start_and_end_on(diagram.neuron(line.gap, line.source).get_right(),
                                  diagram.neuron(line.gap + 1, line.target).get_left())
    wires = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=0.0, fill_opacity=0)
    wires.set_points(np.concatenate([line.points for line in lines]))
    return wires


def fan_in_glow(diagram: NetworkDiagram, circle: Circle, color: str, *, run_time: float = 1.0,
                width: float = 2.5) -> Animation:
    """The wires into ``circle`` glow and fade while the neuron's rim brightens and returns: "this neuron listens to
    these inputs"."""
    wires = wires_of(diagram, circle.edges_in, color, width)
    rim = circle.copy().set_fill(opacity=0).set_stroke(color, width=3, opacity=0)
    return AnimationGroup(wires.animate(rate_func=there_and_back, remover=True).set_stroke(opacity=0.9),
                          rim.animate(rate_func=there_and_back, remover=True).set_stroke(opacity=1.0),
                          run_time=run_time)


def spread(scene, make: Sequence[Callable[[float], Animation]] | Sequence[Animation], seconds: float) -> None:
    """Play animations one after another, sharing ``seconds`` evenly (at least one frame each).

    ``make`` holds animations, or functions (``def`` or ``lambda``) of a run time that build one. Give
    ``.animate`` steps of one mobject as functions (``lambda t, i=i: dot.animate.move_to(p[i])``): builders made in
    advance all share the mobject's one ``target``, so every step would go to the last place."""
    if not make:
        return
    each = max(seconds / len(make), 1.0 / config.frame_rate)
    for item in make:
        animation = item(each) if inspect.isfunction(item) else item   # (an .animate builder is callable too)
        scene.play(animation, run_time=each)


def glow_sequence(diagram: NetworkDiagram, circles: Sequence[Circle], color: str, seconds: float,
                  first: Sequence[Animation] = ()) -> Animation:
    """Each neuron of ``circles`` in turn with the wires that feed it (after ``first``, if given), as one animation of
    ``seconds``: one play instead of one per neuron, so the still picture behind it is painted once, not each time."""
    steps = len(first) + len(circles)
    each = max(seconds / max(steps, 1), 1.0 / config.frame_rate)
    return Succession(*first, *(fan_in_glow(diagram, c, color, run_time=each) for c in circles),
                      run_time=each * steps)


def gap_pulse(diagram: NetworkDiagram, gap: int, color: str, width: float = 1.5) -> Animation:
    """A glow over every drawn edge of one gap, like ``NetworkDiagram.edge_pulse``, but with the edges' places read
    once per diagram (``edge_pulse`` puts all edges on their neurons again each time: a sixth of this chapter's
    counting scene's render)."""
    cache = diagram.__dict__.setdefault("_gap_points", {})
    if gap not in cache:   # every gap at once: each look at ``diagram.edges`` re-anchors all of them
        cache.update({g: np.concatenate([line.points for line in lines]) for g, lines in enumerate(diagram.edges)
                      if len(lines)})
    pulse = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=0.0, fill_opacity=0)
    pulse.set_points(cache[gap])
    return pulse.animate(rate_func=there_and_back, remover=True).set_stroke(opacity=0.4)
