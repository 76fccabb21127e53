"""The Report page in AppTest: what is compared, the settings that differ from the baseline,
a report built for the chosen format and SKU, and a clear message when it cannot be built."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from jitcore.scenario import Scenario
from tests.conftest import ROOT
from tests.injection import assert_xlsx_safe
from ui import cache, state

FAST = {"forecast": {"method": "moving_average"}, "simulation": {"paths": 30}}


@pytest.fixture
def page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state[state.KEY_SCENARIO] = Scenario.from_dict(
        {**FAST, "name": "JIT", "supply": {"lead_time": 1}}
    )
    at.run()
    at.switch_page("pages/report.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _download(at: AppTest):
    buttons = [b for b in at.get("download_button") if "the report" in b.proto.label]
    assert len(buttons) == 1, "no report download button"
    return buttons[0]


def test_without_baseline_it_compares_with_the_defaults(page: AppTest) -> None:
    assert any("No baseline saved" in i.value for i in page.info)
    what = page.dataframe[0].value
    assert what.iloc[1]["Value"] == "the default settings"
    changes = page.dataframe[1].value
    assert ("lead time", "2", "1") in set(changes.itertuples(index=False, name=None))
    assert _download(page).proto.label == "Download the report"
    assert any("Excel workbook, " in c.value for c in page.caption)


def test_with_a_baseline_the_workbook_holds_both(page: AppTest, monkeypatch) -> None:
    built = []

    def record(content, fmt):
        built.append(original(content, fmt))
        return built[-1]

    original = cache.build_report_file
    monkeypatch.setattr(cache, "build_report_file", record)
    page.session_state[state.KEY_BASELINE] = Scenario.from_dict(
        {**FAST, "name": "Today", "supply": {"lead_time": 4}}
    )
    page.run()
    assert not page.exception and not page.info
    changes = page.dataframe[1].value
    assert ("lead time", "4", "1") in set(changes.itertuples(index=False, name=None))
    assert _download(page).proto.label == "Download the report"
    (report,) = built
    assert report.file_name.endswith("_JIT.xlsx")
    assert "Summary" in assert_xlsx_safe(report.data)
    summary = load_workbook(io.BytesIO(report.data))["Summary"]
    assert summary["B4"].value == "baseline “Today”"


def test_html_format_and_a_broken_browser(page: AppTest, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    page.segmented_control(key="report_format").set_value("html").run()
    assert not page.exception
    assert any("not a file" in e.value for e in page.error)
    assert all("the report" not in b.proto.label for b in page.get("download_button"))
