"""The package keeps the shape docs/architecture.md gives it: every module on the page, every
import going down the layers, no cycles in the library, typer/rich only in the CLI, and a test
file for every module."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "cai_cach"
PAGE = REPO / "docs" / "architecture.md"
TESTS = REPO / "tests"
ROOT = "cai_cach"


# --- reading the code -------------------------------------------------------------------------


@dataclass(frozen=True)
class Import:
    """One import statement's target: a module of the package (``cli/plans.py``) or the
    top-level name of another library (``typer``)."""

    target: str
    line: int
    internal: bool


def dotted_name(path: str) -> str:
    """``cli/plans.py`` → ``cai_cach.cli.plans``; ``cli/__init__.py`` → ``cai_cach.cli``."""
    parts = [ROOT, *path.removesuffix(".py").split("/")]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules() -> dict[str, str]:
    """Every module of the package: path under ``cai_cach/`` → its source."""
    return {
        path.relative_to(PACKAGE).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def imports_of(path: str, source: str, known: dict[str, str]) -> list[Import]:
    """Every import in a module, wherever it stands (top, functions, ``TYPE_CHECKING``).
    ``known`` maps the dotted names of the package's modules to their paths."""
    this = dotted_name(path)
    package = this if path.endswith("__init__.py") else this.rpartition(".")[0]
    found: list[Import] = []

    def add(name: str, line: int) -> None:
        if name.split(".")[0] != ROOT:
            found.append(Import(name.split(".")[0], line, internal=False))
            return
        while name not in known and "." in name:
            name = name.rpartition(".")[0]
        found.append(Import(known.get(name, name), line, internal=True))

    for node in ast.walk(ast.parse(source, path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                add(candidate if candidate in known else base, node.lineno)
    return found


def import_graph(modules: dict[str, str]) -> dict[str, list[Import]]:
    known = {dotted_name(path): path for path in modules}
    return {path: imports_of(path, source, known) for path, source in modules.items()}


# --- reading the page -------------------------------------------------------------------------


@dataclass
class Architecture:
    layers: list[str]  # top (cli) first
    modules: dict[str, str]  # path → layer
    libraries: dict[str, str] = field(default_factory=dict)  # library → the only layer allowed

    def rank(self, layer: str) -> int:
        """0 for the bottom layer; higher layers may import lower ones."""
        return len(self.layers) - 1 - self.layers.index(layer)


def _table(text: str, header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header row starts with ``header``."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if re.match(rf"\|\s*{header}\s*\|", line):
            rows = []
            for row in lines[index + 2 :]:
                if not row.startswith("|"):
                    break
                rows.append([cell.strip().strip("`") for cell in row.strip().strip("|").split("|")])
            return rows
    raise AssertionError(f"{PAGE.name} has no table with a '{header}' column")


def read_page(text: str) -> Architecture:
    layers = [row[0] for row in _table(text, "layer")]
    modules = {row[0]: row[1] for row in _table(text, "module")}
    libraries = {row[0]: row[1] for row in _table(text, "library")}
    return Architecture(layers, modules, libraries)


# --- the rules --------------------------------------------------------------------------------


def first_line_of_docstring(source: str) -> str:
    doc = ast.get_docstring(ast.parse(source)) or ""
    line = doc.strip().splitlines()[0].rstrip(".") if doc.strip() else ""
    return line or "<its one responsibility>"


def suggested_layer(imports: list[Import], page: Architecture) -> str:
    """The lowest layer the module's own imports allow."""
    ranks = [page.rank(page.modules[i.target]) for i in imports if i.target in page.modules]
    ranks += [page.rank(page.libraries[i.target]) for i in imports if i.target in page.libraries]
    return page.layers[len(page.layers) - 1 - max(ranks, default=0)]


def problems(
    graph: dict[str, list[Import]], sources: dict[str, str], page: Architecture
) -> list[str]:
    """Everything in ``graph`` that breaks the rules of ``page``, one sentence each."""
    found = []
    for path in sorted(graph):
        if path not in page.modules:
            layer = suggested_layer(graph[path], page)
            row = f"| `{path}` | {layer} | {first_line_of_docstring(sources.get(path, ''))} |"
            found.append(
                f"cai_cach/{path} is not in {PAGE.name}: add this row to the table under "
                f"'## Modules' (fix the layer or the wording if they are wrong):\n{row}"
            )
    for path in sorted(set(page.modules) - set(graph)):
        found.append(f"{PAGE.name} lists `{path}`, which does not exist: remove its row")
    for path, layer in sorted(page.modules.items()):
        if layer not in page.layers:
            found.append(f"`{path}` is in layer '{layer}', not one of {page.layers}")
    if found:
        return found
    for path, imports in sorted(graph.items()):
        layer = page.modules[path]
        for imported in imports:
            where = f"cai_cach/{path}:{imported.line}"
            if imported.internal and imported.target in page.modules:
                target_layer = page.modules[imported.target]
                if page.rank(target_layer) > page.rank(layer):
                    found.append(
                        f"{where} imports {imported.target} ({target_layer} layer), above its "
                        f"own {layer} layer: a module imports only its own layer and those below"
                    )
            elif imported.internal and imported.target not in page.modules:
                found.append(f"{where} imports {imported.target}, which is not a module")
            elif not imported.internal and imported.target in page.libraries:
                allowed = page.libraries[imported.target]
                if layer != allowed:
                    found.append(
                        f"{where} imports {imported.target}, which only the {allowed} layer "
                        f"may import ({path} is in the {layer} layer)"
                    )
    found += [
        f"import cycle in the library: {', '.join(group)} import each other"
        for group in cycles(graph, page)
    ]
    return found


def cycles(graph: dict[str, list[Import]], page: Architecture) -> list[list[str]]:
    """The groups of library modules (below the cli layer) that import each other in a
    circle, directly or not; each group sorted, each found once."""
    library = {path for path, layer in page.modules.items() if layer != page.layers[0]}
    edges = {
        path: {i.target for i in graph[path] if i.internal and i.target in library} - {path}
        for path in library & set(graph)
    }
    reach: dict[str, set[str]] = {}
    for start in edges:
        seen, todo = set(), list(edges[start])
        while todo:
            path = todo.pop()
            if path not in seen:
                seen.add(path)
                todo.extend(edges.get(path, ()))
        reach[start] = seen
    groups = {
        tuple(sorted(other for other in reach[path] if path in reach.get(other, set())))
        for path in edges
        if path in reach[path]
    }
    return [list(group) for group in sorted(groups)]


def expected_test_file(path: str) -> str:
    special = {
        "__init__.py": "test_package.py",
        "__main__.py": "test_main.py",
        "cli/__init__.py": "test_cli.py",
        "importing/__init__.py": "test_importing.py",
    }
    return special.get(path, "test_" + path.replace("/", "_"))


# --- the real package -------------------------------------------------------------------------


def test_the_package_has_the_shape_the_page_gives_it() -> None:
    sources = package_modules()
    page = read_page(PAGE.read_text(encoding="utf-8"))
    found = problems(import_graph(sources), sources, page)
    assert not found, "\n".join(found)


def test_the_page_has_layers_modules_and_libraries() -> None:
    page = read_page(PAGE.read_text(encoding="utf-8"))
    assert page.layers[0] == "cli"
    assert {"typer", "rich"} <= {lib for lib, layer in page.libraries.items() if layer == "cli"}
    assert len(page.modules) >= 20


@pytest.mark.parametrize("path", sorted(package_modules()))
def test_every_module_has_its_own_test_file(path: str) -> None:
    expected = expected_test_file(path)
    assert (TESTS / expected).is_file(), f"cai_cach/{path} has no tests: add tests/{expected}"


def test_test_files_import_shared_data_from_helpers_not_conftest() -> None:
    offenders = [
        path.name
        for path in sorted(TESTS.glob("test_*.py"))
        if re.search(
            r"^\s*(from tests\.conftest|from \.conftest|import tests\.conftest)",
            path.read_text(encoding="utf-8"),
            re.MULTILINE,
        )
    ]
    assert offenders == [], "import shared test data from tests.helpers, not tests.conftest"


# --- the checker on a made-up package -----------------------------------------------------------

FAKE_PAGE = """\
| layer | what it holds |
|---|---|
| cli | the command line |
| features | jobs |
| base | no plans |

| library | only in layer |
|---|---|
| typer | cli |

| module | layer | responsibility |
|---|---|---|
| `cli/__init__.py` | cli | the app |
| `report.py` | features | reports |
| `text.py` | base | text |
"""


def fake(modules: dict[str, str]) -> list[str]:
    return problems(import_graph(modules), modules, read_page(FAKE_PAGE))


GOOD = {
    "cli/__init__.py": "import typer\nfrom cai_cach import report\n",
    "report.py": "from cai_cach.text import fold\n",
    "text.py": "",
}


def test_a_package_that_keeps_the_rules_passes() -> None:
    assert fake(GOOD) == []


def test_an_import_going_up_fails_even_inside_a_function_or_for_type_checking() -> None:
    inside = "def f() -> None:\n    from cai_cach.report import build\n"
    typing_only = (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import cai_cach.report\n"
    )
    for body, line in ((inside, 2), (typing_only, 3)):
        found = fake({**GOOD, "text.py": body})
        assert (
            f"cai_cach/text.py:{line} imports report.py (features layer), above its own base "
            "layer: a module imports only its own layer and those below"
        ) in found


def test_the_library_importing_the_cli_or_typer_fails() -> None:
    found = fake({**GOOD, "report.py": "import typer\nfrom cai_cach.cli import app\n"})
    assert any("cai_cach/report.py:2 imports cli/__init__.py (cli layer)" in f for f in found)
    assert any(
        "cai_cach/report.py:1 imports typer, which only the cli layer may import" in f
        for f in found
    )


def test_a_module_missing_from_the_page_fails_with_the_row_to_add() -> None:
    edits = '"""Edit YAML text in place.\n\nMore."""\nfrom cai_cach.text import fold\n'
    found = fake({**GOOD, "yamledit.py": edits})
    assert found == [
        "cai_cach/yamledit.py is not in architecture.md: add this row to the table under "
        "'## Modules' (fix the layer or the wording if they are wrong):\n"
        "| `yamledit.py` | base | Edit YAML text in place |"
    ]
    above = fake({**GOOD, "rollup.py": "from cai_cach.report import build\n"})
    assert above[0].endswith("| `rollup.py` | features | <its one responsibility> |")


def test_a_row_for_a_module_that_is_gone_fails() -> None:
    found = fake({path: body for path, body in GOOD.items() if path != "text.py"})
    assert found == ["architecture.md lists `text.py`, which does not exist: remove its row"]


def test_a_cycle_in_the_library_fails() -> None:
    found = fake({**GOOD, "text.py": "def f() -> None:\n    from cai_cach import text\n"})
    assert found == []  # a module importing itself is no cycle
    page = FAKE_PAGE.replace("| `text.py` | base | text |", "| `text.py` | features | text |")
    sources = {**GOOD, "text.py": "from cai_cach.report import build\n"}
    found = problems(import_graph(sources), sources, read_page(page))
    assert found == ["import cycle in the library: report.py, text.py import each other"]


def test_relative_imports_are_resolved() -> None:
    found = fake({**GOOD, "text.py": "from . import report\nfrom .cli import app\n"})
    assert [f.split(" imports ")[1].split(" (")[0] for f in found if " imports " in f] == [
        "report.py",
        "cli/__init__.py",
    ]


def test_every_runtime_dependency_is_imported_by_the_package_or_its_scripts() -> None:
    import importlib.metadata
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0] for spec in project["dependencies"]}
    by_module = importlib.metadata.packages_distributions()
    sources = package_modules()
    scripts = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "scripts").glob("*.py")}
    graph = {**import_graph(sources), **import_graph(scripts)}
    imported = {
        distribution.lower()
        for imports in graph.values()
        for found in imports
        if not found.internal
        for distribution in by_module.get(found.target, [])
    }
    unused = sorted(name for name in declared if name.lower() not in imported)
    assert unused == [], f"nothing in cai_cach or scripts/ imports {unused}: drop them"
