"""What the user can choose when a file is read: sheet, layout, columns, frequency, cleaning."""

from __future__ import annotations

import datetime as dt
import os
from typing import Literal

from pydantic import Field

from jitcore.demand import Frequency
from jitcore.errors import IntakeError
from jitcore.settings import Settings

Layout = Literal["long", "order_lines", "wide_skus_in_columns", "wide_skus_in_rows"]

#: Plain-language names of the layouts, as shown in the app and the command line.
LAYOUT_NAMES: dict[str, str] = {
    "long": "long (one row per date and SKU)",
    "order_lines": "order lines (several rows per date and SKU, added up)",
    "wide_skus_in_columns": "wide (dates as rows, one column per SKU)",
    "wide_skus_in_rows": "wide (one row per SKU, periods as columns)",
}

DuplicatesPolicy = Literal["drop", "keep"]
ReturnsPolicy = Literal["net", "ignore", "separate"]
MissingPolicy = Literal["zero", "interpolate"]
FuturePolicy = Literal["drop", "keep"]

DUPLICATES_NAMES: dict[str, str] = {"drop": "Drop the copies", "keep": "Keep them (each counts)"}
RETURNS_NAMES: dict[str, str] = {
    "net": "Net against demand",
    "ignore": "Ignore (sales only)",
    "separate": "Keep apart, report total",
}
MISSING_NAMES: dict[str, str] = {"zero": "Zero demand", "interpolate": "Interpolate"}
FUTURE_NAMES: dict[str, str] = {"drop": "Drop them", "keep": "Keep them"}

MB = 1024 * 1024
#: Environment variable lifting the row limit (the command line's ``--max-rows``; for the app,
#: set it where the server starts).
MAX_ROWS_ENV = "JIT_WHATIF_MAX_ROWS"
#: Rows read without it: laptop-safe in a browser session.
DEFAULT_MAX_ROWS = 1_000_000
#: Most rows the setting may allow (a long file of 100 million rows is about 3 GB).
MAX_MAX_ROWS = 100_000_000
#: How to lift the row limit, for the message of a file over it.
MAX_ROWS_HINT = f"or lift the limit with --max-rows N (command line) or {MAX_ROWS_ENV}=N (app)"


def parse_max_rows(text: str) -> int:
    """A row limit given as text (environment or command line), validated."""
    value = text.strip().replace("_", "").replace(",", "")
    if not value.isdigit() or len(value) > 10 or not 1 <= int(value) <= MAX_MAX_ROWS:
        raise IntakeError(
            f"The row limit {text.strip()[:20]!r} is not a number of rows.",
            f"Give a whole number from 1 to {MAX_MAX_ROWS:,}, e.g. {MAX_ROWS_ENV}=5000000.",
        )
    return int(value)


def default_max_rows() -> int:
    """The row limit: ``JIT_WHATIF_MAX_ROWS`` or :data:`DEFAULT_MAX_ROWS`."""
    text = os.environ.get(MAX_ROWS_ENV, "").strip()
    return parse_max_rows(text) if text else DEFAULT_MAX_ROWS


class IntakeLimits(Settings):
    """Guards against files too large or hostile to read in reasonable time and memory."""

    max_bytes: int = Field(default=50 * MB, gt=0, description="largest file accepted, bytes")
    max_rows: int = Field(
        default_factory=default_max_rows, gt=0, description="largest number of rows read"
    )
    max_columns: int = Field(default=5_000, gt=0, description="largest number of columns read")
    max_cells: int = Field(
        default=20_000_000,
        gt=0,
        description="largest rows × columns of a table, and of the tidy "
        "result after missing periods are filled",
    )
    max_xlsx_uncompressed: int = Field(
        default=64 * MB, gt=0, description="largest unpacked size of an xlsx, bytes"
    )
    max_xlsx_ratio: float = Field(
        default=100.0, gt=1.0, description="largest unpacked/packed ratio of one xlsx member"
    )


class IntakeOptions(Settings):
    """How to read a demand file. ``None`` means "detect it from the file".

    Column overrides take a column's header text (case-insensitive). ``today`` is the date after
    which rows count as future dates (``None``: the computer's date).
    """

    sheet: str | None = None
    layout: Layout | None = None
    date_column: str | None = None
    sku_column: str | None = None
    quantity_column: str | None = None
    day_first: bool | None = None
    frequency: Frequency | None = None
    duplicates: DuplicatesPolicy = "drop"
    returns: ReturnsPolicy = "net"
    missing_periods: MissingPolicy = "zero"
    future_dates: FuturePolicy = "drop"
    today: dt.date | None = None
    limits: IntakeLimits = Field(default_factory=IntakeLimits)
