"""``python -m jitcore report``: a workbook, an HTML page or a PDF from the command line; user
errors exit 2 with a message."""

from __future__ import annotations

import pytest

from jitcore.cli import main
from tests.injection import FILE_NAMES, assert_xlsx_safe, write_injection_file
from tests.test_reports_workshop import scenarios


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    after, before = scenarios()
    (folder / "after.json").write_text(after.to_json())
    (folder / "before.json").write_text(before.to_json())
    return folder, write_injection_file(folder / "demand.csv")


def _args(folder, demand, out, *extra):
    return ["report", demand, "--scenario", str(folder / "after.json"), "--baseline",
            str(folder / "before.json"), "--out", str(out), *extra]  # fmt: skip


def test_report_xlsx(files, capsys) -> None:
    folder, demand = files
    out = folder / "report.xlsx"
    assert main(_args(folder, demand, out, "--sku", FILE_NAMES[1])) == 0
    printed = capsys.readouterr().out
    assert "Excel workbook" in printed and str(out) in printed
    assert "Summary" in assert_xlsx_safe(out.read_bytes(), FILE_NAMES)


def test_report_html_and_pdf(files, capsys) -> None:
    folder, demand = files
    for suffix, start in ((".html", b"<!DOCTYPE html>"), (".pdf", b"%PDF")):
        out = folder / f"report{suffix}"
        assert main(_args(folder, demand, out)) == 0
        assert out.read_bytes().startswith(start)
    capsys.readouterr()


def test_report_without_baseline(files, capsys) -> None:
    folder, demand = files
    out = folder / "alone.xlsx"
    assert main(["report", demand, "--scenario", str(folder / "after.json"), "--out",
                 str(out)]) == 0  # fmt: skip
    assert "against" not in capsys.readouterr().out


@pytest.mark.parametrize(
    "change, message",
    [
        ({"out": "report.docx"}, "Unknown report format"),
        ({"out": "report"}, "Unknown report format"),
        ({"sku": "NOPE"}, "'NOPE' is not in the data"),
        ({"baseline": "missing.json"}, "Cannot read the scenario file"),
        ({"out": "."}, "Unknown report format"),
        ({"out": "missing/folder/report.xlsx"}, "Cannot write the report"),
    ],
)
def test_report_user_errors_exit_2(files, change, message, capsys) -> None:
    folder, demand = files
    out = folder / change.get("out", "x.xlsx")
    args = _args(folder, demand, out, *(["--sku", change["sku"]] if "sku" in change else []))
    if "baseline" in change:
        args[args.index("--baseline") + 1] = change["baseline"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "hint:" in err and "Traceback" not in err
