"""Explicit language switch: by entity ("in English please") or by button, else a menu of languages."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from infopunt.languages import normalise


class ActionChangeLanguage(Action):
    def name(self) -> str:
        return "action_change_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        wanted = None
        for value in tracker.get_latest_entity_values("language"):
            wanted = normalise(value)
            if wanted:
                break
        if not wanted:
            dispatcher.utter_message(response="utter_choose_language")
            return []
        # `lang` makes the confirmation render in the new language (the slot is set after this action).
        dispatcher.utter_message(response="utter_language_changed", lang=wanted)
        return [SlotSet("language", wanted)]
