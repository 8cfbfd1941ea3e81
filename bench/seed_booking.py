"""Seed the booking benchmark's Kotopolku database (PostgreSQL ``kotopolku_bench``), from scratch.

    .venv/bin/python bench/seed_booking.py

Drops and recreates the database, migrates it, loads the data set of ``booking_plan.py`` (2
municipalities x 5 staff, 60 days of working hours from tomorrow, buffers, 3,000 existing
appointments), writes the plan to ``bench/.work/plan.json`` (django-appointment is seeded from the same
file) and snapshots the database to ``kotopolku_bench_tpl`` so every measurement run starts equal.
"""
# ruff: noqa: T201

from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
WORK = BENCH_DIR / ".work"
PLAN_PATH = WORK / "plan.json"
DATABASE = "kotopolku_bench"

sys.path.insert(0, str(BENCH_DIR))
import bench_db  # noqa: E402
import booking_plan  # noqa: E402


def configure_django(database: str = DATABASE) -> None:
    """Settings for the benchmark: test mode, rate limits off, the benchmark database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "kotopolku.settings"
    os.environ["KOTOPOLKU_ENV"] = "test"
    os.environ["KOTOPOLKU_RATE_LIMITS"] = "off"
    os.environ["DATABASE_URL"] = bench_db.url(database)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def load(plan: dict) -> dict[str, int]:
    from django.db import transaction
    from django.utils import timezone

    from kotopolku.accounts.models import Role, User
    from kotopolku.appointments.models import Appointment, BookingPolicy, StaffSchedule, WorkingHours
    from kotopolku.appointments.selectors import TZ
    from kotopolku.organizations.models import Organization, Place, Service, ServiceType

    first_day = datetime.date.fromisoformat(plan["first_day"])
    last_day = first_day + datetime.timedelta(days=plan["days"] - 1)
    now = timezone.now()
    with transaction.atomic():
        services: list[dict[int, Service]] = []
        places: list[Place] = []
        staff: list[list[User]] = []
        for org_data in plan["organizations"]:
            organization = Organization.objects.create(slug=org_data["slug"], name_fi=org_data["name"])
            BookingPolicy.objects.create(
                organization=organization,
                min_notice_hours=24,
                horizon_days=60,
                slot_interval_minutes=plan["interval"],
            )
            place = Place.objects.create(
                organization=organization, name_fi="Toimisto", street_address="Kaivokatu 14", city="Heinola"
            )
            places.append(place)
            services.append(
                {
                    minutes: Service.objects.create(
                        organization=organization,
                        service_type=ServiceType.EVERYDAY_GUIDANCE,
                        name_fi=f"Neuvonta {minutes} min",
                        duration_minutes=minutes,
                        position=index,
                    )
                    for index, minutes in enumerate(plan["service_minutes"])
                }
            )
            people = []
            for staff_data in org_data["staff"]:
                user = User.objects.create(
                    username=staff_data["username"],
                    first_name="Bench",
                    last_name=staff_data["username"],
                    email=f"{staff_data['username']}@example.fi",
                    organization=organization,
                    role=Role.COUNSELOR,
                )
                StaffSchedule.objects.create(
                    organization=organization,
                    staff=user,
                    buffer_before_minutes=staff_data["buffer_before"],
                    buffer_after_minutes=staff_data["buffer_after"],
                )
                WorkingHours.objects.bulk_create(
                    WorkingHours(
                        organization=organization,
                        staff=user,
                        weekday=weekday,
                        start_time=_time(start),
                        end_time=_time(end),
                        mode=mode,
                        place=place if mode == "in_person" else None,
                        valid_from=first_day,
                        valid_until=last_day,
                    )
                    for weekday, start, end, mode in staff_data["weekly"]
                )
                people.append(user)
            staff.append(people)

        rows = []
        for number, (org_index, staff_index, day, start, minutes) in enumerate(plan["appointments"]):
            staff_data = plan["organizations"][org_index]["staff"][staff_index]
            local_day = datetime.date.fromisoformat(day)
            begins = datetime.datetime.combine(local_day, _time(start), tzinfo=TZ)
            ends = begins + datetime.timedelta(minutes=minutes)
            mode = next(row[3] for row in staff_data["weekly"] if row[0] == local_day.weekday())
            organization_id = staff[org_index][staff_index].organization_id
            rows.append(
                Appointment(
                    organization_id=organization_id,
                    service=services[org_index][minutes],
                    staff=staff[org_index][staff_index],
                    mode=mode,
                    place=places[org_index] if mode == "in_person" else None,
                    start=begins,
                    end=ends,
                    blocked_start=begins - datetime.timedelta(minutes=staff_data["buffer_before"]),
                    blocked_end=ends + datetime.timedelta(minutes=staff_data["buffer_after"]),
                    channel=Appointment.Channel.ONLINE if number % 3 else Appointment.Channel.STAFF,
                    reference=f"B{number:05d}",
                    client_name=f"Asiakas {number}",
                    email=f"asiakas{number}@example.fi",
                    language="fi",
                    privacy_accepted_at=now,
                )
            )
        Appointment.objects.bulk_create(rows, batch_size=1000)
    return {
        "organizations": len(plan["organizations"]),
        "staff": sum(len(people) for people in staff),
        "appointments": len(rows),
        "working_hours": WorkingHours.objects.count(),
    }


def seed(database: str = DATABASE) -> dict:
    started = time.monotonic()
    bench_db.create(database)
    configure_django(database)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from kotopolku.appointments.selectors import TZ
    from kotopolku.appointments.slots import is_public_holiday

    call_command("migrate", verbosity=0, interactive=False)
    first_day = timezone.localtime(timezone.now(), TZ).date() + datetime.timedelta(days=1)
    plan = booking_plan.build_plan(first_day, is_public_holiday)
    counts = load(plan)
    connection.close()
    bench_db.analyze(database)
    bench_db.snapshot(database)
    booking_plan.save(plan, PLAN_PATH)
    print(
        f"seeded {database}: {counts['organizations']} municipalities, {counts['staff']} staff, "
        f"{counts['working_hours']} working-hour rows, {plan['days']} days from {plan['first_day']}, "
        f"{counts['appointments']} appointments, holidays {', '.join(plan['holidays']) or 'none'} "
        f"({time.monotonic() - started:.1f} s); plan in {PLAN_PATH.relative_to(ROOT)}"
    )
    return plan


if __name__ == "__main__":
    seed()
