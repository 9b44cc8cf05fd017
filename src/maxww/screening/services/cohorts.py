"""Cohort windows and target groups, computed vectorised and written set-based.

A claim's window counts back from its last WW day (T = ``max_end_date``): it is
in the window of step S from T minus S's months (calendar months, clamped to
the month end: T = 31 March gives T-1 = 29 February in a leap year) until the
next step starts. After T, or once the claim has ended, it is ``ended``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

import polars as pl
import structlog

from maxww.core.bulk import insert_frame, read_frame, update_frame
from maxww.organisations.models import Region, RegionalConfig
from maxww.people.constants import ClaimStatus
from maxww.screening.constants import TargetGroup, Window
from maxww.screening.models import ScreeningRecord

from .frame import records_frame, set_values

logger = structlog.stdlib.get_logger(__name__)

STEP_ORDER = [
    Window.SCREENING,
    Window.INVITATION,
    Window.COACHING,
    Window.FOLLOW_UP,
    Window.DOCUMENTATION,
]


def months_before(date: pl.Expr, months: pl.Expr) -> pl.Expr:
    """``date`` minus ``months`` calendar months, clamped to the month end."""
    return date.dt.offset_by(pl.format("-{}mo", months))


def region_windows() -> pl.DataFrame:
    """One row per region with the months of each enabled step (null = off)."""
    configs = {c.region_id: c for c in RegionalConfig.objects.all()}
    rows = []
    for region_id in Region.objects.values_list("pk", flat=True):
        config = configs.get(region_id) or RegionalConfig()
        enabled = dict(config.windows())
        rows.append(
            {"region_id": region_id}
            | {f"m_{step.value}": enabled.get(step.value) for step in STEP_ORDER}
        )
    schema = {"region_id": pl.Int64} | {f"m_{s.value}": pl.Int64 for s in STEP_ORDER}
    return pl.DataFrame(rows, schema=schema)


def compute_windows(frame: pl.DataFrame, *, on: dt.date) -> pl.DataFrame:
    """Add a ``window`` column to a frame with region_id, max_end_date, status."""
    frame = frame.join(region_windows(), on="region_id", how="left")
    end = pl.col("max_end_date")
    window = pl.lit(Window.BEFORE.value)
    invite = pl.col(f"m_{Window.INVITATION.value}")
    for step in STEP_ORDER:
        months = pl.col(f"m_{step.value}")
        starts = months_before(end, months)
        applies = months.is_not_null() & (starts <= pl.lit(on))
        if step not in (Window.SCREENING, Window.INVITATION):
            # A later step that starts together with the invitation (e.g. 4/3/3 in
            # Drechtsteden) does not hide the invite window: invite first.
            applies = applies & (invite.is_null() | (months < invite))
        window = pl.when(applies).then(pl.lit(step.value)).otherwise(window)
    ended = (pl.col("status") == ClaimStatus.ENDED) | (end < pl.lit(on))
    window = pl.when(ended).then(pl.lit(Window.ENDED.value)).otherwise(window)
    return frame.with_columns(window.alias("window")).drop(
        [f"m_{s.value}" for s in STEP_ORDER]
    )


def _age(birth: pl.Expr, on: pl.Expr) -> pl.Expr:
    years = on.dt.year().cast(pl.Int64) - birth.dt.year().cast(pl.Int64)
    before_birthday = (on.dt.month().cast(pl.Int64) * 100 + on.dt.day()) < (
        birth.dt.month().cast(pl.Int64) * 100 + birth.dt.day()
    )
    return years - before_birthday.cast(pl.Int64)


def compute_target_groups(frame: pl.DataFrame, *, on: dt.date) -> pl.DataFrame:
    """Add ``target_groups`` (',code,code,') derived from claim and person."""
    start, end = pl.col("start_date"), pl.col("max_end_date")
    age = _age(pl.col("birth_date"), pl.lit(on))
    short = end <= start.dt.offset_by("3mo")
    long_ = end > start.dt.offset_by("12mo")
    flags = {
        TargetGroup.SHORT_WW: short,
        TargetGroup.LONG_WW: long_,
        TargetGroup.YOUTH: age < 27,
        TargetGroup.OLDER: age >= 55,
        TargetGroup.DOELGROEPREGISTER: pl.col("in_doelgroepregister"),
        TargetGroup.FLEX: pl.col("is_flex_worker"),
        TargetGroup.FORMER_SELF_EMPLOYED: pl.col("was_self_employed"),
    }
    parts = [
        pl.when(expr.fill_null(False))
        .then(pl.lit(code.value + ","))
        .otherwise(pl.lit(""))
        for code, expr in flags.items()
    ]
    joined = pl.concat_str([pl.lit(","), *parts])
    return frame.with_columns(
        pl.when(joined == ",").then(pl.lit("")).otherwise(joined).alias("target_groups")
    )


def ensure_records(claims: pl.DataFrame) -> int:
    """Create the missing screening records for a frame of ``claim_id, person_id``."""
    existing = records_frame(claims["claim_id"].to_list(), {"claim_id": pl.Int64})
    missing = claims.select("claim_id", "person_id").join(
        existing, on="claim_id", how="anti"
    )
    return insert_frame(ScreeningRecord, missing).height


@transaction.atomic
def move_cohorts(*, on: dt.date, frame: pl.DataFrame | None = None) -> dict[str, int]:
    """The nightly move: recompute every claim's window and store the changes.

    Set-based: one UPDATE per (new window, chunk of ids), only for records whose
    window changed. Returns the number of records moved into each window.
    """
    from .frame import claims_frame

    if frame is None:
        frame = claims_frame()
    if frame.height == 0:
        return {}
    ensure_records(frame.select("claim_id", "person_id"))
    computed = compute_windows(
        frame.select("claim_id", "region_id", "max_end_date", "status"), on=on
    )
    current = read_frame(
        ScreeningRecord.objects.order_by().values_list("pk", "claim_id", "window"),
        {"id": pl.Int64, "claim_id": pl.Int64, "old_window": pl.String},
    )
    changed = computed.join(current, on="claim_id").filter(
        pl.col("old_window") != pl.col("window")
    )
    update_frame(
        ScreeningRecord,
        changed.select("id", "window", pl.lit(on).alias("window_changed_on")),
    )
    moved = dict(changed.group_by("window").len().iter_rows())
    logger.info("cohorts_moved", on=on.isoformat(), moved=moved)
    return moved


def update_target_groups(*, frame: pl.DataFrame, on: dt.date) -> int:
    """Store derived target groups; a manual override keeps precedence."""
    derived = compute_target_groups(frame, on=on).select("claim_id", "target_groups")
    current = records_frame(
        derived["claim_id"].to_list(),
        {
            "pk": pl.Int64,
            "claim_id": pl.Int64,
            "target_groups_derived": pl.String,
            "target_groups_override": pl.String,
        },
    ).rename({"target_groups_derived": "old", "target_groups_override": "override"})
    changed = derived.join(current, on="claim_id").filter(
        pl.col("old") != pl.col("target_groups")
    )
    rows = [
        (pk, groups, override if override is not None else groups)
        for pk, groups, override in changed.select(
            "pk", "target_groups", "override"
        ).iter_rows()
    ]
    return set_values(ScreeningRecord, rows, ["target_groups_derived", "target_groups"])
