"""Forecasting: settings, per-SKU results, and the one-call entry points.

Placeholder implementation (moving average) fixing the contract used downstream:
``forecast_sku(series, settings, frequency=...) -> ForecastResult`` and
``forecast_all(demand, settings) -> dict[str, ForecastResult]``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jitcore.demand import DemandData, Frequency
from jitcore.settings import Settings


class ForecastSettings(Settings):
    """How demand is forecast. ``method`` is ``auto`` or one method name."""

    method: str = "auto"
    horizon: int = 12
    window: int = 3


@dataclass(frozen=True)
class ForecastResult:
    """One SKU's forecast.

    ``fitted``: one-step-ahead forecasts on the history's index (what a planner would have seen
    each period; NaN where there was not enough history). ``forecast``: index = future dates,
    columns ``mean``, ``lower``, ``upper`` (units per period). ``error_sd``: standard deviation of
    the forecast error for steps 1..horizon ahead (units per period).
    """

    sku: str
    method: str
    parameters: dict[str, float]
    history: pd.Series
    fitted: pd.Series
    forecast: pd.DataFrame
    error_sd: np.ndarray
    candidates: pd.DataFrame = field(default_factory=pd.DataFrame)

    def lead_time_error_sd(self, lead_time: float) -> float:
        """σ of the forecast error summed over ``lead_time`` periods, errors assumed independent:
        sqrt(L) · σ₁. Source: Silver, Pyke & Thomas (2017), Inventory and Production
        Management in Supply Chains, 4th ed., §6.7."""
        return float(np.sqrt(max(lead_time, 0.0)) * self.error_sd[0])


def forecast_sku(
    series: pd.Series, settings: ForecastSettings, *, frequency: Frequency
) -> ForecastResult:
    """Forecast one SKU's demand series (regular date index) with ``settings``."""
    values = series.to_numpy(dtype=float)
    window = max(1, settings.window)
    rolling = pd.Series(values).rolling(window).mean().shift(1).to_numpy()
    fitted = pd.Series(rolling, index=series.index, name=series.name)
    residuals = values - rolling
    sigma = float(np.nanstd(residuals, ddof=1)) if np.isfinite(residuals).sum() > 1 else 0.0
    level = float(np.mean(values[-window:])) if len(values) else 0.0
    future = pd.date_range(series.index[-1], periods=settings.horizon + 1, freq=series.index.freq)[
        1:
    ]
    mean = np.full(settings.horizon, level)
    error_sd = np.full(settings.horizon, sigma)
    table = pd.DataFrame(
        {"mean": mean, "lower": mean - 1.2816 * error_sd, "upper": mean + 1.2816 * error_sd},
        index=future,
    )
    return ForecastResult(
        sku=str(series.name),
        method="moving_average",
        parameters={"window": float(window)},
        history=series,
        fitted=fitted,
        forecast=table,
        error_sd=error_sd,
    )


def forecast_all(
    demand: DemandData,
    settings: ForecastSettings,
    progress: Callable[[int, int, str], None] | None = None,
) -> dict[str, ForecastResult]:
    """Forecast every SKU; ``progress(done, total, sku)`` is called after each one."""
    results: dict[str, ForecastResult] = {}
    skus = demand.skus
    for i, sku in enumerate(skus):
        results[sku] = forecast_sku(demand.series(sku), settings, frequency=demand.frequency)
        if progress is not None:
            progress(i + 1, len(skus), sku)
    return results
