"""Demo: build the monthly aggregates over screening's three-year history."""

from .services import refresh_aggregates

ORDER = 90


def load(context) -> str:
    rows = refresh_aggregates(on=context.on)
    return f"Monitoring: {rows} maandcijfers (gemeente × maand × doelgroep) opgebouwd."
