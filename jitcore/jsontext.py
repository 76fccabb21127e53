"""JSON from users, read within limits: size, nesting depth, digits of a number, finite values.

Python's ``json`` module recurses once per nesting level (10,000 ``[`` exhaust the stack),
turns a 5,000-digit integer into a ``ValueError`` of its own (CPython's 4,300-digit guard,
PEP 651 / CVE-2020-10735) and accepts ``NaN`` and ``Infinity``, which are not JSON (RFC 8259
§6). :func:`load_json` checks the text first and raises :class:`~jitcore.errors.JitError`
(or the ``error`` subclass given) with a short message instead.

Bytes are decoded as the JSON standard allows (UTF-8, UTF-16 or UTF-32, RFC 8259 §8.1) and,
as editors write them, with or without a byte order mark.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

from jitcore.errors import JitError
from jitcore.formatting import EXCERPT_CHARS, excerpt

#: Largest JSON text read, in bytes: a scenario with every per-SKU setting is well below.
MAX_JSON_BYTES = 20 * 2**20
#: Deepest nesting of objects and arrays: a scenario nests four levels.
MAX_JSON_DEPTH = 32
#: Most digits of one number (integer or decimal): seeds have 19.
MAX_NUMBER_DIGITS = 40

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_json_bytes(data: bytes, *, what: str, error: type[JitError] = JitError) -> str:
    """``data`` as text: by its byte order mark, else UTF-32/16 by where the zero bytes of the
    first ASCII characters are (RFC 4627 §3), else UTF-8."""
    found = [encoding for bom, encoding in _BOMS if data.startswith(bom)]
    encoding = found[0] if found else json.detect_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise error(
            f"The {what} is not text in UTF-8, UTF-16 or UTF-32.",
            "Save it again as UTF-8 (any text editor can).",
        ) from None


def _check_shape(text: str, *, what: str, error: type[JitError]) -> None:
    """Depth of nesting and length of numbers, counted outside strings in one pass."""
    depth = digits = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char in "0123456789":
            digits += 1
            if digits > MAX_NUMBER_DIGITS:
                raise error(
                    f"The {what} holds a number with more than {MAX_NUMBER_DIGITS} digits.",
                    "Give numbers as plain values, e.g. 200 or 0.95.",
                )
            continue
        digits = 0 if char not in ".eE+-" else digits
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise error(
                    f"The {what} is nested more than {MAX_JSON_DEPTH} levels deep.",
                    "A scenario file nests four levels: start from a saved one.",
                )
        elif char in "]}":
            depth -= 1


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def load_json(data: str | bytes, *, what: str = "file", error: type[JitError] = JitError) -> Any:
    """Parse user JSON within the limits of this module; ``what`` names it in messages."""
    size = len(data)
    if size > MAX_JSON_BYTES:
        raise error(
            f"The {what} is {size / 2**20:,.1f} MB; at most {MAX_JSON_BYTES // 2**20} MB is read.",
            "Check that this is the right file.",
        )
    text = decode_json_bytes(data, what=what, error=error) if isinstance(data, bytes) else data
    text = text.removeprefix("\ufeff")  # a byte order mark read as text
    _check_shape(text, what=what, error=error)
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        near = excerpt(exc.doc[max(exc.pos - 20, 0) : exc.pos + 20])
        raise error(
            f"The {what} is not valid JSON: {exc.msg} at line {exc.lineno}, column "
            f"{exc.colno} (near {near}).",
            "Check for a missing comma or quote.",
        ) from None
    except (ValueError, RecursionError) as exc:  # Infinity / NaN, or a limit of the parser
        raise error(
            f"The {what} is not valid JSON: {str(exc)[:EXCERPT_CHARS]}.",
            "Numbers must be finite: write a large number instead of Infinity, or leave the "
            "setting out.",
        ) from None
