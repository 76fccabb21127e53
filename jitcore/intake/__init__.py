"""Demand intake: read a user's file (CSV/TSV/TXT/XLSX) into tidy ``DemandData``.

Placeholder reading long CSV files only; replaced by the full reader.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from jitcore.demand import DemandData, IntakeReport
from jitcore.errors import IntakeError


def read_demand(source: bytes | str | Path, *, filename: str | None = None) -> DemandData:
    """Read a long CSV with columns date, sku, quantity."""
    if isinstance(source, (str, Path)):
        filename = filename or Path(source).name
        source = Path(source).read_bytes()
    try:
        frame = pd.read_csv(io.BytesIO(source))
    except Exception as exc:  # noqa: BLE001 - every parser failure is the user's file
        raise IntakeError(f"Could not read {filename}: {exc}", "Upload a CSV file.") from exc
    frame["date"] = pd.to_datetime(frame["date"])
    frequency = "M" if frame["date"].dt.day.eq(1).all() else "W"
    return DemandData(frame, frequency, IntakeReport(source=filename or ""), name=filename or "")
