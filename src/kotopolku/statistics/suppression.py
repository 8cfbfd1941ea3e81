"""Small-count suppression for every figure that leaves the staff view (CSV, XLSX, PDF, API,
the system-wide view).

Rules (the usual ones of Statistics Finland and THL for counts of people):

1. *Primary suppression*: a count of 1–4 is shown as ``"<5"``. Zero is shown as 0: nobody can be
   recognised from nobody.
2. *Complementary suppression*: row and column totals are published, so a row (or column) with
   exactly one hidden cell would give it away (total minus the others). In such a line the
   next-smallest non-zero visible cell is hidden too, shown as ``"x"``. Hiding one cell can leave a
   crossing line with a single hidden cell, so this repeats until no line has exactly one.
3. A total of 1–4 is itself suppressed; a line whose total is hidden needs no complement.

The module works on plain matrices so that every table of the statistics goes through the same code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5
SMALL = "<5"
HIDDEN = "x"

Cell = int | str


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def suppress_value(value: int) -> Cell:
    """One stand-alone count (no table around it)."""
    return SMALL if is_small(value) else value


@dataclass(frozen=True)
class SuppressedTable:
    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell


def suppress_matrix(matrix: Sequence[Sequence[int]]) -> SuppressedTable:
    """Suppress a table of counts whose row totals, column totals and grand total are published."""
    rows = [list(row) for row in matrix]
    n_rows = len(rows)
    n_cols = max((len(row) for row in rows), default=0)
    for row in rows:
        row.extend([0] * (n_cols - len(row)))
    primary = {(r, c) for r in range(n_rows) for c in range(n_cols) if is_small(rows[r][c])}
    hidden = set(primary)
    row_sums = [sum(row) for row in rows]
    col_sums = [sum(rows[r][c] for r in range(n_rows)) for c in range(n_cols)]
    grand_total = sum(row_sums)
    # Totals hidden because their line had nothing else left to hide: ("row", r) / ("col", c).
    hidden_totals: set[tuple[str, int]] = set()

    def value(cell: tuple[int, int]) -> int:
        return rows[cell[0]][cell[1]]

    def complement(line: list[tuple[int, int]], total_key: tuple[str, int], line_total: int) -> bool:
        """Hide one more cell of ``line`` when it has exactly one hidden cell; True when it did."""
        if is_small(line_total) or total_key in hidden_totals:
            return False
        if sum(1 for cell in line if cell in hidden) != 1:
            return False
        candidates = [cell for cell in line if cell not in hidden and value(cell) > 0]
        if candidates:
            hidden.add(min(candidates, key=lambda cell: (value(cell), cell)))
        else:
            hidden_totals.add(total_key)
        return True

    def complement_totals(kind: str, sums: list[int]) -> bool:
        """The totals of one direction add up to the grand total: the same rule applies to them."""
        hidden_keys = [i for i in range(len(sums)) if (kind, i) in hidden_totals or is_small(sums[i])]
        if len(hidden_keys) != 1 or is_small(grand_total) or ("grand", 0) in hidden_totals:
            return False
        candidates = [i for i in range(len(sums)) if i not in hidden_keys and sums[i] > 0]
        if candidates:
            hidden_totals.add((kind, min(candidates, key=lambda i: (sums[i], i))))
        else:
            hidden_totals.add(("grand", 0))
        return True

    changed = True
    while changed:
        changed = False
        for r in range(n_rows):
            changed |= complement([(r, c) for c in range(n_cols)], ("row", r), row_sums[r])
        for c in range(n_cols):
            changed |= complement([(r, c) for r in range(n_rows)], ("col", c), col_sums[c])
        if n_cols > 1:
            changed |= complement_totals("row", row_sums)
        if n_rows > 1:
            changed |= complement_totals("col", col_sums)

    def total_cell(key: tuple[str, int], total: int) -> Cell:
        if is_small(total):
            return SMALL
        return HIDDEN if key in hidden_totals else total

    cells: list[list[Cell]] = [
        [(SMALL if (r, c) in primary else HIDDEN) if (r, c) in hidden else rows[r][c] for c in range(n_cols)]
        for r in range(n_rows)
    ]
    return SuppressedTable(
        cells=cells,
        row_totals=[total_cell(("row", r), total) for r, total in enumerate(row_sums)],
        column_totals=[total_cell(("col", c), total) for c, total in enumerate(col_sums)],
        total=total_cell(("grand", 0), grand_total),
    )


def suppress_column(values: Sequence[int]) -> tuple[list[Cell], Cell]:
    """A single column of counts with its published total."""
    result = suppress_matrix([[value] for value in values])
    return [row[0] for row in result.cells], result.total
