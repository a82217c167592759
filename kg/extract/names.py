"""Which spans name actors: gazetteer spans and statistical entities, cleaned of titles and
possessives, without page furniture, headlines or scraping artefacts, typed from context."""

from __future__ import annotations

import re
from collections.abc import Container
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.tokens import tokens
from kg.text.nlp import REF_KEY, TITLES_KEY
from kg.text.reference import NAME_SUFFIXES, Reference

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


NER_KINDS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place", "NORP": None}


FURNITURE_RE = re.compile(
    r"^\s*(?:(?:photo|image|image source|picture|source|credit|caption|file photo|advertisement|read more|related|"
    r"follow us|share|subscribe|site icon|copyright)\b|©)",
    re.I,
)
# photo credits anywhere in a short line: "© Dan Kitwood / Getty Images", "Image Credit: Reuters"


CREDIT_RE = re.compile(
    r"©|\bgetty images\b|\bimage credit\b|\bphoto credit\b|\b(?:AP|AFP|Reuters|EPA|Xinhua) photo\b"
    r"|/\s*(?:AFP|AP|Reuters|EPA|Getty)\b",
    re.I,
)


BAD_CHARS = set("【】|<>{}[]@#=_/\\")


POSSESSIVE = lexicon.words("possessive_endings")


GROUP_HEADS = lexicon.words("group_heads")


ORG_HEADS = lexicon.words("organization_heads")
# Names of agreements and policies: the model calls them organisations; they are kg:Policy material.


NOT_ACTOR_HEADS = lexicon.words("not_actor_heads")


TOWN_WORDS = lexicon.words("town_words")
PLACE_HEADS = lexicon.words("place_heads")


DASHES = {"-", "–", "—"}


def clean_name(span: Span, ref: Reference | None = None) -> Span | None:
    """Drop leading determiners, titles and honorifics and a trailing possessive from an entity."""
    doc = span.doc
    start, end = span.start, span.end
    titles = {(s.start, s.end) for s in doc.spans.get(TITLES_KEY, [])}
    changed = True
    while changed and start < end:
        changed = False
        if doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space:
            start += 1
            changed = True
            continue
        for s, e in titles:
            if s == start and e < end:
                start = e
                changed = True
                break
    for i in range(start, end):  # "Shanghai Cooperation Organization (SCO": the name stops at the bracket
        if doc[i].text == "(":
            end = i
            break
    while end > start and (
        doc[end - 1].is_stop
        and doc[end - 1].is_lower
        or doc[end - 1].text in POSSESSIVE
        or (doc[end - 1].is_punct and doc[end - 1].text not in (".",))
        or doc[end - 1].is_space
    ):
        end -= 1
    if start >= end:
        return None
    if any(
        s.end == end and (s.label_ in ("head", "office") or s.start <= start) for s in doc.spans.get(TITLES_KEY, [])
    ):
        return None  # "Washington Japan Studies Fellow" is a post, "Sheikh" alone an honorific: no names
    out = doc[start:end]
    text = out.text
    if "\n" in text or any(c in BAD_CHARS for c in text) or len(out) > 7:
        return None
    if not text[0].isupper() or any(ch.isdigit() for ch in text):
        return None
    if text.isupper() and len(text) > 6:  # headings in capitals ("CENTRES")
        return None
    if any(t.is_title and t.is_stop for t in out[1:]):  # "Blinken Meets With Netanyahu": a headline, not a name
        return None
    return out


def is_furniture(sent: Span) -> bool:
    text = sent.text
    return bool(FURNITURE_RE.match(text)) or (len(text.split()) <= 14 and bool(CREDIT_RE.search(text)))


def is_heading(sent: Span) -> bool:
    """A headline or section title: one short line, mostly capitalised words, no closing stop."""
    text = sent.text.strip().lstrip("(")
    if text.startswith("By "):  # a byline names its author
        return False
    words = [t for t in tokens(sent) if t.is_alpha]
    if not words or len(words) > 12 or text.endswith((".", "?", "!", ":", '"', "”")):
        return False
    capitalised = sum(1 for t in words if t.text[0].isupper() or t.is_stop)
    return capitalised == len(words) and sum(1 for t in words if t.text[0].isupper()) >= 2


def is_glued(span: Span, known_words: Container[str], lower_words: set[str]) -> bool:
    """A scraping artefact such as "Koreavisit": a word of the page glued to a lower-case word."""
    if len(span) != 1:
        return False
    text = span.text
    for cut in range(2, len(text) - 2):
        head, tail = text[:cut], text[cut:]
        if tail.islower() and tail in lower_words and head in known_words:
            return True
    return False


def candidate_spans(doc: Doc, ref: Reference) -> list[tuple[Span, str, str | None]]:
    """(span, label, reference key or None) for gazetteer spans and NER entities, without overlaps."""
    from spacy.util import filter_spans

    ref_spans = filter_spans(list(doc.spans.get(REF_KEY, [])))
    lower_words = {t.text for t in tokens(doc) if t.is_lower and t.is_alpha}
    taken: set[int] = set()
    out: list[tuple[Span, str, str | None]] = []
    ner: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in NER_KINDS:
            continue
        inside = [s for s in ref_spans if s.start >= ent.start and s.end <= ent.end]
        own_name = (
            ent.label_ in ("ORG", "FAC", "PERSON", "LOC")
            and inside
            and all(s.label_ in ("Country", "Demonym", "Capital", "Place", "Organization") for s in inside)
            and (ent.label_ == "ORG" or all(s.label_ != "Organization" for s in inside))
            and not any(t.text in POSSESSIVE or t.text in "-–—" for t in ent)
            and sum(len(s) for s in inside) < len([t for t in ent if t.lower_ != "the"])
            and not any(t.dep_ == "poss" for t in ent)
            # wire copy capitalises the word after "U.S.": "the U.S. Bombing of ..." is no name
            and not _common_words_after(ent, inside, lower_words)
        )
        if own_name:  # "Bank of Japan", "Japan Coast Guard": a name of its own around a country name
            ner.append(ent)
            taken.update(range(ent.start, ent.end))
    for s in ref_spans:
        if not taken.intersection(range(s.start, s.end)):
            out.append((s, s.label_, s.kb_id_ or s.id_ or None))
            taken.update(range(s.start, s.end))
    for ent in doc.ents:
        if ent.label_ in NER_KINDS and not taken.intersection(range(ent.start, ent.end)):
            if ent[-1].lower_ in GROUP_HEADS and len(ent) > 1:  # "Trump Administration": the name, then the group
                ent = doc[ent.start : ent.end - 1]
            ner.extend(split_pair(ent))
    for ent in ner:
        out.append((ent, ent.label_, None))
    named = taken | {t.i for e in ner for t in e}
    out.extend((name, "PERSON", None) for name in _titled_names(doc, named, lower_words))
    return sorted(out, key=lambda c: c[0].start)


def _titled_names(doc: Doc, taken: set[int], lower_words: set[str]) -> list[Span]:
    """ "Liberal Democrat MP Menzies Campbell": two or three capitalised proper nouns right after a
    capitalised title are a person's name even when the statistical model found no name there."""
    found = []
    for s in doc.spans.get(TITLES_KEY, []):
        if s.label_ not in ("head", "office") or not doc[s.start].text[:1].isupper():
            continue
        end = s.end
        while (
            end < len(doc)
            and end - s.end < 3
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
            and doc[end].is_alpha
            and end not in taken
            and doc[end].text not in lower_words
        ):
            end += 1
        if end - s.end >= 2 and (end == len(doc) or not (doc[end].pos_ == "PROPN" and doc[end].is_title)):
            found.append(doc[s.end : end])
    return found


def _common_words_after(ent: Span, inside: list[Span], lower_words: set[str]) -> bool:
    """Is everything in the entity besides its reference names a word the text also writes in lower case?"""
    rest = [t for t in ent if t.lower_ != "the" and not any(s.start <= t.i < s.end for s in inside)]
    return bool(rest) and all(t.lower_ in lower_words for t in rest)


def split_pair(ent: Span) -> list[Span]:
    """ "Trump–Ishiba" (one entity to the model) is two names; "Japan-China Friendship Union" is one."""
    if not any(t.text in DASHES for t in ent):
        return [ent]
    parts, start = [], ent.start
    for t in ent:
        if t.text in DASHES:
            parts.append(ent.doc[start : t.i])
            start = t.i + 1
    parts.append(ent.doc[start : ent.end])
    parts = [p for p in parts if len(p)]
    # "Nana Akufo-Addo" is one name: a hyphen after a given name joins a double surname;
    # "Trump-Ishiba", "Xi Jinping–Biden" (an en dash) are pairs
    dashed = any(t.text in ("–", "—") for t in ent)
    if len(parts) > 1 and all(len(p) <= 2 for p in parts) and (dashed or all(len(p) == 1 for p in parts)):
        return parts
    return [ent]


PLACE_PREPS = lexicon.words("place_prepositions")


def name_kind(span: Span, label: str, ref: Reference) -> str | None:
    """Type of an entity the gazetteer does not know, from NER and context."""
    last = span[-1].lower_
    doc = span.doc
    if (
        label == "PERSON"
        and span.root.dep_ == "pobj"
        and (
            span.root.head.lower_ in PLACE_PREPS
            and (len(span) == 1 or span.root.head.lower_ != "from")
            or span.root.head.head.lower_ in TOWN_WORDS
        )
    ):
        return "Place"  # "in Rafah", "in Porto Alegre", "the town of Rafah": a place the model took for a person
    if label in ("PERSON", "ORG") and len(span) == 1 and _company_context(span):
        return "Organization"  # "energy firm Enarsa", "Citibank, the chairman of the committee"
    first = span.sent[0]
    if first.lower_ == "by" or (first.text == "(" and len(span.sent) > 1 and span.sent[1].lower_ == "by"):
        if span.start <= first.i + 3 and len(span) >= 2:
            return "Person"  # a byline: "By Nike Ching"
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and any(
        s.end == span.start and s.label_ in ("head", "office", "honorific") for s in doc.spans.get(TITLES_KEY, [])
    ):
        return "Person"
    if last in ORG_HEADS and label != "PERSON":
        return "Organization"
    root = span.root
    for child in root.children:  # "Makoto Nishida, Secretary General of ...": an apposition with a title
        if child.dep_ == "appos" and any(
            s.start >= child.left_edge.i and s.end <= child.right_edge.i + 1
            for s in doc.spans.get(TITLES_KEY, [])
            if s.label_ != "honorific"
        ):
            return "Person"
    if last in PLACE_HEADS:
        return "Place"
    return NER_KINDS.get(label)


COMPANY_NOUNS = lexicon.words("company_nouns")


def _company_context(span: Span) -> bool:
    """A one-word "person" that is a company: a company noun right before it or in apposition to it,
    or a name that ends in one ("Citibank")."""
    doc, tok = span.doc, span.root
    before = doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ in COMPANY_NOUNS:
        return True
    if any(c.dep_ in ("appos", "compound") and c.lower_ in COMPANY_NOUNS for c in tok.children):
        return True
    return any(tok.lower_.endswith(noun) and tok.lower_ != noun for noun in ("bank", "corp", "tel", "soft"))


def abbreviations(doc: Doc, candidates: list[tuple[Span, str, str | None]]) -> dict[str, tuple[str, str]]:
    """ "the International Atomic Energy Agency (IAEA)": the letters name the organisation."""
    found: dict[str, tuple[str, str]] = {}
    for span, label, key in candidates:
        end = span.end
        if (
            label not in ("ORG", "Organization")
            or end + 2 >= len(doc)
            or doc[end].text != "("
            or doc[end + 2].text != ")"
        ):
            continue
        short = doc[end + 1].text
        if short.isupper() and 2 <= len(short) <= 8 and short != span.text:
            cleaned = span if key else clean_name(span)
            if cleaned is not None:
                found.setdefault(short, (key or cleaned.text, "Organization"))
    return found


def person_parts(name: str) -> list[str]:
    return [p for p in name.split() if p not in NAME_SUFFIXES]
