"""Follow-up tasks and reminder consents: every write validated and audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.deadlines import services
from kotopolku.deadlines.models import FollowUpTask, ReminderConsent
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db


def test_task_create_is_audited(organization, counselor, coordinator):
    client = factories.ClientRecordFactory.create(organization=organization)
    due = timezone.localdate() + datetime.timedelta(days=5)

    task = services.task_create(
        organization=organization,
        title="  Soita   Kelaan ",
        due_on=due,
        assignee=counselor,
        client=client,
        actor=coordinator,
    )

    assert task.title == "Soita Kelaan"
    assert task.created_by == coordinator
    event = AuditEvent.objects.get(action=AuditAction.TASK_CREATED)
    assert event.organization == organization
    assert event.details == {"due_on": due.isoformat(), "assignee": counselor.pk, "client": client.pk}


@pytest.mark.parametrize(
    "problem", ["empty_title", "other_assignee", "other_client", "inactive_assignee", "reporting_assignee"]
)
def test_task_create_refuses_bad_input_and_writes_nothing(
    problem, organization, other_organization, counselor
):
    assignee = counselor
    client = None
    title = "Soita"
    if problem == "empty_title":
        title = "   "
    elif problem == "other_assignee":
        assignee = factories.CounselorFactory.create(organization=other_organization)
    elif problem == "other_client":
        client = factories.ClientRecordFactory.create(organization=other_organization)
    elif problem == "reporting_assignee":
        assignee = factories.ReportingFactory.create(organization=organization)
    else:
        assignee = factories.CounselorFactory.create(organization=organization, is_active=False)

    with pytest.raises(ValidationError):
        services.task_create(
            organization=organization,
            title=title,
            due_on=timezone.localdate(),
            assignee=assignee,
            client=client,
            actor=counselor,
        )

    assert not FollowUpTask.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.TASK_CREATED).exists()


def test_task_complete_and_reopen_are_audited_once(organization, counselor):
    task = factories.FollowUpTaskFactory.create(organization=organization, assignee=counselor)

    services.task_complete(task=task, actor=counselor)
    services.task_complete(task=task, actor=counselor)  # already done: no second event
    task.refresh_from_db()
    assert task.is_done and task.done_by == counselor

    services.task_reopen(task=task, actor=counselor)
    task.refresh_from_db()
    assert not task.is_done and task.done_by is None
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == [AuditAction.TASK_COMPLETED, AuditAction.TASK_REOPENED]


def test_consent_given_withdrawn_and_given_again(organization, counselor):
    client = factories.ClientRecordFactory.create(organization=organization)
    today = timezone.localdate()

    services.reminder_consent_give(client=client, given_on=today, actor=counselor)
    services.reminder_consent_withdraw(client=client, actor=counselor)
    consent = ReminderConsent.objects.get(client=client)
    assert not consent.is_active
    services.reminder_consent_give(client=client, given_on=today, actor=counselor)

    consent.refresh_from_db()
    assert consent.is_active and consent.recorded_by == counselor
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        AuditAction.REMINDER_CONSENT_GIVEN,
        AuditAction.REMINDER_CONSENT_WITHDRAWN,
        AuditAction.REMINDER_CONSENT_GIVEN,
    ]


def test_consent_cannot_be_dated_in_the_future(organization, counselor):
    client = factories.ClientRecordFactory.create(organization=organization)
    with pytest.raises(ValidationError):
        services.reminder_consent_give(
            client=client, given_on=timezone.localdate() + datetime.timedelta(days=1), actor=counselor
        )
    assert not ReminderConsent.objects.exists()


def test_anonymizing_a_client_blanks_task_titles_and_drops_the_consent(organization, counselor):
    client = factories.ClientRecordFactory.create(organization=organization)
    other = factories.FollowUpTaskFactory.create(organization=organization, title="Muu tehtävä")
    factories.FollowUpTaskFactory.create(organization=organization, client=client, title="Soita Aminalle")
    factories.ReminderConsentFactory.create(client=client, organization=organization)

    assert services.client_deadline_data_anonymize(client=client) == 1

    assert list(FollowUpTask.objects.filter(client=client).values_list("title", flat=True)) == ["–"]
    other.refresh_from_db()
    assert other.title == "Muu tehtävä"
    assert not ReminderConsent.objects.exists()
