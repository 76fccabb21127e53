"""Two to four scenarios side by side on the same data and SKUs: every KPI of each, the change
against a reference scenario and whether it is better or worse.

The scenarios run through :func:`jitcore.tradeoffs.common.run_unique` (so
:func:`~jitcore.pipeline.run_variants`): those that share the forecast and simulation basics
run in one engine call on the same demand and supply draws (common random numbers), so a
difference between two columns is the settings' doing, not the dice's. Each scenario's KPIs
are exactly those of running it alone. A change is ``scenario − reference``; better or worse
follows the KPI's direction in :data:`jitcore.vocabulary.KPIS` (less cost and stock, more
service; orders placed are neither) — the rule of the Trade-offs baseline vs what-if
(:func:`jitcore.tradeoffs.kpi_change`), for more than two scenarios.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.forecast import ForecastResult, ForecastSettings
from jitcore.kpis import Kpis
from jitcore.pipeline import ScenarioResult
from jitcore.pipeline.group import grouped, in_order
from jitcore.scenario import Scenario
from jitcore.tradeoffs.common import horizon_label, run_unique
from jitcore.tradeoffs.comparison import COMPARED, kpi_change
from jitcore.vocabulary import COST_PARTS

#: How many scenarios a comparison holds.
MIN_SCENARIOS, MAX_SCENARIOS = 2, 4

#: Forecasts already fitted, per forecast setting: ``{settings: {sku: forecast}}``.
ForecastsBySetting = Mapping[ForecastSettings, Mapping[str, ForecastResult]]


@dataclass(frozen=True, eq=False)
class ScenarioComparison:
    """The runs of the compared scenarios, by the names the user gave them, and which one the
    changes are measured against (``reference``). Costs are money over the KPI window
    (``horizon``, e.g. "per year"), stock in units, service as shares (0–1)."""

    names: tuple[str, ...]
    results: tuple[ScenarioResult, ...]
    reference: str
    horizon: str

    @property
    def skus(self) -> tuple[str, ...]:
        return self.results[0].skus

    @property
    def currency(self) -> str:
        return self.result(self.reference).scenario.costs.currency

    def result(self, name: str) -> ScenarioResult:
        if name not in self.names:
            raise JitError(f"No scenario {name!r} in this comparison.", "Pick a compared one.")
        return self.results[self.names.index(name)]

    def kpis(self, name: str, sku: str | None = None) -> Kpis:
        """The KPIs of one scenario: over every compared SKU, or of ``sku``."""
        result = self.result(name)
        return result.kpis if sku is None else result.kpis_for(sku)

    def with_reference(self, name: str) -> ScenarioComparison:
        """The same runs with changes measured against ``name``."""
        self.result(name)
        return replace(self, reference=name)

    def table(self, sku: str | None = None) -> pd.DataFrame:
        """One row per compared KPI (:data:`~jitcore.tradeoffs.COMPARED`): ``kpi``, ``label``,
        ``unit``, ``higher_is_better``, then one column per scenario with its value."""
        rows = []
        for kpi, label, unit, higher in COMPARED:
            row = {"kpi": kpi, "label": label, "unit": unit, "higher_is_better": higher}
            for name in self.names:
                row[name] = float(getattr(self.kpis(name, sku), kpi))
            rows.append(row)
        return pd.DataFrame(rows)

    def changes(self, sku: str | None = None) -> pd.DataFrame:
        """One row per KPI and scenario other than the reference: ``kpi``, ``label``, ``unit``,
        ``scenario``, ``value``, ``reference`` (the reference's value), ``change`` (value −
        reference), ``change_pct`` (relative, NaN from zero) and ``better`` (True, False, or
        None when equal or neither way is better)."""
        reference = self.kpis(self.reference, sku)
        rows = []
        for name in self.names:
            if name == self.reference:
                continue
            kpis = self.kpis(name, sku)
            for kpi, label, unit, _ in COMPARED:
                base, value = float(getattr(reference, kpi)), float(getattr(kpis, kpi))
                change, pct, better = kpi_change(kpi, base, value)
                rows.append({
                    "kpi": kpi, "label": label, "unit": unit, "scenario": name, "value": value,
                    "reference": base, "change": change, "change_pct": pct, "better": better,
                })  # fmt: skip
        return pd.DataFrame(rows)

    def costs(self, sku: str | None = None) -> pd.DataFrame:
        """Cost parts (:data:`~jitcore.vocabulary.COST_PARTS`) and ``total_cost`` per scenario
        (index: the scenario names), money over the KPI window."""
        columns = (*COST_PARTS, "total_cost")
        return pd.DataFrame(
            [[float(getattr(self.kpis(name, sku), c)) for c in columns] for name in self.names],
            index=pd.Index(self.names, name="scenario"),
            columns=list(columns),
        )


def check_count(count: int) -> None:
    """JitError unless ``count`` scenarios can be compared (2 to 4)."""
    if not MIN_SCENARIOS <= count <= MAX_SCENARIOS:
        raise JitError(
            f"{count} scenario{'s' if count != 1 else ''} picked; a comparison shows "
            f"{MIN_SCENARIOS} to {MAX_SCENARIOS}.",
            f"Pick between {MIN_SCENARIOS} and {MAX_SCENARIOS} scenarios.",
        )


def run_by_forecast(
    demand: DemandData,
    scenarios: Sequence[Scenario],
    *,
    forecasts: ForecastsBySetting | None = None,
    skus: Sequence[str] | None = None,
    names: Sequence[str] | None = None,
) -> tuple[ScenarioResult, ...]:
    """A result per scenario, in order: the scenarios of each forecast setting run together
    (one engine call where they share the draws) with that setting's fitted forecasts when
    ``forecasts`` holds them. A scenario that cannot run raises its JitError with its name
    (``names``, e.g. "Scenario 'JIT': …") in front, so the user knows which one to fix."""
    groups = grouped(scenarios, lambda scenario: scenario.forecast)
    done: list[tuple[list[int], tuple[ScenarioResult, ...]]] = []
    for setting, indices in groups.items():
        fitted = None if forecasts is None else forecasts.get(setting)
        try:
            found = run_unique(demand, [scenarios[i] for i in indices], forecasts=fitted, skus=skus)
        except JitError as exc:
            if names is None:
                raise
            group = [(names[i], scenarios[i]) for i in indices]
            raise _named(exc, demand, group, fitted, skus) from None
        done.append((indices, found))
    return in_order(len(scenarios), done)


def _named(
    exc: JitError,
    demand: DemandData,
    group: Sequence[tuple[str, Scenario]],
    fitted: Mapping[str, ForecastResult] | None,
    skus: Sequence[str] | None,
) -> JitError:
    """``exc`` with the name of the first scenario of ``group`` that fails on its own (the
    others run alone until one does; only after a failure)."""
    culprit = group[0][0]
    if len(group) > 1:
        for name, scenario in group:
            try:
                run_unique(demand, [scenario], forecasts=fitted, skus=skus)
            except JitError:
                culprit = name
                break
        else:  # only together are they too much (e.g. the size of one run)
            culprit = " and ".join(name for name, _ in group)
    return type(exc)(f"Scenario {culprit!r}: {exc.message}", exc.hint)


def compare_scenarios(
    demand: DemandData,
    scenarios: Mapping[str, Scenario],
    *,
    reference: str | None = None,
    forecasts: ForecastsBySetting | None = None,
    skus: Sequence[str] | None = None,
) -> ScenarioComparison:
    """Run 2–4 named ``scenarios`` on ``demand`` for ``skus`` (default: every SKU); changes are
    measured against ``reference`` (default: the first). ``forecasts`` may hold the fitted
    forecasts of the scenarios' forecast settings (the rest are fitted here)."""
    check_count(len(scenarios))
    names = tuple(scenarios)
    reference = names[0] if reference is None else reference
    if reference not in names:
        raise JitError(
            f"The reference {reference!r} is not among the compared scenarios.",
            "Pick the reference from the compared scenarios.",
        )
    results = run_by_forecast(
        demand, list(scenarios.values()), forecasts=forecasts, skus=skus, names=names
    )
    return ScenarioComparison(names, results, reference, horizon_label(results[0]))
