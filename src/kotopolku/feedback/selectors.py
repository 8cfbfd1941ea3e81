from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from kotopolku.feedback.models import AccessibilityFeedback
from kotopolku.organizations.models import Organization


def feedback_list(*, organization: Organization, status: str = "") -> QuerySet[AccessibilityFeedback]:
    items = AccessibilityFeedback.objects.for_organization(organization)
    if status:
        items = items.filter(status=status)
    return items


def feedback_get(*, organization: Organization, pk: int) -> AccessibilityFeedback:
    return get_object_or_404(AccessibilityFeedback.objects.for_organization(organization), pk=pk)
