"""Turn a rule result into Dutch text lines for a caseworker."""

from __future__ import annotations

from .bijstand import BijstandResult
from .dates import format_date
from .money import format_eur, format_number
from .reasons import Reason
from .ww import WWResult

RULE_LABELS = {
    "aio_svb": "Pensioengerechtigd: AIO via de SVB",
    "aow_leeftijd": "AOW-leeftijd",
    "aow_leeftijd_bereikt": "AOW-leeftijd bereikt",
    "bijstandsnorm": "Bijstandsnorm",
    "duur": "Duur",
    "eigen_woning": "Eigen woning",
    "einddatum": "Einddatum",
    "hoogte": "Hoogte",
    "inkomenstoets": "Inkomenstoets",
    "inkomen_partner_zonder_recht": "Inkomen partner zonder recht",
    "jareneis": "Jareneis",
    "jongerentoeslag": "Verhoging jongerennorm",
    "kostendelersnorm": "Kostendelersnorm",
    "leeftijd": "Leeftijd",
    "maximumdagloon": "Maximumdagloon",
    "melden_gemeente": "Melden bij de gemeente",
    "recht": "Recht",
    "verhoging_24a": "Verhoging norm (artikel 24a)",
    "vermogenstoets": "Vermogenstoets",
    "vrijlating": "Vrijlating inkomsten uit arbeid",
    "wekeneis": "Wekeneis",
    "zoektermijn": "Zoektermijn",
}
"""Dutch names of the rules, for people (the ``rule`` keys stay in the API)."""


def rule_label(rule: str) -> str:
    """The Dutch name of a rule key."""
    return RULE_LABELS.get(rule, rule.replace("_", " ").capitalize())


def explain_reasons(reasons: tuple[Reason, ...] | list[Reason]) -> list[str]:
    """One line per reason: the outcome, then the legal basis in brackets."""
    return [f"- {reason.outcome} [{reason.article}]" for reason in reasons]


def explain_ww(result: WWResult) -> list[str]:
    """Dutch summary and reasons of a WW result."""
    if result.entitled:
        assert result.end_date is not None
        head = (
            f"Recht op WW vanaf {format_date(result.reference_date)} gedurende "
            f"{format_number(result.duration_months)} maanden, tot en met "
            f"{format_date(result.end_date)}: eerst "
            f"{format_eur(result.monthly_amount_first_2_months_eur)}, daarna "
            f"{format_eur(result.monthly_amount_after_eur)} bruto per maand."
        )
    else:
        head = f"Geen recht op WW per {format_date(result.reference_date)}."
    return [head, *explain_reasons(result.reasons)]


def explain_bijstand(result: BijstandResult) -> list[str]:
    """Dutch summary and reasons of a bijstand result."""
    if result.entitled:
        head = (
            f"Indicatief recht op bijstand per {format_date(result.reference_date)}: "
            f"{format_eur(result.indicative_monthly_benefit_eur)} netto per maand "
            f"(norm {format_eur(result.norm_monthly_eur)})."
        )
    else:
        head = f"Indicatief geen recht op bijstand per {format_date(result.reference_date)}."
    return [head, *explain_reasons(result.reasons)]


def explain(result: WWResult | BijstandResult) -> list[str]:
    """Dutch text lines for either kind of result."""
    if isinstance(result, WWResult):
        return explain_ww(result)
    return explain_bijstand(result)
