"""``python -m jitcore validate``: JSON and text output, overrides, exit codes, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from jitcore.cli import main
from tests.conftest import ROOT
from tests.intake_files import LONG_ROWS, csv_bytes, xlsx_bytes

KEYS = {
    "ok",
    "layout",
    "frequency",
    "skus",
    "periods",
    "start",
    "end",
    "total_quantity",
    "columns",
    "warnings",
    "errors",
}


def _json(capsys, *argv: str) -> tuple[int, dict]:
    code = main(["validate", *argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_json_for_a_usable_file(tmp_path, capsys) -> None:
    path = tmp_path / "demand.csv"
    rows = [("Datum", "Artikel", "Menge"), *LONG_ROWS, ("Summe", "", "75")]
    path.write_bytes(csv_bytes(rows, delimiter=";"))
    code, result = _json(capsys, str(path))
    assert code == 0
    assert set(result) >= KEYS
    assert result["ok"] is True and result["errors"] == []
    assert result["layout"] == "long" and result["frequency"] == "W"
    assert result["skus"] == 2 and result["periods"] == 3
    assert (result["start"], result["end"]) == ("2024-01-01", "2024-01-15")
    assert result["total_quantity"] == 75.0
    assert result["columns"] == {"date": "Datum", "sku": "Artikel", "quantity": "Menge"}
    assert result["excluded"] == {"totals rows": 1}


def test_overrides_and_frequency(tmp_path, capsys) -> None:
    path = tmp_path / "d.csv"
    rows = [("day", "item", "sold", "ordered")]
    rows += [(f"2024-01-{d:02d}", "A", "1", "2") for d in range(1, 15)]
    path.write_bytes(csv_bytes(rows))
    code, result = _json(
        capsys,
        str(path),
        "--qty-col",
        "ordered",
        "--freq",
        "w",
        "--date-col",
        "day",
        "--sku-col",
        "item",
    )
    assert code == 0
    assert result["frequency"] == "W" and result["total_quantity"] == 28.0
    assert result["columns"]["quantity"] == "ordered"
    assert result["periods"] == 2


def test_sheet_choice(tmp_path, capsys) -> None:
    path = tmp_path / "b.xlsx"
    path.write_bytes(
        xlsx_bytes(
            {
                "First": [["date", "sku", "qty"], ["2024-01-01", "A", 1], ["2024-01-02", "A", 1]],
                "Second": [["date", "sku", "qty"], ["2024-02-01", "B", 5], ["2024-03-01", "B", 6]],
            }
        )
    )
    code, result = _json(capsys, str(path), "--sheet", "Second")
    assert code == 0 and result["skus"] == 1 and result["total_quantity"] == 11.0
    code, result = _json(capsys, str(path), "--sheet", "Third")
    assert code == 2 and "no sheet named 'Third'" in result["errors"][0]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"sku,qty\nA,1\nB,2\n", "No column with dates"), (b"%PDF-1.4 xx", "PDF")],
)
def test_unusable_files_exit_2_with_json_errors(tmp_path, capsys, content, message) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    code, result = _json(capsys, str(path))
    assert code == 2
    assert result["ok"] is False and message in result["errors"][0]
    assert result["skus"] == 0 and result["start"] is None


def test_missing_file_and_bad_override(tmp_path, capsys) -> None:
    code, result = _json(capsys, str(tmp_path / "nope.csv"))
    assert code == 2 and "does not exist" in result["errors"][0]
    path = tmp_path / "d.csv"
    path.write_bytes(csv_bytes([("date", "sku", "qty"), *LONG_ROWS]))
    code, result = _json(capsys, str(path), "--qty-col", "Menge")
    assert code == 2 and "no column named 'Menge'" in result["errors"][0]


def test_text_output(tmp_path, capsys) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(csv_bytes([("date", "sku", "qty"), *LONG_ROWS, LONG_ROWS[0]]))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "d.csv: usable" in out
    assert "frequency:  weekly" in out
    assert "SKUs:       2" in out
    assert "total:      75 units" in out
    assert "exact duplicate rows: 1" in out
    assert "! 1 row repeats an earlier row exactly (row 8)" in out
    (tmp_path / "e.csv").write_bytes(b"")
    assert main(["validate", str(tmp_path / "e.csv")]) == 2
    err = capsys.readouterr().err
    assert "NOT usable" in err and "is empty" in err


def test_subprocess_never_prints_a_traceback(tmp_path) -> None:
    path = tmp_path / "junk.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    for extra in ([], ["--json"]):
        done = subprocess.run(
            [sys.executable, "-m", "jitcore", "validate", str(path), *extra],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        assert done.returncode == 2
        assert "Traceback" not in done.stdout + done.stderr
    assert json.loads(done.stdout)["ok"] is False
