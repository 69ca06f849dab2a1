"""One-off import of ../shared/data/organisations.yaml into data/directory/organisations.yml.

Keeps every fact with its sources and notes; adds structured opening hours only where a source states them
(see HOURS below, each with the source text it was read from) and the audiences. Re-run only to start over:
data/directory/ is the maintained copy from then on.
"""
from __future__ import annotations

import pathlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "organisations.yaml"
OUT = ROOT / "data" / "directory" / "organisations.yml"
VERIFIED_ON = "2026-11-22"

EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
ALWAYS = {"days": EVERY_DAY, "open": "00:00", "close": "24:00"}

# id -> (structured hours, whether the source is old/uncertain)
HOURS = {
    "comensha": ({"phone": [{"days": WEEKDAYS, "open": "09:00", "close": "17:00"}]}, False),
    "veilig-thuis-landelijk": ({"phone": [ALWAYS]}, False),
    "centrum-seksueel-geweld": ({"phone": [ALWAYS]}, False),
    "fier-ckm": ({"chat": [{"days": EVERY_DAY, "open": "19:00", "close": "06:00"}]}, True),
    "kindertelefoon": ({"phone": [{"days": EVERY_DAY, "open": "11:00", "close": "21:00"}],
                        "chat": [{"days": EVERY_DAY, "open": "11:00", "close": "21:00"}]}, True),
    "juridisch-loket": ({"phone": [{"days": EVERY_DAY, "open": "09:00", "close": "18:00"}]}, True),
    "cjib-voorschotregeling": ({"phone": [{"days": WEEKDAYS, "open": "08:15", "close": "17:15"}]}, True),
    "veilig-thuis-flevoland-meldpunt-mensenhandel": (
        {"phone": [ALWAYS], "chat": [{"days": WEEKDAYS, "open": "09:00", "close": "17:00"}]}, False),
    "veilig-thuis-noord-oost-gelderland-meldpunt": ({"phone": [ALWAYS]}, False),
    "veilig-thuis-utrecht": ({"phone": [ALWAYS]}, False),
}


def audiences(org: dict) -> list[str]:
    if org["kind"] == "kenniscentrum":
        return ["professional"]
    return ["victim", "citizen", "professional"]


def main() -> None:
    orgs = yaml.safe_load(SHARED.read_text(encoding="utf-8"))
    out = []
    for org in orgs:
        hours, uncertain = HOURS.get(org["id"], (None, False))
        entry = {
            "id": org["id"],
            "name": org["name"],
            "kind": org["kind"],
            "scope": org["scope"],
            "region": org.get("region"),
            "topics": org.get("topics") or [],
            "audiences": audiences(org),
            "phone": org.get("phone"),
            "website": org.get("website"),
            "email": org.get("email"),
            "chat": org.get("chat"),
            "opening_hours_text": org.get("opening_hours"),
            "hours": hours,
            "hours_uncertain": uncertain,
            "anonymous": org.get("anonymous"),
            "languages": org.get("languages"),
            "description": {"nl": org.get("description_nl")},
            "source_urls": org.get("source_urls") or [],
            "verified_on": VERIFIED_ON,
            "notes": org.get("notes"),
        }
        out.append(entry)
    header = (
        "# Organisations in the directory. Maintained here; first imported from ../shared/data/organisations.yaml\n"
        "# by scripts/import_shared.py. Every fact needs a source in source_urls; verified_on is the date the\n"
        "# fact was last checked against its sources (see docs/data.md). null = not found in a source: never\n"
        "# fill it in without a source. hours: structured opening hours per channel (Europe/Amsterdam time).\n"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(header + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")
    print(f"wrote {len(out)} organisations to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
