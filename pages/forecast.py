"""Forecast: which method fits each SKU, how accurate it was on data it had not seen, and the
user's overrides. Thin: widgets -> ForecastSettings -> cached jitcore calls -> charts."""

from __future__ import annotations

import streamlit as st

from jitcore.charts.forecast import forecast_figure
from jitcore.forecast import METRIC_LABELS
from jitcore.formatting import plain
from jitcore.vocabulary import period_word
from ui import cache, presentation, state
from ui.views import forecast as view

KEY_LAST_GOOD = "forecast_last_good"


def main() -> None:
    st.title("Forecast")
    st.caption(
        "Which method fits this SKU and how accurate it really was on recent history it had "
        "not seen (a backtest). The measured error sizes the safety stock on the Plan page. "
        "Pick the SKU in the sidebar."
    )
    data, sku = state.demand(), state.selected_sku()
    period = period_word(data.frequency)
    saved = state.scenario().forecast
    settings, show_folds, results = view.controls(data, saved)
    if settings != saved:
        # The forecast settings are part of the scenario the Plan and Supply pages simulate.
        state.set_scenario(state.scenario().model_copy(update={"forecast": settings}))
    with st.spinner("Backtesting the methods…"):
        shown = state.last_good(
            lambda value: cache.forecast(data, sku, value),
            settings,
            st.session_state.get(KEY_LAST_GOOD),
        )
    if shown is None:
        return
    result, settings = shown
    st.session_state[KEY_LAST_GOOD] = settings
    with results:  # KPIs first, then the chart: both on the first screen
        view.summary(result, period, automatic=settings.method == "auto")
        st.plotly_chart(
            forecast_figure(
                result,
                frequency=data.frequency,
                show_folds=show_folds,
                height=presentation.chart_height(460, 330),
            ),
            width="stretch",
            key="_fc_chart",
        )
    if result.parameters:
        names = {"alpha": "α", "beta": "β", "gamma": "γ", "damping": "φ"}
        fixed = settings.overrides()
        text = ", ".join(
            f"{names.get(k, k.replace('_', ' '))} = {v:.3g}" + (" (fixed)" if k in fixed else "")
            for k, v in result.parameters.items()
        )
        st.caption(f"Parameters: {text}.")
    for note in result.notes:
        st.caption(f"ℹ️ {plain(note)}")
    st.subheader("How every method did in the backtest")
    st.caption(
        f"Ranked by {METRIC_LABELS[result.selection_metric]} over "
        f"{result.backtest.forecasts.shape[0] if result.backtest else 0} forecast origins, up to "
        f"{result.backtest.forecasts.shape[1] if result.backtest else 0} {period}s ahead. "
        + (
            "This SKU sells intermittently, so RMSSE ranks the methods: average-error measures "
            "favour forecasting zero for such items."
            if result.selection_metric == "rmsse" and settings.metric != "rmsse"
            else ""
        )
    )
    view.candidates_table(result, period)
    with st.expander("Forecast values"):
        values = result.forecast.copy()
        values["error σ"] = result.error_sd
        values.index = values.index.date
        st.dataframe(values.style.format("{:,.4g}"), width="stretch")
    view.portfolio_section(data, settings)


main()
