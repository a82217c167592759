"""One list of a Doc's tokens and sentences for the whole extraction of an article.

spaCy makes a new Token object at every `doc[i]` and every step of `for tok in doc`, and a new
Span list at every `doc.sents`; the rules walk the article and each sentence many times, so
`extract_article` keeps the lists for as long as it runs (`cached`) and the rules read them here.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Span, Token

    from kg.model import Article

TOKENS = "kg_tokens"
SENTENCES = "kg_sentences"


def tokens(of: Doc | Span) -> list[Token]:
    """The tokens of a Doc or of a span of it, from the article's list when one is kept."""
    doc = of.doc
    kept = doc.user_data.get(TOKENS)
    if kept is None:
        return list(of)
    return kept if of is doc else kept[of.start : of.end]


def evidence(article: Article, span: Span) -> str:
    """The sentence (or span) as the article writes it: the Doc's text has its soft line breaks
    made spaces (kg.text.nlp.unwrap), evidence is quoted verbatim."""
    return article.text[span.start_char : span.end_char].strip()


def sentences(doc: Doc) -> list[Span]:
    kept = doc.user_data.get(SENTENCES)
    return kept if kept is not None else list(doc.sents)


@contextmanager
def cached(doc: Doc) -> Iterator[None]:
    """Keep the token and sentence lists while the block runs (the Doc's annotations must not change)."""
    doc.user_data[TOKENS] = list(doc)
    doc.user_data[SENTENCES] = list(doc.sents)
    try:
        yield
    finally:
        doc.user_data.pop(TOKENS, None)
        doc.user_data.pop(SENTENCES, None)
