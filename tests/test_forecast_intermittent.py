"""Croston, SBA and TSB against worked examples computed by hand."""

from __future__ import annotations

import numpy as np
import pytest

from jitcore.forecast.base import FitContext
from jitcore.forecast.intermittent import croston_forecasts, tsb_forecasts
from jitcore.forecast.registry import METHODS

Y = np.array([0.0, 3.0, 0.0, 0.0, 6.0, 0.0, 2.0])


def test_croston_worked_example() -> None:
    """α = 0.5. First demand 3 in period 2 (t₀ = 1): z = 3, p = t₀ + 1 = 2 → 1.5 per period.
    Period 5: demand 6 after an interval of 3: z = 3 + 0.5(6 − 3) = 4.5, p = 2 + 0.5(3 − 2) =
    2.5 → 1.8. Period 7: demand 2 after 2: z = 4.5 + 0.5(2 − 4.5) = 3.25, p = 2.5 + 0.5(2 − 2.5)
    = 2.25 → 3.25/2.25 = 1.4444."""
    forecasts = croston_forecasts(Y, 0.5)
    assert np.isnan(forecasts[0])
    expected = [0.0, 1.5, 1.5, 1.5, 1.8, 1.8, 3.25 / 2.25]
    np.testing.assert_allclose(forecasts[1:], expected)


def test_sba_is_croston_times_one_minus_half_alpha() -> None:
    """SBA = (1 − α/2) · z/p (Syntetos & Boylan 2005); α = 0.5 → 0.75 · 1.4444 = 1.0833."""
    forecasts = croston_forecasts(Y, 0.5, sba=True)
    assert forecasts[-1] == pytest.approx(0.75 * 3.25 / 2.25)
    assert forecasts[-1] == pytest.approx(1.0833333)


def test_tsb_worked_example() -> None:
    """α = 0.5, β = 0.2. First demand in period 2: z = 3, d = 1/2 → 1.5.
    Period 3 (none): d = 0.5 − 0.2·0.5 = 0.4 → 1.2. Period 4 (none): d = 0.32 → 0.96.
    Period 5 (6): d = 0.32 + 0.2(1 − 0.32) = 0.456, z = 4.5 → 2.052.
    Period 6 (none): d = 0.3648 → 1.6416. Period 7 (2): d = 0.3648 + 0.2·0.6352 = 0.49184,
    z = 3.25 → 1.59848."""
    forecasts = tsb_forecasts(Y, 0.5, 0.2)
    expected = [0.0, 1.5, 1.2, 0.96, 2.052, 1.6416, 1.59848]
    np.testing.assert_allclose(forecasts[1:], expected)


def test_tsb_decays_to_zero_when_demand_stops_but_croston_does_not() -> None:
    y = np.r_[np.tile([0.0, 4.0], 10), np.zeros(30)]
    tsb = tsb_forecasts(y, 0.2, 0.2)
    croston = croston_forecasts(y, 0.2)
    assert tsb[-1] < 0.01 * tsb[20]
    assert croston[-1] == croston[21]


def test_no_demand_means_a_zero_forecast() -> None:
    y = np.zeros(6)
    for name in ("croston", "sba", "tsb"):
        method = METHODS[name]
        model = method.fit(y, FitContext())
        assert method.predict(y, model, 3).tolist() == [0.0, 0.0, 0.0]


def test_fitted_alpha_minimises_in_sample_mse_on_the_grid() -> None:
    rng = np.random.default_rng(3)
    y = rng.poisson(0.4, 80) * rng.integers(1, 6, 80).astype(float)
    method = METHODS["croston"]
    alpha = method.fit(y, FitContext()).parameters["alpha"]
    first = int(np.flatnonzero(y > 0)[0])

    def mse(a: float) -> float:
        forecasts = croston_forecasts(y, a)
        return float(np.mean((y[first + 1 :] - forecasts[first + 1 : len(y)]) ** 2))

    assert mse(alpha) <= min(mse(a) for a in np.arange(0.01, 0.51, 0.01)) + 1e-12
    fixed = method.fit(y, FitContext(1, {"alpha": 0.3}))
    assert fixed.parameters["alpha"] == 0.3
