"""NLU quality floors on the held-out test sets (tests/nlu/<lang>.yml, never used for training)."""
import functools
import json
import subprocess

import pytest

import nlu_stats  # scripts/, on the path through tests/conftest.py
from infopunt.languages import supported
from tests.conftest import ROOT

# The contract's floors are 0.90 per language and 0.95 overall (issues 2 and 4), for intent accuracy as `rasa test
# nlu` defines it: the classifier's best intent, the FallbackClassifier undone (decision 26). Measured
# (docs/evaluation.md, 2026-11-24): every language 0.932-0.967, overall 0.955, sub-intents 0.941-1.0.
PER_LANGUAGE_FLOOR = 0.90
OVERALL_FLOOR = 0.95
# What the user gets, measured the same day: the right answer 0.949 overall, a clarifying question 0.010, a wrong
# answer 0.040 (0.026-0.061 per language). A wrong answer costs most, so it has a ceiling of its own, and the
# right-answer floor keeps the fallback from buying accuracy with questions. Tighten these, never loosen them.
RIGHT_ANSWER_FLOOR = 0.948
WRONG_ANSWER_CEILING = 0.042
WRONG_ANSWER_CEILING_PER_LANGUAGE = 0.07
RETRIEVAL_FLOOR = 0.90
# Measured 2026-11-24: location 0.99, exploitation_type 0.53 (0.29 before EntityValues learnt to map new words to a
# type, decision 24, and before the en/nl/es/ar annotations were made consistent, decision 25), age_group 0.82 (0.65),
# role 0.67 (held-out annotations are sparse: 34-258 per entity over all languages, so one message moves a figure by
# 0.004-0.03; the floors leave two or three messages of room).
ENTITY_RECALL_FLOOR = {"location": 0.95, "exploitation_type": 0.48, "age_group": 0.75, "role": 0.6}


@functools.lru_cache(maxsize=1)
def evaluation() -> dict:
    out = ROOT / "reports" / "nlu.json"
    result = subprocess.run([str(ROOT / ".venv-rasa" / "bin" / "python"), "scripts/eval_nlu.py", "--json", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", supported())
def test_every_language_has_a_held_out_test_set_that_was_evaluated(lang):
    assert evaluation()["languages"][lang]["examples"] >= 180


@pytest.mark.parametrize("lang", supported())
def test_intent_accuracy_per_language(lang):
    r = evaluation()["languages"][lang]
    assert r["intent_accuracy"] >= PER_LANGUAGE_FLOOR, r["confusions"]


def test_overall_intent_accuracy():
    assert evaluation()["overall"]["intent_accuracy"] >= OVERALL_FLOOR


def test_most_messages_get_the_right_answer_without_a_question():
    assert evaluation()["overall"]["outcomes"]["right"] >= RIGHT_ANSWER_FLOOR


def test_few_messages_get_a_wrong_answer():
    assert evaluation()["overall"]["outcomes"]["wrong"] <= WRONG_ANSWER_CEILING


@pytest.mark.parametrize("lang", supported())
def test_the_classifier_is_right_only_where_the_user_got_the_answer_or_a_question(lang):
    """The two views agree: undoing a clarifying question can turn it into a right or a wrong intent, nothing else."""
    r = evaluation()["languages"][lang]
    o = r["outcomes"]
    assert abs(sum(o.values()) - 1) < 1e-9
    assert o["right"] - 1e-9 <= r["intent_accuracy"] <= o["right"] + o["clarified"] + 1e-9


@pytest.mark.parametrize("lang", supported())
def test_few_messages_get_a_wrong_answer_in_every_language(lang):
    r = evaluation()["languages"][lang]
    assert r["outcomes"]["wrong"] <= WRONG_ANSWER_CEILING_PER_LANGUAGE, r["confusions"]


@pytest.mark.parametrize("lang", supported())
def test_specific_questions_get_the_specific_answer(lang):
    assert evaluation()["languages"][lang]["retrieval_accuracy"] >= RETRIEVAL_FLOOR


@pytest.mark.parametrize("entity", ["location", "exploitation_type", "age_group", "role"])
def test_entities_the_dialogue_acts_on_are_extracted_from_free_text(entity):
    """Over all languages' held-out sets: the share of annotated entities found with the right value (a location:
    found at all). Until 2026-11-23 the CRF learned nothing (no featurizer), and only locations were found."""
    found = gold = 0
    for r in evaluation()["languages"].values():
        counts = r["entities"].get(entity) or {"gold": 0, "recall": 0.0}
        gold += counts["gold"]
        found += round((counts["recall"] or 0.0) * counts["gold"])
    assert gold >= 10 and found / gold >= ENTITY_RECALL_FLOOR[entity]


def test_no_danger_message_in_the_test_sets_is_missed():
    missed = [e for e in evaluation()["errors"] if e["gold"] == "emergency"]
    assert missed == []


def test_no_held_out_example_is_in_the_training_data_of_any_language():
    def keys(paths) -> set[str]:
        return {nlu_stats.key(e) for lines in nlu_stats.count(sorted(paths)).values() for e in lines}

    training = keys((ROOT / "data" / "nlu").glob("*/*.yml"))
    held_out = keys((ROOT / "tests" / "nlu").glob("*.yml"))
    assert sorted(training & held_out) == []
