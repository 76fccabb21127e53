"""Sidebar and Home wording for small and large data sets."""

from __future__ import annotations

from jitcore.formatting import count
from jitcore.intake import read_demand
from jitcore.scenario import Scenario
from tests.app.session import open_app
from tests.intake_files import csv_bytes


def test_count_has_thousands_separators_and_the_right_plural() -> None:
    assert count(1, "SKU") == "1 SKU"
    assert count(3000, "SKU") == "3,000 SKUs"
    assert count(0, "period") == "0 periods"


def test_one_sku_reads_as_one_sku_not_one_skus() -> None:
    rows = [("date", "sku", "qty"), ("2024-01-01", "A", "5"), ("2024-01-08", "A", "6")]
    data = read_demand(csv_bytes(rows), filename="one.csv")
    at = open_app(demand=data)
    sidebar = " ".join(m.value for m in at.sidebar.markdown)
    assert "1 SKU · 2 periods" in sidebar
    main = " ".join(m.value for m in at.main.markdown)
    assert "1 SKU, 2 weekly periods" in main


def test_a_bad_scenario_file_in_the_app_points_to_the_download_not_a_command() -> None:
    at = open_app()
    for bad in (b'{"schema_version": 99}', b'{"forecast": {"horizon": "abc"}}', b"[1, 2]"):
        at.sidebar.file_uploader(key="_scenario_upload").set_value(
            ("bad.json", bad, "application/json")
        ).run()
        assert not at.exception
        message = " ".join(e.value for e in at.sidebar.error)
        assert "python -m jitcore" not in message, message
        assert "Download settings (JSON)" in message, message
    assert at.session_state["scenario"] == Scenario()


def test_forecast_all_says_how_long_it_takes_for_many_skus() -> None:
    dates = [f"2024-{month:02d}-01" for month in range(1, 13)]
    rows = [("date", "sku", "qty")] + [
        (d, f"SKU{i:04d}", str(1 + (i + k) % 7)) for i in range(1200) for k, d in enumerate(dates)
    ]
    data = read_demand(csv_bytes(rows), filename="many.csv")
    at = open_app("pages/forecast.py", timeout=90, demand=data)
    assert at.button(key="_fc_portfolio").label == "Forecast all 1,200 SKUs"
    # 1,200 SKUs at 0.05 s each (2 workers): a minute, said before the user presses the button.
    assert any("it takes about 1 min;" in c.value for c in at.caption)


def test_a_season_longer_than_half_the_history_explains_itself() -> None:
    # 156 weeks of history and a 300-week season: seasonality is switched off, and the error
    # must say why instead of "no seasonal period is in use" next to a box showing 300.
    at = open_app("pages/forecast.py", timeout=90)
    at.number_input(key="_fc_season").set_value(300).run()
    at.selectbox(key="_fc_method").set_value("holt_winters_additive").run()
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert "shorter than two full seasons" in message, message
    assert "at most half the history" in message
    assert at.get("plotly_chart")  # the last good forecast is still shown


def test_overrides_in_use_are_named_outside_the_closed_expander() -> None:
    at = open_app("pages/forecast.py", timeout=90)
    assert not any("Overrides in use" in c.value for c in at.caption)
    at.number_input(key="_fc_season").set_value(26).run()
    at.number_input(key="_fc_alpha").set_value(0.3).run()
    assert not at.exception
    note = next(c.value for c in at.caption if "Overrides in use" in c.value)
    assert "alpha 0.3" in note and "season length 26 weeks" in note, note
