"""No double booking, enforced by the database itself (see kotopolku/appointments/db_rules.py).

PostgreSQL: an exclusion constraint — no two active appointments of one staff member whose blocked
ranges (meeting plus buffers) overlap. SQLite: triggers with the same rule; they are also recreated
after every migrate, because SQLite table rebuilds drop triggers.
"""

from django.db import migrations

from kotopolku.appointments import db_rules


def forward(apps, schema_editor):
    db_rules.ensure_rule(schema_editor.connection)


def backward(apps, schema_editor):
    statements = {"postgresql": db_rules.POSTGRES_DROP, "sqlite": db_rules.SQLITE_DROP}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
