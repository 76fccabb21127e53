"""Plan views: the formulas shown with a SKU's numbers reproduce textbook examples, the table
carries units, the EOQ curve has its minimum at the EOQ."""

from __future__ import annotations

import numpy as np
import pytest

from jitcore.buffers import BufferSettings, BufferTable, SkuDemandStats, SkuSupplyTerms, plan_sku
from jitcore.charts.plan import eoq_figure, formulas, plan_table


def _terms(**changes) -> SkuSupplyTerms:
    values = dict(
        lead_time=2.0,
        lead_time_sd=0.0,
        review_period=0.0,
        periods_per_year=52.0,
        days_per_period=7.0,
        unit_cost=10.0,
        holding_rate=0.25,
        ordering_cost=50.0,
    )
    values.update(changes)
    return SkuSupplyTerms(**values)


def test_safety_stock_formula_shows_the_lego_example() -> None:
    """C&M ch. 12, Lego at Walmart: weekly demand 2,500, σ 500, L = 2 weeks, CSL 90 % →
    σ_L = 707 and SS = 906 (continuous review: R = 0)."""
    settings = BufferSettings(cycle_service_level=0.9, uncertainty="demand_sd")
    buffer = plan_sku(SkuDemandStats("LEGO", 2500.0, 500.0), settings, _terms())
    shown = formulas(buffer, settings, frequency="W", ordering_cost=50.0)
    sigma, safety, reorder, order_up_to = shown[:4]
    assert r"\sqrt{(L+R)\,\sigma_d^2" in sigma.general
    assert r"= 707.1\ \text{units}" in sigma.numbers
    assert r"\Phi^{-1}(0.9) = 1.282" in safety.numbers
    assert r"= 906.2\ \text{units}" in safety.numbers
    assert r"s = 2\,500 \times (2+0) + 906.2 = 5\,906\ \text{units}" in reorder.numbers
    assert "C&M ch. 12" in safety.source
    assert order_up_to.title == "Order-up-to level"


def test_lead_time_variability_enters_sigma() -> None:
    """C&M ch. 12: D = 2,500, σ_D = 500, L = 7, s_L = 7 → σ_L = sqrt(7·500² + 2500²·7²) = 17,550."""
    settings = BufferSettings(uncertainty="demand_sd")
    buffer = plan_sku(
        SkuDemandStats("X", 2500.0, 500.0), settings, _terms(lead_time=7.0, lead_time_sd=7.0)
    )
    (sigma, *_) = formulas(buffer, settings, frequency="D", ordering_cost=50.0)
    assert r"= 17\,550\ \text{units}" in sigma.numbers


def test_eoq_formula_shows_the_best_buy_example() -> None:
    """C&M ch. 11, Deskpro at Best Buy: D = 12,000/yr, K = $4,000, h = 0.2 × $500 → Q* = 980."""
    settings = BufferSettings(uncertainty="demand_sd")
    buffer = plan_sku(
        SkuDemandStats("PC", 1000.0, 100.0),
        settings,
        _terms(periods_per_year=12.0, unit_cost=500.0, holding_rate=0.2, ordering_cost=4000.0),
    )
    eoq = next(f for f in formulas(buffer, settings, frequency="M", ordering_cost=4000.0)
               if f.title == "Economic order quantity")  # fmt: skip
    assert r"2 \times 12\,000 \times 4\,000}{100}" in eoq.numbers
    assert r"= 979.8\ \text{units}" in eoq.numbers
    fig = eoq_figure(buffer, ordering_cost=4000.0)
    marker = fig.data[-1]
    assert marker.x[0] == pytest.approx(979.8, abs=0.1)
    total = next(t for t in fig.data if t.name == "Total")
    assert np.min(total.y) >= marker.y[0] - 1e-6  # the minimum sits at the EOQ
    assert marker.y[0] == pytest.approx(97_980, rel=1e-3)  # annual ordering + holding cost
    assert fig.layout.xaxis.title.text == "Order quantity Q (units)"


def test_kanban_formula_shows_hobbs_bakery() -> None:
    """Heizer & Render ch. 16, Hobbs Bakery: d = 500/day, L = 2 days, α = 0.25, C = 250 → 5."""
    settings = BufferSettings(kanban_safety_factor=0.25, container_size=250.0)
    buffer = plan_sku(SkuDemandStats("BREAD", 500.0, 50.0), settings, _terms())
    kanban = formulas(buffer, settings, frequency="D", ordering_cost=50.0)[-1]
    assert buffer.kanban_cards == 5
    assert kanban.numbers.endswith("= 5")
    assert r"{250}" in kanban.numbers


def test_fill_rate_and_forecast_error_sources() -> None:
    settings = BufferSettings(method="fill_rate", fill_rate=0.98)
    stats = SkuDemandStats("F", 100.0, 20.0, forecast_error_sd=lambda n: 10.0 * np.sqrt(n))
    buffer = plan_sku(stats, settings, _terms(review_period=1.0), cycle_quantity_rule="review")
    sigma, safety, *_ = formulas(buffer, settings, frequency="W", ordering_cost=50.0)
    assert "forecast backtest" in sigma.source
    assert r"\sigma_E(L+R)" in sigma.general
    assert buffer.sigma_exposure == pytest.approx(10.0 * np.sqrt(3))
    assert "G(k)" in safety.general and "d R" in safety.general
    assert rf"SS = {buffer.safety_stock:.4g}" in safety.numbers


def test_plan_table_has_units_and_percentages() -> None:
    settings = BufferSettings()
    table = BufferTable(
        tuple(
            plan_sku(SkuDemandStats(name, d, d / 5), settings, _terms(review_period=1.0))
            for name, d in (("A", 100.0), ("B", 20.0))
        )
    )
    frame = plan_table(table, "W")
    assert list(frame.columns[:4]) == [
        "SKU",
        "Safety stock (units)",
        "Reorder point s (units)",
        "Order-up-to S (units)",
    ]
    assert "Demand d (units/week)" in frame.columns and "Lead time L (weeks)" in frame.columns
    assert frame["Expected cycle service (%)"].tolist() == pytest.approx([95.0, 95.0])
    assert frame["SKU"].tolist() == ["A", "B"]
