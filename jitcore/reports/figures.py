"""The key charts of a report, for the SKU it shows: supply and demand before (baseline) and
after (scenario), the cost parts of both, and demand against order variability. Built by the
app's chart builders (:mod:`jitcore.charts.supply_demand`), titled with what, SKU and scenario."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from jitcore.charts.supply_demand import (
    cost_figure,
    kpi_window,
    supply_demand_figure,
    variability_figure,
)
from jitcore.reports.content import ReportContent
from jitcore.reports.images import titled
from jitcore.vocabulary import period_word


@dataclass(frozen=True)
class ReportFigure:
    """One chart of a report: ``key`` (file-name safe), ``caption`` (what to read in it) and
    the titled ``figure``."""

    key: str
    caption: str
    figure: go.Figure


def report_figures(content: ReportContent) -> list[ReportFigure]:
    """The charts of ``content``'s SKU, before/after first when there is a baseline."""
    sku, result, baseline = content.sku, content.scenario, content.baseline
    name = f"“{result.scenario.name}”"
    period = period_word(result.frequency)
    window = kpi_window(result, sku)
    out = []
    flow = "Supply & demand"
    if baseline is not None:
        out.append(
            ReportFigure(
                "before",
                f"Before: the baseline “{baseline.scenario.name}”. Top: demand, forecast, orders "
                "and receipts per period; bottom: stock on hand, safety stock and shortages.",
                titled(
                    supply_demand_figure(baseline, sku),
                    flow,
                    sku=sku,
                    scenario=f"baseline “{baseline.scenario.name}”",
                ),  # fmt: skip
            )
        )
    out.append(
        ReportFigure(
            "after",
            f"{'After: ' if baseline is not None else ''}the scenario {name}, drawn the same way "
            "(median over the simulated paths with the P10–P90 band).",
            titled(supply_demand_figure(result, sku), flow, sku=sku, scenario=name),
        )
    )
    against = f" against baseline “{baseline.scenario.name}”" if baseline is not None else ""
    out.append(
        ReportFigure(
            "costs",
            f"Holding, ordering, shortage and defect cost over {window} {period}s{against}.",
            titled(
                cost_figure(
                    result.kpis_for(sku),
                    baseline=baseline.kpis_for(sku) if baseline is not None else None,
                    currency=result.scenario.costs.currency,
                    periods=window,
                    period=period,
                    height=520,
                ),
                "Costs",
                sku=sku,
                scenario=name + against,
            ),
        )
    )
    out.append(
        ReportFigure(
            "variability",
            "Demand per period against orders per period: below 1 the policy smooths supply, "
            "above 1 it amplifies variability upstream (bullwhip).",
            titled(
                variability_figure(result, sku, height=520),
                "Variability: demand vs orders",
                sku=sku,
                scenario=name,
            ),  # fmt: skip
        )
    )
    return out
