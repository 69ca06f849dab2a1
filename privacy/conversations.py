"""Delete conversations from Rasa's SQL tracker store: on request (/forget, "delete conversation") and after a
retention period without messages (a job in the action server, every RETENTION_SWEEP_SECONDS).

Rasa stores one row per event in the `events` table (sender_id, timestamp, ...). Deleting all rows of a sender
removes the conversation; the next message starts a new, empty one.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import os
import re
import time
from typing import Optional

import sqlalchemy as sa

log = logging.getLogger(__name__)
DEFAULT_RETENTION_HOURS = 24.0
SENDER = re.compile(r"^[A-Za-z0-9_.:-]{8,128}$")


def tracker_url() -> Optional[str]:
    url = os.environ.get("TRACKER_STORE_URL")
    if not url:
        return None
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def retention_seconds() -> float:
    try:
        hours = float(os.environ.get("RETENTION_HOURS", DEFAULT_RETENTION_HOURS))
    except ValueError:
        hours = DEFAULT_RETENTION_HOURS
    return max(hours, 0.0) * 3600


@functools.lru_cache(maxsize=4)
def _engine(url: str) -> sa.Engine:
    engine = sa.create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":  # Rasa writes the same file (WAL mode): wait for its lock, never fail
        sa.event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA busy_timeout=5000"))
    return engine


def _events(engine: sa.Engine) -> Optional[sa.Table]:
    if not sa.inspect(engine).has_table("events"):
        return None  # Rasa creates it on its first start
    return sa.Table("events", sa.MetaData(), autoload_with=engine)


def valid_sender(sender_id: object) -> bool:
    return isinstance(sender_id, str) and bool(SENDER.match(sender_id))


def forget(sender_id: str, url: Optional[str] = None) -> int:
    """Delete one conversation now. Returns the number of events removed."""
    url = url or tracker_url()
    if not url or not valid_sender(sender_id):
        return 0
    engine = _engine(url)
    events = _events(engine)
    if events is None:
        return 0
    with engine.begin() as conn:
        removed = conn.execute(sa.delete(events).where(events.c.sender_id == sender_id)).rowcount
    log.info("conversation deleted on request (%d events)", removed)
    return removed


def purge_idle(max_idle_seconds: Optional[float] = None, url: Optional[str] = None, now: Optional[float] = None) -> int:
    """Delete every conversation whose last event is older than the retention period. Returns senders removed."""
    url = url or tracker_url()
    if not url:
        return 0
    engine = _engine(url)
    events = _events(engine)
    if events is None:
        return 0
    cutoff = (now or time.time()) - (retention_seconds() if max_idle_seconds is None else max_idle_seconds)
    idle = (
        sa.select(events.c.sender_id)
        .group_by(events.c.sender_id)
        .having(sa.func.max(events.c.timestamp) < cutoff)
    )
    with engine.begin() as conn:
        senders = [row[0] for row in conn.execute(idle)]
        for start in range(0, len(senders), 500):
            chunk = senders[start : start + 500]
            conn.execute(sa.delete(events).where(events.c.sender_id.in_(chunk)))
    if senders:
        log.info("retention: deleted %d idle conversations", len(senders))
    return len(senders)


async def retention_job(interval: Optional[float] = None) -> None:
    """Runs in the action server: purge idle conversations every interval, forever; never crashes the server."""
    interval = interval or float(os.environ.get("RETENTION_SWEEP_SECONDS", "600"))
    while True:
        try:
            await asyncio.to_thread(purge_idle)
        except Exception:  # noqa: BLE001 - keep the job alive; the next sweep retries
            log.exception("retention sweep failed")
        await asyncio.sleep(interval)
