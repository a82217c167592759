"""Files and folders -> Articles (text, title, publication date, id, content hash). No NLP here."""

from __future__ import annotations

import calendar
import codecs
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.model import Article
from kg.text.dates import MONTH_PATTERN, MONTHS

SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
MAX_BYTES = 10_000_000  # one article; a larger file is a data dump, not an article


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that could not be read; the rest of the batch goes on."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders (recursively, sorted) to the article files they hold."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            found.append(path)
    return found


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | Failure]:
    """Yield an Article per readable article and a Failure per unreadable file or record."""
    for path in discover(paths):
        try:
            yield from _read_file(path)
        except InputError as exc:
            yield Failure(str(path), str(exc))


def _read_file(path: Path) -> Iterator[Article | Failure]:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"unsupported file type {path.suffix!r}; expected one of {', '.join(sorted(SUFFIXES))}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"file is too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
    data = path.read_bytes()
    if not data.strip():
        raise InputError("file is empty")
    text = decode(data)
    if kind == "jsonl":
        yield from _read_jsonl(path, text)
    elif kind == "html":
        yield article_from_html(path.name, text)
    else:
        yield article_from_text(path.name, text)


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """UTF-8 when it is, the detected encoding otherwise; binary data is refused."""
    for bom, encoding in BOMS:  # UTF-16/32 text is full of NUL bytes: its byte order mark says what it is
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:4096]:
        raise InputError("file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Western news pages that are not UTF-8 are nearly always Windows-1252 / Latin-1, and a
    # detector's guess on a short text is often an exotic code page: prefer cp1252 when it
    # reads as ordinary Latin-script text.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _latin_text(western):
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("file is not text in any encoding that could be detected")
    return str(best)


def _latin_text(text: str) -> bool:
    odd = sum(1 for ch in text if not (ch.isascii() or "\u00c0" <= ch <= "\u00ff" or ch in "“”‘’–—…€«»°£§©®·"))
    # Cyrillic or Greek bytes read as cp1252 are nearly all accented letters ("Ìîñêâà");
    # Western text has fewer accented letters than plain ones.
    accented = sum(1 for ch in text if "\u00c0" <= ch <= "\u00ff")
    plain = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return odd <= len(text) // 200 and accented <= plain + 3


def _read_jsonl(path: Path, text: str) -> Iterator[Article | Failure]:
    # split on newlines only: JSON strings may hold U+2028 and other characters splitlines() breaks at
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        source = f"{path.name}#L{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(f"{path}:{n}", f"line is not JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            yield Failure(f"{path}:{n}", 'record has no "text" string')
            continue
        try:
            record["text"].encode("utf-8")
        except UnicodeEncodeError:  # "\ud800" escapes decode to lone surrogates, which no file can hold
            yield Failure(f"{path}:{n}", "record text holds invalid Unicode (a lone surrogate escape)")
            continue
        date = normalize_iso(record.get("date")) or find_date(record["text"])
        title, url = (_string(record.get(k)) for k in ("title", "url"))
        yield make_article(source, record["text"], title=title, date=date, url=url)


def _string(value: object) -> str | None:
    """A metadata field that is a non-empty, encodable string, else nothing."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return value


def make_article(
    doc_id: str, text: str, *, title: str | None = None, date: str | None = None, url: str | None = None
) -> Article:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=doc_id, text=text, title=title, date=date, url=url, sha256=digest)


def article_from_text(doc_id: str, text: str, *, date: str | None = None) -> Article:
    return make_article(doc_id, text, title=guess_title(text), date=date or find_date(text))


def article_from_html(doc_id: str, html: str) -> Article:
    """Main article text of a saved web page (menus, footers and scripts left out)."""
    import trafilatura

    # no extensive date search: it takes a copyright footer's year for the publication date
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False},
    )
    text = (doc.text if doc is not None else None) or ""
    if not _prose(text):
        raise InputError("HTML page has no article text")
    title = doc.title or guess_title(text)
    date = normalize_iso(doc.date) or find_date(text)
    return make_article(doc_id, text, title=title, date=date, url=doc.url)


def _prose(text: str) -> bool:
    """Some running text: at least one line that reads as a sentence, not just menu words."""
    return any(len(line.split()) >= 8 for line in text.splitlines())


# ---------------------------------------------------------------------------- title and date


def guess_title(text: str) -> str | None:
    """The first line near the top that reads like a headline (several words, no date line)."""
    for line in text.splitlines()[:12]:
        line = line.strip()
        words = line.split()
        if len(words) >= 4 and len(line) <= 200 and not DATE_LINE_RE.search(line):
            return line
    return None


ISO_RE = re.compile(r"\b((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")  # also "2024-04-12T10:00Z"
MDY_RE = re.compile(rf"\b({MONTH_PATTERN})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
DMY_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_PATTERN}),?\s+((?:19|20)\d\d)\b")
DATE_LINE_RE = re.compile(rf"{ISO_RE.pattern}|{MDY_RE.pattern}|{DMY_RE.pattern}")
HEADER_LINES = 20


def _valid(y: int, m: int, d: int) -> str | None:
    if 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def find_date(text: str) -> str | None:
    """Publication date from a date line near the top of the text ("time:2025-02-22", "March 3, 2024")."""
    head = "\n".join(text.splitlines()[:HEADER_LINES])
    for pattern in (ISO_RE, MDY_RE, DMY_RE):
        for m in pattern.finditer(head):
            if pattern is ISO_RE:
                found = _valid(int(m[1]), int(m[2]), int(m[3]))
            elif pattern is MDY_RE:
                found = _valid(int(m[3]), MONTHS[m[1].rstrip(".").lower()], int(m[2]))
            else:
                found = _valid(int(m[3]), MONTHS[m[2].rstrip(".").lower()], int(m[1]))
            if found:
                return found
    return None


def normalize_iso(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from metadata such as "2024-04-12T10:00:00Z" or "April 12, 2024"."""
    if not isinstance(value, str) or not value.strip():
        return None
    return find_date(value)
