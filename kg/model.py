"""Plain records that flow from extraction to the graph. No spaCy, no rdflib here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Article:
    id: str  # input file name (plus "#L<n>" for a JSON Lines record)
    text: str
    title: str | None = None
    date: str | None = None  # ISO publication date when known
    url: str | None = None
    sha256: str = ""


@dataclass(frozen=True, slots=True)
class Provenance:
    doc_id: str
    sentence: str  # verbatim sentence from Article.text
    start: int  # character offsets of the fact in Article.text
    end: int


@dataclass(frozen=True, slots=True)
class Actor:
    key: str  # canonical name, unique within one extraction
    kind: str  # one of kg.vocab.NAMED_CLASSES
    aliases: tuple[str, ...] = ()  # surface forms seen
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Meeting:
    participants: tuple[str, ...]  # actor keys, sorted
    prov: Provenance
    start: str | None = None  # ISO date, YYYY-MM or YYYY
    end: str | None = None
    location: str | None = None  # actor key of a Place or Country
    kind: str | None = None
    status: str = "held"  # one of MEETING_STATUSES
    confidence: float = 0.7
    sides: tuple[str, ...] = ()  # the countries (or bodies) the participants stand for, sorted
    date_relative: bool = False  # the date came from "on Thursday", "last month": less sure than "February 6"


@dataclass(frozen=True, slots=True)
class KnownMeeting:
    """A meeting already in the store, as a later build sees it (participants are actor keys)."""

    participants: tuple[str, ...]
    start: str | None = None
    end: str | None = None
    kind: str | None = None
    location: str | None = None
    status: str = "held"


MEETING_STATUSES = ("held", "planned", "cancelled")


def merged_status(statuses: Iterable[str]) -> str:
    """One status for several reports of a meeting: held if any report says it took place, else
    cancelled if any says it was called off (the later news), else planned."""
    found = set(statuses)
    if not found or "held" in found:  # a meeting stored without a status was held
        return "held"
    return "cancelled" if "cancelled" in found else "planned"


@dataclass(frozen=True, slots=True)
class Statement:
    speakers: tuple[str, ...]
    text: str
    prov: Provenance
    direct: bool = True
    date: str | None = None
    about: tuple[str, ...] = ()  # actor keys
    confidence: float = 0.7


@dataclass(frozen=True, slots=True)
class Policy:
    label: str
    prov: Provenance
    proponents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    confidence: float = 0.6


@dataclass(frozen=True, slots=True)
class Relation:
    subject: str  # actor key
    predicate: str  # local name in the kg: vocabulary: supports, memberOf, role, ...
    object: str  # actor key, or a literal for "role"
    prov: Provenance
    confidence: float = 0.6


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article, before corpus-wide resolution."""

    article: Article
    actors: tuple[Actor, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    statements: tuple[Statement, ...] = ()
    policies: tuple[Policy, ...] = ()
    relations: tuple[Relation, ...] = ()
