"""Calibration: target against achieved service, with numbers that have a known truth."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from jitcore.calibration import (
    FLAG_POINTS,
    NO_DEMAND,
    CalibrationTable,
    ItemTraits,
    ModeCalibration,
    ServiceTarget,
    SkuCalibration,
    calibrate,
    explain,
    item_traits,
    service_target,
    whole_unit_step,
)
from jitcore.demand import DemandData
from jitcore.errors import JitError, ScenarioError
from jitcore.forecast import forecast_all
from jitcore.scenario import Scenario

WEEKS = 600
#: Average forecast only; a long backtest (10 folds × 52 weeks = 520 origins) so the error σ
#: over L + R = 3 weeks rests on about 520 / 3 ≈ 173 independent sums.
IID = (
    Scenario()
    .with_setting("forecast.method", "average")
    .with_setting("forecast.candidates", ["average"])
    .with_setting("forecast.horizon", 52)
    .with_setting("forecast.folds", 10)
    .with_setting("simulation.paths", 100)
    .with_setting("simulation.periods", 200)
)


def iid_normal(skus: int = 3, weeks: int = WEEKS) -> DemandData:
    """i.i.d. Normal(100, 10) weekly demand: the textbook case where the formulas are exact."""
    frames = []
    for i in range(skus):
        rng = np.random.default_rng(100 + i)
        dates = pd.date_range("2012-01-02", periods=weeks, freq="W-MON")
        frames.append(
            pd.DataFrame({"date": dates, "sku": f"N{i}", "quantity": rng.normal(100, 10, weeks)})
        )
    return DemandData(pd.concat(frames), "W", name="iid")


@pytest.fixture(scope="module")
def iid() -> tuple[DemandData, dict]:
    demand = iid_normal()
    return demand, forecast_all(demand, IID.forecast)


@pytest.mark.parametrize("target", [0.90, 0.95])
def test_monte_carlo_meets_a_cycle_service_target_on_iid_normal_demand(iid, target) -> None:
    # Tolerance FLAG_POINTS = 3 points per SKU. Sampling: 100 paths × 200 weeks = 20,000
    # cycles, shortages correlated over L + 1 = 3 weeks → ~6,700 independent, SE
    # √(0.9·0.1/6,700) ≈ 0.4 points. Estimation: σ over 3 weeks from ~173 independent sums has a
    # relative SE of 1/√(2·173) ≈ 5.4 %, which moves Φ(k) by φ(k)·k·5.4 % ≈ 1.2 points at 90 %
    # (0.9 at 95 %). Together ≈ 1.3 points: 3 points is over 2 SE for one SKU; the mean of
    # three SKUs must be within 1.5 points (2 SE of a mean of three).
    demand, forecasts = iid
    scenario = IID.with_setting("buffers.cycle_service_level", target)
    table = calibrate(demand, scenario, forecasts=forecasts, modes=("monte_carlo",))
    assert table.target == ServiceTarget("cycle_service_level", target)
    gaps = [row.mode("monte_carlo").gap_points for row in table.rows]
    assert all(abs(g) <= FLAG_POINTS for g in gaps), gaps
    assert abs(float(np.mean(gaps))) <= 1.5, gaps
    assert table.flagged == ()
    assert {row.demand_class for row in table.rows} == {"smooth"}
    for row in table.rows:
        item = row.mode("monte_carlo")
        assert item.gap_points == pytest.approx(100 * (item.achieved - target))
        assert item.reasons == ()


def test_monte_carlo_meets_a_fill_rate_target_on_iid_normal_demand(iid) -> None:
    # A 98 % fill rate misses by at most 2 points: the fill rate is less sensitive to σ than the
    # cycle service (only the shortfall beyond the level counts), so the 1.3-point budget above
    # shrinks.
    demand, forecasts = iid
    scenario = IID.with_setting("buffers.method", "fill_rate").with_setting(
        "buffers.fill_rate", 0.98
    )
    table = calibrate(demand, scenario, forecasts=forecasts, modes=("monte_carlo",))
    assert table.target.measure == "fill_rate"
    for row in table.rows:
        assert abs(row.mode("monte_carlo").gap_points) <= 2.0


def test_both_modes_run_and_the_tidy_frame_has_a_row_per_sku_and_mode(iid) -> None:
    demand, forecasts = iid
    table = calibrate(demand, IID, forecasts=forecasts, skus=["N0", "N1"])
    frame = table.frame()
    assert list(frame.columns) == ["sku", "demand_class", "mode", "measure", "target",
                                   "achieved", "gap_points", "flagged", "reasons",
                                   "demand_model", "sigma_source"]  # fmt: skip
    assert list(zip(frame["sku"], frame["mode"], strict=True)) == [
        ("N0", "monte_carlo"), ("N0", "replay"), ("N1", "monte_carlo"), ("N1", "replay")]  # fmt: skip
    # replay of 600 weeks: ~200 independent cycles, SE ≈ 2 points at 95 %; 3 SE
    replay = frame[frame["mode"] == "replay"]
    assert (replay["gap_points"].abs() <= 7.0).all(), replay
    summary = table.summary()
    assert list(summary["mode"]) == ["monte_carlo", "replay"]
    assert list(summary["items"]) == [2, 2] and list(summary["measured"]) == [2, 2]


def tiny_whole_units() -> DemandData:
    """18 months of 0/1 demand, a third of months with one unit: short, intermittent, whole."""
    quantity = np.zeros(18)
    quantity[[1, 4, 6, 9, 12, 15]] = 1.0
    dates = pd.date_range("2023-01-01", periods=18, freq="MS")
    return DemandData(pd.DataFrame({"date": dates, "sku": "TINY", "quantity": quantity}), "M")


def test_a_short_intermittent_whole_unit_item_is_flagged_with_its_reasons() -> None:
    # Demand over L + R = 3 months is 0–3 units: no whole stock level gives 90 % cycle service
    # (about 89 % with one unit, 98 % with two); the level reaching the target is two units, so
    # the simulation delivers more than asked, by more than 3 points.
    scenario = Scenario().with_setting("forecast.method", "average")
    scenario = scenario.with_setting("buffers.cycle_service_level", 0.90)
    scenario = scenario.with_setting("forecast.candidates", ["average"])
    scenario = scenario.with_setting("simulation.paths", 50)
    table = calibrate(tiny_whole_units(), scenario, modes=("monte_carlo",))
    row = table.rows[0]
    assert row.demand_class == "intermittent"
    item = row.mode("monte_carlo")
    assert item.flagged and table.flagged == ("TINY",)
    text = " | ".join(item.reasons)
    assert "history shorter than two seasons (18 periods, a season is 12)" in text
    assert "intermittent: demand in 33 % of periods" in text
    assert "whole units: one more unit of stock moves cycle service from" in text


def _traits(**changes) -> ItemTraits:
    base = dict(periods=120, season=12, demand_share=1.0, size_ratio=2.0, whole_units=False,
                exposure=3.0, mean_exposure=300.0, sigma_exposure=30.0, reorder_level=350.0,
                last_season_bias=0.0)  # fmt: skip
    return ItemTraits(**{**base, **changes})


CSL95 = ServiceTarget("cycle_service_level", 0.95)


def test_a_regular_item_has_no_reason() -> None:
    assert explain(_traits(), CSL95, "monte_carlo") == ()


@pytest.mark.parametrize(
    "changes, mode, expected",
    [
        ({"size_ratio": 12.4}, "monte_carlo", "nonzero sizes vary 12× (largest ÷ median)"),
        ({"demand_share": 0.18}, "monte_carlo", "intermittent: demand in 18 % of periods"),
        ({"periods": 30, "exposure": 5.0}, "monte_carlo",
         "the lead time is long against the history: 30 periods hold 6 spans of L + R = 5"),
        ({"last_season_bias": -0.3}, "replay",
         "replay: the history's last year differs from the forecast (level shift; the forecast "
         "ran 30 % above demand)"),
        ({"seasonal_strength": 0.9}, "monte_carlo",
         "strongly seasonal (STL strength 0.90): demand and its forecast error swing with the "
         "season"),
    ],
)  # fmt: skip
def test_each_rule_names_its_cause(changes, mode, expected) -> None:
    assert explain(_traits(**changes), CSL95, mode) == (expected,)


def test_a_zero_level_that_already_over_serves_says_so() -> None:
    """PBS GENE-COPAY-D02 at a 0.90 target: a forecast of 0.28 a month against sizes of ~45
    gives P(no demand over L + R) = 0.987 at a level of zero, the lowest there is."""
    traits = _traits(reorder_level=0.0, planned_service=0.987)
    assert explain(traits, ServiceTarget("cycle_service_level", 0.90), "replay") == (
        "the forecast is so low that no stock at all already gives 99 % (a level cannot go "
        "below zero)",
    )
    # a positive level, or a planned service near the target, is no floor
    assert explain(_traits(reorder_level=3.0, planned_service=0.987), CSL95, "replay") == ()
    assert explain(_traits(reorder_level=0.0, planned_service=0.96), CSL95, "replay") == ()


def test_levels_that_fall_faster_than_demand_uses_the_stock() -> None:
    """A peak of 60 over L + R = 3 falling to 6 in two periods: the falls 60 → 30 → 6 exceed
    one period's forecast (20, then 10); the rises and the flat periods do not (2 of 6)."""
    cover = np.array([30.0, 45.0, 60.0, 30.0, 6.0, 6.0, 6.0])
    traits = item_traits(np.full(60, 10.0), frequency="M", exposure=3.0, mean_exposure=30.0,
                         sigma_exposure=5.0, reorder_level=40.0,
                         exposure_cover=cover)  # fmt: skip
    assert traits.falling_share == pytest.approx(2 / 6)
    assert explain(traits, CSL95, "monte_carlo")[0].startswith(
        "the forecast falls faster than demand uses the stock in 33 % of periods (after a peak)"
    )
    assert not any("falls faster" in r for r in explain(traits, CSL95, "replay"))


def test_the_level_shift_rule_applies_to_replay_only() -> None:
    assert explain(_traits(last_season_bias=0.5), CSL95, "monte_carlo") == ()


def test_whole_unit_steps_follow_the_normal_model_with_continuity_correction() -> None:
    traits = _traits(whole_units=True, mean_exposure=2.0, sigma_exposure=1.2)
    low, high = whole_unit_step(traits, 0.95)
    # P(D ≤ n) = Φ((n + ½ − 2)/1.2): n = 3 → Φ(1.25) = 0.894, n = 4 → Φ(2.083) = 0.981
    assert (low, high) == pytest.approx((0.8944, 0.9814), abs=1e-4)
    assert explain(traits, CSL95, "monte_carlo") == (
        "whole units: one more unit of stock moves cycle service from 89 % to 98 %",
    )
    # the same spread on 300 units a cycle: one unit changes nothing visible
    assert explain(_traits(whole_units=True), CSL95, "monte_carlo") == ()


def test_item_traits_from_a_history() -> None:
    history = np.array([0, 0, 5, 0, 1, 0, 50, 0, 4, 0, 0, 6], dtype=float)
    traits = item_traits(history, frequency="M", exposure=3.0, mean_exposure=14.0,
                         sigma_exposure=20.0, reorder_level=40.0,
                         fitted=np.full(12, 16.5))  # fmt: skip
    assert traits.periods == 12 and traits.season == 12
    assert traits.demand_share == pytest.approx(5 / 12)
    assert traits.size_ratio == pytest.approx(50 / 5)
    assert traits.whole_units
    # last season = the whole year: actual mean 5.5, forecast 16.5 → (5.5 − 16.5)/5.5 = −2
    assert traits.last_season_bias == pytest.approx(-2.0)
    assert math.isnan(traits.seasonal_strength)


def test_service_target_follows_the_buffer_method() -> None:
    assert service_target(Scenario()) == ServiceTarget("cycle_service_level", 0.95)
    fill = Scenario().with_setting("buffers.method", "fill_rate")
    assert service_target(fill) == ServiceTarget("fill_rate", 0.98)
    assert service_target(Scenario().with_setting("buffers.method", "days_of_cover")) is None


def test_calibration_needs_a_service_target_and_known_skus(iid) -> None:
    demand, forecasts = iid
    with pytest.raises(ScenarioError, match="needs a service target"):
        calibrate(demand, IID.with_setting("buffers.method", "fixed_units"), forecasts=forecasts)
    with pytest.raises(JitError, match="'NOPE' is not in the data"):
        calibrate(demand, IID, forecasts=forecasts, skus=["NOPE"])
    with pytest.raises(ScenarioError, match="Unknown simulation mode"):
        calibrate(demand, IID, forecasts=forecasts, modes=("history",))  # type: ignore[arg-type]


def _row(sku: str, demand_class: str, achieved: float) -> SkuCalibration:
    gap = 100 * (achieved - 0.9) if math.isfinite(achieved) else math.nan
    flagged = math.isfinite(gap) and abs(gap) > FLAG_POINTS
    return SkuCalibration(
        sku, demand_class, ServiceTarget("cycle_service_level", 0.9),  # type: ignore[arg-type]
        (ModeCalibration("monte_carlo", achieved, gap, flagged, ()),),
    )  # fmt: skip


def test_summary_per_class_counts_medians_and_shares() -> None:
    table = CalibrationTable(
        rows=(
            _row("a", "smooth", 0.90),
            _row("b", "smooth", 0.80),
            _row("c", "smooth", 0.96),
            _row("d", "lumpy", 0.86),
            _row("e", "lumpy", math.nan),
        ),
        modes=("monte_carlo",),
        target=ServiceTarget("cycle_service_level", 0.9),
    )
    summary = table.summary().set_index("demand_class")
    assert list(summary.index) == ["smooth", "lumpy"]
    assert summary.loc["smooth", "items"] == 3
    assert summary.loc["smooth", "median_achieved"] == pytest.approx(0.90)
    # within 5 points: 0.90 only (0.96 is 6 above); reaching 85 %: 0.90 and 0.96
    assert summary.loc["smooth", "share_within_5"] == pytest.approx(1 / 3)
    assert summary.loc["smooth", "share_reaching"] == pytest.approx(2 / 3)
    # the undefined item counts as an item but not in the shares
    assert summary.loc["lumpy", "items"] == 2 and summary.loc["lumpy", "measured"] == 1
    assert summary.loc["lumpy", "share_reaching"] == pytest.approx(1.0)
    assert table.flagged == ("b", "c", "d")  # 10, 6 and 4 points off


def test_an_item_without_simulated_demand_is_undefined_not_perfect() -> None:
    # demand in the first year only, then four years of zeros: the naive forecast is zero with
    # zero backtest error, so Monte Carlo draws no demand and every service KPI reads 100 %
    quantity = np.zeros(60)
    quantity[:12] = 5.0
    dates = pd.date_range("2019-01-01", periods=60, freq="MS")
    demand = DemandData(pd.DataFrame({"date": dates, "sku": "GONE", "quantity": quantity}), "M")
    scenario = Scenario().with_setting("forecast.method", "naive")
    scenario = scenario.with_setting("forecast.candidates", ["naive"])
    scenario = scenario.with_setting("simulation.paths", 10)
    item = calibrate(demand, scenario, modes=("monte_carlo",)).rows[0].mode("monte_carlo")
    assert math.isnan(item.achieved) and math.isnan(item.gap_points) and not item.flagged
    assert item.reasons == (NO_DEMAND,)
