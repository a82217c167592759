"""Relations between actors from clear verbs and nouns: supports, opposes, criticizes, allyOf,
cooperatesWith, visits. (Roles, leaderOf and memberOf come from extract.roles.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.mentions import ActorIndex, Mention
from kg.model import Article, Provenance, Relation
from kg.vocab import AGENT_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

VERB_PREDICATES = lexicon.table("relation_verbs")


def _mentions_in(tok: Token, index: ActorIndex, kinds: tuple[str, ...]) -> list[Mention]:
    found = []
    for t in [tok, *tok.conjuncts]:
        m = index.of_token(t)
        if m and m.kind in kinds:
            found.append(m)
    return found


def _objects(verb: Token, predicate: str, index: ActorIndex) -> list[Mention]:
    kinds = AGENT_CLASSES + (("Place",) if predicate == "visits" else ())
    found: list[Mention] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr"):
            found += _mentions_in(child, index, kinds)
            # "opposed any unilateral attempts by China": the actor behind the object
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in ("by", "of", "from"):
                    for p in prep.children:
                        found += _mentions_in(p, index, AGENT_CLASSES)
            for tok in child.subtree:
                m = index.at(tok.i)
                if m and m.kind in AGENT_CLASSES and tok.dep_ == "poss":
                    found.append(m)
        elif child.dep_ == "prep" and child.lower_ in ("with", "to") and predicate in ("cooperatesWith", "allyOf"):
            for p in child.children:
                found += _mentions_in(p, index, AGENT_CLASSES)
    return found


def extract_relations(doc: Doc, article: Article, *, actors: ActorIndex) -> list[Relation]:
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(s: str, p: str, o: str, sent: Span, tok: Token, conf: float) -> None:
        if s != o and (s, p, o) not in seen:
            seen.add((s, p, o))
            out.append(
                Relation(s, p, o, Provenance(article.id, sent.text.strip(), tok.idx, tok.idx + len(tok.text)), conf)
            )

    for sent in doc.sents:
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and lemma in VERB_PREDICATES:
                predicate = VERB_PREDICATES[lemma]
                if lemma == "work" and not any(c.lower_ == "with" for c in tok.children):
                    continue
                subjects: list[Mention] = []
                for c in tok.children:
                    if c.dep_ == "nsubj":
                        subjects += _mentions_in(c, actors, AGENT_CLASSES)
                if not subjects and tok.dep_ in ("conj", "xcomp"):
                    for c in tok.head.children:
                        if c.dep_ == "nsubj":
                            subjects += _mentions_in(c, actors, AGENT_CLASSES)
                for s in subjects:
                    for o in _objects(tok, predicate, actors):
                        add(s.key, predicate, o.key, sent, tok, 0.7)
            if tok.lower_ in ("alliance", "allies", "ally") and tok.pos_ in ("NOUN", "PROPN"):
                for a, b in _alliance(tok, actors):
                    add(a, "allyOf", b, sent, tok, 0.75)
            if tok.lemma_.lower() in ("visit", "trip") and tok.pos_ == "NOUN":
                for a, b in _noun_visit(tok, actors):
                    add(a, "visits", b, sent, tok, 0.7)
    return out


def _alliance(tok: Token, index: ActorIndex) -> list[tuple[str, str]]:
    """ "the US-Japan alliance"; "US allies such as Australia and Taiwan"; "the U.S.'s strongest ally"."""
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
        for s in tok.head.children:
            if s.dep_ == "nsubj":
                m = index.of_token(s)
                if m and m.kind == "Country" and m.key != owner:
                    members.append(m.key)
    return [(m, owner) for m in dict.fromkeys(members)]


VISIT_VERBS = lexicon.words("visit_verbs")


def _noun_visit(tok: Token, index: ActorIndex) -> list[tuple[str, str]]:
    """ "Ishiba's visit to the US", "a state visit to the U.S. by Prime Minister Kishida"."""
    visitors = [index.at(t.i) for t in tok.lefts if index.at(t.i) and t.dep_ in ("poss", "compound")]
    places = []
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            places += [index.of_token(p) for p in prep.children if p.dep_ == "pobj"]
        elif prep.dep_ == "prep" and prep.lower_ == "by":
            visitors += [index.of_token(p) for p in prep.children if p.dep_ == "pobj"]
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in VISIT_VERBS:  # "Eto paid a visit to China"
        visitors += [m for c in tok.head.children if c.dep_ == "nsubj" for m in _mentions_in(c, index, AGENT_CLASSES)]
    return [
        (v.key, p.key)
        for v in visitors
        if v and v.kind in AGENT_CLASSES
        for p in places
        if p and p.kind in ("Country", "Place") and p.key != v.key
    ]
