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


def test_an_exploitation_type_in_words_no_synonym_covers_gets_the_guessed_value():
    found = slot_values([{"entity": "exploitation_type", "value": "in de aardbeienkassen"}],
                        guess=lambda entity, words: "labour" if "kassen" in words else None)
    assert found == [{"entity": "exploitation_type", "value": "labour"}]


def test_an_exploitation_type_without_a_sure_guess_is_dropped():
    found = slot_values([{"entity": "exploitation_type", "value": "daar"}], guess=lambda entity, words: None)
    assert found == []


def test_a_guess_outside_the_known_values_is_not_used():
    found = slot_values([{"entity": "exploitation_type", "value": "kassen"}], guess=lambda entity, words: "farming")
    assert found == []


TRAINED = r"""
import json
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from infopunt.rasa_ext.components import EntityValues
import pathlib, tempfile

spans = {"labour": ["in de kassen", "greenhouse", "in the warehouse", "на складе", "w szklarni", "pe santier",
                    "in de slachterij", "car wash", "schoonmaak", "in a restaurant kitchen"],
         "sexual": ["prostitution", "in de prostitutie", "проституция", "escort", "seks voor geld",
                    "sex work", "w agencji towarzyskiej", "webcam"],
         "criminal": ["drugs verkopen", "selling drugs", "продавать наркотики", "stealing", "wiet knippen",
                      "zakkenrollen", "shoplifting", "drug runner"]}
messages = []
for value, texts in spans.items():
    for t in texts:
        text = f"ik werk {t} zonder loon"
        start = text.index(t)
        messages.append(Message(data={"text": text, "intent": "recognize_exploitation", "entities": [
            {"entity": "exploitation_type", "value": value, "start": start, "end": start + len(t)}]}))
storage = LocalModelStorage(pathlib.Path(tempfile.mkdtemp()))
resource = Resource("entity_values")
trained = EntityValues.create({}, storage, resource, None)
trained.train(TrainingData(training_examples=messages))
loaded = EntityValues.load({}, storage, resource, None)
out = {}
for words in ["in de aardbeienkassen", "drugs dealen", "qqq"]:
    message = Message(data={"text": words, "entities": [{"entity": "exploitation_type", "value": words,
                                                          "start": 0, "end": len(words)}]})
    loaded.process([message])
    out[words] = [e["value"] for e in message.get("entities")]
print(json.dumps(out))
"""


def test_the_trained_value_model_maps_new_words_to_a_type_and_drops_what_it_cannot_place():
    import json
    import subprocess

    from tests.conftest import ROOT

    result = subprocess.run([str(ROOT / ".venv-rasa" / "bin" / "python"), "-c", TRAINED], cwd=ROOT,
                            capture_output=True, text=True,
                            env={"RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                                 "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out == {"in de aardbeienkassen": ["labour"], "drugs dealen": ["criminal"], "qqq": []}
