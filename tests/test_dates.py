"""Date expressions in article text -> ISO dates with exactly the precision the text gives."""

from __future__ import annotations

import pytest

from kg.text.dates import add_days, narrative_refs, resolve_date


def span(found) -> tuple[str, str | None] | None:
    """(start, end) of a DateRange: the ISO dates, whatever else the record carries."""
    return None if found is None else (found.start, found.end)


@pytest.mark.parametrize(
    ("text", "ref", "prefer", "expected"),
    [
        # a day and month: the year comes from the article date
        ("On January 28", "2025-07-21", "past", ("2025-01-28", None)),
        ("April 10", "2024-05-01", "past", ("2024-04-10", None)),
        ("on 10 April", "2024-05-01", "past", ("2024-04-10", None)),
        ("December 15", "2025-01-10", "past", ("2024-12-15", None)),  # last December, not next
        ("March 10", "2025-01-10", "future", ("2025-03-10", None)),
        # explicit years: no reference needed
        ("April 2024", None, "past", ("2024-04", None)),
        ("in early February 2024", None, "past", ("2024-02", None)),
        ("in 2022", None, "past", ("2022", None)),
        ("on May 5, 2024", None, "past", ("2024-05-05", None)),
        ("on 5 May 2024", None, "past", ("2024-05-05", None)),
        ("on 2024-05-05", None, "past", ("2024-05-05", None)),
        ("from May 5 to 7, 2024", None, "past", ("2024-05-05", "2024-05-07")),
        ("from May 30 to June 2, 2024", None, "past", ("2024-05-30", "2024-06-02")),
        # ranges
        ("from February 6 to 8", "2025-01-30", "future", ("2025-02-06", "2025-02-08")),
        ("from December 30 to January 2", "2025-01-10", "past", ("2024-12-30", "2025-01-02")),
        ("from Thursday to Saturday", "2025-02-22", "past", ("2025-02-20", "2025-02-22")),  # ref is a Saturday
        ("from Thursday to Saturday", "2025-02-19", "past", ("2025-02-13", "2025-02-15")),  # ref is a Wednesday
        # weekdays and relative expressions
        ("on Thursday", "2025-02-22", "past", ("2025-02-20", None)),
        ("on Thursday", "2025-02-22", "future", ("2025-02-27", None)),
        ("On Thursday, they met", "2025-02-22", "past", ("2025-02-20", None)),
        # "next" and "last" say the direction themselves, and never mean the reference day
        ("talks next Wednesday", "2025-02-20", "past", ("2025-02-26", None)),  # ref is a Thursday
        ("talks next Thursday", "2025-02-20", "future", ("2025-02-27", None)),
        ("met last Friday", "2025-02-20", "future", ("2025-02-14", None)),
        ("met last Thursday", "2025-02-20", "past", ("2025-02-13", None)),
        ("last month", "2025-02-22", "past", ("2025-01", None)),
        ("last month", "2025-01-10", "past", ("2024-12", None)),
        ("next month", "2024-12-10", "future", ("2025-01", None)),
        ("last year", "2025-02-22", "past", ("2024", None)),
        ("hold talks within the year", "2025-02-22", "future", ("2025", None)),
        ("by the end of the month", "2025-02-22", "future", ("2025-02", None)),
        ("yesterday", "2025-03-01", "past", ("2025-02-28", None)),
        ("tomorrow", "2024-12-31", "future", ("2025-01-01", None)),
        # a month alone
        ("in mid-January", "2025-07-21", "past", ("2025-01", None)),
        ("in late November", "2025-01-10", "past", ("2024-11", None)),
        ("in May", "2025-06-10", "past", ("2025-05", None)),
    ],
)
def test_resolve_date(text: str, ref: str | None, prefer: str, expected: tuple[str, str | None]) -> None:
    assert span(resolve_date(text, ref, prefer=prefer)) == expected


def test_prefer_defaults_to_past() -> None:
    assert span(resolve_date("December 15", "2025-01-10")) == ("2024-12-15", None)


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("25 per cent", "2025-01-10"),
        ("Tariffs rose 25 per cent.", "2025-01-10"),
        ("a 25 percent tariff", "2025-01-10"),
        ("a 25% tariff", "2025-01-10"),
        ("The minister spoke to reporters.", "2025-01-10"),  # no date at all
        ("", "2025-01-10"),
        ("February 30", "2025-03-01"),  # no such day
        ("on February 29", "2025-03-05"),  # not a leap year
        ("on 2025-02-30", None),
    ],
)
def test_no_date(text: str, ref: str | None) -> None:
    assert resolve_date(text, ref) is None


def test_february_29_in_a_leap_year() -> None:
    assert span(resolve_date("on February 29", "2024-03-05")) == ("2024-02-29", None)


@pytest.mark.parametrize(
    "text", ["On January 28", "from Thursday to Saturday", "last month", "yesterday", "in mid-January"]
)
@pytest.mark.parametrize("ref", [None, "", "not a date", "2025-13-01"])
def test_relative_dates_need_a_valid_reference(text: str, ref: str | None) -> None:
    assert resolve_date(text, ref) is None


def test_the_first_rule_that_matches_wins() -> None:
    # an explicit full date is preferred to a bare month earlier in the sentence
    assert span(resolve_date("In May officials said the talks of June 3, 2024 failed", "2025-01-10")) == (
        "2024-06-03",
        None,
    )


@pytest.mark.parametrize(
    ("iso", "days", "expected"),
    [
        ("2024-02-28", 1, "2024-02-29"),
        ("2024-12-31", 1, "2025-01-01"),
        ("2025-03-01", -1, "2025-02-28"),
        ("2025-03", 5, "2025-03"),
        ("2025", 5, "2025"),
    ],
)
def test_add_days(iso: str, days: int, expected: str) -> None:
    assert add_days(iso, days) == expected


def test_lower_case_month_words_are_not_dates() -> None:
    assert resolve_date("Protesters plan to march 10 kilometres to the capital", "2025-02-22") is None
    assert resolve_date("The vote may 3 times be delayed", "2025-02-22") is None


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("from 6 to 8 February 2025", None, ("2025-02-06", "2025-02-08")),
        ("from 6 to 8 February", "2025-01-30", ("2025-02-06", "2025-02-08")),
    ],
)
def test_day_first_ranges(text: str, ref: str | None, expected: tuple[str, str]) -> None:
    assert span(resolve_date(text, ref, prefer="future")) == expected


def test_partial_reference_dates_come_from_the_story() -> None:
    # an undated article that says "March 2023 was crowded": "March 14" is in 2023
    assert span(resolve_date("Then on March 14, Kim met Lula", "2023-03")) == ("2023-03-14", None)
    assert narrative_refs(["March 2023 was a crowded month for envoys.", "Then on March 14 they met."], None) == [
        "2023-03",
        "2023-03",
    ]
    assert narrative_refs(["No dates here.", "Only 2019 and 2022 as years."], None) == ["2022", "2022"]
    assert narrative_refs(["Anything"], "2025-02-22") == ["2025-02-22"]
