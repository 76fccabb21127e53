"""Learn JIT: one lesson per JIT element, predict-then-reveal, on the selected SKU of the active
data (the teaching sample or the user's own). Thin: picker -> controls -> one core call ->
verdict, chart and numbers."""

from __future__ import annotations

import streamlit as st

from jitcore.errors import JitError
from jitcore.lessons.catalog import lesson_item
from ui import cache, state
from ui.messages import show_error
from ui.sidebar import sku_picker
from ui.views import lessons as view


def main() -> None:
    title, picker, item_picker = st.columns([1.6, 1.6, 1], vertical_alignment="bottom")
    title.title("Learn JIT")
    with picker:
        lesson = view.pick_lesson()
    with item_picker:
        sku_picker(f"{view.KEY}_sku", help="The item the lesson is taught on.")
    st.caption(
        "Eight lessons, one per JIT element. Read the question, let the room predict, move the "
        "controls, then reveal. Numbers come from the selected SKU and the working scenario."
    )
    st.markdown(f"#### {lesson.title}\n{lesson.question}")
    left, right = st.columns([1, 2.3], gap="large")
    with left:
        predicted = view.prediction(lesson)
        values = view.controls(lesson)
        shown = view.reveal_buttons(lesson, predicted)
    try:
        item = lesson_item(state.demand(), state.selected_sku(), state.scenario())
        result = cache.lesson_reveal(lesson, item, values)
    except JitError as exc:
        with right:
            show_error(exc)
        return
    if not shown:
        with right:
            view.waiting(item)
        return
    with left:
        view.verdict(lesson, result, predicted)
    with right:
        view.numbers(result)
        view.chart(result)
        view.takeaway(lesson, result)


main()
