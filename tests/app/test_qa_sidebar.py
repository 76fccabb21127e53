"""Sidebar and Home wording for small and large data sets."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

import ui
from jitcore.intake import read_demand
from tests.conftest import ROOT
from tests.intake_files import csv_bytes


def test_count_has_thousands_separators_and_the_right_plural() -> None:
    assert ui.count(1, "SKU") == "1 SKU"
    assert ui.count(3000, "SKU") == "3,000 SKUs"
    assert ui.count(0, "period") == "0 periods"


def test_one_sku_reads_as_one_sku_not_one_skus() -> None:
    rows = [("date", "sku", "qty"), ("2024-01-01", "A", "5"), ("2024-01-08", "A", "6")]
    data = read_demand(csv_bytes(rows), filename="one.csv")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["demand"] = data
    at.run()
    assert not at.exception
    sidebar = " ".join(m.value for m in at.sidebar.markdown)
    assert "1 SKU · 2 periods" in sidebar
    main = " ".join(m.value for m in at.main.markdown)
    assert "1 SKU, 2 weekly periods" in main


def test_a_bad_scenario_file_in_the_app_points_to_the_download_not_a_command() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    for bad in (b'{"schema_version": 99}', b'{"forecast": {"horizon": "abc"}}', b"[1, 2]"):
        at.sidebar.file_uploader(key="_scenario_upload").set_value(
            ("bad.json", bad, "application/json")
        ).run()
        assert not at.exception
        message = " ".join(e.value for e in at.sidebar.error)
        assert "python -m jitcore" not in message, message
        assert "Download settings (JSON)" in message, message
    assert at.session_state["scenario"] == ui.Scenario()
