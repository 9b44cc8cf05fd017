"""Small-cell suppression: primary, derived, secondary and the linear check."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maxww.monitoring.privacy import (
    SUPPRESSED,
    THRESHOLD,
    TOTAL,
    Column,
    Relation,
    Table,
    exposure,
    protect,
    protect_all,
)


def _table(rows, total=None):
    return protect(
        Table(
            key="t",
            title="t",
            columns=[
                Column("name", "Naam", "text"),
                Column("n", "Aantal"),
                Column("b", "Bijstand"),
                Column("r", "Doorstroom", "rate", "b", "n"),
            ],
            rows=rows,
            total=total,
        )
    )


def test_counts_under_ten_are_hidden():
    t = _table(
        [
            {"name": "A", "n": 9, "b": 0, "r": 0.0},
            {"name": "B", "n": 10, "b": 10, "r": 1.0},
        ]
    )
    assert [c.display for c in t.cells[0]][:2] == ["A", SUPPRESSED]
    assert t.cells[0][1].value is None
    assert t.cells[1][1].display == "10"


def test_a_rate_is_hidden_when_its_numerator_is_small():
    t = _table([{"name": "A", "n": 200, "b": 3, "r": 0.015}])
    assert t.cells[0][2].display == SUPPRESSED
    assert t.cells[0][3].display == SUPPRESSED
    assert t.cells[0][1].display == "200"


def test_a_single_hidden_cell_cannot_be_recomputed_from_the_total():
    rows = [
        {"name": "A", "n": 100, "b": 20, "r": 0.2},
        {"name": "B", "n": 50, "b": 5, "r": 0.1},
        {"name": "C", "n": 60, "b": 12, "r": 0.2},
    ]
    t = _table(rows, total={"name": "Totaal", "n": 210, "b": 37, "r": 37 / 210})
    bijstand = [row[2] for row in t.cells]
    # B is small; C (the next smallest) is hidden too, so 37 - 20 leaves two unknowns.
    assert [c.suppressed for c in bijstand] == [False, True, True]
    assert t.cells[2][3].suppressed  # C's rate follows its hidden numerator
    assert t.total_cells[2].display == "37"


def test_two_small_hidden_cells_are_not_enough_when_they_add_up_to_less_than_ten():
    rows = [
        {"name": "A", "n": 100, "b": 20, "r": 0.2},
        {"name": "B", "n": 50, "b": 3, "r": 0.06},
        {"name": "C", "n": 60, "b": 4, "r": 0.07},
    ]
    t = _table(rows, total={"name": "Totaal", "n": 210, "b": 27, "r": 27 / 210})
    # 27 - 20 = 7 = B + C: B would lie in 0..7; so A is hidden as well.
    assert all(row[2].suppressed for row in t.cells)


def test_no_secondary_suppression_without_a_total():
    rows = [
        {"name": "A", "n": 100, "b": 20, "r": 0.2},
        {"name": "B", "n": 50, "b": 5, "r": 0.1},
    ]
    t = _table(rows)
    assert [row[2].suppressed for row in t.cells] == [False, True]


def test_a_small_complement_hides_the_figures_it_follows_from():
    """Checked 20, still working 13: the 7 who lost their job must not show."""
    t = protect(
        Table(
            key="d",
            title="d",
            columns=[
                Column("label", "Controle", "text"),
                Column("checked", "Gecontroleerd", parts=("working", "lost")),
                Column("working", "Werkt nog"),
                Column("lost", "Werkt niet meer", complement=True),
                Column("rate", "Duurzaam", "rate", "working", "checked"),
            ],
            rows=[
                {
                    "label": "3 maanden",
                    "checked": 20,
                    "working": 13,
                    "lost": 7,
                    "rate": 0.65,
                }
            ],
        )
    )
    shown = [c.display for c in t.visible_rows()[0]]
    assert shown == ["3 maanden", "20", SUPPRESSED, SUPPRESSED]


def test_a_hidden_cost_does_not_come_back_as_cost_per_placement():
    t = protect(
        Table(
            key="c",
            title="c",
            columns=[
                Column("people", "Personen", additive=False),
                Column("cost", "Kosten", "money", den="people"),
                Column("placements", "Plaatsingen", additive=False),
                Column("per", "Per plaatsing", "money", "cost", "placements"),
            ],
            rows=[{"people": 4, "cost": 1200.0, "placements": 30, "per": 40.0}],
        )
    )
    assert [c.display for c in t.cells[0]] == [SUPPRESSED, SUPPRESSED, "30", SUPPRESSED]


def test_a_total_shown_in_another_table_is_protected_across_tables():
    """All regions 80 bijstand, five regions shown: the sixth (5) stays hidden."""
    regions = Table(
        key="regions",
        title="r",
        columns=[Column("name", "Regio", "text"), Column("b", "Bijstand")],
        rows=[
            {"_id": f"r{i}", "name": f"R{i}", "b": b}
            for i, b in enumerate([20, 15, 5, 14, 13, 13])
        ],
    )
    funnel = Table(
        key="funnel",
        title="f",
        columns=[Column("stage", "Stap", "text"), Column("people", "Personen")],
        rows=[{"_id": "to_bijstand", "stage": "Naar bijstand", "people": 80}],
    )
    link = Relation(
        ("funnel", "to_bijstand", "people"),
        tuple(("regions", f"r{i}", "b") for i in range(6)),
    )
    regions, funnel = protect_all([regions, funnel], [link])
    hidden = [row[1].suppressed for row in regions.cells]
    assert hidden.count(True) >= 2
    assert funnel.cells[0][1].display == "80"


def test_formatting_rounds_half_up():
    from maxww.monitoring.privacy import format_value

    assert format_value(22 / 29, "rate") == "75,9%"
    assert format_value(0.0605, "rate") == "6,1%"
    assert format_value(14.0, "estimate") == "14,0"


@st.composite
def _publications(draw):
    """Random two-level tables: municipalities within regions, with totals."""
    n_regions = draw(st.integers(1, 4))
    counts = draw(
        st.lists(
            st.lists(st.integers(0, 60), min_size=1, max_size=4),
            min_size=n_regions,
            max_size=n_regions,
        )
    )
    worked = draw(st.lists(st.integers(0, 30), min_size=16, max_size=16))
    return counts, worked


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_publications())
def test_no_hidden_figure_can_be_narrowed_below_the_threshold(data):
    """For random data, each hidden figure's feasible range given everything
    shown (tables, totals, cross-table totals, complements) is ≥ THRESHOLD."""
    counts, worked = data
    mun_rows, reg_rows, links = [], [], []
    k = 0
    for r, region in enumerate(counts):
        ids = []
        for n in region:
            w = min(worked[k % len(worked)], n)
            mun_rows.append(
                {"_id": f"m{k}", "name": f"M{k}", "n": n, "w": w, "rest": n - w}
            )
            ids.append(f"m{k}")
            k += 1
        reg_rows.append({"_id": f"r{r}", "name": f"R{r}", "n": sum(region)})
        links.append(
            Relation(("reg", f"r{r}", "n"), tuple(("mun", i, "n") for i in ids))
        )
    grand = sum(sum(region) for region in counts)
    columns = [
        Column("name", "Naam", "text"),
        Column("n", "Aantal", parts=("w", "rest")),
        Column("w", "Werk", additive=False),
        Column("rest", "Overig", complement=True),
    ]
    mun = Table("mun", "m", columns, mun_rows)
    reg = Table(
        "reg",
        "r",
        [Column("name", "Regio", "text"), Column("n", "Aantal")],
        reg_rows,
        total={"name": "Totaal", "n": grand},
    )
    tables = protect_all([mun, reg], links)
    values, unknown, relations = {}, set(), list(links)
    for t in tables:
        relations += t.relations()
        for row_id, row in t._records():
            for col in t.columns:
                if col.kind != "count":
                    continue
                ref = (t.key, row_id, col.key)
                values[ref] = row[col.key]
                cell = t.cell(row_id, col.key)
                if col.complement or cell.suppressed:
                    unknown.add(ref)
    targets = [
        r
        for r in unknown
        if not (r[2] == "rest" and values[r] >= THRESHOLD)  # large complements
    ]
    for ref, (lo, hi) in exposure(values, unknown, relations, targets).items():
        assert hi - lo >= THRESHOLD, (ref, values[ref], lo, hi)
    for t in tables:
        for row_id, row in t._records():
            for col in t.visible_columns:
                cell = t.cell(row_id, col.key)
                if col.kind == "count" and row[col.key] < THRESHOLD:
                    assert cell.suppressed
    assert reg.cell(TOTAL, "n").display == (
        SUPPRESSED if grand < THRESHOLD else str(grand)
    )
