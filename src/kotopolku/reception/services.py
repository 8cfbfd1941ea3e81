"""Every write of the reception: proposals, decisions, arrivals, checklists and the template.
Each one is atomic and audited in the same transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotopolku.accounts.models import User
from kotopolku.accounts.policy import Perm, can
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import Actor, audit_record
from kotopolku.clients.models import Household
from kotopolku.core.services import model_apply_changes
from kotopolku.organizations.models import Organization
from kotopolku.reception.defaults import DEFAULT_STEPS
from kotopolku.reception.models import ChecklistItem, ChecklistTemplateItem, Placement

PROPOSAL_FIELDS = ("reference", "received_on", "family_size", "ages", "needs")


def _check_owner(organization: Organization, owner: User | None, field: str = "owner") -> None:
    if owner is not None and (owner.is_superuser or not can(owner, Perm.WORK_ON_RECEPTION, organization)):
        raise ValidationError(
            {field: _("Choose a staff member of this municipality who works on the reception.")}
        )


def _check_proposal(data: dict[str, Any]) -> None:
    ages = data.get("ages") or []
    size = data.get("family_size")
    if any(not isinstance(age, int) or not 0 <= age <= 120 for age in ages):
        raise ValidationError({"ages": _("Give each age as a whole number from 0 to 120.")})
    if ages and size is not None and len(ages) != size:
        raise ValidationError({"ages": _("Give one age for each family member, or none.")})


def _save_unique(placement: Placement) -> None:
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError as error:
        raise ValidationError({"reference": _("A proposal with this reference already exists.")}) from error


@transaction.atomic
def placement_create(*, organization: Organization, data: dict[str, Any], actor: Actor) -> Placement:
    """Record a placement proposal of the ELY Centre (anonymous family data only)."""
    values = {key: data[key] for key in PROPOSAL_FIELDS if key in data}
    _check_proposal(values)
    placement = Placement(organization=organization, **values)
    placement.full_clean(exclude=["organization"])
    _save_unique(placement)
    audit_record(
        actor=actor,
        action=AuditAction.PLACEMENT_PROPOSED,
        target=placement,
        details={"family_size": placement.family_size},
    )
    return placement


@transaction.atomic
def placement_update(*, placement: Placement, data: dict[str, Any], actor: Actor) -> Placement:
    """Correct the proposal's data."""
    values = {key: data[key] for key in PROPOSAL_FIELDS if key in data}
    _check_proposal({"family_size": placement.family_size, **values})
    changed = model_apply_changes(placement, values)
    if changed:
        placement.full_clean(exclude=["organization"])
        _save_unique(placement)
        audit_record(
            actor=actor, action=AuditAction.PLACEMENT_UPDATED, target=placement, details={"fields": changed}
        )
    return placement


@transaction.atomic
def placement_decide(
    *,
    placement: Placement,
    accept: bool,
    decided_on: datetime.date,
    reason: str,
    actor: Actor,
    arrival_date: datetime.date | None = None,
) -> Placement:
    """The municipality's decision on a proposal. Declining needs a reason; accepting may give the
    planned arrival date (the checklist is created as soon as there is one)."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.status != Placement.Status.PROPOSED:
        raise ValidationError(_("This proposal has already been decided."))
    reason = reason.strip()
    if not accept and not reason:
        raise ValidationError({"decision_reason": _("Write the reason for declining.")})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The date cannot be in the future.")})
    if decided_on < placement.received_on:
        raise ValidationError({"decided_on": _("The decision cannot be before the proposal was received.")})
    if accept and arrival_date is not None and arrival_date < decided_on:
        raise ValidationError({"arrival_date": _("The arrival cannot be before the decision.")})
    placement.status = Placement.Status.ACCEPTED if accept else Placement.Status.DECLINED
    placement.decided_on = decided_on
    placement.decision_reason = reason
    placement.decided_by = actor if isinstance(actor, User) else None
    placement.arrival_date = arrival_date if accept else None
    placement.save(
        update_fields=["status", "decided_on", "decision_reason", "decided_by", "arrival_date", "updated_at"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.PLACEMENT_DECIDED,
        target=placement,
        details={
            "accepted": accept,
            "arrival_date": arrival_date.isoformat() if arrival_date and accept else None,
        },
    )
    if accept and arrival_date is not None:
        checklist_create(placement=placement, actor=actor)
    return placement


@transaction.atomic
def placement_set_arrival(
    *, placement: Placement, arrival_date: datetime.date, arrived: bool, actor: Actor
) -> Placement:
    """Set (or move) the arrival date; ``arrived`` records that the family has come. Every checklist
    due date follows the arrival date. The first date creates the checklist from the template."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.status not in {Placement.Status.ACCEPTED, Placement.Status.ARRIVED}:
        raise ValidationError(_("Only an accepted placement has an arrival."))
    if arrived and arrival_date > timezone.localdate():
        raise ValidationError({"arrival_date": _("The family cannot have arrived on a future day.")})
    if placement.decided_on and arrival_date < placement.decided_on:
        raise ValidationError({"arrival_date": _("The arrival cannot be before the decision.")})
    was_arrived = placement.status == Placement.Status.ARRIVED
    placement.arrival_date = arrival_date
    placement.status = Placement.Status.ARRIVED if arrived else Placement.Status.ACCEPTED
    placement.save(update_fields=["arrival_date", "status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.PLACEMENT_ARRIVED
        if arrived and not was_arrived
        else AuditAction.PLACEMENT_ARRIVAL_SET,
        target=placement,
        details={"arrival_date": arrival_date.isoformat(), "arrived": arrived},
    )
    if not placement.checklist.exists():
        checklist_create(placement=placement, actor=actor)
    return placement


@transaction.atomic
def placement_link_household(*, placement: Placement, household: Household | None, actor: Actor) -> Placement:
    """Link the family's household (``clients``) once its members have client records."""
    if household is not None and household.organization_id != placement.organization_id:
        raise ValidationError({"household": _("Choose a household of this municipality.")})
    if placement.status not in {Placement.Status.ACCEPTED, Placement.Status.ARRIVED}:
        raise ValidationError(_("Only an accepted placement has a household."))
    placement.household = household
    try:
        with transaction.atomic():
            placement.save(update_fields=["household", "updated_at"])
    except IntegrityError as error:
        raise ValidationError(
            {"household": _("This household is already linked to another placement.")}
        ) from error
    audit_record(
        actor=actor,
        action=AuditAction.PLACEMENT_HOUSEHOLD_LINKED,
        target=placement,
        details={"household": household.pk if household else None},
    )
    return placement


# --- Checklists ---------------------------------------------------------------------------------


@transaction.atomic
def checklist_template_ensure(*, organization: Organization, actor: Actor) -> None:
    """Give a municipality without a template the default steps (titles in Finnish, the language of
    the staff pages by default; the coordinator edits them)."""
    if ChecklistTemplateItem.objects.for_organization(organization).exists():
        return
    with translation.override(settings.LANGUAGE_CODE):
        ChecklistTemplateItem.objects.bulk_create(
            ChecklistTemplateItem(
                organization=organization,
                key=step.key,
                title=str(step.title),
                offset_days=step.offset_days,
                position=index * 10,
            )
            for index, step in enumerate(DEFAULT_STEPS, start=1)
        )
    audit_record(
        actor=actor,
        action=AuditAction.CHECKLIST_TEMPLATE_CHANGED,
        organization=organization,
        details={"seeded": len(DEFAULT_STEPS)},
    )


@transaction.atomic
def checklist_create(*, placement: Placement, actor: Actor) -> list[ChecklistItem]:
    """Copy the municipality's active template steps into the placement's checklist (once)."""
    if placement.checklist.exists():
        return list(placement.checklist.all())
    checklist_template_ensure(organization=placement.organization, actor=actor)
    template = ChecklistTemplateItem.objects.for_organization(placement.organization).filter(is_active=True)
    items = ChecklistItem.objects.bulk_create(
        ChecklistItem(
            placement=placement,
            template_item=step,
            key=step.key,
            title=step.title,
            position=step.position,
            offset_days=step.offset_days,
            owner_id=step.default_owner_id,
        )
        for step in template
    )
    return items


@transaction.atomic
def checklist_item_update(*, item: ChecklistItem, data: dict[str, Any], actor: Actor) -> ChecklistItem:
    """Change an item's status, owner, due offset or note. Done needs the day (default today);
    another status clears it."""
    organization = item.placement.organization
    values = dict(data)
    _check_owner(organization, values.get("owner"))
    status = values.get("status", item.status)
    if status == ChecklistItem.Status.DONE:
        done_on = values.get("done_on") or item.done_on or timezone.localdate()
        if done_on > timezone.localdate():
            raise ValidationError({"done_on": _("The day it was done cannot be in the future.")})
        values["done_on"] = done_on
    else:
        values["done_on"] = None
    changed = model_apply_changes(item, values)
    if changed:
        item.full_clean(exclude=["placement", "template_item"])
        item.save()
        audit_record(
            actor=actor,
            action=AuditAction.CHECKLIST_ITEM_UPDATED,
            target=item,
            organization=organization,
            details={"placement": item.placement_id, "fields": changed, "status": item.status},
        )
    return item


@transaction.atomic
def template_item_create(
    *, organization: Organization, data: dict[str, Any], actor: Actor
) -> ChecklistTemplateItem:
    checklist_template_ensure(organization=organization, actor=actor)
    _check_owner(organization, data.get("default_owner"), "default_owner")
    item = ChecklistTemplateItem(organization=organization, **data)
    item.full_clean(exclude=["organization"])
    item.save()
    audit_record(
        actor=actor,
        action=AuditAction.CHECKLIST_TEMPLATE_CHANGED,
        target=item,
        details={"added": item.pk},
    )
    return item


@transaction.atomic
def template_item_update(
    *, item: ChecklistTemplateItem, data: dict[str, Any], actor: Actor
) -> ChecklistTemplateItem:
    """Change a template step. Households that already have their checklist keep their copy."""
    _check_owner(item.organization, data.get("default_owner"), "default_owner")
    changed = model_apply_changes(item, data)
    if changed:
        item.full_clean(exclude=["organization"])
        item.save()
        audit_record(
            actor=actor,
            action=AuditAction.CHECKLIST_TEMPLATE_CHANGED,
            target=item,
            details={"fields": changed},
        )
    return item
