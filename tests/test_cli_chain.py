"""The ``chain`` command: JSON with the stages' KPIs and the chain's, the same numbers as the
core, bounded arguments with plain errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from jitcore.chain import run_chain, uniform_chain
from jitcore.cli import main
from tests.conftest import ROOT

KEYS = {"name", "exposure", "bullwhip", "amplification", "average_on_hand", "fill_rate",
        "total_cost"}  # fmt: skip


def test_chain_json_has_every_stage_and_the_core_numbers(capsys) -> None:
    args = ["chain", "--stages", "3", "--lead-time", "1", "--window", "5", "--paths", "40",
            "--periods", "200", "--seed", "7", "--json"]  # fmt: skip
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert [stage["name"] for stage in out["stages"]] == ["retailer", "wholesaler", "factory"]
    assert all(stage.keys() >= KEYS for stage in out["stages"])
    assert {"total_cost", "fill_rate", "amplification", "average_on_hand"} <= out["chain"].keys()
    core = run_chain(
        uniform_chain(3, lead_time=1, window=5, paths=40, periods=200, warmup=40, seed=7)
    )
    for printed, kpis in zip(out["stages"], core.stages, strict=True):
        assert printed["bullwhip"] == pytest.approx(kpis.bullwhip)
        assert printed["exposure"] == 2
    # Chen et al. 2000 at the retailer: 1 + 2·2/5 + 2·4/25 = 2.12, within sampling noise
    assert out["stages"][0]["bullwhip"] == pytest.approx(2.12, rel=0.1)
    assert out["chain"]["total_cost"] == pytest.approx(sum(s["total_cost"] for s in out["stages"]))


def test_shared_information_lowers_the_factory_amplification(capsys) -> None:
    amplification = {}
    for info in ("local", "shared"):
        assert (
            main(["chain", "--information", info, "--paths", "50", "--window", "8", "--json"]) == 0
        )
        amplification[info] = json.loads(capsys.readouterr().out)["chain"]["amplification"]
    assert amplification["shared"] < amplification["local"]


def test_no_variance_prints_null_not_nan(capsys) -> None:
    assert (
        main(["chain", "--stages", "1", "--sd", "0", "--paths", "2", "--periods", "20", "--json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["stages"][0]["amplification"] is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--stages", "5"], "1 to 4 stages"),
        (["--lead-time", "40"], "lead_time"),
        (["--paths", "20000", "--periods", "5000"], "path-periods"),
        (["--periods", "10", "--warmup", "10"], "warm-up"),
    ],
)
def test_out_of_bounds_arguments_give_a_plain_error(args, words) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "jitcore", "chain", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert words in done.stderr
