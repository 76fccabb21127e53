"""Exports: results written to files people keep, send and open elsewhere (CSV, Excel, HTML,
PDF, images). No streamlit: the app, the command line and scripts call the same builders, each
returning bytes and a file name.

* :mod:`~jitcore.reports.cells` — the one writer of spreadsheet cells (CSV and Excel): user
  text that a spreadsheet would evaluate (``=``, ``+``, ``-``, ``@``, tab, CR) is written as
  text (:func:`csv_bytes`, :func:`write_csv`, :func:`xlsx_bytes`, :func:`neutral_text`).
* :mod:`~jitcore.reports.plan` — the buffer plan as CSV (:func:`plan_csv`);
* :mod:`~jitcore.reports.items` — the item master as CSV (:func:`items_csv`);
* :mod:`~jitcore.reports.targets` — optimised service targets as CSV (:func:`targets_csv`).
"""

from jitcore.reports.cells import (
    csv_bytes,
    is_formula_like,
    neutral_frame,
    neutral_text,
    write_csv,
    write_file,
    xlsx_bytes,
)
from jitcore.reports.items import items_csv, items_file_name
from jitcore.reports.plan import plan_csv, plan_file_name
from jitcore.reports.targets import targets_csv, targets_file_name

__all__ = [
    "csv_bytes",
    "is_formula_like",
    "items_csv",
    "items_file_name",
    "neutral_frame",
    "neutral_text",
    "plan_csv",
    "plan_file_name",
    "targets_csv",
    "targets_file_name",
    "write_csv",
    "write_file",
    "xlsx_bytes",
]
