"""Pages for trajects: the caseload per coach and the traject page with its sections."""

from __future__ import annotations

from datetime import date
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, prefetch_related_objects
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from maxww.audit.constants import Action, LegalBasis
from maxww.core.pagination import PAGE_PARAM, query_without_page
from maxww.policy import Perm
from maxww.policy.audit import note_shown
from maxww.policy.objects import may_withdraw, person_region_id
from maxww.policy.views import READ, WRITE, requires

from . import rows, services
from .constants import OPEN_STATES, TRANSITIONS, TrajectState
from .forms import (
    CoachForm,
    ConsentForm,
    ContactForm,
    DurabilityForm,
    JobreadyForm,
    PlanActionForm,
    ReviewForm,
    TaskForm,
    TransitionForm,
)
from .models import Consent, DurabilityCheck, PlanAction, Task, Traject

PAGE_SIZE = 25  # rows a list page shows (and logs)
# What a caseload row shows (plus the person's uuid for the access log).
_NAME_FIELDS = ("uuid", "initials", "first_name", "surname_prefix", "last_name")
_ROW_FIELDS = ("uuid", "state", "coach_id", *(f"person__{f}" for f in _NAME_FIELDS))


def _today() -> date:
    return timezone.localdate()


@requires(Perm.TRAJECT_READ, methods=READ)
def caseload(request):
    """My trajects: state, WW end, days left, next task, overdue count (paginated)."""
    on = _today()
    scope = request.GET.get("wie", "mijn")
    state = request.GET.get("fase", "")
    only_overdue = request.GET.get("te_laat") == "1"
    qs = _caseload_trajects(request.user, scope, on=on)
    counts = _state_counts(request.user)
    if state in TrajectState.values:
        qs = qs.filter(state=state)
    if only_overdue:
        qs = qs.filter(overdue_count__gt=0)
    page = _caseload_page(request, qs, counts, scope, state, only_overdue)
    trajects = list(page.object_list)
    _annotate_rows(trajects, on=on)
    overdue_tasks = services.overdue_tasks(user=request.user, on=on)
    overdue = _first_overdue(overdue_tasks)
    shown = {p.uuid: p for p in [t.person for t in trajects]}
    shown |= {t.traject.person.uuid: t.traject.person for t in overdue}
    note_shown(
        request,
        list(shown.values()),
        object_type="trajects.traject",
        purpose="caseload",
    )
    return render(
        request,
        "trajects/caseload.html",
        {
            "trajects": trajects,
            "traject_rows": rows.traject_rows(
                trajects, with_coach=scope == "organisatie"
            ),
            "overdue_rows": rows.overdue_rows(overdue, csrf_token=get_token(request)),
            "page": page,
            "query": query_without_page(request),
            "overdue": overdue,
            "overdue_count": len(overdue)
            if len(overdue) < PAGE_SIZE
            else overdue_tasks.count(),
            "scope": scope,
            "state": state,
            "only_overdue": only_overdue,
            "states": [
                (s.value, s.label, counts.get(s.value, 0))
                for s in TrajectState
                if s in OPEN_STATES
            ],
            "on": on,
        },
    )


def _caseload_page(
    request, qs, counts: dict, scope: str, state: str, only_overdue: bool
):
    """The requested page; where the state counts add up, they give the total
    (one COUNT query less on the largest list)."""
    paginator = Paginator(qs.order_by("ww_end_date", "id"), PAGE_SIZE)
    if scope != "organisatie" and not only_overdue:
        filtered = state in TrajectState.values
        paginator.count = counts.get(state, 0) if filtered else sum(counts.values())
    return paginator.get_page(request.GET.get(PAGE_PARAM))


def _first_overdue(overdue_tasks) -> list:
    """The first page of overdue tasks, with only what the list shows."""
    return list(
        overdue_tasks.only(
            "title",
            "due_date",
            "traject__uuid",
            *(f"traject__person__{f}" for f in _NAME_FIELDS),
        )[:PAGE_SIZE]
    )


def _caseload_trajects(user, scope: str, *, on: date):
    """My open trajects, or with ``scope`` "organisatie" my organisation's."""
    qs = services.caseload(user=user, on=on)
    if scope == "organisatie":
        return (
            services.visible_trajects(user)
            .filter(state__in=OPEN_STATES, organisation=user.organisation)
            .select_related("person", "coach")
            .annotate(**services.caseload_annotations(on))
        )
    return qs.select_related(None).select_related("person").only(*_ROW_FIELDS)


def _state_counts(user) -> dict[str, int]:
    """How many of my open trajects are in each state (one query)."""
    return dict(
        services.visible_trajects(user)
        .filter(coach=user, state__in=OPEN_STATES)
        .order_by()
        .values("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )


def _annotate_rows(trajects: list, *, on: date) -> None:
    """Days left, the next task (one query for the page) and the state label."""
    next_titles = services.next_task_titles([t.pk for t in trajects])
    state_labels = {k: str(v) for k, v in TrajectState.choices}
    for t in trajects:
        t.days_left = services.days_left(t.ww_end_date, on)
        t.next_task = next_titles.get(t.pk, "")
        t.state_label = state_labels.get(t.state, t.state)


class NoConsentError(PermissionDenied):
    """The coach's organisation lost its legal basis (consent withdrawn)."""


def _no_access(view):
    """Render a clear 403 page when the consent for this traject is gone."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NoConsentError as exc:
            return render(
                request, "trajects/no_access.html", {"message": str(exc)}, status=403
            )

    return wrapped


def _get_traject(request, uuid) -> Traject:
    """A traject the user may see; a clear refusal when consent is missing."""
    traject = (
        services.visible_trajects(request.user)
        .select_related(
            "person",
            "person__municipality",
            "organisation__region__config",
            "coach",
        )
        .annotate(
            ww_end_date=services.ww_end_date_subquery(),
            access_basis=services.access_basis_subquery(request.user),
        )
        .filter(uuid=uuid)
        .first()
    )
    if traject is None:
        if Traject.objects.filter(uuid=uuid, coach=request.user).exists():
            raise NoConsentError(
                _(
                    "U heeft geen inzage meer in dit traject: er is geen (geldige) "
                    "toestemming van de persoon voor uw organisatie."
                )
            )
        get_object_or_404(Traject.objects.none())
    return traject


def _render_detail(request, traject: Traject, forms: dict | None = None, status=200):
    """The traject page; ``forms`` replaces the empty form of a section with
    the one that was submitted (to show its errors and what was typed)."""
    on = _today()
    # The basis comes with the traject (_get_traject annotates it).
    basis = traject.access_basis or LegalBasis.CASELOAD
    note_shown(
        request,
        [traject.person],
        action=Action.VIEWED,
        obj=traject,
        purpose="trajectbegeleiding",
        event="traject_viewed",
    )
    allowed = TRANSITIONS[traject.state]
    defaults = _detail_forms(traject, allowed, on=on)
    defaults.update(forms or {})
    prefetch_related_objects([traject], *services.DETAIL_PREFETCH)
    suggestion = None
    if traject.is_open and traject.coach_id is None:
        suggestion = services.suggest_coach(traject)
    end = services.ww_end_date(traject)
    context = {
        "traject": traject,
        "person": traject.person,
        "forms": defaults,
        "allowed": allowed,
        "suggestion": suggestion,
        "ww_end_date": end,
        "days_left": services.days_left(end, on),
        "consents": _with_withdraw_right(request.user, traject.person),
        "jobready": traject.jobready_checks.first(),
        "plan_actions": traject.plan_actions.all(),
        "reviews": traject.reviews.all()[:8],
        "contacts": traject.contacts.all()[:30],
        "tasks": traject.tasks.all(),  # prefetched: done_at, due_date order
        "durability": [
            (c, DurabilityForm(prefix=f"d{c.pk}"))
            for c in traject.durability_checks.all()
        ],
        "events": traject.events.select_related("by").order_by("-at", "-id")[:50],
        "in_last_month": services.in_documentation_window(traject, on=on),
        "report": services.closing_report(traject),
        "on": on,
        "basis": basis,
        "basis_label": LegalBasis(basis).label,
    }
    return render(request, "trajects/detail.html", context, status=status)


def _detail_forms(traject: Traject, allowed, *, on: date) -> dict:
    """Each section's empty form; each has its own prefix, so ids never clash."""
    return {
        "transition": TransitionForm(allowed=allowed, prefix="transition"),
        "coach": CoachForm(
            region_id=traject.organisation.region_id,
            initial={"coach": traject.coach_id},
            prefix="coach",
        ),
        "consent": ConsentForm(
            region_id=person_region_id(traject.person), prefix="consent"
        ),
        "jobready": JobreadyForm(prefix="jobready"),
        "plan": PlanActionForm(prefix="plan"),
        "review": ReviewForm(prefix="review"),
        "contact": ContactForm(initial={"contact_date": on}, prefix="contact"),
        "task": TaskForm(
            initial={"due_date": on + timezone.timedelta(days=7)}, prefix="task"
        ),
    }


def _with_withdraw_right(user, person) -> list[Consent]:
    """The person's consents, each marked with whether this user may withdraw it."""
    consents = list(
        person.consents.select_related("recipient", "recorded_by__organisation")
    )
    for item in consents:
        item.may_withdraw = may_withdraw(user, item)
    return consents


@requires(Perm.TRAJECT_READ, methods=READ)
@_no_access
def detail(request, uuid):
    return _render_detail(request, _get_traject(request, uuid))


def _handle(request, uuid, key, form_class, action, success, form_kwargs=None):
    """Validate one section's form, call its service, redirect or re-render."""
    traject = _get_traject(request, uuid)
    extra = form_kwargs(traject) if form_kwargs else {}
    form = form_class(request.POST, request.FILES, prefix=key, **extra)
    if form.is_valid():
        try:
            action(traject, form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, success)
            return redirect("trajects:detail", uuid=traject.uuid)
    messages.error(request, _("Niet opgeslagen: verbeter de gemarkeerde velden."))
    return _render_detail(request, traject, {key: form}, status=400)


@requires(Perm.TRAJECT_MOVE, methods=WRITE)
@_no_access
def transition(request, uuid):
    def act(traject, data):
        outcome_fields = {
            k: data[k]
            for k in (
                "employer_name",
                "hours_per_week",
                "work_start_date",
                "contract_type",
                "outcome_note",
            )
        }
        services.transition(
            traject=traject,
            to=data["to"],
            by=request.user,
            on=_today(),
            outcome=data["outcome"] if data["to"] == TrajectState.ENDED else "",
            **(outcome_fields if data["to"] == TrajectState.ENDED else {}),
        )

    return _handle(
        request,
        uuid,
        "transition",
        TransitionForm,
        act,
        _("De fase is gewijzigd."),
        # All states are accepted here so that a stale page gets the service's
        # clear message ("kan niet naar ...") instead of a generic choice error.
    )


@requires(Perm.TRAJECT_ASSIGN, methods=WRITE)
@_no_access
def assign(request, uuid):
    def act(traject, data):
        services.assign_coach(
            traject=traject, coach=data["coach"], by=request.user, on=_today()
        )

    return _handle(
        request,
        uuid,
        "coach",
        CoachForm,
        act,
        _("De vaste contactpersoon is vastgelegd."),
        form_kwargs=lambda t: {"region_id": person_region_id(t.person)},
    )


@requires(Perm.CONSENT_RECORD, methods=WRITE)
@_no_access
def consent(request, uuid):
    def act(traject, data):
        services.give_consent(
            person=traject.person,
            purpose=data["purpose"],
            recipient=data["recipient"],
            kind=data["kind"],
            scope=data["scope"],
            form_file=data["form_file"],
            by=request.user,
            on=_today(),
        )

    return _handle(
        request,
        uuid,
        "consent",
        ConsentForm,
        act,
        _("De toestemming is vastgelegd; de ontvanger heeft nu inzage."),
        form_kwargs=lambda t: {"region_id": t.organisation.region_id},
    )


@requires(Perm.CONSENT_WITHDRAW, methods=WRITE)
@_no_access
def consent_withdraw(request, uuid, consent_uuid):
    traject = _get_traject(request, uuid)
    item = get_object_or_404(Consent, uuid=consent_uuid, person=traject.person)
    try:
        services.withdraw_consent(consent=item, by=request.user, on=_today())
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", exc.args)))
    else:
        messages.success(
            request,
            _("De toestemming is ingetrokken; %(org)s heeft vanaf nu geen inzage meer.")
            % {"org": item.recipient},
        )
    if services.visible_trajects(request.user).filter(pk=traject.pk).exists():
        return redirect("trajects:detail", uuid=traject.uuid)
    return redirect("trajects:caseload")


@requires(Perm.TRAJECT_WORK, methods=WRITE)
@_no_access
def jobready(request, uuid):
    def act(traject, data):
        services.record_jobready_check(
            traject=traject, by=request.user, on=_today(), **data
        )

    return _handle(
        request,
        uuid,
        "jobready",
        JobreadyForm,
        act,
        _("De werkfit-check is opgeslagen."),
    )


@requires(Perm.TRAJECT_WORK, methods=WRITE)
@_no_access
def plan(request, uuid):
    def act(traject, data):
        services.add_plan_action(traject=traject, by=request.user, on=_today(), **data)

    return _handle(
        request,
        uuid,
        "plan",
        PlanActionForm,
        act,
        _("De afspraak staat in het werkplan."),
    )


@requires(Perm.TRAJECT_WORK, methods=WRITE)
@_no_access
def plan_done(request, uuid, pk):
    traject = _get_traject(request, uuid)
    action = get_object_or_404(PlanAction, pk=pk, traject=traject)
    services.complete_plan_action(action=action, by=request.user, on=_today())
    messages.success(request, _("Afspraak afgevinkt."))
    return redirect("trajects:detail", uuid=traject.uuid)


@requires(Perm.TRAJECT_WORK, methods=WRITE)
@_no_access
def review(request, uuid):
    def act(traject, data):
        services.add_review(traject=traject, by=request.user, on=_today(), **data)

    return _handle(
        request, uuid, "review", ReviewForm, act, _("Het weekgesprek is vastgelegd.")
    )


@requires(Perm.TRAJECT_WORK, methods=WRITE)
@_no_access
def contact(request, uuid):
    def act(traject, data):
        services.log_contact(traject=traject, by=request.user, on=_today(), **data)

    return _handle(
        request,
        uuid,
        "contact",
        ContactForm,
        act,
        _("Het contactmoment is vastgelegd."),
    )


@requires(Perm.TRAJECT_WORK, methods=WRITE)
@_no_access
def task(request, uuid):
    def act(traject, data):
        services.add_task(traject=traject, by=request.user, on=_today(), **data)

    return _handle(request, uuid, "task", TaskForm, act, _("De taak is toegevoegd."))


@requires(Perm.TRAJECT_WORK, methods=WRITE)
@_no_access
def task_done(request, uuid, pk):
    traject = _get_traject(request, uuid)
    item = get_object_or_404(Task, pk=pk, traject=traject)
    services.complete_task(task=item, by=request.user, on=_today())
    messages.success(request, _("Taak afgerond: %(t)s.") % {"t": item.title})
    if request.POST.get("next") == "caseload":
        return redirect("trajects:caseload")
    return redirect("trajects:detail", uuid=traject.uuid)


@requires(Perm.TRAJECT_WORK, methods=WRITE)
@_no_access
def durability(request, uuid, pk):
    traject = _get_traject(request, uuid)
    check = get_object_or_404(DurabilityCheck, pk=pk, traject=traject)
    form = DurabilityForm(request.POST, prefix=f"d{check.pk}")
    if form.is_valid():
        services.record_durability(
            check=check,
            still_working=form.cleaned_data["still_working"],
            by=request.user,
            on=_today(),
        )
        messages.success(request, _("De controle is vastgelegd."))
    else:
        messages.error(request, _("Kies of de persoon nog werkt."))
    return redirect("trajects:detail", uuid=traject.uuid)
