"""Mijn Max-WW pages: the open check, the client login and the client's own pages.

Every client page resolves the person from ``request.user`` (see
``services.client_person``); no page takes a person id from the URL or a form.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from maxww.accounts.providers import client_provider
from maxww.policy import Perm
from maxww.policy.views import FORM, READ, WRITE, requires

from . import services
from .forms import (
    STEPS,
    CheckForm,
    ClientLoginForm,
    ConsentForm,
    CVForm,
    RescheduleForm,
)
from .services import client_person, is_client


def client_required(view: Callable) -> Callable:
    """Logged-in clients only: anonymous users go to the client login, staff get 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('portal:login')}?next={request.path}")
        person = client_person(request.user)  # PermissionDenied for staff
        return view(request, person, *args, **kwargs)

    return wrapped


def _today():
    return timezone.localdate()


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# ---------------------------------------------------------------- open check


@requires(Perm.PUBLIC, methods=FORM)
def check(request: HttpRequest) -> HttpResponse:
    """'Heb ik na mijn WW mogelijk recht op bijstand?' in three short steps."""
    last = len(STEPS) - 1
    if request.method != "POST":
        form = CheckForm(step=0)
        return _render_step(request, form)
    try:
        step = min(max(int(request.POST.get("step", 0)), 0), last)
    except ValueError:
        step = 0
    if "back" in request.POST and step > 0:
        previous = CheckForm(request.POST, step=step)
        previous.is_valid()
        form = CheckForm(step=step - 1, initial=_raw_initial(request.POST))
        return _render_step(request, form)
    form = CheckForm(request.POST, step=step)
    if not form.is_valid():
        return _render_step(request, form)
    if step < last:
        next_form = CheckForm(step=step + 1, initial=_raw_initial(request.POST))
        return _render_step(request, next_form)
    answers = form.answers()
    outcome = services.indicative_check(answers=answers, on=_today())
    if not outcome.ok:
        for error in outcome.errors:
            form.add_error(None, error["message"])
        return _render_step(request, form)
    saved = None
    if "save" in request.POST and is_client(request.user):
        saved = services.save_check(
            person=client_person(request.user), answers=answers, outcome=outcome
        )
        messages.success(request, _("Uw antwoorden en de uitkomst zijn bewaard."))
    return render(
        request,
        "portal/check_result.html",
        {
            "form": form,
            "outcome": outcome,
            "answers": answers,
            "can_save": is_client(request.user) and saved is None,
            "step": step,
        },
    )


def _raw_initial(data) -> dict[str, str]:
    return {k: v for k, v in data.items() if k not in ("csrfmiddlewaretoken", "step")}


def _render_step(request: HttpRequest, form: CheckForm) -> HttpResponse:
    _slug, title, _fields = STEPS[form.step]
    return render(
        request,
        "portal/check.html",
        {
            "form": form,
            "step": form.step,
            "step_number": form.step + 1,
            "step_count": len(STEPS),
            "step_title": title,
            "steps": [t for _s, t, _f in STEPS],
            "is_last": form.step == len(STEPS) - 1,
        },
    )


# ---------------------------------------------------------------- login


class ClientLoginView(auth_views.LoginView):
    """Local login for clients (demo); OpenID Connect when configured."""

    authentication_form = ClientLoginForm
    template_name = "portal/login.html"
    redirect_authenticated_user = False
    next_page = reverse_lazy("portal:home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        provider = client_provider()
        context["oidc_url"] = reverse("portal:oidc_start") if provider else None
        context["oidc_name"] = provider.name if provider else ""
        return context


# ---------------------------------------------------------------- own pages


@requires(Perm.OWN_DATA, methods=READ)
@client_required
def home(request: HttpRequest, person) -> HttpResponse:
    """Overview: next appointment, traject, what to do."""
    invitations = list(services.invitations_for(person)[:3])
    trajects = list(services.trajects_for(person)[:1])
    services.log_own_view(person, what="overview", request=request)
    return render(
        request,
        "portal/home.html",
        {
            "person": person,
            "invitations": invitations,
            "traject": trajects[0] if trajects else None,
            "cv": services.latest_cv(person),
            "open_consents": services.consents_for(person)
            .filter(withdrawn_at__isnull=True)
            .count(),
        },
    )


@requires(Perm.OWN_DATA, methods=READ)
@client_required
def invitations(request: HttpRequest, person) -> HttpResponse:
    rows = list(services.invitations_for(person))
    services.log_own_view(person, what="invitations", request=request)
    return render(
        request,
        "portal/invitations.html",
        {"person": person, "invitations": rows, "now": timezone.now()},
    )


@requires(Perm.OWN_DATA, methods=WRITE)
@client_required
def invitation_respond(request: HttpRequest, person, uuid) -> HttpResponse:
    accepted = request.POST.get("answer") == "accept"
    try:
        services.respond_to_invitation(
            person=person, invitation_uuid=uuid, accepted=accepted, on=_today()
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            _("Fijn dat u komt. Wij rekenen op u.")
            if accepted
            else _("U bent afgemeld. De organisator heeft bericht gekregen."),
        )
    return redirect("portal:invitations")


@requires(Perm.OWN_DATA, methods=FORM)
@client_required
def invitation_reschedule(request: HttpRequest, person, uuid) -> HttpResponse:
    invitation = services.own_invitation(person, uuid)
    options = list(services.reschedule_options(invitation))
    form = RescheduleForm(
        request.POST if request.method == "POST" else None, sessions=options
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reschedule_invitation(
                person=person,
                invitation_uuid=uuid,
                session_uuid=form.cleaned_data["session"],
                on=_today(),
            )
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("Uw afspraak is verzet."))
            return redirect("portal:invitations")
    return render(
        request,
        "portal/reschedule.html",
        {"invitation": invitation, "form": form, "options": options},
    )


@requires(Perm.OWN_DATA, methods=READ)
@client_required
def plan(request: HttpRequest, person) -> HttpResponse:
    trajects = list(services.trajects_for(person))
    actions = list(services.plan_actions_for(person))
    services.log_own_view(person, what="plan", request=request)
    return render(
        request,
        "portal/plan.html",
        {"person": person, "trajects": trajects, "actions": actions},
    )


@requires(Perm.OWN_DATA, methods=FORM)
@client_required
def cv(request: HttpRequest, person) -> HttpResponse:
    form = CVForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.upload_cv(person=person, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", _error_text(exc))
        else:
            messages.success(request, _("Uw cv is opgeslagen."))
            return redirect("portal:cv")
    return render(
        request,
        "portal/cv.html",
        {"form": form, "cv": services.latest_cv(person)},
    )


@requires(Perm.OWN_DATA, methods=READ)
@client_required
def cv_download(request: HttpRequest, person) -> HttpResponse:
    document = services.latest_cv(person)
    if document is None:
        return redirect("portal:cv")
    services.log_own_view(person, what="cv", request=request)
    return _file_response(document)


@requires(Perm.CLIENT_CV_READ, methods=READ)
def staff_cv_download(request: HttpRequest, uuid) -> HttpResponse:
    """A caseworker with a legal basis opens the person's CV (logged)."""
    document = services.open_cv(user=request.user, person_uuid=uuid, request=request)
    return _file_response(document)


def _file_response(document) -> FileResponse:
    extension = document.file.name.rsplit(".", 1)[-1]
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=f"cv.{extension}"
    )


@requires(Perm.OWN_DATA, methods=FORM)
@client_required
def consents(request: HttpRequest, person) -> HttpResponse:
    recipients = list(services.consent_recipients(person))
    form = ConsentForm(
        request.POST if request.method == "POST" else None, recipients=recipients
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.give_own_consent(
                person=person,
                purpose=form.cleaned_data["purpose"],
                recipient_id=form.cleaned_data["recipient"],
                by=request.user,
                on=_today(),
            )
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("Uw toestemming is vastgelegd."))
            return redirect("portal:consents")
    services.log_own_view(person, what="consents", request=request)
    return render(
        request,
        "portal/consents.html",
        {"consents": list(services.consents_for(person)), "form": form},
    )


@requires(Perm.OWN_DATA, methods=WRITE)
@client_required
def consent_withdraw(request: HttpRequest, person, uuid) -> HttpResponse:
    try:
        services.withdraw_own_consent(
            person=person, consent_uuid=uuid, by=request.user, on=_today()
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            _(
                "Uw toestemming is ingetrokken. De organisatie kan uw gegevens nu niet meer zien."
            ),
        )
    return redirect("portal:consents")


@requires(Perm.OWN_DATA, methods=READ)
@client_required
def view_log(request: HttpRequest, person) -> HttpResponse:
    """'Wie heeft mijn gegevens bekeken': the right of access (AVG art. 15)."""
    page = Paginator(services.view_log(person), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/view_log.html",
        {"page": page, "shared": services.shared_with(person)},
    )
