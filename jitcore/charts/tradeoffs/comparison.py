"""Baseline vs what-if (or more scenarios): cost parts side by side."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from jitcore.charts.theme import style
from jitcore.charts.tradeoffs.common import SCENARIO_COLORS, big_ticks, money_title
from jitcore.formatting import compact, money
from jitcore.kpis import Kpis
from jitcore.tradeoffs.comparison import Comparison
from jitcore.vocabulary import COST_PART_LABELS

_COSTS = (*COST_PART_LABELS.items(), ("total_cost", "Total"))


def comparison_cost_figure(comparison: Comparison, *, height: int = 480) -> go.Figure:
    """Grouped bars of each cost part and the total, baseline (grey) next to what-if (blue)."""
    kpis = {comparison.baseline.scenario.name: comparison.baseline.kpis}
    # the what-if keeps its bars when it carries the baseline's name
    kpis.setdefault(comparison.whatif.scenario.name, comparison.whatif.kpis)
    if len(kpis) == 1:
        kpis["What-if"] = comparison.whatif.kpis
    return cost_parts_figure(
        kpis,
        currency=comparison.baseline.scenario.costs.currency,
        horizon=comparison.horizon,
        title="Cost by part: baseline vs what-if",
        height=height,
    )


def cost_parts_figure(
    kpis: Mapping[str, Kpis], *, currency: str, horizon: str, title: str, height: int = 480
) -> go.Figure:
    """Grouped bars of each cost part and the total, one colour per scenario (in the order of
    ``kpis``: grey, blue, green, pink), each bar labelled with its amount."""
    names = [label for _, label in _COSTS]
    fig = go.Figure()
    for i, (scenario, values) in enumerate(kpis.items()):
        amounts = [float(getattr(values, kpi)) for kpi, _ in _COSTS]
        fig.add_trace(
            go.Bar(
                x=names,
                y=amounts,
                name=scenario,
                marker={"color": SCENARIO_COLORS[i % len(SCENARIO_COLORS)]},
                # three or four bars per part: shorter labels (12.3, 2,600) so they do not collide
                text=[
                    money(v, currency) if len(kpis) <= 2 else currency + compact(v) for v in amounts
                ],  # fmt: skip
                customdata=[money(v, currency) for v in amounts],
                textposition="outside",
                textfont={"size": 15 if len(kpis) <= 2 else 14},
                constraintext="none",  # readable amounts, not shrunk to the bar's width
                cliponaxis=False,
                hovertemplate=f"{scenario}: %{{x}} %{{customdata}}<extra></extra>",
            )
        )
    style(fig, title=title, y_title=money_title("Cost", currency, horizon), height=height)
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_yaxes(tickprefix=currency, separatethousands=True, rangemode="tozero")
    big_ticks(fig)
    return fig
