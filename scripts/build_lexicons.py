"""Generate newskg's event-trigger lexicon from the CAMEO verb dictionary of PETRARCH-2.

Source: `CAMEO.2.0.txt` from openeventdata/petrarch2 (MIT licence, Copyright (c) 2015 Open Event
Data Alliance), read from `../shared/lexicons/petrarch2/` (or `--source DIR`). The dictionary
groups verbs into synonym blocks (`---  MEET_PEOPLE   [040]  ---`), each with a default CAMEO
event code, and refines them with phrase patterns (`- * (FOR TALKS)   [046]`: "arrive for talks"
is a negotiation). This script keeps the blocks and patterns whose CAMEO code falls in a class
newskg extracts (`scripts/lexicon_sources/cameo_classes.tsv`: meet, visit, host, call,
negotiate, say, support, cooperate, criticize, oppose, impose ...), drops the verbs a curated
list rules out (`scripts/lexicon_sources/cameo_exclude.tsv`: WordNet synonyms that are too
general in news prose, such as "see" or "go"), and writes one row per (verb, frame, class) to
`kg/extract/lexicon/cameo_verbs.tsv`.

    python scripts/build_lexicons.py [--source DIR] [--check]

`--check` exits 1 when the committed file differs from what the source would give.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).resolve().parent / "lexicon_sources"
DEFAULT_SOURCE = ROOT.parent / "shared" / "lexicons" / "petrarch2"

BLOCK_RE = re.compile(r"^---\s+(?P<name>\S+)\s+\[(?P<code>[^\]]*)\]")
CODE_RE = re.compile(r"\[(?P<code>[^\]]*)\]")
# words CAMEO writes after "*" that are particles or adverbs ("* BACK", "* OFF"), not objects
PARTICLES = {"away", "back", "down", "first", "in", "off", "on", "out", "over", "part", "together", "up", "with"}
PREPOSITIONS = {
    "about",
    "against",
    "at",
    "between",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "over",
    "to",
    "toward",
    "towards",
    "under",
    "upon",
    "with",
    "without",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One verb of a CAMEO block, or one verb pattern: "arrive" + prep "for" + object "talks"."""

    lemma: str  # lower case; a phrasal verb keeps its particle ("meet with")
    frame: str  # "" (the verb alone), "obj:WORD", "prep:PREP" or "prep:PREP:WORD"
    code: str  # CAMEO event code ("046")
    block: str  # CAMEO block name ("ARRIVE")


def _code(raw: str) -> str | None:
    """The source-side event code of "040:040", ":111" or "---" (None when there is none)."""
    first = raw.split(":")[0].strip()
    return first if first.isdigit() else None


def parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    """`&NEGOTIATION` followed by `+NEGOTIATION`, `+DIALOGUE` lines -> {"&NEGOTIATION": [...]}."""
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        text = line.split("#")[0].strip()
        if line.startswith("---"):
            break
        if text.startswith("&"):
            current = text.split()[0]
            sets[current] = []
        elif text.startswith("+") and current:
            sets[current].append(text[1:].split()[0].rstrip("_").replace("_", " ").lower())
        elif not text:
            current = None
    return sets


def _verb_words(text: str) -> list[str]:
    """The lemma of a block line: "+MEET_WITH {+MET_WITH ...}" -> "meet with", "CONFER [040]" -> "confer"."""
    head = text.split("{")[0].split("[")[0].strip()
    if not head:
        return []
    word = head.split()[0].lstrip("+").rstrip("_")
    return [word.replace("_", " ").lower()] if re.fullmatch(r"[A-Za-z_\-]+", word) else []


def _pattern_frame(pattern: str, synsets: dict[str, list[str]]) -> list[str]:
    """Frames of a pattern's first item after the verb: "* TALKS" -> ["obj:talks"],
    "* (FOR TALKS)" -> ["prep:for:talks"], "* (TO)" -> ["prep:to"], "* &NEGOTIATION" -> one per synonym.
    Patterns that constrain the subject ("MEDIATORS *") or are more complex give nothing."""
    body = pattern.lstrip("-").strip()
    if not body.startswith("*"):
        return []
    rest = body[1:].strip()
    if not rest:
        return []
    groups = re.findall(r"\(([^)]*)\)", rest)
    if len(groups) > 1:  # "* (IN ^) (FOR CONSULTATION)": the item that names something decides
        named = [g for g in groups if len([w for w in g.split() if w not in ("^", "$", "+")]) > 1]
        if not named:
            return []
        rest = f"({named[-1]})"
    if rest.startswith("("):
        inner = rest[1 : rest.find(")")] if ")" in rest else ""
        words = [w for w in inner.replace("{", " ").replace("}", " ").split() if w not in ("^", "$", "+")]
        if not words or words[0].lower() not in PREPOSITIONS:
            return []
        prep = words[0].lower()
        if len(words) == 1:
            return [f"prep:{prep}"]
        target = words[-1]
        nouns = synsets.get(target, []) if target.startswith("&") else [target.rstrip("_").replace("_", " ").lower()]
        return [f"prep:{prep}:{noun}" for noun in nouns if re.fullmatch(r"[a-z\- ]+", noun)]
    if rest.startswith("{"):
        inner = rest[1 : rest.find("}")] if "}" in rest else ""
        words = inner.split()
        if not words:
            return []
        target = words[-1]  # the head of "{PEACE DEAL}" is "deal"
    else:
        target = rest.split()[0]
    if target in ("^", "$", "+", "*") or target.startswith("(") or target.lower() in PARTICLES:
        return []
    nouns = synsets.get(target, []) if target.startswith("&") else [target.rstrip("_").replace("_", " ").lower()]
    return [f"obj:{noun}" for noun in nouns if re.fullmatch(r"[a-z\-]+", noun)]


def parse_cameo(text: str) -> list[Entry]:
    """Every verb and verb pattern of a CAMEO verb dictionary with the event code it carries."""
    lines = text.splitlines()
    synsets = parse_synsets(lines)
    entries: list[Entry] = []
    block = default = None
    verbs: list[str] = []
    for line in lines:
        m = BLOCK_RE.match(line)
        if m:
            block, default, verbs = m["name"], _code(m["code"]), []
            continue
        if block is None:
            continue
        text_part = line.split("#")[0].strip()
        if not text_part or text_part.startswith("&"):
            continue
        if text_part.startswith("-"):
            found = CODE_RE.search(text_part)
            code = _code(found["code"]) if found else None
            if code is None:
                continue
            # "# START , BEGIN": the verbs the pattern was written for; without a note, the whole block
            note = line.split("#", 1)[1] if "#" in line else ""
            named = [w.lower() for w in re.findall(r"[A-Z][A-Z_\-]+", note)]
            targets = [v for v in verbs if v.replace(" ", "_") in named] or verbs
            for frame in _pattern_frame(text_part[: found.start()], synsets):
                entries.extend(Entry(verb, frame, code, block) for verb in targets)
            continue
        own = CODE_RE.search(re.sub(r"\{[^}]*\}", " ", text_part))  # "CONFER {CONFERS ...} [040:040]"
        code = (_code(own["code"]) if own else None) or default or ""
        for verb in _verb_words(text_part):
            verbs.append(verb)
            entries.append(Entry(verb, "", code, block))
    return entries


def read_table(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def classify(
    entries: list[Entry], classes: list[dict[str, str]], exclude: list[dict[str, str]]
) -> list[tuple[str, ...]]:
    """(lemma, frame, class, code, block) rows. A block's own verbs take the class listed for the block,
    else the class of the longest listed prefix of their code; a pattern takes the class of its code.
    Excluded lemmas (for every class, or for one) are dropped."""
    by_block = {row["match"][len("block:") :]: row["class"] for row in classes if row["match"].startswith("block:")}
    by_code = sorted(
        ((row["match"], row["class"]) for row in classes if not row["match"].startswith("block:")),
        key=lambda item: -len(item[0]),
    )
    banned = {(row["lemma"], row.get("class") or "*") for row in exclude}

    def class_of(e: Entry) -> str | None:
        cls = by_block.get(e.block) if not e.frame else None
        if cls is None and e.code:
            cls = next((c for prefix, c in by_code if e.code.startswith(prefix)), None)
        if not cls or cls == "-" or (e.lemma, "*") in banned or (e.lemma, cls) in banned:
            return None
        return cls

    own: dict[str, set[str]] = {}
    for e in entries:
        if not e.frame and class_of(e):
            own.setdefault(e.lemma, set()).add(class_of(e))
    rows = set()
    for e in entries:
        cls = class_of(e)
        # a pattern row only when it changes what the verb signals ("make a visit", "arrive for talks")
        if cls and (not e.frame or cls not in own.get(e.lemma, set())):
            rows.add((e.lemma, e.frame, cls, e.code, e.block))
    return sorted(rows)


# ---------------------------------------------------------------------------- Phoenix actor and agent dictionaries


@dataclass(frozen=True, slots=True)
class Record:
    """One record of a Phoenix actor dictionary: a primary name, '+' synonyms, dated codes."""

    name: str
    synonyms: tuple[str, ...]
    codes: tuple[tuple[str, str, str], ...]  # (code, start, end): ISO dates or ""
    note: str  # the comment of the primary line


def _phrase(raw: str) -> str:
    """ "BARACK_OBAMA_" -> "BARACK OBAMA" (case kept; underscores and spaces both separate words)."""
    return " ".join(raw.replace("_", " ").split())


def _date(raw: str, *, end: bool = False) -> str:
    """YYMMDD or YYYYMMDD -> ISO. Two-digit years after 16 are 19xx: the dictionaries stop in 2016."""
    raw = raw.strip()
    if not raw.isdigit() or len(raw) not in (6, 8):
        return ""
    if len(raw) == 6:
        year = int(raw[:2])
        raw = f"{2000 + year if year <= 16 else 1900 + year}{raw[2:]}"
    month, day = min(max(int(raw[4:6]), 1), 12), max(int(raw[6:8]), 1)
    return f"{raw[:4]}-{month:02d}-{min(day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):02d}"


RESTRICTION_RE = re.compile(r"\[(?P<code>[A-Z]{3}[A-Z]*|~?[A-Z]+~?)(?:\s+(?P<range>[<>]?\d{6,8}(?:-\d{6,8})?))?\s*\]")


def _codes(text: str) -> list[tuple[str, str, str]]:
    out = []
    for m in RESTRICTION_RE.finditer(text):
        span = m["range"] or ""
        if span.startswith(">"):
            start, end = _date(span[1:]), ""
        elif span.startswith("<"):
            start, end = "", _date(span[1:])
        elif "-" in span:
            first, last = span.split("-", 1)
            start, end = _date(first), _date(last)
        else:
            start = end = ""
        out.append((m["code"], start, end))
    return out


def parse_actors(text: str) -> list[Record]:
    """The records of a Phoenix `.actors.txt` file, in file order."""
    records: list[Record] = []
    name, synonyms, codes, note = None, [], [], ""

    def flush() -> None:
        if name:
            records.append(Record(name, tuple(synonyms), tuple(codes), note))

    for line in text.splitlines():
        body, _, comment = line.partition("#")
        stripped = body.strip()
        if not stripped:
            continue
        if line.startswith("\t") or stripped.startswith("["):
            codes.extend(_codes(stripped))
        elif stripped.startswith("+"):
            synonyms.append(_phrase(RESTRICTION_RE.sub("", stripped[1:])))
            codes.extend(_codes(stripped))
        else:
            flush()
            name, synonyms, note = _phrase(RESTRICTION_RE.sub("", stripped)), [], comment.strip()
            codes = _codes(stripped)
    flush()
    return records


PARTICLES_LOWER = {
    "al",
    "el",
    "bin",
    "ibn",
    "bint",
    "de",
    "da",
    "do",
    "dos",
    "das",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "la",
    "le",
    "di",
    "du",
    "ul",
    "ud",
}
TITLE_WORDS = {
    "PRESIDENT",
    "PRESIDENT-ELECT",
    "FORMER",
    "PRIME",
    "MINISTER",
    "GOV.",
    "GOVERNOR",
    "GOVENOR",
    "SENATOR",
    "SEN.",
    "GENERAL",
    "GEN.",
    "KING",
    "QUEEN",
    "PRINCE",
    "SHEIKH",
    "DR.",
    "MR.",
    "MRS.",
    "MS.",
    "CHANCELLOR",
    "SECRETARY",
    "SECRETARY-GENERAL",
    "AYATOLLAH",
    "PREMIER",
    "VICE",
    "DEPUTY",
    "FOREIGN",
    "DEFENSE",
    "DEFENCE",
    "AMBASSADOR",
    "CHAIRMAN",
    "LEADER",
    "EMIR",
    "SULTAN",
    "COLONEL",
    "COL.",
    "MARSHAL",
    "POPE",
}
NOT_PERSON_WORDS = {
    "ADMINISTRATION",
    "GOVERNMENT",
    "CABINET",
    "PARTY",
    "COUNCIL",
    "REPUBLIC",
    "SOVIET",
    "SFSR",
    "ARMY",
    "MINISTRY",
    "COMMITTEE",
    "ASSEMBLY",
    "PARLIAMENT",
    "CONGRESS",
    "SENATE",
    "COURT",
    "REGIME",
    "FORCES",
    "UNION",
    "FRONT",
    "MOVEMENT",
    "OFFICE",
    "BANK",
    "AGENCY",
    "COMMISSION",
    "CORPS",
    "POLICE",
}


def proper_case(phrase: str) -> str:
    """ "BASHAR AL-ASSAD" -> "Bashar al-Assad", "DENNIS C. BLAIR" -> "Dennis C. Blair",
    "JOHN MCCAIN" -> "John McCain"
    """
    words = []
    for i, word in enumerate(phrase.split()):
        parts = []
        for j, part in enumerate(word.split("-")):
            low = part.lower()
            if (i or j) and low in PARTICLES_LOWER:
                parts.append(low)
            elif "'" in part:  # "D'ESCOTO" -> "D'Escoto"
                parts.append("'".join(p[:1].upper() + p[1:].lower() for p in part.split("'")))
            elif low.startswith("mc") and len(low) > 3:  # "MCCAIN" -> "McCain"
                parts.append("Mc" + low[2:3].upper() + low[3:])
            else:
                parts.append(part[:1].upper() + part[1:].lower())
        words.append("-".join(parts))
    return " ".join(words)


def _person_name(phrase: str) -> str | None:
    """A synonym that is a name, without leading titles; None for "the Reagan administration" and the like."""
    words = phrase.split()
    while words and words[0] in TITLE_WORDS:
        words = words[1:]
    if len(words) < 2 or words[0] == "THE" or any(w in NOT_PERSON_WORDS or w in TITLE_WORDS for w in words):
        return None  # "Russian President Vladimir Putin" is a title and a name, not another name
    if not all(re.fullmatch(r"[A-Z][A-Z.'\-]*", w) for w in words):
        return None
    return proper_case(" ".join(words))


def people_rows(records: list[Record], countries: set[str]) -> list[tuple[str, ...]]:
    """(name, aliases, country, government terms) for every person with a dated government or elite
    code of a known country. Terms are "start..end" of the country's GOV codes (sector codes included)."""
    rows: dict[str, tuple[set[str], str, set[str]]] = {}
    for r in records:
        dated = [c for c in r.codes if (c[1] or c[2]) and c[0][:3] in countries]
        if not dated or not ("CountryInfo" in r.note or len(r.codes) > 1 or dated):
            continue
        name = _person_name(r.name)
        if name is None:
            continue
        country = dated[0][0][:3]
        aliases, _, terms = rows.setdefault(name, (set(), country, set()))
        aliases.update(a for a in (_person_name(syn) for syn in r.synonyms) if a and a != name)
        terms.update(f"{start}..{end}" for code, start, end in dated if code[:3] == country and code[3:6] == "GOV")
    return [
        (name, "|".join(sorted(aliases)), country, "|".join(sorted(terms)))
        for name, (aliases, country, terms) in sorted(rows.items())
    ]


def former_state_rows(records: list[Record], countries: set[str]) -> list[tuple[str, ...]]:
    """States the ISO list no longer has (the Soviet Union, Czechoslovakia ...): a record whose only code
    is a three-letter country code that is not a current one, and whose name is not a city."""
    rows = []
    for r in records:
        codes = {c[0] for c in r.codes}
        if len(codes) == 1 and len(next(iter(codes))) == 3 and not codes & countries and len(r.synonyms) >= 1:
            names = [proper_case(n) for n in (r.name, *r.synonyms) if re.fullmatch(r"[A-Z][A-Z .'\-]+", n)]
            if names:
                rows.append((next(iter(codes)), names[0], "|".join(n for n in names[1:] if n != names[0])))
    return sorted(rows)


AGENT_RE = re.compile(r"^(?P<phrase>[^\[{#]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]+)\]")


def _plural(word: str) -> str:
    if word.endswith("Y") and word[-2:-1] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("SS", "SH", "CH", "X")):
        return word + "ES"
    return word + "S"


def agent_rows(text: str) -> list[tuple[str, str]]:
    """(agent noun, code) for every singular and plural form in Phoenix.agents.txt: "spokesman" ->
    GOV-less "~GOV" entries become ("spokesman", "GOV"). Substitution markers (!PERSON!) are expanded."""
    macros: dict[str, list[str]] = {}
    rows: set[tuple[str, str]] = set()
    for line in text.splitlines():
        body = line.split("#")[0].strip()
        m = re.match(r"^!(\w+)!\s*=\s*(.+)$", body)
        if m:
            macros[m[1]] = [w.strip() for w in m[2].split(",") if w.strip()]
            continue
        m = AGENT_RE.match(body)
        if not m:
            continue
        code = m["code"].strip().strip("~")
        if not re.fullmatch(r"[A-Z]{3,}", code):
            continue
        phrase = m["phrase"].strip()
        forms = [phrase]
        for name, values in macros.items():
            if f"!{name}!" in phrase:
                forms = [f.replace(f"!{name}!", v) for f in forms for v in values]
        explicit = m["plural"]
        for form in forms:
            words = form.replace("_", " ").split()
            if not words or not all(re.fullmatch(r"[A-Z][A-Z'\-]*", w) for w in words):
                continue
            rows.add((" ".join(words).lower(), code))
            if "!" in phrase:
                continue  # the substitution already gave every form
            if explicit is None:
                rows.add((" ".join([*words[:-1], _plural(words[-1])]).lower(), code))
            elif explicit.strip():
                rows.add((explicit.replace("_", " ").strip().lower(), code))
    return sorted(rows)


ORG_WORDS = {
    "AGENCY",
    "ALLIANCE",
    "ARMY",
    "ASSOCIATION",
    "AUTHORITY",
    "BANK",
    "BOARD",
    "BRIGADE",
    "BRIGADES",
    "BUREAU",
    "CENTER",
    "CENTRE",
    "COALITION",
    "COMMISSION",
    "COMMITTEE",
    "CONFEDERATION",
    "CONGRESS",
    "CORPORATION",
    "COUNCIL",
    "COURT",
    "FEDERATION",
    "FORCE",
    "FORCES",
    "FORUM",
    "FOUNDATION",
    "FRONT",
    "FUND",
    "GROUP",
    "GUARD",
    "INSTITUTE",
    "LEAGUE",
    "MISSION",
    "MOVEMENT",
    "NETWORK",
    "OFFICE",
    "ORGANISATION",
    "ORGANIZATION",
    "PANEL",
    "PARTY",
    "PROGRAM",
    "PROGRAMME",
    "SECRETARIAT",
    "TRIBUNAL",
    "UNION",
    "UNIVERSITY",
}
NOT_ORG_WORDS = {
    "SECRETARY",
    "ENVOY",
    "PEACEKEEPER",
    "PEACEKEEPERS",
    "MONITOR",
    "RESIDENT",
    "OFFICIAL",
    "CHIEF",
    "HEAD",
    "BODIES",
    "STAFF",
    "SPOKESMAN",
    "REPRESENTATIVE",
    "DIRECTOR",
    "PRESIDENT",
    "CHAIRMAN",
}
SMALL_WORDS = {"of", "the", "for", "and", "on", "in", "to", "at", "de", "du", "des", "la", "le", "el", "al"}
ORG_KINDS = {"IGO": "intergovernmental", "NGO": "ngo", "MNC": "company", "REB": "armed_group", "IMG": "armed_group"}


def org_case(phrase: str) -> str:
    """ "INTERNATIONAL ATOMIC ENERGY AGENCY" -> "International Atomic Energy Agency"; acronyms stay."""
    words = []
    for i, word in enumerate(phrase.split()):
        low = word.lower()
        if i and low in SMALL_WORDS:
            words.append(low)
        elif len(word) <= 5 and not any(v in word for v in "AEIOU") or word.startswith("(") or "." in word:
            words.append(word)  # "UNHCR", "(ALF)", "U.N."
        else:
            words.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


def _org_name(phrase: str) -> tuple[str, list[str]] | None:
    """An organisation's name and the acronym in brackets after it ("ANIMAL LIBERATION FRONT (ALF)")."""
    phrase = phrase[4:] if phrase.startswith("THE ") else phrase
    m = re.fullmatch(r"(?P<name>[A-Z][A-Z .'&\-]+?)\s*(?:\((?P<short>[A-Z]{2,8})\))?", phrase)
    if not m:
        return None
    words = m["name"].split()
    if len(words) < 2 or not set(words) & ORG_WORDS or set(words) & NOT_ORG_WORDS:
        return None
    return org_case(m["name"]), [m["short"]] if m["short"] else []


def _company_name(phrase: str, code: str) -> tuple[str, list[str]] | None:
    """A multinational company's one-word name ("PETROBRAS", "GAZPROM"): the model often takes such a
    name for a person's; web addresses and the generic "MNC" are left out."""
    if not code.startswith("MNC") or not re.fullmatch(r"[A-Z][A-Z\-]{3,}", phrase) or phrase in ("MNC", "MNCS"):
        return None
    if len(phrase) < 5 and sum(c in "AEIOU" for c in phrase) < 2:
        return None  # "HBOS", "CIBC": letters, not a word
    return org_case(phrase), []


def org_rows(records: list[Record]) -> list[tuple[str, ...]]:
    """(name, aliases, code, kind) for every undated record that names an organisation (a body word such
    as Agency, Front or Council, and no post such as Secretary), with its synonyms that are names of
    it too; a bare acronym that shares a specific code with exactly one such name becomes its alias."""
    rows: dict[str, tuple[set[str], str]] = {}
    by_code: dict[str, list[str]] = {}
    acronyms: dict[str, list[str]] = {}
    for r in records:
        if not r.codes or any(c[1] or c[2] for c in r.codes):
            continue
        code = r.codes[0][0]
        company = _company_name(r.name, code)
        if company is not None:
            rows.setdefault(company[0], (set(), code))
            by_code.setdefault(code, []).append(company[0])
            continue
        if re.fullmatch(r"[A-Z]{2,8}", r.name.replace(".", "")):
            acronyms.setdefault(code, []).append(r.name)
            continue
        named = _org_name(r.name)
        if named is None:
            continue
        name, aliases = named
        entry = rows.setdefault(name, (set(), code))
        entry[0].update(aliases)
        for syn in r.synonyms:
            other = _org_name(syn)
            if other:
                entry[0].add(other[0])
                entry[0].update(other[1])
            elif re.fullmatch(r"[A-Z]{2,8}", syn):
                entry[0].add(syn)
        by_code.setdefault(code, []).append(name)
    for code, shorts in acronyms.items():
        names = by_code.get(code, [])
        if len(code) > 6 and len(names) == 1 and len(shorts) == 1:  # "IAEA" and the Agency share IGOUNOIAE
            rows[names[0]][0].add(shorts[0])
    out = []
    for name, (aliases, code) in sorted(rows.items()):
        kind = next(
            (k for prefix, k in ORG_KINDS.items() if code.startswith(prefix) or code[3:].startswith(prefix)), ""
        )
        out.append((name, "|".join(sorted(a for a in aliases if a != name)), code, kind))
    return out


HEADER = (
    "# Generated by scripts/build_lexicons.py from CAMEO.2.0.txt of openeventdata/petrarch2 (MIT licence,\n"
    "# Copyright (c) 2015 Open Event Data Alliance). Do not edit: change scripts/lexicon_sources/ and re-run.\n"
    "# lemma: verb lemma (a phrasal verb keeps its particle); frame: '' (the verb alone), obj:NOUN (its object's\n"
    "# head), prep:P or prep:P:NOUN (a preposition it governs, and that preposition's object); class: newskg\n"
    "# trigger class; code/block: the CAMEO event code and verb block the row comes from.\n"
)


def render(header: str, columns: list[str], rows: list[tuple[str, ...]]) -> str:
    return header + "\t".join(columns) + "\n" + "".join("\t".join(row) + "\n" for row in rows)


LICENCE = "(MIT licence, Copyright (c) 2014-2015 Open Event Data Alliance)"
PEOPLE_HEADER = (
    "# Generated by scripts/build_lexicons.py from Phoenix.Countries.actors.txt of openeventdata/petrarch2\n"
    f"# {LICENCE}. Do not edit. People with dated government or elite codes: name, aliases,\n"
    "# country (iso3 of their codes), government terms start..end (ISO dates; an empty end: still in office in 2016).\n"
)
STATES_HEADER = (
    "# Generated by scripts/build_lexicons.py from Phoenix.Countries.actors.txt of openeventdata/petrarch2\n"
    f"# {LICENCE}. Do not edit. States that no longer exist: their code, name and aliases.\n"
    "# With the hand-curated rows of scripts/lexicon_sources/former_states_extra.tsv (states Phoenix lacks).\n"
)
AGENTS_HEADER = (
    "# Generated by scripts/build_lexicons.py from Phoenix.agents.txt of openeventdata/petrarch2\n"
    f"# {LICENCE}. Do not edit. Generic agent nouns (singular and plural) and the Phoenix code of the\n"
    "# side they stand for: GOV government, MIL military, OPP opposition, REB rebels, MED media, BUS business ...\n"
)
ORGS_HEADER = (
    "# Generated by scripts/build_lexicons.py from Phoenix.International.actors.txt and\n"
    f"# Phoenix.MilNonState.actors.txt of openeventdata/petrarch2 {LICENCE}. Do not edit. Bodies: name,\n"
    "# aliases (acronyms, other names), Phoenix code, kind (intergovernmental, ngo, company, armed_group or empty).\n"
    "# Names with a body word (Agency, Front, Council ...), and the one-word names of multinational companies.\n"
)
# test data of the PETRARCH validation suite, not a real state
FICTIONAL = {"KNT"}


def reference_dir() -> Path:
    return ROOT / "kg" / "text" / "data"


def build(source: Path) -> dict[Path, str]:
    """Every generated file and its text."""
    import pycountry

    read = lambda name: (source / name).read_text(encoding="utf-8", errors="replace")  # noqa: E731
    countries = {c.alpha_3 for c in pycountry.countries}
    cameo = classify(
        parse_cameo(read("CAMEO.2.0.txt")),
        read_table(SOURCES / "cameo_classes.tsv"),
        read_table(SOURCES / "cameo_exclude.tsv"),
    )
    actors = parse_actors(read("Phoenix.Countries.actors.txt"))
    states = [row for row in former_state_rows(actors, countries) if row[0] not in FICTIONAL]
    states += [(row["code"], row["name"], row["aliases"]) for row in read_table(SOURCES / "former_states_extra.tsv")]
    states.sort()
    lexicon, reference = ROOT / "kg" / "extract" / "lexicon", reference_dir()
    return {
        lexicon / "cameo_verbs.tsv": render(HEADER, ["lemma", "frame", "class", "code", "block"], cameo),
        lexicon / "agents.tsv": render(AGENTS_HEADER, ["noun", "code"], agent_rows(read("Phoenix.agents.txt"))),
        reference / "phoenix_people.tsv": render(
            PEOPLE_HEADER, ["name", "aliases", "country", "terms"], people_rows(actors, countries)
        ),
        reference / "former_states.tsv": render(STATES_HEADER, ["code", "name", "aliases"], states),
        reference / "phoenix_orgs.tsv": render(
            ORGS_HEADER,
            ["name", "aliases", "code", "kind"],
            org_rows(
                [
                    *parse_actors(read("Phoenix.International.actors.txt")),
                    *parse_actors(read("Phoenix.MilNonState.actors.txt")),
                ]
            ),
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, default=DEFAULT_SOURCE, help="folder holding the PETRARCH-2 dictionaries"
    )
    parser.add_argument("--check", action="store_true", help="fail when a committed file is out of date")
    args = parser.parse_args(argv)
    if not (args.source / "CAMEO.2.0.txt").is_file():
        print(f"build_lexicons: {args.source / 'CAMEO.2.0.txt'} not found (use --source DIR)", file=sys.stderr)
        return 2
    stale = []
    for path, text in build(args.source).items():
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path.relative_to(ROOT)))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        rows = text.count(chr(10)) - sum(1 for x in text.splitlines() if x.startswith("#")) - 1
        print(f"wrote {path.relative_to(ROOT)} ({rows} rows)")
    if stale:
        print(f"build_lexicons: out of date: {', '.join(stale)}; run python scripts/build_lexicons.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
