"""Statistics dashboard benchmark: render time and query count for one municipality and one year
on PostgreSQL, over data made by ``manage.py seed_scale``.

    .venv/bin/python bench/statistics_dashboard.py --reseed \\
        --municipalities 10 --clients 100000 --contacts 1000000 --appointments 1000000
    .venv/bin/python bench/statistics_dashboard.py --runs 9      # measure again, keep the data

Uses its own database ``kotopolku_bench_statistics`` on ``BENCH_POSTGRES`` (default
postgres://postgres@127.0.0.1:5432/postgres); nothing else is touched. Figures go to
docs/performance.md by hand.
"""

# ruff: noqa: T201, S603

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import bench_db  # noqa: E402

DATABASE = "kotopolku_bench_statistics"


def seed(args: argparse.Namespace, env: dict[str, str]) -> None:
    bench_db.create(DATABASE)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    began = time.monotonic()
    subprocess.run(
        [
            *manage,
            "seed_scale",
            f"--municipalities={args.municipalities}",
            f"--clients={args.clients}",
            f"--contacts={args.contacts}",
            f"--appointments={args.appointments}",
            f"--days={args.days}",
        ],
        env=env,
        check=True,
    )
    print(f"seeded in {time.monotonic() - began:.0f} s")
    import psycopg

    with psycopg.connect(bench_db.url(DATABASE), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def measure(runs: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    from kotopolku.accounts.models import Role, User
    from kotopolku.appointments.models import Appointment
    from kotopolku.clients.models import GuidanceContact
    from kotopolku.dropin.models import DropinVisit

    setup_test_environment()
    coordinator = User.objects.get(username="seed-1-0", role=Role.COORDINATOR)
    organization = coordinator.organization
    assert organization is not None
    today = timezone.localdate()
    start = today - datetime.timedelta(days=364)
    url = f"/staff/{organization.slug}/statistics/?date_from={start}&date_to={today}"
    client = Client(headers={"Accept-Language": "fi"})
    client.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    in_year = {
        "appointments": Appointment.objects.filter(organization=organization, start__date__gte=start).count(),
        "contacts": GuidanceContact.objects.filter(
            organization=organization, contact_date__gte=start
        ).count(),
        "drop-in visits": DropinVisit.objects.filter(
            organization=organization, session_date__gte=start
        ).count(),
    }
    totals = {
        "appointments": Appointment.objects.count(),
        "contacts": GuidanceContact.objects.count(),
        "drop-in visits": DropinVisit.objects.count(),
    }
    client.get(url)  # warm-up: connection, templates, translations
    times, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - began)
        assert response.status_code == 200, response.status_code
        queries.append(len(captured.captured_queries))
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        print(f"PostgreSQL {cursor.fetchone()[0]}")
    print(f"rows in the database: {totals}")
    print(f"rows of {organization.slug} in the year: {in_year}")
    print(f"dashboard {url}")
    print(
        f"runs {runs}: median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms,"
        f" max {max(times) * 1000:.0f} ms; queries {sorted(set(queries))}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reseed", action="store_true", help="(re)create the database and seed it")
    parser.add_argument("--municipalities", type=int, default=10)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--appointments", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": bench_db.url(DATABASE),
        "KOTOPOLKU_ENV": "test",
        "DJANGO_SETTINGS_MODULE": "kotopolku.settings",
    }
    if args.reseed or not bench_db.exists(DATABASE):
        seed(args, env)
    os.environ.update(env)
    measure(args.runs)


if __name__ == "__main__":
    main()
