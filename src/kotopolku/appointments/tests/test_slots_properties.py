"""Properties of the free-time computation, checked with hypothesis against a brute-force oracle.

The oracle below is written independently of ``slots.py``: it has its own list of Finnish public
holidays, checks every rule by a linear scan over plain tuples, and enumerates candidate start times
window by window. Dates are drawn around the DST changes (2026-03-29, 2026-10-25 in Helsinki) and
the holidays, besides random dates.
"""

from __future__ import annotations

import datetime
import operator
from dataclasses import dataclass
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotopolku.appointments import selectors
from kotopolku.appointments.models import Appointment, BookingPolicy, MeetingMode
from kotopolku.appointments.slots import Slot, StaffAvailability, WeeklyHours, Window, compute_slots
from kotopolku.appointments.tests.booking_world import World, build_world

HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = datetime.UTC
MODES = [MeetingMode.IN_PERSON.value, MeetingMode.PHONE.value, MeetingMode.VIDEO.value]

# Finnish public holidays (incl. Midsummer Eve and Christmas Eve, when offices are closed), by hand.
FINNISH_HOLIDAYS = {
    datetime.date(year, month, day)
    for year, month, day in [
        (2026, 1, 1), (2026, 1, 6), (2026, 4, 3), (2026, 4, 5), (2026, 4, 6), (2026, 5, 1), (2026, 5, 14),
        (2026, 5, 24), (2026, 6, 19), (2026, 6, 20), (2026, 10, 31), (2026, 12, 6), (2026, 12, 24),
        (2026, 12, 25), (2026, 12, 26),
        (2027, 1, 1), (2027, 1, 6), (2027, 3, 26), (2027, 3, 28), (2027, 3, 29), (2027, 5, 1), (2027, 5, 6),
        (2027, 5, 16), (2027, 6, 25), (2027, 6, 26), (2027, 11, 6), (2027, 12, 6), (2027, 12, 24),
        (2027, 12, 25), (2027, 12, 26),
    ]
}  # fmt: skip
INTERESTING_DAYS = [
    datetime.date(2026, 3, 29),  # clocks forward 03:00 → 04:00
    datetime.date(2026, 10, 25),  # clocks back 04:00 → 03:00
    datetime.date(2026, 3, 27),
    datetime.date(2026, 10, 23),
    datetime.date(2026, 4, 2),  # Easter
    datetime.date(2026, 6, 18),  # Midsummer
    datetime.date(2026, 12, 23),  # Christmas
    datetime.date(2026, 12, 31),  # New Year
    datetime.date(2027, 3, 25),  # Easter 2027 and clocks forward 2027-03-28
]


def wall(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, time.hour, time.minute, tzinfo=HELSINKI)


# --- The oracle ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OracleWindow:
    start: datetime.datetime  # UTC
    end: datetime.datetime
    mode: str
    place_id: int | None
    extra: bool


def oracle_windows(
    person: StaffAvailability, days: list[datetime.date], closed: set[datetime.date]
) -> list[OracleWindow]:
    windows = []
    for day in days:
        if day in FINNISH_HOLIDAYS or day in closed:
            continue
        for hours in person.weekly:
            if hours.weekday != day.weekday():
                continue
            if hours.valid_from is not None and day < hours.valid_from:
                continue
            if hours.valid_until is not None and day > hours.valid_until:
                continue
            windows.append(
                OracleWindow(
                    wall(day, hours.start_time).astimezone(UTC),
                    wall(day, hours.end_time).astimezone(UTC),
                    hours.mode,
                    hours.place_id,
                    extra=False,
                )
            )
    windows += [
        OracleWindow(w.start.astimezone(UTC), w.end.astimezone(UTC), w.mode, w.place_id, True)
        for w in person.extra
    ]
    return windows


def overlaps(
    a_start: datetime.datetime, a_end: datetime.datetime, b_start: datetime.datetime, b_end: datetime.datetime
) -> bool:
    """Half-open ranges [start, end) share a moment."""
    return a_start < b_end and b_start < a_end


def oracle(case: dict) -> set[Slot]:
    first_day, last_day = case["first_day"], case["last_day"]
    days = [first_day + datetime.timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    range_start = wall(first_day, datetime.time(0)).astimezone(UTC)
    range_end = wall(last_day + datetime.timedelta(days=1), datetime.time(0)).astimezone(UTC)
    duration, interval = case["duration"], case["interval"]
    found = set()
    for person in case["staff"]:
        for window in oracle_windows(person, days, case["closed_days"]):
            if case["mode"] and window.mode != case["mode"]:
                continue
            k = 0
            while window.start + k * interval + duration <= window.end:
                start = window.start + k * interval
                end = start + duration
                k += 1
                if not (case["earliest"] <= start <= case["latest"] and range_start <= start < range_end):
                    continue
                if any(overlaps(start, end, a, b) for a, b in person.absences):
                    continue
                blocked = (start - person.buffer_before, end + person.buffer_after)
                if any(overlaps(*blocked, a, b) for a, b in person.busy):
                    continue
                found.add(Slot(start, end, person.staff_id, window.mode, window.place_id))
    return found


# --- Strategies ----------------------------------------------------------------------------------


def on_grid(maximum: int) -> st.SearchStrategy[int]:
    """Minutes in 0…maximum, mostly on whole hours, quarters and fives (where boundaries meet)."""
    return st.one_of(
        *(st.integers(0, maximum // step).map(partial(operator.mul, step)) for step in (60, 15, 5)),
        st.integers(0, maximum),
    )


@st.composite
def weekly_hours(draw, days: list[datetime.date]) -> WeeklyHours:
    start = draw(on_grid(24 * 60 - 10))
    end = min(start + 5 + draw(on_grid(10 * 60)), 24 * 60 - 1)
    valid_from = draw(st.none() | st.sampled_from(days))
    valid_until = draw(
        st.none() | st.sampled_from([d for d in days if valid_from is None or d >= valid_from])
    )
    mode = draw(st.sampled_from(MODES))
    return WeeklyHours(
        weekday=draw(st.sampled_from([d.weekday() for d in days]) | st.integers(0, 6)),
        start_time=datetime.time(start // 60, start % 60),
        end_time=datetime.time(end // 60, end % 60),
        mode=mode,
        place_id=draw(st.sampled_from([1, 2])) if mode == "in_person" else None,
        valid_from=valid_from,
        valid_until=valid_until,
    )


@st.composite
def ranges(
    draw, base: datetime.datetime, span_minutes: int, max_length: int
) -> tuple[datetime.datetime, datetime.datetime]:
    start = base + datetime.timedelta(minutes=draw(on_grid(span_minutes)))
    return start, start + datetime.timedelta(minutes=1 + draw(on_grid(max_length)))


@st.composite
def cases(draw) -> dict:
    first_day = draw(
        st.sampled_from(INTERESTING_DAYS) | st.dates(datetime.date(2026, 1, 2), datetime.date(2027, 12, 20))
    )
    last_day = first_day + datetime.timedelta(days=draw(st.integers(0, 2) | st.integers(0, 8)))
    days = [first_day + datetime.timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    # Busy times, absences and extra hours start from the evening before the range.
    base = wall(first_day, datetime.time(0)).astimezone(UTC) - datetime.timedelta(hours=6)
    span = (len(days) * 24 + 12) * 60
    staff = []
    for staff_id in range(1, draw(st.integers(1, 3)) + 1):
        extra = [
            Window(start, end, mode, 1 if mode == "in_person" else None)
            for (start, end), mode in draw(
                st.lists(st.tuples(ranges(base, span, 8 * 60), st.sampled_from(MODES)), max_size=2)
            )
        ]
        staff.append(
            StaffAvailability(
                staff_id=staff_id,
                buffer_before=datetime.timedelta(minutes=draw(st.sampled_from([0, 5, 10, 15, 30, 240]))),
                buffer_after=datetime.timedelta(
                    minutes=draw(st.sampled_from([0, 10, 15]) | st.integers(0, 60))
                ),
                weekly=draw(st.lists(weekly_hours(days), max_size=5)),
                extra=extra,
                absences=draw(st.lists(ranges(base, span, 6 * 60), max_size=3)),
                busy=draw(st.lists(ranges(base, span, 3 * 60), max_size=8)),
            )
        )
    earliest = base + datetime.timedelta(minutes=draw(on_grid(span)))
    return {
        "staff": staff,
        "duration": datetime.timedelta(
            minutes=draw(st.sampled_from([5, 15, 30, 45, 60, 90]) | st.integers(5, 240))
        ),
        "interval": datetime.timedelta(
            minutes=draw(st.sampled_from([5, 10, 15, 20, 30, 45, 60, 120]) | st.integers(5, 120))
        ),
        "first_day": first_day,
        "last_day": last_day,
        "earliest": earliest,
        "latest": earliest + datetime.timedelta(minutes=draw(on_grid(span))),
        "closed_days": set(draw(st.lists(st.sampled_from(days), max_size=2))),
        "mode": draw(st.none() | st.sampled_from(MODES)),
    }


def run(case: dict) -> list[Slot]:
    return compute_slots(
        staff=case["staff"],
        duration=case["duration"],
        interval=case["interval"],
        first_day=case["first_day"],
        last_day=case["last_day"],
        earliest=case["earliest"],
        latest=case["latest"],
        closed_days=case["closed_days"],
        tz=HELSINKI,
        mode=case["mode"],
    )


# --- Properties ----------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(cases())
def test_free_times_follow_every_rule_and_none_is_missing(case):
    slots = run(case)

    assert slots == sorted(slots)
    assert len(set(slots)) == len(slots)
    people = {person.staff_id: person for person in case["staff"]}
    days = [
        case["first_day"] + datetime.timedelta(days=n)
        for n in range((case["last_day"] - case["first_day"]).days + 1)
    ]
    windows_of = {
        person.staff_id: oracle_windows(person, days, case["closed_days"]) for person in case["staff"]
    }
    for slot in slots:
        person = people[slot.staff_id]
        assert slot.start.utcoffset() == datetime.timedelta(0)
        assert slot.end - slot.start == case["duration"]
        assert case["earliest"] <= slot.start <= case["latest"]
        local_day = slot.start.astimezone(HELSINKI).date()
        assert case["first_day"] <= local_day <= case["last_day"]
        assert case["mode"] in (None, slot.mode)
        # No overlap with an absence, nor (meeting plus buffers) with another booking's blocked time.
        assert not any(overlaps(slot.start, slot.end, a, b) for a, b in person.absences)
        blocked = (slot.start - person.buffer_before, slot.end + person.buffer_after)
        assert not any(overlaps(*blocked, a, b) for a, b in person.busy)
        # Inside a window of its mode and place (holidays and closed days have only extra hours) …
        windows = [
            w
            for w in windows_of[slot.staff_id]
            if (w.mode, w.place_id) == (slot.mode, slot.place_id)
            and w.start <= slot.start
            and slot.end <= w.end
        ]
        assert windows, f"{slot} is outside every window"
        if local_day in FINNISH_HOLIDAYS or local_day in case["closed_days"]:
            assert all(w.extra for w in windows)
        # … and on that window's interval grid, in real time and (within one UTC offset) on the wall clock.
        aligned = [w for w in windows if (slot.start - w.start) % case["interval"] == datetime.timedelta(0)]
        assert aligned, f"{slot} is off the interval grid"
        for window in aligned:
            local_start, local_slot = window.start.astimezone(HELSINKI), slot.start.astimezone(HELSINKI)
            if local_start.utcoffset() == window.end.astimezone(HELSINKI).utcoffset():
                wall_clock = local_slot.replace(tzinfo=None) - local_start.replace(tzinfo=None)
                assert wall_clock % case["interval"] == datetime.timedelta(0)

    assert set(slots) == oracle(case)


def test_the_oracle_holidays_agree_with_the_holiday_calendar():
    from kotopolku.appointments.slots import is_public_holiday

    day, last = datetime.date(2026, 1, 1), datetime.date(2027, 12, 31)
    while day <= last:
        assert is_public_holiday(day) == (day in FINNISH_HOLIDAYS), day
        day += datetime.timedelta(days=1)


# --- DST days, by example ------------------------------------------------------------------------


def one_day(
    day: datetime.date, start: datetime.time, end: datetime.time, interval: int, duration: int
) -> list[Slot]:
    person = StaffAvailability(staff_id=1, weekly=[WeeklyHours(day.weekday(), start, end, "phone")])
    return compute_slots(
        staff=[person],
        duration=datetime.timedelta(minutes=duration),
        interval=datetime.timedelta(minutes=interval),
        first_day=day,
        last_day=day,
        earliest=datetime.datetime(2000, 1, 1, tzinfo=UTC),
        latest=datetime.datetime(2100, 1, 1, tzinfo=UTC),
        tz=HELSINKI,
    )


def local_times(slots: list[Slot]) -> list[str]:
    return [slot.start.astimezone(HELSINKI).strftime("%H:%M%z") for slot in slots]


def test_spring_forward_skips_the_missing_hour():
    slots = one_day(datetime.date(2026, 3, 29), datetime.time(1), datetime.time(6), interval=60, duration=60)

    # 01:00–06:00 on the wall clock is four real hours: 03:00–04:00 does not exist.
    assert local_times(slots) == ["01:00+0200", "02:00+0200", "04:00+0300", "05:00+0300"]


def test_fall_back_counts_the_repeated_hour_twice():
    slots = one_day(datetime.date(2026, 10, 25), datetime.time(2), datetime.time(5), interval=30, duration=30)

    # 02:00–05:00 is four real hours: 03:00–04:00 happens twice (summer time, then winter time).
    assert local_times(slots) == [
        "02:00+0300", "02:30+0300", "03:00+0300", "03:30+0300",
        "03:00+0200", "03:30+0200", "04:00+0200", "04:30+0200",
    ]  # fmt: skip


def test_office_hours_keep_their_wall_clock_times_across_the_dst_weekend():
    before, after = datetime.date(2026, 3, 27), datetime.date(2026, 3, 30)
    for day, offset in ((before, "+0200"), (after, "+0300")):
        slots = one_day(day, datetime.time(8), datetime.time(10), interval=30, duration=45)
        assert local_times(slots) == [f"08:00{offset}", f"08:30{offset}", f"09:00{offset}"]


def test_a_window_across_the_change_steps_in_real_time():
    slots = one_day(datetime.date(2026, 3, 29), datetime.time(1), datetime.time(7), interval=45, duration=45)

    # Every 45 real minutes from 01:00: after the missing hour the wall-clock times shift by an hour.
    assert local_times(slots)[:4] == ["01:00+0200", "01:45+0200", "02:30+0200", "04:15+0300"]


# --- Boundaries, by example (hypothesis seldom hits a one-minute overlap) --------------------------

DAY = datetime.date(2026, 12, 1)  # a Tuesday, no holiday


def at(hour: int, minute: int = 0, day: datetime.date = DAY) -> datetime.datetime:
    return wall(day, datetime.time(hour, minute))


def starts_with(**person: object) -> list[str]:
    options: dict = {"earliest": at(0), "latest": at(23), "first_day": DAY, "last_day": DAY}
    for key in list(options):
        if key in person:
            options[key] = person.pop(key)
    availability = StaffAvailability(
        staff_id=1,
        weekly=person.pop(
            "weekly", [WeeklyHours(DAY.weekday(), datetime.time(10), datetime.time(12), "phone")]
        ),  # type: ignore[arg-type]
        **person,  # type: ignore[arg-type]
    )
    slots = compute_slots(
        staff=[availability],
        duration=datetime.timedelta(minutes=60),
        interval=datetime.timedelta(minutes=60),
        tz=HELSINKI,
        **options,
    )
    return [slot.start.astimezone(HELSINKI).strftime("%H:%M") for slot in slots]


MINUTE = datetime.timedelta(minutes=1)
BUFFERS = {"buffer_before": datetime.timedelta(minutes=15), "buffer_after": datetime.timedelta(minutes=10)}


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ({}, ["10:00", "11:00"]),
        # A booking's blocked time that ends exactly where the new meeting's buffer starts: free.
        ({**BUFFERS, "busy": [(at(9), at(10) - BUFFERS["buffer_before"])]}, ["10:00", "11:00"]),
        ({**BUFFERS, "busy": [(at(9), at(9, 45) + MINUTE)]}, ["11:00"]),
        ({**BUFFERS, "busy": [(at(11, 10), at(12))]}, ["10:00"]),  # 10:00 meeting blocks until 11:10
        ({**BUFFERS, "busy": [(at(12, 10), at(13))]}, ["10:00", "11:00"]),
        ({**BUFFERS, "busy": [(at(12, 10) - MINUTE, at(13))]}, ["10:00"]),
        # Absences touch the meeting only (no buffers).
        ({"absences": [(at(9), at(10))]}, ["10:00", "11:00"]),
        ({"absences": [(at(9), at(10) + MINUTE)]}, ["11:00"]),
        ({"absences": [(at(12) - MINUTE, at(13))]}, ["10:00"]),
        # earliest and latest are inclusive.
        ({"earliest": at(10)}, ["10:00", "11:00"]),
        ({"earliest": at(10) + MINUTE}, ["11:00"]),
        ({"latest": at(11)}, ["10:00", "11:00"]),
        ({"latest": at(11) - MINUTE}, ["10:00"]),
        # A meeting that would end after the window does not fit.
        (
            {"weekly": [WeeklyHours(DAY.weekday(), datetime.time(10), datetime.time(11, 59), "phone")]},
            ["10:00"],
        ),
        # Extra hours over midnight: only starts on the asked days count.
        (
            {
                "weekly": [],
                "extra": [Window(at(22), at(2, day=DAY + datetime.timedelta(days=1)), "phone")],
                "latest": at(3, day=DAY + datetime.timedelta(days=1)),
            },
            ["22:00", "23:00"],
        ),
    ],
)
def test_boundaries(person, expected):
    person.setdefault("latest", at(23, 59))
    assert starts_with(**dict(person)) == expected


# --- A constant number of queries ----------------------------------------------------------------


@pytest.mark.django_db
def test_slots_for_service_uses_the_same_queries_for_any_range_and_any_number_of_bookings():
    world = build_world()
    BookingPolicy.objects.create(organization=world.organization, horizon_days=90)
    first = World.day(2)

    def count(days: int) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            slots = selectors.slots_for_service(
                organization=world.organization,
                service=world.service,
                date_from=first,
                date_to=first + datetime.timedelta(days=days - 1),
            )
        return len(queries), len(slots)

    one_day_empty, one_day_slots = count(1)
    sixty_days_empty, sixty_days_slots = count(60)
    assert one_day_slots and sixty_days_slots > one_day_slots

    # 200 bookings, 8 a day from 08:00 (45 min + 10 min buffer, every hour).
    bookings = []
    for n in range(200):
        start = World.at(first + datetime.timedelta(days=n // 8), 8 + n % 8)
        bookings.append(
            Appointment(
                organization=world.organization,
                service=world.service,
                staff=world.counselor,
                mode=MeetingMode.VIDEO,
                start=start,
                end=start + datetime.timedelta(minutes=45),
                blocked_start=start,
                blocked_end=start + datetime.timedelta(minutes=55),
                client_name="Testi",
                email="testi@example.com",
                language="fi",
                reference=f"R{n:05d}",
            )
        )
    Appointment.objects.bulk_create(bookings)
    one_day_busy, one_day_busy_slots = count(1)
    sixty_days_busy, sixty_days_busy_slots = count(60)

    assert one_day_empty == sixty_days_empty == one_day_busy == sixty_days_busy
    assert one_day_busy_slots < one_day_slots
    assert sixty_days_busy_slots < sixty_days_slots


@pytest.fixture
def world(db) -> World:
    return build_world()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 70), st.integers(1, 62))
def test_slots_for_service_never_offers_the_past_or_beyond_the_horizon(world, offset, length):
    now = timezone.now()
    date_from = timezone.localdate(now, selectors.TZ) + datetime.timedelta(days=offset - 5)

    slots = selectors.slots_for_service(
        organization=world.organization,
        service=world.service,
        date_from=date_from,
        date_to=date_from + datetime.timedelta(days=length - 1),
    )

    for slot in slots:
        assert now + datetime.timedelta(hours=24) <= slot.start <= now + datetime.timedelta(days=60)
        assert date_from <= timezone.localtime(slot.start, selectors.TZ).date()
