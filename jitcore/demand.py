"""Tidy demand history (date, sku, quantity at one frequency) and the report of how it was read."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd

from jitcore.errors import IntakeError
from jitcore.vocabulary import FREQUENCY_NAMES

Frequency = Literal["D", "W", "M"]

#: Periods per year, used to annualise costs and turns.
PERIODS_PER_YEAR: dict[str, float] = {"D": 365.0, "W": 52.0, "M": 12.0}


@dataclass(frozen=True)
class IntakeReport:
    """Every decision and warning made while reading a file, in plain language.

    ``columns`` maps a role (``date``, ``sku``, ``quantity``) to the source column used.
    ``excluded`` counts what was left out, by reason (e.g. ``{"totals rows": 2}``).
    ``returns`` gives the units returned (negative quantities) per SKU, whatever was done with
    them. ``header_row`` is the file's row number of the header (0: no header); ``rows_read``
    the number of data rows under it.
    """

    source: str = ""
    layout: str = "long"
    columns: dict[str, str] = field(default_factory=dict)
    decisions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    excluded: dict[str, int] = field(default_factory=dict)
    frequency: str = ""
    file_type: str = ""
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    header_row: int = 0
    rows_read: int = 0
    returns: dict[str, float] = field(default_factory=dict)


def pandas_frequency(frequency: Frequency, first_date: pd.Timestamp | None = None) -> str:
    """The pandas offset alias for a frequency: daily ``D``, monthly ``MS`` (month start),
    weekly ``W-XXX`` anchored on the weekday of ``first_date`` (Monday when unknown)."""
    if frequency == "D":
        return "D"
    if frequency == "M":
        return "MS"
    day = "MON" if first_date is None else pd.Timestamp(first_date).day_name()[:3].upper()
    return f"W-{day}"


@dataclass(frozen=True, eq=False)
class DemandData:
    """Demand history in tidy form: one row per SKU and period.

    ``frame`` has columns ``date`` (datetime64, period start, or the weekday the data uses for
    weekly data), ``sku`` (str) and ``quantity`` (float, units per period). Every SKU has a row
    for every period from its first to its last active period; gaps were filled by intake as it
    reported. Instances compare and hash by content (``fingerprint``) so caches can key on them.
    The frame is never changed after construction, so the SKUs, dates and period count are
    computed once (every run and page asks for them).
    """

    frame: pd.DataFrame
    frequency: Frequency
    report: IntakeReport = field(default_factory=IntakeReport)
    name: str = ""

    def __post_init__(self) -> None:
        missing = {"date", "sku", "quantity"} - set(self.frame.columns)
        if missing:
            raise IntakeError(
                f"Demand data lacks the column(s) {', '.join(sorted(missing))}.",
                "Map a date, a SKU and a quantity column.",
            )
        if self.frequency not in FREQUENCY_NAMES:
            raise IntakeError(f"Unknown frequency {self.frequency!r}.", "Use D, W or M.")
        frame = self.frame[["date", "sku", "quantity"]].copy()
        frame["date"] = pd.to_datetime(frame["date"])
        frame["sku"] = frame["sku"].astype(str)
        frame["quantity"] = frame["quantity"].astype(float)
        frame = frame.sort_values(["sku", "date"], kind="stable").reset_index(drop=True)
        object.__setattr__(self, "frame", frame)
        digest = hashlib.sha1(self.frequency.encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
        object.__setattr__(self, "_fingerprint", digest.hexdigest())

    @property
    def fingerprint(self) -> str:
        """A content hash of the tidy data and frequency."""
        return self._fingerprint  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DemandData) and other.fingerprint == self.fingerprint

    @cached_property
    def skus(self) -> tuple[str, ...]:
        return tuple(pd.unique(self.frame["sku"]))

    @cached_property
    def start(self) -> pd.Timestamp:
        return self.frame["date"].min()

    @cached_property
    def end(self) -> pd.Timestamp:
        return self.frame["date"].max()

    @cached_property
    def periods(self) -> int:
        """Number of distinct periods across all SKUs."""
        return int(self.frame["date"].nunique())

    @property
    def total(self) -> float:
        return float(self.frame["quantity"].sum())

    @cached_property
    def pandas_freq(self) -> str:
        return pandas_frequency(self.frequency, self.start if len(self.frame) else None)

    def series(self, sku: str) -> pd.Series:
        """One SKU's demand as a series on a regular date index (``freq`` set), units per period."""
        rows = self.frame[self.frame["sku"] == sku]
        if rows.empty:
            raise IntakeError(f"SKU {sku!r} is not in the data.", "Pick one of the listed SKUs.")
        series = pd.Series(rows["quantity"].to_numpy(), index=pd.DatetimeIndex(rows["date"]))
        series.index.name = "date"
        series.name = sku
        return series.asfreq(self.pandas_freq)

    def series_many(self, skus: Sequence[str]) -> Iterator[pd.Series]:
        """``series(sku)`` for each of ``skus`` in order, from one pass over the data: each
        SKU's rows are put on a slice of one regular date index (what ``asfreq`` builds for each
        series, built once; forecasting 300 SKUs spent ~3 s building their series one by one)."""
        groups = self.frame.groupby("sku", sort=False).indices
        full = pd.date_range(
            self.frame["date"].min(), self.frame["date"].max(), freq=self.pandas_freq
        )
        full.name = "date"
        for sku in skus:
            if sku not in groups:
                raise IntakeError(
                    f"SKU {sku!r} is not in the data.", "Pick one of the listed SKUs."
                )
            rows = self.frame.iloc[groups[sku]]
            index = pd.DatetimeIndex(rows["date"])
            series = pd.Series(rows["quantity"].to_numpy(), index=index, name=sku)
            series.index.name = "date"
            try:
                first, last = full.get_loc(index[0]), full.get_loc(index[-1])
            except KeyError:  # a date off the regular grid: as series() does it
                yield series.asfreq(self.pandas_freq)
                continue
            yield series.reindex(full[first : last + 1])

    def subset(self, skus: Sequence[str]) -> DemandData:
        """The same data restricted to ``skus`` (each must be in the data)."""
        unknown = set(skus) - set(self.skus)
        if unknown:
            raise IntakeError(
                f"SKU {sorted(unknown)[0]!r} is not in the data.", "Pick one of the listed SKUs."
            )
        frame = self.frame[self.frame["sku"].isin(list(skus))]
        return DemandData(frame, self.frequency, self.report, name=self.name)

    def matrix(
        self, dates: pd.DatetimeIndex | None = None
    ) -> tuple[pd.DatetimeIndex, tuple[str, ...], np.ndarray]:
        """Dates × SKUs quantities; NaN outside each SKU's active range. ``dates``: the
        calendar to put them on (e.g. that of all SKUs, when these are a chunk of them)."""
        wide = self.frame.pivot(index="date", columns="sku", values="quantity")
        wide = wide.reindex(columns=list(self.skus)).asfreq(self.pandas_freq)
        if dates is not None:
            wide = wide.reindex(dates)
        return pd.DatetimeIndex(wide.index), self.skus, wide.to_numpy(dtype=float)
