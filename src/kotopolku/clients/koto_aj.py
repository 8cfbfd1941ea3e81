"""The Koto-AJ hand-off file: a client's assessment- and plan-relevant data and contact history.

Kotopolku is the front office; the national register of assessments and plans is Koto-AJ
(KEHA-keskus, mandatory for municipalities from 1.1.2027). This module builds a structured JSON
file an official uses to create or complete the client in Koto-AJ. The field mapping is documented
in ``docs/koto-aj-mapping.md``; keep the two in step (a test checks every key is documented).

Notes of guidance contacts are not in the file (data minimisation: Koto-AJ entries are written by
the official); the full record including notes is in the GDPR export.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from kotopolku.appointments.models import Appointment
from kotopolku.appointments.selectors import TZ
from kotopolku.clients import selectors
from kotopolku.clients.models import Client

FORMAT = "kotopolku.koto_aj_handoff"
VERSION = "1"


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def koto_aj_export(client: Client) -> dict[str, Any]:
    organization = client.organization
    contacts = list(selectors.client_contacts(client=client).order_by("contact_date", "id"))
    meetings = [
        appointment
        for appointment in selectors.client_appointments(client=client).order_by("start")
        if appointment.status == Appointment.Status.ATTENDED
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": timezone.localtime(timezone.now(), TZ).isoformat(),
        "municipality": {"name": organization.name, "code": organization.slug},
        "person": {
            "personal_identity_code": client.personal_identity_code or None,
            "date_of_birth": _date(client.date_of_birth),
            "first_name": client.first_name,
            "last_name": client.last_name,
            "languages": list(client.languages),
            "language_of_communication": client.preferred_language,
            "interpreter_needed": client.interpreter_needed,
            "interpreter_language": client.interpreter_language or None,
            "phone": client.phone or None,
            "email": client.email or None,
        },
        "customer": {
            "target_group": client.target_group or None,
            "first_residence_permit_date": _date(client.first_residence_permit_date),
            "residence_permit_type": client.permit_type or None,
            "residence_permit_expires_on": _date(client.permit_expires_on),
            "responsible_worker": str(client.responsible_worker) if client.responsible_worker else None,
        },
        "integration_services": {
            "assessment_date": _date(client.assessment_date),
            "integration_plan_date": _date(client.integration_plan_date),
            "integration_plan_ends_on": _date(client.plan_ends_on),
            "first_referral_date": _date(client.first_referral_date),
        },
        "guidance_contacts": [
            {
                "date": _date(contact.contact_date),
                "channel": contact.channel,
                "service_type": contact.service_type,
                "topics": list(contact.topics),
                "duration_minutes": contact.duration_minutes,
                "interpreter_language": contact.interpreter_language or None,
                "interpreter_mode": contact.interpreter_mode or None,
                "interpreter_minutes": contact.interpreter_minutes,
            }
            for contact in contacts
        ],
        "attended_appointments": [
            {
                "date": timezone.localtime(appointment.start, TZ).date().isoformat(),
                "service_type": appointment.service.service_type,
                "duration_minutes": int((appointment.end - appointment.start).total_seconds() // 60),
                "interpreter_language": appointment.interpreter_language or None,
                "interpreter_mode": appointment.interpreter_mode or None,
            }
            for appointment in meetings
        ],
    }
