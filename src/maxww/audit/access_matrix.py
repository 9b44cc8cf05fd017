"""The access matrix: every URL, the permission per HTTP method, and who holds it.

Who may do what is not written here: it is read from the views themselves
(``@requires`` on a page, ``policy`` on a viewset) and the roles from
``maxww.policy.rules``. This module adds what a reader of
``docs/security/access-matrix.md`` needs besides: what each URL is about, its
legal basis, and what an anonymous visitor or a refused role gets.

``tests/test_access_matrix.py`` drives every URL with every HTTP method (and
each custom API action) as every role, as a portal client and anonymously,
and compares the answer with the policy. A URL without a policy on its view,
or without an entry here, fails the test.

Person-level pages add the second gate the table does not show per row: the
legal basis (``Person.objects.visible_to``). A role that may open a page still
gets 404 for a person outside its caseload, consent or application.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from maxww.organisations.constants import Role
from maxww.policy.rules import CLIENT, RULES, Perm

ALL_ROLES: frozenset[str] = frozenset(r.value for r in Role)
#: Every subject the test logs in as: each staff role and the portal client.
SUBJECTS: tuple[str, ...] = (*sorted(ALL_ROLES), CLIENT)
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

# What an anonymous visitor gets.
LOGIN = "login"  # redirect to the staff login
PORTAL_LOGIN = "portal_login"  # redirect to the client login
API = "api"  # 401 or 403
PUBLIC = "public"  # served to anyone
ADMIN_LOGIN = "admin_login"  # redirect to the admin login

# What a logged-in subject without the permission gets.
FORBIDDEN = "forbidden"  # 403 (or 404 for an object it may not know about)
REDIRECT = "redirect"  # sent elsewhere (the login page sends staff home)


@dataclass(frozen=True)
class Access:
    """What one URL is about; who may use it comes from its view's policy."""

    resource: str
    anonymous: str = LOGIN
    basis: str = ""
    note: str = ""
    # What subjects without the permission get: FORBIDDEN, REDIRECT, ADMIN_LOGIN.
    denied: str = FORBIDDEN
    # True for pages whose normal end is the login page (logout, code step).
    ends_at_login: bool = False
    # Statuses that count as "allowed" when the usual set does not fit.
    ok: tuple[int, ...] = ()
    # For views outside maxww's code (the admin): their permission per method.
    external: dict[str, Perm] = field(default_factory=dict)


def _a(resource, **kwargs) -> Access:
    return Access(resource=resource, **kwargs)


CASELOAD = "caseload / toestemming / aanvraag"

MATRIX: dict[str, Access] = {
    # --- the front door ------------------------------------------------------
    "home": _a("start page (no personal data)"),
    "healthz": _a("health check", anonymous=PUBLIC),
    "healthz-ready": _a("readiness check", anonymous=PUBLIC),
    "login": _a("staff login", anonymous=PUBLIC, denied=REDIRECT),
    "logout": _a("logout", anonymous=PUBLIC, ends_at_login=True),
    "accounts:setup": _a("own two-factor setup", basis="own account"),
    "accounts:verify": _a(
        "second login step",
        anonymous=PUBLIC,
        ends_at_login=True,
        note="without a pending password step: back to the login",
    ),
    "accounts:oidc_start": _a(
        "staff login at the organisation's identity provider",
        anonymous=PUBLIC,
        note="404 for a provider that is not set up",
    ),
    "accounts:oidc_callback": _a(
        "back from the identity provider (staff)",
        anonymous=PUBLIC,
        note="400 without a login started in this browser",
    ),
    # --- audit ---------------------------------------------------------------
    "audit:search": _a("audit log (search, CSV export)", basis="admin"),
    "audit:verify": _a("audit chain check", basis="admin"),
    "audit:subjects": _a(
        "data-subject rights: find a person (BSN posted)", basis="admin"
    ),
    "audit:person": _a(
        "person: data held, erasure check",
        basis="admin (own region)",
    ),
    "audit:person_export": _a(
        "person: export (JSON, AVG art. 15)", basis="admin (own region)"
    ),
    "audit:person_pdf": _a(
        "person: export (PDF, AVG art. 15)", basis="admin (own region)"
    ),
    "audit:person_erase": _a(
        "person: erasure (AVG art. 17)",
        basis="admin (own region)",
    ),
    "organisations:regional_config": _a(
        "regional configuration of the own region (form, history)", basis="admin"
    ),
    "admin-login-redirect": _a(
        "admin login: ours (with 2FA) for visitors, the admin for beheerders",
    ),
    # --- admin: every admin URL; staff flag plus model permissions ----------
    "admin:*": _a(
        "admin (configuration, users, templates)",
        anonymous=ADMIN_LOGIN,
        denied=ADMIN_LOGIN,
        external={"GET": Perm.CONFIGURE, "POST": Perm.CONFIGURE},
        basis="admin",
        note="needs is_staff; each model also needs its Django permission",
    ),
    # --- rekenhulp, kennisbank, model card: no personal data ----------------
    "rekenhulp:calculator": _a("calculator (nothing stored)"),
    "kennisbank:instruments": _a("instruments (no personal data)"),
    "kennisbank:instrument": _a("instrument (no personal data)"),
    "screening:model_card": _a("risk model card (no personal data)"),
    # --- screening: person/claim --------------------------------------------
    "screening:cohorts": _a("person/claim: cohorts", basis=CASELOAD),
    "screening:invitations": _a("person/claim: invitation funnel", basis=CASELOAD),
    "screening:import_upload": _a(
        "person/claim: UWV extract import", basis="caseload (import)"
    ),
    "screening:extract_help": _a("help: columns of the UWV extract"),
    "screening:extract_template": _a("help: template UWV extract (synthetic row)"),
    "screening:import_detail": _a("import report", basis="own organisation's imports"),
    "screening:import_errors": _a(
        "import errors (CSV)", basis="own organisation's imports"
    ),
    "screening:override": _a("person/claim: target groups override", basis=CASELOAD),
    # --- voorlichting: session/invitation -----------------------------------
    "voorlichting:sessions": _a("session/invitation: sessions"),
    "voorlichting:session_new": _a("session/invitation: new session"),
    "voorlichting:session": _a(
        "session/invitation: session and invitees", basis=CASELOAD
    ),
    "voorlichting:invite": _a("session/invitation: invite", basis=CASELOAD),
    "voorlichting:letter_run_start": _a(
        "session/invitation: make letters (background run)",
        basis=CASELOAD,
    ),
    "voorlichting:letter_run": _a(
        "session/invitation: letter run status (no personal data)"
    ),
    "voorlichting:letter_run_pdf": _a(
        "session/invitation: letters of a run (PDF)",
        basis=CASELOAD,
        note="only for the user who had them made: printing is logged on them",
    ),
    "voorlichting:letter": _a("session/invitation: one letter (PDF)", basis=CASELOAD),
    "voorlichting:email": _a("session/invitation: e-mail", basis=CASELOAD),
    "voorlichting:attendance": _a("session/invitation: attendance", basis=CASELOAD),
    "voorlichting:attendance_close": _a("session/invitation: close attendance"),
    "voorlichting:attendance_toggle": _a("session/invitation: mark present"),
    "voorlichting:rsvp": _a("session/invitation: record reply"),
    "voorlichting:call_tasks": _a("session/invitation: no-show calls", basis=CASELOAD),
    "voorlichting:call_task_done": _a("session/invitation: call done"),
    # --- trajects: traject, consent -----------------------------------------
    "trajects:caseload": _a("traject: caseload", basis=CASELOAD),
    "trajects:detail": _a("traject: detail", basis=CASELOAD),
    **{
        f"trajects:{name}": _a(f"traject: {label}", basis=CASELOAD)
        for name, label in (
            ("transition", "phase change"),
            ("assign", "assign coach"),
            ("jobready", "job-ready check"),
            ("plan", "work plan"),
            ("plan_done", "work plan step done"),
            ("review", "weekly review"),
            ("contact", "contact moment"),
            ("task", "task"),
            ("task_done", "task done"),
            ("durability", "3/6-month check"),
        )
    },
    "trajects:consent": _a("consent: record", basis=CASELOAD),
    "trajects:consent_withdraw": _a("consent: withdraw", basis=CASELOAD),
    # --- matching: vacancy/employer -----------------------------------------
    "matching:vacancies": _a("vacancy/employer: vacancies"),
    "matching:vacancy": _a("vacancy/employer: vacancy, candidates"),
    "matching:vacancy_new": _a("vacancy/employer: new vacancy"),
    "matching:vacancy_edit": _a("vacancy/employer: edit vacancy"),
    "matching:vacancy_import": _a("vacancy/employer: import"),
    "matching:employers": _a("vacancy/employer: employers"),
    "matching:employer": _a("vacancy/employer: employer"),
    "matching:employer_new": _a("vacancy/employer: new employer"),
    "matching:propose": _a(
        "vacancy/employer: propose candidate",
        basis="consent",
    ),
    "matching:proposal_status": _a(
        "vacancy/employer: proposal status",
        basis="consent",
    ),
    "matching:proposal_hire": _a("vacancy/employer: placement", basis="consent"),
    "matching:candidate": _a("person: candidate profile", basis="consent / caseload"),
    "matching:profile_edit": _a(
        "person: edit candidate profile", basis="consent / caseload"
    ),
    # --- monitoring: aggregates only ----------------------------------------
    "monitoring:dashboard": _a("dashboards/aggregates", basis="aggregate"),
    "monitoring:export_csv": _a("aggregates export", basis="aggregate"),
    "monitoring:export_xlsx": _a("aggregates export", basis="aggregate"),
    "monitoring:business_case": _a("business case", basis="aggregate"),
    # --- portal: the client's own pages (staff get 403) ----------------------
    "portal:check": _a("indicative check (nothing stored)", anonymous=PUBLIC),
    "portal:login": _a("client login", anonymous=PUBLIC),
    "portal:logout": _a("client logout", anonymous=PUBLIC),
    "portal:oidc_start": _a(
        "client login at the DigiD broker",
        anonymous=PUBLIC,
        ok=(302, 404),
        note="404 while no broker is set up",
    ),
    "portal:oidc_authentication_callback": _a(
        "back from the DigiD broker",
        anonymous=PUBLIC,
        note="400 without a login started in this browser",
    ),
    **{
        f"portal:{name}": _a(
            f"client's own {label}",
            anonymous=PORTAL_LOGIN,
            basis="self",
        )
        for name, label, _method in (
            ("home", "overview", "GET"),
            ("invitations", "appointments", "GET"),
            ("invitation_respond", "appointment reply", "POST"),
            ("invitation_reschedule", "appointment change", "GET"),
            ("plan", "work plan", "GET"),
            ("cv", "CV", "GET"),
            ("cv_download", "CV download", "GET"),
            ("consents", "consents", "GET"),
            ("consent_withdraw", "consent withdrawal", "POST"),
            ("view_log", "access log (who saw my data)", "GET"),
        )
    },
    "portal:staff_cv": _a("person: client's CV", basis=CASELOAD),
    # --- handover: dossier, bijstand application ----------------------------
    "handover:applications": _a("bijstand application: list", basis="application"),
    "handover:application_new": _a(
        "bijstand application: register", basis="application"
    ),
    "handover:application": _a(
        "bijstand application: 48-hour checks", basis="application"
    ),
    "handover:import": _a("handover dossier: import signed package"),
    "handover:start": _a("handover dossier: start from traject", basis=CASELOAD),
    "handover:detail": _a("handover dossier", basis="caseload / application"),
    "handover:pdf": _a("handover dossier (PDF)", basis="caseload / application"),
    "handover:package": _a("handover dossier: signed package", basis=CASELOAD),
    "kennisbank:traject_uses": _a("traject: instruments used", basis=CASELOAD),
    # --- API -----------------------------------------------------------------
    "traject-list": _a(
        "API: trajects (person)",
        anonymous=API,
        basis=CASELOAD,
    ),
    "traject-detail": _a("API: traject", anonymous=API, basis=CASELOAD),
    "traject-transition": _a(
        "API: traject phase change",
        anonymous=API,
        basis=CASELOAD,
    ),
    "consent-list": _a(
        "API: consents (person)",
        anonymous=API,
        basis=CASELOAD,
    ),
    "consent-detail": _a("API: consent", anonymous=API, basis=CASELOAD),
    "consent-withdraw": _a(
        "API: withdraw consent",
        anonymous=API,
        basis=CASELOAD,
    ),
    "session-list": _a("API: sessions", anonymous=API),
    "session-detail": _a("API: session", anonymous=API),
    "session-invitations": _a(
        "API: invitations of a session (person)",
        anonymous=API,
        basis=CASELOAD,
    ),
    "session-invite": _a(
        "API: invite people",
        anonymous=API,
        basis=CASELOAD,
    ),
    "application-list": _a(
        "API: bijstand applications",
        anonymous=API,
        basis="application",
    ),
    "application-detail": _a(
        "API: bijstand application",
        anonymous=API,
        basis="application",
    ),
    "handover-import-package": _a(
        "API: import a signed handover package",
        anonymous=API,
        ok=(200, 201, 400, 422),
        basis="application",
    ),
    "handover-package": _a(
        "API: signed handover package", anonymous=API, basis=CASELOAD
    ),
    "screening-import": _a("API: UWV extract import", anonymous=API),
    "screening-model-card": _a(
        "API: risk model card",
        anonymous=API,
        ok=(200, 404),
        note="404 until a model has been trained",
    ),
    "screening-person-list": _a(
        "API: person/claim screening list", anonymous=API, basis=CASELOAD
    ),
    "occupation-list": _a("API: occupations (ISCO)", anonymous=API),
    "occupation-detail": _a("API: occupation", anonymous=API),
    "employer-list": _a(
        "API: employers",
        anonymous=API,
    ),
    "employer-detail": _a("API: employer", anonymous=API),
    "vacancy-list": _a(
        "API: vacancies",
        anonymous=API,
    ),
    "vacancy-detail": _a("API: vacancy", anonymous=API),
    "vacancy-candidates": _a(
        "API: ranked candidates (person)",
        anonymous=API,
        basis="consent",
    ),
    "proposal-list": _a(
        "API: proposals (person)",
        anonymous=API,
        basis="consent / caseload",
    ),
    "proposal-detail": _a(
        "API: proposal (person)", anonymous=API, basis="consent / caseload"
    ),
    "api-root": _a("API root", anonymous=API),
    "api-me": _a("API: own account", anonymous=API),
    "api-schema": _a("OpenAPI schema (no data)", anonymous=PUBLIC),
    "api-docs": _a("API docs (no data)", anonymous=PUBLIC),
    "region-list": _a("API: regions (configuration)", anonymous=API),
    "region-detail": _a("API: region", anonymous=API),
    "organisation-list": _a("API: organisations", anonymous=API),
    "organisation-detail": _a("API: organisation", anonymous=API),
    "instrument-list": _a("API: instruments", anonymous=API),
    "instrument-detail": _a("API: instrument", anonymous=API),
    "rules-ww": _a("API: WW calculation", anonymous=API),
    "rules-bijstand": _a("API: bijstand indication", anonymous=API),
    "rules-batches": _a(
        "API: rules batch upload (case facts, no identifiers)",
        anonymous=API,
        ok=(400, 411),
    ),
    "rules-batch": _a(
        "API: own rules batch (status, errors)",
        anonymous=API,
        note="uploader only (404 for others); no person in a batch",
    ),
    "rules-batch-result": _a(
        "API: own rules batch result (download)",
        anonymous=API,
        note="uploader only (404 for others); no person in a batch",
    ),
}


# --- enumerating the project's URLs and their policy ------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern: its full name, route text, parameters and view."""

    name: str
    route: str
    params: tuple[tuple[str, str], ...]  # (name, converter or "regex")
    callback: Any = None


def _params(pattern) -> tuple[tuple[str, str], ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return tuple(
            (name, type(conv).__name__.lower()) for name, conv in converters.items()
        )
    regex = getattr(pattern.pattern, "_regex", None)
    if isinstance(regex, str):
        return tuple((name, "regex") for name in re.compile(regex).groupindex)
    return ()


def iter_routes(patterns=None, prefix: str = "", namespace: str = "", params=()):
    """Every URL pattern in the project, walking includes recursively."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from iter_routes(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                ns,
                params + _params(pattern),
            )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield Route(
                name=name or f"{namespace}<unnamed {prefix}{pattern.pattern}>",
                route=prefix + str(pattern.pattern),
                params=params + _params(pattern),
                callback=pattern.callback,
            )


def route_policy(route: Route) -> dict[str, Perm] | None:
    """The permission per HTTP method of a route, read from its view.

    A page decorated with ``@requires`` carries its table; a DRF view has a
    ``policy`` by action (viewsets: the router's method → action map) or by
    method. ``None`` when the view declares nothing.
    """
    callback = route.callback
    table = getattr(callback, "policy", None)
    if table is not None:
        return {m: p for m, p in table.items() if m != "HEAD"}
    cls = getattr(callback, "cls", None)
    policy = getattr(cls, "policy", None)
    if policy is None:
        return None
    actions = getattr(callback, "actions", None)
    if actions:  # a viewset: method -> action
        return {
            method.upper(): policy[action]
            for method, action in actions.items()
            if action in policy and method.upper() in METHODS
        }
    return {m.upper(): p for m, p in policy.items() if m.upper() in METHODS}


def matrix_key(name: str) -> str | None:
    """The matrix entry that covers a URL name (exact, or ``namespace:*``)."""
    if name in MATRIX:
        return name
    namespace = name.split(":", 1)[0] + ":*" if ":" in name else None
    if namespace and namespace in MATRIX:
        return namespace
    return None


def methods_of(route: Route) -> dict[str, Perm]:
    """The permission per method of a route: its view's, or the entry's."""
    policy = route_policy(route)
    if policy is None:
        key = matrix_key(route.name)
        policy = dict(MATRIX[key].external) if key else {}
    return policy


def is_staff_api(route: Route) -> bool:
    """A REST API view: never open to a portal client (``PolicyPermission``)."""
    from rest_framework.views import APIView

    cls = getattr(route.callback, "cls", None)
    return (
        isinstance(cls, type)
        and issubclass(cls, APIView)
        and not getattr(cls, "portal_api", False)
    )


def holders_of(route: Route, method: str) -> frozenset[str]:
    """The subjects that may use ``method`` on ``route`` (empty: none)."""
    perm = methods_of(route).get(method)
    if perm is None:
        return frozenset()
    holders = RULES[perm]
    return holders - {CLIENT} if is_staff_api(route) else holders


def routes_by_name() -> dict[str, Route]:
    """One route per URL name: the first pattern (not a format-suffix variant)."""
    result: dict[str, Route] = {}
    for route in iter_routes():
        if route.name not in result or (
            any(p == "format" for p, _ in result[route.name].params)
            and not any(p == "format" for p, _ in route.params)
        ):
            result[route.name] = route
    return result


MISSING_UUID = "00000000-0000-4000-8000-000000000000"


def missing_kwargs(route: Route) -> dict[str, str]:
    """Path arguments that point at nothing (a uuid or id that does not exist)."""
    kwargs = {}
    for name, kind in route.params:
        if name == "format":
            continue
        if "uuid" in kind or "uuid" in name:
            kwargs[name] = MISSING_UUID
        elif "int" in kind or name in {"pk", "id", "object_id"}:
            kwargs[name] = "999999"
        elif name == "code":
            kwargs[name] = "AM00"
        else:
            kwargs[name] = "onbekend"
    return kwargs


def example_uuid() -> str:
    return str(uuid.uuid4())


def unmatched_urls() -> Iterator[Route]:
    """URL patterns with no matrix entry."""
    for route in routes_by_name().values():
        if matrix_key(route.name) is None:
            yield route


def unpoliced_urls() -> Iterator[Route]:
    """URL patterns whose view declares no permission (and no external rule)."""
    for route in routes_by_name().values():
        if not methods_of(route):
            yield route


# --- the same table for people -----------------------------------------------

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
