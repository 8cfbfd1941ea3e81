"""No double booking, enforced by the database itself.

PostgreSQL: an exclusion constraint — no two active appointments of one staff member whose blocked
ranges (meeting plus buffers) overlap. SQLite: triggers with the same rule.
"""

from django.db import migrations

ACTIVE = "('booked', 'attended', 'no_show')"

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE appointments_appointment ADD CONSTRAINT appointment_no_double_booking
        EXCLUDE USING gist (staff_id WITH =, tstzrange(blocked_start, blocked_end, '[)') WITH &&)
        WHERE (status IN {ACTIVE})""",
]
POSTGRES_BACKWARD = ["ALTER TABLE appointments_appointment DROP CONSTRAINT appointment_no_double_booking"]

_OVERLAP = f"""NEW.status IN {ACTIVE} AND EXISTS (
    SELECT 1 FROM appointments_appointment AS other
    WHERE other.staff_id = NEW.staff_id AND other.id IS NOT NEW.id AND other.status IN {ACTIVE}
      AND other.blocked_start < NEW.blocked_end AND NEW.blocked_start < other.blocked_end)"""
SQLITE_FORWARD = [
    f"""CREATE TRIGGER appointment_no_double_booking_insert BEFORE INSERT ON appointments_appointment
        WHEN {_OVERLAP}
        BEGIN SELECT RAISE(ABORT, 'appointment_no_double_booking'); END""",
    f"""CREATE TRIGGER appointment_no_double_booking_update
        BEFORE UPDATE OF staff_id, blocked_start, blocked_end, status ON appointments_appointment
        WHEN {_OVERLAP}
        BEGIN SELECT RAISE(ABORT, 'appointment_no_double_booking'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS appointment_no_double_booking_insert",
    "DROP TRIGGER IF EXISTS appointment_no_double_booking_update",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
