"""The invitation letter: regional template and tone, address, PDF."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

import structlog

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.organisations.constants import SessionTone
from maxww.organisations.models import RegionalConfig
from maxww.people.models import Person
from maxww.voorlichting.constants import InvitationStatus
from maxww.voorlichting.models import Invitation, LetterTemplate, Session

if TYPE_CHECKING:
    from maxww.organisations.models import Region, User

logger = structlog.stdlib.get_logger(__name__)


DEFAULT_LETTERS: dict[str, tuple[str, str]] = {
    SessionTone.STRICT: (
        "Uitnodiging voorlichting ‘{{ session.title }}’ – uw aanwezigheid is verplicht",
        "Uw WW-uitkering stopt binnenkort. Daarom nodigen wij u uit voor de "
        "bijeenkomst ‘{{ session.title }}’ op {{ session.starts_at|nl_weekday }} "
        "{{ session.starts_at|nl_date_long }} om {{ session.starts_at|nl_time }} "
        "uur in {{ session.place }}"
        "{% if session.address %}, {{ session.address }}{% endif %}.\n\n"
        "Uw aanwezigheid is verplicht. Wij vertellen u wat er gebeurt als uw WW "
        "stopt, welke hulp u krijgt bij het vinden van werk en wanneer u "
        "eventueel bijstand kunt aanvragen.\n\n"
        "Kunt u echt niet komen? Neem dan vóór de bijeenkomst contact met ons op. "
        "Als u zonder bericht niet komt, bellen wij u en kan dit gevolgen hebben.",
    ),
    SessionTone.OPEN: (
        "Uitnodiging: ‘{{ session.title }}’",
        "Uw WW-uitkering stopt binnenkort. Wij helpen u graag op weg naar werk. "
        "Daarom nodigen wij u van harte uit voor de bijeenkomst "
        "‘{{ session.title }}’ op {{ session.starts_at|nl_weekday }} "
        "{{ session.starts_at|nl_date_long }} om {{ session.starts_at|nl_time }} "
        "uur in {{ session.place }}"
        "{% if session.address %}, {{ session.address }}{% endif %}.\n\n"
        "U hoort wat er gebeurt als uw WW stopt, hoe wij u kunnen helpen bij het "
        "vinden van werk en wat u kunt verwachten als u bijstand nodig heeft. "
        "Deelname is vrijwillig, maar het is zeker de moeite waard.",
    ),
}


def letter_text(text: str) -> Template:
    """A regional letter text as a template, with the Dutch filters (``nl``) loaded.

    Django's own filters stay available, so texts saved earlier still render.
    """
    return Template("{% load nl %}" + text)


def letter_template(region: Region) -> tuple[str, str, str, str]:
    """(tone, subject, body, signature) for the region, with a built-in fallback."""
    config = RegionalConfig.objects.filter(region=region).first()
    tone = config.session_tone if config else SessionTone.OPEN
    template = LetterTemplate.objects.filter(region=region, tone=tone).first()
    if template:
        return tone, template.subject, template.body, template.signature
    subject, body = DEFAULT_LETTERS[tone]
    return tone, subject, body, ""


def letter_sections(
    session: Session, invitations: Sequence[Invitation], on: date
) -> list[str]:
    """Each invitation's letter as an HTML section (regional template and tone)."""
    tone, subject, body, signature = letter_template(session.region)
    subject_t, body_t = letter_text(subject), letter_text(body)
    signature = signature or str(session.organisation)
    sections = []
    for invitation in invitations:
        ctx = Context(
            {
                "person": invitation.person,
                "session": session,
                "organisation": session.organisation,
                "on": on,
                "tone": tone,
            }
        )
        letter = {
            "person": invitation.person,
            "address": invitation.person.address_lines,
            "subject": subject_t.render(ctx),
            "paragraphs": [p for p in body_t.render(ctx).split("\n\n") if p.strip()],
        }
        sections.append(
            render_to_string(
                "voorlichting/_letter.html",
                {
                    "letter": letter,
                    "session": session,
                    "organisation": session.organisation,
                    "place": session.organisation.letter_place,
                    "on": on,
                    "signature": signature,
                },
            )
        )
    return sections


def letters_html(session: Session, sections: Sequence[str]) -> str:
    """One printable document of letter sections, a page break between each."""
    # Sections come from _letter.html, which escaped every value already.
    safe = [mark_safe(s) for s in sections]
    return render_to_string(
        "voorlichting/letters_pdf.html", {"sections": safe, "session": session}
    )


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def printable_invitations(*, session: Session, by: User) -> QuerySet[Invitation]:
    """The invitations that get a letter: visible to ``by``, not declined."""
    return (
        session.invitations.filter(person__in=Person.objects.visible_to(by))
        .exclude(status=InvitationStatus.DECLINED)
        .order_by("person__last_name", "id")
    )


# A letter can be posted only with all four parts of the address.
_NO_ADDRESS = (
    Q(person__street="")
    | Q(person__house_number="")
    | Q(person__postcode="")
    | Q(person__town="")
)


def without_address(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    """The invitations whose person has no complete postal address (no letter)."""
    return invitations.filter(_NO_ADDRESS)


def with_address(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    """The invitations a letter can be posted to."""
    return invitations.exclude(_NO_ADDRESS)


def incomplete_addresses(*, session: Session, by: User) -> QuerySet[Invitation]:
    """Invitations that get no letter for want of an address: the follow-up list."""
    return without_address(printable_invitations(session=session, by=by)).filter(
        letter_printed_at__isnull=True
    )


def letters_pdf(
    *,
    session: Session,
    by: User,
    on: date,
    invitations: Iterable[Invitation] | None = None,
    request=None,
) -> bytes:
    """One PDF with a letter per invited person (WeasyPrint); printing is logged."""
    qs = printable_invitations(session=session, by=by).select_related(
        "person", "person__municipality"
    )
    if invitations is not None:
        qs = qs.filter(pk__in=[i.pk for i in invitations])
    if qs.exists() and not with_address(qs).exists():
        raise ValidationError(
            _("Geen brief gemaakt: het adres is onvolledig. Vul het adres eerst aan.")
        )
    rows = list(with_address(qs))
    if not rows:
        raise ValidationError(_("Er zijn geen uitnodigingen om af te drukken."))
    pdf = html_to_pdf(letters_html(session, letter_sections(session, rows, on)))
    Invitation.objects.filter(pk__in=[i.pk for i in rows]).update(
        letter_printed_at=timezone.now()
    )
    for invitation in rows:
        log_access(
            user=by,
            action=Action.PRINTED,
            obj=invitation,
            person_ref=str(invitation.person.uuid),
            legal_basis=LegalBasis.CASELOAD,
            purpose="uitnodigingsbrief voorlichting",
            request=request,
            event="invitation_letter_printed",
        )
    return pdf
