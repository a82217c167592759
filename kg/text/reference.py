"""Reference data of well-known actors (kg/text/data/*.tsv): names, aliases, demonyms, capitals, tenures.

The TSV files are generated or curated by scripts/build_reference.py, which also writes the
same facts as ontology/actors.ttl for other tools. Loading TSV keeps start-up fast.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from typing import Iterator


@dataclass(frozen=True, slots=True)
class RefActor:
    key: str  # canonical name
    kind: str  # Person, Country, Organization, Place
    aliases: tuple[str, ...] = ()
    iso3: str | None = None
    country: str | None = None  # for organisations and seats: the country key they belong to
    family_name_first: bool = False
    org_kind: str | None = None  # party, government_agency, intergovernmental, alliance, company, ...


@dataclass(frozen=True, slots=True)
class Tenure:
    holder: str
    role: str
    of: str  # actor key of a country or organisation
    start: str
    end: str | None


@dataclass(frozen=True, slots=True)
class Title:
    name: str
    kind: str  # head, office, honorific
    means: str | None = None  # the full title an abbreviation stands for ("PM" -> "Prime Minister")


def _rows(name: str) -> Iterator[dict[str, str]]:
    text = resources.files("kg.text").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


class Reference:
    """Lookups over the reference data; build once with `load_reference()`."""

    def __init__(self) -> None:
        self.actors: dict[str, RefActor] = {}
        self.surface: dict[str, str] = {}  # surface form -> actor key
        self.demonyms: dict[str, str] = {}  # "Japanese" -> "Japan"
        self.capitals: dict[str, str] = {}  # "Tokyo" -> "Japan"
        self.seats: dict[str, str] = {}  # "White House" -> "United States"
        self.tenures: list[Tenure] = []
        self.titles: dict[str, Title] = {}  # lower-case title -> Title
        self.presidential: set[str] = set()  # country keys
        self.by_iso3: dict[str, str] = {}
        self.surnames: dict[str, set[str]] = {}  # surname -> person keys
        self.loose: dict[str, str] = {}  # surface form without dots and case -> actor key

    # ------------------------------------------------------------------ building
    def add(self, actor: RefActor) -> None:
        self.actors.setdefault(actor.key, actor)
        for form in (actor.key, *actor.aliases):
            self.surface.setdefault(form, actor.key)
            self.loose.setdefault(loose_form(form), actor.key)
        if actor.kind == "Person":
            for surname in person_surnames(actor.key, actor.family_name_first):
                self.surnames.setdefault(surname, set()).add(actor.key)

    # ------------------------------------------------------------------ lookups
    def lookup(self, surface: str) -> RefActor | None:
        key = self.surface.get(surface)
        if key is None and surface.startswith("the "):
            key = self.surface.get(surface[4:])
        if key is None:  # "Ferdinand Marcos Jr" for "Ferdinand Marcos Jr.", "U.S" for "U.S."
            key = self.loose.get(loose_form(surface))
        if key is None and loose_form(surface).endswith(" party"):  # "Komeito Party" for the party "Komeito"
            bare = self.loose.get(loose_form(surface)[: -len(" party")].removeprefix("the "))
            key = bare if bare and self.actors[bare].org_kind == "party" else None
        return self.actors.get(key) if key else None

    def holders(self, role: str, of: str, on: str | None) -> list[str]:
        """Who held `role` of `of` on ISO date `on` (all holders when `on` is None)."""
        role = role.lower()
        found = []
        for t in self.tenures:
            if t.of != of or t.role.lower() != role:
                continue
            if on is None or (t.start[: len(on)] <= on and (t.end is None or on[: len(t.end)] < t.end)):
                found.append(t.holder)
        return found

    def leader(self, country: str, on: str | None) -> str | None:
        """The person "the <country> leader" means on that date."""
        order = ("President", "Prime Minister", "Chancellor", "Premier")
        if country not in self.presidential:
            order = ("Prime Minister", "Chancellor", "President", "Premier")
        for role in order:
            found = self.holders(role, country, on)
            if len(found) == 1:
                return found[0]
        return None

    def roles_of(self, person: str, on: str | None = None) -> list[Tenure]:
        return [
            t
            for t in self.tenures
            if t.holder == person and (on is None or (t.start[: len(on)] <= on and (t.end is None or on[: len(t.end)] < t.end)))
        ]

    def person_by_surname(self, surname: str, on: str | None) -> str | None:
        keys = self.surnames.get(surname, set())
        if len(keys) == 1:
            return next(iter(keys))
        in_office = {k for k in keys if self.roles_of(k, on)} if on else set()
        return next(iter(in_office)) if len(in_office) == 1 else None


def loose_form(text: str) -> str:
    """A surface form with dots, repeated spaces and case evened out, for tolerant lookups."""
    return " ".join(text.replace(".", " ").split()).lower()


NAME_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}


def person_surnames(name: str, family_name_first: bool = False) -> list[str]:
    """The single-word forms a text may use for a person: "Ferdinand Marcos Jr." -> ["Marcos"]."""
    parts = [p for p in name.replace(",", " ").split() if p not in NAME_SUFFIXES]
    if len(parts) < 2:
        return []
    return [parts[0]] if family_name_first else [parts[-1]]


@functools.cache
def load_reference() -> Reference:
    ref = Reference()
    for row in _rows("countries.tsv"):
        name = row["name"]
        ref.add(RefActor(name, "Country", _split(row["aliases"]), iso3=row["iso3"]))
        ref.by_iso3[row["iso3"]] = name
        for demonym in _split(row["demonyms"]):
            ref.demonyms.setdefault(demonym, name)
        if row.get("capital"):
            ref.capitals.setdefault(row["capital"], name)
    for row in _rows("organizations.tsv"):
        country = ref.by_iso3.get(row.get("based_in") or "")
        ref.add(RefActor(row["name"], "Organization", _split(row["aliases"]), country=country, org_kind=row.get("kind") or None))
    for row in _rows("places.tsv"):
        ref.add(RefActor(row["name"], "Place", _split(row["aliases"])))
    for row in _rows("seats.tsv"):
        country = ref.by_iso3.get(row["country"])
        if country:
            for form in (row["name"], *_split(row["aliases"])):
                ref.seats.setdefault(form, country)
    for row in _rows("leaders.tsv"):
        fnf = row.get("family_name_first", "0") == "1"
        ref.add(RefActor(row["name"], "Person", _split(row["aliases"]), family_name_first=fnf))
        of = ref.by_iso3.get(row["of"], row["of"])
        ref.tenures.append(Tenure(row["name"], row["role"], of, row["start"], row.get("end") or None))
    for row in _rows("titles.tsv"):
        ref.titles[row["title"].lower()] = Title(row["title"], row["kind"], row.get("means") or None)
    ref.presidential = {ref.by_iso3[c] for c in _codes("presidential.txt") if c in ref.by_iso3}
    given = {ref.by_iso3[c] for c in _codes("given_name_countries.txt") if c in ref.by_iso3}
    for t in ref.tenures:
        if t.of in given:
            ref.surnames.setdefault(t.holder.split()[0], set()).add(t.holder)
    return ref


def _codes(name: str) -> list[str]:
    text = resources.files("kg.text").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
