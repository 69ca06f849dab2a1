"""The signals check: a plain-language conclusion from five yes/no questions, never a legal verdict."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

SIGNALS = ("sig_documents", "sig_debt", "sig_freedom", "sig_threats", "sig_pay_forced")


def result_response(answers: dict[str, Any]) -> str:
    """Which conclusion fits the answers. Threats or force weigh as much as several other signs."""
    yes = sum(1 for name in SIGNALS if answers.get(name) is True)
    serious = answers.get("sig_threats") is True or answers.get("sig_pay_forced") is True
    if yes == 0:
        return "utter_signals_result_none"
    if yes >= 3 or (serious and yes >= 2):
        return "utter_signals_result_many"
    return "utter_signals_result_some"


class ActionSignalsResult(Action):
    def name(self) -> str:
        return "action_signals_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        answers = {name: tracker.get_slot(name) for name in SIGNALS}
        dispatcher.utter_message(response=result_response(answers))
        # Forget the answers: they are sensitive and not needed after the conclusion.
        return [SlotSet(name, None) for name in SIGNALS]
