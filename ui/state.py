"""Session state of the app: the active data, the selected SKU, the working scenario and its
baseline; widget memory; and the last settings that worked.

Every change of the active data, SKU, working scenario or baseline goes through a setter here,
which tells the listeners added with :func:`on_change` (the workspace saves it at once).

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
from functools import cached_property
from typing import Any, TypeVar

import streamlit as st

from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.intake import IntakeOptions
from jitcore.scenario import Scenario
from jitcore.workspace import fingerprint
from ui import cache
from ui.messages import show_error
from ui.samples import DEFAULT_SAMPLE, SAMPLE_DIR, SAMPLES

# Session keys (plain names so tests can read them).
KEY_DEMAND = "demand"
KEY_SKU = "sku"
KEY_SCENARIO = "scenario"
KEY_BASELINE = "baseline_scenario"
KEY_SOURCE = "demand_source"
#: What each synced widget was last given (see :func:`sync`).
_SHOWN = "_widget_shown"

T = TypeVar("T")
R = TypeVar("R")


# --- who is told of a change ------------------------------------------------------------------
#: Called with (what changed, new value): "demand" (a DataSource or None), "sku", "scenario",
#: "baseline".
_LISTENERS: list[Callable[[str, Any], None]] = []


def on_change(listener: Callable[[str, Any], None]) -> None:
    """Call ``listener(what, value)`` after each change made through the setters below."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def _changed(what: str, value: Any) -> None:
    for listener in _LISTENERS:
        listener(what, value)


# --- the active data and SKU -------------------------------------------------------------------
@dataclass(frozen=True)
class DataSource:
    """Where the active data came from: the file's name and original bytes and how they were
    read, so the same data can be read again (after a reload or restart)."""

    filename: str
    payload: bytes
    options: IntakeOptions

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 of the file's bytes (as the workspace and scenario files record it)."""
        return fingerprint(self.payload)


def sample_source(file_name: str) -> DataSource:
    """The source of a bundled sample, read with the default options as :func:`cache.sample`."""
    return DataSource(file_name, (SAMPLE_DIR / file_name).read_bytes(), IntakeOptions())


def demand() -> DemandData:
    """The active dataset; the default sample until the user loads another."""
    if KEY_DEMAND not in st.session_state:
        st.session_state[KEY_DEMAND] = cache.sample(SAMPLES[DEFAULT_SAMPLE])
        st.session_state[KEY_SOURCE] = sample_source(SAMPLES[DEFAULT_SAMPLE])
    return st.session_state[KEY_DEMAND]


def set_demand(data: DemandData, source: DataSource | None = None) -> None:
    """Make ``data`` the active data; ``source`` is the file it was read from (kept by the
    workspace; None: data that cannot be read again)."""
    st.session_state[KEY_DEMAND] = data
    st.session_state[KEY_SOURCE] = source
    _changed("demand", source)
    if st.session_state.get(KEY_SKU) not in data.skus:
        select_sku(data.skus[0])


def demand_source() -> DataSource | None:
    """The file the active data was read from; None when it is not known (data put in place
    without its file)."""
    demand()
    return st.session_state.get(KEY_SOURCE)


def selected_sku() -> str:
    data = demand()
    sku = st.session_state.get(KEY_SKU)
    if sku not in data.skus:
        sku = data.skus[0]
        st.session_state[KEY_SKU] = sku
    return sku


def select_sku(sku: str) -> None:
    """Make ``sku`` the selected SKU; every SKU picker follows on the next run."""
    if st.session_state.get(KEY_SKU) != sku:
        st.session_state[KEY_SKU] = sku
        _changed("sku", sku)


# --- the working scenario and its baseline -----------------------------------------------------
def scenario() -> Scenario:
    """The working scenario: every setting of the what-if, kept across pages."""
    if KEY_SCENARIO not in st.session_state:
        st.session_state[KEY_SCENARIO] = Scenario()
    return st.session_state[KEY_SCENARIO]


def set_scenario(value: Scenario) -> None:
    if st.session_state.get(KEY_SCENARIO) != value:
        st.session_state[KEY_SCENARIO] = value
        _changed("scenario", value)


def baseline() -> Scenario | None:
    """The scenario saved as the baseline to compare against, if any."""
    return st.session_state.get(KEY_BASELINE)


def set_baseline(value: Scenario | None) -> None:
    st.session_state[KEY_BASELINE] = value
    _changed("baseline", value)


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
