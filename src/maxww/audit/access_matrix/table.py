"""What each URL is about: resource, legal basis, what others get (``MATRIX``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from maxww.organisations.constants import Role
from maxww.policy.rules import CLIENT, Perm

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
