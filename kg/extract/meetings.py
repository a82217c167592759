"""Meetings (summits, visits, talks, calls) with participants, dates, place, kind and status.

A sentence reports a meeting when a trigger has participants attached to it in the dependency
parse. Triggers come from the lexicons (`kg.extract.triggers`): verbs of the CAMEO consultation
classes (MEET "met", "conferred"; CALL "telephoned"; VISIT "visited"; TRAVEL "flew to", "arrived
in"; HOST "received", "hosted"; GATHER "gathered", "convened"; NEGOTIATE "opened talks";
SIGN "signed the accord") and event nouns ("summit", "talks", "visit", "phone call").

Participants come from frames around the trigger: its subject (through relative clauses, control
and raising verbs: "X is reported to be hoping to hold a meeting with Y"), object, "with",
"between", "among" and "by" phrases, possessors and compounds of an event noun ("Lula's visit",
"the Trump-Ishiba summit"), the destination of a visit ("to the US", "in Nairobi"), and the
subject of the verb that holds, attends, plans or cancels the event. A meeting needs two sides:
two leaders of one country meeting each other is not diplomacy. A body meeting on its own
("OPEC ministers met in Vienna") and a visit to a place ("an appearance in Davos") are meetings too.

Status: "planned" for a future ("will meet", "is to visit", "is due in", "plans to meet", "X and Y
to meet" in a headline, a date after publication), "cancelled" when a verb calls it off, else
"held". "Talks with A and B" of different countries are two meetings, not a trilateral one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.frames import EVENT_WORDS, GROUP_NOUNS, mentions_of, named_in, subject_of
from kg.extract.mentions import ActorIndex
from kg.extract.tokens import evidence, sentences, tokens
from kg.extract.triggers import classes, event_noun
from kg.model import Article, Meeting, Provenance
from kg.text.dates import DateRange, add_days, narrative_refs, resolve_date
from kg.text.reference import load_reference
from kg.vocab import AGENT_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# in order of precedence: "visited X for talks" is a visit to X; "arrived for talks" too
MEETING_CLASSES = ("VISIT", "TRAVEL", "SIGN", "HOST", "CALL", "NEGOTIATE", "MEDIATE", "GATHER", "MEET")
KIND_OF = lexicon.table("meeting_class_kinds")
# classes of a verb that takes part in an event it governs ("held talks", "planned a visit", "called off the summit")
HOLDING_CLASSES = {
    "MEET",
    "NEGOTIATE",
    "VISIT",
    "TRAVEL",
    "HOST",
    "MEET_INTENT",
    "CANCEL",
    "INTEND",
    "MEDIATE",
    "GATHER",
}
# CAMEO files "make a visit" under intent to meet: only verbs of planning and inviting make a plan
PLAN_CLASSES = {"INTEND", "INVITE"}
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
ACTORS = AGENT_CLASSES
HOLD_VERBS = lexicon.words("hold_verbs")
DESTINATION_PREPS = lexicon.words("destination_prepositions")
FUTURE_AUX = lexicon.words("future_auxiliaries")
PLAN_WORDS = lexicon.words("plan_verbs")
UPCOMING = lexicon.words("upcoming_words")
PRELUDE_WORDS = lexicon.words("prelude_words")
HOSPITALITY_NOUNS = lexicon.words("hospitality_nouns")
JOINT_WORDS = lexicon.words("joint_words")
PHONE_WORDS = lexicon.words("phone_words")
TOPIC_VERBS = lexicon.words("topic_verbs")  # "discussed Cyprus", "negotiated a deal": a topic, not a partner
PARTNER_PREPS = lexicon.words("partner_prepositions")
DESTINATION_NOUNS = lexicon.words("destination_nouns")


@dataclass
class Frame:
    """The actors around one trigger: those on its own side (subjects, possessors) and partners (objects,
    "with" phrases), a destination of a visit, and whether it is a visit to somewhere."""

    agents: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    destination: list[str] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [*self.agents, *self.partners, *self.destination]


def _meeting_class(tok: Token) -> str | None:
    """The meeting class of a verb ("met" MEET, "flew to" TRAVEL), or None."""
    if tok.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in tok.children):
        return None  # "did not meet"
    found = classes(tok)
    if tok.lemma_.lower() == "call" and not (_called_someone(tok) or _by_phone(tok)):
        return None  # "called for talks", "called on Japan to ...", "called him a liar"
    if tok.lemma_.lower() == "join" and any(c.dep_ == "agent" for c in tok.children):
        return "MEET"  # "both men were joined by ..."
    return next((c for c in MEETING_CLASSES if c in found), None)


def _called_someone(tok: Token) -> bool:
    """ "Biden called Netanyahu on Sunday", "called his counterpart to demand ...": a person as the object,
    not named as something ("called him a liar") nor called on or for."""
    kids = list(tok.children)
    return (
        any(c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.lower_ in GROUP_NOUNS) for c in kids)
        and not any(c.dep_ in ("oprd", "ccomp", "dative") for c in kids)
        and not any(c.dep_ == "prep" and c.lower_ in ("for", "on", "as") and not _when(c) for c in kids)
    )


def _by_phone(tok: Token) -> bool:
    """ "spoke by phone", "conferred over the telephone", "talked in a video call"."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("by", "over", "on", "in", "via")
        and any(p.lower_ in PHONE_WORDS for p in c.subtree)
        for c in tok.children
    )


def _triggers(sent: Span) -> Iterable[tuple[Token, str, str]]:
    """(token, class, kind) for every verb or noun of the sentence that can report a meeting."""
    for tok in tokens(sent):
        cls = _meeting_class(tok)
        if (
            cls is None
            and tok.lower_ == "due"
            and tok.dep_ == "acomp"
            and any(c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS for c in tok.children)
        ):
            cls = "TRAVEL"  # "the premier is due in Seoul next week"
        if cls:
            yield tok, cls, "call" if cls in ("MEET", "NEGOTIATE") and _by_phone(tok) else KIND_OF[cls]
            continue
        if (
            tok.lower_ == "talk"
            and tok.pos_ == "NOUN"
            and any(c.lower_ in ("bilateral", "trilateral", "peace") for c in tok.lefts)
        ):
            yield tok, "EVENT", "talks"  # "a bilateral talk with PM Modi"
            continue
        noun = event_noun(tok) if tok.pos_ in ("NOUN", "PROPN") or tok.dep_ in NOMINAL_DEPS else None
        if noun is None:
            continue
        if noun.needs == "partner" and not _has_partner(tok) and not (noun.kind == "call" and _phoned(tok)):
            continue
        kind = noun.kind
        if kind == "call" and any(c.dep_ == "prep" and c.lower_ == "on" and not _when(c) for c in tok.children):
            kind = "meeting"  # "a courtesy call on the President" is a visit in person
        for left in tok.lefts:
            kind = KIND_WORDS.get(left.lower_, kind)
        if kind == "visit" and any(left.lower_ == "summit" for left in tok.lefts):
            kind = "summit"
        yield tok, "EVENT", kind


def _has_partner(tok: Token) -> bool:
    """ "talks with X", "a conversation between A and B", "his call to Putin", "Lula's dinner for Xi"."""
    return any(c.dep_ == "prep" and c.lower_ in PARTNER_PREPS and not _when(c) for c in tok.children) or any(
        c.dep_ in ("poss", "compound", "amod") and c.pos_ in ("PROPN", "ADJ") for c in tok.lefts
    )


def _when(prep: Token) -> bool:
    """ "on Friday", "for two hours": a preposition whose object is a date or a time, not a partner."""
    return any(p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in prep.children)


def _phoned(tok: Token) -> bool:
    """ "a phone call", "a video call": a conversation at a distance even when no partner is named."""
    return any(c.lower_ in ("phone", "telephone", "video", "conference") for c in tok.lefts)


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
                for k in named_in(p, index, ("Country", "Organization"))
            ]
            if found:
                return found
    return []


def _destination(prep: Token, index: ActorIndex) -> list[str]:
    """Where a visit goes: "to the US", "in Nairobi" (a capital is its country), "to Davos" (a place)."""
    out = []
    for p in prep.children:
        if p.dep_ == "pobj":
            for m in mentions_of(p, index, ("Country", "Place", "Person", "Organization")):
                out.append(m.key)
            for c in p.children:  # "Kenya's biggest shantytown"
                if c.dep_ == "poss" and index.at(c.i) and index.at(c.i).kind in ("Country", "Place"):
                    out.append(index.at(c.i).key)
    return out


def _verb_frame(trigger: Token, cls: str, index: ActorIndex, group: tuple[str, ...]) -> Frame:
    frame = Frame(agents=subject_of(trigger, index, group))
    kids = list(trigger.children)
    if not frame.agents and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in trigger.children):
        return Frame()  # "the Israeli prime minister met A and B": an unknown subject, not A meeting B
    visiting = cls in ("VISIT", "TRAVEL")
    for c in trigger.children:
        if c.dep_ in ("dobj", "attr"):  # one visits a country or a person, not a factory
            if trigger.lemma_.lower() in TOPIC_VERBS:
                continue  # "discussed Cyprus at a dinner": what was discussed takes part in nothing
            if (
                cls in ("MEET", "CALL")
                and not index.at(c.i)
                and not any(index.at(a.i) for a in c.children if a.dep_ == "appos")
                and c.lower_ not in GROUP_NOUNS
            ):
                return Frame()  # "to meet Israel's goal", "meet the demand": no one is met
            kinds = ("Person", "Country", "Place") if visiting else ACTORS
            if visiting:
                frame.destination += [m.key for m in mentions_of(c, index, kinds)]
                frame.destination += [
                    index.at(p.i).key
                    for p in c.children
                    if p.dep_ == "poss" and index.at(p.i) and index.at(p.i).kind in ("Country", "Place")
                ]
            else:
                frame.partners += [m.key for m in mentions_of(c, index, kinds)]
        elif c.dep_ in ("prep", "dative") and c.lower_ in ("with", "between", "among"):
            frame.partners += [m.key for p in c.children if p.dep_ == "pobj" for m in mentions_of(p, index)]
        elif c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS and (visiting or cls == "HOST" and c.lower_ == "to"):
            if cls == "HOST":
                continue  # "welcomed X to Beijing": the place of the visit, not a participant
            frame.destination += _destination(c, index)
        elif c.dep_ == "agent":
            frame.agents += [m.key for p in c.children for m in mentions_of(p, index)]
        elif c.dep_ in ("dep", "npadvmod") and any(o.dep_ == "dobj" and o.lower_ in GROUP_NOUNS for o in kids):
            # "will meet Indian counterpart Foreign Minister Sushma Swaraj": the name the parser left hanging
            frame.partners += [m.key for m in mentions_of(c, index, ("Person",))]
    return frame


def _noun_frame(trigger: Token, index: ActorIndex, group: tuple[str, ...]) -> Frame:
    doc = trigger.doc
    frame = Frame()
    head = trigger.head
    # names before it: "the Trump-Ishiba summit", "Ishiba's visit", "the Japanese delegation"
    for i in range(trigger.left_edge.i, trigger.i):
        m = index.at(i)
        if (
            m
            and m.kind in ACTORS
            and doc[i].head.i in (trigger.i, *[t.i for t in trigger.lefts])
            or (m and m.kind in ACTORS and doc[i].dep_ in ("compound", "poss", "nmod", "amod"))
        ):
            frame.agents.append(m.key)
        elif i in index.demonyms and doc[i].head.i == trigger.i:
            frame.agents.append(index.demonyms[i])
    theirs = _their(trigger, index)
    frame.agents += theirs
    # "between X and Y", "with X", "to the US", "by Prime Minister Kishida", "of the Commission"
    for c in [*trigger.children, *_copula_partners(trigger)]:
        if c.dep_ != "prep":
            continue
        prep = c.lower_
        calling = prep == "on" and trigger.lemma_.lower() == "call"  # "paid a courtesy call on the President"
        guest = prep == "for" and trigger.lemma_.lower() in HOSPITALITY_NOUNS  # "hosted a dinner for Xi"
        if (
            prep in ("between", "with", "among", "of", "by")
            and not (prep == "of" and trigger.lower_ in ("tour", "tours"))
            or calling
            or guest
        ):
            for p in c.children:
                if p.dep_ == "pobj":
                    found = [m.key for m in mentions_of(p, index)]
                    (frame.agents if prep == "by" else frame.partners).extend(found)
                    if prep == "of" and not index.at(p.i):  # "a meeting of the China-Japan exchange mechanism"
                        for u in (u for t in p.lefts if t.dep_ in ("compound", "nmod", "amod") for u in t.subtree):
                            if index.at(u.i) and index.at(u.i).kind in ("Country", "Organization"):
                                frame.partners.append(index.at(u.i).key)
                            elif u.i in index.demonyms:  # "a meeting of the Franco-German assembly"
                                frame.partners.append(index.demonyms[u.i])
        elif prep in ("to", "in", "of") and trigger.lower_ in DESTINATION_NOUNS:
            if prep != "of" or trigger.lower_ in ("tour", "tours"):  # "a tour of the Middle East"
                frame.destination += _destination(c, index)
    if frame.partners and trigger.dep_ == "dobj":
        # "held talks with his counterpart, A, and the Polish leader, B": the parser may hang the
        # second partner on the verb as a noun conjunct
        conjuncts = [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
        frame.partners += [m.key for c in conjuncts for m in mentions_of(c, index)]
    if trigger.dep_ == "nsubjpass" and head.lemma_.lower() in ("lead", "head"):
        # "The delegation was led by A, secretary general of the B, and C": the leaders and the bodies they lead
        frame.agents += [
            k
            for c in head.children
            if c.dep_ == "agent"
            for p in c.children
            for k in named_in(p, index, ("Person", "Organization"))
        ]
    # "X held a summit with Y", "X planned a visit", "during a meeting with X, Y said", "both men were joined"
    if trigger.dep_ in ("dobj", "attr", "nsubjpass") and (
        head.lemma_.lower() in HOLD_VERBS or classes(head) & HOLDING_CLASSES
    ):
        frame.agents += subject_of(head, index, group)
        if not frame.agents and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in head.children):
            return Frame()  # "the Israeli prime minister held talks with A and B": not A meeting B
    elif trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX") and not theirs:
        frame.agents += subject_of(head.head, index, group)  # not "X asked A and B, during their trip, ..."
    elif trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.dep_ == "dobj" and head.head.head.pos_ == "VERB":
        frame.agents += subject_of(head.head.head, index, group)  # "made a surprise appearance in Davos"
    return frame


def _copula(trigger: Token) -> Token | None:
    """ "The (next round of) talks will be in Vienna on Tuesday between A and B": the copula
    whose subject the event is; the parser hangs the event's partners and place on it."""
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "nsubj":
        trigger, head = head.head, head.head.head
    return head if trigger.dep_ == "nsubj" and head.lemma_ == "be" else None


def _copula_partners(trigger: Token) -> list[Token]:
    cop = _copula(trigger)
    return [c for c in cop.children if c.dep_ == "prep" and c.lower_ in ("between", "among")] if cop else []


def _definite(trigger: Token) -> bool:
    """ "The delegation", "the visit": an event the text has already introduced."""
    return trigger.pos_ != "VERB" and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in trigger.children)


def _governors(trigger: Token) -> list[Token]:
    """The trigger and the verbs above it within its own clause ("plans to meet", "the visit was postponed")."""
    out, tok = [trigger], trigger
    for _ in range(4):
        if tok.head.i == tok.i or tok.dep_ not in (
            "xcomp",
            "conj",
            "acl",
            "dobj",
            "pobj",
            "prep",
            "compound",
            "nsubjpass",
            "auxpass",
            "attr",
            "nsubj",
        ):
            break  # do not climb out of the trigger's own clause
        if tok.dep_ == "nsubj" and tok.pos_ == "VERB":
            break
        tok = tok.head
        out.append(tok)
    return out


def _status(trigger: Token, planned_date: bool) -> str:
    """held, planned ("will visit", "is to meet", "plans to meet", "is expected to visit", "is due in",
    a headline's "X to meet Y", an upcoming summit) or cancelled ("called off the summit")."""
    chain = _governors(trigger)
    for tok in chain:
        if tok is not trigger and "CANCEL" in classes(tok):
            return "cancelled"
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if aux & FUTURE_AUX or tok.lemma_.lower() in PLAN_WORDS or tok.lower_ in PLAN_WORDS:
            return "planned"
        if tok is not trigger and classes(tok) & PLAN_CLASSES:
            return "planned"
        if "to" in aux and tok.dep_ == "xcomp" and tok.head.lemma_ == "be":
            return "planned"  # "the president is to visit Kenya"
        if "to" in aux and (
            tok.dep_ == "ROOT"
            or tok.head.i == tok.i
            or tok.dep_ in ("advcl", "acl")
            and tok.head.dep_ == "ROOT"
            and tok.head.pos_ in ("NOUN", "PROPN")
        ):
            return "planned"  # a headline: "Lula and Ramaphosa to meet in Geneva"
        if tok.lemma_ == "be" and any(c.lower_ == "due" for c in tok.children):
            return "planned"  # "Mr Bush is due in Europe"
        if tok.dep_ == "advcl" and {c.lower_ for c in tok.head.children if c.dep_ == "aux"} & FUTURE_AUX:
            return "planned"  # "the council will decide when it meets in June"
    if any(t.lower_ in UPCOMING for t in trigger.lefts) or planned_date or _awaited(trigger):
        return "planned"
    if any(
        c.dep_ in ("acl", "amod", "relcl") and c.lemma_.lower() in PLAN_WORDS
        for t in chain
        if t.pos_ != "VERB"
        for c in t.children
    ):
        return "planned"  # "(two rounds of) talks between A and B, scheduled for Thursday"
    return "held"


def _awaited(trigger: Token) -> bool:
    """ "officials have been preparing for the summit", "talks ahead of Lula's visit", "before the
    summit, ...": an event the clause looks forward to, when the clause is not itself in the past."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    if not (prep.lower_ == "before" or prep.head.lower_ in PRELUDE_WORDS or prep.head.lemma_.lower() in PRELUDE_WORDS):
        return False
    verb = next((t for t in prep.ancestors if t.pos_ in ("VERB", "AUX")), None)
    past = verb is None or verb.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children)
    return not past


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
    anchors += [cop] if (cop := _copula(trigger)) is not None and _copula_partners(trigger) else []
    # "met his counterpart X in Arusha": the place may hang on the object or its apposition
    anchors += [
        o
        for c in trigger.children
        if c.dep_ in ("dobj", "pobj")
        for o in (c, *[a for a in c.children if a.dep_ == "appos"])
    ]
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "near"):
                for child in prep.children:
                    if child.dep_ == "pobj":
                        m = index.of_token(child)
                        if m and m.kind in ("Place", "Country") and m.key not in participants:
                            return m.key
    compound = [index.at(t.i) for t in trigger.lefts if t.dep_ == "compound" and index.at(t.i)]
    places = [m.key for m in compound if m.kind == "Place"]  # "the Brussels summit", "the Davos forum"
    return places[0] if places else None


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


@dataclass
class Event:
    trigger: Token
    cls: str
    kind: str
    frame: Frame


def extract_meetings(doc: Doc, article: Article, *, actors: ActorIndex) -> list[Meeting]:
    meetings: list[Meeting] = []
    sents = sentences(doc)
    refs = narrative_refs([s.text for s in sents], article.date)
    host = actors.dateline_country(doc)
    previous: Meeting | None = None
    previous_at = -10
    for n, (sent, ref) in enumerate(zip(sents, refs)):
        group = previous.participants if previous else ()
        for event in _events(sent, actors, group):
            frame = event.frame
            if not frame.destination and event.kind in ("visit", "state visit") and host and frame.agents:
                visitor_sides = {actors.sides.get(k, k) for k in frame.agents}
                if host not in visitor_sides and not frame.partners:
                    frame.destination = [host]  # "during Chirac's first official visit", datelined WASHINGTON
            keys = frame.keys
            participants, sides = _keep(keys, actors)
            if (
                previous is not None
                and n - previous_at == 1
                and participants
                and _definite(event.trigger)
                and not frame.partners
                and set(sides) <= set(previous.sides)
            ):
                # "A delegation from X visited Y. The delegation was led by Z.": more of the same event's
                # people; "X's visit ... The talks will be between A and B" names an event of its own
                merged, _ = _keep([*previous.participants, *participants], actors)
                meetings[-1] = previous = dataclasses.replace(previous, participants=merged)
                continue
            if not _enough(participants, sides, event, actors):
                continue
            for group_keys in _split(frame, event.trigger, actors):
                participants, sides = _keep(group_keys, actors)
                meeting = _meeting(sent, ref, event, participants, sides, actors, article)
                if (
                    meeting.start is None
                    and previous is not None
                    and previous.start
                    and ("the next day" in sent.text.lower() or "the following day" in sent.text.lower())
                ):
                    meeting = dataclasses.replace(meeting, start=add_days(previous.start, 1))
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
    return _fold_visits(meetings, actors)


def _fold_visits(meetings: list[Meeting], actors: ActorIndex, *, window: int = 600) -> list[Meeting]:
    """A visit is folded into the talks it was for: "Modi travelled to Austria, where he met Chancellor
    Nehammer" is one event, as is "X arrived in Vienna. He met the chancellor" (reported close by, at a
    compatible time). The visit's country drops out once one of its people is there."""
    out = list(meetings)
    for visit in meetings:
        if visit.kind not in ("visit", "state visit") or visit not in out:
            continue
        hosts = {k for k in visit.participants if actors.actors.get(k) and actors.actors[k].kind == "Country"}
        visitors = set(visit.participants) - hosts
        if len(hosts) != 1 or not visitors:
            continue  # a tour of two countries is more than the talks in one of them
        for talks in out:
            if talks is visit or abs(talks.prov.start - visit.prov.start) > window:
                continue
            others = set(talks.participants) - visitors
            # the others are the host country's people (in the same sentence, people whose country it does not say)
            host = next(iter(hosts)) if talks.prov.start == visit.prov.start else None
            if (
                not visitors <= set(talks.participants)
                or not others
                or not {actors.sides.get(k, host) for k in others} <= hosts
            ):
                continue
            if talks.status != visit.status:
                continue  # "X invited Y to visit next year. X met Y in Kazan": a plan and a meeting
            if (
                talks.start
                and visit.start
                and not (talks.start.startswith(visit.start) or visit.start.startswith(talks.start))
            ):
                continue
            start, end = (talks.start, talks.end) if talks.start else (visit.start, visit.end)
            merged = dataclasses.replace(
                talks,
                start=start,
                end=end,
                location=talks.location or visit.location,
            )
            out[out.index(talks)] = merged
            out.remove(visit)
            break
    return out


def _enough(participants: tuple[str, ...], sides: tuple[str, ...], event: Event, actors: ActorIndex) -> bool:
    """Two sides; or one body meeting on its own ("the WTO council meets in June"). A visit to a place
    that is no actor ("toured a factory in North Carolina") meets no one."""
    known = load_reference().actors  # a region the reference knows ("the Middle East") is somewhere one visits
    others = [
        k for k in participants if not (actors.actors.get(k) and actors.actors[k].kind == "Place" and k not in known)
    ]
    if len(others) < len(participants) and len(others) < 2:
        return False
    if len(participants) >= 2 and len(sides) >= 2:
        return True
    if len(participants) == 1 and event.cls in ("GATHER", "MEET") and not event.frame.partners:
        # a body gathers ("the council convened"); "X met" alone needs a place or no object at all
        actor = actors.actors.get(participants[0])
        trigger = event.trigger
        placed = any(c.dep_ == "prep" and c.lower_ in ("in", "at") for c in trigger.children)
        alone = not any(c.dep_ in ("dobj", "attr") for c in trigger.children)
        return bool(actor and actor.kind == "Organization" and (event.cls == "GATHER" or placed or alone))
    if len(participants) == 1 and event.cls == "EVENT" and event.kind in ("summit", "meeting"):
        # "the African Union summit opened", "NATO's meeting in Vilnius": a body's own gathering
        actor = actors.actors.get(participants[0])
        owners = [c for c in event.trigger.lefts if c.dep_ in ("compound", "poss")]
        named = [m for c in owners if (m := actors.of_token(c)) is not None]
        return bool(actor and actor.kind == "Organization" and any(m.key == actor.key for m in named))
    return False


def _split(frame: Frame, trigger: Token, actors: ActorIndex) -> list[list[str]]:
    """ "X held talks with A and B" (people of two other countries) is two meetings, unless the text says
    they met together ("trilateral", "joint", "together")."""
    people = [k for k in dict.fromkeys(frame.partners) if actors.actors.get(k) and actors.actors[k].kind == "Person"]
    own = {actors.sides.get(k, k) for k in frame.agents}
    sides = {actors.sides.get(k) for k in people}
    if len(people) < 2 or len(sides) < len(people) or None in sides or sides & own or not frame.agents:
        return [frame.keys]
    if any(t.lower_ in JOINT_WORDS for t in trigger.sent):
        return [frame.keys]
    others = [k for k in frame.partners if k not in people]
    return [[*frame.agents, person, *others, *frame.destination] for person in people]


def _events(sent: Span, actors: ActorIndex, group: tuple[str, ...]) -> list[Event]:
    """One event per group of nested triggers: "a state visit ... that included a sit-down with
    Biden" is one meeting; "dialogues between A and B, the meeting of C and D, E's visit to F"
    (siblings in a list) are three."""
    found: list[Event] = []
    for trigger, cls, kind in _triggers(sent):
        if _intent(trigger):
            continue
        frame = _noun_frame(trigger, actors, group) if cls == "EVENT" else _verb_frame(trigger, cls, actors, group)
        found.append(Event(trigger, cls, kind, frame))
    tokens = {e.trigger.i for e in found}

    def top(tok: Token) -> int:
        # climb to the outermost trigger, but a listed item ("talks between A and B, a meeting
        # of C and D") is an event of its own
        best, cur = tok.i, tok
        while cur.head.i != cur.i and cur.dep_ not in ("conj", "appos"):
            cur = cur.head
            if cur.i in tokens:
                best = cur.i
        return best

    groups: dict[int, list[Event]] = {}
    for event in found:
        groups.setdefault(top(event.trigger), []).append(event)
    events = []
    for items in groups.values():
        with_keys = [e for e in items if e.frame.keys]
        if not with_keys:
            continue
        kinds = [e.kind for e in with_keys]
        kind = next(
            (k for k in ("trilateral", "summit", "state visit", "talks", "visit", "delegation", "call") if k in kinds),
            kinds[0],
        )
        # the planned one first: "the first visit ..., where he will meet X" is a plan
        first = max(with_keys, key=lambda e: (_status(e.trigger, False) == "planned", -e.trigger.i))
        partners = [k for e in with_keys for k in e.frame.partners]
        merged = Frame(
            agents=[k for e in with_keys for k in e.frame.agents],
            partners=partners,
            # "flew to Brussels for a meeting with Rehn": the trip's destination is where, not who, once
            # the trip names whom it was for
            destination=[] if partners and len(with_keys) > 1 else [k for e in with_keys for k in e.frame.destination],
        )
        events.append(Event(first.trigger, first.cls, kind, merged))
    return events


def _meeting(
    sent: Span,
    ref: str | None,
    event: Event,
    participants: tuple[str, ...],
    sides: tuple[str, ...],
    actors: ActorIndex,
    article: Article,
) -> Meeting:
    trigger = event.trigger
    future = _status(trigger, False) == "planned"
    # the date in the trigger's own clause first: "talks began in May, and they will hold a summit within the year"
    clause = next((t for t in (trigger, *trigger.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    prefer = "future" if future else "past"
    own = (
        resolve_date(sent.doc[clause.left_edge.i : clause.right_edge.i + 1].text, ref, prefer=prefer)
        if clause is not None
        else None
    )
    if (
        own is None
        and clause is not None
        and clause.dep_ == "relcl"
        and clause.head.like_num
        and clause.head.text.isdigit()
        and 1900 <= int(clause.head.text) <= 2100
    ):
        own = DateRange(clause.head.text)  # "back to 1994, when talks between A and B came close to a deal"
    date = own or resolve_date(sent.text, ref, prefer=prefer)
    start, end = (date.start, date.end) if date else (None, None)
    relative = bool(date and date.relative)
    later = bool(start and article.date and start[:10] > article.date[:10] and len(start) >= len(article.date[:10]))
    status = _status(trigger, later)
    return Meeting(
        participants=participants,
        prov=Provenance(article.id, evidence(article, sent), sent.start_char, sent.end_char),
        start=start,
        end=end,
        location=_location(trigger, actors, set(participants)),
        kind=event.kind,
        status=status,
        confidence=0.8 if sum(1 for k in participants if actors.actors[k].kind == "Person") >= 2 else 0.6,
        sides=sides,
        date_relative=relative,
    )


def visits(doc: Doc, actors: ActorIndex) -> list[tuple[str, str, Span]]:
    """Who went where: (visitor, destination, sentence) for every visit, trip or journey the text
    reports ("visited Israel", "flew to Basra", "a mission to the Middle East", "due in Europe"),
    from the same triggers and frames as the meetings. A person is visited only as the object of
    "visit" itself ("visited Arafat's tomb" visits no one)."""
    out = []
    for sent in sentences(doc):
        for trigger, cls, kind in _triggers(sent):
            if cls not in ("VISIT", "TRAVEL") and not (cls == "EVENT" and kind in ("visit", "state visit")):
                continue
            if _intent(trigger) or any(c.dep_ == "poss" and c.lower_ == "their" for c in trigger.children):
                continue  # "his desire to visit China" is no visit; "their trip" is a group's we do not name
            frame = _noun_frame(trigger, actors, ()) if cls == "EVENT" else _verb_frame(trigger, cls, actors, ())
            for visitor in frame.agents:
                if visitor in actors.actors and actors.actors[visitor].kind == "Country":
                    continue  # "Japan's trade minister's visit": the minister visits, not Japan
                for place in frame.destination:
                    kind_of = actors.actors[place].kind if place in actors.actors else None
                    if place != visitor and kind_of in ("Country", "Place"):
                        out.append((visitor, place, sent))
    return out
