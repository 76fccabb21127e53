"""Scenarios side by side (``jitcore.compare``): each scenario's KPIs are those of running it
alone, changes are signed and judged by the KPI's direction, and the waterfall between two
scenarios adds up exactly to the difference of their KPIs."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.compare import (
    STEPS,
    chain,
    check_count,
    compare_scenarios,
    describe_step,
    scenario_waterfall,
    step_of,
)
from jitcore.errors import JitError
from jitcore.kpis import KPI_NAMES
from jitcore.pipeline import run_scenario
from jitcore.scenario import Scenario
from jitcore.tradeoffs import COMPARED, LEVER_ORDER
from jitcore.vocabulary import COST_PARTS, KPIS
from tests.tradeoffs_helpers import forecasts, normal_demand, scenario

BASE = scenario(paths=200)
LONGER = scenario(paths=200, **{"supply.lead_time": 6})
SERVICE = scenario(paths=200, **{"buffers.cycle_service_level": 0.99})
FITTED = {BASE.forecast: forecasts()}


@pytest.fixture(scope="module")
def three():
    scenarios = {"Today": BASE, "Longer lead time": LONGER, "99 % service": SERVICE}
    return compare_scenarios(normal_demand(), scenarios, forecasts=FITTED)


def test_each_scenarios_kpis_equal_its_own_run(three) -> None:
    for name, value in (("Today", BASE), ("Longer lead time", LONGER), ("99 % service", SERVICE)):
        alone = run_scenario(normal_demand(), value, forecasts=forecasts())
        assert three.kpis(name) == alone.kpis
        assert three.kpis(name, "A") == alone.kpis_for("A")
    table = three.table()
    assert list(table["kpi"]) == [kpi for kpi, *_ in COMPARED]
    assert table.set_index("kpi").loc["total_cost", "Today"] == three.kpis("Today").total_cost


def test_changes_are_signed_and_judged_by_the_kpis_direction(three) -> None:
    changes = three.changes().set_index(["scenario", "kpi"])
    assert set(changes.index.get_level_values(0)) == {"Longer lead time", "99 % service"}
    for (_, kpi), row in changes.iterrows():
        assert row["change"] == pytest.approx(row["value"] - row["reference"], abs=1e-12)
        higher = KPIS[kpi].higher_is_better
        if higher is None or abs(row["change"]) <= 1e-12:
            assert row["better"] is None
        else:
            assert row["better"] == ((row["change"] > 0) == higher)
    # a lead time of 6 instead of 2 weeks needs more stock (worse); 99 % service holds more
    # stock and serves more of the demand (better fill rate, worse holding cost)
    stock = changes.loc[("Longer lead time", "average_on_hand")]
    assert stock["change"] > 0 and stock["better"] is False
    fill = changes.loc[("99 % service", "fill_rate")]
    assert fill["change"] > 0 and fill["better"] is True
    holding = changes.loc[("99 % service", "holding_cost")]
    assert holding["change"] > 0 and holding["better"] is False
    # the other reference flips every sign
    flipped = three.with_reference("99 % service").changes().set_index(["scenario", "kpi"])
    back = flipped.loc[("Today", "fill_rate")]
    assert back["change"] == pytest.approx(-fill["change"], abs=1e-15)
    assert back["better"] is False


def test_cost_parts_add_up_to_the_total(three) -> None:
    costs = three.costs()
    assert list(costs.index) == list(three.names)
    assert list(costs.columns) == [*COST_PARTS, "total_cost"]
    for name in three.names:
        assert costs.loc[name, list(COST_PARTS)].sum() == pytest.approx(
            costs.loc[name, "total_cost"], rel=1e-12
        )


def test_doubling_the_ordering_cost_doubles_it_and_changes_nothing_else() -> None:
    """Order-up-to reviewing every week orders every week whatever an order costs, so with the
    same draws the ordering cost doubles exactly and every other KPI stays the same."""
    dear = BASE.with_setting("costs.ordering_cost", 2 * BASE.costs.ordering_cost)
    pair = compare_scenarios(normal_demand(), {"a": BASE, "b": dear}, forecasts=FITTED)
    changes = pair.changes().set_index("kpi")
    ordering = pair.kpis("a").ordering_cost
    assert ordering == pytest.approx(50.0 * pair.kpis("a").orders_placed)
    assert changes.loc["ordering_cost", "change"] == pytest.approx(ordering, rel=1e-12)
    assert changes.loc["ordering_cost", "change_pct"] == pytest.approx(1.0, rel=1e-12)
    assert changes.loc["ordering_cost", "better"] is False
    for kpi in ("fill_rate", "average_on_hand", "holding_cost", "shortage_cost", "bullwhip"):
        assert changes.loc[kpi, "change"] == 0.0 and changes.loc[kpi, "better"] is None
    # its waterfall has one step, the setup cost, worth the whole difference
    fall = scenario_waterfall(normal_demand(), ("a", BASE), ("b", dear), forecasts=FITTED)
    frame = fall.waterfall("total_cost")
    assert list(frame["step"]) == ["a", "Setup cost", "b"]
    assert frame["delta"].iloc[1] == pytest.approx(ordering, rel=1e-12)
    assert frame["change"].iloc[1] == "ordering cost 50 → 100"


def test_the_waterfall_adds_up_to_the_difference(three) -> None:
    end = scenario(
        paths=200,
        **{"supply.lead_time": 4, "policy.kind": "kanban", "buffers.cycle_service_level": 0.98,
           "costs.holding_rate": 0.3, "supply.lead_time_sd": 1.0},
    )  # fmt: skip
    fall = scenario_waterfall(normal_demand(), ("Today", BASE), ("Kanban", end), forecasts=FITTED)
    assert [s.label for s in fall.steps] == [
        "Lead time", "Lead-time reliability", "Policy", "Safety stock", "Other costs",
    ]  # fmt: skip
    assert fall.start == three.kpis("Today")
    assert fall.end == run_scenario(normal_demand(), end, forecasts=forecasts()).kpis
    for kpi in KPI_NAMES:
        steps = sum(s.delta(kpi) for s in fall.steps)
        total = fall.total_change(kpi)
        if math.isfinite(total):
            assert steps == pytest.approx(total, abs=1e-9)
    frame = fall.waterfall("total_cost")
    assert frame["step"].iloc[0] == "Today" and frame["step"].iloc[-1] == "Kanban"
    assert frame["delta"].sum() == pytest.approx(fall.total_change("total_cost"), abs=1e-9)
    assert frame["level"].iloc[-1] == pytest.approx(fall.end.total_cost)
    assert frame["change"].iloc[1] == "lead time 2 → 4"


def test_the_first_steps_are_the_levers_in_their_order() -> None:
    assert tuple(name for name, _, _ in STEPS[: len(LEVER_ORDER)]) == LEVER_ORDER
    assert step_of("supply.capacity") == "supply"
    assert step_of("buffers.order_quantity") == "lot_size"
    assert step_of("policy.min_order_quantity") == "lot_size"
    assert step_of("policy.vmi_max_cover") == "policy_rules"
    assert step_of("costs.ordering_cost") == "setup_cost"


def test_a_comparison_holds_two_to_four_scenarios() -> None:
    for bad in (0, 1, 5):
        with pytest.raises(JitError, match="2 to 4"):
            check_count(bad)
    with pytest.raises(JitError, match="reference"):
        compare_scenarios(normal_demand(), {"a": BASE, "b": LONGER}, reference="c")


_SETTINGS = {
    "supply.lead_time": st.integers(0, 8),
    "supply.lead_time_sd": st.sampled_from([0.0, 0.5, 2.0]),
    "supply.capacity": st.sampled_from([None, 150.0]),
    "policy.kind": st.sampled_from(["order_up_to", "kanban", "reorder_point", "vmi"]),
    "policy.vmi_min_cover": st.sampled_from([None, 1.0, 3.0]),
    "policy.vmi_max_cover": st.sampled_from([None, 2.0, 4.0]),
    "buffers.cycle_service_level": st.sampled_from([0.9, 0.95, 0.99]),
    "costs.ordering_cost": st.sampled_from([0.0, 50.0, 80.0]),
    "costs.unit_cost": st.sampled_from([5.0, 10.0]),
    "simulation.paths": st.sampled_from([50, 200]),
    "forecast.method": st.sampled_from(["average", "naive"]),
}


def _valid(values: dict) -> Scenario:
    low, high = values["policy.vmi_min_cover"], values["policy.vmi_max_cover"]
    if low is not None and high is not None and high < low:
        values = {**values, "policy.vmi_max_cover": None}
    data = Scenario().to_dict()
    for name, value in values.items():
        section, key = name.split(".")
        data[section][key] = value
    return Scenario.from_dict(data)


@settings(max_examples=60, deadline=None)
@given(st.fixed_dictionaries(_SETTINGS), st.fixed_dictionaries(_SETTINGS))
def test_the_chain_moves_each_setting_once_and_ends_at_the_second(a: dict, b: dict) -> None:
    start, end = _valid(a), _valid(b).model_copy(update={"name": "other"})
    steps = chain(start, end)
    if start.model_copy(update={"name": "other"}) == end:
        assert steps == []
        return
    assert steps[-1][2] == end
    before = start
    moved: set[str] = set()
    for name, _, after in steps:
        words = describe_step(before, after)
        assert words and "→" in words
        changed = {
            f"{section}.{key}"
            for section, values in after.to_dict().items()
            if isinstance(values, dict)
            for key, value in values.items()
            if before.to_dict()[section][key] != value
        }
        assert changed and not changed & moved  # every setting moves once, forward
        assert {step_of(s) for s in changed} >= {name}
        moved |= changed
        before = after


def test_the_reading_quotes_the_gap_and_escapes_the_names() -> None:
    from jitcore.compare import read_side_by_side, read_waterfall

    dear = BASE.with_setting("costs.ordering_cost", 2 * BASE.costs.ordering_cost)
    pair = compare_scenarios(normal_demand(), {"a": BASE, "*b*": dear}, forecasts=FITTED)
    gap = pair.kpis("*b*").total_cost - pair.kpis("a").total_cost
    assert gap == pytest.approx(50.0 * 104, rel=1e-12)  # $50 more for each of 104 weekly orders
    first = read_side_by_side(pair)[0]
    assert first.startswith(r"**\*b\*** against **a**: costs $5,200 over 104 weeks")
    assert "better on 0 KPIs, worse on 2" in first  # ordering and total cost; orders neither
    fall = scenario_waterfall(normal_demand(), ("a", BASE), ("*b*", dear), forecasts=FITTED)
    line = read_waterfall(fall)[0]
    assert line.startswith(r"From a to \*b\*: +$5,200 in total cost over 1 step")
    assert "the largest is Setup cost" in line


def test_scenarios_with_another_forecast_still_match_their_own_runs() -> None:
    naive = BASE.with_setting("forecast.method", "naive")
    pair = compare_scenarios(normal_demand(), {"average": BASE, "naive": naive}, forecasts=FITTED)
    assert pair.kpis("average") == run_scenario(normal_demand(), BASE).kpis
    assert pair.kpis("naive") == run_scenario(normal_demand(), naive).kpis
    fall = scenario_waterfall(normal_demand(), ("average", BASE), ("naive", naive))
    assert [s.label for s in fall.steps] == ["Forecast"]
    assert fall.steps[0].delta("total_cost") == pytest.approx(
        pair.kpis("naive").total_cost - pair.kpis("average").total_cost, abs=1e-9
    )
    assert fall.steps[0].change == "forecast method average → naive"


def test_a_group_adds_up_the_costs_of_its_skus() -> None:
    skus = ("A", "B")
    group = compare_scenarios(
        normal_demand(skus),
        {"Today": BASE, "Longer": LONGER},
        forecasts={BASE.forecast: forecasts(skus)},
    )
    assert group.skus == skus
    for name in ("Today", "Longer"):
        costs = [group.kpis(name, sku).total_cost for sku in skus]
        assert group.kpis(name).total_cost == pytest.approx(sum(costs), rel=1e-12)


def test_a_scenario_that_cannot_run_is_named_in_the_message() -> None:
    huge = BASE.with_setting("simulation.paths", 1_000_000)  # over the memory budget
    with pytest.raises(JitError, match=r"^Scenario 'Huge': This run needs about"):
        compare_scenarios(normal_demand(), {"Today": BASE, "Huge": huge}, forecasts=FITTED)
    with pytest.raises(JitError, match=r"^Scenario 'Huge': "):
        scenario_waterfall(normal_demand(), ("Today", BASE), ("Huge", huge), forecasts=FITTED)


def test_the_reading_says_when_draws_differ(three) -> None:
    from jitcore.compare import read_side_by_side

    assert read_side_by_side(three)[-1].startswith("Every scenario runs on the same demand")
    other = BASE.with_setting("simulation.paths", 50)
    pair = compare_scenarios(normal_demand(), {"a": BASE, "b": other}, forecasts=FITTED)
    last = read_side_by_side(pair)[-1]
    assert last.startswith("**b** uses other forecast or simulation settings")
    assert "its demand draws differ" in last
