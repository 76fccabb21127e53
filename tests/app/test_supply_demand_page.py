"""The Supply & demand page in AppTest: change the policy, the service level and the lead time
and the KPI cards and charts move the way theory says; an invalid combination shows a plain
error and keeps the last settings; the baseline gives deltas; settings survive page switches."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from jitcore.policies import POLICY_NAMES
from tests.app.session import open_app
from ui import state

SKU = "STABLE-01"


@pytest.fixture
def page() -> AppTest:
    at = open_app("pages/supply_demand.py", timeout=120)
    at.selectbox(key="sd_sku").set_value(SKU).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _number(text: str) -> float:
    """A card's value as a number: '96.7 %' → 96.7, '$1.2k' → 1200."""
    cleaned = text.replace("%", "").replace("$", "").replace(",", "").strip()
    scale = {"k": 1e3, "M": 1e6}.get(cleaned[-1:], 1.0)
    return float(cleaned.rstrip("kM")) * scale


def _cards(at: AppTest) -> dict[str, float]:
    return {m.label: _number(m.value) for m in at.metric}


def _deltas(at: AppTest) -> dict[str, str]:
    return {m.label: m.delta for m in at.metric}


def _figure(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def _values(array) -> np.ndarray:
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array, dtype=float)


def test_page_shows_cards_and_three_charts(page: AppTest) -> None:
    cards = _cards(page)
    # the four a room discusses above the chart (on the first 1280x720 screen), the rest below
    assert list(cards) == [
        "Fill rate",
        "On hand (units)",
        "Bullwhip",
        "Total cost",
        "Cycle service",
        "Turns per year",
        "Stockout weeks",
        "Orders placed",
    ]
    assert 80 < cards["Fill rate"] <= 100
    assert cards["Orders placed"] == pytest.approx(52, abs=0.5)  # (R, S) with R = 1: weekly
    assert cards["Bullwhip"] == pytest.approx(1.0, abs=0.01)  # orders copy demand
    assert len(page.get("plotly_chart")) == 3
    main = _figure(page, 0)
    names = [t.get("name") for t in main["data"]]
    for expected in ("Demand", "Forecast", "Orders", "Receipts", "On hand"):
        assert expected in names
    assert main["layout"]["yaxis"]["title"]["text"] == "Units per week"
    assert page.session_state[state.KEY_SKU] == SKU


def test_higher_service_level_holds_more_stock_and_serves_more(page: AppTest) -> None:
    before = _cards(page)
    safety_before = _safety_stock(page)
    page.slider(key="sd_csl").set_value(99.5).run()
    assert not page.exception
    after = _cards(page)
    assert after["On hand (units)"] > before["On hand (units)"]
    assert after["Fill rate"] > before["Fill rate"]
    assert after["Stockout weeks"] < before["Stockout weeks"]
    assert _safety_stock(page) > safety_before
    assert page.session_state[state.KEY_SCENARIO].buffers.cycle_service_level == pytest.approx(
        0.995
    )


def _safety_stock(at: AppTest) -> float:
    trace = next(t for t in _figure(at)["data"] if t.get("name", "").startswith("Safety stock"))
    return float(_values(trace["y"])[0])


def test_longer_lead_time_needs_more_safety_stock(page: AppTest) -> None:
    before = _safety_stock(page)
    page.slider(key="sd_lead_time").set_value(6).run()
    assert not page.exception
    after = _safety_stock(page)
    # σ over L + R grows with sqrt(L + R): from sqrt(3) to sqrt(7) for demand-σ uncertainty;
    # the forecast error grows at least as fast
    assert after > before * 1.2
    assert page.session_state[state.KEY_SCENARIO].supply.lead_time == 6


def test_policy_change_shows_its_settings_and_smooths_orders(page: AppTest) -> None:
    assert "sd_ti" not in _keys(page)
    page.selectbox(key="sd_policy").set_value("pout").run()
    assert not page.exception
    smooth = _cards(page)["Bullwhip"]
    assert smooth < 0.5  # POUT Ti = 4: 1/(2·4 − 1) ≈ 0.14 for steady demand
    page.slider(key="sd_ti").set_value(1.0).run()  # Ti = 1 is plain order-up-to
    assert _cards(page)["Bullwhip"] == pytest.approx(1.0, abs=0.02)
    subtitle = _figure(page, 1)["layout"]["title"]["subtitle"]["text"]
    assert "passes demand variability on" in subtitle

    page.selectbox(key="sd_policy").set_value("reorder_point").run()
    assert not page.exception
    assert "sd_q_rule" in _keys(page) and "sd_ti" not in _keys(page)
    cards = _cards(page)
    assert cards["Orders placed"] < 20  # lots of Q = EOQ ≈ 4 weeks of demand
    assert cards["Bullwhip"] > 1.5  # (s, Q) orders are lumpy
    names = [t.get("name", "") for t in _figure(page)["data"]]
    assert any(n.startswith("Reorder point s") for n in names)


def _keys(at: AppTest) -> set[str]:
    return {w.key for w in at.main.children.values() for w in _walk(w) if getattr(w, "key", None)}


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def test_invalid_combination_shows_an_error_not_a_traceback(page: AppTest) -> None:
    page.selectbox(key="sd_policy").set_value("vmi").run()
    page.number_input(key="sd_vmi_min").set_value(6.0).run()
    good = page.session_state[state.KEY_SCENARIO]
    cards = _cards(page)
    page.number_input(key="sd_vmi_max").set_value(2.0).run()
    assert not page.exception
    assert any("VMI maximum cover" in e.value for e in page.error)
    assert page.session_state[state.KEY_SCENARIO] == good  # the last valid settings are kept
    assert _cards(page) == cards
    page.number_input(key="sd_vmi_max").set_value(9.0).run()
    assert not page.error
    assert page.session_state[state.KEY_SCENARIO].policy.vmi_max_cover == 9.0


def test_baseline_shows_deltas(page: AppTest) -> None:
    assert all(not d for d in _deltas(page).values())
    page.button(key="sd_save_baseline").click().run()
    assert page.session_state[state.KEY_BASELINE] == page.session_state[state.KEY_SCENARIO]
    page.slider(key="sd_csl").set_value(99.0).run()
    deltas = _deltas(page)
    assert deltas["Fill rate"].startswith("+") and deltas["Fill rate"].endswith(" points")
    assert deltas["On hand (units)"].startswith("+")
    captions = " ".join(c.value for c in page.caption)
    assert "cycle service level 95 % → 99 %" in captions
    costs = _figure(page, 2)
    assert [t["name"].split(" (")[0] for t in costs["data"]] == ["Baseline", "This scenario"]
    page.button(key="sd_clear_baseline").click().run()
    assert all(not d for d in _deltas(page).values())
    assert page.session_state[state.KEY_BASELINE] is None


def test_replay_and_one_path_views(page: AppTest) -> None:
    page.radio(key="sd_mode").set_value("replay").run()
    assert not page.exception
    main = _figure(page)
    assert "Replay of history" in main["layout"]["title"]["subtitle"]["text"]
    assert not any("P10" in t.get("name", "") for t in main["data"])
    # every replayed week: the history after the warm-up of two seasons + 2 weeks
    assert _cards(page)["Orders placed"] == pytest.approx(156 - 106, abs=1)
    page.radio(key="sd_mode").set_value("monte_carlo").run()
    page.segmented_control(key="sd_view").set_value("path").run()
    page.number_input(key="sd_path").set_value(5).run()
    assert not page.exception
    main = _figure(page)
    assert "One simulated path (number 5)" in main["layout"]["title"]["subtitle"]["text"]


def test_settings_survive_a_page_switch(page: AppTest) -> None:
    page.slider(key="sd_lead_time").set_value(5).run()
    page.switch_page("pages/plan.py")
    page.run()
    assert not page.exception
    assert page.slider(key="plan_lead_time").value == 5
    table = page.dataframe[0].value
    assert set(table["Lead time L (weeks)"]) == {5.0}
    page.switch_page("pages/supply_demand.py")
    page.run()
    assert page.slider(key="sd_lead_time").value == 5


def test_a_scenario_loaded_elsewhere_is_shown_not_overwritten(page: AppTest) -> None:
    """The sidebar can load a scenario file while this page is open: the widgets follow it."""
    page.slider(key="sd_lead_time").set_value(3).run()
    loaded = page.session_state[state.KEY_SCENARIO].with_setting("supply.lead_time", 7)
    loaded = loaded.with_setting("policy.kind", "kanban")
    page.session_state[state.KEY_SCENARIO] = loaded
    page.run()
    assert not page.exception
    assert page.session_state[state.KEY_SCENARIO] == loaded
    assert page.slider(key="sd_lead_time").value == 7
    assert page.selectbox(key="sd_policy").value == "kanban"


def test_every_policy_runs_with_its_own_settings(page: AppTest) -> None:
    own = {
        "sd_ti": {"pout"},
        "sd_revision": {"heijunka"},
        "sd_vmi_min": {"vmi"},
        "sd_cards": {"kanban"},
        "sd_correction": {"lot_for_lot"},
        "sd_q_rule": {"reorder_point", "min_max"},
        "sd_review": set(POLICY_NAMES) - {"heijunka"},
    }
    for kind in POLICY_NAMES:
        page.selectbox(key="sd_policy").set_value(kind).run()
        assert not page.exception, (kind, [e.value for e in page.exception])
        assert not page.error, (kind, [e.value for e in page.error])
        assert len(page.get("plotly_chart")) == 3
        keys = _keys(page)
        for key, kinds in own.items():
            assert (key in keys) == (kind in kinds), (kind, key)
        names = [t.get("name", "") for t in _figure(page)["data"]]
        assert ("Production" in names) == (kind == "heijunka")
