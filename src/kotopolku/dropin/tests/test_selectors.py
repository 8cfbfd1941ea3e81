"""Recurrence, holidays, DST, statuses and query counts of the drop-in sessions."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from kotopolku.dropin import selectors
from kotopolku.dropin.models import DropinExtraSession, DropinSchedule, DropinSessionException

pytestmark = pytest.mark.django_db

HEL = ZoneInfo("Europe/Helsinki")
UTC = datetime.UTC


def between(organization, first, last, now=None):
    return selectors.sessions_between(
        organization=organization,
        date_from=first,
        date_to=last,
        now=now or datetime.datetime(2020, 1, 1, tzinfo=UTC),
    )


def test_tuesday_sessions_keep_12_15_local_across_both_clock_changes(organization, tuesday):
    sessions = between(organization, datetime.date(2026, 3, 20), datetime.date(2026, 11, 5))

    local_starts = {s.start.astimezone(HEL).time() for s in sessions}
    assert local_starts == {datetime.time(12, 15)}
    by_date = {s.date: s for s in sessions}
    # Winter time (UTC+2) before 29 March, summer time (UTC+3) until 25 October, then UTC+2 again.
    assert by_date[datetime.date(2026, 3, 24)].start == datetime.datetime(2026, 3, 24, 10, 15, tzinfo=UTC)
    assert by_date[datetime.date(2026, 3, 31)].start == datetime.datetime(2026, 3, 31, 9, 15, tzinfo=UTC)
    assert by_date[datetime.date(2026, 10, 20)].start == datetime.datetime(2026, 10, 20, 9, 15, tzinfo=UTC)
    assert by_date[datetime.date(2026, 10, 27)].start == datetime.datetime(2026, 10, 27, 10, 15, tzinfo=UTC)
    assert all(s.date.weekday() == 1 for s in sessions)


def test_a_sunday_session_on_the_day_the_clocks_change(organization, heimo):
    DropinSchedule.objects.create(
        organization=organization,
        place=heimo,
        weekday=6,
        start_time=datetime.time(2, 30),
        end_time=datetime.time(4, 30),
        valid_from=datetime.date(2026, 1, 1),
    )

    sessions = {
        s.date: s for s in between(organization, datetime.date(2026, 3, 22), datetime.date(2026, 11, 1))
    }

    # 29 March: 03:00 → 04:00, so 02:30–04:30 local lasts one hour of real time.
    spring = sessions[datetime.date(2026, 3, 29)]
    assert spring.start == datetime.datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert spring.end - spring.start == datetime.timedelta(hours=1)
    # 25 October: 04:00 → 03:00, so the same wall-clock session lasts three hours.
    autumn = sessions[datetime.date(2026, 10, 25)]
    assert autumn.end - autumn.start == datetime.timedelta(hours=3)
    assert sessions[datetime.date(2026, 3, 22)].end - sessions[
        datetime.date(2026, 3, 22)
    ].start == datetime.timedelta(hours=2)


@pytest.mark.parametrize(
    "day", [datetime.date(2026, 12, 24), datetime.date(2026, 12, 25), datetime.date(2027, 1, 6)]
)
def test_a_public_holiday_cancels_the_session(organization, heimo, day):
    DropinSchedule.objects.create(
        organization=organization,
        place=heimo,
        weekday=day.weekday(),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(11, 0),
        valid_from=datetime.date(2026, 1, 1),
    )

    with translation.override("en"):  # the reason is given in the page's language
        sessions = {s.date: s for s in between(organization, day - datetime.timedelta(days=7), day)}

    assert sessions[day].status == selectors.CANCELLED
    assert sessions[day].cancel_reason == "public holiday"
    assert sessions[day - datetime.timedelta(days=7)].status == selectors.SCHEDULED


def test_validity_and_inactive_schedules(organization, heimo, tuesday):
    DropinSchedule.objects.filter(pk=tuesday.pk).update(valid_until=datetime.date(2026, 6, 16))
    DropinSchedule.objects.create(
        organization=organization,
        place=heimo,
        weekday=1,
        start_time=datetime.time(15, 0),
        end_time=datetime.time(16, 0),
        valid_from=datetime.date(2026, 1, 1),
        is_active=False,
    )

    sessions = between(organization, datetime.date(2026, 6, 1), datetime.date(2026, 6, 30))

    assert [s.date for s in sessions] == [
        datetime.date(2026, 6, 2),
        datetime.date(2026, 6, 9),
        datetime.date(2026, 6, 16),
    ]


def test_status_moves_from_scheduled_to_open_to_closed(organization, tuesday):
    day = datetime.date(2026, 5, 5)
    start = datetime.datetime(2026, 5, 5, 12, 15, tzinfo=HEL)
    end = datetime.datetime(2026, 5, 5, 13, 0, tzinfo=HEL)

    def status_at(now: datetime.datetime) -> str:
        (session,) = between(organization, day, day, now=now)
        return session.status

    assert status_at(start - datetime.timedelta(minutes=15, seconds=1)) == selectors.SCHEDULED
    assert status_at(start - datetime.timedelta(minutes=15)) == selectors.OPEN
    assert status_at(end - datetime.timedelta(seconds=1)) == selectors.OPEN
    assert status_at(end) == selectors.CLOSED


def test_staff_cancellation_and_extra_session(organization, heimo, tuesday, counselor):
    DropinSessionException.objects.create(
        schedule=tuesday, date=datetime.date(2026, 5, 12), reason_fi="Ohjaaja on sairas"
    )
    extra = DropinExtraSession.objects.create(
        organization=organization,
        place=heimo,
        start=datetime.datetime(2026, 5, 14, 10, 0, tzinfo=HEL),
        end=datetime.datetime(2026, 5, 14, 11, 0, tzinfo=HEL),
    )
    extra.staff_on_duty.set([counselor])

    sessions = between(organization, datetime.date(2026, 5, 11), datetime.date(2026, 5, 20))

    assert [(s.id, s.status) for s in sessions] == [
        (f"s{tuesday.pk}-20260512", selectors.CANCELLED),
        (f"x{extra.pk}", selectors.SCHEDULED),
        (f"s{tuesday.pk}-20260519", selectors.SCHEDULED),
    ]
    assert sessions[0].cancel_reason == "Ohjaaja on sairas"
    assert sessions[1].staff_on_duty == (counselor,)


def test_other_municipalities_sessions_are_not_listed(organization, other_organization, tuesday):
    assert between(other_organization, datetime.date(2026, 5, 1), datetime.date(2026, 5, 31)) == []


@pytest.mark.parametrize("weeks", [1, 12])
def test_constant_number_of_queries(
    organization, heimo, tuesday, counselor, django_assert_num_queries, weeks
):
    DropinSessionException.objects.create(
        schedule=tuesday, date=datetime.date(2026, 5, 12), reason_fi="Sairas"
    )
    second = DropinSchedule.objects.create(
        organization=organization,
        place=heimo,
        weekday=3,
        start_time=datetime.time(9, 0),
        end_time=datetime.time(10, 0),
        valid_from=datetime.date(2026, 1, 1),
    )
    second.staff_on_duty.set([counselor])
    extra = DropinExtraSession.objects.create(
        organization=organization,
        place=heimo,
        start=datetime.datetime(2026, 5, 8, 10, 0, tzinfo=HEL),
        end=datetime.datetime(2026, 5, 8, 11, 0, tzinfo=HEL),
    )
    extra.staff_on_duty.set([counselor])

    with django_assert_num_queries(5):
        sessions = between(
            organization,
            datetime.date(2026, 5, 4),
            datetime.date(2026, 5, 4) + datetime.timedelta(weeks=weeks),
        )

    assert len(sessions) == 2 * weeks + 1


def test_next_sessions_skips_ended_ones(organization, tuesday):
    now = datetime.datetime(2026, 5, 5, 13, 0, tzinfo=HEL)

    sessions = selectors.next_sessions(organization=organization, count=2, now=now)

    assert [s.date for s in sessions] == [datetime.date(2026, 5, 12), datetime.date(2026, 5, 19)]
