"""Sentences and paragraphs: hard-wrapped wire copy is read as prose, headlines and datelines stay apart."""

from __future__ import annotations

import pytest

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
    doc = nlp(WIRE)
    sents = [s.text.strip() for s in doc.sents]
    assert "MINISTERS AGREE ON GRAIN CORRIDOR" in sents
    assert "OSLO, May 4 -" in sents
    # the wrap is a space for the parser (no whitespace token inside the sentence), at the same offsets
    assert any(
        s.startswith("Freedonian and Sylvanian farm ministers agreed on Thursday") and s.endswith("officials said.")
        for s in sents
    )
    assert len(doc.text) == len(WIRE) and not any(t.is_space for s in doc.sents for t in s[1:-1])


@pytest.mark.slow
def test_evidence_quotes_the_wrapped_text_as_written(run):
    wire = (
        "NORWAY BACKS GRAIN DEAL\n"
        "OSLO, May 4 -\n"
        "Norwegian Prime Minister Jonas Gahr Store said on Thursday\n"
        "that the northern grain corridor would reopen within a\n"
        "month.\n"
        "    The corridor was closed in March after a dispute over\n"
        "inspection fees.\n"
    )
    [said] = run(wire, date="2024-05-04").statements
    assert said.text == "the northern grain corridor would reopen within a month"
    assert said.prov.sentence == (
        "Norwegian Prime Minister Jonas Gahr Store said on Thursday\n"
        "that the northern grain corridor would reopen within a\nmonth."
    )
