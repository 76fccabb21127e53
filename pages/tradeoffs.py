"""Trade-offs: what service costs, what smaller lots and JIT levers are worth, which inputs
matter, and the current settings against a saved baseline. Thin: widgets -> settings -> one
cached jitcore call per view -> charts and plain-language reading help."""

from __future__ import annotations

import streamlit as st

from jitcore.errors import JitError
from ui import state
from ui.messages import show_error
from ui.views.tradeoffs import VIEWS
from ui.views.tradeoffs.common import PREFS
from ui.views.tradeoffs.controls import scope, target_slider


def main() -> None:
    data = state.demand()
    st.title("Trade-offs")
    st.caption(
        "What does service, a smaller lot or a JIT lever cost, and what does it gain? Every "
        "chart simulates your working settings on the same demand draws; your setting is marked."
    )
    left, right = st.columns(2, gap="large")
    with left:
        skus = scope(data)
    with right:
        target_slider(state.scenario())
    view = st.segmented_control(
        "Show",
        list(VIEWS),
        format_func=lambda name: VIEWS[name][0],
        required=True,
        label_visibility="collapsed",
        **PREFS.widget("_to_view", "frontier", options=VIEWS),
    )
    _, draw = VIEWS[view]
    try:
        draw(data, state.scenario(), skus)
    except JitError as exc:
        show_error(exc)


main()
