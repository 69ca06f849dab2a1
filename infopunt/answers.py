"""Recognise bare answers: a Dutch place name (municipality, alias, town), a 4-digit postcode, or "skip".

Uses the same name lists as the directory (data/directory/*.csv), read once; no database needed, so it also
runs inside the Rasa process.
"""
from __future__ import annotations

import csv
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


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"^'s[ -]", "s ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    names: set[str] = set()
    with (DATA / "municipalities.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names.add(normalise(re.sub(r"\s*\(.*\)$", "", row["name"])))
            names.update(normalise(a) for a in (row.get("aliases") or "").split(";") if a.strip())
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
