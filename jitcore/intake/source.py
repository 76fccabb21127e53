"""From uploaded bytes to a raw grid of cells, whatever the file type."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jitcore.errors import IntakeError
from jitcore.intake import excel, guards, text
from jitcore.intake.cells import filled
from jitcore.intake.options import IntakeLimits


@dataclass(frozen=True)
class Grid:
    """Every cell of a sheet or text file. Row i of ``cells`` is the file's row i+1.

    Cells are ``str`` (text files: always), ``int``/``float``, ``datetime`` or ``""`` (empty).
    """

    cells: pd.DataFrame
    file_type: str  # "CSV/text" or "Excel workbook"
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: tuple[str, ...] = ()
    total_cells: frozenset[tuple[int, int]] = frozenset()

    def read_as(self) -> dict[str, str]:
        """How the file was read (file type, encoding, delimiter, sheet), as the keyword
        arguments the inspection and the intake report share."""
        return {
            "file_type": self.file_type,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "sheet": self.sheet,
        }

    def describe(self) -> str:
        """One sentence on how the file was read."""
        if self.sheet:
            others = len(self.sheets) - 1
            extra = f" (the workbook has {others} other sheet{'s' if others != 1 else ''})"
            return f"Read the Excel sheet '{self.sheet}'{extra if others else ''}."
        return (
            f"Read as text in {self.encoding}, columns separated by "
            f"{text.DELIMITERS.get(self.delimiter, repr(self.delimiter))}."
        )


def load_grid(data: bytes, filename: str, *, sheet: str | None, limits: IntakeLimits) -> Grid:
    """Check the bytes with the guards, then read them as an xlsx sheet or as delimited text."""
    guards.check_size(data, filename, limits)
    kind = guards.sniff_kind(data, filename)
    if kind == "xlsx":
        guards.check_xlsx(data, filename, limits)
        sheet_grid = excel.read_sheet(data, filename, sheet, limits)
        grid = Grid(
            sheet_grid.cells,
            "Excel workbook",
            sheet=sheet_grid.sheet,
            sheets=sheet_grid.sheets,
            total_cells=sheet_grid.total_cells,
        )
    else:
        if sheet is not None and filename.lower().endswith((".csv", ".tsv", ".txt")):
            sheet = None  # a sheet choice left over from a workbook means nothing for text
        decoded = text.decode(data)
        if decoded.text.count("\ufffd") > max(10, len(decoded.text) // 20):
            raise IntakeError(
                f"{filename!r} does not look like a text table.",
                "Save the data as CSV or as an Excel .xlsx workbook.",
            )
        delimiter = text.sniff_delimiter(decoded.text)
        cells = text.text_to_grid(decoded.text, delimiter, limits)
        grid = Grid(cells, "CSV/text", encoding=decoded.encoding, delimiter=delimiter)
    if grid.cells.empty or not _any_filled(grid.cells):
        raise IntakeError(
            f"{filename!r} contains no data.",
            "Check that you exported the right sheet or file.",
        )
    return grid


def _any_filled(cells: pd.DataFrame) -> bool:
    return any(filled(cells[column]).any() for column in cells.columns)
