"""Drop-in sessions as plain data: the weekly schedules unrolled, with cancellations and extras.

``sessions_between`` makes a constant five queries for any range (schedules and their staff,
exceptions, extra sessions and their staff); public holidays come from
:func:`kotopolku.appointments.slots.finnish_holidays`. Wall-clock times are turned into aware
datetimes with :func:`~kotopolku.appointments.slots.local_datetime`, so a Tuesday 12:15 stays
12:15 in Helsinki across the clock changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.models import User
from kotopolku.appointments.selectors import TZ
from kotopolku.appointments.slots import finnish_holidays, local_datetime
from kotopolku.dropin.models import DropinExtraSession, DropinSchedule, DropinSessionException
from kotopolku.organizations.models import Organization, Place

SCHEDULED = "scheduled"
OPEN = "open"
CANCELLED = "cancelled"
CLOSED = "closed"

HOLIDAY_REASON = _("public holiday")

_ACTIVE_STAFF = Prefetch("staff_on_duty", queryset=User.objects.filter(is_active=True).order_by("first_name"))


@dataclass(frozen=True)
class Session:
    """One drop-in session. ``id`` is stable per occurrence: ``s<schedule>-<YYYYMMDD>`` or ``x<extra>``."""

    id: str
    start: datetime.datetime
    end: datetime.datetime
    checkin_opens: datetime.datetime
    place: Place
    status: str
    cancel_reason: str
    staff_on_duty: tuple[User, ...]
    note: str
    schedule_id: int | None = None
    extra_id: int | None = None
    exception_id: int | None = None

    @property
    def date(self) -> datetime.date:
        return timezone.localtime(self.start, TZ).date()

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    @property
    def is_cancelled(self) -> bool:
        return self.status == CANCELLED

    @property
    def is_holiday(self) -> bool:
        return self.is_cancelled and self.exception_id is None and self.extra_id is None


def _status(
    start: datetime.datetime, end: datetime.datetime, opens: datetime.datetime, now: datetime.datetime
) -> str:
    if now >= end:
        return CLOSED
    if now >= opens:
        return OPEN
    return SCHEDULED


def sessions_between(
    *,
    organization: Organization,
    date_from: datetime.date,
    date_to: datetime.date,
    now: datetime.datetime | None = None,
) -> list[Session]:
    """Every session whose start falls on ``date_from``..``date_to`` (Helsinki dates, both included)."""
    now = now or timezone.now()
    if date_to < date_from:
        return []
    schedules: Sequence[DropinSchedule] = list(
        DropinSchedule.objects.for_organization(organization)
        .filter(is_active=True, valid_from__lte=date_to)
        .exclude(valid_until__lt=date_from)
        .select_related("place")
        .prefetch_related(_ACTIVE_STAFF)
    )
    exceptions: dict[tuple[int, datetime.date], DropinSessionException] = {}
    if schedules:
        exceptions = {
            (e.schedule_id, e.date): e
            for e in DropinSessionException.objects.filter(
                schedule__in=[s.pk for s in schedules], date__gte=date_from, date__lte=date_to
            )
        }
    range_start = local_datetime(date_from, datetime.time.min, TZ)
    range_end = local_datetime(date_to + datetime.timedelta(days=1), datetime.time.min, TZ)
    extras = list(
        DropinExtraSession.objects.for_organization(organization)
        .filter(start__gte=range_start, start__lt=range_end)
        .select_related("place")
        .prefetch_related(_ACTIVE_STAFF)
    )

    sessions: list[Session] = []
    holidays: set[datetime.date] = set()
    for year in range(date_from.year, date_to.year + 1):
        holidays |= finnish_holidays(year)
    for schedule in schedules:
        staff = tuple(schedule.staff_on_duty.all())
        day = date_from + datetime.timedelta(days=(schedule.weekday - date_from.weekday()) % 7)
        while day <= date_to:
            if schedule.occurs_on(day):
                start = local_datetime(day, schedule.start_time, TZ)
                end = local_datetime(day, schedule.end_time, TZ)
                opens = start - datetime.timedelta(minutes=schedule.checkin_opens_minutes_before)
                exception = exceptions.get((schedule.pk, day))
                if exception is not None:
                    status, reason = CANCELLED, exception.reason
                elif day in holidays:
                    status, reason = CANCELLED, str(HOLIDAY_REASON)
                else:
                    status, reason = _status(start, end, opens, now), ""
                sessions.append(
                    Session(
                        id=f"s{schedule.pk}-{day:%Y%m%d}",
                        start=start,
                        end=end,
                        checkin_opens=opens,
                        place=schedule.place,
                        status=status,
                        cancel_reason=reason,
                        staff_on_duty=staff,
                        note=schedule.note,
                        schedule_id=schedule.pk,
                        exception_id=exception.pk if exception is not None else None,
                    )
                )
            day += datetime.timedelta(days=7)
    for extra in extras:
        opens = extra.start - datetime.timedelta(minutes=extra.checkin_opens_minutes_before)
        sessions.append(
            Session(
                id=f"x{extra.pk}",
                start=extra.start,
                end=extra.end,
                checkin_opens=opens,
                place=extra.place,
                status=_status(extra.start, extra.end, opens, now),
                cancel_reason="",
                staff_on_duty=tuple(extra.staff_on_duty.all()),
                note=extra.note,
                extra_id=extra.pk,
            )
        )
    sessions.sort(key=lambda s: (s.start, s.id))
    return sessions


# How far ahead next_sessions looks; a weekly schedule fills it many times over.
NEXT_SESSIONS_HORIZON_DAYS = 92


def next_sessions(
    *, organization: Organization, count: int = 5, now: datetime.datetime | None = None
) -> list[Session]:
    """The next ``count`` sessions that have not ended (cancelled ones included, to be shown as such)."""
    now = now or timezone.now()
    today = timezone.localtime(now, TZ).date()
    sessions = sessions_between(
        organization=organization,
        date_from=today,
        date_to=today + datetime.timedelta(days=NEXT_SESSIONS_HORIZON_DAYS),
        now=now,
    )
    return [s for s in sessions if s.end > now][:count]
