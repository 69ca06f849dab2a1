"""Organisations as chat lines in the conversation's language: phone, chat, website, anonymous, open now."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional

from directory.models import Organisation
from infopunt import hours, i18n


def org_line(org: Organisation, lang: str, now: Optional[dt.datetime] = None, note: Optional[str] = None) -> str:
    parts = [f"• {org.label}"]
    if org.phone:
        parts.append(i18n.text(lang, "utter_part_phone", phone=org.phone))
    if org.chat:
        parts.append(i18n.text(lang, "utter_part_chat"))
    if org.website:
        parts.append(org.website)
    elif org.email:
        parts.append(org.email)
    if org.anonymous is True:
        parts.append(i18n.text(lang, "utter_part_anonymous"))
    status = open_status(org, lang, now)
    if status:
        parts.append(status)
    line = " — ".join(parts)
    return f"{line}\n  {note}" if note else line


def open_status(org: Organisation, lang: str, now: Optional[dt.datetime] = None) -> Optional[str]:
    texts = []
    for channel in ("phone", "chat"):
        periods = (org.hours or {}).get(channel)
        if not periods:
            continue
        if hours.always_open(periods):
            key = "utter_part_always_open"
        else:
            key = "utter_part_open_now" if hours.is_open(periods, now) else "utter_part_closed_now"
        channel_name = i18n.text(lang, f"utter_part_channel_{channel}")
        texts.append(i18n.text(lang, key, channel=channel_name, hours=hours.describe(periods, lang)))
    if texts and org.hours_uncertain:
        texts.append(i18n.text(lang, "utter_part_hours_uncertain"))
    return " ".join(texts) if texts else None


def lines(orgs: Iterable[Organisation], lang: str, now: Optional[dt.datetime] = None) -> str:
    return "\n".join(org_line(o, lang, now) for o in orgs)
