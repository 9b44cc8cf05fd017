"""Object rules: the second gate, after the permission.

- Consent goes only to an organisation of the person's region that the
  regional configuration names as a consent recipient (every active
  organisation of the region while the configuration names none).
- A consent is withdrawn only by the client, the organisation that recorded
  it, or its recipient.
- Special-category data (AVG art. 9: health limits) reaches only holders of
  ``Perm.HEALTH_READ``.

Services call these, so the UI, the API, the portal and background work get
the same answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .rules import CLIENT, Perm, can, subject_of

if TYPE_CHECKING:
    from maxww.organisations.models import Organisation
    from maxww.people.models import Person
    from maxww.trajects.models import Consent

#: Fields that hold special-category data, per model label.
SPECIAL_CATEGORY_FIELDS: dict[str, tuple[str, ...]] = {
    "trajects.jobreadycheck": ("health_limits",),
    "matching.candidateprofile": ("limits",),
}


def consent_recipients(region_id: int | None) -> QuerySet[Organisation]:
    """The organisations a consent in this region may name as recipient."""
    from maxww.organisations.models import Organisation, RegionalConfig

    organisations = Organisation.objects.filter(region_id=region_id, is_active=True)
    config = RegionalConfig.objects.filter(region_id=region_id).first()
    if config is not None and config.consent_recipients.exists():
        organisations = organisations.filter(
            pk__in=config.consent_recipients.values("pk")
        )
    return organisations.order_by("name")


def person_region_id(person: Person) -> int | None:
    """The region a person's consents belong to (that of their municipality)."""
    municipality = getattr(person, "municipality", None)
    return municipality.region_id if municipality is not None else None


def may_record_consent_for(user: Any, person: Person) -> bool:
    """A caseworker who holds the permission and may see the person."""
    from maxww.people.models import Person as PersonModel

    return (
        can(user, Perm.CONSENT_RECORD)
        and PersonModel.objects.visible_to(user).filter(pk=person.pk).exists()
    )


def may_withdraw(user: Any, consent: Consent) -> bool:
    """The client themself, the recording organisation, or the recipient."""
    if not can(user, Perm.CONSENT_WITHDRAW):
        return False
    if subject_of(user) == CLIENT:
        person = getattr(user, "person", None)
        return person is not None and person.pk == consent.person_id
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None:
        return False
    recorder = consent.recorded_by
    return organisation_id == consent.recipient_id or (
        recorder is not None and organisation_id == recorder.organisation_id
    )


def require_withdraw(user: Any, consent: Consent) -> None:
    """``PermissionDenied`` with a Dutch reason unless ``may_withdraw``."""
    if not may_withdraw(user, consent):
        raise PermissionDenied(
            _(
                "Alleen de inwoner, de organisatie die de toestemming vastlegde of "
                "de ontvanger kan deze toestemming intrekken."
            )
        )


def may_read_special(user: Any) -> bool:
    """Whether the user may read special-category data (health limits)."""
    return can(user, Perm.HEALTH_READ)
