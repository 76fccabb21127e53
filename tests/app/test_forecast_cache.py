"""One cache per data and forecast settings: after "Forecast all" on the Forecast page, the Plan
page forecasts nothing again, and the Forecast page's own SKU is not forecast twice."""

from __future__ import annotations

import pytest
import streamlit as st

import jitcore.forecast.api as api
from tests.app.session import open_app
from ui import state


def test_plan_reuses_the_forecasts_of_forecast_all(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    original = api._forecast_sku

    def counting(series, settings, **kwargs):
        made.append(str(series.name))
        return original(series, settings, **kwargs)

    monkeypatch.setattr(api, "_forecast_sku", counting)
    st.cache_resource.clear()  # forecasts kept by earlier tests in this process
    at = open_app("pages/forecast.py", timeout=300)
    shown = list(made)
    assert len(shown) == 1  # the selected SKU
    at.button(key="_fc_portfolio").click().run()
    assert not at.exception
    after_all = list(made)
    skus = at.session_state[state.KEY_DEMAND].skus
    assert sorted(after_all) == sorted(skus)  # every SKU once, the shown one included
    at.switch_page("pages/plan.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert made == after_all  # the Plan page forecast nothing again
