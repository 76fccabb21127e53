"""Rendering the widgets of :mod:`ui.widgets.fields` and applying their values.

Each widget follows the scenario through :func:`ui.state.sync`: it shows the scenario's value
when it is drawn first or when the scenario changed elsewhere (a file loaded in the sidebar,
another page), and keeps the user's edit otherwise, even one the scenario refused."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st

from jitcore.errors import ScenarioError
from jitcore.scenario import Scenario
from jitcore.vocabulary import period_word
from ui.messages import show_error
from ui.state import sync
from ui.widgets.describe import LABELS, same
from ui.widgets.fields import FIELDS, Field


def _percent(value: float) -> float:
    return round(100.0 * value, 4)


def _fraction(value: float) -> float:
    return round(value / 100.0, 8)


def _options(field: Field, label: str, current: Any, key: str, extra: dict[str, Any]) -> Any:
    options = list(field.options or {})
    if field.kind == "radio" and field.horizontal:
        extra["horizontal"] = True
    widget = st.radio if field.kind == "radio" else st.selectbox
    sync(key, current)
    return widget(label, options, format_func=(field.options or {}).__getitem__, key=key, **extra)


def _seed(field: Field, current: Any, top: float | None) -> Any:
    """The widget's starting value from the scenario's ``current`` one."""
    if current is None:
        return None
    value = _percent(current) if field.percent else field.cast(current)
    if field.clamp:
        value = max(value, field.lo) if field.lo is not None else value
        value = min(value, top) if top is not None else value
    return value


def render(field: Field, current: Any, *, key: str, words: Mapping[str, str]) -> Any:
    """Draw one widget seeded from ``current`` (the scenario's value) and return the value to
    put back into the scenario (a fraction for percent widgets, None for an empty optional)."""
    label = field.label.format(**words)
    extra: dict[str, Any] = {}
    if field.help is not None:
        extra["help"] = field.help.format(**words)
    if field.kind in ("select", "radio"):
        return _options(field, label, current, key, extra)
    if field.kind == "text":
        sync(key, current)
        return st.text_input(label, max_chars=field.max_chars, key=key, **extra)
    if field.kind == "steps":
        options = sorted({*field.choices, int(current)})
        sync(key, int(current))
        return int(st.select_slider(label, options=options, key=key, **extra))
    top = field.hi
    if field.grow is not None:
        top = max(field.grow.get(words["frequency"], 26), int(current))
    bounds = {"min_value": field.lo, "max_value": top, "step": field.step}
    bounds |= {"format": field.fmt, "placeholder": field.placeholder}
    kwargs = {k: v for k, v in bounds.items() if v is not None}
    sync(key, _seed(field, current, top))
    if field.kind == "slider":
        got = st.slider(label, key=key, **kwargs, **extra)
    elif field.placeholder is not None:  # an optional number: value=None lets it be emptied
        got = st.number_input(label, value=None, key=key, **kwargs, **extra)
    else:
        got = st.number_input(label, key=key, **kwargs, **extra)
    if got is None:
        return None
    return _fraction(got) if field.percent else field.cast(got)


def render_fields(
    scenario: Scenario, section: str, names: Iterable[str], *, key: str, frequency: str
) -> dict[str, Any]:
    """Draw the widgets of some settings of one section, in order; their values by name."""
    current = getattr(scenario, section)
    period = period_word(frequency)
    words = {
        "period": period,
        "Period": period.capitalize(),
        "money": scenario.costs.currency,
        "frequency": frequency,
    }
    return {
        name: render(
            FIELDS[section][name],
            getattr(current, name),
            key=f"{key}_{FIELDS[section][name].key}",
            words=words,
        )
        for name in names
    }


# --- applying values -----------------------------------------------------------------------------
def apply_section(scenario: Scenario, section: str, values: Mapping[str, Any]) -> Scenario:
    """``scenario`` with some settings of one section replaced, validated as a whole.

    Values equal to the current ones (within float noise) are left alone, so an unchanged
    widget never makes a new scenario (and never misses the cache). Raises ScenarioError.
    """
    current = getattr(scenario, section)
    changed = {k: v for k, v in values.items() if not same(getattr(current, k), v)}
    if not changed:
        return scenario
    data = scenario.to_dict()
    data[section].update(changed)
    return Scenario.from_dict(data)


def update_section(scenario: Scenario, section: str, values: Mapping[str, Any]) -> Scenario:
    """:func:`apply_section`, showing an invalid combination as a plain error (in the current
    container) and keeping ``scenario`` unchanged."""
    try:
        return apply_section(scenario, section, values)
    except ScenarioError as exc:
        message = exc.message
        for path, label in sorted(LABELS.items(), key=lambda item: -len(item[0])):
            message = message.replace(f"'{path}'", label).replace(path, label)
        show_error(
            ScenarioError(message, "Until this is fixed the last valid settings stay in use.")
        )
        return scenario
