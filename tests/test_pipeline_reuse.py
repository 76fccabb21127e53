"""Sweeps without repeated work: the lanes of all variants built in one step, the demand paths
of a run reused by the next run on the same data, and the fast normal functions of the buffer
formulas — each equal to the slower way it replaces."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

import jitcore.pipeline.prepare as prepare_module
from jitcore.buffers import formulas
from jitcore.demand import DemandData
from jitcore.demand_model import DemandModel
from jitcore.engine import simulate
from jitcore.forecast import forecast_all
from jitcore.lanes import LaneSet
from jitcore.pipeline import (
    build_lanes,
    build_variant_lanes,
    clear_prepared_cache,
    plan_buffers,
    prepare_demand,
    run_scenario,
    run_sweep,
)
from jitcore.scenario import Scenario

KINDS = ("order_up_to", "kanban", "min_max", "reorder_point", "vmi", "heijunka", "pout",
         "lot_for_lot")  # fmt: skip


@pytest.fixture(scope="module")
def weekly() -> tuple[DemandData, Scenario, dict]:
    rng = np.random.default_rng(0)
    dates = pd.date_range("2024-01-01", periods=60, freq="W-MON")
    frame = pd.concat(
        pd.DataFrame({"date": dates, "sku": sku, "quantity": rng.poisson(20 + 10 * i, 60)})
        for i, sku in enumerate(("A", "B", "C"))
    )
    data = DemandData(frame.astype({"quantity": float}), "W")
    scenario = Scenario().with_setting("simulation.paths", 7)
    return data, scenario, forecast_all(data, scenario.forecast)


def test_variant_lanes_equal_separate_lane_sets_concatenated(weekly) -> None:
    data, base, forecasts = weekly
    variants = [
        base.with_setting("policy.kind", kind)
        .with_setting("simulation.timeline_paths", kept)
        .with_setting("costs.shortage_cost", float(i))
        for i, (kind, kept) in enumerate(zip(KINDS, (3, 0, 7, 100, 2, 1, 5, 0), strict=True))
    ]
    prepared = prepare_demand(data, base, forecasts)
    plans = [plan_buffers(prepared, v) for v in variants]
    parts = [build_lanes(prepared, v, p) for v, p in zip(variants, plans, strict=True)]
    expected = LaneSet.concat([p.lanes for p in parts])
    together = build_variant_lanes(prepared, variants, plans)
    for name in ("demand_row", "forecast_row", "policy", "start", "end", "key", "record"):
        np.testing.assert_array_equal(getattr(together.lanes, name), getattr(expected, name))
    np.testing.assert_array_equal(together.lanes.params, expected.params)
    # slots numbered across variants: 3 SKUs × (3 + 0 + 7 + 7 + 2 + 1 + 5 + 0) kept paths
    assert together.lanes.n_recorded == 3 * 25
    for name in ("holding", "ordering", "shortage", "defect"):
        np.testing.assert_array_equal(
            getattr(together, name), np.concatenate([getattr(p, name) for p in parts])
        )
    assert together.shortage[: 3 * 7].tolist() == [0.0] * 21
    assert together.shortage[-1] == 7.0


def test_second_run_on_the_same_data_reuses_the_demand_paths(weekly, monkeypatch) -> None:
    data, base, forecasts = weekly
    clear_prepared_cache()
    fresh = run_scenario(data, base, forecasts=forecasts)
    calls = []
    original = DemandModel.draw
    monkeypatch.setattr(DemandModel, "draw", lambda *a, **k: calls.append(1) or original(*a, **k))
    # only buffer settings change: no new draws, the same KPIs as a run from scratch
    again = run_scenario(data, base, forecasts=forecasts)
    swept = run_sweep(data, base, "buffers.cycle_service_level", [0.8, 0.95], forecasts=forecasts)
    assert calls == []
    assert again.kpis == fresh.kpis
    assert swept.results[1].kpis == fresh.kpis
    assert swept.results[0].kpis.average_on_hand < fresh.kpis.average_on_hand
    # a new seed, a SKU subset or another forecasts object draws again
    run_scenario(data, base.with_setting("simulation.seed", 7), forecasts=forecasts)
    assert len(calls) == 3
    one = run_scenario(data, base, forecasts=forecasts, skus=["B"])
    assert len(calls) == 4 and one.skus == ("B",)
    # a new mapping of the same forecast results (as pages build them) reuses the paths;
    # another result object for a SKU draws again
    run_scenario(data, base, forecasts=dict(forecasts))
    assert len(calls) == 4
    refitted = forecast_all(data, base.forecast, skus=["C"])
    run_scenario(data, base, forecasts={**forecasts, **refitted})
    assert len(calls) == 7
    clear_prepared_cache()
    assert run_scenario(data, base, forecasts=forecasts).kpis == fresh.kpis
    assert len(calls) == 10


def test_reused_matrices_are_read_only_and_simulate_copies_them() -> None:
    lanes = LaneSet.build(2, demand_row=np.arange(2), end=8, lead_time=1, order_up_to=30.0)
    demand = np.arange(16.0).reshape(2, 8)
    forecast = np.full((1, 8), 10.0)
    expected = simulate(demand, forecast, lanes, seed=3)
    demand.flags.writeable = False
    forecast.flags.writeable = False
    shared = simulate(demand, forecast, lanes, seed=3)
    np.testing.assert_array_equal(shared.accumulators, expected.accumulators)
    np.testing.assert_array_equal(shared.timelines, expected.timelines)


def test_reused_prepared_demand_cannot_be_changed(weekly) -> None:
    data, base, forecasts = weekly
    clear_prepared_cache()
    prepared = prepare_module.prepare_demand_reused(
        data, base, forecasts, skus=None, select=lambda: data
    )
    with pytest.raises(ValueError):
        prepared.demand[0, 0] = 1.0
    assert (
        prepare_module.prepare_demand_reused(data, base, forecasts, skus=None, select=lambda: data)
        is prepared
    )


def test_normal_functions_equal_scipy_stats_norm_bit_for_bit() -> None:
    x = np.concatenate([np.linspace(-9.0, 9.0, 20_001), [np.inf, -np.inf]])
    q = np.concatenate([np.linspace(0.0, 1.0, 10_001), [1e-300, 1.0 - 1e-16]])
    np.testing.assert_array_equal(formulas._pdf(x), norm.pdf(x))
    np.testing.assert_array_equal(formulas._cdf(x), norm.cdf(x))
    np.testing.assert_array_equal(formulas._sf(x), norm.sf(x))
    np.testing.assert_array_equal(formulas._ppf(q), norm.ppf(q))
    # SPT (2017) ch. 6 unit normal loss table: G(0) = 0.3989, G(1) = 0.0833, G(2) = 0.0085
    assert formulas.normal_loss(0.0) == pytest.approx(0.3989, abs=1e-4)
    assert formulas.normal_loss(1.0) == pytest.approx(0.0833, abs=1e-4)
    assert formulas.normal_loss(2.0) == pytest.approx(0.0085, abs=1e-4)
    # C&M ch. 12: k for a 95 % cycle service level is 1.645
    assert formulas.safety_factor_for_cycle_service_level(0.95) == pytest.approx(1.6449, abs=1e-4)


def test_large_preparations_are_not_kept(weekly, monkeypatch) -> None:
    data, base, forecasts = weekly
    clear_prepared_cache()
    monkeypatch.setattr(prepare_module, "_CACHE_BYTES", 100)  # smaller than one preparation

    def reuse():
        return prepare_module.prepare_demand_reused(
            data, base, forecasts, skus=None, select=lambda: data
        )

    first = reuse()
    assert reuse() is not first
    np.testing.assert_array_equal(reuse().demand, first.demand)
    assert len(prepare_module._cache) == 0
