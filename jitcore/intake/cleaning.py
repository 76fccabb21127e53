"""From raw records to tidy demand: leave out what cannot be demand, apply the user's choices,
sum into periods and fill the gaps inside each SKU's active range.

Defaults (each reported, each changeable): exact duplicate rows are dropped; returns (negative
quantities) are netted against demand in their period, and a period left negative counts as zero;
missing periods between a SKU's first and last period are zero demand; rows dated after today
are dropped.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from jitcore.demand import FREQUENCY_NAMES, Frequency
from jitcore.errors import IntakeError
from jitcore.intake.frequency import (
    WEEKDAYS,
    FrequencyGuess,
    period_label,
    period_number,
    period_start,
    target_frequency,
)
from jitcore.intake.options import IntakeOptions
from jitcore.intake.records import Records
from jitcore.intake.report import ReportBuilder, list_items, plural, rows_text, verb
from jitcore.vocabulary import period_word


def _where(frame: pd.DataFrame, wide: bool, *, with_raw: bool = False, limit: int = 5) -> str:
    """``rows 4 and 9`` or, for wide tables, ``row 4 column 'B-12' ('n/a')``."""
    if not wide and not with_raw:
        return rows_text(list(pd.unique(frame["row"])), limit=limit)
    items = []
    for record in frame.head(limit).itertuples():
        where = f"row {record.row}" + (f" column '{record.column}'" if wide else "")
        items.append(where + (f" ('{record.raw}')" if with_raw else ""))
    rest = len(frame) - len(items)
    return "; ".join(items) + (f" and {rest:,} more" if rest > 0 else "")


def drop_unusable(records: Records, options: IntakeOptions, report: ReportBuilder) -> pd.DataFrame:
    """Remove totals, duplicates (by choice), undated, SKU-less and non-numeric records."""
    frame, wide = records.frame, records.wide
    if records.totals_rows:
        count = len(records.totals_rows)
        labels = list_items([f"row {row} '{label}'" for row, label in records.totals_rows])
        report.exclude("totals rows", count)
        report.decide(f"Left out {plural(count, 'totals row')}: {labels}.")
    if frame.empty:
        return frame
    duplicates = frame[frame["duplicate"]]
    if len(duplicates):
        count = duplicates["row"].nunique()
        where = rows_text(list(pd.unique(duplicates["row"])))
        if options.duplicates == "drop":
            report.exclude("exact duplicate rows", count)
            report.warn(
                f"{plural(count, 'row')} {verb(count, 'repeats', 'repeat')} an earlier "
                f"row exactly ({where}); {verb(count, 'it was', 'they were')} dropped."
            )
            frame = frame[~frame["duplicate"]]
        else:
            report.warn(
                f"{plural(count, 'row')} {verb(count, 'repeats', 'repeat')} an earlier "
                f"row exactly ({where}); {verb(count, 'it was', 'they were')} kept and "
                "counted as demand."
            )
    undated = frame["date"].isna()
    if undated.any():
        count = frame.loc[undated, "row"].nunique()
        frame = _leave_out(frame, undated, report, "rows without a valid date", count,
                           f"{plural(count, 'row')} without a readable date left out "
                           f"({_where(frame[undated], False)}).")  # fmt: skip
    no_sku = frame["sku"].astype(str).str.strip() == ""
    if no_sku.any():
        count = frame.loc[no_sku, "row"].nunique()
        frame = _leave_out(frame, no_sku, report, "rows without a SKU", count,
                           f"{plural(count, 'row')} without a SKU left out "
                           f"({_where(frame[no_sku], False)}).")  # fmt: skip
    bad = frame["bad"].to_numpy(dtype=bool)
    if bad.any():
        count = int(bad.sum())
        frame = _leave_out(frame, bad, report, "non-numeric quantities", count,
                           f"{plural(count, 'quantity', 'quantities')} could not be read as "
                           f"{verb(count, 'a number and was', 'numbers and were')} left out: "
                           f"{_where(frame[bad], wide, with_raw=True)}.")  # fmt: skip
    empty = frame["quantity"].isna()
    if empty.any():
        count = int(empty.sum())
        frame = _leave_out(frame, empty, report, "rows without a quantity", count,
                           f"{plural(count, 'row')} with an empty quantity left out "
                           f"({_where(frame[empty], wide)}).")  # fmt: skip
    return frame


def _leave_out(
    frame: pd.DataFrame,
    mask: pd.Series | np.ndarray,
    report: ReportBuilder,
    reason: str,
    count: int,
    warning: str,
) -> pd.DataFrame:
    """``frame`` without the rows under ``mask``, counted under ``reason`` and said in
    ``warning``."""
    report.exclude(reason, count)
    report.warn(warning)
    return frame[~mask]


def apply_future_and_returns(
    frame: pd.DataFrame, options: IntakeOptions, report: ReportBuilder, *, wide: bool
) -> tuple[pd.DataFrame, dict[str, float]]:
    today = pd.Timestamp(options.today or dt.date.today())
    future = frame["date"] > today
    if future.any():
        count = int(future.sum())
        last = frame.loc[future, "date"].max().date().isoformat()
        what = plural(count, "cell" if wide else "row")
        if options.future_dates == "drop":
            report.exclude("future dates", count)
            report.warn(
                f"{what} dated after today ({today.date().isoformat()}, up to {last}) left out."
            )
            frame = frame[~future]
        else:
            report.warn(f"{what} dated after today (up to {last}) kept as demand.")
    negative = frame["quantity"] < 0
    returns: dict[str, float] = {}
    if negative.any():
        count = int(negative.sum())
        sums = frame.loc[negative].groupby("sku", sort=True)["quantity"].sum()
        returns = {str(sku): float(-value) for sku, value in sums.items()}
        total = sum(returns.values())
        what = f"{plural(count, 'negative quantity', 'negative quantities')} (returns, {total:,.6g} units)"
        if options.returns == "net":
            report.warn(f"{what} subtracted from demand in their period.")
        elif options.returns == "ignore":
            report.exclude("returns (negative quantities)", count)
            report.warn(f"{what} left out; demand counts sales only.")
            frame = frame[~negative]
        else:
            report.exclude("returns (negative quantities)", count)
            report.warn(f"{what} kept apart from demand; their totals per SKU are in the report.")
            frame = frame[~negative]
    return frame, returns


def aggregate(
    frame: pd.DataFrame,
    native: FrequencyGuess,
    options: IntakeOptions,
    report: ReportBuilder,
    *,
    order_lines: bool,
) -> tuple[pd.DataFrame, Frequency, int]:
    """Sum records into periods of the chosen frequency."""
    frequency, weekday = target_frequency(native, options.frequency)
    report.decide(f"The data is {FREQUENCY_NAMES[native.frequency]}: {native.reason}.")
    if frequency != native.frequency:
        report.decide(f"Summed into {FREQUENCY_NAMES[frequency]} periods as chosen.")
    if frequency == "W" and native.frequency == "W":
        report.decide(f"Weeks keep the data's own weekday ({WEEKDAYS[weekday]}).")
    elif frequency == "W":
        report.decide("Weeks run Monday to Sunday and are labelled by their Monday.")
    if frequency == "M":
        report.decide("Months are labelled by their first day.")
    labels = period_start(frame["date"], frequency, weekday)
    grouped = (
        frame.assign(date=labels)
        .groupby(["sku", "date"], sort=True)["quantity"]
        .agg(["sum", "size"])
        .reset_index()
    )
    combined = int((grouped["size"] > 1).sum())
    if combined:
        what = "order lines" if order_lines else "records"
        report.decide(
            f"{plural(len(frame), 'row' if not order_lines else 'order line')} summed into "
            f"{plural(len(grouped), 'SKU-period')} ({combined:,} periods combine several {what})."
        )
    tidy = grouped.rename(columns={"sum": "quantity"})[["date", "sku", "quantity"]]
    return tidy, frequency, weekday


def finish(
    tidy: pd.DataFrame,
    frequency: Frequency,
    weekday: int,
    options: IntakeOptions,
    report: ReportBuilder,
) -> pd.DataFrame:
    """Clip net-negative periods (netted returns) and fill missing periods."""
    negative = tidy["quantity"] < 0
    if negative.any():
        count = int(negative.sum())
        report.warn(
            f"{plural(count, 'period')} had more returns than sales; counted as zero demand."
        )
        tidy.loc[negative, "quantity"] = 0.0
    numbers = period_number(tidy["date"], frequency, weekday)
    tidy = tidy.assign(period=numbers)
    bounds = tidy.groupby("sku", sort=True)["period"].agg(["min", "max"])
    lengths = (bounds["max"] - bounds["min"] + 1).to_numpy()
    cells = int(lengths.sum())
    if cells > options.limits.max_cells:
        raise IntakeError(
            f"Filling the gaps would give {cells:,} SKU-periods, more than the limit of "
            f"{options.limits.max_cells:,}.",
            "Check the dates for typing errors (a year like 1900 or 2099), or choose a coarser "
            "frequency.",
        )
    full_sku = np.repeat(bounds.index.to_numpy(dtype=object), lengths)
    offsets = np.arange(cells) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    full_period = np.repeat(bounds["min"].to_numpy(), lengths) + offsets
    full = pd.DataFrame({"sku": full_sku, "period": full_period})
    merged = full.merge(tidy[["sku", "period", "quantity"]], on=["sku", "period"], how="left")
    missing = merged["quantity"].isna()
    if missing.any():
        count = int(missing.sum())
        per_sku = merged.loc[missing].groupby("sku", sort=False).size().sort_values(ascending=False)
        listed = list_items([f"{sku}: {n:,}" for sku, n in per_sku.items()], limit=4)
        word = period_word(frequency)
        if options.missing_periods == "zero":
            merged["quantity"] = merged["quantity"].fillna(0.0)
            how = "filled with zero demand"
        else:
            merged["quantity"] = merged.groupby("sku", sort=False)["quantity"].transform(
                lambda s: s.interpolate(limit_area="inside")
            )
            how = "filled by interpolating between neighbouring periods"
        report.warn(
            f"{plural(count, f'missing {word}')} inside SKUs' date ranges {how} ({listed})."
        )
    merged["date"] = period_label(merged["period"].to_numpy(), frequency, weekday)
    return merged[["date", "sku", "quantity"]]
