"""Home and Demand profile pages in AppTest: loading a sample, the profile table and charts."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.session import open_app
from ui import samples, state

CLASSIC = "Australian drug and wine sales (monthly, 3 SKUs)"


@pytest.fixture
def app() -> AppTest:
    return open_app()


def sidebar_text(at: AppTest) -> str:
    return " ".join(m.value for m in at.sidebar.markdown)


def trace_values(data: dict | list) -> np.ndarray:
    """A plotly trace's values: a list, or a typed array encoded as base64 (plotly 6+)."""
    if isinstance(data, dict):
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"])
    return np.array(data, dtype=float)


def chart_titles(at: AppTest) -> list[str]:
    return [
        json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in at.get("plotly_chart")
    ]


def test_home_opens_on_the_teaching_set(app: AppTest) -> None:
    assert "teaching_weekly_long.csv" in sidebar_text(app)
    assert "6 SKUs · 156 periods" in sidebar_text(app)
    tiles = {metric.label: metric.value for metric in app.metric}
    assert tiles["SKUs"] == "6"
    assert tiles["Periods"] == "156"
    assert tiles["Frequency"] == "weekly"
    assert tiles["First period"] == "Jan 2022"
    assert tiles["Last period"] == "Dec 2024"
    assert tiles["Total demand"] == "87,577"


def test_home_loads_a_sample_with_the_button(app: AppTest) -> None:
    app.selectbox(key="_home_sample_widget").set_value(CLASSIC)
    app.button[0].click()
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert "classic_monthly_long.csv" in sidebar_text(app)
    assert "3 SKUs" in sidebar_text(app)
    assert app.session_state[state.KEY_DEMAND].frequency == "M"
    assert app.selectbox(key="_sku_widget").options == [
        "A10_ANTIDIABETIC_AUDm",
        "H02_CORTICOSTEROID_AUDm",
        "WINE_AU_BOTTLES_LT1L",
    ]
    assert any("Loaded the sample" in s.value for s in app.success)
    assert {m.label: m.value for m in app.metric}["Frequency"] == "monthly"


def test_home_sample_that_cannot_be_read_keeps_the_earlier_data(app: AppTest) -> None:
    wide = next(label for label, name in samples.SAMPLES.items() if "wide" in name)
    app.selectbox(key="_home_sample_widget").set_value(wide)
    app.button[0].click()
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    if app.error:  # the placeholder reader cannot read wide files yet
        assert "teaching_weekly_long.csv" in sidebar_text(app)
    else:
        assert "26 SKUs" in sidebar_text(app)


def test_home_links_every_step() -> None:
    at = open_app()
    links = [element.proto.page for element in at.get("page_link")]
    for page in ("data", "profile", "forecast", "plan", "supply_demand", "tradeoffs"):
        assert any(page in link for link in links), (page, links)


def test_profile_page_table_and_charts(app: AppTest) -> None:
    app.switch_page("pages/profile.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    table = app.dataframe[0].value
    assert table["sku"].tolist() == list(app.session_state[state.KEY_DEMAND].skus)
    row = table.set_index("sku").loc["INTERMITTENT-01"]
    assert row["demand_class"] == "intermittent"
    assert row["adi"] == pytest.approx(156 / 49)
    assert len(row["history"]) == 156
    titles = chart_titles(app)
    assert titles[0] == "INTERMITTENT-01: intermittent demand, class CZ"
    assert "Demand classes" in titles[1]
    assert "ABC × XYZ" in titles[2]
    warning = app.warning[0].value
    assert "2 of 6 SKUs" in warning and "LUMPY-01" in warning
    counts = {metric.label: metric.value for metric in app.metric}
    assert counts["Intermittent SKUs"] == "1"
    assert counts["Smooth SKUs"] == "3"


def test_profile_chart_follows_the_sidebar_sku(app: AppTest) -> None:
    app.switch_page("pages/profile.py")
    app.run()
    app.selectbox(key="_sku_widget").set_value("SEASONAL-01")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert chart_titles(app)[0] == "SEASONAL-01: smooth demand, class AX"
    scatter = json.loads(app.get("plotly_chart")[1].proto.spec)
    highlighted = [trace for trace in scatter["data"] if trace.get("name") == "SEASONAL-01"]
    assert highlighted and highlighted[0]["x"][0] == pytest.approx(1.0)


def test_profile_rolling_mean_window(app: AppTest) -> None:
    app.switch_page("pages/profile.py")
    app.run()
    app.slider(key="_profile_window_widget").set_value(13)
    app.run()
    history = json.loads(app.get("plotly_chart")[0].proto.spec)
    rolling = history["data"][1]
    assert rolling["name"] == "Rolling mean, 13 weeks"
    y = trace_values(rolling["y"])
    assert np.isnan(y[:12]).all()  # the first 12 weeks have no 13-week mean
    demand = trace_values(history["data"][0]["y"])
    assert y[12] == pytest.approx(demand[:13].mean())


def test_profile_page_without_intermittent_items(app: AppTest) -> None:
    app.selectbox(key="_home_sample_widget").set_value(CLASSIC)
    app.button[0].click()
    app.run()
    app.switch_page("pages/profile.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.warning
    assert len(app.dataframe[0].value) == 3
