"""Fail loudly (never skip) when the PostgreSQL test server cannot be reached."""

from __future__ import annotations

import sys
import time

import dj_database_url
import psycopg

url = sys.argv[1]
config = dj_database_url.parse(url)
deadline = time.monotonic() + 30
while True:
    try:
        with psycopg.connect(
            host=config["HOST"] or None,
            port=config["PORT"] or None,
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            dbname=config["NAME"],
            connect_timeout=3,
        ) as connection:
            version = connection.execute("SHOW server_version").fetchone()
            print(f"PostgreSQL {version[0] if version else '?'} answers at {config['HOST']}:{config['PORT']}")
            break
    except psycopg.OperationalError as error:
        if time.monotonic() > deadline:
            print(f"PostgreSQL cannot be reached ({error}).", file=sys.stderr)
            print("The PostgreSQL test pass is required; start the server.", file=sys.stderr)
            sys.exit(1)
        time.sleep(1)
