"""Excel workbooks (.xlsx, .xlsm): list the sheets, read one into a grid, find SUM formula cells.

openpyxl parses the XML with defusedxml when it is installed (it is a run-time requirement), and
the workbook is opened read-only with cached values, after ``guards.check_xlsx`` has checked the
zip members' sizes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from dataclasses import dataclass

import pandas as pd

from jitcore.errors import IntakeError
from jitcore.intake.options import MAX_ROWS_HINT, IntakeLimits

#: A cell with a formula: ``<c r="B12" ...><f ...>SUM(B2:B11)</f>`` or a shared-formula follower
#: ``<f t="shared" si="0"/>`` (any namespace prefix).
_CELL_FORMULA = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]+)"[^>]*>\s*<(?:\w+:)?f\b([^>]*?)(?:/>|>([^<]*)<)'
)
_SHARED_INDEX = re.compile(rb'\bsi="([0-9]+)"')
_TOTAL_FORMULA = re.compile(
    rb"^\s*=?\s*(?:_xlfn\.)?(?:SUM|SUBTOTAL|AGGREGATE|SUMME|TEILERGEBNIS|SOMME|SOUS\.TOTAL|"
    rb"SUMA|SUBTOTALES|SOM|SUBTOTAAL)\s*\(",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SheetGrid:
    cells: pd.DataFrame  # object cells: str, int, float, datetime; "" when empty
    sheet: str
    sheets: tuple[str, ...]
    total_cells: frozenset[tuple[int, int]]  # (row, column) 0-based cells holding SUM formulas


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters.decode():
        index = index * 26 + (ord(char) - 64)
    return index - 1


def total_formula_cells(xml: bytes) -> frozenset[tuple[int, int]]:
    """0-based (row, column) of cells computed by SUM / SUBTOTAL-like formulas."""
    found: set[tuple[int, int]] = set()
    shared_total: dict[bytes, bool] = {}
    followers: list[tuple[int, int, bytes]] = []
    for match in _CELL_FORMULA.finditer(xml):
        letters, row, attributes, formula = match.groups()
        cell = (int(row) - 1, _column_index(letters))
        shared = _SHARED_INDEX.search(attributes or b"")
        if formula:
            is_total = bool(_TOTAL_FORMULA.match(formula))
            if shared:
                shared_total[shared.group(1)] = is_total
            if is_total:
                found.add(cell)
        elif shared:
            followers.append((*cell, shared.group(1)))
    found.update((row, column) for row, column, index in followers if shared_total.get(index))
    return frozenset(found)


def _cell_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float):
        return value
    return str(value)


def read_sheet(data: bytes, filename: str, sheet: str | None, limits: IntakeLimits) -> SheetGrid:
    """Read one sheet (the named one, else the first sheet with at least two filled rows)."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except IntakeError:
        raise
    except Exception as exc:  # noqa: BLE001 - any reader failure is a damaged file
        root = exc
        while root.__cause__ or root.__context__:
            root = root.__cause__ or root.__context__
        if type(root).__module__.startswith("defusedxml"):
            raise IntakeError(
                f"The workbook {filename!r} contains XML that is refused for safety "
                f"({type(root).__name__}).",
                "Export the sheet as CSV, or save the workbook again from Excel.",
            ) from exc
        raise IntakeError(
            f"The workbook {filename!r} could not be opened ({type(exc).__name__}).",
            "Open it in Excel and save it again as .xlsx, or export the sheet as CSV.",
        ) from exc
    try:
        worksheets = [ws for ws in book.worksheets if hasattr(ws, "iter_rows")]
        names = tuple(ws.title for ws in worksheets)
        if not worksheets:
            raise IntakeError(f"The workbook {filename!r} has no worksheets.", "")
        if sheet is not None:
            chosen = [ws for ws in worksheets if ws.title == sheet]
            if not chosen:
                raise IntakeError(
                    f"The workbook has no sheet named {sheet!r}.",
                    "Choose one of: " + ", ".join(repr(name) for name in names) + ".",
                )
            return _read(book, chosen[0], names, limits)
        first: SheetGrid | None = None
        for ws in worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible" and len(worksheets) > 1:
                continue
            grid = _read(book, ws, names, limits)
            first = first or grid
            filled = (grid.cells != "").any(axis=1).sum() if len(grid.cells) else 0
            if filled >= 2:
                return grid
        return first if first is not None else _read(book, worksheets[0], names, limits)
    finally:
        book.close()


def _read(book, ws, names: tuple[str, ...], limits: IntakeLimits) -> SheetGrid:
    rows: list[list[object]] = []
    width = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws.reset_dimensions()  # rows as stored: a wrong <dimension> neither cuts nor pads them
        for values in ws.iter_rows(values_only=True):
            if len(rows) >= limits.max_rows:
                raise IntakeError(
                    f"The sheet {ws.title!r} has more than {limits.max_rows:,} rows.",
                    f"Aggregate the history (e.g. to weekly totals), split the file, {MAX_ROWS_HINT}.",
                )
            row = [_cell_value(value) for value in values]
            while row and row[-1] == "":
                row.pop()
            if len(row) > limits.max_columns:
                raise IntakeError(
                    f"The sheet {ws.title!r} has more than {limits.max_columns:,} columns.",
                    "Put SKUs in rows instead of columns, or split the sheet.",
                )
            rows.append(row)
            width = max(width, len(row))
    if len(rows) * max(width, 1) > limits.max_cells:
        raise IntakeError(
            f"The sheet {ws.title!r} has {len(rows):,} rows × {width:,} columns, more than "
            f"{limits.max_cells:,} cells.",
            "Aggregate the history or split the file.",
        )
    for row in rows:
        row.extend([""] * (width - len(row)))
    cells = pd.DataFrame(rows, columns=range(width), dtype=object) if width else pd.DataFrame()
    return SheetGrid(cells, ws.title, names, _formula_cells(book, ws))


def _formula_cells(book, ws) -> frozenset[tuple[int, int]]:
    """SUM-like formula cells of a sheet, found in its XML; empty if the XML is not reachable."""
    try:
        xml = book._archive.read(ws._worksheet_path)  # noqa: SLF001 - openpyxl keeps the path
    except Exception:  # noqa: BLE001 - formula detection is a refinement, never a failure
        return frozenset()
    return total_formula_cells(xml)
