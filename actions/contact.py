"""People to talk to now: national lines with phone or chat and whether they are open (Europe/Amsterdam)."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.common import language
from actions.render import lines
from directory import db
from directory.models import Organisation

TALK_NOW = (
    "veilig-thuis-landelijk",
    "centrum-seksueel-geweld",
    "comensha",
    "slachtofferhulp-nederland",
    "fier-ckm",
    "kindertelefoon",
)


class ActionHumanContact(Action):
    def name(self) -> str:
        return "action_human_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        lang = language(tracker)
        with db.session_factory()() as session:
            found = {o.id: o for o in session.scalars(select(Organisation).where(Organisation.id.in_(TALK_NOW)))}
            desks = lines([found[i] for i in TALK_NOW if i in found], lang)
        dispatcher.utter_message(response="utter_human_contact", desks=desks)
        return []
