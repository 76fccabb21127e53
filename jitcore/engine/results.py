"""Immutable results: per-period timelines with P10/P50/P90 bands and a tidy table.

A :class:`Timeline` holds ``data[series, sku, path, period]`` for the recorded paths (series
names in :data:`jitcore.lanes.SERIES`, units per period or units at the end of a period); NaN
marks periods outside a SKU's active range.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jitcore.errors import JitError
from jitcore.lanes import SERIES

#: Columns of the tidy timeline table (and of ``run --timeline``).
TIMELINE_COLUMNS: tuple[str, ...] = (
    "sku",
    "path",
    "period",
    "date",
    "demand",
    "forecast",
    "orders",
    "receipts",
    "on_hand",
    "backorders",
    "lost_sales",
    "inventory_position",
    "defects",
)


@dataclass(frozen=True, eq=False)
class Timeline:
    """Per-period series of the recorded paths: ``data[series, sku, path, period]`` (read-only)."""

    dates: pd.DatetimeIndex
    skus: tuple[str, ...]
    data: np.ndarray

    def __post_init__(self) -> None:
        data = np.asarray(self.data, dtype=float)
        expected = (len(SERIES), len(self.skus))
        if data.ndim != 4 or data.shape[:2] != expected or data.shape[3] != len(self.dates):
            raise ValueError(f"timeline data has shape {data.shape}")
        data.flags.writeable = False
        object.__setattr__(self, "data", data)

    @property
    def paths(self) -> int:
        """Recorded paths per SKU."""
        return int(self.data.shape[2])

    def _sku_index(self, sku: str) -> int:
        try:
            return self.skus.index(sku)
        except ValueError:
            raise JitError(
                f"SKU {sku!r} is not in this result.", "Pick one of the simulated SKUs."
            ) from None

    def series(self, name: str, sku: str) -> np.ndarray:
        """One series for one SKU: ``[path, period]`` (read-only)."""
        if name not in SERIES:
            raise JitError(f"Unknown series {name!r}.", f"Use one of: {', '.join(SERIES)}.")
        return self.data[SERIES.index(name), self._sku_index(sku)]

    def band(
        self, name: str, sku: str, quantiles: tuple[float, ...] = (0.1, 0.5, 0.9)
    ) -> pd.DataFrame:
        """Percentiles across paths per period: index ``date``, columns ``p10``, ``p50``, ``p90``
        (one column per quantile, named ``p`` + percent), plus ``mean``."""
        values = self.series(name, sku)
        if values.shape[0] == 0:
            raise JitError("No timeline was kept for this run.", "Set timeline_paths above 0.")
        with quiet_nan():
            table = np.nanquantile(values, quantiles, axis=0)
            mean = np.nanmean(values, axis=0)
        frame = pd.DataFrame(
            {f"p{round(q * 100):d}": table[i] for i, q in enumerate(quantiles)}, index=self.dates
        )
        frame["mean"] = mean
        frame.index.name = "date"
        return frame

    def to_frame(self, sku: str | None = None, paths: int | None = None) -> pd.DataFrame:
        """Tidy table: one row per SKU × path × period with the columns of
        :data:`TIMELINE_COLUMNS` (periods outside a SKU's active range left out)."""
        skus = [sku] if sku is not None else list(self.skus)
        n_paths = self.paths if paths is None else min(paths, self.paths)
        n_periods = len(self.dates)
        frames = []
        for name in skus:
            i = self._sku_index(name)
            block = self.data[:, i, :n_paths, :]
            columns = {
                "sku": np.repeat(name, n_paths * n_periods),
                "path": np.repeat(np.arange(n_paths), n_periods),
                "period": np.tile(np.arange(n_periods), n_paths),
                "date": np.tile(self.dates.to_numpy(), n_paths),
            }
            for j, series in enumerate(SERIES):
                key = "lost_sales" if series == "lost_sales" else series
                columns[key] = block[j].reshape(-1)
            frame = pd.DataFrame(columns)
            frames.append(frame[np.isfinite(frame["demand"].to_numpy())])
        if not frames:
            return pd.DataFrame(columns=list(TIMELINE_COLUMNS))
        out = pd.concat(frames, ignore_index=True)
        return out[list(TIMELINE_COLUMNS)]


@contextlib.contextmanager
def quiet_nan() -> Iterator[None]:
    """numpy's floating-point and all-NaN warnings silenced inside a block (periods outside
    a SKU's active range are NaN by design)."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield
