"""Load claims with their person and household facts into one polars frame.

One query (``values_list`` with joins), no ORM call per row. Every screening
computation (windows, target groups, pre-check, risk) works on this frame.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import FloatField, Q
from django.db.models.functions import Cast

import polars as pl

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

CHUNK = 20000


def claims_frame(
    *, claim_ids: Iterable[int] | None = None, where: Q | None = None
) -> pl.DataFrame:
    """The claims (all, by id, or by a filter) as a typed polars frame."""
    annotations = {
        f"_{name}": expr
        for name, (expr, _t) in FIELDS.items()
        if not isinstance(expr, str)
    }
    names = [
        f"_{name}" if not isinstance(expr, str) else expr
        for name, (expr, _t) in FIELDS.items()
    ]
    base = WWClaim.objects.annotate(**annotations)
    if where is not None:
        base = base.filter(where)
    schema = {name: dtype for name, (_e, dtype) in FIELDS.items()}
    rows: list[tuple] = []
    if claim_ids is None:
        rows = list(base.order_by().values_list(*names))
    else:
        ids = list(claim_ids)
        for start in range(0, len(ids), CHUNK):
            rows.extend(
                base.filter(pk__in=ids[start : start + CHUNK])
                .order_by()
                .values_list(*names)
            )
    return pl.DataFrame(rows, schema=schema, orient="row")


def records_frame(claim_ids: list[int], fields: dict[str, pl.DataType]) -> pl.DataFrame:
    """Current screening-record values for these claims (chunked ``IN`` queries)."""
    from maxww.screening.models import ScreeningRecord

    rows: list[tuple] = []
    for start in range(0, len(claim_ids), CHUNK):
        rows.extend(
            ScreeningRecord.objects.filter(
                claim_id__in=claim_ids[start : start + CHUNK]
            )
            .order_by()
            .values_list(*fields)
        )
    return pl.DataFrame(rows, schema=fields, orient="row")


def set_values(
    model, rows: list[tuple], fields: list[str], *, batch_size: int = 2000
) -> int:
    """Update ``fields`` for many rows given as ``(pk, value, …)`` tuples.

    On PostgreSQL the rows go into a temporary table with COPY and one
    ``UPDATE … FROM`` writes them all (``bulk_update``'s CASE statements grow
    quadratically); elsewhere ``bulk_update`` in batches.
    """
    import json

    from django.db import connection, transaction

    if not rows:
        return 0
    if connection.vendor != "postgresql":
        # Foreign keys arrive as ids: assign them through their attname (x_id).
        attnames = [model._meta.get_field(f).attname for f in fields]
        objects = [
            model(pk=row[0], **dict(zip(attnames, row[1:], strict=True)))
            for row in rows
        ]
        model.objects.bulk_update(objects, fields, batch_size=batch_size)
        return len(rows)
    table = model._meta.db_table
    columns = [model._meta.get_field(f).column for f in fields]
    json_columns = {
        i
        for i, f in enumerate(fields)
        if model._meta.get_field(f).get_internal_type() == "JSONField"
    }
    quoted = ", ".join(f'"{c}"' for c in columns)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f'CREATE TEMP TABLE _set_values ON COMMIT DROP AS SELECT "id", {quoted} '
            f'FROM "{table}" WITH NO DATA'
        )
        with cursor.cursor.copy(
            f'COPY _set_values ("id", {quoted}) FROM STDIN'
        ) as copy:
            for row in rows:
                values = list(row)
                for i in json_columns:
                    values[i + 1] = json.dumps(values[i + 1])
                copy.write_row(values)
        assignments = ", ".join(f'"{c}" = s."{c}"' for c in columns)
        cursor.execute(
            f'UPDATE "{table}" t SET {assignments} FROM _set_values s WHERE t."id" = s."id"'
        )
        cursor.execute("DROP TABLE _set_values")
    return len(rows)
