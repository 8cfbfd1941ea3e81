"""Small-count suppression: primary (1–4 → "<5") and complementary (a total can't reveal a cell)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kotopolku.statistics.suppression import HIDDEN, SMALL, suppress_column, suppress_matrix, suppress_value
from kotopolku.statistics.tables import MEASURES, Row, Table


def test_small_counts_are_shown_as_less_than_five_zero_and_five_as_they_are():
    assert [suppress_value(n) for n in (0, 1, 4, 5, 120)] == [0, SMALL, SMALL, 5, 120]


def test_a_lone_small_cell_in_a_row_takes_the_next_smallest_cell_with_it():
    result = suppress_matrix([[3, 10, 20], [8, 9, 30]])
    # Row 1: 3 is small; 10 is the next smallest of the row → hidden. Columns 1 and 2 then have one
    # hidden cell each, so 8 (column 1) and 9 (column 2) go too; each line now hides two or none.
    assert result.cells == [[SMALL, HIDDEN, 20], [HIDDEN, HIDDEN, 30]]
    assert result.row_totals == [33, 47]
    assert result.column_totals == [11, 19, 50]
    assert result.total == 80


def test_a_single_column_hides_the_next_smallest_value_too():
    values, total = suppress_column([3, 20, 40, 0])
    assert values == [SMALL, HIDDEN, 40, 0]
    assert total == 63


def test_two_small_cells_in_a_line_need_no_complement():
    values, total = suppress_column([2, 3, 40])
    assert values == [SMALL, SMALL, 40]
    assert total == 45


def test_a_small_total_is_suppressed_and_needs_no_complement():
    result = suppress_matrix([[1, 2], [0, 0]])
    assert result.row_totals == [SMALL, 0]
    assert result.total == SMALL


def test_nothing_to_hide_leaves_the_table_as_it_is():
    result = suppress_matrix([[5, 0], [10, 7]])
    assert result.cells == [[5, 0], [10, 7]]


def _hidden(cell) -> bool:
    return cell in (SMALL, HIDDEN)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=6).flatmap(
        lambda cols: st.lists(
            st.lists(st.integers(min_value=0, max_value=30), min_size=cols, max_size=cols),
            min_size=1,
            max_size=6,
        )
    )
)
def test_no_published_line_can_be_solved_for_a_hidden_cell(matrix):
    result = suppress_matrix(matrix)
    rows, cols = len(matrix), len(matrix[0])
    for r in range(rows):
        for c in range(cols):
            value, cell = matrix[r][c], result.cells[r][c]
            if 1 <= value <= 4:
                assert cell == SMALL
            elif not _hidden(cell):
                assert cell == value
    # Every line whose total is published hides either no cell or at least two.
    for r in range(rows):
        if not _hidden(result.row_totals[r]) and cols > 1:
            assert sum(_hidden(cell) for cell in result.cells[r]) != 1
    for c in range(cols):
        if not _hidden(result.column_totals[c]):
            assert sum(_hidden(result.cells[r][c]) for r in range(rows)) != 1


def test_published_tables_suppress_counts_and_measures_of_few_people():
    counts = Table(
        key="t", title="T", row_header="Who", columns=["A", "B"], rows=[Row("x", [2, 9]), Row("y", [7, 30])]
    )
    published = counts.published()
    assert published.body[0][1] == SMALL
    assert published.body[0][2] == HIDDEN  # the row total would reveal the 2 otherwise
    measures = Table(
        key="m",
        title="M",
        row_header="What",
        columns=["Median"],
        rows=[Row("few", [12.0], [3]), Row("many", [8.5], [40])],
        kind=MEASURES,
    )
    assert [row[1] for row in measures.published().body] == [HIDDEN, 8.5]
