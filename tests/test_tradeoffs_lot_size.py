"""Lot-size trade-off: the EOQ curve's minimum is the closed form (C&M ch. 11 Best Buy
example), the optimum moves with the square root of the setup cost, group curves and the
current lot of each policy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.errors import JitError
from jitcore.pipeline import run_scenario
from jitcore.tradeoffs import LotSizeInputs, lot_size_inputs, lot_size_tradeoff
from tests.tradeoffs_helpers import forecasts, normal_demand, scenario

# Chopra & Meindl, Supply Chain Management, ch. 11: Best Buy's Deskpro computers, D = 12,000
# a year, K = $4,000 per order, h = 20 % of $500 → Q* = 980, annual cost $97,980.
BEST_BUY = LotSizeInputs(
    sku="Deskpro",
    annual_demand=12_000.0,
    ordering_cost=4_000.0,
    holding_cost_per_unit_year=100.0,
    mean_demand=1_000.0,
    current_quantity=1_000.0,
)


def test_curve_minimum_equals_the_closed_form_textbook_example() -> None:
    result = lot_size_tradeoff([BEST_BUY], reductions=())
    today = result.today
    assert today.optimum == pytest.approx(979.8, abs=0.05)
    assert today.minimum_cost == pytest.approx(97_980, abs=1.0)
    assert today.optimum == pytest.approx(math.sqrt(2 * 12_000 * 4_000 / 100), rel=1e-12)
    # the grid's lowest point is the closed form, and a fine brute-force search agrees
    assert today.total.min() == pytest.approx(today.minimum_cost, rel=1e-12)
    assert result.quantities[int(np.argmin(today.total))] == pytest.approx(today.optimum)
    fine = np.linspace(500, 2_000, 150_001)
    brute = BEST_BUY.cost(fine)
    assert fine[np.argmin(brute)] == pytest.approx(today.optimum, abs=0.02)
    assert brute.min() >= today.minimum_cost - 1e-6
    # ordering equals holding at the optimum
    i = int(np.argmin(today.total))
    assert today.ordering[i] == pytest.approx(today.holding[i], rel=1e-9)
    assert result.current_cost == pytest.approx(12_000 / 1_000 * 4_000 + 1_000 / 2 * 100)


@given(st.floats(0.0, 0.95))
@settings(max_examples=30, deadline=None)
def test_cheaper_setups_move_the_optimum_with_the_square_root(reduction: float) -> None:
    result = lot_size_tradeoff([BEST_BUY], reductions=(reduction,))
    curve = result.curves[-1]
    root = math.sqrt(1.0 - reduction)
    assert curve.optimum == pytest.approx(result.today.optimum * root, rel=1e-9)
    assert curve.minimum_cost == pytest.approx(result.today.minimum_cost * root, rel=1e-9)
    assert curve.total.min() == pytest.approx(curve.minimum_cost, rel=1e-9)


def test_group_curve_in_periods_of_demand_has_its_minimum_at_the_common_cycle() -> None:
    small = LotSizeInputs("S", 520.0, 50.0, 2.5, 10.0, 10.0)
    large = LotSizeInputs("L", 5_200.0, 80.0, 5.0, 100.0, 400.0)
    result = lot_size_tradeoff([small, large], reductions=(0.5,))
    assert result.unit == "periods"
    today = result.today
    n = np.geomspace(0.5, 40, 200_001)
    brute = small.cost(n * 10.0) + large.cost(n * 100.0)
    assert today.optimum == pytest.approx(n[np.argmin(brute)], rel=1e-4)
    assert today.minimum_cost == pytest.approx(brute.min(), rel=1e-9)
    assert today.total.min() == pytest.approx(today.minimum_cost, rel=1e-12)
    # the current point is each SKU at its own lot, placed at the demand-weighted cover
    assert result.current == pytest.approx((10.0 + 400.0) / 110.0)
    assert result.current_cost == pytest.approx(small.cost(10.0) + large.cost(400.0))


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("reorder_point", "order_quantity"), ("kanban", "container_size"), ("order_up_to", "dR")],
)
def test_current_lot_follows_the_policy(kind: str, expected: str) -> None:
    value = scenario(paths=20, **{"policy.kind": kind, "policy.review_period": 2})
    result = run_scenario(normal_demand(), value, forecasts=forecasts())
    (inputs,) = lot_size_inputs(result)
    row = result.buffers.get("A")
    want = 2 * row.mean_demand if expected == "dR" else getattr(row, expected)
    assert inputs.current_quantity == pytest.approx(want)
    assert inputs.holding_cost_per_unit_year == pytest.approx(10 * 0.25)
    assert inputs.ordering_cost == 50.0
    if kind == "reorder_point":  # EOQ lots: the current lot is the optimum
        tradeoff = lot_size_tradeoff([inputs])
        assert tradeoff.current_cost == pytest.approx(tradeoff.today.minimum_cost, rel=1e-9)


def test_bad_reductions_and_no_inputs_are_user_errors() -> None:
    with pytest.raises(JitError):
        lot_size_tradeoff([BEST_BUY], reductions=(1.0,))
    with pytest.raises(JitError):
        lot_size_tradeoff([])
