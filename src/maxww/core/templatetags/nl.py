"""Template filters for Dutch notation: ``{% load nl %}`` then
``{{ d|nl_date }}``, ``{{ t|nl_time }}``, ``{{ t|nl_datetime }}``, ``{{ x|nl_money }}``."""

from django import template

from maxww.core import formatting

register = template.Library()

register.filter("nl_date", formatting.nl_date)
register.filter("nl_time", formatting.nl_time)
register.filter("nl_datetime", formatting.nl_datetime)
register.filter("nl_date_table", formatting.nl_date_table)
register.filter("nl_datetime_table", formatting.nl_datetime_table)
register.filter("nl_money", formatting.nl_money)
register.filter("nl_value", formatting.nl_value)
register.filter("nl_text", formatting.nl_text)
register.filter("nl_month", formatting.nl_month)
register.filter("nl_timestamp", formatting.nl_timestamp)
register.filter("nl_weekday", formatting.nl_weekday)


@register.filter
def nl_weekday_short(value) -> str:
    """'do' (donderdag)."""
    return formatting.nl_weekday(value, short=True)


@register.filter
def nl_date_long(value) -> str:
    """'3 december 2026'."""
    return formatting.nl_date(value, long=True)


@register.filter
def choice(value, choices: str) -> str:
    """``{{ code|choice:"maxww.people.constants.HouseholdType" }}`` → 'Alleenstaand'."""
    return formatting.choice_label(choices, value)
