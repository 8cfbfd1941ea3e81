"""Accessibility feedback writes: the row, its 14-day deadline and the audit trail."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.feedback import services
from kotopolku.feedback.models import AccessibilityFeedback
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def feedback_data(**overrides):
    return {
        "message": "Lomakkeen painike ei toimi näppäimistöllä.",
        "page_url": "/fi/heinola/",
        "name": "Matti Meikäläinen",
        "email": "matti@example.fi",
        "phone": "040 123 4567",
        **overrides,
    }


def test_feedback_submit_saves_with_deadline_and_audits_without_personal_data(organization):
    feedback = services.feedback_submit(organization=organization, data=feedback_data(), language="ar")

    stored = AccessibilityFeedback.objects.get()
    assert stored == feedback
    assert (stored.organization, stored.language, stored.status) == (organization, "ar", "new")
    assert stored.answer_due == timezone.localdate() + datetime.timedelta(days=14)
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.FEEDBACK_RECEIVED,
        None,
        organization,
    )
    assert (event.target_type, event.target_id) == ("feedback.accessibilityfeedback", str(feedback.pk))
    assert event.details == {}


@pytest.mark.parametrize(
    ("received_utc", "due"),
    [
        # 23:30 UTC on 1 March is already 2 March in Helsinki: the 14 days count from the Finnish date.
        (datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC), datetime.date(2026, 3, 16)),
        (datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC), datetime.date(2026, 3, 15)),
        # Summer time (UTC+3): 21:30 UTC on 30 June is 1 July in Helsinki.
        (datetime.datetime(2026, 6, 30, 21, 30, tzinfo=datetime.UTC), datetime.date(2026, 7, 15)),
    ],
)
def test_answer_due_is_fourteen_days_from_the_helsinki_date(organization, monkeypatch, received_utc, due):
    monkeypatch.setattr(timezone, "now", lambda: received_utc)

    feedback = services.feedback_submit(organization=organization, data=feedback_data(), language="fi")

    assert AccessibilityFeedback.objects.get(pk=feedback.pk).answer_due == due
    assert due == received_utc.astimezone(HELSINKI).date() + datetime.timedelta(days=14)


@pytest.mark.parametrize(
    "data",
    [
        feedback_data(message=""),
        feedback_data(email="not-an-email"),
        feedback_data(page_url="x" * 301),
    ],
)
def test_invalid_feedback_writes_nothing(organization, data):
    with pytest.raises(ValidationError):
        services.feedback_submit(organization=organization, data=data, language="fi")

    assert not AccessibilityFeedback.objects.exists()
    assert not AuditEvent.objects.exists()


def test_feedback_record_view_audits_the_reader(organization, counselor):
    feedback = factories.FeedbackFactory.create(organization=organization)

    services.feedback_record_view(feedback=feedback, actor=counselor)

    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.FEEDBACK_VIEWED,
        counselor,
        organization,
    )
    assert event.target_id == str(feedback.pk)
    assert AccessibilityFeedback.objects.get(pk=feedback.pk).status == "new"


def test_feedback_mark_answered_saves_and_audits(organization, counselor):
    feedback = factories.FeedbackFactory.create(organization=organization)

    services.feedback_mark_answered(feedback=feedback, note="Vastattu sähköpostilla.", actor=counselor)

    stored = AccessibilityFeedback.objects.get(pk=feedback.pk)
    assert stored.status == AccessibilityFeedback.Status.ANSWERED
    assert stored.answered_by == counselor
    assert stored.answered_at is not None
    assert stored.answer_note == "Vastattu sähköpostilla."
    assert not stored.is_overdue
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.organization) == (
        AuditAction.FEEDBACK_ANSWERED,
        counselor,
        organization,
    )
    assert event.target_id == str(feedback.pk)
    assert "sähköpostilla" not in str(event.details)


def test_overdue_and_days_left(organization):
    today = timezone.localdate()
    late = factories.FeedbackFactory.create(
        organization=organization, answer_due=today - datetime.timedelta(days=1)
    )
    soon = factories.FeedbackFactory.create(
        organization=organization, answer_due=today + datetime.timedelta(days=3)
    )

    assert late.is_overdue and late.days_left == -1
    assert not soon.is_overdue and soon.days_left == 3
