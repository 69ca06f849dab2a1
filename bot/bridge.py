"""Handlers: Telegram updates -> Rasa REST -> Telegram messages with inline keyboards.

Anonymity: Rasa only ever sees `sender_id(chat_id)`, a keyed hash; the Telegram `language_code` is passed as a
hint in the message metadata and not stored by the bridge; nothing here logs message text, names or ids.
"""
from __future__ import annotations

import asyncio
import collections
import hashlib
import hmac
import logging
import re
import time
from typing import Any, Optional

import httpx
from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType, MessageLimit
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, ContextTypes

from bot.config import Settings
from infopunt import i18n
from infopunt.languages import FALLBACK, normalise, supported

log = logging.getLogger(__name__)
COMMANDS = ("start", "help", "language", "forget", "stop")
MAX_PAYLOADS_PER_CHAT = 64
SEND_ATTEMPTS = 4


def sender_id(secret: bytes, chat_id: int) -> str:
    """Stable per chat, not reversible without the secret."""
    return "tg-" + hmac.new(secret, str(chat_id).encode(), hashlib.sha256).hexdigest()[:40]


def _seconds(value: Any) -> float:
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Split at paragraph, line or word boundaries so each part fits Telegram's limit."""
    parts: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        cut = cut if cut > limit // 2 else limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        parts.append(text)
    return parts


RLM = "\u200f"
_RTL_LETTER = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_STRONG = re.compile(r"[^\W\d_]")


def rtl_lines(text: str) -> str:
    """Right-to-left text (Arabic) for Telegram: a line that starts with a number, a phone number or a Latin name
    ("112 ...", "CoMensha ...") would be laid out left-to-right by the client; a right-to-left mark in front of
    such a line keeps the paragraph right-to-left. Other texts are returned unchanged."""
    if not _RTL_LETTER.search(text):
        return text
    lines = []
    for line in text.split("\n"):
        first = _STRONG.search(line)
        lines.append(RLM + line if line.strip() and (first is None or not _RTL_LETTER.match(first.group())) else line)
    return "\n".join(lines)


class Bridge:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.http = httpx.AsyncClient(timeout=settings.rasa_timeout)
        self.recent: dict[int, collections.deque] = collections.defaultdict(collections.deque)
        # Button payloads per chat (callback_data is limited to 64 bytes): chat -> {key: payload}.
        self.payloads: dict[int, collections.OrderedDict] = collections.defaultdict(collections.OrderedDict)
        self.counter = 0

    # ----------------------------------------------------------------- helpers
    def lang(self, update: Update) -> str:
        user = update.effective_user
        return normalise(user.language_code if user else None) or FALLBACK

    def flooding(self, chat_id: int) -> bool:
        now = time.monotonic()
        window = self.recent[chat_id]
        while window and now - window[0] > self.settings.flood_seconds:
            window.popleft()
        window.append(now)
        return len(window) > self.settings.flood_messages

    def remember_payload(self, chat_id: int, payload: str) -> str:
        self.counter += 1
        key = f"p{self.counter}"
        store = self.payloads[chat_id]
        store[key] = payload
        while len(store) > MAX_PAYLOADS_PER_CHAT:
            store.popitem(last=False)
        return key

    async def ask_rasa(self, chat_id: int, text: str, lang_hint: Optional[str]) -> Optional[list[dict]]:
        body: dict[str, Any] = {"sender": sender_id(self.settings.sender_secret, chat_id), "message": text,
                                "metadata": {"language": lang_hint, "channel": "telegram"}}
        try:
            reply = await self.http.post(self.settings.rasa_url, json=body)
            reply.raise_for_status()
            messages = reply.json()
            return messages if isinstance(messages, list) else None
        except (httpx.HTTPError, ValueError) as error:
            log.warning("rasa unavailable (%s): static safety reply", type(error).__name__)
            return None

    async def send(self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str,
                   markup: Optional[InlineKeyboardMarkup] = None) -> None:
        parts = split_text(rtl_lines(text))
        for index, part in enumerate(parts):
            for attempt in range(SEND_ATTEMPTS):
                try:
                    await context.bot.send_message(
                        chat_id, part, reply_markup=markup if index == len(parts) - 1 else None,
                        disable_web_page_preview=True,
                    )
                    break
                except RetryAfter as error:
                    await asyncio.sleep(_seconds(error.retry_after))
                except (TimedOut, NetworkError) as error:
                    log.warning("telegram send failed (%s), retrying", type(error).__name__)
                    await asyncio.sleep(0.5 * 2**attempt)

    async def relay(self, update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
        chat_id = update.effective_chat.id
        lang = self.lang(update)
        messages = await self.ask_rasa(chat_id, text, lang)
        if messages is None:
            await self.send(context, chat_id, i18n.degraded_reply(lang))
            return
        for message in messages:
            markup = None
            buttons = message.get("buttons") or []
            if buttons:
                markup = InlineKeyboardMarkup([
                    [InlineKeyboardButton(b.get("title", "")[:64], callback_data=self.remember_payload(chat_id, b["payload"]))]
                    for b in buttons if b.get("payload")
                ])
            if message.get("text"):
                await self.send(context, chat_id, message["text"], markup)

    # ----------------------------------------------------------------- handlers
    async def on_group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message and update.effective_message.text and update.effective_message.text.startswith("/"):
            await self.send(context, update.effective_chat.id, i18n.text(self.lang(update), "utter_bot_private_only"))

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.send(context, update.effective_chat.id, i18n.text(self.lang(update), "utter_bot_welcome"))
        await self.relay(update, context, "/greet")

    async def on_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.send(context, update.effective_chat.id, i18n.text(self.lang(update), "utter_bot_help"))

    async def on_language(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.relay(update, context, "/change_language")

    async def on_stop(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.relay(update, context, "/goodbye")

    async def on_forget(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat_id = update.effective_chat.id
        self.payloads.pop(chat_id, None)
        self.recent.pop(chat_id, None)
        try:
            reply = await self.http.post(self.settings.forget_url,
                                         json={"sender_id": sender_id(self.settings.sender_secret, chat_id)})
            reply.raise_for_status()
            key = "utter_bot_forgotten"
        except httpx.HTTPError as error:
            log.warning("forget failed (%s)", type(error).__name__)
            key = "utter_bot_forget_failed"
        await self.send(context, chat_id, i18n.text(self.lang(update), key))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat_id = update.effective_chat.id
        if self.flooding(chat_id):
            if len(self.recent[chat_id]) == self.settings.flood_messages + 1:
                await self.send(context, chat_id, i18n.text(self.lang(update), "utter_bot_slow_down"))
            return
        await self.relay(update, context, update.effective_message.text or "")

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice: we cannot read them; say so."""
        await self.send(context, update.effective_chat.id, i18n.text(self.lang(update), "utter_bot_text_only"))

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await query.answer()
        chat_id = update.effective_chat.id
        payload = self.payloads.get(chat_id, {}).get(query.data or "")
        if payload is None:  # an old button after a restart or /forget
            await self.send(context, chat_id, i18n.text(self.lang(update), "utter_bot_button_expired"))
            return
        await self.relay(update, context, payload)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("handler error: %s", type(context.error).__name__)

    async def post_init(self, application: Application) -> None:
        for code in supported():
            commands = [BotCommand(c, i18n.text(code, f"btn_cmd_{c}")) for c in COMMANDS]
            await application.bot.set_my_commands(commands, language_code=code)
        await application.bot.set_my_commands([BotCommand(c, i18n.text(FALLBACK, f"btn_cmd_{c}")) for c in COMMANDS])

    async def post_shutdown(self, application: Application) -> None:
        await self.http.aclose()


def private_chat(update: Update) -> bool:
    return bool(update.effective_chat and update.effective_chat.type == ChatType.PRIVATE)
