"""The directory data and lookups, on SQLite and on PostgreSQL."""
import csv
import datetime as dt
import pathlib

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from directory import lookup, places, sources
from directory.models import REGION_KINDS, Municipality, Organisation
from tests.conftest import ROOT


def test_the_seed_files_are_valid_and_complete():
    src = sources.load()
    assert len(src.municipalities) == 342
    assert len(src.organisations) >= 100
    for org in src.organisations:
        assert org["source_urls"], org["id"]


def test_every_municipality_is_in_exactly_one_region_of_each_kind(session):
    munis = session.scalars(select(Municipality)).all()
    assert len(munis) == 342
    for m in munis:
        kinds = sorted(r.kind for r in m.regions)
        assert kinds == sorted(REGION_KINDS), m.name


def test_every_municipality_resolves_by_its_official_name(session):
    for m in session.scalars(select(Municipality)):
        found = places.resolve(session, m.name)
        assert found.status == "found" and found.municipality.code == m.code, m.name


def test_every_contact_fact_carries_a_source_and_a_verified_date(session):
    for org in session.scalars(select(Organisation)):
        if org.phone or org.website or org.email or org.hours:
            assert org.source_urls and isinstance(org.verified_on, dt.date), org.id


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Den Bosch", "'s-Hertogenbosch"),
        ("den haag", "'s-Gravenhage"),
        ("Ljouwert", "Leeuwarden"),
        ("Snits", "Súdwest-Fryslân"),
        ("sudwest fryslan", "Súdwest-Fryslân"),
        ("ENSCHEDE", "Enschede"),
        ("amsterdm", "Amsterdam"),
        ("Roterdam", "Rotterdam"),
        ("ik ben huisarts in Enschede en vermoed uitbuiting", "Enschede"),
        ("wijkagent in Tilburg", "Tilburg"),
        ("я работаю в Westland на теплицах", "Westland"),
        ("pracuję w Venlo", "Venlo"),
        ("3511 AB", "Utrecht"),
        ("7511", "Enschede"),
        ("Hoofddorp", "Haarlemmermeer"),
        # written in another script or in another language's name for the place
        ("я живу в Амстердаме", "Amsterdam"),
        ("працюю в Роттердамі", "Rotterdam"),
        ("Эйндховен", "Eindhoven"),
        ("работя в Хага", "'s-Gravenhage"),
        ("я в Гааге", "'s-Gravenhage"),
        ("mieszkam w Hadze", "'s-Gravenhage"),
        ("vivo en La Haya", "'s-Gravenhage"),
        ("أنا في امستردام", "Amsterdam"),
        ("لاهاي", "'s-Gravenhage"),
    ],
)
def test_places_resolve(session, text, expected):
    found = places.resolve(session, text)
    assert found.status == "found" and found.municipality.name == expected


@pytest.mark.parametrize("text", ["Atlantis", "", "help", "'; DROP TABLE municipality; --", "💀💀💀", "ok", "best regards",
                                  "\u202e" + "madretto", "x" * 10000])
def test_unknown_or_hostile_places_resolve_to_nothing(session, text):
    assert places.resolve(session, text).status == "unknown"
    assert session.scalar(select(func.count()).select_from(Municipality)) == 342


def test_an_ambiguous_place_lists_its_municipalities(session):
    found = places.resolve(session, "Bergen")
    assert found.status == "ambiguous" and {m.name for m in found.candidates} == {"Bergen (NH.)", "Bergen (L.)"}


def test_a_province_asks_for_the_municipality(session):
    found = places.resolve(session, "Noord-Brabant")
    assert found.status == "province" and found.province == "Noord-Brabant"
    assert len(places.municipalities_in_province(session, "Zeeland")) == 13


def test_professionals_get_the_regional_coordinator_and_riec(session):
    enschede = places.resolve(session, "Enschede").municipality
    answer = lookup.find_desks(session, enschede, "care", "professional")
    ids = [d.organisation.id for d in answer.desks]
    assert ids[0] == "zc-twente-kenniscentrum" and "riec-oost-nederland" in ids
    assert not answer.care_fallback


def test_regions_without_a_coordinator_fall_back_to_comensha(session):
    amsterdam = places.resolve(session, "Amsterdam").municipality
    answer = lookup.find_desks(session, amsterdam, "care", "professional")
    assert answer.care_fallback
    comensha = next(d for d in answer.desks if d.organisation.id == "comensha")
    assert comensha.fallback


def test_reference_entries_are_never_routed(session):
    for m in session.scalars(select(Municipality)):
        for d in lookup.find_desks(session, m, "care", "professional").desks:
            assert d.organisation.status == "current"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_resolves_without_crashing(sqlite_url, text):
    from directory import db

    with db.session_factory(sqlite_url)() as s:
        assert places.resolve(s, text).status in ("found", "ambiguous", "province", "unknown")


def test_invalid_data_fails_loudly_with_file_and_line(tmp_path):
    data = ROOT / "data" / "directory"
    for name in ("municipalities.csv", "woonplaatsen.csv", "pc4.csv"):
        (tmp_path / name).write_bytes((data / name).read_bytes())
    orgs = yaml.safe_load((data / "organisations.yml").read_text(encoding="utf-8"))
    orgs[1]["phone"] = "call us"
    orgs[2]["source_urls"] = []
    orgs[3]["website"] = "www.example"
    (tmp_path / "organisations.yml").write_text(yaml.safe_dump(orgs, allow_unicode=True, sort_keys=False))
    with pytest.raises(sources.DataError) as error:
        sources.load(tmp_path)
    text = str(error.value)
    assert "organisations.yml:" in text and "phone 'call us'" in text
    assert "source_urls" in text and "www.example" in text


def test_municipality_csv_has_342_codes():
    with (ROOT / "data" / "directory" / "municipalities.csv").open(encoding="utf-8") as fh:
        assert len({row["gm_code"] for row in csv.DictReader(fh)}) == 342
