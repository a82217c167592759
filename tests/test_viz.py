"""`kg viz`: slicing the graph, GraphML/GEXF files, and the HTML page, offline and safe.

The fast tests use the hand-built store of conftest (Jane Doe, alias "Doe", of Freedonia meets in
Geneva, speaks and pushes a grain export ban aimed at Sylvania) and a second one whose article
text is an attack. The browser tests (marked slow) open the pages in Debian's headless Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_module
import itertools
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import _prov

from kg.cli import main
from kg.errors import KGError, QueryError
from kg.read.viz import NODE_TYPES, to_networkx, visualize
from kg.read.viz.layout import fold, layout
from kg.read.viz.page import render_html

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/newskg/id/"
JANE, FREEDONIA, SYLVANIA, GENEVA = ID + "jane_doe", ID + "freedonia", ID + "sylvania", ID + "geneva"
MEETING = ID + "meeting/2024-03-03_freedonia_jane_doe_32d436f4ce"
STATEMENT = ID + "statement/fd5d003e7b"
POLICY = ID + "policy/grain_export_ban_0ebe230b05"
FREEDONIA_TITLE = "Freedonia and Sylvania hold talks in Geneva"
SYLVANIA_TITLE = "Sylvania answers Freedonia over grain"

ALL_EDGES = {
    (MEETING, GENEVA, "location"),
    (MEETING, FREEDONIA, "participant"),
    (MEETING, JANE, "participant"),
    (POLICY, FREEDONIA, "proponent"),
    (POLICY, SYLVANIA, "target"),
    (STATEMENT, FREEDONIA, "about"),
    (STATEMENT, JANE, "speaker"),
}


def edges(g: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return set(g.edges(keys=True))


# ---------------------------------------------------------------- the whole graph


def test_the_whole_graph(hand_store: Path) -> None:
    g = to_networkx(hand_store)
    assert dict(g.nodes(data="type")) == {
        FREEDONIA: "Country",
        GENEVA: "Place",
        JANE: "Person",
        MEETING: "Meeting",
        POLICY: "Policy",
        STATEMENT: "Statement",
        SYLVANIA: "Country",
    }
    assert edges(g) == ALL_EDGES
    assert {d["label"] for _, _, d in g.edges(data=True)} == {
        "location",
        "participant",
        "proponent",
        "target",
        "about",
        "speaker",
    }


def test_node_attributes_carry_names_dates_and_evidence_with_its_article(hand_store: Path) -> None:
    g = to_networkx(hand_store)
    jane = g.nodes[JANE]
    assert (jane["name"], jane["label"], jane["aliases"]) == ("Jane Doe", "Jane Doe", ("Doe",))
    meeting = g.nodes[MEETING]
    assert (meeting["label"], meeting["date"], meeting["kind"], meeting["status"]) == (
        "Talks\n2024-03-03",
        "2024-03-03",
        "talks",
        "held",
    )
    assert meeting["name"] == "Talks: Freedonia – Jane Doe (2024-03-03)"
    assert meeting["evidence"] == ("Jane Doe met Sylvania's envoy in Geneva on March 3.",)
    assert meeting["sources"] == (FREEDONIA_TITLE,)
    statement = g.nodes[STATEMENT]
    assert (statement["label"], statement["direct"]) == ("“We will open the corridor”\n2024-03-04", "true")
    # one evidence sentence per reporting article, each with that article's title
    policy = g.nodes[POLICY]
    assert list(zip(policy["evidence"], policy["sources"])) == [
        ("Freedonia announced a grain export ban.", FREEDONIA_TITLE),
        ("Sylvania condemned the grain export ban imposed by Freedonia.", SYLVANIA_TITLE),
    ]


def test_documents_only_when_asked_for(hand_store: Path) -> None:
    g = to_networkx(hand_store, types=NODE_TYPES)
    docs = {n for n, t in g.nodes(data="type") if t == "Document"}
    assert docs == {ID + "doc/freedonia_txt", ID + "doc/sylvania_txt"}
    assert g.nodes[ID + "doc/sylvania_txt"]["name"] == SYLVANIA_TITLE
    assert (POLICY, ID + "doc/sylvania_txt", "source") in edges(g)


# ---------------------------------------------------------------- slices


@pytest.mark.parametrize("name", ["Jane Doe", "doe", " DOE "])
def test_focus_by_name_or_alias(hand_store: Path, name: str) -> None:
    g = to_networkx(hand_store, focus=name, hops=1)
    assert set(g) == {JANE, MEETING, STATEMENT}
    assert g.graph["focus"] == (JANE,)


def test_hops(hand_store: Path) -> None:
    assert set(to_networkx(hand_store, focus="Doe", hops=0)) == {JANE}
    assert set(to_networkx(hand_store, focus="Doe", hops=2)) == {JANE, MEETING, STATEMENT, FREEDONIA, GENEVA}
    assert set(to_networkx(hand_store, focus="Doe", hops=3)) == {JANE, MEETING, STATEMENT, FREEDONIA, GENEVA, POLICY}


def test_focus_on_a_policy_by_its_name(hand_store: Path) -> None:
    assert set(to_networkx(hand_store, focus="grain export ban", hops=1)) == {POLICY, FREEDONIA, SYLVANIA}


def test_unknown_focus(hand_store: Path) -> None:
    with pytest.raises(KGError, match=r"^no actor named 'Nobody' in the graph; `kg query actors` lists the names$"):
        to_networkx(hand_store, focus="Nobody")


def test_types(hand_store: Path) -> None:
    g = to_networkx(hand_store, types=["person", "Meeting"])
    assert set(g) == {JANE, MEETING}
    assert edges(g) == {(MEETING, JANE, "participant")}


def test_the_focus_survives_the_type_filter(hand_store: Path) -> None:
    g = to_networkx(hand_store, focus="Doe", hops=2, types=["Meeting", "Country"])
    assert set(g) == {JANE, MEETING, FREEDONIA}


def test_unknown_type(hand_store: Path) -> None:
    with pytest.raises(
        KGError,
        match=r"^unknown type 'Event'; types: Person, Country, Organization, Place, Meeting, Statement, Policy, Document$",
    ):
        to_networkx(hand_store, types=["Event"])


def test_since_drops_earlier_meetings_and_what_only_they_linked(hand_store: Path) -> None:
    g = to_networkx(hand_store, since="2024-03-04")
    # the meeting of March 3 goes, and Geneva, which only the meeting linked; the statement stays
    assert set(g) == {JANE, STATEMENT, FREEDONIA, POLICY, SYLVANIA}


@pytest.mark.parametrize(
    ("since", "until", "dated"),
    [
        ("2024-03", None, {MEETING, STATEMENT}),  # a month covers all its days
        ("2024", "2024", {MEETING, STATEMENT}),
        (None, "2024-03-03", {MEETING}),
        ("2024-03-05", None, set()),
        (None, "2023-12-31", set()),
    ],
)
def test_date_ranges(hand_store: Path, since: str | None, until: str | None, dated: set[str]) -> None:
    g = to_networkx(hand_store, since=since, until=until)
    assert {n for n, t in g.nodes(data="type") if t in ("Meeting", "Statement")} == dated


@pytest.mark.parametrize("bad", ["March 2024", "2024-13", "2024-02-30", "24-03-03"])
def test_bad_dates(hand_store: Path, bad: str) -> None:
    with pytest.raises(KGError, match=rf"^since must be an ISO date such as 2025-02-07, 2025-02 or 2025, not '{bad}'$"):
        to_networkx(hand_store, since=bad)


def test_since_after_until(hand_store: Path) -> None:
    with pytest.raises(KGError, match=r"^since \(2025\) is after until \(2024\)$"):
        to_networkx(hand_store, since="2025", until="2024")


def test_min_degree(hand_store: Path) -> None:
    # degrees: Freedonia 3, meeting 3, Jane 2, statement 2, policy 2, Geneva 1, Sylvania 1
    assert set(to_networkx(hand_store, min_degree=2)) == {FREEDONIA, MEETING, JANE, STATEMENT, POLICY}
    assert set(to_networkx(hand_store, min_degree=3)) == {FREEDONIA, MEETING}


PARTICIPANTS_CONSTRUCT = (
    "# participants\nCONSTRUCT { ?m kg:participant ?a } WHERE { ?m a kg:Meeting ; kg:participant ?a }\n"
)
PARTICIPANTS_SELECT = (
    "# participants\nSELECT ?s ?p ?o WHERE { ?s a kg:Meeting ; ?p ?o . FILTER(?p = kg:participant) }\n"
)


@pytest.mark.parametrize("text", [PARTICIPANTS_CONSTRUCT, PARTICIPANTS_SELECT], ids=["construct", "select"])
def test_query_file(hand_store: Path, tmp_path: Path, text: str) -> None:
    rq = tmp_path / "participants.rq"
    rq.write_text(text)
    g = to_networkx(hand_store, query=str(rq))
    assert edges(g) == {(MEETING, FREEDONIA, "participant"), (MEETING, JANE, "participant")}
    assert g.nodes[JANE]["aliases"] == ("Doe",)  # attributes come from the store, whatever the query returns


def test_a_named_query_that_is_not_a_graph(hand_store: Path) -> None:
    with pytest.raises(
        QueryError,
        match=r"^query 'documents' selects \?id, \?date, \?title, \?facts; viz needs a CONSTRUCT or a SELECT of \?s \?p \?o$",
    ):
        to_networkx(hand_store, query="documents")


def test_unknown_query(hand_store: Path) -> None:
    with pytest.raises(QueryError, match=r"^unknown query 'nope'; available: "):
        to_networkx(hand_store, query="nope")


# ---------------------------------------------------------------- Gephi and Cytoscape files


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_parse_back(hand_store: Path, tmp_path: Path, fmt: str) -> None:
    result = visualize(tmp_path / f"g.{fmt}", fmt=fmt, store=hand_store)
    assert (result.nodes, result.edges) == (7, 7)
    back = nx.read_graphml(result.path) if fmt == "graphml" else nx.read_gexf(result.path)
    assert back.number_of_nodes() == 7 and back.number_of_edges() == 7
    assert back.nodes[JANE]["type"] == "Person"
    assert back.nodes[JANE]["label"] == "Jane Doe"
    assert back.nodes[JANE]["aliases"] == "Doe"
    assert back.nodes[POLICY]["sources"] == f"{FREEDONIA_TITLE}\n{SYLVANIA_TITLE}"
    assert sorted(d["label"] for _, _, d in back.edges(data=True)) == sorted(k for _, _, k in ALL_EDGES)


def test_unknown_format(hand_store: Path, tmp_path: Path) -> None:
    with pytest.raises(KGError, match=r"^unknown format 'dot'; formats: html, graphml, gexf$"):
        visualize(tmp_path / "g.dot", fmt="dot", store=hand_store)


# ---------------------------------------------------------------- the page: offline and safe

# any tag that loads something: everything the page needs is inline
LOADING_TAG = re.compile(
    r"<(?:script|link|img|iframe|frame|embed|object|source|video|audio|use)\b[^>]*?\b(?:src|href|data|srcset)\s*=", re.I
)


def scripts_and_csp(html: str) -> tuple[list[str], str]:
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)[1]
    return scripts, html_module.unescape(csp)


def test_the_page_loads_nothing_from_anywhere(hand_store: Path, tmp_path: Path) -> None:
    html = visualize(tmp_path / "g.html", store=hand_store).path.read_text()
    assert not LOADING_TAG.search(html)
    assert not re.search(r"<link\b", html, re.I)
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    assert not re.search(r"@import|url\(\s*(?!['\"]?data:)", styles, re.I)  # the CSS fetches nothing either
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap", html, re.I)  # what pyvis's own template links
    scripts, csp = scripts_and_csp(html)
    assert len(scripts) == 2 and "vis-network" in scripts[0]
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    # the policy lets exactly the page's own scripts run
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts}
    assert set(re.search(r"script-src ([^;]+)", csp)[1].split()) == hashes


def page_data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)[1])


def test_the_page_holds_the_graph(hand_store: Path, tmp_path: Path) -> None:
    result = visualize(tmp_path / "g.html", store=hand_store, focus="Doe", hops=1)
    assert (result.nodes, result.edges, result.folded) == (3, 2, 0)
    html = result.path.read_text()
    data = page_data(html)
    assert {n["id"] for n in data["nodes"]} == {JANE, MEETING, STATEMENT}
    assert {(e["from"], e["to"], e["label"]) for e in data["edges"]} == {
        (STATEMENT, JANE, "speaker"),
        (MEETING, JANE, "participant"),
    }
    jane = next(n for n in data["nodes"] if n["id"] == JANE)
    assert (jane["shape"], jane["color"]["background"], jane["info"]["aliases"]) == ("dot", "#4e79a7", ["Doe"])
    assert (
        jane["borderWidth"] == 3 and data["physics"] is True and data["edgeLabels"] is True
    )  # the focus has a dark ring
    assert "<title>newskg graph: around Doe (1 hop)</title>" in html
    assert 'data-type="Person"' in html and 'data-type="Policy"' not in html  # the legend shows the classes present


def test_an_empty_slice_says_so(hand_store: Path, tmp_path: Path) -> None:
    result = visualize(tmp_path / "g.html", store=hand_store, types=["Meeting"], since="2030")
    assert (result.nodes, result.edges) == (0, 0)
    assert "Nothing to show: this slice of the graph is empty." in result.path.read_text()


XSS = {
    "title": "<script>window.__xss = 'title'</script>Freedonia news",
    "sentence": "Doe said <img src=x onerror=\"window.__xss = 'img'\"> loudly.",
    "quote": "<script>alert(1)</script><img src=x onerror=alert(1)>",
}


def make_xss_store(path: Path) -> Path:
    """An article that attacks the page: markup in its title, a quote and an actor's alias."""
    from kg.builder.rdf import document_triples
    from kg.model import Actor, Extraction, Statement
    from kg.store import open_store, replace_document
    from kg.text.ingest import make_article
    from kg.vocab import document_iri

    text = f"{XSS['title']}\n\n{XSS['sentence']}"
    art = make_article("attack.txt", text, title=XSS["title"])
    ex = Extraction(
        art,
        actors=(Actor("Jane Doe", "Person", aliases=("Doe", "<b onmouseover=alert(1)>Jane</b>")),),
        statements=(
            Statement(("Jane Doe",), XSS["quote"], _prov("attack.txt", text, XSS["sentence"]), date="2024-03-04"),
        ),
    )
    with open_store(path, write=True) as db:
        replace_document(db, str(document_iri(ex.article.id)), document_triples(ex))
    return path


@pytest.fixture(scope="module")
def xss_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_xss_store(tmp_path_factory.mktemp("xss") / "store")


def test_article_text_cannot_escape_into_the_page(xss_store: Path, tmp_path: Path) -> None:
    html = visualize(tmp_path / "x.html", store=xss_store, title=XSS["title"]).path.read_text()
    scripts, _ = scripts_and_csp(html)
    assert len(scripts) == 2  # no third <script>, from the article or anywhere
    assert "<img" not in html and "<b " not in html
    assert "<title>&lt;script&gt;window.__xss = &#39;title&#39;&lt;/script&gt;Freedonia news</title>" in html
    data = page_data(html)  # the text is all there, as data
    statement = next(n for n in data["nodes"] if n["info"]["type"] == "Statement")
    assert statement["info"]["name"] == XSS["quote"]
    assert statement["info"]["evidence"] == [[XSS["sentence"], XSS["title"]]]


# ---------------------------------------------------------------- large graphs


def star_graph(leaves: int, hubs: int = 2) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for h in range(hubs):
        g.add_node(f"hub{h}", type="Country", name=f"Hub {h}", label=f"Hub {h}")
    for i in range(leaves):
        g.add_node(f"leaf{i:03d}", type="Statement", name=f"Leaf {i}", label=f"Leaf {i}")
        g.add_edge(f"leaf{i:03d}", f"hub{i % hubs}", key="about", label="about")
    g.add_edge("hub0", "hub1", key="allyOf", label="allyOf")
    return g


def test_fold_keeps_the_best_connected_and_says_what_it_holds_back() -> None:
    shown, note = fold(star_graph(30), max_nodes=12)
    assert len(shown) == 12 and {"hub0", "hub1"} <= set(shown)
    assert note == (
        "Showing 12 of 32 nodes at first: the 20 least connected (20 Statement; at most 1 link each) are drawn when "
        "you click a node they link to, search for them or, for meetings and statements, pick their dates on the timeline."
    )
    assert shown.nodes["hub0"]["label"] == "Hub 0"  # the page counts what is not drawn, in the details
    assert fold(star_graph(30), max_nodes=32)[1] == ""


def test_fold_never_drops_the_focus() -> None:
    shown, _ = fold(star_graph(30), max_nodes=3, keep=frozenset({"leaf029"}))
    assert set(shown) == {"hub0", "hub1", "leaf029"}


def test_large_pages_use_a_fixed_layout_and_fold(tmp_path: Path) -> None:
    page = render_html(star_graph(300), tmp_path / "big.html", max_nodes=200, layout_threshold=100)
    assert (page.nodes, page.folded, page.physics) == (200, 102, False)
    html = page.path.read_text()
    data = page_data(html)
    assert data["options"]["physics"] == {"enabled": False}
    assert all("x" in n and "y" in n for n in data["nodes"])
    assert "Showing 200 of 302 nodes" in html


def test_layout_places_every_node_apart_and_the_same_way_twice() -> None:
    g = star_graph(40)
    g.add_node("alone", type="Place", name="Alone", label="Alone")  # a second component
    pos = layout(g)
    assert set(pos) == set(g) and len(set(pos.values())) == len(g)
    assert pos == layout(g)


# ---------------------------------------------------------------- the command


def kg(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="kg")


def test_cli_writes_the_page_and_says_what_it_holds(hand_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    result = kg("viz", "--store", hand_store, "-o", out, "--focus", "Doe", "--hops", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out} (5 nodes, 5 edges)\n"
    assert out.is_file()


def test_cli_graphml_default_name(hand_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = kg("viz", "--store", hand_store, "--format", "graphml", "--types", "Person,Meeting")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {Path('out/graph.graphml')} (2 nodes, 1 edge)\n"
    assert nx.read_graphml(tmp_path / "out" / "graph.graphml").number_of_nodes() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "Nobody"], "no actor named 'Nobody' in the graph; `kg query actors` lists the names"),
        (
            ["--types", "Person,Event"],
            "unknown type 'Event'; types: Person, Country, Organization, Place, Meeting, Statement, Policy, Document",
        ),
        (["--since", "yesterday"], "since must be an ISO date such as 2025-02-07, 2025-02 or 2025, not 'yesterday'"),
    ],
)
def test_cli_errors_are_one_line(hand_store: Path, tmp_path: Path, args: list[str], message: str) -> None:
    result = kg("viz", "--store", hand_store, "-o", tmp_path / "g.html", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")


# ---------------------------------------------------------------- in a real browser (slow)

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--window-size=1600,1000",
)  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    """One headless Debian Chromium for the module, with a fresh profile; never a downloaded browser."""
    if os.environ.get("KG_SKIP_BROWSER"):  # scripts/test.sh could not install them, and says why
        pytest.skip(f"browser tests skipped: {os.environ['KG_SKIP_BROWSER']}")
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        message = "needs Debian's chromium and chromium-driver (scripts/test.sh installs them as root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, page: Path, timeout: float = 30) -> None:
    driver.get_log("browser"), driver.get_log("performance")  # forget what came before
    driver.get(page.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while not driver.execute_script("return window.kgReady === true"):
        assert time.monotonic() < deadline, "the page never became ready"
        time.sleep(0.05)


def console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def requests_made(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def hover_node(driver, node_id: str) -> None:
    """A real mouse move onto the node, wherever the layout put it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    x, y = driver.execute_script(
        "var p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]); return [p.x, p.y];", node_id
    )
    box = driver.find_element(By.ID, "network")
    ActionChains(driver).move_to_element_with_offset(
        box, int(x - box.size["width"] / 2), int(y - box.size["height"] / 2)
    ).perform()
    time.sleep(0.3)


@pytest.mark.slow
def test_browser_loads_the_page_offline_and_cleanly(browser, hand_store: Path, tmp_path: Path) -> None:
    page = visualize(tmp_path / "g.html", store=hand_store)
    open_page(browser, page.path)
    counts = browser.execute_script("return [network.body.data.nodes.length, network.body.data.edges.length]")
    assert counts == [page.nodes, page.edges] == [7, 7]
    assert console_errors(browser) == []
    assert [u for u in requests_made(browser) if not u.startswith(("file:", "data:", "chrome:"))] == []


@pytest.mark.slow
def test_browser_search_by_alias_opens_the_neighbourhood(browser, hand_store: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(browser, visualize(tmp_path / "g.html", store=hand_store).path)
    box = browser.find_element(By.ID, "search-input")
    box.send_keys("doe", Keys.ENTER)
    time.sleep(0.3)
    assert browser.execute_script("return network.getSelectedNodes()") == [JANE]
    # the view is centred on her, and the details panel names her
    centre, node = browser.execute_script(
        "return [network.getViewPosition(), network.getPositions([arguments[0]])[arguments[0]]]", JANE
    )
    assert abs(centre["x"] - node["x"]) < 5 and abs(centre["y"] - node["y"]) < 5
    assert browser.find_element(By.CSS_SELECTOR, "#details h3").text == "Jane Doe"
    # what she links to stands on a ring round her, the actors those link to further out; the rest is not drawn
    assert set(browser.execute_script("return network.body.data.nodes.getIds()")) == {
        JANE,
        MEETING,
        STATEMENT,
        FREEDONIA,
        GENEVA,
    }
    pos = browser.execute_script("return network.getPositions()")
    distance = lambda n: ((pos[n]["x"] - pos[JANE]["x"]) ** 2 + (pos[n]["y"] - pos[JANE]["y"]) ** 2) ** 0.5  # noqa: E731
    assert abs(distance(MEETING) - distance(STATEMENT)) < 1
    assert min(distance(FREEDONIA), distance(GENEVA)) > distance(MEETING) + 100
    assert browser.find_element(By.ID, "view-status").text == "Around Jane Doe: 2 links"
    # Esc goes back to the whole graph, where every node is where it was
    box.send_keys(Keys.ESCAPE)
    assert browser.execute_script("return network.body.data.nodes.length") == 7
    box.clear()
    box.send_keys("Nobody", Keys.ENTER)
    assert browser.find_element(By.ID, "search-status").text == "no node is called “Nobody”"
    assert console_errors(browser) == []


@pytest.mark.slow
def test_browser_runs_no_script_from_an_article(browser, xss_store: Path, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = visualize(tmp_path / "x.html", store=xss_store, title=XSS["title"])
    open_page(browser, page.path)
    statement = browser.execute_script(
        "return network.body.data.nodes.get().filter(function (n) { return n.info.type === 'Statement'; })[0].id"
    )
    hover_node(browser, statement)  # the tooltip shows the quote and the evidence
    tooltip = browser.find_element(By.ID, "tooltip")
    assert tooltip.is_displayed()
    assert XSS["quote"] in tooltip.text and XSS["sentence"] in tooltip.text
    browser.find_element(By.ID, "search-input").send_keys(
        "<b onmouseover=alert(1)>Jane</b>", Keys.ENTER
    )  # search by the hostile alias
    time.sleep(0.7)
    assert browser.execute_script("return network.getSelectedNodes()") == [JANE]
    assert "<b onmouseover=alert(1)>Jane</b>" in browser.find_element(By.ID, "details").text
    hover_node(browser, statement)
    # nothing ran, and no element came from the article
    assert browser.execute_script("return window.__xss === undefined")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 (reading it is what raises)
    assert browser.execute_script("return document.querySelectorAll('img, b').length") == 0
    assert browser.execute_script("return document.scripts.length") == 3  # the JSON block and the page's two
    assert browser.title == XSS["title"]
    assert console_errors(browser) == []  # a blocked script or handler would have logged a CSP error
    assert [u for u in requests_made(browser) if not u.startswith(("file:", "data:", "chrome:"))] == []


@pytest.mark.slow
def test_browser_screenshot_of_ishiba_two_hops(browser, seeds_store: Path) -> None:
    """`kg viz --focus "Shigeru Ishiba" --hops 2` on the seeds: saved as out/graph.png to look at."""
    page = visualize(ROOT / "out" / "graph-ishiba.html", store=seeds_store, focus="Shigeru Ishiba", hops=2)
    open_page(browser, page.path)
    assert browser.execute_script("return network.body.data.nodes.length") == page.nodes > 10
    assert console_errors(browser) == []
    browser.save_screenshot(str(ROOT / "out" / "graph.png"))


# ---------------------------------------------------------------- what a large page draws first


def test_nodes_without_links_are_listed_not_drawn(tmp_path: Path) -> None:
    g = star_graph(4)
    for name in ("Atlantis", "Lemuria"):
        g.add_node(name.lower(), type="Place", name=name, label=name)
    page = render_html(g, tmp_path / "p.html")
    assert (page.nodes, page.unlinked, page.folded) == (6, 2, 0)
    html = page.path.read_text()
    assert "2 nodes without links (2 Place) are listed beside the graph, not drawn." in html
    assert "folded into" not in html
    data = page_data(html)
    assert data["unlinked"] == ["atlantis", "lemuria"] and data["folded"] == []
    assert {n["id"] for n in data["nodes"]} == set(g)  # still in the page: searchable, with details
    # the class stays in the legend with its count, and says none is drawn
    assert re.search(r'data-type="Place".*?<span class="n">2</span><span class="drawn">0 drawn</span>', html)


def test_a_class_held_back_entirely_stays_in_the_legend(tmp_path: Path) -> None:
    page = render_html(star_graph(30), tmp_path / "p.html", max_nodes=2, layout_threshold=10)
    assert (page.nodes, page.folded) == (2, 30)
    html = page.path.read_text()
    assert re.search(r'data-type="Statement".*?<span class="n">30</span><span class="drawn">0 drawn</span>', html)
    data = page_data(html)
    assert len(data["folded"]) == 30 and all(
        "x" in n for n in data["nodes"]
    )  # each has its place, for when it is drawn


def test_a_page_holds_at_most_page_nodes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.read.viz.page

    monkeypatch.setattr(kg.read.viz.page, "PAGE_NODES", 50)
    page = render_html(star_graph(100), tmp_path / "p.html", max_nodes=20, layout_threshold=10)
    assert (page.nodes, page.folded, page.left_out) == (20, 30, 52)
    html = page.path.read_text()
    assert (
        "This page holds the 50 best-connected of 102 nodes; slice the graph (--focus, --types, --since, --min-degree) to reach the other 52."
        in html
    )
    assert {"hub0", "hub1"} <= {n["id"] for n in page_data(html)["nodes"]}


def two_camps(people: int = 20, meetings: int = 60) -> nx.MultiDiGraph:
    """Two countries whose people meet among themselves, and one summit between the countries."""
    import random

    rng = random.Random(3)
    g = nx.MultiDiGraph()
    for camp in ("north", "south"):
        g.add_node(camp, type="Country", name=camp.title(), label=camp.title())
        for i in range(people):
            g.add_node(
                f"{camp}-p{i}", type="Person", name=f"{camp.title()} person {i}", label=f"{camp.title()} person {i}"
            )
            g.add_edge(f"{camp}-p{i}", camp, key="memberOf", label="memberOf")
        for i in range(meetings):
            g.add_node(
                f"{camp}-m{i}",
                type="Meeting",
                name=f"Meeting {camp} {i}",
                label="Meeting",
                date=f"2025-0{1 + i % 9}-01",
            )
            for j in rng.sample(range(people), 3):
                g.add_edge(f"{camp}-m{i}", f"{camp}-p{j}", key="participant", label="participant")
    g.add_node("summit", type="Meeting", name="Summit", label="Summit", date="2025-03-01")
    for camp in ("north", "south"):
        g.add_edge("summit", camp, key="participant", label="participant")
    return g


def test_a_large_page_is_grouped_by_community(tmp_path: Path) -> None:
    g = two_camps()
    data = page_data(render_html(g, tmp_path / "p.html", layout_threshold=50).path.read_text())
    pos = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    inside = lambda n, d: ((pos[n][0] - d["x"]) ** 2 + (pos[n][1] - d["y"]) ** 2) ** 0.5 <= d["r"]  # noqa: E731
    discs = data["groups"]
    assert len(discs) >= 2
    for d in discs:
        members = {n for n in g if inside(n, d)}
        assert len({n.split("-")[0] for n in members} - {"summit"}) == 1  # a group never mixes the two camps
        assert d["name"].split(" · ")[0] in {g.nodes[n]["name"] for n in members}  # named after its members
        assert d["size"] == len(members)
    for a, b in itertools.combinations(discs, 2):  # the discs stand apart
        assert ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 > a["r"] + b["r"]
    # links between groups are drawn faint, so the groups stand out; the summit's link to the other camp is one
    group_of = {n: i for i, d in enumerate(discs) for n in g if inside(n, d)}
    faint = {(e["from"], e["to"]) for e in data["edges"] if e.get("color")}
    assert faint == {
        (e["from"], e["to"]) for e in data["edges"] if group_of.get(e["from"], -1) != group_of.get(e["to"], -1)
    }
    assert len({t for f, t in faint if f == "summit"}) >= 1


def test_cli_says_what_the_page_does_not_draw(hand_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    result = kg("viz", "--store", hand_store, "-o", out, "--max-nodes", "3")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout
        == f"wrote {out} (3 nodes, 2 edges)\n4 less connected nodes drawn only when asked for (a click on a neighbour, a search, the timeline)\n"
    )


# ---------------------------------------------------------------- readable at every zoom (slow)


def synthetic_graph(nodes: int) -> nx.MultiDiGraph:
    """The benchmark's news-shaped graph (bench/viz_bench.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("viz_bench", ROOT / "bench" / "viz_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synthetic_graph(nodes)


class viewport:
    """The page at 1400 x 900 CSS pixels (the size the screenshots are taken at)."""

    def __init__(self, driver, width: int = 1400, height: int = 900) -> None:
        self.driver, self.size = driver, {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}

    def __enter__(self):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", self.size)
        return self.driver

    def __exit__(self, *exc) -> None:
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# what is on screen: the label layer's boxes, each labelled node's place (vis-network's own
# positions, through canvasToDOM) and the rectangles of the canvas and everything round it
ON_SCREEN_JS = """
var c = document.getElementById("network"), r = c.getBoundingClientRect();
function rect(el) { if (!el || el.hidden || !el.offsetParent) return null; var b = el.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; }
var boxes = kg.labelBoxes();
var ids = boxes.filter(function (b) { return b.kind === "node"; }).map(function (b) { return b.id; });
var pos = network.getPositions(ids), at = {};
ids.forEach(function (id) { var p = network.canvasToDOM(pos[id]); at[id] = [p.x, p.y, network.body.nodes[id].options.size * network.getScale()]; });
return {
  boxes: boxes, at: at, canvas: [r.left, r.top, r.right, r.bottom], size: [c.clientWidth, c.clientHeight],
  drawing: rect(c.querySelector("canvas")), side: rect(document.getElementById("side")), timeline: rect(document.getElementById("timeline")),
  header: rect(document.querySelector("header")),
  controls: Array.prototype.map.call(document.querySelectorAll("#stage > .overlay"), rect).filter(Boolean),
  drawn: network.body.data.nodes.getIds()
};
"""


def intersects(a: tuple[float, float, float, float], b: tuple[float, float, float, float] | None) -> bool:
    return b is not None and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def check_labels(view: dict) -> set[str]:
    """No two labels overlap, each is inside the canvas and clear of the side panel, the timeline
    and the controls, and each sits beside its node; returns the labelled nodes."""
    left, top, right, bottom = view["canvas"]
    width, height = view["size"]
    assert view["drawing"] == pytest.approx([left, top, right, bottom], abs=1)  # the canvas is the whole container
    assert right <= view["side"][0] + 0.5  # and ends where the side panel begins
    boxes = view["boxes"]
    on_page = []
    for b in boxes:
        assert 0 <= b["x"] and 0 <= b["y"] and b["x"] + b["w"] <= width and b["y"] + b["h"] <= height, b
        page = (left + b["x"], top + b["y"], left + b["x"] + b["w"], top + b["y"] + b["h"])
        for other in (view["side"], view["timeline"], view["header"], *view["controls"]):
            assert not intersects(page, other), (b, other)
        on_page.append(page)
        if b["kind"] == "node":  # beside its node: the box's nearest point is at the node's edge
            x, y, r = view["at"][b["id"]]
            dx = max(b["x"] - x, 0, x - b["x"] - b["w"])
            dy = max(b["y"] - y, 0, y - b["y"] - b["h"])
            assert (dx * dx + dy * dy) ** 0.5 <= r + 6, (b, view["at"][b["id"]])
            assert 0 <= x <= width and 0 <= y <= height  # and the node is on screen too
    ordered = sorted(range(len(on_page)), key=lambda i: on_page[i][0])
    for k, i in enumerate(ordered):
        for j in ordered[k + 1 :]:
            if on_page[j][0] >= on_page[i][2]:
                break
            assert not intersects(on_page[i], on_page[j]), (boxes[i], boxes[j])
    return {b["id"] for b in boxes if b["kind"] == "node"}


def best_actors(html: str, drawn: list[str], k: int) -> list[str]:
    nodes = [
        n
        for n in page_data(html)["nodes"]
        if n["info"]["type"] in ("Person", "Country", "Organization", "Place") and n["id"] in set(drawn)
    ]
    return [n["id"] for n in sorted(nodes, key=lambda n: (-n["info"]["degree"], n["info"]["name"]))[:k]]


def zoom_and_wait(driver, factor: float) -> None:
    driver.execute_async_script(
        "var done = arguments[arguments.length - 1]; network.once('afterDrawing', function () { done(); });"
        "network.moveTo({position: network.getViewPosition(), scale: network.getScale() * arguments[0]});",
        factor,
    )


@pytest.mark.slow
def test_browser_labels_never_overlap_on_the_seeds_graph(browser, seeds_store: Path, tmp_path: Path) -> None:
    page = visualize(tmp_path / "seeds.html", store=seeds_store)
    html = page.path.read_text()
    with viewport(browser):
        open_page(browser, page.path)
        view = browser.execute_script(ON_SCREEN_JS)
        labelled = check_labels(view)
        assert len(labelled) >= 30
        assert set(best_actors(html, view["drawn"], 10)) <= labelled  # the biggest names are always there
        # zoomed in, what is on screen keeps its labels, and still none overlaps
        zoom_and_wait(browser, 2.5)
        closer = browser.execute_script(ON_SCREEN_JS)
        near = set(
            browser.execute_script(
                "var w = arguments[0], h = arguments[1], pos = network.getPositions();"
                "return Object.keys(pos).filter(function (id) { var p = network.canvasToDOM(pos[id]); return p.x > 0 && p.y > 0 && p.x < w && p.y < h; });",
                *closer["size"],
            )
        )
        # (the seeds graph is dense at its centre: zoomed in, the labels that were there stay, give or take one
        # that a bigger one now covers, and none is lost overall)
        before, after = labelled & near, check_labels(closer) & near
        assert before and len(after) >= len(before) and len(before - after) <= 1
        assert console_errors(browser) == []


@pytest.mark.slow
def test_browser_labels_never_overlap_on_5000_nodes(browser, tmp_path: Path) -> None:
    page = render_html(synthetic_graph(5000), tmp_path / "big.html")
    html = page.path.read_text()
    with viewport(browser):
        open_page(browser, page.path, timeout=60)
        view = browser.execute_script(ON_SCREEN_JS)
        labelled = check_labels(view)
        assert len(view["drawn"]) == 5000 and len(labelled) >= 40
        assert set(best_actors(html, view["drawn"], 5)) <= labelled
        assert sum(b["kind"] == "group" for b in view["boxes"]) >= 5  # groups are named
        # a search opens the actor's neighbourhood: far fewer nodes, labels still apart
        browser.execute_script("kg.search('Person 3')")
        ego = browser.execute_script(ON_SCREEN_JS)
        assert len(ego["drawn"]) <= 1 + 120 + 40
        assert len(check_labels(ego)) >= 25
        assert console_errors(browser) == []


# ---------------------------------------------------------------- time (slow)

# Meetings and statements whose dated span touches [?from, ?to], with the same reading of a date
# as `kg viz --since/--until`: 2025 lasts the year, 2025-02 the month, a meeting until its end date.
# As text, a date of any precision ends on its last day when "-12-31" is completed ("2025-02-31"
# sorts after every day of February, which is all a comparison needs).
DATED_IN = """
SELECT DISTINCT ?e WHERE {
  { ?e a kg:Meeting ; kg:startDate ?start . OPTIONAL { ?e kg:endDate ?end } }
  UNION { ?e a kg:Statement ; kg:date ?start }
  BIND(STR(COALESCE(?end, ?start)) AS ?last)
  FILTER(STR(?start) <= "%(to)s" && CONCAT(?last, SUBSTR("-12-31", STRLEN(?last) - 3)) >= "%(from)s")
}
"""


def dated_in(store: Path, first: str, last: str) -> set[str]:
    from kg.read.queries import run_query

    return {row[0].value for row in run_query(sparql=DATED_IN % {"from": first, "to": last}, store=store).rows}


DRAWN_EVENTS_JS = """
return network.body.data.nodes.get().filter(function (n) { return n.info.type === "Meeting" || n.info.type === "Statement"; })
  .map(function (n) { return n.id; });
"""


@pytest.mark.slow
def test_browser_a_month_on_the_timeline_shows_exactly_what_happened_in_it(
    browser, seeds_store: Path, tmp_path: Path
) -> None:
    import calendar

    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = visualize(tmp_path / "seeds.html", store=seeds_store)
    open_page(browser, page.path)
    months = [b.get_attribute("data-key") for b in browser.find_elements(By.CSS_SELECTOR, "#tl-bars button")]
    assert months[0] == "2024-01" and len(months) >= 12
    busy = 0
    for month in months:
        y, m = map(int, month.split("-"))
        expected = dated_in(seeds_store, f"{month}-01", f"{month}-{calendar.monthrange(y, m)[1]:02d}")
        browser.find_element(By.CSS_SELECTOR, f'#tl-bars button[data-key="{month}"]').click()
        drawn = set(browser.execute_script(DRAWN_EVENTS_JS))
        assert drawn == expected, month
        # the same as slicing the graph with --since/--until
        assert drawn == {
            n
            for n, t in to_networkx(seeds_store, since=month, until=month).nodes(data="type")
            if t in ("Meeting", "Statement")
        }
        # and beside them only what they link to
        links = browser.execute_script(
            "var out = {}; network.body.data.nodes.getIds().forEach(function (id) { out[id] = network.getConnectedNodes(id); }); return out;"
        )
        assert all(n in drawn or set(links[n]) & drawn for n in links), month
        busy += bool(expected)
    assert busy >= 4
    # shift-click a second month: the range between them
    bars = {b.get_attribute("data-key"): b for b in browser.find_elements(By.CSS_SELECTOR, "#tl-bars button")}
    bars["2025-01"].click()
    ActionChains(browser).key_down(Keys.SHIFT).click(bars["2025-02"]).key_up(Keys.SHIFT).perform()
    assert browser.find_element(By.ID, "tl-title").text == "January 2025 to February 2025"
    assert set(browser.execute_script(DRAWN_EVENTS_JS)) == dated_in(seeds_store, "2025-01-01", "2025-02-28")
    browser.find_element(By.ID, "tl-clear").click()
    assert browser.execute_script("return network.body.data.nodes.length") == page.nodes
    assert console_errors(browser) == []


@pytest.mark.slow
def test_browser_details_list_a_nodes_meetings_and_statements_by_date(
    browser, seeds_store: Path, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    page = visualize(tmp_path / "seeds.html", store=seeds_store)
    open_page(browser, page.path)
    g = to_networkx(seeds_store)
    ishiba = next(n for n, name in g.nodes(data="name") if name == "Shigeru Ishiba")
    browser.execute_script("kg.select(arguments[0])", ishiba)
    items = browser.find_elements(By.CSS_SELECTOR, "#details .timeline li[data-id]")
    events = {m for m in nx.all_neighbors(g, ishiba) if g.nodes[m]["type"] in ("Meeting", "Statement")}
    assert {i.get_attribute("data-id") for i in items} == events and len(events) >= 10
    dates = [i.find_element(By.CLASS_NAME, "when").text for i in items]
    dated = [d for d in dates if d != "undated"]
    assert dated and dates == dated + ["undated"] * (len(dates) - len(dated))  # the undated last
    assert dated == sorted(dated, key=lambda d: d.split(" to ")[0])
    for item in items:  # each with the articles that report it
        sources = set(g.nodes[item.get_attribute("data-id")]["sources"])
        assert item.find_element(By.CLASS_NAME, "src").text.split("; ") == sorted(
            sources, key=list(g.nodes[item.get_attribute("data-id")]["sources"]).index
        )
    assert console_errors(browser) == []


@pytest.mark.slow
def test_browser_a_click_draws_what_was_held_back(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    page = render_html(star_graph(300), tmp_path / "big.html", max_nodes=200, layout_threshold=100)
    open_page(browser, page.path)
    assert browser.execute_script("return network.body.data.nodes.length") == 200
    x, y = browser.execute_script(
        "var p = network.canvasToDOM(network.getPositions(['hub1']).hub1); return [p.x, p.y];"
    )
    box = browser.find_element(By.ID, "network")
    ActionChains(browser).move_to_element_with_offset(
        box, int(x - box.size["width"] / 2), int(y - box.size["height"] / 2)
    ).click().perform()
    time.sleep(0.3)
    drawn = set(browser.execute_script("return network.body.data.nodes.getIds()"))
    assert {f"leaf{i:03d}" for i in range(1, 300, 2)} <= drawn  # every statement about hub 1
    assert (
        browser.find_element(By.CSS_SELECTOR, '#legend button[data-type="Statement"] .drawn').text
        == f"{len(drawn) - 2} drawn"
    )
    assert console_errors(browser) == []


def test_a_grouped_layout_is_the_same_whatever_the_string_hash_seed() -> None:
    """A graph big enough to be grouped is drawn the same in every run (node order must not follow
    Python's per-process string hashing)."""
    import subprocess
    import sys

    code = (
        "import json, networkx as nx\n"
        "from kg.read.viz.layout import grouped_layout\n"
        "g = nx.MultiDiGraph()\n"
        "for i in range(300):\n"
        "    g.add_node(f'n{i}', type='Person', name=f'n{i}')\n"
        "for i in range(300):\n"
        "    g.add_edge(f'n{i}', f'n{(i * 7 + 3) % 300}', label='x')\n"
        "    g.add_edge(f'n{i}', f'n{(i // 30) * 30}', label='x')\n"
        "print(json.dumps(sorted(grouped_layout(g)[0].items())))\n"
    )
    runs = {
        seed: subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert runs["1"] == runs["2"]
