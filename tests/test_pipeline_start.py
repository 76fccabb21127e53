"""The automatic start (``simulation.initial_on_hand`` None) is a steady state of each policy,
sized from the forecast of the first period, not from the horizon's average demand."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from jitcore.demand import DemandData
from jitcore.engine import simulate
from jitcore.forecast import forecast_all
from jitcore.intake import read_demand
from jitcore.pipeline import prepare_demand, run_scenario
from jitcore.pipeline.build import build_lanes, plan_buffers
from jitcore.policies import POLICY_NAMES
from jitcore.scenario import Scenario
from tests.conftest import SAMPLE_DIR
from tests.engine_reference import simulate_reference


@pytest.fixture(scope="module")
def seasonal():
    demand = read_demand(SAMPLE_DIR / "teaching_weekly_long.csv")
    scenario = Scenario().with_setting("policy.kind", "pout")
    return demand, scenario, forecast_all(demand, scenario.forecast)


def test_pout_damps_the_bullwhip_of_a_seasonal_sku_from_the_first_week(seasonal) -> None:
    # POUT with Ti > 1 passes on only 1/Ti of each inventory gap, so orders vary less than
    # demand (Disney & Towill 2003: bullwhip < 1 for Ti > 1). A start sized for the year's
    # average demand left SEASONAL-01 ~250 units backordered in week 3 and bullwhip 1.4.
    demand, scenario, forecasts = seasonal
    s = scenario.with_setting("policy.smoothing_periods", 4.0)
    r = run_scenario(demand, s, forecasts=forecasts, skus=["SEASONAL-01"])
    assert r.kpis.bullwhip < 1.0
    backorders = r.timeline.series("backorders", "SEASONAL-01")
    assert backorders[:, :6].mean() < 5.0


def test_fast_engine_equals_the_reference_on_the_automatic_start(seasonal) -> None:
    demand, scenario, forecasts = seasonal
    s = scenario.with_setting("simulation.paths", 3).with_setting("simulation.periods", 30)
    for kind in ("pout", "order_up_to", "reorder_point", "min_max", "vmi", "heijunka"):
        v = s.with_setting("policy.kind", kind)
        prepared = prepare_demand(demand, v, forecasts)
        lanes = build_lanes(prepared, v, plan_buffers(prepared, v)).lanes
        # the reference plans with the next period's forecast × periods (no forecast covers)
        lanes = replace(lanes, cover_row=None)
        fast = simulate(prepared.demand, prepared.forecast, lanes, seed=5)
        slow = simulate_reference(prepared.demand, prepared.forecast, lanes, seed=5)
        np.testing.assert_allclose(fast.accumulators, slow.accumulators, rtol=1e-9, atol=1e-6)


def _constant(level: float = 100.0, weeks: int = 104) -> DemandData:
    dates = pd.date_range("2024-01-01", periods=weeks, freq="W-MON")
    frame = pd.DataFrame({"date": dates, "sku": "FLAT", "quantity": level})
    return DemandData(frame, "W", name="flat")


@pytest.mark.parametrize("kind", sorted(POLICY_NAMES))
@pytest.mark.parametrize("levels", ["follow_forecast", "fixed"])
@pytest.mark.parametrize("review", [1, 3])
def test_constant_demand_starts_and_stays_without_shortages(kind, levels, review) -> None:
    data = _constant()
    s = (
        Scenario()
        .with_setting("policy.kind", kind)
        .with_setting("policy.levels", levels)
        .with_setting("policy.review_period", review)
        .with_setting("simulation.mode", "replay")
    )
    r = run_scenario(data, s)
    assert r.kpis.units_short == 0.0
    assert r.kpis.fill_rate == 1.0
    on_hand = r.timeline.series("on_hand", "FLAT")[0]
    # the honest replay starts once the history allows a plan (the warm-up): NaN before it
    assert np.isnan(on_hand[0]) and np.isfinite(on_hand[-1])
    on_hand = on_hand[np.isfinite(on_hand)]
    assert on_hand.min() >= 0.0
    if kind in ("order_up_to", "pout", "lot_for_lot", "heijunka") and review == 1:
        # steady from the first period: the start is the policy's own steady state
        np.testing.assert_allclose(on_hand, on_hand[0], atol=1e-6)
