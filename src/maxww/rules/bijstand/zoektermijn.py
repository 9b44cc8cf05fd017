"""Art. 41 lid 4: the search period of four weeks for applicants under 27."""

from __future__ import annotations

import datetime as dt

from maxww.rules.parameters import ParameterSet
from maxww.rules.reasons import Reason, cite

from .case import BijstandCase


def art_41_lid_4_zoektermijn(
    case: BijstandCase,
    applicant_age: int,
    partner_age: int | None,
    on: dt.date,
    p: ParameterSet,
    reasons: list[Reason],
) -> int:
    """Art. 41 lid 4: four weeks' search period for the young, with its exceptions.

    Applies to a single (parent) under 27 and to a couple when both spouses are
    under 27; not when one of them left praktijkonderwijs or voortgezet speciaal
    onderwijs at most a year ago (onder a), is medisch urenbeperkt or belongs to
    the loonkostensubsidie target group (onder b).
    """
    version = p["zoektermijn_jongeren"].version_at(on)
    rule = version.value
    assert isinstance(rule, dict)
    below = int(rule["below_age"])
    young = applicant_age < below and (partner_age is None or partner_age < below)
    exception = (
        "praktijkonderwijs of voortgezet speciaal onderwijs in het afgelopen jaar "
        "(onder a)"
        if case.special_education_last_year
        else "medisch urenbeperkt (onder b)"
        if case.medically_limited_hours
        else "doelgroep loonkostensubsidie (onder b)"
        if case.loonkostensubsidie_target_group
        else None
    )
    weeks = int(rule["weeks"]) if young and exception is None else 0
    if not young:
        outcome = (
            f"{below} jaar of ouder (bij gehuwden: niet beiden jonger dan {below}): "
            "geen zoektermijn."
        )
    elif exception:
        outcome = f"Jonger dan {below} jaar, maar uitgezonderd: {exception}; geen zoektermijn."
    else:
        outcome = (
            f"Jonger dan {below} jaar: de aanvraag kan pas {weeks} weken na de melding "
            "worden ingediend; in die weken zelf zoeken naar werk of opleiding "
            "(zoektermijn)."
        )
    reasons.append(
        Reason(
            rule="zoektermijn",
            article=cite(version),
            inputs={
                "leeftijd_aanvrager": applicant_age,
                "leeftijd_partner": partner_age,
                "praktijk_of_vso_afgelopen_jaar": case.special_education_last_year,
                "medisch_urenbeperkt": case.medically_limited_hours,
                "doelgroep_loonkostensubsidie": case.loonkostensubsidie_target_group,
            },
            value=weeks,
            outcome=outcome,
        )
    )
    return weeks
