"""Shared app-layer helpers: session keys, the active dataset, the SKU picker, error display.

Session state and Streamlit caching live here and in the page scripts only, never in jitcore.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from jitcore.demand import DemandData
from jitcore.errors import JitError
from jitcore.forecast import ForecastResult, ForecastSettings, forecast_all
from jitcore.intake import read_demand
from jitcore.pipeline import ScenarioResult, run_scenario
from jitcore.scenario import Scenario

SAMPLE_DIR = Path(__file__).parent / "sample_data"

#: Sample datasets offered in the app: label -> file in sample_data/.
SAMPLES: dict[str, str] = {
    "Teaching set: six typical demand patterns (weekly, 6 SKUs)": "teaching_weekly_long.csv",
    "Australian drug and wine sales (monthly, 3 SKUs)": "classic_monthly_long.csv",
    "Walmart store 1 departments (weekly sales in USD, not units; 7 SKUs)": (
        "walmart_store1_weekly_long.csv"
    ),
    "Australian prescriptions, intermittent and lumpy (monthly, 26 SKUs)": (
        "pbs_intermittent_monthly_wide.csv"
    ),
}
DEFAULT_SAMPLE = next(iter(SAMPLES))

# Session keys (plain names so tests can read them).
KEY_DEMAND = "demand"
KEY_SKU = "sku"


@st.cache_data(show_spinner=False)
def load_sample(file_name: str) -> DemandData:
    return read_demand(SAMPLE_DIR / file_name)


def demand() -> DemandData:
    """The active dataset; the default sample until the user loads another."""
    if KEY_DEMAND not in st.session_state:
        st.session_state[KEY_DEMAND] = load_sample(SAMPLES[DEFAULT_SAMPLE])
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
    """Make ``sku`` the selected SKU; the sidebar picker follows on the next run."""
    st.session_state[KEY_SKU] = sku


def count(n: int, word: str) -> str:
    """``1 SKU``, ``3,000 SKUs``: a count with thousands separators and the right plural."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _on_sku_change() -> None:
    st.session_state[KEY_SKU] = st.session_state["_sku_widget"]


def sidebar() -> None:
    """Active dataset and SKU picker, shown on every page."""
    data = demand()
    with st.sidebar:
        st.caption("Active data")
        st.markdown(
            f"**{data.name or 'unnamed'}**  \n{count(len(data.skus), 'SKU')} · "
            f"{count(data.periods, 'period')}"
        )
        skus = list(data.skus)
        if st.session_state.get("_sku_widget") != selected_sku():
            st.session_state["_sku_widget"] = selected_sku()  # follows picks made on pages
        st.selectbox(
            "SKU",
            skus,
            key="_sku_widget",
            on_change=_on_sku_change,
            help="The item shown on single-SKU pages.",
        )
        _scenario_file_panel()


def _scenario_file_panel() -> None:
    """Save the working scenario as JSON, or load one; a bad file keeps the current settings."""
    current = scenario()
    with st.expander("Scenario file", icon=":material/save:"):
        st.caption(f"Working scenario: **{current.name}**")
        st.download_button(
            "Download settings (JSON)",
            data=current.to_json(),
            file_name=f"{_file_stem(current.name)}.scenario.json",
            mime="application/json",
            width="stretch",
            help="Every setting of this what-if in one file: share it, or load it later.",
        )
        upload = st.file_uploader(
            "Load settings",
            type=["json"],
            key="_scenario_upload",
            help="A file saved with the button above or made with "
            "`python -m jitcore scenario-template`.",
        )
        if upload is not None:
            token = (upload.name, upload.size)
            if st.session_state.get("_scenario_loaded") != token:
                try:
                    loaded = Scenario.from_json(upload.getvalue())
                except JitError as exc:
                    show_error(_app_hint(exc))
                    st.caption("Your current settings are unchanged.")
                else:
                    st.session_state["_scenario_loaded"] = token
                    set_scenario(loaded)
                    st.success(f"Loaded scenario **{loaded.name}**.")


def _app_hint(exc: JitError) -> JitError:
    """The error with a hint for the app: planners get a file to start from, not a command."""
    command = "python -m jitcore scenario-template"
    if command not in exc.hint:
        return exc
    start = exc.hint.find("Start from")
    kept = exc.hint[:start].strip() if start >= 0 else ""
    fresh = (
        "Start from a good file: press 'Download settings (JSON)' above and edit the "
        "values in that file."
    )
    return type(exc)(exc.message, f"{kept} {fresh}".strip())


def _file_stem(name: str) -> str:
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in name.strip()).strip("-")
    return stem.lower() or "scenario"


def show_error(exc: JitError) -> None:
    """A user error as a message with its fix, never a traceback."""
    st.error(f"**{exc.message}**" + (f"\n\n{exc.hint}" if exc.hint else ""))


# --- scenario, forecasts and runs (shared by Forecast, Plan, Supply & demand, Trade-offs) ------
KEY_SCENARIO = "scenario"
KEY_BASELINE = "baseline_scenario"


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


@st.cache_resource(show_spinner=False, max_entries=2048)
def _sku_forecast(
    fingerprint: str, sku: str, settings: ForecastSettings, _data: DemandData
) -> ForecastResult:
    # Results are immutable, so one shared object per (data, SKU, settings) is safe.
    return forecast_all(_data, settings, skus=[sku])[sku]


def forecasts(
    data: DemandData, settings: ForecastSettings, skus: Sequence[str] | None = None
) -> dict[str, ForecastResult]:
    """Forecasts for ``skus`` (default: every SKU), each fitted once per data and settings."""
    wanted = data.skus if skus is None else tuple(skus)
    bar = st.progress(0.0, text="Forecasting…") if len(wanted) > 3 else None
    results = {}
    for i, sku in enumerate(wanted):
        results[sku] = _sku_forecast(data.fingerprint, sku, settings, data)
        if bar is not None:
            bar.progress((i + 1) / len(wanted), text=f"Forecast {i + 1} of {len(wanted)}: {sku}")
    if bar is not None:
        bar.empty()
    return results


@st.cache_resource(show_spinner=False, max_entries=64)
def _run(
    fingerprint: str, value: Scenario, skus: tuple[str, ...], _data: DemandData
) -> ScenarioResult:
    return run_scenario(_data, value, forecasts=forecasts(_data, value.forecast, skus), skus=skus)


def run(value: Scenario, skus: Sequence[str] | None = None) -> ScenarioResult:
    """Simulate ``value`` on the active data for ``skus`` (default: every SKU), cached.

    Raises JitError for settings the data cannot support; pages show it with ``show_error``.
    """
    data = demand()
    chosen = data.skus if skus is None else tuple(skus)
    return _run(data.fingerprint, value, chosen, data)
