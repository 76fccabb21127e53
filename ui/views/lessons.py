"""Views of the Learn JIT page: the lesson picker, one lesson as predict-then-reveal (question,
prediction, controls, reveal with chart and numbers, takeaway, link to the full page)."""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go
import streamlit as st

from jitcore.formatting import plain
from jitcore.lessons.catalog import (
    LESSONS,
    LESSONS_BY_KEY,
    Control,
    Lesson,
    LessonItem,
    Reveal,
)
from jitcore.lessons.exercises import LessonCall
from ui import presentation, state
from ui.views.tradeoffs.common import chart as titled_chart

KEY = "learn"
PREFS = state.Memory("learn_prefs")
#: Query parameter that opens one lesson (``?lesson=postponement``), for a trainer's links.
QUERY = "lesson"


def calls() -> dict[str, LessonCall]:
    """The room's latest prediction and answer per lesson revealed this session (the Trainer's
    debrief lists them)."""
    return st.session_state.setdefault(f"{KEY}_calls", {})


def pick_lesson() -> Lesson:
    """The lesson picker (numbered as a session runs through them); ``?lesson=`` opens one."""
    keys = [lesson.key for lesson in LESSONS]
    asked = st.query_params.get(QUERY)
    if asked in LESSONS_BY_KEY and PREFS.get("from_query") != asked:
        PREFS.set("lesson", asked)
        PREFS.set("from_query", asked)
    key = st.selectbox(
        "Lesson",
        keys,
        format_func=lambda k: f"{keys.index(k) + 1} · {LESSONS_BY_KEY[k].element}",
        help="One lesson per JIT element, in the order of a training session.",
        **PREFS.widget(f"{KEY}_lesson", keys[0], name="lesson", options=keys),
    )
    return LESSONS_BY_KEY[key]


def _revealed() -> dict[str, bool]:
    return st.session_state.setdefault(f"{KEY}_revealed", {})


def prediction(lesson: Lesson) -> int | None:
    """The audience's prediction (none until one is picked)."""
    labels = [label for label, _ in lesson.choices]
    choice = st.radio(
        "Your prediction",
        range(len(labels)),
        format_func=labels.__getitem__,
        index=None,
        key=f"{KEY}_{lesson.key}_prediction",
        help="Make the room commit to an answer first, then reveal.",
    )
    return choice


def sliders(
    controls: Iterable[Control], memory: state.Memory, key: str, name: str
) -> dict[str, float]:
    """One slider per control, remembered in ``memory`` (widget ``{key}_{control}``, saved as
    ``{name}.{control}``); returns their values by control name."""
    values = {}
    for control in controls:
        values[control.name] = st.slider(
            control.label,
            min_value=float(control.low),
            max_value=float(control.high),
            step=float(control.step),
            format=control.format,
            help=control.help or None,
            **memory.widget(f"{key}_{control.name}", float(control.default),
                            name=f"{name}.{control.name}"),
        )  # fmt: skip
    return values


def controls(lesson: Lesson) -> dict[str, float]:
    """The lesson's sliders; returns their values by name."""
    return sliders(lesson.controls, PREFS, f"{KEY}_{lesson.key}", lesson.key)


def reveal_buttons(lesson: Lesson, predicted: int | None) -> bool:
    """Reveal / hide; returns whether the answer is shown."""
    shown = _revealed()
    if shown.get(lesson.key):
        if st.button("Hide the answer", key=f"{KEY}_{lesson.key}_hide", width="stretch"):
            shown[lesson.key] = False
            st.rerun()
        return True
    if st.button(
        "Reveal",
        key=f"{KEY}_{lesson.key}_reveal",
        type="primary",
        icon=":material/visibility:",
        width="stretch",
        help="Show the answer, the chart and the numbers." if predicted is not None else
        "Pick a prediction first — or reveal without one.",
    ):  # fmt: skip
        shown[lesson.key] = True
        st.rerun()
    return False


def verdict(lesson: Lesson, result: Reveal, predicted: int | None) -> None:
    """Right or not, in one short line (the numbers and the reason are beside it)."""
    answer = lesson.answer(result)
    right = lesson.choices[answer][0]
    if predicted is not None:
        calls()[lesson.key] = LessonCall(lesson.element, lesson.choices[predicted][0], right)
    if predicted is None:
        st.info(f"Answer: **{right}**.")
    elif predicted == answer:
        st.success(f"Right: **{right}**.")
    else:
        st.warning(f"Not quite: the answer is **{right}**.")


#: How a reveal writes a change: ``before → after``.
ARROW = " → "


def numbers(result: Reveal) -> None:
    """One card per number; a change shows the new value large and the old one under it."""
    for column, number in zip(st.columns(len(result.numbers)), result.numbers, strict=True):
        before, _, after = number.value.rpartition(ARROW)
        column.metric(
            number.label,
            after,
            delta=f"from {before}" if before else None,
            delta_color="off",
            delta_arrow="off",
            help=number.help or None,
            border=False,
        )


def chart(result: Reveal) -> None:
    fig = go.Figure(result.figure)  # a copy: the reveal is cached and shared
    fig.update_layout(height=presentation.chart_height(int(fig.layout.height or 420), 300))
    titled_chart(fig, f"{KEY}_chart")


def waiting(item: LessonItem) -> None:
    with st.container(border=True):
        st.markdown(
            f"**Taught on {plain(item.name)}**: {item.mean:,.1f} units a {item.period} on average, "
            f"σ {item.sd:,.1f}; lead time {item.lead_time} + review {item.review_period} "
            f"{item.period}s, cycle service {item.cycle_service_level:.0%} (the working scenario)."
        )
        st.caption("Pick a prediction, then press **Reveal** to see the chart and the numbers.")


def takeaway(lesson: Lesson, result: Reveal) -> None:
    st.markdown(f"{result.detail}\n\n**Takeaway.** {lesson.takeaway}")
    st.page_link(lesson.page, label=lesson.page_label, icon=":material/arrow_forward:")
