"""The booking benchmark's data set, as plain data: both seeders (Kotopolku and django-appointment) load it.

No Django here: ``da_side.py`` imports this module from django-appointment's own virtualenv. The plan is
deterministic for a given first day and seed, so both databases hold the same staff, hours, public
holidays and existing appointments (same staff member, date, start and duration).

Layout: 2 municipalities x 5 staff; weekdays 08:00-16:00 (Mon-Thu in person at the office, Fridays by
phone or video); 15-minute start times; a 45-minute service is benchmarked; 3,000 existing appointments
of 15, 30 or 45 minutes, 7 or 8 per staff working day, never closer than the staff member's buffers.

Buffers (Kotopolku: before/after each meeting; django-appointment: one "slot gap" applied on both
sides) are chosen so that both rules block exactly the same start times: gap = before + after.
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Callable
from pathlib import Path

DAYS = 60
APPOINTMENTS = 3000
ORGANIZATIONS = 2
STAFF_PER_ORGANIZATION = 5
DAY_START = datetime.time(8, 0)
DAY_END = datetime.time(16, 0)
INTERVAL_MINUTES = 15
BENCH_SERVICE_MINUTES = 45
SERVICE_MINUTES = (45, 30, 15)
DURATION_WEIGHTS = (0.5, 0.3, 0.2)  # 45, 30, 15 minutes
# (buffer before, buffer after) per staff index; django-appointment gap = before + after.
BUFFERS = ((0, 10), (0, 10), (0, 10), (0, 15), (5, 5))
FRIDAY_MODES = ("phone", "phone", "video", "video", "phone")
SEED = 20261130


def _minutes(time: datetime.time) -> int:
    return time.hour * 60 + time.minute


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _day_layout(rng: random.Random, count: int, gap: int) -> list[tuple[int, int]]:
    """``count`` meetings (start minute, duration) inside the working day, on the 15-minute grid,
    each next one starting no earlier than the previous end + gap."""
    day_start, day_end = _minutes(DAY_START), _minutes(DAY_END)
    step = INTERVAL_MINUTES
    rounded_gap = -(-gap // step) * step
    while True:
        durations = rng.choices(SERVICE_MINUTES, weights=DURATION_WEIGHTS, k=count)
        needed = sum(durations) + rounded_gap * (count - 1)
        if needed <= day_end - day_start:
            break
    slack_units = (day_end - day_start - needed) // step
    # Spread the free quarter-hours over the count + 1 gaps (before, between and after the meetings).
    cuts = sorted(rng.randint(0, slack_units) for _ in range(count))
    extra = [cuts[0]] + [cuts[i] - cuts[i - 1] for i in range(1, count)]
    layout = []
    position = day_start
    for index, duration in enumerate(durations):
        position += extra[index] * step
        layout.append((position, duration))
        position += duration + rounded_gap
    return layout


def build_plan(first_day: datetime.date, is_holiday: Callable[[datetime.date], bool]) -> dict:
    """The whole data set. ``is_holiday`` is Kotopolku's own public-holiday rule (Finland)."""
    rng = random.Random(SEED)  # noqa: S311  (reproducible test data, not secrets)
    days = [first_day + datetime.timedelta(days=offset) for offset in range(DAYS)]
    holidays = [day for day in days if is_holiday(day)]
    working_days = [day for day in days if day.weekday() < 5 and day not in holidays]
    organizations = []
    staff_days = []
    for org_index in range(ORGANIZATIONS):
        slug = f"bench-{chr(ord('a') + org_index)}"
        staff = []
        for staff_index in range(STAFF_PER_ORGANIZATION):
            before, after = BUFFERS[staff_index]
            weekly = [
                [weekday, _clock(_minutes(DAY_START)), _clock(_minutes(DAY_END)), "in_person"]
                for weekday in range(4)
            ]
            weekly.append(
                [4, _clock(_minutes(DAY_START)), _clock(_minutes(DAY_END)), FRIDAY_MODES[staff_index]]
            )
            staff.append(
                {
                    "username": f"{slug}-staff{staff_index + 1}",
                    "buffer_before": before,
                    "buffer_after": after,
                    "gap": before + after,
                    "weekly": weekly,
                }
            )
            staff_days.extend((org_index, staff_index, day) for day in working_days)
        organizations.append({"slug": slug, "name": f"Bench {chr(ord('A') + org_index)}", "staff": staff})

    # 7 or 8 meetings a working day, totalling exactly APPOINTMENTS.
    base, remainder = divmod(APPOINTMENTS, len(staff_days))
    busier = set(rng.sample(range(len(staff_days)), remainder))
    appointments = []
    for position, (org_index, staff_index, day) in enumerate(staff_days):
        count = base + (1 if position in busier else 0)
        gap = organizations[org_index]["staff"][staff_index]["gap"]
        for start, duration in _day_layout(rng, count, gap):
            appointments.append([org_index, staff_index, day.isoformat(), _clock(start), duration])
    return {
        "first_day": first_day.isoformat(),
        "days": DAYS,
        "time_zone": "Europe/Helsinki",
        "interval": INTERVAL_MINUTES,
        "bench_service_minutes": BENCH_SERVICE_MINUTES,
        "service_minutes": list(SERVICE_MINUTES),
        "day_start": _clock(_minutes(DAY_START)),
        "day_end": _clock(_minutes(DAY_END)),
        "holidays": [day.isoformat() for day in holidays],
        "organizations": organizations,
        "appointments": appointments,
    }


def save(plan: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plan, indent=1))


def load(path: Path) -> dict:
    return json.loads(path.read_text())
