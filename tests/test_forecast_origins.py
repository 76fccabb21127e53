"""Forecasts at every origin of the history: no look-ahead, the documented index convention, the
refit schedule and fallbacks, and the cover and realised-error helpers."""

from __future__ import annotations

import math
from dataclasses import replace
from functools import cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.errors import JitError
from jitcore.forecast import (
    ForecastResult,
    ForecastSettings,
    OriginForecasts,
    forecast_sku,
    origin_forecasts,
)
from jitcore.forecast.simple import fit_ses_alpha, ses_levels

RNG = np.random.default_rng(2024)
N = 96
MONTHS = np.arange(N)
#: positive monthly demand with a trend and a yearly season
SEASONAL = 100 + 0.3 * MONTHS + 20 * np.sin(MONTHS * 2 * np.pi / 12) + RNG.normal(0, 4, N)


def _monthly(values, name: str = "X") -> pd.Series:
    index = pd.date_range("2015-01-01", periods=len(values), freq="MS")
    return pd.Series(np.asarray(values, dtype=float), index=index, name=name)


def _settings(method: str, **fixed) -> ForecastSettings:
    return ForecastSettings(method=method, candidates=(method,), **fixed)


def _result(values, method: str, **fixed) -> tuple[ForecastResult, ForecastSettings]:
    chosen = _settings(method, **fixed)
    return forecast_sku(_monthly(values), chosen, frequency="M"), chosen


def _with_history(result: ForecastResult, values) -> ForecastResult:
    """The same method and seasonal period on another history (no new method choice)."""
    return replace(result, history=_monthly(values, result.sku))


@pytest.fixture(scope="module")
def naive() -> tuple[ForecastResult, ForecastSettings]:
    return _result(SEASONAL, "naive")


@pytest.fixture(scope="module")
def holt_winters() -> tuple[ForecastResult, ForecastSettings]:
    return _result(SEASONAL, "holt_winters_additive")


# --- no look-ahead ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "fixed"),
    [("naive", {}), ("ses", {}), ("ses", {"alpha": 0.3}), ("holt_winters_additive", {})],
)
@pytest.mark.parametrize("cut", [37, 49, 50, 61])
def test_changing_the_future_leaves_earlier_rows_unchanged(method, fixed, cut) -> None:
    """Rows t ≤ cut (plans made at the end of period cut or earlier) do not move when every
    value after period cut is spiked; each history gets its own forecast_sku. Refits are at
    26, 38, 50, 62, …: the cuts fall inside a block, just before and at a refit."""
    spiked = SEASONAL.copy()
    spiked[cut + 1 :] = spiked[cut + 1 :] * 3.0 + 50.0
    before = origin_forecasts(*_result(SEASONAL, method, **fixed), horizon=12)
    after = origin_forecasts(*_result(spiked, method, **fixed), horizon=12)
    assert before.first_origin == after.first_origin == 26
    np.testing.assert_array_equal(before.forecasts[: cut + 1], after.forecasts[: cut + 1])
    known = int(np.sum(before.refits <= cut))
    assert before.models[:known] == after.models[:known]
    # the spike does reach the later rows (the comparison above can fail)
    assert not np.allclose(before.forecasts[cut + 1 :], after.forecasts[cut + 1 :])


def test_a_later_negative_value_does_not_change_the_clipping_of_earlier_rows(naive) -> None:
    result, chosen = naive
    changed = SEASONAL.copy()
    changed[70] = -30.0  # a return booked as negative demand
    before = origin_forecasts(result, chosen, horizon=6)
    after = origin_forecasts(_with_history(result, changed), chosen, horizon=6)
    np.testing.assert_array_equal(before.forecasts[:70], after.forecasts[:70])
    # from period 70 on the history has a negative value: no clipping (naive repeats it)
    np.testing.assert_array_equal(after.forecasts[70], np.full(6, -30.0))


def test_forecasts_are_clipped_at_zero_while_the_history_has_no_negative_value() -> None:
    t = np.arange(60)
    falling = 80.0 - 1.6 * t + np.random.default_rng(5).normal(0, 2, 60)
    first_negative = int(np.flatnonzero(falling < 0)[0])
    result, chosen = _result(falling, "holt", seasonal_period=1)
    origins = origin_forecasts(result, chosen, horizon=24)
    planned = origins.forecasts[origins.first_origin : first_negative]
    assert np.nanmin(planned) == 0.0  # the trend runs below zero and is clipped
    assert np.nanmin(origins.forecasts[first_negative:]) < 0.0


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(st.floats(0, 500, allow_nan=False), min_size=30, max_size=60),
    cut_share=st.floats(0, 1),
    spike=st.floats(-100, 1000, allow_nan=False),
)
def test_no_look_ahead_on_random_histories(values, cut_share, spike) -> None:
    base, chosen = _random_base()
    y = np.array(values)
    cut = int(cut_share * (len(y) - 2))
    spiked = y.copy()
    spiked[cut + 1 :] += spike
    before = origin_forecasts(_with_history(base, y), chosen, horizon=5, refit_every=4)
    after = origin_forecasts(_with_history(base, spiked), chosen, horizon=5, refit_every=4)
    np.testing.assert_array_equal(before.forecasts[: cut + 1], after.forecasts[: cut + 1])


@cache
def _random_base() -> tuple[ForecastResult, ForecastSettings]:
    return _result(SEASONAL[:40], "ses", seasonal_period=1)


# --- the index convention, method by method ---------------------------------------------------


def test_naive_repeats_the_last_value_known_at_each_origin(naive) -> None:
    result, chosen = naive
    origins = origin_forecasts(result, chosen, horizon=5)
    assert isinstance(origins, OriginForecasts)
    assert (origins.sku, origins.method, origins.first_origin) == ("X", "naive", 26)
    assert origins.forecasts.shape == (N, 5)
    assert np.all(np.isnan(origins.forecasts[:26]))
    for t in range(26, N):
        np.testing.assert_array_equal(origins.forecasts[t], np.full(5, SEASONAL[t]))
    np.testing.assert_array_equal(origins.next_period()[26:], SEASONAL[26:])
    assert np.all(np.isnan(origins.next_period()[:26]))
    # the last row is the forecast from the whole history
    np.testing.assert_allclose(origins.forecasts[-1], result.forecast["mean"].to_numpy()[:5])


def test_seasonal_naive_repeats_the_same_period_of_the_last_cycle() -> None:
    result, chosen = _result(SEASONAL, "seasonal_naive")
    m = result.seasonal_period
    assert m == 12
    origins = origin_forecasts(result, chosen, horizon=30)  # more than two cycles ahead
    for t in range(origins.first_origin, N):
        for h in range(30):  # 0-based column: the forecast of period t + 1 + h
            same_period = t + 1 + h - m * (h // m + 1)
            assert origins.forecasts[t, h] == SEASONAL[same_period]
    t = 40
    np.testing.assert_array_equal(origins.forecasts[t, :12], SEASONAL[t + 1 - 12 : t + 1])


def test_ses_with_a_fixed_alpha_matches_the_recursion_by_hand() -> None:
    alpha = 0.3
    result, chosen = _result(SEASONAL, "ses", alpha=alpha)
    origins = origin_forecasts(result, chosen, horizon=4, refit_every=7)
    level = SEASONAL[0]  # ℓ_1 = y_1
    for t in range(N):
        if t > 0:
            level = alpha * SEASONAL[t] + (1 - alpha) * level
        if t >= origins.first_origin:
            np.testing.assert_allclose(origins.forecasts[t], np.full(4, level), rtol=1e-13)
    assert all(model.parameters == {"alpha": alpha} for model in origins.models)
    np.testing.assert_allclose(origins.forecasts[-1], result.forecast["mean"].to_numpy()[:4])


def test_each_block_uses_the_parameters_fitted_on_the_data_before_its_refit() -> None:
    rng = np.random.default_rng(9)
    local_level = 100 + np.cumsum(rng.normal(0, 2, N)) + rng.normal(0, 6, N)
    result, chosen = _result(local_level, "ses")
    origins = origin_forecasts(result, chosen, horizon=3, refit_every=20)
    assert origins.refits.tolist() == [26, 46, 66, 86]
    bounds = [*origins.refits[1:], N]
    for refit, stop, model in zip(origins.refits, bounds, origins.models, strict=True):
        alpha = fit_ses_alpha(local_level[:refit])
        assert model.parameters["alpha"] == alpha
        levels = ses_levels(local_level, alpha)  # levels[o]: after o periods observed
        np.testing.assert_allclose(origins.forecasts[refit:stop, 0], levels[refit + 1 : stop + 1])
    # the refits do change the parameters (otherwise the check above proves little)
    assert len({model.parameters["alpha"] for model in origins.models}) == 4


def test_holt_winters_rows_are_the_model_paths_from_origin_t_plus_one(holt_winters) -> None:
    from jitcore.forecast.registry import METHODS

    result, chosen = holt_winters
    origins = origin_forecasts(result, chosen, horizon=12)
    method = METHODS["holt_winters_additive"]
    model = origins.models[2]
    t = int(origins.refits[2]) + 5
    expected = method.paths(SEASONAL[: t + 1], model, np.array([t + 1]), 12)[0]
    np.testing.assert_allclose(origins.forecasts[t], expected, rtol=1e-12)
    assert np.all(np.isfinite(origins.forecasts[origins.first_origin :]))
    # one-step forecasts track demand: mean absolute error well below the seasonal swing
    errors = SEASONAL[27:] - origins.next_period()[26:-1]
    assert np.mean(np.abs(errors)) < 10.0


# --- warm-up, refits and fallbacks ------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(refit_every=st.integers(1, 120), warmup=st.integers(1, 120))
def test_refits_follow_the_schedule(refit_every, warmup) -> None:
    result, chosen = _naive_base()
    origins = origin_forecasts(result, chosen, horizon=2, refit_every=refit_every, warmup=warmup)
    assert origins.first_origin == min(warmup, N)
    assert origins.refits.tolist() == list(range(warmup, N, refit_every))
    assert len(origins.models) == len(origins.refits)
    assert np.all(np.isnan(origins.forecasts[: origins.first_origin]))
    assert np.all(np.isfinite(origins.forecasts[origins.first_origin :]))


@cache
def _naive_base() -> tuple[ForecastResult, ForecastSettings]:
    return _result(SEASONAL, "naive")


def test_default_warm_up_is_two_seasons_plus_two_or_ten_periods(holt_winters) -> None:
    result, chosen = holt_winters
    assert origin_forecasts(result, chosen, horizon=3).first_origin == 26  # 2·12 + 2
    plain, plain_settings = _result(SEASONAL, "naive", seasonal_period=1)
    assert plain.seasonal_period == 1
    default = origin_forecasts(plain, plain_settings, horizon=3)
    assert default.first_origin == 10 and default.notes == ()
    assert default.refits.tolist() == list(range(10, N, 12))


def test_warm_up_leaves_a_quarter_of_a_short_history_to_replay() -> None:
    result, chosen = _result(SEASONAL[:12], "naive", seasonal_period=1)
    origins = origin_forecasts(result, chosen, horizon=3)
    assert origins.first_origin == 9  # 12 − ⌈12/4⌉ instead of 10
    assert any("shortened to 9" in note for note in origins.notes)
    # never below what the method needs: Holt-Winters on 27 months still waits 26
    hw, hw_settings = _result(SEASONAL, "holt_winters_additive")
    short = origin_forecasts(_with_history(hw, SEASONAL[:27]), hw_settings, horizon=3)
    assert short.first_origin == 26 and short.refits.tolist() == [26]
    assert np.all(np.isfinite(short.forecasts[26]))


def test_too_short_history_gives_no_plan_and_a_note_instead_of_an_error() -> None:
    result, chosen = _result([7.0], "naive", seasonal_period=1)
    origins = origin_forecasts(result, chosen, horizon=4)
    assert origins.first_origin == 1 and origins.refits.tolist() == []
    assert origins.forecasts.shape == (1, 4) and np.all(np.isnan(origins.forecasts))
    assert "too short" in origins.notes[0]
    assert np.isnan(origins.cover(2)).all() and np.isnan(origins.realised_error_sd(1)).all()
    long_warmup = origin_forecasts(*_naive_base(), horizon=4, warmup=N + 5)
    assert long_warmup.first_origin == N and np.all(np.isnan(long_warmup.forecasts))


def test_a_refit_that_cannot_be_fitted_falls_back_to_naive(holt_winters) -> None:
    """Holt-Winters needs 26 periods: with a warm-up of 12 the refits at 12 and 24 use naive."""
    result, chosen = holt_winters
    origins = origin_forecasts(result, chosen, horizon=6, warmup=12)
    assert origins.refits.tolist()[:3] == [12, 24, 36]
    assert [model.method for model in origins.models[:3]] == [
        "naive",
        "naive",
        "holt_winters_additive",
    ]
    for t in range(12, 36):
        np.testing.assert_array_equal(origins.forecasts[t], np.full(6, SEASONAL[t]))
    assert len(origins.notes) == 2
    assert origins.notes[0].startswith("Period 12:") and "Naive" in origins.notes[0]
    assert origins.notes[1].startswith("Period 24:") and "still used" in origins.notes[1]


def test_a_refit_that_fails_later_keeps_the_previous_model() -> None:
    result, chosen = _result(SEASONAL, "holt_winters_multiplicative")
    with_zero = SEASONAL.copy()
    with_zero[45] = 0.0  # multiplicative seasonality cannot be fitted once this is in y[:r]
    origins = origin_forecasts(_with_history(result, with_zero), chosen, horizon=6)
    assert origins.refits.tolist() == [26, 38, 50, 62, 74, 86]
    assert origins.models[2:] == (origins.models[1],) * 4
    assert all(model.method == "holt_winters_multiplicative" for model in origins.models)
    assert len(origins.notes) == 4 and "previous refit" in origins.notes[0]
    assert np.all(np.isfinite(origins.forecasts[26:]))


@pytest.mark.parametrize(
    "arguments", [{"horizon": 0}, {"horizon": 3, "refit_every": 0}, {"horizon": 3, "warmup": 0}]
)
def test_invalid_arguments_raise_a_plain_error(naive, arguments) -> None:
    with pytest.raises(JitError):
        origin_forecasts(*naive, **arguments)


def test_arrays_are_read_only(naive) -> None:
    origins = origin_forecasts(*naive, horizon=3)
    with pytest.raises(ValueError):
        origins.forecasts[30, 0] = 1.0
    with pytest.raises(ValueError):
        origins.refits[0] = 0
    origins.next_period()[30] = 1.0  # a copy
    assert origins.forecasts[30, 0] == SEASONAL[30]


# --- cover ------------------------------------------------------------------------------------


def test_cover_sums_whole_and_fractional_periods(holt_winters) -> None:
    origins = origin_forecasts(*holt_winters, horizon=6)
    f = np.asarray(origins.forecasts)
    start = origins.first_origin
    np.testing.assert_allclose(
        origins.cover(2.5)[start:], (f[:, 0] + f[:, 1] + 0.5 * f[:, 2])[start:]
    )
    np.testing.assert_allclose(origins.cover(1), origins.next_period(), equal_nan=True)
    np.testing.assert_allclose(origins.cover(6)[start:], f[start:].sum(axis=1))
    np.testing.assert_allclose(origins.cover(0.25)[start:], 0.25 * f[start:, 0])
    assert np.all(np.isnan(origins.cover(2.5)[:start]))


def test_cover_of_zero_periods_is_zero_wherever_there_is_a_plan(naive) -> None:
    origins = origin_forecasts(*naive, horizon=3)
    zero = origins.cover(0)
    np.testing.assert_array_equal(zero[origins.first_origin :], 0.0)
    assert np.all(np.isnan(zero[: origins.first_origin]))
    with pytest.raises(JitError):
        origins.cover(-1)


def test_cover_beyond_the_horizon_repeats_the_last_step(holt_winters) -> None:
    origins = origin_forecasts(*holt_winters, horizon=3)
    f = np.asarray(origins.forecasts)[origins.first_origin :]
    three = f.sum(axis=1)
    np.testing.assert_allclose(origins.cover(5)[origins.first_origin :], three + 2 * f[:, 2])
    np.testing.assert_allclose(origins.cover(3.5)[origins.first_origin :], three + 0.5 * f[:, 2])
    np.testing.assert_allclose(origins.cover(4.75)[origins.first_origin :], three + 1.75 * f[:, 2])


@settings(max_examples=60, deadline=None)
@given(periods=st.floats(0, 20, allow_nan=False))
def test_cover_interpolates_linearly_between_whole_periods(periods) -> None:
    origins = _hw_origins()
    rows = slice(origins.first_origin, None)
    low, high = math.floor(periods), math.ceil(periods)
    fraction = periods - low
    expected = origins.cover(low)[rows] + fraction * (
        origins.cover(high)[rows] - origins.cover(low)[rows]
    )
    np.testing.assert_allclose(origins.cover(periods)[rows], expected, rtol=1e-12, atol=1e-9)
    # demand forecasts are not negative, so more periods never cover less
    assert np.all(origins.cover(periods + 0.5)[rows] >= origins.cover(periods)[rows])


@cache
def _hw_origins() -> OriginForecasts:
    return origin_forecasts(*_result(SEASONAL, "holt_winters_additive"), horizon=6)


# --- realised error ---------------------------------------------------------------------------

KNOWN = np.array(
    [12, 15, 11, 14, 18, 13, 16, 17, 12, 19, 15, 14, 20, 16, 13, 18, 21, 15, 17, 22, 14, 19, 23],
    dtype=float,
)


def test_realised_error_of_naive_matches_a_hand_computation() -> None:
    result, chosen = _result(KNOWN, "naive", seasonal_period=1)
    origins = origin_forecasts(result, chosen, horizon=3)
    assert origins.first_origin == 10
    n, periods, min_count = len(KNOWN), 2, 3
    realised = origins.realised_error_sd(periods, min_count=min_count)
    for t in range(n):
        # plans made at o = 10..t−2 covered o+1 and o+2 with 2·y[o] (naive)
        errors = [KNOWN[o + 1] + KNOWN[o + 2] - 2 * KNOWN[o] for o in range(10, t - periods + 1)]
        if len(errors) < min_count:
            assert np.isnan(realised[t]), t
        else:
            assert realised[t] == pytest.approx(math.sqrt(np.mean(np.square(errors))), rel=1e-12)
    assert np.isnan(realised[:14]).all() and np.isfinite(realised[14:]).all()
    # at t = 14 the errors of the plans made at 10, 11 and 12:
    # (14+20−30, 20+16−28, 16+13−40) = (4, 8, −11)
    assert realised[14] == pytest.approx(math.sqrt((16 + 64 + 121) / 3))


def test_realised_error_waits_for_min_count_settled_plans() -> None:
    result, chosen = _result(KNOWN, "naive", seasonal_period=1)
    origins = origin_forecasts(result, chosen, horizon=3)
    default = origins.realised_error_sd(1)  # min_count 8: plans 10..17, settled at 18
    assert np.isnan(default[:18]).all() and np.isfinite(default[18:]).all()
    one_step = KNOWN[11:19] - KNOWN[10:18]
    assert default[18] == pytest.approx(math.sqrt(np.mean(one_step**2)))
    # beyond the horizon the forecast sums follow cover: naive repeats y[o]
    five = origins.realised_error_sd(5, min_count=2)
    errors = [KNOWN[o + 1 : o + 6].sum() - 5 * KNOWN[o] for o in (10, 11)]
    assert five[16] == pytest.approx(math.sqrt(np.mean(np.square(errors))))
    assert np.isnan(five[15])
    for bad in (0, 1.5):
        with pytest.raises(JitError):
            origins.realised_error_sd(bad)


def test_realised_error_of_a_random_walk_grows_like_the_square_root_of_the_window() -> None:
    """Naive on a random walk with steps of σ = 10: the error over k periods has σ·√(k(k+1)(2k+1)/6)
    (the sum of k cumulative steps), here about 10, 22.4 and 37.4 for k = 1, 2, 3."""
    walk = 1000 + np.cumsum(np.random.default_rng(8).normal(0, 10, 2000))
    result, chosen = _result(walk, "naive", seasonal_period=1)
    origins = origin_forecasts(result, chosen, horizon=3)
    for k in (1, 2, 3):
        expected = 10 * math.sqrt(k * (k + 1) * (2 * k + 1) / 6)
        assert origins.realised_error_sd(k)[-1] == pytest.approx(expected, rel=0.08)
