"""Free appointment times, computed from plain data (no database access here).

The rules, in one place:
- a time lies inside the staff member's weekly working hours (valid on that date) or extra hours;
- not on a Finnish public holiday or a closed day of the municipality (extra hours still count:
  staff add them on purpose);
- the meeting does not overlap an absence;
- the meeting plus the staff member's buffers does not overlap another active appointment's
  blocked range (the same rule the database enforces);
- it starts no earlier than ``earliest`` (now + minimum notice) and no later than ``latest`` (horizon);
- start times fall on the municipality's interval (e.g. every 15 minutes from the window's start).

All arithmetic is done in UTC, so days when the clocks change (DST) are exact; windows are
built from local wall-clock times in Europe/Helsinki.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

UTC = datetime.UTC


@dataclass(frozen=True, order=True)
class Slot:
    start: datetime.datetime
    end: datetime.datetime
    staff_id: int
    mode: str
    place_id: int | None = None


@dataclass(frozen=True)
class WeeklyHours:
    weekday: int
    start_time: datetime.time
    end_time: datetime.time
    mode: str
    place_id: int | None = None
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None

    def applies_on(self, day: datetime.date) -> bool:
        return (
            day.weekday() == self.weekday
            and (self.valid_from is None or day >= self.valid_from)
            and (self.valid_until is None or day <= self.valid_until)
        )


@dataclass(frozen=True)
class Window:
    start: datetime.datetime
    end: datetime.datetime
    mode: str
    place_id: int | None = None


@dataclass
class StaffAvailability:
    staff_id: int
    buffer_before: datetime.timedelta = datetime.timedelta(0)
    buffer_after: datetime.timedelta = datetime.timedelta(0)
    weekly: list[WeeklyHours] = field(default_factory=list)
    extra: list[Window] = field(default_factory=list)
    absences: list[tuple[datetime.datetime, datetime.datetime]] = field(default_factory=list)
    busy: list[tuple[datetime.datetime, datetime.datetime]] = field(default_factory=list)


@lru_cache(maxsize=16)
def finnish_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.Finland(years=year).keys())


def is_public_holiday(day: datetime.date) -> bool:
    return day in finnish_holidays(day.year)


def local_datetime(day: datetime.date, time: datetime.time, tz: ZoneInfo) -> datetime.datetime:
    """A wall-clock time on a date, as an aware UTC datetime.

    PEP 495 ``fold=0``: a time skipped by the spring change (03:30) moves forward (04:30 summer
    time), as clocks do; a time that occurs twice in autumn means the first (summer-time) one.
    """
    return datetime.datetime.combine(day, time, tzinfo=tz).astimezone(UTC)


def _merge(
    intervals: Iterable[tuple[datetime.datetime, datetime.datetime]],
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    merged: list[tuple[datetime.datetime, datetime.datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class _IntervalSet:
    """Sorted, merged intervals with an O(log n) overlap test."""

    def __init__(self, intervals: Iterable[tuple[datetime.datetime, datetime.datetime]]):
        self.intervals = _merge(intervals)
        self.starts = [start for start, _end in self.intervals]

    def overlaps(self, start: datetime.datetime, end: datetime.datetime) -> bool:
        index = bisect.bisect_left(self.starts, end)  # intervals starting before `end`
        return index > 0 and self.intervals[index - 1][1] > start


def _windows_for(
    person: StaffAvailability,
    first_day: datetime.date,
    last_day: datetime.date,
    closed_days: set[datetime.date],
    tz: ZoneInfo,
) -> list[Window]:
    windows = []
    day = first_day
    while day <= last_day:
        if day not in closed_days and not is_public_holiday(day):
            for hours in person.weekly:
                if hours.applies_on(day):
                    windows.append(
                        Window(
                            local_datetime(day, hours.start_time, tz),
                            local_datetime(day, hours.end_time, tz),
                            hours.mode,
                            hours.place_id,
                        )
                    )
        day += datetime.timedelta(days=1)
    windows.extend(
        Window(w.start.astimezone(UTC), w.end.astimezone(UTC), w.mode, w.place_id) for w in person.extra
    )
    return windows


def compute_slots(
    *,
    staff: Iterable[StaffAvailability],
    duration: datetime.timedelta,
    interval: datetime.timedelta,
    first_day: datetime.date,
    last_day: datetime.date,
    earliest: datetime.datetime,
    latest: datetime.datetime,
    closed_days: set[datetime.date] | None = None,
    tz: ZoneInfo,
    mode: str | None = None,
) -> list[Slot]:
    """Every free start time, earliest first (ties: by staff, then mode)."""
    closed = closed_days or set()
    earliest = earliest.astimezone(UTC)
    latest = latest.astimezone(UTC)
    range_start = local_datetime(first_day, datetime.time.min, tz)
    range_end = local_datetime(last_day + datetime.timedelta(days=1), datetime.time.min, tz)
    found: set[Slot] = set()
    for person in staff:
        busy = _IntervalSet((s.astimezone(UTC), e.astimezone(UTC)) for s, e in person.busy)
        absent = _IntervalSet((s.astimezone(UTC), e.astimezone(UTC)) for s, e in person.absences)
        for window in _windows_for(person, first_day, last_day, closed, tz):
            if mode and window.mode != mode:
                continue
            start = window.start
            while start + duration <= window.end:
                end = start + duration
                if (
                    earliest <= start <= latest
                    and range_start <= start < range_end
                    and not absent.overlaps(start, end)
                    and not busy.overlaps(start - person.buffer_before, end + person.buffer_after)
                ):
                    found.add(Slot(start, end, person.staff_id, window.mode, window.place_id))
                start += interval
    return sorted(found)
