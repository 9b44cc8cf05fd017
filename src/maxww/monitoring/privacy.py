"""Small-cell suppression: the one place that decides what an aggregate may show.

Every figure on the dashboard and in its exports goes through :func:`protect`.

- **Primary suppression**: a cell that counts fewer than ``THRESHOLD`` people
  (0–9) is shown as ``"<10"``.
- **Derived cells** (rates, money per person, estimates) are suppressed when any
  count they are computed from is suppressed, so ``3 of 200`` never leaks as
  ``1.5%``.
- **Secondary suppression**: in a table with a total row, a column whose rows add
  up to the total must not have exactly one suppressed cell (it could be
  recomputed as total minus the others). The next-smallest cell in that column
  is suppressed too, repeatedly, until at least two are hidden or the total is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format

THRESHOLD = 10
SUPPRESSED = "<10"


@dataclass(frozen=True)
class Cell:
    """One displayed figure: the value (None if suppressed) and its text."""

    value: float | int | str | None
    display: str
    suppressed: bool = False

    def __str__(self) -> str:
        return self.display


@dataclass(frozen=True)
class Column:
    """A table column.

    ``kind`` is ``text``, ``count`` (people), ``rate`` (``num``/``den`` columns),
    ``money`` (a euro amount per ``den``), ``number`` or ``estimate`` (a model
    figure that depends on the count in ``den``).
    """

    key: str
    label: str
    kind: str = "count"
    num: str = ""
    den: str = ""
    additive: bool = True
    hidden: bool = False  # computed with, but not shown (e.g. rate denominators)


@dataclass
class Table:
    """An aggregate table: raw values in, protected cells out (see :func:`protect`)."""

    key: str
    title: str
    columns: list[Column]
    rows: list[dict]
    total: dict | None = None
    note: str = ""
    cells: list[list[Cell]] = field(default_factory=list)
    total_cells: list[Cell] | None = None

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def visible_columns(self) -> list[Column]:
        return [c for c in self.columns if not c.hidden]

    def visible_rows(self) -> list[list[Cell]]:
        keep = [i for i, c in enumerate(self.columns) if not c.hidden]
        return [[row[i] for i in keep] for row in self.cells]

    def visible_total(self) -> list[Cell] | None:
        if self.total_cells is None:
            return None
        keep = [i for i, c in enumerate(self.columns) if not c.hidden]
        return [self.total_cells[i] for i in keep]

    def series(self, key: str) -> list[float | int | None]:
        """The protected values of one column, for charts (None where hidden)."""
        index = [c.key for c in self.columns].index(key)
        return [row[index].value for row in self.cells]


def is_small(count: int | None) -> bool:
    """Does this count identify too few people to show?

    >>> is_small(9), is_small(10), is_small(0)
    (True, False, True)
    """
    return count is None or count < THRESHOLD


def _fmt(value: float | int | Decimal, kind: str) -> str:
    if kind == "rate":
        return f"{number_format(value * 100, 1)}%"
    if kind == "money":
        return f"€ {number_format(value, 0, force_grouping=True)}"
    if kind in ("estimate", "number") and isinstance(value, float):
        return number_format(value, 1, force_grouping=True)
    return number_format(value, 0, force_grouping=True)


def _hidden() -> Cell:
    return Cell(None, SUPPRESSED, True)


def _secondary(
    rows: list[dict], total: dict | None, columns: list[Column]
) -> list[set]:
    """Which count cells to hide per row: primary plus secondary suppression."""
    hidden: list[set] = [set() for _ in rows]
    counts = [c for c in columns if c.kind == "count"]
    for col in counts:
        for i, row in enumerate(rows):
            if is_small(row.get(col.key)):
                hidden[i].add(col.key)
        if total is None or not col.additive or is_small(total.get(col.key)):
            continue
        while True:
            n_hidden = sum(1 for h in hidden if col.key in h)
            if n_hidden != 1:
                break
            candidates = [
                (row.get(col.key) or 0, i)
                for i, row in enumerate(rows)
                if col.key not in hidden[i]
            ]
            if not candidates:
                break
            hidden[min(candidates)[1]].add(col.key)
    return hidden


def _cells(row: dict, hidden: set, columns: list[Column]) -> list[Cell]:
    out = []
    for col in columns:
        value = row.get(col.key)
        if col.kind == "text" and col.den and col.den in hidden:
            out.append(_hidden())
            continue
        if col.kind == "text":
            out.append(Cell(value, "" if value is None else str(value)))
            continue
        blocked = (
            col.key in hidden
            or (col.num and col.num in hidden)
            or (col.den and col.den in hidden)
        )
        if blocked or value is None:
            out.append(_hidden() if blocked else Cell(None, "–"))
            continue
        if isinstance(value, Decimal):
            value = float(value)
        out.append(Cell(value, _fmt(value, col.kind)))
    return out


def protect(table: Table) -> Table:
    """Fill ``table.cells`` (and ``total_cells``) with suppressed, formatted cells."""
    hidden = _secondary(table.rows, table.total, table.columns)
    table.cells = [
        _cells(row, h, table.columns) for row, h in zip(table.rows, hidden, strict=True)
    ]
    if table.total is not None:
        total_hidden = {
            c.key
            for c in table.columns
            if c.kind == "count" and is_small(table.total.get(c.key))
        }
        table.total_cells = _cells(table.total, total_hidden, table.columns)
    return table


def protect_all(tables: Iterable[Table]) -> list[Table]:
    return [protect(t) for t in tables]
