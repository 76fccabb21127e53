"""The item master: per-SKU attributes (unit cost, lead time and its σ, MOQ, order multiple,
container size, ordering cost, supplier, category, service targets) read from a CSV or Excel
file, or from the price or value column of a demand file.

Each row becomes a :class:`~jitcore.scenario.SkuOverride`, so the attributes travel with the
scenario (``sku_overrides``) and every run, plan and command line call uses them; an empty cell
keeps the scenario's value. Files are read with the demand intake's readers
(:mod:`jitcore.intake`): any encoding, delimiter, title rows, decimal comma or point,
thousands separators and currency signs.

Columns are recognised by their header (:data:`ITEM_FIELDS` lists the names understood, in
English and German). Lead times are in periods of the demand data unless the header says
``days``, ``weeks`` or ``months`` (then converted with the data's period length and rounded to
whole periods). Service targets written as percentages (``95``) are read as shares (0.95).

A SKU on several rows (as in a demand file with a price per order line) takes the median of its
numbers and its most frequent text; a ``value`` (revenue) column next to the demand file's
quantity gives the unit cost as Σ value / Σ quantity per SKU.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import ValidationError

from jitcore.errors import IntakeError, JitError
from jitcore.intake.api import _as_bytes, _guarded
from jitcore.intake.cells import as_text, normalise_word
from jitcore.intake.header import build_table
from jitcore.intake.numbers import detect_number_format, parse_numbers
from jitcore.intake.options import IntakeLimits
from jitcore.intake.report import plural, quoted
from jitcore.intake.source import load_grid
from jitcore.scenario import Scenario, SkuOverride

#: Days per period of each data frequency (for lead times given in days, weeks or months).
_DAYS = {"D": 1.0, "W": 7.0, "M": 365.25 / 12.0}
_UNIT_DAYS = {"days": 1.0, "day": 1.0, "d": 1.0, "tage": 1.0, "weeks": 7.0, "week": 7.0,
              "wochen": 7.0, "months": 365.25 / 12.0, "month": 365.25 / 12.0}  # fmt: skip


@dataclass(frozen=True)
class ItemField:
    """One attribute of the item master: its label (the column header written back), whether
    it is a number, and the header names it is recognised by (normalised words)."""

    label: str
    numeric: bool
    aliases: tuple[str, ...]


#: Every attribute an item master may hold, by its :class:`SkuOverride` field name.
ITEM_FIELDS: dict[str, ItemField] = {
    "unit_cost": ItemField("Unit cost", True, (
        "unit cost", "cost", "price", "unit price", "purchase price", "cost price",
        "standard cost", "unit value", "preis", "einkaufspreis", "stuckpreis", "kosten",
    )),
    "ordering_cost": ItemField("Ordering cost", True, (
        "ordering cost", "order cost", "setup cost", "set up cost", "cost per order",
        "bestellkosten", "rustkosten",
    )),
    "lead_time": ItemField("Lead time", True, (
        "lead time", "leadtime", "lt", "lead time periods", "lieferzeit",
        "wiederbeschaffungszeit",
    )),
    "lead_time_sd": ItemField("Lead time σ", True, (
        "lead time sd", "lead time std", "lead time stdev", "lead time sigma",
        "lead time standard deviation", "lt sd", "lead time variability", "lieferzeit sd",
    )),
    "min_order_quantity": ItemField("MOQ", True, (
        "moq", "min order quantity", "minimum order quantity", "min order qty", "min qty",
        "mindestbestellmenge",
    )),
    "order_multiple": ItemField("Order multiple", True, (
        "order multiple", "multiple", "pack size", "lot multiple", "order increment",
        "rounding value", "rundungswert", "verpackungseinheit",
    )),
    "container_size": ItemField("Container size", True, (
        "container size", "container", "kanban container", "bin size", "behalter",
    )),
    "safety_stock": ItemField("Safety stock", True, ("safety stock", "fixed safety stock",
                                                     "sicherheitsbestand")),
    "cycle_service_level": ItemField("Cycle service level", True, (
        "cycle service level", "service level", "csl", "servicegrad",
    )),
    "fill_rate": ItemField("Fill rate target", True, ("fill rate", "fill rate target",
                                                      "lieferbereitschaft")),
    "supplier": ItemField("Supplier", False, ("supplier", "vendor", "lieferant")),
    "category": ItemField("Category", False, (
        "category", "product group", "group", "family", "product family", "kategorie",
        "warengruppe",
    )),
}  # fmt: skip

#: The SKU column's header names.
SKU_ALIASES = ("sku", "item", "item code", "item id", "item number", "article", "article number",
               "product", "product code", "product id", "material", "material number", "part",
               "part number", "code", "artikel", "artikelnummer")  # fmt: skip
#: Revenue columns of a demand file (unit cost = Σ value / Σ quantity per SKU).
VALUE_ALIASES = ("value", "sales value", "revenue", "amount", "sales amount", "turnover",
                 "umsatz", "wert")  # fmt: skip
_SHARES = ("cycle_service_level", "fill_rate")


@dataclass(frozen=True)
class ItemMaster:
    """The items read from a file: one :class:`SkuOverride` per SKU (in file order), the
    column read for each attribute, SKUs of the file not in the demand data (left out) and
    plain-language notes on what was read."""

    items: tuple[SkuOverride, ...]
    columns: dict[str, str] = field(default_factory=dict)
    unknown_skus: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def skus(self) -> tuple[str, ...]:
        return tuple(item.sku for item in self.items)


def _unit_of(header: str) -> float | None:
    """Days per unit named in a lead-time header (``Lead time (days)`` → 1), else None."""
    words = normalise_word(header).split()
    for word in reversed(words):
        if word in _UNIT_DAYS:
            return _UNIT_DAYS[word]
    return None


def _match(header: str) -> str | None:
    """The attribute a header names, or None."""
    raw = str(header)
    words = normalise_word(raw)
    if "σ" in raw and words.startswith(("lead time", "lt", "lieferzeit")):
        return "lead_time_sd"
    unit = _unit_of(raw)
    if unit is not None:  # "lead time days" → "lead time"
        words = " ".join(w for w in words.split() if w not in _UNIT_DAYS)
    for name, spec in ITEM_FIELDS.items():
        if words in spec.aliases:
            return name
    return None


def _find_columns(
    columns: Sequence[str], sku_column: str | None
) -> tuple[str, dict[str, str], str | None]:
    """The SKU column, the column of each attribute and a revenue column (or None)."""
    if sku_column is not None and sku_column not in columns:
        raise IntakeError(
            f"The item master has no column {sku_column!r}.",
            f"Its columns are {quoted(list(columns))}.",
        )
    sku = sku_column or next((c for c in columns if normalise_word(str(c)) in SKU_ALIASES), None)
    if sku is None:
        raise IntakeError(
            "The item master has no SKU column.",
            "Name the column of item codes 'SKU' (or Item, Article, Product, Material).",
        )
    found: dict[str, str] = {}
    value = None
    for column in columns:
        if column == sku:
            continue
        name = _match(column)
        if name is not None and name not in found:
            found[name] = column
        elif name is None and value is None and normalise_word(str(column)) in VALUE_ALIASES:
            value = column
    return sku, found, value


def _numbers(frame: pd.DataFrame, column: str, rows: np.ndarray, fmt) -> np.ndarray:
    values, bad = parse_numbers(frame[column], fmt)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise IntakeError(
            f"Row {int(rows[i])} of the item master holds {as_text(frame[column]).iloc[i]!r} "
            f"in the column {column!r}, which is not a number.",
            "Correct the cell, or leave it empty to keep the scenario's value.",
        )
    return values


def _lower(label: str) -> str:
    """A label inside a sentence: lower case, except abbreviations (MOQ)."""
    return label if label.isupper() else label[:1].lower() + label[1:]


def _most_frequent(values: pd.Series) -> str | None:
    values = values[values != ""]
    return None if values.empty else str(values.mode().iloc[0])


def read_items(
    source: bytes | str | Path,
    *,
    filename: str | None = None,
    skus: Sequence[str] | None = None,
    frequency: str | None = None,
    sku_column: str | None = None,
    quantity_column: str | None = None,
    sheet: str | None = None,
    limits: IntakeLimits | None = None,
) -> ItemMaster:
    """Read an item master (CSV/TSV/TXT or XLSX; bytes or a path).

    ``skus``: the SKUs of the demand data (others are left out and listed; none in common is an
    error). ``frequency``: the data's frequency, for lead times in days, weeks or months.
    ``sku_column`` / ``quantity_column``: the demand file's columns when its price or value
    column is read. Raises :class:`~jitcore.errors.IntakeError` naming the row, column and
    value of anything that cannot be used.
    """
    data, name = _as_bytes(source, filename)
    return _guarded(
        _read_items, data, name, skus, frequency, sku_column, quantity_column, sheet,
        limits or IntakeLimits(),
    )  # fmt: skip


def _read_items(
    data: bytes,
    filename: str,
    skus: Sequence[str] | None,
    frequency: str | None,
    sku_column: str | None,
    quantity_column: str | None,
    sheet: str | None,
    limits: IntakeLimits,
) -> ItemMaster:
    grid = load_grid(data, filename, sheet=sheet, limits=limits)
    table = build_table(grid)
    frame, rows_of = table.frame, table.rows
    first = [str(v) for v in frame.iloc[0]] if len(frame) else []
    if not table.header_row and any(normalise_word(v) in SKU_ALIASES for v in first):
        # a small all-text table whose header the demand heuristics could not tell apart
        frame, rows_of = frame.iloc[1:].reset_index(drop=True), rows_of[1:]
        frame.columns = first
    columns = [str(c) for c in frame.columns]
    frame.columns = columns
    sku, found, value = _find_columns(columns, sku_column)
    if value is not None and (quantity_column is None or quantity_column not in columns):
        value = None
    if not found and value is None:
        raise IntakeError(
            f"The file {filename!r} has no item attribute this app knows.",
            "Name the columns e.g. Unit cost, Lead time, Lead time SD, MOQ, Order multiple, "
            "Container size, Ordering cost, Supplier, Category.",
        )
    fmt = detect_number_format(frame, delimiter=grid.delimiter)
    codes = as_text(frame[sku]).str.strip()
    keep = (codes != "").to_numpy()
    notes = [grid.describe()]
    parsed: dict[str, np.ndarray | pd.Series] = {}
    for name, column in found.items():
        if not ITEM_FIELDS[name].numeric:
            parsed[name] = as_text(frame[column]).str.strip()
            continue
        values = _numbers(frame, column, rows_of, fmt)
        if name in ("lead_time", "lead_time_sd"):
            unit = _unit_of(column)
            if unit is not None and frequency is not None:
                values = values * unit / _DAYS[frequency]
                notes.append(f"{column!r} converted to periods of the data ({frequency}).")
        if name in _SHARES and np.nanmax(np.append(values, 0.0)) > 1.0:
            values = np.where(values > 1.0, values / 100.0, values)
            notes.append(f"{column!r} read as percentages.")
        parsed[name] = values
    if value is not None:
        revenue = _numbers(frame, value, rows_of, fmt)
        quantity = _numbers(frame, quantity_column, rows_of, fmt)
        parsed["_revenue"], parsed["_quantity"] = revenue, quantity
    rows = pd.DataFrame({"sku": codes, **{k: np.asarray(v) for k, v in parsed.items()}})
    rows["_row"] = rows_of
    rows = rows[keep]
    if rows.empty:
        raise IntakeError(f"The file {filename!r} lists no SKU.", "Fill in the SKU column.")
    repeated = int(rows["sku"].duplicated().sum())
    items = []
    for code, group in rows.groupby("sku", sort=False):
        values: dict[str, object] = {}
        for name in found:
            if ITEM_FIELDS[name].numeric:
                column = group[name].to_numpy(dtype=float)
                values[name] = float(np.median(column[np.isfinite(column)])) if np.isfinite(
                    column).any() else None  # fmt: skip
            else:
                values[name] = _most_frequent(group[name])
        if value is not None:
            q = np.nansum(group["_quantity"].to_numpy(dtype=float))
            r = np.nansum(group["_revenue"].to_numpy(dtype=float))
            if q > 0 and r > 0 and values.get("unit_cost") is None:
                values["unit_cost"] = float(r / q)
        if values.get("lead_time") is not None:
            values["lead_time"] = int(round(float(values["lead_time"])))
        if any(v is not None for v in values.values()):  # a row of empty cells says nothing
            items.append(_item(str(code), values, int(group["_row"].iloc[0]), found))
    columns_read = dict(found)
    if value is not None and "unit_cost" not in found:
        columns_read["unit_cost"] = f"{value} / {quantity_column}"
    notes.append("Read " + ", ".join(
        f"{_lower(ITEM_FIELDS[k].label)} from {v!r}" for k, v in columns_read.items()) + ".")  # fmt: skip
    if repeated and quantity_column is None:
        notes.append(
            f"{plural(repeated, 'row')} repeat a SKU listed above; each SKU takes the median "
            "of its numbers and its most frequent text."
        )
    return _against_data(ItemMaster(tuple(items), columns_read, (), tuple(notes)), skus)


def _item(code: str, values: dict[str, object], row: int, found: dict[str, str]) -> SkuOverride:
    try:
        return SkuOverride(sku=code, **{k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]) if error["loc"] else "sku"
        column = found.get(name, name)
        message = str(error["msg"]).replace("Input should be", "it must be")
        raise IntakeError(
            f"Row {row} of the item master (SKU {code!r}): {column!r} is "
            f"{error.get('input')!r}, but {message}.",
            "Correct the cell, or leave it empty to keep the scenario's value.",
        ) from None


def _against_data(master: ItemMaster, skus: Sequence[str] | None) -> ItemMaster:
    """Keep the items of SKUs in the data; list the others."""
    if skus is None:
        return master
    known = set(skus)
    kept = tuple(item for item in master.items if item.sku in known)
    unknown = tuple(item.sku for item in master.items if item.sku not in known)
    if not kept:
        raise IntakeError(
            f"None of the {plural(len(master.items), 'SKU')} of the item master is in the "
            f"demand data (it lists {quoted(list(unknown[:3]))}; the data has "
            f"{quoted(list(skus[:3]))}).",
            "Check that the item master and the demand data use the same SKU codes.",
        )
    notes = list(master.notes)
    if unknown:
        shown = quoted(list(unknown[:5])) + (" …" if len(unknown) > 5 else "")
        notes.append(f"Left out {plural(len(unknown), 'SKU')} not in the demand data: {shown}.")
    missing = len(known - {item.sku for item in kept})
    if missing:
        notes.append(
            f"{plural(missing, 'SKU')} of the data {'is' if missing == 1 else 'are'} not in the "
            "item master and keep the scenario's values."
        )
    return ItemMaster(kept, master.columns, unknown, tuple(notes))


# --- the item master in the scenario -----------------------------------------------------------
#: Columns of :func:`items_frame`: the SKU and every attribute, by field name.
ITEM_COLUMNS: tuple[str, ...] = ("sku", *ITEM_FIELDS)


def apply_items(scenario: Scenario, items: Sequence[SkuOverride]) -> Scenario:
    """``scenario`` with the items' attributes in its ``sku_overrides``: for a SKU already
    overridden, the item's filled fields replace the old ones and its empty fields keep them."""
    merged = {o.sku: o.model_dump() for o in scenario.sku_overrides}
    for item in items:
        given = {k: v for k, v in item.model_dump().items() if v is not None}
        merged[item.sku] = {**merged.get(item.sku, {}), **given}
    data = scenario.to_dict()
    data["sku_overrides"] = list(merged.values())
    return Scenario.from_dict(data)


def items_frame(scenario: Scenario, skus: Sequence[str]) -> pd.DataFrame:
    """One row per SKU of ``skus`` with its attributes from the scenario's overrides (empty:
    the scenario's value applies), columns :data:`ITEM_COLUMNS`."""
    records = []
    for sku in skus:
        o = scenario.override_for(sku)
        records.append(
            {"sku": sku, **{k: (getattr(o, k) if o is not None else None) for k in ITEM_FIELDS}}
        )
    frame = pd.DataFrame(records, columns=list(ITEM_COLUMNS))
    for name, spec in ITEM_FIELDS.items():
        frame[name] = frame[name].astype(float if spec.numeric else object)
    return frame


def items_from_frame(frame: pd.DataFrame) -> tuple[SkuOverride, ...]:
    """The items of an edited :func:`items_frame` (empty cells = the scenario's value); a
    JitError names the SKU and attribute of a value that cannot be used."""
    items = []
    for record in frame.to_dict("records"):
        sku = str(record.get("sku") or "").strip()
        if not sku:
            continue
        values = {}
        for name, spec in ITEM_FIELDS.items():
            value = record.get(name)
            if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
                continue
            if name == "lead_time":
                value = int(round(float(value)))
            values[name] = float(value) if spec.numeric and name != "lead_time" else value
        if not values:
            continue
        try:
            items.append(SkuOverride(sku=sku, **values))
        except ValidationError as exc:
            error = exc.errors()[0]
            name = str(error["loc"][0]) if error["loc"] else "sku"
            label = ITEM_FIELDS[name].label if name in ITEM_FIELDS else name
            message = str(error["msg"]).replace("Input should be", "it must be")
            raise JitError(
                f"{label} of SKU {sku!r} is {error.get('input')!r}, but {message}.",
                "Correct the cell, or empty it to keep the scenario's value.",
            ) from None
    return tuple(items)


def replace_items(
    scenario: Scenario, items: Sequence[SkuOverride], skus: Sequence[str]
) -> Scenario:
    """``scenario`` whose overrides of ``skus`` are exactly ``items`` (an emptied cell drops
    the attribute); overrides of other SKUs stay."""
    wanted = set(skus)
    kept = [o for o in scenario.sku_overrides if o.sku not in wanted]
    data = scenario.to_dict()
    data["sku_overrides"] = [o.model_dump() for o in kept] + [i.model_dump() for i in items]
    return Scenario.from_dict(data)
