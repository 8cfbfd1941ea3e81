"""Every write to client records, and every audited read of them.

Each function runs in one transaction with its audit event. Audit details hold field names and
counts only, never the personal data itself.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.models import User
from kotopolku.appointments.models import Appointment
from kotopolku.appointments.selectors import TZ
from kotopolku.audit.models import AuditAction
from kotopolku.audit.services import Actor, audit_record
from kotopolku.clients.forms import CLIENT_FIELDS, CONTACT_FIELDS
from kotopolku.clients.models import Client, GuidanceContact, Household
from kotopolku.deadlines.services import client_deadline_data_anonymize
from kotopolku.organizations.models import Organization

# Why a record was anonymized (stored in the audit event; no free text).
ANONYMIZE_REASONS = {"erasure_request", "no_longer_needed", "other", "retention"}


def _assign(instance: Any, data: dict[str, Any], allowed: list[str]) -> list[str]:
    """Set the allowed plain fields from ``data``; return the names that changed (m2m excluded)."""
    changed = []
    for name in allowed:
        if name not in data or name == "additional_workers":
            continue
        value = data[name]
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _check_same_organization(client: Client, data: dict[str, Any]) -> None:
    household = data.get("household")
    if household is not None and household.organization_id != client.organization_id:
        raise ValidationError({"household": _("Choose a household of this municipality.")})
    workers = list(data.get("additional_workers") or [])
    responsible = data.get("responsible_worker")
    if responsible is not None:
        workers.append(responsible)
    if any(worker.organization_id != client.organization_id for worker in workers):
        raise ValidationError({"responsible_worker": _("Choose a staff member of this municipality.")})


def _save_client(client: Client, update_fields: list[str] | None = None) -> None:
    client.full_clean(exclude=["organization", "household", "responsible_worker"], validate_unique=False)
    try:
        with transaction.atomic():
            client.save(update_fields=update_fields)
    except IntegrityError as error:
        raise ValidationError(
            {"personal_identity_code": _("Another client record already has this personal identity code.")}
        ) from error


@transaction.atomic
def client_create(*, organization: Organization, data: dict[str, Any], actor: Actor) -> Client:
    client = Client(organization=organization)
    _check_same_organization(client, data)
    _assign(client, data, CLIENT_FIELDS)
    if (
        client.responsible_worker is None
        and isinstance(actor, User)
        and actor.organization_id == organization.pk
    ):
        client.responsible_worker = actor
    _save_client(client)
    if data.get("additional_workers") is not None:
        client.additional_workers.set(data["additional_workers"])
    audit_record(actor=actor, action=AuditAction.CLIENT_CREATED, target=client)
    return client


@transaction.atomic
def client_update(*, client: Client, data: dict[str, Any], actor: Actor) -> Client:
    """Correct a record (GDPR art. 16). An anonymized record cannot be edited."""
    if client.is_anonymized:
        raise ValidationError(_("This record is anonymized and cannot be changed."))
    _check_same_organization(client, data)
    changed = _assign(client, data, CLIENT_FIELDS)
    if "additional_workers" in data:
        before = set(client.additional_workers.values_list("pk", flat=True))
        after = {worker.pk for worker in data["additional_workers"]}
        if before != after:
            client.additional_workers.set(data["additional_workers"])
            changed.append("additional_workers")
    if changed:
        plain = [name for name in changed if name != "additional_workers"]
        if plain:
            _save_client(client, update_fields=[*plain, "updated_at"])
        audit_record(
            actor=actor, action=AuditAction.CLIENT_UPDATED, target=client, details={"fields": changed}
        )
    return client


@transaction.atomic
def client_record_view(*, client: Client, actor: Actor, via: str = "page") -> None:
    """An audited read of the record (the page, the API, an export preview)."""
    audit_record(actor=actor, action=AuditAction.CLIENT_VIEWED, target=client, details={"via": via})


@transaction.atomic
def client_search_record(
    *, organization: Organization, actor: Actor, results: int, via: str = "page"
) -> None:
    """Searching shows names and phone numbers: audited with the number of results (not the query)."""
    audit_record(
        actor=actor,
        action=AuditAction.CLIENT_SEARCHED,
        organization=organization,
        details={"results": results, "via": via},
    )


@transaction.atomic
def client_identity_code_reveal(*, client: Client, actor: Actor) -> str:
    """The unmasked personal identity code; every call is audited."""
    audit_record(actor=actor, action=AuditAction.CLIENT_IDENTITY_CODE_SHOWN, target=client)
    return client.personal_identity_code


@transaction.atomic
def household_create(*, organization: Organization, data: dict[str, Any], actor: Actor) -> Household:
    household = Household(organization=organization, name=data["name"], note=data.get("note", ""))
    household.full_clean(exclude=["organization"])
    household.save()
    audit_record(actor=actor, action=AuditAction.HOUSEHOLD_CREATED, target=household)
    return household


@transaction.atomic
def household_update(*, household: Household, data: dict[str, Any], actor: Actor) -> Household:
    changed = _assign(household, data, ["name", "note"])
    if changed:
        household.full_clean(exclude=["organization"])
        household.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor, action=AuditAction.HOUSEHOLD_UPDATED, target=household, details={"fields": changed}
        )
    return household


def _refresh_last_contact(client: Client) -> None:
    """``last_contact_at``: the latest contact or attended appointment (the retention rule counts from it)."""
    latest_contact = client.contacts.aggregate(latest=Max("contact_date"))["latest"]
    candidates: list[datetime.datetime] = []
    if latest_contact is not None:
        candidates.append(datetime.datetime.combine(latest_contact, datetime.time(12, 0), tzinfo=TZ))
    latest_meeting = (
        Appointment.objects.filter(client=client, status=Appointment.Status.ATTENDED)
        .aggregate(latest=Max("end"))
        .get("latest")
    )
    if latest_meeting is not None:
        candidates.append(latest_meeting)
    if client.last_contact_at is not None:
        candidates.append(client.last_contact_at)
    if candidates:
        latest = max(candidates)
        if latest != client.last_contact_at:
            client.last_contact_at = latest
            client.save(update_fields=["last_contact_at", "updated_at"])


def _contact_from(contact: GuidanceContact, data: dict[str, Any]) -> list[str]:
    changed = _assign(contact, data, CONTACT_FIELDS)
    if contact.contact_date and contact.contact_date > timezone.localdate():
        raise ValidationError({"contact_date": _("A contact cannot be in the future.")})
    contact.full_clean(exclude=["organization", "client", "worker"])
    return changed


@transaction.atomic
def guidance_contact_create(*, client: Client, data: dict[str, Any], actor: Actor) -> GuidanceContact:
    if client.is_anonymized:
        raise ValidationError(_("This record is anonymized; no contacts can be added."))
    contact = GuidanceContact(
        organization=client.organization, client=client, worker=actor if isinstance(actor, User) else None
    )
    _contact_from(contact, data)
    contact.save()
    _refresh_last_contact(client)
    audit_record(
        actor=actor,
        action=AuditAction.GUIDANCE_CONTACT_CREATED,
        target=contact,
        details={"client": client.pk, "channel": contact.channel, "interpreter": contact.interpreter_used},
    )
    return contact


@transaction.atomic
def guidance_contact_update(
    *, contact: GuidanceContact, data: dict[str, Any], actor: Actor
) -> GuidanceContact:
    if contact.client.is_anonymized:
        raise ValidationError(_("This record is anonymized and cannot be changed."))
    changed = _contact_from(contact, data)
    if changed:
        contact.save(update_fields=[*changed, "updated_at"])
        _refresh_last_contact(contact.client)
        audit_record(
            actor=actor,
            action=AuditAction.GUIDANCE_CONTACT_UPDATED,
            target=contact,
            details={"client": contact.client_id, "fields": changed},
        )
    return contact


@transaction.atomic
def client_link_appointment(*, client: Client, appointment: Appointment, actor: Actor) -> Appointment:
    if appointment.organization_id != client.organization_id:
        raise ValidationError(_("The appointment is not in this municipality."))
    if client.is_anonymized:
        raise ValidationError(_("This record is anonymized; nothing can be linked to it."))
    if appointment.client_id == client.pk:
        return appointment
    if appointment.client_id is not None:
        raise ValidationError(_("The appointment is already linked to another client. Unlink it first."))
    appointment.client = client
    appointment.save(update_fields=["client", "updated_at"])
    _refresh_last_contact(client)
    audit_record(
        actor=actor,
        action=AuditAction.CLIENT_APPOINTMENT_LINKED,
        target=client,
        details={"appointment": appointment.pk},
    )
    return appointment


@transaction.atomic
def client_unlink_appointment(*, appointment: Appointment, actor: Actor) -> Appointment:
    client = appointment.client
    if client is None:
        return appointment
    appointment.client = None
    appointment.save(update_fields=["client", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CLIENT_APPOINTMENT_UNLINKED,
        target=client,
        details={"appointment": appointment.pk},
    )
    return appointment


@transaction.atomic
def client_export_record(*, client: Client, actor: Actor, export_format: str) -> dict[str, Any]:
    """GDPR art. 15: everything about the client (JSON or printable HTML); audited."""
    from kotopolku.clients.exports import client_full_export

    data = client_full_export(client)
    audit_record(
        actor=actor, action=AuditAction.CLIENT_EXPORTED, target=client, details={"format": export_format}
    )
    return data


@transaction.atomic
def client_koto_aj_export(*, client: Client, actor: Actor) -> dict[str, Any]:
    """The hand-off file for the national Koto-AJ register; audited."""
    from kotopolku.clients.koto_aj import koto_aj_export

    data = koto_aj_export(client)
    audit_record(
        actor=actor,
        action=AuditAction.CLIENT_KOTO_AJ_EXPORTED,
        target=client,
        details={"contacts": len(data["guidance_contacts"])},
    )
    return data


def _anonymize(client: Client, now: datetime.datetime) -> int:
    """Empty the personal fields of ``client``, its contacts' notes and its appointments' details.

    Kept (anonymous): target group, permit type, the dates of the statutory services, languages,
    contact dates, channels, service types, topics, durations and interpreter use.
    Returns the number of appointments anonymized.
    """
    household_id = client.household_id
    client.first_name = ""
    client.last_name = ""
    client.date_of_birth = None
    client.personal_identity_code = ""
    client.phone = ""
    client.email = ""
    client.household = None
    client.legal_basis_note = ""
    client.consent_note = ""
    client.permit_expires_on = None
    client.anonymized_at = now
    client.save(
        update_fields=[
            "first_name",
            "last_name",
            "date_of_birth",
            "personal_identity_code",
            "phone",
            "email",
            "household",
            "legal_basis_note",
            "consent_note",
            "permit_expires_on",
            "anonymized_at",
            "updated_at",
        ]
    )
    client.additional_workers.clear()
    GuidanceContact.objects.filter(client=client).update(note="", updated_at=now)
    # What other apps hold about the person: follow-up task titles, reminder consent.
    client_deadline_data_anonymize(client=client)
    appointments = Appointment.objects.filter(client=client, anonymized_at__isnull=True).update(
        client_name="", email="", phone="", topic="", language_other="", cancel_reason="", anonymized_at=now
    )
    if household_id is not None:
        # A household whose every member is anonymized keeps no name (often a family name).
        still_named = Client.objects.filter(household_id=household_id, anonymized_at__isnull=True).exists()
        if not still_named:
            Household.objects.filter(pk=household_id).update(name="", note="", updated_at=now)
    return appointments


def _has_coming_appointments(client: Client, now: datetime.datetime) -> bool:
    return Appointment.objects.filter(client=client, status=Appointment.Status.BOOKED, end__gt=now).exists()


@transaction.atomic
def client_anonymize(*, client: Client, actor: Actor, reason: str) -> Client:
    """Erasure where the law allows it: the personal data goes, anonymous statistics stay.

    Refused while the client has coming booked appointments (cancel them first: the client must be
    told, and a booking needs its contact details).
    """
    if reason not in ANONYMIZE_REASONS:
        raise ValidationError(_("Choose why the record is anonymized."))
    if client.is_anonymized:
        raise ValidationError(_("This record is already anonymized."))
    now = timezone.now()
    if _has_coming_appointments(client, now):
        raise ValidationError(
            _("The client has coming appointments. Cancel them first, then anonymize the record.")
        )
    appointments = _anonymize(client, now)
    audit_record(
        actor=actor,
        action=AuditAction.CLIENT_ANONYMIZED,
        target=client,
        details={"reason": reason, "appointments": appointments},
    )
    return client


def clients_apply_retention(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Anonymize records with no contact for ``KOTOPOLKU_CLIENT_RETENTION_DAYS`` days.

    A record never contacted counts from its last change. Records with an appointment that ended
    within the period, or a coming one, wait.
    One transaction per record, so a long run holds no long locks; one audit event per record.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.KOTOPOLKU_CLIENT_RETENTION_DAYS)
    recent_meetings = Appointment.objects.filter(client_id=OuterRef("pk"), end__gte=cutoff)
    due = (
        Client.objects.filter(anonymized_at__isnull=True)
        .filter(Q(last_contact_at__lt=cutoff) | Q(last_contact_at__isnull=True, updated_at__lt=cutoff))
        # An appointment marked attended later (or any recent booking) also counts as contact.
        .exclude(Exists(recent_meetings))
    )
    anonymized = 0
    for pk in due.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            client = Client.objects.select_for_update().filter(pk=pk, anonymized_at__isnull=True).first()
            if client is None or _has_coming_appointments(client, now):
                continue
            appointments = _anonymize(client, now)
            audit_record(
                actor=None,
                action=AuditAction.CLIENT_ANONYMIZED,
                target=client,
                details={"reason": "retention", "appointments": appointments},
            )
            anonymized += 1
    return {"clients_anonymized": anonymized}
