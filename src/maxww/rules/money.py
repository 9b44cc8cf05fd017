"""Money helpers: amounts are Decimal euros, rounded to whole cents half-up.

Rounding source: the published norm tables round to whole cents, rounding halves
up; e.g. the kostendelersnorm for five persons per 1 January 2024 is 38% of
€ 1.834,04 = € 696,935, published as € 696,94 (gemeente Velsen, 'Bijstandsnormen
per 1 januari 2024', after Participatiewet art. 22a). Batch code uses
:func:`div_round_half_up` on integer cents, which gives the same result.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round_cents_half_up(amount: Decimal) -> Decimal:
    """Round euros to whole cents, halves away from zero (rekenkundig afronden).

    >>> round_cents_half_up(Decimal("696.935"))
    Decimal('696.94')
    >>> round_cents_half_up(Decimal("1001.064"))
    Decimal('1001.06')
    """
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(amount: Decimal) -> int:
    """Euros to integer cents, rounding half-up first.

    >>> to_cents(Decimal("290.67"))
    29067
    """
    return int(round_cents_half_up(amount) * 100)


def from_cents(cents: int) -> Decimal:
    """Integer cents to Decimal euros with two decimals.

    >>> from_cents(140150)
    Decimal('1401.50')
    """
    return (Decimal(cents) / 100).quantize(CENT)


def div_round_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounding halves up, for non-negative operands.

    >>> div_round_half_up(5, 2), div_round_half_up(7, 3), div_round_half_up(0, 9)
    (3, 2, 0)
    """
    return (2 * numerator + denominator) // (2 * denominator)


def format_eur(amount: Decimal) -> str:
    """Dutch money notation.

    >>> format_eur(Decimal("2002.13"))
    '€ 2.002,13'
    """
    text = f"{round_cents_half_up(amount):,.2f}"
    return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_number(value: Decimal | int) -> str:
    """Dutch decimal notation without trailing zeros.

    >>> format_number(Decimal("23.0")), format_number(Decimal("21.75")), format_number(20)
    ('23', '21,75', '20')
    """
    return f"{Decimal(value).normalize():f}".replace(".", ",")
