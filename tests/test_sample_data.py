"""The bundled samples: the teaching set is reproducible and has the patterns it claims; every
sample listed in the app exists, is documented and loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from jitcore.intake import read_demand
from jitcore.profile import profile_demand
from tests.conftest import ROOT, SAMPLE_DIR
from ui import samples

TEACHING = SAMPLE_DIR / "teaching_weekly_long.csv"


@pytest.fixture(scope="module")
def teaching_profile():
    return profile_demand(read_demand(TEACHING))


def test_script_reproduces_the_committed_file_byte_for_byte(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "make_sample_data.py"
    result = subprocess.run(
        [sys.executable, str(script), "--output-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / TEACHING.name).read_bytes() == TEACHING.read_bytes()


def test_teaching_set_shape() -> None:
    demand = read_demand(TEACHING)
    assert demand.frequency == "W"
    assert demand.skus == (
        "INTERMITTENT-01",
        "LUMPY-01",
        "PROMO-01",
        "SEASONAL-01",
        "STABLE-01",
        "TREND-01",
    )
    assert demand.periods == 156
    assert (demand.frame["date"].dt.day_of_week == 0).all()  # Mondays
    quantity = demand.frame["quantity"].to_numpy()
    assert (quantity >= 0).all()
    assert np.array_equal(quantity, np.round(quantity))  # whole units
    assert demand.frame.groupby("sku").size().eq(156).all()


def test_teaching_set_has_the_patterns_it_claims(teaching_profile) -> None:
    item = teaching_profile.item
    assert item("STABLE-01").demand_class == "smooth"
    assert item("STABLE-01").xyz == "X"
    assert item("SEASONAL-01").seasonal_strength > 0.6
    assert item("SEASONAL-01").trend_strength < 0.3
    assert item("TREND-01").trend_strength > 0.6
    assert item("STABLE-01").trend_strength < 0.3
    assert item("STABLE-01").seasonal_strength < 0.5  # noise only (3 years: about 0.35)
    assert item("PROMO-01").demand_class == "erratic"
    assert item("INTERMITTENT-01").demand_class == "intermittent"
    assert item("LUMPY-01").demand_class == "lumpy"
    assert teaching_profile.flagged == ("INTERMITTENT-01", "LUMPY-01")
    assert set(teaching_profile.table["abc"]) == {"A", "B", "C"}


def test_the_app_opens_on_the_teaching_set() -> None:
    assert samples.SAMPLES[samples.DEFAULT_SAMPLE] == TEACHING.name


@pytest.mark.parametrize("label", list(samples.SAMPLES))
def test_every_listed_sample_exists_and_is_documented(label: str) -> None:
    file_name = samples.SAMPLES[label]
    assert (SAMPLE_DIR / file_name).is_file()
    assert file_name in (SAMPLE_DIR / "PROVENANCE.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("label", list(samples.SAMPLES))
def test_every_listed_sample_loads(label: str) -> None:
    file_name = samples.SAMPLES[label]
    demand = read_demand(SAMPLE_DIR / file_name)
    assert len(demand.skus) >= 3
    assert demand.periods >= 100
