from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError, connection

from kotopolku.appointments.db_rules import rule_is_in_place, table_exists


@register(Tags.database)
def no_double_booking_rule_in_place(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """``manage.py check --database default``: the database refuses overlapping bookings."""
    try:
        if not table_exists(connection) or rule_is_in_place(connection):
            return []
    except DatabaseError:
        return []  # not migrated yet
    return [
        Error(
            "The database does not enforce 'no double booking' (appointment_no_double_booking is missing).",
            hint="Run: manage.py migrate",
            id="kotopolku.E002",
        )
    ]
