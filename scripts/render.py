"""Render responses with the real CatalogNLG inside the Rasa runtime (used by tests and for proofreading).

    .venv-rasa/bin/python scripts/render.py utter_emergency --lang uk     # one response
    .venv-rasa/bin/python scripts/render.py --all                         # every response x language (JSON)
    .venv-rasa/bin/python scripts/render.py --scenarios                   # switch notice, degraded mode (JSON)
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import pathlib
import sys

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasa.shared.core.domain import Domain  # noqa: E402
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered  # noqa: E402
from rasa.shared.core.trackers import DialogueStateTracker  # noqa: E402

from infopunt.languages import supported  # noqa: E402
from infopunt.rasa_ext.nlg import CatalogNLG  # noqa: E402

SAMPLE_VALUES = {"desks": "• CoMensha — 033 448 11 86", "place": "Enschede", "safety_region": "Twente",
                 "police_unit": "Oost-Nederland", "province": "Zeeland"}


def make_tracker(domain: Domain, events: list) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("render", events, slots=domain.slots)


async def render(nlg: CatalogNLG, domain: Domain, name: str, lang: str) -> dict:
    tracker = make_tracker(domain, [SlotSet("language", lang)])
    return await nlg.generate(name, tracker, "rest", **SAMPLE_VALUES)


async def all_responses(nlg: CatalogNLG, domain: Domain) -> dict:
    out: dict = {}
    for lang in supported():
        out[lang] = {name: await render(nlg, domain, name, lang) for name in sorted(domain.responses)}
    return out


async def scenarios(nlg: CatalogNLG, domain: Domain) -> dict:
    switched = make_tracker(domain, [
        SlotSet("language", "nl"),
        UserUttered("I need a safe place to sleep tonight", {"name": "ask_shelter"}),
        SlotSet("language", "en"),
    ])
    first_message = make_tracker(domain, [
        UserUttered("hoi", {"name": "greet"}, parse_data={"language": {"guess": "nl", "hint": None}}),
    ])
    hint = make_tracker(domain, [
        UserUttered("hi", {"name": "greet"}, parse_data={"language": {"guess": "en", "hint": "nl"}}),
    ])
    same = make_tracker(domain, [
        SlotSet("language", "en"), UserUttered("thanks", {"name": "thank"}), ActionExecuted("action_listen"),
    ])

    def unclear(ranking: list) -> DialogueStateTracker:
        """A message the FallbackClassifier found unclear (the two best intents nearly tied)."""
        parse_data = {"intent": {"name": "nlu_fallback", "confidence": 0.42}, "language": {"guess": "en"},
                      "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.42}, *ranking]}
        return make_tracker(domain, [SlotSet("language", "en"),
                                     UserUttered("money back for the work?", parse_data["intent"], parse_data=parse_data)])

    tied = [{"name": "ask_compensation", "confidence": 0.41}, {"name": "ask_report", "confidence": 0.37},
            {"name": "ask_rights", "confidence": 0.1}]
    off_menu = [{"name": "find_desk", "confidence": 0.4}, {"name": "ask_shelter", "confidence": 0.38}]

    class Broken(CatalogNLG):
        def render(self, *args, **kwargs):
            raise RuntimeError("simulated failure")

    broken = Broken(domain=domain)
    return {
        "switched": await nlg.generate("utter_ask_shelter/general", switched, "rest"),
        "first_message_guess": await nlg.generate("utter_greet", first_message, "rest"),
        "channel_hint": await nlg.generate("utter_greet", hint, "rest"),
        "no_switch": await nlg.generate("utter_welcome", same, "rest"),
        "explicit_lang": await nlg.generate("utter_language_changed", same, "rest", lang="nl"),
        "degraded_nl": await broken.generate("utter_greet", make_tracker(domain, [SlotSet("language", "nl")]), "rest"),
        "choose_language": await nlg.generate("utter_choose_language", same, "rest"),
        "clarify_menu": await nlg.generate("utter_clarify", same, "rest"),
        "clarify_tied": await nlg.generate("utter_clarify", unclear(tied), "rest"),
        "clarify_off_menu": await nlg.generate("utter_clarify", unclear(off_menu), "rest"),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("response", nargs="?")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--scenarios", action="store_true")
    args = parser.parse_args()
    domain = Domain.load(str(ROOT / "domain"))
    nlg = CatalogNLG(domain=domain)
    if args.all:
        result = asyncio.run(all_responses(nlg, domain))
    elif args.scenarios:
        result = asyncio.run(scenarios(nlg, domain))
    else:
        result = asyncio.run(render(nlg, domain, args.response, args.lang))
    # One line of JSON, last: Rasa may log to stdout before it.
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
