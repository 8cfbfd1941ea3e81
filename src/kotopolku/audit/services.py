from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction

from kotopolku.accounts.models import User
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.organizations.models import Organization

Actor = User | AnonymousUser | None


@transaction.atomic
def audit_record(
    *,
    actor: Actor,
    action: AuditAction,
    target: models.Model | None = None,
    organization: Organization | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. Call it inside the service's transaction so both commit or neither does.

    ``organization`` defaults to the target's organization, then the actor's.
    ``details`` is small JSON: field names that changed, counts; never free-text personal data.
    """
    if organization is None and target is not None:
        organization = target if isinstance(target, Organization) else getattr(target, "organization", None)
    user = actor if isinstance(actor, User) else None
    if organization is None and user is not None:
        organization = user.organization
    return AuditEvent.objects.create(
        actor=user,
        action=action,
        organization=organization,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        details=details or {},
    )
