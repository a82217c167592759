"""What can be read off SPARQL text before a parser sees it: the text with strings, IRIs and
comments blanked out (so a keyword or a brace inside them counts for nothing), how deeply its
groups and brackets nest, and whether it asks for a SERVICE.

The nesting limit protects every caller: Oxigraph's parser recurses once per level, and about
3,000 nested `{` overflow its stack (a segfault in `kg query`, "out of memory?" in a server
worker). No real query comes near MAX_DEPTH.
"""

from __future__ import annotations

import re

MAX_DEPTH = 128
# Long strings first, so that '''...''' is not read as three short ones.
_LEXICAL = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*'
)
_NOT_NAME = r"(?![\w:.\-])"
_SERVICE = re.compile(r"(?<![\w:?$.\-])SERVICE" + _NOT_NAME, re.I)
SERVICE_REFUSED = "SERVICE (federated query) is refused"


def masked(text: str) -> str:
    """The text with every string, IRI and comment blanked out, offsets unchanged (an IRI keeps
    its angle brackets, so `PREFIX kg: <...>` still reads as a prologue)."""

    def blank(m: re.Match) -> str:
        found = m.group()
        if found.startswith("<"):
            return "<" + " " * (len(found) - 2) + ">"
        return " " * len(found)

    return _LEXICAL.sub(blank, text)


def nesting_depth(text: str) -> int:
    """How deeply `{ }` groups and `( )` brackets nest, outside strings, IRIs and comments."""
    depth = deepest = 0
    for ch in masked(text):
        if ch in "{(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "})" and depth:
            depth -= 1
    return deepest


def too_deep(text: str) -> str | None:
    """The one-line refusal of a query that nests deeper than MAX_DEPTH, or None."""
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        return f"the query nests groups or brackets {depth} levels deep; at most {MAX_DEPTH} are accepted"
    return None


def uses_service(text: str) -> bool:
    """Whether the query has a SERVICE clause (outside strings, IRIs and comments)."""
    return _SERVICE.search(masked(text)) is not None
