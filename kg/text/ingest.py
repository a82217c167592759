"""Files and folders -> Articles (text, title, publication date, id, content hash). No NLP here."""

from __future__ import annotations

import calendar
import codecs
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.model import Article
from kg.text.dates import MONTH_PATTERN, MONTHS

SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
MAX_BYTES = 10_000_000  # one article; a larger file is a data dump, not an article
STDIN = "-"  # the path that means standard input
MAX_HTML_DEPTH = 255  # lxml (libxml2) reads no deeper; a page nested deeper has no text to give


@dataclass(frozen=True, slots=True)
class InputReport:
    """A line about one input: its file (or record) and what happened."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True, slots=True)
class Failure(InputReport):
    """One input that could not be read; the rest of the batch goes on."""


@dataclass(frozen=True, slots=True)
class Notice(InputReport):
    """Something to know about an input that was read all the same (a few bytes replaced, say)."""


def discover(paths: Iterable[str | Path]) -> list[Path | Failure]:
    """Expand folders (recursively, sorted) to the article files they hold; a folder that cannot
    be read and a link to nothing are Failures in their place, so nothing is skipped unsaid.
    `-` (standard input) stays as it is."""
    found: list[Path | Failure] = []
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            found.append(path)
        elif path.is_symlink() and not path.exists():
            found.append(Failure(str(path), f"broken link: its target {os.readlink(path)} does not exist"))
        elif not path.exists():
            raise InputError(f"{path}: no such file or folder")
        elif path.is_dir():
            found.extend(_walk(path))
        else:
            found.append(path)
    return found


def _walk(folder: Path) -> list[Path | Failure]:
    entries: list[tuple[str, Path | Failure]] = []

    def unreadable(exc: OSError) -> None:
        reason = (exc.strerror or str(exc)).lower()
        where = exc.filename or folder
        entries.append((str(where), Failure(str(where), f"cannot read this folder ({reason}); its files were skipped")))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs.sort()
        for name in files:
            path = Path(root) / name
            if path.suffix.lower() not in SUFFIXES:
                continue
            if path.is_symlink() and not path.exists():
                target = os.readlink(path)
                entries.append((str(path), Failure(str(path), f"broken link: its target {target} does not exist")))
            elif path.is_file():
                entries.append((str(path), path))
    return [entry for _, entry in sorted(entries, key=lambda e: e[0])]


def read_articles(
    paths: Iterable[str | Path], *, stdin: BinaryIO | None = None
) -> Iterator[Article | Failure | Notice]:
    """Yield an Article per readable article, a Failure per unreadable file or record, and a
    Notice about a file read with a problem worth knowing. `-` reads standard input (`stdin`)."""
    for path in discover(paths):
        if isinstance(path, Failure):
            yield path
            continue
        try:
            if str(path) == STDIN:
                yield from _read_stdin(stdin or sys.stdin.buffer)
            else:
                yield from _read_file(path)
        except InputError as exc:
            yield Failure(str(path), str(exc))


def _read_stdin(stream: BinaryIO) -> Iterator[Article | Failure | Notice]:
    """Standard input: JSON Lines when its first line is a JSON object, else one text article.
    Its articles are named by their content (`stdin-<hash>`), so piping the same text again finds
    it unchanged and another text adds another document."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"standard input is too large (over {MAX_BYTES / 1e6:.0f} MB)")
    text = yield from _decoded("standard input", data)
    first = text.lstrip().split("\n", 1)[0]
    try:
        record = json.loads(first)
    except ValueError:
        record = None
    if isinstance(record, dict):
        for item in _read_jsonl(Path("stdin"), text):
            if isinstance(item, Article):
                item = make_article(
                    f"stdin-{item.sha256[:16]}", item.text, title=item.title, date=item.date, url=item.url
                )
            yield item
    else:
        article = article_from_text("stdin", text)
        yield make_article(f"stdin-{article.sha256[:16]}", text, title=article.title, date=article.date)


def _decoded(source: str, data: bytes) -> Iterator[Notice]:
    """The text of the bytes (a generator that returns it, yielding a Notice when bytes had to be
    replaced); an empty text is an InputError."""
    text, note = decode_text(data)
    if not text.strip() or len(text.strip()) < 2:
        raise InputError("file is empty")
    if note:
        yield Notice(source, note)
    return text


def _read_file(path: Path) -> Iterator[Article | Failure]:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"unsupported file type {path.suffix!r}; expected one of {', '.join(sorted(SUFFIXES))}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({(exc.strerror or str(exc)).lower()})") from None
    text = yield from _decoded(str(path), data)
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
    return decode_text(data)[0]


def decode_text(data: bytes) -> tuple[str, str | None]:
    """The text of a file's bytes and, when some had to be replaced, a note saying where: UTF-8
    when it is (a few invalid sequences in otherwise UTF-8 text are replaced, not taken as a sign
    of another encoding), UTF-16/32 by their byte-order mark or, for UTF-16, by where its NUL
    bytes fall; else Windows-1252 when it reads as Western text, else the detected encoding.
    Binary data is refused."""
    for bom, encoding in BOMS:  # UTF-16/32 text is full of NUL bytes: its byte order mark says what it is
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), None
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:4096]:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise InputError("file is binary, not text")
        return utf16, None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    replaced = data.decode("utf-8-sig", errors="replace")
    bad = replaced.count("\ufffd")
    multibyte = sum(1 for ch in replaced if ord(ch) > 0x7F) - bad
    if multibyte >= 1 and bad <= multibyte:
        # UTF-8 text with a damaged byte or two: a single-byte code page would garble every other
        # non-ASCII character to save these few
        where = f"at byte {first_bad:,}" + (f" and {bad - 1:,} more" if bad > 1 else "")
        return replaced, f"invalid UTF-8 {where}, replaced by U+FFFD; the rest is read as UTF-8"
    return _single_byte(data), None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark (ASCII-range letters put NUL in every other byte), or None."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    if len(data) % 2 or pairs == 0:
        return None
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        # spaces and line breaks put NUL on one side of every pair in any script, ASCII letters too
        if zeros >= pairs * 0.05 and other <= pairs * 0.01:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            printable = sum(1 for ch in text[:2048] if ch.isprintable() or ch in "\n\r\t")
            return text if printable >= 0.95 * min(len(text), 2048) else None
    return None


def _single_byte(data: bytes) -> str:
    """Bytes that are not UTF-8: Windows-1252 when they read as Western text, else the detected encoding."""
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
        depth = html_depth(html)
        if depth > MAX_HTML_DEPTH:
            raise InputError(
                f"HTML page is too deeply nested to read ({depth:,} levels; at most {MAX_HTML_DEPTH} can be read)"
            )
        raise InputError("HTML page has no article text")
    title = doc.title or guess_title(text)
    date = normalize_iso(doc.date) or find_date(text)
    return make_article(doc_id, text, title=title, date=date, url=doc.url)


VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)  # elements that never hold others
TAG_RE = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")


def html_depth(html: str) -> int:
    """How deeply the elements of a page nest (from its tags; unclosed ones count as open)."""
    depth = deepest = 0
    for m in TAG_RE.finditer(html):
        if m[2].lower() in VOID_TAGS or m[3]:
            continue
        depth = max(0, depth - 1) if m[1] else depth + 1
        deepest = max(deepest, depth)
    return deepest


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
