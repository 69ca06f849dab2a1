"""Message catalogs: extract the keys into locales/messages.pot and check every language's catalog.

    python scripts/catalogs.py extract   # rewrite locales/messages.pot from domain/ and the code
    python scripts/catalogs.py check     # fail on a stale .pot or a missing, empty, fuzzy or obsolete entry

Keys are response names (utter_*) and button titles (btn_*) from domain/, plus the utter_* keys that the
code renders itself. Compiling to .mo is `pybabel compile -d locales -D messages` (make catalogs).
"""
from __future__ import annotations

import io
import pathlib
import re
import sys

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = pathlib.Path(__file__).resolve().parent.parent
POT = ROOT / "locales" / "messages.pot"
CODE_DIRS = ("infopunt", "actions", "bot", "web/widget")
KEY = re.compile(r"""["']((?:utter|btn)_[a-z0-9_/]+)["']""")
# Keys built at run time (f-strings) that a regex over the code cannot see.
DYNAMIC_KEYS = ("utter_part_channel_phone", "utter_part_channel_chat") + tuple(
    f"btn_cmd_{c}" for c in ("start", "help", "language", "forget", "stop"))
# Strings that look like keys but are Rasa field names.
NOT_KEYS = {"utter_action"}


def domain_keys() -> set[str]:
    keys: set[str] = set()
    for path in sorted((ROOT / "domain").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for variations in (data.get("responses") or {}).values():
            for variation in variations:
                if isinstance(variation.get("text"), str):
                    keys.add(variation["text"])
                for button in variation.get("buttons") or []:
                    if str(button.get("title", "")).startswith("btn_"):
                        keys.add(button["title"])
    return keys


def code_keys() -> set[str]:
    keys = set(DYNAMIC_KEYS)
    for folder in CODE_DIRS:
        for path in [*(ROOT / folder).rglob("*.py"), *(ROOT / folder).rglob("*.js")]:
            if path.name == "texts.js":  # generated from the catalogs
                continue
            keys.update(set(KEY.findall(path.read_text(encoding="utf-8"))) - NOT_KEYS)
    return keys


def all_keys() -> list[str]:
    return sorted(domain_keys() | code_keys())


def pot_text(keys: list[str]) -> str:
    catalog = Catalog(project="infopunt-mensenhandel", version="1", charset="utf-8")
    for key in keys:
        catalog.add(key)
    buffer = io.BytesIO()
    write_po(buffer, catalog, omit_header=True, sort_output=True, width=0)
    return buffer.getvalue().decode("utf-8")


def po_files() -> list[pathlib.Path]:
    return sorted((ROOT / "locales").glob("*/LC_MESSAGES/messages.po"))


def check() -> list[str]:
    problems = []
    keys = all_keys()
    if not POT.exists() or POT.read_text(encoding="utf-8") != pot_text(keys):
        problems.append("locales/messages.pot is stale: run `python scripts/catalogs.py extract`")
    for path in po_files():
        lang = path.parent.parent.name
        with path.open("rb") as fh:
            catalog = read_po(fh)
        present = {m.id: m for m in catalog if m.id}
        for key in keys:
            message = present.get(key)
            if message is None:
                problems.append(f"{lang}: missing {key}")
            elif not message.string:
                problems.append(f"{lang}: untranslated {key}")
            elif message.fuzzy:
                problems.append(f"{lang}: fuzzy {key}")
        for key in sorted(set(present) - set(keys)):
            problems.append(f"{lang}: obsolete {key}")
        for key, message in present.items():
            if key in keys and message.string:
                wanted = set(re.findall(r"{(\w+)}", _english(key)))
                found = set(re.findall(r"{(\w+)}", message.string))
                if wanted != found:
                    problems.append(f"{lang}: placeholders {sorted(found)} != {sorted(wanted)} in {key}")
    return problems


_EN: dict[str, str] = {}


def _english(key: str) -> str:
    if not _EN:
        with (ROOT / "locales" / "en" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
            _EN.update({m.id: m.string for m in read_po(fh) if m.id})
    return _EN.get(key, "")


def main(argv: list[str]) -> int:
    if argv[1:] == ["extract"]:
        POT.parent.mkdir(exist_ok=True)
        POT.write_text(pot_text(all_keys()), encoding="utf-8")
        print(f"{POT.relative_to(ROOT)}: {len(all_keys())} keys")
        return 0
    if argv[1:] == ["check"]:
        problems = check()
        for p in problems:
            print("catalog:", p)
        print(f"catalogs: {len(po_files())} languages, {len(all_keys())} keys, {len(problems)} problems")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
