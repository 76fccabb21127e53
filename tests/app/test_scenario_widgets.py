"""The settings widget table (ui.widgets.fields) and its conversions, in AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from jitcore.scenario import Scenario
from ui import widgets as sw


def test_every_spec_names_a_scenario_setting_with_its_own_key() -> None:
    sections = Scenario().to_dict()
    keys = [field.key for fields in sw.FIELDS.values() for field in fields.values()]
    assert len(keys) == len(set(keys)), "two settings would share one widget's state"
    for section, fields in sw.FIELDS.items():
        assert set(fields) <= set(sections[section]), section


def _supply_and_costs() -> None:
    import streamlit as st

    from jitcore.scenario import Scenario
    from ui import widgets as sw

    s = sw.supply_settings(Scenario(), key="t", frequency="M")
    s = sw.cost_settings(s, key="t", frequency="M")
    st.session_state["result"] = s


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_function(_supply_and_costs, default_timeout=30)
    at.run()
    assert not at.exception
    return at


def test_labels_carry_period_and_currency(app: AppTest) -> None:
    assert app.slider(key="t_lead_time").label == "Lead time L (months)"
    assert app.number_input(key="t_capacity").label == "Supplier capacity (units/month)"
    money = Scenario().costs.currency
    assert app.number_input(key="t_unit_cost").label == f"Unit cost ({money}/unit)"


def test_percent_widgets_write_fractions_and_empty_means_auto(app: AppTest) -> None:
    app.slider(key="t_slip").set_value(25.0)
    app.number_input(key="t_holding_rate").set_value(30.0)
    app.number_input(key="t_capacity").set_value(120.0)
    app.run()
    result: Scenario = app.session_state["result"]
    assert result.supply.slip_probability == pytest.approx(0.25)
    assert result.costs.holding_rate == pytest.approx(0.30)
    assert result.supply.capacity == pytest.approx(120.0)
    app.number_input(key="t_capacity").set_value(None)
    app.run()
    assert app.session_state["result"].supply.capacity is None


def test_lead_time_slider_widens_to_a_longer_saved_lead_time() -> None:
    def script() -> None:
        from jitcore.scenario import Scenario
        from ui import widgets as sw

        s = Scenario.from_dict({**Scenario().to_dict(), "supply": {"lead_time": 40}})
        sw.supply_settings(s, key="t", frequency="M", fields=["lead_time"])

    at = AppTest.from_function(script, default_timeout=30)
    at.run()
    slider = at.slider(key="t_lead_time")
    assert (slider.max, slider.value) == (40, 40)
    assert len(at.number_input) == 0
