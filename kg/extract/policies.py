"""Policies: named doctrines, strategies, measures, agreements and pledges, with proponents and targets."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.actors import ActorIndex
from kg.model import Article, Policy, Provenance

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

POLICY_HEADS = {
    "policy", "doctrine", "strategy", "tariff", "tariffs", "agreement", "deal", "pledge", "commitment", "budget",
    "sanction", "sanctions", "initiative", "treaty", "accord", "framework", "pact", "spending", "ban", "control",
    "controls", "embargo", "levy", "levies", "duty", "duties", "quota", "program", "programme", "plan", "vision",
    "agenda", "partnership", "investment", "target", "guideline", "guidelines", "law", "act", "measure", "measures",
    "subsidy", "subsidies", "restriction", "restrictions",
}
# Heads that need a distinctive modifier to be a policy (a bare "the plan" is not one).
WEAK_HEADS = {"plan", "program", "programme", "investment", "target", "law", "act", "measure", "measures", "partnership", "vision", "agenda", "framework", "control", "spending", "commitment", "deal", "agreement", "budget"}
GENERIC_MODIFIERS = {
    "foreign", "new", "this", "that", "its", "their", "his", "her", "our", "the", "a", "an", "such", "same", "other",
    "current", "previous", "domestic", "economic", "overall", "broader", "own", "any", "some", "these", "those",
    "first", "second", "major", "key", "important", "recent", "future", "long", "term", "long-term", "bilateral",
}
TARGET_PREPS = {"on", "against", "toward", "towards", "at", "for"}
PROPONENT_VERBS = {"implement", "impose", "adopt", "uphold", "push", "pursue", "announce", "launch", "introduce", "propose", "enact", "unveil", "pledge", "promote", "threaten", "levy", "slap", "raise", "approve", "sign", "maintain", "continue", "plan", "seek", "make", "set"}
QUOTED_RE = re.compile(r"[\"“‘']([A-Z][^\"”’'\n]{2,60}?)[\"”’']\s*(policy|doctrine|strategy|initiative|agenda|vision|plan|principle|approach)?")
NUMBER_RE = re.compile(r"\d")


def _is_named(chunk: Span, head: Token) -> bool:
    mods = [t for t in chunk if t.i != head.i and not t.is_punct and t.dep_ not in ("det", "poss", "case")]
    meaningful = [t for t in mods if t.lower_ not in GENERIC_MODIFIERS]
    if not meaningful:
        return False
    if head.lower_ in WEAK_HEADS or head.lemma_ in WEAK_HEADS:
        return any(t.pos_ == "PROPN" or NUMBER_RE.search(t.text) or t.pos_ in ("ADJ", "NOUN") for t in meaningful) and len(meaningful) >= 1
    return True


def _label(span: Span, index: ActorIndex) -> str:
    tokens = list(span)
    while tokens and (tokens[0].dep_ in ("det", "poss", "case") or tokens[0].is_punct or tokens[0].text in ("'s", "’s") or index.at(tokens[0].i) and tokens[0].dep_ == "poss"):
        tokens = tokens[1:]
    while tokens and tokens[0].text in ("'s", "’s"):
        tokens = tokens[1:]
    text = span.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else span.text
    return text.strip(" \"“”‘’'")


def _proponents(head: Token, span: Span, index: ActorIndex) -> list[str]:
    keys: list[str] = []
    for tok in span:
        if tok.dep_ in ("poss", "compound", "amod", "nmod") or tok.i < head.i:
            m = index.at(tok.i)
            if m and m.kind in ("Person", "Country", "Organization"):
                keys.append(m.key)
    # the subject of the verb governing the policy ("The US plans to implement reciprocal tariffs")
    verb = head.head
    hops = 0
    while verb is not None and hops < 4:
        if verb.pos_ in ("VERB", "AUX"):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            for s in subjects:
                m = index.of_token(s)
                if m and m.kind in ("Person", "Country", "Organization") and verb.lemma_ not in ("face", "oppose", "criticize", "fear"):
                    keys.append(m.key)
            if subjects:
                break
        if verb.head.i == verb.i:
            break
        verb = verb.head
        hops += 1
    return list(dict.fromkeys(keys))


def _targets(head: Token, sent: Span, index: ActorIndex, proponents: list[str]) -> list[str]:
    keys: list[str] = []
    anchors = [head, head.head]
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ == "prep" and prep.lower_ in TARGET_PREPS | {"from", "of", "with"}:
                for tok in prep.subtree:
                    m = index.at(tok.i)
                    if m and m.kind in ("Country", "Organization", "Person"):
                        keys.append(m.key)
                    elif tok.i in index.demonyms and prep.lower_ in TARGET_PREPS | {"of"}:
                        keys.append(index.demonyms[tok.i])
    return [k for k in dict.fromkeys(keys) if k not in proponents]


def extract_policies(doc: Doc, article: Article, *, actors: ActorIndex) -> list[Policy]:
    out: list[Policy] = []
    seen: set[tuple[str, int]] = set()
    for sent in doc.sents:
        candidates: list[tuple[Span, Token]] = []
        for m in QUOTED_RE.finditer(sent.text):
            start = sent.start_char + m.start(1)
            end = sent.start_char + (m.end(2) if m.group(2) else m.end(1))
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) > 8:
                continue
            quoted_words = m.group(1).split()
            has_head = bool(m.group(2)) or quoted_words[-1].lower() in POLICY_HEADS
            if has_head and len(quoted_words) <= 6:
                candidates.append((span, span.root))
        for chunk in sent.noun_chunks:
            head = chunk.root
            if head.lower_ in POLICY_HEADS or head.lemma_.lower() in POLICY_HEADS:
                full = doc[chunk.start : head.right_edge.i + 1] if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children) else chunk
                if len(full) > 12:
                    full = chunk
                if _is_named(chunk, head):
                    candidates.append((full, head))
        for span, head in candidates:
            label = _label(span, actors)
            if len(label.split()) < 1 or not label or (label.lower(), span.start) in seen:
                continue
            if any(s <= span.start < e for _, s, e in [(None, c.start, c.end) for c, _ in candidates if c is not span and c.start <= span.start and c.end >= span.end and (c.end - c.start) > (span.end - span.start)]):
                continue
            seen.add((label.lower(), span.start))
            proponents = _proponents(head, span, actors)
            targets = _targets(head, sent, actors, proponents)
            out.append(
                Policy(
                    label=label,
                    prov=Provenance(article.id, sent.text.strip(), span.start_char, span.end_char),
                    proponents=tuple(proponents),
                    targets=tuple(targets),
                    confidence=0.7 if proponents else 0.5,
                )
            )
    return out
