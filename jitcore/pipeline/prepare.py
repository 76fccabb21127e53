"""Demand and forecast matrices of a run: the history (replay) or Monte Carlo paths."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from jitcore.budget import RunSize, check_budget
from jitcore.buffers import SkuDemandStats
from jitcore.demand import PERIODS_PER_YEAR, DemandData
from jitcore.demand_model import DemandModel, model_for_forecast, warmup_model
from jitcore.engine.paths import extend_mean, sku_generators
from jitcore.errors import JitError
from jitcore.forecast import ForecastResult, OriginForecasts, forecast_all, origin_forecasts
from jitcore.scenario import Scenario

#: Season length used to extend a forecast beyond its horizon.
SEASON: dict[str, int] = {"D": 7, "W": 52, "M": 12}
#: Periods of forecast kept past the end of a run, for the levels of its last periods.
AHEAD = 64
#: Replay: default periods between refits, and the steps ahead each plan forecasts.
REFIT_EVERY: dict[str, int] = {"D": 28, "W": 13, "M": 12}
ORIGIN_HORIZON: dict[str, int] = {"D": 28, "W": 26, "M": 24}
#: Monte Carlo warm-up periods simulated before the horizon, per frequency.
PREROLL: dict[str, int] = {"D": 28, "W": 26, "M": 12}


@dataclass(frozen=True, eq=False)
class PreparedDemand:
    """Demand and forecast matrices shared by every variant of a run.

    ``demand[row, period]``: replay → one row per SKU; Monte Carlo → ``sku * paths + path``.
    ``forecast[sku, period]``: the forecast of each period's demand the policy sees;
    ``ahead[sku, period]`` the same forecast continued ``AHEAD`` periods past the end, so the
    levels of the last periods can sum the forecast over the periods they cover. ``models``:
    each SKU's demand model, shared by the buffers (via ``stats``) and the Monte Carlo draws.
    ``preroll``: Monte Carlo periods simulated before the horizon (at the first period's
    forecast) and left out of every KPI and timeline, so each path enters the horizon in a
    random steady state rather than at its planned start (a warm-up, e.g. for bullwhip).
    ``origins`` (replay): each SKU's honest plans, made at the end of every period from the
    data known then (:func:`jitcore.forecast.origin_forecasts`); row ``t`` of SKU ``i`` is
    period ``origin_offset[i] + t`` of ``dates``. ``sku_offset``: position of the first SKU
    among all SKUs of the run when these are a chunk of them; Monte Carlo draws and the
    engine's random streams are keyed by that global position, so a chunk gives exactly the
    numbers of a run of all SKUs.
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
    ahead: np.ndarray
    models: tuple[DemandModel, ...]
    preroll: int = 0
    origins: tuple[OriginForecasts | None, ...] = ()
    origin_offset: tuple[int, ...] = ()
    sku_offset: int = 0


def _fill_forecast(values: np.ndarray, fallback: float) -> np.ndarray:
    """Forward-fill, then back-fill NaNs; all-NaN → ``fallback``."""
    series = pd.Series(values, dtype=float).ffill().bfill()
    return series.fillna(fallback).to_numpy()


def prepare_demand(
    demand: DemandData,
    scenario: Scenario,
    forecasts: Mapping[str, ForecastResult] | None = None,
    *,
    sku_offset: int = 0,
    calendar: pd.DatetimeIndex | None = None,
) -> PreparedDemand:
    """Forecast (unless given) and build the demand and forecast matrices of ``scenario``.
    A chunk of a run's SKUs gives ``sku_offset`` (where its SKUs start among all SKUs) and
    ``calendar`` (the history dates of all SKUs), so it plans and draws as the whole run does."""
    skus = demand.skus
    if not skus:
        raise JitError("The demand data has no SKUs.", "Load a file with at least one SKU.")
    sim = scenario.simulation
    if sim.mode != "replay":  # the demand paths alone must fit, before anything is fitted
        preroll = PREROLL[demand.frequency]
        periods = (sim.periods or int(PERIODS_PER_YEAR[demand.frequency])) + preroll
        check_budget(RunSize(len(skus), sim.paths, periods, preroll=preroll))
    if forecasts is None:
        forecasts = forecast_all(demand, scenario.forecast)
    missing = [sku for sku in skus if sku not in forecasts]
    if missing:
        raise JitError(
            f"No forecast for SKU(s) {', '.join(missing[:5])}.", "Run the forecast again."
        )
    sim = scenario.simulation
    frequency = demand.frequency
    dates_hist, _, matrix = demand.matrix(calendar)
    stats = []
    models = tuple(model_for_forecast(forecasts[sku], sim.demand_model) for sku in skus)
    season = SEASON[frequency]
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
                model=models[i],
            )
        )
    if sim.mode == "replay":
        prepared = _prepare_replay(
            scenario, frequency, dates_hist, skus, matrix, stats, forecasts, models
        )
        return replace(prepared, sku_offset=sku_offset)

    horizon = sim.periods or int(PERIODS_PER_YEAR[frequency])
    preroll = PREROLL[frequency]
    n_periods = preroll + horizon
    paths = sim.paths
    demand_matrix = np.empty((len(skus) * paths, n_periods))
    forecast_matrix = np.empty((len(skus), n_periods))
    ahead = np.empty((len(skus), n_periods + AHEAD))
    generators = sku_generators(sim.seed, len(skus), sku_offset)
    dates = pd.date_range(dates_hist[-1], periods=horizon + 1, freq=demand.pandas_freq)[1:]
    for i, sku in enumerate(skus):
        result = forecasts[sku]
        # the fitted model's own forecast over the whole run, continued by season if shorter
        longer = extend_mean(result.mean_path(horizon + AHEAD), horizon + AHEAD, season)
        longer = np.maximum(_fill_forecast(longer, stats[i].mean_demand), 0.0)
        longer = np.concatenate([np.full(preroll, longer[0]), longer])
        mean = longer[:n_periods]
        demand_matrix[i * paths : (i + 1) * paths] = models[i].draw(mean, paths, generators[i])
        forecast_matrix[i] = mean
        ahead[i] = longer
        # the buffers plan with the forecast's mean demand over the simulated horizon
        stats[i] = SkuDemandStats(
            sku, float(mean[preroll:].mean()), stats[i].demand_sd, result.lead_time_error_sd,
            models[i],
        )  # fmt: skip
    start = np.zeros(len(skus), dtype=np.int64)
    end = np.full(len(skus), n_periods, dtype=np.int64)
    return PreparedDemand(
        frequency, dates, skus, paths, False, demand_matrix, forecast_matrix, start, end,
        tuple(stats), forecasts, ahead, models, preroll, sku_offset=sku_offset,
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
    for array in (prepared.demand, prepared.forecast, prepared.start, prepared.end, prepared.ahead):
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
    return prepared.demand.nbytes + prepared.forecast.nbytes + prepared.ahead.nbytes


def clear_prepared_cache() -> None:
    """Forget every reused preparation (e.g. after changing a DemandData in place)."""
    with _cache_lock:
        _cache.clear()


def _prepare_replay(
    scenario: Scenario,
    frequency: str,
    dates: pd.DatetimeIndex,
    skus: tuple[str, ...],
    matrix: np.ndarray,
    stats: list[SkuDemandStats],
    forecasts: Mapping[str, ForecastResult],
    models: tuple[DemandModel, ...],
) -> PreparedDemand:
    """Replay: the actual history, planned honestly. Each period's plan is made from the data
    known at its end only (rolling origin, the method refitted every ``refit_every``
    periods); a SKU's replay starts once its history allows a plan (the warm-up)."""
    sim = scenario.simulation
    n_periods = len(dates)
    active = np.isfinite(matrix)
    start = np.array([int(np.argmax(active[:, i])) for i in range(len(skus))])
    end = np.array([n_periods - int(np.argmax(active[::-1, i])) for i in range(len(skus))])
    demand_matrix = np.nan_to_num(matrix.T, nan=0.0)
    forecast_matrix = np.zeros_like(demand_matrix)
    ahead = np.zeros((len(skus), n_periods + AHEAD))
    refit = sim.refit_every or REFIT_EVERY[frequency]
    plans: list[OriginForecasts] = []
    offsets: list[int] = []
    models_out = list(models)
    for i, sku in enumerate(skus):
        result = forecasts[sku]
        plan = origin_forecasts(
            result, scenario.forecast, horizon=ORIGIN_HORIZON[frequency], refit_every=refit
        )
        offset = int(dates.get_indexer(result.history.index[:1])[0])
        offset = max(offset, 0)
        plans.append(plan)
        offsets.append(offset)
        # forecast[t] = the plan's forecast of period t, made at the end of t − 1
        following = plan.next_period()
        row = np.full(n_periods, np.nan)
        row[offset + 1 : offset + 1 + plan.n] = following[: max(n_periods - offset - 1, 0)]
        forecast_matrix[i] = _fill_forecast(row, stats[i].mean_demand)
        ahead[i, :n_periods] = forecast_matrix[i]
        ahead[i, n_periods:] = forecast_matrix[i, -1]
        # the replay starts where the first honest plan exists
        start[i] = min(max(start[i], offset + plan.first_origin), end[i])
        # ... and its buffers rest on the data known there only (the warm-up)
        known = matrix[: offset + plan.first_origin + 1, i]
        known = known[np.isfinite(known)]
        if len(known) > 1:
            model = warmup_model(models[i], known, season=SEASON[frequency])
            models_out[i] = model
            stats[i] = SkuDemandStats(
                sku, float(known.mean()), float(known.std(ddof=1)), None, model
            )
    return PreparedDemand(
        frequency, dates, skus, sim.paths, True, demand_matrix, forecast_matrix, start, end,
        tuple(stats), forecasts, ahead, tuple(models_out), 0, tuple(plans), tuple(offsets),
    )  # fmt: skip
