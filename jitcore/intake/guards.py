"""Refuse files that are empty, too large, binary, encrypted or zip bombs, before any parsing.

A 237 KB xlsx can unpack to 96 MB of XML and keep a spreadsheet reader busy for minutes, so an
xlsx is checked member by member (unpacked size and compression ratio) with ``zipfile``, which
only reads the zip directory.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Literal

from jitcore.errors import IntakeError
from jitcore.intake.options import MB, IntakeLimits

FileKind = Literal["text", "xlsx"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

#: Signatures of common binary formats a user may upload by mistake: magic -> what it is.
_BINARY_MAGIC: dict[bytes, str] = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"BZh": "a bzip2 archive",
    b"SQLite format 3": "an SQLite database",
    b"PAR1": "a Parquet file",
}

_TEXT_HINT = "Save the data as CSV (comma or semicolon separated) or as an Excel .xlsx workbook."


def _size_text(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB / 10 else f"{size / 1024:.0f} KB"


def check_size(data: bytes, filename: str, limits: IntakeLimits) -> None:
    """Refuse empty and oversized files."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise IntakeError(
            f"The file {filename!r} is empty.", "Export the demand history again and upload it."
        )
    if len(data) > limits.max_bytes:
        raise IntakeError(
            f"The file {filename!r} is {_size_text(len(data))}; the limit is "
            f"{_size_text(limits.max_bytes)}.",
            "Aggregate the history (e.g. to weeks) or split it into fewer SKUs per file.",
        )


def sniff_kind(data: bytes, filename: str) -> FileKind:
    """Decide between text and xlsx from the bytes (the file name's extension is only a hint)."""
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise IntakeError(
                f"The workbook {filename!r} is password-protected.",
                "Open it in Excel, remove the password (File › Info › Protect Workbook) and save "
                "it again, or export the sheet as CSV.",
            )
        raise IntakeError(
            f"{filename!r} is an old Excel 97-2003 (.xls) workbook or another Office file, "
            "which is not supported.",
            "Open it in Excel and save it as .xlsx, or export the sheet as CSV.",
        )
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise IntakeError(f"{filename!r} is {what}, not a table of demand.", _TEXT_HINT)
    if _is_json(data):
        raise IntakeError(
            f"{filename!r} is a JSON file (such as a saved scenario), not a table of demand.",
            "Load scenario files under 'Scenario file' in the sidebar, or with "
            "`run --scenario` on the command line. Demand history must be CSV or Excel.",
        )
    if not data.startswith(_UTF16_BOMS) and _looks_binary(data[:65536]):
        raise IntakeError(
            f"{filename!r} does not look like a text table or an Excel workbook.", _TEXT_HINT
        )
    return "text"


def _is_json(data: bytes) -> bool:
    """A JSON object or array (a scenario file renamed or picked by mistake)."""
    head = data.lstrip(b" \t\r\n\xef\xbb\xbf")
    if not head.startswith((b"{", b"[")):
        return False
    try:
        json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return False
    return True


def _looks_binary(sample: bytes) -> bool:
    """Binary when NUL bytes are present but not in the UTF-16 pattern, or control bytes abound."""
    if not sample:
        return False
    nul = sample.count(b"\x00")
    if nul:
        even = sample[0::2].count(b"\x00")
        odd = sample[1::2].count(b"\x00")
        half = len(sample) / 2
        utf16_like = max(even, odd) > 0.3 * half and min(even, odd) < 0.05 * half
        return not utf16_like
    controls = sum(sample.count(bytes([code])) for code in range(32) if code not in (9, 10, 13, 12))
    return controls > 0.05 * len(sample)


def check_xlsx(data: bytes, filename: str, limits: IntakeLimits) -> None:
    """Refuse a zip that is not a workbook, or whose members unpack suspiciously large."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise IntakeError(
            f"{filename!r} looks like an Excel workbook but is damaged ({exc}).",
            "Open it in Excel and save it again, or export the sheet as CSV.",
        ) from exc
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        what = "a Word document" if "word/document.xml" in names else "a zip archive"
        if "content.xml" in names:
            what = "an OpenDocument spreadsheet (.ods)"
        raise IntakeError(f"{filename!r} is {what}, not an Excel .xlsx workbook.", _TEXT_HINT)
    if any(member.flag_bits & 0x1 for member in members):
        raise IntakeError(f"The workbook {filename!r} is encrypted.", _TEXT_HINT)
    total = sum(member.file_size for member in members)
    if total > limits.max_xlsx_uncompressed:
        raise IntakeError(
            f"The workbook {filename!r} unpacks to {_size_text(total)}; the limit is "
            f"{_size_text(limits.max_xlsx_uncompressed)}.",
            "Export the sheet as CSV (CSV files are read much faster) or aggregate the data.",
        )
    for member in members:
        packed = max(member.compress_size, 1)
        if member.file_size > MB and member.file_size / packed > limits.max_xlsx_ratio:
            raise IntakeError(
                f"The workbook {filename!r} is suspicious: {member.filename} unpacks "
                f"{member.file_size / packed:.0f} times larger than it is stored.",
                "This is typical of a damaged or malicious file. Export the sheet as CSV.",
            )
