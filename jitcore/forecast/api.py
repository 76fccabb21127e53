"""The one-call entry points: ``forecast_sku`` for one SKU, ``forecast_all`` for a dataset."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from statistics import NormalDist

import numpy as np
import pandas as pd

from jitcore.demand import DemandData, Frequency, pandas_frequency
from jitcore.errors import JitError
from jitcore.forecast.backtest import MIN_ERRORS_PER_STEP, MethodBacktest, clip_to_history
from jitcore.forecast.base import FitContext, FittedModel, single_threaded_blas
from jitcore.forecast.metrics import Accuracy
from jitcore.forecast.parallel import CHUNK_SKUS, map_in_workers, worker_count
from jitcore.forecast.registry import METHODS, get_method
from jitcore.forecast.selection import Evaluation, evaluate_candidates
from jitcore.forecast.settings import DEFAULT_SEASONAL_PERIOD, ForecastSettings
from jitcore.profile import syntetos_boylan_class


def _read_only(values: np.ndarray) -> np.ndarray:
    out = np.array(values, dtype=float)
    out.flags.writeable = False
    return out


@dataclass(frozen=True)
class ForecastResult:
    """One SKU's forecast.

    ``method``: the method used; ``parameters``: its fitted or fixed values (alpha, beta,
    gamma, damping, seasonal_period, window); ``description``: a one-line summary.
    ``history``: the demand used (units per period). ``fitted``: one-step-ahead forecasts on the
    history's index (what a planner would have seen each period; NaN where there was not enough
    history). ``forecast``: index = future dates, columns ``mean``, ``lower``, ``upper`` (units
    per period; bounds at ``interval_level``; ``interval_source`` says whether they are
    model-based or from backtest errors). ``error_sd``: σ of the forecast error for steps
    1..horizon ahead (units per period), measured in the backtest (``error_sd_source``).
    ``cumulative_error_sd[k−1]``: σ of the error summed over steps 1..k (units over k periods).
    ``candidates``: every backtested method's metrics (see ``Evaluation.table``), ranked by
    ``selection_metric`` (the metric the automatic choice used for this SKU). ``accuracy``:
    the chosen method's backtest metrics; ``backtest``: its forecasts at every origin.
    """

    sku: str
    method: str
    parameters: dict[str, float]
    history: pd.Series
    fitted: pd.Series
    forecast: pd.DataFrame
    error_sd: np.ndarray
    candidates: pd.DataFrame = field(default_factory=pd.DataFrame)
    description: str = ""
    accuracy: Accuracy | None = None
    backtest: MethodBacktest | None = None
    cumulative_error_sd: np.ndarray = field(default_factory=lambda: _read_only(np.array([])))
    demand_class: str = ""
    seasonal_period: int = 1
    interval_level: float = 0.8
    interval_source: str = ""
    error_sd_source: str = ""
    notes: tuple[str, ...] = ()
    selection_metric: str = "mase"
    model: FittedModel | None = field(default=None, compare=False, repr=False)

    def mean_path(self, periods: int) -> np.ndarray:
        """The forecast mean of the next ``periods`` periods (units per period): the fitted
        model run further than the horizon when it is kept, else ``forecast["mean"]`` (then
        shorter when ``periods`` exceeds the horizon)."""
        table = self.forecast["mean"].to_numpy(dtype=float)
        if periods <= len(table) or self.model is None or self.method not in METHODS:
            return table[:periods]
        y = self.history.to_numpy(dtype=float)
        mean = METHODS[self.method].predict(y, self.model, periods)
        return clip_to_history(np.asarray(mean, dtype=float), y)

    @property
    def label(self) -> str:
        return METHODS[self.method].label if self.method in METHODS else self.method

    def lead_time_error_sd(self, lead_time: float) -> float:
        """σ_L: standard deviation of the forecast error summed over ``lead_time`` periods (units).

        Measured: for L up to the backtest horizon, the root mean square of the backtest errors
        summed over steps 1..L from every origin (``cumulative_error_sd``), so the correlation of
        errors across the lead time is included rather than assumed away; fractional L
        interpolates the variance linearly. Beyond it, each further period adds the variance of
        the last step (independent errors), as in Silver, Pyke & Thomas (2017), Inventory and
        Production Management in Supply Chains, 4th ed., §6.7 (σ_L = √L · σ₁ for L = 1 step).
        """
        if lead_time <= 0:
            return 0.0
        if len(self.error_sd) == 0:
            return 0.0
        cumulative = self.cumulative_error_sd
        if len(cumulative) == 0:
            return float(np.sqrt(lead_time) * self.error_sd[0])
        variance = np.concatenate([[0.0], np.asarray(cumulative, dtype=float) ** 2])
        steps = len(cumulative)
        if lead_time <= steps:
            return float(np.sqrt(np.interp(lead_time, np.arange(steps + 1), variance)))
        extra = (lead_time - steps) * float(self.error_sd[-1]) ** 2
        return float(np.sqrt(variance[-1] + extra))


def _clean(series: pd.Series) -> pd.Series:
    """Drop leading/trailing missing periods; a missing period inside counts as zero demand."""
    values = series.astype(float)
    valid = values.notna().to_numpy()
    if not valid.any():
        raise JitError(
            f"SKU {series.name!r} has no demand history to forecast.", "Pick another SKU."
        )
    first, last = np.flatnonzero(valid)[[0, -1]]
    return values.iloc[first : last + 1].fillna(0.0)


def _future_index(history: pd.Series, horizon: int, frequency: Frequency) -> pd.DatetimeIndex:
    index = pd.DatetimeIndex(history.index)
    freq = index.freq or pd.tseries.frequencies.to_offset(
        pandas_frequency(frequency, index[0] if len(index) else None)
    )
    return pd.date_range(index[-1] + freq, periods=horizon, freq=freq)


def _measured_run(values: np.ndarray, counts: np.ndarray, horizon: int) -> int:
    """How many leading steps rest on at least MIN_ERRORS_PER_STEP backtest errors."""
    run = 0
    while (
        run < min(len(values), horizon)
        and counts[run] >= MIN_ERRORS_PER_STEP
        and np.isfinite(values[run])
    ):
        run += 1
    return run


def _extend(values: np.ndarray, counts: np.ndarray, horizon: int, fallback: float) -> np.ndarray:
    """Error σ by step: measured where at least MIN_ERRORS_PER_STEP errors exist, scaled by
    √(h/h₀) from the last measured step h₀ beyond it (√h · fallback when nothing was measured),
    then made non-decreasing."""
    run = _measured_run(values, counts, horizon)
    steps = np.arange(1, horizon + 1)
    out = np.empty(horizon)
    if run:
        out[:run] = values[:run]
        out[run:] = values[run - 1] * np.sqrt(steps[run:] / run)
    else:
        out[:] = fallback * np.sqrt(steps)
    return np.maximum.accumulate(out)


def _cumulative(
    values: np.ndarray, counts: np.ndarray, error_sd: np.ndarray, horizon: int
) -> np.ndarray:
    """σ of the error summed over 1..k steps: measured where at least MIN_ERRORS_PER_STEP
    origins allow it, then each further step adds its own variance (independent errors); made
    non-decreasing."""
    run = _measured_run(values, counts, horizon)
    variance = np.empty(horizon)
    variance[:run] = values[:run] ** 2
    base = variance[run - 1] if run else 0.0
    variance[run:] = base + np.cumsum(error_sd[run:horizon] ** 2)
    return np.maximum.accumulate(np.sqrt(variance))


def forecast_sku(
    series: pd.Series,
    settings: ForecastSettings,
    *,
    frequency: Frequency,
    evaluation: Evaluation | None = None,
    demand_class: str | None = None,
) -> ForecastResult:
    """Forecast one SKU's demand series (regular date index, units per period) with ``settings``.

    Backtests the candidates (or reuses ``evaluation`` from ``evaluate_sku`` with the same
    data and settings), picks ``settings.method`` or the best by ``settings.metric``, refits it
    on the whole history and forecasts ``settings.horizon`` periods. ``demand_class``: the
    Syntetos-Boylan class if already known (computed otherwise).
    """
    with single_threaded_blas():
        return _forecast_sku(
            series, settings, frequency=frequency, evaluation=evaluation, demand_class=demand_class
        )


def _forecast_sku(
    series: pd.Series,
    settings: ForecastSettings,
    *,
    frequency: Frequency,
    evaluation: Evaluation | None,
    demand_class: str | None,
) -> ForecastResult:
    history = _clean(series)
    history.name = series.name
    y = history.to_numpy(dtype=float)
    n = len(y)
    sku = str(series.name)
    if evaluation is None:
        evaluation = evaluate_sku(history, settings, frequency=frequency, demand_class=demand_class)
    notes = list(evaluation.plan.notes)
    metric = evaluation.selection_metric(settings)
    if settings.method == "auto":
        chosen = evaluation.best(metric)
        if chosen is None:
            chosen = "naive" if n < 3 else "average"
            notes.append(f"Too little history to compare methods; using {METHODS[chosen].label}.")
    else:
        chosen = settings.method
    method = get_method(chosen)
    context = FitContext(evaluation.period, settings.overrides())
    method.check(y, context.period)
    if chosen not in evaluation.backtests and evaluation.plan.possible:
        try:
            evaluation = evaluation.with_method(chosen, y)
        except JitError as exc:
            notes.append(f"{method.label} could not be backtested: {exc.message}")
    model = method.fit(y, context)
    horizon = settings.horizon
    mean = clip_to_history(method.predict(y, model, horizon), y)
    fitted = clip_to_history(method.fitted(y, model), y)

    backtest = evaluation.backtests.get(chosen)
    residuals = y - fitted
    residuals = residuals[np.isfinite(residuals)]
    in_sample_sd = float(np.sqrt(np.mean(residuals**2))) if len(residuals) else 0.0
    if backtest is not None:
        by_step, counts = backtest.error_sd_by_step()
        error_sd = _extend(by_step, counts, horizon, in_sample_sd)
        cum_values, cum_counts = backtest.cumulative_error_sd()
        error_sd_source = "backtest"
    else:
        error_sd = _extend(np.array([]), np.array([], dtype=int), horizon, in_sample_sd)
        cum_values, cum_counts = np.array([]), np.array([], dtype=int)
        error_sd_source = "in-sample one-step errors, growing with √h"
    cumulative = _cumulative(cum_values, cum_counts, error_sd, horizon)

    z = NormalDist().inv_cdf(0.5 + settings.interval_level / 2.0)
    interval = method.model_interval(y, model, horizon, settings.interval_level, settings.seed)
    if interval is not None and np.all(np.isfinite(interval.lower)):
        lower, upper, interval_source = interval.lower, interval.upper, interval.source
    else:
        lower, upper = mean - z * error_sd, mean + z * error_sd
        interval_source = (
            "backtest errors (normal)" if backtest is not None else "in-sample errors (normal)"
        )
    if np.nanmin(y) >= 0:
        lower = np.maximum(lower, 0.0)
    future = _future_index(history, horizon, frequency)
    table = pd.DataFrame({"mean": mean, "lower": lower, "upper": upper}, index=future)
    table.index.name = "date"
    candidates = evaluation.table(metric, chosen)
    notes.extend(_skip_notes(evaluation))
    return ForecastResult(
        sku=sku,
        method=chosen,
        parameters=dict(model.parameters),
        history=history,
        fitted=pd.Series(fitted, index=history.index, name=sku),
        forecast=table,
        error_sd=_read_only(error_sd),
        candidates=candidates,
        description=model.description,
        accuracy=backtest.accuracy if backtest is not None else None,
        backtest=backtest,
        cumulative_error_sd=_read_only(cumulative),
        demand_class=evaluation.demand_class,
        seasonal_period=evaluation.period,
        interval_level=settings.interval_level,
        interval_source=interval_source,
        error_sd_source=error_sd_source,
        notes=tuple(notes),
        selection_metric=metric,
        model=replace(model, backend=None),
    )


def _skip_notes(evaluation: Evaluation) -> list[str]:
    """One line per reason methods were left out (seasonality already has its own note)."""
    groups: dict[str, list[str]] = {}
    for name, reason in evaluation.skipped.items():
        if reason == "no seasonal period in use" and evaluation.plan.notes:
            continue
        groups.setdefault(reason, []).append(METHODS[name].label)
    return [f"Not tested ({reason}): {', '.join(labels)}." for reason, labels in groups.items()]


def seasonal_period_for(settings: ForecastSettings, frequency: Frequency) -> int:
    """The seasonal period asked for: the override, else 7/52/12 for daily/weekly/monthly."""
    if settings.seasonal_period is not None:
        return int(settings.seasonal_period)
    return DEFAULT_SEASONAL_PERIOD.get(frequency, 1)


def evaluate_sku(
    series: pd.Series,
    settings: ForecastSettings,
    *,
    frequency: Frequency,
    demand_class: str | None = None,
) -> Evaluation:
    """Backtest every candidate for one SKU (independent of ``settings.method``, ``metric``,
    ``interval_level`` and ``seed``, so the app can cache it across those)."""
    history = _clean(series)
    y = history.to_numpy(dtype=float)
    if demand_class is None:
        demand_class = syntetos_boylan_class(y)
    with single_threaded_blas():
        return evaluate_candidates(
            y, settings, period=seasonal_period_for(settings, frequency), demand_class=demand_class
        )


def evaluation_settings(settings: ForecastSettings) -> ForecastSettings:
    """``settings`` with the fields that do not affect ``evaluate_sku`` set to defaults: a cache
    key under which the candidates' backtests can be shared."""
    return settings.model_copy(
        update={
            "method": "auto",
            "metric": "mase",
            "intermittent_metric": "rmsse",
            "interval_level": 0.8,
            "seed": 0,
        }
    )


def forecast_all(
    demand: DemandData,
    settings: ForecastSettings,
    progress: Callable[[int, int, str], None] | None = None,
    *,
    skus: Sequence[str] | None = None,
    workers: int | None = None,
) -> dict[str, ForecastResult]:
    """Forecast every SKU (or only ``skus``); ``progress(done, total, sku)`` is called as each
    is done (see ``jitcore.progress`` for a time estimate).

    Many SKUs are forecast in worker processes (``workers``, default: see
    ``jitcore.forecast.parallel.worker_count``); the results are the same as in one process
    and keep the order of ``skus``.

    When ``settings.method`` names a method that cannot be used for some SKU (e.g. multiplicative
    seasonality with zero-demand periods), that SKU gets the automatic choice instead and a note
    saying why, so one unusual SKU does not stop the whole dataset.
    """
    skus = demand.skus if skus is None else tuple(skus)
    total = len(skus)
    done = 0

    def report(sku: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total, sku)

    count = worker_count(total, workers)
    if count <= 1:
        results: dict[str, ForecastResult] = {}
        with single_threaded_blas():
            for sku, series in zip(skus, demand.series_many(skus), strict=True):
                results[sku] = _forecast_or_auto(series, settings, demand.frequency)
                report(sku)
        return results
    items = list(zip(skus, demand.series_many(skus), strict=True))
    chunks = [
        (items[i : i + CHUNK_SKUS], settings, demand.frequency) for i in range(0, total, CHUNK_SKUS)
    ]
    outputs = map_in_workers(
        _forecast_chunk,
        chunks,
        count,
        lambda _, chunk: [report(result.sku) for result in chunk],
    )
    return {
        sku: result
        for (items, _, _), chunk in zip(chunks, outputs, strict=True)
        for (sku, _), result in zip(items, chunk, strict=True)
    }


def _forecast_or_auto(
    series: pd.Series, settings: ForecastSettings, frequency: Frequency
) -> ForecastResult:
    """``forecast_sku``; a method that cannot be used for this SKU gives way to the automatic
    choice, with a note saying why."""
    try:
        return forecast_sku(series, settings, frequency=frequency)
    except JitError as exc:
        if settings.method == "auto":
            raise
        fallback = settings.model_copy(update={"method": "auto"})
        result = forecast_sku(series, fallback, frequency=frequency)
        note = f"{exc.message} The automatic choice is used for this SKU instead."
        return replace(result, notes=(note, *result.notes))


def _forecast_chunk(
    task: tuple[list[tuple[str, pd.Series]], ForecastSettings, Frequency],
) -> list[ForecastResult]:
    """One worker's share: the SKUs of a chunk, in order."""
    items, settings, frequency = task
    with single_threaded_blas():
        return [_forecast_or_auto(series, settings, frequency) for _, series in items]
