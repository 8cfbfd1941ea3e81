"""Every write to municipalities, places, services and regular hours. Audited in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kotopolku.accounts.models import User
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import audit_record
from kotopolku.core.services import model_apply_changes
from kotopolku.organizations.models import Organization, Place, RegularHours, Service


@transaction.atomic
def organization_create(*, data: dict[str, Any], actor: User | None) -> Organization:
    organization = Organization(**data)
    organization.full_clean()
    organization.save()
    audit_record(actor=actor, action=AuditAction.ORGANIZATION_CREATED, target=organization)
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, data: dict[str, Any], actor: User) -> Organization:
    changed = model_apply_changes(organization, data)
    if changed:
        organization.full_clean()
        organization.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.ORGANIZATION_UPDATED,
            target=organization,
            details={"fields": changed},
        )
    return organization


@transaction.atomic
def place_create(*, organization: Organization, data: dict[str, Any], actor: User | None) -> Place:
    place = Place(organization=organization, **data)
    place.full_clean()
    place.save()
    audit_record(actor=actor, action=AuditAction.PLACE_CREATED, target=place)
    return place


@transaction.atomic
def place_update(*, place: Place, data: dict[str, Any], actor: User) -> Place:
    changed = model_apply_changes(place, data)
    if changed:
        place.full_clean()
        place.save(update_fields=[*changed, "updated_at"])
        audit_record(actor=actor, action=AuditAction.PLACE_UPDATED, target=place, details={"fields": changed})
    return place


@transaction.atomic
def service_create(*, organization: Organization, data: dict[str, Any], actor: User | None) -> Service:
    service = Service(organization=organization, **data)
    service.full_clean()
    service.save()
    audit_record(actor=actor, action=AuditAction.SERVICE_CREATED, target=service)
    return service


@transaction.atomic
def service_update(*, service: Service, data: dict[str, Any], actor: User) -> Service:
    changed = model_apply_changes(service, data)
    if changed:
        service.full_clean()
        service.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor, action=AuditAction.SERVICE_UPDATED, target=service, details={"fields": changed}
        )
    return service


@transaction.atomic
def regular_hours_create(
    *, organization: Organization, data: dict[str, Any], actor: User | None
) -> RegularHours:
    hours = RegularHours(organization=organization, **data)
    hours.full_clean()
    hours.save()
    audit_record(actor=actor, action=AuditAction.HOURS_CREATED, target=hours)
    return hours


@transaction.atomic
def regular_hours_update(*, hours: RegularHours, data: dict[str, Any], actor: User) -> RegularHours:
    changed = model_apply_changes(hours, data)
    if changed:
        hours.full_clean()
        hours.save(update_fields=[*changed, "updated_at"])
        audit_record(actor=actor, action=AuditAction.HOURS_UPDATED, target=hours, details={"fields": changed})
    return hours


@transaction.atomic
def regular_hours_delete(*, hours: RegularHours, actor: User) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.HOURS_DELETED,
        target=hours,
        details={"weekday": hours.weekday, "kind": hours.kind},
    )
    hours.delete()
