"""The workshop report: one self-contained HTML file (styles inline, charts as PNG inside the
file) and the same page printed to PDF by headless Chromium. It loads nothing from the network:
no scripts, no style sheets, no fonts or images from elsewhere, so it opens offline, in a mail
client or on a locked-down laptop.

Contents, in reading order: what was compared and on which data, the settings that differ, the
KPIs over all SKUs and for the charts' SKU (with the change and whether it is better), the key
charts before and after, the KPIs per SKU, and how the file was read. Every piece of user text
(SKU, file and scenario names) is HTML-escaped.
"""

from __future__ import annotations

import base64
import html
import math
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from jitcore.errors import JitError
from jitcore.formatting import card_change, card_value, short
from jitcore.reports.content import ReportContent
from jitcore.reports.figures import report_figures
from jitcore.reports.images import browser_path, figure_images
from jitcore.vocabulary import KPIS

#: KPIs of the per-SKU table (the full list is in the workbook).
SKU_KPIS: tuple[str, ...] = ("fill_rate", "cycle_service_level", "average_on_hand",
                             "stockout_periods", "bullwhip", "total_cost")  # fmt: skip
#: SKUs listed in the per-SKU table; the workbook has every one.
MAX_SKU_ROWS = 60
#: Seconds Chromium may take to print the PDF.
PDF_TIMEOUT_S = 120
#: KPIs with words and a kind of number in the vocabulary (the others are shown plainly).
_KNOWN = frozenset(KPIS)

CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; margin: 24px auto;
       max-width: 1180px; font-size: 14px; line-height: 1.45; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid #0072B2; padding-bottom: 3px; }
.lead { color: #444; margin: 0 0 14px; }
table { border-collapse: collapse; margin: 6px 0 12px; break-inside: avoid; }
th, td { border: 1px solid #ccc; padding: 3px 9px; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.better { color: #007a3d; font-weight: 600; }
td.worse { color: #b00020; font-weight: 600; }
figure { margin: 10px 0 22px; break-inside: avoid; page-break-inside: avoid; }
figure img { max-width: 100%; max-height: 165mm; height: auto; border: 1px solid #ddd; }
figcaption { color: #444; font-size: 13px; margin-top: 4px; }
.note { color: #555; font-size: 12.5px; }
.pair > div { display: inline-block; vertical-align: top; margin-right: 32px;
              break-inside: avoid; }
h3 { font-size: 16px; margin: 8px 0 4px; }
section { break-inside: avoid; }
@media print { body { margin: 0; max-width: none; font-size: 11.5px; }
               h2 { break-after: avoid; } th, td { padding: 2px 6px; } }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[tuple[str, str]]],
    *,
    groups: Sequence[tuple[str, int]] = (),
) -> str:
    """A table; each cell is ``(text, css class)``, the text escaped here. ``groups``: an
    optional header row above, as ``(text, columns spanned)``."""
    top = "".join(f'<th colspan="{n}">{_e(t)}</th>' for t, n in groups)
    head = (f"<tr>{top}</tr>" if groups else "") + (
        "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in header) + "</tr>"
    )
    body = "".join(
        "<tr>" + "".join(f'<td class="{c}">{_e(t)}</td>' if c else f"<td>{_e(t)}</td>"
                         for t, c in row) + "</tr>"
        for row in rows
    )  # fmt: skip
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"


def _kpi_cells(content: ReportContent, table: pd.DataFrame) -> list[list[tuple[str, str]]]:
    """Per KPI: the scenario's value, or before, after, change and better/worse."""
    rows = []
    currency = content.currency
    for row in table.itertuples(index=False):
        known = row.name in _KNOWN
        value = card_value(row.name, row.scenario, currency) if known else _plain(row.scenario)
        cells = [(value, "num")]
        if content.baseline is not None:
            base = card_value(row.name, row.baseline, currency) if known else _plain(row.baseline)
            change = (
                card_change(row.name, row.change, currency)
                if known
                else _plain(row.change, signed=True)
            )
            verdict = {True: "better", False: "worse", None: ""}[row.better]
            cells = [(base, "num"), (value, "num"), (change, f"num {verdict}"), (verdict, verdict)]
        rows.append(cells)
    return rows


def _kpi_table(content: ReportContent) -> str:
    """Every KPI over all SKUs and for the charts' SKU, side by side."""
    total, one = content.kpi_table(), content.kpi_table(content.sku)
    labels = [[(label, "")] for label in total["kpi"]]
    rows = [
        label + a + b
        for label, a, b in zip(labels, _kpi_cells(content, total), _kpi_cells(content, one),
                               strict=True)
    ]  # fmt: skip
    if content.baseline is None:
        header = ["KPI", "all SKUs", f"SKU {content.sku}"]
        return _table(header, rows)
    names = [f"before: “{content.baseline.scenario.name}”",
             f"after: “{content.scenario.scenario.name}”", "change", ""]  # fmt: skip
    groups = [("", 1), ("All SKUs", 4), (f"SKU {content.sku}", 4)]
    return _table(["KPI", *names, *names], rows, groups=groups)


def _plain(value: float, *, signed: bool = False) -> str:
    """A KPI without a kind of number in the vocabulary: ``34,923``, ``0.533`` (``+12``)."""
    text = short(value)
    return f"+{text}" if signed and math.isfinite(value) and value > 0 else text


def _sku_table(content: ReportContent) -> str:
    """Key KPIs per SKU of the scenario (and the baseline's, when there is one)."""
    skus = content.scenario.skus
    header = ["SKU"] + [KPIS[n].label for n in SKU_KPIS]
    rows = []
    currency = content.currency
    for sku in skus[:MAX_SKU_ROWS]:
        after = content.scenario.kpis_for(sku)
        before = content.baseline.kpis_for(sku) if content.baseline is not None else None
        cells = [(sku, "")]
        for name in SKU_KPIS:
            text = card_value(name, getattr(after, name), currency)
            if before is not None:
                text += f" ({card_change(name, getattr(after, name) - getattr(before, name), currency)})"
            cells.append((text, "num"))
        rows.append(cells)
    note = (
        f'<p class="note">The first {MAX_SKU_ROWS} of {len(skus):,} SKUs; the workbook lists '
        "every one.</p>"
        if len(skus) > MAX_SKU_ROWS
        else ""
    )
    change = " In brackets: the change against the baseline." if content.baseline else ""
    return f'<p class="note">Over the simulated periods.{change}</p>' + _table(header, rows) + note


def _figures_html(content: ReportContent, images: Sequence[bytes] | None) -> str:
    figures = report_figures(content)
    if images is None:
        images = figure_images([f.figure for f in figures])
    parts = []
    for figure, png in zip(figures, images, strict=True):
        data = base64.b64encode(png).decode("ascii")
        parts.append(
            f'<figure><img alt="{_e(figure.caption)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{_e(figure.caption)}</figcaption></figure>"
        )
    return "".join(parts)


def report_html(content: ReportContent, *, images: Sequence[bytes] | None = None) -> str:
    """The report as one HTML page; ``images``: the PNGs of :func:`report_figures` (drawn here
    through kaleido when not given)."""
    scenario = content.scenario.scenario
    changes = content.changes()
    if changes:
        differ = _table(["setting", "before" if content.baseline else "default", "after"],
                        [[(c.label, ""), (c.before, ""), (c.after, "")] for c in changes])  # fmt: skip
    else:
        differ = "<p>None: the scenario uses the same settings.</p>"
    summary = _table(["", ""], [[(k, ""), (v, "")] for k, v in content.data_summary()])
    kpis = _kpi_table(content)
    warnings = content.demand.report.warnings
    intake = (
        "<ul>" + "".join(f"<li>{_e(w)}</li>" for w in warnings) + "</ul>"
        if warnings
        else "<p>No warnings: every row was read.</p>"
    )
    compared = (
        f"“{scenario.name}” (after) against the baseline “{content.baseline.scenario.name}” "
        "(before)"
        if content.baseline
        else f"“{scenario.name}” against the default settings"
    )
    created = content.created.strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(content.title)}</title>
<style>{CSS}</style></head>
<body>
<h1>{_e(content.title)}</h1>
<p class="lead">{_e(compared)} · {_e(content.headline())} · made {_e(created)}</p>
<div class="pair"><div><h2>Data</h2>
{summary}</div>
<div><h2>Settings that differ from {_e(content.reference)}</h2>
{differ}</div></div>
<section><h2>KPIs</h2>
<p class="note">Over the simulated periods, costs in {_e(content.currency)}; green is better,
red worse (more service, less stock and cost are better).</p>
{kpis}</section>
<h2>Charts for SKU {_e(content.sku)}</h2>
{_figures_html(content, images)}
<section><h2>KPIs per SKU</h2>
{_sku_table(content)}</section>
<section><h2>How the file was read</h2>
<p>{_e(content.demand.report.source or content.demand.name or "The data")}:
{len(content.demand.report.decisions)} decisions, {len(warnings)} warnings (all of them in the
workbook's Intake sheet).</p>
{intake}</section>
</body></html>
"""


def html_to_pdf(page: str) -> bytes:
    """``page`` printed to PDF (A4 landscape, backgrounds kept) by headless Chromium."""
    browser = browser_path()
    with tempfile.TemporaryDirectory(prefix="jit-report-") as folder:
        source, target = Path(folder) / "report.html", Path(folder) / "report.pdf"
        source.write_text(page, encoding="utf-8")
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-dev-shm-usage", "--no-pdf-header-footer",
                   f"--user-data-dir={Path(folder) / 'profile'}",
                   f"--print-to-pdf={target}", source.as_uri()]  # fmt: skip
        try:
            subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise JitError(
                f"Chromium could not print the PDF ({type(exc).__name__}).",
                "Check that Chromium starts (chromium --headless --version), or choose HTML.",
            ) from None
        if not target.is_file() or target.stat().st_size == 0:
            raise JitError(
                "Chromium did not write the PDF.",
                "Check that Chromium starts (chromium --headless --version), or choose HTML.",
            )
        return target.read_bytes()
