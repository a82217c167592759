"""Long articles in pieces the language model handles well: whole paragraphs, each piece with its
character offset in the article, so the facts found in a piece keep exact offsets into the whole.

Why: parsing and extraction cost grows faster than an article's length (a 990 kB text took 371 s
and 3 GB as one Doc, and a 9.9 MB one exceeded the model's limit), while news articles are a few
thousand characters. Pieces of at most PIECE_CHARS keep the cost per word of a long text that of
a news article. A paragraph longer than a piece is cut at a sentence end, else at a space.
"""

from __future__ import annotations

import re

PIECE_CHARS = 20_000  # about 3,300 words: longer than nearly every news article, so those stay whole
# Where a piece may end, best first: a blank line; a sentence that ends a line (hard-wrapped wire
# copy breaks lines inside sentences too); any sentence end.
_BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*[ \t]*\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
)


def split_text(text: str, max_chars: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs that cover `text` in order, each piece at most `max_chars` long and
    ending at a paragraph break where one falls in range (the text itself when it is short)."""
    if len(text) <= max_chars:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = _cut(text, start, max_chars)
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _cut(text: str, start: int, max_chars: int) -> int:
    """Where the piece that begins at `start` ends: after the last paragraph break within reach,
    else the last sentence end (at a line's end first), else the last space, else at `max_chars`."""
    limit = start + max_chars
    if limit >= len(text):
        return len(text)
    window = text[start:limit]
    floor = max_chars // 4  # a piece is never cut to a sliver
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(window) if m.end() >= floor]
        if ends:
            return start + ends[-1]
    space = window.rfind(" ", floor)
    return start + (space + 1 if space > 0 else max_chars)
