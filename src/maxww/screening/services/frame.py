"""Load claims with their person and household facts into one polars frame.

One query (``values_list`` with joins, COPY on PostgreSQL), no ORM call per row. Every screening
computation (windows, target groups, pre-check, risk) works on this frame.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import FloatField, Q, QuerySet
from django.db.models.functions import Cast

import polars as pl

from maxww.core.bulk import read_frame, read_frame_in
from maxww.people.models import WWClaim

FIELDS: dict[str, tuple[object, pl.DataType]] = {
    "claim_id": ("id", pl.Int64),
    "person_id": ("person_id", pl.Int64),
    "region_id": ("person__municipality__region_id", pl.Int64),
    "status": ("status", pl.String),
    "start_date": ("start_date", pl.Date),
    "max_end_date": ("max_end_date", pl.Date),
    "daily_wage": (Cast("daily_wage", FloatField()), pl.Float64),
    "hours_lost": (Cast("hours_lost", FloatField()), pl.Float64),
    "sector": ("sector", pl.String),
    "education_level": ("education_level", pl.String),
    "werkverkenner": ("werkverkenner", pl.String),
    "in_doelgroepregister": ("in_doelgroepregister", pl.Boolean),
    "is_flex_worker": ("is_flex_worker", pl.Boolean),
    "was_self_employed": ("was_self_employed", pl.Boolean),
    "birth_date": ("person__birth_date", pl.Date),
    "postcode": ("person__postcode", pl.String),
    "household_type": ("person__household__household_type", pl.String),
    "partner_birth_date": ("person__household__partner_birth_date", pl.Date),
    "partner_income": (
        Cast("person__household__partner_net_monthly_income", FloatField()),
        pl.Float64,
    ),
    "co_residents_27_plus": ("person__household__co_residents_27_plus", pl.Int64),
    "children": ("person__household__children", pl.Int64),
    "assets": (Cast("person__household__assets", FloatField()), pl.Float64),
    "debts": (Cast("person__household__debts", FloatField()), pl.Float64),
    "home_equity": (Cast("person__household__home_equity", FloatField()), pl.Float64),
}


def typed_values(
    queryset: QuerySet, fields: dict[str, tuple[object, pl.DataType]]
) -> tuple[QuerySet, dict[str, pl.DataType]]:
    """A ``values_list`` of ``fields`` (a lookup or an expression each) and its schema."""
    annotations = {
        f"_{name}": expr
        for name, (expr, _t) in fields.items()
        if not isinstance(expr, str)
    }
    names = [
        f"_{name}" if not isinstance(expr, str) else expr
        for name, (expr, _t) in fields.items()
    ]
    schema = {name: dtype for name, (_e, dtype) in fields.items()}
    return queryset.annotate(**annotations).order_by().values_list(*names), schema


def claims_frame(
    *, claim_ids: Iterable[int] | None = None, where: Q | None = None
) -> pl.DataFrame:
    """The claims (all, by id, or by a filter) as a typed polars frame."""
    base = WWClaim.objects.all() if where is None else WWClaim.objects.filter(where)
    queryset, schema = typed_values(base, FIELDS)
    if claim_ids is None:
        return read_frame(queryset, schema)
    return read_frame_in(
        queryset, "pk", pl.Series(list(claim_ids), dtype=pl.Int64), schema
    )


def frame_from_memory(claims: pl.DataFrame, regions: dict[int, int]) -> pl.DataFrame:
    """The frame ``claims_frame`` would read for claims just written, without the read.

    For the claims of people created in the same import: ``claims`` holds
    ``claim_id``, ``person_id``, ``municipality_id``, the claim's written fields and
    the person's ``birth_date``, ``postcode`` and ``household_type``; what the
    import does not write (status, the rest of the household) has the model's
    default, as the new rows do in the database. ``regions`` maps municipality
    id to region id, read before the writes.
    """
    regions = pl.DataFrame(
        list(regions.items()),
        schema={"municipality_id": pl.Int64, "region_id": pl.Int64},
        orient="row",
    )
    status = WWClaim._meta.get_field("status").get_default()
    given = {**{c: pl.col(c) for c in claims.columns}, "region_id": pl.col("region_id")}
    given.setdefault("status", pl.lit(str(status)))
    return claims.join(regions, on="municipality_id", how="left").select(
        given.get(name, pl.lit(None)).cast(dtype).alias(name)
        for name, (_e, dtype) in FIELDS.items()
    )


def json_list(values: pl.Expr) -> pl.Expr:
    """A list column as JSON text (polars' own encoder, no Python loop per row)."""
    wrapped = pl.struct(values.alias("v")).struct.json_encode()
    return wrapped.str.slice(5, wrapped.str.len_chars() - 6)
