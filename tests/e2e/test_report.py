"""Reports in a real browser: upload a file whose SKU names a spreadsheet would evaluate, save
a baseline, change the lead time, and download the report (Excel and the offline HTML page)
and the Supply & demand timeline: no formula cell, no fetch from the network."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from jitcore.reports import is_formula_like
from tests.e2e.conftest import open_page, save_baseline, upload_file, wait_for_app
from tests.injection import FILE_NAMES, assert_csv_safe, assert_xlsx_safe, write_injection_file
from tests.test_reports_workshop import _Fetches

pytestmark = pytest.mark.e2e

MAIN = '[data-testid="stMain"]'
FRESH = '[data-stale="false"]'


def _upload(page, path) -> None:
    upload_file(page, path)
    page.get_by_role("button", name="Use this data").click()
    page.get_by_text("Now using").wait_for(timeout=60_000)
    wait_for_app(page)


def _download(page, label: str, tmp_path):
    button = page.locator(f"{MAIN} {FRESH} [data-testid='stDownloadButton']", has_text=label)
    button.first.wait_for(timeout=180_000)
    wait_for_app(page)
    # a file made on press needs a server round trip; on a loaded machine a click that lands
    # while a rerun starts can be dropped, as a person would notice and press again
    for attempt in range(3):
        try:
            with page.expect_download(timeout=60_000) as info:
                button.first.click()
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            wait_for_app(page)
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return target


def test_report_and_downloads_of_injection_names(page, app_url: str, tmp_path) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith((app_url, "data:", "blob:")) else None
        ),
    )
    page.goto(app_url)
    wait_for_app(page)
    _upload(page, write_injection_file(tmp_path / "inject.csv"))

    save_baseline(page, timeout=120_000)
    timeline = _download(page, "Timeline (CSV)", tmp_path)
    assert_csv_safe(timeline.read_bytes())
    workbook = _download(page, "Both (Excel)", tmp_path)
    assert assert_xlsx_safe(workbook.read_bytes()) == ["KPIs", "Timeline", "Paths"]

    slider = page.locator(f"{MAIN} {FRESH} [data-testid='stSlider']", has_text="Lead time")
    slider.get_by_role("slider").first.focus()
    page.keyboard.press("ArrowRight")
    page.get_by_text("Changed from the baseline").wait_for(timeout=60_000)
    wait_for_app(page)

    open_page(page, "Report")
    page.get_by_role("heading", name="Settings that differ (1)").wait_for(timeout=180_000)
    report = _download(page, "Download the report", tmp_path)
    assert report.suffix == ".xlsx"
    assert "Summary" in assert_xlsx_safe(report.read_bytes(), FILE_NAMES)

    page.locator(f"{MAIN} [data-testid='stButtonGroup']").get_by_text("Web page").click()
    wait_for_app(page)
    page.get_by_text("Web page (HTML, opens offline),").wait_for(timeout=180_000)
    html = _download(page, "Download the report", tmp_path)
    parser = _Fetches()
    parser.feed(html.read_text(encoding="utf-8"))
    assert "script" not in parser.tags and "link" not in parser.tags
    assert parser.urls and all(u.startswith("data:image/png;base64,") for u in parser.urls)
    assert not any(is_formula_like(u) for u in parser.urls)
    assert not outside, outside[:5]
