"""Test databases: a seeded SQLite file and a seeded PostgreSQL database on 127.0.0.1:5432 (trust auth).

PostgreSQL is a real dependency of the tests: .ci/run installs and starts it when it is missing, and a test
that needs it fails (never skips) when it cannot connect.
"""
from __future__ import annotations

import os
import uuid

import sqlalchemy as sa

PG_ADMIN_URL = os.environ.get("TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def create_pg_database() -> tuple[str, callable]:
    name = f"infopunt_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop
