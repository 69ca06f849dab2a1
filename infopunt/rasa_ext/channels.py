"""Input channels that never leave a user without an answer and never log what they wrote.

SafeRestInput (and SafeSocketIOInput for socket.io) replaces Rasa's REST channel at the same URL (/webhooks/rest/webhook):
- malformed requests get a clean 400 (not a 500): body must be a JSON object with a string `sender`
  (1-128 characters) and a string `message`;
- an empty message is treated as an unclear one (clarifying question); a very long one is cut to
  MAX_MESSAGE_CHARS before it reaches the model;
- if the turn fails or produces no reply (action server down, timeout), the user gets the degraded reply:
  112 and a national helpline in their language;
- failures are logged without the message text or the sender id.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from infopunt import i18n, langdetect
from infopunt.languages import effective_language

log = logging.getLogger(__name__)
MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128
TURN_TIMEOUT_SECONDS = 30.0
UNCLEAR = "/nlu_fallback"


def clean_text(text: str) -> str:
    # Control characters (except newlines/tabs) and bidi overrides carry no meaning for the model.
    kept = "".join(ch for ch in text if ch in "\n\t" or (ord(ch) >= 32 and not 0x202A <= ord(ch) <= 0x202E
                                                         and not 0x2066 <= ord(ch) <= 0x2069))
    kept = kept.strip()[:MAX_MESSAGE_CHARS]
    return kept or UNCLEAR


async def conversation_language(request: Request, sender_id: str, text: str, metadata: Any) -> str:
    slot = None
    try:
        agent = request.app.ctx.agent
        tracker = await agent.tracker_store.retrieve(sender_id)
        slot = tracker.get_slot("language") if tracker else None
    except Exception:  # noqa: BLE001 - the store may be what failed
        pass
    hint = metadata.get("language") if isinstance(metadata, dict) else None
    detection = langdetect.detect(text)
    return effective_language(slot, {"language": {"guess": detection.guess, "hint": hint}})


class SafeRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # noqa: BLE001 - any parse failure is the client's
                body = None
            if not isinstance(body, dict):
                return response.json({"error": "body must be a JSON object"}, status=400)
            sender, text, metadata = body.get("sender"), body.get("message"), body.get("metadata")
            if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARS:
                return response.json({"error": "sender must be a string of 1-128 characters"}, status=400)
            if text is not None and not isinstance(text, str):
                return response.json({"error": "message must be a string"}, status=400)
            if metadata is not None and not isinstance(metadata, dict):
                metadata = None
            text = clean_text(text or "")
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            try:
                await asyncio.wait_for(on_new_message(message), timeout=TURN_TIMEOUT_SECONDS)
            except Exception as error:  # noqa: BLE001 - includes timeouts; the user still gets an answer
                log.error("degraded mode: turn failed (%s)", type(error).__name__)
            if not collector.messages:
                log.warning("degraded mode: no reply produced, sending the safety reply")
                lang = await conversation_language(request, sender, text, metadata)
                collector.messages.append({"recipient_id": sender, "text": i18n.degraded_reply(lang)})
            return response.json(collector.messages)

        return webhook


class SafeSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel with the same guarantees as SafeRestInput: cleaned text, and the degraded
    112 reply when a turn fails or produces no reply."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def guarded(message: UserMessage) -> None:
            output = message.output_channel
            sent = 0
            original = output._send_message

            async def counting(socket_id: str, response: Any) -> None:
                nonlocal sent
                sent += 1
                await original(socket_id, response)

            output._send_message = counting
            message.text = clean_text(message.text or "")
            try:
                await asyncio.wait_for(on_new_message(message), timeout=TURN_TIMEOUT_SECONDS)
            except Exception as error:  # noqa: BLE001 - the user still gets an answer
                log.error("degraded mode: socket.io turn failed (%s)", type(error).__name__)
            if not sent:
                log.warning("degraded mode: no reply produced, sending the safety reply")
                hint = message.metadata.get("language") if isinstance(message.metadata, dict) else None
                detection = langdetect.detect(message.text)
                lang = effective_language(None, {"language": {"guess": detection.guess, "hint": hint}})
                await output.send_text_message(message.sender_id, i18n.degraded_reply(lang))

        return super().blueprint(guarded)
