"""The access matrix: which role may use which URL, as data.

Keyed by URL name (``namespace:name``); ``docs/security/access-matrix.md``
is the same table for people. ``tests/test_access_matrix.py`` drives every
URL in the project as every role and as an anonymous visitor and asserts
exactly this matrix; a URL missing here fails ``test_every_url_is_in_the_matrix``.

Person-level pages add a second gate that this table does not show per row:
the legal basis (``Person.objects.visible_to``). A role that may open a
page still gets 404 for a person outside its caseload, consent or
application; the test checks that with an id that does not exist.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from maxww.organisations.constants import Role

R = Role
ALL_ROLES: frozenset[str] = frozenset(r.value for r in Role)
CASEWORK: frozenset[str] = frozenset(
    {
        R.UWV_ADVISER,
        R.COORDINATOR,
        R.COACH,
        R.EMPLOYER_ADVISER,
        R.GATEKEEPER,
        R.CASE_MANAGER,
    }
)
NONE: frozenset[str] = frozenset()

# What an anonymous visitor gets.
LOGIN = "login"  # redirect to the staff login
PORTAL_LOGIN = "portal_login"  # redirect to the client login
API = "api"  # 401 or 403
PUBLIC = "public"  # served to anyone
ADMIN_LOGIN = "admin_login"  # redirect to the admin login

# What a logged-in staff role outside ``roles`` gets.
FORBIDDEN = "forbidden"  # 403 (or 404 for an object it may not know about)
REDIRECT = "redirect"  # sent elsewhere (the login page sends staff home)


@dataclass(frozen=True)
class Access:
    """Who may use one URL, and what it is about."""

    roles: frozenset[str]
    resource: str
    anonymous: str = LOGIN
    method: str = "GET"
    basis: str = ""
    note: str = ""
    # What staff roles outside ``roles`` get: FORBIDDEN, REDIRECT, ADMIN_LOGIN.
    denied: str = FORBIDDEN
    # True for pages whose normal end is the login page (logout, code step).
    ends_at_login: bool = False
    # Statuses that count as "allowed" when the usual set does not fit.
    ok: tuple[int, ...] = ()


def _a(roles, resource, **kwargs) -> Access:
    return Access(roles=frozenset(roles), resource=resource, **kwargs)


SCREENING = (R.COORDINATOR, R.UWV_ADVISER)
VOORLICHTING = (R.COORDINATOR, R.UWV_ADVISER)
TRAJECTS = (R.COACH, R.COORDINATOR, R.UWV_ADVISER)
MATCHING_VIEW = (R.EMPLOYER_ADVISER, R.COACH, R.COORDINATOR)
MATCHING_WRITE = (R.EMPLOYER_ADVISER, R.COACH)
DASHBOARD = (R.MANAGER, R.ANALYST, R.COORDINATOR, R.FUNCTIONAL_ADMIN)
ADMIN = (R.FUNCTIONAL_ADMIN,)
HANDOVER_INTAKE = (R.GATEKEEPER, R.CASE_MANAGER)
HANDOVER_SENDERS = (R.COACH, R.COORDINATOR, R.UWV_ADVISER)
HANDOVER_READERS = (*HANDOVER_SENDERS, *HANDOVER_INTAKE)
CASELOAD = "caseload / toestemming / aanvraag"
FILTERED_FINDING = (
    "open finding: every role gets 200, filtered by legal basis; "
    "aggregate-only roles should get 403"
)

MATRIX: dict[str, Access] = {
    # --- the front door ------------------------------------------------------
    "home": _a(ALL_ROLES, "start page (no personal data)"),
    "healthz": _a(ALL_ROLES, "health check", anonymous=PUBLIC),
    "login": _a(NONE, "staff login", anonymous=PUBLIC, denied=REDIRECT),
    "logout": _a(
        ALL_ROLES, "logout", method="POST", anonymous=PUBLIC, ends_at_login=True
    ),
    "accounts:setup": _a(ALL_ROLES, "own two-factor setup", basis="own account"),
    "accounts:verify": _a(
        ALL_ROLES,
        "second login step",
        anonymous=PUBLIC,
        ends_at_login=True,
        note="without a pending password step: back to the login",
    ),
    # --- audit ---------------------------------------------------------------
    "audit:search": _a(ADMIN, "audit log (search, CSV export)", basis="admin"),
    "audit:verify": _a(ADMIN, "audit chain check", method="POST", basis="admin"),
    "audit:subjects": _a(
        ADMIN, "data-subject rights: find a person (BSN posted)", basis="admin"
    ),
    "audit:person": _a(
        ADMIN,
        "person: data held, erasure check",
        basis="admin (own region)",
    ),
    "audit:person_export": _a(
        ADMIN, "person: export (JSON, AVG art. 15)", basis="admin (own region)"
    ),
    "audit:person_pdf": _a(
        ADMIN, "person: export (PDF, AVG art. 15)", basis="admin (own region)"
    ),
    "audit:person_erase": _a(
        ADMIN,
        "person: erasure (AVG art. 17)",
        method="POST",
        basis="admin (own region)",
    ),
    "admin-login-redirect": _a(
        ALL_ROLES,
        "admin login, sent to the staff login (with 2FA)",
        ends_at_login=True,
    ),
    # --- admin: every admin URL; staff flag plus model permissions ----------
    "admin:*": _a(
        ADMIN,
        "admin (configuration, users, templates)",
        anonymous=ADMIN_LOGIN,
        denied=ADMIN_LOGIN,
        basis="admin",
        note="needs is_staff; each model also needs its Django permission",
    ),
    # --- rekenhulp, kennisbank, model card: no personal data ----------------
    "rekenhulp:calculator": _a(CASEWORK, "calculator (nothing stored)"),
    "kennisbank:instruments": _a(ALL_ROLES, "instruments (no personal data)"),
    "kennisbank:instrument": _a(ALL_ROLES, "instrument (no personal data)"),
    "screening:model_card": _a(ALL_ROLES, "risk model card (no personal data)"),
    # --- screening: person/claim --------------------------------------------
    "screening:cohorts": _a(SCREENING, "person/claim: cohorts", basis=CASELOAD),
    "screening:invitations": _a(
        SCREENING, "person/claim: invitation funnel", basis=CASELOAD
    ),
    "screening:import_upload": _a(
        SCREENING, "person/claim: UWV extract import", basis="caseload (import)"
    ),
    "screening:import_detail": _a(
        SCREENING, "import report", basis="own organisation's imports"
    ),
    "screening:import_errors": _a(
        SCREENING, "import errors (CSV)", basis="own organisation's imports"
    ),
    "screening:override": _a(
        SCREENING, "person/claim: target groups override", basis=CASELOAD
    ),
    # --- voorlichting: session/invitation -----------------------------------
    "voorlichting:sessions": _a(VOORLICHTING, "session/invitation: sessions"),
    "voorlichting:session_new": _a(VOORLICHTING, "session/invitation: new session"),
    "voorlichting:session": _a(
        VOORLICHTING, "session/invitation: session and invitees", basis=CASELOAD
    ),
    "voorlichting:invite": _a(
        VOORLICHTING, "session/invitation: invite", method="POST", basis=CASELOAD
    ),
    "voorlichting:letter_run_start": _a(
        VOORLICHTING,
        "session/invitation: make letters (background run)",
        method="POST",
        basis=CASELOAD,
    ),
    "voorlichting:letter_run": _a(
        VOORLICHTING, "session/invitation: letter run status (no personal data)"
    ),
    "voorlichting:letter_run_pdf": _a(
        VOORLICHTING,
        "session/invitation: letters of a run (PDF)",
        basis=CASELOAD,
        note="only for the user who had them made: printing is logged on them",
    ),
    "voorlichting:letter": _a(
        VOORLICHTING, "session/invitation: one letter (PDF)", basis=CASELOAD
    ),
    "voorlichting:email": _a(
        VOORLICHTING, "session/invitation: e-mail", method="POST", basis=CASELOAD
    ),
    "voorlichting:attendance": _a(
        VOORLICHTING, "session/invitation: attendance", basis=CASELOAD
    ),
    "voorlichting:attendance_close": _a(
        VOORLICHTING, "session/invitation: close attendance", method="POST"
    ),
    "voorlichting:attendance_toggle": _a(
        VOORLICHTING, "session/invitation: mark present", method="POST"
    ),
    "voorlichting:rsvp": _a(
        VOORLICHTING, "session/invitation: record reply", method="POST"
    ),
    "voorlichting:call_tasks": _a(
        VOORLICHTING, "session/invitation: no-show calls", basis=CASELOAD
    ),
    "voorlichting:call_task_done": _a(
        VOORLICHTING, "session/invitation: call done", method="POST"
    ),
    # --- trajects: traject, consent -----------------------------------------
    "trajects:caseload": _a(TRAJECTS, "traject: caseload", basis=CASELOAD),
    "trajects:detail": _a(TRAJECTS, "traject: detail", basis=CASELOAD),
    **{
        f"trajects:{name}": _a(
            TRAJECTS, f"traject: {label}", method="POST", basis=CASELOAD
        )
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
    "trajects:consent": _a(TRAJECTS, "consent: record", method="POST", basis=CASELOAD),
    "trajects:consent_withdraw": _a(
        TRAJECTS, "consent: withdraw", method="POST", basis=CASELOAD
    ),
    # --- matching: vacancy/employer -----------------------------------------
    "matching:vacancies": _a(MATCHING_VIEW, "vacancy/employer: vacancies"),
    "matching:vacancy": _a(MATCHING_VIEW, "vacancy/employer: vacancy, candidates"),
    "matching:vacancy_new": _a(MATCHING_WRITE, "vacancy/employer: new vacancy"),
    "matching:vacancy_edit": _a(MATCHING_WRITE, "vacancy/employer: edit vacancy"),
    "matching:vacancy_import": _a(MATCHING_WRITE, "vacancy/employer: import"),
    "matching:employers": _a(MATCHING_VIEW, "vacancy/employer: employers"),
    "matching:employer": _a(MATCHING_VIEW, "vacancy/employer: employer"),
    "matching:employer_new": _a(MATCHING_WRITE, "vacancy/employer: new employer"),
    "matching:propose": _a(
        MATCHING_WRITE,
        "vacancy/employer: propose candidate",
        method="POST",
        basis="consent",
    ),
    "matching:proposal_status": _a(
        MATCHING_WRITE,
        "vacancy/employer: proposal status",
        method="POST",
        basis="consent",
    ),
    "matching:proposal_hire": _a(
        MATCHING_WRITE, "vacancy/employer: placement", basis="consent"
    ),
    "matching:candidate": _a(
        MATCHING_VIEW, "person: candidate profile", basis="consent / caseload"
    ),
    "matching:profile_edit": _a(
        MATCHING_WRITE, "person: edit candidate profile", basis="consent / caseload"
    ),
    # --- monitoring: aggregates only ----------------------------------------
    "monitoring:dashboard": _a(DASHBOARD, "dashboards/aggregates", basis="aggregate"),
    "monitoring:export_csv": _a(DASHBOARD, "aggregates export", basis="aggregate"),
    "monitoring:export_xlsx": _a(DASHBOARD, "aggregates export", basis="aggregate"),
    "monitoring:business_case": _a(DASHBOARD, "business case", basis="aggregate"),
    # --- portal: the client's own pages (staff get 403) ----------------------
    "portal:check": _a(
        ALL_ROLES, "indicative check (nothing stored)", anonymous=PUBLIC
    ),
    "portal:login": _a(ALL_ROLES, "client login", anonymous=PUBLIC),
    "portal:logout": _a(ALL_ROLES, "client logout", method="POST", anonymous=PUBLIC),
    **{
        f"portal:{name}": _a(
            NONE,
            f"client's own {label}",
            anonymous=PORTAL_LOGIN,
            basis="self",
            method=method,
        )
        for name, label, method in (
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
    "portal:staff_cv": _a(CASEWORK, "person: client's CV", basis=CASELOAD),
    # --- handover: dossier, bijstand application ----------------------------
    "handover:applications": _a(
        HANDOVER_INTAKE, "bijstand application: list", basis="application"
    ),
    "handover:application_new": _a(
        (R.GATEKEEPER,), "bijstand application: register", basis="application"
    ),
    "handover:application": _a(
        HANDOVER_INTAKE, "bijstand application: 48-hour checks", basis="application"
    ),
    "handover:import": _a((R.GATEKEEPER,), "handover dossier: import signed package"),
    "handover:start": _a(
        HANDOVER_SENDERS, "handover dossier: start from traject", basis=CASELOAD
    ),
    "handover:detail": _a(
        HANDOVER_READERS, "handover dossier", basis="caseload / application"
    ),
    "handover:pdf": _a(
        HANDOVER_READERS, "handover dossier (PDF)", basis="caseload / application"
    ),
    "handover:package": _a(
        HANDOVER_SENDERS, "handover dossier: signed package", basis=CASELOAD
    ),
    "kennisbank:traject_uses": _a(
        CASEWORK, "traject: instruments used", basis=CASELOAD
    ),
    # --- API -----------------------------------------------------------------
    "traject-list": _a(
        ALL_ROLES,
        "API: trajects (person)",
        anonymous=API,
        basis=CASELOAD,
        note=FILTERED_FINDING,
    ),
    "traject-detail": _a(ALL_ROLES, "API: traject", anonymous=API, basis=CASELOAD),
    "traject-transition": _a(
        ALL_ROLES,
        "API: traject phase change",
        anonymous=API,
        method="POST",
        basis=CASELOAD,
    ),
    "consent-list": _a(
        ALL_ROLES,
        "API: consents (person)",
        anonymous=API,
        basis=CASELOAD,
        note=FILTERED_FINDING,
    ),
    "consent-detail": _a(ALL_ROLES, "API: consent", anonymous=API, basis=CASELOAD),
    "consent-withdraw": _a(
        ALL_ROLES,
        "API: withdraw consent",
        anonymous=API,
        method="POST",
        basis=CASELOAD,
    ),
    "session-list": _a(
        ALL_ROLES, "API: sessions", anonymous=API, note=FILTERED_FINDING
    ),
    "session-detail": _a(ALL_ROLES, "API: session", anonymous=API),
    "session-invitations": _a(
        ALL_ROLES,
        "API: invitations of a session (person)",
        anonymous=API,
        basis=CASELOAD,
    ),
    "session-invite": _a(
        VOORLICHTING,
        "API: invite people",
        anonymous=API,
        method="POST",
        basis=CASELOAD,
    ),
    "application-list": _a(
        HANDOVER_INTAKE,
        "API: bijstand applications",
        anonymous=API,
        basis="application",
    ),
    "application-detail": _a(
        HANDOVER_INTAKE,
        "API: bijstand application",
        anonymous=API,
        basis="application",
    ),
    "handover-import-package": _a(
        HANDOVER_INTAKE,
        "API: import a signed handover package",
        anonymous=API,
        method="POST",
        ok=(200, 201, 400, 422),
        basis="application",
    ),
    "handover-package": _a(
        ALL_ROLES, "API: signed handover package", anonymous=API, basis=CASELOAD
    ),
    "screening-import": _a(
        SCREENING, "API: UWV extract import", anonymous=API, method="POST"
    ),
    "screening-model-card": _a(
        ALL_ROLES,
        "API: risk model card",
        anonymous=API,
        ok=(200, 404),
        note="404 until a model has been trained",
    ),
    "screening-person-list": _a(
        SCREENING, "API: person/claim screening list", anonymous=API, basis=CASELOAD
    ),
    "occupation-list": _a(ALL_ROLES, "API: occupations (ISCO)", anonymous=API),
    "occupation-detail": _a(ALL_ROLES, "API: occupation", anonymous=API),
    "employer-list": _a(
        ALL_ROLES,
        "API: employers",
        anonymous=API,
        note="open finding: every role may read and try to create (400, not 403)",
    ),
    "employer-detail": _a(ALL_ROLES, "API: employer", anonymous=API),
    "vacancy-list": _a(
        ALL_ROLES,
        "API: vacancies",
        anonymous=API,
        note="open finding: every role may read and try to create (400, not 403)",
    ),
    "vacancy-detail": _a(ALL_ROLES, "API: vacancy", anonymous=API),
    "vacancy-candidates": _a(
        MATCHING_WRITE,
        "API: ranked candidates (person)",
        anonymous=API,
        basis="consent",
    ),
    "proposal-list": _a(
        ALL_ROLES,
        "API: proposals (person)",
        anonymous=API,
        basis="consent / caseload",
        note="open finding: every role gets 200 (filtered by legal basis), "
        "analysts and managers should get 403",
    ),
    "proposal-detail": _a(
        ALL_ROLES, "API: proposal (person)", anonymous=API, basis="consent / caseload"
    ),
    "api-root": _a(ALL_ROLES, "API root", anonymous=API),
    "api-me": _a(ALL_ROLES, "API: own account", anonymous=API),
    "api-schema": _a(ALL_ROLES, "OpenAPI schema (no data)", anonymous=PUBLIC),
    "api-docs": _a(ALL_ROLES, "API docs (no data)", anonymous=PUBLIC),
    "region-list": _a(ALL_ROLES, "API: regions (configuration)", anonymous=API),
    "region-detail": _a(ALL_ROLES, "API: region", anonymous=API),
    "organisation-list": _a(ALL_ROLES, "API: organisations", anonymous=API),
    "organisation-detail": _a(ALL_ROLES, "API: organisation", anonymous=API),
    "instrument-list": _a(ALL_ROLES, "API: instruments", anonymous=API),
    "instrument-detail": _a(ALL_ROLES, "API: instrument", anonymous=API),
    "rules-ww": _a(ALL_ROLES, "API: WW calculation", anonymous=API, method="POST"),
    "rules-bijstand": _a(
        ALL_ROLES, "API: bijstand indication", anonymous=API, method="POST"
    ),
    "rules-batches": _a(
        CASEWORK,
        "API: rules batch upload (case facts, no identifiers)",
        anonymous=API,
        method="POST",
        ok=(400, 411),
    ),
    "rules-batch": _a(
        CASEWORK,
        "API: own rules batch (status, errors)",
        anonymous=API,
        note="uploader only (404 for others); no person in a batch",
    ),
    "rules-batch-result": _a(
        CASEWORK,
        "API: own rules batch result (download)",
        anonymous=API,
        note="uploader only (404 for others); no person in a batch",
    ),
}


# --- enumerating the project's URLs ------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern: its full name, route text and parameter names."""

    name: str
    route: str
    params: tuple[tuple[str, str], ...]  # (name, converter or "regex")


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
            )


def matrix_key(name: str) -> str | None:
    """The matrix entry that covers a URL name (exact, or ``namespace:*``)."""
    if name in MATRIX:
        return name
    namespace = name.split(":", 1)[0] + ":*" if ":" in name else None
    if namespace and namespace in MATRIX:
        return namespace
    return None


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


# --- the same table for people -----------------------------------------------

ROLE_ORDER = [r.value for r in Role]
_ANON_TEXT = {
    LOGIN: "→ login",
    PORTAL_LOGIN: "→ client login",
    ADMIN_LOGIN: "→ admin login",
    API: "401/403",
    PUBLIC: "yes",
}


def as_markdown() -> str:
    """The matrix as a Markdown table (for docs/security/access-matrix.md)."""
    short = {
        "uwv_adviser": "UWV",
        "coordinator": "coord",
        "coach": "coach",
        "employer_adviser": "WSP",
        "gatekeeper": "poort",
        "case_manager": "klantm",
        "manager": "mgr",
        "analyst": "analist",
        "functional_admin": "beheer",
    }
    header = ["URL name", "method", "resource", "legal basis", "anon"] + [
        short[r] for r in ROLE_ORDER
    ]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for name in sorted(MATRIX):
        access = MATRIX[name]
        cells = [
            f"`{name}`",
            access.method,
            access.resource + (f" ({access.note})" if access.note else ""),
            access.basis or "—",
            _ANON_TEXT[access.anonymous],
        ] + ["✔" if role in access.roles else "·" for role in ROLE_ORDER]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
