"""Which methods compete for a SKU, their backtests, and the automatic choice.

Candidates: naive, seasonal naive, historical average, moving average, SES, Holt, damped Holt,
Holt-Winters additive and multiplicative and automatic ETS; for intermittent or lumpy demand
(Syntetos, Boylan & Croston 2005, via ``jitcore.profile.syntetos_boylan_class``) also Croston,
SBA and TSB. A method is left out when the SKU cannot support it (seasonal methods without a
seasonal period in use, multiplicative seasonality with zero-demand periods, too little history
before the test window), with the reason recorded. The automatic choice is the candidate with the
lowest backtest metric (MASE by default, RMSSE for intermittent and lumpy SKUs; MAE when the
metric is undefined, e.g. all-zero data);
ties go to the simpler method (listed first). Naive is always backtested as the reference for
the forecast value added, FVA = 100 · (1 − MAE_method / MAE_naive) % (Gilliland 2013).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import get_args

import numpy as np
import pandas as pd

from jitcore.errors import JitError
from jitcore.forecast.backtest import BacktestPlan, MethodBacktest, plan_backtest, run_backtest
from jitcore.forecast.base import FitContext
from jitcore.forecast.metrics import Accuracy
from jitcore.forecast.registry import INTERMITTENT_METHODS, METHODS, get_method
from jitcore.forecast.settings import BaseMethodName, ForecastSettings
from jitcore.profile import syntetos_boylan_class

#: Candidates for every SKU (intermittent methods are added for intermittent and lumpy demand).
BASE_CANDIDATES: tuple[str, ...] = get_args(BaseMethodName)
REFERENCE_METHOD = "naive"
METRIC_COLUMNS = ("mase", "rmsse", "mae", "rmse", "mape", "smape", "bias", "tracking_signal")


@dataclass(frozen=True)
class Evaluation:
    """Every candidate's backtest on one SKU's history.

    ``backtests``: method -> backtest (candidates, the naive reference, and any method added
    with ``with_method``). ``eligible``: methods the automatic choice may pick. ``skipped``:
    method -> plain-language reason it was not tested. ``context``: seasonal period in use and
    parameter overrides.
    """

    plan: BacktestPlan
    context: FitContext
    backtests: Mapping[str, MethodBacktest]
    eligible: tuple[str, ...]
    skipped: Mapping[str, str] = field(default_factory=dict)
    demand_class: str = ""

    @property
    def period(self) -> int:
        return self.plan.period

    def selection_metric(self, settings: ForecastSettings) -> str:
        """The metric the automatic choice uses for this SKU: ``settings.intermittent_metric``
        for intermittent and lumpy demand (when set), else ``settings.metric``."""
        if self.demand_class in ("intermittent", "lumpy") and settings.intermittent_metric:
            return settings.intermittent_metric
        return settings.metric

    def best(self, metric: str = "mase") -> str | None:
        """The eligible method with the lowest ``metric`` (MAE if the metric is undefined for
        all); ``None`` when nothing could be backtested."""
        for name in (metric, "mae"):
            scores = [
                (self.backtests[m].accuracy.get(name), i, m)
                for i, m in enumerate(self.eligible)
                if m in self.backtests
            ]
            finite = [s for s in scores if np.isfinite(s[0])]
            if finite:
                return min(finite)[2]
        return None

    def with_method(self, name: str, y: np.ndarray) -> Evaluation:
        """This evaluation plus a backtest of ``name`` (if not done yet); JitError if it cannot
        run on this history."""
        if name in self.backtests or not self.plan.possible:
            return self
        method = get_method(name)
        backtest = run_backtest(method, y, self.plan, self.context)
        return replace(self, backtests={**self.backtests, name: backtest})

    def table(self, metric: str = "mase", chosen: str | None = None) -> pd.DataFrame:
        """One row per backtested method: label, every metric, forecast value added over naive
        (%), rank by ``metric``, whether it was a candidate and whether it is ``chosen``. Sorted
        best first."""
        reference = self.backtests.get(REFERENCE_METHOD)
        naive_mae = reference.accuracy.mae if reference else float("nan")
        rows = []
        for name, backtest in self.backtests.items():
            score: Accuracy = backtest.accuracy
            row: dict[str, object] = {"method": name, "label": METHODS[name].label}
            row.update({column: score.get(column) for column in METRIC_COLUMNS})
            row["value_added_pct"] = (
                100.0 * (1.0 - score.mae / naive_mae)
                if np.isfinite(naive_mae) and naive_mae > 0
                else float("nan")
            )
            row["candidate"] = name in self.eligible
            row["chosen"] = name == chosen
            rows.append(row)
        columns = ["method", "label", *METRIC_COLUMNS, "value_added_pct", "candidate", "chosen"]
        frame = pd.DataFrame(rows, columns=columns)
        if frame.empty:
            return frame.set_index("method")
        sort_key = metric if frame[metric].notna().any() else "mae"
        frame = frame.sort_values(sort_key, kind="stable", na_position="last")
        frame.insert(2, "rank", np.arange(1, len(frame) + 1))
        return frame.set_index("method")


def candidate_methods(
    y: np.ndarray,
    plan: BacktestPlan,
    *,
    demand_class: str,
    restrict: Sequence[str] | None = None,
) -> tuple[list[str], dict[str, str]]:
    """The methods that compete for this history, and method -> reason for those left out."""
    if restrict:
        names = [get_method(name).name for name in restrict]
    else:
        names = list(BASE_CANDIDATES)
        if demand_class in ("intermittent", "lumpy"):
            names += list(INTERMITTENT_METHODS)
    keep: list[str] = []
    skipped: dict[str, str] = {}
    for name in names:
        method = METHODS[name]
        if method.seasonal and plan.period <= 1:
            skipped[name] = "no seasonal period in use"
        elif method.positive_only and not np.all(y > 0):
            skipped[name] = "demand is zero in some periods"
        elif method.min_history(plan.period) > plan.train_length:
            skipped[name] = (
                f"needs {method.min_history(plan.period)} periods before the test window, "
                f"there are {plan.train_length}"
            )
        else:
            keep.append(name)
    return keep, skipped


def evaluate_candidates(
    y: np.ndarray,
    settings: ForecastSettings,
    *,
    period: int,
    demand_class: str | None = None,
) -> Evaluation:
    """Backtest every candidate on ``y`` (units per period, oldest first) with the settings'
    horizon, folds and overrides. ``period``: the seasonal period asked for (1 = none).
    ``settings.method`` and ``settings.metric`` do not matter here (the result can be cached
    across them)."""
    y = np.asarray(y, dtype=float)
    if demand_class is None:
        demand_class = syntetos_boylan_class(y)
    plan = plan_backtest(y, horizon=settings.horizon, folds=settings.folds, period=period)
    context = FitContext(plan.period, settings.overrides())
    names, skipped = candidate_methods(
        y, plan, demand_class=demand_class, restrict=settings.candidates
    )
    backtests: dict[str, MethodBacktest] = {}
    eligible: list[str] = []
    if plan.possible:
        to_run = names if REFERENCE_METHOD in names else [REFERENCE_METHOD, *names]
        for name in to_run:
            try:
                backtests[name] = run_backtest(METHODS[name], y, plan, context)
            except JitError as exc:
                label = METHODS[name].label
                skipped[name] = exc.message.removeprefix(label).strip().rstrip(".")
                continue
            if name in names:
                eligible.append(name)
    order = list(METHODS)
    backtests = dict(sorted(backtests.items(), key=lambda item: order.index(item[0])))
    return Evaluation(plan, context, backtests, tuple(eligible), skipped, demand_class)
