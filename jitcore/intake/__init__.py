"""Demand intake: read a user's file (CSV/TSV/TXT/XLSX) into tidy ``DemandData``.

Two steps for the app: ``inspect_file`` shows what was found (sheets, layout, guessed columns)
and ``read_demand`` reads with the user's confirmed ``IntakeOptions``. Modules, in the order the
data flows: guards, text / excel → source (raw grid), header (the table), numbers, dates, roles,
layout (mapping), records, cleaning, frequency; report collects what was done; api ties them up.
"""

from jitcore.errors import IntakeError
from jitcore.intake.api import Inspection, inspect_file, read_demand
from jitcore.intake.options import (
    DUPLICATES_NAMES,
    FUTURE_NAMES,
    LAYOUT_NAMES,
    MISSING_NAMES,
    RETURNS_NAMES,
    IntakeLimits,
    IntakeOptions,
    Layout,
)
from jitcore.intake.summary import sku_summary

__all__ = [
    "DUPLICATES_NAMES",
    "FUTURE_NAMES",
    "LAYOUT_NAMES",
    "MISSING_NAMES",
    "RETURNS_NAMES",
    "Inspection",
    "IntakeError",
    "IntakeLimits",
    "IntakeOptions",
    "Layout",
    "inspect_file",
    "read_demand",
    "sku_summary",
]
