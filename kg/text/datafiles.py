"""The data files that ship inside the package, read once per process: word lists (one entry a
line), two-column tables (tab-separated, a row of column names first) and TSV records. Lines
starting with `#` are comments; a file's first line says what it is and where it came from.

kg.text.reference reads the reference data (kg/text/data) with these, kg.extract.lexicon the
extraction lexicons (kg/extract/lexicon).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator, Mapping
from importlib import resources
from types import MappingProxyType


def _text(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def lines(package: str, name: str) -> list[str]:
    """The entries of a list file: its lines that are not empty or comments, stripped."""
    return [line.strip() for line in _text(package, name).splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def words(package: str, name: str) -> frozenset[str]:
    """A word list as a set (exact strings: case and punctuation as written)."""
    return frozenset(lines(package, name))


@functools.cache
def table(package: str, name: str) -> Mapping[str, str]:
    """A two-column table as first column -> second, in the file's order, without its row of
    column names."""
    rows = [line.split("\t") for line in lines(package, name)]
    bad = next((row for row in rows if len(row) != 2), None)
    if bad is not None:
        raise ValueError(f"{package}/{name}: every row needs two tab-separated columns, not {bad!r}")
    return MappingProxyType(dict(rows[1:]))


def records(package: str, name: str) -> Iterator[dict[str, str]]:
    """The rows of a TSV file with a header row, as dicts (empty trailing fields kept as the
    csv module gives them)."""
    rows = [line for line in _text(package, name).splitlines() if line and not line.startswith("#")]
    yield from csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
