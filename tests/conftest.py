"""Shared fixtures: a hand-built store (no model, fast) and one model-built store per session (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.text.nlp

# ---------------------------------------------------------------- inline articles (not the seeds)

SUMMIT_TXT = """\
Chancellor and president pledge closer ties in Berlin
Published March 3, 2024

German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Friday to discuss military aid to Ukraine.

"Europe must stand together," Scholz told reporters after the talks. Macron said France would send more air-defence systems.

The two leaders will meet again in Paris in April.
"""

TRADE_TXT = """\
Japan and Australia sign new trade agreement
time:2025-02-22 02:48:53

Japanese Prime Minister Shigeru Ishiba and Australian Prime Minister Anthony Albanese signed a trade agreement in Tokyo on Thursday.

Ishiba said the deal would "open a new chapter" for both economies. Australia will cut tariffs on Japanese cars under the agreement, while Japan lifts its import quota on Australian beef.
"""

ARTICLES = {"summit.txt": SUMMIT_TXT, "trade.txt": TRADE_TXT}


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- hand-built records (no model)

FREEDONIA_ID = "freedonia.txt"
FREEDONIA_TXT = (
    "Freedonia and Sylvania hold talks in Geneva\n\n"
    "Jane Doe met Sylvania's envoy in Geneva on March 3. "
    '"We will open the corridor," Doe said. '
    "Freedonia announced a grain export ban."
)
SYLVANIA_ID = "sylvania.txt"
SYLVANIA_TXT = "Sylvania answers Freedonia over grain\n\nSylvania condemned the grain export ban imposed by Freedonia."


def prov_of(doc_id: str, text: str, sentence: str):
    """The provenance of a sentence of an inline article (its offsets found in the text)."""
    from kg.model import Provenance

    start = text.index(sentence)
    return Provenance(doc_id, sentence, start, start + len(sentence))


_prov = prov_of  # the name tests/test_viz.py imports


def hand_extractions():
    """Two documents: Jane Doe (alias "Doe") of Freedonia meets, speaks and pushes a policy; a second
    article mentions Freedonia, Sylvania and the same policy."""
    from kg.model import Actor, Extraction, Meeting, Policy, Statement
    from kg.text.ingest import make_article

    art = make_article(
        FREEDONIA_ID, FREEDONIA_TXT, title="Freedonia and Sylvania hold talks in Geneva", date="2024-03-04"
    )
    p = lambda s: prov_of(FREEDONIA_ID, FREEDONIA_TXT, s)  # noqa: E731
    freedonia = Extraction(
        art,
        actors=(
            Actor("Jane Doe", "Person", aliases=("Jane Doe", "Doe")),
            Actor("Freedonia", "Country"),
            Actor("Geneva", "Place"),
        ),
        meetings=(
            Meeting(
                ("Freedonia", "Jane Doe"),
                p("Jane Doe met Sylvania's envoy in Geneva on March 3."),
                start="2024-03-03",
                location="Geneva",
                kind="talks",
            ),
        ),
        statements=(
            Statement(
                ("Jane Doe",),
                "We will open the corridor",
                p('"We will open the corridor," Doe said.'),
                date="2024-03-04",
                about=("Freedonia",),
            ),
        ),
        policies=(Policy("grain export ban", p("Freedonia announced a grain export ban."), proponents=("Freedonia",)),),
    )
    art2 = make_article(SYLVANIA_ID, SYLVANIA_TXT, title="Sylvania answers Freedonia over grain")
    q = lambda s: prov_of(SYLVANIA_ID, SYLVANIA_TXT, s)  # noqa: E731
    sylvania = Extraction(
        art2,
        actors=(Actor("Freedonia", "Country"), Actor("Sylvania", "Country")),
        policies=(
            Policy(
                "grain export ban",
                q("Sylvania condemned the grain export ban imposed by Freedonia."),
                proponents=("Freedonia",),
                targets=("Sylvania",),
            ),
        ),
    )
    return [freedonia, sylvania]


def make_hand_store(path: Path) -> Path:
    from kg.builder.rdf import document_triples
    from kg.store import open_store, replace_document
    from kg.vocab import document_iri

    with open_store(path, write=True) as db:
        for ex in hand_extractions():
            replace_document(db, str(document_iri(ex.article.id)), document_triples(ex))
    return path


def quad_count(store: Path) -> int:
    from kg.store import open_store

    with open_store(store) as db:
        return len(db)


@pytest.fixture(scope="session")
def hand_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Read-only: tests that change a store use `fresh_hand_store`."""
    return make_hand_store(tmp_path_factory.mktemp("hand") / "store")


@pytest.fixture
def fresh_hand_store(tmp_path: Path) -> Path:
    return make_hand_store(tmp_path / "store")


# ---------------------------------------------------------------- the model-built store (slow)


@pytest.fixture(scope="session")
def articles_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_articles(tmp_path_factory.mktemp("articles") / "in")


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory, articles_dir: Path) -> Path:
    """The two inline articles built once with the statistical model. Read-only for tests."""
    from kg.builder.pipeline import build

    store = tmp_path_factory.mktemp("built") / "store"
    summary = build([articles_dir], store=store)
    assert summary.documents == 2 and not summary.failures, summary.lines()
    return store


# ---------------------------------------------------------------- CLI and the no-model guard


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


_REAL_BUILD_PIPELINE = kg.text.nlp.build_pipeline


def _refuse_model(*args, **kwargs):
    raise AssertionError("this test loads the spaCy model: mark it @pytest.mark.slow")


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests not marked slow must not load the spaCy model, not even through a session fixture.

    Runs before the test's fixtures are set up (conftest hooks run before pytest's own).
    """
    kg.text.nlp.build_pipeline = _REAL_BUILD_PIPELINE if item.get_closest_marker("slow") else _refuse_model


# ---------------------------------------------------------------- the sample articles (slow)


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """seeds/ built once with the statistical model, for the end-to-end tests (validation, round
    trip into a real triple store). Read-only for tests."""
    from kg.builder.pipeline import build

    store = tmp_path_factory.mktemp("seeds") / "store"
    summary = build([Path(__file__).resolve().parent.parent / "seeds"], store=store)
    assert summary.documents == 5 and not summary.failures, summary.lines()
    return store


# ---------------------------------------------------------------- the statistical pipeline (slow tests)


@pytest.fixture(scope="session")
def nlp():
    from kg.text.nlp import shared_pipeline

    return shared_pipeline()


@pytest.fixture(scope="session")
def run(nlp):
    """Extract every fact of an inline text: run(text, date=...) -> Extraction."""
    from kg.extract import extract_article
    from kg.text.ingest import make_article

    def go(text: str, date: str | None = "2023-06-01", doc_id: str = "inline.txt"):
        return extract_article(nlp(text), make_article(doc_id, text, date=date))

    return go
