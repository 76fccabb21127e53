"""Simulation settings: how demand paths are made and how long the simulation runs."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jitcore.settings import Settings


class SimulationSettings(Settings):
    """How demand paths are made and how long the simulation runs."""

    mode: Literal["replay", "monte_carlo"] = Field(
        "monte_carlo",
        description="replay the actual history, or Monte Carlo paths from the forecast",
    )
    paths: int = Field(200, ge=1, le=1_000_000, description="number of simulated paths per SKU")
    periods: int | None = Field(
        None, ge=1, le=3660, description="Monte Carlo horizon in periods; empty = one year"
    )
    seed: int = Field(42, ge=0, le=2**63 - 1, description="random seed (same seed, same result)")
    demand_model: Literal["auto", "normal", "resampled", "intermittent"] = Field(
        "auto",
        description="Monte Carlo demand: normal errors, resampled backtest errors, occurrence "
        "× size for intermittent SKUs, or auto (intermittent for intermittent and lumpy SKUs)",
    )
    forecast_updating: Literal["plan", "exponential_smoothing", "moving_average"] = Field(
        "plan",
        description="the forecast the policy sees: the plan, or re-estimated from simulated "
        "demand by exponential smoothing or a moving average",
    )
    smoothing_alpha: float = Field(
        0.2, gt=0.0, le=1.0, description="exponential smoothing constant alpha"
    )
    moving_average_periods: int = Field(4, ge=1, le=365, description="moving average window")
    warmup_periods: int = Field(0, ge=0, le=3660, description="first periods left out of the KPIs")
    refit_every: int | None = Field(
        None,
        ge=1,
        le=3660,
        description="replay: periods between two refits of the forecast method on the data "
        "known by then; empty = 12 for monthly, 13 for weekly, 28 for daily data",
    )
    initial_on_hand: float | None = Field(
        None, ge=0.0, description="on hand at the start in units; empty = the policy's level"
    )
    timeline_paths: int = Field(
        100, ge=0, le=10_000, description="paths per SKU whose full timeline is kept"
    )
