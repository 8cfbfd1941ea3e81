from __future__ import annotations

import datetime

import pytest

from kotopolku.dropin.models import DropinSchedule
from kotopolku.organizations.models import Place
from kotopolku.testing import factories


@pytest.fixture
def heimo(organization) -> Place:
    return factories.PlaceFactory.create(
        organization=organization, name_fi="HeiMo-kahvila", street_address="Kaivokatu 14", city="Heinola"
    )


@pytest.fixture
def tuesday(organization, heimo, counselor) -> DropinSchedule:
    """Every Tuesday 12:15–13:00 at HeiMo café, the counselor on duty."""
    schedule = DropinSchedule.objects.create(
        organization=organization,
        place=heimo,
        weekday=1,
        start_time=datetime.time(12, 15),
        end_time=datetime.time(13, 0),
        valid_from=datetime.date(2026, 1, 1),
    )
    schedule.staff_on_duty.set([counselor])
    return schedule


@pytest.fixture
def open_extra(organization, heimo, counselor):
    """An extra session open right now (started 10 minutes ago, ends in 50 minutes)."""
    from django.utils import timezone

    from kotopolku.dropin.models import DropinExtraSession

    now = timezone.now()
    extra = DropinExtraSession.objects.create(
        organization=organization,
        place=heimo,
        start=now - datetime.timedelta(minutes=10),
        end=now + datetime.timedelta(minutes=50),
    )
    extra.staff_on_duty.set([counselor])
    return extra


@pytest.fixture
def open_session(organization, open_extra):
    from kotopolku.dropin import selectors

    session = selectors.session_get(organization=organization, key=f"x{open_extra.pk}")
    assert session is not None and session.is_open
    return session
