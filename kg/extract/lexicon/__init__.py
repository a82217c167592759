"""The extraction lexicons: every word list and word table the extractors (and the resolution of
policy names) use, one data file each: `NAME.txt` holds one entry a line, `NAME.tsv` a row of
column names and then one key TAB value a line (or, read with `records`, several columns). Each
file's first line says what it is and where it came from. A lexicon change is then a data change,
reviewed as one.

    HOLD_VERBS = lexicon.words("hold_verbs")           # frozenset of the exact strings
    KIND_WORDS = lexicon.table("meeting_kind_modifiers")  # read-only mapping, in the file's order
    SENSES = lexicon.records("triggers")               # list of dicts, one per row (several columns)
"""

from __future__ import annotations

from collections.abc import Mapping

from kg.text import datafiles


def words(name: str) -> frozenset[str]:
    return datafiles.words(__name__, f"{name}.txt")


def table(name: str) -> Mapping[str, str]:
    return datafiles.table(__name__, f"{name}.tsv")


def records(name: str) -> list[dict[str, str]]:
    return list(datafiles.records(__name__, f"{name}.tsv"))
