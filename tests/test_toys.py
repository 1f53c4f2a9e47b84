"""The toy landscapes of chapter 2: their slopes are right and descent behaves as the video says."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.errors import NNLibError
from nnlib.toys import (THREE_TO_ONE, TWO_VALLEY_SURFACE, VALLEY_CURVE, descend_1d, descend_2d,
                        local_minima_1d)


def test_curve_slope_matches_finite_differences():
    xs = np.linspace(*VALLEY_CURVE.x_range, 57)
    h = 1e-6
    numeric = (VALLEY_CURVE.value(xs + h) - VALLEY_CURVE.value(xs - h)) / (2 * h)
    np.testing.assert_allclose(VALLEY_CURVE.slope(xs), numeric, atol=1e-6)


def test_surface_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    for x, y in rng.uniform(-3, 3, (20, 2)):
        h = 1e-6
        gx, gy = TWO_VALLEY_SURFACE.gradient(x, y)
        nx = (TWO_VALLEY_SURFACE.value(x + h, y) - TWO_VALLEY_SURFACE.value(x - h, y)) / (2 * h)
        ny = (TWO_VALLEY_SURFACE.value(x, y + h) - TWO_VALLEY_SURFACE.value(x, y - h)) / (2 * h)
        assert gx == pytest.approx(nx, abs=1e-6) and gy == pytest.approx(ny, abs=1e-6)


def test_curve_has_several_valleys_of_different_depths():
    minima = local_minima_1d(VALLEY_CURVE)
    assert len(minima) >= 3
    depths = VALLEY_CURVE.value(minima)
    assert np.ptp(depths) > 0.5  # not all the same: some local minima are worse than others


def test_descent_goes_downhill_and_steps_shrink():
    path = descend_1d(VALLEY_CURVE, 4.0, learning_rate=0.2, steps=40)
    costs = VALLEY_CURVE.value(path)
    assert np.all(np.diff(costs) <= 1e-12)
    steps = np.abs(np.diff(path))
    assert steps[-1] < steps[0] / 100
    # Positive slope -> step left, negative slope -> step right.
    assert VALLEY_CURVE.slope(4.0) > 0 and path[1] < path[0]
    assert VALLEY_CURVE.slope(1.5) < 0 and descend_1d(VALLEY_CURVE, 1.5, 0.2, 1)[1] > 1.5


def test_different_starts_end_in_different_minima():
    ends = {round(float(descend_1d(VALLEY_CURVE, x0, 0.2, 200)[-1]), 3) for x0 in (-5.2, 0.0, 4.5)}
    assert len(ends) == 3
    minima = local_minima_1d(VALLEY_CURVE)
    for end in ends:
        assert np.min(np.abs(minima - end)) < 1e-2


def test_two_d_descent_reaches_a_valley_where_gradient_vanishes():
    path = descend_2d(TWO_VALLEY_SURFACE, (2.5, 2.5), learning_rate=0.5, steps=60)
    assert path.shape == (61, 2)
    values = TWO_VALLEY_SURFACE.value(path[:, 0], path[:, 1])
    assert np.all(np.diff(values) <= 1e-12)
    assert np.hypot(*TWO_VALLEY_SURFACE.gradient(*path[-1])) < 1e-3
    other = descend_2d(TWO_VALLEY_SURFACE, (-2.5, -2.0), learning_rate=0.5, steps=60)[-1]
    assert np.linalg.norm(other - path[-1]) > 1.0  # the other valley


def test_three_to_one_example():
    assert THREE_TO_ONE.gradient(1.0, 1.0) == (3.0, 1.0)


@pytest.mark.parametrize("rate,steps", [(0.0, 5), (-1.0, 5), (0.1, -1)])
def test_bad_descent_settings_are_clear_errors(rate, steps):
    with pytest.raises(NNLibError, match="learning rate"):
        descend_1d(VALLEY_CURVE, 0.0, rate, steps)
