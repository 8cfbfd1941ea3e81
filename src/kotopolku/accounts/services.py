"""Every write to staff accounts and their second factor. Audited in the same transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotopolku.accounts.models import Role, User
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import audit_record
from kotopolku.core.services import model_apply_changes
from kotopolku.organizations.models import Organization


@transaction.atomic
def staff_create(
    *, organization: Organization, data: dict[str, Any], password: str, actor: User | None
) -> User:
    user = User(organization=organization, **data)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(actor=actor, action=AuditAction.STAFF_CREATED, target=user, details={"role": user.role})
    return user


def _coordinators_left(organization: Organization | None, excluding: User) -> bool:
    return (
        User.objects.filter(organization=organization, role=Role.COORDINATOR, is_active=True)
        .exclude(pk=excluding.pk)
        .exists()
    )


@transaction.atomic
def staff_update(*, user: User, data: dict[str, Any], actor: User) -> User:
    # Lock the municipality's active coordinators first, always in the same order: two coordinators
    # stepping down at the same moment must not both see the other one staying.
    list(
        User.objects.select_for_update()
        .filter(organization=user.organization_id, role=Role.COORDINATOR, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    user = User.objects.select_for_update().get(pk=user.pk)
    was_active_coordinator = user.role == Role.COORDINATOR and user.is_active
    changed = model_apply_changes(user, data)
    if not changed:
        return user
    stays_coordinator = user.role == Role.COORDINATOR and user.is_active
    if was_active_coordinator and not stays_coordinator and not _coordinators_left(user.organization, user):
        raise ValidationError(_("The municipality must keep at least one active coordinator."))
    user.full_clean()
    user.save(update_fields=changed)
    audit_record(actor=actor, action=AuditAction.STAFF_UPDATED, target=user, details={"fields": changed})
    return user


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for the enrolment page; replaces any earlier unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=device.user, action=AuditAction.OTP_DEVICE_CONFIRMED, target=device.user)
    return True


@transaction.atomic
def totp_device_reset(*, user: User, actor: User) -> None:
    """For a lost phone: the staff member sets up a new authenticator at the next login."""
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action=AuditAction.OTP_DEVICE_RESET, target=user)
