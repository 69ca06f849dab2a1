"""Rasa's SQL tracker store, with SQLite set up for a chat server.

Rasa 3.6 opens SQLite files with SQLAlchemy 1.4's defaults: a new connection per session and a rollback journal
that syncs to disk on every commit, which made the tracker store the most expensive part of a turn
(docs/benchmarks.md). Here SQLite runs in WAL mode with `synchronous=NORMAL` (a committed turn survives a crash
of the process; only a power cut can lose the last turns), keeps its connections in a pool, and waits up to
5 s for a lock, so the retention job in the action server and Rasa never fail on each other.
PostgreSQL and other databases are used exactly as Rasa's `SQLTrackerStore` uses them.

Loading a tracker deserialises every event of the session, and Rasa 3.6 finds each event's class by walking
the whole `Event` class tree again for every event (`Event.resolve_by_type` -> `all_subclasses`): 0.4 s for a
1 100-event conversation, most of a long conversation's turn. This module caches that lookup by type name
(the class tree does not change after start-up; unknown names still go to Rasa's own lookup).
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event

SQLITE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=5000")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


_EVENT_CLASSES: dict[str, Any] = {}
_resolve_by_type = Event.resolve_by_type


def _cached_resolve_by_type(type_name: str, default: Any = None) -> Any:
    found = _EVENT_CLASSES.get(type_name)
    if found is not None:
        return found
    found = _resolve_by_type(type_name, default)
    if found is not None and found is not default:
        _EVENT_CLASSES[type_name] = found
    return found


Event.resolve_by_type = staticmethod(_cached_resolve_by_type)


class TunedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name != "sqlite" or self.engine.url.database in (None, "", ":memory:"):
            return
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, pool_size=4, max_overflow=4,
                                       connect_args={"check_same_thread": False})
        sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
