"""Run the real Telegram bridge process against the fake Bot API."""
from __future__ import annotations

import os
import subprocess
import time

from tests.conftest import ROOT
from tests.fakes.telegram_api import FakeTelegram

TOKEN = "123456:TEST-token-for-the-fake-api"
SENDER_SECRET = "test-sender-secret"


def start_bridge(fake: FakeTelegram, rasa_url: str, forget_url: str, log_path, extra_env: dict | None = None):
    env = dict(os.environ)
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=fake.base_url, RASA_REST_URL=rasa_url,
        FORGET_URL=forget_url, TELEGRAM_SENDER_SECRET=SENDER_SECRET, PYTHONPATH=str(ROOT),
        RASA_TIMEOUT_SECONDS="20", LOG_LEVEL="INFO",
    )
    env.update(extra_env or {})
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "python"), "-m", "bot"], cwd=ROOT, env=env,
                            stdout=log_path.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while "getUpdates" not in fake.methods() and "setWebhook" not in fake.methods():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"bridge did not start:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.2)
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
