"""Errors newskg raises. Each message is one sentence naming the bad value and the choices.

KGError
├── InputError          a file or folder cannot be read as articles
├── ModelError          the spaCy model cannot be loaded
├── StoreError          the store is missing, empty, locked or damaged
├── QueryError          unknown query name, bad parameter, unparsable SPARQL
├── OutputError         an output file cannot be written
└── EndpointError       an HTTP endpoint cannot be reached or refuses a request, or
                        `kg serve` cannot listen on its address
"""


class KGError(Exception):
    """Base class: the CLI prints the message on one line and exits 1."""


class InputError(KGError):
    pass


class ModelError(KGError):
    pass


class StoreError(KGError):
    pass


class QueryError(KGError):
    pass


class OutputError(KGError):
    pass


class EndpointError(KGError):
    pass


def one_line(exc: BaseException) -> str:
    """An exception's message on one line (parsers and servers break theirs over several)."""
    return " ".join(str(exc).split())
