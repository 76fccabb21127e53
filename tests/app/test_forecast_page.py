"""The Forecast page in AppTest: change the method and overrides, see the chart and metrics
change; a method that cannot fit the data shows a plain error and keeps the last result."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.session import open_app


@pytest.fixture
def page() -> AppTest:
    return open_app("pages/forecast.py", timeout=90)


def _figure(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def _values(array) -> np.ndarray:
    """A plotly array: a plain list, or {"dtype", "bdata"} (base64) in plotly 6+."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array, dtype=float)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_method_change_updates_chart_table_and_metrics(page: AppTest) -> None:
    first = _figure(page)
    names = [trace.get("name") for trace in first["data"]]
    assert names[:3] == ["80% prediction interval", "Demand", "Fitted (one period ahead)"]
    assert names[3].startswith("Forecast: ")
    before = _metrics(page)
    assert float(before["MASE (backtest)"]) > 0

    page.selectbox(key="_fc_method").set_value("naive").run()
    assert not page.exception
    after = _figure(page)
    assert after["data"][3]["name"] == "Forecast: Naive (last value)"
    forecast = _values(after["data"][3]["y"])
    assert len(forecast) == 12 and np.all(forecast == forecast[0])  # naive is flat
    assert not np.all(_values(first["data"][3]["y"]) == forecast[0])
    assert _metrics(page)["Value added over naive"] == "+0 %"
    assert _metrics(page)["MASE (backtest)"] != before["MASE (backtest)"]
    table = page.dataframe[0].value
    chosen = table[table["Chosen"] == "✔"]
    assert chosen["Method"].tolist() == ["Naive (last value)"]


def test_folds_toggle_and_overrides(page: AppTest) -> None:
    page.toggle(key="_fc_folds").set_value(True).run()
    names = [trace.get("name") for trace in _figure(page)["data"]]
    assert names.count("Backtest: forecast at each fold start") == 3

    page.selectbox(key="_fc_method").set_value("ses").run()
    page.number_input(key="_fc_alpha").set_value(0.5).run()
    assert not page.exception
    captions = " ".join(c.value for c in page.caption)
    assert "α = 0.5 (fixed)" in captions


def test_impossible_method_shows_an_error_and_keeps_the_last_result(page: AppTest) -> None:
    page.number_input(key="_fc_season").set_value(1).run()
    page.selectbox(key="_fc_method").set_value("seasonal_naive").run()
    assert not page.exception
    assert any("seasonal" in e.value for e in page.error)
    assert page.get("plotly_chart")  # the last good forecast is still shown


def test_portfolio_view_after_the_button(page: AppTest) -> None:
    page.button(key="_fc_portfolio").click().run()
    assert not page.exception
    charts = page.get("plotly_chart")
    assert len(charts) == 3
    wins = json.loads(charts[1].proto.spec)
    assert sum(wins["data"][0]["x"]) == len(page.session_state["demand"].skus)  # one win per SKU
    page.selectbox(key="_fc_method").set_value("holt").run()  # cached portfolio still shown
    assert not page.exception and len(page.get("plotly_chart")) == 3
