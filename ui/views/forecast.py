"""Views of the Forecast page: the controls (method, horizon, interval, measure, parameter
overrides), the chosen method's accuracy cards, the table of every method in the backtest and
the automatic choice for all SKUs."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from jitcore.charts.forecast import accuracy_figure, method_wins_figure, portfolio_table
from jitcore.demand import DemandData
from jitcore.forecast import (
    DEFAULT_SEASONAL_PERIOD,
    METHODS,
    METRIC_LABELS,
    ForecastResult,
    ForecastSettings,
)
from jitcore.formatting import count, duration, short
from jitcore.vocabulary import period_word
from ui import cache
from ui.state import sync

KEY_PORTFOLIO = "forecast_portfolio"
LEVELS = [0.5, 0.8, 0.9, 0.95, 0.99]
METRIC_HELP = {
    "mase": "MASE: average error divided by the error of 'same period last season'. "
    "Below 1 beats that simple rule. Works for any unit.",
    "rmsse": "RMSSE: like MASE but squares the errors, so big misses count more and a "
    "forecast of zero is not rewarded for items that rarely sell.",
    "mae": "MAE: average size of the error, in units.",
    "rmse": "RMSE: error in units, big misses count more.",
    "smape": "sMAPE: error as a percentage of demand and forecast together (0 to 200).",
    "mape": "MAPE: error as a percentage of demand (periods without demand are left out).",
}
OVERRIDES = {
    "alpha": (
        "Alpha (level)",
        0.01,
        1.0,
        0.05,
        "How fast the forecast follows recent demand: near 0 = slow and steady, near 1 = "
        "jumps with every period. Used by exponential smoothing, Holt, Holt-Winters, ETS, "
        "Croston, SBA (smoothing constant) and TSB (order size).",
    ),
    "beta": (
        "Beta (trend / probability)",
        0.0,
        1.0,
        0.05,
        "How fast the trend adapts (Holt, Holt-Winters; ETS only with alpha set), or how fast "
        "the chance of an order adapts (TSB).",
    ),
    "gamma": (
        "Gamma (season)",
        0.0,
        1.0,
        0.05,
        "How fast the seasonal pattern adapts (Holt-Winters, ETS). 0 keeps it fixed.",
    ),
    "damping": (
        "Damping (phi)",
        0.8,
        1.0,
        0.01,
        "How quickly the trend fades: 1 = never (straight line), 0.8 = flattens fast. Setting "
        "it makes Holt and Holt-Winters damped.",
    ),
}


def _method_label(name: str) -> str:
    return "Automatic (best in the backtest)" if name == "auto" else METHODS[name].label


def _overrides_note(settings: ForecastSettings, period: str) -> str:
    """The overrides in force, said outside the (usually closed) expander that sets them."""
    parts = [
        f"{OVERRIDES[name][0].split(' (')[0].lower()} {value:g}"
        for name, value in settings.overrides().items()
        if name in OVERRIDES
    ]
    if settings.window is not None:
        parts.append(f"window {settings.window} {period}s")
    if settings.seasonal_period is not None:
        parts.append(f"season length {settings.seasonal_period} {period}s")
    if not parts:
        return ""
    return f" **Overrides in use:** {', '.join(parts)} (clear them under Parameter overrides)."


def controls(
    data: DemandData, saved: ForecastSettings
) -> tuple[ForecastSettings, bool, DeltaGenerator]:
    """Every control, seeded from the saved settings; returns the new settings, whether to
    show the backtest folds and the place for the results (KPIs and chart). That place sits
    between the main controls and the advanced ones (parameter overrides, folds), so the chart
    and its KPIs are on the first 1280x720 screen."""
    period = period_word(data.frequency)
    options = ["auto", *METHODS]
    left, middle, right, last = st.columns([2.2, 1, 1, 1.3])
    sync("_fc_method", saved.method)
    method = left.selectbox(
        "Method",
        options,
        format_func=_method_label,
        key="_fc_method",
        help="Automatic tries every suitable method on recent history it had not seen and "
        "keeps the most accurate. Pick a method to override that choice; the table below still "
        "compares them all.",
    )
    sync("_fc_horizon", saved.horizon)
    horizon = middle.number_input(
        f"Horizon ({period}s)",
        min_value=1,
        max_value=156,
        step=1,
        key="_fc_horizon",
        help=f"How many {period}s ahead to forecast. Accuracy is measured this far ahead too.",
    )
    sync("_fc_level", saved.interval_level if saved.interval_level in LEVELS else 0.8)
    level = right.select_slider(
        "Interval",
        options=LEVELS,
        format_func=lambda v: f"{round(100 * v)} %",
        key="_fc_level",
        help="The shaded band: demand should fall inside it this often. Wider = more certain.",
    )
    metrics = list(METRIC_LABELS)
    sync("_fc_metric", saved.metric)
    metric = last.selectbox(
        "Choose by",
        metrics,
        format_func=lambda m: METRIC_LABELS[m],
        key="_fc_metric",
        help="Which accuracy measure the automatic choice minimises: "
        + METRIC_HELP[saved.metric]
        + " Items that sell only now and then are always ranked by RMSSE.",
    )
    caption_slot = st.empty()  # filled below, once the overrides of this run are known
    results = st.container()
    expander_column, toggle_column = st.columns([3.2, 1], vertical_alignment="center")
    show_folds = toggle_column.toggle(
        "Backtest folds",
        key="_fc_folds",
        help="Shade the history used for testing and draw what the method forecast at the "
        "start of each fold, using only the data before it.",
    )
    with expander_column.expander("Parameter overrides (empty = fitted from the data)"):
        st.caption(
            "Each method fits its own parameters. Type a value to fix it instead; clear the box "
            "to let the data decide again. A value applies to every method that uses it."
        )
        columns = st.columns(6)
        values: dict[str, float | int | None] = {}
        for column, (name, (label, low, high, step, text)) in zip(
            columns, OVERRIDES.items(), strict=False
        ):
            sync(f"_fc_{name}", getattr(saved, name))
            values[name] = column.number_input(
                label,
                min_value=low,
                max_value=high,
                value=None,
                step=step,
                format="%.2f",
                key=f"_fc_{name}",
                placeholder="fitted",
                help=text,
            )
        default_period = DEFAULT_SEASONAL_PERIOD[data.frequency]
        counts = {
            "seasonal_period": ("_fc_season", f"Season length ({period}s)", 366,
                                f"{default_period}",
                                f"{period.capitalize()}s in one seasonal cycle (default "
                                f"{default_period}). 1 = no seasonality. Seasonal methods "
                                "need two full cycles of history."),
            "window": ("_fc_window", f"Window ({period}s)", 156, "fitted",
                       "How many recent periods the moving average averages."),
        }  # fmt: skip
        for column, (name, (key, label, top, placeholder, text)) in zip(
            columns[4:], counts.items(), strict=True
        ):
            sync(key, getattr(saved, name))
            values[name] = column.number_input(
                label, 1, top, value=None, step=1, key=key, placeholder=placeholder, help=text
            )
    settings = ForecastSettings(
        method=method,
        horizon=int(horizon),
        interval_level=float(level),
        metric=metric,
        **{k: v for k, v in values.items() if v is not None},
    )
    caption_slot.caption(
        (
            "Automatic: every suitable method is backtested and the most accurate one is used."
            if method == "auto"
            else f"{METHODS[method].label}: {METHODS[method].help}"
        )
        + _overrides_note(settings, period)
    )
    return settings, show_folds, results


def summary(result: ForecastResult, period: str, *, automatic: bool) -> None:
    accuracy = result.accuracy
    table = result.candidates
    added = (
        float(table.loc[result.method, "value_added_pct"])
        if result.method in table.index
        else math.nan
    )
    chosen_by = "chosen automatically" if automatic else "your choice"
    st.caption(
        f"**{result.label}**: {chosen_by}; {result.description}; demand class "
        f"{result.demand_class}."
    )
    cards = st.columns(4)
    cards[0].metric(
        "MASE (backtest)",
        short(accuracy.mase if accuracy else math.nan),
        help=METRIC_HELP["mase"] + " Measured on history the method had not seen.",
    )
    cards[1].metric(
        "Value added over naive",
        "–" if not math.isfinite(added) else f"{added:+.0f} %",
        help="How much smaller the average error is than just repeating last period's demand.",
    )
    cards[2].metric(
        f"Bias (units per {period})",
        short(accuracy.bias if accuracy else math.nan),
        help="Average of demand minus forecast in the backtest. Positive: the forecast was "
        "too low (risk of running out); negative: too high (extra stock).",
    )
    cards[3].metric(
        f"Error σ, next {period}",
        short(float(result.error_sd[0])),
        help="Typical size of the forecast error one period ahead, measured in the backtest. "
        "The Plan page uses the error over the lead time to size the safety stock.",
    )


COLUMN_LABELS = {
    "label": "Method",
    "rank": "Rank",
    "mase": "MASE",
    "rmsse": "RMSSE",
    "mae": "MAE",
    "rmse": "RMSE",
    "mape": "MAPE %",
    "smape": "sMAPE %",
    "bias": "Bias",
    "tracking_signal": "Tracking signal",
    "value_added_pct": "Value added over naive %",
}


def candidates_table(result: ForecastResult, period: str) -> None:
    table = result.candidates.copy()
    chosen = table["chosen"].to_numpy()
    shown = table[list(COLUMN_LABELS)].rename(columns=COLUMN_LABELS)
    shown.insert(0, "Chosen", ["✔" if c else "" for c in chosen])
    shown = shown.reset_index(drop=True)

    def highlight(row: pd.Series) -> list[str]:
        style = "background-color: rgba(213,94,0,0.18); font-weight: bold"
        return [style if row["Chosen"] else ""] * len(row)

    styled = shown.style.apply(highlight, axis=1).format(
        {label: "{:,.3g}" for label in list(COLUMN_LABELS.values())[2:]}, na_rep="–"
    )
    help_texts = {
        "MASE": METRIC_HELP["mase"],
        "RMSSE": METRIC_HELP["rmsse"],
        "MAE": f"Average error in units per {period}.",
        "RMSE": f"Root mean squared error in units per {period}.",
        "MAPE %": METRIC_HELP["mape"],
        "sMAPE %": METRIC_HELP["smape"],
        "Bias": f"Average of demand minus forecast (units per {period}); positive = too low.",
        "Tracking signal": "Running sum of errors divided by the average error. Beyond ±4 the "
        "method is consistently too high or too low.",
        "Value added over naive %": "How much smaller the MAE is than repeating last "
        "period's demand (the naive method).",
        "Rank": f"Order by {METRIC_LABELS[result.selection_metric]}, the measure the automatic "
        "choice used for this SKU.",
    }
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        column_config={
            name: st.column_config.Column(help=text) for name, text in help_texts.items()
        },
    )


def _duration_note(skus: int, seconds_per_sku: float = 0.05) -> str:
    """A rough run time for forecasting every SKU, said up front when it is more than a minute
    (measured: ~0.06 s of CPU per monthly SKU of 30 years, most of it fitting ETS models, on
    2 worker processes; a busy machine takes longer)."""
    seconds = skus * seconds_per_sku
    if seconds < 60:
        return ""
    size = f"about {duration(seconds)}"
    return (
        f" With this many SKUs it takes {size}; a bar shows the progress and the app stays "
        "busy until it is done."
    )


def portfolio_section(data: DemandData, settings: ForecastSettings) -> None:
    st.subheader("All SKUs")
    portfolio_settings = settings.model_copy(
        update={
            "method": "auto",
            "alpha": None,
            "beta": None,
            "gamma": None,
            "damping": None,
            "window": None,
        }
    )
    token = (data.fingerprint, portfolio_settings)
    skus = count(len(data.skus), "SKU")
    st.caption(
        f"The automatic choice for each of the {skus}, with the horizon, "
        "interval and measure above (overrides are not applied)." + _duration_note(len(data.skus))
    )
    if st.session_state.get(KEY_PORTFOLIO) != token:
        st.button(
            f"Forecast all {skus}",
            key="_fc_portfolio",
            on_click=lambda: st.session_state.__setitem__(KEY_PORTFOLIO, token),
            help="Backtests every method on every SKU (about 300 SKUs in 15 s on 2 cores).",
        )
        return
    results = cache.forecasts(data, portfolio_settings)
    left, right = st.columns(2)
    left.plotly_chart(method_wins_figure(results), width="stretch", key="_fc_wins")
    right.plotly_chart(accuracy_figure(results, metric="mase"), width="stretch", key="_fc_acc")
    st.dataframe(
        portfolio_table(results).style.format(
            "{:,.3g}", subset=["MASE", "RMSSE", "Bias", "Value added over naive (%)"]
        ),
        width="stretch",
    )
