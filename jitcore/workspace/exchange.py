"""Scenario files to share: one or several named scenarios, the baseline mark and the data they
were made on, as JSON.

Version 2 (written here)::

    {
      "file_version": 2,
      "kind": "jit-whatif scenarios",
      "data": {"name": "sales.csv", "fingerprint": "<SHA-256 of the data file>"},
      "baseline": "Today",
      "scenarios": [
        {"name": "Today", "notes": "", "settings": {<a complete scenario>}},
        {"name": "JIT", "notes": "lead time halved", "settings": {...}}
      ]
    }

``data`` and ``baseline`` may be null. Version 1 is a single scenario's settings, as
:meth:`Scenario.to_json <jitcore.scenario.Scenario.to_json>` writes them; it still loads, as a
library of that one scenario without a baseline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from jitcore.errors import JitError, ScenarioError
from jitcore.scenario import Scenario

FILE_VERSION = 2
KIND = "jit-whatif scenarios"
#: The largest scenario file read, in bytes (a library of hundreds of scenarios is far smaller).
MAX_FILE_BYTES = 5_000_000
#: The most scenarios one file may carry.
MAX_SCENARIOS = 500


@dataclass(frozen=True)
class NamedScenario:
    name: str
    scenario: Scenario
    notes: str = ""


@dataclass(frozen=True)
class ScenarioFile:
    """What a scenario file carries. ``version`` is the format it was read from (1 or 2);
    ``data_fingerprint`` the SHA-256 of the data file the scenarios were made on, if known."""

    scenarios: tuple[NamedScenario, ...]
    baseline: str | None = None
    data_name: str | None = None
    data_fingerprint: str | None = None
    version: int = FILE_VERSION

    def to_json(self) -> str:
        data = None
        if self.data_fingerprint or self.data_name:
            data = {"name": self.data_name, "fingerprint": self.data_fingerprint}
        document = {
            "file_version": FILE_VERSION,
            "kind": KIND,
            "data": data,
            "baseline": self.baseline,
            "scenarios": [
                {"name": item.name, "notes": item.notes, "settings": item.scenario.to_dict()}
                for item in self.scenarios
            ],
        }
        return json.dumps(document, indent=2, ensure_ascii=False)


def read_scenario_file(content: str | bytes) -> ScenarioFile:
    """A version-2 library file, or a version-1 single scenario, validated.

    Raises ScenarioError saying what is wrong and in which scenario."""
    if len(content) > MAX_FILE_BYTES:
        raise ScenarioError(
            f"The scenario file has {len(content):,} bytes; at most {MAX_FILE_BYTES:,} are read.",
            "A scenario file holds settings only; check that this is the right file.",
        )
    try:
        document = json.loads(content)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ScenarioError(
            f"The scenario file is not valid JSON ({_short(str(exc))}).",
            "Check for a missing comma or quote, or export the scenarios again.",
        ) from None
    except RecursionError:
        raise ScenarioError(
            "The scenario file nests objects too deeply to be settings.",
            "Export the scenarios again from the app.",
        ) from None
    if isinstance(document, dict) and ("file_version" in document or "scenarios" in document):
        return _version_2(document)
    scenario = Scenario.from_dict(document)
    return ScenarioFile(scenarios=(NamedScenario(scenario.name, scenario),), version=1)


def _version_2(document: dict[str, Any]) -> ScenarioFile:
    version = document.get("file_version")
    if version != FILE_VERSION:
        raise ScenarioError(
            f"This scenario file has format version {_short(json.dumps(version))}; this "
            f"version of jit-whatif reads 1 and {FILE_VERSION}.",
            "Export it again, or update jit-whatif if it came from a newer one.",
        )
    entries = document.get("scenarios")
    if not isinstance(entries, list) or not entries:
        raise ScenarioError(
            "The scenario file lists no scenarios ('scenarios' must be a non-empty list).",
            "Export the scenarios again from the app.",
        )
    if len(entries) > MAX_SCENARIOS:
        raise ScenarioError(
            f"The scenario file lists {len(entries):,} scenarios; at most {MAX_SCENARIOS} load.",
            "Split it into smaller files.",
        )
    scenarios: list[NamedScenario] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("settings"), dict):
            raise ScenarioError(
                f"Scenario {number} of the file has no 'settings' object.",
                "Each entry needs a name and its settings; export the scenarios again.",
            )
        name = entry.get("name", entry["settings"].get("name"))
        if not isinstance(name, str) or not name.strip():
            raise ScenarioError(f"Scenario {number} of the file has no name.", "Give it a name.")
        try:
            scenario = Scenario.from_dict({**entry["settings"], "name": name.strip()})
        except JitError as exc:
            raise ScenarioError(
                f"Scenario {number} ({_short(name)}): {exc.message}", exc.hint
            ) from None
        notes = entry.get("notes") or ""
        scenarios.append(NamedScenario(scenario.name, scenario, str(notes)))
    names = [item.name for item in scenarios]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ScenarioError(
            f"The scenario file names {', '.join(map(repr, twice))} more than once.",
            "Give every scenario its own name.",
        )
    baseline = document.get("baseline")
    if baseline is not None and baseline not in names:
        raise ScenarioError(
            f"The file's baseline {_short(str(baseline))!r} is not one of its scenarios.",
            "Set 'baseline' to one of the scenario names, or to null.",
        )
    data = document.get("data") if isinstance(document.get("data"), dict) else {}
    return ScenarioFile(
        scenarios=tuple(scenarios),
        baseline=baseline,
        data_name=_text_or_none(data.get("name")),
        data_fingerprint=_text_or_none(data.get("fingerprint")),
    )


def _text_or_none(value: Any) -> str | None:
    return value[:200] if isinstance(value, str) and value else None


def _short(text: str, limit: int = 60) -> str:
    """At most ``limit`` characters of a value quoted in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
