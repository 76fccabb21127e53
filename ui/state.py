"""Session state of the app: the active data, the selected SKU, the working scenario and its
baseline; widget memory; and the last settings that worked.

Streamlit forgets a keyed widget's value when the user switches page, and a widget that shows
a value kept elsewhere (the SKU in the sidebar and on a page, a setting of the scenario loaded
from a file) must follow that value when it changes elsewhere without overwriting an edit the
user has just made. One rule does both, :func:`sync`: before a widget is drawn it is given the
kept value unless the user has just edited it.
:class:`Memory` keeps a page's own settings (values no scenario holds) in one session-state
dict and draws its widgets through :func:`sync`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st

from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.scenario import Scenario
from ui import cache
from ui.messages import show_error
from ui.samples import DEFAULT_SAMPLE, SAMPLES

# Session keys (plain names so tests can read them).
KEY_DEMAND = "demand"
KEY_SKU = "sku"
KEY_SCENARIO = "scenario"
KEY_BASELINE = "baseline_scenario"
#: What each synced widget was last given (see :func:`sync`).
_SHOWN = "_widget_shown"

T = TypeVar("T")
R = TypeVar("R")


# --- the active data and SKU -------------------------------------------------------------------
def demand() -> DemandData:
    """The active dataset; the default sample until the user loads another."""
    if KEY_DEMAND not in st.session_state:
        st.session_state[KEY_DEMAND] = cache.sample(SAMPLES[DEFAULT_SAMPLE])
    return st.session_state[KEY_DEMAND]


def set_demand(data: DemandData) -> None:
    st.session_state[KEY_DEMAND] = data
    if st.session_state.get(KEY_SKU) not in data.skus:
        st.session_state[KEY_SKU] = data.skus[0]


def selected_sku() -> str:
    data = demand()
    sku = st.session_state.get(KEY_SKU)
    if sku not in data.skus:
        sku = data.skus[0]
        st.session_state[KEY_SKU] = sku
    return sku


def select_sku(sku: str) -> None:
    """Make ``sku`` the selected SKU; every SKU picker follows on the next run."""
    st.session_state[KEY_SKU] = sku


# --- the working scenario and its baseline -----------------------------------------------------
def scenario() -> Scenario:
    """The working scenario: every setting of the what-if, kept across pages."""
    if KEY_SCENARIO not in st.session_state:
        st.session_state[KEY_SCENARIO] = Scenario()
    return st.session_state[KEY_SCENARIO]


def set_scenario(value: Scenario) -> None:
    st.session_state[KEY_SCENARIO] = value


def baseline() -> Scenario | None:
    """The scenario saved as the baseline to compare against, if any."""
    return st.session_state.get(KEY_BASELINE)


def set_baseline(value: Scenario | None) -> None:
    st.session_state[KEY_BASELINE] = value


# --- widget memory -----------------------------------------------------------------------------
def sync(key: str, value: Any) -> None:
    """Before drawing the widget ``key``, make it show the kept ``value`` — unless the user has
    just edited it (its state differs from what it showed last run): a new widget (first run,
    back from another page) gets ``value``; an untouched widget gets ``value`` when the kept
    value changed elsewhere, or when an edit was refused and the kept value stayed. Draw the
    widget without a ``value``/``index`` argument: its session state is its value."""
    shown = st.session_state.setdefault(_SHOWN, {})
    edited = key in st.session_state and key in shown and st.session_state[key] != shown[key]
    if key not in st.session_state or (not edited and st.session_state[key] != value):
        st.session_state[key] = value
    shown[key] = st.session_state[key]


@dataclass(frozen=True)
class Memory:
    """A page's own settings, kept in one session-state dict named ``store`` so they survive
    page switches; each widget drawn through :meth:`widget` shows and updates one of them."""

    store: str

    @property
    def values(self) -> dict[str, Any]:
        return st.session_state.setdefault(self.store, {})

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def set(self, name: str, value: Any) -> None:
        self.values[name] = value

    def widget(
        self,
        key: str,
        default: Any,
        *,
        name: str | None = None,
        options: Iterable[Any] | None = None,
    ) -> dict[str, Any]:
        """Seed the widget ``key`` from the kept value ``name`` (default: ``key``), or from
        ``default`` when none is kept or it is not among ``options``; returns the ``key`` and
        ``on_change`` arguments to draw the widget with, so a change is kept."""
        name = name or key
        value = self.get(name, default)
        if options is not None and value not in list(options):
            value = default
        self.set(name, value)
        sync(key, value)
        return {"key": key, "on_change": self._keep, "args": (name, key)}

    def _keep(self, name: str, key: str) -> None:
        self.set(name, st.session_state[key])


# --- the last settings that worked -------------------------------------------------------------
def last_good(compute: Callable[[T], R], edited: T, fallback: T | None) -> tuple[R, T] | None:
    """``compute(edited)`` and ``edited``; when that fails with a user error, the error is shown
    and ``compute(fallback)`` (the last settings that worked) is shown instead, with a note.
    None when neither can be computed."""
    try:
        return compute(edited), edited
    except JitError as exc:
        show_error(exc)
    if fallback is None or fallback == edited:
        return None
    try:
        result = compute(fallback)
    except JitError:
        return None
    st.caption("Showing the last settings that worked.")
    return result, fallback
