"""Tracker fixtures for action tests (rasa-sdk objects, no server)."""
from __future__ import annotations

from typing import Any, Optional

from rasa_sdk import Tracker


def tracker(
    slots: Optional[dict[str, Any]] = None,
    text: str = "",
    intent: str = "",
    entities: Optional[list[dict]] = None,
    language: Optional[dict] = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": entities or [],
        "language": language or {},
    }
    return Tracker(
        sender_id="test-sender",
        slots=slots or {},
        latest_message=latest,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def responses(dispatcher) -> list[str]:
    return [m.get("response") for m in dispatcher.messages]
