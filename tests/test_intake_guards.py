"""Hostile and broken files get a clear IntakeError, never a traceback, and zip bombs are refused
before any parsing."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jitcore.demand import DemandData
from jitcore.errors import IntakeError
from jitcore.intake import IntakeLimits, IntakeOptions, inspect_file, read_demand
from jitcore.intake.guards import OLE_MAGIC
from tests.intake_files import LONG_ROWS, csv_bytes, long_csv, xlsx_bytes


def _error(data: bytes, filename: str = "f.csv", **limits) -> IntakeError:
    options = IntakeOptions(limits=IntakeLimits(**limits)) if limits else None
    with pytest.raises(IntakeError) as info:
        read_demand(data, filename=filename, options=options)
    assert "unexpected problem" not in info.value.message
    return info.value


@pytest.mark.parametrize("data", [b"", b"   \r\n\t", b"\xef\xbb\xbf\n"])
def test_empty_files(data: bytes) -> None:
    assert "is empty" in _error(data).message


def test_binary_files() -> None:
    assert "PDF" in _error(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "x.csv").message
    assert "does not look like" in _error(bytes(range(256)) * 20, "x.csv").message


def test_password_protected_workbook() -> None:
    # An encrypted xlsx is an OLE compound file holding an "EncryptedPackage" stream.
    data = OLE_MAGIC + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
    error = _error(data, "secret.xlsx")
    assert "password-protected" in error.message
    assert "remove the password" in error.hint


def test_old_xls_workbook() -> None:
    assert ".xls" in _error(OLE_MAGIC + b"\x00" * 1024, "old.xls").message


def test_zip_that_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "zip archive" in _error(buffer.getvalue(), "x.xlsx").message


def test_damaged_workbook() -> None:
    data = xlsx_bytes({"S": [["date", "sku", "qty"], ["2024-01-01", "A", 1]]})
    assert "damaged" in _error(data[: len(data) // 2], "cut.xlsx").message


def _bomb(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (size // 6))
    return buffer.getvalue()


def test_zip_bomb_refused_before_parsing(monkeypatch) -> None:
    import openpyxl

    def never(*args, **kwargs):
        raise AssertionError("the workbook must not be opened")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    data = _bomb(20 * 1024 * 1024)
    assert len(data) < 100_000  # tiny on disk ...
    started = time.perf_counter()
    error = _error(data, "bomb.xlsx")
    assert "suspicious" in error.message  # ... but 20 MB unpacked
    assert time.perf_counter() - started < 1.0


def test_unpacked_size_limit() -> None:
    data = xlsx_bytes({"S": [["date", "sku", "qty"], ["2024-01-01", "A", 1]]})
    assert "unpacks to" in _error(data, "big.xlsx", max_xlsx_uncompressed=2000).message


def test_size_row_and_column_caps() -> None:
    assert "the limit is" in _error(long_csv(), max_bytes=50).message
    assert "more than 3 rows" in _error(long_csv(), max_rows=3).message
    wide = csv_bytes([["date", *[f"S{i}" for i in range(20)]], ["2024-01-01", *range(20)]])
    assert "more than 10 columns" in _error(wide, max_columns=10).message
    data = xlsx_bytes({"S": [["date", "sku", "qty"], *[list(r) for r in LONG_ROWS]]})
    assert "more than 3 rows" in _error(data, "x.xlsx", max_rows=3).message


def test_header_only_and_one_row_files() -> None:
    assert "no data rows" in _error(b"date;sku;qty\n").message
    assert "single" in _error(b"date,sku,qty\n2024-01-01,A,5\n").message
    assert "single" in _error(b"2024-01-01,A,5\n").message


def test_file_without_dates() -> None:
    error = _error(b"sku,qty\nA,1\nB,2\nC,3\n")
    assert "No column with dates" in error.message
    assert "'sku'" in error.hint


def test_no_numbers_or_nothing_usable_left() -> None:
    data = b"date,sku,qty\n2024-01-01,A,x\n2024-01-02,A,y\n"
    assert "No column with quantities" in _error(data).message
    with pytest.raises(IntakeError, match="No usable demand"):
        read_demand(data, filename="f.csv", options=IntakeOptions(quantity_column="qty"))


def test_empty_xlsx_sheet() -> None:
    assert "contains no data" in _error(xlsx_bytes({"Empty": []}), "e.xlsx").message


def _check(data: bytes, filename: str) -> None:
    for call in (
        lambda: read_demand(data, filename=filename),
        lambda: inspect_file(data, filename),
    ):
        try:
            result = call()
        except IntakeError as exc:
            assert exc.message and "unexpected problem" not in exc.message, exc.message
        else:
            if isinstance(result, DemandData):
                assert result.frame["quantity"].notna().all()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(["x.csv", "x.xlsx", "x.txt"]))
def test_random_bytes_only_raise_intake_error(data: bytes, filename: str) -> None:
    _check(data, filename)


_CELLS = st.one_of(
    st.sampled_from(
        [
            "2024-01-01",
            "2024-01-08",
            "05.02.2010",
            "Jan 2024",
            "2024-W05",
            "A",
            "Total",
            "Summe",
            "1.234,5",
            "12",
            "-3",
            "n/a",
            "",
            '"',
            "x;y",
            "45292",
            "Datum",
            "Menge",
            "sku",
            "qty",
            "date",
            "€ 5",
            "1e400",
            "0",
        ]
    ),
    st.text(alphabet="0123456789.,;-/ AaTW\t\"'", max_size=12),
)
_ROWS = st.lists(st.lists(_CELLS, min_size=0, max_size=6), min_size=0, max_size=12)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ROWS, st.sampled_from([",", ";", "\t", "|"]), st.sampled_from(["\n", "\r\n", "\r"]))
def test_random_csv_like_text_only_raises_intake_error(rows, delimiter, newline) -> None:
    text = newline.join(delimiter.join(row) for row in rows)
    _check(text.encode("utf-8"), "fuzz.csv")


def test_xml_is_parsed_with_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML  # openpyxl switches to defusedxml when it is installed


def test_xml_entity_expansion_is_refused() -> None:
    # A "billion laughs" shared-strings part: entities that expand exponentially.
    good = xlsx_bytes({"S": [["date", "sku", "qty"], ["2024-01-01", "A", 1]]})
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "lol">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        b'uniqueCount="1"><si><t>&c;</t></si></sst>'
    )
    source = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = laughs if item.filename == "xl/sharedStrings.xml" else source.read(item)
            target.writestr(item.filename, data)
    error = _error(buffer.getvalue(), "laughs.xlsx")
    assert "refused for safety (EntitiesForbidden)" in error.message
