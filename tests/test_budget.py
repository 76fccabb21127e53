"""The memory budget: the estimate against measured peaks, and runs over it refused at once."""

from __future__ import annotations

import gc
import time
import tracemalloc
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jitcore.budget import (
    BUDGET_ENV,
    DEFAULT_BUDGET_MB,
    MB,
    RunSize,
    budget_mb,
    check_budget,
    run_size,
)
from jitcore.cli import main
from jitcore.errors import JitError
from jitcore.forecast import forecast_all
from jitcore.intake import read_demand
from jitcore.pipeline import CHUNK_BYTES, clear_prepared_cache, run_scenario, run_sweep
from jitcore.scenario import Scenario
from jitcore.tradeoffs import SensitivitySettings, sensitivity
from tests.conftest import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "teaching_weekly_long.csv"  # 6 weekly SKUs: 52 + 26 settling periods


@pytest.fixture(scope="module")
def teaching():
    data = read_demand(SAMPLE)
    return data, forecast_all(data, Scenario().forecast)


def scenario(**simulation) -> Scenario:
    return Scenario.from_dict({"simulation": simulation})


def _peak_bytes(compute) -> int:
    clear_prepared_cache()
    gc.collect()
    tracemalloc.start()
    try:
        result = compute()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak


@pytest.mark.parametrize(
    ("simulation", "values"),
    [
        ({"paths": 3000, "periods": 500, "timeline_paths": 0}, 1),  # demand paths dominate
        ({"paths": 100, "periods": 500, "timeline_paths": 100}, 8),  # timelines dominate
        ({"paths": 8000, "periods": 30, "timeline_paths": 0}, 8),  # lanes dominate
    ],
)
def test_estimate_is_within_a_factor_of_the_measured_peak(teaching, simulation, values) -> None:
    """Calibration: the estimate covers the peak traced by tracemalloc (numpy reports its
    buffers to it) and is at most 1.6 times it, for each term of the formula leading."""
    data, fitted = teaching
    base = scenario(**simulation)
    run_scenario(data, scenario(paths=2), forecasts=fitted)  # compiled before measuring
    if values == 1:
        peak = _peak_bytes(lambda: run_scenario(data, base, forecasts=fitted))
    else:
        levels = [0.5 + 0.05 * i for i in range(values)]
        peak = _peak_bytes(
            lambda: run_sweep(
                data,
                base,
                "buffers.cycle_service_level",
                levels,
                forecasts=fitted,
                keep_timelines=True,
            )  # fmt: skip
        )
    periods = simulation["periods"] + 26
    size = RunSize(6, simulation["paths"], periods, values, simulation["timeline_paths"])
    # SKUs run in chunks of at most CHUNK_BYTES working memory (the lanes case: 3 SKUs)
    size = replace(size, chunk_skus=max(CHUNK_BYTES // size.working_bytes(1), 1))
    assert peak <= size.bytes <= 1.6 * peak, (peak / MB, size.bytes / MB)


@pytest.mark.parametrize(
    ("simulation", "setting"),
    [
        ({"paths": 1_000_000}, "simulation.paths"),  # was 8.9 GB
        ({"paths": 10_000, "periods": 3660, "timeline_paths": 10_000}, "simulation.paths"),
        ({"paths": 1_000_000, "periods": 3660}, "simulation.paths"),  # was "164 GiB"
    ],
)
def test_runs_over_the_budget_are_refused_at_once(teaching, simulation, setting) -> None:
    data, fitted = teaching
    started = time.perf_counter()
    tracemalloc.start()
    with pytest.raises(JitError) as caught:
        run_scenario(data, scenario(**simulation), forecasts=fitted)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert time.perf_counter() - started < 2.0
    assert peak < 50 * MB
    assert "more than the budget of 1.5 GB" in caught.value.message
    assert setting in caught.value.hint and BUDGET_ENV in caught.value.hint


def test_the_suggested_paths_fit_the_budget(teaching) -> None:
    data, fitted = teaching
    with pytest.raises(JitError) as caught:
        run_scenario(data, scenario(paths=1_000_000), forecasts=fitted)
    hint = caught.value.hint
    suggested = int(hint.split("simulation.paths to ")[1].split(" ")[0].replace(",", ""))
    # one SKU at a time (a chunk): its 78 periods × 16 bytes + lanes, and every SKU's KPIs per
    # path, in 1.5 GB
    assert 300_000 <= suggested <= 500_000
    check_budget(RunSize(6, suggested, 78, chunk_skus=1))  # does not raise
    with pytest.raises(JitError):
        check_budget(RunSize(6, suggested, 78))  # all SKUs at once would not fit


def test_a_sweep_of_ten_thousand_values_is_refused(teaching) -> None:
    data, fitted = teaching
    started = time.perf_counter()
    values = [0.5 + i * 4e-5 for i in range(10_000)]
    with pytest.raises(JitError, match="10,000 values"):
        run_sweep(data, Scenario(), "buffers.cycle_service_level", values, forecasts=fitted)
    assert time.perf_counter() - started < 1.0


def test_a_sweep_over_the_budget_names_its_values(teaching) -> None:
    data, fitted = teaching
    values = [0.5 + i * 4e-4 for i in range(1000)]
    heavy = scenario(paths=5000)
    with pytest.raises(JitError) as caught:
        run_sweep(data, heavy, "buffers.cycle_service_level", values, forecasts=fitted)
    assert "1,000 variant(s)" in caught.value.message
    assert "the number of values swept" in caught.value.hint


def test_a_sensitivity_over_the_budget_is_refused(teaching) -> None:
    data, fitted = teaching
    with pytest.raises(JitError, match="budget"):
        sensitivity(data, scenario(paths=200_000), SensitivitySettings(), forecasts=fitted)


def test_the_budget_is_a_setting(monkeypatch) -> None:
    monkeypatch.delenv(BUDGET_ENV, raising=False)
    assert budget_mb() == DEFAULT_BUDGET_MB == 1536
    monkeypatch.setenv(BUDGET_ENV, "4096")
    assert budget_mb() == 4096
    check_budget(RunSize(6, 100_000, 78))  # 1.9 GB fits 4 GB
    for bad in ("lots", "-1", "0", "1e9", "9" * 5000):
        monkeypatch.setenv(BUDGET_ENV, bad)
        with pytest.raises(JitError, match="not a number of megabytes") as caught:
            budget_mb()
        assert len(str(caught.value)) < 300


def test_the_command_line_takes_the_budget(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv(BUDGET_ENV, raising=False)
    path = tmp_path / "heavy.json"
    path.write_text(scenario(paths=20_000).to_json())
    # 6 SKUs × 20,000 paths × 78 periods: about 320 MB
    assert main(["run", str(SAMPLE), "--scenario", str(path), "--memory-budget-mb", "100"]) == 2
    err = capsys.readouterr().err
    assert "more than the budget of 100 MB" in err and "simulation.paths to" in err
    assert main(["--memory-budget-mb", "x", "run", str(SAMPLE)]) == 2
    assert "not a number of megabytes" in capsys.readouterr().err
    monkeypatch.setenv(BUDGET_ENV, "oops")
    assert main(["run", str(SAMPLE)]) == 2


@settings(max_examples=200, deadline=None)
@given(
    skus=st.integers(1, 5000),
    paths=st.integers(1, 1_000_000),
    periods=st.integers(1, 3700),
    variants=st.integers(1, 1000),
    kept=st.integers(0, 10_000),
    budget=st.integers(64, 8192),
)
def test_every_suggested_value_fits(skus, paths, periods, variants, kept, budget) -> None:
    """Property: lowering the named setting to the value suggested brings the run within the
    budget (values are rounded down, so they fit)."""
    size = RunSize(skus, paths, periods, variants, kept)
    try:
        check_budget(size, budget)
    except JitError as exc:
        fields = {"simulation.timeline_paths": "timeline_paths", "simulation.paths": "paths",
                  "simulation.periods": "periods", "the number of values swept": "variants",
                  "the number of SKUs": "skus"}  # fmt: skip
        for name, field in fields.items():
            if f"{name} to " in exc.hint:
                text = exc.hint.split(f"{name} to ")[1].split(" ")[0]
                assert replace(size, **{field: int(text.replace(",", ""))}).bytes <= budget * MB
    else:
        assert size.bytes <= budget * MB


def test_a_replay_is_not_told_to_simulate_fewer_periods() -> None:
    """A replay walks the history: its periods are not a setting to lower."""
    replay = scenario(mode="replay")
    size = run_size([replay], skus=5000, history_periods=3000, frequency="D", preroll=28)
    assert size.periods == 3000 and not size.periods_settable
    with pytest.raises(JitError) as caught:
        check_budget(size, 10)
    assert "simulation.periods" not in caught.value.hint
    assert "the number of SKUs to" in caught.value.hint
