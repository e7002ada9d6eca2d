"""What a maintainer can rely on in ``src/lessons``: modules small enough to read, and no module
reaching into another one's private names (a leading underscore means "may change without
notice"; only the modules of the same package may share them)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "lessons"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 900


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package(path: Path) -> str:
    """The package a module belongs to (a package's ``__init__`` belongs to itself)."""
    name = _name(path)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(path: Path) -> list[str]:
    """Private names ``path`` takes from a module of another package: ``from m import _x``,
    ``import m._x``, or ``m._x`` on a module it imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    home, found, modules = _package(path), [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("lessons"):
                continue
            for alias in node.names:
                source = node.module
                if _private(alias.name) and source != home:
                    found.append(f"line {node.lineno}: from {source} import {alias.name}")
                modules[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("lessons"):
                    parent, _, last = alias.name.rpartition(".")
                    if _private(last) and parent != home:
                        found.append(f"line {node.lineno}: import {alias.name}")
                    modules[alias.asname or alias.name.split(".")[0]] = alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and _private(node.attr)
        ):
            owner = modules[node.value.id]
            # A private name of the importing module's own package is shared on purpose.
            if owner.rpartition(".")[0] != home and owner != home:
                found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_900_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines: split it by job"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_uses_a_private_name_of_another_package(path):
    assert private_uses(path) == []


def test_the_private_name_check_finds_what_it_looks_for(tmp_path):
    widgets = tmp_path / "lessons" / "widgets"
    widgets.mkdir(parents=True)
    bad = widgets / "bad.py"
    bad.write_text(
        "from lessons.kpis import _is_number\n"
        "import lessons.accounts._numbers\n"
        "from lessons import charts\n"
        "charts._check(1)\n"
        "from lessons.widgets import _shared\n",  # same package: allowed
        encoding="utf-8",
    )
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "lessons"
    try:
        assert private_uses(bad) == [
            "line 1: from lessons.kpis import _is_number",
            "line 2: import lessons.accounts._numbers",
            "line 4: charts._check",
        ]
    finally:
        PACKAGE = saved
