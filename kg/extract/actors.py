"""Actor mentions in a Doc -> canonical actors of the article, with roles and affiliations.

Sources, in order of trust: the reference gazetteer (`doc.spans["kg_ref"]`), then spaCy's
statistical entities. Names are cleaned of titles and possessives, surnames are tied to the
full name used elsewhere in the article (or to the reference person in office on the article's
date), demonyms attach to countries instead of becoming actors, capitals and seats of government
stand for their country when they act and stay places when they are a location, and definite
descriptions ("the Japanese leader") resolve to the role holder on the article's date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from kg.model import Actor, Article, Provenance, Relation
from kg.nlp import REF_KEY, TITLES_KEY
from kg.reference import NAME_SUFFIXES, Reference

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NER_KINDS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place", "NORP": None}
FURNITURE_RE = re.compile(
    r"^\s*(?:(?:photo|image|image source|picture|source|credit|caption|file photo|advertisement|read more|related|"
    r"follow us|share|subscribe|site icon|copyright)\b|©)",
    re.I,
)
# photo credits anywhere in a short line: "© Dan Kitwood / Getty Images", "Image Credit: Reuters"
CREDIT_RE = re.compile(r"©|\bgetty images\b|\bimage credit\b|\bphoto credit\b|\b(?:AP|AFP|Reuters|EPA|Xinhua) photo\b|/\s*(?:AFP|AP|Reuters|EPA|Getty)\b", re.I)
BAD_CHARS = set("【】|<>{}[]@#=_/\\")
POSSESSIVE = {"'s", "’s", "'", "’"}
LOCATIVE_PREPS = {"in", "at", "to", "from", "near", "outside", "inside", "into", "across", "around", "toward", "towards", "via"}
GROUP_HEADS = {"administration", "government", "cabinet", "regime", "team"}
ROLE_WORDS = {"leader", "president", "prime minister", "premier", "chancellor", "foreign minister", "defense minister", "defence minister", "top diplomat"}
# Organisation-like last words: a name ending in one of these is an organization, whatever NER said.
ORG_HEADS = {
    "party", "union", "council", "ministry", "department", "agency", "institute", "institution", "university",
    "foundation", "center", "centre", "corporation", "company", "bank", "forces", "force", "army", "navy", "command",
    "commission", "committee", "organization", "organisation", "association", "congress", "parliament", "assembly",
    "alliance", "group", "fund", "office", "bureau", "guard", "academy", "forum", "programme", "program", "network",
    "times", "post", "news", "press", "motor", "motors", "steel", "inc", "inc.", "ltd", "ltd.", "co.", "corp.",
}
# Names of agreements and policies: the model calls them organisations; they are kg:Policy material.
NOT_ACTOR_HEADS = {"agreement", "partnership", "treaty", "accord", "pact", "initiative", "strategy", "act", "deal", "policy", "doctrine", "survey", "report"}
PLACE_HEADS = {"sea", "strait", "straits", "island", "islands", "peninsula", "ocean", "region", "gulf", "bay", "river", "mountains", "coast", "city", "province", "prefecture", "state"}


@dataclass(frozen=True, slots=True)
class Mention:
    key: str  # actor key
    kind: str
    start: int  # token indices in the Doc
    end: int
    text: str


@dataclass
class ActorIndex:
    """The actors of one article and where each is mentioned."""

    mentions: list[Mention] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    demonyms: dict[int, str] = field(default_factory=dict)  # token index -> country key
    sides: dict[str, str] = field(default_factory=dict)  # actor key -> the country or body it stands for
    _by_token: dict[int, Mention] = field(default_factory=dict)

    def at(self, i: int) -> Mention | None:
        return self._by_token.get(i)

    def within(self, start: int, end: int, kinds: Iterable[str] | None = None) -> list[Mention]:
        allowed = set(kinds) if kinds else None
        return [m for m in self.mentions if m.start >= start and m.end <= end and (allowed is None or m.kind in allowed)]

    def before(self, i: int, kinds: Iterable[str], *, limit: int = 400) -> Mention | None:
        allowed = set(kinds)
        best = None
        for m in self.mentions:
            if m.end > i:
                break
            if m.kind in allowed and i - m.end <= limit:
                best = m
        return best

    def of_token(self, tok: Token) -> Mention | None:
        """The mention a syntactic head token belongs to (its own or one in its compound/subtree)."""
        m = self.at(tok.i)
        if m:
            return m
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "amod", "nmod") and self.at(child.i):
                found = self.at(child.i)
                if found and found.kind in ("Person", "Country", "Organization"):
                    return found
        return None


PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "we"}
GROUP_WORDS = (
    "joint statement", "joint leaders", "joint declaration", "joint communique", "joint communiqué", "the two sides",
    "both sides", "the two leaders", "both leaders", "the leaders", "both men", "the two men", "both countries",
    "the two countries", "the two governments", "both governments",
)


def refer(tok: Token, index: ActorIndex, group: tuple[str, ...] = ()) -> list[str]:
    """The actors a subject token stands for: its own name, a person in apposition ("Brazil's
    finance minister Fernando Haddad"), a possessor ("Brazil's ambassador"), a pronoun's
    antecedent, or the group of the meeting in question ("the two leaders", "they")."""
    keys: list[str] = []
    m = index.at(tok.i)
    if m is None:
        m = next((index.at(c.i) for c in tok.children if c.dep_ in ("appos", "compound") and index.at(c.i) and index.at(c.i).kind == "Person"), None)
    if m is None:
        m = index.of_token(tok)
    if m and m.kind in ("Person", "Country", "Organization"):
        keys.append(m.key)
    elif tok.lower_ in PRONOUNS:
        ante = index.before(tok.i, ("Person",))
        if ante:
            keys.append(ante.key)
    else:
        phrase = tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text.lower()
        if group and (tok.lower_ in GROUP_PRONOUNS or any(w in phrase for w in GROUP_WORDS)):
            keys.extend(group)
    for conj in tok.conjuncts:
        cm = index.of_token(conj)
        if cm and cm.kind in ("Person", "Country", "Organization"):
            keys.append(cm.key)
    return keys


def _clean(span: Span, ref: Reference | None = None) -> Span | None:
    """Drop leading determiners, titles and honorifics and a trailing possessive from an entity."""
    doc = span.doc
    start, end = span.start, span.end
    titles = {(s.start, s.end) for s in doc.spans.get(TITLES_KEY, [])}
    changed = True
    while changed and start < end:
        changed = False
        if doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space:
            start += 1
            changed = True
            continue
        for s, e in titles:
            if s == start and e < end:
                start = e
                changed = True
                break
    for i in range(start, end):  # "Shanghai Cooperation Organization (SCO": the name stops at the bracket
        if doc[i].text == "(":
            end = i
            break
    while end > start and (doc[end - 1].is_stop and doc[end - 1].is_lower or doc[end - 1].text in POSSESSIVE or (doc[end - 1].is_punct and doc[end - 1].text not in (".",)) or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    if any(s.end == end and s.label_ in ("head", "office") for s in doc.spans.get(TITLES_KEY, [])):
        return None  # "Washington Japan Studies Fellow" is a post, not a name
    out = doc[start:end]
    text = out.text
    if "\n" in text or any(c in BAD_CHARS for c in text) or len(out) > 7:
        return None
    if not text[0].isupper() or any(ch.isdigit() for ch in text):
        return None
    if text.isupper() and len(text) > 6:  # headings in capitals ("CENTRES")
        return None
    return out


def _furniture(sent: Span) -> bool:
    text = sent.text
    return bool(FURNITURE_RE.match(text)) or (len(text.split()) <= 14 and bool(CREDIT_RE.search(text)))


def _heading(sent: Span) -> bool:
    """A headline or section title: one short line, mostly capitalised words, no closing stop."""
    text = sent.text.strip().lstrip("(")
    if text.startswith("By "):  # a byline names its author
        return False
    words = [t for t in sent if t.is_alpha]
    if not words or len(words) > 12 or text.endswith((".", "?", "!", ":", '"', "”")):
        return False
    capitalised = sum(1 for t in words if t.text[0].isupper() or t.is_stop)
    return capitalised == len(words) and sum(1 for t in words if t.text[0].isupper()) >= 2


def _glued(span: Span, known_words: set[str], lower_words: set[str]) -> bool:
    """A scraping artefact such as "Koreavisit": a word of the page glued to a lower-case word."""
    if len(span) != 1:
        return False
    text = span.text
    for cut in range(2, len(text) - 2):
        head, tail = text[:cut], text[cut:]
        if tail.islower() and tail in lower_words and head in known_words:
            return True
    return False


def _candidates(doc: Doc, ref: Reference) -> list[tuple[Span, str, str | None]]:
    """(span, label, reference key or None) for gazetteer spans and NER entities, without overlaps."""
    from spacy.util import filter_spans

    ref_spans = filter_spans(list(doc.spans.get(REF_KEY, [])))
    taken: set[int] = set()
    out: list[tuple[Span, str, str | None]] = []
    ner: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in NER_KINDS:
            continue
        inside = [s for s in ref_spans if s.start >= ent.start and s.end <= ent.end]
        own_name = (
            ent.label_ in ("ORG", "FAC", "PERSON", "LOC")
            and inside
            and all(s.label_ in ("Country", "Demonym", "Capital", "Place", "Organization") for s in inside)
            and (ent.label_ == "ORG" or all(s.label_ != "Organization" for s in inside))
            and not any(t.text in POSSESSIVE or t.text in "-–—" for t in ent)
            and sum(len(s) for s in inside) < len([t for t in ent if t.lower_ != "the"])
            and not any(t.dep_ == "poss" for t in ent)
        )
        if own_name:  # "Bank of Japan", "Japan Coast Guard": a name of its own around a country name
            ner.append(ent)
            taken.update(range(ent.start, ent.end))
    for s in ref_spans:
        if not taken.intersection(range(s.start, s.end)):
            out.append((s, s.label_, s.kb_id_ or s.id_ or None))
            taken.update(range(s.start, s.end))
    for ent in doc.ents:
        if ent.label_ in NER_KINDS and not taken.intersection(range(ent.start, ent.end)):
            if ent[-1].lower_ in GROUP_HEADS and len(ent) > 1:  # "Trump Administration": the name, then the group
                ent = doc[ent.start : ent.end - 1]
            ner.extend(_split_pair(ent))
    for ent in ner:
        out.append((ent, ent.label_, None))
    return sorted(out, key=lambda c: c[0].start)


DASHES = {"-", "–", "—"}


def _split_pair(ent: Span) -> list[Span]:
    """ "Trump–Ishiba" (one entity to the model) is two names; "Japan-China Friendship Union" is one."""
    if not any(t.text in DASHES for t in ent):
        return [ent]
    parts, start = [], ent.start
    for t in ent:
        if t.text in DASHES:
            parts.append(ent.doc[start : t.i])
            start = t.i + 1
    parts.append(ent.doc[start : ent.end])
    parts = [p for p in parts if len(p)]
    if len(parts) > 1 and all(len(p) <= 2 for p in parts):
        return parts
    return [ent]


def _name_kind(span: Span, label: str, ref: Reference) -> str | None:
    """Type of an entity the gazetteer does not know, from NER and context."""
    last = span[-1].lower_
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and any(s.end == span.start and s.label_ in ("head", "office", "honorific") for s in doc.spans.get(TITLES_KEY, [])):
        return "Person"
    if last in ORG_HEADS and label != "PERSON":
        return "Organization"
    root = span.root
    for child in root.children:  # "Makoto Nishida, Secretary General of ...": an apposition with a title
        if child.dep_ == "appos" and any(
            s.start >= child.left_edge.i and s.end <= child.right_edge.i + 1 for s in doc.spans.get(TITLES_KEY, []) if s.label_ != "honorific"
        ):
            return "Person"
    if last in PLACE_HEADS:
        return "Place"
    return NER_KINDS.get(label)


def _is_location(span: Span) -> bool:
    """True when a capital or seat names where something happens, not who acts."""
    head = span.root
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
        return True
    if head.dep_ == "compound" and head.head.lower_ in ("sit-down", "meeting", "summit", "talks", "visit", "lawn", "office"):
        return True
    return False


class _Builder:
    def __init__(self, doc: Doc, article: Article, ref: Reference) -> None:
        self.doc, self.article, self.ref = doc, article, ref
        self.index = ActorIndex()
        self.kinds: dict[str, str] = {}
        self.aliases: dict[str, set[str]] = {}
        self.roles: dict[str, set[str]] = {}
        self.rel_seen: set[tuple[str, str, str]] = set()
        self.serves: dict[str, str] = {}  # person -> country whose office they hold (not its leader)

    def prov(self, span: Span) -> Provenance:
        sent = span.sent
        return Provenance(self.article.id, sent.text.strip(), span.start_char, span.end_char)

    def add(self, key: str, kind: str, span: Span, surface: str | None = None) -> Mention:
        kind = self.kinds.setdefault(key, kind)
        if self.ref.actors.get(key) and self.ref.actors[key].kind != kind and kind != "Place":
            kind = self.kinds[key] = self.ref.actors[key].kind
        m = Mention(key, kind, span.start, span.end, span.text)
        self.index.mentions.append(m)
        for i in range(span.start, span.end):
            self.index._by_token[i] = m
        form = surface if surface is not None else span.text
        if form and form != key:
            self.aliases.setdefault(key, set()).add(form)
        self.aliases.setdefault(key, set())
        return m

    def relate(self, subject: str, predicate: str, obj: str, span: Span, confidence: float = 0.7) -> None:
        if subject == obj or (subject, predicate, obj) in self.rel_seen:
            return
        if predicate != "role" and obj not in self.kinds and obj in self.ref.actors:
            self.kinds[obj] = self.ref.actors[obj].kind  # "French President Macron": France is in the graph too
        self.rel_seen.add((subject, predicate, obj))
        self.index.relations.append(Relation(subject, predicate, obj, self.prov(span), confidence))


def extract_actors(doc: Doc, article: Article, *, ref: Reference) -> ActorIndex:
    """All actors of the article, their mentions (token spans) and role/affiliation relations."""
    b = _Builder(doc, article, ref)
    lower_words = {t.text for t in doc if t.is_lower and t.is_alpha and len(t) > 2}
    known_words = {t.text for t in doc if t.is_title and t.is_alpha} | set(ref.surface)
    surnames = {e.text for e in doc.ents if e.label_ == "PERSON" and len(e) == 1}
    people: list[tuple[Span, str]] = []  # (span, cleaned name) of person names not in the gazetteer
    others: list[tuple[Span, str]] = []  # (span, kind) of other unknown names
    candidates = _candidates(doc, ref)
    abbreviations = _abbreviations(doc, candidates)
    for span, label, key in candidates:
        if _furniture(span.sent):
            continue
        if key is None and span.text in abbreviations:  # "IAEA" after "International Atomic Energy Agency (IAEA)"
            full_key, full_kind = abbreviations[span.text]
            b.add(full_key, full_kind, span)
            continue
        if key is not None:
            if label == "Demonym":
                for i in range(span.start, span.end):
                    b.index.demonyms[i] = key
                continue
            if label == "Capital":  # "Beijing said", "talks in Beijing": the country either way
                b.add(key, "Country", span)
                continue
            if label == "Seat":
                if _is_location(span) and span.start > 0 and doc[span.start - 1].dep_ != "poss":
                    place = span.text[4:] if span.text.startswith("the ") else span.text
                    b.add(place, "Place", span)
                else:
                    b.add(key, "Country", span)
                continue
            b.add(key, label, span)
            continue
        if _heading(span.sent) and not (label == "PERSON" and len(span) > 1):
            continue  # names the model finds in headlines are mostly capitalised common words
        cleaned = _clean(span, ref)
        if cleaned is None or _glued(cleaned, known_words, lower_words):
            continue
        known = ref.lookup(cleaned.text)
        if known is not None:
            b.add(known.key, known.kind, cleaned)
            continue
        if label == "NORP" or cleaned[-1].lower_ in NOT_ACTOR_HEADS:
            continue
        if label != "PERSON" and len(cleaned) > 2 and cleaned[-1].text in surnames and cleaned[-2].is_title:
            # "Minister of Agriculture, Forestry and Fisheries Taku Eto" with "Eto" a person elsewhere
            people.append((cleaned[-2:], cleaned[-2:].text))
            continue
        kind = _name_kind(cleaned, label, ref)
        if kind == "Person" or (label == "PERSON" and kind not in ("Organization", "Place")):
            people.append((cleaned, cleaned.text))
        elif kind:
            others.append((cleaned, kind))
    _resolve_people(b, people, others)
    _bare_surnames(b)
    b.index.mentions.sort(key=lambda m: m.start)
    _descriptions(b)
    _administrations(b)
    b.index.mentions.sort(key=lambda m: m.start)
    _roles(b)
    _sides(b)
    b.index.actors = {
        key: Actor(key, b.kinds[key], tuple(sorted(b.aliases.get(key, ()))), tuple(sorted(b.roles.get(key, ()))))
        for key in sorted(b.kinds)
    }
    return b.index


NATIONAL_BODIES = {"party", "government_agency"}


def _side_of(ref: Reference, key: str) -> str | None:
    """The side a country or body stands for: a party or ministry its state; an alliance, an
    international organisation or a company itself (NATO is not Belgium)."""
    known = ref.actors.get(key)
    if known is None:
        return None
    if known.kind == "Country":
        return key
    if known.kind == "Organization":
        return known.country if known.org_kind in NATIONAL_BODIES and known.country else key
    return None


def _sides(b: _Builder) -> None:
    """Which country (or body) each actor stands for: a leader for their country, a party for its state."""
    ref, date = b.ref, b.article.date
    rels = {(r.subject, r.predicate): r.object for r in b.index.relations if r.predicate in ("leaderOf", "memberOf")}
    for key, kind in list(b.kinds.items()):
        side = None
        if kind == "Country":
            side = key
        elif kind == "Organization":
            side = _side_of(ref, key) or key
        elif kind == "Person":
            for t in ref.roles_of(key, date) or ref.roles_of(key):
                side = _side_of(ref, t.of)
                if side:
                    break
            if side is None:
                side = rels.get((key, "leaderOf")) or b.serves.get(key) or rels.get((key, "memberOf"))
                if side and b.kinds.get(side) == "Organization":
                    side = _side_of(ref, side) or side
        if side:
            b.index.sides[key] = side


def _bare_surnames(b: _Builder) -> None:
    """Surnames the statistical model missed or mislabelled ("Scholz said", "Albanese" as a
    nationality): a capitalised word outside any mention that is the surname of a person the
    article names in full, or of a reference person in office on the article's date."""
    doc, ref, date = b.doc, b.ref, b.article.date
    full: dict[str, str] = {}
    for key, kind in b.kinds.items():
        if kind == "Person":
            parts = _person_parts(key)
            if len(parts) > 1:
                full.setdefault(parts[-1], key)
                known = ref.actors.get(key)
                if known and known.family_name_first:
                    full.setdefault(parts[0], key)
    for tok in doc:
        if b.index.at(tok.i) or not tok.is_title or tok.is_sent_start and tok.lower_ in doc.vocab.strings and tok.is_stop:
            continue
        if tok.pos_ not in ("PROPN", "NOUN", "ADJ") or tok.i in b.index.demonyms:
            continue
        if _furniture(tok.sent):
            continue
        key = full.get(tok.text)
        if key is None:
            candidate = ref.person_by_surname(tok.text, date)
            if candidate and ref.roles_of(candidate, date):
                key = candidate
        if key:
            b.add(key, "Person", doc[tok.i : tok.i + 1])


def _person_parts(name: str) -> list[str]:
    return [p for p in name.split() if p not in NAME_SUFFIXES]


def _abbreviations(doc: Doc, candidates: list[tuple[Span, str, str | None]]) -> dict[str, tuple[str, str]]:
    """ "the International Atomic Energy Agency (IAEA)": the letters name the organisation."""
    found: dict[str, tuple[str, str]] = {}
    for span, label, key in candidates:
        end = span.end
        if label not in ("ORG", "Organization") or end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
            continue
        short = doc[end + 1].text
        if short.isupper() and 2 <= len(short) <= 8 and short != span.text:
            cleaned = span if key else _clean(span)
            if cleaned is not None:
                found.setdefault(short, (key or cleaned.text, "Organization"))
    return found


def _resolve_people(b: _Builder, people: list[tuple[Span, str]], others: list[tuple[Span, str]]) -> None:
    """Tie surnames and reversed names to the full name used in the article or in the gazetteer."""
    ref, date = b.ref, b.article.date
    full: dict[str, str] = {}  # single word -> full name key
    for key, kind in list(b.kinds.items()):
        if kind == "Person":
            parts = _person_parts(key)
            if len(parts) > 1:
                full.setdefault(parts[-1], key)
                ra = ref.actors.get(key)
                if ra and ra.family_name_first:
                    full[parts[0]] = key
    for span, name in people:
        parts = _person_parts(name)
        if len(parts) > 1:
            reverse = " ".join(reversed(parts))
            if reverse in full.values() or ref.lookup(reverse):
                continue
            full.setdefault(parts[-1], name)
    for span, name in people:
        parts = _person_parts(name)
        key = name
        if len(parts) > 1:
            reverse = " ".join(reversed(parts))
            known = ref.lookup(reverse)
            if known and known.kind == "Person":
                key = known.key
            elif reverse in full.values():
                key = reverse
        else:
            key = full.get(name) or ref.person_by_surname(name, date) or name
        if key in ref.actors:
            b.add(key, "Person", span)
        else:
            b.add(key, "Person", span)
    orgs = {key.split()[0]: key for key, kind in b.kinds.items() if kind == "Organization" and len(key.split()) > 1}
    orgs.update({span.text.split()[0]: span.text for span, kind in others if kind == "Organization" and len(span) > 1})
    for span, kind in others:
        word = span.text
        known_person = ref.person_by_surname(word, date)
        in_office = bool(known_person and date and ref.roles_of(known_person, date))
        if len(span) == 1 and (word in full or known_person and (kind != "Place" or in_office)):
            b.add(full.get(word) or ref.person_by_surname(word, date) or word, "Person", span)
        elif len(span) == 1 and kind == "Organization" and word in orgs:  # "Nippon" after "Nippon Steel"
            b.add(orgs[word], "Organization", span)
        else:
            b.add(word, kind, span)


DESCRIPTION_RE = re.compile(
    r"\b(?:the|The)\s+(?P<who>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:'s|’s)?\s+(?P<role>leader|president|President|prime minister|Prime Minister|premier|Premier|chancellor|Chancellor|foreign minister|Foreign Minister)\b(?!\s+[A-Z])"
)
POSS_DESCRIPTION_RE = re.compile(
    r"\b(?P<who>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:'s|’s)\s+(?P<role>leader|president|prime minister|premier|chancellor|foreign minister)\b(?!\s+[A-Z])"
)


def _country_of(b: _Builder, who: str) -> str | None:
    ref = b.ref
    if who in ref.demonyms:
        return ref.demonyms[who]
    known = ref.lookup(who)
    if known and known.kind == "Country":
        return known.key
    return None


def _descriptions(b: _Builder) -> None:
    """ "the Japanese leader", "the US President", "China's foreign minister" -> the holder then."""
    doc, ref = b.doc, b.ref
    named = {key for key, kind in b.kinds.items() if kind == "Person"}
    for pattern in (DESCRIPTION_RE, POSS_DESCRIPTION_RE):
        for m in pattern.finditer(doc.text):
            country = _country_of(b, m["who"])
            if country is None:
                continue
            role = m["role"].lower()
            role_name = "Foreign Minister" if role == "foreign minister" else role.title()
            # a holder the article names wins ("Ishiba ... the Japanese Prime Minister"); else who held it then
            if role == "leader":
                ever = {h for r in ("President", "Prime Minister", "Chancellor", "Premier") for h in ref.holders(r, country, None)}
            else:
                ever = set(ref.holders(role_name, country, None))
            in_text = ever & named
            if len(in_text) == 1:
                holder = next(iter(in_text))
            elif role == "leader":
                holder = ref.leader(country, b.article.date) if b.article.date else None
            else:
                found = ref.holders(role_name, country, b.article.date) if b.article.date else []
                holder = found[0] if len(found) == 1 else None
            if holder is None:
                continue
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(b.index.at(i) and b.index.at(i).kind == "Person" for i in range(span.start, span.end)):
                continue
            for old in [b.index.at(i) for i in range(span.start, span.end)]:
                if old is not None and old in b.index.mentions:
                    b.index.mentions.remove(old)
            b.add(holder, "Person", span)


def _administrations(b: _Builder) -> None:
    """ "the Trump administration", "Washington's government" stand for the country they run."""
    doc, ref = b.doc, b.ref
    for m in list(b.index.mentions):
        end = m.end + 1 if m.end < len(doc) and doc[m.end].text in POSSESSIVE else m.end  # "Kishida's government"
        nxt = doc[end] if end < len(doc) else None
        if nxt is None or nxt.lower_ not in GROUP_HEADS:
            continue
        country = None
        if m.kind == "Person":
            for t in ref.roles_of(m.key, b.article.date):
                if t.role in ("President", "Prime Minister", "Chancellor") and ref.actors.get(t.of, None) and ref.actors[t.of].kind == "Country":
                    country = t.of
                    break
            if country is None:
                for t in ref.roles_of(m.key):
                    if t.role in ("President", "Prime Minister", "Chancellor") and t.of in ref.actors and ref.actors[t.of].kind == "Country":
                        country = t.of
        if country is None:
            continue
        span = doc[m.start : end + 1]
        b.index.mentions.remove(m)
        for i in range(m.start, m.end):
            b.index._by_token.pop(i, None)
        b.add(country, "Country", span)


def _title_before(b: _Builder, start: int) -> tuple[str, int, str | None] | None:
    """The title right before token `start` and the country/org it is attached to ("Japanese Prime Minister")."""
    doc = b.doc
    for s in doc.spans.get(TITLES_KEY, []):
        if s.end == start and s.label_ in ("head", "office"):
            title = s.id_ or s.text
            owner = None
            j = s.start - 1
            former = False
            while j >= 0:
                word = doc[j].lower_
                if word in ("former", "then", "ex", "late"):
                    former = True
                elif doc[j].text == ")":  # "Liberal Democratic Party (LDP) Secretary General"
                    while j > 0 and doc[j].text != "(":
                        j -= 1
                elif owner is None and j in b.index.demonyms:
                    owner = b.index.demonyms[j]
                elif owner is None and b.index.at(j) and b.index.at(j).kind in ("Country", "Organization"):
                    owner = b.index.at(j).key
                    j = b.index.at(j).start
                elif word not in ("the", "'s", "’s", "acting", "vice", "deputy", "-"):
                    break
                j -= 1
            if former and not title.startswith("former"):
                title = "former " + title
            return title, s.start, owner
    return None


def _roles(b: _Builder) -> None:
    """kg:role, kg:leaderOf and kg:memberOf from titles, appositions and bylines."""
    doc, ref = b.doc, b.ref
    for m in b.index.mentions:
        if m.kind != "Person":
            continue
        span = doc[m.start : m.end]
        found = _title_before(b, m.start)
        if found:
            title, _, owner = found
            kind = ref.titles.get(title.replace("former ", "").lower())
            b.roles.setdefault(m.key, set()).add(title)
            b.relate(m.key, "role", title, span, 0.8)
            if owner is None and kind and kind.kind == "head" and not title.startswith("former"):
                # "President Joe Biden": the country whose president he was on the article's date
                held = [t.of for t in ref.roles_of(m.key, b.article.date) if t.role.lower() == kind.name.lower() and t.of in ref.actors]
                if len(held) == 1:
                    owner = held[0]
                    b.kinds.setdefault(owner, ref.actors[owner].kind)
            if owner and not title.startswith("former"):
                owner_kind = b.kinds.get(owner)
                if kind and kind.kind == "head":
                    b.relate(m.key, "leaderOf", owner, span, 0.8)
                elif owner_kind == "Organization":
                    b.relate(m.key, "memberOf", owner, span, 0.7)
                elif owner_kind == "Country":
                    b.serves.setdefault(m.key, owner)  # "Japanese Minister of Agriculture Taku Eto" acts for Japan
        _apposition(b, m, span)


ROLE_LEFT = {"former", "deputy", "senior", "acting", "vice", "chief", "principal", "assistant", "associate", "then"}


def _role_phrase(title: Span) -> str:
    """The post as the apposition words it: "nominee for Undersecretary of Defence for Policy",
    "Secretary General of the LDP", "former deputy prime minister" (up to "with", "at", "and")."""
    doc = title.doc
    start, end = title.start, title.end
    while start > 0 and doc[start - 1].lower_ in ROLE_LEFT:
        start -= 1
    while end < len(doc) and doc[end].lower_ in ("of", "for") and end + 1 < len(doc) and not doc[end + 1].is_punct:
        obj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if obj is None:
            break
        end = obj.right_edge.i + 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("and", "or")):
            end -= 1
    words = doc[start:end]
    cut = next((t.i for t in words if t.lower_ in ("with", "at", "and", "who", "which") or t.text in (",", ";", "(")), None)
    if cut is not None and cut > title.end - 1:
        words = doc[start:cut]
    text = words.text.strip()
    return text or (title.id_ or title.text)


def _apposition(b: _Builder, m: Mention, span: Span) -> None:
    """ "Taro Aso, a former prime minister ... of Japan's Liberal Democratic Party" and bylines
    ("X is a Research Assistant with ORF's Strategic Studies Programme")."""
    doc, ref = b.doc, b.ref
    root = span.root
    heads = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":  # "a former prime minister and leading figure in the LDP, Taro Aso,"
        heads.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        heads += [c for c in root.head.children if c.dep_ == "attr"]
    for head in heads:
        # the apposition itself, without what is coordinated after it ("..., and Makoto Nishida, ...")
        right = max([head.i] + [c.right_edge.i for c in head.children if c.dep_ not in ("conj", "cc", "punct") and c.i > head.i])
        sub = doc[head.left_edge.i : right + 1]
        if head is root.head:
            sub = doc[head.left_edge.i : root.i]
        own = b.index.at(head.i)
        if own is not None and own.kind == "Person" and own.key != m.key:
            continue  # "Aso, Kishida's rival": the apposition is another person
        titles = [s for s in doc.spans.get(TITLES_KEY, []) if s.start >= sub.start and s.end <= sub.end and s.label_ in ("head", "office")]
        if not titles:
            continue
        role = _role_phrase(min(titles, key=lambda t: (t.start, -len(t))))
        b.roles.setdefault(m.key, set()).add(role)
        b.relate(m.key, "role", role, sub, 0.7)
        for other in b.index.within(sub.start, sub.end, ("Organization",)):
            b.relate(m.key, "memberOf", other.key, sub, 0.6)
