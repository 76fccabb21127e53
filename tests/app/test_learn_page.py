"""The Learn JIT page: every lesson runs predict-then-reveal on the teaching sample, and says
whether the room's prediction was right; presentation mode switches on from the address."""

from __future__ import annotations

import pytest

from jitcore.lessons.catalog import LESSONS
from tests.app.session import open_app

PAGE = "pages/learn.py"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.key)
def test_every_lesson_reveals_its_answer(lesson) -> None:
    at = open_app(PAGE)
    at.selectbox(key="learn_lesson").set_value(lesson.key).run()
    assert not at.exception
    assert any(lesson.title in m.value for m in at.markdown)
    assert not at.get("plotly_chart")  # nothing shown before the reveal
    at.radio(key=f"learn_{lesson.key}_prediction").set_value(0).run()
    at.button(key=f"learn_{lesson.key}_reveal").click().run()
    assert not at.exception, [e.value for e in at.exception]
    verdicts = [*at.success, *at.warning]
    assert len(verdicts) == 1
    assert "answer" in verdicts[0].value.lower() or "Right" in verdicts[0].value
    assert len(at.get("plotly_chart")) == 1
    assert len(at.metric) >= 2
    assert any("Takeaway" in m.value for m in at.markdown)


def test_postponement_default_is_half_and_the_right_prediction_is_praised() -> None:
    at = open_app(PAGE)
    at.selectbox(key="learn_lesson").set_value("postponement").run()
    labels = at.radio(key="learn_postponement_prediction").options
    at.radio(key="learn_postponement_prediction").set_value(labels.index("About half")).run()
    at.button(key="learn_postponement_reveal").click().run()
    assert at.success and "About half" in at.success[0].value
    call = at.session_state["learn_calls"]["postponement"]
    assert call.right and call.element == "Later-stage customisation"  # for the debrief
    pooled = next(m for m in at.metric if m.label == "Pooled / apart")
    assert pooled.value == "50 %"


def test_moving_a_control_after_the_reveal_updates_the_numbers() -> None:
    at = open_app(PAGE)
    at.selectbox(key="learn_lesson").set_value("postponement").run()
    at.button(key="learn_postponement_reveal").click().run()
    assert at.info  # revealed without a prediction
    at.slider(key="learn_postponement_variants").set_value(9.0).run()
    pooled = next(m for m in at.metric if m.label == "Pooled / apart")
    assert pooled.value == "33 %"  # √9 / 9


def test_a_lesson_opens_from_the_address() -> None:
    at = open_app()
    at.query_params["lesson"] = "quality"
    at.switch_page(PAGE)
    at.run()
    assert at.selectbox(key="learn_lesson").value == "quality"
