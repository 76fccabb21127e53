"""The portfolio core: the per-SKU table pooled into totals and groups, the exception rules,
and the service-target optimisation against one target for all and against brute force."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.errors import JitError
from jitcore.intake import read_demand
from jitcore.items import apply_items
from jitcore.pipeline import run_scenario
from jitcore.portfolio import (
    ExceptionSettings,
    SkuFrontiers,
    TargetSettings,
    exceptions,
    group_table,
    lower_hull,
    marginal_allocation,
    optimise_targets,
    portfolio_table,
    portfolio_totals,
    select,
    sku_frontiers,
    with_optimised_targets,
)
from jitcore.profile import profile_demand
from jitcore.reports.targets import targets_csv
from jitcore.scenario import Scenario, SkuOverride
from tests.conftest import SAMPLE_DIR

TEACHING = SAMPLE_DIR / "teaching_weekly_long.csv"


def _scenario(**costs) -> Scenario:
    data = Scenario().to_dict()
    data["forecast"]["method"] = "moving_average"
    data["simulation"].update({"paths": 60, "timeline_paths": 0})
    data["costs"].update(costs)
    return Scenario.from_dict(data)


@pytest.fixture(scope="module")
def demand():
    return read_demand(TEACHING)


@pytest.fixture(scope="module")
def run(demand):
    items = [
        SkuOverride(sku="STABLE-01", unit_cost=25.0, supplier="Acme", category="Tools"),
        SkuOverride(sku="TREND-01", unit_cost=4.0, supplier="Beta", category="Tools"),
        SkuOverride(sku="LUMPY-01", unit_cost=80.0, supplier="Acme", category="Spares"),
    ]
    return run_scenario(demand, apply_items(_scenario(), items))


def test_portfolio_totals_are_the_per_sku_results_pooled(demand, run) -> None:
    table = portfolio_table(run, profile_demand(demand))
    totals = portfolio_totals(table)
    # the engine pools SKUs from its summed quantities; the table pools its rows: the same
    assert totals.fill_rate == pytest.approx(run.kpis.fill_rate, rel=1e-12)
    assert totals.total_cost == pytest.approx(run.kpis.total_cost, rel=1e-12)
    assert totals.holding_cost == pytest.approx(run.kpis.holding_cost, rel=1e-12)
    assert totals.units_demanded == pytest.approx(run.kpis.units_demanded, rel=1e-12)
    # stock value: average on hand valued at each SKU's own unit cost (10 where none given)
    costs = {"STABLE-01": 25.0, "TREND-01": 4.0, "LUMPY-01": 80.0}
    expected = sum(run.kpis_for(s).average_on_hand * costs.get(s, 10.0) for s in run.skus)
    assert totals.stock_value == pytest.approx(expected, rel=1e-12)
    row = table.set_index("sku").loc["STABLE-01"]
    assert (row.supplier, row.category, row.unit_cost) == ("Acme", "Tools", 25.0)
    assert table.set_index("sku").loc["PROMO-01"].supplier == "(none)"


def test_groups_pool_by_demand_and_add_up(demand, run) -> None:
    table = portfolio_table(run, profile_demand(demand))
    for dimension in ("abc_xyz", "demand_class", "category", "supplier"):
        groups = group_table(table, dimension)
        assert groups["skus"].sum() == len(table)
        assert groups["total_cost"].sum() == pytest.approx(run.kpis.total_cost, rel=1e-12)
        assert groups["stock_value"].sum() == pytest.approx(table["stock_value"].sum())
    acme = select(table, {"supplier": ["Acme"], "category": []})
    assert sorted(acme["sku"]) == ["LUMPY-01", "STABLE-01"]
    groups = group_table(table, "supplier").set_index("group")
    a, b = run.kpis_for("LUMPY-01"), run.kpis_for("STABLE-01")
    pooled = 1 - (a.units_short + b.units_short) / (a.units_demanded + b.units_demanded)
    assert groups.loc["Acme", "fill_rate"] == pytest.approx(pooled, rel=1e-12)


def test_exception_rules() -> None:
    base = {"target": 0.95, "achieved": 0.95, "cover_days": 20.0, "inventory_turns": 10.0,
            "zero_share": 0.0}  # fmt: skip
    rows = [
        {"sku": "OK", **base},
        {"sku": "MISS", **base, "achieved": 0.92},
        {"sku": "NEAR", **base, "achieved": 0.935},  # 1.5 points under: within 2
        {"sku": "FAT", **base, "cover_days": 120.0},
        {"sku": "SLOW", **base, "inventory_turns": 1.5},
        {"sku": "GAPS", **base, "zero_share": 0.6},
        {"sku": "NOTARGET", **base, "target": math.nan, "achieved": 0.5},
    ]
    found = exceptions(pd.DataFrame(rows), ExceptionSettings())
    assert list(zip(found["sku"], found["kind"], strict=True)) == [
        ("MISS", "below_target"), ("FAT", "excess_stock"), ("SLOW", "slow_mover"),
        ("GAPS", "slow_mover")]  # fmt: skip
    assert found.iloc[0]["detail"] == "92.0 % against a target of 95.0 %"


def _brute_force(f: SkuFrontiers, goal: float) -> float:
    """The least total cost over every combination of swept targets reaching ``goal``."""
    n, m = f.cost.shape
    best = math.inf
    need = goal * f.demand.sum()
    for combo in itertools.product(range(m), repeat=n):
        rows = np.arange(n)
        if f.filled[rows, combo].sum() >= need - 1e-9:
            best = min(best, float(f.cost[rows, combo].sum()))
    return best


@pytest.fixture(scope="module")
def small_frontiers(demand):
    # three SKUs × six targets (216 combinations); no shortage cost, so service costs stock
    return sku_frontiers(
        demand,
        _scenario(shortage_cost=0.0),
        TargetSettings(low=0.6, high=0.99, points=6),
        skus=["STABLE-01", "SEASONAL-01", "LUMPY-01"],
    )


@pytest.mark.parametrize("goal", [0.9, 0.95, 0.97, 0.98, 0.99])
def test_optimiser_equals_brute_force_on_a_small_case(small_frontiers, goal) -> None:
    plan = optimise_targets(small_frontiers, TargetSettings(fill_rate=goal))
    assert plan.optimised["fill_rate"] >= goal - 1e-12
    assert plan.optimised["total_cost"] == pytest.approx(_brute_force(small_frontiers, goal))


def test_optimiser_cheaper_than_one_target_for_all(demand) -> None:
    scenario = _scenario(shortage_cost=0.0)
    settings = TargetSettings(fill_rate=0.98)
    frontiers = sku_frontiers(demand, scenario, settings)
    plan = optimise_targets(frontiers, settings)
    one = plan.one_target
    assert one is not None and one["fill_rate"] >= 0.98 and plan.optimised["fill_rate"] >= 0.98
    # cheaper at the same pooled service (measured: 124 of 13,188, 0.9 %; ordering cost is most
    # of the total and hardly moves with the target), with less stock
    assert plan.saving > 0.005 * one["total_cost"]
    assert plan.optimised["stock_value"] < one["stock_value"]
    # the per-SKU targets simulated as a scenario give exactly the numbers the plan predicts
    optimised = run_scenario(demand, with_optimised_targets(scenario, plan))
    assert optimised.kpis.fill_rate == pytest.approx(plan.optimised["fill_rate"], rel=1e-12)
    assert optimised.kpis.total_cost == pytest.approx(plan.optimised["total_cost"], rel=1e-12)
    uniform = run_scenario(
        demand, scenario.with_setting("buffers.cycle_service_level", plan.uniform_target)
    )
    assert uniform.kpis.total_cost - optimised.kpis.total_cost == pytest.approx(plan.saving)
    # the export: one row per SKU, targets as the scenario holds them
    exported = pd.read_csv(pd.io.common.BytesIO(targets_csv(plan)))
    assert list(exported["sku"]) == list(demand.skus)
    assert dict(zip(exported["sku"], exported["target"], strict=True)) == pytest.approx(
        plan.targets()
    )
    budget = optimise_targets(
        frontiers, TargetSettings(goal="stock_budget", stock_budget=one["stock_value"])
    )
    assert budget.optimised["stock_value"] <= one["stock_value"] + 1e-9
    assert budget.optimised["fill_rate"] >= one["fill_rate"]


def test_unreachable_goal_says_what_to_do(small_frontiers) -> None:
    with pytest.raises(JitError, match="reaches a pooled fill rate of only"):
        optimise_targets(small_frontiers, TargetSettings(fill_rate=0.9999))
    with pytest.raises(JitError, match="more than the budget"):
        optimise_targets(small_frontiers, TargetSettings(goal="stock_budget", stock_budget=1.0))


def test_lower_hull_skips_dominated_and_concave_points() -> None:
    gain = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    spend = np.array([5.0, 4.0, 6.0, 7.0, 12.0])  # point 0 dominated; 2 above the 1–3 chord
    assert lower_hull(gain, spend) == [1, 3, 4]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 3).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.floats(0.1, 5.0), min_size=4 * n, max_size=4 * n),
            st.lists(st.floats(0.1, 5.0), min_size=4 * n, max_size=4 * n),
            st.floats(0.0, 1.0),
            st.floats(0.01, 10.0),
        )
    )
)
def test_marginal_allocation_is_feasible_and_exact_at_lagrangian_points(case) -> None:
    n, steps_gain, steps_spend, share, price = case
    # increasing gain and spend per item (a service frontier: more target, more of both)
    gain = np.cumsum(np.reshape(steps_gain, (n, 4)), axis=1)
    spend = np.cumsum(np.reshape(steps_spend, (n, 4)), axis=1)
    rows = np.arange(n)
    combos = list(itertools.product(range(4), repeat=n))

    def brute(need: float) -> float:
        return min(spend[rows, c].sum() for c in combos if gain[rows, c].sum() >= need - 1e-9)

    # any goal: feasible, never cheaper than possible
    low, high = gain[:, 0].sum(), gain[:, -1].sum()
    need = low + share * (high - low)
    choice = marginal_allocation(gain, spend, need=need)
    assert gain[rows, choice].sum() >= need - 1e-9
    assert spend[rows, choice].sum() >= brute(need) - 1e-9
    # a goal at a Lagrangian point (each item minimising spend − λ·gain for one price λ) is
    # reached exactly at the least spend (Everett 1963): marginal analysis is exact there
    at_price = np.argmin(spend - price * gain + 1e-12 * -gain, axis=1)
    level = gain[rows, at_price].sum()
    choice = marginal_allocation(gain, spend, need=level)
    assert spend[rows, choice].sum() == pytest.approx(brute(level), abs=1e-9)


def test_per_sku_targets_follow_into_calibration_and_out_of_sweeps(demand) -> None:
    from jitcore.calibration import calibrate
    from jitcore.tradeoffs import with_target

    own = apply_items(
        _scenario(), [SkuOverride(sku="STABLE-01", cycle_service_level=0.8)]
    ).with_setting("simulation.paths", 20)
    table = calibrate(demand, own, skus=["STABLE-01", "TREND-01"], modes=("monte_carlo",))
    targets = {row.sku: row.target.value for row in table.rows}
    assert targets == {"STABLE-01": 0.8, "TREND-01": 0.95}
    # a sweep of one target for all sets every SKU's target, its own ones included
    swept = with_target(own, "cycle_service_level", 0.9)
    assert swept.override_for("STABLE-01").cycle_service_level is None
    assert swept.buffers.cycle_service_level == 0.9


def test_targets_command(tmp_path, capsys) -> None:
    import json

    from jitcore.cli import main

    scenario = tmp_path / "s.json"
    scenario.write_text(_scenario(shortage_cost=0.0).to_json())
    out = tmp_path / "targets.csv"
    args = ["targets", str(TEACHING), "--scenario", str(scenario), "--fill-rate", "0.97"]
    assert main([*args, "--json", "--csv", str(out)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["optimised"]["fill_rate"] >= 0.97
    assert printed["saving"] > 0
    assert printed["optimised"]["total_cost"] == pytest.approx(
        sum(r["total_cost"] for r in printed["per_sku"])
    )
    table = pd.read_csv(out)
    assert list(table["sku"]) == [r["sku"] for r in printed["per_sku"]]
    assert main([*args[:-2], "--fill-rate", "0.99999"]) == 2
    assert "reaches a pooled fill rate of only" in capsys.readouterr().err
    items = tmp_path / "items.csv"
    items.write_text("SKU,Unit cost\nSTABLE-01,30\n")
    assert main([*args, "--items", str(items)]) == 0
    assert "saving" in capsys.readouterr().out


def test_run_json_gap_is_against_each_skus_own_target(tmp_path, capsys) -> None:
    import json

    from jitcore.cli import main

    scenario = tmp_path / "s.json"
    scenario.write_text(
        apply_items(_scenario(), [SkuOverride(sku="STABLE-01", cycle_service_level=0.8)]).to_json()
    )
    args = ["run", str(TEACHING), "--scenario", str(scenario), "--json"]
    assert main([*args, "--sku", "STABLE-01", "--sku", "TREND-01"]) == 0
    rows = {r["sku"]: r for r in json.loads(capsys.readouterr().out)["per_sku"]}
    assert rows["STABLE-01"]["target"] == {"measure": "cycle_service_level", "value": 0.8}
    assert rows["TREND-01"]["target"]["value"] == 0.95
    gap = rows["STABLE-01"]["cycle_service_level"] - 0.8
    assert rows["STABLE-01"]["gap"] == pytest.approx(gap)
