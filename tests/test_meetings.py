"""Meetings in any news story: each test is one class of wording, on sentences written for it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def meetings(ex) -> list[tuple[tuple[str, ...], str | None, str]]:
    return [(m.participants, m.start, m.status) for m in ex.meetings]


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # CAMEO consult verbs and verb patterns
        (
            "Argentina opened negotiations with the International Monetary Fund on Monday.",
            "2019-03-12",
            (("Argentina", "International Monetary Fund"), "2019-03-11", "held"),
        ),
        (
            "President Macron conferred with Chancellor Scholz on Saturday.",
            "2023-03-12",
            (("Emmanuel Macron", "Olaf Scholz"), "2023-03-11", "held"),
        ),
        (
            "Secretary of State Antony Blinken sat down with Chinese Foreign Minister Wang Yi in Jakarta.",
            "2023-07-14",
            (("Antony Blinken", "Wang Yi"), None, "held"),
        ),
        # hosting and receiving
        (
            "President Xi Jinping received Spanish Prime Minister Pedro Sanchez in Beijing on Friday.",
            "2023-03-31",
            (("Pedro Sánchez", "Xi Jinping"), "2023-03-31", "held"),
        ),
        # a visit is a meeting with the host country
        (
            "Brazilian President Lula da Silva arrived in Beijing on a three-day state visit.",
            "2023-04-13",
            (("China", "Luiz Inácio Lula da Silva"), None, "held"),
        ),
        (
            "Lula's visit to Beijing was seen as a signal to Washington.",
            "2023-04-15",
            (("China", "Luiz Inácio Lula da Silva"), None, "held"),
        ),
        # plans
        (
            "Indian Prime Minister Narendra Modi will visit Washington next month.",
            "2017-05-06",
            (("Narendra Modi", "United States"), "2017-06", "planned"),
        ),
        (
            "Erdogan plans to meet Putin in Sochi.",
            "2023-09-01",
            (("Recep Tayyip Erdogan", "Vladimir Putin"), None, "planned"),
        ),
        (
            "Lula and Ramaphosa to meet in Geneva next week",
            "2023-06-05",
            (("Cyril Ramaphosa", "Luiz Inácio Lula da Silva"), "2023-06", "planned"),
        ),
        (
            "The summit between Modi and Xi was called off.",
            "2023-06-05",
            (("Narendra Modi", "Xi Jinping"), None, "cancelled"),
        ),
        # an appearance somewhere is a visit there; one before a committee is none
        (
            "Chancellor Olaf Scholz made a surprise appearance in Kyiv.",
            "2023-06-05",
            (("Olaf Scholz", "Ukraine"), None, "held"),
        ),
        (
            "Prime Minister Narendra Modi cancelled his meeting with President Xi Jinping.",
            "2023-06-05",
            (("Narendra Modi", "Xi Jinping"), None, "cancelled"),
        ),
    ],
)
def test_meeting_wording_outside_the_sample_articles(run, text: str, date: str, expected) -> None:
    assert meetings(run(text, date=date)) == [expected]


def test_a_call_by_phone_is_a_call(run) -> None:
    [m] = run("Chancellor Olaf Scholz spoke by phone with President Joe Biden on Tuesday.", date="2023-03-12").meetings
    assert (m.participants, m.kind, m.start) == (("Joe Biden", "Olaf Scholz"), "call", "2023-03-07")


def test_bodies_meet_on_their_own_and_a_capital_is_the_place_not_a_participant(run) -> None:
    [m] = run("OPEC oil ministers met in Vienna on Monday to agree output cuts.", date="2018-12-03").meetings
    assert m.participants == ("Organization of the Petroleum Exporting Countries",)
    assert m.start == "2018-12-03"
    [m] = run("The WTO general council will decide the matter when it meets in June.", date="2018-03-03").meetings
    assert (m.participants, m.start, m.status) == (("World Trade Organization",), "2018-06", "planned")


def test_participants_through_of_phrases_and_delegations(run) -> None:
    [m] = run(
        "The foreign ministers of India and Pakistan met on the sidelines of the summit.", date="2015-07-10"
    ).meetings
    assert m.participants == ("India", "Pakistan")
    [m] = run(
        "A Chinese delegation led by Vice Premier Wu Yi arrived in Washington for trade talks.", date="2006-01-18"
    ).meetings
    assert m.participants == ("United States", "Wu Yi")


def test_talks_with_two_leaders_of_other_countries_are_two_meetings(run) -> None:
    text = "Chancellor Gordon Brown held talks with Egyptian President Hosni Mubarak and Jordan's King Abdullah."
    assert sorted(m.participants for m in run(text, date="2005-03-01").meetings) == [
        ("Abdullah", "Gordon Brown"),
        ("Gordon Brown", "Hosni Mubarak"),
    ]
    # an unknown subject is not its partners meeting each other (no Libyan prime minister in the reference data)
    assert (
        run(
            "The Libyan Prime Minister held talks with Egyptian President Hosni Mubarak and Jordan's King Abdullah."
        ).meetings
        == ()
    )


def test_partners_named_in_appositions_are_each_met(run) -> None:
    text = (
        "Chancellor Angela Merkel held talks with her French counterpart, Nicolas Sarkozy, "
        "and the Polish leader, Donald Tusk."
    )
    assert sorted(m.participants for m in run(text, date="2009-05-04").meetings) == [
        ("Angela Merkel", "Donald Tusk"),
        ("Angela Merkel", "Nicolas Sarkozy"),
    ]
    text = "Mr Kerry held talks with his Russian counterpart, Sergei Lavrov, and the UN envoy, Lakhdar Brahimi."
    assert sorted(m.participants for m in run(text, date="2014-01-13").meetings) == [
        ("John Kerry", "Lakhdar Brahimi"),
        ("John Kerry", "Sergey Lavrov"),
    ]


def test_partners_place_and_day_hung_on_the_copula_belong_to_the_event(run) -> None:
    text = (
        "The next round of talks will be in Vienna next Tuesday between Iranian Foreign Minister "
        "Javad Zarif and Secretary of State John Kerry."
    )
    [m] = run(text, date="2015-03-19").meetings  # a Thursday
    assert (m.participants, m.location, m.start, m.status) == (
        ("John Kerry", "Mohammad Javad Zarif"),
        "Austria",  # a capital stands for its country
        "2015-03-24",
        "planned",
    )


def test_a_discussed_topic_is_no_participant_and_a_place_without_host_is_no_meeting(run) -> None:
    text = "Turkish Prime Minister Recep Tayyip Erdogan and Greek Prime Minister Kostas Karamanlis discussed Cyprus at a dinner."
    assert [m.participants for m in run(text, date="2006-02-07").meetings] == [
        ("Kostas Karamanlis", "Recep Tayyip Erdogan")
    ]
    assert run("The chancellor later toured a battery factory in North Carolina.", date="2024-04-12").meetings == ()


def test_a_visit_is_folded_into_the_talks_it_was_for(run) -> None:
    text = "Venezuela's President Hugo Chavez paid a visit to Cuba, where he met Fidel Castro."
    [m] = run(text, date="2006-02-07").meetings
    assert m.participants == ("Fidel Castro", "Hugo Chávez")


def test_a_wire_dateline_gives_the_day_and_a_visit_without_destination_its_country(run) -> None:
    text = (
        "PRESIDENT TO HOST VISITOR\n"
        "OSLO, May 4 -\n"
        "Officials expect a calm first official visit by Canadian Prime Minister Brian Mulroney this week.\n"
        "    Mulroney and Brundtland will hold talks on Thursday, the last round before the summer, officials said.\n"
        "    The talks follow a dispute over fishing in 1985.\n"
    )
    found = {m.participants: (m.start, m.status) for m in run(text, date=None).meetings}
    # "Brundtland" is Norway's prime minister in the reference data, so the planned visit to the dateline's
    # country ("officials expect" a visit) is folded into the talks it was for
    assert found == {("Brian Mulroney", "Gro Harlem Brundtland"): ("1985-05-09", "planned")}


def test_a_date_is_kept_at_the_precision_the_text_allows(run) -> None:
    # no publication date and no year in the text: "on Tuesday" cannot be placed
    [m] = run(
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan on Tuesday.", date=None
    ).meetings
    assert m.start is None


def test_titles_refer_back_through_honorifics_and_he_in_a_report_is_its_speaker(run) -> None:
    text = (
        "Qatar's Emir Sheikh Tamim bin Hamad Al Thani arrived in Moscow on Sunday. "
        "Before meeting with Vladimir Putin, the Emir paid a brief courtesy call on Prime Minister Dmitry Medvedev."
    )
    found = {m.participants: m.kind for m in run(text, date="2016-01-17").meetings}
    assert found == {
        ("Tamim bin Hamad Al Thani", "Vladimir Putin"): "meeting",  # the visit to Russia is folded into the talks
        ("Dmitry Medvedev", "Tamim bin Hamad Al Thani"): "meeting",  # a courtesy call is in person
    }
    text = "He will meet Indian counterpart Foreign Minister Sushma Swaraj to discuss trade, Mr Hammond said."
    [m] = run(text, date="2016-01-17").meetings
    assert (m.participants, m.status) == (("Philip Hammond", "Sushma Swaraj"), "planned")


def test_an_appearance_before_a_body_or_on_television_is_no_visit(run) -> None:
    assert run("Her appearance before the committee was brief.", date="2023-06-05").meetings == ()
    assert run("The minister made a television appearance on Monday.", date="2023-06-05").meetings == ()


def test_officials_of_several_countries_stand_for_each_of_them(run) -> None:
    [m] = run("Iranian and Saudi officials held talks in Baghdad on Sunday.", date="2021-04-20").meetings
    assert (m.participants, m.kind, m.start) == (("Iran", "Saudi Arabia"), "talks", "2021-04-18")
    [m] = run("Indian, Chinese and Russian diplomats met in Geneva.", date="2021-04-20").meetings
    assert m.participants == ("China", "India", "Russia")
    [s] = run("German and French officials said the negotiations had collapsed.", date="2021-04-20").statements
    assert (s.speakers, s.text) == (("Germany", "France"), "the negotiations had collapsed")


def test_a_phone_call_names_no_partner_of_its_own_and_a_day_is_no_partner(run) -> None:
    text = "Emmanuel Macron and Olaf Scholz discussed energy prices in a phone call on Friday."
    [m] = run(text, date="2022-09-12").meetings
    assert (m.participants, m.kind, m.start) == (("Emmanuel Macron", "Olaf Scholz"), "call", "2022-09-09")
    text = "Emmanuel Macron and Olaf Scholz discussed energy prices during a phone call on Friday."
    [m] = run(text, date="2022-09-12").meetings
    assert (m.kind, m.start) == ("call", "2022-09-09")  # "a call on Friday" is no courtesy call on someone
    assert run("Olaf Scholz discussed the budget on Friday.", date="2022-09-12").meetings == ()


def test_a_visiting_leader_is_the_holder_of_the_post(run) -> None:
    [m] = run("Ruto received the visiting Ethiopian prime minister on Monday.", date="2023-02-15").meetings
    assert (m.participants, m.start) == (("Abiy Ahmed", "William Ruto"), "2023-02-13")


def test_a_regional_adjective_names_no_country(run) -> None:
    ex = run("Chile's president hosted a meeting of South American leaders in Santiago.", date="2023-02-15")
    assert "United States" not in {a.key for a in ex.actors}
    assert ex.meetings == ()


def test_an_event_the_clause_prepares_for_is_planned(run) -> None:
    text = "Officials have been working to lay the groundwork for Lula's visit to China."
    [m] = run(text, date="2023-03-20").meetings
    assert (m.participants, m.status) == (("China", "Luiz Inácio Lula da Silva"), "planned")
    [m] = run("Ahead of Lula's visit to China, officials are drafting a trade deal.", date="2023-03-20").meetings
    assert m.status == "planned"
    [m] = run("Officials worked hard ahead of Lula's visit to China last week.", date="2023-03-20").meetings
    assert m.status == "held"  # the clause is in the past: so is the visit


def test_a_definite_event_with_partners_of_its_own_is_a_new_event(run) -> None:
    text = (
        "Japanese officials have prepared for Kishida's visit to Washington. The last round of the talks "
        "will be in Tokyo next Monday between Foreign Minister Yoshimasa Hayashi and Secretary of State Antony Blinken."
    )
    found = {m.participants: m.status for m in run(text, date="2023-01-04").meetings}
    assert found == {("Fumio Kishida", "United States"): "planned", ("Antony Blinken", "Yoshimasa Hayashi"): "planned"}
    text = "A delegation from Kenya visited Uganda on Monday. The delegation was led by William Ruto."
    [m] = run(text, date="2023-01-04").meetings
    assert m.participants == ("Uganda", "William Ruto")  # more of the same event's people


def test_calling_a_person_is_a_call_but_calling_on_or_naming_is_not(run) -> None:
    [m] = run("Biden called Netanyahu on Sunday.", date="2023-10-10").meetings
    assert (m.participants, m.kind, m.start) == (("Benjamin Netanyahu", "Joe Biden"), "call", "2023-10-08")
    ex = run("Biden called Netanyahu on Sunday.", date="2023-10-10")
    assert ex.statements == ()  # "on Sunday" is no "call on"
    assert run("Biden called Netanyahu a liar.", date="2023-10-10").meetings == ()
    assert run("Biden called on Netanyahu to halt the offensive.", date="2023-10-10").meetings == ()


def test_welcoming_a_person_and_a_meal_for_a_guest_are_meetings(run) -> None:
    [m] = run("Putin welcomed Kim Jong Un at the airport.", date="2023-09-13").meetings
    assert m.participants == ("Kim Jong Un", "Vladimir Putin")
    assert run("Putin welcomed the decision by Kim Jong Un.", date="2023-09-13").meetings == ()
    [m] = run("Xi Jinping hosted a state banquet for Emmanuel Macron in Beijing.", date="2023-04-07").meetings
    assert m.participants == ("Emmanuel Macron", "Xi Jinping")
    assert run("The dinner for donors raised money.", date="2023-04-07").meetings == ()


def test_a_bodys_own_summit_is_a_meeting_of_that_body(run) -> None:
    [m] = run("The African Union summit in Addis Ababa opened on Sunday.", date="2023-02-20").meetings
    assert (m.participants, m.start, m.kind) == (("African Union",), "2023-02-19", "summit")
    assert run("The Kenyan minister attended the summit.", date="2023-02-20").meetings == ()


def test_an_unnamed_counterpart_is_who_holds_the_post_there_then(run) -> None:
    text = "The Brazilian president held a telephone conversation with his Argentine counterpart on Wednesday."
    [m] = run(text, date="2023-08-14").meetings
    assert (m.participants, m.kind, m.start) == (
        ("Alberto Fernández", "Luiz Inácio Lula da Silva"),
        "call",
        "2023-08-09",
    )
    # a post under another name: the Secretary of State's counterpart is the Foreign Minister
    [m] = run("Blinken met his Chinese counterpart in Jakarta.", date="2023-08-14").meetings
    assert m.participants == ("Antony Blinken", "Wang Yi")
    # without a date the reference cannot say who: the country takes part
    [m] = run("Blinken met his Chinese counterpart in Jakarta.", date=None).meetings
    assert m.participants == ("Antony Blinken", "China")


def test_a_trip_for_talks_with_someone_else_meets_them_not_the_host_country(run) -> None:
    text = "The Turkish foreign minister flew to Brussels for a meeting with EU commissioner Olli Rehn."
    ex = run(text, date="2005-06-14")
    assert [m.participants for m in ex.meetings] == [("Abdullah Gul", "Olli Rehn")]
    assert ("Abdullah Gul", "visits", "Belgium") in {(r.subject, r.predicate, r.object) for r in ex.relations}
