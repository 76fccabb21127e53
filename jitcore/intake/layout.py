"""Recognise the layout (long, order lines, wide either way) and which column plays which role.

Rules, applied in order unless the user chose:
1. Two or more column headers are dates → wide, one row per SKU, periods as columns.
2. The date column is the one whose cells read as dates (≥ 80 %; a date-like name breaks ties).
3. The SKU column is named like one (item, Artikel, produit, producto, artikelnummer ...) or,
   failing that, is a text column. Without one, several number columns over dates that occur
   once each are a wide table (one column per SKU); a single number column is one SKU.
4. The quantity column is the number column named most like a quantity (Menge, qty, cantidad,
   aantal ...), never a price, an identifier or the SKU.
5. Long data whose date and SKU repeat on several rows are order lines, added up per period.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from jitcore.errors import IntakeError
from jitcore.intake.cells import as_text
from jitcore.intake.dates import DateContext, DateFormat, detect_date_format, parse_dates
from jitcore.intake.header import Table
from jitcore.intake.options import LAYOUT_NAMES, IntakeOptions, Layout
from jitcore.intake.report import quoted
from jitcore.intake.roles import TOTAL_LABEL, ColumnProfile


@dataclass(frozen=True)
class Mapping:
    """The layout and the columns used for each role."""

    layout: Layout
    date_column: str | None = None
    sku_column: str | None = None
    quantity_column: str | None = None
    date_format: DateFormat | None = None
    sku_columns: tuple[str, ...] = ()  # wide, one column per SKU
    period_columns: tuple[str, ...] = ()  # wide, periods as columns
    period_dates: tuple[pd.Timestamp, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    totals_columns: tuple[str, ...] = ()
    single_sku: str = ""  # the item's name when the file has no SKU column
    notes: tuple[str, ...] = field(default=())

    def columns(self) -> dict[str, str]:
        """role -> source column (or a description for the wide layouts)."""
        used: dict[str, str] = {}
        if self.date_column:
            used["date"] = self.date_column
        if self.period_columns:
            used["date"] = f"column headers {self.period_columns[0]} … {self.period_columns[-1]}"
        if self.sku_column:
            used["sku"] = self.sku_column
        elif self.sku_columns:
            used["sku"] = f"column headers ({len(self.sku_columns)} columns)"
        if self.quantity_column:
            used["quantity"] = self.quantity_column
        elif self.layout.startswith("wide"):
            used["quantity"] = "table cells"
        return used


def resolve_column(table: Table, wanted: str | None, role: str) -> str | None:
    """The table column named ``wanted`` (case-insensitive), or a clear error."""
    if wanted is None:
        return None
    for name in table.frame.columns:
        if name.casefold() == wanted.strip().casefold():
            return name
    raise IntakeError(
        f"There is no column named {wanted!r} for the {role}.",
        "The columns are: " + quoted(list(table.frame.columns), limit=20) + ".",
    )


def header_dates(table: Table, context: DateContext) -> dict[str, pd.Timestamp]:
    """Columns whose header is a date (a period), with that date."""
    values = pd.Series(list(table.header_values), dtype=object)
    fmt, share = detect_date_format(values, context=context)
    if fmt is None or fmt.key == "serial":
        return {}
    dates = parse_dates(values, fmt)
    return {
        name: date
        for name, date in zip(table.frame.columns, dates, strict=True)
        if not pd.isna(date)
    }


def _rank(candidates: list[ColumnProfile], role: str) -> list[ColumnProfile]:
    return sorted(candidates, key=lambda p: -p.score(role))


def plan_layout(
    table: Table,
    profiles: dict[str, ColumnProfile],
    options: IntakeOptions,
    context: DateContext,
    *,
    formula_columns: frozenset[str] = frozenset(),
    fallback_name: str = "all items",
) -> Mapping:
    """Decide layout and roles, honouring the user's overrides."""
    names = list(table.frame.columns)
    date_override = resolve_column(table, options.date_column, "date")
    sku_override = resolve_column(table, options.sku_column, "SKU")
    quantity_override = resolve_column(table, options.quantity_column, "quantity")
    totals = tuple(name for name in names if TOTAL_LABEL.match(name) or name in formula_columns)
    period_map = header_dates(table, context)
    period_columns = [
        name
        for name in names
        if name in period_map and name not in totals and profiles[name].number_share >= 0.5
    ]
    layout = options.layout
    if layout is None and len(period_columns) >= 2 and date_override is None:
        layout = "wide_skus_in_rows"
    if layout == "wide_skus_in_rows":
        return _wide_rows(names, profiles, period_columns, period_map, totals, sku_override)

    usable = [name for name in names if name not in totals]
    date_column = date_override or _guess_date(usable, profiles)
    if date_column is None:
        raise IntakeError(
            "No column with dates was found.",
            "The file needs a column of dates or periods (e.g. 2024-01-31, 31.01.2024, Jan 2024, "
            "2024-W05), or dates as column headers. Choose the date column if it is there; "
            "columns: " + quoted(names, limit=12) + ".",
        )
    date_format = profiles[date_column].date_format
    if date_format is None:
        raise IntakeError(
            f"The column {date_column!r} holds no dates the reader understands.",
            "Write dates like 2024-01-31, 31.01.2024, 01/31/2024, Jan 2024 or 2024-W05.",
        )
    rest = [name for name in usable if name != date_column]
    numeric = [
        name
        for name in rest
        if profiles[name].number_share >= 0.5
        and profiles[name].filled
        and not profiles[name].id_like
    ]
    sku_column = sku_override or _guess_sku(rest, profiles)
    dates_unique = _unique_share(table.frame[date_column]) > 0.95
    if layout is None:
        weak_sku = sku_column is None or profiles[sku_column].score("sku") <= 0
        if sku_override is None and weak_sku and dates_unique and len(numeric) >= 2:
            layout = "wide_skus_in_columns"
    if layout == "wide_skus_in_columns":
        skus = [name for name in rest if name in numeric and name != sku_override]
        if not skus:
            raise IntakeError(
                "No columns of numbers were found for the wide layout.",
                "Pick the long layout, or check the file has one column of numbers per SKU.",
            )
        ignored = tuple(name for name in rest if name not in skus)
        return Mapping(
            "wide_skus_in_columns",
            date_column=date_column,
            date_format=date_format,
            sku_columns=tuple(skus),
            ignored_columns=ignored,
            totals_columns=totals,
        )
    quantity_candidates = [name for name in numeric if name != sku_column]
    quantity_column = quantity_override or (
        _rank([profiles[name] for name in quantity_candidates], "quantity")[0].name
        if quantity_candidates
        else None
    )
    if quantity_column is None:
        raise IntakeError(
            "No column with quantities (numbers) was found.",
            "Choose the quantity column; columns: " + quoted(names, limit=12) + ".",
        )
    if sku_column in (date_column, quantity_column):
        raise IntakeError(
            "The same column cannot be both the SKU and the date or quantity.",
            "Choose different columns for date, SKU and quantity.",
        )
    if date_column == quantity_column:
        raise IntakeError(
            "The same column cannot be both the date and the quantity.",
            "Choose different columns for date and quantity.",
        )
    if layout is None:
        layout = "order_lines" if _repeated_keys(table, date_column, sku_column) else "long"
    used = {date_column, sku_column, quantity_column}
    generic = profiles[quantity_column].score("quantity") >= 2 or quantity_column.startswith(
        "Column "
    )
    single = "" if sku_column else (fallback_name if generic else quantity_column)
    return Mapping(
        layout,
        date_column=date_column,
        sku_column=sku_column,
        quantity_column=quantity_column,
        date_format=date_format,
        ignored_columns=tuple(name for name in usable if name not in used),
        totals_columns=totals,
        single_sku=single,
        notes=() if sku_column else (f"No SKU column: the data is one item, named '{single}'.",),
    )


def _guess_date(names: list[str], profiles: dict[str, ColumnProfile]) -> str | None:
    strong = [profiles[n] for n in names if profiles[n].date_share >= 0.8]
    weak = [
        profiles[n]
        for n in names
        if profiles[n].date_share >= 0.5 and profiles[n].score("date") > 0
    ]
    candidates = strong or weak
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p.score("date") > 0, p.date_share, p.score("date"))).name


def _guess_sku(names: list[str], profiles: dict[str, ColumnProfile]) -> str | None:
    """A text column named like a SKU, else any text column; a column of numbers only when it is
    the one number column named like a SKU (item codes), not one of several (a wide table)."""
    named_numbers = [
        n for n in names if profiles[n].score("sku") >= 2 and not profiles[n].text_like
    ]
    candidates = []
    for name in names:
        profile = profiles[name]
        named = profile.score("sku") >= 2 and (profile.text_like or len(named_numbers) == 1)
        if not profile.filled or (profile.boolean_like and not named):
            continue
        if not (profile.text_like or named):
            continue
        unique_ids = profile.distinct == profile.filled and profile.filled > 20
        candidates.append(((profile.score("sku"), profile.text_like, not unique_ids), name))
    if not candidates:
        return None
    return max(candidates, key=lambda item: item[0])[1]


def _unique_share(series: pd.Series) -> float:
    text = as_text(series)
    text = text[text != ""]
    return float(text.nunique() / len(text)) if len(text) else 0.0


def _repeated_keys(table: Table, date_column: str, sku_column: str | None) -> bool:
    frame = table.frame
    distinct_rows = frame.astype(str).drop_duplicates()
    keys = [date_column] + ([sku_column] if sku_column else [])
    return bool(distinct_rows.duplicated(subset=keys).any())


def _wide_rows(
    names: list[str],
    profiles: dict[str, ColumnProfile],
    period_columns: list[str],
    period_map: dict[str, pd.Timestamp],
    totals: tuple[str, ...],
    sku_override: str | None,
) -> Mapping:
    if len(period_columns) < 1:
        raise IntakeError(
            "No column headers read as periods, so the table cannot be wide with periods as "
            "columns.",
            "Pick another layout, or write the periods as headers like 2024-01, Jan 2024 or "
            "2024-W05.",
        )
    rest = [name for name in names if name not in period_columns and name not in totals]
    sku_column = sku_override or _guess_sku(rest, profiles)
    if sku_column is None:
        raise IntakeError(
            "No column with SKU names was found next to the period columns.",
            "Choose the SKU column.",
        )
    return Mapping(
        "wide_skus_in_rows",
        sku_column=sku_column,
        period_columns=tuple(period_columns),
        period_dates=tuple(period_map[name] for name in period_columns),
        ignored_columns=tuple(name for name in rest if name != sku_column),
        totals_columns=totals,
    )


def describe(mapping: Mapping) -> list[str]:
    """Plain-language decisions about the layout and the columns."""
    lines = [f"Layout: {LAYOUT_NAMES[mapping.layout]}."]
    if mapping.layout == "wide_skus_in_columns":
        count = len(mapping.sku_columns)
        lines.append(
            f"Dates from the column '{mapping.date_column}'; each of the {count:,} columns of "
            "numbers is a SKU named by its header."
        )
    elif mapping.layout == "wide_skus_in_rows":
        first, last = mapping.period_columns[0], mapping.period_columns[-1]
        lines.append(
            f"SKUs from the column '{mapping.sku_column}'; the {len(mapping.period_columns):,} "
            f"column headers from '{first}' to '{last}' are the periods."
        )
    else:
        roles = {
            "date": mapping.date_column,
            "SKU": mapping.sku_column,
            "quantity": mapping.quantity_column,
        }
        lines.append(
            "Columns used: "
            + ", ".join(f"{role} = '{column}'" for role, column in roles.items() if column)
            + "."
        )
    if mapping.ignored_columns:
        lines.append(f"Columns not used: {quoted(list(mapping.ignored_columns))}.")
    lines.extend(mapping.notes)
    return lines
