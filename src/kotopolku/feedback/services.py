from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import audit_record
from kotopolku.feedback.models import AccessibilityFeedback
from kotopolku.organizations.models import Organization


@transaction.atomic
def feedback_submit(
    *, organization: Organization, data: dict[str, Any], language: str
) -> AccessibilityFeedback:
    received = timezone.now()
    feedback = AccessibilityFeedback(
        organization=organization,
        received_at=received,
        answer_due=AccessibilityFeedback.due_date_for(received),
        language=language,
        **data,
    )
    feedback.full_clean()
    feedback.save()
    audit_record(actor=None, action=AuditAction.FEEDBACK_RECEIVED, target=feedback)
    return feedback


@transaction.atomic
def feedback_record_view(*, feedback: AccessibilityFeedback, actor: User) -> None:
    """Feedback may hold a name and contact details: every read by staff is audited."""
    audit_record(actor=actor, action=AuditAction.FEEDBACK_VIEWED, target=feedback)


@transaction.atomic
def feedback_mark_answered(
    *, feedback: AccessibilityFeedback, note: str, actor: User
) -> AccessibilityFeedback:
    feedback = AccessibilityFeedback.objects.select_for_update().get(pk=feedback.pk)
    feedback.status = AccessibilityFeedback.Status.ANSWERED
    feedback.answered_at = timezone.now()
    feedback.answered_by = actor
    feedback.answer_note = note
    feedback.save(update_fields=["status", "answered_at", "answered_by", "answer_note"])
    audit_record(actor=actor, action=AuditAction.FEEDBACK_ANSWERED, target=feedback)
    return feedback
