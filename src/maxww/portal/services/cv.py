"""The client's CV: upload (signature-checked), the latest one, opening it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from maxww.audit.constants import Action
from maxww.people.models import Person
from maxww.portal.constants import CV_SIGNATURES
from maxww.portal.models import CurriculumVitae

from .viewlog import _log_self

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.http import HttpRequest

    from maxww.organisations.models import User


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
