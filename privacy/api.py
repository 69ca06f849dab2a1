"""POST /api/conversations/forget {"sender_id": "..."}: delete a conversation at once (widget, bridge).

Sender IDs are unguessable (a keyed hash in the Telegram bridge, a random id per browser tab in the widget),
so knowing one is the permission to delete it, as it already is to write to it.
"""
from __future__ import annotations

import asyncio

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from privacy import conversations

blueprint = Blueprint("privacy_api", url_prefix="/api/conversations")


@blueprint.post("/forget")
async def forget(request: Request) -> HTTPResponse:
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - malformed JSON is a client error
        return json({"error": "body must be JSON"}, status=400)
    sender = body.get("sender_id") if isinstance(body, dict) else None
    if not conversations.valid_sender(sender):
        return json({"error": "sender_id must be 8-128 characters of letters, digits, _ . : -"}, status=400)
    removed = await asyncio.to_thread(conversations.forget, sender)
    return json({"deleted": removed > 0}, headers={"Access-Control-Allow-Origin": "*"})
