"""Extraction rules that read the dependency parse, on Docs built by hand (spaCy's own test style):
the words, heads, labels, parts of speech, lemmas and entities a parser and tagger would give,
written as a table, then our span rulers (reference actors, titles) over them. No statistical
model: each test states the parse its rule relies on, so a rule change shows here and a parser
upgrade does not. The integration tests with the model are in test_extract.py.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.extract import extract_article
from kg.model import Extraction
from kg.text.ingest import make_article


@pytest.fixture(scope="module")
def nlp():
    """A blank English pipeline with newskg's span rulers only."""
    import spacy

    from kg.text.nlp import add_span_rulers
    from kg.text.reference import load_reference

    nlp = spacy.blank("en")
    add_span_rulers(nlp, load_reference())
    return nlp


def parse(nlp, text: str, table: str) -> Doc:
    """The Doc of `text` as written in `table`: one token a line, `WORD HEAD DEP POS LEMMA ENT`,
    HEAD the index of the token's head (its own for a root), ENT an IOB entity tag or `O`. The
    span rulers run over it, as they do in the pipeline."""
    from spacy.util import get_words_and_spaces

    rows = [line.split() for line in table.strip().splitlines()]
    words, spaces = get_words_and_spaces([r[0] for r in rows], text)
    assert words == [r[0] for r in rows], "the table's words must spell the text"
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        heads=[int(r[1]) for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        ents=[r[5] for r in rows],
    )
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def extract(nlp, text: str, table: str, date: str | None = "2024-05-03") -> Extraction:
    doc = parse(nlp, text, table)
    return extract_article(doc, make_article("rules.txt", doc.text, date=date))


def relations(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in ex.relations}


# ---------------------------------------------------------------------------- meetings


def test_meeting_participants_are_the_subject_and_the_with_object(nlp) -> None:
    ex = extract(
        nlp,
        "Anna Berg met with Karl Ost on May 2.",
        """
        Anna  1 compound PROPN Anna  B-PERSON
        Berg  2 nsubj    PROPN Berg  I-PERSON
        met   2 ROOT     VERB  meet  O
        with  2 prep     ADP   with  O
        Karl  5 compound PROPN Karl  B-PERSON
        Ost   3 pobj     PROPN Ost   I-PERSON
        on    2 prep     ADP   on    O
        May   6 pobj     PROPN May   B-DATE
        2     7 nummod   NUM   2     I-DATE
        .     2 punct    PUNCT .     O
        """,
    )
    [meeting] = ex.meetings
    assert (meeting.participants, meeting.sides) == (("Anna Berg", "Karl Ost"), ("Anna Berg", "Karl Ost"))
    assert (meeting.kind, meeting.status, meeting.start, meeting.confidence) == ("meeting", "held", "2024-05-02", 0.8)
    assert meeting.prov.sentence == "Anna Berg met with Karl Ost on May 2."


def test_meeting_a_goal_meets_no_one(nlp) -> None:
    """ "meet" with an object that names no actor is not a meeting ("met the demand")."""
    ex = extract(
        nlp,
        "Japan met the demand of Australia.",
        """
        Japan     1 nsubj PROPN Japan     O
        met       1 ROOT  VERB  meet      O
        the       3 det   DET   the       O
        demand    1 dobj  NOUN  demand    O
        of        3 prep  ADP   of        O
        Australia 4 pobj  PROPN Australia O
        .         1 punct PUNCT .         O
        """,
    )
    assert ex.meetings == ()


def test_talks_between_two_countries_and_a_planned_visit(nlp) -> None:
    """A noun trigger takes its participants from "between X and Y" (coordinated); "will" makes a
    verb trigger planned, and the date of its own clause is read forward."""
    ex = extract(
        nlp,
        "Talks between Japan and China ended. Japan will visit China in June.",
        """
        Talks    5 nsubj PROPN talk    O
        between  0 prep  ADP   between O
        Japan    1 pobj  PROPN Japan   O
        and      2 cc    CCONJ and     O
        China    2 conj  PROPN China   O
        ended    5 ROOT  VERB  end     O
        .        5 punct PUNCT .       O
        Japan    9 nsubj PROPN Japan   O
        will     9 aux   AUX   will    O
        visit    9 ROOT  VERB  visit   O
        China    9 dobj  PROPN China   O
        in       9 prep  ADP   in      O
        June     11 pobj PROPN June    B-DATE
        .        9 punct PUNCT .       O
        """,
    )
    talks, visit = ex.meetings
    assert (talks.participants, talks.kind, talks.status, talks.start) == (("China", "Japan"), "talks", "held", None)
    assert (visit.participants, visit.kind, visit.status, visit.start) == (
        ("China", "Japan"),
        "visit",
        "planned",
        "2024-06",
    )


# ---------------------------------------------------------------------------- statements


def test_reported_speech_speaker_is_the_subject_of_the_say_verb(nlp) -> None:
    ex = extract(
        nlp,
        "Anna Berg said that the corridor would open in April.",
        """
        Anna     1 compound PROPN Anna     B-PERSON
        Berg     2 nsubj    PROPN Berg     I-PERSON
        said     2 ROOT     VERB  say      O
        that     7 mark     SCONJ that     O
        the      5 det      DET   the      O
        corridor 7 nsubj    NOUN  corridor O
        would    7 aux      AUX   would    O
        open     2 ccomp    VERB  open     O
        in       7 prep     ADP   in       O
        April    8 pobj     PROPN April    B-DATE
        .        2 punct    PUNCT .        O
        """,
    )
    [statement] = ex.statements
    assert (statement.speakers, statement.text, statement.direct) == (
        ("Anna Berg",),
        "the corridor would open in April",
        False,
    )
    assert (statement.confidence, statement.date) == (0.6, "2024-05-03")


def test_a_direct_quote_is_attributed_to_the_subject_of_the_verb_after_it(nlp) -> None:
    ex = extract(
        nlp,
        '"The ships are ready," Karl Ost told reporters.',
        """
        "         9 punct    PUNCT "        O
        The       2 det      DET   the      O
        ships     3 nsubj    NOUN  ship     O
        are       9 ccomp    AUX   be       O
        ready     3 acomp    ADJ   ready    O
        ,         3 punct    PUNCT ,        O
        "         9 punct    PUNCT "        O
        Karl      8 compound PROPN Karl     B-PERSON
        Ost       9 nsubj    PROPN Ost      I-PERSON
        told      9 ROOT     VERB  tell     O
        reporters 9 dobj     NOUN  reporter O
        .         9 punct    PUNCT .        O
        """,
    )
    [statement] = ex.statements
    assert (statement.speakers, statement.text, statement.direct, statement.confidence) == (
        ("Karl Ost",),
        "The ships are ready",
        True,
        0.85,
    )


def test_he_or_she_speaks_for_the_subject_of_the_sentence_before(nlp) -> None:
    ex = extract(
        nlp,
        "Anna Berg met Karl Ost. She said that the talks went well.",
        """
        Anna  1 compound PROPN Anna  B-PERSON
        Berg  2 nsubj    PROPN Berg  I-PERSON
        met   2 ROOT     VERB  meet  O
        Karl  4 compound PROPN Karl  B-PERSON
        Ost   2 dobj     PROPN Ost   I-PERSON
        .     2 punct    PUNCT .     O
        She   7 nsubj    PRON  she   O
        said  7 ROOT     VERB  say   O
        that  11 mark    SCONJ that  O
        the   10 det     DET   the   O
        talks 11 nsubj   NOUN  talk  O
        went  7 ccomp    VERB  go    O
        well  11 advmod  ADV   well  O
        .     7 punct    PUNCT .     O
        """,
    )
    [statement] = ex.statements
    assert (statement.speakers, statement.text) == (("Anna Berg",), "the talks went well")


# ---------------------------------------------------------------------------- relations


def test_relation_subjects_are_the_coordinated_subjects_and_objects_the_object(nlp) -> None:
    ex = extract(
        nlp,
        "Japan and Australia support Ukraine.",
        """
        Japan     3 nsubj PROPN Japan     O
        and       0 cc    CCONJ and       O
        Australia 0 conj  PROPN Australia O
        support   3 ROOT  VERB  support   O
        Ukraine   3 dobj  PROPN Ukraine   O
        .         3 punct PUNCT .         O
        """,
    )
    assert relations(ex) == {("Japan", "supports", "Ukraine"), ("Australia", "supports", "Ukraine")}


def test_work_is_cooperation_only_with_someone(nlp) -> None:
    ex = extract(
        nlp,
        "India will work with Japan. Brazil works hard.",
        """
        India  2 nsubj  PROPN India  O
        will   2 aux    AUX   will   O
        work   2 ROOT   VERB  work   O
        with   2 prep   ADP   with   O
        Japan  3 pobj   PROPN Japan  O
        .      2 punct  PUNCT .      O
        Brazil 7 nsubj  PROPN Brazil O
        works  7 ROOT   VERB  work   O
        hard   7 advmod ADV   hard   O
        .      7 punct  PUNCT .      O
        """,
    )
    assert relations(ex) == {("India", "cooperatesWith", "Japan")}


def test_the_two_countries_before_alliance_are_allies(nlp) -> None:
    ex = extract(
        nlp,
        "The US-Japan alliance is strong.",
        """
        The      4 det      DET   the      O
        US       4 compound PROPN US       O
        -        3 punct    PUNCT -        O
        Japan    4 compound PROPN Japan    O
        alliance 5 nsubj    NOUN  alliance O
        is       5 ROOT     AUX   be       O
        strong   5 acomp    ADJ   strong   O
        .        5 punct    PUNCT .        O
        """,
    )
    assert relations(ex) == {("United States", "allyOf", "Japan")}


# ---------------------------------------------------------------------------- sides and policies


def test_a_title_after_a_demonym_gives_the_role_and_the_side(nlp) -> None:
    """ "Japanese Foreign Minister Anna Berg": her role, and Japan (an actor of the article: the
    capital stands for it) as the side she stands for in the meeting; an office, not the
    country's head, so she serves Japan and does not lead it."""
    ex = extract(
        nlp,
        "Japanese Foreign Minister Anna Berg met Karl Ost in Tokyo.",
        """
        Japanese 4 amod     ADJ   Japanese O
        Foreign  3 compound PROPN Foreign  O
        Minister 4 compound PROPN Minister O
        Anna     4 compound PROPN Anna     B-PERSON
        Berg     5 nsubj    PROPN Berg     I-PERSON
        met      5 ROOT     VERB  meet     O
        Karl     7 compound PROPN Karl     B-PERSON
        Ost      5 dobj     PROPN Ost      I-PERSON
        in       5 prep     ADP   in       O
        Tokyo    8 pobj     PROPN Tokyo    B-GPE
        .        5 punct    PUNCT .        O
        """,
    )
    assert relations(ex) == {("Anna Berg", "role", "Foreign Minister")}
    assert {a.key: (a.kind, a.roles) for a in ex.actors}["Anna Berg"] == ("Person", ("Foreign Minister",))
    [meeting] = ex.meetings
    assert (meeting.participants, meeting.sides, meeting.location) == (
        ("Anna Berg", "Karl Ost"),
        ("Japan", "Karl Ost"),
        "Japan",
    )


def test_a_policy_takes_its_proponent_from_the_verb_and_its_target_from_on(nlp) -> None:
    ex = extract(
        nlp,
        "Japan imposed tariffs on Chinese steel.",
        """
        Japan   1 nsubj PROPN Japan   O
        imposed 1 ROOT  VERB  impose  O
        tariffs 1 dobj  NOUN  tariff  O
        on      2 prep  ADP   on      O
        Chinese 5 amod  ADJ   Chinese O
        steel   3 pobj  NOUN  steel   O
        .       1 punct PUNCT .       O
        """,
    )
    [policy] = ex.policies
    assert (policy.label, policy.proponents, policy.targets, policy.confidence) == (
        "tariffs on Chinese steel",
        ("Japan",),
        ("China",),
        0.7,
    )
