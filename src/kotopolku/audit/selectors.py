from __future__ import annotations

from django.db.models import QuerySet

from kotopolku.audit.models import AuditEvent
from kotopolku.organizations.models import Organization


def audit_event_list(*, organization: Organization, action: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.for_organization(organization).select_related("actor")
    if action:
        events = events.filter(action=action)
    return events
