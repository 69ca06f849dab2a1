"""Idempotent import of data/directory/ into the database: `python -m directory.seed` (make seed).

Validates everything first (directory.sources), derives the regions every municipality belongs to, applies
the migrations, then replaces the directory tables in one transaction and reports what changed. Running it
twice reports no changes.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import logging
import re
import sys
import unicodedata
from typing import Any, Optional

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from directory import db, sources
from directory.models import (
    REGION_KINDS,
    Municipality,
    Organisation,
    PlaceName,
    Postcode,
    Region,
    municipality_region,
    organisation_municipality,
)

log = logging.getLogger(__name__)
NATIONAL_CARE = "zorgcoordinatie:landelijk"


def normalise(name: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: how place names are matched."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'")
    text = re.sub(r"^'s[ -]", "s ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _clean_town(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[()?]", " ", name)).strip()


def derive_regions(src: sources.Sources) -> tuple[dict[str, dict], dict[str, set[str]], list[str]]:
    """Regions and each municipality's region ids; problems if a municipality lacks one region of a kind."""
    regions: dict[str, dict] = {}
    membership: dict[str, set[str]] = collections.defaultdict(set)

    def add(rid: str, kind: str, code: str, name: str, derived: bool, note: Optional[str] = None) -> str:
        regions.setdefault(rid, {"id": rid, "kind": kind, "code": code, "name": name, "derived": derived, "note": note})
        return rid

    vr_of: dict[str, str] = {}
    for m in src.municipalities:
        code, vr = m["gm_code"], m["veiligheidsregio_code"]
        vr_of[code] = vr
        membership[code] |= {
            add(f"province:{m['province']}", "province", m["province"], m["province"], False),
            add(f"veiligheidsregio:{vr}", "veiligheidsregio", vr, m["veiligheidsregio_name"], False),
            add(f"police_unit:{m['police_unit']}", "police_unit", m["police_unit"], m["police_unit"], True,
                "Derived from the veiligheidsregio (see municipalities-SOURCES.md)."),
            add(f"riec:{m['police_unit']}", "riec", m["police_unit"], f"RIEC {m['police_unit']}", True,
                "RIEC regions coincide with the 10 police units (riec.nl names; borders derived)."),
            add(f"veilig_thuis:{vr}", "veilig_thuis", vr, f"Veilig Thuis {m['veiligheidsregio_name']}", True,
                "Derived: Veilig Thuis regions follow the veiligheidsregio; Noord-Brabant has more Veilig Thuis "
                "regions than veiligheidsregio's. 0800-2000 routes callers by place."),
        }
    # Care coordination: the current regional coordinators' coverage; CoMensha covers the rest at a distance.
    coordinators = [o for o in src.organisations
                    if o.get("kind") == "zorgcoordinator" and o.get("status", "current") == "current"]
    for m in src.municipalities:
        code = m["gm_code"]
        owner = next((o for o in coordinators if code in expand_covers(o.get("covers") or [], src)), None)
        if owner:
            rid = add(f"zorgcoordinatie:{owner['id']}", "zorgcoordinatie", owner["id"],
                      owner.get("short_name") or owner["name"], True, "From the coordinator's stated coverage.")
        else:
            rid = add(NATIONAL_CARE, "zorgcoordinatie", "landelijk", "CoMensha (zorgcoördinatie op afstand)", True,
                      "No current regional care coordinator is known: CoMensha coordinates care at a distance.")
        membership[code].add(rid)

    problems = []
    for m in src.municipalities:
        kinds = collections.Counter(regions[r]["kind"] for r in membership[m["gm_code"]])
        for kind in REGION_KINDS:
            if kinds[kind] != 1:
                problems.append(f"{m['_where']}: {m['name']} is in {kinds[kind]} regions of kind {kind}")
    return regions, membership, problems


def expand_covers(covers: list[str], src: sources.Sources) -> set[str]:
    """Region refs ('veiligheidsregio:VR05', 'province:Utrecht', 'municipality:GM0153') -> municipality codes."""
    codes: set[str] = set()
    for ref in covers:
        kind, _, value = ref.partition(":")
        for m in src.municipalities:
            if (
                (kind == "municipality" and m["gm_code"] == value)
                or (kind == "province" and m["province"] == value)
                or (kind in ("veiligheidsregio", "veilig_thuis") and m["veiligheidsregio_code"] == value)
                or (kind in ("police_unit", "riec") and m["police_unit"] == value)
            ):
                codes.add(m["gm_code"])
    return codes


def _org_row(org: dict) -> dict[str, Any]:
    verified = org["verified_on"]
    anonymous = org.get("anonymous")
    return {
        "id": org["id"],
        "name": org["name"],
        "short_name": org.get("short_name"),
        "kind": org["kind"],
        "scope": org["scope"],
        "status": org.get("status", "current"),
        "topics": list(org.get("topics") or []),
        "audiences": list(org.get("audiences") or []),
        "phone": org.get("phone"),
        "website": org.get("website"),
        "email": org.get("email"),
        "chat": org.get("chat"),
        "hours": org.get("hours"),
        "hours_uncertain": bool(org.get("hours_uncertain")),
        "opening_hours_text": org.get("opening_hours_text"),
        "anonymous": anonymous if isinstance(anonymous, bool) else None,
        "languages": org.get("languages"),
        "description": org.get("description") or {},
        "source_urls": list(org.get("source_urls") or []),
        "source_year": org.get("source_year"),
        "verified_on": verified if isinstance(verified, dt.date) else dt.date.fromisoformat(str(verified)),
        "notes": org.get("notes"),
        "covers": list(org.get("covers") or []),
    }


def _snapshot(session: Session) -> dict[str, dict]:
    orgs = {o.id: {c: getattr(o, c) for c in _org_row_keys()} for o in session.scalars(select(Organisation))}
    munis = {m.code: m.name for m in session.scalars(select(Municipality))}
    regions = {r.id: r.name for r in session.scalars(select(Region))}
    places = {(p.normalised, p.municipality_code) for p in session.scalars(select(PlaceName))}
    postcodes = {p.pc4: p.municipality_code for p in session.scalars(select(Postcode))}
    return {"organisations": orgs, "municipalities": munis, "regions": regions,
            "place names": dict.fromkeys(places), "postcodes": postcodes}


def _org_row_keys() -> list[str]:
    return [c.key for c in Organisation.__table__.columns]


def _diff(before: dict, after: dict) -> dict[str, tuple[int, int, int]]:
    report = {}
    for table in after:
        old, new = before.get(table, {}), after[table]
        added = len(set(new) - set(old))
        removed = len(set(old) - set(new))
        changed = sum(1 for k in set(old) & set(new) if old[k] != new[k])
        report[table] = (added, changed, removed)
    return report


def seed(url: Optional[str] = None, data_dir=sources.DATA) -> dict[str, tuple[int, int, int]]:
    src = sources.load(data_dir)
    regions, membership, problems = derive_regions(src)
    if problems:
        raise sources.DataError(problems)
    migrate(url)
    factory = db.session_factory(url)
    with factory() as session, session.begin():
        before = _snapshot(session)
        for table in (organisation_municipality, municipality_region):
            session.execute(delete(table))
        for model in (PlaceName, Postcode, Organisation, Municipality, Region):
            session.execute(delete(model))
        session.flush()
        region_objs = {rid: Region(**data) for rid, data in regions.items()}
        session.add_all(region_objs.values())
        munis: dict[str, Municipality] = {}
        for m in src.municipalities:
            muni = Municipality(code=m["gm_code"], name=m["name"], province=m["province"])
            muni.regions = [region_objs[r] for r in sorted(membership[m["gm_code"]])]
            munis[m["gm_code"]] = muni
        session.add_all(munis.values())
        session.flush()
        session.add_all(_place_names(src))
        session.add_all(
            Postcode(pc4=p["pc4"], municipality_code=p["gm_code"], ambiguous=p.get("n_gemeenten", "1") != "1")
            for p in src.postcodes
        )
        for org in src.organisations:
            row = Organisation(**_org_row(org))
            row.municipalities = [munis[c] for c in sorted(expand_covers(org.get("covers") or [], src))]
            session.add(row)
        session.flush()
        after = _snapshot(session)
    return _diff(before, after)


def _place_names(src: sources.Sources) -> list[PlaceName]:
    seen: set[tuple[str, str]] = set()
    out = []

    def add(name: str, code: str, kind: str) -> None:
        key = (normalise(name), code)
        if key[0] and key not in seen:
            seen.add(key)
            out.append(PlaceName(normalised=key[0], display=name, kind=kind, municipality_code=code))

    for m in src.municipalities:
        add(m["name"], m["gm_code"], "official")
        add(re.sub(r"\s*\(.*\)$", "", m["name"]), m["gm_code"], "official")
        for alias in filter(None, (a.strip() for a in (m.get("aliases") or "").split(";"))):
            add(alias, m["gm_code"], "alias")
    for t in src.towns:
        for name in (t["woonplaats"], t.get("also_known_as") or ""):
            if name:
                add(_clean_town(name), t["gm_code"], "town")
    return out


def migrate(url: Optional[str] = None) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(db.ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(db.ROOT / "migrations"))
    config.attributes["url"] = url or db.database_url()
    command.upgrade(config, "head")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="database URL (default: DATABASE_URL or var/directory.db)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    try:
        report = seed(args.url)
    except sources.DataError as error:
        print(error, file=sys.stderr)
        return 1
    changed = False
    for table, (added, updated, removed) in report.items():
        changed |= bool(added or updated or removed)
        print(f"{table}: {added} added, {updated} changed, {removed} removed")
    print("directory seeded" + ("" if changed else " (no changes)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
