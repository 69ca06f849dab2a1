"""The second emergency layer: per-language keyword patterns that work even when the NLU model is wrong.

Patterns live in locales/<lang>/safety.yml (a list of regular expressions under `danger:`), matched
case-insensitively against a normalised copy of the message (lower case, accents removed) in every language
at once: a Polish worker may write in English, and a match in any language means danger.
"""
from __future__ import annotations

import functools
import logging
import re
import unicodedata
from typing import Optional

import yaml

from infopunt.languages import LOCALES_DIR, supported

log = logging.getLogger(__name__)
MAX_CHARS = 5000


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Keep Cyrillic й/ї distinctions irrelevant for matching; collapse whitespace.
    return re.sub(r"\s+", " ", stripped).strip()


def _load(key: str) -> dict[str, list[re.Pattern]]:
    compiled: dict[str, list[re.Pattern]] = {}
    for code in supported():
        path = LOCALES_DIR / code / "safety.yml"
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        compiled[code] = [re.compile(normalise_pattern(p), re.IGNORECASE) for p in data.get(key) or []]
    return compiled


@functools.lru_cache(maxsize=1)
def patterns() -> dict[str, list[re.Pattern]]:
    return _load("danger")


@functools.lru_cache(maxsize=1)
def negations() -> dict[str, list[re.Pattern]]:
    """`not_danger:` patterns: a plain denial ("nobody threatens me") is not an emergency."""
    return _load("not_danger")


def normalise_pattern(pattern: str) -> str:
    # Accents only: case is handled by re.IGNORECASE, and lower-casing would turn \W into \w.
    decomposed = unicodedata.normalize("NFKD", pattern)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def danger_language(text: Optional[str]) -> Optional[str]:
    """The language whose danger pattern matches `text`, or None."""
    if not text or not isinstance(text, str) or text.lstrip().startswith("/"):
        return None
    norm = normalise(text[:MAX_CHARS])
    if any(p.search(norm) for pats in negations().values() for p in pats):
        return None
    for code, pats in patterns().items():
        for pat in pats:
            if pat.search(norm):
                return code
    return None
