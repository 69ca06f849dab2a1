"""Explicit language switch: by entity ("in English please") or by button, else a menu of languages.

A message confidently in a language we do not speak (NLU component `UnsupportedLanguage`) also lands here: the
answer is in English, names the languages we speak (each in its own language) and says 112 first."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from infopunt import i18n
from infopunt.languages import normalise, supported


class ActionChangeLanguage(Action):
    def name(self) -> str:
        return "action_change_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        wanted = None
        for value in tracker.get_latest_entity_values("language"):
            wanted = normalise(value)
            if wanted:
                break
        latest = tracker.latest_message or {}
        if not wanted and latest.get("unsupported_language"):
            # In the conversation's language if it has one, else the channel's (Telegram's language_code), else English.
            lang = (normalise(tracker.get_slot("language")) or normalise((latest.get("language") or {}).get("hint"))
                    or "en")
            names = ", ".join(i18n.language_name(code) for code in supported())
            dispatcher.utter_message(text=i18n.text(lang, "utter_unsupported_language", languages=names))
            dispatcher.utter_message(response="utter_choose_language", lang=lang)
            return []
        if not wanted:
            dispatcher.utter_message(response="utter_choose_language")
            return []
        # `lang` makes the confirmation render in the new language (the slot is set after this action).
        dispatcher.utter_message(response="utter_language_changed", lang=wanted)
        return [SlotSet("language", wanted)]
