"""Renders domain responses from the Babel catalogs, inside the Rasa process.

Domain responses carry catalog keys (`text: utter_emergency`, `title: btn_rights`); this generator picks the
variation as Rasa's templated generator does (channel, conditions), replaces keys by the text of the
conversation's language, then fills `{slot}` / action values. Because it runs in-process, every response,
the emergency one first, works when the action server is down. If anything here fails, the user still gets a
reply with 112 and a national helpline (degraded mode, logged without message content).
"""
from __future__ import annotations

import copy
import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME as FALLBACK_INTENT
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from infopunt import i18n
from infopunt.languages import effective_language, normalise, supported

log = logging.getLogger(__name__)

LANGUAGE_MENU = "utter_choose_language"
SWITCH_NOTICE = "utter_language_switched_notice"
CHANGED = "utter_language_changed"
CLARIFY = "utter_clarify"
LIKELY_TOPICS = 2  # the FallbackClassifier asks when the two best intents are nearly tied


class CatalogNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Any = None, **_: Any) -> None:
        super().__init__(domain.responses if domain is not None else {})
        i18n.warm_up()

    async def generate(
        self,
        utter_action: Text,
        tracker: DialogueStateTracker,
        output_channel: Text,
        **kwargs: Any,
    ) -> Optional[Dict[Text, Any]]:
        lang = "en"
        try:
            # An action that changes the language passes `lang`: its slot event is applied after rendering.
            lang = normalise(kwargs.pop("lang", None)) or conversation_language(tracker)
            response = self.render(utter_action, lang, tracker.current_slot_values(), output_channel, **kwargs)
            if response is not None and utter_action == CLARIFY and response.get("buttons"):
                response["buttons"] = likely_topics_first(response["buttons"], _latest_parse_data(tracker))
            if response is not None and utter_action != CHANGED and _language_just_switched(tracker):
                notice = i18n.text(lang, SWITCH_NOTICE, language=i18n.language_name(lang))
                body = response.get("text") or ""
                # 112 stays first: the notice goes after an emergency reply, before any other.
                parts = [body, notice] if utter_action.startswith("utter_emergency") else [notice, body]
                response["text"] = "\n\n".join(p for p in parts if p)
            return response
        except Exception:  # noqa: BLE001 - never leave the user without an answer
            log.exception("degraded mode: could not render response %s", utter_action)
            return {"text": i18n.degraded_reply(lang)}

    def render(
        self,
        utter_action: Text,
        lang: str,
        filled_slots: Dict[Text, Any],
        output_channel: Text = "",
        **kwargs: Any,
    ) -> Optional[Dict[Text, Any]]:
        response = copy.deepcopy(self._random_response_for(utter_action, output_channel, filled_slots))
        if response is None:
            return None
        if i18n.is_key(response.get("text")):
            response["text"] = i18n.text(lang, response["text"])
        buttons: List[Dict[Text, Any]] = []
        for button in response.get("buttons") or []:
            button = dict(button)
            if i18n.is_key(button.get("title")):
                button["title"] = i18n.text(lang, button["title"])
            buttons.append(button)
        if utter_action == LANGUAGE_MENU:
            buttons += [
                {"title": i18n.language_name(code), "payload": f'/change_language{{"language": "{code}"}}'}
                for code in supported()
            ]
        response.pop("buttons", None)
        # Values from actions and slots are filled into the translated text, never translated themselves.
        # Button payloads are left alone: their JSON braces are not placeholders.
        response = self._fill_response(response, filled_slots, **kwargs)
        if buttons:
            response["buttons"] = buttons
        return response


def likely_topics_first(buttons: List[Dict[Text, Any]], parse_data: Dict[Text, Any]) -> List[Dict[Text, Any]]:
    """After an unclear message, the topic buttons the classifier hesitated between come first, best first, so
    that its guess is one tap away; the other topics keep their order. Unchanged for any other message."""
    if (parse_data.get("intent") or {}).get("name") != FALLBACK_INTENT:
        return buttons
    ranked = [r.get("name") for r in parse_data.get("intent_ranking") or [] if r.get("name") != FALLBACK_INTENT]
    likely = ranked[:LIKELY_TOPICS]

    def position(button: Dict[Text, Any]) -> int:
        intent = str(button.get("payload") or "").lstrip("/").split("{")[0].split("/")[0]
        return likely.index(intent) if intent in likely else len(likely)

    return sorted(buttons, key=position)  # stable: the rest of the menu keeps its order


def _latest_parse_data(tracker: DialogueStateTracker) -> Dict[Text, Any]:
    return tracker.latest_message.parse_data if tracker.latest_message else {}


def conversation_language(tracker: DialogueStateTracker) -> str:
    return effective_language(tracker.get_slot("language"), _latest_parse_data(tracker))


def _language_just_switched(tracker: DialogueStateTracker) -> bool:
    """True for the first reply after a confident message changed an already chosen language."""
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if isinstance(e, UserUttered)), default=None)
    if last_user is None:
        return False
    after = events[last_user + 1 :]
    if any(isinstance(e, BotUttered) for e in after):
        return False
    new = next((e.value for e in reversed(after) if isinstance(e, SlotSet) and e.key == "language"), None)
    if new is None:
        return False
    before = next(
        (e.value for e in reversed(events[:last_user]) if isinstance(e, SlotSet) and e.key == "language"), None
    )
    return before is not None and before != new
