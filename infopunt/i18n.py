"""Babel message catalogs: every user-facing text, looked up by key in the conversation's language.

Catalogs live in locales/<lang>/LC_MESSAGES/messages.po (keys as msgids, see docs/i18n.md); `make` compiles
them to .mo. When a .mo is missing or older than its .po, the .po is read directly, so a stale build can never
show old text. A key missing in a language falls back to English, then to the key itself.
"""
from __future__ import annotations

import functools
import logging
import pathlib
from typing import Optional

from babel import Locale
from babel.messages.pofile import read_po
from babel.support import Translations

from infopunt.languages import FALLBACK, LOCALES_DIR, supported

log = logging.getLogger(__name__)
DOMAIN = "messages"

# Last resort if even the catalogs cannot be read: the only text that is not in a catalog.
LAST_RESORT = (
    "Danger? Call 112 now. / Gevaar? Bel 112.\n"
    "Help, 24/7 and free: Veilig Thuis 0800-2000."
)


def _load_po(path: pathlib.Path) -> dict[str, str]:
    with path.open("rb") as fh:
        catalog = read_po(fh)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


@functools.lru_cache(maxsize=None)
def messages(lang: str) -> dict[str, str]:
    """All translated messages of one language (empty dict for an unknown language)."""
    po = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if not po.exists():
        return {}
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as fh:
            t = Translations(fh, domain=DOMAIN)
        return {k: v for k, v in t._catalog.items() if isinstance(k, str) and k and v}
    return _load_po(po)


def text(lang: Optional[str], key: str, **values: object) -> str:
    """The text for `key` in `lang` (English, then the key, as fallbacks), with `{name}` values filled."""
    for code in (lang, FALLBACK):
        if code:
            found = messages(code).get(key)
            if found:
                return _fill(found, values) if values else found
    log.warning("catalog key missing: %s", key)
    return key


def has(lang: str, key: str) -> bool:
    return key in messages(lang)


def _fill(template: str, values: dict) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def language_name(code: str) -> str:
    """A language named in its own language ('Українська', 'Nederlands'), from Babel's CLDR data."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, TypeError):
        return code
    return name[:1].upper() + name[1:]


def degraded_reply(lang: Optional[str]) -> str:
    """The reply when something failed: 112 and a national helpline, in the user's language if possible."""
    try:
        return text(lang, "utter_degraded")
    except Exception:  # noqa: BLE001 - this is the path of last resort
        return LAST_RESORT


def is_key(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("utter_", "btn_")) and " " not in value


def warm_up() -> None:
    """Load every catalog once at start-up, so a failure later cannot take the texts away."""
    for code in supported():
        messages(code)
