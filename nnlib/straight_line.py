"""The cost along the straight line from a random start to the trained network: does it only fall, or is there
a bump that a descent straight across would have to climb?

The real cost surface (:mod:`nnlib.landscape`) stores the cost at evenly spaced points t of the segment
``theta(t) = (1 - t) theta_start + t theta_trained``. :func:`straight_line_profile` reads that curve: how far it falls,
where it is lowest, and its largest climb above the lowest cost met before. A climb counts as a *bump* only when it is
a sizeable share of the fall: floating-point ripples and a rise of a ten-thousandth after a fall of five are not
hills, and the narration must not call them that.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import NNLibError


@dataclass(frozen=True)
class StraightLineProfile:
    """What the cost does along the straight line from the random start (t = 0) to the trained network (t = 1).

    * ``start``, ``end``: the cost at both ends; ``lowest_t``, ``lowest``: where along the line it is lowest.
    * ``fall``: how far it falls from the start to that lowest point.
    * ``climb``: the largest rise anywhere above the lowest cost met so far (0 if it only ever goes down).
    * ``climb_t``: where that largest climb ends (None if there is no climb).
    * ``bump_share``: how large a climb must be, as a share of the fall, to count as a bump a descent would have to
      get around; ``bump_t``: where the first such bump ends, or None.

    A climb of 0.0006 after a fall of 5.04 is a hair, not a bump: measuring climbs against the fall (not against
    zero) is what keeps the narration from calling floating-point ripples hills.
    """

    start: float
    end: float
    lowest_t: float
    lowest: float
    fall: float
    climb: float
    climb_t: float | None
    bump_share: float
    bump_t: float | None

    @property
    def has_bump(self) -> bool:
        return self.bump_t is not None


#: A climb along the straight line counts as a bump when it is at least this share of the line's fall.
BUMP_SHARE = 0.01


def straight_line_profile(t: np.ndarray, costs: np.ndarray, bump_share: float = BUMP_SHARE) -> StraightLineProfile:
    """Describe the cost along the straight line (``interp_t``, ``interp_costs``): its fall, its largest climb and
    the first bump, a climb of at least ``bump_share`` of the fall above the lowest cost reached before it."""
    t, costs = np.asarray(t, dtype=np.float64), np.asarray(costs, dtype=np.float64)
    if t.shape != costs.shape or t.ndim != 1 or len(t) < 2:
        raise NNLibError(f"straight line: need matching 1-D t and costs of 2 or more points, got {t.shape}, {costs.shape}")
    lowest_i = int(np.argmin(costs))
    fall = float(costs[0] - costs[lowest_i])
    climbs = costs - np.minimum.accumulate(costs)          # how far above the lowest cost met so far
    climb_i = int(np.argmax(climbs))
    climb = float(climbs[climb_i])
    bumps = np.flatnonzero(climbs > bump_share * max(fall, 0.0)) if fall > 0 else np.flatnonzero(climbs > 0)
    return StraightLineProfile(start=float(costs[0]), end=float(costs[-1]), lowest_t=float(t[lowest_i]),
                               lowest=float(costs[lowest_i]), fall=fall, climb=climb,
                               climb_t=float(t[climb_i]) if climb > 0 else None, bump_share=float(bump_share),
                               bump_t=float(t[bumps[0]]) if len(bumps) else None)
