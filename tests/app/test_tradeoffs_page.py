"""The Trade-offs page in AppTest: move the service target, pull levers and read the
waterfall, switch views and scope, start a 'today vs JIT' workshop, and see a user error as a
message."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from jitcore.charts.tradeoffs import nines
from jitcore.tradeoffs import LEVER_ORDER
from tests.app.session import open_app
from ui import state


@pytest.fixture
def page() -> AppTest:
    return open_app("pages/tradeoffs.py", timeout=120)


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _values(array) -> np.ndarray:
    """A plotly array: a plain list, or {"dtype", "bdata"} (base64) in plotly 6+."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array, dtype=float)


def _trace(figure: dict, prefix: str) -> dict:
    return next(t for t in figure["data"] if str(t.get("name", "")).startswith(prefix))


def _steps(waterfall: dict) -> list[str]:
    """Waterfall bar names without the line breaks and the fill-rate line."""
    return [x.split("<br><b>")[0].replace("<br>", " ") for x in waterfall["x"]]


def _view(at: AppTest, view: str) -> AppTest:
    at.segmented_control(key="_to_view").set_value(view).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_moving_the_service_target_moves_the_marked_point(page: AppTest) -> None:
    cost, service, stock = _figures(page)[:3]
    you = _trace(cost, "You")
    assert you["name"] == "You: 95 %" and _values(you["x"])[0] == pytest.approx(nines(0.95))
    total = _values(_trace(cost, "Total cost")["y"])
    assert len(total) == 30
    assert "Each extra point of cycle service level above 98 %" in page.info[0].value
    page.slider(key="_to_target").set_value(98.5).run()
    assert not page.exception
    scenario = page.session_state["scenario"]
    assert scenario.buffers.method == "service_level"
    assert scenario.buffers.cycle_service_level == pytest.approx(0.985)
    moved = _figures(page)[0]
    you = _trace(moved, "You")
    assert you["name"] == "You: 98.5 %"
    assert _values(you["x"])[0] == pytest.approx(nines(0.985))
    # the curve is the same sweep; only the current point moved, and it lies on the curve
    assert np.allclose(_values(_trace(moved, "Total cost")["y"]), total)
    low = np.interp(nines(0.985), _values(_trace(moved, "Total cost")["x"]), total)
    assert _values(you["y"])[0] == pytest.approx(low, rel=0.05)
    assert "Your current target of 98.5 %" in page.info[0].value


def test_levers_waterfall_adds_up_and_reacts_to_a_lever(page: AppTest) -> None:
    _view(page, "levers")
    waterfall = _figures(page)[0]["data"][0]
    assert waterfall["type"] == "waterfall"
    steps = _steps(waterfall)
    assert steps[0] == "Baseline" and steps[-1] == "All levers"
    assert len(steps) == len(LEVER_ORDER) + 2
    values = _values(waterfall["y"])
    # baseline + steps = all levers (the total bar's text shows its level)
    total_text = waterfall["text"][-1]
    assert float(total_text.strip("$").replace(",", "")) == pytest.approx(
        values[:-1].sum(), rel=0.01, abs=0.01
    )
    # switch every lever off but the setup-cost cut, then deepen the cut
    for name in LEVER_ORDER[1:]:
        page.checkbox(key=f"_to_on_{name}").uncheck()
    page.run()
    only = _figures(page)[0]["data"][0]
    assert _steps(only) == ["Baseline", "Cheaper setups", "All levers"]
    half = _values(only["y"])[1]
    page.slider(key="_to_lv_setup").set_value(90).run()
    deeper = _values(_figures(page)[0]["data"][0]["y"])[1]
    assert deeper < half < 0  # cheaper setups cut ordering cost more
    assert page.session_state["tradeoffs_levers"].setup_cost_cut == pytest.approx(0.9)
    assert "All levers together change total cost by" in page.info[0].value


def test_every_view_draws_its_charts(page: AppTest) -> None:
    expected = {"lot_size": 1, "sensitivity": 2, "grid": 1}
    for view, count in expected.items():
        _view(page, view)
        assert len(page.get("plotly_chart")) == count, view
        assert page.info, view
    heat = _figures(page)[0]
    assert heat["data"][0]["type"] == "heatmap" and len(heat["layout"]["shapes"]) == 1
    _view(page, "lot_size")
    lot = _figures(page)[0]
    assert _trace(lot, "Your lot")["name"].startswith("Your lot:")
    assert lot["layout"]["xaxis"]["type"] == "log"


def test_group_picker_takes_every_sku_or_none_in_one_click(page: AppTest) -> None:
    page.radio(key="_to_scope").set_value("group").run()
    page.button(key="_to_group_all").click().run()
    assert page.multiselect(key="_to_group").value == list(
        page.session_state[state.KEY_DEMAND].skus
    )
    page.button(key="_to_group_none").click().run()
    assert page.multiselect(key="_to_group").value == []
    assert not page.exception


def test_group_scope_sums_the_skus(page: AppTest) -> None:
    single = _values(_trace(_figures(page)[0], "Total cost")["y"])
    page.radio(key="_to_scope").set_value("group").run()
    skus = page.multiselect(key="_to_group").value
    page.multiselect(key="_to_group").set_value(skus[:2]).run()
    assert not page.exception
    group = _values(_trace(_figures(page)[0], "Total cost")["y"])
    assert group.mean() > single.mean()  # two SKUs cost more than one of them
    _view(page, "lot_size")
    assert "periods of demand" in page.info[0].value


def test_workshop_preset_and_baseline_comparison(page: AppTest) -> None:
    _view(page, "compare")
    assert "No baseline saved yet" in page.info[0].value
    page.button[1].click().run()  # Start a 'today vs JIT' workshop
    assert not page.exception
    assert page.session_state["baseline_scenario"].name == "Today"
    assert page.session_state["scenario"].policy.kind == "kanban"
    table = page.dataframe[0].value
    assert len(table) == 13 and table["KPI"].iloc[0] == "Total cost"
    assert list(table.columns[1:3]) == ["Baseline (Today)", "What-if (JIT)"]
    names = [t["name"] for t in _figures(page)[1]["data"]]
    assert names == ["Today", "Today: current", "JIT", "JIT: current"]
    page.button[2].click().run()  # clear
    assert page.session_state["baseline_scenario"] is None


def test_a_user_error_is_a_message_not_a_traceback(page: AppTest) -> None:
    scenario = page.session_state["scenario"]
    page.session_state["scenario"] = scenario.with_setting("costs.holding_rate", 0.0)
    _view(page, "lot_size")
    assert not page.exception
    assert "holding cost" in page.error[0].value
