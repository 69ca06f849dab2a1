"""Read-only JSON API for websites and professionals' systems: GET /api/desks?place=...&topic=...&role=...

Returns the same result as the assistant's desk lookup. Served by the action server (actions/server.py).
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from directory import db, lookup, places
from directory.models import Municipality, Organisation
from infopunt import hours

blueprint = Blueprint("directory_api", url_prefix="/api")
MAX_PLACE = 200
ROLES = ("victim", "professional")


def organisation_json(org: Organisation, now: Optional[dt.datetime] = None) -> dict[str, Any]:
    periods = org.hours or {}
    return {
        "id": org.id,
        "name": org.name,
        "kind": org.kind,
        "scope": org.scope,
        "phone": org.phone,
        "website": org.website,
        "email": org.email,
        "chat": org.chat,
        "anonymous": org.anonymous,
        "hours": periods or None,
        "hours_uncertain": org.hours_uncertain,
        "open_now": {channel: hours.is_open(p, now) for channel, p in periods.items()} or None,
        "topics": org.topics,
        "audiences": org.audiences,
        "source_urls": org.source_urls,
        "verified_on": org.verified_on.isoformat(),
        "notes": org.notes,
    }


def municipality_json(m: Municipality) -> dict[str, Any]:
    return {
        "code": m.code,
        "name": m.name,
        "province": m.province,
        "regions": {r.kind: {"id": r.id, "name": r.name, "derived": r.derived} for r in m.regions},
    }


def desks(place: Optional[str], topic: str, role: str, now: Optional[dt.datetime] = None) -> dict[str, Any]:
    with db.session_factory()() as session:
        resolution = places.resolve(session, place) if place else places.Resolution("unknown")
        municipality = resolution.municipality if resolution.status == "found" else None
        answer = lookup.find_desks(session, municipality, topic, role)
        return {
            "query": {"place": place, "topic": topic, "role": role},
            "place": {
                "status": resolution.status if place else "none",
                "approximate": resolution.approximate,
                "municipality": municipality_json(municipality) if municipality else None,
                "province": resolution.province,
                "candidates": [{"code": m.code, "name": m.name} for m in resolution.candidates],
            },
            "care_fallback": answer.care_fallback,
            "desks": [
                {**organisation_json(d.organisation, now), "regional": d.regional, "fallback": d.fallback}
                for d in answer.desks
            ],
        }


@blueprint.get("/desks")
async def get_desks(request: Request) -> HTTPResponse:
    place = request.args.get("place")
    topic = request.args.get("topic", "reporting")
    role = request.args.get("role", "victim")
    if place is not None and len(place) > MAX_PLACE:
        return json({"error": f"place is longer than {MAX_PLACE} characters"}, status=400)
    if topic not in lookup.TOPICS:
        return json({"error": "unknown topic", "topics": list(lookup.TOPICS)}, status=400)
    if role not in ROLES:
        return json({"error": "unknown role", "roles": list(ROLES)}, status=400)
    body = desks(place, topic, role)
    return json(body, headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300"})
