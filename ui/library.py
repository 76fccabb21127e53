"""The scenario library of a session: named scenarios kept beside the working one, and which of
them is the baseline.

Pages and views read the library through these functions only. The session holds a copy of
the workspace's library (read when the workspace is opened, see :mod:`ui.workspace`); every
change goes to the workspace file first and then to that copy, so a change that cannot be
saved is not shown as made.
"""

from __future__ import annotations

import streamlit as st

from jitcore.errors import WorkspaceError
from jitcore.scenario import Scenario
from jitcore.workspace import NamedScenario, ScenarioFile
from jitcore.workspace.store import clean_name
from ui import state, store

#: Session key of the saved scenarios, by name, in the order they were saved.
KEY_LIBRARY = "scenario_library"
#: Session key of the notes of saved scenarios, by name.
KEY_NOTES = "scenario_notes"
#: Session key of the name of the saved scenario marked as the baseline.
KEY_MARK = "scenario_baseline_mark"
#: Name under which the baseline is listed when it was never saved by name.
BASELINE_NAME = "Baseline"


def _library() -> dict[str, Scenario]:
    return st.session_state.setdefault(KEY_LIBRARY, {})


def _notes() -> dict[str, str]:
    return st.session_state.setdefault(KEY_NOTES, {})


# --- reading ----------------------------------------------------------------------------------
def saved_scenarios() -> dict[str, Scenario]:
    """Every scenario the user can pick, by name: the saved ones, then the baseline (when it
    was never saved by name) and the working scenario last."""
    found = dict(_library())
    base = state.baseline()
    if base is not None and base not in found.values():
        found.setdefault(BASELINE_NAME, base)
    found[working_name()] = state.scenario()
    return found


def names() -> list[str]:
    """The names of the saved scenarios, in the order they were saved."""
    return list(_library())


def notes(name: str) -> str:
    return _notes().get(name, "")


def working_name() -> str:
    """The name the working scenario is listed under."""
    return f"{state.scenario().name} (working)"


def baseline_name() -> str | None:
    """The name of the baseline among :func:`saved_scenarios`, or None without one."""
    base = state.baseline()
    if base is None:
        return None
    mark = st.session_state.get(KEY_MARK)
    if mark in _library() and _library()[mark] == base:
        return mark
    for name, value in _library().items():
        if value == base:
            return name
    return BASELINE_NAME


def name_of(scenario: Scenario) -> str | None:
    """The saved name of ``scenario`` (same settings and name), or None."""
    found = _library().get(scenario.name)
    return scenario.name if found == scenario else None


# --- changing ---------------------------------------------------------------------------------
def save_as(name: str, scenario: Scenario, notes: str | None = None) -> str:
    """Keep ``scenario`` under ``name`` (replacing one of that name); returns the name as kept
    (spaces tidied). Raises WorkspaceError when the name is unusable or the save fails."""
    name = clean_name(name, "scenario name")
    kept = scenario.model_copy(update={"name": name})
    store.write(lambda db, ws: db.save_scenario(ws, name, kept, notes=notes))
    was_baseline = st.session_state.get(KEY_MARK) == name
    _library()[name] = kept
    if notes is not None:
        _notes()[name] = notes
    if was_baseline:
        st.session_state[state.KEY_BASELINE] = kept
    return name


def rename(old: str, new: str) -> str:
    new = clean_name(new, "scenario name")
    _existing(old)
    if new != old and new in _library():
        raise WorkspaceError(f"A scenario named {new!r} exists already.", "Pick another name.")
    store.write(lambda db, ws: db.rename_scenario(ws, old, new))
    renamed = _library()[old].model_copy(update={"name": new})
    st.session_state[KEY_LIBRARY] = {
        (new if name == old else name): (renamed if name == old else value)
        for name, value in _library().items()
    }
    _notes()[new] = _notes().pop(old, "")
    if st.session_state.get(KEY_MARK) == old:
        st.session_state[KEY_MARK] = new
        st.session_state[state.KEY_BASELINE] = renamed
    return new


def duplicate(name: str) -> str:
    """A copy of ``name`` under the first free name "<name> copy", "<name> copy 2", …"""
    _existing(name)
    base = f"{name} copy"[:80]
    new, number = base, 2
    while new in _library():
        new, number = f"{base} {number}", number + 1
    return save_as(new, _library()[name], notes(name))


def delete(name: str) -> None:
    """Remove ``name``; when it was the baseline, there is no baseline after."""
    _existing(name)
    store.write(lambda db, ws: db.delete_scenario(ws, name))
    _library().pop(name)
    _notes().pop(name, None)
    if st.session_state.get(KEY_MARK) == name:
        st.session_state[KEY_MARK] = None
        st.session_state[state.KEY_BASELINE] = None


def set_notes(name: str, text: str) -> None:
    _existing(name)
    store.write(lambda db, ws: db.set_notes(ws, name, text))
    _notes()[name] = text


def mark_baseline(name: str) -> None:
    """Make the saved scenario ``name`` the baseline (saved with the workspace)."""
    state.set_baseline(_existing(name))


def load(name: str) -> None:
    """Make a copy of the saved scenario ``name`` the working scenario."""
    state.set_scenario(_existing(name))


def _existing(name: str) -> Scenario:
    if name not in _library():
        raise WorkspaceError(
            f"There is no saved scenario named {name!r}.", "Pick one from the library."
        )
    return _library()[name]


# --- files ------------------------------------------------------------------------------------
def export_file(data_name: str | None, data_fingerprint: str | None) -> ScenarioFile:
    """The library as a version-2 scenario file (with the baseline mark and the data's
    fingerprint); an unsaved baseline is written as "Baseline"."""
    items = [NamedScenario(n, s, notes(n)) for n, s in _library().items()]
    mark = baseline_name()
    base = state.baseline()
    if base is not None and mark == BASELINE_NAME and BASELINE_NAME not in _library():
        items.append(NamedScenario(BASELINE_NAME, base.model_copy(update={"name": BASELINE_NAME})))
    return ScenarioFile(
        scenarios=tuple(items),
        baseline=mark,
        data_name=data_name,
        data_fingerprint=data_fingerprint,
    )


def import_file(file: ScenarioFile) -> Scenario:
    """Put what ``file`` carries in force and returns the new working scenario.

    A version-1 file (one scenario) becomes the working scenario. A library file's scenarios
    are saved (replacing ones of the same names), its baseline is marked, and its first
    scenario that is not the baseline becomes the working scenario."""
    if file.version == 1:
        (only,) = file.scenarios
        state.set_scenario(only.scenario)
        return only.scenario
    for item in file.scenarios:
        save_as(item.name, item.scenario, item.notes)
    if file.baseline is not None:
        mark_baseline(file.baseline)
    others = [item for item in file.scenarios if item.name != file.baseline]
    working = (others or list(file.scenarios))[0]
    state.set_scenario(_library()[working.name])
    return _library()[working.name]


def _baseline_changed(what: str, value: object) -> None:
    """Save a new baseline: as a mark when it is a saved scenario, else as it is."""
    if what != "baseline":
        return
    name = name_of(value) if isinstance(value, Scenario) else None
    st.session_state[KEY_MARK] = name
    if name is not None:
        store.save(lambda db, ws: db.mark_baseline(ws, name))
    else:
        store.save(lambda db, ws: db.set_active(ws, baseline=value))


state.on_change(_baseline_changed)


def replace_all(saved: dict[str, tuple[Scenario, str]], mark: str | None) -> None:
    """Make the session's copy of the library ``saved`` (name → (scenario, notes))."""
    st.session_state[KEY_LIBRARY] = {name: value for name, (value, _) in saved.items()}
    st.session_state[KEY_NOTES] = {name: text for name, (_, text) in saved.items()}
    st.session_state[KEY_MARK] = mark
