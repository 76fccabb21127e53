"""Accuracy measures against hand-computed values (Hyndman & Koehler 2006 definitions) and their
properties under hypothesis."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jitcore.forecast.metrics import (
    accuracy,
    bias,
    mae,
    mape,
    mase,
    rmse,
    seasonal_naive_scale,
    smape,
    tracking_signal,
)

ACTUAL = np.array([10.0, 12.0, 8.0, 0.0])
FORECAST = np.array([11.0, 9.0, 8.0, 2.0])
# errors (actual − forecast): −1, 3, 0, −2


def test_hand_computed_values() -> None:
    assert mae(ACTUAL, FORECAST) == pytest.approx(6 / 4)
    assert rmse(ACTUAL, FORECAST) == pytest.approx(math.sqrt(14 / 4))
    # MAPE skips the zero actual: (1/10 + 3/12 + 0/8)/3 · 100
    assert mape(ACTUAL, FORECAST) == pytest.approx(100 * (0.1 + 0.25) / 3)
    # sMAPE: 2|e|/(|y|+|ŷ|): 2/21, 6/21, 0, 4/2 → mean · 100
    assert smape(ACTUAL, FORECAST) == pytest.approx(100 * (2 / 21 + 6 / 21 + 0 + 2) / 4)
    assert bias(ACTUAL, FORECAST) == pytest.approx(0.0)
    assert tracking_signal(ACTUAL, FORECAST) == pytest.approx(0.0)
    # all under-forecast by 2: TS = 4·2 / 2 = 4
    assert tracking_signal(ACTUAL + 2, ACTUAL) == pytest.approx(4.0)


def test_mase_scale_is_the_in_sample_seasonal_naive_error() -> None:
    history = np.array([1.0, 2.0, 3.0, 5.0, 2.0, 4.0])
    # lag 2: |3−1|, |5−2|, |2−3|, |4−5| → 7/4
    assert seasonal_naive_scale(history, 2) == pytest.approx(7 / 4)
    # lag 1: 1, 1, 2, 3, 2 → 9/5
    assert seasonal_naive_scale(history, 1) == pytest.approx(9 / 5)
    # too short for the season: falls back to lag 1
    assert seasonal_naive_scale(history, 12) == pytest.approx(9 / 5)
    assert math.isnan(seasonal_naive_scale(np.zeros(5), 1))
    assert mase(ACTUAL, FORECAST, 0.75) == pytest.approx(1.5 / 0.75)
    assert math.isnan(mase(ACTUAL, FORECAST, float("nan")))


def test_missing_pairs_are_ignored() -> None:
    actual = np.array([1.0, np.nan, 3.0])
    forecast = np.array([2.0, 5.0, np.nan])
    assert mae(actual, forecast) == 1.0
    assert math.isnan(mae(np.array([np.nan]), np.array([1.0])))


def test_accuracy_bundle() -> None:
    score = accuracy(
        ACTUAL, FORECAST, scale=1.0, one_step_actual=ACTUAL[:2], one_step_forecast=FORECAST[:2]
    )
    assert score.count == 4
    assert score.mase == pytest.approx(1.5)
    # one-step errors −1, 3: TS = 2 / 2 = 1
    assert score.tracking_signal == pytest.approx(1.0)
    assert score.get("rmse") == score.rmse


values = st.floats(0, 1e4, allow_nan=False)


@given(st.lists(st.tuples(values, values), min_size=1, max_size=50))
def test_metric_properties(pairs) -> None:
    actual = np.array([a for a, _ in pairs])
    forecast = np.array([f for _, f in pairs])
    assert 0 <= mae(actual, forecast) <= rmse(actual, forecast) + 1e-9
    assert 0 <= smape(actual, forecast) <= 200 + 1e-9
    assert bias(actual, forecast) == pytest.approx(-bias(forecast, actual))
    assert abs(tracking_signal(actual, forecast)) <= len(actual) + 1e-9
    assert mae(actual, actual) == 0 and rmse(actual, actual) == 0
    assert tracking_signal(actual, actual) == 0


@given(
    st.lists(st.tuples(st.floats(1, 1e4), st.floats(0, 1e4)), min_size=2, max_size=30),
    st.floats(0.01, 100),
)
def test_scale_free_measures_do_not_change_with_units(pairs, factor) -> None:
    """MAPE, sMAPE and MASE are unit-free; MAE scales with the units."""
    actual = np.array([a for a, _ in pairs])
    forecast = np.array([f for _, f in pairs])
    scale = seasonal_naive_scale(actual, 1)
    assume(np.isfinite(scale))
    assert mape(actual * factor, forecast * factor) == pytest.approx(mape(actual, forecast))
    assert smape(actual * factor, forecast * factor) == pytest.approx(smape(actual, forecast))
    assert mase(actual * factor, forecast * factor, scale * factor) == pytest.approx(
        mase(actual, forecast, scale)
    )
    assert mae(actual * factor, forecast * factor) == pytest.approx(
        factor * mae(actual, forecast), rel=1e-9
    )
