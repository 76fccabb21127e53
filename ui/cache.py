"""Every ``st.cache_*`` of the app, in one key style and with one route per computation.

Key style: the arguments are the inputs themselves — the demand data (hashed by its
fingerprint), frozen settings such as a :class:`~jitcore.scenario.Scenario`, SKU tuples, file
bytes — never a hand-made key. Whatever follows from those (the forecasts of a run, the
backtest of a forecast) is fetched inside through this module, so each computation has one
cached route: a SKU's forecast is always :func:`forecast`, a run always :func:`run`.

Results of the core are immutable, so :func:`st.cache_resource` shares one object per key
(the pipeline matches reused forecasts by identity); ``st.cache_data`` is used where a copy
per session is wanted (data read from files).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

import streamlit as st

from jitcore import tradeoffs
from jitcore.buffers import BufferTable
from jitcore.calibration import CalibrationTable, calibrate
from jitcore.charts.profile import sparklines as profile_sparklines
from jitcore.compare import (
    ScenarioComparison,
    ScenarioWaterfall,
    compare_scenarios,
    scenario_waterfall,
)
from jitcore.demand import DemandData
from jitcore.engine import warm_up
from jitcore.forecast import (
    Evaluation,
    ForecastResult,
    ForecastSettings,
    evaluate_sku,
    evaluation_settings,
    forecast_all,
    forecast_sku,
)
from jitcore.formatting import plain
from jitcore.intake import Inspection, IntakeOptions, inspect_file, read_demand
from jitcore.items import ItemMaster, read_items
from jitcore.lessons.catalog import LESSONS_BY_KEY, Lesson, LessonItem, Reveal
from jitcore.pipeline import ScenarioResult, plan_scenario, run_scenario
from jitcore.portfolio import SkuFrontiers, TargetSettings, sku_frontiers
from jitcore.profile import DemandProfile, profile_demand
from jitcore.progress import ProgressClock
from jitcore.reports.content import ReportContent
from jitcore.reports.report import ReportFile
from jitcore.reports.report import report_file as build_report_file
from jitcore.scenario import Scenario
from jitcore.settings import Settings
from jitcore.tradeoffs import (
    Comparison,
    Frontier,
    FrontierSettings,
    LeverAnalysis,
    LeverSettings,
    Sensitivity,
    SensitivitySettings,
    TwoWayGrid,
)
from ui.samples import SAMPLE_DIR

_KEYS = {DemandData: lambda data: data.fingerprint}
#: Runs, plans and sweeps are kept per session and dropped when the session ends (a closed tab
#: frees its results); each within the memory budget, at most this many per session.
_SESSION = "session"
_RUNS = 24
_SWEEPS_KEPT = 8
Skus = tuple[str, ...]


@st.cache_resource(show_spinner=False)
def engine_warm_up() -> threading.Thread:
    """Compile the simulation kernel in the background, once per server: it takes seconds
    once per install, better spent while the user reads the first page."""
    thread = threading.Thread(target=warm_up, name="engine-warm-up", daemon=True)
    thread.start()
    return thread


# --- data --------------------------------------------------------------------------------------
@st.cache_data(show_spinner=False)
def sample(file_name: str) -> DemandData:
    """A bundled sample data set, read as any file is."""
    return read_demand(SAMPLE_DIR / file_name)


@st.cache_data(show_spinner="Looking at the file…", max_entries=4, scope=_SESSION)
def inspection(payload: bytes, filename: str, options: IntakeOptions) -> Inspection:
    return inspect_file(payload, filename, options=options)


@st.cache_data(show_spinner="Reading the file…", max_entries=4, scope=_SESSION)
def demand_file(payload: bytes, filename: str, options: IntakeOptions) -> DemandData:
    return read_demand(payload, filename=filename, options=options)


@st.cache_data(show_spinner="Reading the item master…", max_entries=16)
def items_file(
    payload: bytes,
    filename: str,
    skus: Skus,
    frequency: str,
    sku_column: str | None = None,
    quantity_column: str | None = None,
) -> ItemMaster:
    """An item master (or a demand file's price or value column) for the SKUs ``skus``."""
    return read_items(
        payload, filename=filename, skus=skus, frequency=frequency, sku_column=sku_column,
        quantity_column=quantity_column,
    )  # fmt: skip


@st.cache_data(show_spinner="Profiling demand…", hash_funcs=_KEYS, max_entries=8)
def profile(data: DemandData) -> DemandProfile:
    return profile_demand(data)


@st.cache_data(show_spinner=False, hash_funcs=_KEYS, max_entries=8)
def sparklines(data: DemandData) -> dict[str, list[float]]:
    return profile_sparklines(data)


# --- forecasts ---------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False, hash_funcs=_KEYS, max_entries=2048)
def _evaluation(data: DemandData, sku: str, settings: ForecastSettings) -> Evaluation:
    return evaluate_sku(data.series(sku), settings, frequency=data.frequency)


@st.cache_resource(show_spinner=False, hash_funcs=_KEYS, max_entries=2048)
def _forecast_exact(data: DemandData, sku: str, settings: ForecastSettings) -> ForecastResult:
    backtest = _evaluation(data, sku, evaluation_settings(settings))
    return forecast_sku(data.series(sku), settings, frequency=data.frequency, evaluation=backtest)


@st.cache_resource(show_spinner=False, hash_funcs=_KEYS, max_entries=16)
def _forecast_store(data: DemandData, settings: ForecastSettings) -> dict[str, ForecastResult]:
    """Every forecast made so far on ``data`` with ``settings`` (a SKU whose method cannot be
    used holds the automatic choice, with a note): one store per data and forecast settings,
    filled by :func:`forecasts` and read by every page, so no page forecasts a SKU twice."""
    return {}


def forecast(data: DemandData, sku: str, settings: ForecastSettings) -> ForecastResult:
    """One SKU's forecast with exactly ``settings`` (JitError when its method cannot be used
    for this SKU). The backtest is shared by every setting it does not depend on (method,
    metric, interval), so switching the method refits one model, not every candidate. With the
    automatic choice it is the one forecast of this SKU the other pages use too."""
    if settings.method != "auto":
        return _forecast_exact(data, sku, settings)
    store = _forecast_store(data, settings)
    if sku not in store:
        store[sku] = _forecast_exact(data, sku, settings)
    return store[sku]


def forecasts(
    data: DemandData, settings: ForecastSettings, skus: Sequence[str] | None = None
) -> dict[str, ForecastResult]:
    """Forecasts for ``skus`` (default: every SKU), each made once per data and settings: the
    missing ones in one core call (worker processes for many SKUs), with a progress bar and
    the time left for more than three."""
    wanted = data.skus if skus is None else tuple(skus)
    store = _forecast_store(data, settings)
    missing = [sku for sku in wanted if sku not in store]
    if missing:
        clock = ProgressClock(len(missing))
        bar = st.progress(0.0, text=clock.text(0)) if len(missing) > 3 else None

        def progress(done: int, total: int, sku: str) -> None:
            if bar is not None:
                bar.progress(clock.fraction(done), text=clock.text(done, plain(sku[:40])))

        store.update(forecast_all(data, settings, progress, skus=missing))
        if bar is not None:
            bar.empty()
    return {sku: store[sku] for sku in wanted}


# --- runs and plans ----------------------------------------------------------------------------
@st.cache_resource(show_spinner=False, hash_funcs=_KEYS, max_entries=_RUNS, scope=_SESSION)
def _run(data: DemandData, scenario: Scenario, skus: Skus) -> ScenarioResult:
    return run_scenario(
        data, scenario, forecasts=forecasts(data, scenario.forecast, skus), skus=skus
    )


def run(data: DemandData, scenario: Scenario, skus: Sequence[str] | None = None) -> ScenarioResult:
    """``scenario`` simulated on ``data`` for ``skus`` (default: every SKU).

    Raises JitError for settings the data cannot support; pages show it as a message.
    """
    return _run(data, scenario, data.skus if skus is None else tuple(skus))


@st.cache_resource(show_spinner=False, hash_funcs=_KEYS, max_entries=_RUNS, scope=_SESSION)
def plan(data: DemandData, scenario: Scenario) -> BufferTable:
    """The buffer plan of every SKU."""
    return plan_scenario(data, scenario, forecasts=forecasts(data, scenario.forecast))


@st.cache_resource(show_spinner="Simulating and replaying every SKU…", hash_funcs=_KEYS,
                   max_entries=_SWEEPS_KEPT, scope=_SESSION)  # fmt: skip
def calibration(data: DemandData, scenario: Scenario) -> CalibrationTable:
    """Target against achieved service of every SKU, in Monte Carlo and in replay."""
    return calibrate(data, scenario, forecasts=forecasts(data, scenario.forecast))


# --- trade-offs --------------------------------------------------------------------------------
#: The trade-off analyses that sweep variants of a scenario: each takes the data, the scenario,
#: its settings, the forecasts and the SKUs.
_SWEEPS = {
    "frontier": tradeoffs.service_frontier,
    "levers": tradeoffs.lever_analysis,
    "sensitivity": tradeoffs.sensitivity,
}


@st.cache_resource(show_spinner=False, hash_funcs=_KEYS, max_entries=_SWEEPS_KEPT, scope=_SESSION)
def _sweep(kind: str, data: DemandData, scenario: Scenario, settings: Settings, skus: Skus):
    fitted = forecasts(data, scenario.forecast, skus)
    return _SWEEPS[kind](data, scenario, settings, forecasts=fitted, skus=skus)


def frontier(
    data: DemandData, scenario: Scenario, settings: FrontierSettings, skus: Skus
) -> Frontier:
    """The service frontier with ``scenario`` marked on it. The sweep is cached on the scenario
    with its target set to the sweep's top (the curve does not depend on the current target)
    and the current point comes from one cached run: moving the target re-simulates one
    scenario, not the whole sweep."""
    canonical = tradeoffs.with_target(scenario, settings.target, settings.high)
    curve = _sweep("frontier", data, canonical, settings, skus)
    return curve.with_current(tradeoffs.frontier_point(run(data, scenario, skus), settings.target))


def levers(
    data: DemandData, scenario: Scenario, settings: LeverSettings, skus: Skus
) -> LeverAnalysis:
    """Each JIT lever alone and all of them one after the other."""
    return _sweep("levers", data, scenario, settings, skus)


def sensitivities(
    data: DemandData, scenario: Scenario, settings: SensitivitySettings, skus: Skus
) -> Sensitivity:
    """Every input moved down and up."""
    return _sweep("sensitivity", data, scenario, settings, skus)


@st.cache_resource(show_spinner=False, hash_funcs=_KEYS, max_entries=_SWEEPS_KEPT, scope=_SESSION)
def grid(data: DemandData, scenario: Scenario, skus: Skus) -> TwoWayGrid:
    """Service target × lead time around ``scenario``."""
    rows, columns = tradeoffs.service_axis(scenario), tradeoffs.lead_time_axis(scenario)
    fitted = forecasts(data, scenario.forecast, skus)
    return tradeoffs.two_way(data, scenario, rows, columns, forecasts=fitted, skus=skus)


@st.cache_resource(show_spinner=False, hash_funcs=_KEYS, max_entries=_SWEEPS_KEPT, scope=_SESSION)
def comparison(data: DemandData, baseline: Scenario, whatif: Scenario, skus: Skus) -> Comparison:
    """Baseline and what-if on the same demand draws."""
    return tradeoffs.compare(
        data,
        baseline,
        whatif,
        forecasts=forecasts(data, baseline.forecast, skus),
        whatif_forecasts=forecasts(data, whatif.forecast, skus),
        skus=skus,
    )


# --- compare -----------------------------------------------------------------------------------
Named = tuple[tuple[str, Scenario], ...]


def _fitted(data: DemandData, scenarios: Sequence[Scenario], skus: Skus) -> dict:
    """The forecasts of every forecast setting among ``scenarios``, through :func:`forecasts`."""
    return {s.forecast: forecasts(data, s.forecast, skus) for s in scenarios}


# each entry keeps the timelines of up to four runs (tens of MB for a group): few entries
@st.cache_resource(show_spinner=False, hash_funcs=_KEYS, max_entries=8)
def _side_by_side(data: DemandData, scenarios: Named, skus: Skus) -> ScenarioComparison:
    fitted = _fitted(data, [s for _, s in scenarios], skus)
    return compare_scenarios(data, dict(scenarios), forecasts=fitted, skus=skus)


def side_by_side(
    data: DemandData, scenarios: Mapping[str, Scenario], reference: str, skus: Skus
) -> ScenarioComparison:
    """2–4 named scenarios on the same draws, changes against ``reference`` (choosing another
    reference re-simulates nothing)."""
    return _side_by_side(data, tuple(scenarios.items()), skus).with_reference(reference)


@st.cache_resource(show_spinner=False, hash_funcs=_KEYS, max_entries=16)
def waterfall(
    data: DemandData, start: tuple[str, Scenario], end: tuple[str, Scenario], skus: Skus
) -> ScenarioWaterfall:
    """From one named scenario to another, one group of settings at a time."""
    fitted = _fitted(data, [start[1], end[1]], skus)
    return scenario_waterfall(data, start, end, forecasts=fitted, skus=skus)


# --- lessons -----------------------------------------------------------------------------------
@st.cache_resource(show_spinner="Working out the answer…", max_entries=256)
def _lesson_reveal(key: str, item: LessonItem, values: tuple[tuple[str, float], ...]) -> Reveal:
    return LESSONS_BY_KEY[key].reveal(item, dict(values))


def lesson_reveal(lesson: Lesson, item: LessonItem, values: Mapping[str, float]) -> Reveal:
    """The lesson's reveal for ``item`` at ``values`` (the chain lessons simulate, so each
    setting is computed once per server)."""
    return _lesson_reveal(lesson.key, item, tuple(sorted(values.items())))


# --- reports -----------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, hash_funcs=_KEYS, max_entries=6, scope=_SESSION)
def report_file(
    data: DemandData, scenario: Scenario, baseline: Scenario | None, sku: str, fmt: str
) -> ReportFile:
    """The report of ``scenario`` against ``baseline`` (None: the defaults) on every SKU of
    ``data``, charts for ``sku``, as a ``fmt`` file; the runs come from :func:`run`."""
    after = run(data, scenario)
    before = run(data, baseline) if baseline is not None else None
    content = ReportContent(demand=data, scenario=after, baseline=before, sku=sku)
    return build_report_file(content, fmt)


# --- portfolio ---------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False, hash_funcs=_KEYS, max_entries=8)
def target_frontiers(
    data: DemandData, scenario: Scenario, settings: TargetSettings
) -> SkuFrontiers:
    """Every SKU's service frontier (one sweep of the target), for the target optimisation."""
    fitted = forecasts(data, scenario.forecast)
    return sku_frontiers(data, scenario, settings, forecasts=fitted)
