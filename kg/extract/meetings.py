"""Meetings (summits, visits, talks) with participants, dates, place, kind and status."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.dates import add_days, resolve_date
from kg.extract.actors import ActorIndex, Mention
from kg.model import Article, Meeting, Provenance

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

VERB_TRIGGERS = {"meet": "meeting", "visit": "visit", "host": "meeting", "join": "meeting", "receive": "meeting"}
NOUN_TRIGGERS = {
    "summit": "summit", "meeting": "meeting", "talk": "talks", "talks": "talks", "visit": "visit",
    "sit-down": "meeting", "trip": "visit", "delegation": "delegation", "call": "call", "phone call": "call",
}
KIND_WORDS = {"trilateral": "trilateral", "bilateral": "meeting", "state": "state visit"}
FUTURE_MARKERS = {"will", "shall", "plan", "plans", "planned", "planning", "scheduled", "expected", "upcoming", "would", "to", "next"}
GROUP_WORDS = ("the two leaders", "both leaders", "both men", "the two men", "the leaders", "the two sides", "both sides", "the two")
PARTICIPANT_KINDS = ("Person",)


def _trigger(sent: Span) -> tuple[Token, str] | None:
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in VERB_TRIGGERS:
            if lemma == "join" and not any(c.dep_ == "agent" or c.lower_ == "by" for c in tok.children):
                continue
            if lemma in ("host", "receive") and not any(c.dep_ == "dobj" for c in tok.children):
                continue
            return tok, VERB_TRIGGERS[lemma]
    for tok in sent:
        text = tok.lower_
        if tok.pos_ in ("NOUN", "PROPN") and (text in NOUN_TRIGGERS or tok.lemma_.lower() in NOUN_TRIGGERS):
            kind = NOUN_TRIGGERS.get(text) or NOUN_TRIGGERS[tok.lemma_.lower()]
            if kind == "call" and not any(c.lower_ in ("phone", "telephone", "video") for c in tok.lefts):
                continue
            for left in tok.lefts:
                if left.lower_ in KIND_WORDS:
                    kind = KIND_WORDS[left.lower_] if left.lower_ != "bilateral" else kind
            return tok, kind
    return None


def _planned(sent: Span, trigger: Token) -> bool:
    window = [t.lower_ for t in sent[max(0, trigger.i - sent.start - 4) : trigger.i - sent.start + 1]]
    if trigger.pos_ == "VERB":
        aux = [c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")]
        if "will" in aux or "shall" in aux or trigger.head.lemma_ in ("plan", "schedule", "expect", "confirm", "agree", "hope"):
            return True
    return any(w in ("upcoming", "planned", "scheduled", "will", "next") for w in window)


def _participants(sent: Span, index: ActorIndex, previous: Meeting | None) -> list[Mention]:
    people = _unique(index.within(sent.start, sent.end, ("Person",)))
    found = people
    if len(found) < 2:
        countries = _unique(index.within(sent.start, sent.end, ("Country",)))
        if len(people) == 1:
            # "Ishiba will visit the U.S.": the visitor and the country visited
            found = people + [c for c in countries if c.key != people[0].key][:1]
        elif len(countries) >= 2:
            found = countries[:3]
    return found


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for m in mentions:
        seen.setdefault(m.key, m)
    return list(seen.values())


def _location(sent: Span, index: ActorIndex, participants: set[str]) -> str | None:
    for tok in sent:
        if tok.lower_ in ("in", "at") and tok.dep_ == "prep":
            for child in tok.children:
                if child.dep_ == "pobj":
                    m = index.of_token(child)
                    if m and m.kind in ("Place", "Country") and m.key not in participants:
                        return m.key
    return None


def extract_meetings(doc: Doc, article: Article, *, actors: ActorIndex) -> list[Meeting]:
    meetings: list[Meeting] = []
    previous: Meeting | None = None
    for sent in doc.sents:
        found = _trigger(sent)
        if found is None:
            continue
        trigger, kind = found
        mentions = _participants(sent, actors, previous)
        text = sent.text.lower()
        if len(mentions) < 2 and previous is not None and any(g in text for g in GROUP_WORDS):
            keys = set(previous.participants) | {m.key for m in mentions}
        else:
            keys = {m.key for m in mentions}
        if len(keys) < 2:
            continue
        planned = _planned(sent, trigger)
        date = resolve_date(sent.text, article.date, prefer="future" if planned else "past")
        start = date.start if date else None
        end = date.end if date else None
        if start is None and previous is not None and ("the next day" in text or "the following day" in text) and previous.start:
            start = add_days(previous.start, 1)
        location = _location(sent, actors, keys)
        prov = Provenance(article.id, sent.text.strip(), sent.start_char, sent.end_char)
        meeting = Meeting(
            participants=tuple(sorted(keys)),
            prov=prov,
            start=start,
            end=end,
            location=location,
            kind=kind,
            status="planned" if planned else "held",
            confidence=0.8 if any(m.kind == "Person" for m in mentions) else 0.6,
        )
        meetings.append(meeting)
        previous = meeting
    return meetings
