"""Each policy on deterministic demand gives the exact textbook trajectory; order constraints
and the supply model do what they say."""

from __future__ import annotations

import numpy as np
import pytest

from tests.engine_helpers import run_policy

D = 10.0  # units per period, every period
PERIODS = 60


def constant(paths: int = 1, periods: int = PERIODS, value: float = D) -> np.ndarray:
    return np.full((paths, periods), value)


def series(out, name: str) -> np.ndarray:
    return out.series(name)[0]


def test_order_up_to_holds_exactly_the_safety_stock() -> None:
    # S = d·(L+1) + SS = 35; start with SS on hand and one period's demand in each of the L+1
    # arrivals: every period receives 10, sells 10, ends with 5 and orders 10.
    kpis, out = run_policy("order_up_to", constant(), D, lead_time=2, order_up_to=35.0,
                           initial_on_hand=5.0, initial_pipeline=D)  # fmt: skip
    assert np.all(series(out, "on_hand") == 5.0)
    assert np.all(series(out, "orders") == D)
    assert np.all(series(out, "receipts") == D)
    assert np.all(series(out, "inventory_position") == 35.0)
    assert kpis.fill_rate == 1.0 and kpis.stockout_periods == 0
    assert kpis.average_on_hand == 5.0
    assert kpis.orders_placed == PERIODS


def test_order_placed_at_t_arrives_at_t_plus_lead_time_plus_one() -> None:
    _, out = run_policy("order_up_to", constant(), D, lead_time=3, order_up_to=100.0,
                        initial_on_hand=0.0)  # fmt: skip
    orders, receipts = series(out, "orders"), series(out, "receipts")
    assert orders[0] == 110.0  # position after the first demand: 0 − 10 backordered
    assert np.flatnonzero(receipts)[0] == 0 + 3 + 1
    np.testing.assert_array_equal(receipts[4:20], orders[0:16])


def test_reorder_point_sawtooth() -> None:
    # s = d·(L+1) = 30, Q = 50: end-of-period stock cycles 50, 40, 30, 20, 10 (mean 30),
    # one order every Q/d = 5 periods, never short.
    kpis, out = run_policy("reorder_point", constant(), D, lead_time=2, reorder_point=30.0,
                           order_quantity=50.0, initial_on_hand=40.0,
                           warmup_periods=10)  # fmt: skip
    stock = series(out, "on_hand")[10:]
    assert set(np.unique(stock)) == {10.0, 20.0, 30.0, 40.0, 50.0}
    assert kpis.average_on_hand == pytest.approx(30.0)
    assert kpis.orders_placed == pytest.approx((PERIODS - 10) / 5)
    assert kpis.fill_rate == 1.0


def test_reorder_point_orders_several_lots_after_a_big_drop() -> None:
    demand = constant()
    demand[0, 5] = 130.0
    _, out = run_policy("reorder_point", demand, D, lead_time=1, reorder_point=20.0,
                        order_quantity=30.0, initial_on_hand=60.0)  # fmt: skip
    orders = series(out, "orders")
    position = series(out, "inventory_position")
    assert orders[5] % 30.0 == 0 and orders[5] >= 90.0
    assert np.all(position[orders > 0] > 20.0)


def test_min_max_orders_up_to_the_maximum() -> None:
    _, out = run_policy("min_max", constant(), D, lead_time=1, reorder_point=25.0,
                        order_up_to=60.0, initial_on_hand=40.0)  # fmt: skip
    orders, position = series(out, "orders"), series(out, "inventory_position")
    assert np.all(position[orders > 0] == 60.0)
    before = position[np.flatnonzero(orders)] - orders[orders > 0]
    assert np.all(before <= 25.0)


def test_kanban_with_exact_cards_runs_with_zero_stock_and_one_card_less_starves() -> None:
    # N = ceil(d·(L+1)·(1+0)/C) = 3 containers of 10: stock ends every period at zero, no shortage.
    kpis, out = run_policy("kanban", constant(), D, lead_time=2, kanban_cards=3,
                           order_quantity=10.0, initial_on_hand=30.0)  # fmt: skip
    assert kpis.fill_rate == 1.0
    assert np.all(series(out, "on_hand")[2:] == 0.0)
    assert np.all(series(out, "orders") == 10.0)
    # two cards carry two containers per three periods: fill rate 2/3
    short, _ = run_policy("kanban", constant(periods=600), D, lead_time=2, kanban_cards=2,
                          order_quantity=10.0, initial_on_hand=20.0,
                          lost_sales=1)  # fmt: skip
    assert short.fill_rate == pytest.approx(2 / 3, abs=0.01)


def test_vmi_ships_to_the_maximum_cover() -> None:
    _, out = run_policy("vmi", constant(), D, lead_time=1, review_period=2, vmi_min_cover=3.0,
                        vmi_max_cover=6.0, initial_on_hand=50.0)  # fmt: skip
    orders, position = series(out, "orders"), series(out, "inventory_position")
    reviews = np.arange(PERIODS) % 2 == 0
    assert np.all(orders[~reviews] == 0)
    assert np.all(position[orders > 0] == 60.0)


def test_heijunka_levels_the_rate_and_respects_the_capacity() -> None:
    demand = np.tile([0.0, 20.0], (1, PERIODS // 2))  # mean 10, alternating
    _, out = run_policy("heijunka", demand, D, lead_time=1, revision_periods=4,
                        safety_stock=10.0, initial_on_hand=30.0)  # fmt: skip
    orders = series(out, "orders")
    for block in orders.reshape(-1, 4):
        assert np.all(block == block[0])  # constant within each revision interval
    assert orders[8:].mean() == pytest.approx(10.0, abs=0.5)
    _, capped = run_policy("heijunka", constant(value=30.0), 30.0, lead_time=1,
                           revision_periods=2, production_capacity=12.0)  # fmt: skip
    assert series(capped, "orders").max() == 12.0


def test_pout_with_ti_one_is_order_up_to() -> None:
    demand = np.random.default_rng(3).gamma(4.0, 2.5, (20, 80))
    common = dict(lead_time=2, safety_stock=15.0, initial_on_hand=20.0)
    pout, a = run_policy("pout", demand, D, smoothing_periods=1.0, **common)
    out_level, b = run_policy("order_up_to", demand, D, order_up_to=D * 3 + 15.0, **common)
    lfl, c = run_policy("lot_for_lot", demand, D, correction=1.0, **common)
    np.testing.assert_allclose(a.timelines, b.timelines)
    np.testing.assert_allclose(a.timelines, c.timelines)
    assert pout == out_level


def test_lot_for_lot_partial_correction_is_pout() -> None:
    demand = np.random.default_rng(4).gamma(4.0, 2.5, (10, 80))
    common = dict(lead_time=1, safety_stock=5.0, initial_on_hand=20.0)
    _, a = run_policy("lot_for_lot", demand, D, correction=0.25, **common)
    _, b = run_policy("pout", demand, D, smoothing_periods=4.0, **common)
    np.testing.assert_allclose(a.timelines, b.timelines, atol=1e-9)


def test_minimum_order_quantity_and_multiples() -> None:
    demand = np.random.default_rng(5).uniform(0, 20, (10, 100))
    _, out = run_policy("order_up_to", demand, D, lead_time=1, order_up_to=40.0,
                        initial_on_hand=20.0, min_order_quantity=25.0,
                        order_multiple=10.0)  # fmt: skip
    orders = out.series("orders")[:5]
    placed = orders[orders > 0]
    assert placed.min() >= 25.0
    assert np.all(placed % 10.0 == 0)


def test_lead_time_variability_keeps_the_mean_and_lets_shipments_cross() -> None:
    kpis, out = run_policy("order_up_to", constant(paths=50, periods=400), D, lead_time=4,
                           lead_time_sd=1.5, lead_time_max=10, order_up_to=60.0,
                           initial_on_hand=60.0)  # fmt: skip
    assert kpis.fill_rate < 1.0  # variability causes shortages a fixed lead time would not
    fixed, _ = run_policy("order_up_to", constant(paths=50, periods=400), D, lead_time=4,
                          order_up_to=60.0, initial_on_hand=60.0)  # fmt: skip
    assert fixed.fill_rate == 1.0
    # pipeline stock = d × mean lead time (Little's law): position − on hand + backorders
    timeline = out.timelines
    in_transit = timeline[8] - timeline[5] + timeline[6]
    assert np.nanmean(in_transit[:, 50:]) == pytest.approx(D * 4 + D, rel=0.03)


def test_supplier_slips_yield_and_capacity() -> None:
    demand = constant(paths=200, periods=300)
    # slips: an order arrives L+1 periods later, or L+1+2 with probability 0.3
    _, out = run_policy("order_up_to", demand, D, lead_time=1, slip_probability=0.3,
                        slip_periods=2, order_up_to=80.0, initial_on_hand=80.0)  # fmt: skip
    on_order = out.timelines[8] - out.timelines[5] + out.timelines[6]
    assert np.nanmean(on_order[:, 20:]) == pytest.approx(D * (1 + 1 + 0.3 * 2), rel=0.03)
    # yield: 80 % good, the rest rejected; the policy reorders what was rejected
    kpis, _ = run_policy("order_up_to", demand, D, lead_time=1, yield_rate=0.8,
                         order_up_to=40.0, initial_on_hand=40.0, warmup_periods=20)  # fmt: skip
    assert kpis.units_defective / (kpis.units_defective + kpis.units_demanded) == pytest.approx(
        0.2, abs=0.005
    )
    # capacity: never more than 12 released per period
    _, capped = run_policy("order_up_to", constant(value=10.0), D, lead_time=0, capacity=12.0,
                           order_up_to=30.0, initial_on_hand=0.0)  # fmt: skip
    assert series(capped, "receipts").max() == 12.0
