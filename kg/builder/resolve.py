"""Corpus-wide resolution: one key per real actor, one meeting per real event, one node per policy.

Works on plain records only (no RDF). Within an article, extract.actors already tied surnames
to full names; here a surname left alone in one article ("Ishiba") joins the full name another
article (or the existing store) uses ("Shigeru Ishiba"), and the same summit reported by several
articles gets one canonical participant set and date.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.extract import lexicon
from kg.model import Actor, Extraction, KnownMeeting, Meeting, Policy, Statement, merged_status
from kg.text.reference import NAME_SUFFIXES, Reference, load_reference

POLICY_SUFFIXES = lexicon.words("policy_name_suffixes")
# British and American spellings of one policy are one policy
SPELLING = lexicon.table("spelling_variants")
GENERIC_HEADS = lexicon.words("generic_policy_heads")


def actor_aliases(extractions: Iterable[Extraction], known_people: Iterable[str] = ()) -> dict[str, str]:
    """Map each actor key to its canonical key across the corpus (identity for most)."""
    ref = load_reference()
    people: set[str] = set(known_people)
    kinds: dict[str, str] = {}
    for ex in extractions:
        for actor in ex.actors:
            kinds.setdefault(actor.key, actor.kind)
            if actor.kind == "Person":
                people.add(actor.key)
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_first: dict[str, set[str]] = defaultdict(set)
    for key in people:
        parts = [p for p in key.split() if p not in NAME_SUFFIXES]
        if len(parts) > 1:
            by_surname[parts[-1]].add(key)
            ra = ref.actors.get(key)
            if ra and ra.family_name_first:
                by_first[parts[0]].add(key)
    mapping: dict[str, str] = {}
    for key in people:
        parts = key.split()
        if len(parts) == 1:
            full = by_surname.get(key, set()) | by_first.get(key, set())
            if len(full) == 1:
                mapping[key] = next(iter(full))
        elif len(parts) == 2:
            reverse = f"{parts[1]} {parts[0]}"
            if reverse in people and ref.actors.get(reverse):
                mapping[key] = reverse
    return mapping


def _rename(keys: Iterable[str], mapping: dict[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(mapping.get(k, k) for k in keys))


def merge_actor(a: Actor, b: Actor) -> Actor:
    """One actor from two records of it: the first one's key and kind, the names and roles of both."""
    return Actor(
        a.key, a.kind, tuple(sorted(set(a.aliases) | set(b.aliases))), tuple(sorted(set(a.roles) | set(b.roles)))
    )


def apply_aliases(ex: Extraction, mapping: dict[str, str]) -> Extraction:
    """Rewrite every actor reference in one extraction through `mapping`."""
    if not mapping:
        return ex
    actors: dict[str, Actor] = {}
    for actor in ex.actors:
        key = mapping.get(actor.key, actor.key)
        renamed = Actor(
            key,
            actor.kind,
            tuple(sorted(set(actor.aliases) | ({actor.key} if key != actor.key else set()))),
            actor.roles,
        )
        actors[key] = merge_actor(actors[key], renamed) if key in actors else renamed
    return dataclasses.replace(
        ex,
        actors=tuple(actors[k] for k in sorted(actors)),
        meetings=tuple(
            dataclasses.replace(
                m,
                participants=tuple(sorted(_rename(m.participants, mapping))),
                sides=tuple(sorted(_rename(m.sides, mapping))),
                location=mapping.get(m.location, m.location) if m.location else None,
            )
            for m in ex.meetings
        ),
        statements=tuple(
            dataclasses.replace(s, speakers=_rename(s.speakers, mapping), about=_rename(s.about, mapping))
            for s in ex.statements
        ),
        policies=tuple(
            dataclasses.replace(p, proponents=_rename(p.proponents, mapping), targets=_rename(p.targets, mapping))
            for p in ex.policies
        ),
        relations=tuple(
            dataclasses.replace(
                r,
                subject=mapping.get(r.subject, r.subject),
                object=r.object if r.predicate == "role" else mapping.get(r.object, r.object),
            )
            for r in ex.relations
        ),
    )


# ---------------------------------------------------------------------------- meetings


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _month(date: str | None) -> str | None:
    return date[:7] if date and len(date) >= 7 else None


def meeting_key(participants: tuple[str, ...], start: str | None) -> str:
    """The identity of a real-world meeting: who, and the month it happened (when known)."""
    return "|".join(participants) + "@" + (_month(start) or (start or "undated"))


def merge_meetings(extractions: list[Extraction]) -> list[Extraction]:
    """Give every report of the same event the same participants, dates, kind and status.

    Reports are the same event when they have the same sides (the countries or bodies the
    participants stand for) and compatible dates: the same month, or one of them undated. An
    undated report joins its own article's event with those sides, else the only such event,
    else the one nearest the article's date. The event takes the participants of its most
    specific report (most people named) and the most precise date any report gives.
    """
    canonical: dict[int, Meeting] = {}
    for clusters in _events(extractions).values():
        for cluster in clusters:
            canonical.update(_one_event([m for m, _ in cluster]))
    return [dataclasses.replace(ex, meetings=tuple(canonical[id(m)] for m in ex.meetings)) for ex in extractions]


Report = tuple[Meeting, Extraction]


def _events(extractions: list[Extraction]) -> dict[tuple[str, ...], list[list[Report]]]:
    """The reports grouped into events, per sides. Dated reports come first, the most precise
    first, so an undated report finds the events it may join already there."""
    by_sides: dict[tuple[str, ...], list[list[Report]]] = defaultdict(list)
    reports = [(m, ex) for ex in extractions for m in ex.meetings]
    for m, ex in sorted(
        reports,
        key=lambda r: (r[0].start is None, -len(r[0].start or ""), r[0].start or "", r[1].article.id, r[0].prov.start),
    ):
        clusters = by_sides[m.sides or m.participants]
        if m.start is not None:
            _add_dated((m, ex), clusters)
        else:
            _add_undated((m, ex), clusters)
    return by_sides


def _add_dated(report: Report, clusters: list[list[Report]]) -> None:
    """Into the first event with the same people at the same time, else a new event."""
    m = report[0]
    people = _people(m)
    for cluster in clusters:
        if _same_people(people, cluster) and _same_time(cluster[0][0], m):
            cluster.append(report)
            return
    clusters.append([report])


def _add_undated(report: Report, clusters: list[list[Report]]) -> None:
    """Into the one event with the same people, else its own article's event, else the only
    event, else the one nearest the article's date; a new event when there is none."""
    m, ex = report
    people = _people(m)
    candidates = clusters
    if ex.article.date:
        # an undated report is news of its day: it may join an event of about then, not one
        # from years before ("Modi's meetings with Putin" in 2024 is not their 2019 meeting)
        candidates = [
            c for c in clusters if c[0][0].start is None or -400 <= _days(c[0][0].start, ex.article.date) <= 45
        ]
    # the same people, or a fuller account of them ("the delegation, led by A of party B" joins "B's trip")
    with_people = [
        c
        for c in candidates
        if people and any(people <= _people(r) or _people(r) and _people(r) <= people for r, _ in c)
    ]
    same_doc = [c for c in candidates if any(e is ex for _, e in c)]
    if len(with_people) == 1:
        with_people[0].append(report)
    elif same_doc:
        same_doc[0].append(report)
    elif len(candidates) == 1:
        candidates[0].append(report)
    elif candidates and ex.article.date:
        min(candidates, key=lambda c: abs(_days(c[0][0].start, ex.article.date))).append(report)
    else:
        clusters.append([report])


def _one_event(ms: list[Meeting]) -> dict[int, Meeting]:
    """Every report of one event (by id) as the event: the participants of its most specific
    report, the most precise date, a summit if any report says so, held if any report says so."""
    dated = [m for m in ms if m.start]
    best_date = (
        max(dated, key=lambda r: (not r.date_relative, len(r.start or ""), r.status == "held", bool(r.end)))
        if dated
        else None
    )
    people = max(ms, key=lambda r: (r.confidence, bool(r.start) and not r.date_relative, -len(r.participants)))
    kinds = Counter(r.kind for r in ms if r.kind)
    kind = "summit" if "summit" in kinds else (kinds.most_common(1)[0][0] if kinds else None)
    locations = Counter(r.location for r in ms if r.location)
    status = merged_status(r.status for r in ms)
    return {
        id(r): dataclasses.replace(
            r,
            participants=people.participants,
            start=best_date.start if best_date else None,
            end=best_date.end if best_date else None,
            kind=kind,
            location=locations.most_common(1)[0][0] if locations else None,
            status=status,
        )
        for r in ms
    }


def _people(m: Meeting) -> set[str]:
    """The participants that are not sides themselves: the people (and bodies) named."""
    return {p for p in m.participants if p not in m.sides}


def _same_people(people: set[str], cluster: list[tuple[Meeting, Extraction]]) -> bool:
    """Aso meeting Trump and Kishida meeting Biden are two events, even in one month."""
    return all(not people or not _people(r) or people <= _people(r) or _people(r) <= people for r, _ in cluster)


def _same_time(a: Meeting, b: Meeting) -> bool:
    """Same month when one date is a month, within three days when both are days (a summit
    from the 6th to the 8th is reported as "the 7th"), a month either way for relative dates."""
    if (len(a.start or "") == 4) != (len(b.start or "") == 4) and not (_people(a) and _people(b)):
        return False  # "China and Japan will hold talks within the year" is not their January meeting
    if a.date_relative or b.date_relative:
        return abs(_days(a.start, b.start)) <= 31
    if a.start and b.start and len(a.start) == len(b.start) == 10:
        end = a.end or a.start
        return -3 <= _days(b.start, a.start) and _days(b.start, end) <= 3
    return _compatible(_month(a.start) or a.start, _month(b.start) or b.start)


def _days(a: str | None, b: str) -> int:
    import datetime as dt

    if not a:
        return 10**6
    pad = lambda d: (d + "-01-01")[:10] if len(d) == 4 else (d + "-15")[:10] if len(d) == 7 else d
    return (dt.date.fromisoformat(pad(a)) - dt.date.fromisoformat(pad(b))).days


# ---------------------------------------------------------------------------- policies


def policy_key(label: str) -> str:
    """Normalised policy name: case, quotes, articles and a trailing "policy"/"doctrine" dropped."""
    text = label.lower().replace("u.s.", "us").replace("’", "'")
    for british, american in SPELLING.items():
        text = text.replace(british, american)
    text = re.sub(r"[\"“”‘']", "", text)
    words = [w for w in re.findall(r"[\w%.]+", text) if w not in ("the", "a", "an")]
    while len(words) > 1 and words[-1] in POLICY_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


CANDIDATES = 50  # representatives tried per word: bounds the work per name
STOP = lexicon.words("policy_stop_words")


def policy_groups(keys: Iterable[str], *, threshold: int = 90) -> dict[str, str]:
    """Map each policy key to a representative key; near-identical names are one policy.

    Two names are the same policy when one's words are (almost) all in the other's
    ("defense spending" and "unprecedented defense spending") and both have two or more words,
    so a lone "tariffs" does not swallow every tariff. A name is compared only with the names that
    contain its rarest word (a name inside another shares all its words, the rarest included), so
    the cost follows how many names share rare words, not the square of the number of names.
    """
    from rapidfuzz import fuzz

    keys = sorted(set(keys))
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def distinctive(k: str) -> bool:  # "containment" can stand alone; "tariffs" cannot
        words = set(k.split()) - STOP
        return len(words) >= 2 or bool(words - GENERIC_HEADS)

    # no chaining: a name joins a group only by matching the group's first name, so "balanced budget"
    # and "Health Planning Act" can never end up together through a ladder of similar names
    by_word: dict[str, list[str]] = defaultdict(list)  # word -> representatives holding it
    df: Counter[str] = Counter(w for key in keys for w in set(key.split()) - STOP)
    for key in sorted(keys, key=lambda k: (len(k.split()), k)):
        words = set(key.split()) - STOP
        if words and distinctive(key):
            match = None
            for word in sorted(words, key=lambda w: (df[w], w)):  # rarest first; a few candidates per word
                match = next(
                    (rep for rep in by_word[word][:CANDIDATES] if fuzz.token_set_ratio(key, rep) >= threshold), None
                )
                if match is not None:
                    break
            if match is not None:
                parent[key] = match
                continue
            for word in words:  # only a distinctive name can stand for a group ("tariffs" cannot)
                by_word[word].append(key)
    return {k: find(k) for k in keys}


def merge_policies(extractions: list[Extraction]) -> list[Extraction]:
    """One node per policy across the corpus: the most common name is the label, the rest aliases."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for ex in extractions:
        for p in ex.policies:
            forms[policy_key(p.label)][p.label] += 1
    group = policy_groups(forms)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for key, counter in forms.items():
        names[group[key]].update(counter)
    out = []
    for ex in extractions:
        policies: list[Policy] = []
        for p in ex.policies:
            counter = names[group[policy_key(p.label)]]
            label = min(counter, key=lambda f: (-counter[f], len(f), f))
            # only the names this article used: an alias is supported by the articles that wrote it
            aliases = tuple(sorted((set(p.aliases) | {p.label}) - {label}))
            policies.append(dataclasses.replace(p, label=label, aliases=aliases))
        out.append(dataclasses.replace(ex, policies=tuple(policies)))
    return out


def resolve(
    extractions: list[Extraction], *, known_people: Iterable[str] = (), ref: Reference | None = None
) -> list[Extraction]:
    """Canonical actors, merged meetings and policies for a batch of extractions (then
    `join_known_meetings` ties its meetings to the events earlier builds stored)."""
    mapping = actor_aliases(extractions, known_people)
    resolved = [apply_aliases(ex, mapping) for ex in extractions]
    resolved = merge_meetings(resolved)
    return merge_policies(resolved)


def join_known_meetings(extractions: list[Extraction], known: list[KnownMeeting]) -> list[Extraction]:
    """A report of an event an earlier build stored takes that event's participants and dates (so
    it is the same node): the same people, or a fuller or thinner account of them, at a compatible
    time (an undated report: its article's date is at most 400 days after and 45 days before the
    event). Only a single candidate is joined; with two, the report stays its own event."""
    if not known:
        return extractions
    same = {(k.participants, k.start) for k in known}
    out = []
    for ex in extractions:
        meetings = []
        for m in ex.meetings:
            found = [] if (m.participants, m.start) in same else [k for k in known if _joins(m, k, ex.article.date)]
            if len(found) == 1:
                k = found[0]
                m = dataclasses.replace(
                    m,
                    participants=k.participants,
                    start=k.start,
                    end=k.end,
                    kind=k.kind or m.kind,
                    location=k.location or m.location,
                    status=merged_status((k.status, m.status)),
                )
            meetings.append(m)
        out.append(dataclasses.replace(ex, meetings=tuple(meetings)))
    return out


def _joins(m: Meeting, k: KnownMeeting, article_date: str | None) -> bool:
    mine, theirs = set(m.participants), set(k.participants)
    if len(mine & theirs) < 2 or not (mine <= theirs or theirs <= mine):
        return False
    if m.start is None:
        return k.start is None or article_date is None or -45 <= _days(article_date, k.start) <= 400
    if k.start is None:
        return True
    stored = Meeting(k.participants, m.prov, start=k.start, end=k.end)
    return _same_time(stored, m)


def resolution_words(ex: Extraction) -> set[str]:
    """The words by which resolution relates this article to others: each word of a person's name
    (a surname joins the full name that ends with it), each distinctive word of a policy name
    (near-identical names are one policy) and the sides (or participants) of each meeting (its
    reports are grouped by them). Two articles that share none are resolved independently of each
    other, so a later build resolves again only the stored articles connected to its own by them."""
    words: set[str] = set()
    for actor in ex.actors:
        if actor.kind == "Person":
            words.update(f"p:{w}" for w in actor.key.split() if w not in NAME_SUFFIXES)
    for p in ex.policies:
        words.update(f"w:{w}" for w in set(policy_key(p.label).split()) - STOP)
    words.update("m:" + "|".join(m.sides or m.participants) for m in ex.meetings)
    return words


def statement_key(s: Statement) -> str:
    """One statement node per article that reports it: each report has its own words, date and
    evidence (the same quote in two articles is two reports, kg:source tells them apart)."""
    words = re.findall(r"\w+", s.text.lower())
    return s.prov.doc_id + "#" + "|".join(sorted(s.speakers)) + ":" + " ".join(words)
