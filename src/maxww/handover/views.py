"""Handover and gatekeeper pages: parse, call a service, render."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Min, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.people.models import Person
from maxww.policy import Perm, can
from maxww.policy.audit import note_shown
from maxww.policy.views import FORM, READ, requires

from . import services
from .constants import (
    OPEN_APPLICATION_STATUSES,
    PACKAGE_SUFFIX,
    ApplicationStatus,
    CheckStatus,
)
from .dossier import masked, render_pdf
from .forms import (
    ApplicationFactsForm,
    ApplicationFilterForm,
    CheckForm,
    FreshApplicationForm,
    HandoverForm,
    ImportForm,
    RouteForm,
)
from .models import BijstandApplication, GatekeeperCheck, Handover
from .workdays import working_hours_left

# ---------------------------------------------------------------- coach side


def _visible_traject(user, uuid):
    from maxww.trajects.services import visible_trajects

    traject = (
        visible_trajects(user)
        .select_related("person__municipality", "organisation", "coach")
        .filter(uuid=uuid, organisation_id=user.organisation_id)
        .first()
    )
    if traject is None:
        raise Http404(_("Traject niet gevonden of geen grondslag voor inzage."))
    return traject


@requires(Perm.HANDOVER_SEND, methods=FORM)
def start(request, traject_uuid):
    """Warm overdragen: consent status, dossier preview, planned talk, send."""
    traject = _visible_traject(request.user, traject_uuid)
    organisations = services.receiving_organisations(traject.person)
    form = HandoverForm(request.POST or None, organisations=organisations)
    chosen = None
    if form.is_bound:
        form.is_valid()
        chosen = form.cleaned_data.get("to_organisation")
    else:
        chosen = organisations.first()
        if chosen:
            form.initial["to_organisation"] = chosen.pk
    consent = services.consent_for(traject.person, chosen) if chosen else None
    refusal = preview = None
    today = timezone.localdate()
    if chosen is not None:
        try:
            document = services.build_dossier(
                traject=traject, to_organisation=chosen, by=request.user, on=today
            )
            preview = masked(document)
        except ValidationError as exc:
            refusal = exc.messages[0]
    if request.method == "POST" and form.is_valid() and refusal is None:
        handover = services.hand_over(
            traject=traject,
            to_organisation=chosen,
            by=request.user,
            on=today,
            planned_talk_at=form.cleaned_data["planned_talk_at"],
            notes=form.cleaned_data["notes"],
            request=request,
        )
        messages.success(
            request,
            _("Het dossier is overgedragen aan %(org)s.") % {"org": chosen.name},
        )
        return redirect("handover:detail", uuid=handover.uuid)
    note_shown(
        request,
        [traject.person],
        action=Action.VIEWED,
        obj=traject.person,
        purpose="voorbereiden warme overdracht",
    )
    return render(
        request,
        "handover/start.html",
        {
            "traject": traject,
            "person": traject.person,
            "form": form,
            "chosen": chosen,
            "consent": consent,
            "refusal": refusal,
            "doc": preview,
            "previous": traject.handovers.select_related("to_organisation"),
        },
    )


def _visible_handover(user, uuid) -> Handover:
    handover = (
        Handover.objects.filter(uuid=uuid, person__in=Person.objects.visible_to(user))
        .filter(
            Q(from_organisation_id=user.organisation_id)
            | Q(to_organisation_id=user.organisation_id)
        )
        .select_related("person", "to_organisation", "from_organisation", "traject")
        .first()
    )
    if handover is None:
        raise Http404(_("Overdracht niet gevonden of geen grondslag voor inzage."))
    return handover


def _basis(user, handover: Handover) -> str:
    return (
        LegalBasis.CONSENT
        if handover.to_organisation_id == user.organisation_id
        else LegalBasis.CASELOAD
    )


@requires(Perm.HANDOVER_READ, methods=READ)
def detail(request, uuid):
    handover = _visible_handover(request.user, uuid)
    is_sender = handover.from_organisation_id == request.user.organisation_id
    note_shown(
        request,
        [handover.person],
        action=Action.VIEWED,
        obj=handover,
        purpose="overdrachtsdossier bekijken",
    )
    return render(
        request,
        "handover/detail.html",
        {
            "handover": handover,
            "doc": masked(handover.document) if is_sender else handover.document,
            "is_sender": is_sender,
            "application": getattr(handover, "application", None),
        },
    )


@requires(Perm.HANDOVER_READ, methods=READ)
def pdf(request, uuid):
    handover = _visible_handover(request.user, uuid)
    note_shown(
        request,
        [handover.person],
        action=Action.PRINTED,
        obj=handover,
        purpose="overdrachtsdossier als pdf",
    )
    response = HttpResponse(render_pdf(handover), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="overdracht-{handover.uuid}.pdf"'
    )
    return response


@requires(Perm.HANDOVER_SEND, methods=READ)
def package(request, uuid):
    """Download the signed package for a municipality with its own deployment."""
    handover = _visible_handover(request.user, uuid)
    if handover.from_organisation_id != request.user.organisation_id:
        raise PermissionDenied
    try:
        data = services.export_package(
            handover=handover, by=request.user, now=timezone.now(), request=request
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("handover:detail", uuid=handover.uuid)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/json",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{handover.uuid}{PACKAGE_SUFFIX}"'
    )
    return response


@requires(Perm.HANDOVER_RECEIVE, methods=FORM)
def import_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.import_package(
                form.cleaned_data["package"].read(),
                organisation=request.user.organisation,
                by=request.user,
                now=timezone.now(),
                request=request,
            )
        except services.PackageRejectedError as exc:
            form.add_error("package", exc.message)
        else:
            (messages.success if result.created else messages.info)(
                request, result.message
            )
            return redirect("handover:detail", uuid=result.handover.uuid)
    return render(request, "handover/import.html", {"form": form})


# ---------------------------------------------------------------- gatekeeper side


@requires(Perm.APPLICATION_READ, methods=READ)
def applications(request):
    """Aanvragen: status, deadline countdown, route, case manager; filters."""
    user = request.user
    data = request.GET.copy()
    if "status" not in data and not can(user, Perm.APPLICATION_REGISTER):
        # A case manager starts from their own applications.
        data["mine"] = "on"
    form = ApplicationFilterForm(data)
    form.is_valid()
    f = getattr(form, "cleaned_data", {})
    now = timezone.now()
    rows = (
        services.visible_applications(user)
        .select_related("person", "case_manager")
        .annotate(
            next_deadline=Min("checks__deadline", filter=Q(checks__status="open")),
            open_checks=Count("checks", filter=Q(checks__status="open")),
            problems=Count("checks", filter=Q(checks__status="problem")),
        )
        .order_by("next_deadline", "-received_at")
    )
    rows = (
        rows.filter(status=f["status"])
        if f.get("status")
        else rows.filter(status__in=OPEN_APPLICATION_STATUSES)
    )
    if f.get("route"):
        rows = rows.filter(route=f["route"])
    if f.get("overdue"):
        rows = rows.filter(next_deadline__lt=now)
    if f.get("mine"):
        rows = rows.filter(case_manager=user)
    rows = list(rows[:200])
    for row in rows:
        row.hours_left = (
            working_hours_left(row.next_deadline, now) if row.next_deadline else None
        )
    incoming = list(services.incoming_handovers(user)[:50])
    note_shown(
        request,
        [r.person for r in rows] + [h.person for h in incoming],
        object_type="handover.bijstandapplication",
        purpose="lijst bijstandsaanvragen",
    )
    overdue_count = services.overdue_checks(organisation=user.organisation, now=now)
    context = {
        "form": form,
        "rows": rows,
        "incoming": incoming,
        "overdue_count": overdue_count.count(),
        "now": now,
    }
    template = (
        "handover/_application_rows.html"
        if getattr(request, "htmx", False)
        else "handover/applications.html"
    )
    return render(request, template, context)


@requires(Perm.APPLICATION_REGISTER, methods=FORM)
def application_new(request):
    """Register an application: from a handover (prefilled) or a fresh walk-in."""
    user = request.user
    handover = None
    if request.GET.get("handover") or request.POST.get("handover"):
        handover = _visible_handover(
            user, request.GET.get("handover") or request.POST.get("handover")
        )
        if hasattr(handover, "application"):
            return redirect("handover:application", uuid=handover.application.uuid)
    now = timezone.localtime()
    initial = {"application_date": now.date(), "received_at": now}
    if handover is not None:
        initial.update(services.facts_from_handover(handover))
        form = ApplicationFactsForm(request.POST or None, initial=initial)
    else:
        form = FreshApplicationForm(
            request.POST or None,
            initial=initial,
            municipalities=user.organisation.municipalities.all()
            or user.organisation.region.municipalities.all(),
        )
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            application = _register(request, form, handover)
        except services.PersonMismatchError as exc:
            form.add_error(None, exc)
            conflict = _mismatch(request, exc.existing, d)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De aanvraag is geregistreerd."))
            return redirect("handover:application", uuid=application.uuid)
    return render(
        request,
        "handover/application_new.html",
        {"form": form, "handover": handover, "conflict": conflict},
    )


def _register(request, form, handover):
    """Register the application from the valid form: with the handover's
    person, or as a fresh application (the BSN typed in)."""
    user = request.user
    d = form.cleaned_data
    if handover is not None:
        return services.register_application(
            person=handover.person,
            organisation=user.organisation,
            by=user,
            application_date=d["application_date"],
            received_at=d["received_at"],
            handover=handover,
            request=request,
            **form.facts(),
        )
    return services.register_fresh_application(
        bsn=d["bsn"],
        last_name=d["last_name"],
        birth_date=d["birth_date"],
        municipality=d["municipality"],
        organisation=user.organisation,
        by=user,
        application_date=d["application_date"],
        received_at=d["received_at"],
        person_fields={
            k: d[k]
            for k in (
                "initials",
                "first_name",
                "surname_prefix",
                "postcode",
                "house_number",
            )
        },
        same_person_confirmed=d["same_person"],
        request=request,
        **form.facts(),
    )


def _mismatch(request, existing, typed: dict) -> dict:
    """Both records side by side for a person to decide; showing one is logged.

    Logged directly: the basis is the application being registered, which
    gives no grant yet, so the policy layer would not find it.
    """
    log_access(
        user=request.user,
        action=Action.VIEWED,
        obj=existing,
        person_ref=str(existing.uuid),
        legal_basis=LegalBasis.APPLICATION,
        purpose="BSN-controle bij nieuwe bijstandsaanvraag",
        request=request,
        event="application_bsn_mismatch",
    )
    typed_name = " ".join(
        p
        for p in (
            typed["first_name"] or typed["initials"],
            typed["surname_prefix"],
            typed["last_name"],
        )
        if p
    )
    return {
        "existing": existing,
        "typed_name": typed_name,
        "typed_birth_date": typed["birth_date"],
    }


def _visible_application(user, uuid) -> BijstandApplication:
    application = (
        services.visible_applications(user)
        .select_related("person__municipality", "case_manager", "handover")
        .filter(uuid=uuid)
        .first()
    )
    if application is None:
        raise Http404(_("Aanvraag niet gevonden of geen grondslag voor inzage."))
    return application


@requires(
    Perm.APPLICATION_READ, methods=FORM, per_method={"POST": Perm.APPLICATION_CHECK}
)
def application_detail(request, uuid):
    """Dossier summary, checks with deadlines, engine indication, route form."""
    user = request.user
    application = _visible_application(user, uuid)
    now = timezone.now()
    checks = list(application.checks.select_related("done_by"))
    check_forms = {
        c.pk: CheckForm(
            prefix=f"check-{c.pk}", initial={"status": c.status, "note": c.note}
        )
        for c in checks
    }
    route_form = RouteForm(
        organisation=application.organisation,
        initial=application.route_answers or None,
    )
    may_edit = can(user, Perm.APPLICATION_CHECK) and application.status not in (
        ApplicationStatus.DECIDED,
        ApplicationStatus.WITHDRAWN,
    )
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        response = None
        if "check" in request.POST:
            response = _post_check(request, application, check_forms, now=now)
        elif "route-submit" in request.POST:
            route_form = RouteForm(request.POST, organisation=application.organisation)
            response = _post_route(request, application, route_form, now=now)
        if response is not None:
            return response
    result = services.indication(application)
    note_shown(
        request,
        [application.person],
        action=Action.VIEWED,
        obj=application,
        purpose="bijstandsaanvraag behandelen",
    )
    _annotate_checks(checks, check_forms, now=now)
    return render(
        request,
        "handover/application_detail.html",
        {
            "application": application,
            "person": application.person,
            "checks": checks,
            "result": result,
            "explanation": services.explain(result) if result else [],
            "search_end": services.search_period_end(application, result),
            "route_form": route_form,
            "may_edit": may_edit,
            "doc": application.handover.document if application.handover else None,
        },
    )


def _post_check(request, application, check_forms: dict, *, now):
    """Record one gatekeeper check; a redirect when done, else None (the form
    with its errors replaces the check's form)."""
    check = get_object_or_404(
        GatekeeperCheck, pk=request.POST["check"], application=application
    )
    form = CheckForm(request.POST, prefix=f"check-{check.pk}")
    check_forms[check.pk] = form
    if not form.is_valid():
        return None
    try:
        services.record_check(
            check=check,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            by=request.user,
            now=now,
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    messages.success(
        request,
        _("Controle '%(kind)s' vastgelegd.") % {"kind": check.get_kind_display()},
    )
    return redirect(
        reverse("handover:application", args=[application.uuid]) + "#controles"
    )


def _post_route(request, application, route_form, *, now):
    """Choose the route from the bound form; a redirect when done, else None."""
    if not route_form.is_valid():
        return None
    try:
        services.choose_route(
            application=application,
            answers=route_form.answers(),
            route=route_form.cleaned_data["route"],
            reason=route_form.cleaned_data["reason"],
            case_manager=route_form.cleaned_data["case_manager"],
            by=request.user,
            now=now,
        )
    except ValidationError as exc:
        route_form.add_error(None, exc)
        return None
    messages.success(request, _("De route is gekozen."))
    return redirect("handover:application", uuid=application.uuid)


def _annotate_checks(checks: list, check_forms: dict, *, now) -> None:
    """Each check's form, whether it is overdue and the working hours left."""
    for c in checks:
        c.form = check_forms[c.pk]
        c.is_overdue = c.status == CheckStatus.OPEN and c.deadline < now
        c.hours_left = working_hours_left(c.deadline, now)
