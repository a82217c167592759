"""Relations between actors from clear verbs and nouns: supports, opposes, criticizes, allyOf,
cooperatesWith, visits. (Roles, leaderOf and memberOf come from extract.actors.)"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.actors import ActorIndex, Mention
from kg.model import Article, Provenance, Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

VERB_PREDICATES = {
    "support": "supports", "back": "supports", "endorse": "supports", "defend": "supports", "welcome": "supports",
    "oppose": "opposes", "reject": "opposes", "resist": "opposes", "condemn": "criticizes", "block": "opposes",
    "criticize": "criticizes", "criticise": "criticizes", "denounce": "criticizes", "blame": "criticizes", "accuse": "criticizes",
    "slam": "criticizes", "rebuke": "criticizes", "attack": "criticizes",
    "visit": "visits", "tour": "visits",
    "cooperate": "cooperatesWith", "collaborate": "cooperatesWith", "partner": "cooperatesWith", "work": "cooperatesWith",
    "ally": "allyOf",
}
ACTOR_KINDS = ("Person", "Country", "Organization")


def _mentions_in(tok: Token, index: ActorIndex, kinds: tuple[str, ...]) -> list[Mention]:
    found = []
    for t in [tok, *tok.conjuncts]:
        m = index.of_token(t)
        if m and m.kind in kinds:
            found.append(m)
    return found


def _objects(verb: Token, predicate: str, index: ActorIndex) -> list[Mention]:
    kinds = ACTOR_KINDS + (("Place",) if predicate == "visits" else ())
    found: list[Mention] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr"):
            found += _mentions_in(child, index, kinds)
            # "opposed any unilateral attempts by China": the actor behind the object
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in ("by", "of", "from"):
                    for p in prep.children:
                        found += _mentions_in(p, index, ACTOR_KINDS)
            for tok in child.subtree:
                m = index.at(tok.i)
                if m and m.kind in ACTOR_KINDS and tok.dep_ == "poss":
                    found.append(m)
        elif child.dep_ == "prep" and child.lower_ in ("with", "to") and predicate in ("cooperatesWith", "allyOf"):
            for p in child.children:
                found += _mentions_in(p, index, ACTOR_KINDS)
    return found


def extract_relations(doc: Doc, article: Article, *, actors: ActorIndex) -> list[Relation]:
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(s: str, p: str, o: str, sent: Span, tok: Token, conf: float) -> None:
        if s != o and (s, p, o) not in seen:
            seen.add((s, p, o))
            out.append(Relation(s, p, o, Provenance(article.id, sent.text.strip(), tok.idx, tok.idx + len(tok.text)), conf))

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
                        subjects += _mentions_in(c, actors, ACTOR_KINDS)
                if not subjects and tok.dep_ in ("conj", "xcomp"):
                    for c in tok.head.children:
                        if c.dep_ == "nsubj":
                            subjects += _mentions_in(c, actors, ACTOR_KINDS)
                for s in subjects:
                    for o in _objects(tok, predicate, actors):
                        add(s.key, predicate, o.key, sent, tok, 0.7)
            # "the US-Japan alliance", "Japan's alliance with the U.S."
            if tok.lower_ in ("alliance", "allies", "ally") and tok.pos_ == "NOUN":
                members = [actors.at(t.i) for t in tok.subtree if actors.at(t.i)]
                members = [m for m in members if m.kind == "Country"]
                keys = list(dict.fromkeys(m.key for m in members))
                if len(keys) == 2:
                    add(keys[0], "allyOf", keys[1], sent, tok, 0.75)
                    add(keys[1], "allyOf", keys[0], sent, tok, 0.75)
    return out
