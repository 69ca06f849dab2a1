"""The catalog NLG, run in the real Rasa runtime (scripts/render.py in .venv-rasa)."""
import functools
import json
import subprocess

import pytest

from infopunt.languages import supported
from tests.conftest import ROOT

RASA_PY = ROOT / ".venv-rasa" / "bin" / "python"


@functools.lru_cache(maxsize=None)
def render(flag: str) -> dict:
    out = subprocess.run([str(RASA_PY), "scripts/render.py", flag], cwd=ROOT, capture_output=True, text=True,
                         env={"RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin"}, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("lang", supported())
def test_every_response_renders_as_text_not_as_a_key(lang):
    for name, response in render("--all")[lang].items():
        assert response and response.get("text"), name
        assert not response["text"].startswith(("utter_", "btn_")), (lang, name)
        for button in response.get("buttons", []):
            assert not button["title"].startswith("btn_"), (lang, name)


@pytest.mark.parametrize("lang", supported())
def test_emergency_reply_puts_112_first(lang):
    text = render("--all")[lang]["utter_emergency"]["text"]
    assert "112" in text.split("\n")[0]


def test_dutch_and_english_differ():
    rendered = render("--all")
    assert rendered["nl"]["utter_greet"]["text"] != rendered["en"]["utter_greet"]["text"]


def test_a_confident_switch_is_announced_in_the_new_language():
    text = render("--scenarios")["switched"]["text"]
    assert text.startswith("(I will answer in English now")


def test_first_message_uses_the_guess_and_the_channel_hint_wins_over_it():
    scenarios = render("--scenarios")
    assert scenarios["first_message_guess"]["text"].startswith("Hallo.")
    assert scenarios["channel_hint"]["text"].startswith("Hallo.")
    assert not scenarios["no_switch"]["text"].startswith("(")


def test_an_action_can_render_in_the_language_it_switches_to():
    assert render("--scenarios")["explicit_lang"]["text"].startswith("Oké")


def test_a_rendering_failure_still_gives_112_in_the_users_language():
    text = render("--scenarios")["degraded_nl"]["text"]
    assert "112" in text and "Veilig Thuis 0800-2000" in text and text.startswith("Sorry, er ging")


def test_language_menu_names_each_language_in_itself():
    titles = [b["title"] for b in render("--scenarios")["choose_language"]["buttons"]]
    assert titles[:2] == ["Nederlands", "English"] and len(titles) == len(supported())


def payloads(name: str) -> list[str]:
    return [b["payload"] for b in render("--scenarios")[name]["buttons"]]


def test_after_a_clear_message_the_clarifying_question_shows_the_menu_in_its_usual_order():
    assert payloads("clarify_menu")[:3] == ["/recognize_exploitation", "/ask_rights/overview", "/ask_report"]


def test_an_unclear_message_gets_the_two_tied_topics_first_best_first_and_keeps_the_rest():
    tied = payloads("clarify_tied")
    assert tied[:2] == ["/ask_compensation/overview", "/ask_report"]
    assert sorted(tied) == sorted(payloads("clarify_menu"))


def test_a_tied_topic_without_a_menu_button_leaves_the_other_first():
    off_menu = payloads("clarify_off_menu")
    assert off_menu[0] == "/ask_shelter/general" and sorted(off_menu) == sorted(payloads("clarify_menu"))
