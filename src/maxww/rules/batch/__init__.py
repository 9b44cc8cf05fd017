"""Vectorised WW and bijstand rules on polars DataFrames.

The same law as :mod:`maxww.rules.ww` and :mod:`maxww.rules.bijstand`, written as
polars expressions (``when/then/otherwise``), with money in integer cents and
parameters selected per row by date. Results equal the scalar path exactly
(see ``rules/tests/test_parity.py``). Reasons are not produced here; evaluate a single
case with the scalar API to explain it.

Each row is evaluated with the law in force on its ``reference_date`` (the scalar
``on`` argument), unless an ``on`` date is given for the whole frame.

Modules: ``frame`` (the input contracts ``WW_INPUT`` and ``BIJSTAND_INPUT``,
cents, dated parameters, ages and dates), ``ww`` (``evaluate_ww_batch``),
``bijstand`` (``evaluate_bijstand_batch``, one step per article).
"""

from .bijstand import evaluate_bijstand_batch
from .frame import BIJSTAND_INPUT, MONEY, WW_INPUT
from .ww import evaluate_ww_batch

__all__ = [
    "BIJSTAND_INPUT",
    "MONEY",
    "WW_INPUT",
    "evaluate_bijstand_batch",
    "evaluate_ww_batch",
]
