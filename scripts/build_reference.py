#!/usr/bin/env python3
"""Build the reference data of well-known actors.

1. kg/text/data/countries.tsv  <- pycountry + countryinfo, corrected by the small tables below.
2. ontology/actors.ttl    <- countries.tsv, former_states.tsv + the hand-curated leaders.tsv,
                             organizations.tsv and seats.tsv.

Run `python scripts/build_reference.py`; tests/test_reference_data.py checks both outputs
are up to date, so edit the tables here (or the curated TSVs) and re-run, never the outputs.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pycountry
from countryinfo import all_countries
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.vocab import PREFIXES, slug

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kg" / "text" / "data"
ACTORS_TTL = ROOT / "ontology" / "actors.ttl"
KG = Namespace(PREFIXES["kg"])
ID = Namespace(PREFIXES["id"])
COUNTRY_COLUMNS = ("iso3", "name", "aliases", "demonyms", "capital")

# The 193 UN member states. pycountry has no "sovereign" flag, so territories are filtered
# out by this list rather than guessed.
UN_MEMBERS = frozenset(
    """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA
BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK
COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD
GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ
LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE
MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT
QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF
SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA
USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()
)
# UN observer states and de-facto states that the news treats as countries.
OTHER_STATES = frozenset({"PSE", "VAT", "TWN"})
# Kosovo is in neither library; XKX is the code the EU, IMF and World Bank use for it.
KOSOVO = {
    "iso3": "XKX",
    "name": "Kosovo",
    "aliases": "Republic of Kosovo",
    "demonyms": "Kosovar|Kosovan",
    "capital": "Pristina",
}

# The short name a journalist writes, where pycountry's name/common_name is formal or dated.
NAMES = {
    "BRN": "Brunei",
    "CIV": "Ivory Coast",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CPV": "Cape Verde",
    "CZE": "Czech Republic",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "RUS": "Russia",
    "TLS": "East Timor",
    "TUR": "Turkey",
    "VAT": "Vatican City",
}
# Surface forms the libraries miss or filter out; abbreviations only where prose uses them.
EXTRA_ALIASES = {
    "USA": "US|U.S.|USA|U.S.A.|America",
    "GBR": "UK|U.K.|Britain|Great Britain",
    "ARE": "UAE|U.A.E.",
    "PRK": "DPRK",
    "KOR": "ROK|Korea",
    "CHN": "PRC",
    "TWN": "ROC|Chinese Taipei",
    "COD": "DRC|DR Congo|Congo-Kinshasa|Democratic Republic of Congo",
    "COG": "Congo-Brazzaville|Republic of Congo",
    "NLD": "Holland",
    "MMR": "Burma|Republic of the Union of Myanmar",
    "TUR": "Türkiye|Turkiye",
    "CZE": "Czechia",
    "SWZ": "Swaziland",
    "TLS": "Timor-Leste",
    "CIV": "Côte d'Ivoire|Cote d'Ivoire",
    "CPV": "Cabo Verde",
    "VNM": "Viet Nam",
    "VAT": "Vatican|Holy See",
    "PSE": "State of Palestine",
    "BIH": "Bosnia|Bosnia-Herzegovina",
    "IND": "Bharat",
    "FSM": "Federated States of Micronesia",
}
# Library spellings that name two countries ("Congo": the DRC or Congo-Brazzaville) or none.
DROP_ALIASES = frozenset({"Congo", "Abode of Peace"})
# Demonyms/adjectives where countryinfo's single value is wrong, dated or not the adjective.
DEMONYMS = {
    "ARG": "Argentine|Argentinian",
    "ATG": "Antiguan|Barbudan",
    "BIH": "Bosnian|Herzegovinian",
    "BHS": "Bahamian",
    "BWA": "Botswanan|Motswana",
    "CPV": "Cape Verdean",
    "DJI": "Djiboutian",
    "ECU": "Ecuadorian|Ecuadorean",
    "GBR": "British",
    "ISL": "Icelandic|Icelander",
    "KAZ": "Kazakh|Kazakhstani",
    "KGZ": "Kyrgyz",
    "KNA": "Kittitian|Nevisian",
    "LUX": "Luxembourgish|Luxembourger",
    "MDV": "Maldivian",
    "MKD": "North Macedonian|Macedonian",
    "NZL": "New Zealander",
    "PHL": "Filipino|Philippine",
    "PSE": "Palestinian",
    "SAU": "Saudi|Saudi Arabian",
    "SUR": "Surinamese",
    "SWZ": "Swazi|Emaswati",
    "TJK": "Tajik",
    "TLS": "Timorese|East Timorese",
    "UZB": "Uzbek",
    "VAT": "Vatican",
    "COM": "Comorian",
    "LAO": "Lao|Laotian",
    "ISR": "Israeli",
    "MHL": "Marshallese",
    "CZE": "Czech",
    "GNB": "Bissau-Guinean",
    "TTO": "Trinidadian|Tobagonian",
    "SLB": "Solomon Islander",
    "FSM": "Micronesian",
    "LIE": "Liechtensteiner",
    "MMR": "Burmese",
    "SVN": "Slovenian|Slovene",
    # A demonym shared by two states stays with the one the news means by it.
    "COG": "",
    "DMA": "",
}
# Capitals: the name the news uses (countryinfo has "Washington D.C.", pre-2022 "Nur-Sultan").
CAPITALS = {
    "USA": "Washington",
    "KAZ": "Astana",
    "VAT": "Vatican City",
    "SWZ": "Mbabane",  # executive capital; countryinfo gives Lobamba (legislative)
    # Administrative seat; the proclaimed capital, East Jerusalem, is disputed.
    "PSE": "Ramallah",
}


def split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _countryinfo_by_iso3() -> dict[str, dict[str, Any]]:
    """countryinfo keyed by alpha-3. It has duplicates (GBR: "Wales", "United Kingdom"), so
    prefer the entry named like pycountry's country, else the first one."""
    entries: dict[str, list[dict[str, Any]]] = {}
    for country in all_countries():
        info = country.info()
        entries.setdefault(info.get("ISO", {}).get("alpha3") or "", []).append(info)
    chosen = {}
    for iso3, infos in entries.items():
        pc = pycountry.countries.get(alpha_3=iso3) if iso3 else None
        names = {pc.name, getattr(pc, "common_name", pc.name)} if pc else set()
        chosen[iso3] = next((i for i in infos if i.get("name") in names), infos[0])
    return chosen


def _english_long_form(spelling: str) -> str | None:
    """Keep countryinfo spellings like "Republic of Korea"; drop codes and native names
    ("KR", "Nippon", "Royaume de Belgique"), which are noise or traps in English text."""
    spelling = re.sub(r"^the ", "", spelling.strip())
    if " of " not in spelling or not spelling[:1].isupper() or "," in spelling:
        return None
    return spelling


def build_country_rows() -> list[dict[str, str]]:
    """One row per sovereign state, sorted by iso3; deterministic for fixed library versions."""
    info = _countryinfo_by_iso3()
    rows: list[dict[str, str]] = []
    for pc in pycountry.countries:
        iso3 = pc.alpha_3
        if iso3 not in UN_MEMBERS | OTHER_STATES:
            continue
        ci = info.get(iso3, {})
        name = NAMES.get(iso3) or getattr(pc, "common_name", None) or pc.name
        candidates = [pc.name, getattr(pc, "official_name", "")]
        candidates += [s for s in map(_english_long_form, ci.get("altSpellings") or []) if s]
        candidates += split(EXTRA_ALIASES.get(iso3))
        aliases = [re.sub(r"^the ", "", a) for a in candidates if a and not re.search(r"[,()]", a)]
        aliases = [a for a in aliases if a not in DROP_ALIASES]
        demonyms = split(DEMONYMS[iso3] if iso3 in DEMONYMS else (ci.get("demonym") or "").replace(",", "|"))
        capital = CAPITALS.get(iso3) or ci.get("capital") or ""
        rows.append(
            {
                "iso3": iso3,
                "name": name,
                "aliases": "|".join(dict.fromkeys(aliases)),
                "demonyms": "|".join(demonyms),
                "capital": capital,
            }
        )
    rows.append(dict(KOSOVO))
    # An alias naming two countries ("Congo") or another country's name would mislead the
    # matcher, so it is dropped everywhere; names themselves always stay.
    names = {r["name"] for r in rows}
    seen: dict[str, int] = {}
    for r in rows:
        for a in set(split(r["aliases"])):
            seen[a] = seen.get(a, 0) + 1
    for r in rows:
        keep = [a for a in split(r["aliases"]) if a != r["name"] and a not in names and seen[a] == 1]
        r["aliases"] = "|".join(keep)
    demonyms = [d for r in rows for d in split(r["demonyms"])]
    if len(demonyms) != len(set(demonyms)):
        raise ValueError(f"shared demonyms: {sorted({d for d in demonyms if demonyms.count(d) > 1})}")
    return sorted(rows, key=lambda r: r["iso3"])


def render_tsv(columns: Iterable[str], rows: Iterable[dict[str, str]]) -> str:
    columns = list(columns)
    lines = ["\t".join(columns)]
    for row in rows:
        values = [row[c] for c in columns]
        if any(re.search(r"[\t\n]", v) for v in values):
            raise ValueError(f"tab or newline in {values}")
        lines.append("\t".join(values))
    return "\n".join(lines) + "\n"


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV with a header line; '#' lines are comments (as kg/reference.py reads them)."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")


def date_literal(value: str) -> Literal:
    """'2024-10-01' -> xsd:date; '2024-10' -> xsd:gYearMonth (day not known)."""
    if not _DATE.fullmatch(value):
        raise ValueError(f"bad date {value!r}")
    return Literal(value, datatype=XSD.date if len(value) == 10 else XSD.gYearMonth)


class _Builder:
    """Accumulates the graph and refuses two different things under one IRI."""

    def __init__(self) -> None:
        self.g = Graph(bind_namespaces="core")
        self.g.bind("kg", KG)
        self.g.bind("id", ID)
        self.g.bind("skos", SKOS)
        self.kinds: dict[URIRef, URIRef] = {}

    def node(self, name: str, kind: URIRef, aliases: Iterable[str] = (), key: str | None = None) -> URIRef:
        iri = ID[key or slug(name)]
        relabel = (iri, RDFS.label, None) in self.g and (iri, RDFS.label, Literal(name)) not in self.g
        if self.kinds.setdefault(iri, kind) != kind or relabel:
            raise ValueError(f"IRI clash: {iri} for {name!r}")
        self.g.add((iri, RDF.type, kind))
        self.g.add((iri, RDFS.label, Literal(name)))
        for alias in aliases:
            if alias != name:
                self.g.add((iri, SKOS.altLabel, Literal(alias)))
        return iri


def build_graph(data_dir: Path = DATA) -> Graph:
    b = _Builder()
    countries: dict[str, URIRef] = {}
    country_rows = read_tsv(data_dir / "countries.tsv")
    for row in country_rows:
        iri = countries[row["iso3"]] = b.node(row["name"], KG.Country, split(row["aliases"]))
        b.g.add((iri, KG.isoCode, Literal(row["iso3"])))
        for demonym in split(row["demonyms"]):
            b.g.add((iri, KG.demonym, Literal(demonym)))
    # States that no longer exist (the Soviet Union ...): leaders.tsv and organizations.tsv may refer to them.
    for row in read_tsv(data_dir / "former_states.tsv"):
        iri = countries[row["code"]] = b.node(row["name"], KG.Country, split(row["aliases"]))
        b.g.add((iri, KG.isoCode, Literal(row["code"])))
    orgs: dict[str, URIRef] = {}
    for row in read_tsv(data_dir / "organizations.tsv"):
        iri = orgs[row["name"]] = b.node(row["name"], KG.Organization, split(row["aliases"]))
        if row["based_in"]:
            b.g.add((iri, KG.basedIn, countries[row["based_in"]]))
    for row in read_tsv(data_dir / "seats.tsv"):
        iri = b.node(row["name"], KG.Place, split(row["aliases"]))
        b.g.add((iri, KG.seatOf, countries[row["country"]]))
    for row in read_tsv(data_dir / "places.tsv"):
        b.node(row["name"], KG.Place, split(row["aliases"]))
    # Capitals last: a city-state's capital ("Singapore") must not merge with the country.
    for row in country_rows:
        if row["capital"]:
            key = slug(row["capital"])
            if ID[key] in b.kinds and b.kinds[ID[key]] != KG.Place:
                key += "_city"
            b.g.add((countries[row["iso3"]], KG.capital, b.node(row["capital"], KG.Place, key=key)))
    people: dict[str, tuple[set[str], str]] = {}
    for row in read_tsv(data_dir / "leaders.tsv"):
        aliases, fnf = people.setdefault(row["name"], (set(), row["family_name_first"]))
        if fnf != row["family_name_first"] or fnf not in ("0", "1"):
            raise ValueError(f"family_name_first of {row['name']!r} is inconsistent")
        aliases.update(split(row["aliases"]))
        holder = b.node(row["name"], KG.Person)
        of = countries.get(row["of"]) or orgs.get(row["of"])
        if of is None:
            raise ValueError(f"unknown 'of' {row['of']!r} for {row['name']!r}")
        of_slug = str(of)[len(str(ID)) :]
        tenure = ID[f"tenure/{slug(row['name'])}_{slug(row['role'])}_{of_slug}_{row['start']}"]
        if (tenure, RDF.type, KG.Tenure) in b.g:
            raise ValueError(f"duplicate tenure {tenure}")
        b.g.add((tenure, RDF.type, KG.Tenure))
        b.g.add((tenure, KG.holder, holder))
        b.g.add((tenure, KG.roleName, Literal(row["role"])))
        b.g.add((tenure, KG.roleOf, of))
        b.g.add((tenure, KG.startDate, date_literal(row["start"])))
        if row["end"]:
            if row["end"] < row["start"]:
                raise ValueError(f"tenure ends before it starts: {row}")
            b.g.add((tenure, KG.endDate, date_literal(row["end"])))
    for name, (aliases, _) in people.items():
        b.node(name, KG.Person, sorted(aliases))
    return b.g


def render_actors_ttl(data_dir: Path = DATA) -> bytes:
    header = "# Generated by scripts/build_reference.py from kg/text/data/*.tsv; do not edit.\n"
    return header.encode() + build_graph(data_dir).serialize(format="turtle", encoding="utf-8")


def main() -> int:
    (DATA / "countries.tsv").write_text(render_tsv(COUNTRY_COLUMNS, build_country_rows()), encoding="utf-8")
    ACTORS_TTL.write_bytes(render_actors_ttl(DATA))
    print(f"wrote {DATA / 'countries.tsv'} and {ACTORS_TTL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
