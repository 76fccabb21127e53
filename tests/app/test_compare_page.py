"""The Compare page in AppTest: three scenarios (baseline, a saved one, the working settings)
side by side — the KPI table equals each scenario's own run, changes are coloured by direction,
every view draws, and picking one scenario says what to do."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from jitcore.pipeline import run_scenario
from jitcore.tradeoffs import COMPARED
from tests.app.session import open_app
from tests.conftest import ROOT
from tests.tradeoffs_helpers import normal_demand, scenario
from ui import library, state
from ui.format import table_value

BASE = scenario(paths=100, **{"simulation.timeline_paths": 20}).model_copy(update={"name": "Today"})
SHORT = BASE.with_setting("supply.lead_time", 1).model_copy(update={"name": "Short lead time"})
KANBAN = BASE.with_setting("policy.kind", "kanban").model_copy(update={"name": "Kanban"})


@pytest.fixture
def page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["demand"] = normal_demand()
    at.session_state[state.KEY_BASELINE] = BASE
    at.session_state[library.KEY_LIBRARY] = {"Short lead time": SHORT}
    at.session_state[state.KEY_SCENARIO] = KANBAN
    at.run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _pick(at: AppTest, names: list[str]) -> AppTest:
    at.multiselect(key="_cmp_names").set_value(names).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_three_scenarios_side_by_side_match_their_own_runs(page: AppTest) -> None:
    picker = page.multiselect(key="_cmp_names")
    assert picker.value == ["Baseline", "Kanban (working)"]  # the default: baseline + working
    assert "Short lead time" in picker.options
    _pick(page, ["Baseline", "Short lead time", "Kanban (working)"])
    table = page.dataframe[0].value
    assert list(table.columns) == [
        "KPI", "Baseline (reference)", "Short lead time", "Δ Short lead time",
        "Kanban (working)", "Δ Kanban (working)",
    ]  # fmt: skip
    assert list(table["KPI"]) == [label for _, label, _, _ in COMPARED]
    for column, value in (("Baseline (reference)", BASE), ("Short lead time", SHORT),
                          ("Kanban (working)", KANBAN)):  # fmt: skip
        alone = run_scenario(normal_demand(), value, skus=["A"]).kpis
        expected = [table_value(getattr(alone, k), u, "$") for k, _, u, _ in COMPARED]
        assert list(table[column]) == expected
    # a lead time of 1 instead of 2 weeks needs less stock: its change is a green (better) cell
    row = list(table["KPI"]).index("Average on hand")
    assert table["Δ Short lead time"][row].startswith("-")
    styled = str(page.dataframe[0].proto)
    assert "#d9f2e6" in styled
    info = page.info[0].value
    assert "**Short lead time** against **Baseline**" in info
    costs = _figures(page)[0]
    assert [t["name"] for t in costs["data"]] == ["Baseline", "Short lead time", "Kanban (working)"]


def test_another_reference_and_every_view(page: AppTest) -> None:
    _pick(page, ["Baseline", "Short lead time", "Kanban (working)"])
    page.selectbox(key="_cmp_reference").set_value("Kanban (working)").run()
    table = page.dataframe[0].value
    assert "Kanban (working) (reference)" in table.columns and "Δ Baseline" in table.columns
    page.segmented_control(key="_cmp_view").set_value("supply").run()
    assert not page.exception
    supply = _figures(page)[0]
    names = [t["name"] for t in supply["data"] if t.get("showlegend") is not False]
    assert names == ["Baseline", "Short lead time", "Kanban (working)", "Demand"]
    page.segmented_control(key="_cmp_view").set_value("frontier").run()
    assert not page.exception
    frontier = _figures(page)[0]
    assert [t["name"] for t in frontier["data"]][::2] == [
        "Baseline", "Short lead time", "Kanban (working)",
    ]  # fmt: skip
    page.segmented_control(key="_cmp_view").set_value("waterfall").run()
    assert not page.exception
    assert page.selectbox(key="_cmp_from").value == "Kanban (working)"
    waterfall = _figures(page)[0]["data"][0]
    assert waterfall["type"] == "waterfall"
    steps = [x.split("<br><b>")[0].replace("<br>", " ") for x in waterfall["x"]]
    assert steps == ["Kanban (working)", "Policy", "Baseline"]
    page.selectbox(key="_cmp_to").set_value("Short lead time").run()
    steps = [x.split("<br><b>")[0].replace("<br>", " ") for x in _figures(page)[0]["data"][0]["x"]]
    assert steps == ["Kanban (working)", "Lead time", "Policy", "Short lead time"]
    assert "the largest is" in page.info[0].value


def test_one_scenario_says_how_to_get_a_second(page: AppTest) -> None:
    _pick(page, ["Kanban (working)"])
    assert "Pick at least two scenarios" in page.info[0].value
    assert not page.get("plotly_chart")


def test_without_a_baseline_the_page_explains() -> None:
    at = open_app("pages/compare.py", demand=normal_demand())
    assert at.multiselect(key="_cmp_names").value == ["Base (working)"]
    assert "Pick at least two scenarios" in at.info[0].value


def test_saving_the_working_settings_adds_them_to_the_comparison(page: AppTest) -> None:
    page.button(key="_cmp_save").click().run()
    assert "Type a name first." in page.caption.values
    page.text_input(key="_cmp_save_name").set_value("Kanban kept")
    page.button(key="_cmp_save").click().run()
    assert not page.exception
    assert page.session_state[library.KEY_LIBRARY]["Kanban kept"].policy.kind == "kanban"
    picked = page.multiselect(key="_cmp_names").value
    assert picked == ["Baseline", "Kanban (working)", "Kanban kept"]
    table = page.dataframe[0].value
    row = list(table["KPI"]).index("Total cost")
    assert table["Δ Kanban kept"][row] == table["Δ Kanban (working)"][row]


def test_a_group_of_skus_and_the_downloads(page: AppTest) -> None:
    page.session_state["demand"] = normal_demand(("A", "B"))
    page.run()
    page.radio(key="_to_scope").set_value("group").run()
    assert not page.exception, [e.value for e in page.exception]
    table = page.dataframe[0].value
    group = run_scenario(normal_demand(("A", "B")), BASE).kpis
    row = list(table["KPI"]).index("Total cost")
    assert table["Baseline (reference)"][row] == table_value(group.total_cost, "money", "$")
    buttons = [b.proto.label for b in page.get("download_button")]
    assert {"Download the comparison (CSV)", "Download as Excel"} <= set(buttons)
    page.segmented_control(key="_cmp_view").set_value("supply").run()
    assert page.selectbox(key="_cmp_sku").options == ["A", "B"]
    page.selectbox(key="_cmp_sku").set_value("B").run()
    assert _figures(page)[0]["layout"]["title"]["text"] == ""  # shown as the heading
    assert "##### B\\: demand, orders and stock per scenario" in [m.value for m in page.markdown]


def test_a_scenario_that_cannot_run_shows_a_message_naming_it(page: AppTest) -> None:
    huge = BASE.with_setting("simulation.paths", 1_000_000).model_copy(update={"name": "Huge"})
    page.session_state[library.KEY_LIBRARY] = {"Huge": huge}
    page.run()
    _pick(page, ["Baseline", "Huge"])
    assert not page.exception
    assert "Scenario 'Huge'\\: This run needs about" in page.error[0].value  # escaped Markdown
    assert page.multiselect(key="_cmp_names").value == ["Baseline", "Huge"]  # kept to fix
