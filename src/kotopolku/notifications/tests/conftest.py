"""Local fixtures for the messaging tests: rows built directly with the ORM."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kotopolku.accounts.models import Role, User
from kotopolku.appointments.models import Appointment, InterpreterMode, MeetingMode
from kotopolku.notifications import sms
from kotopolku.organizations.models import Organization, Place, Service, ServiceType

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
TOPIC = "Salainen asia: velat ja terveys"  # must never appear in any message
CLIENT_NAME = "Amina Testinen"


def helsinki(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


@pytest.fixture(autouse=True)
def _empty_sms_outbox() -> Iterator[None]:
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def msg_organization(db) -> Organization:
    return Organization.objects.create(
        slug="viestikunta",
        name_fi="Viestikunta",
        name_en="Message Town",
        name_ar="بلدية الرسائل",
        unit_name_fi="Kotoutumispalvelut",
        contact_phone="+358 3 849 3000",
        contact_email="kotoutuminen@viestikunta.example",
    )


@pytest.fixture
def msg_place(msg_organization) -> Place:
    return Place.objects.create(
        organization=msg_organization,
        name_fi="Kahvila & neuvonta",
        name_en="Café & advice",
        street_address="Kaivokatu 14",
        postal_code="18100",
        city="Heinola",
    )


@pytest.fixture
def msg_service(msg_organization) -> Service:
    return Service.objects.create(
        organization=msg_organization,
        service_type=ServiceType.PERMITS_CITIZENSHIP,
        name_fi="Oleskelulupa-asiat",
        name_en="Residence permit matters",
        name_ar="شؤون تصريح الإقامة",
    )


@pytest.fixture
def msg_staff(msg_organization) -> User:
    return User.objects.create(username="viesti-ohjaaja", organization=msg_organization, role=Role.COUNSELOR)


@pytest.fixture
def make_appointment(msg_organization, msg_place, msg_service, msg_staff) -> Callable[..., Appointment]:
    """``make_appointment(start=..., **fields)``: a booked in-person appointment of 45 minutes."""

    def make(
        *, start: datetime.datetime | None = None, interpreter: bool = False, **fields: Any
    ) -> Appointment:
        start = start or helsinki(2026, 10, 26, 9, 0)
        end = fields.pop("end", start + datetime.timedelta(minutes=45))
        values: dict[str, Any] = {
            "organization": msg_organization,
            "service": msg_service,
            "staff": msg_staff,
            "mode": MeetingMode.IN_PERSON,
            "place": msg_place,
            "start": start,
            "end": end,
            "blocked_start": start,
            "blocked_end": end,
            "client_name": CLIENT_NAME,
            "email": "amina@example.org",
            "phone": "+358401234567",
            "language": "fi",
            "topic": TOPIC,
        }
        if interpreter:
            values |= {"interpreter_language": "arabia", "interpreter_mode": InterpreterMode.REMOTE}
        values |= fields
        return Appointment.objects.create(**values)

    return make
