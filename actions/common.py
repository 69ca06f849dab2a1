"""Helpers shared by the action modules."""
from __future__ import annotations

from rasa_sdk import Tracker

from infopunt.languages import effective_language


def language(tracker: Tracker) -> str:
    return effective_language(tracker.get_slot("language"), tracker.latest_message or {})
