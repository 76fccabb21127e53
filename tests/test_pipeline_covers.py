"""Forecast covers: the forecast summed over the periods each level covers, and the replay's
safety-stock scale from the errors measured up to each period."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from jitcore.forecast import ForecastSettings, forecast_sku, origin_forecasts
from jitcore.lanes import C_EXPOSURE, C_LEAD, C_SS_SCALE
from jitcore.pipeline.covers import CoverSetting, cover_rows, forecast_cover, origin_cover_rows


def test_forecast_cover_sums_the_periods_after_each_one() -> None:
    path = np.arange(10.0)  # forecast of period t is t
    np.testing.assert_allclose(forecast_cover(path, 2, 3), [1 + 2, 2 + 3, 3 + 4])
    np.testing.assert_allclose(forecast_cover(path, 2.5, 2), [1 + 2 + 1.5, 2 + 3 + 2.0])
    np.testing.assert_allclose(forecast_cover(path, 0, 3), [0, 0, 0])
    # past the end the last value repeats
    np.testing.assert_allclose(forecast_cover(path, 3, 10)[-1], 27.0)


def test_cover_rows_scale_the_safety_stock_with_the_level_only_when_the_error_grows() -> None:
    path = np.r_[np.full(5, 10.0), np.full(10, 20.0)]
    setting = CoverSetting(2, 1, 1, 2, mean_demand=10.0, exposure=3.0)
    flat = cover_rows(path, 8, setting)
    grows = cover_rows(path, 8, replace(setting, elasticity=1.0))
    np.testing.assert_allclose(flat[C_SS_SCALE], 1.0)
    np.testing.assert_allclose(grows[C_SS_SCALE], flat[C_EXPOSURE] / 30.0)
    assert flat[C_LEAD][0] == 20.0 and flat[C_EXPOSURE][4] == 60.0


@pytest.fixture(scope="module")
def iid_plans():
    rng = np.random.default_rng(3)
    dates = pd.date_range("2010-01-04", periods=400, freq="W-MON")
    series = pd.Series(rng.normal(100.0, 10.0, 400), index=dates, name="X")
    settings = ForecastSettings(method="average")
    result = forecast_sku(series, settings, frequency="W")
    return origin_forecasts(result, settings, horizon=8, refit_every=13)


@pytest.mark.parametrize("factor", [1.0, 2.0])
def test_replay_safety_stock_follows_the_measured_error(iid_plans, factor) -> None:
    """i.i.d. N(100, 10): the error over 3 periods has σ = √3·10. Sized for factor × that, the
    scale moves toward 1/factor as measured errors accumulate: with m independent sums known,
    √((m·σ² + 12·(f·σ)²)/(m + 12))/(f·σ)."""
    true_sd = np.sqrt(3) * 10.0
    setting = CoverSetting(2, 1, 0, 0, mean_demand=100.0, exposure=3.0)
    rows = origin_cover_rows(iid_plans, 0, iid_plans.n, setting, planned_sd=factor * true_sd)
    scale = rows[C_SS_SCALE]
    assert scale[: iid_plans.first_origin + 3].tolist() == [1.0] * (iid_plans.first_origin + 3)
    m = (iid_plans.n - iid_plans.first_origin - 3) / 3
    expected = np.sqrt((m + 12 * factor**2) / (m + 12)) / factor
    assert scale[-1] == pytest.approx(expected, rel=0.08)
