"""One pass over a frame of claims: window, target groups, pre-check and risk.

Everything is computed in polars first; then the current screening records are
read once, and every record is written at most once: missing records are
inserted with their final values (a first import writes each record once, not
an insert followed by three updates), existing records only when one of the
four parts changed. Part by part the rules are the nightly ones:

- **window**: for every claim; ``window_changed_on`` is the day it changed;
- **target groups**: derived for running claims; a manual override keeps
  precedence over what is derived;
- **pre-check**: for running claims; ``precheck_on`` is the day the current
  outcome (or its reasons, or the partner flag) was established;
- **risk**: for running claims when a model is active; rewritten when the score
  or the model changed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast

import polars as pl
import structlog

from maxww.core.bulk import (
    ANALYZE_AFTER,
    analyze,
    insert_frame,
    read_frame_in,
    update_frame,
)
from maxww.people.constants import ClaimStatus
from maxww.screening.models import RiskModel, ScreeningRecord

from .cohorts import compute_target_groups, compute_windows
from .frame import claims_frame, json_list, typed_values
from .precheck import compute_precheck
from .risk import score

logger = structlog.stdlib.get_logger(__name__)

CURRENT: dict[str, tuple[object, pl.DataType]] = {
    "id": ("pk", pl.Int64),
    "claim_id": ("claim_id", pl.Int64),
    "window": ("window", pl.String),
    "window_changed_on": ("window_changed_on", pl.Date),
    "target_groups_derived": ("target_groups_derived", pl.String),
    "target_groups": ("target_groups", pl.String),
    "override": ("target_groups_override", pl.String),
    "precheck": ("precheck", pl.String),
    "precheck_reasons": (Cast("precheck_reasons", TextField()), pl.String),
    "partner_income_flag": ("partner_income_flag", pl.Boolean),
    "precheck_on": ("precheck_on", pl.Date),
    "risk_score": ("risk_score", pl.Float64),
    "risk_reasons": (Cast("risk_reasons", TextField()), pl.String),
    "risk_model_id": ("risk_model_id", pl.Int64),
}
# The record columns a refresh writes, in the order of the update frame.
WRITTEN = [
    "window",
    "window_changed_on",
    "target_groups_derived",
    "target_groups",
    "precheck",
    "precheck_reasons",
    "partner_income_flag",
    "precheck_on",
    "risk_score",
    "risk_reasons",
    "risk_model_id",
]


@dataclass
class RefreshCounts:
    """What one refresh changed, part by part (records, not claims)."""

    claims: int = 0
    created: int = 0
    moved: dict[str, int] = field(default_factory=dict)
    target_groups: int = 0
    prechecked: int = 0
    precheck_changed: int = 0
    scored: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "claims": self.claims,
            "created": self.created,
            "moved": sum(self.moved.values()),
            "target_groups": self.target_groups,
            "prechecked": self.prechecked,
            "precheck_changed": self.precheck_changed,
            "scored": self.scored,
        }


def compute(
    frame: pl.DataFrame,
    *,
    on: dt.date,
    model: RiskModel | None,
    windows_only: bool,
    windows: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The new values of every part; parts that do not apply to a claim are null.

    Always the same columns: ``window`` and ``running`` for every claim; for
    running claims ``new_groups``, ``new_precheck``, ``new_reasons_list`` and
    ``new_flag`` (unless ``windows_only``), and ``new_score``,
    ``new_risk_reasons`` and ``new_model_id`` when a model scores them.
    """
    computed = compute_windows(frame, on=on, windows=windows)
    running = (pl.col("status") == ClaimStatus.ACTIVE) & (
        pl.col("max_end_date") >= pl.lit(on)
    )
    result = computed.select(
        "claim_id", "person_id", "window", running.alias("running")
    )
    unscored = [
        pl.lit(None, pl.Float64).alias("new_score"),
        pl.lit(None, pl.String).alias("new_risk_reasons"),
        pl.lit(None, pl.Int64).alias("new_model_id"),
    ]
    if windows_only:
        return result.with_columns(
            pl.lit(None, pl.String).alias("new_groups"),
            pl.lit(None, pl.String).alias("new_precheck"),
            pl.lit(None, pl.List(pl.String)).alias("new_reasons_list"),
            pl.lit(None, pl.Boolean).alias("new_flag"),
            *unscored,
        )
    active = computed.filter(running)
    groups = compute_target_groups(active, on=on).select(
        "claim_id", pl.col("target_groups").alias("new_groups")
    )
    checked = compute_precheck(active, on=on).select(
        "claim_id",
        pl.col("precheck").alias("new_precheck"),
        pl.col("precheck_reasons").alias("new_reasons_list"),
        pl.col("partner_income_flag").alias("new_flag"),
    )
    result = result.join(groups, on="claim_id", how="left").join(
        checked, on="claim_id", how="left"
    )
    if model is None or active.height == 0:
        return result.with_columns(unscored)
    scores = score(model, active).select(
        "claim_id",
        pl.col("risk_score").alias("new_score"),
        pl.col("risk_reasons").alias("new_risk_reasons"),
        pl.lit(model.pk, pl.Int64).alias("new_model_id"),
    )
    return result.join(scores, on="claim_id", how="left")


def _defaults() -> dict[str, pl.Expr]:
    """The model's defaults of the compared columns, as a new record has them."""
    values = {}
    for name in (
        "window",
        "target_groups_derived",
        "target_groups",
        "precheck",
        "precheck_reasons",
        "partner_income_flag",
        "risk_reasons",
    ):
        value = ScreeningRecord._meta.get_field(name).get_default()
        value = json.dumps(value) if isinstance(value, list) else value
        values[f"old_{name}"] = pl.lit(getattr(value, "value", value))
    return values


def _current(claim_ids: pl.Series) -> pl.DataFrame:
    queryset, schema = typed_values(ScreeningRecord.objects.all(), CURRENT)
    return read_frame_in(queryset, "claim_id", claim_ids, schema)


def refresh_records(
    frame: pl.DataFrame,
    *,
    on: dt.date,
    model: RiskModel | None = None,
    windows_only: bool = False,
    unrecorded: pl.Series | None = None,
    windows: pl.DataFrame | None = None,
) -> RefreshCounts:
    """Compute and store the screening state of the frame's claims (see module).

    ``unrecorded``: claims known to have no record yet (created by the caller
    in this transaction), which are then not looked up. ``windows``: the
    regions' window settings (``region_windows()``) if read already.
    """
    counts = RefreshCounts(claims=frame.height)
    if frame.height == 0:
        return counts
    new = compute(frame, on=on, model=model, windows_only=windows_only, windows=windows)
    joined = _join_current(new, unrecorded)
    values = _written_values(_changed(joined), on=on)
    counts.created = _store(values)
    _count_changes(counts, values, new, windows_only=windows_only)
    logger.info(
        "screening_refreshed",
        on=on.isoformat(),
        claims=counts.claims,
        created=counts.created,
        moved=counts.moved,
    )
    return counts


def _join_current(new: pl.DataFrame, unrecorded: pl.Series | None) -> pl.DataFrame:
    """The new values next to the current record's (``old_*``); a missing
    record starts from the model defaults, as if it had been created."""
    recorded = new["claim_id"]
    if unrecorded is not None:
        recorded = recorded.filter(~recorded.is_in(unrecorded.implode()))
    current = _current(recorded).rename(lambda c: f"old_{c}")
    joined = new.join(current, left_on="claim_id", right_on="old_claim_id", how="left")
    is_new = pl.col("old_id").is_null()
    return joined.with_columns(
        is_new.alias("is_new"),
        *(
            pl.when(is_new).then(value).otherwise(pl.col(name)).alias(name)
            for name, value in _defaults().items()
        ),
    ).with_columns(
        pl.col("old_precheck_reasons")
        .str.json_decode(pl.List(pl.String))
        .alias("old_reasons_list")
    )


def _changed(joined: pl.DataFrame) -> pl.DataFrame:
    """Flag which of the four parts changed; keep the new records and those
    with at least one change."""
    moved = pl.col("window") != pl.col("old_window")
    regrouped = pl.col("new_groups").is_not_null() & (
        pl.col("new_groups") != pl.col("old_target_groups_derived")
    )
    rechecked = pl.col("new_precheck").is_not_null() & (
        (pl.col("new_precheck") != pl.col("old_precheck"))
        | pl.col("new_flag").ne_missing(pl.col("old_partner_income_flag"))
        | (pl.col("new_reasons_list") != pl.col("old_reasons_list")).fill_null(True)
    )
    rescored = pl.col("new_score").is_not_null() & (
        pl.col("new_score").ne_missing(pl.col("old_risk_score"))
        | pl.col("new_model_id").ne_missing(pl.col("old_risk_model_id"))
    )
    flags = joined.with_columns(
        moved.alias("moved"),
        regrouped.alias("regrouped"),
        rechecked.alias("rechecked"),
        rescored.alias("rescored"),
    )
    return flags.filter(
        pl.col("is_new")
        | pl.col("moved")
        | pl.col("regrouped")
        | pl.col("rechecked")
        | pl.col("rescored")
    )


def _written_values(flags: pl.DataFrame, *, on: dt.date) -> pl.DataFrame:
    """Every written column: the new value where its part changed, else the
    current one; a manual target-group override keeps precedence."""

    def pick(flag: str, value: pl.Expr, old: str) -> pl.Expr:
        return pl.when(pl.col(flag)).then(value).otherwise(pl.col(old))

    today = pl.lit(on)
    override = pl.col("old_override")
    return flags.select(
        "old_id",
        "is_new",
        "claim_id",
        "person_id",
        "window",
        pick("moved", today, "old_window_changed_on").alias("window_changed_on"),
        pick("regrouped", pl.col("new_groups"), "old_target_groups_derived").alias(
            "target_groups_derived"
        ),
        pl.when(pl.col("regrouped"))
        .then(pl.coalesce(override, pl.col("new_groups")))
        .otherwise(pl.col("old_target_groups"))
        .alias("target_groups"),
        pick("rechecked", pl.col("new_precheck"), "old_precheck").alias("precheck"),
        pick(
            "rechecked", json_list(pl.col("new_reasons_list")), "old_precheck_reasons"
        ).alias("precheck_reasons"),
        pick("rechecked", pl.col("new_flag"), "old_partner_income_flag").alias(
            "partner_income_flag"
        ),
        pick("rechecked", today, "old_precheck_on").alias("precheck_on"),
        pick("rescored", pl.col("new_score"), "old_risk_score").alias("risk_score"),
        pick("rescored", pl.col("new_risk_reasons"), "old_risk_reasons").alias(
            "risk_reasons"
        ),
        pick("rescored", pl.col("new_model_id"), "old_risk_model_id").alias(
            "risk_model_id"
        ),
        "moved",
        "regrouped",
        "rechecked",
        "rescored",
    )


def _store(values: pl.DataFrame) -> int:
    """Insert the missing records, update the changed ones; the number created."""
    created = values.filter(pl.col("is_new")).sort("claim_id")
    insert_frame(ScreeningRecord, created.select("claim_id", "person_id", *WRITTEN))
    update_frame(
        ScreeningRecord,
        values.filter(~pl.col("is_new")).select(pl.col("old_id").alias("id"), *WRITTEN),
    )
    if created.height >= ANALYZE_AFTER:
        analyze(ScreeningRecord)
    return created.height


def _count_changes(
    counts: RefreshCounts,
    values: pl.DataFrame,
    new: pl.DataFrame,
    *,
    windows_only: bool,
) -> None:
    """Fill in what changed, part by part."""
    counts.moved = dict(values.filter("moved").group_by("window").len().iter_rows())
    counts.target_groups = int(values["regrouped"].sum())
    counts.prechecked = int(new["running"].sum()) if not windows_only else 0
    counts.precheck_changed = int(values["rechecked"].sum())
    counts.scored = int(values["rescored"].sum())


@transaction.atomic
def move_cohorts(*, on: dt.date, frame: pl.DataFrame | None = None) -> dict[str, int]:
    """The window move alone: store every claim's window where it changed.

    Returns the number of records moved into each window.
    """
    if frame is None:
        frame = claims_frame()
    return refresh_records(frame, on=on, windows_only=True).moved
