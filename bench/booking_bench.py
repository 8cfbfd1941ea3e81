"""Booking benchmark: Kotopolku's slots and booking API against django-appointment, same data, same box.

    .venv/bin/python bench/booking_bench.py                 # seed both, 1 and 2 gunicorn workers
    .venv/bin/python bench/booking_bench.py --workers 2 --reuse --profile

What it does (details and caveats: docs/performance.md):

1. Seeds PostgreSQL ``kotopolku_bench`` (``seed_booking.py``) and ``kotopolku_bench_da``: a virtualenv
   with django-appointment from PyPI in ``bench/.work/da-venv``, a generated minimal project in
   ``bench/.work/da-project`` and the same data set (``booking_plan.py``, loaded by ``da_side.py``).
   Both are snapshotted; every booking round starts from the snapshot.
2. Serves both with gunicorn (gthread worker, 1 thread, so HTTP keep-alive works) on free ports of
   127.0.0.1; no traffic goes anywhere else.
3. Free times of municipality "bench-a" (5 staff, 45-minute service) for a 30-day window:
   Kotopolku answers with one request; django-appointment answers one staff member and one day per
   request, so its window is 150 requests. Sequential latency (median, p95), throughput with 1, 4 and
   8 client threads (http.client, keep-alive), queries per request (in-process, CaptureQueriesContext).
   Measurements of the two alternate in rounds, so background load hits both alike.
4. Booking: distinct free slots booked by 4 client threads (bookings/s), then collisions: 4 threads
   book the same staff member's same time at once; exactly one may succeed.
5. Prints both side by side with ratios and saves JSON to ``bench/.work/results-<time>.json``.

Servers are stopped in ``finally`` blocks (SIGTERM, then SIGKILL after 10 s).
"""
# ruff: noqa: T201, S603

from __future__ import annotations

import argparse
import cProfile
import datetime
import http.client
import io
import json
import math
import os
import pstats
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
WORK = BENCH_DIR / ".work"
DA_VENV = WORK / "da-venv"
DA_PYTHON = DA_VENV / "bin" / "python"
DA_PROJECT = WORK / "da-project"
OUR_DB = "kotopolku_bench"
DA_DB = "kotopolku_bench_da"
HOST = "127.0.0.1"
ORG = "bench-a"
WINDOW_DAYS = 30
CONCURRENCY = (1, 4, 8)
BOOKING_CLIENTS = 4

sys.path.insert(0, str(BENCH_DIR))
import bench_db  # noqa: E402
import booking_plan  # noqa: E402
import seed_booking  # noqa: E402


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


# --- Numbers ---------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary(values_ms: list[float]) -> dict:
    return {
        "n": len(values_ms),
        "median_ms": statistics.median(values_ms),
        "p95_ms": percentile(values_ms, 0.95),
        "mean_ms": statistics.fmean(values_ms),
    }


# --- Setup -----------------------------------------------------------------------------------------


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, text=True, capture_output=True, timeout=1800, **kwargs)


def da_side(*args: str) -> dict:
    result = run([str(DA_PYTHON), str(BENCH_DIR / "da_side.py"), *args], cwd=ROOT)
    return json.loads(result.stdout.strip().splitlines()[-1])


def ensure_da_venv() -> str:
    if not DA_PYTHON.exists():
        log("creating bench/.work/da-venv and installing django-appointment from PyPI")
        run(["python3", "-m", "venv", str(DA_VENV)])
        run(
            [
                str(DA_PYTHON),
                "-m",
                "pip",
                "install",
                "-q",
                "django-appointment",
                "gunicorn",
                "psycopg[binary]",
            ]
        )
    versions = run(
        [
            str(DA_PYTHON),
            "-c",
            "import importlib.metadata as m; print(m.version('django-appointment'), m.version('Django'), "
            "m.version('gunicorn'))",
        ]
    ).stdout.split()
    return f"django-appointment {versions[0]} (Django {versions[1]}, gunicorn {versions[2]})"


def seed_all(reuse: bool) -> dict:
    plan_path = WORK / "plan.json"
    tomorrow = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=26)).date()
    fresh = (
        reuse
        and plan_path.exists()
        and (WORK / "da-ids.json").exists()
        and all(bench_db.exists(f"{name}_tpl") for name in (OUR_DB, DA_DB))
        and abs((datetime.date.fromisoformat(booking_plan.load(plan_path)["first_day"]) - tomorrow).days) <= 1
    )
    if fresh:
        log("reusing the seeded databases (--reuse)")
        seed_booking.configure_django(OUR_DB)
        return booking_plan.load(plan_path)
    log("seeding Kotopolku (kotopolku_bench)")
    run([sys.executable, str(BENCH_DIR / "seed_booking.py")], cwd=ROOT)
    log("seeding django-appointment (kotopolku_bench_da) from the same plan")
    da_side("project")
    counts = da_side("seed")
    log(f"django-appointment: {counts}")
    seed_booking.configure_django(OUR_DB)
    return booking_plan.load(plan_path)


def restore_databases() -> None:
    from django.db import connection

    connection.close()
    bench_db.restore(OUR_DB)
    bench_db.restore(DA_DB)


# --- Servers ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, name: str, command: list[str], env: dict[str, str], cwd: Path, ready_path: str):
        self.name = name
        self.port = free_port()
        self.command = [*command, "--bind", f"{HOST}:{self.port}"]
        self.env = env
        self.cwd = cwd
        self.ready_path = ready_path
        self.process: subprocess.Popen | None = None
        self.log_path = WORK / f"{name}.log"

    def start(self) -> None:
        self.log_file = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited; see {self.log_path}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
                connection.request("GET", self.ready_path, headers={"X-Requested-With": "XMLHttpRequest"})
                connection.getresponse().read()
                connection.close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer in 60 s; see {self.log_path}")

    def stop(self) -> None:
        process = self.process
        if process is None:
            return
        self.process = None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # gunicorn: graceful stop of the master and its workers
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # the group of the master we started
                process.wait(timeout=10)
        self.log_file.close()


def gunicorn_args(workers: int) -> list[str]:
    return ["--workers", str(workers), "--worker-class", "gthread", "--threads", "1", "--keep-alive", "30",
            "--timeout", "120", "--graceful-timeout", "5"]  # fmt: skip


def our_server(workers: int) -> Server:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kotopolku.settings",
        "KOTOPOLKU_ENV": "test",
        "KOTOPOLKU_RATE_LIMITS": "off",
        "DATABASE_URL": bench_db.url(OUR_DB),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "kotopolku.wsgi:application",
        *gunicorn_args(workers),
    ]
    return Server(f"kotopolku-w{workers}", command, env, ROOT, "/healthz")


def da_server(workers: int) -> Server:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO", "KOTOPOLKU", "DATABASE"))
    }
    env["DJANGO_SETTINGS_MODULE"] = "da_project.settings"
    command = [str(DA_VENV / "bin" / "gunicorn"), "da_project.wsgi:application", *gunicorn_args(workers)]
    return Server(
        f"django-appointment-w{workers}", command, env, DA_PROJECT, "/appointment/ajax/available_slots/"
    )


@contextmanager
def serving(*servers: Server) -> Iterator[None]:
    try:
        for server in servers:
            server.start()
        yield
    finally:
        for server in servers:
            server.stop()


# --- HTTP load --------------------------------------------------------------------------------------

# A request function gets the thread's keep-alive connection and a sequence number, and returns whether
# the answer was the expected one.
RequestFn = Callable[[http.client.HTTPConnection, int], bool]


def connect(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(HOST, port, timeout=60)


def get(connection: http.client.HTTPConnection, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    return response.status, response.read()


def post(
    connection: http.client.HTTPConnection, path: str, body: bytes, headers: dict
) -> tuple[int, dict[str, str], bytes]:
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def sequential(port: int, fn: RequestFn, count: int, offset: int = 0) -> list[float]:
    connection = connect(port)
    latencies = []
    try:
        for number in range(offset, offset + count):
            started = time.perf_counter()
            if not fn(connection, number):
                raise RuntimeError(f"unexpected answer to request {number}")
            latencies.append((time.perf_counter() - started) * 1000)
    finally:
        connection.close()
    return latencies


def concurrent(port: int, fn: RequestFn, clients: int, max_requests: int, max_seconds: float) -> dict:
    """``clients`` threads, each with its own keep-alive connection, until max_requests or max_seconds."""
    lock = threading.Lock()
    issued = [0]
    done: list[float] = []
    failures = [0]
    deadline = time.perf_counter() + max_seconds

    def worker() -> None:
        connection = connect(port)
        try:
            while time.perf_counter() < deadline:
                with lock:
                    if issued[0] >= max_requests:
                        return
                    number = issued[0]
                    issued[0] += 1
                started = time.perf_counter()
                ok = fn(connection, number)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    done.append(elapsed)
                    if not ok:
                        failures[0] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {"requests": len(done), "seconds": elapsed, "failures": failures[0], "latencies": done}


def warm_up(port: int, fn: RequestFn, seconds: float = 3.0) -> None:
    concurrent(port, fn, clients=8, max_requests=10_000, max_seconds=seconds)


# --- The two systems -------------------------------------------------------------------------------


class Window:
    def __init__(self) -> None:
        from django.utils import timezone

        from kotopolku.appointments.selectors import TZ

        today = timezone.localtime(timezone.now(), TZ).date()
        # From the day after tomorrow: the 24-hour notice then cuts nothing, in either system.
        self.first = today + datetime.timedelta(days=2)
        self.last = self.first + datetime.timedelta(days=WINDOW_DAYS - 1)
        self.days = [self.first + datetime.timedelta(days=n) for n in range(WINDOW_DAYS)]


class Ours:
    def __init__(self, window: Window) -> None:
        from kotopolku.organizations.models import Organization, Service

        self.window = window
        self.orgs = {org.slug: org for org in Organization.objects.filter(slug__startswith="bench-")}
        self.service = {
            slug: Service.objects.get(organization=org, duration_minutes=45).pk
            for slug, org in self.orgs.items()
        }
        self.port = 0

    def slots_path(self, first: datetime.date, last: datetime.date, org: str = ORG) -> str:
        query = urllib.parse.urlencode({"service": self.service[org], "from": first, "to": last})
        return f"/api/v1/organizations/{org}/slots/?{query}"

    def window_request(self, connection: http.client.HTTPConnection, number: int) -> bool:
        status, body = get(connection, self.slots_path(self.window.first, self.window.last))
        return status == 200 and body.startswith(b"[")

    def day_request(self, connection: http.client.HTTPConnection, number: int) -> bool:
        day = self.window.days[number % WINDOW_DAYS]
        status, body = get(connection, self.slots_path(day, day))
        return status == 200 and body.startswith(b"[")

    def book(self, connection: http.client.HTTPConnection, pick: dict, number: int) -> int:
        body = json.dumps(
            {
                "service": self.service[pick["org"]],
                "start": pick["start"],
                "staff": pick["staff"],
                "name": f"Bench Client {number}",
                "email": f"bench{number}@example.fi",
                "phone": "+358401234567",
                "language": "fi",
                "privacy_accepted": True,
            }
        ).encode()
        status, _headers, _body = post(
            connection,
            f"/api/v1/organizations/{pick['org']}/appointments/",
            body,
            {"Content-Type": "application/json"},
        )
        return status


class DjangoAppointment:
    SLOTS = "/appointment/ajax/available_slots/"

    def __init__(self, window: Window, plan: dict) -> None:
        ids = json.loads((WORK / "da-ids.json").read_text())
        self.window = window
        self.staff_ids: list[list[int]] = ids["staff"]
        self.staff = self.staff_ids[0]  # municipality "bench-a"
        self.service = ids["services"]["45"]
        self.sessions: list[str] = ids["sessions"]
        self.session_index = 0
        self.lock = threading.Lock()
        self.csrf = secrets.token_hex(16)  # a 32-character secret, as Django's cookie holds
        self.calls = [(day, staff) for day in window.days for staff in self.staff]  # 150: one window
        self.port = 0

    def slots_path(self, day: datetime.date, staff: int) -> str:
        query = urllib.parse.urlencode(
            {"selected_date": day, "staff_member": staff, "service_id": self.service}
        )
        return f"{self.SLOTS}?{query}"

    def call_request(self, connection: http.client.HTTPConnection, number: int) -> bool:
        day, staff = self.calls[number % len(self.calls)]
        status, body = get(connection, self.slots_path(day, staff), {"X-Requested-With": "XMLHttpRequest"})
        return status == 200 and body.startswith(b"{")

    def next_session(self) -> str:
        with self.lock:
            key = self.sessions[self.session_index % len(self.sessions)]
            self.session_index += 1
        return key

    def book(self, connection: http.client.HTTPConnection, pick: dict, number: int) -> int:
        """The package's booking path for a logged-in client: the slot form, then the client form.
        Returns 201 when the appointment was created (redirect to the thank-you page)."""
        start = datetime.datetime.fromisoformat(pick["start"])  # Helsinki wall-clock time, as both store it
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={self.csrf}; sessionid={self.next_session()}",
        }
        form = {
            "date": start.date().isoformat(),
            "start_time": start.strftime("%H:%M"),
            "end_time": (start + datetime.timedelta(minutes=45)).strftime("%H:%M"),
            "service": self.service,
            "staff_member": pick["da_staff"],
            "csrfmiddlewaretoken": self.csrf,
        }
        status, response_headers, _body = post(
            connection, "/appointment/request-submit/", urllib.parse.urlencode(form).encode(), headers
        )
        location = response_headers.get("Location", "")
        if status != 302 or "/client-info/" not in location:
            return status
        details = {
            "name": f"Bench Client {number}",
            "payment_type": "full",
            "phone_0": "FI",
            "phone_1": "401234567",
            "address": "",
            "additional_info": "",
            "csrfmiddlewaretoken": self.csrf,
        }
        status, response_headers, _body = post(
            connection,
            urllib.parse.urlparse(location).path,
            urllib.parse.urlencode(details).encode(),
            headers,
        )
        if status == 302 and "/thank-you/" in response_headers.get("Location", ""):
            return 201
        return status


# --- Measurements ----------------------------------------------------------------------------------


def measure_reads(ours: Ours, theirs: DjangoAppointment, rounds: int, quick: bool) -> dict:
    window_requests = 100 if quick else 200
    sweeps = 4 if quick else 20
    calls_per_window = len(theirs.calls)
    result: dict = {"ours": {"window": [], "day": []}, "theirs": {"call": [], "window": [], "day": []}}

    def run_ours(round_number: int) -> None:
        per_round = window_requests // rounds
        result["ours"]["window"] += sequential(ours.port, ours.window_request, per_round)
        result["ours"]["day"] += sequential(
            ours.port, ours.day_request, per_round, offset=round_number * per_round
        )

    def run_theirs(round_number: int) -> None:
        for _sweep in range(sweeps // rounds):
            calls = sequential(theirs.port, theirs.call_request, calls_per_window)
            result["theirs"]["call"] += calls
            result["theirs"]["window"].append(sum(calls))
            staff = len(theirs.staff)
            result["theirs"]["day"] += [sum(calls[i : i + staff]) for i in range(0, len(calls), staff)]

    for round_number in range(rounds):
        order = (run_ours, run_theirs) if round_number % 2 == 0 else (run_theirs, run_ours)
        for step in order:
            step(round_number)
    reads = {
        "ours_window": summary(result["ours"]["window"]),
        "ours_day": summary(result["ours"]["day"]),
        "theirs_call": summary(result["theirs"]["call"]),
        "theirs_window": summary(result["theirs"]["window"]),
        "theirs_day": summary(result["theirs"]["day"]),
        "throughput": {},
    }
    seconds = 3.0 if quick else 8.0
    for clients in CONCURRENCY:
        totals = {"ours": [0, 0.0, 0], "theirs": [0, 0.0, 0]}
        for round_number in range(rounds):
            sides = [
                ("ours", ours.port, ours.window_request, 400),
                ("theirs", theirs.port, theirs.call_request, 3000),
            ]
            if round_number % 2:
                sides.reverse()
            for name, port, fn, limit in sides:
                outcome = concurrent(port, fn, clients, limit // rounds, seconds / rounds)
                totals[name][0] += outcome["requests"]
                totals[name][1] += outcome["seconds"]
                totals[name][2] += outcome["failures"]
        ours_rps = totals["ours"][0] / totals["ours"][1]
        theirs_rps = totals["theirs"][0] / totals["theirs"][1]
        reads["throughput"][clients] = {
            "ours_windows_per_s": ours_rps,
            "theirs_calls_per_s": theirs_rps,
            "theirs_windows_per_s": theirs_rps / calls_per_window,
            "failures": totals["ours"][2] + totals["theirs"][2],
            "requests": totals["ours"][0] + totals["theirs"][0],
        }
        log(
            f"  {clients} clients: Kotopolku {ours_rps:.1f} windows/s; django-appointment {theirs_rps:.1f} "
            f"calls/s = {theirs_rps / calls_per_window:.2f} windows/s"
        )
    return reads


def booking_picks(ours: Ours, theirs: DjangoAppointment, plan: dict) -> tuple[list[dict], list[dict]]:
    """Free (staff, start) pairs over the whole horizon, none overlapping another pick of the same staff
    member (with buffers), so all of them can be booked in any order. Every fifth pick is kept for the
    collision test."""
    from django.utils import timezone

    from kotopolku.appointments import selectors

    staff_gap = {}
    da_staff = {}
    usernames = {}
    for org_index, org in enumerate(plan["organizations"]):
        for staff_index, person in enumerate(org["staff"]):
            usernames[person["username"]] = (org_index, staff_index)
            staff_gap[person["username"]] = person["gap"]
    from kotopolku.accounts.models import User

    for user in User.objects.filter(username__in=usernames):
        org_index, staff_index = usernames[user.username]
        da_staff[user.pk] = theirs.staff_ids[org_index][staff_index]
        staff_gap[user.pk] = staff_gap[user.username]
    picks = []
    for slug, organization in ours.orgs.items():
        from kotopolku.organizations.models import Service

        slots = selectors.slots_for_service(
            organization=organization,
            service=Service.objects.get(pk=ours.service[slug]),
            date_from=ours.window.first,
            date_to=ours.window.first + datetime.timedelta(days=plan["days"]),
        )
        last_end: dict[int, datetime.datetime] = {}
        for slot in slots:
            gap = datetime.timedelta(minutes=staff_gap[slot.staff_id])
            if slot.staff_id in last_end and slot.start < last_end[slot.staff_id] + gap:
                continue
            last_end[slot.staff_id] = slot.end
            picks.append(
                {
                    "org": slug,
                    "staff": slot.staff_id,
                    "da_staff": da_staff[slot.staff_id],
                    "start": timezone.localtime(slot.start, selectors.TZ).isoformat(),
                }
            )
    collisions = picks[::5]
    distinct = [pick for index, pick in enumerate(picks) if index % 5]
    return distinct, collisions


def book_distinct(system: Ours | DjangoAppointment, picks: list[dict]) -> dict:
    statuses: Counter = Counter()
    lock = threading.Lock()

    def fn(connection: http.client.HTTPConnection, number: int) -> bool:
        status = system.book(connection, picks[number], number)
        with lock:
            statuses[status] += 1
        return status == 201

    outcome = concurrent(system.port, fn, BOOKING_CLIENTS, len(picks), 120)
    return {
        "attempts": outcome["requests"],
        "booked": statuses[201],
        "seconds": outcome["seconds"],
        "statuses": dict(statuses),
        "latencies": outcome["latencies"],
    }


def book_collisions(system: Ours | DjangoAppointment, picks: list[dict]) -> dict:
    """For each pick, BOOKING_CLIENTS threads start booking it at the same moment (a barrier)."""
    barrier = threading.Barrier(BOOKING_CLIENTS)
    per_slot: list[Counter] = [Counter() for _ in picks]
    latencies: dict[int, list[float]] = {}
    lock = threading.Lock()

    def worker(client: int) -> None:
        connection = connect(system.port)
        try:
            for index, pick in enumerate(picks):
                barrier.wait(timeout=60)
                started = time.perf_counter()
                status = system.book(connection, pick, 100_000 + index * BOOKING_CLIENTS + client)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    per_slot[index][status] += 1
                    latencies.setdefault(status, []).append(elapsed)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(client,)) for client in range(BOOKING_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total: Counter = Counter()
    for counter in per_slot:
        total.update(counter)
    return {
        "slots": len(picks),
        "attempts": len(picks) * BOOKING_CLIENTS,
        "statuses": dict(total),
        "slots_booked_exactly_once": sum(1 for counter in per_slot if counter[201] == 1),
        "slots_booked_more_than_once": sum(1 for counter in per_slot if counter[201] > 1),
        "extra_bookings": sum(max(0, counter[201] - 1) for counter in per_slot),
        "conflicts_answered_409": total[409],
        "server_errors": sum(count for status, count in total.items() if status >= 500),
        "latencies": latencies,
    }


def book_taken(system: Ours | DjangoAppointment, picks: list[dict]) -> dict:
    """One request at a time, times that were already booked before the benchmark (no race at all)."""
    statuses: Counter = Counter()
    connection = connect(system.port)
    try:
        for number, pick in enumerate(picks):
            statuses[system.book(connection, pick, 200_000 + number)] += 1
    finally:
        connection.close()
    return dict(statuses)


def taken_picks(ours: Ours, theirs: DjangoAppointment, plan: dict, count: int = 10) -> list[dict]:
    """Start times of existing 45-minute appointments of municipality bench-a, in the window."""
    from kotopolku.accounts.models import User
    from kotopolku.appointments.selectors import TZ

    users = {user.username: user.pk for user in User.objects.filter(organization=ours.orgs[ORG])}
    picks = []
    for org_index, staff_index, day, start, minutes in plan["appointments"]:
        local_day = datetime.date.fromisoformat(day)
        if org_index or minutes != 45 or not ours.window.first <= local_day <= ours.window.last:
            continue
        begins = datetime.datetime.combine(local_day, datetime.time.fromisoformat(start), tzinfo=TZ)
        username = plan["organizations"][0]["staff"][staff_index]["username"]
        picks.append(
            {
                "org": ORG,
                "staff": users[username],
                "da_staff": theirs.staff_ids[0][staff_index],
                "start": begins.isoformat(),
            }
        )
        if len(picks) == count:
            break
    return picks


def our_overlaps() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM appointments_appointment a
            WHERE a.status IN ('booked', 'attended', 'no_show')
            AND EXISTS (SELECT 1 FROM appointments_appointment b
                WHERE b.id <> a.id AND b.staff_id = a.staff_id
                AND b.status IN ('booked', 'attended', 'no_show')
                AND b.start < a."end" AND a.start < b."end")
            """
        )
        return cursor.fetchone()[0]


def measure_bookings(ours: Ours, theirs: DjangoAppointment, plan: dict, rounds: int) -> dict:
    restore_databases()
    distinct, collisions = booking_picks(ours, theirs, plan)
    taken = taken_picks(ours, theirs, plan)
    log(f"  {len(distinct)} distinct free slots and {len(collisions)} collision slots per round")
    result: dict = {
        "picks": len(distinct),
        "collision_slots": len(collisions),
        "ours": {"booked": 0, "seconds": 0.0, "statuses": Counter(), "latencies": []},
        "theirs": {"booked": 0, "seconds": 0.0, "statuses": Counter(), "latencies": []},
        "ours_collisions": Counter(),
        "theirs_collisions": Counter(),
    }
    for round_number in range(rounds):
        if round_number:
            restore_databases()
        sides = [("ours", ours), ("theirs", theirs)]
        if round_number % 2:
            sides.reverse()
        for name, system in sides:
            outcome = book_distinct(system, distinct)
            side = result[name]
            side["booked"] += outcome["booked"]
            side["seconds"] += outcome["seconds"]
            side["statuses"].update(outcome["statuses"])
            side["latencies"] += outcome["latencies"]
        for name, system in (("ours", ours), ("theirs", theirs)):
            outcome = book_collisions(system, collisions)
            result[f"{name}_collisions"].update(
                {key: value for key, value in outcome.items() if isinstance(value, int)}
            )
            result[f"{name}_collisions"].update({f"status_{k}": v for k, v in outcome["statuses"].items()})
            for status, values in outcome["latencies"].items():
                result.setdefault(f"{name}_collision_latencies", {}).setdefault(status, []).extend(values)
            result.setdefault(f"{name}_taken", Counter()).update(book_taken(system, taken))
        result["ours_overlaps_after"] = our_overlaps()
        result["theirs_check_after"] = da_side("check")
    for name in ("ours", "theirs"):
        side = result[name]
        side["bookings_per_s"] = side["booked"] / side["seconds"] if side["seconds"] else 0.0
        side["latency"] = summary(side.pop("latencies")) if side["booked"] else None
        side["statuses"] = dict(side["statuses"])
        result[f"{name}_collisions"] = dict(result[f"{name}_collisions"])
        result[f"{name}_taken"] = dict(result[f"{name}_taken"])
        result[f"{name}_collision_latency"] = {
            status: summary(values)
            for status, values in result.pop(f"{name}_collision_latencies", {}).items()
        }
    return result


def our_queries(ours: Ours, plan: dict) -> dict:
    """Queries per request, in-process with django.test.Client (same database)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    restore_databases()
    client = Client()
    window = ours.window
    client.get(ours.slots_path(window.first, window.last))
    with CaptureQueriesContext(connection) as window_queries:
        response = client.get(ours.slots_path(window.first, window.last))
    assert response.status_code == 200
    slots = response.json()
    wall, cpu = [], []
    for _repeat in range(20):
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        client.get(ours.slots_path(window.first, window.last))
        wall.append((time.perf_counter() - wall_start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    with CaptureQueriesContext(connection) as day_queries:
        assert client.get(ours.slots_path(window.first, window.first)).status_code == 200
    pick = slots[0]
    body = {
        "service": ours.service[ORG],
        "start": pick["start"],
        "staff": pick["staff"],
        "name": "Bench Client",
        "email": "bench@example.fi",
        "phone": "+358401234567",
        "language": "fi",
        "privacy_accepted": True,
    }
    url = f"/api/v1/organizations/{ORG}/appointments/"
    with CaptureQueriesContext(connection) as booking_queries:
        assert client.post(url, body, content_type="application/json").status_code == 201
    with CaptureQueriesContext(connection) as conflict_queries:
        assert client.post(url, body, content_type="application/json").status_code == 409
    restore_databases()
    return {
        "window": len(window_queries),
        "day": len(day_queries),
        "booking": len(booking_queries),
        "conflict": len(conflict_queries),
        "window_slots": len(slots),
        "inprocess_window_wall_ms": statistics.median(wall),
        "inprocess_window_cpu_ms": statistics.median(cpu),
    }


def cross_check(ours: Ours, theirs: DjangoAppointment) -> dict:
    """The two systems must offer the same free times for the same staff member and day."""
    from django.utils import timezone

    from kotopolku.accounts.models import User
    from kotopolku.appointments import selectors

    by_username = {user.pk: user.username for user in User.objects.filter(organization=ours.orgs[ORG])}
    order = sorted(by_username, key=lambda pk: by_username[pk])
    da_of = dict(zip(order, theirs.staff, strict=True))
    ours_set = set()
    organization = ours.orgs[ORG]
    from kotopolku.organizations.models import Service

    for slot in selectors.slots_for_service(
        organization=organization,
        service=Service.objects.get(pk=ours.service[ORG]),
        date_from=ours.window.first,
        date_to=ours.window.last,
    ):
        local = timezone.localtime(slot.start, selectors.TZ).replace(tzinfo=None)
        ours_set.add((da_of[slot.staff_id], local.isoformat()))
    theirs_set = set()
    connection = connect(theirs.port)
    try:
        for day, staff in theirs.calls:
            _status, body = get(
                connection, theirs.slots_path(day, staff), {"X-Requested-With": "XMLHttpRequest"}
            )
            for start, _label in json.loads(body).get("available_slots") or []:
                theirs_set.add((staff, start))
    finally:
        connection.close()
    return {
        "ours_slots": len(ours_set),
        "theirs_slots": len(theirs_set),
        "identical": ours_set == theirs_set,
        "only_ours": sorted(ours_set - theirs_set)[:5],
        "only_theirs": sorted(theirs_set - ours_set)[:5],
    }


def profile(ours: Ours, plan: dict) -> str:
    """cProfile of Kotopolku's slots request (30-day window) and of bookings, in-process."""
    from django.test import Client

    client = Client()
    path = ours.slots_path(ours.window.first, ours.window.last)
    client.get(path)
    out = io.StringIO()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(50):
        client.get(path)
    profiler.disable()
    out.write("== 50 x GET slots, 30-day window (cumulative) ==\n")
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    out.write("== same, by own time ==\n")
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)

    restore_databases()
    slots = client.get(path).json()
    profiler = cProfile.Profile()
    url = f"/api/v1/organizations/{ORG}/appointments/"
    booked = 0
    last_end: dict[int, str] = {}
    for slot in slots:
        if slot["staff"] in last_end and slot["start"] < last_end[slot["staff"]]:
            continue
        last_end[slot["staff"]] = (
            datetime.datetime.fromisoformat(slot["end"]) + datetime.timedelta(minutes=20)
        ).isoformat()
        body = {
            "service": ours.service[ORG],
            "start": slot["start"],
            "staff": slot["staff"],
            "name": "Bench Client",
            "email": "bench@example.fi",
            "language": "fi",
            "privacy_accepted": True,
        }
        profiler.enable()
        response = client.post(url, body, content_type="application/json")
        profiler.disable()
        booked += response.status_code == 201
    out.write(f"== {booked} bookings (cumulative) ==\n")
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)

    # The loser of a collision: the same body again, 20 times (each answer is 409 slot_taken).
    first = slots[0]
    body = {
        "service": ours.service[ORG],
        "start": first["start"],
        "staff": first["staff"],
        "name": "Bench Client",
        "email": "bench@example.fi",
        "language": "fi",
        "privacy_accepted": True,
    }
    profiler = cProfile.Profile()
    profiler.enable()
    conflicts = sum(
        client.post(url, body, content_type="application/json").status_code == 409 for _ in range(20)
    )
    profiler.disable()
    out.write(f"== {conflicts} x 409 slot_taken (cumulative) ==\n")
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    restore_databases()
    return out.getvalue()


# --- Report ----------------------------------------------------------------------------------------


def times(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:.1f}x" if denominator else "-"


def report(results: dict) -> str:
    """Markdown tables; the last column is how many times better Kotopolku is (slower/faster)."""
    lines = []
    for workers, data in results["runs"].items():
        reads, booking = data["reads"], data["booking"]
        lines.append(f"\n### gunicorn {workers} worker(s)\n")
        lines.append("| Measure | Kotopolku | django-appointment | Kotopolku advantage |")
        lines.append("|---|---:|---:|---:|")
        for label, ours_key, theirs_key in (
            ("Free times, 30 days x 5 staff (1 vs 150 requests)", "ours_window", "theirs_window"),
            ("Free times, 1 day x 5 staff (1 vs 5 requests)", "ours_day", "theirs_day"),
        ):
            ours_s, theirs_s = reads[ours_key], reads[theirs_key]
            for stat in ("median_ms", "p95_ms"):
                lines.append(
                    f"| {label}, {stat.split('_')[0]} ms | {ours_s[stat]:.1f} | {theirs_s[stat]:.1f} "
                    f"| {times(theirs_s[stat], ours_s[stat])} |"
                )
        call = reads["theirs_call"]
        lines.append(
            f"| django-appointment single request (1 staff, 1 day), median / p95 ms | - | "
            f"{call['median_ms']:.1f} / {call['p95_ms']:.1f} | - |"
        )
        for clients, row in reads["throughput"].items():
            lines.append(
                f"| 30-day windows/s, {clients} client thread(s) | {row['ours_windows_per_s']:.1f} | "
                f"{row['theirs_windows_per_s']:.2f} ({row['theirs_calls_per_s']:.0f} requests/s) | "
                f"{times(row['ours_windows_per_s'], row['theirs_windows_per_s'])} |"
            )
        ours_b, theirs_b = booking["ours"], booking["theirs"]
        lines.append(
            f"| Bookings/s, {BOOKING_CLIENTS} client threads, distinct free slots "
            f"| {ours_b['bookings_per_s']:.1f} | {theirs_b['bookings_per_s']:.1f} "
            f"| {times(ours_b['bookings_per_s'], theirs_b['bookings_per_s'])} |"
        )
        if ours_b["latency"] and theirs_b["latency"]:
            lines.append(
                f"| Booking latency under that load, median / p95 ms "
                f"| {ours_b['latency']['median_ms']:.0f} / "
                f"{ours_b['latency']['p95_ms']:.0f} | {theirs_b['latency']['median_ms']:.0f} / "
                f"{theirs_b['latency']['p95_ms']:.0f} | - |"
            )
        oc, tc = booking["ours_collisions"], booking["theirs_collisions"]
        expected = oc.get("attempts", 0) - oc.get("slots", 0)

        def share(count: int, expected: int = expected) -> str:
            return f"{count} ({100 * count / expected:.0f} %)" if expected else str(count)

        lines.append(
            f"| Collisions: {oc.get('slots', 0)} slots x {BOOKING_CLIENTS} simultaneous bookings; "
            f"refused with 409 (should be {expected}) | {share(oc.get('conflicts_answered_409', 0))} | "
            f"{share(tc.get('conflicts_answered_409', 0))} | - |"
        )
        lines.append(
            f"| Collisions: slots booked twice or more / surplus bookings | "
            f"{oc.get('slots_booked_more_than_once', 0)} / {oc.get('extra_bookings', 0)} | "
            f"{tc.get('slots_booked_more_than_once', 0)} / {tc.get('extra_bookings', 0)} | - |"
        )
        taken_total = sum(booking["ours_taken"].values())
        lines.append(
            f"| Already-booked times booked again, one at a time: accepted / tried | "
            f"{booking['ours_taken'].get(201, 0)} / {taken_total} | {booking['theirs_taken'].get(201, 0)} / "
            f"{sum(booking['theirs_taken'].values())} | - |"
        )
        latency = booking["ours_collision_latency"]
        if 201 in latency and 409 in latency:
            lines.append(
                f"| Kotopolku in collisions: 201 / 409 answer, median ms | {latency[201]['median_ms']:.0f} / "
                f"{latency[409]['median_ms']:.0f} | - | - |"
            )
        lines.append(
            f"| Overlapping appointments in the database afterwards | {booking['ours_overlaps_after']} | "
            f"{booking['theirs_check_after']['overlapping_appointments']} | - |"
        )
    queries, theirs_queries = results["queries"], results["theirs_queries"]
    lines.append("\n### Queries per request (in-process, CaptureQueriesContext)\n")
    lines.append("| Request | Kotopolku | django-appointment |")
    lines.append("|---|---:|---:|")
    lines.append(
        f"| Free times, 30 days x 5 staff | {queries['window']} (1 request) | "
        f"{theirs_queries['slots_window_total']} ({theirs_queries['calls_per_window']} requests, "
        f"{theirs_queries['slots_call_min']}-{theirs_queries['slots_call_max']} each, "
        f"mean {theirs_queries['slots_call_mean']:.1f}) |"
    )
    lines.append(
        f"| Free times, 1 day x 5 staff | {queries['day']} (1 request) | "
        f"{theirs_queries['slots_day_mean_5_staff']:.0f} (5 requests) |"
    )
    lines.append(
        f"| Booking | {queries['booking']} (1 request); a 409 answer: {queries['conflict']} | "
        f"{theirs_queries['booking']} (2 requests) |"
    )
    lines.append("\n### One 30-day window in-process (no HTTP; median; CPU = the Django process only)\n")
    lines.append("| | Kotopolku | django-appointment | Kotopolku advantage |")
    lines.append("|---|---:|---:|---:|")
    for key, label in (("inprocess_window_wall_ms", "wall ms"), ("inprocess_window_cpu_ms", "CPU ms")):
        lines.append(
            f"| {label} | {queries[key]:.1f} | {theirs_queries[key]:.0f} | "
            f"{times(theirs_queries[key], queries[key])} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", default="1,2", help="gunicorn worker counts to measure, e.g. 1,2")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds per measurement")
    parser.add_argument("--reuse", action="store_true", help="reuse databases seeded today")
    parser.add_argument("--quick", action="store_true", help="fewer requests (a smoke run)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of Kotopolku's slow paths")
    parser.add_argument("--clean", action="store_true", help="drop the benchmark databases and exit")
    args = parser.parse_args()
    if args.clean:
        for name in (OUR_DB, DA_DB):
            bench_db.drop(name)
            bench_db.drop(f"{name}_tpl")
        log("dropped kotopolku_bench, kotopolku_bench_da and their _tpl snapshots")
        return
    WORK.mkdir(exist_ok=True)
    load_before = os.getloadavg()
    da_version = ensure_da_venv()
    plan = seed_all(args.reuse)
    import django

    window = Window()
    ours = Ours(window)
    theirs = DjangoAppointment(window, plan)
    results: dict = {
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "versions": {"kotopolku_django": django.get_version(), "django_appointment": da_version},
        "window": [window.first.isoformat(), window.last.isoformat()],
        "load_before": load_before,
        "runs": {},
    }
    log(f"window {window.first} .. {window.last}; {da_version}")
    results["queries"] = our_queries(ours, plan)
    results["theirs_queries"] = da_side("queries", window.first.isoformat(), window.last.isoformat())
    restore_databases()
    log(f"queries: Kotopolku {results['queries']}; django-appointment {results['theirs_queries']}")
    for workers in [int(value) for value in args.workers.split(",")]:
        restore_databases()
        servers = (our_server(workers), da_server(workers))
        with serving(*servers):
            ours.port, theirs.port = servers[0].port, servers[1].port
            log(f"{workers} worker(s): Kotopolku on :{ours.port}, django-appointment on :{theirs.port}")
            if "cross_check" not in results:
                results["cross_check"] = cross_check(ours, theirs)
                log(f"same free times in both: {results['cross_check']}")
            warm_up(ours.port, ours.window_request)
            warm_up(theirs.port, theirs.call_request)
            reads = measure_reads(ours, theirs, args.rounds, args.quick)
            log(
                f"  sequential 30-day window: Kotopolku median {reads['ours_window']['median_ms']:.1f} ms; "
                f"django-appointment {reads['theirs_window']['median_ms']:.0f} ms"
            )
            booking = measure_bookings(ours, theirs, plan, args.rounds)
            log(
                f"  bookings/s: Kotopolku {booking['ours']['bookings_per_s']:.1f}, "
                f"django-appointment {booking['theirs']['bookings_per_s']:.1f}"
            )
        results["runs"][workers] = {"reads": reads, "booking": booking}
    restore_databases()
    results["load_after"] = os.getloadavg()
    table = report(results)
    print(table)
    print(f"\nload average before {load_before}, after {results['load_after']}")
    if args.profile:
        text = profile(ours, plan)
        (WORK / "profile.txt").write_text(text)
        print(text)
    path = WORK / f"results-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=1, default=str))
    print(f"\nresults saved to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
