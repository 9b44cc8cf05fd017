"""The UWV extract's columns: canonical headers, spellings, codes, formats."""

from __future__ import annotations

from maxww.people.constants import (
    EducationLevel,
    HouseholdType,
    WerkverkennerOutcome,
)

# Canonical (Dutch) header → accepted spellings. Order = documented order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "bsn": ("burgerservicenummer",),
    "uitkeringsnummer": ("claim_ref", "uitkeringsnr"),
    "achternaam": ("last_name", "geslachtsnaam"),
    "tussenvoegsel": ("surname_prefix", "voorvoegsel"),
    "voorletters": ("initials",),
    "roepnaam": ("first_name", "voornaam"),
    "geboortedatum": ("birth_date",),
    "postcode": (),
    # The postal address (the letters need it): straat, huisnummer_toevoeging and
    # woonplaats may be absent from the file (``OPTIONAL``).
    "straat": ("street", "straatnaam"),
    "huisnummer": ("house_number",),
    "huisnummer_toevoeging": ("house_number_addition", "toevoeging"),
    "woonplaats": ("town", "plaats"),
    "gemeentecode": ("municipality_code", "cbs_code"),
    "eerste_ww_dag": ("start_date", "ingangsdatum"),
    "laatste_ww_dag": ("max_end_date", "einddatum", "maximale_einddatum"),
    "dagloon": ("daily_wage",),
    "uren_verlies": ("hours_lost", "urenverlies"),
    "beroepscode": ("occupation_code",),
    "beroep": ("occupation",),
    "sector": (),
    "opleidingsniveau": ("education_level", "opleiding"),
    "werkverkenner": (),
    "doelgroepregister": ("in_doelgroepregister",),
    "flexwerker": ("flex", "is_flex_worker"),
    "voormalig_zzp": ("was_self_employed", "voormalig_zelfstandige"),
    "leefvorm": ("household_type",),
    "peildatum": ("extract_date",),
}
# Columns a file may leave out (older extracts): a known person keeps the values.
OPTIONAL = ("straat", "huisnummer_toevoeging", "woonplaats")
REQUIRED = (
    "bsn",
    "uitkeringsnummer",
    "achternaam",
    "geboortedatum",
    "postcode",
    "gemeentecode",
    "eerste_ww_dag",
    "laatste_ww_dag",
    "dagloon",
    "uren_verlies",
    "peildatum",
)
EDUCATION = {
    "": EducationLevel.UNKNOWN,
    "onbekend": EducationLevel.UNKNOWN,
    "basisonderwijs": EducationLevel.PRIMARY,
    "basis": EducationLevel.PRIMARY,
    "vmbo": EducationLevel.LOW,
    "mbo1": EducationLevel.LOW,
    "laag": EducationLevel.LOW,
    "mbo": EducationLevel.MIDDLE,
    "middelbaar": EducationLevel.MIDDLE,
    "midden": EducationLevel.MIDDLE,
    "havo": EducationLevel.MIDDLE,
    "vwo": EducationLevel.MIDDLE,
    "hbo": EducationLevel.HIGH,
    "wo": EducationLevel.HIGH,
    "hoog": EducationLevel.HIGH,
    **{c.value: c for c in EducationLevel},
}
WERKVERKENNER = {
    "": WerkverkennerOutcome.UNKNOWN,
    "onbekend": WerkverkennerOutcome.UNKNOWN,
    "laag": WerkverkennerOutcome.LOW,
    "hoog": WerkverkennerOutcome.HIGH,
    **{c.value: c for c in WerkverkennerOutcome},
}
HOUSEHOLD = {
    "": HouseholdType.UNKNOWN,
    "onbekend": HouseholdType.UNKNOWN,
    "alleenstaand": HouseholdType.SINGLE,
    "samenwonend": HouseholdType.COUPLE,
    "gehuwd": HouseholdType.COUPLE,
    "alleenstaande_ouder": HouseholdType.SINGLE_PARENT,
    "alleenstaande ouder": HouseholdType.SINGLE_PARENT,
    **{c.value: c for c in HouseholdType},
}
BOOLEAN = {
    "": False,
    "0": False,
    "1": True,
    "ja": True,
    "nee": False,
    "j": True,
    "n": False,
    "true": True,
    "false": False,
    "waar": True,
    "onwaar": False,
}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
GRANT_SOURCE = "import:uwv-extract"
