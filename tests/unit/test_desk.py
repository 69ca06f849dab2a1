"""The desk lookup in conversation: place validation (form) and the answer (regional first, fallbacks said)."""
import asyncio

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.desk import ActionFindDesk, ValidateFindDeskForm
from tests.unit.trackers import responses, tracker


def validate(text, entity=None):
    dispatcher = CollectingDispatcher()
    t = tracker(text=text)
    result = ValidateFindDeskForm().validate_location(entity or text, dispatcher, t, {})
    return result, dispatcher


def find(slots):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionFindDesk().run(dispatcher, tracker(slots), {}))
    return dispatcher, events


def test_a_place_in_a_sentence_is_resolved_to_its_municipality():
    result, dispatcher = validate("ik ben huisarts in Enschede en vermoed uitbuiting", entity="Enschede")
    assert result == {"location": "Enschede", "municipality": "GM0153"}
    assert dispatcher.messages == []


@pytest.mark.parametrize("text", ["skip", "Overslaan", "SKIP"])
def test_skip_means_national_desks(text):
    result, _ = validate(text)
    assert result == {"location": "skip", "municipality": None}


def test_a_province_is_asked_back_with_municipality_buttons():
    result, dispatcher = validate("Zeeland")
    assert result == {"location": None, "municipality": None}
    assert responses(dispatcher) == ["utter_location_province"]
    assert any(b["title"].startswith("Middelburg") for b in dispatcher.messages[0]["buttons"])


def test_an_ambiguous_place_is_asked_back():
    result, dispatcher = validate("Bergen")
    assert responses(dispatcher) == ["utter_location_ambiguous"]
    assert {b["title"] for b in dispatcher.messages[0]["buttons"]} == {"Bergen (NH.)", "Bergen (L.)"}


def test_an_unknown_place_is_asked_again():
    result, dispatcher = validate("Atlantis")
    assert result["location"] is None and responses(dispatcher) == ["utter_location_unknown"]


def test_a_professional_in_enschede_gets_the_twente_coordinator_first():
    dispatcher, events = find({"municipality": "GM0153", "role": "professional", "language": "nl"})
    assert responses(dispatcher) == ["utter_desks_for_place"]
    message = dispatcher.messages[0]
    assert message["place"] == "Enschede" and message["safety_region"] == "Twente"
    assert message["police_unit"] == "Oost-Nederland"
    assert message["desks"].splitlines()[0].startswith("• Kenniscentrum Mensenhandel Twente")
    assert message["buttons"][0]["payload"] == '/find_desk{"desk_page": "1"}'
    assert events == [SlotSet("desk_page", None)]


def test_without_a_regional_coordinator_comensha_stands_in_and_the_answer_says_so():
    dispatcher, _ = find({"municipality": "GM0363", "role": "professional", "language": "en"})
    assert responses(dispatcher) == ["utter_desks_for_place", "utter_desks_care_fallback"]
    assert "CoMensha" in dispatcher.messages[0]["desks"]


def test_the_more_button_shows_the_next_desks():
    first, _ = find({"municipality": "GM0153", "role": "professional"})
    more, _ = find({"municipality": "GM0153", "role": "professional", "desk_page": "1"})
    assert responses(more) == ["utter_desks_more"]
    assert set(first.messages[0]["desks"].splitlines()).isdisjoint(more.messages[0]["desks"].splitlines())


def test_without_a_place_the_national_desks_are_given():
    dispatcher, _ = find({"language": "en"})
    assert responses(dispatcher) == ["utter_find_desk"]
    assert "0900-8844" in dispatcher.messages[0]["desks"]


def test_labour_exploitation_puts_the_labour_inspectorate_first_for_a_victim():
    dispatcher, _ = find({"exploitation_type": "labour", "language": "en"})
    assert dispatcher.messages[0]["desks"].splitlines()[0].startswith("• Nederlandse Arbeidsinspectie")
