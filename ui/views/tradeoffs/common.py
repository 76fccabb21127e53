"""Pieces every Trade-offs view uses: the page's own settings, a chart with its title as a
heading, and the plain-language reading help."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from jitcore.formatting import plain
from ui import presentation
from ui.state import Memory

#: The Trade-offs page's own settings (view, scope, sweep ranges, lever amounts …).
PREFS = Memory("tradeoffs_prefs")


def chart(fig: go.Figure, key: str) -> None:
    """The figure's title as a heading (it wraps instead of colliding with a legend of several
    rows), then the chart; the legend above the plot makes its own room."""
    title = fig.layout.title.text
    if title:
        st.markdown(f"##### {plain(title)}")
        fig.update_layout(title_text="", margin={"t": 30})
    fig.update_layout(height=presentation.chart_height(int(fig.layout.height or 450), 360))
    st.plotly_chart(fig, theme=None, width="stretch", key=key)


def read(lines: tuple[str, ...]) -> None:
    """Reading help as a short list in a box."""
    if lines:
        st.info("\n".join(f"- {line}" for line in lines))
