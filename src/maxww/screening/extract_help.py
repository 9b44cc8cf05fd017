"""What the UWV extract holds, for the help page and the template download."""

from __future__ import annotations

import csv
import io

from .services.imports import COLUMNS, OPTIONAL, REQUIRED

# One synthetic row (valid elfproef BSN, demo municipality) for the template.
EXAMPLE_ROW = {
    "bsn": "109000006",
    "uitkeringsnummer": "WW202600001",
    "achternaam": "Jansen",
    "tussenvoegsel": "",
    "voorletters": "J.",
    "roepnaam": "Jan",
    "geboortedatum": "1987-11-02",
    "postcode": "3378BG",
    "straat": "Voorstraat",
    "huisnummer": "150",
    "huisnummer_toevoeging": "",
    "woonplaats": "Dordrecht",
    "gemeentecode": "GM0505",
    "eerste_ww_dag": "2026-08-23",
    "laatste_ww_dag": "2027-02-21",
    "dagloon": "84,57",
    "uren_verlies": "40",
    "beroepscode": "8321",
    "beroep": "Orderpicker",
    "sector": "Logistiek",
    "opleidingsniveau": "mbo",
    "werkverkenner": "laag",
    "doelgroepregister": "nee",
    "flexwerker": "nee",
    "voormalig_zzp": "nee",
    "leefvorm": "alleenstaand",
    "peildatum": "2026-11-01",
}


def columns() -> list[dict[str, object]]:
    """Each column with its accepted other spellings and whether it must be filled."""
    return [
        {
            "name": name,
            "aliases": aliases,
            "required": name in REQUIRED,
            "optional": name in OPTIONAL,
            "example": EXAMPLE_ROW.get(name, ""),
        }
        for name, aliases in COLUMNS.items()
    ]


def template_csv() -> str:
    """A template extract: the header and one example row, separated by ';'."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(EXAMPLE_ROW.get(c, "") for c in COLUMNS)
    return out.getvalue()
