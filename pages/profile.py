"""Demand profile: how each SKU's demand behaves, before anyone forecasts or sizes a buffer."""

from __future__ import annotations

import streamlit as st

from jitcore.charts.profile import abc_xyz_matrix, classification_map, demand_history
from jitcore.formatting import compact, plain
from jitcore.profile import CLASS_DESCRIPTIONS, DEMAND_CLASSES, INTERMITTENT_WARNING
from ui import cache, state
from ui.views import profile as view

PREFS = state.Memory("profile_prefs")
TABLE_KEY = "profile_table"
KEY_SHOWN_ROW = "profile_table_shown_row"
DEFAULT_WINDOW = {"D": 28, "W": 8, "M": 6}


def _on_row_select() -> None:
    rows = list(st.session_state[TABLE_KEY]["selection"]["rows"])
    skus = state.demand().skus
    # The browser echoes back the row this page selected for the current SKU; only a different
    # row is the user's choice (an empty selection is a tick removed: keep the SKU).
    if rows and rows != st.session_state.get(KEY_SHOWN_ROW) and rows[0] < len(skus):
        state.select_sku(skus[rows[0]])


def main() -> None:
    st.title("Demand profile")
    st.markdown(
        "How each item's demand behaves: how often it comes, how much it varies, how much of the "
        "volume it carries, and whether it has a trend or a season. Read this before choosing a "
        "forecast or a safety stock."
    )

    data = state.demand()
    profile = cache.profile(data)
    sku = state.selected_sku()
    item = profile.item(sku)
    unit_word = "units"

    if profile.flagged:
        names = plain(", ".join(profile.flagged[:8])) + (" …" if len(profile.flagged) > 8 else "")
        st.warning(
            f"**{len(profile.flagged)} of {len(profile.items)} SKUs have intermittent or lumpy "
            f"demand** ({names}). {INTERMITTENT_WARNING}",
            icon=":material/warning:",
        )
    for note in profile.notes:
        st.caption(plain(note))

    counts = profile.class_counts()
    for column, demand_class in zip(st.columns(4), DEMAND_CLASSES, strict=True):
        column.metric(
            f"{demand_class.capitalize()} SKUs",
            f"{counts[demand_class]:,}",
            help=CLASS_DESCRIPTIONS[demand_class],
            border=True,
        )

    # The table's selected row mirrors the selected SKU, whichever way it was picked.
    selected_row = list(profile.skus).index(sku)
    st.session_state[KEY_SHOWN_ROW] = [selected_row]
    table_state = st.session_state.get(TABLE_KEY)
    if table_state is None or list(table_state["selection"]["rows"]) != [selected_row]:
        st.session_state[TABLE_KEY] = {"selection": {"rows": [selected_row]}}

    st.subheader("Every SKU")
    st.caption("Click a column title to sort. Tick a row to chart that SKU below.")
    st.dataframe(
        view.display_table(profile, cache.sparklines(data)),
        hide_index=True,
        column_config=view.column_config(unit_word),
        column_order=view.COLUMN_ORDER,
        key=TABLE_KEY,
        on_select=_on_row_select,
        selection_mode="single-row",
        height=min(38 * (len(profile.items) + 1) + 4, 560),
        row_height=38,
    )

    st.subheader(f"Selected SKU: {plain(sku)} · {item.demand_class}")
    metrics = st.columns(5)
    metrics[0].metric("ABC · XYZ", f"{item.abc} · {item.xyz}")
    metrics[1].metric("ADI", f"{item.adi:.2f}" if item.adi < float("inf") else "no demand")
    metrics[2].metric("CV²", f"{item.cv2:.2f}")
    metrics[3].metric("Zero periods", f"{item.zero_share:.0%}")
    metrics[4].metric(
        f"Mean per period ({unit_word})", compact(item.mean), help=f"{item.mean:,.1f}"
    )
    if item.intermittent:
        st.info(
            f"**{plain(sku)} is {item.demand_class}**: size its buffer with the intermittent methods, "
            "not with a normal-distribution safety stock formula."
        )

    series = data.series(sku)
    top = max(3, min(52, len(series)))
    window = st.slider(
        "Rolling mean over (periods)",
        min_value=2,
        max_value=top,
        help="The rolling mean smooths the history to show its level.",
        **PREFS.widget(
            "_profile_window_widget",
            min(DEFAULT_WINDOW.get(data.frequency, 6), top),
            name="window",
            options=range(2, top + 1),
        ),  # fmt: skip
    )
    title = f"{sku}: {item.demand_class} demand, class {item.abc}{item.xyz}"
    st.plotly_chart(
        demand_history(series, frequency=data.frequency, window=window, title=title),
        width="stretch",
        theme=None,  # keep the projector-sized fonts of jitcore.charts.theme
    )

    st.subheader("The whole assortment")
    st.plotly_chart(classification_map(profile, highlight=sku), width="stretch", theme=None)
    left, right = st.columns([3, 2], vertical_alignment="center")
    left.plotly_chart(abc_xyz_matrix(profile.abc_xyz_counts()), width="stretch", theme=None)
    with right:
        view.matrix_help()
    view.explanation()


main()
