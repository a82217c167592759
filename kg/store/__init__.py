"""The persistent store: the Oxigraph database with one named graph per document and the merged
default graph (database), the writer's side index (index), and the look-ups a build needs about
earlier builds (lookups). Knows nothing of spaCy or of the named queries."""

from kg.store.database import (
    DEFAULT_STORE,
    MARKER,
    document_graphs,
    document_hash,
    open_store,
    remove_document,
    replace_document,
    require_documents,
    store_index,
    stored_extractions,
    to_ox,
)
from kg.store.extractions import EXTRACTIONS_NAME, ExtractionFile, StoredExtraction
from kg.store.index import INDEX_NAME, TRIPLES, StoreIndex, recount, totals
from kg.store.lookups import known_meetings, known_people

__all__ = [
    "DEFAULT_STORE",
    "EXTRACTIONS_NAME",
    "ExtractionFile",
    "StoredExtraction",
    "INDEX_NAME",
    "MARKER",
    "TRIPLES",
    "StoreIndex",
    "document_graphs",
    "document_hash",
    "known_meetings",
    "known_people",
    "open_store",
    "recount",
    "remove_document",
    "replace_document",
    "require_documents",
    "store_index",
    "stored_extractions",
    "to_ox",
    "totals",
]
