"""Bridge settings, from the environment only."""
from __future__ import annotations

import dataclasses
import os
import pathlib
import secrets

ROOT = pathlib.Path(__file__).resolve().parent.parent


@dataclasses.dataclass(frozen=True)
class Settings:
    token: str
    api_base_url: str
    rasa_url: str
    forget_url: str
    sender_secret: bytes
    webhook_url: str | None
    webhook_secret: str | None
    webhook_listen: str
    webhook_port: int
    rasa_timeout: float
    flood_messages: int
    flood_seconds: float


def _sender_secret() -> bytes:
    """TELEGRAM_SENDER_SECRET, or (for `make run` on a fresh machine) one generated once into var/."""
    value = os.environ.get("TELEGRAM_SENDER_SECRET")
    if value:
        return value.encode()
    path = ROOT / "var" / "telegram-sender.secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip().encode()


def load() -> Settings:
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "")
    if not token:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set (see README, Telegram)")
    rasa_port = os.environ.get("RASA_PORT", "5005")
    action_port = os.environ.get("ACTION_PORT", "5055")
    return Settings(
        token=token,
        api_base_url=os.environ.get("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot"),
        rasa_url=os.environ.get("RASA_REST_URL", f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"),
        forget_url=os.environ.get("FORGET_URL", f"http://127.0.0.1:{action_port}/api/conversations/forget"),
        sender_secret=_sender_secret(),
        webhook_url=os.environ.get("TELEGRAM_WEBHOOK_URL") or None,
        webhook_secret=os.environ.get("TELEGRAM_WEBHOOK_SECRET") or None,
        webhook_listen=os.environ.get("TELEGRAM_WEBHOOK_LISTEN", "127.0.0.1"),
        webhook_port=int(os.environ.get("TELEGRAM_WEBHOOK_PORT", "8443")),
        rasa_timeout=float(os.environ.get("RASA_TIMEOUT_SECONDS", "8")),
        flood_messages=int(os.environ.get("FLOOD_MESSAGES", "8")),
        flood_seconds=float(os.environ.get("FLOOD_SECONDS", "10")),
    )
