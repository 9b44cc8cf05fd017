"""Cohort windows and target groups, computed vectorised (``refresh`` stores them).

A claim's window counts back from its last WW day (T = ``max_end_date``): it is
in the window of step S from T minus S's months (calendar months, clamped to
the month end: T = 31 March gives T-1 = 29 February in a leap year) until the
next step starts. After T, or once the claim has ended, it is ``ended``.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from maxww.organisations.models import Region, RegionalConfig
from maxww.people.constants import ClaimStatus
from maxww.screening.constants import TargetGroup, Window

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


def compute_windows(
    frame: pl.DataFrame, *, on: dt.date, windows: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Add a ``window`` column to a frame with region_id, max_end_date, status.

    ``windows`` is ``region_windows()``, read now when not given.
    """
    if windows is None:
        windows = region_windows()
    frame = frame.join(windows, on="region_id", how="left")
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
