"""Actions: which responses they choose and which events they return (not the translated text)."""
import asyncio

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.contact import ActionHumanContact
from actions.language import ActionChangeLanguage
from actions.report import ActionReport
from actions.signals import SIGNALS, ActionSignalsResult
from tests.unit.trackers import responses, tracker


def run(action, t):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, {}))
    return dispatcher, events


@pytest.mark.parametrize(
    "slots, expected",
    [
        ({}, ["utter_report_police"]),
        ({"anonymity": "anonymous"}, ["utter_report_anonymous"]),
        ({"exploitation_type": "labour"}, ["utter_report_labour"]),
        ({"exploitation_type": "labour", "anonymity": "anonymous"}, ["utter_report_labour", "utter_report_anonymous"]),
        ({"exploitation_type": "sexual"}, ["utter_report_sexual"]),
        ({"exploitation_type": "criminal"}, ["utter_report_criminal"]),
        ({"exploitation_type": "other"}, ["utter_report_police"]),
        ({"exploitation_type": "sexual", "age_group": "minor"}, ["utter_report_minors"]),
    ],
)
def test_report_is_routed_by_type_anonymity_and_age(slots, expected):
    dispatcher, events = run(ActionReport(), tracker(slots))
    assert responses(dispatcher) == expected
    assert events == []


@pytest.mark.parametrize(
    "yes, expected",
    [
        ([], "utter_signals_result_none"),
        (["sig_documents"], "utter_signals_result_some"),
        (["sig_documents", "sig_debt"], "utter_signals_result_some"),
        (["sig_threats", "sig_documents"], "utter_signals_result_many"),
        (["sig_documents", "sig_debt", "sig_freedom"], "utter_signals_result_many"),
        (list(SIGNALS), "utter_signals_result_many"),
    ],
)
def test_signals_check_concludes_and_forgets_the_answers(yes, expected):
    slots = {name: name in yes for name in SIGNALS}
    dispatcher, events = run(ActionSignalsResult(), tracker(slots))
    assert responses(dispatcher) == [expected]
    assert events == [SlotSet(name, None) for name in SIGNALS]


def test_change_language_by_entity_confirms_in_the_new_language():
    t = tracker({"language": "nl"}, entities=[{"entity": "language", "value": "en"}])
    dispatcher, events = run(ActionChangeLanguage(), t)
    assert responses(dispatcher) == ["utter_language_changed"]
    assert dispatcher.messages[0]["lang"] == "en"
    assert events == [SlotSet("language", "en")]


def test_change_language_without_a_known_language_offers_the_menu():
    t = tracker({"language": "nl"}, entities=[{"entity": "language", "value": "klingon"}])
    dispatcher, events = run(ActionChangeLanguage(), t)
    assert responses(dispatcher) == ["utter_choose_language"]
    assert events == []


def test_a_language_we_do_not_speak_gets_112_and_the_languages_in_english_then_the_menu():
    t = tracker({}, text="bugün çok çalıştım ve hiç para almadım", intent="change_language",
                language={"guess": "ro", "unsupported": "tr", "hint": None})
    t.latest_message["unsupported_language"] = "tr"
    dispatcher, events = run(ActionChangeLanguage(), t)
    first = dispatcher.messages[0]["text"]
    assert first.startswith("In danger? Call 112") and "Українська" in first and "العربية" in first
    assert responses(dispatcher)[1:] == ["utter_choose_language"] and dispatcher.messages[1]["lang"] == "en"
    assert events == []


def test_human_contact_says_whether_each_line_is_open():
    dispatcher, _ = run(ActionHumanContact(), tracker({"language": "en"}))
    assert responses(dispatcher) == ["utter_human_contact"]
    desks = dispatcher.messages[0]["desks"]
    assert "open 24/7" in desks  # Veilig Thuis phone
    assert ("open now" in desks) or ("closed now" in desks)  # CoMensha office hours
