"""Numbers as people read them, defined once for pages, charts, reading help and the command
line: amounts of money, shares as percentages, quantities to a sensible precision, short card
values (12.3k) and counts with their plural.

A number that is not finite (no data, nothing to divide by) reads as :data:`MISSING`.
"""

from __future__ import annotations

import math
import re

from jitcore.vocabulary import KPIS

#: What a missing or undefined number reads as.
MISSING = "–"


def short(value: float | None) -> str:
    """Whole numbers from 100 up (``1,234``), three significant digits below (``12.3``,
    ``0.0456``): quantities in chart legends, sentences and tables."""
    if value is None or not math.isfinite(value):
        return MISSING
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"


def units(value: float) -> str:
    """A quantity of units: whole from 100 up, one decimal below (``12.5``)."""
    if not math.isfinite(value):
        return MISSING
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"


def significant(value: float | None, digits: int = 3) -> str:
    """``digits`` significant digits without separators (``0.873``), for plain-text tables."""
    if value is None or not math.isfinite(value):
        return MISSING
    return f"{value:.{digits}g}"


def money(value: float, currency: str = "$", *, signed: bool = False) -> str:
    """``$1,234`` (``+$1,234`` / ``−$1,234`` when signed); small amounts keep cents."""
    if not math.isfinite(value):
        return MISSING
    sign = (
        ("+" if value > 0 else "−" if value < 0 else "") if signed else ("−" if value < 0 else "")
    )
    amount = abs(value)
    text = f"{amount:,.0f}" if amount >= 100 else f"{amount:,.2f}"
    return f"{sign}{currency}{text}"


def percent(value: float, digits: int = 1) -> str:
    """A share as a percentage: 0.9512 → ``95.1 %``."""
    return MISSING if not math.isfinite(value) else f"{100 * value:.{digits}f} %"


def percent_label(share: float) -> str:
    """A target as a percentage with only the digits it needs: ``95 %``, ``99.5 %``."""
    value = 100 * share
    digits = 0 if abs(value - round(value)) < 1e-6 else 1
    return f"{value:.{digits}f} %"


def compact(value: float) -> str:
    """Short numbers for cards: ``934``, ``12.3k``, ``1.23M``."""
    if not math.isfinite(value):
        return MISSING
    size = abs(value)
    if size >= 1e6:
        return f"{value / 1e6:.3g}M"
    if size >= 1e4:
        return f"{value / 1e3:.3g}k"
    return f"{value:,.0f}" if size >= 100 else f"{value:.3g}"


def signed_compact(value: float, prefix: str = "") -> str:
    """A signed :func:`compact` number for a change: ``+12``, ``-3.4``, ``+$1.64k`` (an ASCII
    minus, so a reader such as Streamlit's delta arrow can tell the direction from it)."""
    return ("-" if value < 0 else "+") + prefix + compact(abs(value))


def fixed(value: float, digits: int = 0) -> str:
    """A number with ``digits`` decimals and thousands separators: ``1,234.5``."""
    return MISSING if not math.isfinite(value) else f"{value:,.{digits}f}"


def pattern(value: float | None, spec: str) -> str:
    """``value`` through a format ``spec`` such as ``"{:.1%}"`` (plain-text tables)."""
    return MISSING if value is None or not math.isfinite(value) else spec.format(value)


def count(n: int, word: str) -> str:
    """``1 SKU``, ``3,000 SKUs``: a count with thousands separators and the right plural."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def duration(seconds: float) -> str:
    """``< 1 s``, ``12 s``, ``2 min 5 s``, ``1 h 5 min``: a run time as people say it."""
    if not math.isfinite(seconds):
        return MISSING
    if seconds < 1:
        return "< 1 s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


#: Most characters of a user's value quoted in a message.
EXCERPT_CHARS = 60


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A user's value quoted in a message, at most ``limit`` characters: ``'abc'…
    (40,000,000 characters)`` for a long one, so a 40 MB value never travels into a message."""
    if isinstance(value, int) and value.bit_length() > 3 * limit:  # str() refuses > 4,300 digits
        return f"an integer of about {int(value.bit_length() * math.log10(2)):,} digits"
    quoted = isinstance(value, str)
    text = value if quoted else repr(value)
    if len(text) <= limit:
        return repr(text) if quoted else text
    head = repr(text[:limit]) if quoted else text[:limit]
    return f"{head}… ({len(text):,} characters)"


def card_value(name: str, value: float, currency: str) -> str:
    """A KPI's value as read on a card or in a report: ``96.7 %``, ``1.23k``, ``4.3``,
    ``$12.3k`` (the kind of number from :data:`~jitcore.vocabulary.KPIS`)."""
    unit = KPIS[name].unit
    if unit == "share":
        return percent(value)
    if unit == "units":
        return compact(value)
    if unit == "money":
        return f"{currency}{compact(value)}"
    return fixed(value, 2 if unit == "ratio" else 1)


def card_change(name: str, change: float, currency: str) -> str:
    """A KPI's change against the baseline: ``+1.2 points``, ``-340``, ``+$1.64k``, ``+0.25``
    (percentage points in words, as in the Compare table)."""
    if not math.isfinite(change):
        return MISSING
    unit = KPIS[name].unit
    if unit == "share":
        return f"{100 * change:+.1f} points"
    if unit in ("units", "money"):
        return signed_compact(change, currency if unit == "money" else "")
    return f"{change:+.{2 if unit == 'ratio' else 1}f}"


#: Characters that act anywhere in a line: escapes, code, emphasis (``*`` always, ``_`` at
#: a word's edge only: CommonMark leaves ``a_b`` alone), links and images (``[``), HTML and
#: autolinks (``<``), entities (``&``), strikethrough (``~``), LaTeX (``$``) and Streamlit's
#: directives and icons (``:``).
_INLINE = re.compile(r"([\\`*\[\]<&~$:]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
#: What starts a block at the beginning of a line: heading, quote, list item, thematic break.
_BLOCK_START = re.compile(r"^([#>+=|-]|[0-9]+(?=[.)]))")


def plain(text: object) -> str:
    """User text (a SKU, file, column or scenario name, or a message quoting one) to put into
    Markdown so that it reads exactly as typed.

    Every character that Markdown, LaTeX (``$``) or a Streamlit directive (``:red[…]``) acts
    on gets a backslash (CommonMark 0.31 §2.4: any ASCII punctuation may be escaped), so no
    emphasis, link, image (``![x](url)``: no request), HTML or ``{{7*7}}`` takes effect;
    line breaks become spaces and a block marker at the start (``# ``, ``- ``, ``1. ``) is
    escaped, so the text cannot start a heading or a list. Not for code spans, which show
    backslashes.
    """
    flat = " ".join(str(text).splitlines()).lstrip()
    escaped = _INLINE.sub(r"\\\1", flat)
    start = _BLOCK_START.match(escaped)
    if start is None:
        return escaped
    if start.group(1)[0].isdigit():  # "1. " / "1) ": escape the period or parenthesis
        end = start.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped
