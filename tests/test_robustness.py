"""Bad input never costs data: unreadable files fail alone, a killed build leaves whole documents,
a second writer is turned away, and random text goes through ingestion and extraction unharmed.

The crash and concurrency tests run `kg build` as a real process and kill it with a real SIGKILL.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SUMMIT_TXT, TRADE_TXT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.errors import InputError
from kg.text.ingest import Failure, article_from_html, article_from_text, decode, read_articles

# ---------------------------------------------------------------- per-file errors


@pytest.mark.slow
def test_each_bad_input_is_one_line_and_the_rest_is_built(cli: CliRunner, tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(SUMMIT_TXT)
    (d / "latin1.txt").write_bytes(
        "Élysée talks on trade with Japan\n\nLe président français a reçu le Premier ministre à l'Élysée.\n".encode(
            "cp1252"
        )
    )
    (d / "cyrillic.txt").write_bytes(
        "Переговоры в Москве о торговле\n\nПрезидент России встретился с премьер-министром Японии в среду.\n".encode(
            "cp1251"
        )
    )
    (d / "utf16.txt").write_bytes(TRADE_TXT.encode("utf-16"))
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (d / "empty.txt").write_bytes(b"  \n\n")
    (d / "huge.txt").write_bytes(b"Leaders met again in Geneva today. " * 1_500_000)  # 52.5 MB of real text
    (d / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><footer>(c) 2024</footer></body></html>"
    )
    (d / "feed.jsonl").write_text(
        json.dumps({"text": TRADE_TXT.replace("Australia", "New Zealand"), "title": "Trade"}) + "\n"
        '{"text": "unclosed\n'
        + json.dumps({"title": "no text here"}) + "\n"
        + '{"text": "Leaders \\ud800 met in Geneva on Monday to talk about trade."}\n'
    )  # fmt: skip
    store = tmp_path / "store"

    result = cli.invoke(main, ["build", str(d), "--store", str(store), "--no-export"])

    assert result.exit_code == 3, result.output
    errors = result.stderr.splitlines()
    assert sorted(errors) == sorted([
        f"error: {d / 'binary.txt'}: file is binary, not text",
        f"error: {d / 'empty.txt'}: file is empty",
        f"error: {d / 'huge.txt'}: file is too large (52.5 MB; the limit is 10 MB)",
        f"error: {d / 'menu.html'}: HTML page has no article text",
        f"error: {d / 'feed.jsonl'}:2: line is not JSON (Unterminated string starting at)",
        f"error: {d / 'feed.jsonl'}:3: record has no \"text\" string",
        f"error: {d / 'feed.jsonl'}:4: record text holds invalid Unicode (a lone surrogate escape)",
    ])  # fmt: skip
    assert result.stdout.splitlines()[0] == "documents read: 5 (0 unchanged, 7 failed)"
    docs = cli.invoke(main, ["query", "documents", "--format", "json", "--store", str(store)])
    titles = {row["id"]: row.get("title") for row in _json_rows(docs.stdout)}
    assert titles == {
        "cyrillic.txt": "Переговоры в Москве о торговле",  # decoded as cp1251, not read as Latin-1
        "feed.jsonl#L1": "Trade",
        "good.txt": "Chancellor and president pledge closer ties in Berlin",
        "latin1.txt": "Élysée talks on trade with Japan",
        "utf16.txt": "Japan and Australia sign new trade agreement",
    }


def _json_rows(text: str) -> list[dict]:
    data = json.loads(text)
    rows = data["results"]["bindings"] if isinstance(data, dict) and "results" in data else data
    return [{k: (v["value"] if isinstance(v, dict) else v) for k, v in row.items()} for row in rows]


# ---------------------------------------------------------------- killed builds (real processes)

N_CRASH = 400
LEADERS = [
    ("German Chancellor Olaf Scholz", "Scholz", "Berlin"),
    ("French President Emmanuel Macron", "Macron", "Paris"),
    ("Japanese Prime Minister Shigeru Ishiba", "Ishiba", "Tokyo"),
    ("Australian Prime Minister Anthony Albanese", "Albanese", "Canberra"),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def write_short_articles(folder: Path, n: int, first: int = 0) -> Path:
    """n short, different news items: enough documents that writing them takes a while."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(first, first + n):
        a, b = LEADERS[i % 4], LEADERS[(i + 1 + i // 4) % 4 if (i + 1 + i // 4) % 4 != i % 4 else (i + 2) % 4]
        (folder / f"r{i:04d}.txt").write_text(
            f"Talks in {a[2]} on trade, report {i}\nPublished March {1 + i % 28}, 2024\n\n"
            f"{a[0]} met {b[0]} in {a[2]} on {DAYS[i % 5]} to discuss tariffs and report number {i}.\n\n"
            f'"We will work together," {a[1]} told reporters. {b[1]} said the talks were useful.\n'
        )
    return folder


def kg_process(*args: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def kg_run(*args: object, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, timeout=timeout
    )


def wal_bytes(store: Path) -> int:
    """Bytes in the store's write-ahead logs: they grow as soon as a document is committed."""
    return sum(p.stat().st_size for p in (store / "db").glob("*.log")) if (store / "db").exists() else 0


def wait_for(condition, what: str, timeout: float = 120, step: float = 0.001) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(step)


def holds_lock(store: Path, pid: int) -> bool:
    try:
        return (store / "kg-writer.pid").read_text().split()[0] == str(pid)
    except (OSError, IndexError):
        return False


def graphs(store: Path) -> tuple[dict[str, set[str]], set[str]]:
    from test_parallel import graphs as read_graphs

    return read_graphs(store)


def children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="session")
def crash_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_short_articles(tmp_path_factory.mktemp("crash") / "in", N_CRASH)


@pytest.fixture(scope="session")
def clean_graphs(crash_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """The per-document graphs of an uninterrupted build of the crash corpus."""
    store = tmp_path_factory.mktemp("clean") / "store"
    done = kg_run("build", crash_corpus, "--store", store, "--no-export", "--workers", "2")
    assert done.returncode == 0, done.stderr
    named, merged = graphs(store)
    assert len(named) == N_CRASH and merged == set().union(*named.values())
    return named


@pytest.mark.slow
def test_sigkill_while_writing_leaves_only_whole_documents(
    crash_corpus: Path, clean_graphs: dict[str, set[str]], tmp_path: Path
) -> None:
    # the kill must land while documents are being written; on a loaded machine the poller can be
    # descheduled until the writer is done, so a kill that came too late is tried again (new store)
    for attempt in range(3):
        store = tmp_path / f"store{attempt}"
        proc = kg_process("build", crash_corpus, "--store", store, "--no-export", "--workers", "2")
        wait_for(lambda: wal_bytes(store) > 4096 or proc.poll() is not None, "the first documents to be written")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        named, merged = graphs(store)  # the store opens read-only after the kill
        if len(named) < N_CRASH:
            break
    assert 0 < len(named) < N_CRASH, f"the kill came too late or too early: {len(named)} documents"
    hash_predicate = "<https://w3id.org/newskg/ontology#contentHash>"
    for doc, triples in named.items():
        assert any(hash_predicate in t for t in triples), doc
        assert triples == clean_graphs[doc], f"{doc} is not whole"
    assert merged == set().union(*named.values())
    documents = kg_run("query", "documents", "--format", "csv", "--store", store)
    assert documents.returncode == 0 and len(documents.stdout.splitlines()) == len(named) + 1

    resumed = kg_run("build", crash_corpus, "--store", store, "--no-export")
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout.splitlines()[0] == f"documents read: {N_CRASH} ({len(named)} unchanged, 0 failed)"
    named_after, merged_after = graphs(store)
    assert len(named_after) == N_CRASH and merged_after == set().union(*named_after.values())


@pytest.mark.slow
def test_sigkill_while_extracting_leaves_the_store_as_it_was(crash_corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = write_short_articles(tmp_path / "first", 10)
    assert kg_run("build", first, "--store", store, "--no-export").returncode == 0
    before = kg_run("export", "--format", "nquads", "--store", store).stdout

    proc = kg_process("build", crash_corpus, "--store", store, "--no-export", "--workers", "2")
    wait_for(lambda: holds_lock(store, proc.pid) and len(children(proc.pid)) == 2, "the build to start its workers")
    workers = children(proc.pid)
    written = wal_bytes(store)
    time.sleep(1.0)  # well into extraction: 400 articles take several seconds
    assert wal_bytes(store) - written < 4096, "documents were written already; the corpus is too small for this machine"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    wait_for(lambda: not any(alive(pid) for pid in workers), "the orphaned workers to exit", timeout=30, step=0.1)
    assert kg_run("export", "--format", "nquads", "--store", store).stdout == before


@pytest.mark.slow
def test_a_second_writer_is_turned_away_and_the_store_stays_whole(
    crash_corpus: Path, clean_graphs: dict[str, set[str]], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    other = write_short_articles(tmp_path / "other", 3, first=N_CRASH)
    first = kg_process("build", crash_corpus, "--store", store, "--no-export", "--workers", "2")
    wait_for(lambda: holds_lock(store, first.pid), "the first build to take the store")

    second = kg_run("build", other, "--store", store, "--no-export")
    assert second.returncode == 1
    assert re.fullmatch(
        rf"Error: {re.escape(str(store))}: another kg process \(pid {first.pid}, since \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\) "
        r"is writing to this store; wait for it to finish\n",
        second.stderr,
    ), second.stderr
    assert second.stdout == ""

    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    named, merged = graphs(store)
    assert named == clean_graphs and merged == set().union(*named.values())  # the first build as if alone

    again = kg_run("build", other, "--store", store, "--no-export")
    # (the new reports of the same leaders' meetings may update the earlier documents' events)
    assert again.returncode == 0
    assert re.match(r"documents read: 3 \(0 unchanged, 0 failed(, \d+ earlier ones updated)?\)\n", again.stdout)


# ---------------------------------------------------------------- property tests: ingestion (no model)

FAST = settings(max_examples=60, deadline=None, database=None)


@FAST
@given(st.binary(max_size=600))
def test_decode_reads_text_or_says_why_not(data: bytes) -> None:
    try:
        text = decode(data)
    except InputError as exc:
        assert str(exc) in ("file is binary, not text", "file is not text in any encoding that could be detected")
    else:
        assert isinstance(text, str)
        text.encode("utf-8")  # what a build hashes and stores


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda kids: st.lists(kids, max_size=3),
    max_leaves=5,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "text": JSON_VALUES | st.text(max_size=80),
        "title": JSON_VALUES,
        "date": JSON_VALUES,
        "url": JSON_VALUES,
    },
)
LINES = st.one_of(
    RECORDS.map(json.dumps),
    RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False)),
    st.text(max_size=40).filter(lambda s: "\n" not in s),
)


@FAST
@given(st.lists(LINES, min_size=1, max_size=6))
def test_every_jsonl_line_becomes_an_article_or_a_failure_naming_it(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        try:
            items = list(read_articles([path]))
        except Exception as exc:  # noqa: BLE001
            raise AssertionError(f"reading the feed raised {exc!r}") from exc
    if len(items) == 1 and isinstance(items[0], Failure) and items[0].source == str(path):
        return  # the whole file was refused (empty, or not text)
    numbered = [n for n, line in enumerate("\n".join(lines).split("\n"), start=1) if line.strip()]
    assert len(items) == len(numbered)
    for n, item in zip(numbered, items):
        if isinstance(item, Failure):
            assert item.source == f"{path}:{n}" and "\n" not in item.message
        else:
            assert item.id == f"feed.jsonl#L{n}" and item.text.strip()
            assert item.title is None or isinstance(item.title, str)
            assert item.url is None or isinstance(item.url, str)


@FAST
@given(
    st.text(max_size=300),
    st.sampled_from(["<p>{}</p>", "<html><body><article>{}</article></body></html>", "{}", "<div><p>{}<p>{}</div>"]),
)
def test_any_html_page_gives_an_article_or_says_it_has_no_text(text: str, template: str) -> None:
    html = template.replace("{}", text)
    try:
        article = article_from_html("page.html", html)
    except InputError as exc:
        assert str(exc) == "HTML page has no article text"
    else:
        assert article.text.strip()


# ---------------------------------------------------------------- property tests: the store (no model)

LITERALS = st.sampled_from(
    [
        "plain",
        'with "quotes"',
        "back\\slash",
        "line\nbreak",
        "tab\tand\r",
        "ümlaut – “curly”",
        "\u2028sep",
        "emoji 🙂",
        "",
        " ",
    ]
)


@st.composite
def documents(draw) -> dict[str, list]:
    from rdflib import Literal, URIRef

    subjects = [URIRef(f"https://w3id.org/newskg/id/{n}") for n in ("japan", "france", "ishiba", "statement/1")]
    predicate = st.sampled_from(
        [URIRef("http://www.w3.org/2000/01/rdf-schema#label"), URIRef("https://w3id.org/newskg/ontology#evidence")]
    )
    triple = st.tuples(st.sampled_from(subjects), predicate, LITERALS.map(Literal) | st.sampled_from(subjects))
    return draw(st.lists(triple, min_size=1, max_size=6))


@FAST
@given(
    st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.one_of(documents(), st.none())), min_size=1, max_size=10)
)
def test_the_merged_graph_is_always_the_union_of_the_documents(ops: list) -> None:
    """Any sequence of replacing and removing documents: each document graph holds exactly its
    triples, and the merged graph exactly what at least one document still says."""
    import pyoxigraph as ox

    from kg.store import remove_document, replace_document, to_ox

    db = ox.Store()
    model: dict[str, set] = {}
    for doc, triples in ops:
        iri = f"https://w3id.org/newskg/id/doc/{doc}"
        if triples is None:
            assert remove_document(db, iri) == (doc in model)
            model.pop(doc, None)
        else:
            replace_document(db, iri, triples)
            model[doc] = {(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples}
        for d, expected in model.items():
            g = ox.NamedNode(f"https://w3id.org/newskg/id/doc/{d}")
            assert {(q.subject, q.predicate, q.object) for q in db.quads_for_pattern(None, None, None, g)} == expected
        merged = {(q.subject, q.predicate, q.object) for q in db.quads_for_pattern(None, None, None, ox.DefaultGraph())}
        assert merged == set().union(*model.values())


@FAST
@given(
    st.lists(
        st.tuples(
            LITERALS | st.text(max_size=8), LITERALS | st.text(max_size=8), st.sampled_from(["", "en", "de", "xsd"])
        ),
        min_size=1,
        max_size=12,
    )
)
def test_the_fast_sorted_export_keeps_the_term_order(rows: list) -> None:
    """kg.read.export sorts N-Triples lines as bytes; that must be the order of sorting the terms."""
    import io

    import pyoxigraph as ox

    from kg.read.export import merged_triples, sorted_ntriples

    db = ox.Store()
    for a, b, tag in rows:
        s = ox.NamedNode("https://w3id.org/newskg/id/" + "".join(c for c in a if c.isalnum()))
        lit = (
            ox.Literal(b, language=tag)
            if tag in ("en", "de")
            else ox.Literal(
                b,
                datatype=ox.NamedNode(
                    "http://www.w3.org/2001/XMLSchema#string" if tag == "xsd" else "https://w3id.org/newskg/ontology#x"
                ),
            )
            if tag
            else ox.Literal(b)
        )
        db.add(ox.Quad(s, ox.NamedNode("https://w3id.org/newskg/ontology#p"), lit))
        db.add(ox.Quad(s, ox.NamedNode("https://w3id.org/newskg/ontology#p" + tag), s))
    out = io.BytesIO()
    ox.serialize(merged_triples(db), out, ox.RdfFormat.N_TRIPLES)
    assert sorted_ntriples(db) == out.getvalue()


# ---------------------------------------------------------------- property tests: extraction (the real model)

FRAGMENTS = [
    "Japanese Prime Minister Shigeru Ishiba met US President Donald Trump in Washington on Friday. ",
    '"We will open a new chapter," Ishiba told reporters. ',
    "Chancellor Olaf Scholz said Germany would send more air-defence systems to Ukraine.\n\n",
    "Australia will cut tariffs on Japanese cars under the agreement. ",
    "China condemned the so-called “America First” policy on Tuesday; ",
    "The U.S.-Japan alliance, NATO and the EU ",
    "President Macron and the Secretary General of the LDP ",
    '“Unbalanced quote and ‘nested "marks"’ ',
    '"" "" ""',
    "Published March 3, 2024\n",
    "time:2025-02-31 25:61:00\n",
    "\u200b\u200d\u202e\u2028\u00a0\t\r\n",
    "🙂🇯🇵 — … ",
    "e\u0301 A\u0308 ",
    "\x0b\x0c\x1b ",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ",
    "Mr. Ishiba. Mr. Trump. Ms. Doe said: ",
    "He said. She said. They met. ",
    "<p>&amp; &#x27; </p> ",
    "\n\n\n",
]
TEXTS = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=25)), min_size=1, max_size=8).map("".join)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extraction_never_crashes_and_every_fact_quotes_its_article(text: str) -> None:
    from kg.builder.rdf import document_triples
    from kg.builder.resolve import resolve
    from kg.extract import extract_article
    from kg.text.nlp import shared_pipeline
    from kg.vocab import KG

    article = article_from_text("random.txt", text)
    ex = extract_article(shared_pipeline(None)(article.text), article)  # no safety net: any exception fails the test
    provenances = [r.prov for r in (*ex.meetings, *ex.statements, *ex.policies, *ex.relations)]
    for prov in provenances:
        assert prov.sentence in article.text
        assert 0 <= prov.start <= prov.end <= len(article.text)
    [resolved] = resolve([ex])
    for _s, p, o in document_triples(resolved):
        if p == KG.evidence:
            assert str(o) in article.text, (str(o), article.text)
