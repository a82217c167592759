"""Statements: who said what. Direct quotes (any quote style, over several sentences or paragraphs)
and reported speech, each with its speaker and a confidence that says how the speaker was found.

This is quotation attribution (the PARC source-cue-content notion of an attribution; the sieves of
Stanford CoreNLP's QuoteAttributionAnnotator, from exact cues to conversation heuristics):

1. a cue in the quote's own sentences: a speech verb outside the quote ('"...," X said', 'X said:
   "..."', 'X told reporters "..."') or "according to X" (confidence 0.85);
2. a person named right between the quote and its verb when the parser lost the subject (0.75);
3. the part of a quote that a paragraph goes on with, or a paragraph that only quotes right after a
   statement, belongs to the one who was speaking (0.65);
4. a quote right after a sentence whose subject is a person ('Mr Ruto spoke first. "..."') (0.55).

Reported speech is a cue verb (the say, appeal, demand and pledge classes of the trigger lexicon,
from CAMEO 01x-03x and 10x) with what was said: a that-clause or a bare clause ("told reporters the
deal would hold"), an object for verbs that state one ("reiterated the need for ..."), "hailed X as
Y", a speech noun with its author ("X's warning that ...", "an EU demand for Y to ..."), or "according
to X, ...". A short quote inside a reported clause makes one reported statement of the whole clause.
Speakers are named actors, pronouns and definite descriptions resolved through the mention chain,
and state organs ("U.S. officials", "the ministry", "a spokesman for the government") standing for
their country; audiences, places and unnamed sources never speak.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.mentions import ActorIndex, refer
from kg.extract.quotes import Quote, find_quotes, paragraphs
from kg.extract.tokens import evidence as cited
from kg.extract.tokens import sentences, tokens
from kg.extract.triggers import classes
from kg.model import Article, Meeting, Provenance, Statement
from kg.text.dates import resolve_date
from kg.text.nlp import soft_breaks
from kg.vocab import AGENT_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SPEECH_CLASSES = {"SAY", "APPEAL", "DEMAND", "PLEDGE"}
# Verbs whose object (not a that-clause) is what was said: "stressed the need for ...". Verbs
# like "highlight", "question" or "demand" describe rather than report, so they need a clause.
OBJECT_SPEECH = lexicon.words("object_speech_verbs")
AUDIENCE_VERBS = lexicon.words("audience_verbs")  # "told reporters (that) ...": the object is who heard it
AS_VERBS = lexicon.words("as_verbs")  # "hailed the deal as historic": the object and how it was called
# "hinted at his desire to ...", "called for talks": verb -> the prepositions whose object was said
PREP_SPEECH = {verb: set(preps.split("|")) for verb, preps in lexicon.table("prep_speech").items()}
SPEECH_NOUNS = lexicon.words("speech_nouns")
DOCUMENT_NOUNS = lexicon.words("document_nouns")
DATELINE_AGENTS = lexicon.words("dateline_agents")  # "a survey by X said", "the report said"
MIN_QUOTE_WORDS = 3  # with an attribution; shorter quoted phrases are names or scare quotes
ONE_OF = {"one", "another"}  # '"...," one said' after "officials said": one of them


@dataclass(frozen=True, slots=True)
class Found:
    """A statement before its speaker is final: the cue, what was said, how it was found."""

    cue: Token | None
    content: Span
    is_clause: bool
    speakers: tuple[str, ...] = ()
    aside: range = range(0)  # token indices inside the content that are not said: "The deal, he added, would ..."


def is_cue(tok: Token) -> bool:
    """A verb that reports speech: the say/appeal/demand/pledge classes of the trigger lexicon."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    return tok.lemma_.lower() == "accord" or bool(classes(tok) & SPEECH_CLASSES)


class _Speakers:
    """Who a subject stands for, with the memory a text builds up: who spoke last, which meeting
    "the two leaders" belong to, which group "one" of them is."""

    def __init__(self, doc: Doc, actors: ActorIndex, meetings: list[Meeting] | tuple[Meeting, ...]) -> None:
        self.doc, self.actors = doc, actors
        self.meetings = sorted(meetings, key=lambda mt: mt.prov.start)
        self.said: list[Statement] = []
        self.text = doc.text  # Doc.text joins every token each time it is read: once per document
        self.dateline = actors.dateline_country(doc)

    def group(self, char: int) -> tuple[str, ...]:
        """The meeting "the two leaders" or "the joint statement" refers to: the latest one before,
        preferring one that names people of two sides (else the article's first such one)."""

        def named(mt: Meeting) -> bool:
            people = [
                k for k in mt.participants if self.actors.actors.get(k) and self.actors.actors[k].kind == "Person"
            ]
            return len({self.actors.sides.get(k, k) for k in people}) >= 2

        before = [mt for mt in self.meetings if mt.prov.start <= char]
        with_people = [mt for mt in before if named(mt)]
        if with_people or before:
            return (with_people or before)[-1].participants
        found = next((mt for mt in self.meetings if named(mt)), self.meetings[0] if self.meetings else None)
        return found.participants if found else ()

    def last(self, char: int, *, window: int = 400) -> tuple[str, ...]:
        """Who spoke last before `char` (one speaker, or the group that "one of them" belongs to)."""
        before = [s for s in self.said if s.prov.end <= char and char - s.prov.end <= window]
        return max(before, key=lambda s: s.prov.end).speakers if before else ()

    def of(self, subj: Token, said: range = range(0)) -> list[str]:
        """Who a subject stands for; `said` are the token indices of what the subject said."""
        last = self.last(subj.idx)
        if subj.lower_ in ("he", "she"):
            # the subject of the sentence before; else the one who was speaking ('"...," Anwar said. ..., he added')
            ante = self.actors.person_antecedent(subj, strict=True, skip=said)
            if ante is not None:
                return [ante.key]
            if len(last) == 1 and self.actors.actors.get(last[0]) and self.actors.actors[last[0]].kind == "Person":
                return list(last)
        if subj.lower_ in ONE_OF or subj.lower_ == "they" and last:
            return list(last)
        if subj.i in self.actors.demonyms and subj.dep_ in ("nsubj", "nsubjpass"):
            return [self.actors.demonyms[subj.i]]  # "The Israelis said": their country
        keys = refer(subj, self.actors, self.group(subj.idx))  # "the joint statement" is the meeting's
        if not keys and subj.lower_ in DOCUMENT_NOUNS:
            keys = self.author_of(subj)  # "a survey by PricewaterhouseCoopers said"
        if not keys and subj.lower_ in DATELINE_AGENTS and not any(c.dep_ == "prep" for c in subj.children):
            # "TOKYO, April 27 - ... officials said": the dateline's country
            keys = [self.dateline] if self.dateline else []
        # places, events and unnamed sources do not speak ("Ramallah said" is its officials)
        return [k for k in keys if self.actors.actors.get(k) is None or self.actors.actors[k].kind != "Place"]

    def author_of(self, doc_noun: Token) -> list[str]:
        """ "A survey published by X", "X's report", "a statement from X": the body behind a document."""
        for t in doc_noun.subtree:
            if t.dep_ in ("agent", "prep") and t.lower_ in ("by", "from") or t.dep_ == "poss":
                for p in [t] if t.dep_ == "poss" else [c for c in t.children if c.dep_ == "pobj"]:
                    m = self.actors.of_token(p)
                    if m and m.kind in AGENT_CLASSES:
                        return [m.key]
        return []

    def of_verb(self, verb: Token) -> list[str]:
        # a passive subject is who was asked or told, not who spoke; except "X was quoted as saying"
        subjects = [c for c in verb.children if c.dep_ == "nsubj" or c.dep_ == "nsubjpass" and verb.lemma_ == "quote"]
        if verb.dep_ == "relcl" and (not subjects or subjects[0].lower_ in ("who", "which", "that")):
            subjects = [verb.head]  # "the Japanese Prime Minister, who asserted ..."
        if not subjects and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp"):
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        if not subjects and verb.dep_ == "pcomp" and verb.head.lower_ == "as":
            # "X was quoted (by Interfax) as saying ...": the one quoted speaks
            subjects = [c for c in verb.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        agents = [gc for c in verb.children if c.dep_ == "agent" for gc in c.children if gc.dep_ == "pobj"]
        if verb.lemma_ == "accord":
            agents = [gc for c in verb.children if c.dep_ == "prep" for gc in c.children if gc.dep_ == "pobj"]
        content = [t.i for c in verb.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree]
        said = range(min(content), max(content) + 1) if content else range(0)
        keys: list[str] = []
        for subj in subjects + agents:
            keys.extend(self.of(subj, said))
        if not keys and verb.tag_ == "VBG" and verb.sent.root.i != verb.i:
            # "X reiterated ..., stating that ...": a participle speaks for the sentence's subject
            for subj in verb.sent.root.children:
                if subj.dep_ == "nsubj" and subj.i < verb.i:
                    keys.extend(self.of(subj))
        return list(dict.fromkeys(keys))


def _attribution_verb(span: Span, qstart: int, qend: int, quoted: list[tuple[int, int]]) -> Token | None:
    """A speech verb outside every quote in the quote's sentences, nearest to the quote's end; "according
    to X" only when no one "said"."""
    best = according = None
    for tok in span:
        if any(s <= tok.idx < e for s, e in quoted):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            according = tok
        elif is_cue(tok) and (best is None or abs(tok.idx - qend) < abs(best.idx - qend)):
            best = tok
    return best or according


def _named_before(doc: Doc, qend: int, verb: Token, actors: ActorIndex) -> list[str]:
    """'"...," PM Modi tweeted': the person named between the quote and its verb, when the parser
    has lost the subject; a bare surname counts if the article names that person in full."""
    gap = doc.char_span(qend, verb.idx, alignment_mode="expand")
    between = [t for t in doc[gap.start if gap else verb.i : verb.i] if not (t.is_punct or t.is_space)]
    if not between or len(between) > 4 or not all(t.text[0].isupper() for t in between):
        return []
    people = {k.split()[-1]: k for k, a in actors.actors.items() if a.kind == "Person"}
    found = [actors.at(t.i).key for t in between if actors.at(t.i) and actors.at(t.i).kind == "Person"]
    return list(dict.fromkeys(found)) or ([people[between[-1].text]] if between[-1].text in people else [])


def _inner_verb_subject(doc: Doc, qstart: int, qend: int, who: _Speakers) -> list[str]:
    """The US "welcomed Japan's commitment ...": the quote opens with the verb, its subject is outside."""
    first = doc.char_span(qstart, qend, alignment_mode="expand")
    if first is None:
        return []
    for tok in first[:3]:
        if tok.pos_ == "VERB":
            subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.idx < qstart]
            return who.of(subjects[0]) if subjects else []
    return []


def _date(sent: Span, article: Article, said: tuple[int, int] | None = None) -> str | None:
    """When it was said: a calendar date in the attribution ("On January 28, X said"), not one
    inside what was said ("ensuring October 7 can never be repeated"); else the article's date."""
    text = sent.text
    if said is not None:
        start, end = max(said[0] - sent.start_char, 0), max(said[1] - sent.start_char, 0)
        text = text[:start] + " " * (end - start) + text[end:]
    found = resolve_date(text, article.date)
    # "will speak on Tuesday" dates the talks, not the statement: only a calendar date counts
    return found.start if found and not found.relative else article.date


def _about(span: Span, actors: ActorIndex, speakers: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    keys = [m.key for m in actors.within(span.start, span.end, AGENT_CLASSES) if m.key not in speakers]
    return tuple(dict.fromkeys(keys))


def _content(sub: Span, clause: bool, aside: range = range(0)) -> str:
    """What was said: a that-clause without "that"; an object up to its first comma; without the
    attribution set inside it (`aside`)."""
    if aside:
        kept = [t for t in sub if t.i not in aside]
        words = "".join(t.text + (t.whitespace_ if t.i + 1 not in aside else " ") for t in kept)
        return words.strip().rstrip(".").strip()
    tokens = list(sub)
    while tokens and (tokens[0].lower_ == "that" or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    if not clause:
        for i, t in enumerate(tokens):
            if t.text in (",", "–", "—", ";") and i > 2:
                tokens = tokens[:i]
                break
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in ")\"”'’" or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    return sub.doc[tokens[0].i : tokens[-1].i + 1].text.strip().rstrip(".").strip()


# ---------------------------------------------------------------------------- reported speech


def _nominal_reports(sent: Span, actors: ActorIndex) -> list[Found]:
    """ "Trump's announcement about X", "a US demand for Iran to halt enrichment", "calls for X by
    Colby": a speech noun whose author is its possessor, a name before it or its "by" agent, and whose
    content hangs off about/for/that."""
    found = []
    for tok in tokens(sent):
        if tok.lower_ not in SPEECH_NOUNS or tok.pos_ != "NOUN":
            continue
        author = [
            c
            for c in tok.children
            if c.dep_ in ("poss", "compound", "amod", "nmod") and (actors.of_token(c) or c.i in actors.demonyms)
        ]
        content = None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("about", "for", "that", "on") and content is None:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    content = sent.doc[objs[0].left_edge.i : objs[0].right_edge.i + 1]
                    for g in objs[0].subtree:  # "calls for X by Colby": the agent may hang inside X
                        if g.dep_ in ("prep", "agent") and g.lower_ == "by" and g.head.i != tok.i:
                            author += [
                                p
                                for p in g.children
                                if p.dep_ == "pobj" and actors.at(p.i) and actors.at(p.i).kind in AGENT_CLASSES
                            ]
                            if author:
                                content = sent.doc[content.start : g.i]
            elif (
                c.dep_ in ("acl", "ccomp")
                and any(m.lower_ == "that" for m in c.children if m.dep_ == "mark")
                and content is None
            ):
                content = sent.doc[c.left_edge.i : c.right_edge.i + 1]
            elif c.dep_ == "prep" and c.lower_ == "by":
                author += [
                    p
                    for p in c.children
                    if p.dep_ == "pobj" and actors.at(p.i) and actors.at(p.i).kind in AGENT_CLASSES
                ]
        keys = []
        for a in author:
            m = actors.of_token(a)
            keys.append(m.key if m else actors.demonyms[a.i])
        keys = [k for k in dict.fromkeys(keys) if actors.actors.get(k) is None or actors.actors[k].kind != "Place"]
        if keys and content is not None and len(content) >= MIN_QUOTE_WORDS:
            found.append(Found(tok, content, False, tuple(keys)))
    return found[:1]


def _reported(sent: Span) -> list[Found]:
    """Cue verbs with what they report, in the sentence; a that-clause wins over an object."""
    doc = sent.doc
    found: list[Found] = []
    quoted = any(t.is_quote for t in tokens(sent))  # '"The talks," he said, "failed."' is a direct quote
    for tok in tokens(sent):
        if not is_cue(tok) and tok.lemma_.lower() not in AS_VERBS:
            continue
        lemma = tok.lemma_.lower()
        if lemma == "accord":
            if tok.head.pos_ in ("VERB", "AUX") and tok.head.i != tok.i:
                found.append(Found(tok, doc[tok.right_edge.i + 1 : sent.end], True))
            continue
        kids = list(tok.children)
        clause = next((c for c in kids if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if clause is not None and _misparsed_clause(tok, clause):
            clause = None
        if clause is not None and is_cue(tok) and clause.i > tok.i and _free_relative(clause):
            # "in what officials said was a compromise gesture": what was said follows the copula
            stop = next((t.i for t in doc[clause.i + 1 : sent.end] if t.is_punct and t.text != "'"), sent.end)
            if stop > clause.i + 1:
                found.append(Found(tok, doc[clause.i + 1 : stop], True))
            continue
        if clause is None and tok.dep_ == "parataxis" and is_cue(tok) and tok.head.i == sent.root.i and not quoted:
            # "The deal, he added, would be signed by May": the sentence around the attribution
            left, right = tok.left_edge.i, tok.right_edge.i
            left -= left > sent.start and doc[left - 1].text == ","
            right += right + 1 < sent.end and doc[right + 1].text == ","
            if left > sent.start and right + 1 < sent.end:
                found.append(Found(tok, doc[sent.start : sent.end], True, aside=range(left, right + 1)))
                continue
        if clause is not None and is_cue(
            tok
        ):  # a "clause" without a verb is a misparse ("welcomed Indian Premier Modi")
            found.append(Found(tok, doc[clause.left_edge.i : clause.right_edge.i + 1], True))
            continue
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        # "hailed an agreement bringing X closer to Y as important": the "as" may hang inside the object
        after = [*kids, *(obj.subtree if obj is not None else ())]
        as_prep = next(
            (c for c in after if c.dep_ == "prep" and c.lower_ == "as" and c.i > (obj.i if obj is not None else tok.i)),
            None,
        )
        if obj is not None and as_prep is not None and lemma in AS_VERBS:
            found.append(
                Found(tok, doc[obj.left_edge.i : as_prep.right_edge.i + 1], False)
            )  # "hailed the deal as historic"
            continue
        if not is_cue(tok):
            continue
        comp = next((c for c in kids if c.dep_ in ("xcomp",)), None)
        if comp is not None and lemma not in AUDIENCE_VERBS | {"say"}:
            found.append(Found(tok, doc[comp.left_edge.i : comp.right_edge.i + 1], False))  # "pledged to cut tariffs"
            continue
        if obj is not None and lemma not in AUDIENCE_VERBS:
            end = (
                obj.right_edge.i + 1
            )  # "emphasized their commitment to ensure ...": what follows the object belongs to it
            end = max(
                end,
                max(
                    (c.right_edge.i + 1 for c in tok.rights if c.dep_ in ("xcomp", "prep", "advcl") and c.i > obj.i),
                    default=end,
                ),
            )
            found.append(Found(tok, doc[obj.left_edge.i : end], False))
            continue
        for c in kids:  # "hinted at his desire to ..."
            if c.dep_ == "prep" and c.lower_ in PREP_SPEECH.get(lemma, ()):
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    found.append(Found(tok, doc[objs[0].left_edge.i : objs[0].right_edge.i + 1], False))
                    break
    return found


def _free_relative(clause: Token) -> bool:
    """ "what X said was Y": the reported clause is a copula whose subject is "what" before the speech verb."""
    what = [c for c in clause.children if c.dep_ == "nsubj" and c.lower_ == "what" and c.i < clause.i]
    return clause.lemma_ == "be" and bool(what)


def _misparsed_clause(verb: Token, clause: Token) -> bool:
    """ "encouraged better relations between A and B – two allies that have been divided": a clause after
    the object of a verb that does not say but urges is a misparse unless "that" opens it."""
    if "SAY" in classes(verb):
        return False
    has_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    obj_before = any(c.dep_ == "dobj" and c.i < clause.i for c in verb.children)
    return obj_before and not has_that


def _choose(found: list[Found]) -> list[Found]:
    """A that-clause says what was said; an object only when there is none."""
    if any(f.is_clause for f in found):
        return [f for f in found if f.is_clause]
    return [
        f
        for f in found
        if (f.cue.lemma_.lower() in OBJECT_SPEECH | PREP_SPEECH.keys() | AS_VERBS or f.cue.lemma_ == "accord")
        and f.cue.tag_ != "VBG"
    ][:1]


def _before_quote(f: Found, quoted: list[tuple[int, int]]) -> Found:
    """ "stressed the need for X, saying '...'": an object ends where a quote after it begins (only at
    a boundary such as ", saying"; "pledged to work towards '...'" needs its quote)."""
    if f.is_clause:
        return f
    sub = f.content
    cut = min((s for s, e in quoted if sub.start_char < s < sub.end_char), default=None)
    if cut is None:
        return f
    inside = [t for t in sub if t.idx + len(t) <= cut and not t.is_quote]
    before = len(inside)
    while inside and (inside[-1].is_punct or inside[-1].tag_ == "VBG"):
        inside.pop()
    if inside and len(inside) < before:
        return Found(f.cue, sub.doc[sub.start : inside[-1].i + 1], f.is_clause, f.speakers)
    return f


def _quoted_share(span: Span, quoted: list[tuple[int, int]]) -> float:
    words = [t for t in span if not (t.is_punct or t.is_space)]
    inside = [t for t in words if any(s <= t.idx < e for s, e in quoted)]
    return len(inside) / len(words) if words else 0.0


# ---------------------------------------------------------------------------- the document


def extract_statements(
    doc: Doc, article: Article, *, actors: ActorIndex, meetings: list[Meeting] | tuple[Meeting, ...] = ()
) -> list[Statement]:
    who = _Speakers(doc, actors, meetings)
    text = who.text
    soft = soft_breaks(text)
    quotes = [q for q in find_quotes(text, soft) if doc.char_span(q.start, q.end, alignment_mode="expand") is not None]
    spans = [(q.start, q.end) for q in quotes]
    paras = paragraphs(text, soft)
    run_speakers: dict[int, tuple[str, ...]] = {}
    done: set[Quote] = set()
    for sent in sentences(doc):
        # a clause that is a direct quote is the direct statement below ("stressed X, saying '...'")
        reports = _choose([f for f in _reported(sent) if _quoted_share(f.content, spans) < 0.7])
        reports = [_before_quote(f, spans) for f in reports] or _nominal_reports(sent, actors)
        mine = [q for q in quotes if sent.start_char <= q.start < sent.end_char and q not in done]
        for f in reports:
            inside = [q for q in quotes if f.content.start_char <= q.start and q.end <= f.content.end_char + 1]
            if any(q.start <= f.cue.idx < q.end for q in quotes):
                continue  # a verb inside a quote reports nothing
            speakers = f.speakers or tuple(who.of_verb(f.cue))
            text = _content(f.content, f.is_clause or f.cue.lemma_ == "accord", f.aside)
            if not speakers or len(text.split()) < MIN_QUOTE_WORDS:
                continue
            done.update(inside)  # "said the plan was 'dead on arrival'": one reported statement of the clause
            who.said.append(
                Statement(
                    speakers=speakers,
                    text=text,
                    prov=Provenance(article.id, cited(article, sent), f.content.start_char, f.content.end_char),
                    direct=False,
                    date=_date(sent, article, (f.content.start_char, f.content.end_char)),
                    about=_about(sent, actors, speakers),
                    confidence=0.6,
                )
            )
        for q in mine:
            if q in done:
                continue
            done.add(q)
            second = _second_half(doc, text, q, quotes)
            if second is not None:
                done.add(second)
            statement = _direct(doc, q, spans, who, run_speakers, paras, article, actors, second)
            if statement is not None:
                run_speakers.setdefault(q.run, statement.speakers)
                who.said.append(statement)
    return sorted(who.said, key=lambda s: (s.prov.start, not s.direct))


def _second_half(doc: Doc, text: str, q: Quote, quotes: list[Quote]) -> Quote | None:
    """'"We are ready," he said, "to deepen our ties."': the quote goes on after its attribution."""
    later = [n for n in quotes if n.start > q.end]
    if not later:
        return None
    n = min(later, key=lambda x: x.start)
    between = text[q.end : n.start]
    opened_comma = text[q.start : q.end].rstrip().endswith(",") or between.lstrip(" \"”’'").startswith(",")
    one_sentence = not any(c in between for c in ".!?\n")
    gap = doc.char_span(q.end, n.start, alignment_mode="expand")
    cue = gap is not None and any(is_cue(t) for t in gap)
    return n if len(between) < 60 and opened_comma and one_sentence and cue else None


def _direct(
    doc: Doc,
    q: Quote,
    spans: list[tuple[int, int]],
    who: _Speakers,
    run_speakers: dict[int, tuple[str, ...]],
    paras: list[tuple[int, int]],
    article: Article,
    actors: ActorIndex,
    second: Quote | None = None,
) -> Statement | None:
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    doc_text = who.text
    text = doc_text[q.start : q.end].strip().rstrip(",;: ").strip()
    if second is not None:
        text = text + " " + doc_text[second.start : second.end].strip()
    sents = list({s.start: s for s in (doc[span.start].sent, doc[span.end - 1].sent)}.values())
    context = doc[sents[0].start : sents[-1].end]
    verb = _attribution_verb(context, q.start, q.end, spans)
    speakers: list[str] = []
    confidence = 0.85
    if verb is not None:
        speakers = who.of_verb(verb)
        if not speakers and q.end <= verb.idx:
            speakers, confidence = _named_before(doc, q.end, verb, actors), 0.75
    if not speakers:
        speakers, confidence = _inner_verb_subject(doc, q.start, q.end, who), 0.7
    if not speakers and verb is None:
        speakers, confidence = list(_continued(doc, q, who, run_speakers, paras)), 0.65
    if not speakers and verb is None:
        speakers, confidence = _subject_before(doc, q, paras, who), 0.55
    if not speakers or len(text.split()) < MIN_QUOTE_WORDS:
        return None  # scare quotes and quoted names have no speaker
    evidence = doc.char_span(context.start_char, context.end_char) or sents[0]
    return Statement(
        speakers=tuple(speakers),
        text=text.rstrip(",;: ").strip(),
        prov=Provenance(article.id, cited(article, evidence), q.start, second.end if second else q.end),
        direct=True,
        date=_date(context, article, (q.start, q.end)),
        about=_about(context, actors, speakers),
        confidence=confidence,
    )


def _paragraph_of(char: int, paras: list[tuple[int, int]]) -> int:
    return next((i for i, (s, e) in enumerate(paras) if s <= char < e), -1)


def _continued(
    doc: Doc, q: Quote, who: _Speakers, run_speakers: dict[int, tuple[str, ...]], paras: list[tuple[int, int]]
) -> tuple[str, ...]:
    """A later part of a quote whose first part has a speaker; or a paragraph that only quotes, right
    after a paragraph where someone spoke last."""
    if q.part > 0 and q.run in run_speakers:
        return run_speakers[q.run]
    here = _paragraph_of(q.start, paras)
    if here <= 0:
        return ()
    start, end = paras[here]
    doc_text = who.text
    outside = doc_text[start:end].replace(doc_text[q.start : q.end], "")
    if len(outside.split()) > 6:
        return ()  # the paragraph says more than the quote: someone else may be speaking
    last = [s for s in who.said if _paragraph_of(s.prov.start, paras) in (here - 1, here) and s.prov.end <= q.start]
    return max(last, key=lambda s: s.prov.end).speakers if last else ()


def _subject_before(doc: Doc, q: Quote, paras: list[tuple[int, int]], who: _Speakers) -> list[str]:
    """'Mr Ruto spoke at the opening. "..."': a quote that opens its sentence, right after a sentence
    (in the same paragraph) whose subject is a person."""
    tok = doc.char_span(q.start, q.end, alignment_mode="expand")[0]
    sent = tok.sent
    if sent.start == 0 or q.start - sent.start_char > 2:
        return []
    previous = doc[sent.start - 1].sent
    if _paragraph_of(previous.start_char, paras) != _paragraph_of(q.start, paras):
        return []
    for t in previous:
        if t.dep_ == "nsubj" and t.head.i == previous.root.i:
            m = who.actors.of_token(t)
            if m and m.kind == "Person":
                return [m.key]
    # '"We cannot wait," he said. "Africa must act now.': the quote goes on after its attribution's sentence
    spoken = [s for s in who.said if previous.start_char <= s.prov.start and s.prov.end <= previous.end_char]
    return list(spoken[-1].speakers) if spoken else []
