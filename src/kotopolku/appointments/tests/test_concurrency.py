"""No double booking under load: 50 clients try to book the same time at the same moment.

PostgreSQL: through a live server (one thread and one database connection per request) and directly
through the booking service from 50 threads. SQLite: the test database is in memory and the live
server would share one connection between its threads, which proves nothing; so the SQLite tests
start a real server (gunicorn, several processes × threads, the production settings: WAL, busy
timeout 20 s, BEGIN IMMEDIATE) on a fresh database file, and run the service race in a process of
its own on that file.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from kotopolku.appointments import services
from kotopolku.appointments.models import Appointment
from kotopolku.appointments.tests.booking_world import World, build_world

CLIENTS = 50
SRC = Path(__file__).resolve().parents[3]
ACTIVE = ("booked", "attended", "no_show")

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: on SQLite the in-memory test database cannot hold real concurrent connections "
    "(the SQLite variants below run against a database file instead)",
)
needs_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite only (the PostgreSQL pass runs the PostgreSQL variants)",
)


def booking_body(world_or_ids: Any, start: str, n: int) -> bytes:
    service = world_or_ids["service"] if isinstance(world_or_ids, dict) else world_or_ids.service.pk
    return json.dumps(
        {
            "service": service,
            "start": start,
            "name": f"Asiakas {n}",
            "phone": f"+35840{n:07d}",
            "email": f"asiakas{n}@example.com",
            "language": "fi",
            "privacy_accepted": True,
        }
    ).encode()


def race_over_http(host: str, port: int, path: str, bodies: list[bytes]) -> list[tuple[int, Any]]:
    """Each client has its own connection (all opened first, so the server's short listen queue does
    not matter); then all send their request at the same moment."""
    connections = []
    for _body in bodies:
        conn = http.client.HTTPConnection(host, port, timeout=120)
        conn.connect()
        connections.append(conn)
    barrier = threading.Barrier(len(bodies))

    def one(conn: http.client.HTTPConnection, body: bytes) -> tuple[int, Any]:
        try:
            barrier.wait(timeout=60)
            conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            raw = response.read()
            try:
                return response.status, json.loads(raw)
            except ValueError:
                return response.status, raw[:500]
        finally:
            conn.close()

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(one, connections, bodies))


def assert_exactly_one_booking(results: list[tuple[int, Any]]) -> None:
    statuses = Counter(status for status, _data in results)
    assert statuses == {201: 1, 409: CLIENTS - 1}, (
        statuses,
        [r for r in results if r[0] not in (201, 409)][:3],
    )
    assert all(data["code"] == "slot_taken" for status, data in results if status == 409)
    assert all(len(data["next_slots"]) == 5 for status, data in results if status == 409)


# --- PostgreSQL ----------------------------------------------------------------------------------


@pytest.fixture
def no_rate_limits(settings) -> None:
    settings.RATELIMIT_ENABLE = False


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_http_clients_one_time_one_booking(live_server, no_rate_limits):
    world = build_world()
    start = World.at(World.day(), 10)
    url = urlsplit(live_server.url)
    path = reverse("api-organization-appointments", kwargs={"org": world.organization.slug})

    results = race_over_http(
        url.hostname or "localhost",
        url.port or 80,
        path,
        [booking_body(world, start.isoformat(), n) for n in range(CLIENTS)],
    )

    assert_exactly_one_booking(results)
    active = Appointment.objects.filter(
        staff=world.counselor,
        status__in=Appointment.ACTIVE_STATUSES,
        start__lt=start + datetime.timedelta(hours=1),
    )
    assert active.count() == 1
    assert Appointment.objects.count() == 1


def race_services(book: Callable[[int], Any]) -> Counter[str]:
    barrier = threading.Barrier(CLIENTS)

    def one(n: int) -> str:
        try:
            barrier.wait(timeout=60)
            book(n)
            return "booked"
        except services.SlotTaken:
            return "taken"
        except Exception as error:  # every other outcome is a failure, reported by name
            return f"{type(error).__name__}: {error}"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        return Counter(pool.map(one, range(CLIENTS)))


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_threads_booking_through_the_service_get_one_booking():
    world = build_world()
    start = World.at(World.day(), 10)

    outcomes = race_services(
        lambda n: services.appointment_book(
            organization=world.organization,
            service=world.service,
            start=start,
            client=services.ClientDetails(name=f"Asiakas {n}", language="fi", phone=f"+35840{n:07d}"),
            privacy_accepted=True,
        )
    )

    assert outcomes == {"booked": 1, "taken": CLIENTS - 1}
    assert Appointment.objects.filter(status__in=Appointment.ACTIVE_STATUSES).count() == 1


@pytest.mark.django_db
def test_the_database_itself_refuses_an_overlap():
    """Below the services: the exclusion constraint (PostgreSQL) or the triggers (SQLite) refuse a
    second overlapping active row however it is written."""
    world = build_world()
    start = World.at(World.day(), 10)
    fields = {
        "organization": world.organization,
        "service": world.service,
        "staff": world.counselor,
        "mode": "video",
        "client_name": "A",
        "email": "a@example.com",
        "language": "fi",
    }
    Appointment.objects.create(
        start=start, end=start + datetime.timedelta(minutes=45), blocked_start=start,
        blocked_end=start + datetime.timedelta(minutes=55), reference="AAAAAA", **fields,
    )  # fmt: skip
    later = start + datetime.timedelta(minutes=50)
    with pytest.raises(IntegrityError, match="appointment_no_double_booking"), transaction.atomic():
        Appointment.objects.create(
            start=later, end=later + datetime.timedelta(minutes=45), blocked_start=later,
            blocked_end=later + datetime.timedelta(minutes=55), reference="BBBBBB", **fields,
        )  # fmt: skip
    # A cancelled appointment does not hold its time.
    Appointment.objects.update(status="cancelled", cancelled_at=start)
    Appointment.objects.create(
        start=later, end=later + datetime.timedelta(minutes=45), blocked_start=later,
        blocked_end=later + datetime.timedelta(minutes=55), reference="CCCCCC", **fields,
    )  # fmt: skip


# --- SQLite: a real server on a database file --------------------------------------------------------

# Run in a separate Python process with DATABASE_URL pointing at the file.
HELPER = """
import json, sys, threading
from concurrent.futures import ThreadPoolExecutor
import django
django.setup()
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

command = sys.argv[1]
if command == "prepare":
    call_command("migrate", verbosity=0)
    from kotopolku.appointments.tests.booking_world import World, build_world
    world = build_world()
    print(json.dumps({
        "org": world.organization.slug,
        "service": world.service.pk,
        "start": World.at(World.day(), 10).isoformat(),
    }))
elif command == "race":
    import datetime
    from kotopolku.appointments import services
    from kotopolku.organizations.models import Organization, Service
    ids = json.loads(sys.argv[2])
    clients = int(sys.argv[3])
    organization = Organization.objects.get(slug=ids["org"])
    service = Service.objects.get(pk=ids["service"])
    start = datetime.datetime.fromisoformat(ids["start"])
    barrier = threading.Barrier(clients)

    def one(n):
        try:
            barrier.wait(timeout=60)
            services.appointment_book(
                organization=organization, service=service, start=start, privacy_accepted=True,
                client=services.ClientDetails(name=f"Asiakas {n}", language="fi", phone=f"+35840{n:07d}"),
            )
            return "booked"
        except services.SlotTaken:
            return "taken"
        except Exception as error:
            return f"{type(error).__name__}: {error}"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=clients) as pool:
        outcomes = list(pool.map(one, range(clients)))
    print(json.dumps({o: outcomes.count(o) for o in set(outcomes)}))
"""


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Iterator[tuple[dict[str, str], dict[str, Any], Path]]:
    """A migrated SQLite database file with the booking world; the environment to use it."""
    database = tmp_path / "kotopolku.sqlite3"
    env = {
        **os.environ,
        "KOTOPOLKU_ENV": "test",
        "DJANGO_SETTINGS_MODULE": "kotopolku.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "KOTOPOLKU_VAR_DIR": str(tmp_path),
        "KOTOPOLKU_RATE_LIMITS": "off",
        "PYTHONPATH": str(SRC),
    }
    prepared = subprocess.run(
        [sys.executable, "-c", HELPER, "prepare"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    yield env, json.loads(prepared.stdout.strip().splitlines()[-1]), database


def active_rows(database: Path) -> int:
    with sqlite3.connect(database) as db:
        placeholders = ",".join("?" * len(ACTIVE))
        query = f"SELECT count(*) FROM appointments_appointment WHERE status IN ({placeholders})"
        return db.execute(query, ACTIVE).fetchone()[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@needs_sqlite
def test_sqlite_fifty_http_clients_one_time_one_booking(sqlite_file, tmp_path):
    env, ids, database = sqlite_file
    port = free_port()
    log = (tmp_path / "server.log").open("w+")
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "kotopolku.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", "4", "--threads", "16", "--timeout", "120", "--log-level", "warning",
        ],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            assert server.poll() is None, "the server stopped"
            time.sleep(0.2)
        path = f"/api/v1/organizations/{ids['org']}/appointments/"

        results = race_over_http(
            "127.0.0.1", port, path, [booking_body(ids, ids["start"], n) for n in range(CLIENTS)]
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    log.seek(0)
    server_log = log.read()

    assert "database is locked" not in server_log, server_log[-3000:]
    assert_exactly_one_booking(results)
    assert active_rows(database) == 1


@needs_sqlite
def test_sqlite_fifty_threads_booking_through_the_service_get_one_booking(sqlite_file):
    env, ids, database = sqlite_file

    raced = subprocess.run(
        [sys.executable, "-c", HELPER, "race", json.dumps(ids), str(CLIENTS)],
        env=env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip

    assert json.loads(raced.stdout.strip().splitlines()[-1]) == {"booked": 1, "taken": CLIENTS - 1}, (
        raced.stderr
    )
    assert active_rows(database) == 1
