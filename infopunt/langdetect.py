"""Offline language detection for user messages (lingua ships its models inside the package).

`detect()` says which supported language a message is in and whether that is sure enough to switch the
conversation's language. Short or ambiguous messages ("ok", "112", "Utrecht", "help") are never sure, so they
never flip a conversation (stickiness). Messages confidently in a language we do not support are reported as
`unsupported` so the assistant can answer in English with the list of languages it speaks.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from typing import Optional

from infopunt.languages import supported

# Languages we do not speak but want to recognise, so that a Turkish or French message is not forced into
# the nearest supported language. Extending `supported()` is done through locales/, not here.
_RECOGNISED_EXTRA = ("tr", "pt", "fr", "de", "it", "hu", "cs", "sk", "lt", "lv", "fa", "ti", "so", "am", "zh", "vi")
# Languages lingua confuses with Cyrillic typed in Latin letters (sk, cs, lt, lv, hu) or Arabizi (so): a message
# "in" them is far more often one of ours, transliterated, than the language itself, so it is never `unsupported`.
_TRANSLITERATION_LOOKALIKES = frozenset({"sk", "cs", "lt", "lv", "hu", "so"})

MIN_WORDS = 3
MIN_LETTERS = 12
MIN_CONFIDENCE = 0.5
MIN_MARGIN = 0.15

_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
# Arabic typed in Latin letters ("Arabizi") writes the sounds Latin lacks with digits inside words: 2 (ء), 3 (ع),
# 5 (خ), 7 (ح), 9 (ق/ص) — "3andi", "l7abs", "bi2oulo". Lingua reads such text as Dutch, English, Turkish or French
# (Maghrebi Arabizi mixes in French words). Two such words make the message Arabic. 4 and 6 are left out: Bulgarian
# and Russian typed in Latin use them for ч and ш; ordinals and times ("2nd", "7pm") do not count.
_ARABIZI_WORD = re.compile(r"(?<![\w'’])[a-z]*[23579][a-z]*(?![\w'’])")
_NOT_ARABIZI = re.compile(r"[0-9]+(?:st|nd|rd|th|am|pm|h|x|k|e|eme|de|ste|ter|te|o|a|er|g)|[0-9]+")
ARABIZI_MIN_WORDS = 2
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@dataclasses.dataclass(frozen=True)
class Detection:
    guess: Optional[str]  # best supported language, None if nothing plausible
    confidence: float
    sure: bool  # sure enough to set or switch the conversation's language
    unsupported: Optional[str] = None  # a recognised language we do not speak, when sure

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = list(dict.fromkeys(supported() + _RECOGNISED_EXTRA))
    isos = [getattr(IsoCode639_1, c.upper()) for c in codes if hasattr(IsoCode639_1, c.upper())]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).build()


def _letters_only(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch).startswith("L"))


def _script(letters: str) -> str:
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f")
    return "arabic" if letters and arabic / len(letters) > 0.8 else "other"


def arabizi_words(text: str) -> list[str]:
    return [w for w in _ARABIZI_WORD.findall(text.casefold()) if not _NOT_ARABIZI.fullmatch(w)]


def detect(text: Optional[str]) -> Detection:
    if not text or not isinstance(text, str) or text.lstrip().startswith("/"):
        return Detection(None, 0.0, False)
    text = _URL.sub(" ", text)[:2000]
    words = _WORD.findall(text)
    letters = _letters_only(text)
    if not letters:
        return Detection(None, 0.0, False)
    # A script that belongs to one supported language only is unambiguous even in one word.
    if _script(letters) == "arabic" and "ar" in supported() and len(letters) >= 3:
        return Detection("ar", 1.0, True)
    if "ar" in supported() and len(arabizi_words(text)) >= ARABIZI_MIN_WORDS:
        return Detection("ar", 0.9, True)
    values = _detector().compute_language_confidence_values(" ".join(words))
    ranked = [(v.language.iso_code_639_1.name.lower(), v.value) for v in values]
    ours = [(code, p) for code, p in ranked if code in supported()]
    guess, p_guess = ours[0] if ours else (None, 0.0)
    top, p_top = ranked[0] if ranked else (None, 0.0)
    p_second = ranked[1][1] if len(ranked) > 1 else 0.0
    long_enough = len(words) >= MIN_WORDS and len(letters) >= MIN_LETTERS
    sure = long_enough and p_top >= MIN_CONFIDENCE and p_top - p_second >= MIN_MARGIN
    if sure and top not in supported():
        return Detection(guess, p_guess, False, unsupported=None if top in _TRANSLITERATION_LOOKALIKES else top)
    return Detection(guess, round(p_guess, 3), sure and top == guess)
