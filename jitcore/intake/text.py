"""Text files (CSV, TSV, TXT): detect the encoding and the delimiter, split into a grid of cells."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jitcore.errors import IntakeError
from jitcore.intake.options import MAX_ROWS_HINT, IntakeLimits

DELIMITERS: dict[str, str] = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}

#: Encodings charset-normalizer proposes for Western European text it cannot tell apart; such
#: files are nearly always Windows-1252 (Excel's "CSV" on Windows in EN/DE/FR/ES/NL).
_WESTERN = {"cp1250", "cp1252", "latin_1", "iso8859_15", "iso8859_1", "cp850", "mac_roman", "ascii"}


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # a plain-language name, e.g. "UTF-8 with BOM"


def decode(data: bytes) -> DecodedText:
    """Decode bytes: BOMs first, then UTF-16 without BOM, strict UTF-8, then a best guess.

    A file that is not UTF-8 is read as Windows-1252 unless charset-normalizer recognises a
    non-Western code page (e.g. cp1251 Cyrillic); bytes undefined there fall back to Latin-1.
    """
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(data[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM")
    for bom, codec, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
    ):
        if data.startswith(bom):
            return DecodedText(data[len(bom) :].decode(codec, errors="replace"), name)
    sample = data[:65536]
    if sample.count(b"\x00") > len(sample) // 4:
        codec = (
            "utf-16-le"
            if sample[1::2].count(b"\x00") > sample[0::2].count(b"\x00")
            else ("utf-16-be")
        )
        return DecodedText(data.decode(codec, errors="replace"), "UTF-16 (no BOM)")
    try:
        return DecodedText(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    guess = _charset_guess(sample) if _mostly_high_bytes(sample) else None
    if guess and guess not in _WESTERN:
        try:
            return DecodedText(data.decode(guess), guess)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return DecodedText(data.decode("cp1252"), "Windows-1252 (Western European)")
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "Latin-1")


def _mostly_high_bytes(sample: bytes) -> bool:
    """Non-Latin scripts (Cyrillic, Greek ...) put most letters above 0x7F; Western text only its
    accented letters. Short Western samples fool charset detectors, so only the former are
    guessed."""
    high = sum(byte >= 0x80 for byte in sample)
    ascii_letters = sum(65 <= byte <= 90 or 97 <= byte <= 122 for byte in sample)
    return high > 0.3 * (high + ascii_letters)


def _charset_guess(sample: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
    except Exception:  # noqa: BLE001 - a failed guess falls back to Windows-1252
        return None
    return None if best is None else str(best.encoding)


def sniff_delimiter(text: str, *, max_lines: int = 60) -> str:
    """The delimiter that splits the first lines into the most consistent, widest rows.

    Each candidate is scored by how many of the first non-blank lines share the most common
    field count (title rows above a table have fewer fields), then by that count.
    """
    lines = [line for line in text.splitlines()[: max_lines * 3] if line.strip()][:max_lines]
    if not lines:
        return ","
    best, best_score = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        wide = [count for count in counts if count > 1]
        if not wide:
            continue
        modal, hits = Counter(wide).most_common(1)[0]
        score = (hits / len(lines), modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def text_to_grid(text: str, delimiter: str, limits: IntakeLimits) -> pd.DataFrame:
    """Split text into a grid of stripped strings (``""`` for an empty cell); row i is the file's
    row i+1. Rows may differ in length (title rows, notes); the grid is as wide as the widest row.

    pandas' C parser does the work when the first 2,000 lines show the full width; otherwise (or
    when it objects) Python's csv module, which accepts any row length.
    """
    text = text.replace("\x00", "")
    head = "\n".join(text.splitlines()[:2000])
    try:
        width = max(
            (len(row) for row in csv.reader(io.StringIO(head), delimiter=delimiter)), default=0
        )
    except csv.Error:
        width = 0
    if 0 < width <= limits.max_columns:
        try:
            frame = pd.read_csv(
                io.StringIO(text),
                sep=delimiter,
                header=None,
                names=range(width),
                dtype=object,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                engine="c",
                nrows=limits.max_rows + 1,
            )
        except (pd.errors.ParserError, ValueError, IndexError, OverflowError):
            frame = None
        if frame is not None:
            _check_shape(len(frame), width, limits)
            return _strip(frame)
    return _csv_module_grid(text, delimiter, limits)


def _strip(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells without surrounding blanks, stripping each distinct value of the grid once."""
    values = frame.to_numpy(dtype=object)
    codes, uniques = pd.factorize(values.ravel(), use_na_sentinel=False)
    stripped = np.array([str(value).strip() for value in uniques], dtype=object)
    cells = stripped[codes].reshape(values.shape) if len(uniques) else values
    return pd.DataFrame(cells, index=frame.index, columns=frame.columns, dtype=object)


def _check_shape(rows: int, width: int, limits: IntakeLimits) -> None:
    if rows > limits.max_rows:
        raise IntakeError(
            f"The file has more than {limits.max_rows:,} rows.",
            "Aggregate the history (e.g. daily order lines to weekly totals), split the file, "
            f"{MAX_ROWS_HINT}.",
        )
    if width > limits.max_columns:
        raise IntakeError(
            f"The file has more than {limits.max_columns:,} columns.",
            "Put SKUs in rows instead of columns, or split the file.",
        )
    if rows * max(width, 1) > limits.max_cells:
        raise IntakeError(
            f"The table has {rows:,} rows × {width:,} columns, more than {limits.max_cells:,} "
            "cells.",
            "Aggregate the history or split the file.",
        )


def _csv_module_grid(text: str, delimiter: str, limits: IntakeLimits) -> pd.DataFrame:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[list[str]] = []
    width = 0
    try:
        for row in reader:
            rows.append([cell.strip() for cell in row])
            width = max(width, len(row))
            _check_shape(len(rows), width, limits)
    except csv.Error as exc:
        raise IntakeError(
            f"The text could not be split into columns ({exc}).",
            "Check that the file is a CSV export with one record per line.",
        ) from exc
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    return pd.DataFrame(rows, columns=range(width), dtype=object) if rows else pd.DataFrame()
