"""Collects every decision, warning and exclusion while a file is read, in plain language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``3 rows``, ``1 row``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"


def verb(count: int, one: str, many: str) -> str:
    """``one`` for a count of 1, else ``many`` (``is``/``are``)."""
    return one if count == 1 else many


def list_items(items: Sequence[str], *, limit: int = 5) -> str:
    """``a, b and c``; longer lists end in ``and N more``."""
    shown = [str(item) for item in items[:limit]]
    rest = len(items) - len(shown)
    if rest > 0:
        return ", ".join(shown) + f" and {rest:,} more"
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def rows_text(rows: Sequence[int], *, limit: int = 5) -> str:
    """``row 4`` or ``rows 4, 9 and 12`` (row numbers as a spreadsheet shows them)."""
    word = "row" if len(rows) == 1 else "rows"
    return f"{word} {list_items([str(row) for row in rows], limit=limit)}"


def quoted(names: Sequence[str], *, limit: int = 6) -> str:
    return list_items([f"'{name}'" for name in names], limit=limit)


@dataclass
class ReportBuilder:
    """Mutable collector used while reading; frozen into an ``IntakeReport`` at the end."""

    decisions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    excluded: dict[str, int] = field(default_factory=dict)

    def decide(self, text: str) -> None:
        if text not in self.decisions:
            self.decisions.append(text)

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def exclude(self, reason: str, count: int) -> None:
        if count > 0:
            self.excluded[reason] = self.excluded.get(reason, 0) + int(count)
