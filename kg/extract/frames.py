"""Frames: who a trigger's roles are, from the dependency parse around it.

Shared by meetings, relations and policies: the actors a phrase names (with coordination,
apposition, possessors, and the bodies a group noun stands for: "the foreign ministers of India
and Pakistan", "a delegation from X led by Y", "the Japanese delegation"), and the subject of a
verb, through relative clauses, control and raising verbs ("X is reported to be hoping to hold a
meeting"), pronouns and group words ("the two leaders") resolved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.mentions import SIDE_NOUNS, ActorIndex, Mention, demonym_sides
from kg.vocab import AGENT_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Token

ACTORS = AGENT_CLASSES
GROUP_WORDS = lexicon.words("meeting_group_phrases")
GROUP_NOUNS = lexicon.words("group_nouns")
EVENT_WORDS = lexicon.words("event_words")  # "the East Asia Summit" takes part in nothing
CONTROL_OBJECT_VERBS = lexicon.words("control_object_verbs")


def mentions_of(tok: Token, index: ActorIndex, kinds: tuple[str, ...] = ACTORS) -> list[Mention]:
    """The actors a participant token names, with its coordinated siblings and appositions
    ("a former prime minister ..., Taro Aso, met"), and the bodies a group noun stands for ("the
    foreign ministers of India and Pakistan", "a delegation from the PLA", "the Japanese delegation")."""
    found = []
    toks = [tok, *tok.conjuncts]
    # "her counterpart, Ana Ruiz, and the Peruvian envoy, Luis Paz": the parser hangs
    # the second person on the first one's apposition
    toks += [c for t in list(toks) for a in t.children if a.dep_ == "appos" for c in a.conjuncts if c not in toks]
    for t in toks:
        if _bracketed(t):
            continue  # "BRASILIA (Reuters) -": the agency in a dateline takes part in nothing
        # its own name first, then an apposition, and only then a possessor or modifier
        m = index.at(t.i)
        if m is None and "Country" in kinds and (t.lower_ in GROUP_NOUNS or t.lower_ in SIDE_NOUNS):
            sides = demonym_sides(t, index)
            if len(sides) > 1:  # "Iranian and Saudi officials", "Indian, Chinese and Russian diplomats"
                found += sides
                continue
        if m is None:
            m = next((index.at(c.i) for c in t.children if c.dep_ == "appos" and index.at(c.i)), None)
        if m is None:
            m = index.of_token(t)
        if t.lower_ in GROUP_NOUNS:  # "a delegation from X led by Y": who leads it takes part too
            led = [
                index.of_token(p)
                for c in t.children
                if c.dep_ == "acl" and c.lemma_ in ("lead", "head")
                for a in c.children
                if a.dep_ == "agent"
                for p in a.children
                if p.dep_ == "pobj"
            ]
            found += [x for x in led if x is not None and x.kind in kinds]
        if m is None and t.lower_ in GROUP_NOUNS:
            of = [
                index.of_token(p)
                for c in t.children
                if c.dep_ == "prep" and c.lower_ in ("from", "of")
                for p in c.children
                if p.dep_ == "pobj"
            ]
            of += [
                index.of_token(q)
                for c in t.children
                if c.dep_ == "prep" and c.lower_ in ("from", "of")
                for p in c.children
                if p.dep_ == "pobj"
                for q in p.conjuncts
            ]
            of = [x for x in of if x is not None]
            if of:
                found += [x for x in of if x.kind in kinds]
                continue
        if m is None and t.lower_ in GROUP_NOUNS and "Country" in kinds:
            m = next(iter(demonym_sides(t, index)), None)  # "the Japanese delegation"
        if m and m.kind in kinds and m.key.split()[-1].lower() not in EVENT_WORDS:
            found.append(m)
    return found


def named_in(tok: Token, index: ActorIndex, kinds: tuple[str, ...] = ACTORS) -> list[str]:
    """Every actor named in a phrase: "leaders of Japan's LDP and Komeito" -> Japan, LDP, Komeito."""
    keys = []
    for t in tok.subtree:
        m = index.at(t.i)
        if m and m.kind in kinds and m.key.split()[-1].lower() not in EVENT_WORDS:
            keys.append(m.key)
    return list(dict.fromkeys(keys))


def _bracketed(tok: Token) -> bool:
    doc = tok.doc
    return 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")"


def subjects_of(verb: Token, index: ActorIndex, group: tuple[str, ...]) -> list[str]:
    """The actors a verb's own subject names (pronouns and "the two leaders" resolved)."""
    keys: list[str] = []
    if verb.dep_ == "relcl":  # "Aso, who met with Trump": the relative clause's noun is the subject
        keys += [m.key for m in mentions_of(verb.head, index)]
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "pobj":
        # "X and Y are among the leaders attending the meeting": the subject of "are among"
        prep = verb.head.head
        if prep.lower_ == "among" and prep.head.pos_ in ("AUX", "VERB"):
            keys += [m.key for c in prep.head.children if c.dep_ == "nsubj" for m in mentions_of(c, index)]
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            keys += [m.key for m in mentions_of(c, index)]
            phrase = verb.doc[c.left_edge.i : c.right_edge.i + 1].text.lower()
            if c.lower_ in ("he", "she"):
                ante = index.person_antecedent(c, strict=True) or _speaker_after(verb, index)
                ante = ante or index.person_antecedent(c)
                keys += [ante.key] if ante else []
            elif c.lower_ == "it" and verb.dep_ in ("ccomp", "conj", "xcomp"):
                # "Argentina said it would host a summit": the subject of the clause above
                keys += [
                    m.key
                    for s in verb.head.children
                    if s.dep_ == "nsubj"
                    for m in mentions_of(s, index, ("Country", "Organization"))
                ]
                if not keys:
                    ante = index.before(c.i, ("Country", "Organization"))
                    keys += [ante.key] if ante else []
            elif any(g in phrase for g in GROUP_WORDS) or c.lower_ == "they":
                keys += list(group)
    return keys


def _speaker_after(verb: Token, index: ActorIndex) -> Mention | None:
    """ "He will meet X to discuss trade, Mr Hammond said": "he" in what a named person says is that person."""
    from kg.extract.triggers import classes

    head = verb.head
    if verb.dep_ != "ccomp" or "SAY" not in classes(head):
        return None
    return next(
        (m for c in head.children if c.dep_ == "nsubj" and (m := index.of_token(c)) and m.kind == "Person"), None
    )


def subject_of(verb: Token, index: ActorIndex, group: tuple[str, ...]) -> list[str]:
    """The subject of a verb, climbing through control and raising verbs when it has none of its own:
    "Putin announced plans to visit China", "X is reported to be hoping to hold a meeting",
    "Modi invited Putin to visit India" (the one invited is the visitor)."""
    keys = subjects_of(verb, index, group)
    cur = verb
    for _ in range(4):
        if keys or cur.head.i == cur.i:
            break
        head = cur.head
        if (
            cur.dep_ == "xcomp"
            and head.lemma_.lower() in CONTROL_OBJECT_VERBS
            and any(c.dep_ == "dobj" for c in head.children)
        ):
            keys = [m.key for c in head.children if c.dep_ == "dobj" for m in mentions_of(c, index)]
            break
        if cur.dep_ in ("advcl", "acl", "relcl") and head.pos_ in ("PROPN", "NOUN") and head.dep_ == "ROOT":
            # a headline parsed with its subject as the root: "Lula and Ramaphosa to meet in Geneva"
            keys = [m.key for m in mentions_of(head, index)]
            break
        if cur.dep_ == "acl" and head.dep_ in ("dobj", "nsubj", "attr") and head.head.pos_ in ("VERB", "AUX"):
            cur = head.head  # "announced plans to visit"
        elif cur.dep_ in ("xcomp", "advcl", "conj", "pcomp", "ccomp", "acomp") or (
            cur.dep_ == "prep" and head.pos_ in ("VERB", "AUX")
        ):
            cur = head
        elif cur.dep_ == "pobj" and head.dep_ == "prep":
            cur = head.head
        else:
            break
        keys = subjects_of(cur, index, group)
    return keys
