"""Results of a run: ``ScenarioResult`` (one scenario) and ``SweepResult`` (one per value)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from jitcore.buffers import BufferTable
from jitcore.engine.results import Timeline
from jitcore.errors import JitError
from jitcore.forecast import ForecastResult
from jitcore.kpis import KPI_NAMES, Kpis
from jitcore.scenario import Scenario


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """Everything one scenario produced. Arrays are read-only.

    ``kpis``: totals over SKUs; ``sku_kpis``: per SKU in ``skus`` order; ``path_kpis``:
    ``[sku, path, KPI_NAMES]`` per path; ``total_path_kpis``: ``[path, KPI_NAMES]``;
    ``timeline``: per-period series of the first ``simulation.timeline_paths`` paths.
    ``covers``: per SKU the forecast covers its levels planned with, ``[C_*, period]`` on
    ``dates`` (:mod:`jitcore.lanes`; absent for forecasts re-estimated in the simulation).
    ``sums``: ``[sku, SUMS]``, the additive quantities behind every KPI summed over paths
    (:data:`jitcore.kpis.SUMS`), so results for chunks of SKUs pool exactly:
    ``kpis_from_sums(all_sums.sum(axis=0), paths=...)`` and, for bullwhip,
    ``bullwhip_over_skus(all_sums, axis=0)`` — the seam a cluster executor needs.
    ``path_sums``: ``[path, SUMS]`` summed over SKUs, and ``path_variances``: ``[path, 2]``
    the variance of orders and of demand on each path summed over SKUs, so the per-path
    totals (``total_path_kpis``) of chunks pool exactly too (:mod:`jitcore.pipeline.pooling`).
    ``whole_units``: the SKUs whose stock comes in whole units (their demand model's
    :attr:`~jitcore.demand_model.DemandModel.whole_units`): levels that follow the forecast
    are rounded to whole units in the engine, and so in the charts.
    """

    scenario: Scenario
    frequency: str
    dates: pd.DatetimeIndex
    skus: tuple[str, ...]
    paths: int
    buffers: BufferTable
    kpis: Kpis
    sku_kpis: tuple[Kpis, ...]
    path_kpis: np.ndarray
    total_path_kpis: np.ndarray
    timeline: Timeline
    forecasts: Mapping[str, ForecastResult]
    covers: Mapping[str, np.ndarray] = field(default_factory=dict)
    sums: np.ndarray | None = None
    path_sums: np.ndarray | None = None
    path_variances: np.ndarray | None = None
    whole_units: frozenset[str] = frozenset()

    def kpis_for(self, sku: str) -> Kpis:
        return self.sku_kpis[self._index(sku)]

    def _index(self, sku: str) -> int:
        if sku not in self.skus:
            raise JitError(f"SKU {sku!r} was not simulated.", "Pick one of the listed SKUs.")
        return self.skus.index(sku)

    def kpi_frame(self) -> pd.DataFrame:
        """One row per SKU (index ``sku``), one column per KPI."""
        frame = pd.DataFrame([k.to_dict() for k in self.sku_kpis], index=list(self.skus))
        frame.index.name = "sku"
        return frame

    def kpi_bands(self, sku: str | None = None) -> pd.DataFrame:
        """P10/P50/P90 across paths of every KPI (index KPI name) for a SKU or the total."""
        values = self.total_path_kpis if sku is None else self.path_kpis[self._index(sku)]
        table = np.full((3, len(KPI_NAMES)), np.nan)
        # a KPI undefined on every path (e.g. turns without stock) stays NaN, quietly
        defined = ~np.all(np.isnan(values), axis=0) if len(values) else np.zeros(0, dtype=bool)
        if defined.any():
            table[:, defined] = np.nanquantile(values[:, defined], [0.1, 0.5, 0.9], axis=0)
        return pd.DataFrame(
            {"p10": table[0], "p50": table[1], "p90": table[2]}, index=list(KPI_NAMES)
        )

    def summary(self) -> dict[str, Any]:
        """``{"kpis": {...}, "per_sku": [{"sku": ..., KPI: ...}, ...]}`` with NaN as None."""

        def clean(values: dict[str, float]) -> dict[str, float | None]:
            return {k: (None if not math.isfinite(v) else v) for k, v in values.items()}

        return {
            "scenario": self.scenario.name,
            "mode": self.scenario.simulation.mode,
            "policy": self.scenario.policy.kind,
            "paths": self.paths,
            "periods": len(self.dates),
            "kpis": clean(self.kpis.to_dict()),
            "per_sku": [
                {"sku": sku, **clean(k.to_dict())}
                for sku, k in zip(self.skus, self.sku_kpis, strict=True)
            ],
        }


@dataclass(frozen=True, eq=False)
class SweepResult:
    """One result per value of a swept setting, all on the same demand draws."""

    setting: str
    values: tuple[Any, ...]
    results: tuple[ScenarioResult, ...]

    def frame(self, sku: str | None = None) -> pd.DataFrame:
        """One row per value: column ``value`` then every KPI (total or one SKU)."""
        rows = []
        for value, result in zip(self.values, self.results, strict=True):
            kpis = result.kpis if sku is None else result.kpis_for(sku)
            rows.append({"value": value, **kpis.to_dict()})
        return pd.DataFrame(rows)

    def bands(self, kpi: str, sku: str | None = None) -> pd.DataFrame:
        """P10/P50/P90 across paths of one KPI per value (index ``value``)."""
        if kpi not in KPI_NAMES:
            raise JitError(f"Unknown KPI {kpi!r}.", f"Use one of: {', '.join(KPI_NAMES)}.")
        rows = [r.kpi_bands(sku).loc[kpi] for r in self.results]
        frame = pd.DataFrame(rows, index=pd.Index(self.values, name="value"))
        return frame
