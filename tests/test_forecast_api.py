"""forecast_sku / forecast_all end to end: the automatic choice, the result's promises, and the
lead-time error the buffers use."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.forecast import (
    ForecastResult,
    ForecastSettings,
    evaluate_sku,
    evaluation_settings,
    forecast_all,
    forecast_sku,
)
from jitcore.forecast.registry import INTERMITTENT_METHODS
from jitcore.intake import read_demand
from tests.conftest import SAMPLE_DIR


@pytest.fixture(scope="module")
def classic() -> DemandData:
    return read_demand(SAMPLE_DIR / "classic_monthly_long.csv")


@pytest.fixture(scope="module")
def classic_results(classic) -> dict[str, ForecastResult]:
    return forecast_all(classic, ForecastSettings())


def _monthly(values, name: str = "X") -> pd.Series:
    index = pd.date_range("2020-01-01", periods=len(values), freq="MS")
    return pd.Series(np.asarray(values, dtype=float), index=index, name=name)


def test_automatic_choice_beats_seasonal_naive_on_the_seasonal_samples(classic_results) -> None:
    """On a10, h02 and wineind the chosen method's backtest MASE is below seasonal naive's."""
    for result in classic_results.values():
        table = result.candidates
        assert result.method != "seasonal_naive"
        assert table.loc[result.method, "mase"] < table.loc["seasonal_naive", "mase"]
        assert table.loc[result.method, "rank"] == 1
        assert table["chosen"].sum() == 1 and table.loc[result.method, "chosen"]
        assert result.accuracy is not None
        assert result.accuracy.mase == pytest.approx(table.loc[result.method, "mase"])


def test_result_shapes_and_units(classic_results, classic) -> None:
    result = classic_results[classic.skus[0]]
    assert list(result.forecast.columns) == ["mean", "lower", "upper"]
    assert len(result.forecast) == 12
    assert (
        result.forecast.index[0] == classic.series(result.sku).index[-1] + pd.offsets.MonthBegin()
    )
    assert (result.forecast["lower"] <= result.forecast["mean"]).all()
    assert (result.forecast["mean"] <= result.forecast["upper"]).all()
    assert result.fitted.index.equals(result.history.index)
    assert len(result.error_sd) == 12 and np.all(np.diff(result.error_sd) >= 0)
    assert not result.error_sd.flags.writeable
    assert result.seasonal_period == 12
    assert result.error_sd_source == "backtest"
    table = result.candidates
    assert table.loc["naive", "value_added_pct"] == pytest.approx(0.0)
    mae = table.loc[result.method, "mae"]
    assert table.loc[result.method, "value_added_pct"] == pytest.approx(
        100 * (1 - mae / table.loc["naive", "mae"])
    )


def test_fit_then_predict_equals_forecast(classic) -> None:
    """The result's forecast is the chosen method refitted on all data, predicting ahead."""
    from jitcore.forecast.base import FitContext
    from jitcore.forecast.registry import get_method

    series = classic.series(classic.skus[1])
    result = forecast_sku(series, ForecastSettings(method="ses"), frequency="M")
    method = get_method("ses")
    y = series.to_numpy(float)
    model = method.fit(y, FitContext(12, {}))
    np.testing.assert_allclose(result.forecast["mean"], method.predict(y, model, 12))
    assert result.parameters == dict(model.parameters)
    np.testing.assert_allclose(result.fitted.to_numpy()[1:], method.fitted(y, model)[1:])


def test_error_sd_is_measured_in_the_backtest(classic_results) -> None:
    result = next(iter(classic_results.values()))
    by_step, _ = result.backtest.error_sd_by_step()
    assert result.error_sd[0] == pytest.approx(by_step[0])
    cumulative, _ = result.backtest.cumulative_error_sd()
    for lead_time in (1, 2, 3, 6, 12):
        assert result.lead_time_error_sd(lead_time) == pytest.approx(
            np.maximum.accumulate(cumulative)[lead_time - 1]
        )


def _measured(error_sd: list[float], cumulative: list[float] | None = None) -> ForecastResult:
    """A result carrying only its measured errors (per step and, if given, cumulative)."""
    extra = {} if cumulative is None else {"cumulative_error_sd": np.array(cumulative)}
    return ForecastResult(sku="X", method="naive", parameters={}, history=_monthly([1.0]),
                          fitted=_monthly([np.nan]), forecast=pd.DataFrame(),
                          error_sd=np.array(error_sd), **extra)  # fmt: skip


def test_lead_time_error_sd_interpolates_and_extrapolates() -> None:
    result = _measured([2.0, 2.0, 3.0], cumulative=[2.0, 3.0, 5.0])
    assert result.lead_time_error_sd(0) == 0.0
    assert result.lead_time_error_sd(2) == 3.0
    # variance interpolated: 4 + 0.5 · (9 − 4) = 6.5
    assert result.lead_time_error_sd(1.5) == pytest.approx(math.sqrt(6.5))
    assert result.lead_time_error_sd(0.5) == pytest.approx(math.sqrt(2.0))
    # beyond the horizon each period adds the last step's variance: 25 + 2 · 9
    assert result.lead_time_error_sd(5) == pytest.approx(math.sqrt(43.0))
    legacy = _measured([2.0])  # no cumulative errors: √h · σ₁
    assert legacy.lead_time_error_sd(4) == pytest.approx(4.0)  # √4 · σ₁


def test_chosen_method_override_and_non_candidate_method(classic) -> None:
    series = classic.series(classic.skus[0])
    result = forecast_sku(series, ForecastSettings(method="croston"), frequency="M")
    assert result.method == "croston"
    assert "croston" in result.candidates.index
    assert not result.candidates.loc["croston", "candidate"]
    assert result.candidates.loc["croston", "chosen"]
    fixed = forecast_sku(series, ForecastSettings(method="ses", alpha=0.2), frequency="M")
    assert fixed.parameters == {"alpha": 0.2}


def test_intermittent_skus_get_intermittent_candidates() -> None:
    rng = np.random.default_rng(5)
    y = rng.poisson(0.3, 96) * rng.integers(1, 8, 96)
    result = forecast_sku(_monthly(y), ForecastSettings(), frequency="M")
    assert result.demand_class in ("intermittent", "lumpy")
    assert set(INTERMITTENT_METHODS) <= set(result.candidates.index)
    assert result.selection_metric == "rmsse"
    assert result.candidates.iloc[0]["rank"] == 1
    assert result.candidates.index[0] == result.method
    smooth = forecast_sku(_monthly(50 + rng.normal(0, 3, 96)), ForecastSettings(), frequency="M")
    assert not set(INTERMITTENT_METHODS) & set(smooth.candidates.index)
    assert smooth.selection_metric == "mase"


def test_wrong_method_for_the_data_is_a_plain_error() -> None:
    y = np.r_[0.0, np.arange(1.0, 60.0)]
    with pytest.raises(JitError, match="above zero"):
        forecast_sku(
            _monthly(y), ForecastSettings(method="holt_winters_multiplicative"), frequency="M"
        )
    with pytest.raises(JitError, match="no demand history"):
        forecast_sku(_monthly([np.nan, np.nan]), ForecastSettings(), frequency="M")


def test_short_and_flat_histories_still_forecast() -> None:
    one = forecast_sku(_monthly([5.0]), ForecastSettings(horizon=3), frequency="M")
    assert one.forecast["mean"].tolist() == [5.0, 5.0, 5.0]
    assert one.lead_time_error_sd(2) == 0.0 and one.notes
    zeros = forecast_sku(_monthly(np.zeros(40)), ForecastSettings(), frequency="M")
    assert zeros.forecast["mean"].eq(0).all() and zeros.forecast["lower"].eq(0).all()
    trend = forecast_sku(_monthly(np.arange(1.0, 25.0)), ForecastSettings(horizon=3), frequency="M")
    assert trend.method in ("holt", "holt_damped", "ets")
    np.testing.assert_allclose(trend.forecast["mean"], [25, 26, 27], rtol=1e-3)


def test_negative_forecasts_are_clipped_for_demand() -> None:
    y = np.linspace(100, 5, 40)
    result = forecast_sku(_monthly(y), ForecastSettings(method="holt", horizon=24), frequency="M")
    assert result.forecast["mean"].min() == 0.0
    assert result.forecast["lower"].min() == 0.0


def test_evaluation_can_be_reused_across_method_and_metric(classic) -> None:
    series = classic.series(classic.skus[2])
    settings = ForecastSettings(method="holt", metric="rmse")
    evaluation = evaluate_sku(series, evaluation_settings(settings), frequency="M")
    reused = forecast_sku(series, settings, frequency="M", evaluation=evaluation)
    fresh = forecast_sku(series, settings, frequency="M")
    pd.testing.assert_frame_equal(reused.candidates, fresh.candidates)
    pd.testing.assert_frame_equal(reused.forecast, fresh.forecast)
    assert evaluation_settings(settings) == evaluation_settings(ForecastSettings())


def test_forecast_all_reports_progress(classic) -> None:
    calls = []
    results = forecast_all(
        classic,
        ForecastSettings(candidates=("naive", "seasonal_naive", "ses")),
        progress=lambda done, total, sku: calls.append((done, total, sku)),
    )
    assert list(results) == list(classic.skus)
    assert calls == [(i + 1, 3, sku) for i, sku in enumerate(classic.skus)]
    assert all(r.method in ("naive", "seasonal_naive", "ses") for r in results.values())


def test_settings_are_frozen_hashable_and_validated() -> None:
    settings = ForecastSettings(method="holt", alpha=0.3)
    assert hash(settings) == hash(ForecastSettings(method="holt", alpha=0.3))
    assert settings.overrides() == {"alpha": 0.3}
    with pytest.raises(ValidationError):
        ForecastSettings(method="arima")
    with pytest.raises(ValidationError):
        ForecastSettings(alpha=1.5)
    with pytest.raises(ValidationError):
        settings.horizon = 3  # type: ignore[misc]
    assert ForecastSettings.model_validate_json(settings.model_dump_json()) == settings


def test_seasonal_period_override_and_default(classic) -> None:
    series = classic.series(classic.skus[0])
    result = forecast_sku(series, ForecastSettings(seasonal_period=1), frequency="M")
    assert result.seasonal_period == 1
    assert "seasonal_naive" not in result.candidates.index


def test_forecast_all_falls_back_to_auto_for_a_sku_the_method_cannot_fit() -> None:
    rng = np.random.default_rng(2)
    months = pd.date_range("2015-01-01", periods=60, freq="MS")
    seasonal = 100 + 30 * np.sin(np.arange(60) * 2 * np.pi / 12) + rng.normal(0, 3, 60)
    frame = pd.DataFrame(
        {
            "date": np.tile(months, 2),
            "sku": ["POS"] * 60 + ["ZERO"] * 60,
            "quantity": np.r_[seasonal, np.where(np.arange(60) % 5 == 0, 0.0, seasonal)],
        }
    )
    data = DemandData(frame, "M")
    results = forecast_all(data, ForecastSettings(method="holt_winters_multiplicative"))
    assert results["POS"].method == "holt_winters_multiplicative"
    assert results["ZERO"].method != "holt_winters_multiplicative"
    assert "automatic choice is used" in results["ZERO"].notes[0]
