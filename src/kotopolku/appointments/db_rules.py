"""The database's own no-double-booking rule, per database engine.

PostgreSQL: an exclusion constraint (created by migration 0002; ``ALTER TABLE`` keeps it).
SQLite: triggers. SQLite has no exclusion constraints, and Django rebuilds a SQLite table for many
schema changes (a new column with a default, say) — which drops the table's triggers. So the
triggers are (re)created after every ``migrate`` (a ``post_migrate`` receiver, see apps.py), not
only once by a migration.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

RULE = "appointment_no_double_booking"
ACTIVE = "('booked', 'attended', 'no_show')"

# Constant SQL built from constants (no input): safe string formatting.
_OVERLAP = f"""NEW.status IN {ACTIVE} AND EXISTS (
    SELECT 1 FROM appointments_appointment AS other
    WHERE other.staff_id = NEW.staff_id AND other.id IS NOT NEW.id AND other.status IN {ACTIVE}
      AND other.blocked_start < NEW.blocked_end AND NEW.blocked_start < other.blocked_end)"""  # noqa: S608

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS {RULE}_insert BEFORE INSERT ON appointments_appointment
        WHEN {_OVERLAP}
        BEGIN SELECT RAISE(ABORT, '{RULE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {RULE}_update
        BEFORE UPDATE OF staff_id, blocked_start, blocked_end, status ON appointments_appointment
        WHEN {_OVERLAP}
        BEGIN SELECT RAISE(ABORT, '{RULE}'); END""",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {RULE}_insert", f"DROP TRIGGER IF EXISTS {RULE}_update"]

POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE appointments_appointment ADD CONSTRAINT {RULE}
        EXCLUDE USING gist (staff_id WITH =, tstzrange(blocked_start, blocked_end, '[)') WITH &&)
        WHERE (status IN {ACTIVE})""",
]
POSTGRES_DROP = [f"ALTER TABLE appointments_appointment DROP CONSTRAINT IF EXISTS {RULE}"]


def table_exists(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        return "appointments_appointment" in connection.introspection.table_names(cursor)


def rule_is_in_place(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s)",
                [f"{RULE}_insert", f"{RULE}_update"],
            )
            return cursor.fetchone()[0] == 2
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_constraint WHERE conname = %s", [RULE])
            return cursor.fetchone()[0] == 1
    return False


def ensure_rule(connection: BaseDatabaseWrapper) -> None:
    """Create the rule where it is missing (idempotent)."""
    if not table_exists(connection) or rule_is_in_place(connection):
        return
    statements = {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_CREATE}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def ensure_rule_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    from django.db import connections

    ensure_rule(connections[using])
