"""Actor mentions in a Doc -> canonical actors of the article, with roles and affiliations.

Sources, in order of trust: the reference gazetteer (`doc.spans["kg_ref"]`), then spaCy's
statistical entities. Names are cleaned of titles and possessives, surnames are tied to the
full name used elsewhere in the article (or to the reference person in office on the article's
date), demonyms attach to countries instead of becoming actors, a capital stands for its country
wherever it is named ("Beijing said", "talks in Beijing"), a seat of government does when it acts
("the Kremlin said") and stays a place when it is a location ("met at the White House"), and
definite descriptions ("the Japanese leader") resolve to the role holder on the article's date.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.actor_builder import ActorBuilder
from kg.extract.mentions import SIDE_NOUNS, ActorIndex, Mention
from kg.extract.names import (
    GROUP_HEADS,
    NOT_ACTOR_HEADS,
    POSSESSIVE,
    abbreviations,
    candidate_spans,
    clean_name,
    is_furniture,
    is_glued,
    is_heading,
    name_kind,
    person_parts,
)
from kg.extract.roles import add_roles, add_sides
from kg.extract.tokens import tokens
from kg.model import Actor, Article
from kg.text.nlp import TITLES_KEY
from kg.text.reference import Reference, ascii_fold, title_forms

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

LOCATIVE_PREPS = lexicon.words("locative_prepositions")
NOT_ACTOR_NAMES = lexicon.words("not_actor_names")
EQUIVALENT_POSTS = lexicon.table("equivalent_posts")  # post -> its counterparts elsewhere, "|"-separated


LOCATION_COMPOUND_HEADS = lexicon.words("location_compound_heads")


def _is_location(span: Span) -> bool:
    """True when a capital or seat names where something happens, not who acts."""
    head = span.root
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
        return True
    if head.dep_ == "compound" and head.head.lower_ in LOCATION_COMPOUND_HEADS:
        return True
    return False


def extract_actors(doc: Doc, article: Article, *, ref: Reference) -> ActorIndex:
    """All actors of the article, their mentions (token spans) and role/affiliation relations."""
    b = ActorBuilder(doc, article, ref)
    lower_words = {t.text for t in tokens(doc) if t.is_lower and t.is_alpha and len(t) > 2}
    known_words = _Known({t.text for t in tokens(doc) if t.is_title and t.is_alpha}, ref.surface)
    surnames = {e.text for e in doc.ents if e.label_ == "PERSON" and len(e) == 1}
    people: list[tuple[Span, str]] = []  # (span, cleaned name) of person names not in the gazetteer
    others: list[tuple[Span, str]] = []  # (span, kind) of other unknown names
    candidates = candidate_spans(doc, ref)
    sentence_kinds: dict[int, tuple[bool, bool]] = {}  # sentence start -> (page furniture, headline)
    short_forms = abbreviations(doc, candidates)
    for span, label, key in candidates:
        sent = span.sent
        kinds = sentence_kinds.get(sent.start)
        if kinds is None:  # once per sentence, not once per name in it
            kinds = sentence_kinds[sent.start] = (is_furniture(sent), is_heading(sent))
        if kinds[0]:
            continue
        if key is None and span.text in short_forms:  # "IAEA" after "International Atomic Energy Agency (IAEA)"
            full_key, full_kind = short_forms[span.text]
            b.add(full_key, full_kind, span)
            continue
        if key is not None:
            if label == "Regional":
                continue  # "a South American oil company": a region's adjective names no one, and not the US
            if label == "Demonym":
                for i in range(span.start, span.end):
                    b.index.demonyms[i] = key
                first = span.root
                while first.dep_ == "conj" and first.head.i < first.i:  # "Iranian and Saudi officials"
                    first = first.head
                if first.head.lower_ in SIDE_NOUNS and first.dep_ in ("amod", "compound"):
                    # "the Chinese delegation", "French officials": China, France act ("Palestinian officials":
                    # the Palestinian Authority)
                    body = ref.government(key, article.date)
                    b.add(body or key, "Organization" if body else "Country", span)
                    for i in range(span.start, span.end):
                        b.index.demonyms[i] = body or key
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
        if kinds[1] and not (label == "PERSON" and len(span) > 1 and b.text.count(span.text) > 1):
            continue  # names the model finds in headlines are mostly capitalised common words
        cleaned = clean_name(span, ref)
        if cleaned is None or is_glued(cleaned, known_words, lower_words):
            continue
        known = ref.lookup(cleaned.text)
        if known is not None:
            b.add(known.key, known.kind, cleaned)
            continue
        if (
            label == "NORP"
            or cleaned[-1].lower_ in NOT_ACTOR_HEADS
            or len(cleaned) == 1
            and cleaned.text.lower() in NOT_ACTOR_NAMES  # "1200 GMT", "Malaria"
            or (label != "PERSON" and DOCTRINE_RE.match(cleaned[-1].lower_))
        ):
            continue  # "Trumpian Mercantilism" is a doctrine, not a body
        if label != "PERSON" and len(cleaned) > 2 and cleaned[-1].text in surnames and cleaned[-2].is_title:
            # "Minister of Land, Water and Forests Jane Okoth" with "Okoth" a person elsewhere
            people.append((cleaned[-2:], cleaned[-2:].text))
            continue
        kind = name_kind(cleaned, label, ref)
        if kind == "Person" or (label == "PERSON" and kind not in ("Organization", "Place")):
            people.append((cleaned, cleaned.text))
        elif kind:
            others.append((cleaned, kind))
    _resolve_people(b, people, others)
    _bare_surnames(b)
    _also_known_as(b)
    _short_forms(b)
    _former_states(b)
    b.index.mentions.sort(key=lambda m: m.start)
    _descriptions(b)
    _administrations(b)
    b.index.mentions.sort(key=lambda m: m.start)
    add_roles(b)
    _unnamed_counterparts(b)
    _title_anaphora(b)
    add_sides(b)
    b.index.actors = {
        key: Actor(key, b.kinds[key], tuple(sorted(b.aliases.get(key, ()))), tuple(sorted(b.roles.get(key, ()))))
        for key in sorted(b.kinds)
    }
    return b.index


def _unnamed_counterparts(b: ActorBuilder) -> None:
    """ "Lula held a call with his Argentine counterpart": the one who holds, for the country the demonym
    names, a post the subject holds on the article's date (the reference says who); else that country."""
    doc, ref, date = b.doc, b.ref, b.article.date
    for tok in tokens(doc):
        if tok.lower_ != "counterpart" or b.index.at(tok.i) is not None:
            continue
        if any(c.dep_ in ("appos", "compound") and b.index.at(c.i) for c in tok.children):
            continue  # "his counterpart, Wang Yi": the name says who
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i in b.index.demonyms]
        if len(mods) != 1:
            continue
        country = b.index.demonyms[mods[0].i]
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subjects = [c for c in (verb.children if verb is not None else ()) if c.dep_ == "nsubj"]
        subject = next((m for c in subjects if (m := b.index.of_token(c))), None)
        holders = set()
        if subject is not None and subject.kind == "Person" and date:
            for tenure in ref.roles_of(subject.key, date):
                for post in (tenure.role, *EQUIVALENT_POSTS.get(tenure.role, "").split("|")):
                    holders.update(ref.holders(post, country, date) if post else ())
        span = doc[mods[0].i : tok.i + 1]
        if len(holders) == 1:
            b.add(holders.pop(), "Person", span, surface="")
        elif country in ref.actors and ref.actors[country].kind == "Country":
            b.add(country, "Country", span, surface="")


def _short_names(b: ActorBuilder) -> dict[str, str]:
    """One-word forms of the people named in full so far: "Scholz" -> "Olaf Scholz", "Xi" -> "Xi Jinping"."""
    full: dict[str, str] = {}
    for key, kind in b.kinds.items():
        if kind == "Person":
            parts = person_parts(key)
            if len(parts) > 1:
                full.setdefault(parts[-1], key)
                full.setdefault(ascii_fold(parts[-1]), key)  # "Alfonsin" for "Raúl Alfonsín"
                known = b.ref.actors.get(key)
                if known and known.family_name_first:
                    full[parts[0]] = key
    return full


def _bare_surnames(b: ActorBuilder) -> None:
    """Surnames the statistical model missed or mislabelled ("Scholz said", "Albanese" as a
    nationality): a capitalised word outside any mention that is the surname of a person the
    article names in full, or of a reference person in office on the article's date."""
    doc, ref, date = b.doc, b.ref, b.article.date
    full = _short_names(b)
    for tok in tokens(doc):
        if (
            b.index.at(tok.i)
            or not tok.is_title
            or tok.is_sent_start
            and tok.lower_ in doc.vocab.strings
            and tok.is_stop
        ):
            continue
        if tok.pos_ not in ("PROPN", "NOUN", "ADJ") or tok.i in b.index.demonyms or tok.ent_type_ in ("DATE", "TIME"):
            continue  # "in May" is a month
        key = full.get(tok.text)
        if key is None:
            candidate = ref.person_by_surname(tok.text, date)
            if candidate and ref.roles_of(candidate, date):
                key = candidate
        if key is None and tok.pos_ == "PROPN" and _after_honorific(tok):
            # "Mr Ruto spoke": an honorific names a person even when no one knows the name
            key = ref.office_holder_by_surname(tok.text, date) or tok.text
        if key and not is_furniture(tok.sent):  # tok.sent walks the sentence: only for the few hits
            b.add(key, "Person", doc[tok.i : tok.i + 1])


AKA_PREFIX = {",", "also", "better", "widely", "commonly", "popularly", "("}


def _also_known_as(b: ActorBuilder) -> None:
    """ "Ernesto Guevara, also known as Che": the second name is the first one's alias."""
    doc = b.doc
    for tok in tokens(doc):
        if tok.lower_ != "known" or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "as":
            continue
        alias = b.index.at(tok.i + 2) or (b.index.at(tok.i + 3) if doc[tok.i + 2].lower_ == "the" else None)
        j = tok.i - 1
        while j >= 0 and doc[j].lower_ in AKA_PREFIX:
            j -= 1
        named = b.index.at(j) if j >= 0 else None
        if named is not None and alias is not None and named.key != alias.key and named.kind == alias.kind:
            b.rename(alias.key, named.key)


YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _former_states(b: ActorBuilder) -> None:
    """ "the Russians" in a 1987 story that names the Soviet Union: a successor state's name means the
    former state when the article names it and is not known to be from after its end."""
    date = b.article.date
    # without a date, a year the text names from the former state's last year on says it is later
    latest = max((int(y) for y in YEAR_RE.findall(b.text)), default=0) if date is None else 0
    for successor, (former, until) in b.ref.successors.items():
        if former not in b.kinds or successor not in b.kinds:
            continue
        if date[: len(until)] < until if date else latest < int(until[:4]):
            b.rename(successor, former)


NAME_FILLERS = {"of", "the", "and", "for", "on", "in", "&"}


def _short_forms(b: ActorBuilder) -> None:
    """Short forms of an organisation the article names in full: its initials ("WEF" after "World
    Economic Forum", without the usual "(WEF)") and its last word ("the Community" after "European
    Community"), when they fit exactly one organisation of the article and none the
    reference knows ("Community farm ministers" in a story on the European Community)."""
    orgs = [key for key, kind in b.kinds.items() if kind == "Organization" and len(key.split()) > 1]
    initials: dict[str, set[str]] = {}
    heads: dict[str, set[str]] = {}
    for key in orgs:
        words = [w for w in key.replace("-", " ").split() if w.lower() not in NAME_FILLERS]
        initials.setdefault("".join(w[0] for w in words).upper(), set()).add(key)
        heads.setdefault(key.split()[-1], set()).add(key)
    for key, kind in list(b.kinds.items()):
        if kind != "Organization" or " " in key or key in b.ref.actors:
            continue
        if key.isupper() and len(key) >= 2 and len(initials.get(key, ())) == 1:
            b.rename(key, next(iter(initials[key])))
        elif key[:1].isupper() and len(heads.get(key, ())) == 1:
            b.rename(key, next(iter(heads[key])))


def _resolve_people(b: ActorBuilder, people: list[tuple[Span, str]], others: list[tuple[Span, str]]) -> None:
    """Tie surnames and reversed names to the full name used in the article or in the gazetteer."""
    ref, date = b.ref, b.article.date
    full = _short_names(b)
    for _span, name in people:
        parts = person_parts(name)
        if len(parts) > 1:
            reverse = " ".join(reversed(parts))
            if reverse in full.values() or ref.lookup(reverse):
                continue
            full.setdefault(parts[-1], name)
    for span, name in people:
        parts = person_parts(name)
        key = name
        if len(parts) > 1:
            reverse = " ".join(reversed(parts))
            known = ref.lookup(reverse)
            if known and known.kind == "Person":
                key = known.key
            elif reverse in full.values():
                key = reverse
            else:
                key = ref.person_variant(name) or name  # "Yassir Arafat" is Yasser Arafat
        else:
            titled = ref.office_holder_by_surname(name, date) if _titled(span) else None
            key = full.get(name) or ref.person_by_surname(name, date) or titled or name
        b.add(key, "Person", span)
    orgs = {key.split()[0]: key for key, kind in b.kinds.items() if kind == "Organization" and len(key.split()) > 1}
    orgs.update({span.text.split()[0]: span.text for span, kind in others if kind == "Organization" and len(span) > 1})
    for span, kind in others:
        word = span.text
        known_person = ref.person_by_surname(word, date)
        in_office = bool(known_person and date and ref.roles_of(known_person, date))
        if len(span) == 1 and (word in full or known_person and (kind != "Place" or in_office)):
            b.add(full.get(word) or known_person or word, "Person", span)
        elif len(span) == 1 and kind == "Organization" and word in orgs:  # "Nippon" after "Nippon Steel"
            b.add(orgs[word], "Organization", span)
        else:
            b.add(word, kind, span)


def _after_honorific(tok) -> bool:
    """ "Mr Ruto", "Mrs Sirleaf", "Dr Tedros": the token follows an honorific (titles.tsv kind honorific)."""
    return any(s.end == tok.i and s.label_ == "honorific" for s in tok.doc.spans.get(TITLES_KEY, []))


class _Known:
    """The capitalised words of a text or any reference name, without copying the reference's names."""

    def __init__(self, words: set[str], names: dict[str, str]) -> None:
        self.words, self.names = words, names

    def __contains__(self, word: object) -> bool:
        return word in self.words or word in self.names


def _titled(span: Span) -> bool:
    """ "Mr Chirac", "President Alfonsin": a surname after a title or an honorific names someone known."""
    return any(s.end == span.start for s in span.doc.spans.get(TITLES_KEY, []))


DOCTRINE_RE = re.compile(r"^[a-z]{4,}ism$")
# the titles and their forms come from titles.tsv (columns description, anaphor)
DESCRIBED_TITLES = title_forms("description")
DESCRIPTION_RE = re.compile(
    r"\b(?:the|The)\s+(?:(?:visiting|outgoing|current|embattled|new)\s+)?(?P<who>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:'s|’s)?\s+"
    rf"(?P<role>{'|'.join(map(re.escape, DESCRIBED_TITLES))})\b(?!\s+[A-Z])"
)


POSS_DESCRIPTION_RE = re.compile(  # after a possessive, the lower-case forms only
    r"\b(?P<who>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:'s|’s)\s+"
    rf"(?P<role>{'|'.join(map(re.escape, dict.fromkeys(t.lower() for t in DESCRIBED_TITLES)))})\b(?!\s+[A-Z])"
)


def _owner_of(b: ActorBuilder, who: str) -> str | None:
    """The country ("Japanese", "the US") or body ("Tory", "the IMF") a description's modifier names."""
    ref = b.ref
    if who in ref.demonyms:
        return ref.demonyms[who]
    known = ref.lookup(who)
    if known and known.kind in ("Country", "Organization"):
        return known.key
    return None


# the posts "the <body> leader" means: "the Tory leader", "the IMF chief"
BODY_LEADER_ROLES = ("Leader", "President", "Chairman", "Secretary-General", "Managing Director", "Director-General")
STATE_LEADER_ROLES = ("President", "Prime Minister", "Chancellor", "Premier")


def _descriptions(b: ActorBuilder) -> None:
    """ "the Japanese leader", "the US President", "China's foreign minister" -> the holder then."""
    doc, ref = b.doc, b.ref
    named = {key for key, kind in b.kinds.items() if kind == "Person"}
    for pattern in (DESCRIPTION_RE, POSS_DESCRIPTION_RE):
        for m in pattern.finditer(b.text):
            country = _owner_of(b, m["who"])
            if country is None:
                continue
            role = m["role"].lower()
            role_name = "Foreign Minister" if role == "foreign minister" else role.title()
            body = ref.actors[country].kind == "Organization" if country in ref.actors else False
            # a holder the article names wins ("Ishiba ... the Japanese Prime Minister"); else who held it then
            if role == "leader":
                roles = BODY_LEADER_ROLES if body else STATE_LEADER_ROLES
                ever = {h for r in roles for h in ref.holders(r, country, None)}
            else:
                ever = set(ref.holders(role_name, country, None))
            in_text = ever & named
            if len(in_text) == 1:
                holder = next(iter(in_text))
            elif role == "leader" and body:
                found = (
                    {h for r in BODY_LEADER_ROLES for h in ref.holders(r, country, b.article.date)}
                    if b.article.date
                    else set()
                )
                holder = next(iter(found)) if len(found) == 1 else None
            elif role == "leader":
                holder = ref.leader(country, b.article.date) if b.article.date else None
            else:
                found = ref.holders(role_name, country, b.article.date) if b.article.date else []
                holder = found[0] if len(found) == 1 else None
            if holder is None:
                continue
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(
                b.index.at(i) and b.index.at(i).kind == "Person" for i in range(span.start, span.end)
            ):
                continue
            after = span.end + (span.end < len(doc) and doc[span.end].text == ",")
            if after < len(doc) and b.index.at(after) and b.index.at(after).kind == "Person":
                continue  # "the Palestinian leader, Mahmoud Abbas": the name that follows says who
            for old in [b.index.at(i) for i in range(span.start, span.end)]:
                if old is not None and old in b.index.mentions:
                    b.index.mentions.remove(old)
            b.add(holder, "Person", span)


TITLE_ANAPHOR_RE = re.compile(
    rf"\b(?:the|The)\s+(?P<title>{'|'.join(map(re.escape, title_forms('anaphor')))})\b(?!\s+(?:of\b|for\b|[A-Z]))"
)


def _title_anaphora(b: ActorBuilder) -> None:
    """ "Blinken met Netanyahu. The Secretary reiterated ...": a bare title refers back to the last
    person the article gave that title."""
    doc = b.doc
    for m in TITLE_ANAPHOR_RE.finditer(b.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(b.index.at(i) for i in range(span.start, span.end)):
            continue
        title = "prime minister" if m["title"] == "PM" else m["title"].lower()
        earlier = [x for x in b.index.mentions if x.end <= span.start and x.kind == "Person"]

        def titled(mention: Mention) -> bool:
            roles = {r.lower() for r in b.roles.get(mention.key, ())} | {
                t.role.lower() for t in b.ref.roles_of(mention.key, b.article.date)
            }
            return any(title in r.split() or r.endswith(title) for r in roles)

        holders = [x for x in reversed(earlier) if titled(x)]
        if not holders:
            continue
        # two prime ministers met: "the PM" is the one the text was about (the last sentence's subject)
        window = span.sent.start
        for _ in range(3):  # this sentence and the three before it (a quote may run over two)
            window = doc[window - 1].sent.start if window > 0 else window
        subject = next(
            (
                x
                for x in holders
                if x.start >= window and any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(x.start, x.end))
            ),
            None,
        )
        b.add((subject or holders[0]).key, "Person", span)
        b.index.mentions.sort(key=lambda x: x.start)


def _administrations(b: ActorBuilder) -> None:
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
                if (
                    t.role in ("President", "Prime Minister", "Chancellor")
                    and ref.actors.get(t.of, None)
                    and ref.actors[t.of].kind == "Country"
                ):
                    country = t.of
                    break
            if country is None:
                for t in ref.roles_of(m.key):
                    if (
                        t.role in ("President", "Prime Minister", "Chancellor")
                        and t.of in ref.actors
                        and ref.actors[t.of].kind == "Country"
                    ):
                        country = t.of
        if country is None:
            continue
        span = doc[m.start : end + 1]
        b.index.mentions.remove(m)
        for i in range(m.start, m.end):
            b.index._by_token.pop(i, None)
        b.add(country, "Country", span)
        if m.kind == "Person":
            b.index.led_by.update({i: m.key for i in range(span.start, span.end)})
