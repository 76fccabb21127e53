"""The numpy exponential-smoothing recursions reproduce statsmodels exactly; the statsmodels-fitted
methods honour overrides; automatic ETS picks the lowest AICc over the documented set."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from jitcore.forecast.base import FitContext
from jitcore.forecast.registry import METHODS
from jitcore.forecast.smoothing import ets_forms, ets_short_name
from jitcore.forecast.smoothing_filter import (
    SmoothingParams,
    damped_sums,
    smoothing_paths,
    smoothing_states,
)
from tests.conftest import SAMPLE_DIR
from tests.statsmodels_fits import ets_fit, holt_winters_fit


@pytest.fixture(scope="module")
def a10() -> np.ndarray:
    frame = pd.read_csv(SAMPLE_DIR / "classic_monthly_long.csv")
    return frame.loc[frame["sku"].str.startswith("A10"), "quantity"].to_numpy(float)


HOLT_WINTERS = [
    ("add", False, None),
    ("add", True, None),
    ("add", False, "add"),
    ("add", True, "add"),
    ("add", False, "mul"),
    ("add", True, "mul"),
]


@pytest.mark.parametrize("init", ["estimated", "heuristic"])
@pytest.mark.parametrize(("trend", "damped", "season"), HOLT_WINTERS)
def test_filter_reproduces_statsmodels_holt_winters(a10, trend, damped, season, init) -> None:
    result = holt_winters_fit(a10, trend, damped, season, init=init)
    p = result.params
    params = SmoothingParams(
        alpha=p["smoothing_level"],
        beta=p["smoothing_trend"],
        gamma=p["smoothing_seasonal"] if season else 0.0,
        phi=p["damping_trend"] if damped else 1.0,
        trend=True,
        seasonal=season,
        period=12 if season else 1,
        initial_level=p["initial_level"],
        initial_trend=p["initial_trend"],
        initial_seasonal=tuple(p["initial_seasons"]) if season else (),
    )
    states = smoothing_states(a10, params)
    np.testing.assert_allclose(states.fitted, result.fittedvalues, rtol=1e-10)
    forecast = smoothing_paths(a10, params, np.array([len(a10)]), 30)[0]
    expected = result.forecast(30)
    if season:
        # statsmodels 0.15 forecasts steps h = m, 2m, … with s_{T−m} instead of the last
        # seasonal s_T (statsmodels issue #9538, fixed after 0.15). We follow the textbook
        # ŷ_{T+h} = (ℓ_T + (φ + … + φ^h) b_T) ⊕ s_{T+h−m(k+1)} (FPP3 §8.3).
        steps = np.arange(1, 31)
        last = steps % 12 == 0
        base = states.level[-1] + states.trend[-1] * damped_sums(params.phi, 30)
        s_last = states.season[-1]
        textbook = base + s_last if season == "add" else base * s_last
        np.testing.assert_allclose(forecast[last], textbook[last], rtol=1e-12)
        forecast, expected = forecast[~last], expected[~last]
    np.testing.assert_allclose(forecast, expected, rtol=1e-10)


@pytest.mark.parametrize(
    "form",
    [
        ("add", None, False, None),
        ("add", "add", True, "add"),
        ("mul", "add", False, "mul"),
        ("mul", "add", True, "mul"),
        ("mul", None, False, "mul"),
    ],
)
def test_filter_reproduces_statsmodels_ets(a10, form) -> None:
    error, trend, damped, season = form
    result = ets_fit(a10, *form)
    alpha = result.smoothing_level
    params = SmoothingParams(
        alpha=alpha,
        beta=result.smoothing_trend / alpha if trend else 0.0,
        gamma=result.smoothing_seasonal if season else 0.0,
        phi=result.damping_trend if damped else 1.0,
        trend=trend is not None,
        seasonal=season,
        period=12 if season else 1,
        initial_level=result.initial_level,
        initial_trend=result.initial_trend if trend else 0.0,
        initial_seasonal=tuple(result.initial_seasonal) if season else (),
        seasonal_update="current_level",
    )
    states = smoothing_states(a10, params)
    np.testing.assert_allclose(states.fitted, result.fittedvalues, rtol=1e-9)
    forecast = smoothing_paths(a10, params, np.array([len(a10)]), 24)[0]
    np.testing.assert_allclose(forecast, result.forecast(24), rtol=1e-9)


def test_damped_sums_by_hand() -> None:
    # φ = 0.5: 0.5, 0.75, 0.875 (Gardner & McKenzie 1985); φ = 1: h
    np.testing.assert_allclose(damped_sums(0.5, 3), [0.5, 0.75, 0.875])
    np.testing.assert_allclose(damped_sums(1.0, 4), [1, 2, 3, 4])


def test_holt_linear_by_hand() -> None:
    """Holt with α = 0.5, β = 0.5, ℓ0 = 10, b0 = 1 on y = 12, 13 (FPP3 §8.2 equations):
    ŷ1 = 11, e1 = 1, ℓ1 = 11.5, b1 = 1 + 0.25·1 = 1.25; ŷ2 = 12.75, e2 = 0.25, ℓ2 = 12.875,
    b2 = 1.25 + 0.25·0.25 = 1.3125; forecasts 14.1875, 15.5."""
    params = SmoothingParams(alpha=0.5, beta=0.5, trend=True, initial_level=10, initial_trend=1)
    states = smoothing_states(np.array([12.0, 13.0]), params)
    np.testing.assert_allclose(states.fitted, [11.0, 12.75])
    forecast = smoothing_paths(np.array([12.0, 13.0]), params, np.array([2]), 2)[0]
    np.testing.assert_allclose(forecast, [14.1875, 15.5])


def test_overrides_are_kept_and_others_fitted(a10) -> None:
    context = FitContext(12, {"alpha": 0.3, "beta": 0.1, "gamma": 0.2})
    model = METHODS["holt_winters_additive"].fit(a10, context)
    assert model.parameters["alpha"] == pytest.approx(0.3)
    assert model.parameters["beta"] == pytest.approx(0.1)
    assert model.parameters["gamma"] == pytest.approx(0.2)
    damped = METHODS["holt"].fit(a10, FitContext(12, {"damping": 0.9}))
    assert damped.parameters["damping"] == pytest.approx(0.9)
    assert "damped" in damped.description
    ets = METHODS["ets"].fit(a10, FitContext(12, {"alpha": 0.25}))
    assert ets.parameters["alpha"] == pytest.approx(0.25)


def test_ets_set_is_the_documented_one() -> None:
    names = {ets_short_name(*form) for form in ets_forms(12, True)}
    assert len(names) == 15
    assert "ETS(A,N,M)" not in names and "ETS(M,Ad,M)" in names
    with_zeros = {ets_short_name(*form) for form in ets_forms(12, False)}
    assert with_zeros == {"ETS(A,N,N)", "ETS(A,A,N)", "ETS(A,Ad,N)"} | {
        "ETS(A,N,A)",
        "ETS(A,A,A)",
        "ETS(A,Ad,A)",
    }
    assert len(list(ets_forms(1, True))) == 6


def test_auto_ets_picks_the_lowest_aicc(a10) -> None:
    y = a10[:120]
    model = METHODS["ets"].fit(y, FitContext(12, {}))
    scores = {ets_short_name(*form): ets_fit(y, *form).aicc for form in ets_forms(12, True)}
    best = min(scores, key=scores.get)
    assert model.description.startswith(best)


def test_ets_model_interval_brackets_the_forecast(a10) -> None:
    method = METHODS["ets"]
    model = method.fit(a10, FitContext(12, {}))
    interval = method.model_interval(a10, model, 12, 0.8, seed=1)
    mean = method.predict(a10, model, 12)
    assert interval is not None
    assert np.all(interval.lower < mean) and np.all(mean < interval.upper)
    again = method.model_interval(a10, model, 12, 0.8, seed=1)
    np.testing.assert_array_equal(interval.lower, again.lower)  # seeded
