"""The rolling-origin backtest: documented cuts, errors as defined, and no look-ahead."""

from __future__ import annotations

import numpy as np
import pytest

from jitcore.errors import JitError
from jitcore.forecast.backtest import clip_to_history, plan_backtest, run_backtest
from jitcore.forecast.base import FitContext
from jitcore.forecast.registry import METHODS

RNG = np.random.default_rng(11)
Y = 100 + 20 * np.sin(np.arange(84) * 2 * np.pi / 12) + RNG.normal(0, 5, 84)


def test_plan_for_a_long_monthly_history() -> None:
    plan = plan_backtest(Y, horizon=12, folds=3, period=12)
    assert plan.horizon == 12
    assert plan.folds == 3
    assert plan.refits.tolist() == [48, 60, 72]  # the last 3 × 12 periods
    assert plan.origins.tolist() == list(range(48, 84))
    assert plan.period == 12
    # the MASE scale uses only the data before the window: lag-12 differences of y[:48]
    assert plan.scale == pytest.approx(np.mean(np.abs(Y[12:48] - Y[:36])))
    # a short horizon still gets folds of 12 origins
    short = plan_backtest(Y, horizon=2, folds=3, period=12)
    assert short.horizon == 2 and short.refits.tolist() == [48, 60, 72]


def test_plan_shrinks_for_short_histories_and_drops_seasonality() -> None:
    short = Y[:29]  # 29 < 2·12 + 6
    plan = plan_backtest(short, horizon=12, folds=3, period=12)
    assert plan.period == 1
    assert any("Seasonality" in note for note in plan.notes)
    assert plan.train_length == 10  # min_train 10 → the window is 19 periods
    assert plan.horizon == 12 and len(plan.origins) == 19
    assert plan.refits.tolist() == [10, 17, 24]  # folds of ⌈19/3⌉ = 7
    just_enough = plan_backtest(Y[:30], horizon=12, folds=3, period=12)
    assert just_enough.period == 12 and just_enough.train_length == 26
    assert just_enough.horizon == 4
    tiny = plan_backtest(Y[:5], horizon=12, folds=3, period=12)
    assert tiny.train_length == 2 and tiny.horizon == 3
    assert not plan_backtest(Y[:1], horizon=12, folds=3, period=12).possible


def test_errors_are_actual_minus_forecast_at_every_origin() -> None:
    plan = plan_backtest(Y, horizon=6, folds=2, period=12)
    backtest = run_backtest(METHODS["naive"], Y, plan, FitContext(12, {}))
    # naive from origin o forecasts y[o-1] for every step
    for i, origin in enumerate(plan.origins):
        for h in range(6):
            if origin + h < len(Y):
                assert backtest.errors[i, h] == pytest.approx(Y[origin + h] - Y[origin - 1])
            else:
                assert np.isnan(backtest.errors[i, h])
    assert backtest.accuracy.mae == pytest.approx(np.nanmean(np.abs(backtest.errors)))
    sd, counts = backtest.error_sd_by_step()
    assert counts[0] == len(plan.origins) and counts[5] == len(plan.origins) - 5
    assert sd[0] == pytest.approx(np.sqrt(np.nanmean(backtest.errors[:, 0] ** 2)))
    cumulative, _ = backtest.cumulative_error_sd()
    two_step = backtest.errors[:, 0] + backtest.errors[:, 1]
    assert cumulative[1] == pytest.approx(np.sqrt(np.nanmean(two_step**2)))


@pytest.mark.parametrize("name", list(METHODS))
def test_a_spike_after_the_cut_off_leaves_earlier_folds_unchanged(name: str) -> None:
    """No look-ahead: multiplying the demand from period 70 on changes nothing forecast from
    origins up to 70, in particular the whole first two folds (refits at 48 and 60)."""
    y = Y + 10
    plan = plan_backtest(y, horizon=12, folds=3, period=12)
    context = FitContext(12, {})
    spiked = y.copy()
    spiked[70:] *= 5.0
    before = run_backtest(METHODS[name], y, plan, context)
    after = run_backtest(METHODS[name], spiked, plan, context)
    upto = plan.origins <= 70
    np.testing.assert_array_equal(before.forecasts[upto], after.forecasts[upto])
    assert before.models[:2] == after.models[:2]
    # and the spike does change what comes after (the test can fail)
    assert not np.array_equal(before.forecasts[~upto], after.forecasts[~upto]) or name in (
        "average",
    )


def test_clip_keeps_demand_forecasts_non_negative() -> None:
    forecasts = np.array([[-1.0, 2.0, np.nan]])
    assert clip_to_history(forecasts, np.array([0.0, 1.0]))[0, :2].tolist() == [0.0, 2.0]
    assert clip_to_history(forecasts, np.array([-1.0, 1.0]))[0, 0] == -1.0


def test_a_method_that_cannot_fit_a_fold_raises() -> None:
    plan = plan_backtest(np.r_[0.0, Y], horizon=12, folds=3, period=12)
    with pytest.raises(JitError):
        run_backtest(METHODS["holt_winters_multiplicative"], np.r_[0.0, Y], plan, FitContext(12))
