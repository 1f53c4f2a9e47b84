"""Drawing a curve of data as the narration walks along it: a process that keeps the whole time it is given.

Manim's ``Create`` counts as an entrance, and the scene base moves an entrance for at most three seconds
(:mod:`scenes.content.entrances`): right for a shape appearing, wrong for a training curve whose epochs are being
told one after another. :func:`trace` draws a curve from its first point to its last over its whole run time, so
the pen reaches each point when the narration does.

>>> self.play(trace(cost_curve), run_time=self.until("after 30 epochs"))      # doctest: +SKIP
"""

from __future__ import annotations

from manim import Animation, UpdateFromAlphaFunc, VMobject, linear


def trace(curve: VMobject, **kwargs) -> Animation:
    """An animation drawing ``curve`` from its start, ``alpha`` of it at time ``alpha`` (linear unless told).

    A dashed curve (a group of dashes) shows its dashes in order; a plain curve grows point by point."""
    kwargs.setdefault("rate_func", linear)
    dashes = [part for part in curve.submobjects if part.has_points()]
    if dashes and not curve.has_points():
        widths = [d.get_stroke_width() for d in dashes]

        def reveal(mob: VMobject, alpha: float) -> None:
            shown = alpha * len(dashes)
            for k, (dash, width) in enumerate(zip(dashes, widths)):
                dash.set_stroke(width=width if k < shown else 0.0)

        return UpdateFromAlphaFunc(curve, reveal, **kwargs)

    full = curve.copy()

    def grow(mob: VMobject, alpha: float) -> None:
        mob.pointwise_become_partial(full, 0.0, max(alpha, 1e-6))

    return UpdateFromAlphaFunc(curve, grow, **kwargs)


__all__ = ["trace"]
