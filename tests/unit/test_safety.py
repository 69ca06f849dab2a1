"""The keyword safety net: paraphrases of danger match in every language that has patterns; ordinary
questions about rights, reporting or shelter do not."""
import pytest

from infopunt import safety

DANGER = {
    "en": [
        "they locked me in",
        "he locked me in the room and I can't get out",
        "my boss is hitting me",
        "he said he is going to kill me",
        "I am in danger",
        "help me now please",
        "HELP!!!",
        "they threatened my family, they're outside now",
        "I want to kill myself",
        "not safe here",
    ],
    "nl": [
        "ik word nu bedreigd",
        "ze hebben me opgesloten",
        "hij slaat me",
        "ze sluiten me op in de kamer",
        "ik ben in gevaar",
        "help me nu",
        "ik kan hier niet weg",
        "hij komt eraan",
        "ik wil niet meer leven",
        "het is hier niet veilig nu",
    ],
}
SAFE = {
    "en": ["my boss keeps my passport, is that normal?", "I need a safe place to sleep", "what are my rights",
           "how do I report my employer", "can I get compensation", "how long is the reflection period"],
    "nl": ["ik wil aangifte doen", "mijn baas houdt mijn paspoort", "wat zijn mijn rechten", "hoe lang is de bedenktijd",
           "ik zoek een veilige slaapplek", "krijg ik schadevergoeding"],
}


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, texts in DANGER.items() for t in texts])
def test_danger_paraphrases_are_caught(lang, text):
    assert safety.danger_language(text) is not None


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, texts in SAFE.items() for t in texts])
def test_ordinary_questions_are_not_emergencies(lang, text):
    assert safety.danger_language(text) is None


@pytest.mark.parametrize("text", ["", None, "   ", "/emergency", "🙂" * 500, "a" * 20000, 42])
def test_bad_input_does_not_crash(text):
    assert safety.danger_language(text) is None


def test_every_supported_language_has_danger_patterns():
    from infopunt.languages import supported

    assert set(supported()) <= set(safety.patterns())


@pytest.mark.parametrize("text", ["no one threatens me", "nobody hits me", "nee niemand bedreigt me", "niemand slaat me",
                                  "no, he doesn't threaten me"])
def test_a_plain_denial_is_not_an_emergency(text):
    assert safety.danger_language(text) is None


def test_a_denial_inside_a_longer_danger_message_does_not_hide_it():
    assert safety.danger_language("nobody threatens me at work but tonight he locked me in") is not None
