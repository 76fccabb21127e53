"""The layer rules, enforced: the core (``jitcore``) never imports streamlit, the app layer
(``ui``, ``pages``) or the benchmarks; pages and the app layer use only public names of the
core and of ``ui``; the core's modules import each other without cycles."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

APP_LAYER = ("streamlit", "ui", "pages", "benchmarks")


def _sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[tuple[str, tuple[str, ...], int]]:
    """(module, names imported from it, line) for every import in the file, lazy ones too."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, tuple(alias.name for alias in node.names), node.lineno


def test_the_core_never_imports_the_app_layer_or_benchmarks() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in _sources("jitcore")
        for module, _, line in _imports(path)
        if module.split(".")[0] in APP_LAYER
    ]
    assert offenders == []


def test_importing_jitcore_does_not_load_streamlit() -> None:
    code = "import sys, jitcore, jitcore.cli; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def _private(module: str, names: tuple[str, ...]) -> bool:
    parts = module.split(".")[1:] + list(names)
    return any(part.startswith("_") and not part.startswith("__") for part in parts)


def test_pages_and_the_app_layer_use_public_names_only() -> None:
    files = [ROOT / "app.py", *_sources("pages"), *_sources("ui")]
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {module} {', '.join(names)}".strip()
        for path in files
        for module, names, line in _imports(path)
        if module.split(".")[0] in ("jitcore", "ui") and _private(module, names)
    ]
    assert offenders == []


def _core_graph() -> dict[str, set[str]]:
    """Each jitcore module -> the jitcore modules it imports (``from package import name``
    counts as importing the submodule ``package.name`` when there is one)."""
    modules = {_module_name(path): path for path in _sources("jitcore")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for module, names, _ in _imports(path):
            if module.split(".")[0] != "jitcore":
                continue
            submodules = {f"{module}.{n}" for n in names} & modules.keys()
            targets |= submodules or ({module} & modules.keys())
        graph[name] = targets - {name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle, as the modules along it, or [] when there is none."""
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str]:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return []
        path.append(node)
        for target in sorted(graph[node]):
            if found := visit(target):
                return found
        path.pop()
        done.add(node)
        return []

    for node in sorted(graph):
        if found := visit(node):
            return found
    return []


def test_the_core_has_no_import_cycles() -> None:
    graph = _core_graph()
    assert "jitcore.vocabulary" in graph and graph["jitcore.vocabulary"] == set()
    assert _cycle(graph) == []


def test_the_rules_see_what_they_forbid() -> None:
    assert _private("jitcore.engine.results", ("_quiet",)) and _private("ui._hidden", ("x",))
    assert not _private("jitcore.forecast", ("METHODS", "__version__"))
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []
