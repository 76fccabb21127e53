"""Forecast accuracy measures. The forecast error is e = actual − forecast (units per period),
so a positive bias means demand came in above the forecast (under-forecasting).

Definitions: Hyndman & Koehler (2006), "Another look at measures of forecast accuracy",
International Journal of Forecasting 22(4) (MAE, RMSE, MAPE, sMAPE, MASE); RMSSE: Makridakis,
Spiliotis & Assimakopoulos (2022), "M5 accuracy competition", IJF 38(4), which used it because
absolute-error measures such as MASE are minimised by the median and so reward forecasting zero
for intermittent demand (Kolassa (2016), IJF 32(3)); tracking signal:
Brown (1959), Statistical Forecasting for Inventory Control, as the running sum of errors
divided by the mean absolute deviation (Silver, Pyke & Thomas (2017) §4.9 flag |TS| > 4).
Pairs where the actual or the forecast is missing (NaN) are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

METRIC_LABELS: dict[str, str] = {
    "mase": "MASE",
    "rmsse": "RMSSE",
    "mae": "MAE",
    "rmse": "RMSE",
    "smape": "sMAPE %",
    "mape": "MAPE %",
}


def _pairs(actual: np.ndarray, forecast: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    actual = np.asarray(actual, dtype=float).ravel()
    forecast = np.asarray(forecast, dtype=float).ravel()
    ok = np.isfinite(actual) & np.isfinite(forecast)
    return actual[ok], forecast[ok]


def mae(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Mean absolute error: mean |y − ŷ| (units per period)."""
    y, f = _pairs(actual, forecast)
    return float(np.mean(np.abs(y - f))) if len(y) else float("nan")


def rmse(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Root mean squared error: √mean (y − ŷ)² (units per period)."""
    y, f = _pairs(actual, forecast)
    return float(np.sqrt(np.mean((y - f) ** 2))) if len(y) else float("nan")


def mape(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Mean absolute percentage error: 100 · mean |y − ŷ|/|y| over periods with y ≠ 0 (%);
    NaN when every actual is zero."""
    y, f = _pairs(actual, forecast)
    nonzero = y != 0
    if not nonzero.any():
        return float("nan")
    return float(100.0 * np.mean(np.abs(y[nonzero] - f[nonzero]) / np.abs(y[nonzero])))


def smape(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Symmetric MAPE: 100 · mean 2|y − ŷ|/(|y| + |ŷ|) (%, 0 to 200); a period where both are
    zero counts as a perfect 0."""
    y, f = _pairs(actual, forecast)
    if not len(y):
        return float("nan")
    denominator = np.abs(y) + np.abs(f)
    ratio = np.divide(2.0 * np.abs(y - f), denominator, out=np.zeros_like(y), where=denominator > 0)
    return float(100.0 * np.mean(ratio))


def seasonal_naive_scale(history: np.ndarray, period: int, *, squared: bool = False) -> float:
    """The MASE denominator: in-sample mean |y_t − y_{t−m}| of the seasonal naive method on the
    training history (m = 1: the naive method); with ``squared``, the RMSSE denominator
    √mean (y_t − y_{t−m})². Falls back to m = 1 when the history is shorter than m + 1 periods
    or the seasonal differences are all zero; NaN if that is zero too."""
    values = np.asarray(history, dtype=float)
    values = values[np.isfinite(values)]
    for lag in dict.fromkeys((max(period, 1), 1)):
        if len(values) > lag:
            differences = values[lag:] - values[:-lag]
            if squared:
                scale = float(np.sqrt(np.mean(differences**2)))
            else:
                scale = float(np.mean(np.abs(differences)))
            if scale > 0:
                return scale
    return float("nan")


def mase(actual: np.ndarray, forecast: np.ndarray, scale: float) -> float:
    """Mean absolute scaled error: MAE / scale, with ``scale`` from ``seasonal_naive_scale``.
    Below 1: better than the in-sample seasonal naive method."""
    if not np.isfinite(scale) or scale <= 0:
        return float("nan")
    return mae(actual, forecast) / scale


def rmsse(actual: np.ndarray, forecast: np.ndarray, scale: float) -> float:
    """Root mean squared scaled error: RMSE / scale, with ``scale`` from
    ``seasonal_naive_scale(..., squared=True)``. Rewards getting the mean right, not the median."""
    if not np.isfinite(scale) or scale <= 0:
        return float("nan")
    return rmse(actual, forecast) / scale


def bias(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Mean error: mean (y − ŷ) (units per period); positive = forecast too low."""
    y, f = _pairs(actual, forecast)
    return float(np.mean(y - f)) if len(y) else float("nan")


def tracking_signal(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Σ(y − ŷ) / MAD, MAD = mean |y − ŷ| (dimensionless; between −n and n). Beyond ±4 the
    forecast is persistently biased. 0 when every error is zero."""
    y, f = _pairs(actual, forecast)
    if not len(y):
        return float("nan")
    errors = y - f
    mad = np.mean(np.abs(errors))
    return float(np.sum(errors) / mad) if mad > 0 else 0.0


@dataclass(frozen=True)
class Accuracy:
    """Accuracy of one method's backtest. ``mae``, ``rmse``, ``bias`` in units per period;
    ``mape``, ``smape`` in %; ``mase``, ``rmsse`` and ``tracking_signal`` dimensionless. Computed over every
    (origin, step) pair of the backtest, except ``tracking_signal`` (one-step errors, as it is
    monitored period by period). ``count``: number of errors behind the figures."""

    mae: float
    rmse: float
    mape: float
    smape: float
    mase: float
    bias: float
    tracking_signal: float
    count: int
    rmsse: float = float("nan")

    def get(self, metric: str) -> float:
        return float(getattr(self, metric))


def accuracy(
    actual: np.ndarray,
    forecast: np.ndarray,
    *,
    scale: float,
    one_step_actual: np.ndarray,
    one_step_forecast: np.ndarray,
    squared_scale: float = float("nan"),
) -> Accuracy:
    """Every measure at once (see ``Accuracy``)."""
    y, f = _pairs(actual, forecast)
    return Accuracy(
        mae=mae(y, f),
        rmse=rmse(y, f),
        mape=mape(y, f),
        smape=smape(y, f),
        mase=mase(y, f, scale),
        bias=bias(y, f),
        tracking_signal=tracking_signal(one_step_actual, one_step_forecast),
        count=len(y),
        rmsse=rmsse(y, f, squared_scale),
    )
