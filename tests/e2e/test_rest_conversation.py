"""Whole conversations over REST against the real Rasa server and action server (SQLite tracker store)."""
from tests.e2e.stack import Conversation


def test_dutch_conversation(stack):
    c = Conversation(stack)
    report = c.text("ik wil aangifte doen")
    assert "aangifte" in report and "0900-8844" in report and "Meld Misdaad Anoniem" in report
    reflection = c.text("hoe lang duurt de bedenktijd?")
    assert "3 maanden" in reflection
    danger = c.say("ik word nu bedreigd")
    assert danger[0]["text"].startswith("Bel nu 112")
    shelter = c.text("waar kan ik veilig slapen vannacht")
    assert "0800-2000" in shelter and "Veilig Thuis" in shelter


def test_english_conversation_with_the_signals_check(stack):
    c = Conversation(stack)
    shelter = c.text("I need a safe place to sleep")
    assert "Veilig Thuis" in shelter and "0800-2000" in shelter and "safe place" in shelter
    danger = c.say("they locked me in")
    assert danger[0]["text"].startswith("Call 112 now")
    check = c.say("my boss keeps my passport, is that normal?")
    assert "5 short questions" in check[0]["text"]
    assert [b["payload"] for b in check[-1]["buttons"]] == ["/affirm", "/deny"]
    for answer in ["/affirm", "/affirm", "/deny", "/affirm", "/deny"]:
        last = c.say(answer)
    assert "serious signs" in last[0]["text"] and "not a legal judgement" in last[0]["text"]
    reflection = c.text("how long is the reflection period?")
    assert "3 months" in reflection


def test_buttons_address_specific_answers(stack):
    c = Conversation(stack)
    c.say("what are my rights")
    assert "free" in c.text("/ask_rights/legal_aid") and "lawyer" in c.text("/ask_rights/legal_aid")
    labour = c.text('/ask_report{"exploitation_type": "labour"}')
    assert "0800-5151" in labour


def test_emergency_does_not_need_the_action_server(rasa_without_actions):
    c = Conversation(rasa_without_actions)
    assert c.say("they locked me in")[0]["text"].startswith("Call 112 now")
    assert c.say("ik word nu bedreigd")[0]["text"].startswith("Bel nu 112")


def test_a_gp_in_enschede_gets_the_regional_desks(stack):
    c = Conversation(stack)
    answer = c.text("ik ben huisarts in Enschede en vermoed uitbuiting")
    assert "Enschede" in answer and "Twente" in answer and "Oost-Nederland" in answer
    assert "Kenniscentrum Mensenhandel Twente" in answer


def test_the_desk_api_returns_the_same_desks(stack):
    import requests

    body = requests.get(f"http://127.0.0.1:{stack.action_port}/api/desks",
                        params={"place": "Enschede", "role": "professional", "topic": "care"}, timeout=10).json()
    assert body["place"]["municipality"]["name"] == "Enschede"
    assert body["desks"][0]["id"] == "zc-twente-kenniscentrum"
    bad = requests.get(f"http://127.0.0.1:{stack.action_port}/api/desks", params={"topic": "x"}, timeout=10)
    assert bad.status_code == 400


def test_forget_deletes_the_conversation_from_the_tracker_store(stack):
    import requests
    import sqlalchemy as sa

    c = Conversation(stack)
    c.say("I need a safe place to sleep")
    engine = sa.create_engine(stack.env["TRACKER_STORE_URL"])

    def count() -> int:
        with engine.connect() as conn:
            return conn.execute(sa.text("select count(*) from events where sender_id = :s"), {"s": c.sender}).scalar()

    assert count() > 0
    reply = requests.post(f"http://127.0.0.1:{stack.action_port}/api/conversations/forget",
                          json={"sender_id": c.sender}, timeout=10)
    assert reply.json() == {"deleted": True}
    assert count() == 0
    assert "Veilig Thuis" in c.text("I need a safe place to sleep")  # a fresh conversation works


def test_when_the_action_server_is_down_every_message_still_gets_112(rasa_without_actions):
    c = Conversation(rasa_without_actions)
    reply = c.text("ik wil aangifte doen")  # needs an action
    assert "112" in reply and "0800-2000" in reply
    assert "112" in c.text("can I talk to a real person?")


def test_malformed_requests_get_a_clean_4xx_and_the_server_stays_up(stack):
    import requests

    url = stack.rest_url
    assert requests.post(url, data="not json", timeout=10).status_code == 400
    assert requests.post(url, json=["a list"], timeout=10).status_code == 400
    assert requests.post(url, json={"message": "hi"}, timeout=10).status_code == 400
    assert requests.post(url, json={"sender": "x" * 500, "message": "hi"}, timeout=10).status_code == 400
    assert requests.post(url, json={"sender": "abc", "message": 5}, timeout=10).status_code == 400
    c = Conversation(stack)
    for text in ["", "   ", "🙂🙂🙂", "a" * 12000, "\u202eevil", "<script>alert(1)</script>"]:
        assert c.say(text), repr(text[:20])
    assert "Veilig Thuis" in c.text("I need a safe place to sleep")


def test_logs_hold_no_message_text_sender_ids_or_entity_values(stack):
    c = Conversation(stack)
    secrets = ["mijn baas Pieterszoon houdt mijn paspoort", "ik woon in Zoetermeer en zoek hulp"]
    for text in secrets:
        c.say(text)
    logs = "\n".join(p.read_text(errors="replace") for p in stack.logs.values())
    for text in secrets:
        assert text not in logs
    assert "Pieterszoon" not in logs and "Zoetermeer" not in logs
    assert c.sender not in logs


def test_a_language_we_do_not_speak_gets_112_and_our_languages_in_english(stack):
    answer = Conversation(stack).text("bugün çok çalıştım ve patronum hiç para vermedi")
    assert answer.startswith("In danger? Call 112") and "Українська" in answer and "Español" in answer
