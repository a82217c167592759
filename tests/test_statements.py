"""Statements in any news story: each test is one class of quotation or attribution, on texts written for it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def said(ex) -> list[tuple[tuple[str, ...], str, bool]]:
    return [(s.speakers, s.text, s.direct) for s in ex.statements]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the speaker named after the quote, with a verb of the say class
        (
            '"We will not bow to pressure," Ramaphosa added.',
            [(("Cyril Ramaphosa",), "We will not bow to pressure", True)],
        ),
        # reported speech with no "that", and "insisted"
        (
            "Nigerian President Bola Tinubu told reporters in Lagos the deal would hold.",
            [(("Bola Tinubu",), "the deal would hold", False)],
        ),
        (
            "Brazilian President Lula insisted the talks had failed.",
            [(("Luiz Inácio Lula da Silva",), "the talks had failed", False)],
        ),
        # the audience of "told" is never what was said
        (
            "Kenyan President William Ruto told a parliamentary committee that the budget was sound.",
            [(("William Ruto",), "the budget was sound", False)],
        ),
        # "according to X"
        (
            "According to the Kenyan foreign ministry, the envoy will arrive on Monday.",
            [(("Kenya",), "the envoy will arrive on Monday", False)],
        ),
        # state organs speak for their country; unnamed diplomats do not speak
        (
            "Egyptian officials said the visit was a compromise.",
            [(("Egypt",), "the visit was a compromise", False)],
        ),
        (
            "A spokesman for the Chinese government said Beijing opposed the move.",
            [(("China",), "Beijing opposed the move", False)],
        ),
        ("Diplomats said the negotiations were close to collapse.", []),
        # a speech noun with its author
        (
            "Macron's warning that Europe could die was widely reported.",
            [(("Emmanuel Macron",), "Europe could die", False)],
        ),
        # scare quotes have no speaker
        ('The so-called "Marshall Plan for Africa" has few supporters.', []),
        # who was asked or told did not speak; one quoted as saying did
        ("Asked about the strikes, Chancellor Olaf Scholz was asked if troops had been sent.", []),
        (
            "Prime Minister Narendra Modi was quoted by the agency as saying the border was calm.",
            [(("Narendra Modi",), "the border was calm", False)],
        ),
        # "what X said was Y": Y was said
        (
            "The ship turned back, in what Turkish officials said was a goodwill gesture agreed overnight.",
            [(("Turkey",), "a goodwill gesture agreed overnight", False)],
        ),
    ],
)
def test_attribution_classes(run, text: str, expected) -> None:
    assert said(run(text, date="2023-06-01")) == expected


def test_a_short_quote_inside_a_reported_clause_is_part_of_one_reported_statement(run) -> None:
    ex = run('Chancellor Olaf Scholz said the plan was "dead on arrival" and would be withdrawn.', date="2023-06-01")
    assert said(ex) == [(("Olaf Scholz",), 'the plan was "dead on arrival" and would be withdrawn', False)]


def test_a_quote_over_two_paragraphs_keeps_its_speaker(run) -> None:
    text = (
        'Prime Minister Anthony Albanese said: "We will stand with our partners.\n\n'
        '"Our region deserves stability and we will work for it.\n\n'
        "The opposition leader left early."
    )
    assert said(run(text, date="2023-06-01")) == [
        (("Anthony Albanese",), "We will stand with our partners.", True),
        (("Anthony Albanese",), "Our region deserves stability and we will work for it.", True),
    ]


def test_the_speaker_from_the_sentence_before_and_a_pronoun_after(run) -> None:
    text = 'Mr Ruto spoke at the opening of the summit. "Africa is ready to lead," he said.'
    assert said(run(text, date="2023-06-01")) == [(("William Ruto",), "Africa is ready to lead", True)]
    text = 'Kenyan Foreign Minister Alfred Mutua arrived late.\n\nHe added: "We expect an agreement by Friday."'
    assert said(run(text, date="2023-06-01")) == [(("Alfred Mutua",), "We expect an agreement by Friday.", True)]


def test_one_of_the_officials_who_spoke(run) -> None:
    text = 'US officials told Reuters the talks were productive. "We made real progress," one said.'
    assert said(run(text, date="2023-06-01")) == [
        (("United States",), "the talks were productive", False),
        (("United States",), "We made real progress", True),
    ]


def test_a_quote_split_by_its_attribution_is_one_statement(run) -> None:
    text = '"We are ready," Chancellor Olaf Scholz said, "to deepen our ties with Poland."'
    assert said(run(text, date="2023-06-01")) == [
        (("Olaf Scholz",), "We are ready to deepen our ties with Poland.", True)
    ]


def test_a_document_speaks_for_its_author(run) -> None:
    text = "A survey published by the International Monetary Fund said growth would slow in 2024."
    assert said(run(text, date="2023-06-01")) == [
        (("International Monetary Fund",), "growth would slow in 2024", False)
    ]


def test_palestinian_officials_speak_for_the_palestinian_authority_after_its_founding(run) -> None:
    text = "Palestinian officials said the crossing would reopen on Monday."
    [s] = run(text, date="2005-01-20").statements
    assert (s.speakers, s.text) == (("Palestinian Authority",), "the crossing would reopen on Monday")
    [s] = run(text, date="1987-03-02").statements  # before 1994 there was no Authority to speak for
    assert s.speakers == ("Palestine",)


def test_a_quote_restarted_after_its_attribution_keeps_the_speaker(run) -> None:
    text = (
        "Kenyan President William Ruto spoke at the opening.\n\n"
        '"We cannot wait any longer," he said. "Africa must act now.\n\n'
        '"The world is watching us."\n\n'
        'The Nigerian leader agreed. "This is our moment," said Bola Tinubu.'
    )
    found = [(s.speakers, s.text) for s in run(text, date="2023-06-14").statements]
    assert found == [
        (("William Ruto",), "We cannot wait any longer"),
        (("William Ruto",), "Africa must act now."),
        (("William Ruto",), "The world is watching us."),
        (("Bola Tinubu",), "This is our moment"),
    ]


def test_unnamed_officials_in_a_datelined_wire_story_speak_for_its_country(run) -> None:
    text = (
        "KENYA TO RAISE FUEL TAX\n"
        "NAIROBI, March 3 -\n"
        "    Government officials said they expected the tax to pass in May.\n"
        "    Diplomats said the debate had been tense.\n"
    )
    found = [(s.speakers, s.text) for s in run(text, date=None).statements]
    assert found == [(("Kenya",), "they expected the tax to pass in May")]  # whose diplomats is not said
    assert run("Officials said they expected the tax to pass in May.", date=None).statements == ()


def test_an_attribution_set_inside_the_reported_sentence(run) -> None:
    text = "Mr Ruto spoke on Monday. The deal, he added, would be signed by the end of the year."
    found = [(s.speakers, s.text, s.direct) for s in run(text, date="2023-06-14").statements]
    assert found == [(("William Ruto",), "The deal would be signed by the end of the year", False)]
    found = [(s.speakers, s.text, s.direct) for s in run('"The talks," Ruto said, "have failed."').statements]
    assert found == [(("William Ruto",), "The talks have failed.", True)]  # quoted: one direct statement
