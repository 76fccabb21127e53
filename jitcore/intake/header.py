"""Find the table in a grid: skip title rows, find the header row, name the columns.

The header is the row, among the first 30, that best differs in kind from the cells below it:
a text cell over a column of numbers or dates, or a date over a column of numbers (periods as
columns). Title rows have fewer filled cells than the table is wide and are skipped. When no row
qualifies the table has no header and its columns are named by their letters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jitcore.errors import IntakeError
from jitcore.intake.cells import as_text, cell_text, is_native_date
from jitcore.intake.dates import looks_like_date
from jitcore.intake.numbers import looks_numeric
from jitcore.intake.source import Grid

EMPTY, NUMBER, DATE, TEXT = 0, 1, 2, 3
_SCAN = 30
_BODY = 200


@dataclass(frozen=True)
class Table:
    """The data rows of a grid under their column names.

    ``frame`` holds raw cells (str, number, datetime or ""), one column per named column.
    ``rows`` gives each frame row's row number in the file (1-based); ``header_values`` the raw
    header cell of each column (a date for periods-as-columns tables); ``positions`` each column's
    0-based column index in the grid.
    """

    frame: pd.DataFrame
    rows: np.ndarray
    header_row: int  # 1-based row number of the header, 0 when there is none
    header_values: tuple[object, ...]
    positions: tuple[int, ...]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as spreadsheets name columns)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def classify(cells: pd.DataFrame) -> np.ndarray:
    """Kind of each cell: EMPTY, NUMBER, DATE or TEXT.

    A cell's kind depends only on its text (and whether it is a native date), so all cells are
    stacked into one column and each distinct text is tested once, however many columns there are.
    """
    kinds = np.full(cells.shape, EMPTY, dtype=np.int8)
    if not cells.size:
        return kinds
    flat = pd.Series(cells.to_numpy(dtype=object).ravel(order="F"), dtype=object)
    text = as_text(flat)
    filled = (text != "").to_numpy(dtype=bool)
    native = is_native_date(flat)
    codes, uniques = pd.factorize(text.to_numpy(dtype=object), use_na_sentinel=False)
    distinct = pd.Series(uniques, dtype=object)
    date = looks_like_date(distinct)[codes] | native
    number = looks_numeric(distinct)[codes] & ~date
    kind = np.where(date, DATE, np.where(number, NUMBER, TEXT))
    flat_kinds = np.where(filled, kind, EMPTY).astype(np.int8)
    return flat_kinds.reshape(cells.shape, order="F")


def _body_kinds(kinds: np.ndarray, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """For each of the first ``rows`` rows and each column: the commonest kind among the filled
    cells of the next ``_BODY`` rows (EMPTY when none; ties to the lower kind) and its share."""
    width = kinds.shape[1]
    counts = np.zeros((kinds.shape[0] + 1, 4, width), dtype=np.int64)
    for kind in (NUMBER, DATE, TEXT):
        counts[1:, kind] = np.cumsum(kinds == kind, axis=0)
    starts = np.arange(rows) + 1
    stops = np.minimum(starts + _BODY, kinds.shape[0])
    window = counts[stops] - counts[np.minimum(starts, kinds.shape[0])]  # rows x 4 x width
    total = window.sum(axis=1)
    body = np.argmax(window, axis=1)
    top = np.take_along_axis(window, body[:, None, :], axis=1)[:, 0, :]
    share = np.divide(top, total, out=np.zeros(total.shape), where=total > 0)
    return np.where(total > 0, body, EMPTY), share


def find_header(cells: pd.DataFrame) -> tuple[int | None, int]:
    """(0-based header row or None, 0-based first data row) of a grid."""
    head = cells.iloc[: _SCAN + _BODY]
    kinds = classify(head)
    filled = (kinds != EMPTY).sum(axis=1)
    first_filled = int(np.argmax(filled > 0))
    filled_rows = np.flatnonzero(filled)
    if len(filled_rows) == 1 and len(cells) <= len(head):
        only = int(filled_rows[0])
        if np.all(kinds[only][kinds[only] != EMPTY] == TEXT):
            return only, only + 1  # a header without data
    multi = filled[filled >= 2]
    width = float(np.median(multi)) if len(multi) else float(filled.max())
    best_row, best_score = None, 0.0
    scan = min(_SCAN, len(head))
    bodies, shares = _body_kinds(kinds, scan)
    for row in range(scan):
        count = int(filled[row])
        if count < 2 or count < 0.5 * width:
            continue
        kind, body = kinds[row], bodies[row]
        numbers = int(np.sum(kind == NUMBER))
        if numbers > count / 3:
            continue
        strong = shares[row] >= 0.6
        over = (kind == TEXT) & ((body == NUMBER) | (body == DATE))
        over |= (kind == DATE) & (body == NUMBER)
        same = (kind == TEXT) & (body == TEXT)
        score = float(np.sum(strong & over)) + 0.25 * float(np.sum(strong & same & ~over))
        score += 0.5 * min(count / width, 1.0)
        if score > best_score + 1e-9 and score >= 1.5:
            best_row, best_score = row, score
    if best_row is None:
        starts = np.flatnonzero(filled >= max(2.0, 0.5 * width))
        return None, int(starts[0]) if len(starts) else first_filled
    return best_row, best_row + 1


def build_table(grid: Grid) -> Table:
    """Cut the table out of the grid: header names, data rows, no blank rows or columns."""
    cells = grid.cells
    header_row, first = find_header(cells)
    body = cells.iloc[first:]
    texts = {column: as_text(body[column]) for column in body.columns}
    keep_rows = np.zeros(len(body), dtype=bool)
    keep_columns = []
    for column, text in texts.items():
        has = (text != "").to_numpy(dtype=bool)
        keep_rows |= has
        header_value = cells.iat[header_row, column] if header_row is not None else ""
        if has.any() or cell_text(header_value):
            keep_columns.append(column)
    if not keep_rows.any():
        where = f"under the header on row {header_row + 1}" if header_row is not None else ""
        raise IntakeError(
            f"The file has no data rows {where}".strip() + ".",
            "A demand file needs one row per period (or per SKU) below its header.",
        )
    names: list[str] = []
    seen: set[str] = set()
    header_values: list[object] = []
    for column in keep_columns:
        value = cells.iat[header_row, column] if header_row is not None else ""
        name = cell_text(value) or f"Column {column_letter(column)}"
        base, counter = name, 2
        while name.casefold() in seen:
            name, counter = f"{base} ({counter})", counter + 1
        names.append(name)
        seen.add(name.casefold())
        header_values.append(value)
    frame = body.loc[keep_rows, keep_columns].copy()
    frame.columns = names
    rows = np.flatnonzero(keep_rows) + first + 1
    frame.index = pd.RangeIndex(len(frame))
    return Table(
        frame,
        rows,
        0 if header_row is None else header_row + 1,
        tuple(header_values),
        tuple(int(column) for column in keep_columns),
    )
