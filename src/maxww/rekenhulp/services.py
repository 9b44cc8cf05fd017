"""Evaluate WW and bijstand cases given as plain records (API, UI, portal)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from maxww.rules import evaluate_bijstand, evaluate_ww, explain
from maxww.rules.explain import rule_label
from maxww.rules.io import (
    RecordError,
    bijstand_result_to_dict,
    parse_bijstand_records,
    parse_ww_records,
    ww_result_to_dict,
)

LAWS = {
    "ww": (parse_ww_records, evaluate_ww, ww_result_to_dict),
    "bijstand": (parse_bijstand_records, evaluate_bijstand, bijstand_result_to_dict),
}


def evaluate_records(
    law: str, records: list[Mapping[str, Any]], *, with_explanation: bool = False
) -> tuple[list[dict[str, Any]], list[RecordError]]:
    """Validate and evaluate records of one law; (results, errors), all or nothing.

    Each case is evaluated on its own ``reference_date``. With
    ``with_explanation`` each result gets ``explanation``: Dutch lines.
    """
    parse, evaluate, to_dict = LAWS[law]
    cases, errors = parse(records)
    if errors:
        return [], errors
    results = []
    for case in cases:
        result = evaluate(case, on=case.reference_date)
        row = to_dict(result)
        if with_explanation:
            row["explanation"] = explain(result)
            for reason in row.get("reasons", []):
                reason["label"] = rule_label(reason["rule"])
        results.append(row)
    return results, []
