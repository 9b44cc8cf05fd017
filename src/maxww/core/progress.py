"""Progress that others can see while the work's own transaction is still open.

A long import writes everything in one transaction (all or nothing), so a
progress column updated inside it stays invisible to the page that polls it
until the end. ``update_outside`` writes such a row on a separate, autocommit
connection instead.
"""

from __future__ import annotations

from django.db import connection, models

from maxww.core.bulk import autocommit_connection


def update_outside(model: type[models.Model], pk: int, **values: object) -> None:
    """Set ``values`` on one row so that other sessions see it now.

    PostgreSQL, inside a transaction: one ``UPDATE`` on a new autocommit
    connection; a row that is locked (by the caller's own transaction, say) is
    skipped rather than waited for. Elsewhere a plain ORM update, which is
    visible at once outside a transaction (and SQLite has one writer anyway).
    """
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        model._base_manager.filter(pk=pk).update(**values)
        return
    quote = connection.ops.quote_name
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    fields = {model._meta.get_field(name): value for name, value in values.items()}
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    params = [f.get_db_prep_save(v, connection) for f, v in fields.items()]
    side = autocommit_connection()
    try:
        with side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {assignments} WHERE {key} = "
                f"(SELECT {key} FROM {table} WHERE {key} = %s FOR UPDATE SKIP LOCKED)",
                [*params, pk],
            )
    finally:
        side.close()
