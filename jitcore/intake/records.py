"""Turn a table and its mapping into raw demand records (one per quantity cell), flagging totals
rows and exact duplicate rows on the way."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jitcore.intake.cells import as_text
from jitcore.intake.dates import parse_dates
from jitcore.intake.header import Table
from jitcore.intake.layout import Mapping
from jitcore.intake.numbers import NumberFormat, parse_numbers
from jitcore.intake.roles import total_mask


@dataclass(frozen=True)
class Records:
    """Raw records: ``row`` (file row), ``column`` (source column of the quantity), ``date``
    (NaT when unreadable), ``sku``, ``quantity`` (NaN when empty or unreadable), ``raw`` (the
    quantity cell's text), ``bad`` (filled but not a number), ``duplicate`` (from an exact
    duplicate row). ``totals_rows`` lists the excluded totals rows and their labels."""

    frame: pd.DataFrame
    totals_rows: tuple[tuple[int, str], ...]
    wide: bool


def _totals_rows(
    table: Table,
    label_columns: list[str],
    quantity_columns: list[str],
    formula_cells: frozenset[tuple[int, int]],
) -> tuple[np.ndarray, list[str]]:
    """Rows labelled as totals in any label column, or holding a SUM formula in a quantity cell."""
    frame = table.frame
    mask = np.zeros(len(frame), dtype=bool)
    labels = [""] * len(frame)
    for name in label_columns:
        hits = total_mask(frame[name])
        for index in np.flatnonzero(hits & ~mask):
            labels[index] = str(frame[name].iat[index]).strip()
        mask |= hits
    if formula_cells:
        positions = dict(zip(frame.columns, table.positions, strict=True))
        grid_rows = table.rows - 1
        for name in quantity_columns:
            column = positions[name]
            hits = np.fromiter(
                ((int(row), column) in formula_cells for row in grid_rows), bool, len(grid_rows)
            )
            for index in np.flatnonzero(hits & ~mask):
                labels[index] = "SUM formula"
            mask |= hits
    return mask, labels


def _duplicates(frame: pd.DataFrame, keep: np.ndarray) -> np.ndarray:
    """Exact copies of an earlier row (every cell equal), among the rows kept."""
    text = pd.DataFrame({name: as_text(frame[name]) for name in frame.columns})
    duplicated = np.zeros(len(frame), dtype=bool)
    duplicated[keep] = text[keep].duplicated(keep="first").to_numpy(dtype=bool)
    return duplicated


def build_records(
    table: Table,
    mapping: Mapping,
    number_format: NumberFormat,
    *,
    formula_cells: frozenset[tuple[int, int]] = frozenset(),
    single_sku: str = "all items",
) -> Records:
    frame = table.frame
    if mapping.layout in ("long", "order_lines"):
        quantity_columns = [mapping.quantity_column]
    elif mapping.layout == "wide_skus_in_columns":
        quantity_columns = list(mapping.sku_columns)
    else:
        quantity_columns = list(mapping.period_columns)
    label_columns = [name for name in frame.columns if name not in quantity_columns]
    totals, labels = _totals_rows(table, label_columns, quantity_columns, formula_cells)
    keep = ~totals
    duplicate = _duplicates(frame, keep)
    totals_rows = tuple((int(table.rows[i]), labels[i]) for i in np.flatnonzero(totals))
    rows = table.rows[keep]
    duplicate = duplicate[keep]
    body = frame[keep]

    if mapping.layout in ("long", "order_lines"):
        quantity, bad = parse_numbers(body[mapping.quantity_column], number_format)
        skus = (
            as_text(body[mapping.sku_column]).to_numpy(dtype=object)
            if mapping.sku_column
            else np.full(len(body), mapping.single_sku or single_sku, dtype=object)
        )
        records = pd.DataFrame(
            {
                "row": rows,
                "column": mapping.quantity_column,
                "date": parse_dates(body[mapping.date_column], mapping.date_format).to_numpy(),
                "sku": skus,
                "quantity": quantity,
                "raw": as_text(body[mapping.quantity_column]).to_numpy(dtype=object),
                "bad": bad,
                "duplicate": duplicate,
            }
        )
        return Records(records, totals_rows, wide=False)

    if mapping.layout == "wide_skus_in_columns":
        columns = list(mapping.sku_columns)
        dates = parse_dates(body[mapping.date_column], mapping.date_format).to_numpy()
        cell_dates = np.tile(dates, len(columns))
        cell_skus = np.repeat(np.asarray(columns, dtype=object), len(body))
    else:
        columns = list(mapping.period_columns)
        skus = as_text(body[mapping.sku_column]).to_numpy(dtype=object)
        period = pd.DatetimeIndex([pd.Timestamp(date) for date in mapping.period_dates])
        cell_dates = np.repeat(period.to_numpy(dtype="datetime64[ns]"), len(body))
        cell_skus = np.tile(skus, len(columns))
    if not columns:
        return Records(pd.DataFrame(), totals_rows, wide=True)
    records = _cells(
        body[columns],
        number_format,
        rows=np.tile(rows, len(columns)),
        dates=cell_dates,
        skus=cell_skus,
        duplicate=np.tile(duplicate, len(columns)),
    )
    return Records(records, totals_rows, wide=True)


def _cells(
    block: pd.DataFrame,
    number_format: NumberFormat,
    *,
    rows: np.ndarray,
    dates: np.ndarray,
    skus: np.ndarray,
    duplicate: np.ndarray,
) -> pd.DataFrame:
    """Records of the quantity columns of a wide table, column after column, each in row order
    (the other arguments are given per cell in that order). All cells are parsed in one pass;
    empty cells mean "no data" and are left out."""
    flat = pd.Series(block.to_numpy(dtype=object).ravel(order="F"), dtype=object)
    raw = as_text(flat).to_numpy(dtype=object)
    quantity, bad = parse_numbers(flat, number_format)
    filled = raw != ""
    names = np.repeat(np.asarray(block.columns, dtype=object), len(block))
    return pd.DataFrame(
        {
            "row": rows[filled],
            "column": pd.Series(names[filled], dtype=str),
            "date": dates[filled],
            "sku": skus[filled],
            "quantity": quantity[filled],
            "raw": raw[filled],
            "bad": bad[filled],
            "duplicate": duplicate[filled],
        }
    )
