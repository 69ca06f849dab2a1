"""Deleting conversations from the tracker store: on request and after the retention period."""
import time

import pytest
import sqlalchemy as sa

from privacy import conversations


@pytest.fixture
def store(tmp_path):
    url = f"sqlite:///{tmp_path / 'conversations.db'}"
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    events = sa.Table(  # the columns of Rasa 3.6's SQLTrackerStore events table
        "events", meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), index=True),
        sa.Column("type_name", sa.String(255)),
        sa.Column("timestamp", sa.Float),
        sa.Column("intent_name", sa.String(255)),
        sa.Column("action_name", sa.String(255)),
        sa.Column("data", sa.Text),
    )
    meta.create_all(engine)
    now = time.time()
    rows = [("active-sender-1", now - 60), ("active-sender-1", now - 30),
            ("idle-sender-0001", now - 30 * 3600), ("idle-sender-0001", now - 25 * 3600),
            ("mixed-sender-01", now - 48 * 3600), ("mixed-sender-01", now - 3600)]
    with engine.begin() as conn:
        conn.execute(events.insert(), [{"sender_id": s, "timestamp": t, "type_name": "user", "data": "{}"} for s, t in rows])
    yield url, engine, events


def senders(engine, events):
    with engine.connect() as conn:
        return sorted({r[0] for r in conn.execute(sa.select(events.c.sender_id))})


def test_idle_conversations_are_deleted_after_the_retention_period(store, monkeypatch):
    url, engine, events = store
    monkeypatch.setenv("RETENTION_HOURS", "24")
    assert conversations.purge_idle(url=url) == 1
    assert senders(engine, events) == ["active-sender-1", "mixed-sender-01"]


def test_a_conversation_is_deleted_on_request(store):
    url, engine, events = store
    assert conversations.forget("active-sender-1", url=url) == 2
    assert "active-sender-1" not in senders(engine, events)
    assert conversations.forget("active-sender-1", url=url) == 0


@pytest.mark.parametrize("sender", ["", "short", "x" * 200, "a b c d e f g h", "'; DROP TABLE events;--", None, 7])
def test_malformed_sender_ids_delete_nothing(store, sender):
    url, engine, events = store
    assert conversations.forget(sender, url=url) == 0
    assert len(senders(engine, events)) == 3


def test_no_tracker_store_yet_is_not_an_error(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert conversations.purge_idle(url=url) == 0
    assert conversations.forget("some-sender-id", url=url) == 0
