"""Motion that points at parts of a network diagram while the narration names them: a neuron's incoming wires
glowing, neurons lit one after another, a run of animations spread over the time until a word.

These are processes, not entrances (a glow travels, a count goes neuron by neuron), so the scene base plays them
for the whole time they are given (see :mod:`scenes.content.entrances`).
"""

from __future__ import annotations

import inspect
from typing import Callable, Sequence

import numpy as np
from manim import Animation, AnimationGroup, Circle, VMobject, config, there_and_back

from scenes.content.components import NetworkDiagram


def wires_of(diagram: NetworkDiagram, lines: Sequence, color: str, width: float = 2.5) -> VMobject:
    """One VMobject drawing ``lines`` (edges of ``diagram``) in ``color``: cheap to animate, one draw a frame."""
    diagram.edges  # re-anchor every Line on its neurons where the diagram is now
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
