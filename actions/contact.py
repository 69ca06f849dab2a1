"""Who to contact: desks for a place and role, and people to talk to now (with open-now status)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language
from infopunt import directory

# National desks, most relevant first. Regional lookup replaces these per place (directory issue).
VICTIM_DESKS = ("comensha", "veilig-thuis-landelijk", "politie")
PROFESSIONAL_DESKS = ("comensha", "veilig-thuis-landelijk", "politie")
TALK_NOW = (
    "veilig-thuis-landelijk",
    "centrum-seksueel-geweld",
    "comensha",
    "slachtofferhulp-nederland",
    "fier-ckm",
    "kindertelefoon",
)


def desk_lines(ids: tuple[str, ...], lang: str, now: Optional[dt.datetime] = None) -> str:
    return "\n".join(directory.format_line(directory.get(i), lang, now) for i in ids)


class ActionFindDesk(Action):
    def name(self) -> str:
        return "action_find_desk"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        lang = language(tracker)
        professional = tracker.get_slot("role") == "professional"
        ids = PROFESSIONAL_DESKS if professional else VICTIM_DESKS
        response = "utter_find_desk_professional" if professional else "utter_find_desk"
        dispatcher.utter_message(response=response, desks=desk_lines(ids, lang))
        return []


class ActionHumanContact(Action):
    def name(self) -> str:
        return "action_human_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        lang = language(tracker)
        dispatcher.utter_message(response="utter_human_contact", desks=desk_lines(TALK_NOW, lang))
        return []
