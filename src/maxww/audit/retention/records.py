"""What happens to an expired person's records: deleted, or kept without free text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.db.models import CharField, Value
from django.db.models.functions import (
    Cast,
    Concat,
    TruncYear,
)
from django.utils import timezone

import structlog

if TYPE_CHECKING:
    from django.db.models import QuerySet


logger = structlog.stdlib.get_logger("maxww.audit.retention")

# Replaces the BSN hash of a pseudonymised person: marks the row as done and
# keeps the column unique (real hashes are 64 hex digits, never this prefix).
PSEUDONYM_PREFIX = "bewaartermijn:"
PSEUDONYM_NAME = "[gepseudonimiseerd]"
CHUNK = 500
DEFAULT_MONTHS = 24


# (model, path to the person) deleted outright, in this order.
DELETE: tuple[tuple[str, str], ...] = (
    ("handover.GatekeeperCheck", "application__person"),
    ("handover.BijstandApplication", "person"),
    ("handover.Handover", "person"),
    ("trajects.Contact", "traject__person"),
    ("trajects.PlanReview", "traject__person"),
    ("trajects.PlanAction", "traject__person"),
    ("trajects.JobreadyCheck", "traject__person"),
    ("matching.CandidateProfile", "traject__person"),
    ("trajects.Consent", "person"),
    ("voorlichting.Letter", "invitation__person"),  # name and address as printed
    ("portal.CurriculumVitae", "person"),
    ("portal.SavedCheck", "person"),
    ("people.AccessGrant", "person"),
)


# A client's portal account once the person is gone: it cannot be deleted (the
# access log refers to it), so it is emptied and closed; "!" is an unusable
# password, and an inactive user's sessions end.
PORTAL_ACCOUNT_CLOSED = {
    "first_name": "",
    "last_name": "",
    "email": "",
    "is_active": False,
    "password": "!",
}

# Kept as they are: they hold no identifying detail and the aggregates count them.
KEEP: frozenset[str] = frozenset(
    {
        "screening.ClaimOutcome",
        "voorlichting.Invitation",
        "trajects.DurabilityCheck",
        "matching.Placement",
    }
)


def _model(label: str) -> type[models.Model] | None:
    """The model, or None while the app that holds it has not landed."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _pseudonymised_values() -> tuple[tuple[str, str, dict], ...]:
    """(model, path to the person, new values) for rows kept without detail."""
    return (
        (
            "people.Household",
            "person",
            {
                "partner_birth_date": None,
                "partner_net_monthly_income": None,
                "assets": None,
                "debts": None,
                "home_equity": None,
            },
        ),
        (
            "people.WWClaim",
            "person",
            {"claim_ref": Concat(Value(PSEUDONYM_PREFIX), Cast("id", CharField()))},
        ),
        ("screening.ScreeningRecord", "person", {"override_reason": ""}),
        ("screening.Selection", "person", {"reason": ""}),
        (
            "trajects.Traject",
            "person",
            {"reason": "", "employer_name": "", "outcome_note": ""},
        ),
        ("trajects.TrajectEvent", "traject__person", {"detail": {}}),
        # Kept: the caseload table counts undone tasks past their date.
        ("trajects.Task", "traject__person", {"title": ""}),
        ("matching.Proposal", "traject__person", {"note": "", "reasons": []}),
        ("voorlichting.CallTask", "invitation__person", {"outcome_note": ""}),
        ("kennisbank.InstrumentUse", "person", {"note": ""}),
        ("organisations.User", "person", PORTAL_ACCOUNT_CLOSED),
        (
            "people.Person",
            "",
            {
                "bsn_hash": Concat(Value(PSEUDONYM_PREFIX), Cast("uuid", CharField())),
                "bsn_encrypted": "",
                "initials": "",
                "first_name": "",
                "surname_prefix": "",
                "last_name": PSEUDONYM_NAME,
                "birth_date": TruncYear("birth_date"),
                "postcode": "",
                "house_number": "",
                "email": "",
                "phone": "",
                "portal_user": None,
                "updated_at": timezone.now(),
            },
        ),
    )


def _rows(model: type[models.Model], path: str, ids: list[int]) -> QuerySet:
    key = f"{path}__pk__in" if path else "pk__in"
    return model.objects.filter(**{key: ids})


def _file_names(ids: list[int]) -> list[tuple[object, str]]:
    """(storage, name) of every stored file on the rows that will be deleted."""
    files = []
    for label, path in DELETE:
        model = _model(label)
        if model is None:
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                names = _rows(model, path, ids).exclude(**{f.name: ""})
                files += [(f.storage, n) for n in names.values_list(f.name, flat=True)]
    return files


def delete_files(files: Iterable[tuple[object, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:  # already gone, or a storage hiccup: never undo the run
            logger.warning("retention_file_not_deleted", file_kind=name.split("/")[0])
