"""Reporting: routed by whether a minor is involved, anonymity, and the kind of exploitation."""
from __future__ import annotations

from typing import Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

BY_TYPE = {
    "labour": "utter_report_labour",
    "sexual": "utter_report_sexual",
    "criminal": "utter_report_criminal",
}


def report_responses(exploitation_type: Optional[str], anonymity: Optional[str], age_group: Optional[str]) -> list[str]:
    """The responses for a reporting question, most specific first."""
    if age_group == "minor":
        return ["utter_report_minors"]
    responses = []
    if exploitation_type in BY_TYPE:
        responses.append(BY_TYPE[exploitation_type])
    if anonymity == "anonymous":
        responses.append("utter_report_anonymous")
    return responses or ["utter_report_police"]


class ActionReport(Action):
    def name(self) -> str:
        return "action_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        for response in report_responses(
            tracker.get_slot("exploitation_type"), tracker.get_slot("anonymity"), tracker.get_slot("age_group")
        ):
            dispatcher.utter_message(response=response)
        return []
