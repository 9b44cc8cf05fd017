"""The matrix as Markdown for docs/security/access-matrix.md."""

from __future__ import annotations

from maxww.organisations.constants import Role
from maxww.policy.rules import CLIENT, RULES, Perm

from .routes import matrix_key, methods_of, routes_by_name
from .table import ADMIN_LOGIN, API, LOGIN, MATRIX, PORTAL_LOGIN, PUBLIC

SHORT = {
    "uwv_adviser": "UWV",
    "coordinator": "coord",
    "coach": "coach",
    "employer_adviser": "WSP",
    "gatekeeper": "poort",
    "case_manager": "klantm",
    "manager": "mgr",
    "analyst": "analist",
    "functional_admin": "beheer",
    CLIENT: "client",
}
ROLE_ORDER = [*(r.value for r in Role), CLIENT]
_ANON_TEXT = {
    LOGIN: "→ login",
    PORTAL_LOGIN: "→ client login",
    ADMIN_LOGIN: "→ admin login",
    API: "401/403",
    PUBLIC: "yes",
}


def as_markdown() -> str:
    """The matrix as Markdown (docs/security/access-matrix.md): one row per
    URL and method, the permission, and who holds it."""
    header = ["URL name", "method", "permission", "resource", "legal basis", "anon"]
    header += [SHORT[r] for r in ROLE_ORDER]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    routes = routes_by_name()
    for name in sorted(routes):
        key = matrix_key(name)
        if key is None or (key.endswith(":*") and name != key[:-1] + "index"):
            continue
        access = MATRIX[key]
        shown = key if key.endswith(":*") else name
        for method, perm in sorted(methods_of(routes[name]).items()):
            holders = RULES[perm]
            cells = [
                f"`{shown}`",
                method,
                f"`{perm.value}`",
                access.resource + (f" ({access.note})" if access.note else ""),
                access.basis or "—",
                _ANON_TEXT[access.anonymous],
            ] + [
                "✔" if perm == Perm.PUBLIC or role in holders else "·"
                for role in ROLE_ORDER
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def permissions_markdown() -> str:
    """Every permission and its holders (the policy itself, for the docs)."""
    header = ["permission", "what", *(SHORT[r] for r in ROLE_ORDER)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for perm in Perm:
        holders = RULES[perm]
        cells = [f"`{perm.value}`", str(perm.label)] + [
            "✔" if perm == Perm.PUBLIC or role in holders else "·"
            for role in ROLE_ORDER
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_doc(path: str | None = None) -> str:
    """The generated blocks; with ``path``, written between that file's markers."""
    blocks = {"policy": permissions_markdown(), "matrix": as_markdown()}
    if path is None:
        return "\n".join(blocks.values())
    from pathlib import Path

    doc = Path(path)
    text = doc.read_text()
    for marker, block in blocks.items():
        start, end = f"<!-- {marker}:start -->\n", f"<!-- {marker}:end -->"
        if start not in text:
            raise ValueError(f"{path} has no {start.strip()} marker")
        before, rest = text.split(start, 1)
        text = before + start + block + end + rest.split(end, 1)[1]
    doc.write_text(text)
    return text
