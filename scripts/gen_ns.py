"""Rewrite the term list of kg/_ns.py (the `KG` namespace kg.vocab exports) from ontology/newskg.ttl,
so the two never disagree."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
KG_NS = "https://w3id.org/newskg/ontology#"


def ontology_terms(path: Path = ROOT / "ontology" / "newskg.ttl") -> list[str]:
    g = Graph().parse(path)
    terms = {str(s)[len(KG_NS) :] for s in g.subjects() if str(s).startswith(KG_NS)}
    return sorted(t for t in terms if t)


def render(source: str, terms: list[str]) -> str:
    body = "".join(f"    {t}: URIRef\n" for t in terms)
    return re.sub(
        r"(    # generated terms: begin\n).*?(    # generated terms: end)",
        lambda m: m.group(1) + body + m.group(2),
        source,
        flags=re.S,
    )


def main() -> int:
    ns_file = ROOT / "kg" / "_ns.py"
    ns_file.write_text(render(ns_file.read_text(), ontology_terms()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
