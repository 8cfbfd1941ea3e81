"""Every write to the partner network, the hobby catalogue and referrals, audited in the same
transaction. Audit details carry field names and counts, never free text or contact details."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.models import User
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import Actor, audit_record
from kotopolku.core.services import model_apply_changes
from kotopolku.network.models import (
    Activity,
    ActivityAgeGroup,
    ActivityLanguage,
    ActivitySuggestion,
    AgeGroup,
    CooperationEntry,
    Event,
    JoinHelpRequest,
    Partner,
    Referral,
    SpokenLanguage,
)
from kotopolku.organizations.models import Organization

# --- Partners -------------------------------------------------------------------------------------


def _clean_languages(codes: Iterable[str]) -> list[str]:
    known = set(SpokenLanguage.values)
    result = []
    for code in codes:
        if code not in known:
            raise ValidationError({"languages": _("Choose languages from the list.")})
        if code not in result:
            result.append(code)
    return result


@transaction.atomic
def partner_create(*, organization: Organization, data: dict[str, Any], actor: Actor) -> Partner:
    data = {**data, "languages": _clean_languages(data.get("languages", []))}
    partner = Partner(organization=organization, **data)
    partner.full_clean()
    partner.save()
    audit_record(
        actor=actor, action=AuditAction.PARTNER_CREATED, target=partner, details={"kind": partner.kind}
    )
    return partner


@transaction.atomic
def partner_update(*, partner: Partner, data: dict[str, Any], actor: Actor) -> Partner:
    if "languages" in data:
        data = {**data, "languages": _clean_languages(data["languages"])}
    changed = model_apply_changes(partner, data)
    if changed:
        partner.full_clean()
        partner.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor, action=AuditAction.PARTNER_UPDATED, target=partner, details={"fields": changed}
        )
    return partner


# --- Cooperation log ------------------------------------------------------------------------------


def _check_partners(organization: Organization, partners: Sequence[Partner]) -> None:
    if not partners:
        raise ValidationError({"partners": _("Choose at least one partner.")})
    if any(partner.organization_id != organization.pk for partner in partners):
        raise ValidationError({"partners": _("Choose partners of this municipality.")})


@transaction.atomic
def cooperation_record(
    *, organization: Organization, data: dict[str, Any], partners: Sequence[Partner], actor: Actor
) -> CooperationEntry:
    partners = list(partners)
    _check_partners(organization, partners)
    entry = CooperationEntry(
        organization=organization, recorded_by=actor if isinstance(actor, User) else None, **data
    )
    entry.full_clean()
    entry.save()
    entry.partners.set(partners)
    audit_record(
        actor=actor,
        action=AuditAction.COOPERATION_RECORDED,
        target=entry,
        details={"kind": entry.kind, "date": entry.date.isoformat(), "partners": len(partners)},
    )
    return entry


@transaction.atomic
def cooperation_update(
    *, entry: CooperationEntry, data: dict[str, Any], partners: Sequence[Partner], actor: Actor
) -> CooperationEntry:
    partners = list(partners)
    _check_partners(entry.organization, partners)
    changed = model_apply_changes(entry, data)
    if changed:
        entry.full_clean()
        entry.save(update_fields=[*changed, "updated_at"])
    if {p.pk for p in partners} != set(entry.partners.values_list("pk", flat=True)):
        entry.partners.set(partners)
        changed.append("partners")
    if changed:
        audit_record(
            actor=actor, action=AuditAction.COOPERATION_UPDATED, target=entry, details={"fields": changed}
        )
    return entry


@transaction.atomic
def cooperation_delete(*, entry: CooperationEntry, actor: Actor) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.COOPERATION_DELETED,
        target=entry,
        details={"kind": entry.kind, "date": entry.date.isoformat()},
    )
    entry.delete()


# --- Activities -----------------------------------------------------------------------------------


def _set_tags(
    activity: Activity, *, languages: Iterable[str] | None, age_groups: Iterable[str] | None
) -> list[str]:
    """Replace the activity's languages and age groups; the names of what changed."""
    changed = []
    if languages is not None:
        codes = _clean_languages(languages)
        if codes != activity.language_codes():
            activity.spoken_languages.all().delete()
            ActivityLanguage.objects.bulk_create(ActivityLanguage(activity=activity, code=c) for c in codes)
            changed.append("languages")
    if age_groups is not None:
        groups = []
        for group in age_groups:
            if group not in AgeGroup.values:
                raise ValidationError({"age_groups": _("Choose age groups from the list.")})
            if group not in groups:
                groups.append(group)
        if sorted(groups) != sorted(activity.age_group_codes()):
            activity.age_groups.all().delete()
            ActivityAgeGroup.objects.bulk_create(ActivityAgeGroup(activity=activity, group=g) for g in groups)
            changed.append("age_groups")
    if changed and hasattr(activity, "_prefetched_objects_cache"):
        activity._prefetched_objects_cache.clear()
    return changed


def _check_organizer(organization: Organization, organizer: Partner | None) -> None:
    if organizer is not None and organizer.organization_id != organization.pk:
        raise ValidationError({"organizer": _("Choose a partner of this municipality.")})


@transaction.atomic
def activity_create(
    *,
    organization: Organization,
    data: dict[str, Any],
    languages: Iterable[str] = (),
    age_groups: Iterable[str] = (),
    actor: Actor,
) -> Activity:
    activity = Activity(organization=organization, **data)
    _check_organizer(organization, activity.organizer)
    activity.full_clean()
    activity.save()
    _set_tags(activity, languages=languages, age_groups=age_groups)
    audit_record(
        actor=actor,
        action=AuditAction.ACTIVITY_CREATED,
        target=activity,
        details={"category": activity.category, "published": activity.is_published},
    )
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    data: dict[str, Any],
    languages: Iterable[str] | None = None,
    age_groups: Iterable[str] | None = None,
    actor: Actor,
) -> Activity:
    changed = model_apply_changes(activity, data)
    _check_organizer(activity.organization, activity.organizer)
    if changed:
        activity.full_clean()
        activity.save(update_fields=[*changed, "updated_at"])
    changed += _set_tags(activity, languages=languages, age_groups=age_groups)
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.ACTIVITY_UPDATED,
            target=activity,
            details={"fields": sorted(changed)},
        )
    return activity


# --- Suggestions from partners --------------------------------------------------------------------


@transaction.atomic
def suggestion_submit(
    *, organization: Organization, data: dict[str, Any], language: str
) -> ActivitySuggestion:
    """A partner's suggestion from the public form. Always pending: only staff publish it."""
    data = {**data}
    data["languages"] = _clean_languages(data.get("languages", []))
    if any(group not in AgeGroup.values for group in data.get("age_groups", [])):
        raise ValidationError({"age_groups": _("Choose age groups from the list.")})
    suggestion = ActivitySuggestion(
        organization=organization,
        language=language,
        **{key: value for key, value in data.items() if key not in {"status", "activity", "decided_at"}},
    )
    suggestion.status = ActivitySuggestion.Status.PENDING
    suggestion.full_clean()
    suggestion.save()
    audit_record(
        actor=None,
        action=AuditAction.SUGGESTION_RECEIVED,
        target=suggestion,
        details={"category": suggestion.category},
    )
    return suggestion


def _lock_pending(suggestion: ActivitySuggestion) -> ActivitySuggestion:
    locked = ActivitySuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != ActivitySuggestion.Status.PENDING:
        raise ValidationError(_("This suggestion has already been handled."))
    return locked


@transaction.atomic
def suggestion_approve(
    *,
    suggestion: ActivitySuggestion,
    data: dict[str, Any],
    languages: Iterable[str],
    age_groups: Iterable[str],
    actor: User,
) -> Activity:
    """Publish the suggestion as an activity, as staff edited and translated it."""
    locked = _lock_pending(suggestion)
    activity = activity_create(
        organization=locked.organization,
        data={**data, "is_published": True},
        languages=languages,
        age_groups=age_groups,
        actor=actor,
    )
    locked.status = ActivitySuggestion.Status.APPROVED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.activity = activity
    locked.save(update_fields=["status", "decided_at", "decided_by", "activity", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.SUGGESTION_APPROVED,
        target=locked,
        details={"activity": activity.pk},
    )
    return activity


@transaction.atomic
def suggestion_reject(*, suggestion: ActivitySuggestion, note: str, actor: User) -> ActivitySuggestion:
    locked = _lock_pending(suggestion)
    locked.status = ActivitySuggestion.Status.REJECTED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_note = note.strip()
    locked.save(update_fields=["status", "decided_at", "decided_by", "decision_note", "updated_at"])
    audit_record(actor=actor, action=AuditAction.SUGGESTION_REJECTED, target=locked)
    return locked


# --- "Help me join" requests ----------------------------------------------------------------------


@transaction.atomic
def join_request_submit(
    *, organization: Organization, activity: Activity | None, data: dict[str, Any]
) -> JoinHelpRequest:
    if activity is not None and (activity.organization_id != organization.pk or not activity.is_published):
        raise ValidationError(_("This activity is not in the hobby finder."))
    request = JoinHelpRequest(organization=organization, activity=activity, **data)
    request.full_clean()
    request.save()
    audit_record(
        actor=None,
        action=AuditAction.JOIN_REQUEST_RECEIVED,
        target=request,
        details={"activity": activity.pk if activity else None},
    )
    return request


@transaction.atomic
def join_request_record_view(*, request: JoinHelpRequest, actor: User) -> None:
    """The request holds a name and contact details: every read by staff is audited."""
    audit_record(actor=actor, action=AuditAction.JOIN_REQUEST_VIEWED, target=request)


@transaction.atomic
def join_request_mark_handled(*, request: JoinHelpRequest, note: str, actor: User) -> JoinHelpRequest:
    locked = JoinHelpRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status == JoinHelpRequest.Status.HANDLED:
        raise ValidationError(_("This request has already been handled."))
    locked.status = JoinHelpRequest.Status.HANDLED
    locked.handled_at = timezone.now()
    locked.handled_by = actor
    locked.handled_note = note.strip()
    locked.save(update_fields=["status", "handled_at", "handled_by", "handled_note", "updated_at"])
    audit_record(actor=actor, action=AuditAction.JOIN_REQUEST_HANDLED, target=locked)
    return locked


def join_requests_apply_retention(*, now: datetime.datetime | None = None) -> int:
    """Delete requests handled more than ``KOTOPOLKU_JOIN_REQUEST_RETENTION_DAYS`` ago (they hold a
    name and contact details); the count. Audited once per run that deletes something."""
    days = settings.KOTOPOLKU_JOIN_REQUEST_RETENTION_DAYS
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    with transaction.atomic():
        old = JoinHelpRequest.objects.filter(status=JoinHelpRequest.Status.HANDLED, handled_at__lt=cutoff)
        count = old.count()
        if count:
            old.delete()
            audit_record(
                actor=None,
                action=AuditAction.RETENTION_APPLIED,
                details={"join_requests_deleted": count, "days": days},
            )
    return count


# --- Events ---------------------------------------------------------------------------------------


@transaction.atomic
def event_create(*, organization: Organization, data: dict[str, Any], actor: Actor) -> Event:
    event = Event(organization=organization, **data)
    _check_organizer(organization, event.organizer)
    event.full_clean()
    event.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVENT_CREATED,
        target=event,
        details={"start": event.start.isoformat()},
    )
    return event


@transaction.atomic
def event_update(*, event: Event, data: dict[str, Any], actor: Actor) -> Event:
    changed = model_apply_changes(event, data)
    _check_organizer(event.organization, event.organizer)
    if changed:
        event.full_clean()
        event.save(update_fields=[*changed, "updated_at"])
        audit_record(actor=actor, action=AuditAction.EVENT_UPDATED, target=event, details={"fields": changed})
    return event


@transaction.atomic
def event_delete(*, event: Event, actor: Actor) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.EVENT_DELETED,
        target=event,
        details={"start": event.start.isoformat()},
    )
    event.delete()


# --- Referrals ------------------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    organization: Organization,
    client: Any,
    activity: Activity | None,
    partner: Partner | None,
    follow_up_on: datetime.date,
    category: str = "",
    note: str = "",
    actor: User,
) -> Referral:
    if client.organization_id != organization.pk:
        raise ValidationError(_("Choose a client of this municipality."))
    if getattr(client, "is_anonymized", False):
        raise ValidationError(_("This client record is anonymized."))
    if activity is None and partner is None:
        raise ValidationError(_("Choose an activity or a partner."))
    for target in (activity, partner):
        if target is not None and target.organization_id != organization.pk:
            raise ValidationError(_("Choose an activity or a partner of this municipality."))
    if activity is not None:
        category = activity.category
        if partner is None:
            partner = activity.organizer
    if not category:
        raise ValidationError({"category": _("Choose the kind of activity.")})
    today = timezone.localdate()
    if follow_up_on < today:
        raise ValidationError({"follow_up_on": _("The follow-up date cannot be in the past.")})
    referral = Referral(
        organization=organization,
        client=client,
        activity=activity,
        partner=partner,
        category=category,
        referred_on=today,
        referred_by=actor,
        follow_up_on=follow_up_on,
        note=note.strip(),
    )
    referral.full_clean()
    referral.save()
    audit_record(
        actor=actor,
        action=AuditAction.REFERRAL_CREATED,
        target=referral,
        details={"client": client.pk, "category": category, "activity": activity.pk if activity else None},
    )
    return referral


@transaction.atomic
def referral_record_outcome(
    *,
    referral: Referral,
    outcome: str,
    reason: str,
    actor: User,
    follow_up_on: datetime.date | None = None,
) -> Referral:
    """Joined / did not join (final), or still pending with a new follow-up date."""
    if outcome not in Referral.Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome from the list.")})
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    fields = ["outcome", "outcome_reason", "outcome_recorded_at", "updated_at"]
    if outcome == Referral.Outcome.PENDING:
        if follow_up_on is None:
            raise ValidationError({"follow_up_on": _("Give a new follow-up date.")})
        if follow_up_on < timezone.localdate():
            raise ValidationError({"follow_up_on": _("The follow-up date cannot be in the past.")})
        locked.follow_up_on = follow_up_on
        fields.append("follow_up_on")
    elif outcome == Referral.Outcome.NOT_JOINED and not reason.strip():
        raise ValidationError({"outcome_reason": _("Write why they did not join: it helps plan the work.")})
    locked.outcome = outcome
    locked.outcome_reason = reason.strip()
    locked.outcome_recorded_at = timezone.now()
    locked.full_clean()
    locked.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=AuditAction.REFERRAL_OUTCOME_RECORDED,
        target=locked,
        details={"outcome": outcome},
    )
    return locked


@transaction.atomic
def referral_record_view(*, referral: Referral, actor: User) -> None:
    """A referral names a client: opening it is audited like a client record."""
    audit_record(
        actor=actor,
        action=AuditAction.REFERRAL_VIEWED,
        target=referral,
        details={"client": referral.client_id},
    )
