"""Where actors are mentioned in a Doc, and whom a subject ("he", "the two leaders") stands for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.tokens import sentences, tokens
from kg.model import Actor, Relation
from kg.vocab import AGENT_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


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
    led_by: dict[int, str] = field(
        default_factory=dict
    )  # token of "Kishida's cabinet" (a country mention) -> its leader
    _by_token: dict[int, Mention] = field(default_factory=dict)

    def at(self, i: int) -> Mention | None:
        return self._by_token.get(i)

    def within(self, start: int, end: int, kinds: Iterable[str] | None = None) -> list[Mention]:
        allowed = set(kinds) if kinds else None
        return [
            m for m in self.mentions if m.start >= start and m.end <= end and (allowed is None or m.kind in allowed)
        ]

    def before(self, i: int, kinds: Iterable[str], *, limit: int = 400) -> Mention | None:
        allowed = set(kinds)
        best = None
        for m in self.mentions:
            if m.end > i:
                break
            if m.kind in allowed and i - m.end <= limit:
                best = m
        return best

    def person_antecedent(self, tok: Token, *, strict: bool = False, skip: range = range(0)) -> Mention | None:
        """Whom "he" or "she" stands for: the person who was the subject of the sentence before (or
        earlier in this one) — "Modi held talks with Hasina. '...,' he said" is Modi — else (unless
        `strict`) the last person named. Mentions at token indices in `skip` (what "he" said) do not count."""
        doc = tok.doc
        sent = tok.sent
        previous = doc[sent.start - 1].sent if sent.start > 0 else None
        window = previous.start if previous is not None else sent.start
        for m in reversed(self.mentions):
            if m.end > tok.i or m.kind != "Person" or m.start in skip:
                continue
            if m.start < window:
                break
            if any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(m.start, m.end)):
                return m
        return None if strict else self.before(tok.i, ("Person",))

    def dateline_country(self, doc: Doc) -> str | None:
        """The country of a wire story's dateline ("WASHINGTON, March 29 -"): where its officials
        speak from and where a visit that names no destination goes."""
        for sent in sentences(doc)[:4]:
            words = [t for t in tokens(sent) if not t.is_space]
            if not words or not words[0].is_upper or len(words) > 10:
                continue
            m = self.at(words[0].i)
            if m and m.kind == "Country" and (words[-1].text in ("-", "–", "—", "--") or len(words) <= 6):
                return m.key
        return None

    def of_token(self, tok: Token) -> Mention | None:
        """The mention a syntactic head token belongs to (its own or one in its compound/subtree)."""
        m = self.at(tok.i)
        if m:
            return m
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "amod", "nmod") and self.at(child.i):
                found = self.at(child.i)
                if found and found.kind in AGENT_CLASSES:
                    return found
        return None


PRONOUNS = lexicon.words("person_pronouns")


GROUP_PRONOUNS = lexicon.words("group_pronouns")
COLLECTIVE_NOUNS = lexicon.words("collective_nouns")


GROUP_WORDS = lexicon.words("group_phrases")
# nouns for the people or bodies a country acts through: "the Chinese delegation", "French officials"
SIDE_NOUNS = COLLECTIVE_NOUNS | lexicon.words("side_nouns")
GROUP_PREPS = ("for", "of", "from", "in", "at")


def demonym_sides(tok: Token, index: ActorIndex) -> list[Mention]:
    """The countries whose demonyms modify a noun, coordinated ones included: "Iranian and Saudi officials"."""
    modifiers = [c for c in tok.children if c.dep_ in ("amod", "compound")]
    keys = [index.demonyms[d.i] for c in modifiers for d in (c, *c.conjuncts) if d.i in index.demonyms]
    return [Mention(k, "Country", tok.i, tok.i + 1, tok.text) for k in dict.fromkeys(keys) if index.actors.get(k)]


def group_side(tok: Token, index: ActorIndex) -> str | None:
    """The country or body a generic state organ stands for: "U.S. officials", "the Chinese side",
    "Palestinian officials", "a spokesman for the government of Kenya", "officials in Washington",
    "the foreign ministry of Japan". None when the text does not say whose it is ("diplomats said")."""
    from kg.extract.triggers import state_agent

    phrase = " ".join(t.lower_ for t in tok.lefts if t.dep_ == "compound") + " " + tok.lower_
    if not (state_agent(tok.lower_) or state_agent(phrase.strip()) or tok.lower_ in COLLECTIVE_NOUNS):
        return None
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i in index.demonyms:
            return index.demonyms[c.i]
        if c.dep_ in ("amod", "compound", "nmod", "poss"):
            m = index.at(c.i)
            if m and m.kind in ("Country", "Organization"):
                return m.key
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in GROUP_PREPS:
            for p in c.children:
                m = index.of_token(p) if p.dep_ == "pobj" else None
                if m and m.kind in ("Country", "Organization"):
                    return m.key
                if p.dep_ == "pobj" and p.lower_ in COLLECTIVE_NOUNS | {"ministry"}:
                    return group_side(p, index)  # "a spokesman for the Chinese government"
    return None


def refer(tok: Token, index: ActorIndex, group: tuple[str, ...] = ()) -> list[str]:
    """The actors a subject token stands for: its own name, a person in apposition ("Brazil's
    finance minister Fernando Haddad"), a possessor ("Brazil's ambassador"), a pronoun's
    antecedent, or the group of the meeting in question ("the two leaders", "they")."""
    keys: list[str] = []
    m = index.at(tok.i)
    sides = demonym_sides(tok, index) if m is None else []
    if len(sides) > 1 and group_side(tok, index):  # "German and French officials said": both
        return [s.key for s in sides]
    if m is None:
        m = next(
            (
                index.at(c.i)
                for c in tok.children
                if c.dep_ in ("appos", "compound") and index.at(c.i) and index.at(c.i).kind == "Person"
            ),
            None,
        )
    if m is None:
        m = index.of_token(tok)
    if m and m.kind in AGENT_CLASSES:
        keys.append(m.key)
    elif group_side(tok, index):
        # "the Chinese side stated ...", "U.S. officials said ...", "a spokesman for the ministry of X": the country
        keys.append(group_side(tok, index))
    elif tok.lower_ in PRONOUNS:
        ante = index.person_antecedent(tok)
        if ante:
            keys.append(ante.key)
    else:
        phrase = tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text.lower()
        if group and (tok.lower_ in GROUP_PRONOUNS or any(w in phrase for w in GROUP_WORDS)):
            keys.extend(group)
    for conj in tok.conjuncts:
        cm = index.of_token(conj)
        if cm and cm.kind in AGENT_CLASSES:
            keys.append(cm.key)
    return keys
