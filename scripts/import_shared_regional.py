"""One-off import of ../shared/data/regional.yaml into data/directory/regional.yml, and the curation of the
regional entries in data/directory/organisations.yml.

Curation rules (docs/data.md): a regional entry is `current` (used for routing) only when a dated source from
2020 on, or the organisation's own current page, confirms its role, and it has at least one contact detail.
Entries whose contact details come only from the old, undated Wegwijzer overview, whose coverage is unknown,
or that duplicate another entry are kept as `reference` (never shown), so the lookup falls back to the national
desk. A field that held several numbers keeps the first in `phone` and the rest in notes. Coverage (`covers`)
is written as region references; every one marked inferred in the source notes stays marked in notes.
"""
from __future__ import annotations

import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "regional.yaml"
OUT = ROOT / "data" / "directory" / "regional.yml"
ORGS = ROOT / "data" / "directory" / "organisations.yml"
VERIFIED_ON = "2026-11-22"

VR = "veiligheidsregio"
ALWAYS = {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "open": "00:00", "close": "24:00"}
VT_COVERS = {
    "vt-groningen": "VR01", "vt-fryslan": "VR02", "vt-drenthe": "VR03", "vt-ijsselland": "VR04", "vt-twente": "VR05",
    "vt-noord-oost-gelderland": "VR06", "vt-gelderland-midden": "VR07", "vt-gelderland-zuid": "VR08",
    "vt-utrecht": "VR09", "vt-noord-holland-noord": "VR10", "vt-amsterdam-amstelland": "VR13",
    "vt-haaglanden": "VR15", "vt-hollands-midden": "VR16", "vt-rotterdam-rijnmond": "VR17",
    "vt-zuid-holland-zuid": "VR18", "vt-zeeland": "VR19", "vt-noord-midden-limburg": "VR23",
    "vt-zuid-limburg": "VR24", "vt-flevoland": "VR25",
}
# id -> (status, covers, kind, topics, audiences)
CURATION = {
    "zc-groningen-zvhg": ("current", ["province:Groningen"]),
    "zc-drenthe-ggd": ("current", ["province:Drenthe"]),
    "zc-twente-kenniscentrum": ("current", [f"{VR}:VR05"]),
    "zc-zeeland-zvh": ("current", [f"{VR}:VR19"]),
    "riec-noord-nederland": ("current", ["riec:Noord-Nederland"]),
    "riec-oost-nederland": ("current", ["riec:Oost-Nederland"]),
    "riec-midden-nederland": ("current", ["riec:Midden-Nederland"]),
    "riec-noord-holland": ("current", ["riec:Noord-Holland"]),
    "riec-amsterdam-amstelland": ("current", ["riec:Amsterdam"]),
    "riec-den-haag": ("current", ["riec:Den Haag"]),
    "riec-rotterdam": ("current", ["riec:Rotterdam"]),
    "riec-zeeland-west-brabant": ("current", ["riec:Zeeland-West-Brabant"]),
    "riec-oost-brabant": ("current", ["riec:Oost-Brabant"]),
    "riec-limburg": ("current", ["riec:Limburg"]),
    "mp-flevoland-vt": ("current", [f"{VR}:VR25"]),
    "mp-utrecht-vt": ("current", [f"{VR}:VR09"]),
    "mp-noord-oost-gelderland-vt": ("current", [f"{VR}:VR06"]),
    "mp-noord-midden-limburg-vt": ("current", [f"{VR}:VR23"]),
    "mp-zuid-limburg-vt": ("current", [f"{VR}:VR24"]),
    "kc-zwb-geen-plaats": ("current", ["police_unit:Zeeland-West-Brabant"]),
}
KINDS = {"zorgcoordinator": "zorgcoordinator", "riec": "kenniscentrum", "veilig_thuis": "meldpunt",
         "meldpunt": "meldpunt", "kenniscentrum": "kenniscentrum"}
TOPICS = {
    "zorgcoordinator": ["care_coordination", "shelter", "rights"],
    "riec": ["criminal"],
    "veilig_thuis": ["reporting", "minors", "sexual", "health"],
    "meldpunt": ["reporting", "sexual", "labour", "criminal", "minors"],
    "kenniscentrum": ["criminal", "rights"],
}
AUDIENCES = {
    "zorgcoordinator": ["professional", "victim"],
    "riec": ["professional"],
    "veilig_thuis": ["victim", "citizen", "professional"],
    "meldpunt": ["victim", "citizen", "professional"],
    "kenniscentrum": ["professional"],
}
# Regional entries of organisations.yml: covers, or a reason to keep them for reference only.
ORG_CURATION = {
    "veilig-thuis-flevoland-meldpunt-mensenhandel": ("reference", [], "Duplicate of mp-flevoland-vt (regional.yml)."),
    "veilig-thuis-noord-oost-gelderland-meldpunt": ("reference", [], "Duplicate of mp-noord-oost-gelderland-vt."),
    "veilig-thuis-utrecht": ("reference", [], "Duplicate of mp-utrecht-vt (regional.yml)."),
    "zvh-groningen-mensenhandel": ("reference", [], "Duplicate of zc-groningen-zvhg (regional.yml)."),
    "zvh-zeeland-zorgcoordinatie": ("reference", [], "Duplicate of zc-zeeland-zvh (regional.yml)."),
    "kenniscentrum-mensenhandel-twente": ("reference", [], "Duplicate of zc-twente-kenniscentrum (regional.yml)."),
    "humanitas-essm-rotterdam": ("current", [f"{VR}:VR17"], None),
    "hvo-querido-acm-amsterdam": ("current", ["municipality:GM0363"], None),
    "pg292-amsterdam": ("reference", [], "No contact details in the sources."),
    "shop-den-haag": ("current", [f"{VR}:VR15"], None),
    "scharlaken-koord": ("current", ["municipality:GM0363"], None),
    "stichting-de-haven-den-haag": ("reference", [], "No contact details in the sources."),
    "leger-des-heils-time2connect-groningen": ("current", ["municipality:GM0014"], None),
    "gemeente-putten-functionaris-mensenhandel": ("current", ["municipality:GM0273"], None),
    "gemeente-heerde-meldpunt-ondermijning-mensenhandel": ("current", ["municipality:GM0246"], None),
}


def split_phone(value):
    if not value:
        return None, None
    first, *rest = [p.strip() for p in str(value).split("/")]
    number = re.match(r"^[+(]?[0-9][0-9 ()-]*[0-9]", first)
    if not number:
        return None, str(value)
    extra = first[number.end():].strip()
    return number.group(0), (" / ".join(([extra] if extra else []) + rest) or None)


def convert(entry: dict) -> dict:
    kind = entry["kind"]
    if kind == "veilig_thuis" and entry["id"] in VT_COVERS:
        status, covers = "current", [f"{VR}:{VT_COVERS[entry['id']]}"]
    else:
        status, covers = CURATION.get(entry["id"], ("reference", []))
    phone, other_phones = split_phone(entry.get("phone"))
    notes = entry.get("notes") or ""
    if other_phones:
        notes = f"Other numbers in the source: {other_phones}. " + notes
    if status == "reference" and not notes.startswith("Reference only"):
        notes = "Reference only (not routed): old, unconfirmed or unmapped. " + notes
    hours = {"phone": [ALWAYS]} if phone in ("0800-2000", "088 2220500") and kind in ("veilig_thuis", "meldpunt") else None
    return {
        "id": entry["id"],
        "name": entry["name"],
        "kind": KINDS[kind],
        "scope": "regional",
        "status": status,
        "region": entry.get("region_name"),
        "covers": covers,
        "topics": TOPICS[kind],
        "audiences": AUDIENCES[kind],
        "phone": phone,
        "website": entry.get("website"),
        "email": entry.get("email"),
        "chat": None,
        "opening_hours_text": entry.get("opening_hours"),
        "hours": hours,
        "hours_uncertain": False,
        "anonymous": None,
        "languages": None,
        "description": {},
        "source_urls": entry.get("source_urls") or [],
        "source_year": entry.get("source_year"),
        "verified_on": VERIFIED_ON,
        "notes": notes.strip() or None,
    }


def main() -> None:
    entries = [convert(e) for e in yaml.safe_load(SHARED.read_text(encoding="utf-8"))]
    header = (
        "# Regional desks: zorgcoördinatoren, Veilig Thuis regions, RIECs, regional meldpunten and programmes.\n"
        "# Imported from ../shared/data/regional.yaml by scripts/import_shared_regional.py and curated (see the\n"
        "# script and docs/data.md): status current = routed; reference = kept with its sources, never shown.\n"
        "# covers: the regions served, as <kind>:<code> (veiligheidsregio:VR05, province:Utrecht,\n"
        "# police_unit:Limburg, riec:Limburg, municipality:GM0363).\n"
    )
    OUT.write_text(header + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")
    orgs = yaml.safe_load(ORGS.read_text(encoding="utf-8"))
    for org in orgs:
        org.setdefault("status", "current")
        if org["id"] in ORG_CURATION:
            status, covers, note = ORG_CURATION[org["id"]]
            org["status"], org["covers"] = status, covers
            if note and note not in (org.get("notes") or ""):
                org["notes"] = f"{note} {org.get('notes') or ''}".strip()
    text = ORGS.read_text(encoding="utf-8")
    header_lines = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    ORGS.write_text(header_lines + yaml.safe_dump(orgs, allow_unicode=True, sort_keys=False, width=110),
                    encoding="utf-8")
    print(f"wrote {len(entries)} regional entries ({sum(e['status'] == 'current' for e in entries)} current)")


if __name__ == "__main__":
    main()
