"""The data flow runs one way: no import cycle, and no import from a lower stage to a higher one.

Every ``import`` and ``from ... import`` in the package counts, those inside functions too (a lazy import is
still an arrow). The stages, low to high: errors, version, view, schema, resources, lang, text, models,
extractors, assemble, pipeline and extract; web sits beside text (it makes Articles) and never extracts;
batch, frames, render, train and cli sit on top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "newsmine"


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsmine"):
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("newsmine")]
            deps.update(t for t in targets if t in modules and t != name)
        graph[name] = deps
    return graph


GRAPH = _graph()


def _arrows(prefix: str) -> list[tuple[str, str]]:
    return [(m, d) for m, deps in GRAPH.items() if m == prefix or m.startswith(prefix + ".") for d in deps]


def test_no_import_cycle() -> None:
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(GRAPH[m]):
            if d.startswith(m + "."):
                continue  # a package importing its own submodules (its __init__) is no cycle
            if state.get(d) == 1:
                cycles.append([*path[path.index(d) :], d] if d in path else [*path, d])
            elif d not in state:
                visit(d, [*path, d])
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m, [m])
    assert cycles == []


#: a module of the first stage never imports one of the second
FORBIDDEN = [
    ("newsmine.errors", "newsmine."),
    ("newsmine.version", "newsmine."),
    (
        "newsmine.view",
        ("newsmine.schema", "newsmine.render", "newsmine.lang", "newsmine.text", "newsmine.batch"),
    ),
    ("newsmine.resources", "newsmine."),
    ("newsmine.lang", ("newsmine.text", "newsmine.extractors", "newsmine.models", "newsmine.web")),
    ("newsmine.text", ("newsmine.extractors", "newsmine.models", "newsmine.assemble", "newsmine.extract")),
    (
        "newsmine.text",
        ("newsmine.pipeline", "newsmine.batch", "newsmine.train", "newsmine.web", "newsmine.cli"),
    ),
    ("newsmine.models", ("newsmine.extractors", "newsmine.train", "newsmine.batch", "newsmine.web")),
    ("newsmine.extractors", ("newsmine.train", "newsmine.batch", "newsmine.web", "newsmine.assemble")),
    ("newsmine.extractors", ("newsmine.extract", "newsmine.pipeline", "newsmine.cli", "newsmine.render")),
    ("newsmine.web", ("newsmine.extract", "newsmine.extractors", "newsmine.pipeline", "newsmine.assemble")),
    ("newsmine.web", ("newsmine.batch", "newsmine.train", "newsmine.cli", "newsmine.models")),
    ("newsmine.assemble", ("newsmine.extract", "newsmine.pipeline", "newsmine.batch", "newsmine.web")),
    ("newsmine.schema", ("newsmine.lang", "newsmine.text", "newsmine.extractors", "newsmine.render")),
    ("newsmine.batch", ("newsmine.train", "newsmine.cli")),
]


def _within(module: str, stages: str | tuple[str, ...]) -> bool:
    """Whether ``module`` is one of ``stages`` or inside one ("newsmine." is the whole package)."""
    for stage in (stages,) if isinstance(stages, str) else stages:
        if stage.endswith(".") and module.startswith(stage):
            return True
        if module == stage or module.startswith(stage + "."):
            return True
    return False


@pytest.mark.parametrize(("lower", "higher"), FORBIDDEN)
def test_no_arrow_from_a_lower_stage_up(lower: str, higher: str | tuple[str, ...]) -> None:
    bad = [(m, d) for m, d in _arrows(lower) if _within(d, higher) and not _within(d, lower)]
    assert bad == []


def test_only_the_top_imports_the_package_top() -> None:
    """``import newsmine`` loads the extraction stage: only the command line (and the package itself)
    may import it."""
    users = sorted(m for m, deps in GRAPH.items() if "newsmine" in deps and m not in ("newsmine.cli",))
    assert users == []


def test_the_runtime_model_code_is_outside_train() -> None:
    assert not any(d.startswith("newsmine.train") for m, d in _arrows("newsmine.extractors"))
    assert not any(d.startswith("newsmine.train") for m, d in _arrows("newsmine.models"))
