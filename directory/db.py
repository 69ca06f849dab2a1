"""Engine and session factory. SQLite file by default, PostgreSQL (or any SQLAlchemy URL) by DATABASE_URL.

Engines are created on demand, never at import time.
"""
from __future__ import annotations

import functools
import os
import pathlib

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'var' / 'directory.db'}"


def database_url() -> str:
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    # Heroku-style URLs and plain postgresql:// use psycopg (v3) in this environment.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite:///"):
        pathlib.Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()
    return engine


def session_factory(url: str | None = None) -> sessionmaker[Session]:
    """Sessions for `url` (default: DATABASE_URL or the SQLite file); one engine per URL per process."""
    return _factory(url or database_url())


@functools.lru_cache(maxsize=8)
def _factory(url: str) -> sessionmaker[Session]:
    return sessionmaker(make_engine(url), expire_on_commit=False)


session_factory.cache_clear = _factory.cache_clear  # type: ignore[attr-defined]
