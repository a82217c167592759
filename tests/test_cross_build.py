"""Events reported again in a later build join the node an earlier build stored (real model and store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.builder.pipeline import build
from kg.read.queries import run_query

pytestmark = pytest.mark.slow

FIRST = (
    "Scholz and Macron hold summit in Berlin\n\n"
    "Published 2024-05-03\n\n"
    "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on May 2, 2024. "
    "The two leaders discussed defence spending.\n"
)
LATER = (
    "Europe after the Berlin summit\n\n"
    "Published 2024-05-20\n\n"
    "Scholz recently met Macron to discuss defence, and both men agreed to meet again in the autumn.\n"
)


def meetings(store: Path) -> list[list[str]]:
    rows = run_query("meetings", {}, store=store)
    cols = rows.variables
    return [[None if t is None else t.value for t in row] for row in rows.rows], cols


def test_an_undated_report_in_a_later_build_joins_the_stored_event(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "berlin.txt").write_text(FIRST)
    (tmp_path / "b" / "after.txt").write_text(LATER)
    store = tmp_path / "store"
    build([tmp_path / "a"], store=store)
    build([tmp_path / "b"], store=store)
    rows, cols = meetings(store)
    assert len(rows) == 1
    row = dict(zip(cols, rows[0]))
    assert (row["start"], set(row["participants"].split(", ")), row["sources"]) == (
        "2024-05-02",
        {"Emmanuel Macron", "Olaf Scholz"},
        "2",
    )
