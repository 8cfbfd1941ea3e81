"""Counts for statistics: legal deadlines met or missed, follow-up tasks done on time."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kotopolku.deadlines import selectors
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 10)


def test_deadline_outcomes_count_met_late_overdue_and_open(organization, other_organization):
    # Assessment due 2026-01-15: met.
    factories.ClientRecordFactory.create(
        organization=organization,
        first_residence_permit_date=datetime.date(2023, 1, 15),
        assessment_date=datetime.date(2025, 12, 1),
        integration_plan_date=datetime.date(2026, 1, 10),
        first_referral_date=datetime.date(2026, 3, 1),
    )
    # Assessment due 2026-02-01: done late; first plan due the same day: overdue.
    factories.ClientRecordFactory.create(
        organization=organization,
        first_residence_permit_date=datetime.date(2023, 2, 1),
        assessment_date=datetime.date(2026, 2, 2),
    )
    # Due 2026-06-20: still open. Anonymized record: still counted.
    factories.ClientRecordFactory.create(
        organization=organization,
        first_residence_permit_date=datetime.date(2023, 6, 20),
        first_name="",
        last_name="",
        anonymized_at=timezone.now(),
    )
    factories.ClientRecordFactory.create(
        organization=other_organization, first_residence_permit_date=datetime.date(2023, 2, 1)
    )

    counts = selectors.deadline_outcomes(
        organization=organization,
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 6, 30),
        today=TODAY,
    )

    assert counts["assessment"] == {"met": 1, "late": 1, "overdue": 0, "open": 1}
    assert counts["first_plan"] == {"met": 1, "late": 0, "overdue": 1, "open": 1}
    assert counts["referral"] == {"met": 0, "late": 0, "overdue": 0, "open": 0}  # due 10.7.2026: outside


def test_task_outcomes(organization, counselor):
    due = datetime.date(2026, 6, 1)
    make = factories.FollowUpTaskFactory.create
    make(
        organization=organization,
        due_on=due,
        done_at=timezone.make_aware(datetime.datetime(2026, 6, 1, 20, 0)),
    )
    make(
        organization=organization,
        due_on=due,
        done_at=timezone.make_aware(datetime.datetime(2026, 6, 3, 9, 0)),
    )
    make(organization=organization, due_on=due)
    make(organization=organization, due_on=datetime.date(2026, 6, 20))
    make(organization=organization, due_on=datetime.date(2026, 8, 1))

    counts = selectors.task_outcomes(
        organization=organization,
        date_from=datetime.date(2026, 6, 1),
        date_to=datetime.date(2026, 6, 30),
        today=TODAY,
    )

    assert counts == {"met": 1, "late": 1, "overdue": 1, "open": 1}
