"""The two calls the app and the command line use: ``inspect_file`` (what was found, for the user
to confirm) and ``read_demand`` (tidy ``DemandData`` with its ``IntakeReport``).

Only ``IntakeError`` leaves these functions, whatever the bytes: any other failure while reading
is turned into one, with the file name and a hint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from jitcore.demand import DemandData, Frequency, IntakeReport
from jitcore.errors import IntakeError
from jitcore.intake import cleaning, layout
from jitcore.intake.cells import as_text, cell_text
from jitcore.intake.dates import DateContext, parse_dates
from jitcore.intake.frequency import FrequencyGuess, detect_frequency
from jitcore.intake.header import Table, build_table, column_letter
from jitcore.intake.numbers import NumberFormat, detect_number_format
from jitcore.intake.options import IntakeOptions, Layout
from jitcore.intake.records import build_records
from jitcore.intake.report import ReportBuilder, plural, quoted
from jitcore.intake.roles import ColumnProfile, profile_columns
from jitcore.intake.source import Grid, load_grid

PREVIEW_ROWS = 15


@dataclass(frozen=True)
class Inspection:
    """What a file looks like, before the user confirms how to read it.

    ``raw_preview``: the first rows of the sheet or text as they are (strings). ``mapping``: the
    guessed column per role (``date``, ``sku``, ``quantity``; None when not used or not found).
    ``candidates``: per role, every column, the most suitable first. ``frequency``: detected.
    """

    filename: str
    file_type: str
    sheets: tuple[str, ...]
    sheet: str
    encoding: str
    delimiter: str
    header_row: int
    columns: tuple[str, ...]
    raw_preview: pd.DataFrame
    layout: Layout
    mapping: dict[str, str | None]
    candidates: dict[str, tuple[str, ...]]
    frequency: Frequency | None
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class _Prepared:
    grid: Grid
    table: Table
    number_format: NumberFormat
    profiles: dict[str, ColumnProfile]
    mapping: layout.Mapping
    context: DateContext
    single_sku: str


def _as_bytes(source: bytes | str | Path, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), filename or "uploaded file"
    path = Path(source)
    name = filename or path.name
    try:
        return path.read_bytes(), name
    except FileNotFoundError as exc:
        raise IntakeError(f"The file {str(path)!r} does not exist.", "Check the path.") from exc
    except IsADirectoryError as exc:
        raise IntakeError(f"{str(path)!r} is a folder, not a file.", "Give a file.") from exc
    except OSError as exc:
        raise IntakeError(f"The file {str(path)!r} cannot be read ({exc}).", "") from exc


def _formula_columns(table: Table, cells: frozenset[tuple[int, int]]) -> frozenset[str]:
    """Columns where most filled cells are SUM formulas (a row total per SKU or per date)."""
    if not cells:
        return frozenset()
    found = set()
    grid_rows = table.rows - 1
    for name, position in zip(table.frame.columns, table.positions, strict=True):
        hits = sum((int(row), position) in cells for row in grid_rows)
        if hits >= 2 and hits >= 0.5 * max(1, int((as_text(table.frame[name]) != "").sum())):
            found.add(name)
    return frozenset(found)


def _prepare(data: bytes, filename: str, options: IntakeOptions) -> _Prepared:
    grid = load_grid(data, filename, sheet=options.sheet, limits=options.limits)
    table = build_table(grid)
    number_format = detect_number_format(table.frame, delimiter=grid.delimiter)
    context = DateContext(options.day_first, number_format.decimal, grid.delimiter)
    profiles = profile_columns(table.frame, number_format, context)
    single_sku = Path(filename).stem or "all items"
    mapping = layout.plan_layout(
        table,
        profiles,
        options,
        context,
        formula_columns=_formula_columns(table, grid.total_cells),
        fallback_name=single_sku,
    )
    return _Prepared(grid, table, number_format, profiles, mapping, context, single_sku)


def _guarded(function, *args):
    try:
        return function(*args)
    except IntakeError:
        raise
    except MemoryError as exc:
        raise IntakeError("The file is too large to read in memory.", "Split the file.") from exc
    except Exception as exc:  # noqa: BLE001 - nothing a user uploads may surface as a traceback
        raise IntakeError(
            f"The file could not be read: an unexpected problem ({type(exc).__name__}: {exc}).",
            "Save it again as a plain CSV with one header row, or report this file to the "
            "maintainers.",
        ) from exc


def _candidates(prepared: _Prepared) -> dict[str, tuple[str, ...]]:
    profiles = list(prepared.profiles.values())
    date = sorted(profiles, key=lambda p: (-(p.date_share >= 0.8), -p.score("date"), -p.date_share))
    sku = sorted(profiles, key=lambda p: (-p.score("sku"), -p.text_like))
    quantity = sorted(
        profiles, key=lambda p: (-(p.number_share >= 0.5), -p.score("quantity"), p.id_like)
    )
    return {
        "date": tuple(p.name for p in date),
        "sku": tuple(p.name for p in sku),
        "quantity": tuple(p.name for p in quantity),
    }


def _native_frequency(prepared: _Prepared) -> FrequencyGuess | None:
    mapping = prepared.mapping
    if mapping.layout == "wide_skus_in_rows":
        dates = pd.Series(list(mapping.period_dates), dtype="datetime64[ns]")
        inherent = None
    else:
        dates = parse_dates(prepared.table.frame[mapping.date_column], mapping.date_format)
        inherent = mapping.date_format.period if mapping.date_format else None
    try:
        return detect_frequency(dates, inherent=inherent)
    except IntakeError:
        return None


def _inspect(data: bytes, filename: str, options: IntakeOptions) -> Inspection:
    prepared = _prepare(data, filename, options)
    grid, mapping = prepared.grid, prepared.mapping
    preview = grid.cells.iloc[:PREVIEW_ROWS].map(cell_text)
    preview.columns = [column_letter(i) for i in range(preview.shape[1])]
    preview.index = pd.RangeIndex(1, len(preview) + 1, name="row")
    native = _native_frequency(prepared)
    roles = {
        "date": mapping.date_column,
        "sku": mapping.sku_column,
        "quantity": mapping.quantity_column,
    }
    notes = [grid.describe(), _header_note(prepared.table), prepared.number_format.describe() + "."]
    notes += layout.describe(mapping)
    return Inspection(
        filename=filename,
        sheets=grid.sheets,
        **grid.read_as(),
        header_row=prepared.table.header_row,
        columns=tuple(prepared.table.frame.columns),
        raw_preview=preview,
        layout=mapping.layout,
        mapping=roles,
        candidates=_candidates(prepared),
        frequency=native.frequency if native else None,
        notes=tuple(notes),
    )


def _header_note(table: Table) -> str:
    if not table.header_row:
        return "The table has no header row; columns are named by their letters."
    skipped = table.header_row - 1
    above = f"; {plural(skipped, 'row')} above it (titles) skipped" if skipped else ""
    return f"The header is on row {table.header_row}{above}."


def _read(data: bytes, filename: str, options: IntakeOptions) -> DemandData:
    prepared = _prepare(data, filename, options)
    grid, table, mapping = prepared.grid, prepared.table, prepared.mapping
    report = ReportBuilder()
    report.decide(grid.describe())
    report.decide(_header_note(table))
    report.decide(prepared.number_format.describe() + ".")
    for line in layout.describe(mapping):
        report.decide(line)
    if mapping.totals_columns:
        report.exclude("totals columns", len(mapping.totals_columns))
        report.decide(f"Left out totals columns: {quoted(list(mapping.totals_columns))}.")
    fmt = mapping.date_format
    if fmt is not None:
        note = f" ({fmt.note})" if fmt.note else ""
        report.decide(f"Dates read as {fmt.description}{note}.")
        if fmt.ambiguous:
            report.warn(
                f"The day/month order of the dates is ambiguous; read as {fmt.description}. "
                "Change the date order if the dates look wrong."
            )
    records = build_records(
        table,
        mapping,
        prepared.number_format,
        formula_cells=grid.total_cells,
        single_sku=prepared.single_sku,
    )
    frame = cleaning.drop_unusable(records, options, report)
    if frame.empty:
        raise IntakeError(
            "No usable demand is left: every row was a total, a duplicate, undated or not a "
            "number.",
            "Check the column choices; the intake report lists what was left out.",
        )
    native = detect_frequency(frame["date"], inherent=fmt.period if fmt else None)
    frame, returns = cleaning.apply_future_and_returns(frame, options, report, wide=records.wide)
    if frame.empty:
        raise IntakeError(
            "No demand is left after leaving out future dates and returns.",
            "Keep future dates, or net the returns.",
        )
    tidy, frequency, weekday = cleaning.aggregate(
        frame, native, options, report, order_lines=mapping.layout == "order_lines"
    )
    tidy = cleaning.finish(tidy, frequency, weekday, options, report)
    if tidy["date"].nunique() < 2:
        raise IntakeError(
            "The data covers a single period, so there is no history over time.",
            "Load a file with at least two periods, or choose a finer frequency.",
        )
    if not (tidy["quantity"].fillna(0.0) > 0).any():
        report.warn(
            "Every period has zero demand, so there is nothing to forecast or plan. Check that "
            "the quantity column holds sales (not returns or stock), or load another file."
        )
    columns = mapping.columns()
    ir = IntakeReport(
        source=filename,
        layout=mapping.layout,
        columns=columns,
        decisions=tuple(report.decisions),
        warnings=tuple(report.warnings),
        excluded=dict(report.excluded),
        frequency=frequency,
        **grid.read_as(),
        header_row=table.header_row,
        rows_read=len(table.frame),
        returns=returns,
    )
    tidy["quantity"] = tidy["quantity"].astype(float)
    if not np.isfinite(tidy["quantity"].to_numpy()).all():
        tidy["quantity"] = tidy["quantity"].fillna(0.0)
    name = filename if not grid.sheet or len(grid.sheets) < 2 else f"{filename} › {grid.sheet}"
    return DemandData(tidy, frequency, ir, name=name)


def inspect_file(
    data: bytes, filename: str, *, sheet: str | None = None, options: IntakeOptions | None = None
) -> Inspection:
    """Look at a file: sheets, raw preview, detected layout, guessed columns, candidates.

    ``options`` (e.g. a layout or column the user already chose) steer the guess; ``sheet``
    overrides ``options.sheet``.
    """
    options = options or IntakeOptions()
    if sheet is not None:
        options = options.model_copy(update={"sheet": sheet})
    return _guarded(_inspect, bytes(data), filename or "uploaded file", options)


def read_demand(
    source: bytes | str | Path,
    *,
    filename: str | None = None,
    options: IntakeOptions | None = None,
) -> DemandData:
    """Read a demand file (CSV/TSV/TXT or XLSX; bytes or a path) into tidy ``DemandData``.

    Everything detected can be overridden with ``options``; the result's ``report`` lists every
    decision, warning and exclusion.
    """
    data, name = _as_bytes(source, filename)
    return _guarded(_read, data, name, options or IntakeOptions())
