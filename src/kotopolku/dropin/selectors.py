"""Drop-in sessions as plain data: the weekly schedules unrolled, with cancellations and extras.

``sessions_between`` makes a constant five queries for any range (schedules and their staff,
exceptions, extra sessions and their staff); public holidays come from
:func:`kotopolku.appointments.slots.finnish_holidays`. Wall-clock times are turned into aware
datetimes with :func:`~kotopolku.appointments.slots.local_datetime`, so a Tuesday 12:15 stays
12:15 in Helsinki across the clock changes.
"""

from __future__ import annotations

import datetime
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.models import User
from kotopolku.appointments.selectors import TZ
from kotopolku.appointments.slots import finnish_holidays, local_datetime
from kotopolku.dropin.models import (
    DropinExtraSession,
    DropinQueue,
    DropinSchedule,
    DropinSessionException,
    DropinTicket,
    DropinVisit,
)
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


# --- One session by its id ---------------------------------------------------------------------------

_SESSION_KEY = re.compile(r"^(?:s(?P<schedule>\d{1,10})-(?P<day>\d{8})|x(?P<extra>\d{1,10}))$")


def session_get(
    *, organization: Organization, key: str, now: datetime.datetime | None = None
) -> Session | None:
    """The session with id ``key`` (``s<schedule>-<YYYYMMDD>`` or ``x<extra>``) of this municipality."""
    match = _SESSION_KEY.match(key or "")
    if match is None:
        return None
    if match["extra"]:
        extra = (
            DropinExtraSession.objects.for_organization(organization).filter(pk=int(match["extra"])).first()
        )
        if extra is None:
            return None
        day = timezone.localtime(extra.start, TZ).date()
    else:
        try:
            day = datetime.datetime.strptime(match["day"], "%Y%m%d").date()
        except ValueError:
            return None
    return next(
        (
            s
            for s in sessions_between(organization=organization, date_from=day, date_to=day, now=now)
            if s.id == key
        ),
        None,
    )


def session_find(*, key: str, now: datetime.datetime | None = None) -> Session | None:
    """A session by its id alone (the API path has no municipality: the id names its schedule or
    extra session, and through it the municipality). Only published municipalities."""
    match = _SESSION_KEY.match(key or "")
    if match is None:
        return None
    owner = (
        DropinExtraSession.objects.filter(pk=int(match["extra"]))
        if match["extra"]
        else DropinSchedule.objects.filter(pk=int(match["schedule"]))
    )
    found = owner.select_related("organization").first()
    if found is None or not found.organization.is_active:
        return None
    return session_get(organization=found.organization, key=key, now=now)


def open_sessions(*, organization: Organization, now: datetime.datetime | None = None) -> list[Session]:
    """Sessions whose check-in is open right now (usually none or one)."""
    now = now or timezone.now()
    today = timezone.localtime(now, TZ).date()
    return [
        s
        for s in sessions_between(
            organization=organization, date_from=today - datetime.timedelta(days=1), date_to=today, now=now
        )
        if s.is_open
    ]


def current_sessions(*, organization: Organization, now: datetime.datetime | None = None) -> list[Session]:
    """For staff: today's sessions that are open, about to open or ended less than an hour ago."""
    now = now or timezone.now()
    today = timezone.localtime(now, TZ).date()
    return [
        s
        for s in sessions_between(
            organization=organization, date_from=today - datetime.timedelta(days=1), date_to=today, now=now
        )
        if not s.is_cancelled and s.end + datetime.timedelta(hours=1) > now
    ]


# --- The queue ------------------------------------------------------------------------------------------

# Without recent visits to learn from, a visit is assumed to take this long.
DEFAULT_SERVICE_MINUTES = 10
# How many recent visits of the municipality the estimate looks at.
ESTIMATE_SAMPLE = 30


def queue_get(*, organization: Organization, key: str) -> DropinQueue | None:
    return (
        DropinQueue.objects.for_organization(organization)
        .filter(session_key=key)
        .select_related("place", "organization")
        .first()
    )


def waiting_tickets(queue: DropinQueue) -> QuerySet[DropinTicket]:
    return DropinTicket.objects.filter(queue=queue, status=DropinTicket.Status.WAITING).order_by(
        "checked_in_at", "number"
    )


def ticket_position(ticket: DropinTicket) -> int | None:
    """1 = next in line; None when the ticket no longer waits."""
    if ticket.status != DropinTicket.Status.WAITING:
        return None
    ahead = (
        waiting_tickets(ticket.queue)
        .filter(
            Q(checked_in_at__lt=ticket.checked_in_at)
            | Q(checked_in_at=ticket.checked_in_at, number__lt=ticket.number)
        )
        .count()
    )
    return ahead + 1


def typical_service_minutes(*, organization_id: int) -> float:
    """The median service time of the municipality's recent drop-in visits (a default without any)."""
    minutes = sorted(
        DropinVisit.objects.filter(organization_id=organization_id, service_minutes__gt=0)
        .order_by("-created_at")
        .values_list("service_minutes", flat=True)[:ESTIMATE_SAMPLE]
    )
    if not minutes:
        return float(DEFAULT_SERVICE_MINUTES)
    return float(statistics.median(minutes))


def serving_staff_count(queue: DropinQueue, *, now: datetime.datetime | None = None) -> int:
    """How many staff members serve this queue: those who called someone in it, at least one."""
    return max(
        1,
        DropinTicket.objects.filter(queue=queue, served_by__isnull=False)
        .values("served_by")
        .distinct()
        .count(),
    )


def estimated_wait_minutes(ticket: DropinTicket, position: int | None = None) -> int | None:
    """A rough estimate: the people ahead (and the one being served) times the typical service time,
    shared by the staff serving; rounded up to 5 minutes. None when the ticket no longer waits."""
    position = ticket_position(ticket) if position is None else position
    if position is None:
        return None
    per_visit = typical_service_minutes(organization_id=ticket.organization_id)
    servers = serving_staff_count(ticket.queue)
    minutes = math.ceil(position * per_visit / servers)
    return int(math.ceil(minutes / 5) * 5)


@dataclass(frozen=True)
class TicketState:
    ticket: DropinTicket
    position: int | None
    estimated_wait_minutes: int | None


def ticket_state(*, token: str) -> TicketState | None:
    ticket = (
        DropinTicket.objects.filter(token=token)
        .select_related("queue", "queue__place", "organization")
        .first()
        if token
        else None
    )
    if ticket is None:
        return None
    position = ticket_position(ticket)
    return TicketState(
        ticket=ticket, position=position, estimated_wait_minutes=estimated_wait_minutes(ticket, position)
    )


@dataclass(frozen=True)
class QueueBoard:
    """What the staff queue page shows."""

    queue: DropinQueue
    waiting: list[DropinTicket]
    active: list[DropinTicket]  # called or being served, by anyone
    finished: list[DropinTicket]
    visits_today: int


def queue_board(queue: DropinQueue) -> QueueBoard:
    tickets = list(
        DropinTicket.objects.filter(queue=queue)
        .select_related("served_by")
        .order_by("checked_in_at", "number")
    )
    return QueueBoard(
        queue=queue,
        waiting=[t for t in tickets if t.status == DropinTicket.Status.WAITING],
        active=[t for t in tickets if t.status in DropinTicket.ACTIVE],
        finished=sorted(
            (t for t in tickets if t.status in DropinTicket.FINAL),
            key=lambda t: t.finished_at or t.updated_at,
            reverse=True,
        ),
        visits_today=DropinVisit.objects.filter(
            organization=queue.organization, session_key=queue.session_key
        ).count(),
    )


# How long a called number stays on the display.
DISPLAY_CALLED_MINUTES = 15
DISPLAY_ROWS = 6


@dataclass(frozen=True)
class DisplayRow:
    number: int
    counter: str
    called_at: datetime.datetime
    recalled: bool


@dataclass(frozen=True)
class DisplayState:
    """Only numbers and where to go: never a name or anything else about a person."""

    sessions: list[Session]
    called: list[DisplayRow]
    waiting_count: int
    next_session: Session | None


def display_state(*, organization: Organization, now: datetime.datetime | None = None) -> DisplayState:
    now = now or timezone.now()
    sessions = current_sessions(organization=organization, now=now)
    keys = [s.id for s in sessions]
    queues = list(DropinQueue.objects.for_organization(organization).filter(session_key__in=keys))
    since = now - datetime.timedelta(minutes=DISPLAY_CALLED_MINUTES)
    called = [
        DisplayRow(number=t.number, counter=t.counter, called_at=t.called_at, recalled=t.recall_count > 0)
        for t in DropinTicket.objects.filter(
            queue__in=queues, status__in=DropinTicket.ACTIVE, called_at__gte=since
        )
        .only("number", "counter", "called_at", "recall_count")
        .order_by("-called_at")[:DISPLAY_ROWS]
        if t.called_at is not None
    ]
    waiting = DropinTicket.objects.filter(queue__in=queues, status=DropinTicket.Status.WAITING).count()
    upcoming = [
        s
        for s in next_sessions(organization=organization, count=5, now=now)
        if s.start > now and not s.is_cancelled
    ]
    return DisplayState(
        sessions=[s for s in sessions if s.is_open],
        called=called,
        waiting_count=waiting,
        next_session=upcoming[0] if upcoming else None,
    )


# Visits a counselor can still link to a client record: their own, unlinked, from the last days.
LINKABLE_VISIT_DAYS = 7


def linkable_visits(
    *, organization: Organization, staff: User, now: datetime.datetime | None = None
) -> list[DropinVisit]:
    now = now or timezone.now()
    since = timezone.localtime(now, TZ).date() - datetime.timedelta(days=LINKABLE_VISIT_DAYS)
    return list(
        DropinVisit.objects.for_organization(organization)
        .filter(served_by=staff, client__isnull=True, session_date__gte=since)
        .select_related("ticket")
        .order_by("-created_at")[:20]
    )
