"""Extracted entities get the values the slots understand (infopunt.entities)."""
from infopunt.entities import slot_values


def test_an_entity_with_one_possible_value_gets_that_value():
    found = slot_values([{"entity": "role", "value": "i am a teacher"}, {"entity": "age_group", "value": "16"},
                         {"entity": "anonymity", "value": "without my name"}])
    assert [e["value"] for e in found] == ["professional", "minor", "anonymous"]


def test_an_exploitation_type_with_an_unknown_value_is_dropped_and_a_known_one_kept():
    found = slot_values([{"entity": "exploitation_type", "value": "greenhouses"},
                         {"entity": "exploitation_type", "value": "sexual"}])
    assert found == [{"entity": "exploitation_type", "value": "sexual"}]


def test_other_entities_are_left_as_they_are():
    entities = [{"entity": "location", "value": "rotterdm"}, {"entity": "language", "value": "uk"}]
    assert slot_values(entities) == entities
