"""Find the right desk for a place, topic and role (regional first, national fallback said out loud)."""
from __future__ import annotations

from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.interfaces import Action

from actions.common import language
from actions.render import org_line
from directory import db, lookup, places
from directory.models import Municipality
from infopunt import answers, i18n

PAGE_SIZE = 3
SKIP_WORDS = {"skip", "/skip", "overslaan", "sla over", "no", "nee", "pass"}
MAX_PROVINCE_BUTTONS = 12


def topic_for(tracker: Tracker) -> str:
    if tracker.get_slot("age_group") == "minor":
        return "minors"
    if tracker.get_slot("exploitation_type") in ("labour", "sexual", "criminal"):
        return tracker.get_slot("exploitation_type")
    return "care" if tracker.get_slot("role") == "professional" else "reporting"


class ValidateFindDeskForm(FormValidationAction):
    def name(self) -> str:
        return "validate_find_desk_form"

    def validate_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        text = value if isinstance(value, str) else ""
        said = tracker.latest_message.get("text") or ""
        declined = (tracker.latest_message.get("intent") or {}).get("name") == "deny"
        if text.strip().casefold() in SKIP_WORDS or answers.is_skip(text) or answers.is_skip(said) or declined:
            return {"location": "skip", "municipality": None}
        with db.session_factory()() as session:
            found = places.resolve(session, tracker.latest_message.get("text"), entity=text)
            if found.status == "found":
                return {"location": found.municipality.name, "municipality": found.municipality.code}
            if found.status == "ambiguous":
                dispatcher.utter_message(response="utter_location_ambiguous", buttons=_buttons(found.candidates))
            elif found.status == "province":
                munis = places.municipalities_in_province(session, found.province)
                dispatcher.utter_message(response="utter_location_province", province=found.province,
                                         buttons=_buttons(munis[:MAX_PROVINCE_BUTTONS]))
            else:
                dispatcher.utter_message(response="utter_location_unknown")
        return {"location": None, "municipality": None}


def _buttons(munis: list[Municipality]) -> list[dict]:
    return [{"title": m.name, "payload": f'/inform{{"location": "{m.name}"}}'} for m in munis]


class ActionFindDesk(Action):
    def name(self) -> str:
        return "action_find_desk"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        lang = language(tracker)
        role = "professional" if tracker.get_slot("role") == "professional" else "victim"
        page = _page(tracker.get_slot("desk_page"))
        with db.session_factory()() as session:
            code = tracker.get_slot("municipality")
            municipality = session.get(Municipality, code) if code else None
            answer = lookup.find_desks(session, municipality, topic_for(tracker), role)
            shown = answer.desks[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
            desk_lines = "\n".join(org_line(d.organisation, lang) for d in shown)
            more = len(answer.desks) > (page + 1) * PAGE_SIZE
            buttons = [{"title": i18n.text(lang, "btn_more_desks"), "payload": f'/find_desk{{"desk_page": "{page + 1}"}}'}] if more else []
            if municipality is not None:
                regions = {kind: (municipality.region(kind).name if municipality.region(kind) else "")
                           for kind in ("veiligheidsregio", "police_unit")}
                dispatcher.utter_message(
                    response="utter_desks_for_place" if page == 0 else "utter_desks_more",
                    place=municipality.name, safety_region=regions["veiligheidsregio"],
                    police_unit=regions["police_unit"], desks=desk_lines, buttons=buttons,
                )
                if answer.care_fallback and page == 0:
                    dispatcher.utter_message(response="utter_desks_care_fallback")
            else:
                response = "utter_find_desk_professional" if role == "professional" else "utter_find_desk"
                dispatcher.utter_message(response=response if page == 0 else "utter_desks_more", place="",
                                         safety_region="", police_unit="", desks=desk_lines, buttons=buttons)
        return [SlotSet("desk_page", None)]


def _page(value: Optional[str]) -> int:
    try:
        return max(0, min(int(value), 20))
    except (TypeError, ValueError):
        return 0
