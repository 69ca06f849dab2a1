"""The values the dialogue understands for each entity (the domain's slots, docs/nlu-guidelines.md).

The CRF entity extractor returns the words it tagged ("i am a teacher", "greenhouses") unless the training data had
exactly those words as a synonym. An entity with a single value gets that value. An entity with several possible
values (`exploitation_type`) whose words are not a known synonym gets the value `guess` gives for its words (a model
trained on the annotated spans, `infopunt.rasa_ext.components.EntityValues`); when there is no sure guess it is
dropped, so the conversation asks for the type rather than filling the slot with words.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional

ENTITY_VALUES = {
    "role": ("professional",),
    "age_group": ("minor",),
    "anonymity": ("anonymous",),
    "exploitation_type": ("labour", "sexual", "criminal", "other"),
}


Guess = Callable[[str, str], Optional[str]]  # (entity, its words) -> one of ENTITY_VALUES[entity] or None


def slot_values(entities: List[Dict[str, Any]], guess: Optional[Guess] = None) -> List[Dict[str, Any]]:
    out = []
    for entity in entities:
        values = ENTITY_VALUES.get(entity.get("entity"))
        if values and entity.get("value") not in values:
            if len(values) == 1:
                value: Optional[str] = values[0]
            else:
                value = guess(entity["entity"], str(entity.get("value", ""))) if guess else None
                if value not in values:
                    continue
            entity = {**entity, "value": value}
        out.append(entity)
    return out
