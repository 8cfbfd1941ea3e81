"""Every write to the drop-in sessions, audited in the same transaction."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kotopolku.accounts.models import User
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import Actor, audit_record
from kotopolku.core.services import model_apply_changes
from kotopolku.dropin.models import DropinExtraSession, DropinSchedule, DropinSessionException
from kotopolku.organizations.models import Organization


def _check_staff(organization: Organization, staff: Sequence[User]) -> None:
    if any(person.organization_id != organization.pk for person in staff):
        raise ValidationError({"staff_on_duty": _("Choose staff of this municipality.")})


@transaction.atomic
def dropin_schedule_create(
    *, organization: Organization, data: dict[str, Any], actor: Actor, staff_on_duty: Sequence[User] = ()
) -> DropinSchedule:
    staff = list(staff_on_duty)
    _check_staff(organization, staff)
    schedule = DropinSchedule(organization=organization, **data)
    schedule.full_clean()
    schedule.save()
    schedule.staff_on_duty.set(staff)
    audit_record(
        actor=actor,
        action=AuditAction.DROPIN_SCHEDULE_CREATED,
        target=schedule,
        details={"weekday": schedule.weekday, "staff": len(staff)},
    )
    return schedule


@transaction.atomic
def dropin_schedule_update(
    *,
    schedule: DropinSchedule,
    data: dict[str, Any],
    actor: Actor,
    staff_on_duty: Sequence[User] | None = None,
) -> DropinSchedule:
    changed = model_apply_changes(schedule, data)
    if changed:
        schedule.full_clean()
        schedule.save()
    if staff_on_duty is not None:
        staff = list(staff_on_duty)
        _check_staff(schedule.organization, staff)
        if {p.pk for p in staff} != set(schedule.staff_on_duty.values_list("pk", flat=True)):
            schedule.staff_on_duty.set(staff)
            changed.append("staff_on_duty")
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.DROPIN_SCHEDULE_UPDATED,
            target=schedule,
            details={"fields": changed},
        )
    return schedule


@transaction.atomic
def dropin_session_cancel(
    *, schedule: DropinSchedule, date: datetime.date, reason: str, actor: Actor
) -> DropinSessionException:
    """Cancel one occurrence; ``reason`` (in Finnish; other languages may be added) is shown publicly."""
    if not schedule.occurs_on(date):
        raise ValidationError({"date": _("There is no drop-in session of this schedule on that day.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Write the reason: it is shown on the public page.")})
    try:
        with transaction.atomic():
            exception = DropinSessionException.objects.create(
                schedule=schedule,
                date=date,
                kind=DropinSessionException.Kind.CANCELLED,
                reason_fi=reason.strip(),
            )
    except IntegrityError as error:
        raise ValidationError({"date": _("This session is already cancelled.")}) from error
    audit_record(
        actor=actor,
        action=AuditAction.DROPIN_SESSION_CANCELLED,
        target=exception,
        organization=schedule.organization,
        details={"schedule": schedule.pk, "date": date.isoformat()},
    )
    return exception


@transaction.atomic
def dropin_session_restore(*, exception: DropinSessionException, actor: Actor) -> None:
    """Undo a staff cancellation (a public holiday stays cancelled)."""
    schedule = exception.schedule
    audit_record(
        actor=actor,
        action=AuditAction.DROPIN_SESSION_RESTORED,
        target=exception,
        organization=schedule.organization,
        details={"schedule": schedule.pk, "date": exception.date.isoformat()},
    )
    exception.delete()


@transaction.atomic
def dropin_extra_session_create(
    *, organization: Organization, data: dict[str, Any], actor: Actor, staff_on_duty: Sequence[User] = ()
) -> DropinExtraSession:
    staff = list(staff_on_duty)
    _check_staff(organization, staff)
    extra = DropinExtraSession(organization=organization, **data)
    extra.full_clean()
    if extra.place.organization_id != organization.pk:
        raise ValidationError({"place": _("Choose a place of this municipality.")})
    extra.save()
    extra.staff_on_duty.set(staff)
    audit_record(
        actor=actor,
        action=AuditAction.DROPIN_EXTRA_CREATED,
        target=extra,
        details={"start": extra.start.isoformat(), "staff": len(staff)},
    )
    return extra


@transaction.atomic
def dropin_extra_session_delete(*, extra: DropinExtraSession, actor: Actor) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.DROPIN_EXTRA_DELETED,
        target=extra,
        details={"start": extra.start.isoformat()},
    )
    extra.delete()
