"""The classic chart of the bullwhip game: orders placed by each stage against end-customer
demand (top) and each stage's net stock, on hand − backlog (bottom), week by week. The x axis
spans the whole round from the first week, so the chart does not rescale as weeks are played."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jitcore.chain import ChainGame
from jitcore.charts.theme import COLORS, FONT_SIZE, style
from jitcore.vocabulary import period_word

#: One colour per stage from the customer upwards (Okabe-Ito, colour-blind safe).
STAGE_COLORS: tuple[str, ...] = ("#0072B2", "#009E73", "#E69F00", "#D55E00")
ORDERS_TITLE = "Orders placed"
STOCK_TITLE = "Net stock (on hand − backlog)"


def chain_chart(
    demand: np.ndarray,
    orders: np.ndarray,
    net_stock: np.ndarray,
    names: Sequence[str],
    *,
    periods: int,
    frequency: str = "W",
    player: int | None = None,
    height: int = 430,
) -> go.Figure:
    """Orders ``[period, stage]`` with ``demand`` ``[period]`` above, ``net_stock`` below, over
    an axis of ``periods`` periods; the ``player``'s stage is drawn thicker."""
    word = period_word(frequency)
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
        subplot_titles=(ORDERS_TITLE, STOCK_TITLE),
    )  # fmt: skip
    x = np.arange(1, len(demand) + 1)
    fig.add_trace(
        go.Scatter(
            x=x, y=demand, name="Demand", mode="lines",
            line={"color": COLORS["demand"], "width": 2, "dash": "dot"}, legendgroup="demand",
        ),
        row=1, col=1,
    )  # fmt: skip
    for i, name in enumerate(names):
        width = 4.5 if i == player else 2.5
        label = name.capitalize()  # the room's stage: the thick line
        line = {"color": STAGE_COLORS[i % len(STAGE_COLORS)], "width": width}
        fig.add_trace(
            go.Scatter(x=x, y=orders[:, i], name=label, mode="lines+markers", line=line,
                       marker={"size": 5}, legendgroup=name),
            row=1, col=1,
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(x=x, y=net_stock[:, i], name=label, mode="lines+markers", line=line,
                       marker={"size": 5}, legendgroup=name, showlegend=False),
            row=2, col=1,
        )  # fmt: skip
    fig.add_hline(y=0, line={"color": COLORS["baseline"], "width": 1}, row=2, col=1)
    style(fig, x_title="", y_title="units", height=height)
    fig.update_xaxes(range=[0.5, periods + 0.5])
    fig.update_xaxes(title={"text": word.capitalize(), "font": {"size": FONT_SIZE}}, row=2, col=1)
    fig.update_layout(
        margin={"t": 50, "b": 40, "l": 60, "r": 10},
        legend={
            "orientation": "h",
            "x": 0,
            "y": 1.06,
            "yanchor": "bottom",
            "font": {"size": 14},
            "itemwidth": 30,
        },  # fmt: skip
    )
    fig.update_annotations(font={"size": FONT_SIZE + 1})
    return fig


def game_chart(game: ChainGame, *, player: int | None = None, height: int = 430) -> go.Figure:
    """:func:`chain_chart` of the weeks played in a round."""
    return chain_chart(
        game.series("demand"),
        game.series("orders"),
        game.net_stock(),
        game.settings.names,
        periods=game.settings.periods,
        player=player,
        height=height,
    )
