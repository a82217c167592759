"""Quotation marks in a document: where each quote begins and ends, paragraph by paragraph.

News style opens a new quotation mark at each paragraph of a long quote and often never closes the
last one, restarts a quote after a sentence ("... Europe. "On the contrary ..."), and mixes curly
and straight marks. A straight mark opens when it follows a space or the start of a paragraph and
comes before a word, and closes otherwise; a mark that opens while a quote is open ends that quote
and starts the next part of the same one. A quote left open at the end of a paragraph goes on in
the next paragraph when that paragraph opens with a quotation mark, else it ends there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "”", "«": "»", "„": "“"}
CLOSERS = {"”", "»"}
PARAGRAPH_RE = re.compile(r"\n[ \t]*\n|\n(?=[ \t])")
SINGLE_RE = re.compile(
    r"(?<![\w])‘(?P<q>(?:[^‘’\n]|’(?=\w)){2,600}?)’(?!\w)|(?<![\w])'(?P<s>(?:[^'\n]|'(?=\w)){8,600}?)'(?!\w)"
)


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # character offsets of the quoted words, without the marks
    end: int
    run: int  # parts of one quote (over sentences or paragraphs) share a run number
    part: int  # 0 for the first part of the run
    closed: bool  # a closing mark ends it (not the end of a paragraph)


def paragraphs(text: str, soft: set[int] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks between blank lines, indented lines, or (in text with
    one paragraph a line) single line breaks; `soft` are the breaks that only wrap a line."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch != "\n" or i in soft:
            continue
        if text[start:i].strip():
            out.append((start, i))
        start = i + 1
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _opens(text: str, i: int, start: int) -> bool:
    """A straight double quote at i opens a quote: after a space, a bracket or the paragraph start, before a word."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def find_quotes(text: str, soft: set[int] = frozenset()) -> list[Quote]:
    """Every double-quoted passage, and single-quoted ones where the text uses no double quotes."""
    quotes: list[Quote] = []
    run = -1
    carry = False  # the last paragraph left its quote open
    for pstart, pend in paragraphs(text, soft):
        first = next((i for i in range(pstart, pend) if not text[i].isspace()), pend)
        opened_here = first < pend and (text[first] in OPENERS or text[first] == '"')
        if not (carry and opened_here):
            carry = False
        open_at: int | None = None
        for i in range(pstart, pend):
            ch = text[i]
            if ch in OPENERS or ch == '"' and _opens(text, i, pstart) and (open_at is None or i > open_at + 1):
                if open_at is not None:  # "... Europe. "On the contrary": the next part of the same quote
                    quotes.append(Quote(open_at, i, run, _next_part(quotes, run), False))
                elif carry:
                    carry = False  # the paragraph goes on with the quote the last one left open
                else:
                    run += 1
                open_at = i + 1
            elif ch in CLOSERS or ch == '"':
                if open_at is not None and i > open_at:
                    quotes.append(Quote(open_at, i, run, _next_part(quotes, run), True))
                    open_at = None
        if open_at is not None and pend > open_at:
            quotes.append(Quote(open_at, pend, run, _next_part(quotes, run), False))
            carry = True
    quotes = [q for q in quotes if text[q.start : q.end].strip()]
    # single quotes ('British style', headlines) outside double ones; straight ones only in a text without doubles
    doubles = [(q.start, q.end) for q in quotes]
    for m in SINGLE_RE.finditer(text):
        group = "q" if m.group("q") is not None else "s"
        if group == "s" and doubles or any(s <= m.start() < e or m.start() <= s < m.end() for s, e in doubles):
            continue
        run += 1
        quotes.append(Quote(m.start(group), m.end(group), run, 0, True))
    return sorted(quotes, key=lambda q: q.start)


def _next_part(quotes: list[Quote], run: int) -> int:
    return sum(1 for q in quotes if q.run == run)
