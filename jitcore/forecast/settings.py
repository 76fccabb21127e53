"""How demand is forecast: the method, the horizon, parameter overrides and the backtest design."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jitcore.settings import Settings

#: Methods that compete for every SKU, simplest first (ties go to the earlier one).
BaseMethodName = Literal[
    "naive",
    "seasonal_naive",
    "average",
    "moving_average",
    "ses",
    "holt",
    "holt_damped",
    "holt_winters_additive",
    "holt_winters_multiplicative",
    "ets",
]
#: Methods for intermittent and lumpy demand.
IntermittentMethodName = Literal["croston", "sba", "tsb"]
MethodName = Literal["auto", BaseMethodName, IntermittentMethodName]

MetricName = Literal["mase", "rmsse", "mae", "rmse", "smape", "mape"]

#: Seasonal period (periods per seasonal cycle) by data frequency: a week of days, a year of
#: weeks, a year of months.
DEFAULT_SEASONAL_PERIOD: dict[str, int] = {"D": 7, "W": 52, "M": 12}


#: Longest forecast horizon in periods: ten years of weekly data.
MAX_HORIZON = 520


class ForecastSettings(Settings):
    """How demand is forecast.

    ``method``: ``auto`` (the candidate with the best backtest ``metric``) or one method name.
    ``horizon``: periods forecast ahead (also the backtest's longest step, see below).
    Overrides (``None`` = fitted from the data): ``alpha`` level smoothing, ``beta`` trend
    smoothing (component form, Holt 1957: b_t = β(ℓ_t − ℓ_{t−1}) + (1 − β)φb_{t−1}; for TSB the
    demand-probability smoothing), ``gamma`` seasonal smoothing, ``damping`` the trend damping
    φ (setting it damps Holt and Holt-Winters), ``seasonal_period`` m (1 = no seasonality;
    default 7/52/12 for daily/weekly/monthly data), ``window`` the moving-average length.
    Backtest: ``folds`` consecutive folds over the last ``folds × horizon`` periods (fewer when
    the history is short); each method is refitted at the start of each fold.
    ``metric``: what the automatic choice minimises in the backtest; ``intermittent_metric``:
    the same for intermittent and lumpy SKUs (``None``: use ``metric``). RMSSE by default there,
    because MASE, like every absolute-error measure, favours forecasting zero for items that sell
    in fewer than half the periods (Kolassa 2016).
    ``interval_level``: coverage of the prediction interval (0.8 = 80 %).
    ``seed``: random seed for simulated (model-based) intervals of multiplicative ETS models.
    ``candidates``: restrict the automatic choice to these methods (``None`` = all that fit the
    SKU's history and demand class).
    """

    method: MethodName = "auto"
    horizon: int = Field(12, ge=1, le=MAX_HORIZON)
    window: int | None = Field(None, ge=1, le=520)
    alpha: float | None = Field(None, gt=0.0, le=1.0)
    beta: float | None = Field(None, ge=0.0, le=1.0)
    gamma: float | None = Field(None, ge=0.0, le=1.0)
    damping: float | None = Field(None, gt=0.0, le=1.0)
    seasonal_period: int | None = Field(None, ge=1, le=366)
    metric: MetricName = "mase"
    intermittent_metric: MetricName | None = "rmsse"
    folds: int = Field(3, ge=1, le=10)
    interval_level: float = Field(0.8, ge=0.5, le=0.995)
    seed: int = Field(0, ge=0, le=2**63 - 1)
    candidates: tuple[str, ...] | None = None

    def overrides(self) -> dict[str, float]:
        """The parameters the user fixed (name -> value); everything else is fitted."""
        names = ("alpha", "beta", "gamma", "damping", "window")
        return {
            name: float(getattr(self, name)) for name in names if getattr(self, name) is not None
        }
