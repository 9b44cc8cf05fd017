"""maxww.rules: WW and Participatiewet rules as code (pure Python, no Django).

Public surface: the case and result dataclasses, the scalar ``evaluate_*``
functions, the polars ``evaluate_*_batch`` functions (``maxww.rules.batch``),
record parsing (``maxww.rules.io``), the CLI (``maxww.rules.cli.main``) and
``explain``.
"""

from .bijstand import BijstandCase, BijstandResult, Household, evaluate_bijstand
from .explain import explain, explain_bijstand, explain_ww
from .parameters import ParameterError, default_parameters, load_parameters
from .reasons import Reason
from .ww import WWCase, WWResult, evaluate_ww

__all__ = [
    "BijstandCase",
    "BijstandResult",
    "Household",
    "ParameterError",
    "Reason",
    "WWCase",
    "WWResult",
    "default_parameters",
    "evaluate_bijstand",
    "evaluate_ww",
    "explain",
    "explain_bijstand",
    "explain_ww",
    "load_parameters",
]
