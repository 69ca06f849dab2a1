"""Place entities from the directory's lists (infopunt.answers.find_places, used by PlaceEntityExtractor)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infopunt import answers


@pytest.mark.parametrize("text, place", [
    ("ik ben huisarts in Enschede en vermoed uitbuiting", "Enschede"),
    ("wijkagent in tilburg", "tilburg"),
    ("I work in Westland greenhouses", "Westland"),
    ("pracuję w Venlo", "Venlo"),
    ("я живу в Амстердаме", "Амстердаме"),
    ("працюю в Роттердамі", "Роттердамі"),
    ("vivo en La Haya", "La Haya"),
    ("ik woon in Oss", "Oss"),
    ("in de provincie Limburg", "Limburg"),
    ("my postcode is 3511 AB", "3511 AB"),
    ("in 9711", "9711"),
    ("Hoofddorp", "Hoofddorp"),
])
def test_places_are_found_in_sentences_in_any_language(text, place):
    assert [text[s:e] for s, e in answers.find_places(text)] == [place]


@pytest.mark.parametrize("text", [
    "Een vraag over mijn loon", "hei", "het is niet veilig", "wie kan mij helpen", "Есть вопрос", "I paid 5000 euro",
    "we are from Nederland", "dale", "de benadeelde partij", "", "   ", "🙂🙂",
])
def test_everyday_words_that_are_also_village_names_are_not_places(text):
    assert answers.find_places(text) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_spans_inside_the_text(text):
    for start, end in answers.find_places(text):
        assert 0 <= start < end <= len(text)
