"""Structured opening hours, evaluated in Europe/Amsterdam time and formatted per locale with Babel.

A channel's hours are a list of {days: [mon..sun], open: "HH:MM", close: "HH:MM"}; close "24:00" means
midnight, and close before open means the period runs past midnight (Fier's chat 19:00-06:00).
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Mapping, Optional
from zoneinfo import ZoneInfo

from babel.dates import format_time

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def local_now(now: Optional[dt.datetime] = None) -> dt.datetime:
    now = now or dt.datetime.now(dt.timezone.utc)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(AMSTERDAM)


def is_open(periods: Optional[Iterable[Mapping]], now: Optional[dt.datetime] = None) -> Optional[bool]:
    """True/False, or None when the hours are unknown."""
    if not periods:
        return None
    local = local_now(now)
    today = DAYS[local.weekday()]
    yesterday = DAYS[(local.weekday() - 1) % 7]
    minute = local.hour * 60 + local.minute
    for period in periods:
        start, end = _minutes(period["open"]), _minutes(period["close"])
        days = period["days"]
        if start < end:
            if today in days and start <= minute < end:
                return True
        else:  # runs past midnight
            if (today in days and minute >= start) or (yesterday in days and minute < end):
                return True
    return False


def always_open(periods: Optional[Iterable[Mapping]]) -> bool:
    return bool(periods) and any(
        p["open"] == "00:00" and p["close"] == "24:00" and len(p["days"]) == 7 for p in periods
    )


def describe(periods: Optional[Iterable[Mapping]], lang: str) -> Optional[str]:
    """'09:00–17:00' style summary per locale (days are named by the catalog text around it)."""
    if not periods:
        return None
    spans = []
    for p in periods:
        start = format_time(dt.time(*map(int, p["open"].split(":"))), format="short", locale=lang)
        close = "24:00" if p["close"] == "24:00" else format_time(
            dt.time(*map(int, p["close"].split(":"))), format="short", locale=lang
        )
        spans.append(f"{start}–{close}")
    return ", ".join(dict.fromkeys(spans))
