"""The database's no-double-booking rule survives schema changes and is checked."""

from __future__ import annotations

import pytest
from django.core.checks import Error
from django.core.management import call_command
from django.db import connection

from kotopolku.appointments import db_rules
from kotopolku.appointments.checks import no_double_booking_rule_in_place


def _drop_rule() -> None:
    statements = {"sqlite": db_rules.SQLITE_DROP, "postgresql": db_rules.POSTGRES_DROP}[connection.vendor]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.mark.django_db(transaction=True)
def test_a_lost_rule_is_reported_and_migrate_puts_it_back():
    assert db_rules.rule_is_in_place(connection)
    assert no_double_booking_rule_in_place() == []

    _drop_rule()  # what a SQLite table rebuild does to triggers
    problems = no_double_booking_rule_in_place()
    assert [type(p) for p in problems] == [Error]
    assert problems[0].id == "kotopolku.E002"

    call_command("migrate", verbosity=0)  # nothing to migrate, but post_migrate restores the rule
    assert db_rules.rule_is_in_place(connection)
    assert no_double_booking_rule_in_place() == []
