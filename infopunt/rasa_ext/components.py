"""Custom NLU components (Rasa 3 graph components; only EntityValues learns from the training data).

- LanguageDetector: adds `language` (guess, confidence, channel hint) to the parse data and, when sure, a
  `detected_language` entity that sets the conversation's `language` slot.
- SafetyNet: overrides the intent with `emergency` when a per-language danger pattern matches.
- PayloadRouter: lets buttons address retrieval sub-intents (`/ask_rights/legal_aid`).
- UnsupportedLanguage: a message in a language we do not speak gets our languages and 112 (change_language).
- PlaceEntityExtractor: `location` entities from the directory's place lists, in any language and script.
- EntityValues (trained): extracted entities get the values the slots understand (`infopunt.entities`).
"""
from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from infopunt import answers, langdetect, safety
from infopunt.entities import ENTITY_VALUES, slot_values
from infopunt.languages import normalise
from infopunt.rasa_ext.classifier import LinearModel, load_models, save_models

log = logging.getLogger(__name__)

RETRIEVAL_INTENTS = ("ask_rights", "ask_shelter", "ask_compensation")


class _Stateless(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


def _text(message: Message) -> str:
    value = message.get("text")
    return value if isinstance(value, str) else ""


def _channel_hint(message: Message) -> Optional[str]:
    metadata = message.get("metadata") or {}
    if not isinstance(metadata, dict):
        return None
    return normalise(metadata.get("language"))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class LanguageDetector(_Stateless):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            detection = langdetect.detect(_text(message))
            info = detection.as_dict()
            info["hint"] = _channel_hint(message)
            message.set("language", info, add_to_output=True)
            if detection.sure and detection.guess:
                entity = {
                    "entity": "detected_language",
                    "value": detection.guess,
                    "start": 0,
                    "end": 0,
                    "extractor": self.__class__.__name__,
                    "confidence_entity": detection.confidence,
                }
                message.set("entities", [*message.get("entities", []), entity], add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class PlaceEntityExtractor(_Stateless):
    """`location` entities from the directory's place lists (6 500 names, postcodes, Cyrillic, exonyms): a place
    in a sentence in any language is found even where the statistical extractor has seen no example like it."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = _text(message)
            entities = list(message.get("entities", []))
            known = [(e.get("start"), e.get("end")) for e in entities if e.get("entity") == "location"]
            for start, end in answers.find_places(text):
                if any(s is not None and s < end and start < e for s, e in known):
                    continue
                entities.append({"entity": "location", "value": text[start:end], "start": start, "end": end,
                                 "confidence_entity": 1.0, "extractor": self.__class__.__name__})
            message.set("entities", entities, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class EntityValues(GraphComponent):
    """Gives extracted entities the values the slots understand (`infopunt.entities.slot_values`). For an entity with
    several values (exploitation_type) whose words are no known synonym, a char n-gram model trained on all
    annotated spans of all languages ("in de kassen" -> labour) gives the value if it is at least `min_confidence`
    sure ("in de aardbeienkassen" -> labour); otherwise the entity is dropped and the conversation asks."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"C": 1.0, "min_confidence": 0.5}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 models: Optional[Dict[str, LinearModel]] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self.models = models or {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "EntityValues":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        spans: Dict[str, List[tuple[str, str]]] = {}
        for message in training_data.entity_examples:
            for entity in message.get("entities") or []:
                name, value = entity.get("entity"), entity.get("value")
                if value in ENTITY_VALUES.get(name, ()) and len(ENTITY_VALUES[name]) > 1:
                    spans.setdefault(name, []).append((_text(message)[entity["start"]:entity["end"]], value))
        self.models = {name: LinearModel.fit([t for t, _ in pairs], [v for _, v in pairs], float(self.config["C"]))
                       for name, pairs in sorted(spans.items()) if len({v for _, v in pairs}) >= 2}
        with self._storage.write_to(self._resource) as folder:
            save_models(folder, "entities.json", self.models)
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "EntityValues":
        try:
            with model_storage.read_from(resource) as folder:
                models = load_models(folder, "entities.json")
        except (ValueError, FileNotFoundError):
            log.warning("EntityValues: no trained value model found; unknown values are dropped")
            models = {}
        return cls(config, model_storage, resource, models)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def guess(self, entity: str, words: str) -> Optional[str]:
        model = self.models.get(entity)
        if model is None or not words.strip():
            return None
        value, confidence = model.ranking(words, 1)[0]
        return value if confidence >= float(self.config["min_confidence"]) else None

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            message.set("entities", slot_values(message.get("entities", []) or [], self.guess), add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class UnsupportedLanguage(_Stateless):
    """A message of 4 words or more, confidently in a language we do not speak, gets the list of our languages and
    112 (action_change_language) rather than a guess at its meaning. A predicted emergency is never replaced,
    and SafetyNet runs afterwards."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            info = message.get("language") or {}
            code = info.get("unsupported") if isinstance(info, dict) else None  # never set for "/commands"
            if (not code or len(_text(message).split()) < 4
                    or (message.get("intent") or {}).get("name") == "emergency"):
                continue
            message.set("intent", {"name": "change_language", "confidence": 1.0}, add_to_output=True)
            message.set("intent_ranking", [{"name": "change_language", "confidence": 1.0}], add_to_output=True)
            message.set("unsupported_language", code, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyNet(_Stateless):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if safety.danger_language(_text(message)) is None:
                continue
            intent = message.get("intent") or {}
            if intent.get("name") != "emergency":
                log.info("safety net: danger pattern matched, intent set to emergency")
                message.set("intent", {"name": "emergency", "confidence": 1.0}, add_to_output=True)
                ranking = [r for r in message.get("intent_ranking", []) if r.get("name") != "emergency"]
                message.set(
                    "intent_ranking", [{"name": "emergency", "confidence": 1.0}, *ranking], add_to_output=True
                )
            message.set("safety_net", True, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class BareAnswer(_Stateless):
    """A message that is only a Dutch place name, a postcode or "skip" is an answer (`inform`), whatever the
    classifier thought: it is what people type when asked for a place."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if answers.is_bare_answer(_text(message)):
                message.set("intent", {"name": "inform", "confidence": 1.0}, add_to_output=True)
                ranking = [r for r in message.get("intent_ranking", []) if r.get("name") != "inform"]
                message.set("intent_ranking", [{"name": "inform", "confidence": 1.0}, *ranking], add_to_output=True)
        return messages


_PAYLOAD = re.compile(r"^/(?P<intent>%s)/(?P<sub>[a-z_]+)\s*$" % "|".join(RETRIEVAL_INTENTS))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PayloadRouter(_Stateless):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            match = _PAYLOAD.match(_text(message).strip())
            if not match:
                continue
            base, key = match["intent"], f"{match['intent']}/{match['sub']}"
            message.set("intent", {"name": base, "confidence": 1.0}, add_to_output=True)
            message.set("intent_ranking", [{"name": base, "confidence": 1.0}], add_to_output=True)
            selector = dict(message.get("response_selector") or {})
            selector[base] = {
                "response": {
                    "responses": [],
                    "confidence": 1.0,
                    "intent_response_key": key,
                    "utter_action": f"utter_{key}",
                },
                "ranking": [],
            }
            selector.setdefault("all_retrieval_intents", list(RETRIEVAL_INTENTS))
            message.set("response_selector", selector, add_to_output=True)
        return messages
