"""Policies: named doctrines, strategies, measures, agreements and pledges, with proponents and targets.

Candidates are (1) noun phrases headed by a policy word ("reciprocal tariffs", "containment
strategy", "defense spending of 2% of GDP") that carry a specific modifier, (2) doctrines named
by an -ism ("economic nationalism"), (3) quoted names that the sentence treats as a policy
("the 'America First' doctrine", "a policy of 'befriend the distant'", "listed 'new-quality
productivity' as a strategy", "implement 'reciprocal tariffs'"), and (4) what strong policy
verbs act on ("uphold the liberal international order"). Proponents are possessors and the
subjects of those verbs; targets hang off "on", "against", "toward" and "at".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.frames import mentions_of, subject_of
from kg.extract.meetings import MEETING_CLASSES
from kg.extract.mentions import ActorIndex, refer
from kg.extract.tokens import evidence, sentences
from kg.extract.triggers import classes
from kg.model import Article, Meeting, Policy, Provenance
from kg.vocab import AGENT_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Heads that name a measure on their own when anything specific modifies them.
STRONG_HEADS = lexicon.words("policy_heads_strong")
# Heads that need a proper name, a number or a noun modifier ("containment strategy",
# "2022 National Security Strategy").
WEAK_HEADS = lexicon.words("policy_heads_weak")
POLICY_HEADS = STRONG_HEADS | WEAK_HEADS
QUOTE_FRAMES = lexicon.words("policy_quote_frames")
POLICY_VERBS = lexicon.words("policy_verbs")
GENERIC_MODIFIERS = lexicon.words("generic_modifiers")
TARGET_PREPS = lexicon.words("target_prepositions")
CONTRARY_PREPS = lexicon.words("contrary_prepositions")
NUMBER_RE = re.compile(r"\d")
QUOTE_CHARS = "\"“”‘’'«»"
ISM_RE = re.compile(r"^[a-z]{3,}ism$")
# -ism words that are not doctrines
NOT_DOCTRINES = lexicon.words("not_doctrines")
STANCE_ISMS = lexicon.words("stance_isms")


def _modifiers(chunk: Span, head: Token) -> list[Token]:
    return [t for t in chunk if t.i != head.i and not t.is_punct and t.dep_ not in ("det", "poss", "case", "predet")]


def _actor_word(t: Token, index: ActorIndex) -> bool:
    m = index.at(t.i)
    return bool(m and m.kind != "Place") or t.i in index.demonyms


ABOUT_PREPS = lexicon.words("policy_about_prepositions")


def _specific(chunk: Span, head: Token, index: ActorIndex) -> bool:
    """Does the phrase name a particular measure, not just "the policy" or "U.S. policy"?

    Actor names do not make it specific (whose policy is the proponent, not the policy); places
    do ("Indo-Pacific strategy"), and so does what the measure is on ("demands on troop funding").
    """
    mods = [t for t in _modifiers(chunk, head) if t.lower_ not in GENERIC_MODIFIERS and not _actor_word(t, index)]
    about = [
        p
        for p in head.children
        if p.dep_ == "prep"
        and p.lower_ in ABOUT_PREPS
        and any(c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN") and not _actor_word(c, index) for c in p.children)
    ]
    if not mods:
        return bool(NUMBER_RE.search(chunk.text) and head.lower_ in POLICY_HEADS) or (
            bool(about) and head.lower_ in POLICY_HEADS
        )
    if head.lower_ in STRONG_HEADS or head.lemma_.lower() in STRONG_HEADS:
        return True
    return any(
        t.pos_ in ("PROPN", "NOUN", "NUM", "ADJ") or NUMBER_RE.search(t.text) or ISM_RE.match(t.lower_) for t in mods
    )


NAME_HEADS = lexicon.words("body_name_heads")


def _org_name(chunk: Span, head: Token) -> bool:
    """ "Strategic Studies Programme": a capitalised name of a body, not a policy."""
    words = [t for t in chunk if t.is_alpha and t.dep_ not in ("det", "poss")]
    return head.lower_ in NAME_HEADS and len(words) > 1 and all(t.text[0].isupper() for t in words)


def _label(span: Span, index: ActorIndex) -> str:
    tokens = list(span)
    while tokens and (
        tokens[0].dep_ in ("det", "poss", "case", "predet") or tokens[0].is_punct or tokens[0].text in ("'s", "’s")
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in QUOTE_CHARS or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    return span.doc[tokens[0].i : tokens[-1].i + 1].text.strip().strip(QUOTE_CHARS).strip()


def _governing_verb(tok: Token) -> Token | None:
    """The verb a noun phrase is the object of, climbing through prepositions ("push for X")."""
    head, hops = tok, 0
    while hops < 3 and head.dep_ in ("dobj", "pobj", "prep", "attr", "oprd", "conj", "appos", "xcomp", "dative"):
        if head.dep_ == "prep" and head.lower_ in CONTRARY_PREPS:
            return None  # "pledged to keep supplies flowing despite sanctions": not the sanctions' author
        head = head.head
        hops += 1
        if head.pos_ in ("VERB", "AUX"):
            return head
    return None


TRADE_MEASURES = lexicon.words("trade_measures")
AGAINST_VERBS = lexicon.words("against_verbs")


def _refer(subj: Token, index: ActorIndex, group: tuple[str, ...]) -> list[str]:
    """Whom a subject stands for; "Kishida's cabinet" is the government's, and its leader's."""
    return refer(subj, index, group) + [index.led_by[t.i] for t in subj.subtree if t.i in index.led_by][:1]


EPONYM_SUFFIXES = lexicon.words("eponym_suffixes")


def _eponyms(span: Span, head: Token, index: ActorIndex) -> list[str]:
    """ "Trumpian mercantilism", "Reaganite policy": a modifier made from a person's surname named
    in the article is that person's."""
    people = {k.split()[-1].lower(): k for k, a in index.actors.items() if a.kind == "Person"}
    keys = []
    for tok in span:
        if tok.i >= head.i or index.at(tok.i):
            continue
        word = tok.lower_
        for suffix in EPONYM_SUFFIXES:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 3 and (stem in people or stem + "e" in people):
                keys.append(people.get(stem) or people[stem + "e"])
                break
    return keys


def _doctrine(chunk: Span, head: Token) -> bool:
    """ "Japanese pacifism", "protectionism": a word in -ism with a modifier, or a stance on its own."""
    word = head.lower_
    if not ISM_RE.match(word) or word in NOT_DOCTRINES:
        return False
    return word in STANCE_ISMS or bool(_modifiers(chunk, head))


def _up_to_verb(tok: Token) -> list[Token]:
    """The ancestors of a token up to and including the first verb."""
    out = []
    for a in tok.ancestors:
        out.append(a)
        if a.pos_ in ("VERB", "AUX"):
            break
    return out


def _proponents(head: Token, span: Span, index: ActorIndex, group: tuple[str, ...] = ()) -> list[str]:
    """Who pushes the measure: its possessor or agent ("Washington's policy", "the purchase by
    Nippon Steel", "calls for X by Colby", "the Small Japan Policy of Tanzan Ishibashi"); else the
    subject of the verb it depends on ("The US plans to implement ...", "the leaders emphasized
    ...", "they pledged ..."), unless that verb acts against it; else the actors named in it."""
    keys: list[str] = []
    for tok in span:
        if tok.dep_ == "poss" and tok.i < head.i:
            m = index.of_token(tok)
            if m and m.kind in AGENT_CLASSES:
                keys.append(m.key)
            elif tok.lower_ in ("its", "his", "her"):  # "its defense budget increase": the last actor named before
                ante = index.before(tok.i, ("Person",) if tok.lower_ != "its" else ("Country", "Organization"))
                keys += [ante.key] if ante else []
            elif tok.lower_ == "their" and group:
                keys += list(group)
    keys += _eponyms(span, head, index)
    verb = _governing_verb(head)
    # "the 'Look East Policy' and non-aligned foreign policy doctrines of X": the last conjunct's "of X" is shared
    anchors = [(head, ("by", "of")), *((c, ("by", "of")) for c in head.conjuncts if c.i > head.i), (verb, ("by",))]
    for anchor, preps in anchors:
        for child in anchor.children if anchor is not None else ():
            if child.dep_ in ("prep", "agent") and child.lower_ in preps:
                for p in child.children:
                    m = index.at(p.i)
                    if m and m.kind in AGENT_CLASSES:
                        keys.append(m.key)
    for acl in (c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        # "the aid scheme run by the World Bank", "a ban imposed by the EU"
        keys += [
            m.key
            for c in acl.children
            if c.dep_ == "agent"
            for p in c.children
            if (m := index.at(p.i)) and m.kind in AGENT_CLASSES
        ]
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        # "the adoption by Canada of new quotas": the nominalised verb's agent
        keys += [
            m.key
            for c in head.head.head.children
            if c.dep_ == "prep" and c.lower_ == "by"
            for p in c.children
            if (m := index.at(p.i)) and m.kind in AGENT_CLASSES
        ]
    owner = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    if owner is not None and owner.dep_ == "pobj" and owner.head.lower_ == "by" and owner.head.head.pos_ == "NOUN":
        # "the adoption by Canada of new quotas", parsed as "Canada of new quotas"
        keys += [m.key for m in [index.of_token(owner)] if m and m.kind in AGENT_CLASSES]
    if head.lower_ in TRADE_MEASURES and any(t.lower_ == "imports" for t in span):
        # "curbs on Australian wine imports into China": the importing country imposes them
        for anchor in (head, *(t for t in span if t.lower_ == "imports"), verb):
            for child in anchor.children if anchor is not None else ():
                if child.dep_ == "prep" and child.lower_ == "into":
                    keys += [
                        m.key for p in child.children if (m := index.at(p.i)) and m.kind in ("Country", "Organization")
                    ]
    if head.dep_ == "pobj" and head.head.lower_ in ("of", "for") and head.head.head.lemma_.lower() in AGAINST_VERBS:
        # "accused Washington of unilateralism", "blamed Moscow for the blockade": the one accused pushes it
        keys += [m.key for c in head.head.head.children if c.dep_ == "dobj" for m in mentions_of(c, index)]
    # "protectionism in the Senate", "a surge in protectionism in the Bundestag": the body in which the
    # stance lives (not a place it is about); the parser may hang it on the noun the measure depends on
    nominal = head.head.head if head.dep_ == "pobj" and head.head.head.pos_ == "NOUN" else head
    inside = ("in", "within", "among")
    for prep in (c for n in {head, nominal} for c in n.children if c.dep_ == "prep" and c.lower_ in inside):
        keys += [m.key for p in prep.children if (m := index.at(p.i)) and m.kind == "Organization"]
    if keys:
        return list(dict.fromkeys(keys))
    hops = 0
    # "is alarmed by a surge in protectionism": the words between the measure and its verb count too
    against = any(a.lemma_.lower() in AGAINST_VERBS for a in _up_to_verb(head))
    while verb is not None and hops < 4:
        if verb.lemma_.lower() in AGAINST_VERBS:
            against = True  # "moved to stop the Russian gas pipeline": Russia's, not theirs
            break
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
        for subj in subjects:
            keys += _refer(subj, index, group)
        if subjects or verb.dep_ not in ("xcomp", "conj", "advcl", "acl", "pcomp") or verb.head.i == verb.i:
            break
        verb = verb.head if verb.head.pos_ in ("VERB", "AUX") else _governing_verb(verb.head)
        hops += 1
    if not keys and verb is not None and not against:
        # "Canada was poised to impose quotas", "Seoul was committed to the pact": through
        # adjectives and raising verbs, as for any frame
        keys += subject_of(verb, index, group)
    if keys:
        return list(dict.fromkeys(keys))
    for tok in span:
        m = index.at(tok.i)
        if m and m.kind in AGENT_CLASSES and tok.i < head.i:
            keys.append(m.key)
        elif tok.i in index.demonyms and tok.head.i == head.i:
            keys.append(index.demonyms[tok.i])
    contrary = against or any(a.dep_ == "prep" and a.lower_ in CONTRARY_PREPS for a in head.ancestors)
    if not keys and not contrary:
        # the one the sentence is about ("Norway will ... keep up its financial support to Kenya")
        root = head.sent.root
        if root.lemma_.lower() not in AGAINST_VERBS:
            for subj in root.children:
                if subj.dep_ == "nsubj" and subj.i < head.i:
                    keys += _refer(subj, index, group)
    return list(dict.fromkeys(keys))


def _targets(head: Token, index: ActorIndex, proponents: list[str]) -> list[str]:
    keys: list[str] = []
    anchors = [head]
    verb = _governing_verb(head)
    if verb is not None:
        anchors.append(verb)
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ == "prep" and prep.lower_ in TARGET_PREPS | ({"from"} if anchor is verb else set()):
                for tok in prep.subtree:
                    m = index.at(tok.i)
                    if m and m.kind in ("Country", "Organization", "Person"):
                        keys.append(m.key)
                    elif tok.i in index.demonyms:  # "tariffs on imports of Japanese steel"
                        keys.append(index.demonyms[tok.i])
    return [k for k in dict.fromkeys(keys) if k not in proponents]


def _quoted(sent: Span) -> list[tuple[Span, Token, str]]:
    """Quoted phrases the sentence uses as a policy name: (span, head to attach to, label)."""
    doc = sent.doc
    out = []
    stext = sent.text
    for m in re.finditer(r"[\"“‘']([^\"“”‘’'\n]{3,80}?)[\"”’'](?!\w)", stext):
        inner = m.group(1).strip().rstrip(",.")
        words = inner.split()
        if not 1 <= len(words) <= 8:
            continue
        start = sent.start_char + m.start()
        span = doc.char_span(start, sent.start_char + m.end(), alignment_mode="expand")
        if span is None:
            continue
        before = stext[max(0, m.start() - 12) : m.start()].lower()
        if "so-called" in before:
            continue  # scare quotes
        after = doc[span.end] if span.end < len(doc) else None
        root = span.root
        frame = after is not None and after.lower_ in QUOTE_FRAMES
        inner_head = (
            (words[-1].lower() in POLICY_HEADS or words[-1].lower() in QUOTE_FRAMES)
            and any(w.lower() not in GENERIC_MODIFIERS for w in words[:-1])
            and root.pos_ in ("NOUN", "PROPN")
        )  # "to 'strictly control' sales" quotes a verb
        of_frame = root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in QUOTE_FRAMES
        # "a policy of 'look east, trade west'": the parser may not hang a quoted verb phrase on "of"
        of_frame = (
            of_frame
            or span.start >= 2
            and doc[span.start - 1].lower_ == "of"
            and doc[span.start - 2].lemma_.lower() in QUOTE_FRAMES
        )
        verb = _governing_verb(root)
        as_object = verb is not None and verb.lemma_.lower() in POLICY_VERBS and root.dep_ in ("dobj", "pobj", "oprd")
        if frame:
            out.append((doc[span.start : span.end + 1], after, inner))
        elif inner_head or of_frame or as_object:
            out.append((span, root, inner))
    return out


PLAN_NOUNS = lexicon.words("plan_nouns")
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# what one plans to do that is an event or a speech, not a policy ("plans to visit China")
NOT_POLICY_CLASSES = {*MEETING_CLASSES, "SAY", "MEET_INTENT", "INTEND", "INVITE", "CANCEL"}


ADVOCATE_NOUNS = lexicon.words("advocate_nouns")
CONCEPT_NOUNS = lexicon.words("concept_nouns")


def _advocated(head: Token, index: ActorIndex) -> Span | None:
    """What an advocate, proponent or champion pushes: the "of" phrase, past "the concept of"; not a
    person or body ("a champion of the poor", "an advocate of Mr Blair")."""
    if head.lower_ not in ADVOCATE_NOUNS:
        return None
    obj = next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children), None)
    while obj is not None and obj.lower_ in CONCEPT_NOUNS:
        obj = next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children), None)
    if obj is None or obj.pos_ != "NOUN" or index.of_token(obj) is not None:
        return None
    doc = obj.doc
    end = obj.right_edge.i + 1
    stop = next((t.i for t in doc[obj.i + 1 : end] if t.text in (",", ";", ":", "--", "—", "(")), end)
    return doc[obj.left_edge.i : stop]


def _planned_action(head: Token) -> Span | None:
    """The course of action a plan noun's to-infinitive names ("a drive to reform the Palestinian
    Authority" -> "reform the Palestinian Authority"), up to a comma or a clause of its own."""
    if head.lemma_.lower() not in PLAN_NOUNS and head.lower_ not in PLAN_NOUNS or head.dep_ == "ROOT":
        return None  # a plan noun as the root: the parser has lost the sentence's verb
    infinitives = [c for c in head.rights if c.dep_ in ("acl", "relcl") and c.tag_ == "VB"]
    verb = next((c for c in infinitives if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if verb is None or classes(verb) & NOT_POLICY_CLASSES or not any(c.dep_ in ("dobj", "prep") for c in verb.children):
        return None
    doc = head.doc
    end = verb.right_edge.i + 1
    # up to a comma, a finite verb ("the plan to raise tariffs angered Beijing": a misparse), a relative
    # clause or a role ("a plan to cut fees as a first step")
    stop = next(
        (
            t.i
            for t in doc[verb.i + 1 : end]
            if t.text in (",", ";", ":", "--", "—", "(") or t.tag_ in FINITE_TAGS or t.lower_ in ("as", "that", "which")
        ),
        end,
    )
    return doc[verb.i : stop] if stop - verb.i >= 2 else None


def extract_policies(
    doc: Doc, article: Article, *, actors: ActorIndex, meetings: list[Meeting] | tuple[Meeting, ...] = ()
) -> list[Policy]:
    import bisect

    from kg.extract.names import is_heading as _heading

    out: list[Policy] = []
    sents = sentences(doc)
    starts = [s.start for s in sents]
    # Span.noun_chunks walks the whole Doc each time: chunk the Doc once, then file chunks by sentence
    chunks: list[list[Span]] = [[] for _ in sents]
    for chunk in doc.noun_chunks:
        chunks[bisect.bisect_right(starts, chunk.start) - 1].append(chunk)
    for sent, sent_chunks in zip(sents, chunks):
        before = [m for m in meetings if m.prov.start <= sent.start_char]
        group = before[-1].participants if before else (meetings[0].participants if meetings else ())
        candidates: list[tuple[Span, Token, str]] = _quoted(sent)
        if not _heading(sent):
            for chunk in sent_chunks:
                head = chunk.root
                if any(actors.at(t.i) and actors.at(t.i).kind == "Organization" and t.i >= head.i for t in chunk):
                    continue  # an organisation's name ("Strategic Studies Programme")
                advocated = _advocated(head, actors)
                if advocated is not None:  # "a keen advocate of Ukrainian membership"
                    candidates.append((advocated, head, _label(advocated, actors)))  # proposed by the advocate
                    continue
                action = _planned_action(head)
                if action is not None:  # "Brazil's plans to switch all government computers to Linux"
                    candidates.append((doc[chunk.start : action.end], head, _label(action, actors)))
                    continue
                if head.lower_ in POLICY_HEADS or head.lemma_.lower() in POLICY_HEADS:
                    if not _specific(chunk, head, actors) or _org_name(chunk, head):
                        continue
                    span = chunk
                    ofs = [
                        c
                        for c in head.children
                        if c.dep_ == "prep" and c.lower_ in ("of", "on", "to", "in") and c.i == chunk.end
                    ]
                    if (
                        not ofs
                        and head.dep_ == "dobj"
                        and chunk.end < len(doc)
                        and doc[chunk.end].lower_ in ("on", "against")
                    ):
                        ofs = [
                            doc[chunk.end]
                        ]  # "imposed tariffs on Chinese steel": the prepositional phrase hangs off the verb
                    if (
                        ofs and ofs[0].right_edge.i - chunk.start < 14
                    ):  # "defense spending of 2% of GDP", "tariffs on imports of steel"
                        span = doc[chunk.start : ofs[0].right_edge.i + 1]
                    candidates.append((span, head, _label(span, actors)))
                elif _doctrine(chunk, head):
                    candidates.append((chunk, head, _label(chunk, actors)))
        taken: list[tuple[int, int]] = []
        for span, head, label in sorted(candidates, key=lambda c: -(c[0].end - c[0].start)):
            if not label or any(s <= span.start and span.end <= e for s, e in taken):
                continue  # inside a longer candidate
            if len(label.split()) < 2 and not ISM_RE.match(label.lower()) and label.lower() in POLICY_HEADS:
                continue  # a bare "demand" or "tariffs" names no policy
            taken.append((span.start, span.end))
            proponents = _proponents(head, span, actors, group)
            # a leader's or minister's policy is also their country's
            proponents += [
                actors.sides[k]
                for k in proponents
                if actors.actors.get(k)
                and actors.actors[k].kind == "Person"
                and actors.sides.get(k, k) != k
                and actors.actors.get(actors.sides[k])
                and actors.actors[actors.sides[k]].kind == "Country"
            ]
            proponents = list(dict.fromkeys(proponents))
            if not proponents and label.lower() in STANCE_ISMS:
                continue  # "the rise of protectionism": a stance nobody is said to hold is a topic, not a policy
            targets = _targets(head, actors, proponents)
            out.append(
                Policy(
                    label=label,
                    prov=Provenance(article.id, evidence(article, sent), span.start_char, span.end_char),
                    proponents=tuple(proponents),
                    targets=tuple(targets),
                    confidence=0.7 if proponents else 0.5,
                )
            )
    return out
