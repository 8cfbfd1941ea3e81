"""Percentiles in the database: PostgreSQL's ``percentile_cont``; a portable fallback elsewhere.

On PostgreSQL the median and the 90th percentile are computed by the database
(``PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY …)``). SQLite has no such aggregate: there the caller
fetches the one column, ordered, and :func:`percentile_cont` computes the same value in Python
(linear interpolation between the closest ranks, exactly as ``percentile_cont`` does).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Aggregate, FloatField, Func


class PercentileCont(Aggregate):
    """``PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY expression)`` (PostgreSQL only)."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()
    allow_distinct = False

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        fraction = float(fraction)
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        super().__init__(expression, fraction=repr(fraction), **extra)


class EpochSeconds(Func):
    """Seconds in an interval (PostgreSQL): ``EXTRACT(EPOCH FROM …)``."""

    template = "EXTRACT(EPOCH FROM %(expressions)s)"
    output_field = FloatField()


def database_has_percentiles() -> bool:
    return connection.vendor == "postgresql"


def percentile_cont(sorted_values: Sequence[float], fraction: float) -> float | None:
    """The same value as PostgreSQL's ``percentile_cont`` over already sorted values."""
    if not sorted_values:
        return None
    position = fraction * (len(sorted_values) - 1)
    lower = math.floor(position)
    upper = math.ceil(position)
    low_value = float(sorted_values[lower])
    return low_value + (float(sorted_values[upper]) - low_value) * (position - lower)
