"""An Extraction as bytes and back (compressed JSON of its records), for the stored extractions
(kg.store.extractions): plain data, so a store never holds code to run."""

from __future__ import annotations

import dataclasses
import json
import typing
import zlib

from kg.model import Actor, Article, Extraction, Meeting, Policy, Provenance, Relation, Statement

_KINDS = {"actors": Actor, "meetings": Meeting, "statements": Statement, "policies": Policy, "relations": Relation}


def encode(ex: Extraction) -> bytes:
    return zlib.compress(json.dumps(dataclasses.asdict(ex), ensure_ascii=False, separators=(",", ":")).encode())


def decode(data: bytes) -> Extraction:
    raw = json.loads(zlib.decompress(data))
    return Extraction(
        article=Article(**raw["article"]),
        **{kind: tuple(_record(cls, r) for r in raw[kind]) for kind, cls in _KINDS.items()},
    )


def _record(cls: type, fields: dict):
    """A record from its JSON fields: lists back to tuples, the provenance back to a Provenance."""
    types = typing.get_type_hints(cls)
    out = {}
    for name, value in fields.items():
        if name == "prov":
            value = Provenance(**value)
        elif isinstance(value, list) and str(types[name]).startswith("tuple"):
            value = tuple(value)
        out[name] = value
    return cls(**out)
