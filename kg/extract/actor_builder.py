"""The working state of actor extraction for one article, shared by extract.actors (names,
people, descriptions) and extract.roles (titles, appositions, sides)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.mentions import ActorIndex, Mention
from kg.extract.tokens import evidence
from kg.model import Article, Provenance, Relation
from kg.text.reference import Reference

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


class ActorBuilder:
    """One article's actors while extract.actors finds them: the mentions found so far (index),
    each actor's kind, surface forms and roles, and the relations from titles and appositions.
    extract.roles adds roles and sides to it."""

    def __init__(self, doc: Doc, article: Article, ref: Reference) -> None:
        self.doc, self.article, self.ref = doc, article, ref
        self.text = doc.text  # Doc.text joins every token each time it is read: once per document
        self.index = ActorIndex()
        self.kinds: dict[str, str] = {}
        self.aliases: dict[str, set[str]] = {}
        self.roles: dict[str, set[str]] = {}
        self.rel_seen: set[tuple[str, str, str]] = set()
        self.serves: dict[str, str] = {}  # person -> country whose office they hold (not its leader)

    def prov(self, span: Span) -> Provenance:
        sent = span.sent
        return Provenance(self.article.id, evidence(self.article, sent), span.start_char, span.end_char)

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

    def rename(self, old: str, new: str) -> None:
        """Every mention of `old` becomes one of `new` ("Abu Mazen" once the text says it is Mahmoud Abbas)."""
        if old == new or old not in self.kinds:
            return
        for i, m in enumerate(self.index.mentions):
            if m.key == old:
                self.index.mentions[i] = renamed = Mention(new, self.kinds.get(new, m.kind), m.start, m.end, m.text)
                for t in range(m.start, m.end):
                    self.index._by_token[t] = renamed
        self.aliases.setdefault(new, set()).update(self.aliases.pop(old, set()) | {old})
        self.kinds.setdefault(new, self.kinds[old])
        del self.kinds[old]

    def relate(self, subject: str, predicate: str, obj: str, span: Span, confidence: float = 0.7) -> None:
        if subject == obj or (subject, predicate, obj) in self.rel_seen:
            return
        if predicate != "role" and obj not in self.kinds and obj in self.ref.actors:
            self.kinds[obj] = self.ref.actors[obj].kind  # "French President Macron": France is in the graph too
        self.rel_seen.add((subject, predicate, obj))
        self.index.relations.append(Relation(subject, predicate, obj, self.prov(span), confidence))
