"""Reports: the workbook, the self-contained HTML page and its PDF, from one report content.

Checked: numbers round-trip into the workbook, the per-period timeline is the median and mean
over the recorded paths, no cell of user text is a formula, the HTML fetches nothing and shows
user text as text, the PDF renders (poppler's pdftoppm) with its four charts."""

from __future__ import annotations

import io
import shutil
import subprocess
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from jitcore.errors import JitError
from jitcore.reports.content import busiest_sku, period_table, report_content
from jitcore.reports.figures import report_figures
from jitcore.reports.images import browser_path, figure_images, plotly_text
from jitcore.reports.report import check_format, report_file, report_file_name
from jitcore.reports.workbook import SHEETS, report_workbook
from jitcore.reports.workshop import html_to_pdf, report_html
from jitcore.scenario import Scenario
from tests.injection import INJECTION_NAMES, assert_xlsx_safe, injection_demand

TAG_NAME = "<img src=http://example.invalid/x.png>"
NAMES = (*INJECTION_NAMES, TAG_NAME)


def scenarios() -> tuple[Scenario, Scenario]:
    common = {"forecast": {"method": "moving_average"},
              "simulation": {"paths": 40, "timeline_paths": 40}}  # fmt: skip
    after = Scenario.from_dict({**common, "name": "=JIT", "supply": {"lead_time": 1},
                                "policy": {"kind": "kanban"}})  # fmt: skip
    before = Scenario.from_dict({**common, "name": "Today", "supply": {"lead_time": 4}})
    return after, before


@pytest.fixture(scope="module")
def content():
    after, before = scenarios()
    return report_content(injection_demand(NAMES), after, before, sku=TAG_NAME)


@pytest.fixture(scope="module")
def images(content):
    return figure_images([f.figure for f in report_figures(content)], scale=1)


def test_content_compares_the_settings_and_kpis(content) -> None:
    changes = {c.setting: (c.before, c.after) for c in content.changes()}
    assert changes["supply.lead_time"] == ("4", "1")
    assert changes["policy.kind"][1] == "Kanban"
    table = content.kpi_table().set_index("name")
    assert table.loc["total_cost", "scenario"] == pytest.approx(content.scenario.kpis.total_cost)
    assert table.loc["total_cost", "baseline"] == pytest.approx(content.baseline.kpis.total_cost)
    change = table.loc["fill_rate", "change"]
    assert change == pytest.approx(
        content.scenario.kpis.fill_rate - content.baseline.kpis.fill_rate
    )
    assert table.loc["fill_rate", "better"] == (bool(change > 0) if change else None)
    assert table.loc["orders_placed", "better"] is None  # neither way is better


def test_period_table_is_the_median_and_mean_over_paths(content) -> None:
    result = content.scenario
    table = period_table(result, sku=TAG_NAME)
    on_hand = result.timeline.series("on_hand", TAG_NAME)
    orders = result.timeline.series("orders", TAG_NAME)
    assert len(table) == len(result.dates)
    np.testing.assert_allclose(table["on_hand_p50"], np.median(on_hand, axis=0))
    np.testing.assert_allclose(table["on_hand_p10"], np.quantile(on_hand, 0.1, axis=0))
    np.testing.assert_allclose(table["orders"], orders.mean(axis=0))


def test_busiest_sku_has_the_highest_total() -> None:
    demand = injection_demand(("a", "b"))
    totals = demand.frame.groupby("sku")["quantity"].sum()
    assert busiest_sku(demand) == totals.idxmax()


def test_workbook_round_trips_and_holds_no_formula(content) -> None:
    payload = report_workbook(content)
    assert assert_xlsx_safe(payload, NAMES) == list(SHEETS)
    book = load_workbook(io.BytesIO(payload))
    per_sku = pd.read_excel(io.BytesIO(payload), sheet_name="KPIs per SKU")
    assert set(per_sku["role"]) == {"scenario", "baseline"}
    assert len(per_sku) == 2 * (len(NAMES) + 1)  # every SKU and the total, per scenario
    mine = per_sku[(per_sku["role"] == "scenario") & (per_sku["sku"] == TAG_NAME)].iloc[0]
    kpis = content.scenario.kpis_for(TAG_NAME)
    assert mine["total_cost"] == pytest.approx(kpis.total_cost, rel=1e-12)
    assert mine["fill_rate"] == pytest.approx(kpis.fill_rate, rel=1e-12)
    timeline = pd.read_excel(io.BytesIO(payload), sheet_name="Timeline")
    assert len(timeline) == 2 * len(NAMES) * len(content.scenario.dates)
    plan = pd.read_excel(io.BytesIO(payload), sheet_name="Plan")
    assert plan["safety_stock"].tolist() == pytest.approx(
        content.plan()["safety_stock"].tolist(), rel=1e-12
    )
    summary = [[c.value for c in row] for row in book["Summary"].iter_rows()]
    assert ["lead time", "4", "1"] in [row[:3] for row in summary]
    assert book["Summary"]["A1"].value == "What-if report: =JIT"


class _Fetches(HTMLParser):
    """Every tag and URL-bearing attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in ("src", "href", "srcset", "action", "poster", "data") and value:
                self.urls.append(value)
            if name == "style":
                self.styles.append(value or "")

    def handle_data(self, data) -> None:
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag) -> None:
        self._in_style = False


def test_html_is_self_contained_and_shows_names_as_text(content, images) -> None:
    page = report_html(content, images=images)
    parser = _Fetches()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags
    assert "iframe" not in parser.tags and "object" not in parser.tags
    assert parser.urls and all(url.startswith("data:image/png;base64,") for url in parser.urls)
    assert len(parser.urls) == 4  # before, after, costs, variability
    assert not any("url(" in s or "@import" in s for s in parser.styles)
    assert TAG_NAME not in page  # the tag-like SKU is escaped
    assert "&lt;img src=http://example.invalid/x.png&gt;" in page
    assert parser.tags.count("img") == 4


def test_pdf_renders_with_its_charts(content, images, tmp_path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed; scripts/test.sh installs it")
    pdf = html_to_pdf(report_html(content, images=images))
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    listing = subprocess.run(["pdfimages", "-list", str(path)], check=True,
                             capture_output=True, text=True, timeout=60).stdout  # fmt: skip
    assert sum(" image " in line for line in listing.splitlines()) == 4
    from PIL import Image

    first = np.asarray(Image.open(pages[0]).convert("L"))
    assert first.std() > 5  # text and tables, not a blank page


def test_report_file_formats_and_names(content) -> None:
    workbook = report_file(content, "XLSX")
    assert workbook.data[:2] == b"PK" and workbook.file_name == "report_-injection_JIT.xlsx"
    assert report_file_name("my data.csv", "JIT <1>", "pdf") == "report_my_data_JIT_1.pdf"
    with pytest.raises(JitError, match="Unknown report format"):
        check_format(".docx")


def test_titles_escape_plotly_tags() -> None:
    assert plotly_text("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"


def test_a_bad_browser_path_is_a_clear_error(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "none"))
    monkeypatch.delenv("JITWHATIF_BROWSER", raising=False)
    with pytest.raises(JitError, match="not a file"):
        browser_path()


def test_charts_zip_holds_four_titled_pngs(content) -> None:
    import zipfile

    report = report_file(content, "zip")
    assert report.file_name.endswith(".zip") and report.mime == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(report.data))
    names = archive.namelist()
    assert [n.split("_")[1] for n in names] == ["before", "after", "costs", "variability"]
    assert all(archive.read(n).startswith(b"\x89PNG") for n in names)
    titles = [f.figure.layout.title.text for f in report_figures(content)]
    assert all("SKU &lt;img" in t for t in titles)  # the SKU, escaped, on every image
    assert "baseline “Today”" in titles[0] and "“=JIT”" in titles[1]


def test_kaleido_draws_in_a_page_that_loads_nothing_from_the_network() -> None:
    import re

    import kaleido

    from jitcore.reports.images import PAGE

    page = kaleido.PageGenerator(**PAGE).generate_index()
    sources = re.findall(r'src="([^"]+)"', page)
    assert sources and all(s.startswith("file://") for s in sources), sources
    assert "http://" not in page and "https://" not in page
