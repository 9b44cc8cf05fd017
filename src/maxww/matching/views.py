"""Matching pages: employers, vacancies, ranked candidates, proposals, hires.

Views parse, call a service and render. Every page that shows people starts
from ``Person.objects.visible_to(user)`` (via visible trajects) and is logged.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from maxww.audit.constants import Action
from maxww.core.uploads import upload_source
from maxww.people.models import Person
from maxww.policy import Perm, can
from maxww.policy.audit import note_shown
from maxww.policy.objects import may_read_special
from maxww.policy.views import FORM, READ, WRITE, requires
from maxww.trajects.models import Traject
from maxww.trajects.services import visible_trajects

from . import services
from .constants import ProposalStatus
from .forms import (
    EmployerForm,
    HireForm,
    ImportForm,
    ProfileForm,
    ProposalStatusForm,
    ProposeForm,
    VacancyFilterForm,
    VacancyForm,
)
from .imports import import_vacancies
from .models import CandidateProfile, Employer, Proposal, Vacancy


def _today() -> date:
    return timezone.localdate()


def _employers(user):
    return Employer.objects.filter(region_id=user.organisation.region_id)


def _vacancies(user):
    return Vacancy.objects.visible_to(user).select_related(
        "employer", "occupation", "organisation"
    )


def _visible_profiles(user):
    return CandidateProfile.objects.filter(
        traject__person__in=Person.objects.visible_to(user)
    )


# ------------------------------------------------------------ vacancies


@requires(Perm.MATCHING_READ, methods=READ)
def vacancies(request):
    """Vacancies of the own organisation and shared in the region, filterable."""
    form = VacancyFilterForm(request.GET or None)
    qs = _vacancies(request.user).annotate(
        n_proposals=Count("proposals", distinct=True),
        n_hired=Count(
            "proposals",
            filter=Q(proposals__status=ProposalStatus.HIRED),
            distinct=True,
        ),
    )
    if form.is_valid():
        data = form.cleaned_data
        for word in data["q"].split():
            qs = qs.filter(
                Q(title__icontains=word)
                | Q(employer__name__icontains=word)
                | Q(occupation__label__icontains=word)
                | Q(location__icontains=word)
            )
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["sector"]:
            qs = qs.filter(employer__sector=data["sector"])
        if data["scope"] == "own":
            qs = qs.filter(organisation=request.user.organisation)
    else:
        qs = qs.filter(status="open")
    rows = list(qs.order_by("start_date", "title")[:300])
    context = {"form": form, "vacancies": rows, "today": _today()}
    if getattr(request, "htmx", False):
        return render(request, "matching/_vacancy_rows.html", context)
    return render(request, "matching/vacancies.html", context)


@requires(Perm.MATCHING_READ, methods=READ)
def vacancy_detail(request, uuid):
    """One vacancy, its proposals, and the ranked candidates with reasons."""
    vacancy = get_object_or_404(_vacancies(request.user), uuid=uuid)
    on = _today()
    proposals = list(
        vacancy.proposals.filter(
            traject__person__in=Person.objects.visible_to(request.user)
        )
        .select_related("traject__person", "proposed_by")
        .order_by("-proposed_date")
    )
    matches = []
    if can(request.user, Perm.MATCHING_WRITE) and vacancy.status == "open":
        matches = services.rank_candidates(
            vacancy=vacancy, on=on, limit=15, profiles=_visible_profiles(request.user)
        )
    people = [m.profile.traject.person for m in matches] + [
        p.traject.person for p in proposals
    ]
    note_shown(
        request, people, object_type="people.person", purpose="kandidaten voor vacature"
    )
    return render(
        request,
        "matching/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "matches": matches,
            "proposals": proposals,
            "can_write": can(request.user, Perm.MATCHING_WRITE),
            "status_form": ProposalStatusForm(),
        },
    )


def _vacancy_form(request, vacancy=None):
    employers = _employers(request.user)
    initial = None
    if vacancy is None:
        initial = {"start_date": _today(), "employer": request.GET.get("employer")}
    form = VacancyForm(
        request.POST or None, instance=vacancy, employers=employers, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in VacancyForm.Meta.fields}
        try:
            saved = services.save_vacancy(by=request.user, vacancy=vacancy, **fields)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De vacature is opgeslagen."))
            return redirect("matching:vacancy", uuid=saved.uuid)
    return render(
        request,
        "matching/vacancy_form.html",
        {"form": form, "vacancy": vacancy, "has_employers": employers.exists()},
        status=400 if request.method == "POST" else 200,
    )


@requires(Perm.MATCHING_WRITE, methods=FORM)
def vacancy_new(request):
    return _vacancy_form(request)


@requires(Perm.MATCHING_WRITE, methods=FORM)
def vacancy_edit(request, uuid):
    vacancy = get_object_or_404(
        Vacancy.objects.filter(organisation=request.user.organisation), uuid=uuid
    )
    return _vacancy_form(request, vacancy)


@requires(Perm.MATCHING_WRITE, methods=FORM)
def vacancy_import(request):
    """Upload a CSV/XLSX of vacancies; show the row report on errors."""
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_vacancies(
            data=upload_source(upload),
            filename=upload.name,
            organisation=request.user.organisation,
            by=request.user,
            on=_today(),
        )
        if report.ok:
            messages.success(
                request,
                _(
                    "%(rows)s regels ingelezen: %(c)s nieuw, %(u)s gewijzigd, %(n)s ongewijzigd."
                )
                % {
                    "rows": report.rows,
                    "c": report.created,
                    "u": report.updated,
                    "n": report.unchanged,
                },
            )
            for warning in report.warnings:
                messages.warning(
                    request,
                    _("Regel %(line)s: %(reason)s")
                    % {"line": warning.line, "reason": warning.reason},
                )
            return redirect("matching:vacancies")
        if request.POST.get("download") == "errors":
            response = HttpResponse(report.errors_csv(), content_type="text/csv")
            response["Content-Disposition"] = 'attachment; filename="importfouten.csv"'
            return response
    return render(
        request,
        "matching/import.html",
        {"form": form, "report": report},
        status=400 if report is not None and not report.ok else 200,
    )


# ------------------------------------------------------------ employers


@requires(Perm.MATCHING_READ, methods=READ)
def employers(request):
    rows = (
        _employers(request.user)
        .select_related("account_manager")
        .annotate(
            n_open=Count(
                "vacancies", filter=Q(vacancies__status="open"), distinct=True
            ),
            n_placements=Count("placements", distinct=True),
        )
    )
    q = request.GET.get("q", "").strip()
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(kvk_number__icontains=q))
    return render(
        request,
        "matching/employers.html",
        {
            "employers": rows,
            "q": q,
            "ratios": services.adviser_ratios(
                organisation_ids=[request.user.organisation_id]
            ),
        },
    )


@requires(Perm.MATCHING_READ, methods=READ)
def employer_detail(request, uuid):
    employer = get_object_or_404(
        _employers(request.user).select_related("account_manager"), uuid=uuid
    )
    return render(
        request,
        "matching/employer_detail.html",
        {
            "employer": employer,
            "vacancies": _vacancies(request.user).filter(employer=employer),
        },
    )


@requires(Perm.MATCHING_WRITE, methods=FORM)
def employer_new(request):
    region = request.user.organisation.region
    form = EmployerForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            employer = services.create_employer(
                by=request.user,
                organisation=request.user.organisation,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De werkgever is toegevoegd."))
            return redirect("matching:employer", uuid=employer.uuid)
    return render(
        request,
        "matching/employer_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


# ------------------------------------------------------------ proposals


@requires(Perm.MATCHING_WRITE, methods=WRITE)
def propose(request, uuid):
    vacancy = get_object_or_404(_vacancies(request.user), uuid=uuid)
    form = ProposeForm(request.POST)
    traject = None
    if form.is_valid():
        traject = (
            visible_trajects(request.user)
            .filter(uuid=form.cleaned_data["traject"])
            .first()
        )
    if traject is None:
        messages.error(request, _("Deze kandidaat kunt u niet voorstellen."))
        return redirect("matching:vacancy", uuid=vacancy.uuid)
    try:
        services.propose(
            vacancy=vacancy,
            traject=traject,
            by=request.user,
            on=_today(),
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        note_shown(
            request,
            [traject.person],
            action=Action.SENT,
            obj=traject,
            purpose="voorgesteld aan werkgever",
            event="candidate_proposed",
        )
        messages.success(request, _("De kandidaat is voorgesteld."))
    return redirect(request.POST.get("next") or vacancy.get_absolute_url())


def _proposal(request, uuid) -> Proposal:
    return get_object_or_404(
        Proposal.objects.filter(
            vacancy__in=Vacancy.objects.visible_to(request.user),
            traject__in=visible_trajects(request.user),
        ).select_related("vacancy__employer", "traject__person"),
        uuid=uuid,
    )


@requires(Perm.MATCHING_WRITE, methods=WRITE)
def proposal_status(request, uuid):
    proposal = _proposal(request, uuid)
    form = ProposalStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_proposal_status(
                proposal=proposal,
                by=request.user,
                on=_today(),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De status van het voorstel is bijgewerkt."))
    return redirect(request.POST.get("next") or proposal.vacancy.get_absolute_url())


@requires(Perm.MATCHING_WRITE, methods=FORM)
def proposal_hire(request, uuid):
    """Record a hire: hours, start date, contract; ends the traject with work."""
    proposal = _proposal(request, uuid)
    form = HireForm(
        request.POST or None,
        initial={
            "hours_per_week": proposal.vacancy.hours_max,
            "start_date": max(proposal.vacancy.start_date, _today()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.hire(
                proposal=proposal, by=request.user, on=_today(), **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Geplaatst. Het traject is afgesloten met uitkomst werk; de controles na 3 en 6 maanden staan klaar."
                ),
            )
            return redirect(proposal.vacancy.get_absolute_url())
    note_shown(
        request,
        [proposal.traject.person],
        action=Action.VIEWED,
        obj=proposal.traject,
        purpose="plaatsing vastleggen",
        event="placement_form_viewed",
    )
    return render(
        request,
        "matching/hire.html",
        {"form": form, "proposal": proposal},
        status=400 if request.method == "POST" else 200,
    )


# ------------------------------------------------------------ candidate


def _traject(request, uuid) -> Traject:
    return get_object_or_404(
        visible_trajects(request.user).select_related(
            "person", "coach", "organisation"
        ),
        uuid=uuid,
    )


@requires(Perm.MATCHING_READ, methods=READ)
def candidate(request, uuid):
    """A traject's candidate profile, ranked vacancies and its proposals."""
    traject = _traject(request, uuid)
    on = _today()
    profile = CandidateProfile.objects.filter(traject=traject).first()
    matches = []
    has_consent = services.has_consent_to_propose(traject)
    if profile is not None:
        matches = services.rank_vacancies(
            profile=profile,
            on=on,
            limit=15,
            vacancies=Vacancy.objects.visible_to(request.user),
        )
    proposed = set(
        Proposal.objects.filter(traject=traject).values_list("vacancy_id", flat=True)
    )
    note_shown(
        request,
        [traject.person],
        action=Action.VIEWED,
        obj=traject,
        purpose="matching kandidaat",
        event="candidate_viewed",
    )
    return render(
        request,
        "matching/candidate.html",
        {
            "traject": traject,
            "profile": profile,
            "matches": [m for m in matches if m.vacancy_id not in proposed],
            "proposals": services.proposals_for_traject(traject),
            "has_consent": has_consent,
            "can_write": can(request.user, Perm.MATCHING_WRITE),
            "status_form": ProposalStatusForm(),
        },
    )


@requires(Perm.MATCHING_WRITE, methods=FORM)
def profile_edit(request, uuid):
    traject = _traject(request, uuid)
    profile = CandidateProfile.objects.filter(traject=traject).first()
    initial = {}
    if profile is None:
        # Start from the jobready check, so nobody types the same facts twice.
        check = traject.jobready_checks.order_by("-checked_date").first()
        initial = {
            "available_from": _today(),
            "postcode": traject.person.postcode,
            "hours_available": (check.hours_available if check else None) or 32,
            "transport": "car" if check and check.own_transport else "bike",
            "certificates": check.qualifications[:200] if check else "",
        }
        # Health limits are special-category data (AVG art. 9): pre-filled only
        # for a role that may read them, from its own organisation's check.
        if (
            check
            and may_read_special(request.user)
            and traject.organisation_id == request.user.organisation_id
        ):
            initial["limits"] = check.health_limits
    form = ProfileForm(request.POST or None, instance=profile, initial=initial)
    if not may_read_special(request.user):
        form.fields.pop("limits", None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        occupations = list(data.pop("occupations"))
        try:
            services.save_profile(
                traject=traject, by=request.user, occupations=occupations, **data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Het kandidaatprofiel is opgeslagen."))
            return redirect("matching:candidate", uuid=traject.uuid)
    return render(
        request,
        "matching/profile_form.html",
        {"form": form, "traject": traject},
        status=400 if request.method == "POST" else 200,
    )
