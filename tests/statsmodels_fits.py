"""statsmodels' exponential smoothing fitted the way the forecast tests compare against it:
monthly seasons (12 periods), warnings silenced (statsmodels warns on every hard series)."""

from __future__ import annotations

import warnings

import numpy as np


def _form(trend: str | None, damped: bool, season: str | None, init: str) -> dict[str, object]:
    """The model keywords both statsmodels classes share."""
    return {
        "trend": trend,
        "damped_trend": damped,
        "seasonal": season,
        "seasonal_periods": 12 if season else None,
        "initialization_method": init,
    }


def ets_fit(y: np.ndarray, error: str, trend: str | None, damped: bool, season: str | None):
    """``ETSModel`` of the form (error, trend, damped, season) fitted by maximum likelihood from
    heuristic initial states (Hyndman et al. 2008, the form names of :func:`ets_forms`)."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ETSModel(y, error=error, **_form(trend, damped, season, "heuristic"))
        return model.fit(disp=False)


def holt_winters_fit(
    y: np.ndarray, trend: str, damped: bool, season: str | None, *, init: str = "heuristic"
):
    """``ExponentialSmoothing`` (Holt-Winters) fitted by least squares, without the brute-force
    start (``init``: "heuristic" or "estimated" initial states)."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ExponentialSmoothing(y, **_form(trend, damped, season, init))
        return model.fit(optimized=True, use_brute=False)
