"""Forecasting: settings, methods, rolling-origin backtest, automatic choice, per-SKU results.

Public API (used by the app, the command line and the simulation engine):

- ``ForecastSettings``: method (``auto`` or a name in ``METHODS``), horizon, overrides, backtest.
- ``forecast_sku(series, settings, *, frequency) -> ForecastResult`` for one SKU.
- ``forecast_all(demand, settings, progress=None) -> dict[str, ForecastResult]`` for a dataset.
- ``evaluate_sku`` backtests the candidates alone (cacheable across method and metric).
- ``ForecastResult.lead_time_error_sd(L)``: σ of the forecast error over a lead time of L
  periods, measured in the backtest; what the buffer calculation uses.
- ``origin_forecasts(result, settings, *, horizon) -> OriginForecasts``: the forecasts a planner
  would have had at every period of the history (for replaying a policy on real history).

Modules, in the order data flows: ``settings``; ``base`` (method interface); ``simple``,
``intermittent`` (numpy methods), ``smoothing_kernel`` (compiled recursions, objectives and
parameter search), ``smoothing_filter`` (exponential-smoothing recursions for fixed
parameters), ``smoothing`` (Holt, Holt-Winters, ETS); ``registry``; ``metrics``; ``backtest``;
``selection``; ``parallel`` (worker processes); ``api``; ``origins``.
"""

from jitcore.forecast.api import (
    ForecastResult,
    evaluate_sku,
    evaluation_settings,
    forecast_all,
    forecast_sku,
    seasonal_period_for,
)
from jitcore.forecast.metrics import METRIC_LABELS, Accuracy
from jitcore.forecast.origins import OriginForecasts, origin_forecasts
from jitcore.forecast.registry import METHOD_LABELS, METHODS, get_method
from jitcore.forecast.selection import Evaluation
from jitcore.forecast.settings import DEFAULT_SEASONAL_PERIOD, ForecastSettings

__all__ = [
    "DEFAULT_SEASONAL_PERIOD",
    "METHODS",
    "METHOD_LABELS",
    "METRIC_LABELS",
    "Accuracy",
    "Evaluation",
    "ForecastResult",
    "ForecastSettings",
    "OriginForecasts",
    "evaluate_sku",
    "evaluation_settings",
    "forecast_all",
    "forecast_sku",
    "get_method",
    "origin_forecasts",
    "seasonal_period_for",
]
