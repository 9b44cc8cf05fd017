"""Mijn Max-WW: the indicative check, a client's own data, and notifications.

Public surface for other apps: ``indicative_check``, ``client_person``,
``notify_client``, ``notify_new_invitation``, ``open_cv``, ``latest_cv``,
``view_log``, ``shared_with``. Every function that depends on time takes ``on``.
A client is a User without a role linked as ``Person.portal_user``; every
function here that acts for a client takes the person resolved from the
logged-in user, never an id from the request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

import structlog

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.models import AccessLog
from maxww.audit.services import log_access
from maxww.organisations.constants import Role
from maxww.organisations.models import Organisation
from maxww.people.models import Person
from maxww.policy import objects as policy_objects
from maxww.rekenhulp.services import evaluate_records
from maxww.trajects.constants import ConsentKind, ConsentPurpose
from maxww.trajects.models import Consent, PlanAction, Traject
from maxww.trajects.services import give_consent, withdraw_consent
from maxww.voorlichting.constants import SEAT_STATUSES, InvitationStatus
from maxww.voorlichting.models import Invitation, Session
from maxww.voorlichting.services import CapacityError, respond, with_counts

from .constants import CV_SIGNATURES
from .models import CurriculumVitae, SavedCheck

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.http import HttpRequest

    from maxww.organisations.models import User

logger = structlog.stdlib.get_logger(__name__)


# ---------------------------------------------------------------- the client


def is_client(user: Any) -> bool:
    """A logged-in user without a staff role who is linked to a person."""
    return bool(
        getattr(user, "is_authenticated", False)
        and not getattr(user, "role", "")
        and not user.is_staff
        and not user.is_superuser
        and Person.objects.filter(portal_user=user).exists()
    )


def client_person(user: User) -> Person:
    """The person behind a client login; PermissionDenied for anyone else."""
    if not is_client(user):
        raise PermissionDenied(_("Deze pagina is alleen voor inwoners."))
    return Person.objects.select_related("municipality__region").get(portal_user=user)


@transaction.atomic
def link_portal_user(*, person: Person, username: str, password: str) -> User:
    """Create or reset the local (demo) login of a client."""
    from maxww.organisations.models import User

    user, _created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": person.first_name, "last_name": person.last_name},
    )
    user.role = ""
    user.organisation = None
    user.email = person.email
    user.set_password(password)
    user.save()
    Person.objects.filter(portal_user=user).exclude(pk=person.pk).update(
        portal_user=None
    )
    person.portal_user = user
    person.save(update_fields=["portal_user"])
    return user


# ---------------------------------------------------------------- indicative check


@dataclass(frozen=True)
class CheckOutcome:
    """The indication: the engine's own results plus what to do next."""

    ww: dict[str, Any] | None
    bijstand: dict[str, Any] | None
    ww_end_date: dt.date | None
    report_date: dt.date | None
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.bijstand is not None

    @property
    def entitled(self) -> bool:
        return bool(self.bijstand and self.bijstand["entitled"])


def ww_record(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The WW engine input for estimating the last WW day.

    Someone who gets WW met the weeks requirement, so it is taken as met; the
    daily wage does not change the end date and is not asked.
    """
    return {
        "reference_date": answers["ww_start_date"],
        "birth_date": answers["birth_date"],
        "weeks_worked_last_36": 36,
        "years_with_208_hours_last_5": answers["years_with_208_hours_last_5"],
        "employment_history_years_before_2016": answers["years_before_2016"],
        "employment_history_years_from_2016": answers["years_from_2016"],
        "daily_wage_eur": "0",
    }


def bijstand_record(answers: Mapping[str, Any], on_date: dt.date) -> dict[str, Any]:
    """The bijstand engine input on the first day after WW (``on_date``)."""
    household = answers["household"]
    income = Decimal(str(answers.get("partner_income") or 0)) + Decimal(
        str(answers.get("own_income") or 0)
    )
    return {
        "reference_date": on_date,
        "household": household,
        "applicant_birth_date": answers["birth_date"],
        "partner_birth_date": answers.get("partner_birth_date")
        if household == "couple"
        else None,
        "has_children": bool(answers.get("has_children"))
        or household == "single_parent",
        "co_residents_27_plus": answers.get("co_residents_27_plus") or 0,
        "net_monthly_income_eur": str(income),
        "assets_eur": str(answers.get("assets") or 0),
        "debts_eur": str(answers.get("debts") or 0),
        "home_equity_eur": str(
            answers.get("home_equity") or 0 if answers.get("owns_home") else 0
        ),
    }


def indicative_check(*, answers: Mapping[str, Any], on: dt.date) -> CheckOutcome:
    """Run the questionnaire's answers through the rules engine; stores nothing.

    With a known last WW day the bijstand indication is for the day after it
    (art. 41 lid 6 Participatiewet: report before WW ends so bijstand follows
    on); otherwise the WW engine estimates the end date and its
    ``municipality_report_date`` is used.
    """
    ww = None
    if answers.get("ww_end_known") == "yes":
        end = answers["ww_end_date"]
        report = end + dt.timedelta(days=1)
    else:
        results, errors = evaluate_records(
            "ww", [ww_record(answers)], with_explanation=True
        )
        if errors:
            return CheckOutcome(None, None, None, None, list(errors))
        ww = results[0]
        end = dt.date.fromisoformat(ww["end_date"]) if ww["end_date"] else None
        report = dt.date.fromisoformat(ww["municipality_report_date"])
    reference = max(report, on)
    results, errors = evaluate_records(
        "bijstand", [bijstand_record(answers, reference)], with_explanation=True
    )
    if errors:
        return CheckOutcome(ww, None, end, report, list(errors))
    return CheckOutcome(ww, results[0], end, report)


def save_check(
    *, person: Person, answers: Mapping[str, Any], outcome: CheckOutcome
) -> SavedCheck:
    """Keep a check because the client asked to; answers as plain JSON."""
    plain = {k: _plain(v) for k, v in answers.items()}
    result = {
        "bijstand": outcome.bijstand,
        "ww": outcome.ww,
        "ww_end_date": _plain(outcome.ww_end_date),
        "report_date": _plain(outcome.report_date),
    }
    saved = SavedCheck.objects.create(person=person, answers=plain, result=result)
    logger.info("portal_check_saved", check=str(saved.uuid))
    return saved


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# ---------------------------------------------------------------- invitations


def invitations_for(person: Person) -> QuerySet[Invitation]:
    """The client's invitations, newest session first."""
    return (
        Invitation.objects.filter(person=person)
        .select_related("session")
        .order_by("-session__starts_at")
    )


def own_invitation(person: Person, invitation_uuid: Any) -> Invitation:
    invitation = (
        Invitation.objects.select_related("session__created_by", "session__region")
        .filter(person=person, uuid=invitation_uuid)
        .first()
    )
    if invitation is None:
        raise Http404(_("Uitnodiging niet gevonden."))
    return invitation


def _changeable(invitation: Invitation) -> None:
    if invitation.status in (InvitationStatus.ATTENDED, InvitationStatus.NO_SHOW):
        raise ValidationError(_("Deze bijeenkomst is al geweest."))
    if invitation.session.attendance_closed_at or (
        invitation.session.starts_at <= timezone.now()
    ):
        raise ValidationError(_("Deze bijeenkomst is al begonnen of geweest."))


def reschedule_options(invitation: Invitation) -> QuerySet[Session]:
    """Later sessions of the same region and format with a free seat."""
    taken = Invitation.objects.filter(person_id=invitation.person_id).values(
        "session_id"
    )
    return (
        with_counts(
            Session.objects.filter(
                region_id=invitation.session.region_id,
                format=invitation.session.format,
                starts_at__gt=timezone.now(),
                attendance_closed_at__isnull=True,
            )
            .exclude(pk__in=taken)
            .select_related("organisation")
        )
        .filter(capacity__gt=F("seats_taken"))
        .order_by("starts_at")
    )


@transaction.atomic
def respond_to_invitation(
    *, person: Person, invitation_uuid: Any, accepted: bool, on: dt.date
) -> Invitation:
    """The client says they come or not; the organiser hears of a decline."""
    invitation = own_invitation(person, invitation_uuid)
    _changeable(invitation)
    invitation = respond(invitation=invitation, accepted=accepted, on=on)
    _log_self(person, invitation, Action.CHANGED, "invitation_answered_by_client")
    if not accepted:
        _notify_organiser(invitation, old=invitation.session, new=None)
    notify_client(
        person,
        subject=_("Uw reactie op de uitnodiging is ontvangen"),
        template="portal/email/invitation_answered.txt",
        context={"invitation": invitation, "accepted": accepted},
    )
    return invitation


@transaction.atomic
def reschedule_invitation(
    *, person: Person, invitation_uuid: Any, session_uuid: Any, on: dt.date
) -> Invitation:
    """Move the client to another session of the same region with a free seat.

    The old invitation becomes 'declined', the new one 'accepted' (the client
    chose it), with the original inviter kept.
    """
    old = own_invitation(person, invitation_uuid)
    _changeable(old)
    if old.status == InvitationStatus.DECLINED:
        _refuse_second_booking(person, old)
    target = (
        Session.objects.select_for_update()
        .filter(uuid=session_uuid, region_id=old.session.region_id)
        .first()
    )
    if target is None or target.pk not in set(
        reschedule_options(old).values_list("pk", flat=True)
    ):
        raise ValidationError(_("Kies een andere bijeenkomst met een vrije plaats."))
    taken = target.invitations.filter(status__in=SEAT_STATUSES).count()
    if taken >= target.capacity:
        raise CapacityError(_("De bijeenkomst is vol."))
    respond(invitation=old, accepted=False, on=on)
    new = Invitation.objects.create(
        session=target,
        person=person,
        status=InvitationStatus.ACCEPTED,
        channel=old.channel,
        invited_by=old.invited_by,
        invited_date=on,
        responded_date=on,
    )
    _log_self(person, new, Action.CHANGED, "invitation_rescheduled_by_client")
    _notify_organiser(old, old=old.session, new=target)
    notify_client(
        person,
        subject=_("Uw nieuwe afspraak"),
        template="portal/email/invitation_rescheduled.txt",
        context={"old": old.session, "new": target},
    )
    logger.info("invitation_rescheduled", old=str(old.uuid), new=str(new.uuid))
    return new


def _refuse_second_booking(person: Person, cancelled: Invitation) -> None:
    """A cancelled invitation moves only when no other appointment still stands."""
    standing = (
        Invitation.objects.filter(
            person=person,
            status__in=(InvitationStatus.INVITED, InvitationStatus.ACCEPTED),
            session__starts_at__gt=timezone.now(),
            session__attendance_closed_at__isnull=True,
        )
        .exclude(pk=cancelled.pk)
        .select_related("session")
        .order_by("session__starts_at")
        .first()
    )
    if standing is not None:
        raise ValidationError(
            _(
                "Deze afspraak is afgemeld. U staat al ingeschreven voor "
                "%(session)s; verzet die afspraak als u een andere datum wilt."
            )
            % {"session": standing.session}
        )


def _notify_organiser(
    invitation: Invitation, *, old: Session, new: Session | None
) -> int:
    """Tell who planned the session (and its hosts) that a client changed."""
    recipients = {old.created_by.email} if old.created_by.email else set()
    recipients |= {e for e in old.hosts.values_list("email", flat=True) if e}
    if not recipients:
        return 0
    body = render_to_string(
        "portal/email/organiser_changed.txt",
        {"old": old, "new": new, "invitation": invitation},
    )
    subject = (
        _("Afmelding voor %(session)s") if new is None else _("Verzet: %(session)s")
    ) % {"session": old}
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=sorted(recipients),
    ).send()


# ---------------------------------------------------------------- traject plan


def trajects_for(person: Person) -> QuerySet[Traject]:
    """The client's trajects with coach and organisation, open ones first."""
    return (
        Traject.objects.filter(person=person)
        .select_related("coach__organisation", "organisation")
        .order_by("ended_date", "-signalled_date")
    )


def plan_actions_for(person: Person) -> QuerySet[PlanAction]:
    return (
        PlanAction.objects.filter(traject__person=person)
        .select_related("traject")
        .order_by("done_date", "-agreed_date")
    )


# ---------------------------------------------------------------- CV


def _check_signature(upload: UploadedFile) -> None:
    extension = upload.name.rsplit(".", 1)[-1].lower()
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(CV_SIGNATURES.get(extension, b"\0\0\0\0")):
        raise ValidationError(
            {"file": _("Dit bestand is geen echte pdf of Word-bestand (docx).")}
        )


@transaction.atomic
def upload_cv(*, person: Person, upload: UploadedFile) -> CurriculumVitae:
    """Store a new CV for the person (validated: type, size, content)."""
    cv = CurriculumVitae(
        person=person, original_name=upload.name[-150:], size=upload.size
    )
    field_ = CurriculumVitae._meta.get_field("file")
    try:
        for validator in field_.validators:
            validator(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    _check_signature(upload)
    cv.file = upload
    cv.save()
    _log_self(person, cv, Action.CREATED, "cv_uploaded")
    return cv


def latest_cv(person: Person) -> CurriculumVitae | None:
    return CurriculumVitae.objects.filter(person=person).first()


def open_cv(
    *, user: User, person_uuid: Any, request: HttpRequest | None = None
) -> CurriculumVitae:
    """The newest CV of a person the (staff) user may see, logged; 404 otherwise."""
    from maxww.people.services import open_person

    person = open_person(
        user=user,
        uuid=person_uuid,
        purpose="cv bekijken voor bemiddeling",
        request=request,
    )
    cv = latest_cv(person)
    if cv is None:
        raise Http404(_("Er is nog geen cv."))
    return cv


# ---------------------------------------------------------------- consent


def consents_for(person: Person) -> QuerySet[Consent]:
    return Consent.objects.filter(person=person).select_related("recipient")


def consent_recipients(person: Person) -> QuerySet[Organisation]:
    """Organisations of the person's region a client may give consent to."""
    return policy_objects.consent_recipients(policy_objects.person_region_id(person))


def withdraw_own_consent(
    *, person: Person, consent_uuid: Any, by: User, on: dt.date
) -> Consent:
    """Withdraw one of the client's consents; the recipient loses access at once."""
    consent = consents_for(person).filter(uuid=consent_uuid).first()
    if consent is None:
        raise Http404(_("Toestemming niet gevonden."))
    consent = withdraw_consent(consent=consent, by=by, on=on)
    _log_self(person, consent, Action.CHANGED, "consent_withdrawn_by_client")
    return consent


def give_own_consent(
    *, person: Person, purpose: str, recipient_id: Any, by: User, on: dt.date
) -> Consent:
    """Give consent from the portal, only to an organisation of the own region."""
    recipient = consent_recipients(person).filter(pk=recipient_id).first()
    if recipient is None:
        raise ValidationError({"recipient": _("Kies een organisatie uit de lijst.")})
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Kies waarvoor u toestemming geeft.")})
    if Consent.objects.filter(
        person=person, purpose=purpose, recipient=recipient, withdrawn_at__isnull=True
    ).exists():
        raise ValidationError(_("U gaf deze toestemming al."))
    consent = give_consent(
        person=person,
        purpose=purpose,
        recipient=recipient,
        by=by,
        on=on,
        kind=ConsentKind.VERBAL,
        scope=_("Gegeven via Mijn Max-WW"),
    )
    _log_self(person, consent, Action.CREATED, "consent_given_by_client")
    return consent


# ---------------------------------------------------------------- view log


@dataclass(frozen=True)
class LogLine:
    """One line of 'Wie heeft mijn gegevens bekeken', without staff names."""

    timestamp: dt.datetime
    organisation: str
    role: str
    action: str
    what: str
    basis: str
    purpose: str


def _what(object_type: str) -> str:
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type.split(".")[-1].replace("_", " ") or _("gegevens")
    return str(model._meta.verbose_name)


def view_log(person: Person, *, limit: int = 500) -> list[LogLine]:
    """Who (organisation and role) saw, changed or received the person's data.

    The client's own actions (basis 'self') are left out. Staff names are not
    shown (DPIA choice, see docs/portal.md); the privacy officer can tell them.
    """
    rows = (
        AccessLog.objects.filter(person_ref=str(person.uuid))
        .exclude(legal_basis=LegalBasis.SELF)
        .order_by("-timestamp", "-id")
        .values(
            "timestamp",
            "organisation",
            "role",
            "action",
            "object_type",
            "legal_basis",
            "purpose",
        )[:limit]
    )
    roles = dict(Role.choices)
    actions = dict(Action.choices)
    bases = dict(LegalBasis.choices)
    return [
        LogLine(
            timestamp=r["timestamp"],
            organisation=r["organisation"] or _("onbekend"),
            role=str(roles.get(r["role"], r["role"] or _("systeem"))),
            action=str(actions.get(r["action"], r["action"])),
            what=_what(r["object_type"]),
            basis=str(bases.get(r["legal_basis"], r["legal_basis"])),
            purpose=r["purpose"],
        )
        for r in rows
    ]


def shared_with(person: Person) -> list[Any]:
    """What the handover app shared about the person, if it offers that."""
    try:
        from maxww.handover import services as handover_services
    except ImportError:
        return []
    function = getattr(handover_services, "shared_with", None)
    return list(function(person)) if function else []


def _log_self(person: Person, obj: Any, action: Action, event: str) -> None:
    log_access(
        user=person.portal_user,
        action=action,
        obj=obj,
        person_ref=str(person.uuid),
        legal_basis=LegalBasis.SELF,
        purpose="eigen gegevens via Mijn Max-WW",
        event=event,
    )


def log_own_view(person: Person, *, what: str, request: HttpRequest) -> None:
    """Record that the client looked at their own data (basis 'self')."""
    log_access(
        user=request.user,
        action=Action.VIEWED,
        object_type=f"portal.{what}",
        person_ref=str(person.uuid),
        legal_basis=LegalBasis.SELF,
        purpose="eigen gegevens via Mijn Max-WW",
        request=request,
        event=f"portal_{what}_viewed",
    )


# ---------------------------------------------------------------- notifications


def notify_client(
    person: Person, subject: str, template: str, context: Mapping[str, Any]
) -> bool:
    """E-mail the client (plain text from ``template``); False without address.

    Other apps call this, e.g. voorlichting for a new invitation. The message
    links to Mijn Max-WW and carries no more personal data than needed.
    """
    if not person.email:
        return False
    body = render_to_string(template, {"person": person, **context})
    sent = EmailMessage(
        subject=str(subject).replace("\n", " "),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    ).send()
    log_access(
        user=None,
        action=Action.SENT,
        object_type="portal.notification",
        person_ref=str(person.uuid),
        legal_basis=LegalBasis.SELF,
        purpose="bericht aan de inwoner zelf",
        event="client_notified",
    )
    logger.info("client_notified", template=template, sent=bool(sent))
    return bool(sent)


def notify_new_invitation(invitation: Invitation) -> bool:
    """Tell the client about a new invitation (for the voorlichting app to call)."""
    return notify_client(
        invitation.person,
        subject=_("Uitnodiging: %(title)s") % {"title": invitation.session.title},
        template="portal/email/invitation_new.txt",
        context={"invitation": invitation, "session": invitation.session},
    )
