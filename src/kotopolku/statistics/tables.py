"""The shapes the statistics are handed around in: tables (with their chart and summary) and sections.

A :class:`Table` holds the exact figures; :meth:`Table.published` gives the same table with small
counts suppressed (see :mod:`kotopolku.statistics.suppression`) for everything that leaves the staff
view. Charts and summaries are built from the same rows, so the picture, the sentence and the data
table never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kotopolku.statistics import suppression
from kotopolku.statistics.suppression import Cell

COUNTS = "counts"
MEASURES = "measures"

Number = int | float | None


@dataclass
class Row:
    label: str
    values: list[Number]
    # Measures only: how many observations each value stands on (suppressed when 1–4).
    weights: list[int] | None = None


@dataclass
class Bar:
    label: str
    value: float
    shown: str
    y: float
    width: float

    @property
    def text_y(self) -> float:
        return self.y + 16

    @property
    def value_x(self) -> float:
        return Chart.label_width + 10 + self.width + 6


@dataclass
class Chart:
    title: str
    description: str
    bars: list[Bar]
    height: int
    label_width: ClassVar[int] = 200
    bar_area: ClassVar[int] = 300

    @property
    def bar_x(self) -> int:
        return self.label_width + 10

    @property
    def width(self) -> int:
        return self.label_width + 10 + self.bar_area + 70


@dataclass
class Table:
    key: str
    title: str
    row_header: str
    columns: list[str]
    rows: list[Row]
    kind: str = COUNTS
    note: str = ""
    chart_column: int | None = None  # the column drawn (None: the row totals of a counts table)
    chart: Chart | None = field(default=None, init=False)
    summary: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.chart = self._chart()
        self.summary = self._summary()

    # --- Exact figures (the staff view) ---------------------------------------------------------

    @property
    def has_totals(self) -> bool:
        return self.kind == COUNTS

    def row_total(self, row: Row) -> int:
        return sum(int(value or 0) for value in row.values)

    def column_totals(self) -> list[int]:
        return [sum(int(row.values[i] or 0) for row in self.rows) for i in range(len(self.columns))]

    @property
    def total(self) -> int:
        return sum(self.column_totals())

    def display_rows(self) -> list[tuple[str, list[str], str]]:
        """(label, formatted values, formatted row total) for the page."""
        return [
            (
                row.label,
                [format_number(value) for value in row.values],
                format_number(self.row_total(row)) if self.has_totals else "",
            )
            for row in self.rows
        ]

    @property
    def total_shown(self) -> str:
        return format_number(self.total)

    def display_totals(self) -> list[str]:
        return [format_number(value) for value in self.column_totals()]

    @property
    def is_empty(self) -> bool:
        return not self.rows

    # --- Published figures (exports, PDF, API, system-wide view) ----------------------------------

    def published(self) -> PublishedTable:
        header = [self.row_header, *self.columns]
        if self.kind == COUNTS:
            matrix = [[int(value or 0) for value in row.values] for row in self.rows]
            result = suppression.suppress_matrix(matrix)
            multi = len(self.columns) > 1
            if multi:
                header.append(_("Total"))
            body: list[list[Cell | float | str]] = []
            for row, cells, row_total in zip(self.rows, result.cells, result.row_totals, strict=True):
                body.append([row.label, *cells, *([row_total] if multi else [])])
            footer: list[Cell | float | str] = [
                _("Total"),
                *result.column_totals,
                *([result.total] if multi else []),
            ]
            return PublishedTable(key=self.key, title=self.title, header=header, body=body, footer=footer)
        measures: list[list[Cell | float | str]] = []
        for row in self.rows:
            weights = row.weights or [0] * len(row.values)
            shown: list[Cell | float | str] = [
                suppression.HIDDEN if suppression.is_small(weight) else ("" if value is None else value)
                for value, weight in zip(row.values, weights, strict=True)
            ]
            measures.append([row.label, *shown])
        body = measures
        return PublishedTable(key=self.key, title=self.title, header=header, body=body, footer=None)

    # --- Chart and summary ----------------------------------------------------------------------

    def chart_values(self) -> list[tuple[str, float]]:
        if self.chart_column is None:
            if self.kind != COUNTS:
                return []
            return [(row.label, float(self.row_total(row))) for row in self.rows]
        return [(row.label, float(row.values[self.chart_column] or 0)) for row in self.rows]

    def _chart(self) -> Chart | None:
        values = self.chart_values()
        if not values or max(value for _label, value in values) <= 0:
            return None
        what = self.columns[self.chart_column] if self.chart_column is not None else _("count")
        return bar_chart(
            title=self.title,
            description=_("Horizontal bar chart of %(what)s by %(by)s; the same figures are in the table.")
            % {"what": str(what).lower(), "by": str(self.row_header).lower()},
            values=values,
        )

    def _summary(self) -> str:
        values = self.chart_values()
        if not values:
            return "" if self.rows else _("No data in this period.")
        label, top = max(values, key=lambda item: item[1])
        if top <= 0:
            return _("No data in this period.")
        if self.chart_column is None:
            total = sum(value for _label, value in values)
            return _("%(total)s in all; the most: %(label)s, %(value)s (%(share)s %%).") % {
                "total": format_number(total),
                "label": label,
                "value": format_number(top),
                "share": number_format(round(100 * top / total), 0) if total else "0",
            }
        return _("Highest in “%(what)s”: %(label)s, %(value)s.") % {
            "what": self.columns[self.chart_column],
            "label": label,
            "value": format_number(top),
        }


@dataclass
class PublishedTable:
    key: str
    title: str
    header: list[str]
    body: list[list[Any]]
    footer: list[Any] | None

    def all_rows(self) -> list[list[Any]]:
        return [self.header, *self.body, *([self.footer] if self.footer else [])]


@dataclass
class Figure:
    """A headline figure with the previous period of the same length."""

    label: str
    current: Number
    previous: Number

    @property
    def change(self) -> str:
        if self.current is None or self.previous is None:
            return ""
        if not self.previous:
            return "–"
        percent = round(100 * (float(self.current) - float(self.previous)) / float(self.previous))
        return f"{'+' if percent > 0 else ''}{percent} %"

    @property
    def current_shown(self) -> str:
        return format_number(self.current)

    @property
    def previous_shown(self) -> str:
        return format_number(self.previous)


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table]
    figures: list[Figure] = field(default_factory=list)
    note: str = ""


def format_number(value: Number) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return number_format(round(value, 1), 1, use_l10n=True)
    return number_format(int(value), 0, use_l10n=True, force_grouping=True)


BAR_HEIGHT = 22
BAR_GAP = 8


def bar_chart(*, title: str, description: str, values: Sequence[tuple[str, float]]) -> Chart:
    top = max((value for _label, value in values), default=0) or 1
    chart = Chart(title=title, description=description, bars=[], height=0)
    for index, (label, value) in enumerate(values):
        chart.bars.append(
            Bar(
                label=label if len(label) <= 28 else label[:27] + "…",
                value=value,
                shown=format_number(value),
                y=index * (BAR_HEIGHT + BAR_GAP),
                width=round(chart.bar_area * value / top, 1),
            )
        )
    chart.height = len(values) * (BAR_HEIGHT + BAR_GAP)
    return chart
