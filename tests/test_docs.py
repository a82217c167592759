"""The vocabulary, the named queries and the README agree with the code."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.read.queries import named_queries
from kg.vocab import KG

ROOT = Path(__file__).resolve().parent.parent


def test_namespace_and_ontology_hold_the_same_terms() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_ns", ROOT / "scripts" / "gen_ns.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    declared = sorted(KG.__annotations__)
    assert declared == gen.ontology_terms()


def test_every_ontology_term_has_label_and_comment() -> None:
    from rdflib import Graph
    from rdflib.namespace import RDFS

    g = Graph().parse(ROOT / "ontology" / "newskg.ttl")
    for term in KG.__annotations__:
        iri = KG[term]
        assert (iri, RDFS.label, None) in g, term
        assert (iri, RDFS.comment, None) in g, term


def test_required_terms_exist() -> None:
    for term in (
        "Actor",
        "Person",
        "Country",
        "Organization",
        "Place",
        "Meeting",
        "Policy",
        "Statement",
        "Document",
        "participant",
        "startDate",
        "endDate",
        "location",
        "speaker",
        "text",
        "date",
        "about",
        "proponent",
        "target",
        "memberOf",
        "leaderOf",
        "role",
        "allyOf",
        "supports",
        "opposes",
        "criticizes",
        "visits",
        "cooperatesWith",
        "source",
        "evidence",
        "confidence",
    ):
        assert term in KG.__annotations__


def test_every_named_query_has_a_description() -> None:
    queries = named_queries()
    assert {"actors", "meetings", "statements", "policies", "profile"} <= set(queries)
    for q in queries.values():
        assert q.description and not q.description.startswith("@param")


def test_every_command_has_help_with_an_example_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    runner = CliRunner()
    for name in main.commands:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example:" in result.output, name
        assert re.search(rf"`kg {name}\b", readme), f"kg {name} is not in the README"


def test_readme_has_exactly_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", setup, re.S)
    assert [b.strip() for b in blocks] == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/kg build seeds",
        "bash scripts/test.sh",
    ]
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_the_developers_map_names_every_module() -> None:
    """DEVELOPERS.md's layout table matches the tree: every module of kg/ is in it."""
    developers = (ROOT / "DEVELOPERS.md").read_text()
    for path in sorted((ROOT / "kg").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if path.name == "__init__.py" and path.parent.name in ("text", "builder", "store", "read", "viz", "serve"):
            continue  # a package docstring, no code of its own beyond re-exports
        if name == "kg/_ns.py":
            continue  # generated; named with kg/vocab.py
        assert f"`{name}`" in developers, f"{name} is missing from DEVELOPERS.md's layout"
