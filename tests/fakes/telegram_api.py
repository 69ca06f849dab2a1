"""A local fake of the Telegram Bot API, for end-to-end tests of the bridge with the real PTB client.

Implements getMe, getUpdates (long polling), sendMessage, answerCallbackQuery, setWebhook, deleteWebhook,
setMyCommands and getWebhookInfo at http://127.0.0.1:<port>/bot<token>/<method>. Tests push updates and read
what the bot sent.
"""
from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional

BOT = {"id": 777000111, "is_bot": True, "first_name": "Infopunt", "username": "infopunt_test_bot"}


class FakeTelegram:
    def __init__(self) -> None:
        self.updates: list[dict] = []
        self.calls: list[tuple[str, dict]] = []
        self.sent: list[dict] = []
        self.lock = threading.Condition()
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(1000)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> "FakeTelegram":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------ test side
    def _user(self, chat_id: int, first_name: str, language_code: Optional[str]) -> dict:
        user = {"id": chat_id, "is_bot": False, "first_name": first_name}
        if language_code:
            user["language_code"] = language_code
        return user

    def push_message(self, chat_id: int, text: str, first_name: str = "Test", language_code: Optional[str] = "en",
                     chat_type: str = "private") -> None:
        message = {
            "message_id": next(self.message_ids), "date": int(time.time()), "text": text,
            "chat": {"id": chat_id if chat_type == "private" else -chat_id, "type": chat_type,
                     **({"first_name": first_name} if chat_type == "private" else {"title": "A group"})},
            "from": self._user(chat_id, first_name, language_code),
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        self._push({"message": message})

    def push_callback(self, chat_id: int, data: str, first_name: str = "Test", language_code: Optional[str] = "en") -> None:
        self._push({"callback_query": {
            "id": str(next(self.message_ids)), "from": self._user(chat_id, first_name, language_code),
            "chat_instance": "ci", "data": data,
            "message": {"message_id": next(self.message_ids), "date": int(time.time()), "text": "…",
                        "chat": {"id": chat_id, "type": "private", "first_name": first_name}},
        }})

    def push_sticker(self, chat_id: int) -> None:
        self._push({"message": {"message_id": next(self.message_ids), "date": int(time.time()),
                                "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
                                "from": self._user(chat_id, "Test", "en"),
                                "sticker": {"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1,
                                            "is_animated": False, "is_video": False, "type": "regular"}}})

    def _push(self, update: dict) -> None:
        with self.lock:
            update["update_id"] = next(self.update_ids)
            self.updates.append(update)
            self.lock.notify_all()

    def wait_sent(self, count: int, timeout: float = 60.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        with self.lock:
            while len(self.sent) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"bot sent {len(self.sent)} messages, expected {count}: {self.sent}")
                self.lock.wait(remaining)
            return list(self.sent)

    def wait_quiet(self, seconds: float = 1.5) -> list[dict]:
        """Wait until the bot has sent nothing for `seconds`, then return everything sent."""
        last = -1
        while last != len(self.sent):
            last = len(self.sent)
            time.sleep(seconds)
        return list(self.sent)

    def methods(self) -> list[str]:
        return [m for m, _ in self.calls]

    # ------------------------------------------------------------ server side
    def _handle(self, method: str, params: dict) -> Any:
        self.calls.append((method, params))
        if method == "getMe":
            return BOT
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            timeout = min(float(params.get("timeout") or 0), 1.0)
            deadline = time.monotonic() + timeout
            with self.lock:
                while True:
                    pending = [u for u in self.updates if u["update_id"] >= offset]
                    if pending or time.monotonic() >= deadline:
                        return pending
                    self.lock.wait(max(deadline - time.monotonic(), 0.01))
        if method == "sendMessage":
            markup = params.get("reply_markup")
            if isinstance(markup, str):
                markup = json.loads(markup)
            record = {"chat_id": int(params["chat_id"]), "text": params["text"], "reply_markup": markup}
            with self.lock:
                self.sent.append(record)
                self.lock.notify_all()
            return {"message_id": next(self.message_ids), "date": int(time.time()), "text": params["text"],
                    "chat": {"id": int(params["chat_id"]), "type": "private"}, "from": BOT}
        if method in ("answerCallbackQuery", "setWebhook", "deleteWebhook", "setMyCommands", "close", "logOut"):
            return True
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        raise KeyError(method)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _params(self) -> dict:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                kind = self.headers.get("Content-Type", "")
                if "json" in kind and raw:
                    return json.loads(raw)
                query = urllib.parse.urlsplit(self.path).query
                data = urllib.parse.parse_qs(raw.decode() + ("&" + query if query else ""))
                return {k: v[0] for k, v in data.items()}

            def _reply(self) -> None:
                method = self.path.split("?")[0].rsplit("/", 1)[-1]
                try:
                    body = {"ok": True, "result": fake._handle(method, self._params())}
                    status = 200
                except KeyError:
                    body, status = {"ok": False, "error_code": 404, "description": "Not Found"}, 404
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (shutdown)
                    pass

            do_GET = do_POST = _reply

        return Handler
