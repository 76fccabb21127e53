"""Forecasting in worker processes gives exactly the numbers of one process, in SKU order, with
progress for every SKU; the pool's size rules; errors cross the process boundary intact."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.forecast import ForecastSettings, forecast_all
from jitcore.forecast.parallel import MIN_SKUS_PER_WORKER, WORKERS_ENV, worker_count


def _portfolio(skus: int, months: int = 48, seed: int = 7) -> DemandData:
    """Seasonal monthly series with trend and noise, different for every SKU."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2019-01-01", periods=months, freq="MS")
    t = np.arange(months)
    frames = []
    for i in range(skus):
        level = rng.uniform(50, 500)
        season = 1 + rng.uniform(0, 0.4) * np.sin(2 * np.pi * (t + i) / 12)
        quantity = level * (1 + rng.uniform(-0.01, 0.02) * t) * season
        quantity *= rng.lognormal(0, 0.1, months)
        frames.append(pd.DataFrame({"date": dates, "sku": f"SKU-{i:03d}", "quantity": quantity}))
    return DemandData(pd.concat(frames), "M", name="portfolio")


def test_two_workers_give_the_numbers_of_one_process() -> None:
    data = _portfolio(2 * MIN_SKUS_PER_WORKER)
    settings = ForecastSettings(horizon=6)
    seen: list[tuple[int, int]] = []
    parallel = forecast_all(
        data, settings, lambda done, total, sku: seen.append((done, total)), workers=2
    )
    serial = forecast_all(data, settings, workers=1)
    assert list(parallel) == list(serial) == list(data.skus)
    for sku in data.skus:
        a, b = parallel[sku], serial[sku]
        assert a.method == b.method
        assert a.parameters == b.parameters
        pd.testing.assert_frame_equal(a.forecast, b.forecast)
        np.testing.assert_array_equal(a.error_sd, b.error_sd)
        np.testing.assert_array_equal(a.backtest.forecasts, b.backtest.forecasts)
    assert [done for done, _ in seen] == list(range(1, len(data.skus) + 1))
    assert {total for _, total in seen} == {len(data.skus)}


def test_worker_count_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WORKERS_ENV, raising=False)
    assert worker_count(MIN_SKUS_PER_WORKER - 1, 2) == 1  # too few SKUs to start a process
    assert worker_count(2 * MIN_SKUS_PER_WORKER, 2) == 2
    assert worker_count(10 * MIN_SKUS_PER_WORKER, 1) == 1
    monkeypatch.setenv(WORKERS_ENV, "1")
    assert worker_count(10 * MIN_SKUS_PER_WORKER) == 1
    monkeypatch.setenv(WORKERS_ENV, "3")
    assert worker_count(10 * MIN_SKUS_PER_WORKER) == 3


def test_plain_errors_survive_the_trip_from_a_worker() -> None:
    error = pickle.loads(pickle.dumps(JitError("SKU 'X' has no demand history.", "Pick another.")))
    assert isinstance(error, JitError)
    assert (error.message, error.hint) == ("SKU 'X' has no demand history.", "Pick another.")


def test_series_many_equals_series_one_by_one() -> None:
    from jitcore.intake import read_demand
    from tests.conftest import SAMPLE_DIR

    for name in ("walmart_store1_weekly_long.csv", "pbs_intermittent_monthly_wide.csv"):
        data = read_demand(SAMPLE_DIR / name)
        for sku, series in zip(data.skus, data.series_many(data.skus), strict=True):
            expected = data.series(sku)
            pd.testing.assert_series_equal(series, expected)
            assert series.index.freq == expected.index.freq
