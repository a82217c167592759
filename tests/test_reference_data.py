"""The reference data (kg/text/data/*.tsv, ontology/actors.ttl) is correct, consistent and up to date."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")  # not XSD: pytest's collector trips on it

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kg" / "text" / "data"
KG = Namespace("https://w3id.org/newskg/ontology#")
ID = Namespace("https://w3id.org/newskg/id/")


def _load_script() -> ModuleType:
    path = ROOT / "scripts" / "build_reference.py"
    spec = importlib.util.spec_from_file_location("build_reference", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _load_script()


@pytest.fixture(scope="module")
def country_rows(script: ModuleType) -> dict[str, dict[str, str]]:
    return {row["iso3"]: row for row in script.build_country_rows()}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(ROOT / "ontology" / "actors.ttl", format="turtle")


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


# ---------------------------------------------------------------- (a) the country table


def test_japan(country_rows: dict[str, dict[str, str]]) -> None:
    jpn = country_rows["JPN"]
    assert jpn["name"] == "Japan"
    assert "Japanese" in _split(jpn["demonyms"])
    assert jpn["capital"] == "Tokyo"


def test_united_states(country_rows: dict[str, dict[str, str]]) -> None:
    usa = country_rows["USA"]
    assert usa["name"] == "United States"
    assert {"US", "U.S.", "America", "USA", "United States of America"} <= set(_split(usa["aliases"]))
    assert _split(usa["demonyms"]) == ["American"]
    assert usa["capital"] == "Washington"


@pytest.mark.parametrize(
    "iso3, name, aliases",
    [
        ("KOR", "South Korea", {"Republic of Korea", "ROK"}),
        ("PRK", "North Korea", {"Democratic People's Republic of Korea", "DPRK"}),
        ("CHN", "China", {"People's Republic of China", "PRC"}),
        ("GBR", "United Kingdom", {"UK", "Britain", "Great Britain"}),
        ("RUS", "Russia", {"Russian Federation"}),
        ("TUR", "Turkey", {"Türkiye"}),
        ("NLD", "Netherlands", {"Holland"}),
        ("MMR", "Myanmar", {"Burma"}),
        ("TWN", "Taiwan", {"Republic of China"}),
        ("ARE", "United Arab Emirates", {"UAE"}),
    ],
)
def test_country_names_and_aliases(
    country_rows: dict[str, dict[str, str]], iso3: str, name: str, aliases: set[str]
) -> None:
    assert country_rows[iso3]["name"] == name
    assert aliases <= set(_split(country_rows[iso3]["aliases"]))


def test_common_short_names(country_rows: dict[str, dict[str, str]]) -> None:
    names = {row["name"] for row in country_rows.values()}
    expected = {
        "Iran",
        "Syria",
        "Vietnam",
        "Laos",
        "Bolivia",
        "Venezuela",
        "Tanzania",
        "Moldova",
        "Czech Republic",
        "Palestine",
        "Vatican City",
        "Ivory Coast",
        "Kosovo",
    }
    assert expected <= names
    assert not any("," in n or "(" in n for n in names)


def test_sovereign_states_only(country_rows: dict[str, dict[str, str]]) -> None:
    assert len(country_rows) == 197  # 193 UN members + Palestine, Vatican City, Taiwan, Kosovo
    assert not {"HKG", "PRI", "GUM", "GRL", "ATA"} & country_rows.keys()


def test_aliases_are_prose_forms(country_rows: dict[str, dict[str, str]]) -> None:
    for row in country_rows.values():
        for alias in _split(row["aliases"]):
            assert not re.fullmatch(r"[A-Z]{2}", alias) or alias in {"US", "UK"}, (row["iso3"], alias)
            assert alias != row["name"]
    assert "Congo" not in {a for r in country_rows.values() for a in _split(r["aliases"])}


def test_demonyms(country_rows: dict[str, dict[str, str]]) -> None:
    assert _split(country_rows["PHL"]["demonyms"]) == ["Filipino", "Philippine"]
    assert "British" in _split(country_rows["GBR"]["demonyms"])
    assert "Dutch" in _split(country_rows["NLD"]["demonyms"])
    assert "South Korean" in _split(country_rows["KOR"]["demonyms"])
    all_demonyms = [d for row in country_rows.values() for d in _split(row["demonyms"])]
    assert len(all_demonyms) == len(set(all_demonyms))  # one country per demonym


# ---------------------------------------------------------------- (b) countries.tsv is up to date


def test_countries_tsv_is_generated(script: ModuleType) -> None:
    expected = script.render_tsv(script.COUNTRY_COLUMNS, script.build_country_rows())
    assert (DATA / "countries.tsv").read_text(encoding="utf-8") == expected, (
        "kg/text/data/countries.tsv is stale: run python scripts/build_reference.py"
    )


# ---------------------------------------------------------------- (c) actors.ttl content


def test_ishiba_tenure(graph: Graph) -> None:
    tenure = ID["tenure/shigeru_ishiba_prime_minister_japan_2024-10-01"]
    assert set(graph.predicate_objects(tenure)) == {
        (RDF.type, KG.Tenure),
        (KG.holder, ID.shigeru_ishiba),
        (KG.roleName, Literal("Prime Minister")),
        (KG.roleOf, ID.japan),
        (KG.startDate, Literal("2024-10-01", datatype=XSD_DATE)),
        (KG.endDate, Literal("2025-10-21", datatype=XSD_DATE)),
    }
    assert (ID.shigeru_ishiba, RDF.type, KG.Person) in graph
    assert (ID.shigeru_ishiba, SKOS.altLabel, Literal("Ishiba Shigeru")) in graph


def test_country_node(graph: Graph) -> None:
    assert (ID.japan, RDF.type, KG.Country) in graph
    assert (ID.japan, KG.isoCode, Literal("JPN")) in graph
    assert (ID.japan, KG.capital, ID.tokyo) in graph
    assert (ID.tokyo, RDF.type, KG.Place) in graph
    assert (ID.united_states, KG.capital, ID.washington) in graph
    # A city-state's capital is a place of its own, not the country.
    assert (ID.singapore, KG.capital, ID.singapore_city) in graph
    assert (ID.white_house, KG.seatOf, ID.united_states) in graph


def test_every_tenure_is_complete(graph: Graph) -> None:
    tenures = set(graph.subjects(RDF.type, KG.Tenure))
    assert len(tenures) > 300
    for tenure in tenures:
        for prop in (KG.holder, KG.roleName, KG.roleOf, KG.startDate):
            assert len(set(graph.objects(tenure, prop))) == 1, (tenure, prop)
        assert (graph.value(tenure, KG.holder), RDF.type, KG.Person) in graph
        assert graph.value(tenure, KG.roleOf) in set(graph.subjects(RDF.type, KG.Country)) | set(
            graph.subjects(RDF.type, KG.Organization)
        )


def test_no_owl_same_as(graph: Graph) -> None:
    assert not list(graph.triples((None, URIRef("http://www.w3.org/2002/07/owl#sameAs"), None)))


def test_no_alias_names_two_actors(graph: Graph) -> None:
    """Each surface form (label or alias) of a country, person, organisation or seat of
    government names one IRI. Capitals are left out: "Singapore" is both city and state."""
    actors = {s for cls in (KG.Country, KG.Person, KG.Organization) for s in graph.subjects(RDF.type, cls)}
    actors |= set(graph.subjects(KG.seatOf, None))
    owners: dict[str, set[URIRef]] = {}
    for actor in actors:
        for prop in (RDFS.label, SKOS.altLabel):
            for form in graph.objects(actor, prop):
                owners.setdefault(str(form), set()).add(actor)
    shared = {form: iris for form, iris in owners.items() if len(iris) > 1}
    assert not shared


def test_tsv_references_resolve(script: ModuleType) -> None:
    iso3 = {row["iso3"] for row in script.read_tsv(DATA / "countries.tsv")}
    iso3 |= {row["code"] for row in script.read_tsv(DATA / "former_states.tsv")}  # the Soviet Union ...
    orgs = {row["name"] for row in script.read_tsv(DATA / "organizations.tsv")}
    for row in script.read_tsv(DATA / "leaders.tsv"):
        assert row["of"] in iso3 | orgs, row
    for row in script.read_tsv(DATA / "organizations.tsv"):
        assert row["based_in"] == "" or row["based_in"] in iso3, row
    for row in script.read_tsv(DATA / "seats.tsv"):
        assert row["country"] in iso3, row


def test_curated_columns_and_dates(script: ModuleType) -> None:
    kinds = {"intergovernmental", "party", "government_agency", "company", "think_tank", "media", "alliance"}
    for row in script.read_tsv(DATA / "organizations.tsv"):
        assert row["kind"] in kinds, row
    date = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?")
    for row in script.read_tsv(DATA / "leaders.tsv"):
        assert list(row) == ["name", "aliases", "role", "of", "start", "end", "family_name_first"]
        assert date.fullmatch(row["start"]), row
        assert row["end"] == "" or (date.fullmatch(row["end"]) and row["end"] >= row["start"]), row
        assert row["family_name_first"] in {"0", "1"}, row


def _tenures(script: ModuleType, role: str, of: str) -> list[tuple[str, str, str]]:
    rows = script.read_tsv(DATA / "leaders.tsv")
    return sorted((r["start"], r["end"], r["name"]) for r in rows if r["role"] == role and r["of"] == of)


def test_key_facts(script: ModuleType) -> None:
    assert _tenures(script, "Prime Minister", "JPN")[-5:] == [
        ("2012-12-26", "2020-09-16", "Shinzo Abe"),
        ("2020-09-16", "2021-10-04", "Yoshihide Suga"),
        ("2021-10-04", "2024-10-01", "Fumio Kishida"),
        ("2024-10-01", "2025-10-21", "Shigeru Ishiba"),
        ("2025-10-21", "", "Sanae Takaichi"),
    ]
    assert _tenures(script, "President", "USA")[-3:] == [
        ("2017-01-20", "2021-01-20", "Donald Trump"),
        ("2021-01-20", "2025-01-20", "Joe Biden"),
        ("2025-01-20", "", "Donald Trump"),
    ]
    assert _tenures(script, "Foreign Minister", "CHN")[-3:] == [
        ("2013-03-16", "2022-12-30", "Wang Yi"),
        ("2022-12-30", "2023-07-25", "Qin Gang"),
        ("2023-07-25", "", "Wang Yi"),
    ]
    assert _tenures(script, "Premier", "CHN")[-2:] == [
        ("2013-03-15", "2023-03-11", "Li Keqiang"),
        ("2023-03-11", "", "Li Qiang"),
    ]
    assert ("2013-03-14", "", "Xi Jinping") in _tenures(script, "President", "CHN")
    assert ("2012-11-15", "", "Xi Jinping") in _tenures(script, "General Secretary", "Chinese Communist Party")
    assert ("2022-06-30", "", "Ferdinand Marcos Jr.") in _tenures(script, "President", "PHL")
    assert ("2024-10-20", "", "Prabowo Subianto") in _tenures(script, "President", "IDN")


def test_key_facts_before_2012(script: ModuleType) -> None:
    """The older tenures (BBC 2004-2005, Reuters 1987): a series joins the recent rows without a gap or overlap."""
    assert _tenures(script, "Prime Minister", "GBR")[:6] == [
        ("1979-05-04", "1990-11-28", "Margaret Thatcher"),
        ("1990-11-28", "1997-05-02", "John Major"),
        ("1997-05-02", "2007-06-27", "Tony Blair"),
        ("2007-06-27", "2010-05-11", "Gordon Brown"),
        ("2010-05-11", "2016-07-13", "David Cameron"),
        ("2016-07-13", "2019-07-24", "Theresa May"),
    ]
    assert ("2003-11-06", "2005-12-06", "Michael Howard") in _tenures(script, "Leader", "Conservative Party")
    assert ("2001-06-08", "2006-05-05", "Jack Straw") in _tenures(script, "Foreign Secretary", "GBR")
    assert ("1982-07-16", "1989-01-20", "George Shultz") in _tenures(script, "Secretary of State", "USA")
    assert ("1981-01-20", "1989-01-20", "George H. W. Bush") in _tenures(script, "Vice President", "USA")
    assert ("1985-03-11", "1991-08-24", "Mikhail Gorbachev") in _tenures(
        script, "General Secretary", "Communist Party of the Soviet Union"
    )
    assert ("1983-12-10", "1989-07-08", "Raúl Alfonsín") in _tenures(script, "President", "ARG")
    assert ("1982-11-27", "1987-11-06", "Yasuhiro Nakasone") in _tenures(script, "Prime Minister", "JPN")
    assert ("1995-05-17", "2007-05-16", "Jacques Chirac") in _tenures(script, "President", "FRA")
    assert ("2005-01-15", "", "Mahmoud Abbas") in _tenures(script, "President", "PSE")
    for role, of in [
        ("President", "USA"),
        ("Prime Minister", "GBR"),
        ("Chancellor", "DEU"),
        ("Prime Minister", "IND"),
        ("President", "FRA"),
    ]:
        series = _tenures(script, role, of)
        assert all(a[1] == b[0] for a, b in zip(series, series[1:])), (role, of)


def test_family_name_first(script: ModuleType) -> None:
    fnf = {r["name"]: r["family_name_first"] for r in script.read_tsv(DATA / "leaders.tsv")}
    assert {fnf[n] for n in ("Xi Jinping", "Li Qiang", "Lee Jae-myung", "Kim Jong Un", "Yoon Suk Yeol")} == {"1"}
    assert {fnf[n] for n in ("Shigeru Ishiba", "Sanae Takaichi", "Joe Biden")} == {"0"}


# ---------------------------------------------------------------- (d) actors.ttl is up to date


def test_actors_ttl_is_generated(script: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "actors.ttl"
    out.write_bytes(script.render_actors_ttl(DATA))
    assert (ROOT / "ontology" / "actors.ttl").read_bytes() == out.read_bytes(), (
        "ontology/actors.ttl is stale: run python scripts/build_reference.py"
    )


def test_older_news_resolves_through_the_reference() -> None:
    """What the extraction asks of the tables for BBC 2004-2005 and Reuters 1987 text."""
    from kg.text.reference import load_reference

    ref = load_reference()
    assert ref.holders("Prime Minister", "United Kingdom", "2005-03-10") == ["Tony Blair"]
    assert ref.holders("Leader", "Conservative Party", "2005-03-10") == ["Michael Howard"]
    assert ref.person_by_surname("Alfonsin", "1987-05-12") == "Raúl Alfonsín"  # accents dropped
    assert ref.leader("Palestine", "2024-02-01") == "Mahmoud Abbas"
    # the Soviet Union is a former state: its leaders belong to it, and "the Soviet leader" of 1987 (the
    # General Secretary) is no President or Prime Minister, so no one rather than the wrong one
    assert ref.by_iso3["SUN"] == "Soviet Union"
    assert ref.leader("Soviet Union", "1991-06-01") == "Mikhail Gorbachev"
    assert ref.leader("Soviet Union", "1987-05-12") is None
    assert ref.actors["Communist Party of the Soviet Union"].country == "Soviet Union"
