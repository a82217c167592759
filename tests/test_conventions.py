"""What users of sqlite-utils, datasette and the Oxigraph CLI expect (issue 15, findings 14, 16,
18): machine-readable `kg stats` and `kg show`, tables aligned with wide characters, and shell
completion of query and actor names."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.shell_completion import ShellComplete
from click.testing import CliRunner
from conftest import FREEDONIA_ID

from kg.cli import main
from kg.read.queries import QueryResult
from kg.read.results import render_result


def kg(cli: CliRunner, *args: str | Path):
    return cli.invoke(main, [str(a) for a in args])


# ---------------------------------------------------------------- finding 14: --format for stats and show


def test_stats_as_json(cli: CliRunner, hand_store: Path) -> None:
    result = kg(cli, "stats", "--format", "json", "--top", "2", "--store", hand_store)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {k: v for k, v in data["counts"].items() if k != "triples"} == {
        "documents": 2,
        "persons": 1,
        "countries": 2,
        "organizations": 0,
        "places": 1,
        "meetings": 1,
        "statements": 1,
        "policies": 1,
    }
    assert data["most_connected"] == [{"actor": "Freedonia", "degree": 3}, {"actor": "Jane Doe", "degree": 2}]


def test_stats_as_csv(cli: CliRunner, hand_store: Path) -> None:
    result = kg(cli, "stats", "--format", "csv", "--top", "1", "--store", hand_store)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["section", "name", "count"]
    assert rows[1] == ["count", "documents", "2"]
    assert rows[9][:2] == ["count", "triples"]
    assert rows[10:] == [["most connected", "Freedonia", "3"]]


def test_stats_table_is_unchanged_by_default(cli: CliRunner, hand_store: Path) -> None:
    assert (
        kg(cli, "stats", "--store", hand_store).stdout == kg(cli, "stats", "-f", "table", "--store", hand_store).stdout
    )


def test_show_as_json(cli: CliRunner, hand_store: Path) -> None:
    result = kg(cli, "show", "Doe", "--format", "json", "--store", hand_store)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["name"], data["types"], data["aliases"], data["wikidata"]) == ("Jane Doe", ["Person"], ["Doe"], None)
    assert data["statements"] == [
        {"date": "2024-03-04", "text": "We will open the corridor", "direct": True, "sources": [FREEDONIA_ID]}
    ]
    assert [(m["start"], m["others"], m["place"]) for m in data["meetings"]] == [
        ("2024-03-03", ["Freedonia"], "Geneva")
    ]


def test_show_as_csv(cli: CliRunner, hand_store: Path) -> None:
    result = kg(cli, "show", "Doe", "--format", "csv", "--store", hand_store)
    assert result.exit_code == 0
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["section", "fact", "date", "sources"],
        ["name", "Jane Doe", "", ""],
        ["type", "Person", "", ""],
        ["IRI", "https://w3id.org/newskg/id/jane_doe", "", ""],
        ["alias", "Doe", "", ""],
        ["meetings", "with Freedonia in Geneva (talks, held)", "2024-03-03", FREEDONIA_ID],
        ["statements", "“We will open the corridor”", "2024-03-04", FREEDONIA_ID],
    ]


# ---------------------------------------------------------------- finding 16: wide characters


def test_table_columns_line_up_with_east_asian_names() -> None:
    result = QueryResult(
        "select",
        ["name", "country"],
        [
            [ox.Literal("石破茂"), ox.Literal("日本")],
            [ox.Literal("Shigeru Ishiba"), ox.Literal("Japan")],
            [ox.Literal("José Martí"), ox.Literal("Cuba")],
            [ox.Literal("이재명"), ox.Literal("한국")],
        ],
    )
    assert render_result(result, "table") == (
        "name            country\n"
        "--------------  -------\n"
        "石破茂          日本\n"
        "Shigeru Ishiba  Japan\n"
        "José Martí      Cuba\n"
        "이재명          한국\n"
        "(4 rows)\n"
    )


def test_a_long_wide_cell_is_cut_by_display_width() -> None:
    from kg.read.results import MAX_CELL, display_width

    result = QueryResult("select", ["text"], [[ox.Literal("漢" * 100)]])
    cell = render_result(result, "table").splitlines()[2]
    assert cell == "漢" * ((MAX_CELL - 1) // 2) + "…"
    assert display_width(cell) <= MAX_CELL


# ---------------------------------------------------------------- finding 18: shell completion


def completions(args: list[str], incomplete: str) -> list[str]:
    return [item.value for item in ShellComplete(main, {}, "kg", "_KG_COMPLETE").get_completions(args, incomplete)]


def test_query_names_complete() -> None:
    assert completions(["query"], "") == [
        "about",
        "actors",
        "documents",
        "meetings",
        "policies",
        "profile",
        "relations",
        "statements",
    ]
    assert completions(["query"], "me") == ["meetings"]


def test_actor_names_complete_from_the_store(hand_store: Path) -> None:
    assert completions(["show", "--store", str(hand_store)], "fre") == ["Freedonia"]
    assert completions(["show", "--store", str(hand_store)], "") == [
        "Doe",
        "Freedonia",
        "Geneva",
        "Jane Doe",
        "Sylvania",
    ]
    assert completions(["viz", "--store", str(hand_store), "--focus"], "Syl") == ["Sylvania"]


def test_query_parameters_and_their_actor_values_complete(hand_store: Path) -> None:
    args = ["query", "statements", "--store", str(hand_store), "--param"]
    assert completions(args, "") == ["speaker=", "min_confidence="]
    assert completions(args, "speaker=J") == ["speaker=Jane Doe"]
    assert completions(args, "min_confidence=0") == []


def test_completion_without_a_store_offers_nothing(tmp_path: Path) -> None:
    assert completions(["show", "--store", str(tmp_path / "none")], "") == []


def test_the_shell_script_is_what_the_readme_says(cli: CliRunner) -> None:
    import os
    import subprocess
    import sys

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert 'eval "$(_KG_COMPLETE=bash_source kg)"' in readme
    script = subprocess.run(
        [sys.executable, "-m", "kg"],
        env={**os.environ, "_KG_COMPLETE": "bash_source"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "complete -o nosort -F" in script.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_through_the_environment_as_a_shell_asks(hand_store: Path, shell: str) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "_KG_COMPLETE": f"{shell}_complete", "COMP_WORDS": f"kg show --store {hand_store} Fre"}
    env["COMP_CWORD"] = "4"
    if shell == "fish":
        env["COMP_CWORD"] = "Fre"
    out = subprocess.run([sys.executable, "-m", "kg"], env=env, capture_output=True, text=True, check=False).stdout
    assert "Freedonia" in out
