"""Invariants of the engine on random scenarios (hypothesis): stock balance on every path and
period, nothing negative, units conserved from order to receipt, same seed → same result."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jitcore.engine import simulate
from jitcore.lanes import ACCUMULATORS, LaneSet
from tests.test_engine_reference import random_lanes

PERIODS, ROWS = 50, 4


def scenario(seed: int) -> tuple[np.ndarray, np.ndarray, LaneSet]:
    rng = np.random.default_rng(seed)
    demand = rng.gamma(1.5, 6.0, (ROWS, PERIODS)) * (rng.random((ROWS, PERIODS)) < 0.8)
    forecast = np.abs(rng.normal(9.0, 3.0, (ROWS, PERIODS)))
    return demand, forecast, random_lanes(rng, 40, PERIODS, ROWS)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_stock_balance_holds_on_every_path_and_period(seed: int) -> None:
    demand, forecast, lanes = scenario(seed)
    out = simulate(demand, forecast, lanes, seed=seed)
    get = out.series
    for lane in range(lanes.n):
        slot, start, end = lanes.record[lane], lanes.start[lane], lanes.end[lane]
        on_hand = get("on_hand")[slot, start:end]
        backorders = get("backorders")[slot, start:end]
        net = on_hand - backorders
        previous = np.concatenate([[lanes.param("initial_on_hand")[lane]], net[:-1]])
        change = (
            get("receipts")[slot, start:end]
            - get("demand")[slot, start:end]
            + get("lost_sales")[slot, start:end]
        )
        # net stock(t) = net stock(t−1) + good receipts(t) − demand(t) + demand lost(t)
        np.testing.assert_allclose(net, previous + change, atol=1e-7)
        for name in ("on_hand", "backorders", "orders", "receipts", "defects", "lost_sales"):
            assert np.all(get(name)[slot, start:end] >= -1e-9), name
        assert np.all((on_hand < 1e-9) | (backorders < 1e-9))  # never both at once
        # units conserved: ordered + initial pipeline = received (good + rejected) + still open
        lead = int(lanes.param("lead_time")[lane])
        initial = lanes.param("initial_pipeline")[lane] * (lead + 1)
        ordered = get("orders")[slot, start:end].sum() + initial
        received = get("receipts")[slot, start:end].sum() + get("defects")[slot, start:end].sum()
        open_orders = out.accumulator("end_on_order")[lane]
        np.testing.assert_allclose(ordered, received + open_orders, rtol=1e-9, atol=1e-6)
        # lost sales and backorders are exclusive
        if lanes.param("lost_sales")[lane] > 0.5:
            assert np.all(backorders == 0)
        else:
            assert np.all(get("lost_sales")[slot, start:end] == 0)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_same_seed_same_result_other_seed_other_supply(seed: int) -> None:
    demand, forecast, lanes = scenario(seed)
    first = simulate(demand, forecast, lanes, seed=seed)
    again = simulate(demand, forecast, lanes, seed=seed)
    np.testing.assert_array_equal(first.accumulators, again.accumulators)
    np.testing.assert_array_equal(first.timelines, again.timelines)


def test_a_lane_does_not_depend_on_its_neighbours() -> None:
    demand, forecast, lanes = scenario(5)
    whole = simulate(demand, forecast, lanes, seed=9)
    half = LaneSet(*(getattr(lanes, name)[:20] for name in (
        "demand_row", "forecast_row", "policy", "start", "end", "key", "record", "params")))  # fmt: skip
    part = simulate(demand, forecast, half, seed=9)
    np.testing.assert_array_equal(whole.accumulators[:20], part.accumulators)


def test_kpi_window_skips_the_warmup() -> None:
    demand = np.full((1, 30), 4.0)
    lanes = LaneSet.build(1, end=30, order_up_to=20.0, initial_on_hand=20.0, warmup_periods=10)
    out = simulate(demand, demand, lanes)
    assert out.accumulator("periods")[0] == 20
    assert out.accumulator("demand")[0] == 80.0
    assert ACCUMULATORS[0] == "periods"


def test_result_does_not_depend_on_the_number_of_threads(monkeypatch) -> None:
    rng = np.random.default_rng(8)
    demand = rng.gamma(2.0, 5.0, (ROWS, 400))
    forecast = np.full((ROWS, 400), 10.0)
    lanes = random_lanes(rng, 300, 400, ROWS)
    results = []
    for threads in ("1", "2", "3"):
        monkeypatch.setenv("JITCORE_THREADS", threads)
        results.append(simulate(demand, forecast, lanes, seed=4))
    for other in results[1:]:
        np.testing.assert_array_equal(results[0].accumulators, other.accumulators)
        np.testing.assert_array_equal(results[0].timelines, other.timelines)


def test_stale_kernel_cache_is_dropped_when_an_inlined_module_changes(
    tmp_path, monkeypatch
) -> None:
    from jitcore.engine import kernel

    (tmp_path / "kernel.simulate_blocks-1.py311.nbi").write_text("old")
    (tmp_path / "kernel.dependencies").write_text("a different hash")

    class FakeCache:
        _cache_path = str(tmp_path)

    monkeypatch.setattr(kernel.simulate_blocks, "_cache", FakeCache(), raising=False)
    kernel._drop_stale_cache()
    assert not (tmp_path / "kernel.simulate_blocks-1.py311.nbi").exists()
    stamp = (tmp_path / "kernel.dependencies").read_text()
    assert stamp != "a different hash"
    (tmp_path / "kernel.simulate_blocks-2.py311.nbi").write_text("current")
    kernel._drop_stale_cache()  # unchanged sources: the cache is kept
    assert (tmp_path / "kernel.simulate_blocks-2.py311.nbi").exists()
