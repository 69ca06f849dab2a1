"""The keyword safety net: paraphrases of danger match in every language that has patterns; ordinary
questions about rights, reporting or shelter do not."""
import pytest
import yaml

from infopunt import safety
from infopunt.languages import supported
from tests.conftest import ROOT

PARAPHRASES = ROOT / "tests" / "safety"


def _paraphrases(key: str) -> list[tuple[str, str]]:
    """(language, text) pairs from tests/safety/<lang>.yml, one file per language (data, like the patterns)."""
    pairs = []
    for path in sorted(PARAPHRASES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        pairs += [(path.stem, text) for text in data.get(key) or []]
    return pairs


DANGER = _paraphrases("danger")
SAFE = _paraphrases("safe")


@pytest.mark.parametrize("lang, text", DANGER)
def test_danger_paraphrases_are_caught(lang, text):
    assert safety.danger_language(text) is not None


@pytest.mark.parametrize("lang, text", SAFE)
def test_ordinary_questions_are_not_emergencies(lang, text):
    assert safety.danger_language(text) is None


@pytest.mark.parametrize("text", ["", None, "   ", "/emergency", "🙂" * 500, "a" * 20000, 42])
def test_bad_input_does_not_crash(text):
    assert safety.danger_language(text) is None


def test_every_supported_language_has_danger_patterns():
    assert set(supported()) <= set(safety.patterns())


@pytest.mark.parametrize("lang", supported())
def test_every_supported_language_has_tested_paraphrases(lang):
    assert sum(1 for code, _ in DANGER if code == lang) >= 10
    assert sum(1 for code, _ in SAFE if code == lang) >= 6


@pytest.mark.parametrize("text", ["no one threatens me", "nobody hits me", "nee niemand bedreigt me", "niemand slaat me",
                                  "no, he doesn't threaten me"])
def test_a_plain_denial_is_not_an_emergency(text):
    assert safety.danger_language(text) is None


def test_a_denial_inside_a_longer_danger_message_does_not_hide_it():
    assert safety.danger_language("nobody threatens me at work but tonight he locked me in") is not None
