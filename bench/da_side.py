"""The django-appointment half of the booking benchmark. Runs with django-appointment's own virtualenv
(``bench/.work/da-venv/bin/python``), never with Kotopolku's; ``booking_bench.py`` calls it.

    da_side.py project   write the minimal Django project bench/.work/da-project (settings, urls, wsgi)
    da_side.py seed      migrate kotopolku_bench_da and load bench/.work/plan.json (the same data set
                         as Kotopolku: staff, working hours, public holidays as days off, appointments)
    da_side.py queries   queries per request, measured in-process (django.test.Client)
    da_side.py check     appointments of one staff member that overlap (double bookings)

Output for the caller is one JSON object on the last line of stdout.
"""
# ruff: noqa: T201

from __future__ import annotations

import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
WORK = BENCH_DIR / ".work"
PROJECT = WORK / "da-project"
IDS_PATH = WORK / "da-ids.json"
DATABASE = "kotopolku_bench_da"
BOOKING_SESSIONS = 2000

sys.path.insert(0, str(BENCH_DIR))
import bench_db  # noqa: E402
import booking_plan  # noqa: E402

SETTINGS = '''"""Minimal project serving django-appointment for Kotopolku's booking benchmark (generated)."""

SECRET_KEY = "kotopolku-booking-benchmark-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "phonenumber_field",
    "appointment",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "da_project.urls"
WSGI_APPLICATION = "da_project.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "%(database)s",
        "USER": "postgres",
        "HOST": "127.0.0.1",
        "PORT": "5432",
    }
}
# The package ships no migrations ("makemigrations appointment" in its README): keep them here.
MIGRATION_MODULES = {"appointment": "da_project.appointment_migrations"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "en"
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
# Emails are rendered as in production but not sent (no SMTP on the benchmark machine).
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
APPOINTMENT_WEBSITE_NAME = "Benchmark"
PHONENUMBER_DEFAULT_REGION = "FI"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
'''

URLS = """from django.urls import include, path

urlpatterns = [path("appointment/", include("appointment.urls"))]
"""

WSGI = """import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "da_project.settings")
application = get_wsgi_application()
"""


def write_project() -> None:
    package = PROJECT / "da_project"
    (package / "appointment_migrations").mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "appointment_migrations" / "__init__.py").write_text("")
    (package / "settings.py").write_text(SETTINGS % {"database": DATABASE})
    (package / "urls.py").write_text(URLS)
    (package / "wsgi.py").write_text(WSGI)
    (PROJECT / "manage.py").write_text(
        "import os, sys\n"
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "da_project.settings")\n'
        "from django.core.management import execute_from_command_line\n"
        "execute_from_command_line(sys.argv)\n"
    )


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "da_project.settings"
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()


def seed() -> dict:
    bench_db.create(DATABASE)
    setup_django()
    from appointment.models import (
        Appointment,
        AppointmentRequest,
        Config,
        DayOff,
        Service,
        StaffMember,
        WorkingHours,
    )
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("makemigrations", "appointment", verbosity=0)
    call_command("migrate", verbosity=0, interactive=False)
    plan = booking_plan.load(WORK / "plan.json")
    first_day = datetime.date.fromisoformat(plan["first_day"])
    day_start = datetime.time.fromisoformat(plan["day_start"])
    day_end = datetime.time.fromisoformat(plan["day_end"])
    with transaction.atomic():
        Config(
            slot_duration=plan["interval"],
            lead_time=day_start,
            finish_time=day_end,
            appointment_buffer_time=0,
            website_name="Benchmark",
            default_to_service_duration=True,
        ).save()
        services = {
            minutes: Service.objects.create(
                name=f"Guidance {minutes} min", duration=datetime.timedelta(minutes=minutes), price=0
            )
            for minutes in plan["service_minutes"]
        }
        staff_ids: list[list[int]] = []
        staff_members: list[list[StaffMember]] = []
        for org in plan["organizations"]:
            members = []
            for person in org["staff"]:
                user = User.objects.create(
                    username=person["username"],
                    first_name="Bench",
                    last_name=person["username"],
                    email=f"{person['username']}@example.fi",
                )
                member = StaffMember.objects.create(
                    user=user,
                    slot_duration=plan["interval"],
                    lead_time=day_start,
                    finish_time=day_end,
                    appointment_buffer_time=0,
                    slot_gap_time=person["gap"],
                )
                member.services_offered.set(services.values())
                # django-appointment numbers weekdays from Sunday (0) and allows one range per day.
                WorkingHours.objects.bulk_create(
                    WorkingHours(
                        staff_member=member,
                        day_of_week=(weekday + 1) % 7,
                        start_time=datetime.time.fromisoformat(start),
                        end_time=datetime.time.fromisoformat(end),
                    )
                    for weekday, start, end, _mode in person["weekly"]
                )
                # Kotopolku closes on Finnish public holidays; here they are each staff member's days off.
                DayOff.objects.bulk_create(
                    DayOff(
                        staff_member=member,
                        start_date=datetime.date.fromisoformat(day),
                        end_date=datetime.date.fromisoformat(day),
                        description="Public holiday",
                    )
                    for day in plan["holidays"]
                )
                members.append(member)
            staff_members.append(members)
            staff_ids.append([member.pk for member in members])

        clients = User.objects.bulk_create(
            User(username=f"client{n}", email=f"client{n}@example.fi", first_name="Client", last_name=str(n))
            for n in range(200)
        )
        requests = []
        for number, (org_index, staff_index, day, start, minutes) in enumerate(plan["appointments"]):
            begins = datetime.datetime.combine(
                datetime.date.fromisoformat(day), datetime.time.fromisoformat(start)
            )
            requests.append(
                AppointmentRequest(
                    date=begins.date(),
                    start_time=begins.time(),
                    end_time=(begins + datetime.timedelta(minutes=minutes)).time(),
                    service=services[minutes],
                    staff_member=staff_members[org_index][staff_index],
                    id_request=f"seed{number}",
                )
            )
        requests = AppointmentRequest.objects.bulk_create(requests, batch_size=1000)
        Appointment.objects.bulk_create(
            (
                Appointment(
                    client=clients[number % len(clients)],
                    appointment_request=request,
                    phone="+358401234567",
                    amount_to_pay=0,
                    id_request=f"seedappt{number}",
                )
                for number, request in enumerate(requests)
            ),
            batch_size=1000,
        )

        # Logged-in clients for the booking benchmark: one session each (an anonymous booking needs an
        # emailed verification code before the appointment is created).
        bookers = User.objects.bulk_create(
            User(username=f"booker{n}", email=f"booker{n}@example.fi", first_name="Booker", last_name=str(n))
            for n in range(BOOKING_SESSIONS)
        )
        sessions = []
        for user in bookers:
            user.set_unusable_password()
        User.objects.bulk_update(bookers, ["password"])
        for user in bookers:
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            sessions.append(store.session_key)
    ids = {
        "staff": staff_ids,
        "services": {str(minutes): service.pk for minutes, service in services.items()},
        "sessions": sessions,
        "first_day": first_day.isoformat(),
    }
    IDS_PATH.write_text(json.dumps(ids))
    counts = {
        "staff": StaffMember.objects.count(),
        "working_hours": WorkingHours.objects.count(),
        "days_off": DayOff.objects.count(),
        "appointments": Appointment.objects.count(),
        "sessions": len(sessions),
    }
    connection.close()
    bench_db.analyze(DATABASE)
    bench_db.snapshot(DATABASE)
    return counts


def queries(window_from: str, window_to: str) -> dict:
    """Queries per request, in-process: the free-slots call and the two-step booking."""
    setup_django()
    from appointment.models import Appointment
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    ids = json.loads(IDS_PATH.read_text())
    service = ids["services"]["45"]
    staff = ids["staff"][0]
    client = Client(HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    first = datetime.date.fromisoformat(window_from)
    last = datetime.date.fromisoformat(window_to)
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    client.get("/appointment/ajax/available_slots/", {"selected_date": days[0], "staff_member": staff[0]})
    per_call = []
    slot_to_book = None
    for day in days:
        for member in staff:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(
                    "/appointment/ajax/available_slots/",
                    {"selected_date": day.isoformat(), "staff_member": member, "service_id": service},
                )
            assert response.status_code == 200, response.status_code
            per_call.append(len(captured))
            slots = response.json().get("available_slots") or []
            if slots and slot_to_book is None:
                slot_to_book = (member, day, datetime.datetime.fromisoformat(slots[0][0]))

    # Time of one 30-day window in-process (no HTTP, no gunicorn): wall clock and this process's CPU.
    wall, cpu = [], []
    for _repeat in range(3):
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        for day in days:
            for member in staff:
                client.get(
                    "/appointment/ajax/available_slots/",
                    {"selected_date": day.isoformat(), "staff_member": member, "service_id": service},
                )
        wall.append((time.perf_counter() - wall_start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)

    booking_queries = None
    if slot_to_book is not None:
        member, day, start = slot_to_book
        booker = Client()
        booker.force_login(User.objects.get(username="booker0"))
        before = Appointment.objects.count()
        with CaptureQueriesContext(connection) as captured:
            step1 = booker.post(
                "/appointment/request-submit/",
                {
                    "date": day.isoformat(),
                    "start_time": start.strftime("%H:%M"),
                    "end_time": (start + datetime.timedelta(minutes=45)).strftime("%H:%M"),
                    "service": service,
                    "staff_member": member,
                },
            )
            step2 = booker.post(
                step1["Location"],
                {
                    "name": "Bench Booker",
                    "payment_type": "full",
                    "phone_0": "FI",
                    "phone_1": "401234567",
                    "address": "",
                    "additional_info": "",
                },
            )
        assert step1.status_code == 302 and step2.status_code == 302, (step1.status_code, step2.status_code)
        assert Appointment.objects.count() == before + 1
        booking_queries = len(captured)
    return {
        "slots_call_min": min(per_call),
        "slots_call_max": max(per_call),
        "slots_call_mean": sum(per_call) / len(per_call),
        "slots_window_total": sum(per_call),
        "slots_day_mean_5_staff": sum(per_call) / len(days),
        "calls_per_window": len(per_call),
        "booking": booking_queries,
        "inprocess_window_wall_ms": statistics.median(wall),
        "inprocess_window_cpu_ms": statistics.median(cpu),
    }


def check() -> dict:
    """Active appointments of one staff member that overlap another (gap ignored): double bookings."""
    setup_django()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM appointment_appointment a
            JOIN appointment_appointmentrequest ra ON ra.id = a.appointment_request_id
            WHERE EXISTS (
                SELECT 1 FROM appointment_appointment b
                JOIN appointment_appointmentrequest rb ON rb.id = b.appointment_request_id
                WHERE b.id <> a.id AND rb.staff_member_id = ra.staff_member_id AND rb.date = ra.date
                  AND rb.start_time < ra.end_time AND ra.start_time < rb.end_time)
            """
        )
        overlapping = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM appointment_appointment")
        total = cursor.fetchone()[0]
    return {"appointments": total, "overlapping_appointments": overlapping}


def main() -> None:
    command = sys.argv[1]
    if command == "project":
        write_project()
        result: dict = {"project": str(PROJECT)}
    elif command == "seed":
        result = seed()
    elif command == "queries":
        result = queries(sys.argv[2], sys.argv[3])
    elif command == "check":
        result = check()
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
