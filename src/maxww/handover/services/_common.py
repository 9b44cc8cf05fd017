"""Errors, receiving kinds and the write database shared by the handover modules."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import router

from maxww.handover.models import Handover
from maxww.organisations.constants import OrganisationKind

RECEIVING_KINDS = (OrganisationKind.MUNICIPALITY, OrganisationKind.SHARED_SERVICE)


class HandoverRefusedError(ValidationError):
    """The dossier may not go to this organisation; the message says why."""


class PackageRejectedError(Exception):
    """An imported package was refused; nothing was stored."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _db() -> str:
    """The database handover data is written to (routers may move it)."""
    return router.db_for_write(Handover)
