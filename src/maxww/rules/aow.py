"""The date someone reaches the pensioengerechtigde leeftijd (AOW age)."""

from __future__ import annotations

import datetime as dt

from .dates import add_months
from .parameters import ParameterError, ParameterSet, ParameterVersion

PARAMETER = "pensioengerechtigde_leeftijd"


def age_in_months(version: ParameterVersion) -> int:
    """Total months of an AOW-age version value."""
    value = version.value
    assert isinstance(value, dict)
    return int(value["years"]) * 12 + int(value["months"])


def aow_date(
    birth_date: dt.date, params: ParameterSet
) -> tuple[dt.date, ParameterVersion]:
    """The day the AOW age is reached, and the version used.

    AOW art. 7a fixes the age per calendar year in which it is reached: the first
    candidate ``birth_date + age`` that falls in a period where that age is in
    force is the AOW date. Birth dates before the table fall back to its oldest
    age (only relevant for people long past AOW age).
    """
    parameter = params[PARAMETER]
    for version in parameter.versions:
        candidate = add_months(birth_date, age_in_months(version))
        try:
            in_force = parameter.version_at(candidate)
        except ParameterError:
            continue
        if in_force == version:
            return candidate, version
    first = parameter.versions[0]
    return add_months(birth_date, age_in_months(first)), first
