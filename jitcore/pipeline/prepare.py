"""Demand and forecast matrices of a run: the history (replay) or Monte Carlo paths."""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from jitcore.buffers import SkuDemandStats
from jitcore.demand import PERIODS_PER_YEAR, DemandData
from jitcore.engine.paths import PathSource, draw_paths, extend_mean, sku_generators
from jitcore.errors import JitError
from jitcore.forecast import ForecastResult, forecast_all
from jitcore.scenario import Scenario

#: Season length used to extend a forecast beyond its horizon.
SEASON: dict[str, int] = {"D": 7, "W": 52, "M": 12}


@dataclass(frozen=True, eq=False)
class PreparedDemand:
    """Demand and forecast matrices shared by every variant of a run.

    ``demand[row, period]``: replay → one row per SKU; Monte Carlo → ``sku * paths + path``.
    ``forecast[sku, period]``: the forecast of each period's demand the policy sees.
    """

    frequency: str
    dates: pd.DatetimeIndex
    skus: tuple[str, ...]
    paths: int
    replay: bool
    demand: np.ndarray
    forecast: np.ndarray
    start: np.ndarray
    end: np.ndarray
    stats: tuple[SkuDemandStats, ...]
    forecasts: Mapping[str, ForecastResult]


def _fill_forecast(values: np.ndarray, fallback: float) -> np.ndarray:
    """Forward-fill, then back-fill NaNs; all-NaN → ``fallback``."""
    series = pd.Series(values, dtype=float).ffill().bfill()
    return series.fillna(fallback).to_numpy()


def _error_sd(result: ForecastResult, history: np.ndarray) -> float:
    sd = float(result.error_sd[0]) if len(result.error_sd) else float("nan")
    if not math.isfinite(sd):
        finite = history[np.isfinite(history)]
        sd = float(np.std(finite, ddof=1)) if len(finite) > 1 else 0.0
    return max(sd, 0.0)


def prepare_demand(
    demand: DemandData,
    scenario: Scenario,
    forecasts: Mapping[str, ForecastResult] | None = None,
) -> PreparedDemand:
    """Forecast (unless given) and build the demand and forecast matrices of ``scenario``."""
    skus = demand.skus
    if not skus:
        raise JitError("The demand data has no SKUs.", "Load a file with at least one SKU.")
    if forecasts is None:
        forecasts = forecast_all(demand, scenario.forecast)
    missing = [sku for sku in skus if sku not in forecasts]
    if missing:
        raise JitError(
            f"No forecast for SKU(s) {', '.join(missing[:5])}.", "Run the forecast again."
        )
    sim = scenario.simulation
    frequency = demand.frequency
    dates_hist, _, matrix = demand.matrix()
    stats = []
    for i, sku in enumerate(skus):
        history = matrix[:, i]
        finite = history[np.isfinite(history)]
        result = forecasts[sku]
        stats.append(
            SkuDemandStats(
                sku=sku,
                mean_demand=float(finite.mean()) if len(finite) else 0.0,
                demand_sd=float(finite.std(ddof=1)) if len(finite) > 1 else 0.0,
                forecast_error_sd=result.lead_time_error_sd,
            )
        )
    if sim.mode == "replay":
        n_periods = len(dates_hist)
        active = np.isfinite(matrix)
        start = np.array([int(np.argmax(active[:, i])) for i in range(len(skus))])
        end = np.array([n_periods - int(np.argmax(active[::-1, i])) for i in range(len(skus))])
        demand_matrix = np.nan_to_num(matrix.T, nan=0.0)
        forecast_matrix = np.empty_like(demand_matrix)
        for i, sku in enumerate(skus):
            fitted = forecasts[sku].fitted.reindex(dates_hist).to_numpy(dtype=float)
            forecast_matrix[i] = _fill_forecast(fitted, stats[i].mean_demand)
        return PreparedDemand(
            frequency, dates_hist, skus, sim.paths, True, demand_matrix, forecast_matrix,
            start, end, tuple(stats), forecasts,
        )  # fmt: skip

    n_periods = sim.periods or int(PERIODS_PER_YEAR[frequency])
    paths = sim.paths
    demand_matrix = np.empty((len(skus) * paths, n_periods))
    forecast_matrix = np.empty((len(skus), n_periods))
    generators = sku_generators(sim.seed, len(skus))
    dates = pd.date_range(dates_hist[-1], periods=n_periods + 1, freq=demand.pandas_freq)[1:]
    for i, sku in enumerate(skus):
        result = forecasts[sku]
        history = matrix[:, i]
        mean = extend_mean(
            result.forecast["mean"].to_numpy(dtype=float), n_periods, SEASON[frequency]
        )
        mean = _fill_forecast(mean, stats[i].mean_demand)
        fitted = result.fitted.reindex(result.history.index).to_numpy(dtype=float)
        observed = result.history.to_numpy(dtype=float)
        residuals = observed - fitted
        residuals = residuals[np.isfinite(residuals)]
        source = PathSource(mean, _error_sd(result, history), residuals, history)
        demand_matrix[i * paths : (i + 1) * paths] = draw_paths(
            source, sim.demand_model, paths, generators[i]
        )
        forecast_matrix[i] = mean
        # the buffers plan with the forecast's mean demand over the simulated horizon
        stats[i] = SkuDemandStats(
            sku, float(mean.mean()), stats[i].demand_sd, result.lead_time_error_sd
        )
    start = np.zeros(len(skus), dtype=np.int64)
    end = np.full(len(skus), n_periods, dtype=np.int64)
    return PreparedDemand(
        frequency, dates, skus, paths, False, demand_matrix, forecast_matrix, start, end,
        tuple(stats), forecasts,
    )  # fmt: skip


#: Prepared demand of the last few runs: a sweep, frontier or slider move that changes only
#: buffer, policy, supply or cost settings reuses the same demand paths instead of drawing
#: them again (they are the same common random numbers).
_CACHE_SIZE = 8
#: Most bytes of demand and forecast matrices kept; a larger preparation is not kept at all.
_CACHE_BYTES = 256 * 2**20
_cache: OrderedDict[tuple[Any, ...], tuple[DemandData, Any, PreparedDemand]] = OrderedDict()
_cache_lock = threading.Lock()


def preparation_key(scenario: Scenario) -> tuple[Any, ...]:
    """The settings :func:`prepare_demand` reads: forecast settings and simulation basics."""
    sim = scenario.simulation
    return (scenario.forecast, sim.mode, sim.paths, sim.periods, sim.seed, sim.demand_model)


def _freeze(prepared: PreparedDemand) -> PreparedDemand:
    for array in (prepared.demand, prepared.forecast, prepared.start, prepared.end):
        array.flags.writeable = False
    return prepared


def prepare_demand_reused(
    demand: DemandData,
    scenario: Scenario,
    forecasts: Mapping[str, ForecastResult] | None,
    *,
    skus: tuple[str, ...] | None,
    select: Callable[[], DemandData],
) -> PreparedDemand:
    """:func:`prepare_demand` of ``select()`` (``demand`` restricted to ``skus``), reused while
    the same ``demand`` object and the same forecast result objects (in any mapping) come back
    with the same :func:`preparation_key`. The cached matrices are read-only. Entries hold the
    objects they were made from, so an identity match is never a recycled ``id``."""
    # forecasts match by their result objects (pages build a new dict of the same results)
    held = None if forecasts is None else tuple(forecasts.items())
    ids = None if held is None else tuple((sku, id(result)) for sku, result in held)
    key = (id(demand), ids, skus, preparation_key(scenario))
    with _cache_lock:
        entry = _cache.get(key)
        if entry is not None and entry[0] is demand and _same(entry[1], held):
            _cache.move_to_end(key)
            return entry[2]
    prepared = _freeze(prepare_demand(select(), scenario, forecasts))
    if _nbytes(prepared) > _CACHE_BYTES // 2:
        return prepared
    with _cache_lock:
        _cache[key] = (demand, held, prepared)
        _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE or (
            sum(_nbytes(entry[2]) for entry in _cache.values()) > _CACHE_BYTES
        ):
            _cache.popitem(last=False)
    return prepared


def _same(kept: Any, held: Any) -> bool:
    if kept is None or held is None:
        return kept is held
    return len(kept) == len(held) and all(
        a[0] == b[0] and a[1] is b[1] for a, b in zip(kept, held, strict=True)
    )


def _nbytes(prepared: PreparedDemand) -> int:
    return prepared.demand.nbytes + prepared.forecast.nbytes


def clear_prepared_cache() -> None:
    """Forget every reused preparation (e.g. after changing a DemandData in place)."""
    with _cache_lock:
        _cache.clear()
