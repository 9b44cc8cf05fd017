"""The :class:`Reason` record every rule result carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .parameters import ParameterVersion


@dataclass(frozen=True)
class Reason:
    """Why a rule gave its value, in Dutch, with the law and the inputs used.

    ``rule`` names the rule, ``article`` the article and publication it follows,
    ``inputs`` the facts and parameter values used, ``value`` the result and
    ``outcome`` one readable Dutch sentence.
    """

    rule: str
    article: str
    inputs: dict[str, Any] = field(default_factory=dict)
    value: Any = None
    outcome: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict (dates and Decimals as strings)."""
        return {
            "rule": self.rule,
            "article": self.article,
            "inputs": {k: _plain(v) for k, v in self.inputs.items()},
            "value": _plain(self.value),
            "outcome": self.outcome,
        }


def cite(version: ParameterVersion) -> str:
    """The citation of a parameter version, with its valid_from date."""
    return f"{version.reference} (geldig vanaf {version.valid_from.isoformat()})"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)
