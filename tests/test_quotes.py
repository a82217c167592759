"""Quotation marks, paragraph by paragraph (no model needed)."""

from __future__ import annotations

from kg.extract.quotes import find_quotes, paragraphs


def quoted(text: str) -> list[tuple[str, int, int, bool]]:
    return [(text[q.start : q.end], q.run, q.part, q.closed) for q in find_quotes(text)]


def test_a_quote_left_open_goes_on_in_a_paragraph_that_opens_with_a_quotation_mark():
    text = 'The envoy said: "We will not give up.\n\n"The border stays open," she added.\n\nLater, talks resumed.'
    assert quoted(text) == [("We will not give up.", 0, 0, False), ("The border stays open,", 0, 1, True)]


def test_a_quote_left_open_ends_with_its_paragraph_when_the_next_one_does_not_quote():
    text = 'He said: "This is over.\n\nThe minister left early.'
    assert quoted(text) == [("This is over.", 0, 0, False)]


def test_a_straight_mark_that_opens_inside_a_quote_starts_its_next_part():
    text = '"We hold to a principle. "On the contrary, we can work together." The deal followed.'
    assert quoted(text) == [
        ("We hold to a principle. ", 0, 0, False),
        ("On the contrary, we can work together.", 0, 1, True),
    ]


def test_curly_straight_and_guillemet_marks_and_single_quotes_outside_them():
    text = "“One step,” she said. He called it «a trap». Officials spoke of a 'grand bargain for the region'."
    assert [q[0] for q in quoted(text)] == ["One step,", "a trap"]  # straight singles only in a text without doubles
    assert [q[0] for q in quoted("The chief said ‘no deal is possible now’ on Monday.")] == ["no deal is possible now"]
    assert [q[0] for q in quoted("Officials spoke of a 'grand bargain for the region'.")] == [
        "grand bargain for the region"
    ]


def test_apostrophes_do_not_close_single_quotes():
    text = "She said ‘Japan’s role isn’t over yet’ and left."
    assert [q[0] for q in quoted(text)] == ["Japan’s role isn’t over yet"]


def test_paragraphs_are_blank_line_or_indent_separated_and_soft_breaks_stay_inside():
    text = "First line\ngoes on.\n    Second paragraph.\n\nThird."
    soft = {text.index("\n")}
    assert [text[s:e] for s, e in paragraphs(text, soft)] == ["First line\ngoes on.", "    Second paragraph.", "Third."]
