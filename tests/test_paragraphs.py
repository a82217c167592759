"""Sentences and paragraphs: hard-wrapped wire copy is read as prose, headlines and datelines stay apart."""

from __future__ import annotations

from kg.text.nlp import build_pipeline, soft_breaks

WIRE = (
    "MINISTERS AGREE ON GRAIN CORRIDOR\n"
    "OSLO, May 4 -\n"
    "Freedonian and Sylvanian farm ministers\n"
    "agreed on Thursday to reopen the northern grain corridor,\n"
    "officials said.\n"
    "    The corridor was closed in March after a dispute over\n"
    "inspection fees.\n"
)


def test_wrapped_lines_are_soft_but_headline_dateline_and_paragraph_breaks_are_not():
    breaks = {WIRE[:at].count("\n") + 1 for at in soft_breaks(WIRE)}  # 1-based number of the line a break ends
    assert breaks == {3, 4, 6}


def test_text_with_one_paragraph_per_line_has_no_soft_breaks():
    text = "Headline of the story\n\nThe first paragraph is long and ends with a stop.\n\nThe second one too.\n"
    assert soft_breaks(text) == set()
    assert soft_breaks("Lula and Ramaphosa to meet in Geneva next week") == set()


def test_a_wrapped_paragraph_is_one_sentence_in_the_pipeline():
    nlp = build_pipeline("blank")
    sents = [s.text.strip() for s in nlp(WIRE).sents]
    assert "MINISTERS AGREE ON GRAIN CORRIDOR" in sents
    assert "OSLO, May 4 -" in sents
    assert any(
        s.startswith("Freedonian and Sylvanian farm ministers\nagreed on Thursday") and s.endswith("officials said.")
        for s in sents
    )
