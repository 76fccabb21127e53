"""Shared inputs of the trade-off tests: i.i.d. normal weekly demand (where the textbook
formulas hold) and a small, fast scenario on it."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from jitcore.demand import DemandData
from jitcore.forecast import ForecastSettings, forecast_all
from jitcore.scenario import Scenario

MEAN, SD, WEEKS = 100.0, 20.0, 156


@lru_cache(maxsize=4)
def normal_demand(skus: tuple[str, ...] = ("A",), seed: int = 7) -> DemandData:
    """``WEEKS`` weeks of N(100·(i+1), (20·(i+1))²) demand for SKU i, floored at zero."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2021-01-04", periods=WEEKS, freq="W-MON")
    frames = []
    for i, sku in enumerate(skus):
        quantity = np.maximum(rng.normal(MEAN * (i + 1), SD * (i + 1), WEEKS), 0.0).round()
        frames.append(pd.DataFrame({"date": dates, "sku": sku, "quantity": quantity}))
    return DemandData(pd.concat(frames), "W", name="normal")


def scenario(paths: int = 200, periods: int = 104, **settings: object) -> Scenario:
    """Order-up-to every week, lead time 2, buffers from the demand σ, normal Monte Carlo
    demand around the mean forecast; ``settings`` are dotted overrides."""
    base = Scenario(forecast=ForecastSettings(method="average")).to_dict()
    base["buffers"]["uncertainty"] = "demand_sd"
    base["simulation"].update(
        {"paths": paths, "periods": periods, "demand_model": "normal", "timeline_paths": 0}
    )
    value = Scenario.from_dict(base)
    for name, setting in settings.items():
        value = value.with_setting(name.replace("__", "."), setting)
    return value


@lru_cache(maxsize=4)
def forecasts(skus: tuple[str, ...] = ("A",)):
    return forecast_all(normal_demand(skus), scenario().forecast)
