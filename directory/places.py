"""Resolve a place from what a user wrote: municipality names (typos, aliases, Frisian names, lower case),
towns, 4-digit postcodes and provinces, also inside a sentence in any language."""
from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.models import Municipality, PlaceName, Postcode
from directory.seed import normalise
from infopunt import answers
from infopunt.answers import EXONYMS, PROVINCES, latin as _latin

POSTCODE = re.compile(r"(?<!\d)([1-9]\d{3})(?:\s?[a-zA-Z]{2})?(?!\d)")
MAX_INPUT = 500
# Place names that are ordinary words in the languages we serve: only matched when they are the whole message
# or the NLU marked them as a place.
COMMON_WORDS = answers.COMMON_WORDS


@dataclasses.dataclass
class Resolution:
    status: str  # found | ambiguous | province | unknown
    municipality: Optional[Municipality] = None
    candidates: list[Municipality] = dataclasses.field(default_factory=list)
    province: Optional[str] = None
    via: Optional[str] = None  # official | alias | town | postcode | fuzzy
    approximate: bool = False  # a postcode or a typo: ask the user to confirm


class PlaceIndex:
    def __init__(self, session: Session) -> None:
        self.by_name: dict[str, dict[str, str]] = {}
        for place in session.scalars(select(PlaceName)):
            self.by_name.setdefault(place.normalised, {})
            kinds = self.by_name[place.normalised]
            # Keep the strongest kind per municipality: official > alias > town.
            rank = {"official": 0, "alias": 1, "town": 2}
            if place.municipality_code not in kinds or rank[place.kind] < rank[kinds[place.municipality_code]]:
                kinds[place.municipality_code] = place.kind
        self.postcodes = {p.pc4: (p.municipality_code, p.ambiguous) for p in session.scalars(select(Postcode))}
        self.names = sorted(self.by_name)

    def lookup(self, name: str) -> dict[str, str]:
        return self.by_name.get(name, {})


_CACHE: dict[str, PlaceIndex] = {}


def index_for(session: Session) -> PlaceIndex:
    """The in-memory name index of this database, built once (the directory changes only by `make seed`)."""
    url = str(session.get_bind().url)
    if url not in _CACHE:
        _CACHE[url] = PlaceIndex(session)
    return _CACHE[url]


def clear_cache() -> None:
    _CACHE.clear()


def _windows(tokens: list[str], max_len: int = 4):
    for size in range(min(max_len, len(tokens)), 0, -1):
        for start in range(0, len(tokens) - size + 1):
            yield " ".join(tokens[start : start + size])


def resolve(session: Session, text: Optional[str], entity: Optional[str] = None) -> Resolution:
    """Best place in `text`; `entity` (the NLU's location span) is tried first and trusted more."""
    if not isinstance(text, str):
        text = ""
    text = text[:MAX_INPUT]
    index = index_for(session)
    for candidate, whole in ((entity, True), (text, False)):
        if not candidate or not isinstance(candidate, str):
            continue
        found = _resolve_one(session, index, candidate[:MAX_INPUT], trusted=whole)
        if found.status != "unknown":
            return found
    return Resolution("unknown")


def _resolve_one(session: Session, index: PlaceIndex, text: str, trusted: bool) -> Resolution:
    match = POSTCODE.search(text)
    if match and match.group(1) in index.postcodes:
        code, ambiguous = index.postcodes[match.group(1)]
        return Resolution("found", session.get(Municipality, code), via="postcode", approximate=True)
    norm = normalise(_latin(text))
    if not norm:
        return Resolution("unknown")
    tokens = norm.split()
    whole_message = len(tokens) <= 4
    for window in _windows(tokens):
        if window in PROVINCES and (trusted or whole_message) and window not in ("groningen", "utrecht"):
            return Resolution("province", province=PROVINCES[window])
        hits = index.lookup(EXONYMS.get(window, window))
        if not hits:
            continue
        if window in COMMON_WORDS and not (trusted or norm == window):
            continue
        if len(window) < 3 and not trusted:
            continue
        return _from_hits(session, hits)
    # Typos: close matches for the longer words and word pairs.
    for window in _windows(tokens, max_len=3):
        if len(window) < 5 or window in COMMON_WORDS:
            continue
        close = difflib.get_close_matches(window, index.names, n=1, cutoff=0.86 if trusted else 0.9)
        if close:
            found = _from_hits(session, index.lookup(close[0]))
            found.via, found.approximate = "fuzzy", True
            return found
    for window in tokens:
        if window in PROVINCES:
            return Resolution("province", province=PROVINCES[window])
    return Resolution("unknown")


def _from_hits(session: Session, hits: dict[str, str]) -> Resolution:
    # An official name or alias wins over towns of the same name elsewhere (Groningen the city, not the village).
    strong = {code: kind for code, kind in hits.items() if kind in ("official", "alias")}
    chosen = strong or hits
    munis = [session.get(Municipality, code) for code in sorted(chosen)]
    if len(munis) == 1:
        return Resolution("found", munis[0], via=next(iter(chosen.values())))
    return Resolution("ambiguous", candidates=munis, via="town")


def municipalities_in_province(session: Session, province: str) -> list[Municipality]:
    return list(session.scalars(select(Municipality).where(Municipality.province == province).order_by(Municipality.name)))
