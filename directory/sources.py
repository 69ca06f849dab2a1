"""Read and validate the human-editable source files in data/directory/.

Every problem is reported with its file and line; `load()` raises DataError listing all of them at once.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import pathlib
import re
from typing import Any, Iterator

import yaml

from directory.models import AUDIENCES, ORGANISATION_KINDS

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "directory"
ORGANISATION_FILES = ("organisations.yml", "regional.yml")

PHONE = re.compile(r"^\+?\(?[0-9][0-9 ()\-]{1,18}[0-9]$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")
DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
TOPICS = {"reporting", "criminal", "residence", "sexual", "labour", "shelter", "rights", "legal_aid", "minors",
          "health", "compensation", "care_coordination"}
REGION_REF = re.compile(r"^(province|veiligheidsregio|police_unit|riec|veilig_thuis|zorgcoordinatie|municipality):.+$")


class DataError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid directory data:\n" + "\n".join(problems))
        self.problems = problems


@dataclasses.dataclass
class Sources:
    organisations: list[dict[str, Any]]
    municipalities: list[dict[str, str]]
    towns: list[dict[str, str]]
    postcodes: list[dict[str, str]]


def _yaml_items(path: pathlib.Path) -> Iterator[tuple[int, dict]]:
    """List items of a YAML file with the line each starts on."""
    text = path.read_text(encoding="utf-8")
    node = yaml.compose(text)
    data = yaml.safe_load(text) or []
    lines = [item.start_mark.line + 1 for item in node.value] if node is not None else []
    for line, item in zip(lines, data):
        yield line, item


def _csv_rows(path: pathlib.Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for index, row in enumerate(csv.DictReader(fh), start=2):
            yield index, row


def validate_organisation(org: dict, where: str) -> list[str]:
    problems = []

    def bad(msg: str) -> None:
        problems.append(f"{where}: {org.get('id', '?')}: {msg}")

    if not ID.match(str(org.get("id", ""))):
        bad("id must be lower case letters, digits and dashes")
    if not org.get("name"):
        bad("name is required")
    if org.get("kind") not in ORGANISATION_KINDS:
        bad(f"kind {org.get('kind')!r} is not one of {', '.join(ORGANISATION_KINDS)}")
    if org.get("scope") not in ("national", "regional"):
        bad("scope must be national or regional")
    if org.get("status", "current") not in ("current", "reference"):
        bad("status must be current (routed) or reference (kept with its sources, never shown)")
    for topic in org.get("topics") or []:
        if topic not in TOPICS:
            bad(f"unknown topic {topic!r}")
    for audience in org.get("audiences") or []:
        if audience not in AUDIENCES:
            bad(f"unknown audience {audience!r}")
    if org.get("phone") is not None and not PHONE.match(str(org["phone"])):
        bad(f"phone {org['phone']!r} is not a phone number (one number per field; put alternatives in notes)")
    if org.get("website") is not None and not URL.match(str(org["website"])):
        bad(f"website {org['website']!r} is not an http(s) URL")
    if org.get("email") is not None and not EMAIL.match(str(org["email"])):
        bad(f"email {org['email']!r} is not an e-mail address")
    sources = org.get("source_urls") or []
    if not sources:
        bad("source_urls: every organisation needs at least one source")
    for url in sources:
        if not URL.match(str(url)):
            bad(f"source URL {url!r} is not an http(s) URL")
    verified = org.get("verified_on")
    if isinstance(verified, str):
        try:
            verified = dt.date.fromisoformat(verified)
        except ValueError:
            verified = None
    if not isinstance(verified, dt.date):
        bad("verified_on must be a date (YYYY-MM-DD)")
    elif verified > dt.date.today():
        bad("verified_on is in the future")
    if org.get("anonymous") not in (True, False, None, "unknown"):
        bad("anonymous must be true, false, unknown or null")
    for channel, periods in (org.get("hours") or {}).items():
        if channel not in ("phone", "chat"):
            bad(f"hours: unknown channel {channel!r}")
            continue
        for period in periods or []:
            if not set(period.get("days") or []) <= DAYS or not period.get("days"):
                bad(f"hours.{channel}: days must be a non-empty list of {sorted(DAYS)}")
            for key in ("open", "close"):
                if not HHMM.match(str(period.get(key, ""))):
                    bad(f"hours.{channel}: {key} must be HH:MM")
    if "phone" in (org.get("hours") or {}) and not org.get("phone"):
        bad("hours given for phone but there is no phone number")
    for ref in org.get("covers") or []:
        if not REGION_REF.match(str(ref)):
            bad(f"covers: {ref!r} must look like 'veiligheidsregio:VR05' or 'municipality:GM0153'")
    if org.get("scope") == "regional" and org.get("status", "current") == "current" and not org.get("covers"):
        bad("a current regional organisation needs covers (the regions it serves)")
    return problems


def load(data_dir: pathlib.Path = DATA) -> Sources:
    problems: list[str] = []
    organisations = []
    seen: dict[str, str] = {}
    for name in ORGANISATION_FILES:
        path = data_dir / name
        if not path.exists():
            continue
        for line, org in _yaml_items(path):
            where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line}"
            if not isinstance(org, dict):
                problems.append(f"{where}: expected a mapping")
                continue
            problems += validate_organisation(org, where)
            if org.get("id") in seen:
                problems.append(f"{where}: duplicate id {org['id']} (first at {seen[org['id']]})")
            seen[org.get("id")] = where
            organisations.append({**org, "_where": where})

    municipalities = []
    codes: set[str] = set()
    names: set[str] = set()
    mpath = data_dir / "municipalities.csv"
    for line, row in _csv_rows(mpath):
        where = f"{mpath.name}:{line}"
        code = row.get("gm_code", "")
        if not re.match(r"^GM\d{4}$", code):
            problems.append(f"{where}: gm_code {code!r} must look like GM0363")
        if code in codes:
            problems.append(f"{where}: duplicate gm_code {code}")
        if row.get("name") in names:
            problems.append(f"{where}: duplicate name {row.get('name')}")
        for column in ("name", "province", "veiligheidsregio_code", "veiligheidsregio_name", "police_unit"):
            if not row.get(column):
                problems.append(f"{where}: {column} is empty")
        if not re.match(r"^VR\d{2}$", row.get("veiligheidsregio_code", "")):
            problems.append(f"{where}: veiligheidsregio_code must look like VR05")
        codes.add(code)
        names.add(row.get("name"))
        municipalities.append({**row, "_where": where})

    towns = []
    tpath = data_dir / "woonplaatsen.csv"
    for line, row in _csv_rows(tpath):
        if row.get("gm_code") not in codes:
            problems.append(f"{tpath.name}:{line}: gm_code {row.get('gm_code')!r} is not a municipality")
        towns.append(row)

    postcodes = []
    ppath = data_dir / "pc4.csv"
    for line, row in _csv_rows(ppath):
        if not re.match(r"^[1-9]\d{3}$", row.get("pc4", "")):
            problems.append(f"{ppath.name}:{line}: pc4 {row.get('pc4')!r} is not a 4-digit postcode")
        if row.get("gm_code") not in codes:
            problems.append(f"{ppath.name}:{line}: gm_code {row.get('gm_code')!r} is not a municipality")
        postcodes.append(row)

    for org in organisations:
        for ref in org.get("covers") or []:
            if ref.startswith("municipality:") and ref.split(":", 1)[1] not in codes:
                problems.append(f"{org['_where']}: {org['id']}: covers unknown municipality {ref}")
    if problems:
        raise DataError(problems)
    return Sources(organisations, municipalities, towns, postcodes)
