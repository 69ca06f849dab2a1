"""Which desks fit a person: by municipality (its regions), topic and role, most relevant first.

Regional desks are used when the directory has a current one for the place; otherwise the national desk that
covers it is returned with `fallback=True` (CoMensha coordinates care where no regional coordinator is known;
Veilig Thuis 0800-2000 routes callers by place), so the answer can say so.
"""
from __future__ import annotations

import dataclasses
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory.models import Municipality, Organisation

TOPICS = ("reporting", "shelter", "labour", "sexual", "criminal", "minors", "rights", "compensation", "care")

# National desks per topic, most relevant first (ids in data/directory/organisations.yml).
NATIONAL_FOR_VICTIMS = {
    "reporting": ["politie", "meld-misdaad-anoniem", "comensha"],
    "labour": ["nederlandse-arbeidsinspectie", "fairwork", "politie"],
    "sexual": ["politie", "centrum-seksueel-geweld", "comensha"],
    "criminal": ["politie", "meld-misdaad-anoniem", "comensha"],
    "minors": ["veilig-thuis-landelijk", "meldpunt-uitbuiting-minderjarigen", "fier-ckm", "kindertelefoon"],
    "shelter": ["veilig-thuis-landelijk", "comensha", "politie"],
    "rights": ["comensha", "slachtofferhulp-nederland", "juridisch-loket"],
    "compensation": ["slachtofferhulp-nederland", "schadefonds-geweldsmisdrijven", "fairwork"],
    "care": ["comensha", "veilig-thuis-landelijk", "politie"],
}
NATIONAL_FOR_PROFESSIONALS = ["comensha", "veilig-thuis-landelijk", "politie", "emm", "riec-liec"]
REGIONAL_KINDS_FOR_VICTIMS = ("meldpunt", "zorgcoordinator", "opvang", "hulp")
REGIONAL_KINDS_FOR_PROFESSIONALS = ("zorgcoordinator", "meldpunt", "kenniscentrum")
TOPIC_TAGS = {"care": "care_coordination", "compensation": "compensation"}


@dataclasses.dataclass
class Desk:
    organisation: Organisation
    regional: bool
    fallback: bool = False  # a national desk standing in for a missing regional one


@dataclasses.dataclass
class DeskAnswer:
    municipality: Optional[Municipality]
    desks: list[Desk]
    care_fallback: bool  # no current regional care coordinator: CoMensha coordinates at a distance


def _national(session: Session, ids: list[str]) -> list[Organisation]:
    found = {o.id: o for o in session.scalars(select(Organisation).where(Organisation.id.in_(ids)))}
    return [found[i] for i in ids if i in found and found[i].status == "current"]


def _regional(session: Session, municipality: Municipality) -> list[Organisation]:
    stmt = (
        select(Organisation)
        .where(Organisation.status == "current", Organisation.scope == "regional",
               Organisation.municipalities.any(Municipality.code == municipality.code))
        .options(selectinload(Organisation.municipalities))
    )
    return list(session.scalars(stmt))


def _topic_score(org: Organisation, topic: str) -> int:
    tag = TOPIC_TAGS.get(topic, topic)
    return 2 if tag in (org.topics or []) else 0


def find_desks(
    session: Session,
    municipality: Optional[Municipality],
    topic: str = "reporting",
    role: str = "victim",
) -> DeskAnswer:
    topic = topic if topic in TOPICS else "reporting"
    professional = role == "professional"
    desks: list[Desk] = []
    care_fallback = False
    if municipality is not None:
        kinds = REGIONAL_KINDS_FOR_PROFESSIONALS if professional else REGIONAL_KINDS_FOR_VICTIMS
        audience = "professional" if professional else "victim"
        regional = [o for o in _regional(session, municipality) if o.kind in kinds and audience in (o.audiences or [])]
        order = {kind: i for i, kind in enumerate(kinds)}
        if professional:  # the coordinator first, then the desks, then knowledge centres
            regional.sort(key=lambda o: (order[o.kind], -_topic_score(o, topic), o.id))
        else:  # the desk for the person's topic first
            regional.sort(key=lambda o: (-_topic_score(o, topic), order[o.kind], o.id))
        desks += [Desk(o, regional=True) for o in regional]
        if professional or topic in ("shelter", "care", "rights"):
            care_fallback = not any(o.kind == "zorgcoordinator" for o in regional)
    national_ids = NATIONAL_FOR_PROFESSIONALS if professional else NATIONAL_FOR_VICTIMS[topic]
    for org in _national(session, national_ids):
        if any(d.organisation.id == org.id for d in desks):
            continue
        fallback = care_fallback and org.id == "comensha"
        desks.append(Desk(org, regional=False, fallback=fallback))
    if care_fallback:
        # CoMensha stands in for the missing coordinator: put it right after the regional desks.
        desks.sort(key=lambda d: 0 if d.regional else (1 if d.fallback else 2))
    return DeskAnswer(municipality, desks, care_fallback)
