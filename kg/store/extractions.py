"""Each document's extraction as it came out of the model, before resolution, kept by the writer
beside the store (`kg-extractions.sqlite`), so a later build can resolve an earlier document again
together with its own articles.

Why: resolution decides across articles (a surname joins the one full name that ends with it,
near-identical policy names are one policy labelled by their most common form, reports of one
event share its date). Decided per build, those choices depended on which articles came in which
build; with the extractions kept, every build resolves its articles together with the stored
documents they share a resolution word with (and the documents those share one with, and so on),
and rewrites the stored documents whose triples change. The same articles then give the same
graph in any order and batching.

The store layer keeps opaque bytes and words: what a word is and how a record is encoded is
kg.builder's business. Each document row holds the encoded extraction, the words that relate it
to others, the digest of the triples it was last written with and the confidence threshold of
that write. Rows are written as their documents are; a document without a row (written by an
older newskg, or whose row a killed build did not commit) is simply never resolved again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

EXTRACTIONS_NAME = "kg-extractions.sqlite"
_CHUNK = 500  # SQLite's bound-variable limit is 999 on old builds


@dataclass(frozen=True, slots=True)
class StoredExtraction:
    doc: str  # document IRI
    data: bytes
    digest: str  # of the triples the document was last written with
    min_confidence: float


class ExtractionFile:
    def __init__(self, file: Path) -> None:
        self.file = file
        self.db = sqlite3.connect(file)
        # committed per document without an fsync each: a crash loses at most the last rows, and a
        # document without its row is only never resolved again
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(
            """CREATE TABLE IF NOT EXISTS extraction (
                 doc TEXT PRIMARY KEY, data BLOB NOT NULL, digest TEXT NOT NULL, min_confidence REAL NOT NULL);
               CREATE TABLE IF NOT EXISTS word (word TEXT NOT NULL, doc TEXT NOT NULL);
               CREATE INDEX IF NOT EXISTS word_word ON word (word);
               CREATE INDEX IF NOT EXISTS word_doc ON word (doc);"""
        )

    def put(self, doc: str, data: bytes, words: Iterable[str], digest: str, min_confidence: float) -> None:
        with self.db:
            self._delete(doc)
            self.db.execute("INSERT INTO extraction VALUES (?, ?, ?, ?)", (doc, data, digest, min_confidence))
            self.db.executemany("INSERT INTO word VALUES (?, ?)", ((w, doc) for w in set(words)))

    def set_digest(self, doc: str, digest: str) -> None:
        with self.db:
            self.db.execute("UPDATE extraction SET digest = ? WHERE doc = ?", (digest, doc))

    def delete(self, doc: str) -> None:
        with self.db:
            self._delete(doc)

    def _delete(self, doc: str) -> None:
        self.db.execute("DELETE FROM extraction WHERE doc = ?", (doc,))
        self.db.execute("DELETE FROM word WHERE doc = ?", (doc,))

    def get(self, docs: Iterable[str]) -> list[StoredExtraction]:
        """The rows of these documents (those that have one), sorted by document."""
        rows = []
        for part in _chunks(sorted(set(docs))):
            rows += self.db.execute(
                f"SELECT doc, data, digest, min_confidence FROM extraction WHERE doc IN ({_marks(part)})", part
            ).fetchall()
        return [StoredExtraction(*row) for row in sorted(rows)]

    def having(self, docs: Iterable[str]) -> set[str]:
        """Which of these documents have a row."""
        return self._lookup("SELECT doc FROM extraction WHERE doc", docs)

    def docs_with(self, words: Iterable[str]) -> set[str]:
        return self._lookup("SELECT doc FROM word WHERE word", words)

    def words_of(self, docs: Iterable[str]) -> set[str]:
        return self._lookup("SELECT word FROM word WHERE doc", docs)

    def _lookup(self, select: str, values: Iterable[str]) -> set[str]:
        """The first column of `select ... IN (values)`, in chunks SQLite accepts."""
        found: set[str] = set()
        for part in _chunks(sorted(set(values))):
            found.update(v for (v,) in self.db.execute(f"{select} IN ({_marks(part)})", part))
        return found

    def related(self, words: Iterable[str], *, exclude: Iterable[str] = (), limit: int) -> set[str]:
        """The documents that share a word with `words`, with those, and so on (the connected part
        of the store), not counting `exclude`; at most `limit` of them (the first by IRI when the
        connected part is larger: past it, resolution is exact only for what lies within)."""
        skip = set(exclude)
        docs: set[str] = set()
        seen: set[str] = set()
        frontier = set(words)
        while frontier:
            seen |= frontier
            found = self.docs_with(frontier) - skip - docs
            if len(docs) + len(found) > limit:
                docs.update(sorted(found)[: limit - len(docs)])
                return docs
            docs |= found
            frontier = self.words_of(found) - seen
        return docs

    def close(self) -> None:
        self.db.close()


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def _marks(items: list[str]) -> str:
    return ", ".join("?" * len(items))
