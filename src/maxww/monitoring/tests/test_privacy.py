"""Small-cell suppression: primary, derived and secondary."""

from maxww.monitoring.privacy import SUPPRESSED, Column, Table, protect


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


def test_counts_under_ten_are_shown_as_less_than_ten():
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


def test_no_secondary_suppression_without_a_total():
    rows = [
        {"name": "A", "n": 100, "b": 20, "r": 0.2},
        {"name": "B", "n": 50, "b": 5, "r": 0.1},
    ]
    t = _table(rows)
    assert [row[2].suppressed for row in t.cells] == [False, True]
