"""What a GDPR art. 15 export of a client holds: the record, household, contacts, appointments and
the processing events of the record. Plain data (JSON-ready); ``services.client_export_record``
audits the export, the views render it as JSON or as a printable page."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from kotopolku.appointments.selectors import TZ
from kotopolku.audit.models import AuditAction, AuditEvent
from kotopolku.clients import selectors
from kotopolku.clients.languages import language_name
from kotopolku.clients.models import Client
from kotopolku.deadlines.models import FollowUpTask, PermitReminder, ReminderConsent

EXPORT_VERSION = "1"


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _datetime(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value, TZ).isoformat() if value else None


def _choice(choices: Any, value: str) -> dict[str, str] | None:
    if not value:
        return None
    return {"code": value, "label": str(dict(choices).get(value, value))}


def client_full_export(client: Client) -> dict[str, Any]:
    consent = ReminderConsent.objects.filter(client=client).first()
    organization = client.organization
    contacts = list(selectors.client_contacts(client=client))
    appointments = list(selectors.client_appointments(client=client))
    events = AuditEvent.objects.filter(
        organization=organization, target_type=client._meta.label_lower, target_id=str(client.pk)
    ).order_by("created_at", "id")
    action_labels = dict(AuditAction.choices)
    return {
        "format": "kotopolku.client_export",
        "version": EXPORT_VERSION,
        "exported_at": _datetime(timezone.now()),
        "controller": {
            "name": organization.name,
            "unit": organization.unit_name,
            "phone": organization.contact_phone,
            "email": organization.contact_email,
        },
        "retention": {
            "rule_days_after_last_contact": settings.KOTOPOLKU_CLIENT_RETENTION_DAYS,
        },
        "client": {
            "id": client.pk,
            "first_name": client.first_name,
            "last_name": client.last_name,
            "date_of_birth": _date(client.date_of_birth),
            "personal_identity_code": client.personal_identity_code,
            "languages": [{"code": code, "name": language_name(code)} for code in client.languages],
            "preferred_language": client.preferred_language,
            "interpreter_needed": client.interpreter_needed,
            "interpreter_language": client.interpreter_language,
            "phone": client.phone,
            "email": client.email,
            "household": client.household.name if client.household else None,
            "target_group": _choice(Client.TargetGroup.choices, client.target_group),
            "first_residence_permit_date": _date(client.first_residence_permit_date),
            "permit_type": _choice(Client.PermitType.choices, client.permit_type),
            "permit_expires_on": _date(client.permit_expires_on),
            "assessment_date": _date(client.assessment_date),
            "integration_plan_date": _date(client.integration_plan_date),
            "plan_ends_on": _date(client.plan_ends_on),
            "first_referral_date": _date(client.first_referral_date),
            "responsible_worker": str(client.responsible_worker) if client.responsible_worker else None,
            "legal_basis_note": client.legal_basis_note,
            "consent_note": client.consent_note,
            "last_contact_at": _datetime(client.last_contact_at),
            "created_at": _datetime(client.created_at),
            "updated_at": _datetime(client.updated_at),
            "anonymized_at": _datetime(client.anonymized_at),
        },
        "guidance_contacts": [
            {
                "date": _date(contact.contact_date),
                "channel": _choice(contact.Channel.choices, contact.channel),
                "service_type": _choice(
                    contact._meta.get_field("service_type").choices, contact.service_type
                ),
                "topics": [
                    {"code": code, "label": label}
                    for code, label in zip(contact.topics, contact.topic_labels(), strict=True)
                ],
                "duration_minutes": contact.duration_minutes,
                "interpreter": (
                    {
                        "language": contact.interpreter_language,
                        "mode": contact.interpreter_mode,
                        "minutes": contact.interpreter_minutes,
                    }
                    if contact.interpreter_used
                    else None
                ),
                "note": contact.note,
                "worker": str(contact.worker) if contact.worker else None,
            }
            for contact in contacts
        ],
        "appointments": [
            {
                "reference": appointment.reference,
                "start": _datetime(appointment.start),
                "end": _datetime(appointment.end),
                "service": appointment.service.name,
                "staff": str(appointment.staff),
                "status": _choice(appointment.Status.choices, appointment.status),
                "mode": appointment.mode,
                "name_given_at_booking": appointment.client_name,
                "phone": appointment.phone,
                "email": appointment.email,
                "topic": appointment.topic,
                "interpreter_language": appointment.interpreter_language,
            }
            for appointment in appointments
        ],
        "dropin_visits": [
            {
                "date": _date(visit.session_date),
                "place": visit.place.name if visit.place else None,
                "topic": visit.get_topic_display(),
                "language": visit.language_other or visit.language,
                "outcome": visit.get_outcome_display(),
                "waited_minutes": visit.waited_minutes,
                "service_minutes": visit.service_minutes,
            }
            for visit in client.dropin_visits.select_related("place").order_by("session_date")
        ],
        "follow_up_tasks": [
            {"task": task.title, "due": _date(task.due_on), "done": _datetime(task.done_at)}
            for task in FollowUpTask.objects.filter(client=client).order_by("due_on")
        ],
        "permit_reminders": {
            "consent_given": _date(consent.given_on) if consent else None,
            "consent_withdrawn": _datetime(consent.withdrawn_at) if consent else None,
            "sent": [
                {"permit_expires": _date(reminder.permit_expires_on), "queued": _datetime(reminder.queued_at)}
                for reminder in PermitReminder.objects.filter(client=client).order_by("queued_at")
            ],
        },
        "processing_events": [
            {
                "time": _datetime(event.created_at),
                "action": str(action_labels.get(event.action, event.action)),
            }
            for event in events
        ],
    }
