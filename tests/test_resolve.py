"""Corpus-wide resolution on hand-built records: one actor, one event, one policy across articles."""

from __future__ import annotations

from kg.builder.resolve import join_known_meetings, merge_meetings, merge_policies, policy_groups, policy_key, resolve
from kg.model import Actor, Extraction, Meeting, Policy, Provenance
from kg.text.ingest import make_article


def prov(doc: str) -> Provenance:
    return Provenance(doc, "A sentence.", 0, 11)


def ex(doc: str, *, date: str | None = None, actors=(), meetings=(), policies=()) -> Extraction:
    return Extraction(
        make_article(doc, "A sentence.", date=date),
        actors=tuple(actors),
        meetings=tuple(meetings),
        policies=tuple(policies),
    )


def meeting(doc: str, participants: tuple[str, ...], sides: tuple[str, ...], start: str | None = None, **kw) -> Meeting:
    return Meeting(tuple(sorted(participants)), prov(doc), start=start, sides=tuple(sorted(sides)), **kw)


def test_reports_of_one_summit_become_one_event() -> None:
    a = ex(
        "a.txt",
        date="2025-02-10",
        meetings=[meeting("a.txt", ("Lee Park", "Ana Ruiz"), ("Korea", "Spain"), "2025-02-07", kind="summit")],
    )
    b = ex("b.txt", meetings=[meeting("b.txt", ("Lee Park", "Spain"), ("Korea", "Spain"), kind="visit")])
    c = ex(
        "c.txt", date="2025-03-01", meetings=[meeting("c.txt", ("Ana Ruiz", "Lee Park"), ("Korea", "Spain"), "2025-02")]
    )
    merged = [m for e in merge_meetings([a, b, c]) for m in e.meetings]
    assert {(m.participants, m.start, m.kind) for m in merged} == {(("Ana Ruiz", "Lee Park"), "2025-02-07", "summit")}


def test_other_people_or_other_days_are_other_events() -> None:
    a = ex(
        "a.txt",
        meetings=[
            meeting("a.txt", ("Kim Lee", "Tom Ray"), ("Korea", "Spain"), "2024-04-10"),
            meeting("a.txt", ("Joe Sun", "Tom Ray"), ("Korea", "Spain"), "2024-04-23"),
            meeting("a.txt", ("Kim Lee", "Tom Ray"), ("Korea", "Spain"), "2024-04-25"),
        ],
    )
    merged = merge_meetings([a])[0].meetings
    assert [m.start for m in merged] == ["2024-04-10", "2024-04-23", "2024-04-25"]


def test_a_multi_day_summit_reported_by_its_middle_day_is_one_event() -> None:
    a = ex(
        "a.txt", meetings=[meeting("a.txt", ("Kim Lee", "Tom Ray"), ("Korea", "Spain"), "2024-05-06", end="2024-05-08")]
    )
    b = ex("b.txt", meetings=[meeting("b.txt", ("Kim Lee", "Tom Ray"), ("Korea", "Spain"), "2024-05-07")])
    starts = {m.start for e in merge_meetings([a, b]) for m in e.meetings}
    assert starts == {"2024-05-06"}


def test_a_surname_alone_joins_the_full_name_used_in_another_article() -> None:
    a = ex("a.txt", actors=[Actor("Vera Novak", "Person")])
    b = ex(
        "b.txt",
        actors=[Actor("Novak", "Person"), Actor("Spain", "Country")],
        meetings=[meeting("b.txt", ("Novak", "Spain"), ("Czechia", "Spain"))],
    )
    out = resolve([a, b])
    assert [x.key for x in out[1].actors] == ["Spain", "Vera Novak"]
    assert out[1].actors[1].aliases == ("Novak",)
    assert out[1].meetings[0].participants == ("Spain", "Vera Novak")


def test_policy_names_merge_when_one_is_the_other_with_more_words() -> None:
    labels = [
        "America First doctrine",
        "America First",
        "unprecedented defense spending",
        "defence spending",
        "reciprocal tariffs",
        "tariffs",
        "high tariffs",
    ]
    groups = policy_groups(policy_key(x) for x in labels)
    assert policy_key('"America First" policy') == policy_key("America First") == "america first"
    assert groups[policy_key("unprecedented defense spending")] == groups[policy_key("defence spending")]
    assert len({groups[policy_key(x)] for x in ("reciprocal tariffs", "tariffs", "high tariffs")}) == 3


def test_merged_policies_share_one_label_and_keep_the_other_names() -> None:
    a = ex("a.txt", policies=[Policy("America First doctrine", prov("a.txt"))])
    b = ex("b.txt", policies=[Policy("America First", prov("b.txt"))])
    c = ex("c.txt", policies=[Policy("America First", prov("c.txt"))])
    out = [p for e in merge_policies([a, b, c]) for p in e.policies]
    # one label everywhere; each article's graph keeps only the names that article used
    assert [(p.prov.doc_id, p.label, p.aliases) for p in out] == [
        ("a.txt", "America First", ("America First doctrine",)),
        ("b.txt", "America First", ()),
        ("c.txt", "America First", ()),
    ]


def test_similar_names_do_not_chain_into_one_policy() -> None:
    # each step is similar to the next, but the first and last are different policies
    names = ["health care act", "health care budget act", "balanced budget act", "balanced budget"]
    groups = policy_groups(policy_key(x) for x in names)
    assert groups[policy_key("health care act")] != groups[policy_key("balanced budget")]


def test_an_undated_fuller_account_joins_the_event_and_a_vague_plan_does_not() -> None:
    trip = meeting("a.txt", ("Red Party", "Blue Party", "Korea", "Spain"), ("Korea", "Spain"), "2025-01", kind="visit")
    plan = meeting("a.txt", ("Korea", "Spain"), ("Korea", "Spain"), "2025", kind="talks", date_relative=True)
    a = ex("a.txt", date="2025-02-10", meetings=[trip, plan])
    led = meeting(
        "b.txt", ("Ana Ruiz", "Lee Park", "Red Party", "Blue Party", "Spain"), ("Korea", "Spain"), kind="delegation"
    )
    b = ex("b.txt", date="2025-03-01", meetings=[led])
    out = merge_meetings([a, b])
    assert [(m.start, m.kind) for m in out[0].meetings] == [("2025-01", "visit"), ("2025", "talks")]
    assert out[1].meetings[0].start == "2025-01"


def test_a_party_named_with_the_word_party_is_the_reference_party() -> None:
    from kg.text.reference import load_reference

    ref = load_reference()
    assert ref.lookup("Komeito Party").key == "Komeito"
    assert ref.lookup("the Kuomintang Party").key == "Kuomintang"
    assert ref.lookup("Spain Party") is None


def test_later_builds_join_the_stored_event() -> None:
    from kg.model import KnownMeeting

    stored = [
        KnownMeeting(("Ana Ruiz", "Lee Park"), "2025-02-07", "2025-02-08", "summit", "Madrid"),
        KnownMeeting(("Ana Ruiz", "Lee Park"), "2024-03", None, "talks"),
        KnownMeeting(("Kim Sun", "Lee Park"), "2025-02-07", None, "meeting", status="planned"),
    ]
    undated = ex(
        "a.txt",
        date="2025-02-20",
        meetings=[meeting("a.txt", ("Lee Park", "Ana Ruiz"), ("Korea", "Spain"), kind="visit")],
    )
    fuller = ex(
        "b.txt",
        date="2025-02-10",
        meetings=[meeting("b.txt", ("Lee Park", "Ana Ruiz", "Spain"), ("Korea", "Spain"), "2025-02")],
    )
    other_time = ex(
        "c.txt",
        date="2025-09-01",
        meetings=[meeting("c.txt", ("Lee Park", "Ana Ruiz"), ("Korea", "Spain"), "2025-08-30")],
    )
    held = ex(
        "d.txt",
        date="2025-02-09",
        meetings=[meeting("d.txt", ("Lee Park", "Kim Sun"), ("Korea", "Peru"), "2025-02-07")],
    )
    out = join_known_meetings(resolve([undated, fuller, other_time, held]), stored)
    got = [(m.participants, m.start, m.end, m.kind, m.location, m.status) for e in out for m in e.meetings]
    assert got == [
        (("Ana Ruiz", "Lee Park"), "2025-02-07", "2025-02-08", "summit", "Madrid", "held"),
        (("Ana Ruiz", "Lee Park"), "2025-02-07", "2025-02-08", "summit", "Madrid", "held"),
        (("Ana Ruiz", "Lee Park"), "2025-08-30", None, None, None, "held"),
        (("Kim Sun", "Lee Park"), "2025-02-07", None, None, None, "held"),  # the same IRI already: left as reported
    ]


def test_a_report_matching_two_stored_events_joins_neither() -> None:
    from kg.model import KnownMeeting

    stored = [
        KnownMeeting(("Ana Ruiz", "Lee Park"), "2025-02-07"),
        KnownMeeting(("Ana Ruiz", "Lee Park"), "2025-02-20"),
    ]
    undated = ex("a.txt", date="2025-02-25", meetings=[meeting("a.txt", ("Lee Park", "Ana Ruiz"), ("Korea", "Spain"))])
    assert join_known_meetings(resolve([undated]), stored)[0].meetings[0].start is None


def test_reports_that_differ_on_status_give_held_else_cancelled_else_planned() -> None:
    def reports(*statuses: str) -> list[str]:
        exs = [
            ex(
                f"{i}.txt",
                date="2025-02-01",
                meetings=[meeting(f"{i}.txt", ("Ana Ruiz", "Lee Park"), ("Korea", "Spain"), "2025-02-07", status=s)],
            )
            for i, s in enumerate(statuses)
        ]
        return [m.status for e in merge_meetings(exs) for m in e.meetings]

    assert reports("planned", "cancelled") == ["cancelled", "cancelled"]
    assert reports("cancelled", "held", "planned") == ["held", "held", "held"]
    assert reports("planned", "planned") == ["planned", "planned"]
