"""The refresh computes everything first and writes each screening record once."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maxww.people.constants import ClaimStatus
from maxww.people.tests.factories import HouseholdFactory, PersonFactory, WWClaimFactory
from maxww.screening.constants import PreCheck, TargetGroup, Window
from maxww.screening.models import ScreeningRecord
from maxww.screening.services import refresh_screening

from .conftest import hand_set_model

D = dt.date
ON = D(2026, 11, 23)


def _claim(region, uwv, *, end: dt.date, **kwargs):
    person = PersonFactory(
        municipality=region.municipalities.first(),
        owner=uwv,
        household=None,
        birth_date=D(1980, 5, 1),
    )
    HouseholdFactory(person=person, household_type="single")
    return WWClaimFactory(
        person=person, start_date=D(2025, 3, 1), max_end_date=end, **kwargs
    )


def _writes(queries: CaptureQueriesContext, verb: str) -> int:
    table = ScreeningRecord._meta.db_table
    return sum(
        1
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(verb) and table in q["sql"]
    )


def test_new_claims_get_their_final_state_in_one_write(region, uwv):
    model = hand_set_model()
    risky = _claim(
        region, uwv, end=D(2027, 4, 30), education_level="low", werkverkenner="low"
    )
    ended = _claim(region, uwv, end=D(2026, 1, 31), status=ClaimStatus.ENDED)

    with CaptureQueriesContext(connection) as queries:
        counts = refresh_screening(on=ON)

    assert _writes(queries, "UPDATE") == 0, "a new record is not written twice"
    assert counts["created"] == 2
    record = ScreeningRecord.objects.get(claim=risky)
    assert record.window == Window.INVITATION  # T-6 starts 30 October 2026
    assert record.window_changed_on == ON
    assert TargetGroup.LONG_WW in record.target_group_list
    assert record.precheck == PreCheck.LIKELY
    assert record.precheck_on == ON
    assert any("norm van" in r for r in record.precheck_reasons)
    assert record.risk_model == model
    # Top reasons are the largest positive contributions, in that order.
    assert [r["feature"] for r in record.risk_reasons] == [
        "wv_low",
        "edu_low",
        "hh_single",
    ]
    assert record.risk_reasons[0]["label"] == "Werkverkenner: kans op werk ≤ 50%"
    assert record.risk_reasons[0]["weight"] == 1.2
    assert 0 < record.risk_score < 1
    # An ended claim gets its window, and no pre-check or score.
    gone = ScreeningRecord.objects.get(claim=ended)
    assert gone.window == Window.ENDED
    assert gone.precheck == PreCheck.UNKNOWN and gone.precheck_on is None
    assert gone.risk_score is None and gone.risk_reasons == []


def test_a_second_refresh_writes_nothing(region, uwv):
    hand_set_model()
    _claim(region, uwv, end=D(2027, 4, 30))
    refresh_screening(on=ON)
    with CaptureQueriesContext(connection) as queries:
        counts = refresh_screening(on=ON)
    assert _writes(queries, "UPDATE") == 0
    assert counts == {
        "claims": 1,
        "created": 0,
        "moved": 0,
        "target_groups": 0,
        "prechecked": 1,
        "precheck_changed": 0,
        "scored": 0,
    }


def test_a_changed_part_keeps_the_other_parts(region, uwv):
    """A new end date moves the window and keeps the day the pre-check was set."""
    claim = _claim(region, uwv, end=D(2027, 4, 30))
    refresh_screening(on=D(2026, 11, 1))
    claim.max_end_date = D(2027, 2, 15)  # T-3 is 15 November: coaching
    claim.save()

    counts = refresh_screening(on=ON)

    record = ScreeningRecord.objects.get(claim=claim)
    assert counts["moved"] == 1
    assert record.window == Window.COACHING
    assert record.window_changed_on == ON
    # Same outcome and reasons: the pre-check is not re-dated.
    assert record.precheck == PreCheck.LIKELY
    assert record.precheck_on == D(2026, 11, 1)
