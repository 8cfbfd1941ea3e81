"""Reporting periods: from/to dates (both included), presets, and the previous period of equal length."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PRESETS = {
    "this_month": _("This month"),
    "last_month": _("Last month"),
    "this_year": _("This year"),
    "last_year": _("Last year"),
}

MAX_DAYS = 3 * 366 + 1  # a report over at most about three years


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # included

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one (a whole month or year when this is one)."""
        if self.start.day == 1 and (self.end + datetime.timedelta(days=1)).day == 1:
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            year, month = divmod(self.start.year * 12 + self.start.month - 1 - months, 12)
            start = datetime.date(year, month + 1, 1)
            return Period(start, self.start - datetime.timedelta(days=1))
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=self.days - 1), end)

    def aware_bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start 00:00, day after end 00:00) in the local time zone."""
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        return start, end

    def months(self) -> list[datetime.date]:
        """The first day of each month the period touches."""
        months = []
        day = self.start.replace(day=1)
        while day <= self.end:
            months.append(day)
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return months


def preset(name: str, today: datetime.date | None = None) -> Period:
    today = today or timezone.localdate()
    first_of_month = today.replace(day=1)
    if name == "this_month":
        return Period(first_of_month, today)
    if name == "last_month":
        end = first_of_month - datetime.timedelta(days=1)
        return Period(end.replace(day=1), end)
    if name == "this_year":
        return Period(datetime.date(today.year, 1, 1), today)
    if name == "last_year":
        return Period(datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31))
    raise ValueError(name)
