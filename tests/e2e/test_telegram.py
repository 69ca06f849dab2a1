"""The Telegram bridge end to end: real python-telegram-bot client against a local fake Bot API server,
real Rasa server, real action server."""
import socket
import time

import pytest
import requests
import sqlalchemy as sa

from tests.e2e.telegram import start_bridge, stop
from tests.fakes.telegram_api import FakeTelegram

CHAT_NL, CHAT_EN, NAME = 42424242, 51515151, "Oksana"


@pytest.fixture(scope="module")
def telegram(stack, tmp_path_factory):
    fake = FakeTelegram().start()
    log = tmp_path_factory.mktemp("bridge") / "bridge.log"
    forget = f"http://127.0.0.1:{stack.action_port}/api/conversations/forget"
    proc = start_bridge(fake, stack.rest_url, forget, log)
    yield fake, log
    stop(proc)
    fake.stop()


def converse(fake, chat_id, push):
    """Push one update and return everything the bot then sent to that chat."""
    mark = len(fake.sent)
    push()
    fake.wait_sent(mark + 1)
    fake.wait_quiet()
    return sent_to(fake, chat_id, mark)


def sent_to(fake, chat_id, since=0):
    return [m for m in fake.sent[since:] if m["chat_id"] == chat_id]


def buttons(message):
    return [b for row in (message["reply_markup"] or {}).get("inline_keyboard", []) for b in row]


def test_english_conversation_with_buttons(telegram):
    fake, _ = telegram
    messages = converse(fake, CHAT_EN, lambda: fake.push_message(CHAT_EN, "/start", first_name=NAME, language_code="en"))
    assert "112" in messages[0]["text"] and "delete this chat" in messages[0]["text"]
    menu = messages[-1]
    rights = next(b for b in buttons(menu) if b["text"] == "My rights")
    assert len(rights["callback_data"].encode()) <= 64
    overview = converse(fake, CHAT_EN, lambda: fake.push_callback(CHAT_EN, rights["callback_data"], first_name=NAME,
                                                                  language_code="en"))[-1]
    assert "rights" in overview["text"] and any(b["text"] == "Free lawyer" for b in buttons(overview))
    reply = converse(fake, CHAT_EN, lambda: fake.push_message(CHAT_EN, "how long is the reflection period?",
                                                               first_name=NAME, language_code="en"))
    assert "3 months" in reply[-1]["text"]
    assert "answerCallbackQuery" in fake.methods() and "setMyCommands" in fake.methods()


def test_dutch_conversation_with_an_inline_button(telegram):
    fake, _ = telegram
    reply = converse(fake, CHAT_NL, lambda: fake.push_message(CHAT_NL, "ik wil aangifte doen", first_name=NAME,
                                                               language_code="nl"))[-1]
    assert "aangifte" in reply["text"] and "0900-8844" in reply["text"]
    anonymous = next(b for b in buttons(reply) if b["text"] == "Anoniem melden")
    reply = converse(fake, CHAT_NL, lambda: fake.push_callback(CHAT_NL, anonymous["callback_data"], first_name=NAME,
                                                                language_code="nl"))
    assert "0800-7000" in reply[-1]["text"]


def test_group_chats_are_told_to_use_a_private_chat(telegram):
    fake, _ = telegram
    replies = converse(fake, -777, lambda: fake.push_message(777, "/start", chat_type="group"))
    assert len(replies) == 1 and "private" in replies[0]["text"]


def test_non_text_messages_get_a_clear_reply(telegram):
    fake, _ = telegram
    assert "text" in converse(fake, CHAT_EN, lambda: fake.push_sticker(CHAT_EN))[-1]["text"]


def test_anonymity_no_chat_id_or_name_in_logs_or_tracker_and_forget_removes_it(telegram, stack):
    fake, bridge_log = telegram
    engine = sa.create_engine(stack.env["TRACKER_STORE_URL"])
    with engine.connect() as conn:
        rows = conn.execute(sa.text("select sender_id, data from events")).all()
    dump = "\n".join(f"{s} {d}" for s, d in rows)
    logs = "\n".join(p.read_text(errors="replace") for p in [bridge_log, *stack.logs.values()])
    for secret in (str(CHAT_NL), str(CHAT_EN), NAME):
        assert secret not in dump and secret not in logs
    assert "ik wil aangifte doen" not in logs and "reflection period" not in logs
    senders = {s for s, _ in rows if s.startswith("tg-")}
    assert len(senders) >= 2
    reply = converse(fake, CHAT_NL, lambda: fake.push_message(CHAT_NL, "/forget", first_name=NAME, language_code="nl"))
    assert "verwijderd" in reply[-1]["text"]
    with engine.connect() as conn:
        left = {s for (s,) in conn.execute(sa.text("select distinct sender_id from events"))}
    assert len(senders - left) == 1  # the Dutch chat's conversation is gone, the English one is not


def test_rasa_down_gives_the_static_safety_reply(tmp_path):
    fake = FakeTelegram().start()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    proc = start_bridge(fake, f"http://127.0.0.1:{closed}/webhooks/rest/webhook",
                        f"http://127.0.0.1:{closed}/forget", tmp_path / "bridge.log")
    try:
        fake.push_message(CHAT_NL, "help mij", language_code="nl")
        reply = fake.wait_sent(1)[0]["text"]
        assert "112" in reply and "Veilig Thuis 0800-2000" in reply and reply.startswith("Sorry, er ging")
    finally:
        stop(proc)
        fake.stop()


def test_webhook_mode_checks_the_secret_token(tmp_path):
    fake = FakeTelegram().start()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = start_bridge(fake, "http://127.0.0.1:9/none", "http://127.0.0.1:9/none", tmp_path / "bridge.log", {
        "TELEGRAM_WEBHOOK_URL": "https://example.invalid/telegram", "TELEGRAM_WEBHOOK_SECRET": "s3cret-token",
        "TELEGRAM_WEBHOOK_PORT": str(port),
    })
    try:
        url = f"http://127.0.0.1:{port}/telegram"
        update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": "hi",
                                               "chat": {"id": 1, "type": "private"}}}
        for _ in range(50):
            try:
                requests.post(url, json=update, timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        assert requests.post(url, json=update, timeout=5).status_code == 403
        assert requests.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"},
                             timeout=5).status_code == 403
        ok = requests.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}, timeout=5)
        assert ok.status_code == 200
        webhook = next(p for m, p in fake.calls if m == "setWebhook")
        assert webhook["secret_token"] == "s3cret-token"
    finally:
        stop(proc)
        fake.stop()
