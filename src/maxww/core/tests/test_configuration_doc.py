"""docs/configuration.md lists exactly the environment variables maxww reads.

Every variable that `src/maxww/conf/` reads is documented there, and every variable
documented there is read by the code (settings, the `maxww` and WSGI entry points,
the gunicorn configuration, or the test tooling CI drives). The reads are found by
parsing the Python files: `env.<type>("NAME")`, `os.environ.get/setdefault("NAME")`,
`os.environ["NAME"]` and `os.getenv("NAME")`.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
DOC = REPO / "docs" / "configuration.md"
CONF = REPO / "src" / "maxww" / "conf"
CODE = (REPO / "src", REPO / "deploy")

_ROW = re.compile(r"^\|\s*([^|]+?)\s*\|")
_NAME = re.compile(r"`([A-Z][A-Z0-9_]+)`")


def documented_rows() -> list[str]:
    """Variable names in the first column of the doc's tables, once per row."""
    names = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if match := _ROW.match(line):
            names += _NAME.findall(match.group(1))
    return names


def _is_environ(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _read_name(node: ast.AST) -> str | None:
    """The variable name when *node* reads one from the environment."""
    if isinstance(node, ast.Subscript) and _is_environ(node.value):
        key = node.slice
    elif isinstance(node, ast.Call) and node.args:
        func = node.func
        reads = (isinstance(func, ast.Name) and func.id == "env") or (
            isinstance(func, ast.Attribute)
            and (
                (isinstance(func.value, ast.Name) and func.value.id == "env")
                or (_is_environ(func.value) and func.attr in {"get", "setdefault"})
                or (
                    isinstance(func.value, ast.Name)
                    and func.value.id == "os"
                    and func.attr == "getenv"
                )
            )
        )
        key = node.args[0] if reads else None
    else:
        return None
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    return None


def reads_in(paths) -> set[str]:
    """Every environment variable read by name in the Python files under *paths*."""
    names = set()
    for path in paths:
        for file in sorted(Path(path).rglob("*.py")):
            tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
            names |= {n for node in ast.walk(tree) if (n := _read_name(node))}
    return names


def test_the_parsers_find_the_settings():
    """A guard for the two tests below: an empty parse would pass them vacuously."""
    conf = reads_in([CONF])
    assert {"SECRET_KEY", "DATABASE_URL", "DEBUG", "OIDC_MIN_ASSURANCE"} <= conf
    assert {"SECRET_KEY", "GUNICORN_WORKERS", "OIDC_BSN_CLAIM"} <= set(
        documented_rows()
    )


def test_every_variable_read_in_conf_is_documented():
    missing = reads_in([CONF]) - set(documented_rows())
    assert not missing, f"add to docs/configuration.md: {sorted(missing)}"


def test_every_documented_variable_is_read_by_the_code():
    unread = set(documented_rows()) - reads_in(CODE)
    assert not unread, f"documented but read nowhere: {sorted(unread)}"


def test_each_variable_is_documented_once():
    twice = [name for name, n in Counter(documented_rows()).items() if n > 1]
    assert not twice, f"documented in more than one row: {twice}"
