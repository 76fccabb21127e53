"""Baseline vs what-if: cost parts side by side."""

from __future__ import annotations

import plotly.graph_objects as go

from jitcore.charts.theme import COLORS, style
from jitcore.charts.tradeoffs.common import WHATIF_COLOR, big_ticks, money_title
from jitcore.formatting import money
from jitcore.tradeoffs.comparison import Comparison
from jitcore.vocabulary import COST_PART_LABELS

_COSTS = (*COST_PART_LABELS.items(), ("total_cost", "Total"))


def comparison_cost_figure(comparison: Comparison, *, height: int = 480) -> go.Figure:
    """Grouped bars of each cost part and the total, baseline (grey) next to what-if (blue)."""
    c = comparison.baseline.scenario.costs.currency
    names = [label for _, label in _COSTS]
    fig = go.Figure()
    for result, color in ((comparison.baseline, COLORS["baseline"]),
                          (comparison.whatif, WHATIF_COLOR)):  # fmt: skip
        values = [float(getattr(result.kpis, kpi)) for kpi, _ in _COSTS]
        fig.add_trace(
            go.Bar(
                x=names,
                y=values,
                name=result.scenario.name,
                marker={"color": color},
                text=[money(v, c) for v in values],
                textposition="outside",
                textfont={"size": 15},
                cliponaxis=False,
                hovertemplate=f"{result.scenario.name}: %{{x}} %{{text}}<extra></extra>",
            )
        )
    style(
        fig,
        title="Cost by part: baseline vs what-if",
        y_title=money_title("Cost", c, comparison.horizon),
        height=height,
    )
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_yaxes(tickprefix=c, separatethousands=True, rangemode="tozero")
    big_ticks(fig)
    return fig
