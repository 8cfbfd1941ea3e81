"""PostgreSQL databases of the booking benchmark: create, snapshot and restore (psycopg 3, no Django).

Every database name here starts with ``kotopolku_bench``; nothing else on the server is touched.
"""

from __future__ import annotations

import os

import psycopg
from psycopg import sql

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
PREFIX = "kotopolku_bench"


def url(name: str) -> str:
    return SERVER.rsplit("/", 1)[0] + "/" + name


def _check(name: str) -> None:
    if not name.startswith(PREFIX):
        raise ValueError(f"refusing to touch database {name!r}: benchmark databases start with {PREFIX}")


def _admin() -> psycopg.Connection:
    return psycopg.connect(SERVER, autocommit=True)


def drop(name: str) -> None:
    _check(name)
    with _admin() as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def create(name: str, template: str | None = None) -> None:
    """(Re)create ``name``, empty or as a copy of ``template``."""
    _check(name)
    drop(name)
    with _admin() as connection:
        if template is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        else:
            _check(template)
            connection.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )


def exists(name: str) -> bool:
    with _admin() as connection:
        return (
            connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        )


def snapshot(name: str) -> str:
    """Copy ``name`` to ``name_tpl`` (the state every measurement run starts from)."""
    copy = f"{name}_tpl"
    create(copy, template=name)
    return copy


def restore(name: str) -> None:
    create(name, template=f"{name}_tpl")


def analyze(name: str) -> None:
    with psycopg.connect(url(name), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
