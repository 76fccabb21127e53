"""The command line: ``python -m jitcore forecast FILE``."""

from __future__ import annotations

import json

import pytest

from jitcore.cli import main
from tests.conftest import SAMPLE_DIR

CLASSIC = str(SAMPLE_DIR / "classic_monthly_long.csv")


def test_json_for_one_sku(capsys) -> None:
    code = main(
        ["forecast", CLASSIC, "--sku", "WINE_AU_BOTTLES_LT1L", "--method", "ses", "--horizon", "3"]
        + ["--json"]
    )
    assert code == 0
    [item] = json.loads(capsys.readouterr().out)
    assert item["sku"] == "WINE_AU_BOTTLES_LT1L"
    assert item["method"] == "ses"
    assert set(item["parameters"]) == {"alpha"}
    assert [row["date"] for row in item["forecast"]] == ["1994-09-01", "1994-10-01", "1994-11-01"]
    for row in item["forecast"]:
        assert row["lower"] <= row["mean"] <= row["upper"]
    assert set(item["accuracy"]) == {"mae", "rmse", "mase", "bias"}
    methods = {c["method"] for c in item["candidates"]}
    assert {"naive", "seasonal_naive", "ses", "ets"} <= methods
    chosen = [c for c in item["candidates"] if c["chosen"]]
    assert [c["method"] for c in chosen] == ["ses"]
    assert chosen[0]["mase"] == pytest.approx(item["accuracy"]["mase"])
    assert len(item["error_sd"]) == 3


def test_every_sku_as_a_table_and_as_json(capsys) -> None:
    assert main(["forecast", CLASSIC, "--horizon", "2", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [i["sku"] for i in items] == [
        "A10_ANTIDIABETIC_AUDm",
        "H02_CORTICOSTEROID_AUDm",
        "WINE_AU_BOTTLES_LT1L",
    ]
    assert main(["forecast", CLASSIC, "--sku", "A10_ANTIDIABETIC_AUDm", "--horizon", "2"]) == 0
    text = capsys.readouterr().out
    assert "SKU A10_ANTIDIABETIC_AUDm" in text and "80% lower" in text and "*" in text


def test_user_errors_exit_2(capsys) -> None:
    assert main(["forecast", CLASSIC, "--sku", "NOPE"]) == 2
    err = capsys.readouterr().err
    assert "NOPE" in err and "hint:" in err
    assert main(["forecast", CLASSIC, "--horizon", "0"]) == 2
