"""The forecast chart's layout: the legend never sits on the axis title."""

from __future__ import annotations

import pandas as pd

from jitcore.charts.forecast import forecast_figure
from jitcore.forecast import ForecastSettings, forecast_sku


def test_legend_sits_at_the_foot_of_the_figure_below_the_axis_title() -> None:
    # A 6-week history gets two-line date ticks ("Jan 14" over "2024"); a legend placed a
    # fixed share of the plot height under the axis then covered the "Week" title.
    series = pd.Series(
        [5.0, 6.0, 3.0, 4.0, 7.0, 5.0], index=pd.date_range("2024-01-01", periods=6, freq="W-MON")
    )
    result = forecast_sku(series, ForecastSettings(horizon=12), frequency="W")
    layout = forecast_figure(result, frequency="W", height=460).to_dict()["layout"]
    legend = layout["legend"]
    assert (legend["yref"], legend["y"], legend["yanchor"]) == ("container", 0, "bottom")
    # Room under the plot for ticks on two lines (~40 px), the axis title (~25 px) and one
    # legend row (~25 px).
    assert layout["margin"]["b"] >= 120
    assert layout["xaxis"]["title"]["text"] == "Week"
