"""Parallel, distributed and incremental builds give the graph a plain one-process build gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FREEDONIA_ID, SYLVANIA_ID, TRADE_TXT, hand_extractions

import kg.builder.distributed
import kg.builder.parallel
from kg.builder.pipeline import build, remove
from kg.cli import main
from kg.errors import EndpointError, ModelError
from kg.read.export import export_graph

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def dataset(store: Path) -> bytes:
    """Every quad, per-document graphs included, in a canonical order."""
    return export_graph("nquads", store=store)


def graphs(store: Path) -> tuple[dict[str, set[str]], set[str]]:
    """The per-document graphs and the merged graph, as sets of N-Triples lines."""
    import pyoxigraph as ox

    from kg.store import open_store

    named: dict[str, set[str]] = {}
    merged: set[str] = set()
    with open_store(store) as db:
        for q in db.quads_for_pattern(None, None, None, None):
            line = f"{q.subject} {q.predicate} {q.object}"
            if isinstance(q.graph_name, ox.DefaultGraph):
                merged.add(line)
            else:
                named.setdefault(q.graph_name.value, set()).add(line)
    return named, merged


def canonical(triples) -> set[str]:
    """N-Triples lines of rdflib triples as a store holds them ("0.60" decimals become "0.6")."""
    import pyoxigraph as ox

    from kg.store import to_ox

    scratch = ox.Store()
    scratch.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples)
    return {f"{q.subject} {q.predicate} {q.object}" for q in scratch}


def union(named: dict[str, set[str]]) -> set[str]:
    return set().union(*named.values()) if named else set()


# ---------------------------------------------------------------- --workers


@pytest.mark.slow
def test_two_workers_build_the_same_bytes_as_one_process(
    seeds_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kg.builder.parallel, "CHUNK", 2)  # five seeds -> three batches over two worker processes
    summary = build([SEEDS], store=tmp_path / "store", workers=2)
    assert (summary.documents, summary.failures) == (5, [])
    assert export_graph("turtle", store=tmp_path / "store") == export_graph("turtle", store=seeds_store)
    assert dataset(tmp_path / "store") == dataset(seeds_store)


@pytest.mark.slow
def test_a_model_that_cannot_load_in_the_workers_is_one_clear_error(
    articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kg.builder.parallel, "CHUNK", 1)
    with pytest.raises(ModelError, match=r"^cannot load a spaCy English model \(tried no_such_model\)"):
        build([articles_dir], store=tmp_path / "store", workers=2, model="no_such_model")
    assert not any(True for _ in __import__("kg.store", fromlist=["x"]).document_graphs(_open(tmp_path / "store")))


def _open(store: Path):
    import pyoxigraph as ox

    return ox.Store.read_only(str(store / "db"))


@pytest.mark.slow
def test_an_article_longer_than_the_model_takes_is_built_in_pieces(
    articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It used to fail ("too long for the language model"): now it is read in pieces (issue 15)."""
    from kg.text.nlp import shared_pipeline

    monkeypatch.setattr(shared_pipeline(None), "max_length", 50_000)  # the model's limit, made small to be quick
    folder = tmp_path / "in"
    folder.mkdir()
    for p in articles_dir.iterdir():
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "dump.txt").write_text("Leaders met in Geneva. " * 5_000)  # 115,000 characters, no line break
    summary = build([folder], store=tmp_path / "store")
    assert summary.failures == []
    assert summary.documents == 3 and summary.triples > 0


# ---------------------------------------------------------------- --dask


@pytest.mark.slow
def test_a_dask_cluster_builds_the_same_bytes_as_one_process(
    seeds_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import Client, LocalCluster

    monkeypatch.setattr(kg.builder.parallel, "CHUNK", 1)  # one article per partition: both workers get some
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(2)
        summary = build([SEEDS], store=tmp_path / "store", dask=cluster.scheduler_address)
        loaded = client.run(lambda: __import__("kg.text.nlp").text.nlp.shared_pipeline.cache_info().currsize)
    assert (summary.documents, summary.failures) == (5, [])
    assert sorted(loaded.values()) == [1, 1]  # each worker process loaded the pipeline once and extracted
    assert export_graph("turtle", store=tmp_path / "store") == export_graph("turtle", store=seeds_store)
    assert dataset(tmp_path / "store") == dataset(seeds_store)


def test_an_unreachable_dask_scheduler_is_one_clear_error(
    articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kg.builder.distributed, "CONNECT_TIMEOUT", 1)
    with pytest.raises(EndpointError, match=r"^cannot reach the Dask scheduler at 'tcp://127\.0\.0\.1:9' \(.+\)$"):
        build([articles_dir], store=tmp_path / "store", dask="tcp://127.0.0.1:9")


def test_workers_and_dask_exclude_each_other(cli: CliRunner, articles_dir: Path, tmp_path: Path) -> None:
    result = cli.invoke(
        main,
        ["build", str(articles_dir), "--store", str(tmp_path / "s"), "--workers", "2", "--dask", "tcp://127.0.0.1:9"],
    )
    assert result.exit_code == 2
    assert "--workers and --dask exclude each other" in result.output
    assert not (tmp_path / "s").exists()


# ---------------------------------------------------------------- incremental builds and removal


@pytest.mark.slow
def test_rebuilding_unchanged_articles_changes_nothing(built_store: Path, articles_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build([articles_dir], store=store)
    before = dataset(store)
    again = build([articles_dir], store=store)
    assert (again.documents, again.unchanged, again.words) == (2, 2, 0)
    assert dataset(store) == before == dataset(built_store)


@pytest.mark.slow
def test_a_changed_article_replaces_only_its_own_facts(articles_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in articles_dir.iterdir():
        (folder / p.name).write_bytes(p.read_bytes())
    store = tmp_path / "store"
    build([folder], store=store)
    named_before, _ = graphs(store)
    summit_iri = next(g for g in named_before if g.endswith("/summit_txt"))
    trade_iri = next(g for g in named_before if g.endswith("/trade_txt"))

    changed = TRADE_TXT.replace("Tokyo on Thursday", "Canberra on Friday").replace(
        '"open a new chapter"', '"lift both our farmers"'
    )
    (folder / "trade.txt").write_text(changed)
    summary = build([folder], store=store)
    assert (summary.documents, summary.unchanged) == (2, 1)

    named, merged = graphs(store)
    assert named[summit_iri] == named_before[summit_iri]  # the unchanged article is not touched
    assert named[trade_iri] != named_before[trade_iri]
    assert any("lift both our farmers" in line for line in named[trade_iri])
    gone = named_before[trade_iri] - named[trade_iri] - named[summit_iri]
    assert gone and not gone & merged  # what only the old version said is gone from the merged graph
    assert merged == union(named)


def test_remove_takes_out_exactly_what_only_that_document_supported(fresh_hand_store: Path) -> None:
    from kg.builder.rdf import document_triples
    from kg.vocab import document_iri

    named, merged = graphs(fresh_hand_store)
    freedonia, sylvania = (str(document_iri(d)) for d in (FREEDONIA_ID, SYLVANIA_ID))
    shared = named[freedonia] & named[sylvania]
    assert shared  # Freedonia, the grain export ban: both documents report them

    assert remove([FREEDONIA_ID], store=fresh_hand_store) == [FREEDONIA_ID]
    named_after, merged_after = graphs(fresh_hand_store)
    expected = canonical(document_triples(hand_extractions()[1]))
    assert named_after == {sylvania: expected}
    assert merged_after == expected  # shared facts stay, with one source fewer; Freedonia-only facts are gone
    assert shared <= merged_after and not (named[freedonia] - shared) & merged_after
