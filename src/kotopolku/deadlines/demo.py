"""Load the follow-up tasks and reminder consents of ``core.demo_content`` through the services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.appointments.selectors import TZ
from kotopolku.clients.models import Client
from kotopolku.core.demo_content import DEMO_REMINDER_CONSENTS, DEMO_TASKS
from kotopolku.deadlines import services
from kotopolku.deadlines.models import FollowUpTask
from kotopolku.organizations.models import Organization


def load_demo_deadlines(organization: Organization) -> int:
    """Idempotent: a municipality that already has follow-up tasks is left as it is."""
    tasks = DEMO_TASKS.get(organization.slug, [])
    if not tasks or FollowUpTask.objects.for_organization(organization).exists():
        return 0
    today = timezone.localdate(timezone.now(), TZ)
    clients = Client.objects.for_organization(organization).filter(anonymized_at__isnull=True)
    for username, days, title, first_name in tasks:
        assignee = User.objects.filter(organization=organization, username=username).first()
        if assignee is None:
            continue
        services.task_create(
            organization=organization,
            title=title,
            due_on=today + datetime.timedelta(days=days),
            assignee=assignee,
            client=clients.filter(first_name=first_name).first() if first_name else None,
            actor=None,
        )
    for first_name in DEMO_REMINDER_CONSENTS.get(organization.slug, []):
        client = clients.filter(first_name=first_name).first()
        if client is not None:
            services.reminder_consent_give(client=client, given_on=today, actor=None)
    return len(tasks)
