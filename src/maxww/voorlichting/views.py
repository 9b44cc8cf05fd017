"""Pages for sessions: list, plan, invite, letter runs, attendance, nabellen."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Min, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from maxww.people.models import Person
from maxww.policy import Perm, can
from maxww.policy.audit import note_shown
from maxww.policy.views import FORM, READ, WRITE, requires

from . import letters, services
from .constants import InvitationStatus, LetterRunStatus, SessionFormat
from .forms import CallOutcomeForm, SessionForm
from .models import CallTask, Invitation, LetterRun, Session


def _today() -> date:
    return timezone.localdate()


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _session(request, uuid) -> Session:
    return get_object_or_404(
        services.sessions_for(request.user).select_related("region", "organisation"),
        uuid=uuid,
    )


@requires(Perm.SESSION_READ, methods=READ)
def sessions(request):
    """All sessions of the region with their counts; upcoming first."""
    when = request.GET.get("wanneer", "komend")
    fmt = request.GET.get("vorm", "")
    qs = services.with_counts(services.sessions_for(request.user))
    now = timezone.now()
    if when == "komend":
        qs = qs.filter(starts_at__gte=now - timezone.timedelta(hours=12))
    elif when == "geweest":
        qs = qs.filter(starts_at__lt=now).order_by("-starts_at")
    if fmt in SessionFormat.values:
        qs = qs.filter(format=fmt)
    call_tasks = services.open_call_tasks(user=request.user).count()
    return render(
        request,
        "voorlichting/sessions.html",
        {
            "sessions": list(qs[:200]),
            "when": when,
            "fmt": fmt,
            "formats": SessionFormat.choices,
            "open_call_tasks": call_tasks,
            "now": now,
        },
    )


@requires(Perm.SESSION_MANAGE, methods=FORM)
def session_new(request):
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.plan_session(
                region=request.user.organisation.region,
                organisation=request.user.organisation,
                by=request.user,
                starts_at=data["starts_at"],
                place=data["place"],
                address=data["address"],
                capacity=data["capacity"],
                format=data["format"],
                hosts=data["hosts"],
                title=data["title"],
                duration_minutes=data["duration_minutes"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De bijeenkomst is gepland."))
            return redirect("voorlichting:session", uuid=session.uuid)
    return render(request, "voorlichting/session_form.html", {"form": form})


def _candidates(request, session: Session, q: str):
    """People to invite: by name search, else those whose WW ends soonest."""
    invited = session.invitations.values("person_id")
    people = (
        Person.objects.visible_to(request.user)
        .exclude(pk__in=invited)
        .annotate(
            ww_end_date=Min("claims__max_end_date", filter=Q(claims__status="active"))
        )
        .select_related("municipality")
    )
    if q:
        people = people.filter(Q(last_name__icontains=q) | Q(first_name__icontains=q))
    else:
        on = _today()
        people = people.filter(ww_end_date__gte=on)
    return list(people.order_by("ww_end_date", "last_name")[:25])


def _session_context(request, session: Session, *, selected=(), q: str = "") -> dict:
    counted = services.with_counts(Session.objects.filter(pk=session.pk)).get()
    invitations = list(
        session.invitations.filter(person__in=Person.objects.visible_to(request.user))
        .select_related("person", "call_task")
        .order_by("person__last_name", "id")
    )
    selections = []
    if services.selections_available():
        selections = list(
            services.open_selections(user=request.user)
            .exclude(person_id__in=session.invitations.values("person_id"))
            .select_related("person")[:50]
        )
    candidates = _candidates(request, session, q)
    note_shown(
        request,
        [i.person for i in invitations] + [s.person for s in selections] + candidates,
        object_type="voorlichting.invitation",
        purpose="bijeenkomst: uitnodigingen",
    )
    return {
        "session": counted,
        "invitations": invitations,
        "selections": selections,
        "selections_available": services.selections_available(),
        "candidates": candidates,
        "selected": {str(s) for s in selected},
        "q": q,
        "seats_left": counted.capacity - counted.seats_taken,
        "is_past": session.starts_at < timezone.now(),
        "letter_run": session.letter_runs.defer("pdf").first(),
    }


@requires(Perm.SESSION_READ, methods=READ)
def session_detail(request, uuid):
    session = _session(request, uuid)
    q = request.GET.get("q", "").strip()
    return render(
        request,
        "voorlichting/session_detail.html",
        _session_context(request, session, q=q),
    )


@requires(Perm.SESSION_MANAGE, methods=WRITE)
def invite(request, uuid):
    """Invite the ticked people (or all open selections); all or nothing."""
    session = _session(request, uuid)
    try:
        if request.POST.get("source") == "selection_all":
            result = services.invite_from_selection(
                session=session, by=request.user, on=_today()
            )
            selected = []
        else:
            selected = request.POST.getlist("people")
            ids = Person.objects.filter(uuid__in=selected).values_list("pk", flat=True)
            if not selected:
                raise ValidationError(_("Kies eerst wie u wilt uitnodigen."))
            result = services.invite_people(
                session=session, people=list(ids), by=request.user, on=_today()
            )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        context = _session_context(request, session, selected=selected)
        return render(request, "voorlichting/session_detail.html", context, status=400)
    text = _("%(n)s personen uitgenodigd.") % {"n": result.invited}
    if result.already_invited:
        text += " " + _("%(n)s waren al uitgenodigd.") % {"n": result.already_invited}
    messages.success(request, text)
    return redirect("voorlichting:session", uuid=session.uuid)


@requires(Perm.SESSION_MANAGE, methods=WRITE)
def letter_run_start(request, uuid):
    """Make all letters of a session: at once when few, else in the background."""
    session = _session(request, uuid)
    try:
        run = letters.start_letter_run(
            session=session, by=request.user, on=_today(), request=request
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("voorlichting:session", uuid=session.uuid)
    return redirect("voorlichting:letter_run", uuid=run.uuid)


def _letter_runs(request):
    return LetterRun.objects.filter(
        session__in=services.sessions_for(request.user)
    ).defer("pdf")


@requires(Perm.SESSION_MANAGE, methods=READ)
def letter_run(request, uuid):
    """Status and progress of a letter run; htmx polls it.

    Once finished it lists the people who got no letter for want of an address.
    """
    run = get_object_or_404(
        _letter_runs(request)
        .select_related("session", "requested_by")
        .annotate(
            has_pdf=ExpressionWrapper(Q(pdf__isnull=False), output_field=BooleanField())
        ),
        uuid=uuid,
    )
    incomplete = []
    if run.is_finished and run.skipped:
        incomplete = list(
            services.incomplete_addresses(
                session=run.session, by=request.user
            ).select_related("person")
        )
        note_shown(
            request,
            [i.person for i in incomplete],
            object_type="voorlichting.invitation",
            purpose="brieven: adres onvolledig",
        )
    context = {
        "run": run,
        "session": run.session,
        "can_download": run.requested_by_id == request.user.pk,
        "incomplete": incomplete,
    }
    if request.htmx:
        return render(request, "voorlichting/_letter_run_status.html", context)
    return render(request, "voorlichting/letter_run.html", context)


@requires(Perm.SESSION_MANAGE, methods=READ)
def letter_run_pdf(request, uuid):
    """A finished run's letters in one PDF, for whoever had them made.

    Making them logged each letter as printed on that person's name; handing
    the file to someone else would be a disclosure the log does not show.
    """
    run = get_object_or_404(
        _letter_runs(request)
        .filter(
            requested_by=request.user, status=LetterRunStatus.DONE, pdf__isnull=False
        )
        .select_related("session")
        .defer(None),
        uuid=uuid,
    )
    response = HttpResponse(bytes(run.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="uitnodigingen-{run.session.starts_at:%Y%m%d}.pdf"'
    )
    return response


@requires(Perm.SESSION_MANAGE, methods=READ)
def letter(request, uuid):
    """One person's letter as PDF."""
    invitation = get_object_or_404(
        Invitation.objects.filter(
            session__in=services.sessions_for(request.user),
            person__in=Person.objects.visible_to(request.user),
        ).select_related("session"),
        uuid=uuid,
    )
    pdf = services.letters_pdf(
        session=invitation.session,
        by=request.user,
        on=_today(),
        invitations=[invitation],
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="uitnodiging.pdf"'
    return response


@requires(Perm.SESSION_MANAGE, methods=WRITE)
def email(request, uuid):
    session = _session(request, uuid)
    sent = services.send_invitation_emails(
        session=session, by=request.user, on=_today()
    )
    if sent:
        messages.success(
            request, _("%(n)s uitnodigingen per e-mail verstuurd.") % {"n": sent}
        )
    elif not session.invitations.exclude(person__email="").exists():
        messages.info(
            request,
            _(
                "Geen e-mails verstuurd: geen van de genodigden heeft een "
                "e-mailadres. Stuur hun een brief."
            ),
        )
    else:
        messages.info(
            request,
            _("Geen e-mails verstuurd: iedereen met een e-mailadres heeft er al een."),
        )
    return redirect("voorlichting:session", uuid=session.uuid)


def _invitation(request, uuid) -> Invitation:
    return get_object_or_404(
        Invitation.objects.filter(
            session__in=services.sessions_for(request.user),
            person__in=Person.objects.visible_to(request.user),
        ).select_related("session", "person"),
        uuid=uuid,
    )


@requires(Perm.SESSION_MANAGE, methods=WRITE)
def rsvp(request, uuid):
    invitation = _invitation(request, uuid)
    try:
        services.respond(
            invitation=invitation,
            accepted=request.POST.get("answer") == "yes",
            on=_today(),
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("De reactie is vastgelegd."))
    return redirect("voorlichting:session", uuid=invitation.session.uuid)


def _attendance_rows(request, session: Session) -> list[Invitation]:
    return list(
        session.invitations.filter(person__in=Person.objects.visible_to(request.user))
        .exclude(status=InvitationStatus.DECLINED)
        .select_related("person", "person__municipality")
        .order_by("person__last_name", "id")
    )


@requires(Perm.SESSION_MANAGE, methods=FORM)
def attendance(request, uuid):
    """At the door: tick who came. Saving the form registers every ticked row."""
    session = _session(request, uuid)
    if request.method == "POST":
        ticked = set(request.POST.getlist("present"))
        rows = _attendance_rows(request, session)
        new, already = 0, []
        for invitation in rows:
            if str(invitation.uuid) in ticked:
                try:
                    result = services.register_attendance(
                        invitation=invitation, by=request.user, on=_today()
                    )
                except ValidationError as exc:
                    messages.error(request, _error_text(exc))
                    return redirect("voorlichting:attendance", uuid=session.uuid)
                if result.already:
                    already.append(invitation.person.full_name)
                else:
                    new += 1
        messages.success(request, _("%(n)s aanwezigen geregistreerd.") % {"n": new})
        if already:
            messages.info(
                request,
                _(
                    "Al eerder als aanwezig geregistreerd (niet dubbel geteld): %(names)s."
                )
                % {"names": ", ".join(already)},
            )
        return redirect("voorlichting:attendance", uuid=session.uuid)
    rows = _attendance_rows(request, session)
    note_shown(
        request,
        [i.person for i in rows],
        object_type="voorlichting.invitation",
        purpose="aanwezigheid registreren",
    )
    counted = services.with_counts(Session.objects.filter(pk=session.pk)).get()
    return render(
        request,
        "voorlichting/attendance.html",
        {
            "session": counted,
            "rows": rows,
            "closed": session.attendance_closed_at,
            "not_started": session.starts_at > timezone.now(),
        },
    )


@requires(Perm.SESSION_MANAGE, methods=WRITE)
def attendance_toggle(request, uuid):
    """htmx: tick or untick one person; returns the row, or redirects without JS."""
    invitation = _invitation(request, uuid)
    try:
        # The whole door list is posted; this row counts as present when ticked.
        if str(invitation.uuid) in request.POST.getlist("present"):
            result = services.register_attendance(
                invitation=invitation, by=request.user, on=_today()
            )
        else:
            result = services.unregister_attendance(
                invitation=invitation, by=request.user, on=_today()
            )
        message, level = result.message, "warning" if result.already else "ok"
    except ValidationError as exc:
        message, level = _error_text(exc), "error"
    invitation.refresh_from_db()
    if request.headers.get("HX-Request"):
        return render(
            request,
            "voorlichting/_attendance_row.html",
            {
                "row": invitation,
                "message": message,
                "level": level,
                "closed": invitation.session.attendance_closed_at,
            },
        )
    getattr(messages, {"ok": "success"}.get(level, level))(request, message)
    return redirect("voorlichting:attendance", uuid=invitation.session.uuid)


@requires(Perm.SESSION_MANAGE, methods=WRITE)
def attendance_close(request, uuid):
    session = _session(request, uuid)
    try:
        n = services.close_attendance(session=session, by=request.user, on=_today())
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            _(
                "Aanwezigheid afgesloten. %(n)s nabeltaken aangemaakt voor wie niet kwam."
            )
            % {"n": n},
        )
    return redirect("voorlichting:call_tasks")


def _upcoming(request):
    return services.sessions_for(request.user).filter(
        starts_at__gte=timezone.now(), attendance_closed_at__isnull=True
    )


def _call_tasks_page(request, bound: CallOutcomeForm | None = None, status=200):
    """The call list; *bound* replaces its row's form (errors and typed values)."""
    tasks = list(services.open_call_tasks(user=request.user))
    upcoming = _upcoming(request)
    note_shown(
        request,
        [t.invitation.person for t in tasks],
        object_type="voorlichting.calltask",
        purpose="nabellen",
    )
    rows = [
        (
            t,
            bound
            if bound is not None and bound.prefix == f"t{t.pk}"
            else CallOutcomeForm(prefix=f"t{t.pk}", sessions=upcoming),
        )
        for t in tasks
    ]
    return render(
        request,
        "voorlichting/call_tasks.html",
        {
            "rows": rows,
            "today": _today(),
            "team": can(request.user, Perm.CALLS_OF_TEAM),
        },
        status=status,
    )


@requires(Perm.SESSION_MANAGE, methods=READ)
def call_tasks(request):
    """My open call tasks (nabellen), escalations first."""
    return _call_tasks_page(request)


@requires(Perm.SESSION_MANAGE, methods=WRITE)
def call_task_done(request, pk):
    task = get_object_or_404(
        CallTask.objects.filter(
            invitation__person__in=Person.objects.visible_to(request.user)
        ).select_related("invitation__person", "invitation__session"),
        pk=pk,
    )
    form = CallOutcomeForm(
        request.POST, prefix=f"t{task.pk}", sessions=_upcoming(request)
    )
    if form.is_valid():
        try:
            services.record_call_outcome(
                task=task,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                new_session=form.cleaned_data["new_session"],
                by=request.user,
                on=_today(),
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                messages.error(request, _error_text(exc))
                return redirect("voorlichting:call_tasks")
            # Show the message at its field and keep what was typed.
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("Uitkomst vastgelegd voor %(name)s.")
                % {"name": task.invitation.person.full_name},
            )
            return redirect("voorlichting:call_tasks")
    if "outcome" in form.errors:
        messages.error(
            request,
            _("Kies de uitkomst van het gesprek met %(name)s.")
            % {"name": task.invitation.person.full_name},
        )
    return _call_tasks_page(request, bound=form, status=400)
