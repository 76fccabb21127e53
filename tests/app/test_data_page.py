"""The Data page as a user drives it: upload, remap, choose cleaning, use the data; bad uploads
keep the earlier data."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from jitcore.intake import read_demand
from tests.app.session import open_app
from tests.intake_files import csv_bytes, xlsx_bytes
from ui import samples

MESSY = csv_bytes(
    [
        ("Absatzbericht Nord",),
        (),
        ("Datum", "Artikel", "Menge", "Bestellt"),
        ("01.01.2024", "Müsli", "1.234,5", "1.300"),
        ("08.01.2024", "Müsli", "10,5", "12"),
        ("15.01.2024", "Müsli", "-0,5", "1"),
        ("01.01.2024", "Kaffee", "12", "20"),
        ("08.01.2024", "Kaffee", "7", "8"),
        ("15.01.2024", "Kaffee", "n/a", "9"),
        ("Summe", "", "1.263,5", "1.350"),
    ],
    delimiter=";",
    encoding="cp1252",
)


def _open() -> AppTest:
    return open_app("pages/data.py", timeout=60)


def _upload(at: AppTest, name: str, data: bytes) -> None:
    at.radio(key="_intake_source").set_value("upload").run()
    at.file_uploader(key="_intake_file").set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]


def _select(at: AppTest, prefix: str):
    matches = [box for box in at.selectbox if box.key and box.key.startswith(prefix)]
    assert len(matches) == 1, [box.key for box in at.selectbox]
    return matches[0]


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _sample_label(file_name: str) -> str:
    return next(label for label, name in samples.SAMPLES.items() if name == file_name)


def test_opens_on_the_default_sample() -> None:
    at = _open()
    default = read_demand(samples.SAMPLE_DIR / samples.SAMPLES[samples.DEFAULT_SAMPLE])
    assert _metric(at, "SKUs") == str(len(default.skus))
    assert at.button(key="_intake_use").label == "Use this data"
    assert any("This is the data in use" in c.value for c in at.caption)


def test_upload_remap_and_use() -> None:
    at = _open()
    _upload(at, "nord.csv", MESSY)
    assert _select(at, "_intake_date_").value == "Datum"
    assert _select(at, "_intake_sku_").value == "Artikel"
    assert _select(at, "_intake_quantity_").value == "Menge"
    # Menge: Müsli 1234.5 + 10.5 + (-0.5 clipped to 0), Kaffee 12 + 7 ("n/a" left out) = 1264
    assert _metric(at, "Total quantity (units)") == "1,264"
    report = " ".join(m.value for m in at.markdown)
    assert "totals rows: **1**" in report and "non-numeric quantities: **1**" in report
    assert "row 9 ('n/a')" in at.warning[0].value
    _select(at, "_intake_quantity_").set_value("Bestellt").run()
    assert _metric(at, "Total quantity (units)") == "1,350"
    at.button(key="_intake_use").click().run()
    assert not at.exception
    active = at.session_state["demand"]
    assert active.name == "nord.csv" and active.total == 1350.0
    assert active.report.columns["quantity"] == "Bestellt"
    assert any("Now using **nord.csv**" in s.value for s in at.success)
    at.switch_page("pages/home.py").run()
    assert any("Working on **nord.csv**" in m.value for m in at.markdown)


def test_choices_survive_a_page_switch() -> None:
    at = _open()
    _upload(at, "nord.csv", MESSY)
    _select(at, "_intake_quantity_").set_value("Bestellt").run()
    at.selectbox(key="_intake_returns").set_value("ignore").run()
    at.switch_page("pages/home.py").run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert any("uploaded earlier: **nord.csv**" in c.value for c in at.caption)
    assert _select(at, "_intake_quantity_").value == "Bestellt"
    assert at.selectbox(key="_intake_returns").value == "ignore"


def test_cleaning_choices_change_the_result() -> None:
    at = _open()
    rows = [
        ("date", "sku", "qty"),
        ("2024-01-01", "A", "10"),
        ("2024-01-01", "A", "-4"),
        ("2024-01-08", "A", "5"),
    ]
    _upload(at, "returns.csv", csv_bytes(rows))
    assert _metric(at, "Total quantity (units)") == "11"  # returns netted by default
    at.selectbox(key="_intake_returns").set_value("ignore").run()
    assert _metric(at, "Total quantity (units)") == "15"
    at.selectbox(key="_intake_freq").set_value("M").run()  # one month is not a history
    assert "single period" in at.error[0].value
    assert not at.exception


def test_bad_upload_shows_error_and_keeps_the_data() -> None:
    at = _open()
    _upload(at, "nord.csv", MESSY)
    at.button(key="_intake_use").click().run()
    at.file_uploader(key="_intake_file").set_value(("scan.csv", b"%PDF-1.5 \x00\x01", "text/csv"))
    at.run()
    assert not at.exception
    assert "PDF" in at.error[0].value
    assert at.session_state["demand"].name == "nord.csv"
    assert any("still **nord.csv**" in c.value for c in at.caption)


def test_sample_choice_and_workbook_sheets() -> None:
    at = _open()
    at.selectbox(key="_intake_sample").set_value(
        _sample_label("walmart_store1_weekly_long.csv")
    ).run()
    assert _metric(at, "SKUs") == "7"
    book = xlsx_bytes(
        {
            "Weekly": [
                ["date", "sku", "qty"],
                [dt.date(2024, 1, 1), "A", 1],
                [dt.date(2024, 1, 8), "A", 2],
            ],
            "Monthly": [
                ["Item", "Jan 2024", "Feb 2024", "Mar 2024"],
                ["X", 1, 2, 3],
                ["Y", 4, 5, 6],
            ],
        }
    )
    _upload(at, "book.xlsx", book)
    assert _metric(at, "SKUs") == "1"
    _select(at, "_intake_sheet_").set_value("Monthly").run()
    assert not at.exception
    assert _metric(at, "SKUs") == "2" and _metric(at, "Total quantity (units)") == "21"
    assert _select(at, "_intake_layout_").value == "wide_skus_in_rows"


@pytest.mark.parametrize("layout", ["wide_skus_in_columns", "order_lines"])
def test_changing_the_layout_never_breaks_the_page(layout: str) -> None:
    at = _open()
    _upload(at, "nord.csv", MESSY)
    _select(at, "_intake_layout_").set_value(layout).run()
    assert not at.exception, [e.value for e in at.exception]


def test_data_page_shows_the_sample_loaded_on_home() -> None:
    # A sample loaded on Home must be the one the Data page shows, not its own earlier pick.
    at = open_app()
    label = _sample_label("classic_monthly_long.csv")
    at.selectbox(key="_home_sample_widget").set_value(label).run()
    next(b for b in at.button if b.label == "Load this sample").click().run()
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="_intake_sample").value == label
    assert _metric(at, "SKUs") == "3"
    assert any("This is the data in use" in c.value for c in at.caption)


def test_the_upload_says_how_many_rows_and_where_runs_compute(monkeypatch) -> None:
    """The server's settings for big files and a dask cluster are shown where a file is chosen,
    and a bad value in them is named, not a traceback."""
    monkeypatch.setenv("JIT_WHATIF_MAX_ROWS", "2500000")
    monkeypatch.setenv("JIT_WHATIF_DASK_SCHEDULER", "tcp://10.0.0.5:8786")
    at = _open()
    at.radio(key="_intake_source").set_value("upload").run()
    text = " ".join(c.value for c in at.caption)
    assert "up to 2,500,000 rows" in text
    assert "the dask cluster at tcp://10.0.0.5:8786" in text
    monkeypatch.setenv("JIT_WHATIF_MAX_ROWS", "lots")
    monkeypatch.delenv("JIT_WHATIF_DASK_SCHEDULER")
    at.run()
    assert not at.exception
    text = " ".join(c.value for c in at.caption)
    assert "1,000,000 (the server's setting is not a number)" in text
    assert "compute on this machine" in text
