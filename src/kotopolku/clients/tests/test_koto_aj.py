"""The Koto-AJ hand-off file and its documented mapping (docs/koto-aj-mapping.md) stay in step."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from kotopolku.appointments.models import Appointment
from kotopolku.appointments.tests import staff_objects
from kotopolku.clients.koto_aj import koto_aj_export
from kotopolku.testing import factories

pytestmark = pytest.mark.django_db

MAPPING = Path(settings.BASE_DIR) / "docs" / "koto-aj-mapping.md"


def _keys(data: Any, prefix: str = "") -> set[str]:
    keys: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            if isinstance(value, dict):
                keys |= _keys(value, path)
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                keys |= _keys(value[0], f"{path}[]")
            else:
                keys.add(path)
    return keys


@pytest.fixture
def handoff(organization, counselor):
    client = factories.ClientRecordFactory.create(
        organization=organization,
        personal_identity_code="131052-308T",
        assessment_date=datetime.date(2025, 6, 1),
        integration_plan_date=datetime.date(2025, 7, 1),
        plan_ends_on=datetime.date(2026, 6, 30),
        responsible_worker=counselor,
    )
    factories.GuidanceContactFactory.create(
        client=client, interpreter_language="ar", interpreter_mode="remote", interpreter_minutes=15
    )
    past = staff_objects.local(timezone.localdate() - datetime.timedelta(days=10), 10)
    staff_objects.appointment(organization, start=past, status=Appointment.Status.ATTENDED, client=client)
    staff_objects.appointment(organization, client=client)  # coming: not in the file
    return koto_aj_export(client)


def test_every_key_of_the_file_is_documented(handoff):
    documented = set(re.findall(r"^\| `([^`]+)` \|", MAPPING.read_text(encoding="utf-8"), re.M))
    assert _keys(handoff) == documented


def test_the_file_holds_the_plan_data_and_only_attended_meetings(handoff):
    assert handoff["integration_services"] == {
        "assessment_date": "2025-06-01",
        "integration_plan_date": "2025-07-01",
        "integration_plan_ends_on": "2026-06-30",
        "first_referral_date": None,
    }
    assert len(handoff["attended_appointments"]) == 1
    assert handoff["attended_appointments"][0]["duration_minutes"] == 45
    assert handoff["guidance_contacts"][0]["interpreter_minutes"] == 15
