"""The shape of the code: no long procedures, no import circles within an app.

Both checks read the source with ``ast`` (nothing is imported), over every module
of ``src/maxww`` except migrations and tests. A long procedure reads better as
named steps (style.md); an import circle makes the import order matter and hides
which module owns what.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]  # src/maxww
MAX_LINES = 60

# path (from src/maxww) :: qualified name -> why it may be longer.
LONG_FUNCTIONS = {
    # A law table: art. 20-22a's norms per household and age, written as one
    # chain so it can be read against the text of the Participatiewet.
    "rules/bijstand/norm.py::art_20_22a_norm": "law table",
}

# Sets of modules that import each other, counting imports inside functions
# (a circle only hidden by deferring one import). At import time there are none.
DEFERRED_IMPORT_CYCLES: set[frozenset[str]] = set()


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "migrations" in parts or "tests" in parts:
            continue
        if path.name.startswith("test_") or path.name == "conftest.py":
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _functions(node: ast.AST, prefix: str = "") -> Iterator[tuple[str, ast.AST]]:
    """(qualified name, node) of every function, nested ones included."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = f"{prefix}{child.name}"
            if not isinstance(child, ast.ClassDef):
                yield name, child
            yield from _functions(child, f"{name}.")
        else:
            yield from _functions(child, prefix)


def long_functions() -> dict[str, int]:
    """``path::name`` -> lines, for every function over MAX_LINES."""
    found = {}
    for path, tree in _sources():
        rel = path.relative_to(PACKAGE).as_posix()
        for name, node in _functions(tree):
            lines = node.end_lineno - node.lineno + 1
            if lines > MAX_LINES:
                found[f"{rel}::{name}"] = lines
    return found


def test_no_function_is_longer_than_sixty_lines():
    too_long = {k: v for k, v in long_functions().items() if k not in LONG_FUNCTIONS}
    assert not too_long, (
        f"Functions over {MAX_LINES} lines; split them into named steps: "
        + ", ".join(f"{k} ({v})" for k, v in sorted(too_long.items()))
    )


def test_the_allowlist_of_long_functions_is_not_stale():
    stale = sorted(set(LONG_FUNCTIONS) - set(long_functions()))
    assert not stale, (
        f"No longer over {MAX_LINES} lines, drop from LONG_FUNCTIONS: {stale}"
    )


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(
    node: ast.AST, *, deferred: bool = False
) -> Iterator[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is imported: not under ``if
    TYPE_CHECKING``, and not inside a function unless ``deferred``."""
    for child in ast.iter_child_nodes(node):
        if not deferred and isinstance(
            child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
        ):
            continue
        if isinstance(child, ast.If) and _is_type_checking(child):
            for n in child.orelse:
                yield from _imports(n, deferred=deferred)
            continue
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        else:
            yield from _imports(child, deferred=deferred)


def import_graph(*, deferred: bool = False) -> dict[str, set[str]]:
    """Module -> the modules of the same app it imports at import time (with
    ``deferred``, also inside functions).

    ``from pkg import name`` counts as importing ``pkg.name`` when that is a
    module, else ``pkg``. A package's ``__init__`` run on the way to a submodule
    is not counted: re-exporting submodules from ``__init__`` is no circle.
    """
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    graph: dict[str, set[str]] = {}
    for path, tree in _sources():
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        app = ".".join(name.split(".")[:2])
        targets: set[str] = set()
        for node in _imports(tree, deferred=deferred):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
                continue
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                targets.add(sub if sub in modules else base)
        graph[name] = {
            t for t in targets if t in modules and t != name and t.startswith(app + ".")
        }
    return graph


def import_cycles(*, deferred: bool = False) -> list[frozenset[str]]:
    """The strongly connected sets of more than one module (Tarjan)."""
    graph = import_graph(deferred=deferred)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            members = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                members.add(w)
                if w == v:
                    break
            if len(members) > 1:
                cycles.append(frozenset(members))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def test_no_module_imports_back_a_module_of_its_own_app():
    cycles = import_cycles()
    assert not cycles, "Import circles at import time: " + "; ".join(
        " <-> ".join(sorted(c)) for c in cycles
    )


def test_no_circle_is_hidden_by_an_import_inside_a_function():
    cycles = [
        c for c in import_cycles(deferred=True) if c not in DEFERRED_IMPORT_CYCLES
    ]
    assert not cycles, "Import circles (one side inside a function): " + "; ".join(
        " <-> ".join(sorted(c)) for c in cycles
    )


def test_the_allowlist_of_import_circles_is_not_stale():
    stale = DEFERRED_IMPORT_CYCLES - set(import_cycles(deferred=True))
    assert not stale, f"Circle gone, drop from DEFERRED_IMPORT_CYCLES: {stale}"


def test_the_import_check_tells_import_time_from_deferred_imports():
    """A module-level import counts at import time; one inside a function only
    as deferred; one under TYPE_CHECKING never."""
    tree = ast.parse(
        "from . import b\n"
        "def f():\n    from . import c\n"
        "if TYPE_CHECKING:\n    from . import d\n"
    )
    assert [ast.unparse(n) for n in _imports(tree)] == ["from . import b"]
    assert [ast.unparse(n) for n in _imports(tree, deferred=True)] == [
        "from . import b",
        "from . import c",
    ]
