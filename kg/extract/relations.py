"""Relations between actors: supports, opposes, criticizes, cooperatesWith, allyOf, visits, memberOf.
(Roles, and leaderOf and memberOf from titles, come from extract.roles.)

- Verbs by their trigger class (CAMEO 050 support, 051 praise, 07x aid -> supports; 06x material
  cooperation -> cooperatesWith; 11x disapprove, criticise, accuse -> criticizes; 12x reject ->
  opposes), with subject and object from the parse: the passive's agent is the subject ("was
  criticised by X"), an object's owner counts ("denounced Serbia's crackdown", "armed the forces of
  President X"), a pronoun object is its antecedent ("accusing him").
- Nouns of stance ("X, an advocate of Turkish membership"; "a critic of X") and of cooperation ("a
  co-operation deal between A and B"); alliances ("the US-Japan alliance", "allies such as X",
  "described France as America's oldest ally"); membership ("Cyprus is an EU member", "members
  such as X").
- Visits from the meeting frames (extract.meetings.visits), and a meeting held in another country
  than a participant's ("signed the deal in Buenos Aires": the Venezuelan visits Argentina).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.frames import subject_of
from kg.extract.meetings import visits
from kg.extract.mentions import ActorIndex, Mention
from kg.extract.tokens import evidence, sentences, tokens
from kg.extract.triggers import classes
from kg.model import Article, Meeting, Provenance, Relation
from kg.vocab import AGENT_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CLASS_PREDICATES = lexicon.table("relation_classes")
STANCE_NOUNS = lexicon.table("relation_nouns")
COOPERATION_NOUNS = lexicon.words("cooperation_nouns")
MEMBERSHIP_VERBS = lexicon.words("membership_verbs")
OWNER_PREPS = ("by", "of", "from")


def _mentions_in(
    tok: Token, index: ActorIndex, kinds: tuple[str, ...] = AGENT_CLASSES, *, owners: bool = True
) -> list[Mention]:
    """The actors a phrase names (with its conjuncts); with `owners`, "Japan's commitment" names Japan."""
    found = []
    for t in [tok, *tok.conjuncts]:
        m = index.of_token(t) if owners else index.at(t.i)
        if m is None and t.lower_ in ("him", "her"):
            m = index.person_antecedent(t)  # "accusing him of ..."
        if m and m.kind in kinds:
            found.append(m)
    return found


def _owners(obj: Token, index: ActorIndex, *, critical: bool = False) -> list[Mention]:
    """The actors behind an object: "Serbia's crackdown", "attempts by China", "the forces of President X";
    when `critical` (one opposes or criticises it), also a modifier ("the EU aid package")."""
    found = []
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPS:
            for p in prep.children:
                found += _mentions_in(p, index)
    for tok in obj.subtree:
        m = index.at(tok.i)
        if m and m.kind in AGENT_CLASSES and tok.dep_ == "poss":
            found.append(m)
    if not found and critical:  # "vetoed the EU aid package", "condemned the Israeli strikes": who modifies it
        for c in obj.children:
            m = index.at(c.i)
            if c.dep_ in ("compound", "amod", "nmod") and m and m.kind in ("Country", "Organization"):
                found.append(m)
            elif c.dep_ in ("amod", "compound") and c.i in index.demonyms and index.actors.get(index.demonyms[c.i]):
                found.append(Mention(index.demonyms[c.i], "Country", c.i, c.i + 1, c.text))
    for acl in (c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VBN"):  # "the resolution proposed by X"
        found += [m for a in acl.children if a.dep_ == "agent" for p in a.children for m in _mentions_in(p, index)]
    return found


def _objects(verb: Token, predicate: str, index: ActorIndex, *, owners: bool = True) -> list[Mention]:
    """The actors a relation verb acts on; with `owners`, also the actor behind an object that is no actor."""
    found: list[Mention] = []
    critical = predicate in ("opposes", "criticizes")
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    for child in verb.children:
        if child.dep_ in ("dobj", "attr") or passive and child.dep_ == "nsubjpass":
            found += _mentions_in(child, index, owners=owners) or (
                _owners(child, index, critical=critical) if owners else []
            )
        elif child.dep_ == "prep" and child.lower_ in ("with", "to") and predicate in ("cooperatesWith", "allyOf"):
            for p in child.children:
                found += _mentions_in(p, index)
        elif child.dep_ == "prep" and child.lower_ == "against" and predicate in ("opposes", "criticizes"):
            # "voted against the resolution proposed by X": the actor, or the one behind the measure
            for p in (p for p in child.children if p.dep_ == "pobj"):
                found += _mentions_in(p, index) or (_owners(p, index, critical=True) if owners else [])
    if not found and predicate in ("opposes", "criticizes"):
        # "lodged a protest with Japan", "filed a complaint against X": the act names whom it is against
        found += [
            m
            for o in verb.children
            if o.dep_ == "dobj" and not index.at(o.i)
            for prep in o.children
            if prep.dep_ == "prep" and prep.lower_ in ("with", "against", "to")
            for p in prep.children
            for m in _mentions_in(p, index)
        ]
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "supported and armed by France": the coordinated participles share their noun
    if not found and first.dep_ == "acl" and first.tag_ == "VBN":
        # "the forces of President X, supported, trained and armed by Paris": the noun the participle describes
        found = _mentions_in(first.head, index) or _owners(first.head, index)
    return found


def _subjects(verb: Token, index: ActorIndex) -> list[str]:
    # "X was criticised by Y", "supported and armed by Y": Y acts (coordinated participles share their agent)
    agents = [
        m.key
        for v in [verb, *verb.conjuncts]
        for c in v.children
        if c.dep_ == "agent"
        for p in c.children
        for m in _mentions_in(p, index)
    ]
    if (
        agents
        or any(c.dep_ == "nsubjpass" for c in verb.children)
        or verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "conj")
    ):
        return agents
    return subject_of(verb, index, ())


def _predicate(tok: Token) -> tuple[str, str] | None:
    """(trigger class, property) of a relation verb."""
    if tok.pos_ != "VERB" or any(c.dep_ == "neg" for c in tok.children):
        return None
    found = classes(tok)
    cls = next((c for c in CLASS_PREDICATES if c in found), None)
    return (cls, CLASS_PREDICATES[cls]) if cls else None


def extract_relations(
    doc: Doc, article: Article, *, actors: ActorIndex, meetings: tuple[Meeting, ...] | list[Meeting] = ()
) -> list[Relation]:
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(s: str, p: str, o: str, sent: Span, tok: Token, conf: float) -> None:
        if s != o and (s, p, o) not in seen:
            seen.add((s, p, o))
            prov = Provenance(article.id, evidence(article, sent), tok.idx, tok.idx + len(tok.text))
            out.append(Relation(s, p, o, prov, conf))

    for sent in sentences(doc):
        for tok in tokens(sent):
            found = _predicate(tok)
            if found:
                cls, predicate = found
                # one praises a deed ("welcomed Japan's commitment") but arms or condemns its doer
                subjects = _subjects(tok, actors)
                objects = [o.key for o in _objects(tok, predicate, actors, owners=cls != "PRAISE")]
                pairs = [(s, o) for s in subjects for o in objects]
                if not objects and predicate == "cooperatesWith" and _mutual(tok):
                    # "Brazil and China signed a deal": with each other (one triple for the pair); leaders
                    # who sign bind the states they lead
                    sides = list(dict.fromkeys(actors.sides.get(s, s) for s in subjects))
                    pairs = [(s, o) for i, s in enumerate(sides) for o in sides[i + 1 :]]
                for s, o in pairs:
                    add(s, predicate, o, sent, tok, 0.7)
                if predicate == "cooperatesWith" and len(subjects) > 1:
                    continue
            if tok.pos_ == "VERB" and tok.lemma_.lower() in MEMBERSHIP_VERBS and tok.dep_ == "relcl":
                for member, body in _grouped(tok, actors):
                    add(member, "memberOf", body, sent, tok, 0.7)
            if tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if tok.lower_ in ("alliance", "allies", "ally"):
                for a, b in _alliance(tok, actors):
                    add(a, "allyOf", b, sent, tok, 0.75)
            if tok.lemma_.lower() in STANCE_NOUNS:
                for a, b in _stance(tok, actors):
                    add(a, STANCE_NOUNS[tok.lemma_.lower()], b, sent, tok, 0.65)
            if tok.lower_ in COOPERATION_NOUNS:
                pair = _between(tok, actors)
                if len(pair) == 2:
                    add(pair[0], "cooperatesWith", pair[1], sent, tok, 0.65)
                for a, b in _with_partner(tok, actors):
                    add(a, "cooperatesWith", b, sent, tok, 0.65)
            if tok.lemma_.lower() == "member":
                for a, b in _membership(tok, actors):
                    add(a, "memberOf", b, sent, tok, 0.7)
    for visitor, place, sent in visits(doc, actors):
        add(visitor, "visits", place, sent, sent.root, 0.7)
    for m in meetings:
        for visitor, place in _abroad(m, actors):
            span = doc.char_span(m.prov.start, m.prov.end, alignment_mode="expand")
            if span is not None:
                add(visitor, "visits", place, span, span.root, 0.6)
    return out


def _abroad(m: Meeting, index: ActorIndex) -> list[tuple[str, str]]:
    """A meeting held in one country: its participants who stand for another one visited it."""
    place = m.location
    if place is None or index.actors.get(place) is None or index.actors[place].kind != "Country":
        return []
    return [
        (k, place)
        for k in m.participants
        if index.actors.get(k) and index.actors[k].kind == "Person" and index.sides.get(k) not in (None, place)
    ]


def _between(tok: Token, index: ActorIndex) -> list[str]:
    """ "a co-operation deal between A and B": the two actors after "between"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            found = [m.key for p in c.children if p.dep_ == "pobj" for m in _mentions_in(p, index)]
            return list(dict.fromkeys(found))[:2]
    return []


def _mutual(verb: Token) -> bool:
    """ "A and B signed a deal", "A and B cooperated": an act between the subjects, not on a thing
    ("A and B are promoting a global system")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # "signed a deal between Petrobras and Enarsa": the deal names its own parties
    named = any(c.dep_ == "prep" and c.lower_ == "between" for o in objects for c in o.children)
    return all(o.lower_ in COOPERATION_NOUNS for o in objects) and not named


def _with_partner(tok: Token, index: ActorIndex) -> list[tuple[str, str]]:
    """ "X formed a joint venture with Y", "X signed a partnership with Y": the subject of the verb the
    noun is the object of, and the actor after "with"."""
    if tok.dep_ != "dobj" or tok.head.pos_ != "VERB":
        return []
    partners = [
        m.key
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for p in c.children
        for m in _mentions_in(p, index, owners=False)
    ]
    return [(s, p) for s in subject_of(tok.head, index, ()) for p in partners if s != p] if partners else []


def _grouped(verb: Token, index: ActorIndex) -> list[tuple[str, str]]:
    """ "Mercosur, which groups Brazil, Argentina ...": the objects are members of the body."""
    body = index.of_token(verb.head)
    if body is None or body.kind != "Organization":
        return []
    members = [
        m.key for o in verb.children if o.dep_ == "dobj" for m in _mentions_in(o, index, ("Country", "Organization"))
    ]
    return [(m, body.key) for m in members if m != body.key]


def _holder(tok: Token, index: ActorIndex) -> list[str]:
    """Who a predicate noun is said of: "X, an advocate of ..." (apposition), "X has been an advocate"."""
    if tok.dep_ == "appos":
        return [m.key for m in _mentions_in(tok.head, index)]
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        return [m.key for c in tok.head.children if c.dep_ == "nsubj" for m in _mentions_in(c, index)]
    return []


def _stance(tok: Token, index: ActorIndex) -> list[tuple[str, str]]:
    """ "X has long been a keen advocate of Ukrainian membership", "Y, a fierce critic of the regime of X"."""
    holders = _holder(tok, index)
    targets: list[str] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for t in c.subtree:
                m = index.at(t.i)
                if m and m.kind in AGENT_CLASSES:
                    targets.append(m.key)
                elif t.i in index.demonyms and t.dep_ in ("amod", "compound"):
                    targets.append(index.demonyms[t.i])  # "Turkish membership": Turkey
    return [(h, t) for h in holders for t in dict.fromkeys(targets) if h != t]


def _membership(tok: Token, index: ActorIndex) -> list[tuple[str, str]]:
    """ "Cyprus is an EU member", "X is a member of NATO", "EU member states such as A and B"."""
    bodies = [index.at(t.i).key for t in tok.lefts if index.at(t.i) and index.at(t.i).kind == "Organization"]
    of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    bodies += [m.key for p in of for m in _mentions_in(p, index, ("Organization",))]
    members = _holder(tok, index)
    for child in [*tok.rights, *(tok.head.rights if tok.dep_ == "compound" else ())]:  # "member states such as A"
        if child.dep_ in ("prep", "amod") and child.lower_ in ("such", "like", "including", "as"):
            members += [index.at(t.i).key for t in child.subtree if index.at(t.i) and index.at(t.i).kind == "Country"]
    return [(m, b) for m in dict.fromkeys(members) for b in dict.fromkeys(bodies) if m != b]


def _alliance(tok: Token, index: ActorIndex) -> list[tuple[str, str]]:
    """ "the US-Japan alliance"; "US allies such as Australia and Taiwan"; "the U.S.'s strongest ally";
    "described France as America's oldest ally"."""
    owners = [index.at(t.i) for t in tok.lefts if index.at(t.i)] + [
        index.at(t.i) for t in tok.subtree if t.i < tok.i and index.at(t.i)
    ]
    owners = list({m.key: m for m in owners if m and m.kind == "Country"}.values())
    if len(owners) == 2:  # a pair names the alliance
        return [(owners[0].key, owners[1].key)]
    if len(owners) != 1:
        return []
    owner = owners[0].key
    members: list[str] = []
    for child in tok.rights:  # "allies such as Australia, the Philippines ...", "allies like Japan"
        such_as = child.lower_ == "as" and any(c.lower_ == "such" for c in child.children)
        if child.dep_ in ("prep", "amod", "appos") and (child.lower_ in ("such", "like", "including") or such_as):
            for t in child.subtree:
                m = index.at(t.i)
                if m and m.kind == "Country" and m.key != owner:
                    members.append(m.key)
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":  # "Japan is the U.S.'s strongest ally"
        subjects = [s for s in tok.head.children if s.dep_ == "nsubj"]
        members += [m.key for s in subjects for m in _mentions_in(s, index, ("Country",))]
    if tok.dep_ == "pobj" and tok.head.lower_ == "as":  # "describing Japan as Australia's closest partner"
        objects = [o for o in tok.head.head.children if o.dep_ == "dobj"]
        members += [m.key for o in objects for m in _mentions_in(o, index, ("Country",))]
    return [(m, owner) for m in dict.fromkeys(members) if m != owner]
