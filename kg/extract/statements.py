"""Statements: direct quotes in any quote style, and reported speech, each with its speaker."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.mentions import ActorIndex, refer
from kg.model import Article, Meeting, Provenance, Statement
from kg.vocab import AGENT_CLASSES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SPEECH_VERBS = lexicon.words("speech_verbs")
REPORT_DEPS = ("ccomp", "xcomp", "dobj")
# Verbs whose object (not a that-clause) is what was said: "stressed the need for ...". Verbs
# like "highlight", "question" or "demand" describe rather than report, so they need a clause.
OBJECT_SPEECH = lexicon.words("object_speech_verbs")
PREP_SPEECH = lexicon.words("prep_speech_verbs")
QUOTE_RE = re.compile(
    # double quotes: curly or straight, in any mix ("...” happens in scraped text)
    r"[“\"](?P<a>[^“”\"\n]{2,2000}?)[”\"]|«\s?(?P<b>[^«»]{2,2000}?)\s?»|(?P<c>(?!))"
    # single quotes: an apostrophe inside a word ("don’t", "Japan’s") does not close the quote
    r"|(?<![\w])‘(?P<d>(?:[^‘’\n]|’(?=\w)){2,600}?)’(?!\w)|(?<![\w])'(?P<e>(?:[^'\n]|'(?=\w)){8,600}?)'(?!\w)"
)
MIN_QUOTE_WORDS = 3  # with an attribution; shorter quoted phrases are names or scare quotes


def _speaker_of(
    verb: Token, index: ActorIndex, doc: Doc, previous: Meeting | None, last_speaker: str | None = None
) -> list[str]:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and (not subjects or subjects[0].lower_ in ("who", "which", "that")):
        subjects = [verb.head]  # "the Japanese Prime Minister, who asserted ..."
    if not subjects and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp"):
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    agents = [gc for c in verb.children if c.dep_ == "agent" for gc in c.children if gc.dep_ == "pobj"]
    if verb.lemma_ == "accord":
        agents = [gc for c in verb.children if c.dep_ == "prep" for gc in c.children if gc.dep_ == "pobj"]
    keys: list[str] = []
    for subj in subjects + agents:
        if subj.lower_ in ("he", "she") and last_speaker:
            keys.append(last_speaker)  # '"...," Anwar said. ..., he added': the one who was speaking
            continue
        keys.extend(_resolve(subj, index, doc, previous))
    if not keys and verb.tag_ == "VBG" and verb.sent.root.i != verb.i:
        # "X reiterated ..., stating that ...": a participle speaks for the sentence's subject,
        # even when the parser hangs it elsewhere
        for subj in verb.sent.root.children:
            if subj.dep_ == "nsubj" and subj.i < verb.i:
                keys.extend(_resolve(subj, index, doc, previous))
    return list(dict.fromkeys(keys))


def _resolve(tok: Token, index: ActorIndex, doc: Doc, previous: Meeting | None) -> list[str]:
    return refer(tok, index, previous.participants if previous else ())


def _quotes(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of quoted text (inside the quote marks)."""
    out = []
    for m in QUOTE_RE.finditer(doc.text):
        group = next(g for g in ("a", "b", "c", "d", "e") if m.group(g) is not None)
        out.append((m.start(group), m.end(group)))
    return out


def _named_before(doc: Doc, qend: int, verb: Token, index: ActorIndex) -> list[str]:
    """'"...," PM Modi tweeted': the person named between the quote and its verb, when the parser
    has lost the subject; a bare surname counts if the article names that person in full."""
    between = [
        t
        for t in doc[
            doc.char_span(qend, verb.idx, alignment_mode="expand").start
            if doc.char_span(qend, verb.idx, alignment_mode="expand")
            else verb.i : verb.i
        ]
        if not (t.is_punct or t.is_space)
    ]
    if not between or len(between) > 4 or not all(t.text[0].isupper() for t in between):
        return []
    people = {k.split()[-1]: k for k, a in index.actors.items() if a.kind == "Person"}
    found = [index.at(t.i).key for t in between if index.at(t.i) and index.at(t.i).kind == "Person"]
    return list(dict.fromkeys(found)) or ([people[between[-1].text]] if between[-1].text in people else [])


def _attribution_verb(span: Span, qstart: int, qend: int) -> Token | None:
    """A speech verb outside the quote in the same sentence(s): the attribution."""
    best = according = None
    for tok in span:
        if qstart <= tok.idx < qend:
            continue
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS:
            if best is None or abs(tok.idx - qend) < abs(best.idx - qend):
                best = tok
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            according = tok
    # '"...," Xi said, according to the Foreign Ministry': the speaker is Xi; the ministry reports it
    return best or according


def _inner_verb_subject(
    doc: Doc, qstart: int, qend: int, index: ActorIndex, previous: Meeting | None
) -> tuple[Token, list[str]] | None:
    """The US "welcomed Japan's commitment ...": the quote opens with the verb, its subject is outside."""
    first = doc.char_span(qstart, qend, alignment_mode="expand")
    if first is None:
        return None
    for tok in first[:3]:
        if tok.pos_ == "VERB":
            subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.idx < qstart]
            if subjects:
                return tok, _resolve(subjects[0], index, doc, previous)
            break
    return None


def _date(sent: Span, article: Article, said: tuple[int, int] | None = None) -> str | None:
    """When it was said: a calendar date in the attribution ("On January 28, X said"), not one
    inside what was said ("ensuring October 7 can never be repeated"); else the article's date."""
    from kg.text.dates import resolve_date

    text = sent.text
    if said is not None:
        start, end = max(said[0] - sent.start_char, 0), max(said[1] - sent.start_char, 0)
        text = text[:start] + " " * (end - start) + text[end:]
    found = resolve_date(text, article.date)
    # "will speak on Tuesday" dates the talks, not the statement: only a calendar date counts
    return found.start if found and not found.relative else article.date


def _about(span: Span, index: ActorIndex, speakers: list[str]) -> tuple[str, ...]:
    keys = [m.key for m in index.within(span.start, span.end, AGENT_CLASSES) if m.key not in speakers]
    return tuple(dict.fromkeys(keys))


SPEECH_NOUNS = lexicon.words("speech_nouns")


def _nominal_reports(sent: Span, index: ActorIndex) -> list[tuple[Token, Span, list[str]]]:
    """ "Trump's announcement about X", "calls for X by Colby": a speech noun whose author is its
    possessor or its "by" agent (a named actor), and whose content hangs off about/for/that."""
    found = []
    for tok in sent:
        if tok.lower_ not in SPEECH_NOUNS or tok.pos_ != "NOUN":
            continue
        author = [c for c in tok.children if c.dep_ == "poss" and index.of_token(c)]
        content = None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("about", "for", "that") and content is None:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    content = sent.doc[objs[0].left_edge.i : objs[0].right_edge.i + 1]
                    for g in objs[0].subtree:  # "calls for X by Colby": the agent may hang inside X
                        if g.dep_ in ("prep", "agent") and g.lower_ == "by" and g.head.i != tok.i:
                            author += [
                                p
                                for p in g.children
                                if p.dep_ == "pobj" and index.at(p.i) and index.at(p.i).kind in AGENT_CLASSES
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
                    p for p in c.children if p.dep_ == "pobj" and index.at(p.i) and index.at(p.i).kind in AGENT_CLASSES
                ]
        keys = list(dict.fromkeys(index.of_token(a).key for a in author if index.of_token(a)))
        if keys and content is not None and len(content) >= MIN_QUOTE_WORDS:
            found.append((tok, content, keys))
    return found[:1]


def _content(sub: Span, clause: bool) -> str:
    """What was said: a that-clause without "that"; an object up to its first comma."""
    tokens = list(sub)
    while tokens and (tokens[0].lower_ == "that" or tokens[0].is_punct):
        tokens = tokens[1:]
    if not clause:
        for i, t in enumerate(tokens):
            if t.text in (",", "–", "—", ";") and i > 2:
                tokens = tokens[:i]
                break
    if not tokens:
        return ""
    text = sub.doc[tokens[0].i : tokens[-1].i + 1].text.strip()
    return text.rstrip(".").strip()


def last_speaker(found: list[Statement], char: int, *, window: int = 300) -> str | None:
    """The one person who spoke just before `char` (a pronoun "he added" continues them)."""
    before = [s for s in found if s.prov.end <= char and char - s.prov.end <= window and len(s.speakers) == 1]
    return max(before, key=lambda s: s.prov.end).speakers[0] if before else None


def extract_statements(
    doc: Doc, article: Article, *, actors: ActorIndex, meetings: list[Meeting] = ()
) -> list[Statement]:
    out: list[Statement] = []
    covered: list[tuple[int, int]] = []
    meetings = sorted(meetings, key=lambda mt: mt.prov.start)

    def last_meeting(char: int) -> Meeting | None:
        """The meeting "the two leaders" or "the joint statement" refers to: the latest one before,
        preferring one that names two people."""

        def named(mt: Meeting) -> bool:  # people from two sides: a party's two envoys are not "the two leaders"
            people = [k for k in mt.participants if actors.actors.get(k) and actors.actors[k].kind == "Person"]
            return len({actors.sides.get(k, k) for k in people}) >= 2

        before = [mt for mt in meetings if mt.prov.start <= char]
        people = [mt for mt in before if named(mt)]
        if people or before:
            return (people or before)[-1]
        # nothing yet: the article's first meeting that names two people, else its first
        return next((mt for mt in meetings if named(mt)), meetings[0] if meetings else None)

    # ---- direct quotes
    quotes = _quotes(doc)
    i = 0
    while i < len(quotes):
        qstart, qend = quotes[i]
        text = doc.text[qstart:qend].strip()
        span = doc.char_span(qstart, qend, alignment_mode="expand")
        if span is None:
            i += 1
            continue
        sents = list({s.start: s for s in (doc[span.start].sent, doc[span.end - 1].sent)}.values())
        context = doc[sents[0].start : sents[-1].end]
        previous = last_meeting(qstart)
        verb = _attribution_verb(context, qstart, qend)
        speakers: list[str] = []
        if verb is not None:
            speakers = _speaker_of(verb, actors, doc, previous, last_speaker(out, verb.idx))
        if not speakers and verb is not None and qend <= verb.idx:
            speakers = _named_before(doc, qend, verb, actors)
        if not speakers:
            inner = _inner_verb_subject(doc, qstart, qend, actors, previous)
            if inner:
                speakers = inner[1]
        # "...," he said, "...": the second half of a split quote joins the first
        if i + 1 < len(quotes) and speakers:
            nstart, nend = quotes[i + 1]
            between = doc.text[qend:nstart]
            opened_comma = text.endswith(",") or between.lstrip(" \"”’'").startswith(",")
            one_sentence = "." not in between and "!" not in between and "?" not in between
            if len(between) < 60 and verb is not None and qend <= verb.idx < nstart and opened_comma and one_sentence:
                text = text.rstrip(",") + " " + doc.text[nstart:nend].strip()
                qend = nend
                i += 1
        i += 1
        text = text.rstrip(",;: ")
        if not speakers or len(text.split()) < MIN_QUOTE_WORDS:
            continue  # scare quotes and quoted names have no speaker
        sent = doc[span.start].sent
        evidence_span = doc.char_span(context.start_char, context.end_char) or sent
        covered.append((qstart, qend))
        out.append(
            Statement(
                speakers=tuple(speakers),
                text=text,
                prov=Provenance(article.id, evidence_span.text.strip(), qstart, qend),
                direct=True,
                date=_date(context, article, (qstart, qend)),
                about=_about(context, actors, speakers),
                confidence=0.85 if verb is not None else 0.65,
            )
        )
    # ---- reported speech: "X stated that ...", "X emphasized the need for ...", "according to X, ..."
    for sent in doc.sents:
        found: list[tuple[Token, Span, bool]] = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "VERB" or (lemma not in SPEECH_VERBS and lemma != "accord"):
                continue
            if lemma == "accord":
                if tok.head.pos_ in ("VERB", "AUX") and tok.head.i != tok.i:
                    found.append((tok, doc[tok.right_edge.i + 1 : sent.end], True))
                continue
            for comp in tok.children:
                if comp.dep_ == "ccomp" and comp.pos_ not in ("VERB", "AUX"):
                    continue  # a "clause" without a verb is a misparse ("welcomed Indian Premier Modi")
                if comp.dep_ in REPORT_DEPS:
                    end = comp.right_edge.i + 1
                    if (
                        comp.dep_ == "dobj"
                    ):  # "emphasized their commitment to ensure ...": what follows the object belongs to it
                        end = max(
                            end,
                            max(
                                (
                                    c.right_edge.i + 1
                                    for c in tok.rights
                                    if c.dep_ in ("xcomp", "prep", "advcl") and c.i > comp.i
                                ),
                                default=end,
                            ),
                        )
                    sub = doc[comp.left_edge.i : end]
                    found.append((tok, sub, comp.dep_ == "ccomp"))
                    break
                if comp.dep_ == "prep" and comp.lower_ in ("at", "about", "for", "on") and lemma in PREP_SPEECH:
                    objs = [c for c in comp.children if c.dep_ == "pobj"]  # "hinted at his desire to ..."
                    if objs:
                        found.append((tok, doc[objs[0].left_edge.i : objs[0].right_edge.i + 1], False))
                        break
        # a that-clause says what was said; an object ("reiterated X") only when there is none
        # (a clause that is a direct quote, already taken, does not count: "stressed X, saying '...'")
        found = [
            f
            for f in found
            if not all(any(s <= t.idx < e for s, e in covered) for t in f[1] if not (t.is_punct or t.dep_ == "cc"))
        ]
        if any(is_clause for _, _, is_clause in found):
            found = [f for f in found if f[2]]
        else:
            found = [
                f
                for f in found
                if f[0].lemma_.lower() in OBJECT_SPEECH | PREP_SPEECH | {"accord"} and f[0].tag_ != "VBG"
            ][:1]
        nominal: dict[int, list[str]] = {}
        if not found:
            reports = _nominal_reports(sent, actors)
            found = [(tok, sub, False) for tok, sub, _ in reports]
            nominal = {tok.i: authors for tok, _, authors in reports}
        for tok, sub, is_clause in found:
            if not is_clause and not any(s <= tok.idx < e for s, e in covered):
                # "stressed the need for X, saying '...'": the object up to the quote that follows it
                cut = min((s for s, e in covered if sub.start_char < s < sub.end_char), default=None)
                if cut is not None:
                    inside = [t for t in sub if t.idx + len(t) <= cut and not t.is_quote]
                    before = len(inside)
                    while inside and (inside[-1].is_punct or inside[-1].tag_ == "VBG"):
                        inside.pop()
                    # only at a boundary (", saying"); "pledged to work towards '...'" needs its quote
                    sub = doc[sub.start : inside[-1].i + 1] if inside and len(inside) < before else sub
            if any(sub.start_char < e and s < sub.end_char or s <= tok.idx < e for s, e in covered):
                continue  # already a direct quote, or a verb inside one
            previous = last_meeting(sent.start_char)
            speakers = nominal.get(tok.i) or _speaker_of(tok, actors, doc, previous, last_speaker(out, tok.idx))
            if not speakers:
                continue
            content = _content(sub, is_clause or tok.lemma_ == "accord")
            if len(content.split()) < MIN_QUOTE_WORDS:
                continue
            out.append(
                Statement(
                    speakers=tuple(speakers),
                    text=content,
                    prov=Provenance(article.id, sent.text.strip(), sub.start_char, sub.end_char),
                    direct=False,
                    date=_date(sent, article, (sub.start_char, sub.end_char)),
                    about=_about(sent, actors, speakers),
                    confidence=0.6,
                )
            )
    return out
