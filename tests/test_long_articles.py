"""Long articles (issue 15, finding 7): read in pieces of whole paragraphs, whose facts join as one
document with offsets into the whole article; the cost per word is measured in bench/ (RESULTS.md)."""

from __future__ import annotations

import pytest

from kg.builder.pieces import join_pieces
from kg.model import Actor, Extraction, Meeting, Provenance, Statement
from kg.text.ingest import make_article
from kg.text.pieces import PIECE_CHARS, split_text

PARAGRAPHS = [
    "Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on Friday to discuss aid to Ukraine.",
    '"Europe must stand together," Scholz told reporters after the talks in the chancellery.',
    "Prime Minister Shigeru Ishiba met President Prabowo Subianto in Jakarta on Saturday.",
    "Ishiba said Japan would expand its investment in Indonesian ports and power plants.",
]


def test_a_short_text_is_one_piece() -> None:
    assert split_text("One paragraph.\n\nTwo.") == [(0, "One paragraph.\n\nTwo.")]


def test_pieces_cover_the_text_and_end_at_paragraph_breaks() -> None:
    text = "\n\n".join(f"Paragraph {i}: " + "word " * 40 for i in range(400))
    pieces = split_text(text, 2_000)
    assert "".join(piece for _, piece in pieces) == text
    assert [offset for offset, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
    assert all(len(piece) <= 2_000 for _, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])
    assert all(piece.startswith("Paragraph ") for _, piece in pieces)


def test_a_paragraph_longer_than_a_piece_is_cut_at_a_sentence_end() -> None:
    text = "Leaders met in Geneva. " * 500  # 11,500 characters, no line break
    pieces = split_text(text, 2_000)
    assert "".join(piece for _, piece in pieces) == text
    assert all(piece.endswith("Geneva. ") for _, piece in pieces)
    words = "word " * 1_000
    assert all(len(p) <= 2_000 and p.endswith(" ") for _, p in split_text(words, 2_000)[:-1])


def test_hard_wrapped_copy_is_cut_where_a_sentence_ends_a_line() -> None:
    line = "Leaders of the two countries met in Geneva on Monday and\nagreed to meet again in May. "
    text = (line.rstrip(" ") + "\n") * 100
    pieces = split_text(text, 2_000)
    assert "".join(piece for _, piece in pieces) == text
    assert all(piece.endswith("May.\n") for _, piece in pieces[:-1])


def test_the_pieces_facts_join_with_offsets_into_the_whole_article() -> None:
    text = "Jane Doe met Ivan Petrov.\n\nDoe said: we agree.\n\nPetrov met Doe again."
    article = make_article("a.txt", text)
    first, second = text[:27], text[27:]

    def prov(piece: str, sentence: str) -> Provenance:
        return Provenance("a.txt", sentence, piece.index(sentence), piece.index(sentence) + len(sentence))

    one = Extraction(
        article,
        actors=(Actor("Jane Doe", "Person", aliases=("Jane Doe",)), Actor("Ivan Petrov", "Person")),
        meetings=(Meeting(("Ivan Petrov", "Jane Doe"), prov(first, "Jane Doe met Ivan Petrov.")),),
    )
    two = Extraction(
        article,
        actors=(Actor("Jane Doe", "Person", aliases=("Doe",), roles=("minister",)),),
        statements=(Statement(("Jane Doe",), "we agree", prov(second, "Doe said: we agree.")),),
        meetings=(Meeting(("Ivan Petrov", "Jane Doe"), prov(second, "Petrov met Doe again.")),),
    )
    joined = join_pieces(article, [0, 27], [one, two])
    assert joined.article is article
    assert joined.actors == (
        Actor("Jane Doe", "Person", aliases=("Doe", "Jane Doe"), roles=("minister",)),
        Actor("Ivan Petrov", "Person"),
    )
    for fact in (*joined.meetings, *joined.statements):
        assert text[fact.prov.start : fact.prov.end] == fact.prov.sentence
    assert [m.prov.start for m in joined.meetings] == [0, text.index("Petrov met")]


@pytest.mark.slow
def test_a_long_article_is_built_in_pieces_with_exact_evidence() -> None:
    from kg.builder.parallel import extract_batch

    paragraphs = [PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(4 * PIECE_CHARS // 80)]
    text = "Leaders meet across two continents\n\n" + "\n\n".join(paragraphs) + "\n"
    assert len(split_text(text)) >= 4
    article = make_article("long.txt", text)
    [ex] = extract_batch([article])
    assert isinstance(ex, Extraction) and ex.article is article
    assert {a.key for a in ex.actors} >= {"Olaf Scholz", "Emmanuel Macron", "Shigeru Ishiba", "Prabowo Subianto"}
    facts = [*ex.meetings, *ex.statements, *ex.policies, *ex.relations]
    assert max(f.prov.start for f in facts) > 3 * PIECE_CHARS  # the last piece's facts, placed in the whole text
    for fact in facts:
        assert fact.prov.doc_id == "long.txt"
        assert fact.prov.sentence in text
        assert text[fact.prov.start : fact.prov.end].strip() in fact.prov.sentence
        # the offsets point at this very sentence, not at an earlier copy of it
        around = text[max(0, fact.prov.start - len(fact.prov.sentence)) : fact.prov.end + len(fact.prov.sentence)]
        assert fact.prov.sentence in around
