"""Set-based reads and writes between polars frames and model tables.

On PostgreSQL every path streams CSV through ``COPY`` (one statement for a
million rows, no per-row SQL); on other databases (SQLite in development) the
same functions fall back to ``values_list``/``bulk_create``/``bulk_update`` in
batches. Callers hand over whole columns and never loop per row.

- ``read_frame``: a queryset's ``values_list`` as a typed frame.
- ``lookup_frame``: the rows whose key is in a (large) series of keys.
- ``insert_frame``: insert a frame, filling model defaults, returning the ids.
- ``reserve_ids``: ids for rows to be inserted later (refer to them first).
- ``update_frame``: update some columns of many rows by primary key.
- ``copy_behind``: within it, ``insert_frame`` returns as soon as its rows are
  queued, and PostgreSQL ingests them while Python prepares the next table.
- ``bulk_load``: foreign keys and indexes checked and built once, at the end.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection, models, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

import polars as pl

if TYPE_CHECKING:
    from django.db.backends.utils import CursorWrapper

BATCH = 5000
_FALLBACK_CHUNK = 10000


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _field(model: type[models.Model], name: str) -> models.Field:
    return model._meta.get_field(name)


def _column(model: type[models.Model], name: str) -> str:
    if name in ("id", "pk"):
        return model._meta.pk.column
    return _field(model, name).column


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _csv(frame: pl.DataFrame) -> bytes:
    """CSV that PostgreSQL's COPY reads back exactly: "" is text, bare empty is NULL."""
    return frame.write_csv(
        include_header=False,
        quote_style="non_numeric",
        null_value="",
        datetime_format="%Y-%m-%dT%H:%M:%S%.f%:z",
    ).encode()


def _copy_out(sql: str, params: Sequence[object]) -> bytes:
    """Run ``COPY (sql) TO STDOUT`` with the parameters bound client-side."""
    from psycopg import ClientCursor

    queue = _current_queue()
    if queue is not None:
        queue.drain()  # a COPY does not pass Django's execute wrappers
    connection.ensure_connection()  # the COPY may be the first statement
    raw = connection.connection
    query = ClientCursor(raw).mogrify(sql, params)
    buffer = io.BytesIO()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv)") as copy,
    ):
        for chunk in copy:
            buffer.write(chunk)
    return buffer.getvalue()


def _parse(data: bytes, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    if not data:
        return pl.DataFrame(schema=schema)
    text = pl.read_csv(
        io.BytesIO(data),
        has_header=False,
        new_columns=list(schema),
        infer_schema=False,
    )
    casts = []
    for name, dtype in schema.items():
        column = pl.col(name)
        if dtype == pl.Boolean:
            casts.append(column.replace_strict({"t": True, "f": False}, default=None))
        elif dtype == pl.Date:
            casts.append(column.str.to_date("%Y-%m-%d"))
        elif dtype != pl.String:
            casts.append(column.cast(dtype))
    return text.with_columns(casts) if casts else text


def read_frame(
    queryset: models.QuerySet, schema: dict[str, pl.DataType]
) -> pl.DataFrame:
    """``queryset`` must be a ``values_list`` in the order of ``schema``."""
    if not _postgres():
        return pl.DataFrame(list(queryset), schema=schema, orient="row")
    sql, params = queryset.query.sql_with_params()
    return _parse(_copy_out(sql, params), schema)


_temp_names = itertools.count()


def _temp_name(kind: str) -> str:
    """A fresh temporary-table name; the tables live until the transaction ends."""
    return f"_maxww_{kind}_{next(_temp_names)}"


@contextmanager
def _key_table(keys: pl.Series, sql_type: str) -> Iterator[str]:
    """A temporary one-column table holding ``keys`` (COPY), dropped afterwards."""
    name = _temp_name("keys")
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE {name} (k {sql_type}) ON COMMIT DROP")
        with cursor.cursor.copy(f"COPY {name} (k) FROM STDIN WITH (FORMAT csv)") as c:
            c.write(_csv(keys.unique().to_frame()))
        cursor.execute(f"ANALYZE {name}")
        yield name


def lookup_frame(
    model: type[models.Model],
    key: str,
    keys: pl.Series,
    schema: dict[str, pl.DataType],
) -> pl.DataFrame:
    """Rows of ``model`` whose ``key`` is in ``keys``; ``schema`` names the fields."""
    queryset = model._base_manager.order_by().values_list(*schema)
    return read_frame_in(queryset, key, keys, schema)


def read_frame_in(
    queryset: models.QuerySet,
    key: str,
    keys: pl.Series,
    schema: dict[str, pl.DataType],
) -> pl.DataFrame:
    """``read_frame`` restricted to rows whose ``key`` is in ``keys`` (any number).

    PostgreSQL: the keys go into a temporary table with COPY and the filter is a
    sub-select on it, so a million keys cost one statement, not a giant ``IN``.
    """
    if keys.is_empty():
        return pl.DataFrame(schema=schema)
    if not _postgres():
        values = keys.unique().to_list()
        frames = [
            read_frame(
                queryset.filter(**{f"{key}__in": values[i : i + _FALLBACK_CHUNK]}),
                schema,
            )
            for i in range(0, len(values), _FALLBACK_CHUNK)
        ]
        return pl.concat(frames)
    field = (
        queryset.model._meta.pk
        if key in ("pk", "id")
        else queryset.model._meta.get_field(key)
    )
    sql_type = field.rel_db_type(connection) if field.primary_key else None
    sql_type = sql_type or field.db_type(connection)
    with transaction.atomic(), _key_table(keys, sql_type) as table:
        inner = RawSQL(f"SELECT k FROM {table}", ())
        return read_frame(queryset.filter(**{f"{key}__in": inner}), schema)


def _uuid4s(n: int) -> pl.Series:
    """``n`` random version-4 UUIDs as text, without a Python loop."""
    import numpy as np

    raw = np.frombuffer(os.urandom(16 * n), dtype=np.uint8).reshape(n, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    text = np.empty((n, 32), dtype=np.uint8)
    text[:, 0::2], text[:, 1::2] = digits[raw >> 4], digits[raw & 0x0F]
    hexed = pl.Series(text.view("S32").ravel()).cast(pl.String)
    parts = [(0, 8), (8, 4), (12, 4), (16, 4), (20, 12)]
    return (
        hexed.to_frame("h")
        .select(
            pl.concat_str(
                [pl.col("h").str.slice(a, n) for a, n in parts], separator="-"
            )
        )
        .to_series()
    )


def _defaults(model: type[models.Model], frame: pl.DataFrame) -> pl.DataFrame:
    """Add every concrete column the frame lacks, with the model's default."""
    now = timezone.now()
    added: list[pl.Series] = []
    n = frame.height
    for field in model._meta.concrete_fields:
        name = field.attname
        if name in frame.columns or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            added.append(pl.repeat(now, n, eager=True).alias(name))
        elif isinstance(field, models.UUIDField) and field.has_default():
            # Sorted, so the unique index is filled in key order (each leaf page
            # in turn) rather than at a random page per row; values stay random.
            added.append(_uuid4s(n).sort().alias(name))
        elif field.has_default():
            value = field.get_default()
            if isinstance(value, list | dict):
                value = json.dumps(value)
            value = getattr(value, "value", value)
            added.append(pl.repeat(value, n, eager=True).alias(name))
        elif field.null:
            added.append(pl.repeat(None, n, eager=True, dtype=pl.String).alias(name))
        elif field.empty_strings_allowed:
            added.append(pl.repeat("", n, eager=True).alias(name))
        else:
            raise ValueError(f"{model.__name__}.{name} has no value and no default")
    return frame.with_columns(added) if added else frame


class _CopyQueue:
    """COPY statements run in order by one worker thread on the same connection.

    The connection (and so the transaction) is the caller's: psycopg holds the
    connection's lock for a whole COPY, and every statement that goes through
    Django first waits for the queue (an execute wrapper), so what runs reads
    and writes in program order. Ids come from a second, autocommit connection
    (sequences are not transactional), so allocating them does not wait.
    """

    def __init__(self) -> None:
        connection.ensure_connection()
        self.raw = connection.connection
        self.errors = connection.wrap_database_errors  # as Django's exceptions
        self.side = autocommit_connection()
        self.worker = ThreadPoolExecutor(1, thread_name_prefix="maxww-copy")
        self.pending: list[Future] = []
        self.failed: BaseException | None = None

    def submit(self, sql: str, data: bytes) -> None:
        self.pending.append(self.worker.submit(self._copy, sql, data))

    def _copy(self, sql: str, data: bytes) -> None:
        if self.failed is not None:
            return  # the transaction is aborted; the first error is what counts
        try:
            with self.errors, self.raw.cursor() as cursor, cursor.copy(sql) as copy:
                copy.write(data)
        except BaseException as exc:
            self.failed = exc

    def drain(self) -> None:
        """Wait for every queued COPY; raise the first one's error."""
        pending, self.pending = self.pending, []
        for future in pending:
            future.result()
        if self.failed is not None:
            raise self.failed

    def allocate(self, model: type[models.Model], n: int) -> int:
        with self.side.cursor() as cursor:
            return _reserve_postgres(cursor, model, n)

    def close(self) -> None:
        """Let the queued COPYs finish (or skip), stop the worker and the id connection."""
        self.worker.shutdown()
        self.pending = []
        self.side.close()


def autocommit_connection():
    """A new connection to the same database, outside the current transaction.

    The caller closes it. What it writes is committed at once and seen by
    others while the caller's own transaction is still open.
    """
    side = connection.get_new_connection(connection.get_connection_params())
    side.autocommit = True
    return side


_queue = threading.local()


def _current_queue() -> _CopyQueue | None:
    return getattr(_queue, "current", None)


@contextmanager
def copy_behind() -> Iterator[None]:
    """Let PostgreSQL ingest queued rows while Python goes on (PostgreSQL only).

    Inside the block ``insert_frame`` reserves the ids, writes the CSV, queues
    the COPY and returns: the caller builds the next frame while the server
    ingests the last one (two processes, two cores). Any statement that goes
    through Django waits for the queue first, so reads see every queued row;
    to keep the overlap, read what you need before queueing. The block must
    be inside a transaction: a failing COPY aborts it and its error is raised
    (no later than the end of the block). Elsewhere a no-op.
    """
    if not _postgres() or _current_queue() is not None:
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("copy_behind needs a transaction")
    queue = _CopyQueue()

    def wait_first(execute: Callable, sql, params, many, context):
        queue.drain()
        return execute(sql, params, many, context)

    _queue.current = queue
    try:
        with connection.execute_wrapper(wait_first):
            yield
            queue.drain()
    except BaseException as exc:
        queue.close()
        if queue.failed is not None and queue.failed is not exc:
            # A statement failed because a COPY had aborted the transaction.
            raise queue.failed from exc
        raise
    finally:
        _queue.current = None
        queue.close()


def reserve_ids(model: type[models.Model], n: int) -> pl.Series:
    """``n`` new consecutive ids of ``model``, taken from its sequence now.

    For rows that ``insert_frame`` writes later (it keeps a given ``id``
    column), so that the rows referring to them can be built, and queued,
    first. PostgreSQL: one ``setval(nextval() + n - 1)``, on ``copy_behind``'s
    own connection inside it; another session's id taken between the two
    calls makes our insert fail on the primary key (the transaction rolls back
    and can be rerun): ids are never shared. SQLite: the table's
    ``sqlite_sequence`` row is moved on likewise.
    """
    queue = _current_queue()
    if queue is not None:
        first = queue.allocate(model, n)
    elif _postgres():
        with connection.cursor() as cursor:
            first = _reserve_postgres(cursor, model, n)
    else:
        first = _reserve_sqlite(model, n)
    return pl.int_range(first, first + n, dtype=pl.Int64, eager=True).alias("id")


def _reserve_postgres(cursor, model: type[models.Model], n: int) -> int:
    """Move the table's sequence on by ``n`` in one statement; the first id."""
    cursor.execute(
        "SELECT setval(s, nextval(s) + %s - 1) FROM pg_get_serial_sequence(%s, %s) s",
        [n, model._meta.db_table, model._meta.pk.column],
    )
    return cursor.fetchone()[0] - n + 1


def _reserve_sqlite(model: type[models.Model], n: int) -> int:
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT MAX(last) FROM (SELECT seq AS last FROM sqlite_sequence "
            f"WHERE name = %s UNION ALL SELECT MAX({_quote(pk)}) FROM {_quote(table)})",
            [table],
        )
        last = cursor.fetchone()[0] or 0
        cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
        cursor.execute(
            "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, last + n]
        )
    return last + 1


def insert_frame(
    model: type[models.Model],
    frame: pl.DataFrame,
    *,
    ignore_conflicts: bool = False,
) -> pl.DataFrame:
    """Insert every row of ``frame`` (columns named by attname); returns it with ``id``.

    Missing columns get the model's defaults; a complete ``id`` column (from
    ``reserve_ids``) is kept, else ids are reserved now. With
    ``ignore_conflicts`` rows that hit a unique constraint are skipped (their
    ``id`` is then not meaningful).
    """
    if frame.is_empty():
        return frame.with_columns(pl.lit(None, dtype=pl.Int64).alias("id"))
    given = "id" in frame.columns and frame["id"].null_count() == 0
    full = _defaults(model, frame.drop("id", strict=False))
    ids = frame["id"].cast(pl.Int64) if given else reserve_ids(model, full.height)
    full = full.with_columns(ids)
    if not _postgres():
        return _insert_fallback(model, full, ignore_conflicts=ignore_conflicts)
    names = [f.attname for f in model._meta.concrete_fields]
    columns = ", ".join(_quote(f.column) for f in model._meta.concrete_fields)
    table = _quote(model._meta.db_table)
    data = _csv(full.select(names))
    queue = _current_queue()
    if queue is not None and not ignore_conflicts:
        queue.submit(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)", data)
        return full
    with transaction.atomic(), connection.cursor() as cursor:
        if ignore_conflicts:
            temp = _temp_name("insert")
            cursor.execute(
                f"CREATE TEMP TABLE {temp} ON COMMIT DROP AS "
                f"SELECT {columns} FROM {table} WITH NO DATA"
            )
            target = temp
        else:
            target = table
        with cursor.cursor.copy(
            f"COPY {target} ({columns}) FROM STDIN WITH (FORMAT csv)"
        ) as copy:
            copy.write(data)
        if ignore_conflicts:
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {target} "
                "ON CONFLICT DO NOTHING"
            )
    return full


def _insert_fallback(
    model: type[models.Model], frame: pl.DataFrame, *, ignore_conflicts: bool
) -> pl.DataFrame:
    objects = [model(**row) for row in _python_rows(model, frame)]
    model._base_manager.bulk_create(
        objects, batch_size=BATCH, ignore_conflicts=ignore_conflicts
    )
    ids = [o.pk for o in objects]
    return frame.with_columns(pl.Series("id", ids, dtype=pl.Int64))


def _python_rows(model: type[models.Model], frame: pl.DataFrame) -> Iterator[dict]:
    json_fields = {
        f.attname
        for f in model._meta.concrete_fields
        if f.get_internal_type() == "JSONField"
    }
    for row in frame.iter_rows(named=True):
        for name in json_fields & row.keys():
            if isinstance(row[name], str):
                row[name] = json.loads(row[name])
        yield row


def update_frame(model: type[models.Model], frame: pl.DataFrame) -> int:
    """Set the frame's columns for the rows whose ``id`` is in the frame's ``id``."""
    if frame.is_empty():
        return 0
    fields = [c for c in frame.columns if c != "id"]
    if not _postgres():
        objects = [model(pk=row.pop("id"), **row) for row in _python_rows(model, frame)]
        names = [_field(model, f).name for f in fields]
        model._base_manager.bulk_update(objects, names, batch_size=2000)
        return len(objects)
    table = _quote(model._meta.db_table)
    columns = [_quote(_column(model, f)) for f in fields]
    quoted = ", ".join(columns)
    temp = _temp_name("update")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE {temp} ON COMMIT DROP AS SELECT {_quote(model._meta.pk.column)}, "
            f"{quoted} FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(
            f"COPY {temp} ({_quote(model._meta.pk.column)}, {quoted}) "
            "FROM STDIN WITH (FORMAT csv)"
        ) as copy:
            copy.write(_csv(frame.select("id", *fields)))
        assignments = ", ".join(f"{c} = s.{c}" for c in columns)
        pk = _quote(model._meta.pk.column)
        cursor.execute(
            f"UPDATE {table} t SET {assignments} FROM {temp} s WHERE t.{pk} = s.{pk}"
        )
    return frame.height


@contextmanager
def bulk_load(*models_: type[models.Model]) -> Iterator[None]:
    """Check keys and build indexes once, at the end (PostgreSQL; else a no-op).

    For a first load of a whole region or country (PostgreSQL's advice for
    populating a database): inside the caller's transaction every index of
    these tables is dropped (primary keys and unique constraints included),
    with the foreign keys from, to and between them; on a clean exit each
    index is built again (one sort each instead of an insert per row) and the
    foreign keys are added ``NOT VALID`` and then validated (one anti-join
    each instead of a trigger and a row lock per row). A duplicate fails the
    unique index's build and an orphan its validation, and then the whole
    transaction rolls back, the dropped constraints and indexes included.
    Meanwhile nothing checks uniqueness, so ``ON CONFLICT`` skips nothing; and
    these tables and those that refer to them are locked (ACCESS EXCLUSIVE)
    until the transaction ends, so the app waits for the load: quiet hours.
    """
    if not _postgres():
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("bulk_load needs a transaction")
    tables = [m._meta.db_table for m in models_]
    with connection.cursor() as cursor:
        found = _load_constraints(cursor, tables)
        _drop_constraints(cursor, found)
    yield
    with connection.cursor() as cursor:
        _rebuild_constraints(cursor, found)


@dataclass(frozen=True)
class _LoadConstraints:
    """What ``bulk_load`` drops and builds again, with each one's definition."""

    foreign_keys: list[tuple[str, str, str]]  # table, name, definition
    keys: list[tuple[str, str, str]]  # primary keys and unique constraints
    indexes: list[tuple[str, str]]  # index, definition (not a constraint's)


def _load_constraints(cursor: CursorWrapper, tables: list[str]) -> _LoadConstraints:
    """The foreign keys from, to and between ``tables``, their keys and indexes."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
        "FROM pg_constraint WHERE contype = 'f' AND (conrelid = ANY(%(t)s::regclass[]) "
        "OR confrelid = ANY(%(t)s::regclass[])) ORDER BY 1, 2",
        {"t": tables},
    )
    foreign_keys = cursor.fetchall()
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
        "FROM pg_constraint WHERE contype IN ('p', 'u') "
        "AND conrelid = ANY(%s::regclass[]) ORDER BY contype, 1, 2",
        [tables],
    )
    keys = cursor.fetchall()
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
        "FROM pg_index i WHERE i.indrelid = ANY(%s::regclass[]) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conindid = i.indexrelid) ORDER BY 1",
        [tables],
    )
    return _LoadConstraints(foreign_keys, keys, cursor.fetchall())


def _drop_constraints(cursor: CursorWrapper, found: _LoadConstraints) -> None:
    """Drop the foreign keys, then the keys and the other indexes."""
    # Checks still queued in this transaction must run before the DDL.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for table, name, _definition in [*found.foreign_keys, *found.keys]:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {_quote(name)}")
    for index, _definition in found.indexes:
        cursor.execute(f"DROP INDEX {index}")


def _rebuild_constraints(cursor: CursorWrapper, found: _LoadConstraints) -> None:
    """Build the keys and indexes again, then add and validate the foreign keys."""
    # One sort per index; more memory keeps a million keys' sort in memory.
    cursor.execute(
        "SELECT set_config('maintenance_work_mem', greatest(pg_size_bytes("
        "current_setting('maintenance_work_mem')), pg_size_bytes('256MB')) "
        "/ 1024 || 'kB', true)"
    )
    for table, name, definition in found.keys:
        cursor.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {_quote(name)} {definition}"
        )
    for _index, definition in found.indexes:
        cursor.execute(definition)
    for table, name, definition in found.foreign_keys:
        cursor.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {_quote(name)} {definition} NOT VALID"
        )
        cursor.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {_quote(name)}")


ANALYZE_AFTER = 10_000


def analyze(*models_: type[models.Model]) -> None:
    """Refresh the planner statistics of these tables (PostgreSQL; else a no-op).

    After a bulk load of many rows the statistics still describe the old, small
    tables until autovacuum comes by, and the next look-up by a key table may
    be planned as a nested loop over the whole table. ``ANALYZE`` samples a
    fixed number of rows (well under a second per table) and works inside the
    transaction, so the rest of the import is planned right too.
    """
    if not _postgres():
        return
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {_quote(model._meta.db_table)}")
