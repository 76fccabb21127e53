"""Demand profile: hand-computed figures, class thresholds, ABC/XYZ, STL strengths, invariants."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from jitcore.demand import DemandData
from jitcore.profile import (
    ADI_CUTOFF,
    CV2_CUTOFF,
    INTERMITTENT_WARNING,
    TABLE_COLUMNS,
    ProfileSettings,
    abc_classes,
    average_demand_interval,
    profile_demand,
    squared_cv_of_sizes,
    stl_strengths,
    syntetos_boylan_class,
    xyz_classes,
)


def make_demand(series: dict[str, list[float]], frequency: str = "W") -> DemandData:
    """Tidy demand for each SKU from the same start, weekly on Mondays or monthly."""
    freq = {"W": "W-MON", "M": "MS", "D": "D"}[frequency]
    rows = []
    for sku, values in series.items():
        dates = pd.date_range("2021-01-04", periods=len(values), freq=freq)
        rows.append(pd.DataFrame({"date": dates, "sku": sku, "quantity": values}))
    return DemandData(pd.concat(rows, ignore_index=True), frequency)  # type: ignore[arg-type]


# --- hand-computed figures --------------------------------------------------------------------


def test_hand_computed_intermittent_series() -> None:
    # [0, 3, 0, 0, 5, 2]: 6 periods, 3 with demand -> ADI = 6/3 = 2.
    # Sizes 3, 5, 2: mean 10/3, sample variance ((1/3)² + (5/3)² + (4/3)²)/2 = 7/3,
    # CV² = (7/3) / (10/3)² = 0.21 -> ADI ≥ 1.32 and CV² < 0.49: intermittent.
    # Per period: mean 10/6, sample variance 192/45 (deviations from 5/3), CV = sd/mean.
    values = [0, 3, 0, 0, 5, 2]
    assert average_demand_interval(np.array(values)) == 2.0
    assert squared_cv_of_sizes(np.array(values)) == pytest.approx(0.21)
    item = profile_demand(make_demand({"X": values})).item("X")
    assert item.periods == 6
    assert item.active_periods == 3
    assert item.total == 10
    assert item.mean == pytest.approx(10 / 6)
    assert item.std == pytest.approx(math.sqrt(192 / 45))
    assert item.cv == pytest.approx(math.sqrt(192 / 45) / (10 / 6))
    assert item.adi == 2.0
    assert item.cv2 == pytest.approx(0.21)
    assert item.zero_share == 0.5
    assert item.demand_class == "intermittent"
    assert item.intermittent is True
    assert item.xyz == "Z"  # CV 1.24 ≥ 1.0


@pytest.mark.parametrize(
    ("values", "adi", "cv2", "expected"),
    [
        # every period; mean 10, squared deviations 0+4+4+0+1+1 = 10, var = 10/5 = 2,
        # CV² = 2/10² = 0.02
        ([10, 12, 8, 10, 11, 9], 1.0, 2 / 100, "smooth"),
        # every period, sizes 1 and 10: mean 5.5, var (4 × 4.5²)/3 = 27 -> CV² = 27/30.25
        ([1, 10, 1, 10], 1.0, 27 / 30.25, "erratic"),
        # one period in three, sizes 1 and 10: ADI 3, same CV²
        ([0, 0, 1, 0, 0, 10, 0, 0, 1, 0, 0, 10], 3.0, 27 / 30.25, "lumpy"),
        # one period in four, equal sizes: ADI 4, CV² 0
        ([5, 0, 0, 0, 5, 0, 0, 0], 4.0, 0.0, "intermittent"),
    ],
)
def test_syntetos_boylan_classes_on_small_series(
    values: list[float], adi: float, cv2: float, expected: str
) -> None:
    item = profile_demand(make_demand({"X": values})).item("X")
    assert item.adi == pytest.approx(adi)
    assert item.cv2 == pytest.approx(cv2)
    assert item.demand_class == expected
    assert syntetos_boylan_class(np.array(values)) == expected


def test_class_boundaries_are_inclusive_on_the_upper_side() -> None:
    # ADI exactly 1.32 is not below the cut-off (Syntetos, Boylan & Croston 2005: ADI < 1.32).
    values = [0.0] * 8 + [5.0] * 25  # 33 periods, 25 with demand: ADI = 1.32 exactly
    item = profile_demand(make_demand({"X": values})).item("X")
    assert item.adi == pytest.approx(ADI_CUTOFF)
    assert item.demand_class == "intermittent"


# --- ABC and XYZ ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("totals", "expected"),
    [
        # shares 50/30/15/4/1 %; cumulative share before each: 0, 50, 80, 95, 99 %
        ([50, 30, 15, 4, 1], list("AABCC")),
        # the same items in another order keep their classes
        ([4, 50, 1, 15, 30], list("CACBA")),
        # the item crossing 80 % is still A: before-shares 0, 70, 90 %
        ([70, 20, 10], list("AAB")),
        # one dominant item: the largest item is always A
        ([90, 5, 5], list("ABC")),
        # ties keep their order; negative totals count as zero volume
        ([10, 10, -5, 0], list("AACC")),
        ([0, 0], list("CC")),
    ],
)
def test_abc_classes_on_constructed_sets(totals: list[float], expected: list[str]) -> None:
    assert abc_classes(np.array(totals, dtype=float)).tolist() == expected


def test_abc_thresholds_are_settings() -> None:
    assert abc_classes(np.array([50, 30, 15, 5.0]), a_share=0.5, b_share=0.8).tolist() == list(
        "ABCC"
    )


def test_xyz_classes_thresholds() -> None:
    cv = np.array([0.0, 0.49, 0.5, 0.99, 1.0, 3.0, np.nan])
    assert xyz_classes(cv).tolist() == list("XXYYZZZ")
    assert xyz_classes(cv, x_cv=0.25, y_cv=0.5).tolist() == list("XYZZZZZ")


def test_settings_reject_unordered_thresholds() -> None:
    with pytest.raises(ValidationError):
        ProfileSettings(abc_a_share=0.9, abc_b_share=0.8)
    with pytest.raises(ValidationError):
        ProfileSettings(xyz_x_cv=1.0, xyz_y_cv=0.5)


# --- STL strengths (Hyndman & Athanasopoulos, FPP3 §4.2) --------------------------------------


def test_pure_seasonal_series_has_seasonal_strength_near_one() -> None:
    rng = np.random.default_rng(1)
    t = np.arange(120)  # ten years of months
    values = 100 + 30 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 1, len(t))
    trend, seasonal = stl_strengths(values, 12)
    assert seasonal > 0.95
    assert trend < 0.3


def test_linear_trend_has_trend_strength_near_one() -> None:
    rng = np.random.default_rng(2)
    t = np.arange(120)
    trend, seasonal = stl_strengths(50 + 2.0 * t + rng.normal(0, 2, len(t)), 12)
    assert trend > 0.95
    assert seasonal < 0.5


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_white_noise_has_low_strengths(seed: int) -> None:
    # Twenty years of monthly noise: the smoothers still absorb part of the noise (the seasonal
    # one fits each month's mean over about 11 years), so the strengths are 0.1-0.25, not 0.
    values = np.random.default_rng(seed).normal(100, 10, 240)
    trend, seasonal = stl_strengths(values, 12)
    assert trend < 0.3
    assert seasonal < 0.3


def test_strengths_need_two_full_seasons() -> None:
    values = np.arange(23, dtype=float)
    assert all(math.isnan(v) for v in stl_strengths(values, 12))
    assert not any(math.isnan(v) for v in stl_strengths(np.append(values, 3.0), 12))


def test_constant_series_has_zero_strengths() -> None:
    assert stl_strengths(np.full(48, 7.0), 12) == (0.0, 0.0)


def test_short_skus_are_reported_in_the_notes() -> None:
    demand = make_demand({"LONG": list(range(1, 25)), "SHORT": list(range(1, 13))}, "M")
    profile = profile_demand(demand)
    assert profile.seasonal_period == 12
    assert math.isnan(profile.item("SHORT").seasonal_strength)
    assert not math.isnan(profile.item("LONG").trend_strength)
    assert any("1 SKU has fewer than two full seasons (24 periods)" in n for n in profile.notes)


def test_notes_count_many_skus_with_separators_and_plurals() -> None:
    demand = make_demand({f"S{i:04d}": [1, 0, 2, 3] for i in range(1500)} | {"Z": [0] * 4}, "M")
    notes = profile_demand(demand).notes
    assert any(n.startswith("1,501 SKUs have fewer than two full seasons") for n in notes)
    assert any(n.startswith("1 SKU has no demand at all") for n in notes)


@pytest.mark.parametrize(("frequency", "period"), [("M", 12), ("W", 52), ("D", 7)])
def test_seasonal_period_follows_frequency(frequency: str, period: int) -> None:
    assert profile_demand(make_demand({"X": [1.0, 2.0]}, frequency)).seasonal_period == period


# --- the profile as a whole -------------------------------------------------------------------


def test_profile_table_has_a_row_per_sku_and_the_summaries_add_up() -> None:
    demand = make_demand(
        {
            "BIG": [100.0, 110.0, 90.0, 100.0] * 3,
            "MID": [20.0, 25.0, 15.0, 20.0] * 3,
            "RARE": [0.0, 0.0, 6.0, 0.0] * 3,
        }
    )
    profile = profile_demand(demand)
    table = profile.table
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert table["sku"].tolist() == ["BIG", "MID", "RARE"]
    assert table["abc"].tolist() == ["A", "B", "C"]  # shares 1200/1458 = 82 %, 16 %, 1 %
    assert table["volume_share"].sum() == pytest.approx(1.0)
    assert profile.flagged == ("RARE",)
    assert profile.warning == INTERMITTENT_WARNING
    assert profile.class_counts() == {"smooth": 2, "erratic": 0, "intermittent": 1, "lumpy": 0}
    counts = profile.abc_xyz_counts()
    assert counts.to_numpy().sum() == 3
    assert counts.loc["A", "X"] == 1
    assert counts.loc["C", "Z"] == 1  # RARE: mean 1.5, variance 81/11, CV = 1.81
    table.loc[0, "sku"] = "changed"
    assert profile.table.loc[0, "sku"] == "BIG"  # the table is a copy


def test_no_warning_without_intermittent_items() -> None:
    profile = profile_demand(make_demand({"A": [5.0, 6.0, 5.0, 4.0]}))
    assert profile.flagged == ()
    assert profile.warning is None


def test_sku_without_demand() -> None:
    profile = profile_demand(make_demand({"ZERO": [0.0] * 6, "A": [1.0] * 6}))
    item = profile.item("ZERO")
    assert item.adi == math.inf
    assert item.demand_class == "intermittent"
    assert item.abc == "C"
    assert math.isnan(item.cv)
    assert any("no demand at all" in note for note in profile.notes)
    with pytest.raises(KeyError):
        profile.item("MISSING")


def test_empty_data() -> None:
    empty = DemandData(pd.DataFrame({"date": [], "sku": [], "quantity": []}), "W")
    profile = profile_demand(empty)
    assert profile.items == ()
    assert profile.table.empty


# --- invariants -------------------------------------------------------------------------------

demand_values = st.lists(
    st.integers(min_value=0, max_value=50).map(float) | st.sampled_from([0.0, 0.0, 0.0, 1000.0]),
    min_size=1,
    max_size=30,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(demand_values, min_size=1, max_size=4))
def test_invariants(series: list[list[float]]) -> None:
    demand = make_demand({f"S{i}": values for i, values in enumerate(series)})
    # A short season makes STL run on short random series too.
    profile = profile_demand(demand, ProfileSettings(seasonal_period=3))
    totals = {item.sku: item.total for item in profile.items}
    rank = {"A": 0, "B": 1, "C": 2}
    for item, values in zip(profile.items, series, strict=True):
        array = np.array(values)
        assert item.periods == len(values)
        assert item.adi >= 1.0
        assert item.adi == average_demand_interval(array)
        assert item.cv2 == pytest.approx(squared_cv_of_sizes(array), abs=1e-12)
        assert item.demand_class == syntetos_boylan_class(array)
        assert (item.adi < ADI_CUTOFF) == (item.demand_class in ("smooth", "erratic"))
        assert (item.cv2 < CV2_CUTOFF) == (item.demand_class in ("smooth", "intermittent"))
        assert 0.0 <= item.zero_share <= 1.0
        if item.active_periods:
            assert item.zero_share == pytest.approx(1 - 1 / item.adi)
        for strength in (item.trend_strength, item.seasonal_strength):
            assert math.isnan(strength) or 0.0 <= strength <= 1.0
        assert math.isnan(item.trend_strength) == (len(values) < 6)
        # a larger volume never gets a worse ABC class
        for other in profile.items:
            if totals[item.sku] > totals[other.sku]:
                assert rank[item.abc] <= rank[other.abc]
    if sum(totals.values()) > 0:
        assert sum(item.volume_share for item in profile.items) == pytest.approx(1.0)
        assert profile.items[int(np.argmax(list(totals.values())))].abc == "A"


# --- command line -----------------------------------------------------------------------------


def test_command_line_prints_the_profile_and_writes_the_csv(tmp_path, capsys) -> None:
    from jitcore.cli import main
    from tests.conftest import SAMPLE_DIR

    out = tmp_path / "profile.csv"
    assert main(["profile", str(SAMPLE_DIR / "teaching_weekly_long.csv"), "--csv", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "INTERMITTENT-01 intermittent   C   Z 3.18 0.03" in printed
    assert "Intermittent or lumpy: INTERMITTENT-01, LUMPY-01." in printed
    written = pd.read_csv(out)
    assert list(written.columns) == list(TABLE_COLUMNS)
    assert written.set_index("sku").loc["LUMPY-01", "demand_class"] == "lumpy"
