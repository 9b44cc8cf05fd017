"""The controlled list of occupations (ISCO-08 unit groups, Dutch labels)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).resolve().parent / "data"
OCCUPATIONS_CSV = DATA / "occupations.csv"

MAJOR_GROUPS = {
    "0": _("Militaire beroepen"),
    "1": _("Leidinggevende functies"),
    "2": _("Specialisten"),
    "3": _("Technici en vakspecialisten"),
    "4": _("Administratieve beroepen"),
    "5": _("Dienstverlenende en verkoopberoepen"),
    "6": _("Landbouw, bosbouw en visserij"),
    "7": _("Ambachtelijke beroepen"),
    "8": _("Bediening van machines, assemblage en transport"),
    "9": _("Elementaire beroepen"),
}


def read_occupations() -> list[dict[str, str]]:
    """The shipped occupations as dicts with code, label and major_group."""
    with OCCUPATIONS_CSV.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def load_occupations(model) -> int:
    """Insert the occupations that are missing (used by the data migration)."""
    existing = set(model.objects.values_list("code", flat=True))
    new = [
        model(code=r["code"], label=r["label"], major_group=r["major_group"])
        for r in read_occupations()
        if r["code"] not in existing
    ]
    model.objects.bulk_create(new)
    return len(new)
