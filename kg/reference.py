"""Reference data of well-known actors (kg/data/*.tsv): names, aliases, demonyms, capitals, tenures.

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


GOVERNMENT = "Government"  # the role of a Phoenix office holder: a member of the government, post unknown
PHOENIX_END = "2017-01-01"  # the Phoenix dictionaries were last updated in 2016


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
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
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
        self._by_holder: dict[str, list[Tenure]] = {}
        self._by_office: dict[tuple[str, str], list[Tenure]] = {}  # (role in lower case, of) -> tenures
        self.titles: dict[str, Title] = {}  # lower-case title -> Title
        self.presidential: set[str] = set()  # country keys
        self.by_iso3: dict[str, str] = {}
        self.surnames: dict[str, set[str]] = {}  # surname -> person keys
        self.loose: dict[str, str] = {}  # surface form without dots and case -> actor key
        self.office_surnames: dict[str, set[str]] = {}  # surname -> Phoenix office holders

    # ------------------------------------------------------------------ building
    def add(self, actor: RefActor, *, by_surname: bool = True) -> None:
        """Add an actor and its names; `by_surname=False` keeps a person out of bare-surname look-ups
        (the thousands of office holders of the event-data dictionaries: "Brown" alone is not one of them)."""
        self.actors.setdefault(actor.key, actor)
        for form in (actor.key, *actor.aliases):
            self.surface.setdefault(form, actor.key)
            self.loose.setdefault(loose_form(form), actor.key)
        if actor.kind == "Person" and by_surname:
            for surname in person_surnames(actor.key, actor.family_name_first):
                self.surnames.setdefault(surname, set()).add(actor.key)

    def add_tenure(self, tenure: Tenure) -> None:
        self.tenures.append(tenure)
        self._by_holder.setdefault(tenure.holder, []).append(tenure)
        self._by_office.setdefault((tenure.role.lower(), tenure.of), []).append(tenure)

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
        return [t.holder for t in self._by_office.get((role.lower(), of), ()) if _during(t, on)]

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
        return [t for t in self._by_holder.get(person, ()) if _during(t, on)]

    def person_by_surname(self, surname: str, on: str | None) -> str | None:
        """The curated person a bare surname means on date `on`: the one in office then, else the only
        one whose career had begun by then ("Blair" in 2005 is not a minister who took office in 2017)."""
        keys = self.surnames.get(surname, set())
        if on:
            in_office = {k for k in keys if self.roles_of(k, on)}
            if in_office:
                return next(iter(in_office)) if len(in_office) == 1 else None
            keys = {k for k in keys if any(t.start[: len(on)] <= on for t in self._by_holder.get(k, ()))}
        return next(iter(keys)) if len(keys) == 1 else None

    def office_holder_by_surname(self, surname: str, on: str | None) -> str | None:
        """ "Mr Chirac", "President Alfonsin" on date `on`: the one office holder of the event-data
        dictionaries with that surname in government then (None without a date or when two were)."""
        if not on:
            return None
        found = {k for k in self.office_surnames.get(surname, ()) if self.roles_of(k, on)}
        return next(iter(found)) if len(found) == 1 else None


def _during(t: Tenure, on: str | None) -> bool:
    """Whether a tenure covers the (possibly partial) ISO date `on`; any tenure when `on` is None."""
    return on is None or (t.start[: len(on)] <= on and (t.end is None or on[: len(t.end)] < t.end))


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
        ref.add_tenure(Tenure(row["name"], row["role"], of, row["start"], row.get("end") or None))
    for row in _rows("former_states.tsv"):  # the Soviet Union, Czechoslovakia ... (Phoenix)
        ref.add(RefActor(row["name"], "Country", _split(row["aliases"]), iso3=row["code"]))
        ref.by_iso3.setdefault(row["code"], row["name"])
    for row in _rows("phoenix_people.tsv"):  # office holders of every country until 2016 (Phoenix)
        country = ref.by_iso3.get(row["country"])
        if country is None:
            continue
        if row["name"] not in ref.actors:  # the curated rows above know their people's names better
            ref.add(RefActor(row["name"], "Person", _split(row["aliases"])), by_surname=False)
        for surname in person_surnames(row["name"]):
            ref.office_surnames.setdefault(surname, set()).add(row["name"])
        for term in _split(row["terms"]):
            start, _, end = term.partition("..")
            # an open term is open as far as the dictionaries know: they stop in 2016
            ref.add_tenure(Tenure(row["name"], GOVERNMENT, country, start, end or PHOENIX_END))
    for row in _rows("titles.tsv"):
        ref.titles[row["title"].lower()] = Title(row["title"], row["kind"], row.get("means") or None)
    ref.presidential = {ref.by_iso3[c] for c in _codes("presidential.txt") if c in ref.by_iso3}
    given = {ref.by_iso3[c] for c in _codes("given_name_countries.txt") if c in ref.by_iso3}
    for t in ref.tenures:
        if t.of in given and t.role != GOVERNMENT:
            ref.surnames.setdefault(t.holder.split()[0], set()).add(t.holder)
    return ref


def _codes(name: str) -> list[str]:
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
