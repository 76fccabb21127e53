"""The Bullwhip game page in AppTest: the room types the wholesaler's orders for three weeks
and the chart, KPI cards and debrief follow the core's game; a lever starts a new round and the
debrief says what changed; a rules-only round plays to the end."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from jitcore.chain import RoundSetup, play_week, round_settings, start_game
from tests.app.session import open_app

PAGE = "pages/bullwhip_game.py"


@pytest.fixture
def page() -> AppTest:
    return open_app(PAGE, timeout=120)


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _traces(at: AppTest) -> dict[str, list]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {f"{t['name']}/{t.get('yaxis', 'y')}": t.get("y", []) for t in spec["data"]}


def _values(array) -> np.ndarray:
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array, dtype=float)


def test_three_typed_weeks_play_the_core_game(page: AppTest) -> None:
    assert any("Round 1" in m.value for m in page.markdown)
    assert [m.value for m in page.metric][:3] == ["–", "–", "–"]
    typed = [8, 12, 4]
    for order in typed:
        page.number_input(key="bullwhip_order").set_value(order)
        _button(page, "Order and play").click().run()
        assert not page.exception, [e.value for e in page.exception]
    assert any("Week 4 of 30" in m.value for m in page.markdown)
    # the same three weeks through the core's step API
    game = start_game(round_settings(RoundSetup()))
    for order in typed:
        game = play_week(game, {1: order})
    traces = _traces(page)
    assert np.array_equal(_values(traces["Wholesaler/y"]), typed)
    assert np.array_equal(_values(traces["Factory/y"]), game.series("orders")[:, 3])
    assert np.array_equal(_values(traces["Factory/y2"]), game.net_stock()[:, 3])
    stages, chain = game.kpis()
    cards = {m.label: m.value for m in page.metric}
    assert cards["Chain cost"] == f"${chain.total_cost:,.2f}"
    assert cards["The room's cost"] == f"${stages[1].total_cost:,.2f}"
    table = page.dataframe[0].value
    assert list(table["Stage"]) == ["Retailer", "Wholesaler", "Distributor", "Factory"]
    assert list(table["Orders by"]) == ["rule", "the room", "rule", "rule"]
    assert page.get("download_button")  # the round's weeks as CSV
    # three weeks of flat demand: no variance to compare with, so no "swings most" line
    assert np.isnan(stages[3].amplification)
    assert not any("swing most" in m.value for m in page.markdown)


def test_a_lever_starts_a_new_round_and_the_debrief_says_what_changed(page: AppTest) -> None:
    page.number_input(key="bullwhip_order").set_value(9)
    _button(page, "Order and play").click().run()
    page.toggle(key="bullwhip_shared_information").set_value(True).run()
    assert not page.exception
    assert any("Round 2" in m.value and "Shared information" in m.value for m in page.markdown)
    page.number_input(key="bullwhip_order").set_value(9)
    _button(page, "Order and play").click().run()
    text = "\n".join(m.value for m in page.markdown)
    assert "What changed from round 1" in text
    assert "End-customer demand seen by all: off → on" in text
    assert len(page.dataframe[1].value) == 2  # both rounds in the summary


def test_a_rules_only_round_plays_to_the_end(page: AppTest) -> None:
    page.selectbox(key="bullwhip_player").set_value("nobody").run()
    _button(page, "Play to the end").click().run()
    assert not page.exception, [e.value for e in page.exception]
    assert any("Round over: 30 weeks" in s.value for s in page.success)
    amplification = float(next(m for m in page.metric if m.label == "Factory amplification").value)
    page.toggle(key="bullwhip_shared_information").set_value(True).run()
    _button(page, "Play to the end").click().run()
    shared = float(next(m for m in page.metric if m.label == "Factory amplification").value)
    text = "\n".join(m.value for m in page.markdown)
    assert f"swing most at the **factory**: their variance is **{shared:.1f}×**" in text
    assert shared < amplification / 3  # 89.7 → about 10 on the Beer Game's step
    _button(page, "New round").click().run()
    assert [m.value for m in page.metric][:3] == ["–", "–", "–"]
