"""Recognise bare answers: a Dutch place name (municipality, alias, town), a 4-digit postcode, or "skip".

Uses the same name lists as the directory (data/directory/*.csv), read once; no database needed, so it also
runs inside the Rasa process.
"""
from __future__ import annotations

import csv
import difflib
import functools
import re
import unicodedata

from infopunt import ROOT

DATA = ROOT / "data" / "directory"
PREFIXES = ("in ", "bij ", "near ", "te ", "w ", "в ", "v ", "en ", "la ", "u ", "у ", "na ", "във ", "в град ", "في ")
SKIP = {"skip", "overslaan", "sla over", "pass", "skip this", "sla deze over", "geen plaats", "no place"}
# Place names that are also ordinary words in the languages we serve: not an answer on their own.
COMMON_WORDS = frozenset({"best", "born", "echt", "ee", "nes", "elst", "den", "haren", "sint", "goes", "ens", "lent",
                          "mill", "stein", "beek", "son", "eck", "ell", "elp", "oost", "west", "noord", "zuid", "hall",
                          "wijk", "horn", "reek", "oss", "epe", "ede", "bergen", "vaals", "zeist", "ezinge", "swolgen",
                          "diever"})
POSTCODE = re.compile(r"^[1-9][0-9]{3}(\s?[a-z]{2})?$")


# Cyrillic (Russian, Ukrainian, Bulgarian) to Latin letters, so that "Амстердам" or "Утрехт" finds Amsterdam or
# (through the typo matching) Utrecht; Dutch place names written in Cyrillic are transliterated by sound.
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                      "t", "u", "f", "h", "ts", "ch", "sh", "sht", "", "y", "", "e", "yu", "ya", "i", "i", "e", "g"]))
# Names other languages give Dutch places (after transliteration and normalisation), to the Dutch name.
EXONYMS = {
    "gaaga": "den haag", "haga": "den haag", "la haya": "den haag", "hague": "den haag", "the hague": "den haag",
    "lahay": "den haag", "lahai": "den haag", "haaga": "den haag", "gaage": "den haag", "gaagu": "den haag",
    "gaazi": "den haag", "hagi": "den haag",
    "لاهاي": "den haag", "امستردام": "amsterdam", "روتردام": "rotterdam",
    "اوترخت": "utrecht", "اوتريخت": "utrecht", "ايندهوفن": "eindhoven",
    "amsterdamie": "amsterdam", "rotterdamie": "rotterdam", "utrechcie": "utrecht", "hadze": "den haag",
}


def latin(text: str) -> str:
    return "".join(_CYRILLIC.get(ch, ch) if ch.isalpha() else ch for ch in text.casefold())


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"^'s[ -]", "s ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@functools.lru_cache(maxsize=1)
def municipality_names() -> frozenset[str]:
    """Official names and aliases of the 342 municipalities (normalised)."""
    names: set[str] = set()
    with (DATA / "municipalities.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names.add(normalise(re.sub(r"\s*\(.*\)$", "", row["name"])))
            names.update(normalise(a) for a in (row.get("aliases") or "").split(";") if a.strip())
    names.discard("")
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Municipalities and the 6 400 towns and villages (normalised)."""
    names: set[str] = set(municipality_names())
    with (DATA / "woonplaatsen.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for name in (row["woonplaats"], row.get("also_known_as") or ""):
                if name and "?" not in name and "(" not in name:
                    names.add(normalise(name))
    names.discard("")
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def skip_words() -> frozenset[str]:
    """"Skip" as typed: the fixed words plus the Skip button's label in every supported language (catalogs)."""
    from infopunt import i18n
    from infopunt.languages import supported

    return frozenset(SKIP | {normalise(i18n.text(code, "btn_skip_location")) for code in supported()})


def is_skip(text: str) -> bool:
    return isinstance(text, str) and normalise(text) in skip_words()


_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_PLACE_POSTCODE = re.compile(r"(?<!\d)[1-9]\d{3}(?:\s?[A-Za-z]{2}\b)?(?!\d)")
MAX_SCAN = 1000
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")


# Villages whose names are everyday words somewhere ("Een", "Het", "Loon", "Nederland"): never taken from a sentence.
NOT_IN_SENTENCES = frozenset({"nederland", "holland", "polen", "amerika", "buren", "heel", "meer", "loon", "made",
                              "bent", "dale", "hem", "hee", "hei", "ven", "gun", "park", "bus", "kade", "vrij",
                              "straat", "einde", "winkel", "wissel", "dorp", "drie", "zetten", "anderen", "amen",
                              "handel", "ziek", "partij", "een", "het", "wie", "de buurt", "est", "tuk", "dam"})


# Greetings and words that are also villages: not a place even as a whole message.
NEVER_PLACES = frozenset({"hei", "hee", "hey", "hej", "hai", "dale", "einde", "amen", "dank", "hallo", "ok"})
PROVINCES = {
    "groningen": "Groningen", "friesland": "Friesland", "fryslan": "Friesland", "drenthe": "Drenthe",
    "overijssel": "Overijssel", "flevoland": "Flevoland", "gelderland": "Gelderland", "utrecht": "Utrecht",
    "noord holland": "Noord-Holland", "zuid holland": "Zuid-Holland", "zeeland": "Zeeland",
    "noord brabant": "Noord-Brabant", "brabant": "Noord-Brabant", "limburg": "Limburg",
}
# Province names and Twente (a region people name as a place) count as places in a sentence.
PROVINCE_NAMES = frozenset(PROVINCES) | {"twente"}
# Words before a 4-digit number that make it a postcode rather than an amount ("in 3511", not "5000 euro").
POSTCODE_CUES = frozenset({"in", "bij", "te", "near", "w", "v", "в", "en", "la", "u", "у", "na", "postcode", "pc",
                           "code", "zip", "kod", "индекс", "codigo", "cod"})


def find_places(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of Dutch places in a message in any language: municipality names and aliases (also lower
    case, in Cyrillic, or another language's name like "La Haya"), towns and villages when written with a capital
    and not first in the sentence, and postcodes ("3511 AB", or four digits alone). Longest match first."""
    if not isinstance(text, str) or not text.strip():
        return []
    text = text[:MAX_SCAN]
    tokens = [(m.start(), m.end(), normalise(latin(m.group())), m.group()) for m in _TOKEN.finditer(text)]
    spans: list[tuple[int, int]] = []
    taken: set[int] = set()
    for size in (4, 3, 2, 1):
        for i in range(len(tokens) - size + 1):
            if taken & set(range(i, i + size)):
                continue
            window = " ".join(t[2] for t in tokens[i:i + size])
            whole = len(tokens) == size
            capitalised = tokens[i + size - 1][3][:1].isupper() and (i > 0 or whole)
            if len(window) < 3 or window in NEVER_PLACES or (not whole and window in NOT_IN_SENTENCES):
                continue
            if not whole and window in COMMON_WORDS and not capitalised:  # "Oss", "Ede" only with a capital
                continue
            strong = window in municipality_names() or window in EXONYMS or window in PROVINCE_NAMES
            if not strong and size == 1 and _CYRILLIC_LETTER.search(tokens[i][3]) and len(window) >= 5:
                # a Cyrillic name with a case ending ("в Амстердаме", "у Роттердамі")
                strong = bool(difflib.get_close_matches(window, municipality_names(), n=1, cutoff=0.85))
            if not (strong or (window in place_names() and (capitalised or whole))):
                continue
            spans.append((tokens[i][0], tokens[i + size - 1][1]))
            taken |= set(range(i, i + size))
    for m in _PLACE_POSTCODE.finditer(text):
        before = normalise(text[:m.start()]).rsplit(" ", 1)[-1]
        if m.group()[-1:].isalpha() or len(tokens) <= 3 or before in POSTCODE_CUES:
            spans.append((m.start(), m.end()))
    return sorted(spans)


def is_bare_answer(text: str) -> bool:
    if not isinstance(text, str) or len(text) > 60 or text.lstrip().startswith("/"):
        return False
    norm = normalise(text)
    if not norm:
        return False
    if norm in skip_words() or POSTCODE.match(norm):
        return True
    for prefix in PREFIXES:
        if norm.startswith(prefix):
            norm = norm[len(prefix):]
            break
    return norm in place_names() and len(norm) >= 3 and norm not in (COMMON_WORDS - {"ede", "oss", "zeist", "bergen"})
