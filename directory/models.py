"""Typed SQLAlchemy 2 models of the directory."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import JSON, Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

REGION_KINDS = ("province", "veiligheidsregio", "police_unit", "riec", "veilig_thuis", "zorgcoordinatie")
ORGANISATION_KINDS = ("meldpunt", "kenniscentrum", "opvang", "hulp", "juridisch", "schadevergoeding", "noodnummer",
                      "zorgcoordinator")
AUDIENCES = ("victim", "professional", "citizen")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}


municipality_region = Table(
    "municipality_region",
    Base.metadata,
    Column("municipality_code", ForeignKey("municipality.code", ondelete="CASCADE"), primary_key=True),
    Column("region_id", ForeignKey("region.id", ondelete="CASCADE"), primary_key=True),
)

# Which municipalities a regional organisation serves (its `covers`, expanded at seed time).
organisation_municipality = Table(
    "organisation_municipality",
    Base.metadata,
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_code", ForeignKey("municipality.code", ondelete="CASCADE"), primary_key=True, index=True),
)


class Region(Base):
    __tablename__ = "region"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)  # "<kind>:<code>"
    kind: Mapped[str] = mapped_column(String(32), index=True)
    code: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    derived: Mapped[bool] = mapped_column(default=False)  # membership derived, not stated by a source
    note: Mapped[Optional[str]] = mapped_column(Text)

    municipalities: Mapped[list["Municipality"]] = relationship(
        secondary=municipality_region, back_populates="regions"
    )


class Municipality(Base):
    __tablename__ = "municipality"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)  # CBS GMxxxx
    name: Mapped[str] = mapped_column(String(120), unique=True)
    province: Mapped[str] = mapped_column(String(60))

    regions: Mapped[list[Region]] = relationship(secondary=municipality_region, back_populates="municipalities")
    names: Mapped[list["PlaceName"]] = relationship(back_populates="municipality", cascade="all, delete-orphan")

    def region(self, kind: str) -> Optional[Region]:
        return next((r for r in self.regions if r.kind == kind), None)


class PlaceName(Base):
    """Every way to write a place that resolves to a municipality: official name, aliases, towns."""

    __tablename__ = "place_name"
    __table_args__ = (UniqueConstraint("normalised", "municipality_code", name="uq_place_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    normalised: Mapped[str] = mapped_column(String(120), index=True)
    display: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))  # official | alias | town
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipality.code", ondelete="CASCADE"))

    municipality: Mapped[Municipality] = relationship(back_populates="names")


class Postcode(Base):
    __tablename__ = "postcode"

    pc4: Mapped[str] = mapped_column(String(4), primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipality.code", ondelete="CASCADE"))
    ambiguous: Mapped[bool] = mapped_column(default=False)  # spans two municipalities


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[Optional[str]] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(32), index=True)
    scope: Mapped[str] = mapped_column(String(16))  # national | regional
    status: Mapped[str] = mapped_column(String(16), default="current")  # current (routed) | reference (kept, never shown)
    topics: Mapped[list[str]] = mapped_column(default=list)
    audiences: Mapped[list[str]] = mapped_column(default=list)
    phone: Mapped[Optional[str]] = mapped_column(String(40))
    website: Mapped[Optional[str]] = mapped_column(String(300))
    email: Mapped[Optional[str]] = mapped_column(String(200))
    chat: Mapped[Optional[str]] = mapped_column(Text)
    hours: Mapped[Optional[dict[str, Any]]] = mapped_column()
    hours_uncertain: Mapped[bool] = mapped_column(default=False)
    opening_hours_text: Mapped[Optional[str]] = mapped_column(Text)
    anonymous: Mapped[Optional[bool]] = mapped_column()
    languages: Mapped[Optional[list[str]]] = mapped_column()
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)
    source_urls: Mapped[list[str]] = mapped_column(default=list)
    source_year: Mapped[Optional[int]] = mapped_column()
    verified_on: Mapped[dt.date] = mapped_column(Date)
    notes: Mapped[Optional[str]] = mapped_column(Text)

    covers: Mapped[list[str]] = mapped_column(default=list)  # region refs as written in the source file
    municipalities: Mapped[list[Municipality]] = relationship(secondary=organisation_municipality)

    @property
    def label(self) -> str:
        return self.short_name or self.name
