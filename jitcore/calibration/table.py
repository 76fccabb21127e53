"""Target against achieved service per SKU and mode: :func:`calibrate` and its results."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jitcore.calibration.reasons import NO_DEMAND, UNEXPLAINED, ItemTraits, explain, item_traits
from jitcore.calibration.target import (
    FLAG_POINTS,
    SUMMARY_POINTS,
    ServiceTarget,
    SimulationMode,
    service_target,
    sku_service_target,
)
from jitcore.demand import DemandData
from jitcore.errors import JitError, ScenarioError
from jitcore.forecast import ForecastResult, forecast_all
from jitcore.kpis import Kpis
from jitcore.lanes import C_EXPOSURE
from jitcore.pipeline import ScenarioResult, run_scenario
from jitcore.profile import DEMAND_CLASSES, DemandClass, syntetos_boylan_class
from jitcore.scenario import Scenario


@dataclass(frozen=True)
class ModeCalibration:
    """One SKU in one simulation mode. ``achieved``: the target's KPI as simulated (a share,
    NaN when undefined: no demand was simulated); ``gap_points`` = 100 × (achieved − target);
    ``flagged`` when ``|gap_points| > FLAG_POINTS``; ``reasons``: likely causes in plain words
    (listed when flagged, and :data:`NO_DEMAND` when the service is undefined)."""

    mode: SimulationMode
    achieved: float
    gap_points: float
    flagged: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class SkuCalibration:
    """Target against achieved service of one SKU, per simulation mode.

    ``demand_model`` and ``sigma_source``: how the buffers modelled demand and where their σ
    came from, as the plan reports it (empty when the plan does not say).
    """

    sku: str
    demand_class: DemandClass
    target: ServiceTarget
    modes: tuple[ModeCalibration, ...]
    demand_model: str = ""
    sigma_source: str = ""

    def mode(self, mode: SimulationMode) -> ModeCalibration:
        for item in self.modes:
            if item.mode == mode:
                return item
        raise KeyError(mode)

    @property
    def flagged(self) -> bool:
        """True when any mode misses the target by more than ``FLAG_POINTS``."""
        return any(item.flagged for item in self.modes)


@dataclass(frozen=True)
class CalibrationTable:
    """Calibration of every SKU, in SKU order, for the modes that were run."""

    rows: tuple[SkuCalibration, ...]
    modes: tuple[SimulationMode, ...]
    target: ServiceTarget

    def frame(self) -> pd.DataFrame:
        """Tidy: one row per SKU × mode with columns ``sku, demand_class, mode, measure,
        target, achieved, gap_points, flagged, reasons`` (reasons joined by "; "),
        ``demand_model`` and ``sigma_source``."""
        records = [
            {
                "sku": row.sku,
                "demand_class": row.demand_class,
                "mode": item.mode,
                "measure": row.target.measure,
                "target": row.target.value,
                "achieved": item.achieved,
                "gap_points": item.gap_points,
                "flagged": item.flagged,
                "reasons": "; ".join(item.reasons),
                "demand_model": row.demand_model,
                "sigma_source": row.sigma_source,
            }
            for row in self.rows
            for item in row.modes
        ]
        columns = ["sku", "demand_class", "mode", "measure", "target", "achieved", "gap_points",
                   "flagged", "reasons", "demand_model", "sigma_source"]  # fmt: skip
        return pd.DataFrame(records, columns=columns)

    def view(self) -> pd.DataFrame:
        """One row per SKU for reading on screen: ``SKU``, ``Flag`` (⚑ when a mode misses by
        more than the flag threshold), ``Class``, per mode the service achieved (a share) and
        its gap to the target in points (``Monte Carlo``, ``MC gap``, ``Replay``, ``Replay
        gap``), ``Why`` (the reasons of every mode), ``Demand model`` and ``σ source``."""
        names = {"monte_carlo": ("Monte Carlo", "MC gap"), "replay": ("Replay", "Replay gap")}
        records = []
        for row in self.rows:
            record: dict[str, object] = {
                "SKU": row.sku, "Flag": "⚑" if row.flagged else "", "Class": row.demand_class,
            }  # fmt: skip
            reasons: list[str] = []
            for item in row.modes:
                label, gap = names[item.mode]
                record[label] = item.achieved
                record[gap] = item.gap_points
                reasons += [f"{label}: {text}" for text in item.reasons]
            record["Why"] = "; ".join(reasons)
            record["Demand model"] = row.demand_model
            record["σ source"] = row.sigma_source
            records.append(record)
        return pd.DataFrame(records)

    def summary(self) -> pd.DataFrame:
        """Per mode and demand class (classes in the order smooth, erratic, intermittent, lumpy;
        classes without items left out): ``items``, ``measured`` (items whose achieved service
        is defined; the others had no simulated demand), and over the measured items
        ``median_achieved``, ``share_within_5`` (|gap| ≤ 5 points) and ``share_reaching``
        (achieved ≥ target − 5 points)."""
        frame = self.frame()
        records = []
        for mode in self.modes:
            for demand_class in DEMAND_CLASSES:
                part = frame[(frame["mode"] == mode) & (frame["demand_class"] == demand_class)]
                if part.empty:
                    continue
                gap = part["gap_points"].to_numpy(dtype=float)
                known = gap[np.isfinite(gap)]
                achieved = part["achieved"].to_numpy(dtype=float)
                achieved = achieved[np.isfinite(achieved)]
                records.append(
                    {
                        "mode": mode,
                        "demand_class": demand_class,
                        "items": len(part),
                        "measured": len(known),
                        "median_achieved": _median(achieved),
                        "share_within_5": _share(np.abs(known) <= SUMMARY_POINTS),
                        "share_reaching": _share(known >= -SUMMARY_POINTS),
                    }
                )
        columns = ["mode", "demand_class", "items", "measured", "median_achieved",
                   "share_within_5", "share_reaching"]  # fmt: skip
        return pd.DataFrame(records, columns=columns)

    @property
    def flagged(self) -> tuple[str, ...]:
        """SKUs that miss their target by more than ``FLAG_POINTS`` in some mode."""
        return tuple(row.sku for row in self.rows if row.flagged)


def _share(mask: np.ndarray) -> float:
    return float(mask.mean()) if len(mask) else math.nan


def _median(values: np.ndarray) -> float:
    return float(np.median(values)) if len(values) else math.nan


def _reasons(
    traits: ItemTraits | None,
    target: ServiceTarget,
    mode: SimulationMode,
    flagged: bool,
    achieved: float,
    gap: float,
) -> tuple[str, ...]:
    """The reasons a row shows: the rules that apply to a flagged SKU (or the plain statement
    of the miss when none does); "no demand" when the service is undefined."""
    if math.isnan(achieved):
        return (NO_DEMAND,)
    if traits is None or not flagged:
        return ()
    return explain(traits, target, mode) or (UNEXPLAINED[(mode, gap > 0)],)


def calibrate(
    demand: DemandData,
    scenario: Scenario,
    *,
    forecasts: Mapping[str, ForecastResult] | None = None,
    modes: Sequence[SimulationMode] = ("monte_carlo", "replay"),
    skus: Sequence[str] | None = None,
) -> CalibrationTable:
    """Run ``scenario`` in each of ``modes`` and compare each SKU's achieved service with the
    buffers' target.

    ``forecasts``: precomputed ``forecast_all(demand, scenario.forecast)`` (computed once here
    otherwise; every mode reuses them). ``skus``: only these SKUs. Raises
    :class:`~jitcore.errors.ScenarioError` when the scenario sets no service target (safety
    stock in days of cover or fixed units) or a mode is unknown.
    """
    target = service_target(scenario)
    if target is None:
        raise ScenarioError(
            f"Calibration needs a service target, but buffers.method is "
            f"{scenario.buffers.method!r}.",
            "Set buffers.method to service_level or fill_rate.",
        )
    modes = tuple(dict.fromkeys(modes))
    unknown = [m for m in modes if m not in ("monte_carlo", "replay")]
    if unknown or not modes:
        raise ScenarioError(
            f"Unknown simulation mode {unknown[0]!r}." if unknown else "No simulation mode given.",
            "Use monte_carlo, replay or both.",
        )
    unknown_skus = [s for s in skus or () if s not in demand.skus]
    if unknown_skus:
        raise JitError(
            f"SKU {unknown_skus[0]!r} is not in the data.",
            f"Known SKUs: {', '.join(demand.skus[:10])}{' …' if len(demand.skus) > 10 else ''}.",
        )
    if forecasts is None:
        forecasts = forecast_all(demand, scenario.forecast, skus=skus)
    results = {
        mode: run_scenario(
            demand, scenario.with_setting("simulation.mode", mode), forecasts=forecasts, skus=skus
        )
        for mode in modes
    }
    first = results[modes[0]]
    _, names, matrix = demand.matrix()
    column = {sku: i for i, sku in enumerate(names)}
    rows = []
    for sku in first.skus:
        history = matrix[:, column[sku]]
        history = history[np.isfinite(history)]
        buffer = first.buffers.get(sku)
        # the SKU's own target (item master, optimised targets) where it has one
        own = sku_service_target(scenario, sku) or target
        achieved = {mode: _achieved(results[mode].kpis_for(sku), own) for mode in modes}
        gaps = {mode: _gap_points(value, own) for mode, value in achieved.items()}
        flagged = {
            mode: bool(math.isfinite(g) and abs(g) > FLAG_POINTS) for mode, g in gaps.items()
        }
        traits = None
        if any(flagged.values()):  # the rules look at the history only where there is a miss
            traits = item_traits(
                history,
                frequency=demand.frequency,
                exposure=buffer.exposure,
                mean_exposure=buffer.mean_demand * buffer.exposure,
                sigma_exposure=buffer.sigma_exposure,
                reorder_level=buffer.order_up_to,
                fitted=_fitted(forecasts.get(sku), len(history)),
                planned_service=(
                    buffer.expected_cycle_service_level
                    if own.measure == "cycle_service_level"
                    else buffer.expected_fill_rate
                ),
                exposure_cover=_exposure_cover(results.get("monte_carlo"), sku),
            )
        per_mode = tuple(
            ModeCalibration(
                mode,
                achieved[mode],
                gaps[mode],
                flagged[mode],
                _reasons(traits, own, mode, flagged[mode], achieved[mode], gaps[mode]),
            )
            for mode in modes
        )
        rows.append(
            SkuCalibration(
                sku=sku,
                demand_class=syntetos_boylan_class(history),
                target=own,
                modes=per_mode,
                demand_model=str(getattr(buffer, "demand_model", "") or ""),
                sigma_source=str(getattr(buffer, "sigma_source", "") or ""),
            )
        )
    return CalibrationTable(rows=tuple(rows), modes=modes, target=target)


def _exposure_cover(result: ScenarioResult | None, sku: str) -> np.ndarray | None:
    """The forecast over the exposure the levels followed in ``result`` (None without)."""
    cover = None if result is None else result.covers.get(sku)
    return None if cover is None else np.asarray(cover[C_EXPOSURE], dtype=float)


def _fitted(result: ForecastResult | None, n: int) -> np.ndarray | None:
    """The one-step forecasts over the last ``n`` history periods (NaN where missing)."""
    if result is None:
        return None
    fitted = result.fitted.reindex(result.history.index).to_numpy(dtype=float)
    if len(fitted) < n:
        fitted = np.concatenate([np.full(n - len(fitted), np.nan), fitted])
    return fitted[-n:]


def _achieved(kpis: Kpis, target: ServiceTarget) -> float:
    """The target's KPI, or NaN when the run had no demand (then every service KPI reads 100 %
    without meaning anything)."""
    if not kpis.units_demanded > 0:
        return math.nan
    return float(getattr(kpis, target.measure))


def _gap_points(achieved: float, target: ServiceTarget) -> float:
    """100 × (achieved − target), NaN when the achieved service is undefined."""
    return 100.0 * (achieved - target.value) if math.isfinite(achieved) else math.nan
