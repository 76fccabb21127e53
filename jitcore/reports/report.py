"""A report as a file in the format asked for: ``xlsx`` (the workbook), ``html`` (the
self-contained workshop page), ``pdf`` (that page printed) or ``zip`` (the report's charts as
PNG images, for slides)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from jitcore.errors import JitError
from jitcore.reports.content import ReportContent
from jitcore.reports.figures import report_figures
from jitcore.reports.images import figure_images
from jitcore.reports.workbook import report_workbook
from jitcore.reports.workshop import html_to_pdf, report_html

#: Report formats by file extension: what people call them and their MIME type.
FORMATS: dict[str, tuple[str, str]] = {
    "xlsx": ("Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "html": ("Web page (HTML, opens offline)", "text/html"),
    "pdf": ("PDF", "application/pdf"),
    "zip": ("Charts as images (PNG in a zip)", "application/zip"),
}


@dataclass(frozen=True)
class ReportFile:
    """A finished report: its bytes, a file name and the MIME type."""

    data: bytes
    file_name: str
    mime: str


def file_stem(text: str, *, limit: int = 40) -> str:
    """``text`` safe in a file name: letters, digits, ``.``, ``_`` and ``-`` only."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._")[:limit] or "data"


def report_file_name(data_name: str, scenario_name: str, fmt: str) -> str:
    """``report_<data>_<scenario>.<fmt>``, without spaces or other risky characters."""
    data = file_stem(Path(data_name or "data").stem)
    return f"report_{data}_{file_stem(scenario_name)}.{fmt}"


def check_format(fmt: str) -> str:
    """The format in lower case without a dot; an unknown one is a clear error."""
    name = fmt.lower().lstrip(".")
    if name not in FORMATS:
        raise JitError(
            f"Unknown report format {fmt[:20]!r}.",
            f"Use one of: {', '.join('.' + f for f in FORMATS)}.",
        )
    return name


def report_file(content: ReportContent, fmt: str) -> ReportFile:
    """The report of ``content`` as a ``fmt`` file (``xlsx``, ``html`` or ``pdf``)."""
    name = check_format(fmt)
    if name == "xlsx":
        data = report_workbook(content)
    elif name == "html":
        data = report_html(content).encode("utf-8")
    elif name == "pdf":
        data = html_to_pdf(report_html(content))
    else:
        data = chart_images_zip(content)
    file_name = report_file_name(content.demand.name, content.scenario.scenario.name, name)
    return ReportFile(data, file_name, FORMATS[name][1])


def chart_images_zip(content: ReportContent) -> bytes:
    """The report's charts as PNG files in a zip: ``<n>_<chart>_<SKU>.png``, each image titled
    with the chart, the SKU and the scenario."""
    figures = report_figures(content)
    images = figure_images([f.figure for f in figures])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for n, (figure, png) in enumerate(zip(figures, images, strict=True), start=1):
            archive.writestr(f"{n}_{figure.key}_{file_stem(content.sku)}.png", png)
    return buffer.getvalue()
