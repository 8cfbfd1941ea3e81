"""A small bookable municipality for the appointment tests, built with the ORM.

One counselor who works every day 08:00–16:00 (video), a bookable 45-minute service, the default
booking rules (24 h notice, 60 days ahead, 2 h cut-off, every 15 minutes). Dates are relative to
``timezone.now()``; :meth:`World.day` skips Finnish public holidays.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from django.utils import timezone

from kotopolku.accounts.models import Role, User
from kotopolku.appointments import selectors
from kotopolku.appointments.models import MeetingMode, StaffSchedule, WorkingHours
from kotopolku.appointments.slots import is_public_holiday
from kotopolku.organizations.models import Organization, Place, Service, ServiceType
from kotopolku.organizations.services import organization_create

TZ = selectors.TZ
_names = itertools.count(1)


@dataclass
class World:
    organization: Organization
    service: Service
    counselor: User
    schedule: StaffSchedule

    @staticmethod
    def day(days_ahead: int = 3) -> datetime.date:
        """The first local date at least ``days_ahead`` days from today that is not a public holiday."""
        day = timezone.localdate(timezone.now(), TZ) + datetime.timedelta(days=days_ahead)
        while is_public_holiday(day):
            day += datetime.timedelta(days=1)
        return day

    @staticmethod
    def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        """Helsinki wall-clock time on ``day``."""
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)

    def add_counselor(self, *, buffer_before: int = 0, buffer_after: int = 10, **hours: object) -> User:
        user = User.objects.create_user(
            username=f"ohjaaja{next(_names)}", organization=self.organization, role=Role.COUNSELOR
        )
        StaffSchedule.objects.create(
            organization=self.organization,
            staff=user,
            buffer_before_minutes=buffer_before,
            buffer_after_minutes=buffer_after,
        )
        add_weekly_hours(self.organization, user, **hours)  # type: ignore[arg-type]
        return user

    def add_place(self) -> Place:
        return Place.objects.create(
            organization=self.organization, name_fi="HeiMo", street_address="Kaivokatu 14", city="Heinola"
        )


def add_weekly_hours(
    organization: Organization,
    staff: User,
    *,
    start: datetime.time = datetime.time(8),
    end: datetime.time = datetime.time(16),
    mode: str = MeetingMode.VIDEO,
    place: Place | None = None,
) -> None:
    WorkingHours.objects.bulk_create(
        WorkingHours(
            organization=organization,
            staff=staff,
            weekday=weekday,
            start_time=start,
            end_time=end,
            mode=mode,
            place=place,
        )
        for weekday in range(7)
    )


def build_world(
    *, slug: str = "heinola", buffer_before: int = 0, buffer_after: int = 10, duration: int = 45
) -> World:
    organization = organization_create(data={"slug": slug, "name_fi": slug.title()}, actor=None)
    service = Service.objects.create(
        organization=organization,
        service_type=ServiceType.EVERYDAY_GUIDANCE,
        name_fi="Arjen neuvonta",
        name_en="Everyday guidance",
        bookable=True,
        duration_minutes=duration,
    )
    world = World(organization, service, counselor=None, schedule=None)  # type: ignore[arg-type]
    world.counselor = world.add_counselor(buffer_before=buffer_before, buffer_after=buffer_after)
    world.schedule = StaffSchedule.objects.get(staff=world.counselor)
    return world
