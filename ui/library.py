"""The scenario library of a session: named scenarios kept beside the working one, and which of
them is the baseline.

Pages and views read the library through these functions only, so where the scenarios are kept
(session state today, the workspace store behind it) can change without touching a page.
"""

from __future__ import annotations

import streamlit as st

from jitcore.scenario import Scenario
from ui import state

#: Session key of the saved scenarios, by name, in the order they were saved.
KEY_LIBRARY = "scenario_library"
#: Name under which the baseline is listed when it was never saved by name.
BASELINE_NAME = "Baseline"


def _library() -> dict[str, Scenario]:
    return st.session_state.setdefault(KEY_LIBRARY, {})


def saved_scenarios() -> dict[str, Scenario]:
    """Every scenario the user can pick, by name: the saved ones, then the baseline (when it
    was never saved by name) and the working scenario last."""
    found = dict(_library())
    base = state.baseline()
    if base is not None and base not in found.values():
        found.setdefault(BASELINE_NAME, base)
    found[working_name()] = state.scenario()
    return found


def working_name() -> str:
    """The name the working scenario is listed under."""
    return f"{state.scenario().name} (working)"


def baseline_name() -> str | None:
    """The name of the baseline among :func:`saved_scenarios`, or None without one."""
    base = state.baseline()
    if base is None:
        return None
    for name, value in _library().items():
        if value == base:
            return name
    return BASELINE_NAME


def save_as(name: str, scenario: Scenario) -> None:
    """Keep ``scenario`` under ``name`` (replacing one of that name)."""
    _library()[name] = scenario.model_copy(update={"name": name})
