"""Date expressions in article text -> ISO dates with the precision the text gives.

"April 10" -> 2024-04-10, "April 2024" -> 2024-04, "2022" -> 2022, "from February 6 to 8" ->
(2025-02-06, 2025-02-08), "last month" -> 2025-01, "from Thursday to Saturday" -> the days
before the article's date. Rules cover the forms news prose uses; nothing is guessed beyond them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

# Month names and abbreviations, for this module's rules and for ingest's publication-date lines.
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?"
    r"|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTH = MONTH_PATTERN  # short names for the rules below
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d\d)"


@dataclass(frozen=True, slots=True)
class DateRange:
    start: str
    end: str | None = None
    relative: bool = False  # from a weekday or "last month": depends on the reference date being right


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _parse_ref(ref: str | None) -> dt.date | None:
    """A full or partial ISO date as a day: "2024-04" -> mid-April 2024, "2024" -> mid-2024."""
    if not ref:
        return None
    try:
        if len(ref) >= 10:
            return dt.date.fromisoformat(ref[:10])
        if len(ref) == 7:
            return dt.date(int(ref[:4]), int(ref[5:7]), 15)
        if len(ref) == 4:
            return dt.date(int(ref), 7, 1)
    except ValueError:
        return None
    return None


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _infer_year(month: int, day: int | None, ref: dt.date | None, prefer: str) -> int | None:
    """The year of "April 10" seen in an article dated `ref`: the nearest one, leaning to the
    past for reports (or to the future for plans), since news is rarely a year ahead or behind."""
    if ref is None:
        return None
    best, best_cost = None, None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        candidate = dt.date(year, month, min(day or 15, calendar.monthrange(year, month)[1]))
        days = (candidate - ref).days
        if prefer == "past":
            cost = days * 3 if days > 31 else abs(days)
        else:
            cost = -days * 1.2 if days < -31 else abs(days)
        if best_cost is None or cost < best_cost:
            best, best_cost = year, cost
    return best


def _date(y: int | None, m: int, d: int) -> str | None:
    if y is None:
        return None
    if 1 <= d <= calendar.monthrange(y, m)[1]:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


# Month names are matched with their capital ("march 10 kilometres" is no date); weekdays too.
RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b({_MONTH})\s+{_DAY}\s*(?:-|–|to|through|until)\s*({_MONTH})\s+{_DAY},?\s+{_YEAR}\b"), "md-md-y"),
    (re.compile(rf"\b({_MONTH})\s+{_DAY}\s*(?:-|–|to|through|until|and)\s*{_DAY},?\s+{_YEAR}\b"), "md-d-y"),
    (re.compile(rf"\b{_DAY}\s*(?:-|–|to|through|until|and)\s*{_DAY}\s+({_MONTH}),?\s+{_YEAR}\b"), "d-dm-y"),
    (re.compile(rf"\b({_MONTH})\s+{_DAY},?\s+{_YEAR}\b"), "md-y"),
    (re.compile(rf"\b{_DAY}\s+({_MONTH}),?\s+{_YEAR}\b"), "dm-y"),
    (re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)"), "iso"),
    (re.compile(rf"\b({_MONTH})\s+{_DAY}\s*(?:-|–|to|through|until)\s*({_MONTH})\s+{_DAY}\b"), "md-md"),
    (re.compile(rf"\b({_MONTH})\s+{_DAY}\s*(?:-|–|to|through|until|and)\s*{_DAY}\b"), "md-d"),
    (re.compile(rf"\b{_DAY}\s*(?:-|–|to|through|until|and)\s*{_DAY}\s+({_MONTH})\b"), "d-dm"),
    (re.compile(rf"\b({_MONTH})\s+{_DAY}\b(?!\s*(?:%|per|billion|million))"), "md"),
    (re.compile(rf"\b{_DAY}\s+({_MONTH})\b"), "dm"),
    (re.compile(rf"\b(?:[Ee]arly|[Mm]id|[Ll]ate)?-?\s*({_MONTH})\s+{_YEAR}\b"), "m-y"),
    (re.compile(rf"\b({_WEEKDAY})\s*(?:-|–|to|through|until)\s*({_WEEKDAY})\b"), "wd-wd"),
    (re.compile(rf"\b([Nn]ext|[Ll]ast)\s+({_WEEKDAY})\b"), "wd-dir"),
    (re.compile(rf"\b(?:[Oo]n|[Tt]his|[Ff]or|[Bb]y|[Uu]ntil|[Ss]ince|[Ff]rom)\s+({_WEEKDAY})\b"), "wd"),
    (re.compile(r"\b(last|this|next|past)\s+(month|year|week)\b", re.I), "relative"),
    (
        re.compile(
            r"\b(?:within|later in|earlier in|by the end of|before the end of)\s+(the)\s+(month|year|week)\b", re.I
        ),
        "relative",
    ),
    (re.compile(r"\b(yesterday|today|tomorrow)\b", re.I), "day-relative"),
    (re.compile(rf"\b(?i:in\s+|early\s+|mid-?|late\s+)({_MONTH})\b(?!\s+\d)"), "m"),
    (re.compile(rf"\b(?:in|since|of|by|until)\s+{_YEAR}\b", re.I), "y"),
]


# expressions that need a reference day ("on Friday", "yesterday") or at least a month ("next week")
NEEDS_DAY = {"wd", "wd-dir", "wd-wd", "day-relative"}


def resolve_date(text: str, ref: str | None, *, prefer: str = "past") -> DateRange | None:
    """The first date expression in `text`, resolved against the article date `ref` (ISO).

    A weekday or "yesterday" is resolved only against a reference day, and "next week" or "last
    month" only against a month: a story known only by its year keeps the precision it has."""
    ref_date = _parse_ref(ref)
    precision = len(ref or "")
    for pattern, kind in RULES:
        m = pattern.search(text)
        if m is None:
            continue
        if (
            kind in NEEDS_DAY
            and precision < 10
            or kind == "relative"
            and precision < 7
            and m.group(2).lower() != "year"
        ):
            continue
        found = _apply(kind, m, ref_date, prefer)
        if found is not None:
            return found
    return None


def _apply(kind: str, m: re.Match[str], ref: dt.date | None, prefer: str) -> DateRange | None:
    """The dates a rule's match stands for; None when they are no real dates, or when the rule
    counts from a reference date (a weekday, "last month") and there is none."""
    if kind in FROM_REFERENCE and ref is None:
        return None
    return APPLY[kind](m.groups(), ref, prefer)


Groups = tuple[str, ...]


def _both(start: str | None, end: str | None) -> DateRange | None:
    return DateRange(start, end) if start and end else None


def _one(day: str | None) -> DateRange | None:
    return DateRange(day) if day else None


# ---- the year is written: "February 6 to March 2, 2025", "6-8 February 2025", "2025-02-06", "February 2025", "in 2025"


def _md_md_y(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    y = int(g[4])
    return _both(_date(y, _month(g[0]), int(g[1])), _date(y, _month(g[2]), int(g[3])))


def _md_d_y(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    y, mo = int(g[3]), _month(g[0])
    return _both(_date(y, mo, int(g[1])), _date(y, mo, int(g[2])))


def _d_dm_y(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    y, mo = int(g[3]), _month(g[2])
    return _both(_date(y, mo, int(g[0])), _date(y, mo, int(g[1])))


def _md_y(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    return _one(_date(int(g[2]), _month(g[0]), int(g[1])))


def _dm_y(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    return _one(_date(int(g[2]), _month(g[1]), int(g[0])))


def _iso_date(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    return _one(_date(int(g[0]), int(g[1]), int(g[2])) if 1 <= int(g[1]) <= 12 else None)


def _m_y(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    return DateRange(f"{int(g[1]):04d}-{_month(g[0]):02d}")


def _y(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    return DateRange(g[0])


# ---- the year comes from the reference date: "6-8 February", "February 6 to March 2", "February 6", "in February"


def _d_dm(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    mo, d1, d2 = _month(g[2]), int(g[0]), int(g[1])
    y = _infer_year(mo, d1, ref, prefer)
    return _both(_date(y, mo, d1), _date(y, mo, d2)) if d2 > d1 else None


def _md_md(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    m1, d1, m2, d2 = _month(g[0]), int(g[1]), _month(g[2]), int(g[3])
    y = _infer_year(m1, d1, ref, prefer)
    return _both(_date(y, m1, d1), _date(y if m2 >= m1 else (y or 0) + 1, m2, d2))


def _md_d(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    mo, d1, d2 = _month(g[0]), int(g[1]), int(g[2])
    y = _infer_year(mo, d1, ref, prefer)
    return _both(_date(y, mo, d1), _date(y, mo, d2)) if d2 > d1 else None


def _md(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    mo, d = _month(g[0]), int(g[1])
    return _one(_date(_infer_year(mo, d, ref, prefer), mo, d))


def _dm(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    mo, d = _month(g[1]), int(g[0])
    return _one(_date(_infer_year(mo, d, ref, prefer), mo, d))


def _m(g: Groups, ref: dt.date | None, prefer: str) -> DateRange | None:
    mo = _month(g[0])
    y = _infer_year(mo, None, ref, prefer)
    return DateRange(f"{y:04d}-{mo:02d}") if y else None


# ---- counted from the reference date (never None here): "on Thursday", "Monday to Wednesday", "last month"


def _wd(g: Groups, ref: dt.date, prefer: str) -> DateRange | None:
    return DateRange(_iso(_weekday(ref, WEEKDAYS[g[0].lower()], prefer)), relative=True)


def _wd_dir(g: Groups, ref: dt.date, prefer: str) -> DateRange | None:
    """ "next Wednesday" is the first one after the reference day, "last Friday" the last one before
    it, whatever tense the sentence has."""
    weekday = WEEKDAYS[g[1].lower()]
    if g[0].lower() == "next":
        return DateRange(_iso(ref + dt.timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)), relative=True)
    return DateRange(_iso(ref - dt.timedelta(days=(ref.weekday() - weekday - 1) % 7 + 1)), relative=True)


def _wd_wd(g: Groups, ref: dt.date, prefer: str) -> DateRange | None:
    first = _weekday(ref, WEEKDAYS[g[0].lower()], prefer)
    span = (WEEKDAYS[g[1].lower()] - WEEKDAYS[g[0].lower()]) % 7
    if prefer == "past":
        last = _weekday(ref, WEEKDAYS[g[1].lower()], prefer)
        return DateRange(_iso(last - dt.timedelta(days=span)), _iso(last), relative=True)
    return DateRange(_iso(first), _iso(first + dt.timedelta(days=span)), relative=True)


def _relative(g: Groups, ref: dt.date, prefer: str) -> DateRange | None:
    which, unit = g[0].lower(), g[1].lower()
    step = {"last": -1, "past": -1, "this": 0, "the": 0, "next": 1}[which]
    if unit == "year":
        return DateRange(f"{ref.year + step:04d}", relative=True)
    if unit == "month":
        month_index = ref.year * 12 + ref.month - 1 + step
        return DateRange(f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", relative=True)
    week = ref + dt.timedelta(days=7 * step)
    return DateRange(f"{week.year:04d}-{week.month:02d}", relative=True)


def _day_relative(g: Groups, ref: dt.date, prefer: str) -> DateRange | None:
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[g[0].lower()]
    return DateRange(_iso(ref + dt.timedelta(days=offset)), relative=True)


# the kind of each rule in RULES -> what its match means
APPLY: dict[str, Callable[..., DateRange | None]] = {
    "md-md-y": _md_md_y,
    "md-d-y": _md_d_y,
    "d-dm-y": _d_dm_y,
    "md-y": _md_y,
    "dm-y": _dm_y,
    "iso": _iso_date,
    "m-y": _m_y,
    "y": _y,
    "d-dm": _d_dm,
    "md-md": _md_md,
    "md-d": _md_d,
    "md": _md,
    "dm": _dm,
    "m": _m,
    "wd": _wd,
    "wd-dir": _wd_dir,
    "wd-wd": _wd_wd,
    "relative": _relative,
    "day-relative": _day_relative,
}
FROM_REFERENCE = {"wd", "wd-dir", "wd-wd", "relative", "day-relative"}


def _weekday(ref: dt.date, weekday: int, prefer: str) -> dt.date:
    """The nearest such weekday on or before (past) or on or after (future) the reference date."""
    if prefer == "future":
        return ref + dt.timedelta(days=(weekday - ref.weekday()) % 7)
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


def add_days(iso: str, days: int) -> str | None:
    """Shift a full ISO date; coarser dates are returned unchanged."""
    if len(iso) != 10:
        return iso
    return _iso(dt.date.fromisoformat(iso) + dt.timedelta(days=days))


YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")


DATELINE_RE = re.compile(rf"^\s*[A-Z][A-Z .'\-]+,\s+({_MONTH})\s+{_DAY}\b")


def _dateline(sentences: list[str], year: str | None) -> str | None:
    """The day of a wire story's dateline ("WASHINGTON, March 29 -") in the year the story names."""
    for sent in sentences:
        m = DATELINE_RE.match(sent)
        if m and year:
            return _date(int(year), _month(m.group(1)), int(m.group(2)))
    return None


def narrative_refs(sentences: list[str], published: str | None) -> list[str | None]:
    """The reference date to resolve each sentence's dates against.

    The publication date when known. Otherwise the story's own time: the latest explicit date
    (with its year) written in that sentence or before it ("April 2024 proved busy ... on April
    23" -> 2024), or else the latest year the article mentions anywhere.
    """
    if published:
        return [published] * len(sentences)
    years = [int(y) for s in sentences for y in YEAR_RE.findall(s)]
    fallback = f"{max(years):04d}" if years else None
    out: list[str | None] = []
    current: str | None = _dateline(sentences[:3], fallback)
    for sent in sentences:
        for pattern, kind in RULES:
            if kind in ("md-md-y", "md-d-y", "d-dm-y", "md-y", "dm-y", "iso", "m-y"):
                m = pattern.search(sent)
                if m:
                    found = _apply(kind, m, None, "past")
                    if found:
                        current = found.start
                        break
        out.append(current or fallback)
    return out
