"""Meetings (summits, visits, talks) with participants, dates, place, kind and status.

A sentence reports a meeting when a trigger (meet, visit, summit, talks, sit-down, ...) has
participants attached to it in the dependency parse: the subject and "with" object of "met",
"between X and Y", "the Trump–Ishiba summit", "Ishiba's visit to the US", "joined by X",
"during a meeting with X, Y said". A meeting needs two sides: two leaders of one country
meeting each other, or a leader "meeting" their own country, is not diplomacy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.mentions import ActorIndex, Mention
from kg.model import Article, Meeting, Provenance
from kg.text.dates import add_days, narrative_refs, resolve_date
from kg.vocab import AGENT_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

VERB_TRIGGERS = lexicon.table("meeting_verbs")
NOUN_TRIGGERS = lexicon.table("meeting_nouns")
NOMINAL_DEPS = {
    "dobj",
    "nsubj",
    "nsubjpass",
    "pobj",
    "attr",
    "appos",
    "conj",
}  # a tagger may call "sit-down" an adjective
KIND_WORDS = lexicon.table("meeting_kind_modifiers")
INTENT_WORDS = lexicon.words("intent_words")
GROUP_WORDS = lexicon.words("meeting_group_phrases")
GROUP_NOUNS = lexicon.words("group_nouns")


def _triggers(sent: Span) -> Iterable[tuple[Token, str]]:
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in VERB_TRIGGERS:
            if lemma == "join" and not any(c.dep_ == "agent" for c in tok.children):
                continue
            if lemma in ("host", "receive") and not any(c.dep_ == "dobj" for c in tok.children):
                continue
            yield tok, VERB_TRIGGERS[lemma]
        elif (
            tok.lower_ == "talk"
            and tok.pos_ == "NOUN"
            and any(c.lower_ in ("bilateral", "trilateral") for c in tok.lefts)
        ):
            yield tok, "talks"  # "a bilateral talk with PM Modi"
        elif (tok.pos_ in ("NOUN", "PROPN") or tok.dep_ in NOMINAL_DEPS) and (
            tok.lower_ in NOUN_TRIGGERS or lemma in NOUN_TRIGGERS
        ):
            kind = NOUN_TRIGGERS.get(tok.lower_) or NOUN_TRIGGERS[lemma]
            for left in tok.lefts:
                kind = KIND_WORDS.get(left.lower_, kind)
            if kind == "visit" and any(left.lower_ == "summit" for left in tok.lefts):
                kind = "summit"
            yield tok, kind


EVENT_WORDS = lexicon.words("event_words")  # "the East Asia Summit" takes part in nothing
HOLD_VERBS = lexicon.words("hold_verbs")


def _mentions(tok: Token, index: ActorIndex, kinds: tuple[str, ...] = AGENT_CLASSES) -> list[Mention]:
    """The actors a participant token names, with its coordinated siblings and appositions
    ("a former prime minister ..., Taro Aso, met")."""
    found = []
    for t in [tok, *tok.conjuncts]:
        if _bracketed(t):
            continue  # "BRASILIA (Reuters) -": the agency in a dateline takes part in nothing
        # its own name first, then an apposition, and only then a possessor or modifier
        m = index.at(t.i)
        if m is None:
            m = next((index.at(c.i) for c in t.children if c.dep_ == "appos" and index.at(c.i)), None)
        if m is None:
            m = index.of_token(t)
        if m is None and t.lower_ in GROUP_NOUNS:  # "a delegation from the PLA Eastern Theater Command"
            m = next(
                (
                    index.of_token(p)
                    for c in t.children
                    if c.dep_ == "prep" and c.lower_ in ("from", "of")
                    for p in c.children
                    if p.dep_ == "pobj" and index.of_token(p)
                ),
                None,
            )
        if m is None and t.lower_ in GROUP_NOUNS and "Country" in kinds:  # "the Japanese delegation"
            country = next(
                (index.demonyms[c.i] for c in t.children if c.dep_ in ("amod", "compound") and c.i in index.demonyms),
                None,
            )
            if country and index.actors.get(country):
                m = Mention(country, "Country", t.i, t.i + 1, t.text)
        if m and m.kind in kinds and m.key.split()[-1].lower() not in EVENT_WORDS:
            found.append(m)
    return found


def _named_in(tok: Token, index: ActorIndex, kinds: tuple[str, ...] = AGENT_CLASSES) -> list[str]:
    """Every actor named in a phrase: "leaders of Japan's LDP and Komeito" -> Japan, LDP, Komeito."""
    keys = []
    for t in tok.subtree:
        m = index.at(t.i)
        if m and m.kind in kinds and m.key.split()[-1].lower() not in EVENT_WORDS:
            keys.append(m.key)
    return list(dict.fromkeys(keys))


def _their(trigger: Token, index: ActorIndex) -> list[str]:
    """ "leaders of A and B, during their trip": the group noun of the sentence that "their" stands for."""
    if not any(c.dep_ == "poss" and c.lower_ == "their" for c in trigger.children):
        return []
    for t in reversed(list(trigger.sent)[: trigger.i - trigger.sent.start]):
        if t.lower_ in GROUP_NOUNS:
            found = [
                k
                for c in t.children
                if c.dep_ == "prep" and c.lower_ in ("of", "from")
                for p in c.children
                if p.dep_ == "pobj"
                for k in _named_in(p, index, ("Country", "Organization"))
            ]
            if found:
                return found
    return []


def _bracketed(tok: Token) -> bool:
    doc = tok.doc
    return 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")"


def _subject_mentions(verb: Token, index: ActorIndex, group: tuple[str, ...]) -> list[str]:
    keys: list[str] = []
    if verb.dep_ == "relcl":  # "Aso, who met with Trump": the relative clause's noun is the subject
        keys += [m.key for m in _mentions(verb.head, index)]
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            keys += [m.key for m in _mentions(c, index)]
            phrase = verb.doc[c.left_edge.i : c.right_edge.i + 1].text.lower()
            if c.lower_ in ("he", "she"):
                ante = index.person_antecedent(c)
                keys += [ante.key] if ante else []
            elif c.lower_ == "it" and verb.dep_ == "ccomp":  # "Argentina said it would host a summit"
                keys += [
                    m.key
                    for s in verb.head.children
                    if s.dep_ == "nsubj"
                    for m in _mentions(s, index, ("Country", "Organization"))
                ]
            elif any(g in phrase for g in GROUP_WORDS) or c.lower_ == "they":
                keys += list(group)
    return keys


MEETING_NOUN_PREPS = lexicon.words("meeting_noun_prepositions")


def _participants(trigger: Token, index: ActorIndex, group: tuple[str, ...]) -> list[str]:
    doc = trigger.doc
    keys: list[str] = []
    if trigger.pos_ == "VERB":
        keys += _subject_mentions(trigger, index, group)
        if not keys and trigger.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in trigger.head.children):
            # "Modi invited Putin to visit India": the one invited is the visitor
            keys += [m.key for c in trigger.head.children if c.dep_ == "dobj" for m in _mentions(c, index)]
        if (
            not keys
            and trigger.dep_ == "acl"
            and trigger.head.dep_ in ("dobj", "nsubj")
            and trigger.head.head.pos_ in ("VERB", "AUX")
        ):
            keys += _subject_mentions(trigger.head.head, index, group)  # "Putin announced plans to visit China"
        if not keys and trigger.dep_ in ("xcomp", "advcl", "conj", "pcomp"):
            keys += _subject_mentions(trigger.head, index, group)
            if trigger.dep_ == "pcomp" and trigger.head.head.pos_ in (
                "VERB",
                "AUX",
            ):  # "Before visiting the US, he ..."
                keys += _subject_mentions(trigger.head.head, index, group)
        visiting = trigger.lemma_.lower() in ("visit", "tour")
        for c in trigger.children:
            if c.dep_ in ("dobj", "attr"):  # one visits a country or a person, not a factory
                if (
                    trigger.lemma_.lower() == "meet"
                    and not index.at(c.i)
                    and not any(index.at(a.i) for a in c.children if a.dep_ == "appos")
                ):
                    return []  # "to meet Israel's goal", "meet the demand": no one is met
                keys += [m.key for m in _mentions(c, index, ("Person", "Country") if visiting else AGENT_CLASSES)]
            elif c.dep_ == "prep" and c.lower_ in ("with", "in", "to"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        keys += [m.key for m in _mentions(p, index) if c.lower_ == "with" or m.kind == "Country"]
            elif c.dep_ == "agent":
                for p in c.children:
                    keys += [m.key for m in _mentions(p, index)]
        return keys
    # a noun trigger: names before it ("the Trump-Ishiba summit", "Ishiba's visit") ...
    head = trigger.head
    for i in range(trigger.left_edge.i, trigger.i):
        m = index.at(i)
        if (
            m
            and m.kind in AGENT_CLASSES
            and doc[i].head.i in (trigger.i, *[t.i for t in trigger.lefts])
            or (m and m.kind in AGENT_CLASSES and doc[i].dep_ in ("compound", "poss", "nmod", "amod"))
        ):
            keys.append(m.key)
        elif i in index.demonyms and doc[i].head.i == trigger.i:
            keys.append(index.demonyms[i])
    theirs = _their(trigger, index)
    keys += theirs
    # ... "between X and Y", "with X", "to the US", "by Prime Minister Kishida"
    for c in trigger.children:
        if c.dep_ == "prep" and c.lower_ in MEETING_NOUN_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    keys += [m.key for m in _mentions(p, index) if c.lower_ != "to" or m.kind == "Country"]
                    if c.lower_ == "of" and not index.at(p.i):  # "a meeting of the China-Japan exchange mechanism"
                        for u in (u for t in p.lefts if t.dep_ in ("compound", "nmod", "amod") for u in t.subtree):
                            if index.at(u.i) and index.at(u.i).kind in ("Country", "Organization"):
                                keys.append(index.at(u.i).key)
                            elif u.i in index.demonyms:  # "a meeting of the Franco-German assembly"
                                keys.append(index.demonyms[u.i])
    if trigger.dep_ == "nsubjpass" and head.lemma_.lower() in ("lead", "head"):
        # "The delegation was led by A, secretary general of the B, and C": the leaders and the bodies they lead
        keys += [
            k
            for c in head.children
            if c.dep_ == "agent"
            for p in c.children
            for k in _named_in(p, index, ("Person", "Organization"))
        ]
    # "X held a summit with Y", "during a meeting with X, Y said", "both men were joined"
    if trigger.dep_ in ("dobj", "attr") and head.lemma_.lower() in HOLD_VERBS or trigger.dep_ == "nsubjpass":
        keys += _subject_mentions(head, index, group)
    elif trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX") and not theirs:
        keys += _subject_mentions(head.head, index, group)  # not "X asked A and B, during their trip, ..."
    return keys


def _definite(trigger: Token) -> bool:
    """ "The delegation", "the visit": an event the text has already introduced."""
    return trigger.pos_ != "VERB" and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in trigger.children)


PLAN_VERBS = lexicon.words("plan_verbs")


def _planned(trigger: Token) -> bool:
    """ "will visit", "plans to meet", "is expected to visit"; not "will come after X met Y"."""
    tok = trigger
    for _ in range(3):
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if aux & {"will", "shall", "'ll"} or tok.lemma_ in PLAN_VERBS:
            return True
        if tok.head.i == tok.i or tok.dep_ not in ("xcomp", "conj", "acl", "dobj", "pobj", "prep", "compound"):
            break  # do not climb out of the trigger's own clause
        tok = tok.head
    return any(t.lower_ in ("upcoming", "planned", "scheduled", "next") for t in trigger.lefts)


def _intent(trigger: Token) -> bool:
    """ "his desire to visit China", "expressed his intention to visit": wished for, not planned."""
    head = trigger.head
    return trigger.dep_ in ("xcomp", "acl", "relcl") and (
        head.lemma_.lower() in INTENT_WORDS or head.lower_ in INTENT_WORDS
    )


def _location(trigger: Token, index: ActorIndex, participants: set[str]) -> str | None:
    """ "met ... in New York", "a summit in Kazan": a place attached to the trigger or its verb,
    not any place the sentence names ("discuss the war in Ukraine")."""
    anchors = [trigger] + ([trigger.head] if trigger.head.pos_ in ("VERB", "AUX") else [])
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "near"):
                for child in prep.children:
                    if child.dep_ == "pobj":
                        m = index.of_token(child)
                        if m and m.kind in ("Place", "Country") and m.key not in participants:
                            return m.key
    return None


def _keep(keys: list[str], index: ActorIndex) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Participants (a country is dropped when one of its leaders is there) and their sides."""
    # events named like actors ("the East Asia Summit") take part in nothing
    keys = [k for k in dict.fromkeys(keys) if k.split()[-1].lower() not in EVENT_WORDS]
    represented = {index.sides.get(k) for k in keys if index.actors.get(k) and index.actors[k].kind == "Person"}
    people_first = [
        k for k in keys if not (index.actors.get(k) and index.actors[k].kind == "Country" and k in represented)
    ]
    sides = tuple(sorted({index.sides.get(k, k) for k in people_first}))
    return tuple(sorted(people_first)), sides


def extract_meetings(doc: Doc, article: Article, *, actors: ActorIndex) -> list[Meeting]:
    meetings: list[Meeting] = []
    sents = list(doc.sents)
    refs = narrative_refs([s.text for s in sents], article.date)
    previous: Meeting | None = None
    previous_at = -10
    for n, (sent, ref) in enumerate(zip(sents, refs)):
        group = previous.participants if previous else ()
        for trigger, kind, keys in _events(sent, actors, group):
            participants, sides = _keep(keys, actors)
            if (
                previous is not None
                and n - previous_at == 1
                and participants
                and _definite(trigger)
                and set(sides) <= set(previous.sides)
            ):
                # "A delegation from X visited Y. The delegation was led by Z.": more of the same event's people
                merged, _ = _keep([*previous.participants, *participants], actors)
                meetings[-1] = previous = dataclasses.replace(previous, participants=merged)
                continue
            if len(participants) < 2 or len(sides) < 2:
                continue
            meeting = _meeting(sent, ref, trigger, kind, participants, sides, actors, article, previous)
            if (
                meeting.start is None
                and previous is not None
                and previous.start
                and n - previous_at <= 2
                and set(participants) & set(previous.participants)
            ):
                # "In mid-January, Ishiba visited Indonesia. During a meeting with Prabowo, ...": same trip
                meeting = dataclasses.replace(
                    meeting, start=previous.start, end=previous.end, date_relative=previous.date_relative
                )
            meetings.append(meeting)
            previous, previous_at = meeting, n
    return meetings


def _events(sent: Span, actors: ActorIndex, group: tuple[str, ...]) -> list[tuple[Token, str, list[str]]]:
    """One event per group of nested triggers: "a state visit ... that included a sit-down with
    Biden" is one meeting; "dialogues between A and B, the meeting of C and D, E's visit to F"
    (siblings in a list) are three."""
    found: list[tuple[Token, str, list[str]]] = []
    for trigger, kind in _triggers(sent):
        if not _intent(trigger):
            found.append((trigger, kind, _participants(trigger, actors, group)))
    tokens = {t.i for t, _, _ in found}

    def top(tok: Token) -> int:
        # climb to the outermost trigger, but a listed item ("talks between A and B, a meeting
        # of C and D") is an event of its own
        best, cur = tok.i, tok
        while cur.head.i != cur.i and cur.dep_ not in ("conj", "appos"):
            cur = cur.head
            if cur.i in tokens:
                best = cur.i
        return best

    groups: dict[int, list[tuple[Token, str, list[str]]]] = {}
    for item in found:
        groups.setdefault(top(item[0]), []).append(item)
    events = []
    for items in groups.values():
        keys = [k for _, _, more in items for k in more]
        kinds = [k for _, k, more in items if more]
        if not kinds:
            continue
        kind = next(
            (k for k in ("trilateral", "summit", "state visit", "talks", "visit", "delegation") if k in kinds), kinds[0]
        )
        # the planned one first: "the first visit ..., where he will meet X" is a plan
        first = max((t for t, _, more in items if more), key=lambda t: (_planned(t), -t.i))
        events.append((first, kind, keys))
    return events


def _meeting(
    sent: Span,
    ref: str | None,
    trigger: Token,
    kind: str,
    participants: tuple[str, ...],
    sides: tuple[str, ...],
    actors: ActorIndex,
    article: Article,
    previous: Meeting | None,
) -> Meeting:
    planned = _planned(trigger)
    # the date in the trigger's own clause first: "talks began in May, and they will hold a summit within the year"
    clause = next((t for t in (trigger, *trigger.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    own = (
        resolve_date(
            sent.doc[clause.left_edge.i : clause.right_edge.i + 1].text, ref, prefer="future" if planned else "past"
        )
        if clause is not None
        else None
    )
    date = own or resolve_date(sent.text, ref, prefer="future" if planned else "past")
    start, end = (date.start, date.end) if date else (None, None)
    relative = bool(date and date.relative)
    text = sent.text.lower()
    if (
        start is None
        and previous is not None
        and previous.start
        and ("the next day" in text or "the following day" in text)
    ):
        start = add_days(previous.start, 1)
    meeting = Meeting(
        participants=participants,
        prov=Provenance(article.id, sent.text.strip(), sent.start_char, sent.end_char),
        start=start,
        end=end,
        location=_location(trigger, actors, set(participants)),
        kind=kind,
        status="planned" if planned else "held",
        confidence=0.8 if sum(1 for k in participants if actors.actors[k].kind == "Person") >= 2 else 0.6,
        sides=sides,
        date_relative=relative,
    )
    return meeting
