"""Shared pieces of the statistics selectors: the filters, the report, labels and query helpers."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.models import User
from kotopolku.clients.languages import CLIENT_LANGUAGES
from kotopolku.organizations.models import Organization, Place
from kotopolku.statistics.aggregates import (
    PercentileCont,
    database_has_percentiles,
    percentile_cont,
)
from kotopolku.statistics.periods import Period
from kotopolku.statistics.tables import Row, Section, Table


@dataclass(frozen=True)
class Filters:
    organization: Organization | None  # None: every municipality (system administrators)
    period: Period
    place: Place | None = None
    worker: User | None = None

    @property
    def system_wide(self) -> bool:
        return self.organization is None


@dataclass
class Report:
    filters: Filters
    previous: Period
    sections: list[Section]

    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables() if table.key == key), None)


# --- Labels ---------------------------------------------------------------------------------------


def language_label(code: str) -> str:
    labels = {key: str(value) for key, value in CLIENT_LANGUAGES}
    labels.update({key: str(value) for key, value in settings.LANGUAGES if key not in labels})
    if not code:
        return _("Not recorded")
    return labels.get(code, code[:1].upper() + code[1:])


def month_label(month: datetime.date | datetime.datetime) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def _choice_labels(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    return {key: str(value) for key, value in choices}


def _month_key(value: datetime.date | datetime.datetime | None) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date().replace(day=1) if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def _matrix_rows(
    counts: dict[tuple[Any, Any], int], row_keys: list[Any], col_keys: list[Any], label: Any
) -> list[Row]:
    return [
        Row(label(key), [counts.get((key, col), 0) for col in col_keys])
        for key in row_keys
        if any(counts.get((key, col), 0) for col in col_keys)
    ]


def _single_rows(counter: Counter[Any], label: Any, keys: list[Any] | None = None) -> list[Row]:
    ordered = keys if keys is not None else [key for key, _n in counter.most_common()]
    return [Row(label(key), [counter[key]]) for key in ordered if counter.get(key)]


def _in(period: Period, field_name: str) -> Q:
    return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lte": period.end})


def _in_time(period: Period, field_name: str) -> Q:
    start, end = period.aware_bounds()
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})


def _scoped(queryset: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    if filters.organization is None:
        return queryset
    return queryset.filter(organization=filters.organization)


def _percentiles(queryset: QuerySet[Any], expressions: dict[str, Any], python_values: Any) -> dict[str, Any]:
    """``{"name_p50": …, "name_p90": …}`` for each expression: in SQL on PostgreSQL, otherwise from
    the ordered values of one query (``python_values(queryset) -> {name: [values]}``)."""
    if database_has_percentiles():
        aggregates: dict[str, Any] = {}
        for name, expression in expressions.items():
            aggregates[f"{name}_p50"] = PercentileCont(expression, 0.5)
            aggregates[f"{name}_p90"] = PercentileCont(expression, 0.9)
        return queryset.aggregate(**aggregates)
    values: dict[str, list[float]] = python_values(queryset)
    result: dict[str, Any] = {}
    for name in expressions:
        ordered = sorted(values.get(name, []))
        result[f"{name}_p50"] = percentile_cont(ordered, 0.5)
        result[f"{name}_p90"] = percentile_cont(ordered, 0.9)
    return result


def _columns(rows: Iterable[tuple[Any, ...]], names: list[str]) -> dict[str, list[float]]:
    result: dict[str, list[float]] = {name: [] for name in names}
    for row in rows:
        for name, value in zip(names, row, strict=True):
            if value is not None:
                result[name].append(float(value))
    return result
