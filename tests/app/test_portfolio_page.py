"""The Portfolio page in AppTest: the totals are the run's pooled KPIs, filters narrow the
selection and select-all restores it, the drill selects a SKU and opens Supply & demand, the
optimisation shows its saving and puts the targets into the scenario; and the Data page's item
master editor writes into the scenario."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from jitcore.formatting import money, percent
from jitcore.pipeline import run_scenario
from jitcore.scenario import Scenario
from tests.app.session import open_app
from tests.conftest import ROOT
from ui import state


def _fast() -> Scenario:
    data = Scenario().to_dict()
    data["forecast"]["method"] = "moving_average"
    data["simulation"].update({"paths": 40})
    data["costs"]["shortage_cost"] = 0.0
    return Scenario.from_dict(data)


@pytest.fixture
def page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state[state.KEY_SCENARIO] = _fast()
    at.run()
    at.switch_page("pages/portfolio.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _cards(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_totals_filters_and_select_all(page: AppTest) -> None:
    data = page.session_state[state.KEY_DEMAND]
    result = run_scenario(data, page.session_state[state.KEY_SCENARIO])
    cards = _cards(page)
    assert cards["SKUs"] == "6 of 6"
    assert cards["Fill rate (pooled)"] == percent(result.kpis.fill_rate)
    assert cards[next(k for k in cards if k.startswith("Total cost"))] == money(
        result.kpis.total_cost
    )
    classes = page.multiselect(key="_pf_filter_demand_class")
    classes.set_value(["smooth"]).run()
    assert _cards(page)["SKUs"] == "3 of 6"
    page.button(key="_pf_all").click().run()
    assert _cards(page)["SKUs"] == "6 of 6"
    assert len(page.get("plotly_chart")) == 2


def test_drill_into_a_sku_opens_supply_and_demand(page: AppTest) -> None:
    page.selectbox(key="_pf_drill").set_value("TREND-01").run()
    page.button(key="_pf_open").click().run()
    assert not page.exception, [e.value for e in page.exception]
    assert page.session_state[state.KEY_SKU] == "TREND-01"
    assert page.title[0].value == "Supply & demand"


def test_optimised_targets_save_and_go_into_the_scenario(page: AppTest) -> None:
    page.button(key="_pf_optimise").click().run()
    assert not page.exception, [e.value for e in page.exception]
    cards = _cards(page)
    saving = cards["Saving"]
    assert saving.startswith("$") and float(saving.strip("$").replace(",", "")) > 0
    page.button(key="_pf_apply").click().run()
    scenario = page.session_state[state.KEY_SCENARIO]
    targets = {o.sku: o.cycle_service_level for o in scenario.sku_overrides}
    assert len(targets) == 6 and len(set(targets.values())) > 1


def test_data_page_offers_the_item_master() -> None:
    at = open_app("pages/data.py", timeout=120)
    assert any("Item attributes" in s.value for s in at.subheader)
    assert any("item master" in b.proto.label for b in at.get("download_button"))


def test_unit_cost_from_the_demand_files_price_column() -> None:
    rows = ["date,sku,qty,price"]
    for week in range(12):
        day = f"2024-{1 + week // 4:02d}-{1 + 7 * (week % 4):02d}"
        rows += [f"{day},A,{10 + week},2.50", f"{day},B,{5 + week % 3},{4 + week % 2}.00"]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["intake_choice"] = {"source": "upload"}
    at.session_state["intake_upload"] = {"name": "shop.csv", "data": "\n".join(rows).encode()}
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    at.button(key="_intake_use").click().run()
    assert at.session_state[state.KEY_DEMAND].skus == ("A", "B")
    button = at.button(key="_items_price")
    assert button.label == "Unit cost from the column 'price'"
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    scenario = at.session_state[state.KEY_SCENARIO]
    costs = {o.sku: o.unit_cost for o in scenario.sku_overrides}
    assert costs == {"A": 2.5, "B": 4.5}  # the median price of each SKU's rows
    assert any("now in the scenario" in s.value for s in at.success)


def test_plan_page_says_which_skus_keep_their_own_values() -> None:
    from jitcore.items import apply_items
    from jitcore.scenario import SkuOverride

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state[state.KEY_SCENARIO] = apply_items(
        _fast(),
        [SkuOverride(sku="STABLE-01", cycle_service_level=0.9),
         SkuOverride(sku="TREND-01", unit_cost=3.0)],
    )  # fmt: skip
    at.run()
    at.switch_page("pages/plan.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    captions = " ".join(c.value for c in at.caption)
    assert "1 SKU has its own service target; 1 SKU has its own item attribute" in captions


def test_stock_budget_goal(page: AppTest) -> None:
    page.radio(key="_pf_goal").set_value("stock_budget").run()
    page.number_input(key="_pf_budget").set_value(3000.0).run()
    page.button(key="_pf_optimise").click().run()
    assert not page.exception, [e.value for e in page.exception]
    frame = page.dataframe[-1].value
    assert "Own target" in frame.columns and len(frame) == 6
    assert (frame["Stock value"].sum()) <= 3000.0 + 1e-6
