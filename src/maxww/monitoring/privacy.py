"""Small-cell suppression: the one place that decides what an aggregate may show.

Every figure on the dashboard, in its charts and in its exports goes through
:func:`protect_all` (or :func:`protect` for a table shown on its own).

- **Primary suppression**: a count of fewer than ``THRESHOLD`` people (0–9) is
  hidden. So is a *complement* that is never shown but follows from two shown
  figures (checked − still working, invited − attended − no-show, …).
- **Derived cells** (rates, amounts, estimates) are hidden when a figure they
  are computed from is hidden, so ``3 of 200`` never leaks as ``1.5%`` and a
  hidden cost never comes back as cost per placement × placements.
- **Secondary suppression** works on linear *relations* between the figures
  published together: every additive column of a table with its total, every
  complement, and the relations between tables (a region's row in one table is
  the total of another; the months add up to the forecast total). A relation
  with hidden figures must keep at least two of them unknown, and the unknown
  parts of a shown total must add up to at least ``THRESHOLD``; otherwise the
  smallest shown part is hidden too, until every relation holds.
- **Check**: a small linear programme (:func:`exposure`) then computes, for each
  hidden figure, the range it can take given everything shown (all figures
  ≥ 0). A range narrower than ``THRESHOLD`` hides one more figure, until none is.

All hidden figures look the same (``x``), so a reader cannot tell a small count
from one that is hidden to protect it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format

THRESHOLD = 10
SUPPRESSED = "x"
SUPPRESSED_MEANS = (
    "afgeschermd: minder dan 10 personen, of een cijfer waaruit samen met andere "
    "cijfers op deze pagina of in de export een klein aantal terug te rekenen is."
)
NO_DATA = "geen gegevens"
TOTAL = "total"
MAX_ROUNDS = 200

Ref = tuple[str, str, str]  # (table key, row id or TOTAL, column key)


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
    ``money`` (a euro amount, hidden with ``num`` or ``den``), ``number`` or
    ``estimate`` (a model figure that depends on the count in ``den``).
    ``parts``: this count is the sum of those columns in the same row.
    ``complement``: a count that is never shown but follows from shown ones.
    ``hidden``: computed with but not shown (and not secret either: e.g. the
    counts behind a shown rate).
    """

    key: str
    label: str
    kind: str = "count"
    num: str = ""
    den: str = ""
    additive: bool = True
    hidden: bool = False
    parts: tuple[str, ...] = ()
    complement: bool = False
    empty: str = "–"


@dataclass(frozen=True)
class Relation:
    """A linear relation between published figures: ``whole = Σ parts``."""

    whole: Ref
    parts: tuple[Ref, ...]


@dataclass
class Table:
    """An aggregate table: raw values in, protected cells out (see :func:`protect_all`).

    A row may carry an ``_id`` (stable across views, e.g. ``m12`` for a
    municipality); otherwise its index is its id. The total row's id is ``TOTAL``.
    """

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

    def row_id(self, index: int) -> str:
        return str(self.rows[index].get("_id", index))

    def row_index(self, row_id: str) -> int | None:
        ids = [self.row_id(i) for i in range(len(self.rows))]
        return ids.index(row_id) if row_id in ids else None

    @property
    def visible_columns(self) -> list[Column]:
        return [c for c in self.columns if not (c.hidden or c.complement)]

    def _keep(self) -> list[int]:
        return [i for i, c in enumerate(self.columns) if not (c.hidden or c.complement)]

    def visible_rows(self) -> list[list[Cell]]:
        keep = self._keep()
        return [[row[i] for i in keep] for row in self.cells]

    def visible_total(self) -> list[Cell] | None:
        if self.total_cells is None:
            return None
        return [self.total_cells[i] for i in self._keep()]

    def series(self, key: str) -> list[float | int | None]:
        """The protected values of one column, for charts (None where hidden)."""
        index = [c.key for c in self.columns].index(key)
        return [row[index].value for row in self.cells]

    def cell(self, row_id: str, key: str) -> Cell | None:
        index = [c.key for c in self.columns].index(key)
        if row_id == TOTAL:
            return self.total_cells[index] if self.total_cells else None
        i = self.row_index(row_id)
        return None if i is None else self.cells[i][index]

    def _records(self) -> list[tuple[str, dict]]:
        out = [(self.row_id(i), row) for i, row in enumerate(self.rows)]
        if self.total is not None:
            out.append((TOTAL, self.total))
        return out

    def relations(self) -> list[Relation]:
        """The relations inside this table: column totals and row parts."""
        out = []
        ids = [self.row_id(i) for i in range(len(self.rows))]
        for col in self.columns:
            if col.kind != "count":
                continue
            if self.total is not None and col.additive and not col.complement:
                out.append(
                    Relation(
                        (self.key, TOTAL, col.key),
                        tuple((self.key, i, col.key) for i in ids),
                    )
                )
            if col.parts:
                for row_id, _row in self._records():
                    out.append(
                        Relation(
                            (self.key, row_id, col.key),
                            tuple((self.key, row_id, p) for p in col.parts),
                        )
                    )
        return out


def is_small(count: int | None) -> bool:
    """Does this count identify too few people to show?

    >>> is_small(9), is_small(10), is_small(0)
    (True, False, True)
    """
    return count is None or count < THRESHOLD


def _round_half_up(value: float, places: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), "ROUND_HALF_UP")


def format_value(value: float | int | Decimal, kind: str) -> str:
    """Dutch notation, rounded half up (22/29 is 75,9%, never cut off to 75,8%).

    >>> format_value(22 / 29, "rate"), format_value(1234.5, "money")
    ('75,9%', '€ 1.235')
    """
    if kind == "rate":
        return f"{number_format(_round_half_up(float(value) * 100, 1), 1)}%"
    if kind == "money":
        rounded = _round_half_up(float(value), 0)
        return f"€ {number_format(rounded, 0, force_grouping=True)}"
    if kind in ("estimate", "number") and isinstance(value, float):
        return number_format(_round_half_up(value, 1), 1, force_grouping=True)
    return number_format(value, 0, force_grouping=True)


def _hidden() -> Cell:
    return Cell(None, SUPPRESSED, True)


def _cells(row: dict, hidden: set[str], columns: list[Column]) -> list[Cell]:
    """Format one row; ``hidden`` grows with the derived cells it blocks."""
    hidden = set(hidden)
    out = []
    for col in columns:
        value = row.get(col.key)
        blocked = (
            col.key in hidden
            or (col.num and col.num in hidden)
            or (col.den and col.den in hidden)
        )
        if value is None and col.kind not in ("count", "text"):
            out.append(Cell(None, col.empty))  # nothing to hide: no data at all
        elif blocked:
            hidden.add(col.key)
            out.append(_hidden())
        elif col.kind == "text":
            out.append(Cell(value, "" if value is None else str(value)))
        elif value is None:
            out.append(Cell(None, col.empty))
        else:
            if isinstance(value, Decimal):
                value = float(value)
            out.append(Cell(value, format_value(value, col.kind)))
    return out


def _values(tables: Iterable[Table]) -> tuple[dict[Ref, int], set[Ref]]:
    """Every count in the tables, and the refs of the complements among them."""
    values: dict[Ref, int] = {}
    complements: set[Ref] = set()
    for t in tables:
        for row_id, row in t._records():
            for col in t.columns:
                if col.kind != "count":
                    continue
                ref = (t.key, row_id, col.key)
                values[ref] = int(row.get(col.key) or 0)
                if col.complement:
                    complements.add(ref)
    return values, complements


def _needs_more(rel: Relation, values, unknown, complements) -> bool:
    """Would this relation give away a hidden (or small unshown) figure?"""
    refs = [rel.whole, *rel.parts]
    unk = [r for r in refs if r in unknown]
    if not unk:
        return False
    if all(r in complements and not is_small(values[r]) for r in unk):
        return False  # only a large unshown complement follows: nothing to protect
    if rel.whole in unknown:
        return len(unk) < 2
    hidden_parts = [p for p in rel.parts if p in unknown]
    mass = sum(values[p] for p in hidden_parts)
    return len(hidden_parts) < 2 or mass < THRESHOLD


def _hide_one_more(rel: Relation, values, unknown) -> bool:
    shown = [p for p in rel.parts if p not in unknown]
    if shown:
        unknown.add(min(shown, key=lambda r: (values[r], r)))
        return True
    if rel.whole not in unknown:
        unknown.add(rel.whole)
        return True
    return False


def _components(rels: list[Relation], unknown: set[Ref]) -> list[list[Relation]]:
    """Relations grouped by the hidden figures they share (union-find)."""
    parent: dict[Ref, Ref] = {}

    def find(x: Ref) -> Ref:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rel in rels:
        refs = [x for x in (rel.whole, *rel.parts) if x in unknown]
        for x in refs[1:]:
            parent[find(x)] = find(refs[0])
    groups: dict[Ref, list[Relation]] = {}
    for rel in rels:
        first = next(x for x in (rel.whole, *rel.parts) if x in unknown)
        groups.setdefault(find(first), []).append(rel)
    return list(groups.values())


def exposure(
    values: dict[Ref, int],
    unknown: set[Ref],
    relations: list[Relation],
    targets: Iterable[Ref] | None = None,
) -> dict[Ref, tuple[float, float]]:
    """For each hidden figure, the range it can take given the shown ones.

    A linear programme per bound (scipy's HiGHS): every figure ≥ 0, every
    relation holds, shown figures are fixed. The attacker's best linear guess;
    a range of at least ``THRESHOLD`` means no small number can be pinned down.
    Solved per group of relations that share hidden figures.
    """
    rels = [r for r in relations if any(x in unknown for x in (r.whole, *r.parts))]
    wanted = set(targets) if targets is not None else None
    out: dict[Ref, tuple[float, float]] = {}
    for group in _components(rels, unknown):
        out |= _exposure_of(values, unknown, group, wanted)
    return out


def _exposure_of(values, unknown, rels, wanted) -> dict[Ref, tuple[float, float]]:
    import numpy as np
    from scipy.optimize import linprog

    variables = sorted({x for r in rels for x in (r.whole, *r.parts) if x in unknown})
    index = {v: i for i, v in enumerate(variables)}
    a = np.zeros((len(rels), len(variables)))
    b = np.zeros(len(rels))
    for k, rel in enumerate(rels):
        for ref, sign in [(rel.whole, -1.0)] + [(p, 1.0) for p in rel.parts]:
            if ref in index:
                a[k, index[ref]] += sign
            else:
                b[k] -= sign * values[ref]
    out = {}
    for ref in variables:
        if wanted is not None and ref not in wanted:
            continue
        c = np.zeros(len(variables))
        c[index[ref]] = 1.0
        low = linprog(c, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
        high = linprog(-c, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
        lo = low.fun if low.status == 0 else 0.0
        hi = -high.fun if high.status == 0 else math.inf
        out[ref] = (lo, hi)
    return out


def _hide_in_component(ref: Ref, values, unknown, relations) -> bool:
    """Hide the smallest shown figure linked to ``ref`` through hidden ones.

    A shown part bounds a hidden whole from below, which can pin a figure in
    another relation; hiding a part nearby (else a total) widens the range.
    """
    rels = [r for r in relations if any(x in unknown for x in (r.whole, *r.parts))]
    group = next(
        (
            g
            for g in _components(rels, unknown)
            if any(ref in (r.whole, *r.parts) for r in g)
        ),
        [],
    )
    parts = {p for r in group for p in r.parts if p not in unknown}
    wholes = {r.whole for r in group if r.whole not in unknown}
    for pool in (parts, wholes):
        if pool:
            unknown.add(min(pool, key=lambda r: (values[r], r)))
            return True
    return False


def suppress(
    values: dict[Ref, int],
    relations: list[Relation],
    *,
    complements: set[Ref] = frozenset(),
    forced: Iterable[Ref] = (),
) -> set[Ref]:
    """The figures to hide: primary, forced, then secondary until nothing leaks."""
    unknown = {r for r, v in values.items() if is_small(v)} | set(complements)
    unknown |= {r for r in forced if r in values}
    relations = [
        r for r in relations if r.whole in values and all(p in values for p in r.parts)
    ]
    for _round in range(MAX_ROUNDS):
        changed = False
        for rel in relations:
            if _needs_more(rel, values, unknown, complements):
                changed |= _hide_one_more(rel, values, unknown)
        if changed:
            continue
        # A figure in one relation only is safe once that relation holds; the
        # linear check is needed where hidden figures meet in several.
        seen: dict[Ref, int] = {}
        for rel in relations:
            for x in (rel.whole, *rel.parts):
                if x in unknown:
                    seen[x] = seen.get(x, 0) + 1
        shared = {x for x, n in seen.items() if n > 1}
        protect_refs = [
            r
            for r in unknown
            if is_small(values[r]) and r in shared  # the small ones need it
        ]
        narrow = [
            ref
            for ref, (lo, hi) in sorted(
                exposure(values, unknown, relations, protect_refs).items()
            )
            if hi - lo < THRESHOLD
        ]
        if not narrow:
            break
        ref = narrow[0]
        if not any(
            _hide_one_more(rel, values, unknown)
            for rel in relations
            if ref in (rel.whole, *rel.parts)
        ) and not _hide_in_component(ref, values, unknown, relations):
            break
    return unknown


def protect_all(
    tables: Iterable[Table],
    relations: Iterable[Relation] = (),
    *,
    forced: Iterable[Ref] = (),
) -> list[Table]:
    """Protect tables that are published together (one page, one export).

    ``relations`` link figures across tables; ``forced`` are figures hidden
    elsewhere (e.g. in the view one filter change away) that must stay hidden.
    Fills ``cells`` and ``total_cells`` of every table.
    """
    tables = list(tables)
    values, complements = _values(tables)
    rels = [r for t in tables for r in t.relations()] + list(relations)
    unknown = suppress(values, rels, complements=complements, forced=forced)
    for t in tables:
        t.cells = [
            _cells(row, _hidden_keys(t, t.row_id(i), unknown), t.columns)
            for i, row in enumerate(t.rows)
        ]
        if t.total is not None:
            t.total_cells = _cells(t.total, _hidden_keys(t, TOTAL, unknown), t.columns)
    return tables


def hidden_refs(tables: Iterable[Table]) -> set[Ref]:
    """The refs of the count cells shown as hidden in protected tables."""
    out = set()
    for t in tables:
        for row_id, _row in t._records():
            for col in t.columns:
                cell = t.cell(row_id, col.key)
                if col.kind == "count" and cell is not None and cell.suppressed:
                    out.add((t.key, row_id, col.key))
    return out


def _hidden_keys(t: Table, row_id: str, unknown: set[Ref]) -> set[str]:
    return {c.key for c in t.columns if (t.key, row_id, c.key) in unknown}


def protect(table: Table) -> Table:
    """Protect one table on its own (its total and complements only)."""
    return protect_all([table])[0]
