"""The values the dialogue understands for each entity (the domain's slots, docs/nlu-guidelines.md).

The CRF entity extractor returns the words it tagged ("i am a teacher", "greenhouses") unless the training data had
exactly those words as a synonym. An entity with a single value gets that value; an `exploitation_type` whose words
map to no known type is dropped, so the conversation asks for the type rather than filling the slot with words.
"""
from __future__ import annotations

from typing import Any, Dict, List

ENTITY_VALUES = {
    "role": ("professional",),
    "age_group": ("minor",),
    "anonymity": ("anonymous",),
    "exploitation_type": ("labour", "sexual", "criminal", "other"),
}


def slot_values(entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    out = []
    for entity in entities:
        values = ENTITY_VALUES.get(entity.get("entity"))
        if values and entity.get("value") not in values:
            if len(values) > 1:
                continue
            entity = {**entity, "value": values[0]}
        out.append(entity)
    return out
