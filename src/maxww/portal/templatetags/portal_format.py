"""Dutch formatting for the portal's amounts."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def euro(value) -> str:
    """'1152.13' → '1.152,13' (Dutch thousands and decimal separators).

    >>> euro("1152.13")
    '1.152,13'
    """
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return str(value)
    text = f"{amount:,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")
