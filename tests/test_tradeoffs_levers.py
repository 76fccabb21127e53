"""JIT levers: each moves the KPIs the expected way on a scenario built for it; the waterfall's
steps add up to the total change; the 'today vs JIT' preset applies the documented amounts."""

from __future__ import annotations

import math

import pytest

from jitcore.kpis import KPI_NAMES
from jitcore.pipeline import run_variants
from jitcore.scenario import Scenario, SkuOverride
from jitcore.tradeoffs import (
    LEVER_ORDER,
    LeverSettings,
    apply_lever,
    apply_levers,
    jit_levers,
    jit_preset,
    lever_analysis,
    lever_change,
    today_preset,
    workshop_presets,
)
from tests.tradeoffs_helpers import forecasts, normal_demand, scenario

LEVERS = LeverSettings(
    setup_cost_cut=0.75,
    lead_time_cut=2,
    lead_time_variability_cut=0.8,
    yield_gain=0.05,
    review_period=1,
    policy="kanban",
    smoothing_periods=4.0,
)

# (lever, baseline settings, [(KPI, "down" | "up")]) — each baseline gives its lever room.
CASES = [
    (
        "setup_cost",
        {"policy.kind": "reorder_point", "costs.ordering_cost": 400.0},
        [("ordering_cost", "down"), ("average_on_hand", "down"), ("orders_placed", "up"),
         ("total_cost", "down")],
    ),
    ("lead_time", {"supply.lead_time": 6}, [("average_on_hand", "down"), ("total_cost", "down")]),
    (
        "lead_time_variability",
        {"supply.lead_time": 3, "supply.lead_time_sd": 1.5},
        [("average_on_hand", "down"), ("holding_cost", "down"), ("total_cost", "down")],
    ),
    (
        "yield",
        {"supply.yield_rate": 0.9},
        [("units_defective", "down"), ("defect_cost", "down"), ("total_cost", "down")],
    ),
    (
        "review_period",
        {"policy.review_period": 4},
        [("average_on_hand", "down"), ("orders_placed", "up")],
    ),
    (
        "policy",
        {"policy.kind": "reorder_point", "costs.ordering_cost": 400.0},
        [("average_on_hand", "down"), ("orders_placed", "up")],
    ),
    ("smoothing", {"supply.lead_time": 2}, [("bullwhip", "down")]),
]  # fmt: skip


@pytest.mark.parametrize(("lever", "settings", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_lever_moves_kpis_the_expected_way(lever, settings, expected) -> None:
    base = scenario(paths=150, **settings)
    pulled = apply_lever(base, lever, LEVERS)
    assert pulled != base
    before, after = (
        r.kpis for r in run_variants(normal_demand(), [base, pulled], forecasts=forecasts())
    )
    for kpi, direction in expected:
        b, a = getattr(before, kpi), getattr(after, kpi)
        assert (a < b) if direction == "down" else (a > b), (kpi, b, a)


def test_order_smoothing_gives_the_pout_bullwhip() -> None:
    # POUT with i.i.d. demand and a known mean: Var(O)/Var(D) = 1/(2·Ti − 1) (Disney & Towill
    # 2003, Omega 31(3)); Ti = 4 → 1/7. Order-up-to passes demand through: bullwhip 1.
    base = scenario(paths=200, periods=300)
    pulled = apply_lever(base, "smoothing", LEVERS)
    assert pulled.policy.kind == "pout" and pulled.policy.smoothing_periods == 4.0
    before, after = (
        r.kpis for r in run_variants(normal_demand(), [base, pulled], forecasts=forecasts())
    )
    assert before.bullwhip == pytest.approx(1.0, abs=0.02)
    assert after.bullwhip == pytest.approx(1 / 7, abs=0.02)


def test_smoothing_rules_per_policy() -> None:
    lfl = apply_lever(scenario(**{"policy.kind": "lot_for_lot"}), "smoothing", LEVERS)
    assert lfl.policy.kind == "lot_for_lot" and lfl.policy.correction == pytest.approx(0.25)
    for kind in ("kanban", "heijunka", "reorder_point", "min_max"):
        base = scenario(**{"policy.kind": kind})
        assert apply_lever(base, "smoothing", LEVERS) == base
        assert lever_change(base, base, "smoothing").startswith("no change")


@pytest.fixture(scope="module")
def analysis():
    base = today_preset(scenario(paths=120))
    return lever_analysis(normal_demand(), base, jit_levers(base), forecasts=forecasts())


def test_waterfall_steps_add_up_to_the_total_change(analysis) -> None:
    for kpi in KPI_NAMES:
        total = analysis.total_change(kpi)
        steps = sum(step.delta(kpi) for step in analysis.cumulative)
        if math.isfinite(total):
            assert steps == pytest.approx(total, rel=1e-9, abs=1e-9), kpi
    frame = analysis.waterfall("total_cost")
    assert list(frame["step"])[0] == "Baseline" and list(frame["step"])[-1] == "All levers"
    assert frame["level"].iloc[0] == analysis.baseline.total_cost
    assert frame["level"].iloc[-1] == analysis.combined.total_cost
    running = frame["level"].iloc[0]
    for delta, level in zip(frame["delta"].iloc[1:-1], frame["level"].iloc[1:-1], strict=True):
        running += delta
        assert running == pytest.approx(level, rel=1e-12)
    assert frame["delta"].iloc[1:-1].sum() == pytest.approx(
        analysis.total_change("total_cost"), rel=1e-12
    )


def test_waterfall_order_and_levers_alone(analysis) -> None:
    assert [s.lever for s in analysis.cumulative] == list(LEVER_ORDER)
    assert [s.lever for s in analysis.alone] == list(LEVER_ORDER)
    # the first step is the first lever alone (same scenario, same run)
    assert analysis.alone[0].after == analysis.cumulative[0].after
    # the review period is already 1 and kanban is not smoothed: those steps change nothing
    idle = {s.lever for s in analysis.cumulative if not s.applies}
    assert idle == {"review_period", "smoothing"}
    for step in analysis.cumulative:
        if not step.applies:
            assert step.delta("total_cost") == 0.0
    assert analysis.combined_scenario.policy.kind == "kanban"
    alone = analysis.alone_frame("average_on_hand")
    assert len(alone) == len(LEVER_ORDER)


def test_enabled_levers_only_and_overrides_follow() -> None:
    base = scenario(
        **{"policy.kind": "reorder_point", "supply.lead_time": 5}
    ).model_copy(update={"sku_overrides": (SkuOverride(sku="A", ordering_cost=80.0,
                                                         lead_time=6),)})  # fmt: skip
    base = Scenario.from_dict(base.to_dict())
    chosen = LEVERS.model_copy(update={"enabled": ("lead_time", "setup_cost")})
    assert chosen.active() == ("setup_cost", "lead_time")
    after = apply_levers(base, chosen)
    assert after.costs.ordering_cost == pytest.approx(12.5)
    assert after.override_for("A").ordering_cost == pytest.approx(20.0)
    assert after.supply.lead_time == 3 and after.override_for("A").lead_time == 4
    assert after.policy.kind == "reorder_point"
    assert lever_change(base, apply_lever(base, "setup_cost", LEVERS), "setup_cost") == (
        "ordering cost $50 → $12.5 per order"
    )


def test_today_and_jit_presets_apply_the_documented_amounts() -> None:
    start = scenario(**{"costs.ordering_cost": 80.0})
    today, jit = workshop_presets(start)
    assert today.name == "Today" and jit.name == "JIT"
    assert today.policy.kind == "reorder_point" and today.buffers.order_quantity == "eoq"
    assert today.supply.lead_time == 4 and today.supply.lead_time_sd == 1.0
    assert today.supply.slip_probability == 0.1 and today.supply.yield_rate == 0.97
    assert today.costs == start.costs and today.forecast == start.forecast
    assert jit == jit_preset(today)
    assert jit.costs.ordering_cost == pytest.approx(80.0 * 0.25)
    assert jit.supply.lead_time == 2  # halved
    assert jit.supply.lead_time_sd == pytest.approx(0.25)
    assert jit.supply.slip_probability == pytest.approx(0.025)
    assert jit.supply.yield_rate == pytest.approx(0.99)
    assert jit.policy.kind == "kanban" and jit.policy.review_period == 1
    # a leaner scenario is kept where it is leaner already
    lean = today_preset(scenario(**{"supply.lead_time": 8, "supply.yield_rate": 0.9}))
    assert lean.supply.lead_time == 8 and lean.supply.yield_rate == 0.9
    assert jit_levers(lean).lead_time_cut == 4
