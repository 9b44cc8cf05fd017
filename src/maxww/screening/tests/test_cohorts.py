"""Windows count back in calendar months from the last WW day; moves are set-based."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from maxww.people.tests.factories import PersonFactory, WWClaimFactory
from maxww.screening.constants import TargetGroup, Window
from maxww.screening.models import ScreeningRecord
from maxww.screening.services import move_cohorts, refresh_screening
from maxww.screening.services.cohorts import compute_target_groups, compute_windows

D = dt.date


def window(region, end: dt.date, on: dt.date, status: str = "active") -> str:
    frame = pl.DataFrame(
        {
            "claim_id": [1],
            "region_id": [region.pk],
            "max_end_date": [end],
            "status": [status],
        }
    )
    return compute_windows(frame, on=on)["window"][0]


@pytest.mark.parametrize(
    ("end", "on", "expected"),
    [
        # T = 31 March 2024 (leap year): T-1 starts 29 February.
        (D(2024, 3, 31), D(2024, 2, 28), Window.FOLLOW_UP),
        (D(2024, 3, 31), D(2024, 2, 29), Window.DOCUMENTATION),
        # Not a leap year: T-1 starts 28 February.
        (D(2025, 3, 31), D(2025, 2, 27), Window.FOLLOW_UP),
        (D(2025, 3, 31), D(2025, 2, 28), Window.DOCUMENTATION),
        # T = 31 August: T-6 starts 28 February (2025), T-7 on 31 January.
        (D(2025, 8, 31), D(2025, 1, 30), Window.BEFORE),
        (D(2025, 8, 31), D(2025, 1, 31), Window.SCREENING),
        (D(2025, 8, 31), D(2025, 2, 27), Window.SCREENING),
        (D(2025, 8, 31), D(2025, 2, 28), Window.INVITATION),
        # T = 31 May 2024: T-3 starts 29 February (31 February clamps).
        (D(2024, 5, 31), D(2024, 2, 29), Window.COACHING),
        (D(2024, 5, 31), D(2024, 2, 28), Window.INVITATION),
        # The last day itself is still the documentation window, the day after is ended.
        (D(2025, 6, 30), D(2025, 6, 30), Window.DOCUMENTATION),
        (D(2025, 6, 30), D(2025, 7, 1), Window.ENDED),
    ],
)
def test_windows_around_month_ends_and_leap_years(region, end, on, expected):
    assert window(region, end, on) == expected


def test_an_ended_claim_is_ended_whatever_its_end_date(region):
    assert window(region, D(2027, 1, 1), D(2026, 11, 1), status="ended") == Window.ENDED


def test_disabled_steps_are_skipped(region):
    region.config.enabled_steps = ["screening", "coaching"]
    region.config.save()
    # T-6 (invitation) is off: still screening until T-3.
    assert window(region, D(2025, 8, 31), D(2025, 3, 15)) == Window.SCREENING
    assert window(region, D(2025, 8, 31), D(2025, 8, 15)) == Window.COACHING


def test_target_groups_are_derived_from_claim_and_person():
    frame = pl.DataFrame(
        {
            "start_date": [D(2026, 1, 1), D(2024, 1, 1)],
            "max_end_date": [D(2026, 4, 1), D(2026, 1, 1)],
            "birth_date": [D(2001, 1, 1), D(1965, 1, 1)],
            "in_doelgroepregister": [False, True],
            "is_flex_worker": [True, False],
            "was_self_employed": [False, False],
        }
    )
    groups = compute_target_groups(frame, on=D(2026, 3, 1))["target_groups"].to_list()
    assert (
        groups[0] == f",{TargetGroup.SHORT_WW},{TargetGroup.YOUTH},{TargetGroup.FLEX},"
    )
    assert groups[1] == (
        f",{TargetGroup.LONG_WW},{TargetGroup.OLDER},{TargetGroup.DOELGROEPREGISTER},"
    )


def test_nightly_move_updates_only_changed_windows(
    region, uwv, django_assert_max_num_queries
):
    person = PersonFactory(municipality=region.municipalities.first(), owner=uwv)
    claims = [
        WWClaimFactory(person=person, start_date=D(2025, 1, 1), max_end_date=end)
        for end in (D(2026, 3, 31), D(2026, 8, 31), D(2027, 6, 30))
    ]
    move_cohorts(on=D(2026, 2, 1))
    windows = dict(ScreeningRecord.objects.values_list("claim_id", "window"))
    assert windows == {
        claims[0].pk: Window.FOLLOW_UP,
        claims[1].pk: Window.SCREENING,
        claims[2].pk: Window.BEFORE,
    }
    with django_assert_max_num_queries(12):
        moved = move_cohorts(on=D(2026, 3, 1))
    assert moved == {Window.DOCUMENTATION: 1, Window.INVITATION: 1}
    record = ScreeningRecord.objects.get(claim=claims[0])
    assert record.window_changed_on == D(2026, 3, 1)


def test_refresh_keeps_a_manual_override(region, uwv, coordinator):
    from maxww.screening.services import override_target_groups

    person = PersonFactory(municipality=region.municipalities.first(), owner=uwv)
    claim = WWClaimFactory(
        person=person, start_date=D(2025, 1, 1), max_end_date=D(2026, 6, 1)
    )
    refresh_screening(on=D(2026, 2, 1))
    record = ScreeningRecord.objects.get(claim=claim)
    override_target_groups(
        user=coordinator,
        record=record,
        groups=["flex"],
        reason="Werkte via uitzendbureau",
    )
    refresh_screening(on=D(2026, 2, 2))
    record.refresh_from_db()
    assert record.target_group_list == ["flex"]
    assert record.override_by == coordinator and record.override_reason


def test_invitation_window_is_not_hidden_by_a_step_starting_with_it(region):
    region.config.screening_months, region.config.invitation_months = 4, 3
    region.config.coaching_months = 3
    region.config.save()
    assert window(region, D(2026, 6, 30), D(2026, 3, 30)) == Window.INVITATION
    assert window(region, D(2026, 6, 30), D(2026, 4, 30)) == Window.FOLLOW_UP
