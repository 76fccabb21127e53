"""The one writer of cells people open in a spreadsheet: CSV and Excel files of the app, the
command line and the reports all go through here, so user text can never become a formula.

A spreadsheet evaluates a cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, after a leading tab or carriage return) — a SKU named ``=HYPERLINK("http://x")``
would run when the file is opened. Following OWASP's advice on CSV injection
(https://owasp.org/www-community/attacks/CSV_Injection), such text is written with a leading
single quote in CSV, so it is shown as text; in Excel files it is a string cell (never a
formula) marked *quote prefix*, Excel's own "this is text" flag, so it shows unchanged.
Numbers stay numbers: ``-5`` in a numeric column is written as the number it is, and text
that is just a plain number (``"-5"``, ``"+1.5e3"``) cannot run anything and is kept as it is.
CSV fields of text are always quoted, so a reader that splits on ``;`` keeps them whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jitcore.errors import JitError

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: Text that is a plain decimal number: harmless, written as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
#: Excel limits: characters in a sheet name, rows in a sheet, characters in a cell.
SHEET_NAME_CHARS = 31
MAX_ROWS = 1_048_576
MAX_CELL_CHARS = 32_767
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could evaluate ``text``: it starts with ``= + - @``, a tab or a
    carriage return and is not a plain number."""
    return text.startswith(FORMULA_STARTS) and _PLAIN_NUMBER.fullmatch(text) is None


def neutral_text(text: str) -> str:
    """``text`` as a spreadsheet shows it, never evaluates it: formula-like text gets a leading
    single quote (``=1+1`` → ``'=1+1``); any other text is returned unchanged."""
    return "'" + text if is_formula_like(text) else text


def _neutral_value(value: Any) -> Any:
    return neutral_text(value) if isinstance(value, str) else value


def neutral_frame(frame: pd.DataFrame, *, index: bool = False) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names (and, with ``index``, index
    labels) are passed through :func:`neutral_text`; numeric, date and boolean columns are
    untouched."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
            out[column] = values.map(_neutral_value).astype(object)
    out.columns = [_neutral_value(name) for name in out.columns]
    if index:
        out.index = out.index.map(_neutral_value)
        out.index.names = [_neutral_value(name) for name in out.index.names]
    return out


def csv_bytes(frame: pd.DataFrame, *, index: bool = False) -> bytes:
    """``frame`` as UTF-8 CSV with every text cell neutralised and quoted (numbers bare)."""
    safe = neutral_frame(frame, index=index)
    return safe.to_csv(index=index, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8")


def write_file(path: Path, payload: bytes, *, what: str) -> None:
    """Write ``payload`` to ``path``; a folder, a missing folder or no permission is a
    :class:`~jitcore.errors.JitError` naming ``what`` was written ("the timeline")."""
    try:
        Path(path).write_bytes(payload)
    except OSError as exc:
        reason = "it is a folder" if Path(path).is_dir() else (exc.strerror or str(exc))
        raise JitError(
            f"Cannot write {what} to {path}: {reason}.",
            "Give a file name in a folder you can write to.",
        ) from None


def write_csv(frame: pd.DataFrame, path: Path, *, what: str, index: bool = False) -> None:
    """:func:`csv_bytes` of ``frame`` written to ``path`` (see :func:`write_file`)."""
    write_file(path, csv_bytes(frame, index=index), what=what)


# --- Excel ---------------------------------------------------------------------------------------
def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique Excel sheet name: at most 31 characters, none of ``[]:*?/\\``, not
    starting or ending with a quote; ``(2)``, ``(3)`` … appended when taken."""
    base = _BAD_SHEET_CHARS.sub(" ", name).strip().strip("'")[:SHEET_NAME_CHARS] or "Sheet"
    used = {t.lower() for t in taken}
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = base[: SHEET_NAME_CHARS - len(suffix)] + suffix
        n += 1
    return candidate


def _cell_value(value: Any) -> Any:
    """A value openpyxl stores as it is: numpy scalars as Python, NaN/NaT/None as empty,
    dates as datetimes, anything else that is not a number as its text."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().replace(tzinfo=None)
    if isinstance(value, dt.datetime | dt.date):
        return value
    # control characters other than tab, LF and CR cannot be stored in an Excel file
    return _ILLEGAL_XML.sub("", str(value))[:MAX_CELL_CHARS]


Rows = Sequence[Sequence[Any]]


def frame_rows(frame: pd.DataFrame, *, index: bool = False) -> list[list[Any]]:
    """The header row then the data rows of ``frame`` (with its index first, if asked)."""
    shown = frame.reset_index() if index else frame
    header = [str(c) for c in shown.columns]
    return [header, *(list(row) for row in shown.itertuples(index=False, name=None))]


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame | Rows], *, widths: bool = True) -> bytes:
    """An Excel workbook with one sheet per entry (a frame, header first, or a list of rows).

    Every text cell is written as a string cell, never a formula; formula-like text (see
    :func:`is_formula_like`) is also marked quote-prefixed, so Excel keeps it as text when the
    cell is edited. Numbers, booleans and dates keep their types; NaN is an empty cell. The
    first row of a frame's sheet is bold and frozen. Sheets are cut at Excel's row limit.
    """
    from openpyxl import Workbook  # lazy: a heavy import only export paths need
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    names: list[str] = []
    bold = Font(bold=True)
    for title, content in sheets.items():
        name = sheet_name(title, names)
        names.append(name)
        sheet = book.create_sheet(name)
        is_frame = isinstance(content, pd.DataFrame)
        rows = frame_rows(content) if is_frame else [list(r) for r in content]
        rows = rows[:MAX_ROWS]
        if widths and rows:
            _set_widths(sheet, rows, get_column_letter)
        if is_frame:
            sheet.freeze_panes = "A2"
        for r, row in enumerate(rows):
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=None)
                plain = _cell_value(value)
                if isinstance(plain, str):
                    # set the value and then the type: openpyxl would take "=..." for a formula
                    cell.value = plain
                    cell.data_type = "s"
                    if is_formula_like(plain):
                        cell.quotePrefix = True
                else:
                    cell.value = plain
                if is_frame and r == 0:
                    cell.font = bold
                cells.append(cell)
            sheet.append(cells)
    if not names:
        book.create_sheet("Empty")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _set_widths(sheet: Any, rows: list[list[Any]], letter: Any) -> None:
    """Columns as wide as their longest text in the first 200 rows (8–60 characters)."""
    n_columns = max(len(row) for row in rows)
    for c in range(n_columns):
        longest = max(
            (len(str(row[c])) for row in rows[:200] if c < len(row) and row[c] is not None),
            default=8,
        )
        sheet.column_dimensions[letter(c + 1)].width = min(60, max(8, longest + 2))
