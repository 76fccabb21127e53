"""The fast kernel equals the slow, obvious reference loop on random scenarios."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jitcore.engine import simulate
from jitcore.lanes import ACCUMULATORS, C_SS_SCALE, N_COVERS, POLICY_CODES, SERIES, LaneSet
from jitcore.supply import uniform as fast_uniform
from tests.engine_reference import simulate_reference, uniform

#: How ``random_lanes`` draws each lane setting: a generator method and its arguments before
#: the lane count (in this order, so a seed gives the same lanes).
DRAWS: dict[str, tuple] = {
    "key": ("integers", 0, 1000),
    "lead_time_sd": ("choice", [0.0, 0.0, 0.7, 1.5]),
    "slip_probability": ("choice", [0.0, 0.2]),
    "slip_periods": ("integers", 0, 3),
    "yield_rate": ("choice", [1.0, 0.9]),
    "yield_sd": ("choice", [0.0, 0.05]),
    "capacity": ("choice", [np.inf, 15.0]),
    "min_order_quantity": ("choice", [0.0, 12.0]),
    "order_multiple": ("choice", [0.0, 5.0]),
    "lost_sales": ("integers", 0, 2),
    "review_period": ("integers", 1, 4),
    "safety_stock": ("uniform", 0, 20),
    "reorder_point": ("uniform", 10, 40),
    "order_up_to": ("uniform", 40, 80),
    "order_quantity": ("uniform", 5, 30),
    "kanban_cards": ("integers", 1, 6),
    "smoothing_periods": ("uniform", 1, 5),
    "correction": ("uniform", 0.2, 1.0),
    "revision_periods": ("integers", 1, 5),
    "production_capacity": ("choice", [np.inf, 14.0]),
    "vmi_min_cover": ("uniform", 1, 3),
    "vmi_max_cover": ("uniform", 3, 6),
    "dynamic_levels": ("integers", 0, 2),
    "forecast_mode": ("integers", 0, 3),
    "smoothing_alpha": ("uniform", 0.05, 0.9),
    "moving_average_periods": ("integers", 1, 6),
    "initial_on_hand": ("uniform", 0, 60),
    "initial_pipeline": ("choice", [0.0, 10.0]),
    "warmup_periods": ("integers", 0, 5),
    "whole_units": ("integers", 0, 2),
}


def random_lanes(rng: np.random.Generator, n: int, periods: int, rows: int) -> LaneSet:
    """Lanes with every policy and random supply, constraints and forecast modes."""
    lead = rng.integers(0, 5, n)
    start = rng.integers(0, periods // 3, n)
    end = np.maximum(start + 1, rng.integers(periods // 2, periods + 1, n))
    return LaneSet.build(
        n,
        demand_row=rng.integers(0, rows, n),
        forecast_row=rng.integers(0, rows, n),
        policy=rng.integers(0, len(POLICY_CODES), n),
        start=start,
        end=end,
        record=np.arange(n),
        lead_time=lead,
        lead_time_max=lead + 6,
        **{name: getattr(rng, method)(*args, n) for name, (method, *args) in DRAWS.items()},
    )


def assert_same(fast, slow) -> None:
    for name in ACCUMULATORS:
        i = ACCUMULATORS.index(name)
        np.testing.assert_allclose(
            fast.accumulators[:, i], slow.accumulators[:, i], rtol=1e-9, atol=1e-7, err_msg=name
        )
    for i, name in enumerate(SERIES):
        np.testing.assert_allclose(
            fast.timelines[i], slow.timelines[i], rtol=1e-9, atol=1e-7, err_msg=name
        )


def test_hash_generator_is_the_same_in_both_implementations() -> None:
    for args in [(0, 0, 0, 0), (42, 7, 365, 2), (2**40, 123456, 9, 19)]:
        assert fast_uniform(*args) == uniform(*args)
    draws = np.array([uniform(1, k, t, 0) for k in range(50) for t in range(40)])
    assert draws.min() > 0.0 and draws.max() < 1.0
    assert abs(draws.mean() - 0.5) < 0.03  # 2,000 uniforms: sd of the mean is 0.0065


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_kernel_equals_reference_on_random_lanes(seed: int) -> None:
    rng = np.random.default_rng(seed)
    periods, rows = 40, 3
    demand = rng.gamma(2.0, 5.0, (rows, periods)) * rng.integers(0, 2, (rows, periods))
    forecast = np.abs(rng.normal(10.0, 3.0, (rows, periods)))
    lanes = random_lanes(rng, 16, periods, rows)
    assert_same(simulate(demand, forecast, lanes, seed=seed), simulate_reference(
        demand, forecast, lanes, seed=seed))  # fmt: skip


@pytest.mark.parametrize("policy", sorted(POLICY_CODES))
def test_kernel_equals_reference_for_each_policy(policy: str) -> None:
    rng = np.random.default_rng(7)
    periods, rows = 60, 2
    demand = rng.poisson(10.0, (rows, periods)).astype(float)
    forecast = np.full((rows, periods), 10.0)
    lanes = random_lanes(rng, 12, periods, rows)
    params = lanes.params.copy()
    lanes = LaneSet(lanes.demand_row, lanes.forecast_row, np.full(12, POLICY_CODES[policy]),
                    lanes.start, lanes.end, lanes.key, lanes.record, params)  # fmt: skip
    assert_same(simulate(demand, forecast, lanes, seed=3), simulate_reference(
        demand, forecast, lanes, seed=3))  # fmt: skip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_kernel_equals_reference_with_forecast_covers(seed: int) -> None:
    """Levels over the forecast path: random covers per lane (some lanes without), every
    policy, the initial pipeline at each period's own forecast."""
    rng = np.random.default_rng(seed)
    periods, rows = 40, 3
    demand = rng.gamma(2.0, 5.0, (rows, periods)) * rng.integers(0, 2, (rows, periods))
    forecast = np.abs(rng.normal(10.0, 3.0, (rows, periods)))
    lanes = random_lanes(rng, 16, periods, rows)
    cover = np.abs(rng.normal(30.0, 10.0, (5, N_COVERS, periods)))
    cover[:, C_SS_SCALE] = rng.uniform(0.5, 1.5, (5, periods))
    lanes = replace(lanes, cover_row=rng.integers(-1, 5, lanes.n))
    assert_same(
        simulate(demand, forecast, lanes, seed=seed, cover=cover),
        simulate_reference(demand, forecast, lanes, seed=seed, cover=cover),
    )
