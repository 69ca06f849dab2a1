"""The organisations the assistant refers people to, read from data/directory/organisations.yml."""
from __future__ import annotations

import datetime as dt
import functools
from typing import Optional

import yaml

from infopunt import ROOT, hours, i18n

DATA = ROOT / "data" / "directory" / "organisations.yml"


@functools.lru_cache(maxsize=1)
def organisations() -> dict[str, dict]:
    items = yaml.safe_load(DATA.read_text(encoding="utf-8")) or []
    return {org["id"]: org for org in items}


def get(org_id: str) -> dict:
    return organisations()[org_id]


def open_status(org: dict, channel: str, now: Optional[dt.datetime] = None) -> Optional[bool]:
    periods = (org.get("hours") or {}).get(channel)
    return hours.is_open(periods, now)


def format_line(org: dict, lang: str, now: Optional[dt.datetime] = None) -> str:
    """One organisation as a chat line: name, phone, chat, website, anonymous, open now."""
    parts = [f"• {org['name']}"]
    if org.get("phone"):
        parts.append(i18n.text(lang, "utter_part_phone", phone=org["phone"]))
    if org.get("chat"):
        parts.append(i18n.text(lang, "utter_part_chat"))
    if org.get("website"):
        parts.append(org["website"])
    if org.get("anonymous") is True:
        parts.append(i18n.text(lang, "utter_part_anonymous"))
    status = _status_text(org, lang, now)
    if status:
        parts.append(status)
    return " — ".join(parts)


def _status_text(org: dict, lang: str, now: Optional[dt.datetime]) -> Optional[str]:
    texts = []
    for channel in ("phone", "chat"):
        periods = (org.get("hours") or {}).get(channel)
        if not periods:
            continue
        state = hours.is_open(periods, now)
        if hours.always_open(periods):
            key = "utter_part_always_open"
        else:
            key = "utter_part_open_now" if state else "utter_part_closed_now"
        channel_name = i18n.text(lang, f"utter_part_channel_{channel}")
        texts.append(i18n.text(lang, key, channel=channel_name, hours=hours.describe(periods, lang)))
    if texts and org.get("hours_uncertain"):
        texts.append(i18n.text(lang, "utter_part_hours_uncertain"))
    return " ".join(texts) if texts else None
