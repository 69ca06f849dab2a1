"""Which languages the assistant speaks, and which language a conversation is in.

A language is supported when it has a catalog in locales/<code>/ (adding one is a data-only step, see README).
"""
from __future__ import annotations

import functools
from typing import Any, Mapping, Optional

from infopunt import ROOT

FALLBACK = "en"
LOCALES_DIR = ROOT / "locales"


@functools.lru_cache(maxsize=1)
def supported() -> tuple[str, ...]:
    """Supported language codes, Dutch and English first, then alphabetical."""
    found = sorted(p.parent.parent.name for p in LOCALES_DIR.glob("*/LC_MESSAGES/messages.po"))
    first = [c for c in ("nl", "en") if c in found]
    return tuple(first + [c for c in found if c not in first])


def normalise(code: Optional[str]) -> Optional[str]:
    """'uk-UA', 'UK', 'pt_BR' -> 'uk', 'uk', 'pt'; None for empty or unsupported codes."""
    if not code or not isinstance(code, str):
        return None
    base = code.strip().replace("_", "-").split("-")[0].lower()
    return base if base in supported() else None


def effective_language(slot_value: Any, parse_data: Optional[Mapping[str, Any]] = None) -> str:
    """The language to answer in.

    The `language` slot wins (it is only set by a confident detection or an explicit choice). Before that,
    the detector's best guess for the latest message, then the channel's hint (Telegram language_code,
    browser language), then English.
    """
    chosen = normalise(slot_value)
    if chosen:
        return chosen
    parse_data = parse_data or {}
    guess = parse_data.get("language") or {}
    for candidate in (guess.get("hint"), guess.get("guess")):
        code = normalise(candidate)
        if code:
            return code
    return FALLBACK
