"""Buffer formulas against textbook worked examples (tests/data/textbook_values.json) and
their defining properties."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.buffers import formulas as f
from jitcore.buffers.plan import SkuDemandStats, SkuSupplyTerms, plan_sku
from jitcore.buffers.settings import BufferSettings
from jitcore.errors import JitError
from tests.conftest import ROOT

BOOK = json.loads((ROOT / "tests" / "data" / "textbook_values.json").read_text())


def close(value: float, case: dict, key: str) -> None:
    assert value == pytest.approx(case["expected"][key], abs=case["tolerance"][key]), case["source"]


def test_eoq_chopra_meindl_best_buy() -> None:
    case = BOOK["eoq_best_buy"]
    i = case["inputs"]
    annual = i["monthly_demand"] * 12
    h = i["unit_cost"] * i["holding_rate"]
    q = f.eoq(annual_demand=annual, ordering_cost=i["ordering_cost"], holding_cost_per_unit_year=h)
    close(q, case, "eoq")
    cost = f.eoq_total_cost(
        980.0, annual_demand=annual, ordering_cost=i["ordering_cost"], holding_cost_per_unit_year=h
    )
    close(cost, case, "annual_ordering_and_holding_cost")
    close(annual / 980.0, case, "orders_per_year")


def test_eoq_curve_has_its_minimum_at_the_eoq() -> None:
    curve = f.eoq_curve(annual_demand=12000, ordering_cost=4000, holding_cost_per_unit_year=100)
    best = curve.quantities[np.argmin(curve.total)]
    assert best == pytest.approx(curve.eoq, rel=0.02)
    assert curve.total.min() == pytest.approx(curve.minimum_cost, rel=1e-3)
    # at the EOQ ordering and holding costs are equal: sqrt(2DKh)/2 each
    assert curve.minimum_cost == pytest.approx(math.sqrt(2 * 12000 * 4000 * 100))
    assert not curve.total.flags.writeable


def test_safety_stock_chopra_meindl_lego() -> None:
    case = BOOK["safety_stock_lego"]
    i = case["inputs"]
    sigma = f.exposure_sd(demand_sd=i["weekly_sd"], lead_time=i["lead_time_weeks"])
    close(sigma, case, "sigma_lead_time")
    close(f.safety_stock_cycle_service_level(i["cycle_service_level"], sigma), case, "safety_stock")


def test_cycle_service_level_chopra_meindl_lego() -> None:
    case = BOOK["cycle_service_level_lego"]
    i = case["inputs"]
    sigma = f.exposure_sd(demand_sd=i["weekly_sd"], lead_time=i["lead_time_weeks"])
    csl = f.cycle_service_level(
        level=i["reorder_point"],
        mean_exposure=i["weekly_demand"] * i["lead_time_weeks"],
        sigma_exposure=sigma,
    )
    close(csl, case, "cycle_service_level")


def test_fill_rate_chopra_meindl_lego() -> None:
    case = BOOK["fill_rate_lego"]
    i = case["inputs"]
    k = i["safety_stock"] / i["sigma_lead_time"]
    close(i["sigma_lead_time"] * f.normal_loss(k), case, "expected_shortage_per_cycle")
    beta = f.fill_rate_reorder_point(
        reorder_point=i["safety_stock"],
        order_quantity=i["order_quantity"],
        mean_exposure=0.0,
        sigma_exposure=i["sigma_lead_time"],
    )
    close(beta, case, "fill_rate")
    # and back: the safety stock for that fill rate is the example's 1,000 units
    safety = f.safety_stock_fill_rate(
        0.9975, sigma_exposure=i["sigma_lead_time"], cycle_quantity=i["order_quantity"]
    )
    assert safety == pytest.approx(1000, abs=5)


def test_lead_time_variability_chopra_meindl_dell() -> None:
    case = BOOK["lead_time_variability_dell"]
    i = case["inputs"]
    sigma = f.exposure_sd(
        demand_sd=i["daily_sd"],
        lead_time=i["lead_time_days"],
        mean_demand=i["daily_demand"],
        lead_time_sd=i["lead_time_sd_days"],
    )
    close(sigma, case, "sigma_lead_time")
    close(f.safety_stock_cycle_service_level(i["cycle_service_level"], sigma), case, "safety_stock")


def test_kanban_heizer_render_hobbs_bakery() -> None:
    case = BOOK["kanban_hobbs_bakery"]
    i = case["inputs"]
    n = f.kanban_count(
        demand_per_period=i["daily_demand"],
        lead_time=i["lead_time_days"],
        safety_factor=i["safety_factor"],
        container_size=i["container_size"],
    )
    assert n == case["expected"]["kanbans"]
    # one unit more demand needs a sixth container (rounded up, never down)
    assert f.kanban_count(demand_per_period=501, lead_time=2, safety_factor=0.25,
                          container_size=250) == 6  # fmt: skip


@pytest.mark.parametrize("k, expected", BOOK["unit_normal_loss"]["values"].items())
def test_unit_normal_loss_table(k: str, expected: float) -> None:
    assert f.normal_loss(float(k)) == pytest.approx(
        expected, abs=BOOK["unit_normal_loss"]["tolerance"]
    )


@settings(deadline=None)
@given(st.floats(-4.0, 4.0))
def test_inverse_loss_inverts_the_loss_function(k: float) -> None:
    assert f.inverse_normal_loss(f.normal_loss(k)) == pytest.approx(k, abs=1e-7)


@settings(deadline=None)
@given(st.floats(-4.0, 4.0))
def test_second_order_loss_is_the_integral_of_the_loss(k: float) -> None:
    grid = np.linspace(k, 12.0, 20001)
    values = f.normal_loss(grid)
    integral = float(np.sum((values[1:] + values[:-1]) / 2 * np.diff(grid)))
    assert f.normal_second_loss(k) == pytest.approx(integral, abs=1e-6)


@settings(deadline=None)
@given(
    sd=st.floats(0.1, 500.0),
    lead=st.integers(0, 20),
    review=st.integers(0, 10),
    mean=st.floats(0.0, 1000.0),
    lead_sd=st.floats(0.0, 5.0),
)
def test_exposure_sd_formula(
    sd: float, lead: int, review: int, mean: float, lead_sd: float
) -> None:
    sigma = f.exposure_sd(
        demand_sd=sd, lead_time=lead, review_period=review, mean_demand=mean, lead_time_sd=lead_sd
    )
    assert sigma == pytest.approx(math.sqrt((lead + review) * sd**2 + mean**2 * lead_sd**2))
    # the lead-time term added to a backtest σ gives the same total
    assert f.combine_lead_time_variability(
        math.sqrt(lead + review) * sd, mean_demand=mean, lead_time_sd=lead_sd
    ) == pytest.approx(sigma)


@settings(deadline=None)
@given(st.floats(0.51, 0.999), st.floats(0.51, 0.999))
def test_safety_stock_grows_with_the_service_target(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert f.safety_stock_cycle_service_level(low, 100.0) <= f.safety_stock_cycle_service_level(
        high, 100.0
    )
    assert f.safety_stock_fill_rate(
        low, sigma_exposure=100.0, cycle_quantity=50.0
    ) <= f.safety_stock_fill_rate(high, sigma_exposure=100.0, cycle_quantity=50.0)


def test_days_of_cover_and_levels() -> None:
    # 14 days of cover with weekly demand of 70 units: two weeks = 140 units
    assert f.safety_stock_days_of_cover(14, mean_demand=70, days_per_period=7) == 140
    assert f.reorder_point(mean_demand=10, lead_time=2, review_period=1, safety_stock=5) == 35
    assert f.order_up_to_level(mean_demand=10, lead_time=2, review_period=4, safety_stock=5) == 65
    assert f.round_order_quantity(7, minimum=10, multiple=4) == 12
    assert f.round_order_quantity(0, minimum=10, multiple=4) == 0


def test_invalid_inputs_raise_plain_errors() -> None:
    with pytest.raises(JitError, match="between 0 and 1"):
        f.safety_stock_cycle_service_level(1.2, 10.0)
    with pytest.raises(JitError, match="holding cost"):
        f.eoq(annual_demand=100, ordering_cost=10, holding_cost_per_unit_year=0)
    with pytest.raises(JitError, match="container"):
        f.kanban_count(demand_per_period=1, lead_time=1, safety_factor=0, container_size=0)


def terms(**changes: float) -> SkuSupplyTerms:
    base = dict(
        lead_time=2, lead_time_sd=0.0, review_period=1, periods_per_year=52, days_per_period=7,
        unit_cost=10.0, holding_rate=0.25, ordering_cost=50.0,
    )  # fmt: skip
    base.update(changes)
    return SkuSupplyTerms(**base)


def test_plan_sku_uses_the_exposure_and_both_uncertainty_sources() -> None:
    stats = SkuDemandStats("A", mean_demand=100.0, demand_sd=20.0,
                           forecast_error_sd=lambda n: 10.0 * math.sqrt(n))  # fmt: skip
    by_demand = plan_sku(stats, BufferSettings(uncertainty="demand_sd"), terms())
    assert by_demand.exposure == 3
    assert by_demand.sigma_exposure == pytest.approx(20.0 * math.sqrt(3))
    assert by_demand.safety_stock == pytest.approx(1.6448536 * 20.0 * math.sqrt(3), rel=1e-6)
    assert by_demand.reorder_point == pytest.approx(300 + by_demand.safety_stock)
    assert by_demand.expected_cycle_service_level == pytest.approx(0.95)
    by_forecast = plan_sku(stats, BufferSettings(uncertainty="forecast_error"), terms())
    assert by_forecast.sigma_exposure == pytest.approx(10.0 * math.sqrt(3))
    # EOQ: sqrt(2 · 5,200 · 50 / 2.5) = 456.1
    assert by_demand.eoq == pytest.approx(math.sqrt(2 * 5200 * 50 / 2.5))
    # kanban: container = one period (100), alpha from SS → N·C covers d·(L+R) + SS
    assert by_demand.container_size == 100
    assert by_demand.kanban_cards == math.ceil((300 + by_demand.safety_stock) / 100 - 1e-9)


def test_plan_sku_fixed_methods_and_overrides() -> None:
    stats = SkuDemandStats("A", mean_demand=70.0, demand_sd=20.0)
    cover = plan_sku(stats, BufferSettings(method="days_of_cover", days_of_cover=14), terms())
    assert cover.safety_stock == pytest.approx(140.0)
    fixed = plan_sku(stats, BufferSettings(method="fixed_units", fixed_units=33), terms())
    assert fixed.safety_stock == 33
    override = plan_sku(stats, BufferSettings(), terms(safety_stock=7.0, min_order_quantity=1000))
    assert override.safety_stock == 7.0
    assert override.order_quantity == 1000
