"""Art. 34: the asset test and the home-equity limit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from maxww.rules.money import format_eur, round_cents_half_up
from maxww.rules.parameters import ParameterSet
from maxww.rules.reasons import Reason, cite

from .case import BijstandCase


def art_34_vermogenstoets(
    case: BijstandCase, limit: Decimal, version, reasons: list[Reason]
) -> bool:
    """Art. 34: net assets (bezittingen minus schulden) not above the limit."""
    net_assets = round_cents_half_up(case.assets_eur) - round_cents_half_up(
        case.debts_eur
    )
    passes_assets = net_assets <= limit
    reasons.append(
        Reason(
            rule="vermogenstoets",
            article=cite(version),
            inputs={
                "bezittingen": case.assets_eur,
                "schulden": case.debts_eur,
                "vermogensgrens": limit,
            },
            value=passes_assets,
            outcome=(
                f"Netto vermogen {format_eur(net_assets)} "
                + ("is niet hoger dan" if passes_assets else "is hoger dan")
                + f" de vermogensgrens van {format_eur(limit)}."
            ),
        )
    )
    return passes_assets


def art_34_lid_2d_eigen_woning(
    case: BijstandCase, on: dt.date, p: ParameterSet, reasons: list[Reason]
) -> bool:
    """Art. 34 lid 2 onder d and art. 50 lid 2: equity above the limit → a loan."""
    home_version = p["vermogen_eigen_woning"].version_at(on)
    home_limit = Decimal(home_version.value)  # type: ignore[arg-type]
    home_above = round_cents_half_up(case.home_equity_eur) > home_limit
    if case.home_equity_eur > 0:
        reasons.append(
            Reason(
                rule="eigen_woning",
                article=cite(home_version),
                inputs={"overwaarde": case.home_equity_eur, "vrijlating": home_limit},
                value=home_above,
                outcome=(
                    f"Overwaarde {format_eur(case.home_equity_eur)} is hoger dan "
                    f"{format_eur(home_limit)}: bijstand alleen als lening "
                    "(krediethypotheek)."
                    if home_above
                    else f"Overwaarde {format_eur(case.home_equity_eur)} blijft binnen "
                    f"de vrijlating van {format_eur(home_limit)}."
                ),
            )
        )
    return home_above
