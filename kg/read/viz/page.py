"""The HTML page of `kg viz`: one self-contained file that works offline and runs no article text.

Offline: vis-network's JS and CSS are read from the files the pyvis package ships and inlined;
the page has no <script src>, <link> or <img src> at all (pyvis's own template links Bootstrap
from a CDN even in its "in_line" mode, so it is not used). A Content-Security-Policy with
`default-src 'none'` makes the browser refuse any request the page might still try.

Safe: every string from an article reaches the page one of three ways, none of them as HTML:
the title and note through Jinja's autoescaping; node data in a `<script type="application/json">`
block with <, > and & written as \\u escapes, so no text can close it; labels drawn on the canvas,
tooltips, details and search results built by the page's script with fillText and textContent.
The CSP allows only the page's own two scripts, by hash, so even an injected `<script>` or
`onerror=` would not run.

Readable: vis-network draws the nodes and links, the page's script draws the labels itself, at
a fixed size on screen, and only those that fit without touching another (best-connected
first), so zooming in shows more of them, never a pile (see viz-labels.js).

Large graphs: up to LAYOUT_THRESHOLD nodes vis-network's physics lays the graph out, then stops;
above it positions come from networkx, grouped by community (layout.py), and physics stays
off (vis needs minutes to settle 1,000 nodes, and a fixed drawing of 5,000 opens in seconds).
Above `max_nodes` the least connected nodes are held back: the page holds them (up to
PAGE_NODES in all) but draws them only when asked for. Nodes without links are listed, not drawn.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.read.viz.layout import FOLD_ORDER, fold, grouped_layout, unlinked

if TYPE_CHECKING:
    import networkx as nx

LAYOUT_THRESHOLD = 250  # above this many nodes: networkx layout, physics off
MAX_NODES = 5000  # above this many nodes: draw the best-connected, hold the rest back
PAGE_NODES = 25_000  # the most a page holds (about 20 MB); beyond, the least connected are left out
# Above this many links, arrowheads cost a frame drawn in software (no GPU, as in CI) up to
# seconds when zoomed in: they go, and links hide while the view moves.
HUGE_EDGES = 600
# Statements and policies are many and their words long: a small mark until a click, a search or
# a close zoom asks for them.
COMPACT = ("Statement", "Policy")
FAINT_EDGE = {"color": "rgba(169,177,187,0.28)", "highlight": "#3d4650", "hover": "#57606a"}

# Colour-blind-friendly Tableau 10 colours; every class also has its own shape, so the legend
# still reads in greyscale.
STYLES: dict[str, tuple[str, str]] = {
    "Person": ("#4e79a7", "dot"),
    "Country": ("#e15759", "diamond"),
    "Organization": ("#f28e2b", "square"),
    "Place": ("#9c755f", "triangleDown"),
    "Meeting": ("#59a14f", "star"),
    "Statement": ("#b07aa1", "triangle"),
    "Policy": ("#2f9e96", "hexagon"),
    "Document": ("#8c8c8c", "box"),
}
_SVG_SHAPES = {
    "dot": '<circle cx="9" cy="9" r="7"/>',
    "diamond": '<polygon points="9,1 17,9 9,17 1,9"/>',
    "square": '<rect x="2" y="2" width="14" height="14"/>',
    "triangleDown": '<polygon points="1,3 17,3 9,17"/>',
    "star": '<polygon points="9,1 11.4,6.3 17,6.8 12.7,10.5 14,16.5 9,13.4 4,16.5 5.3,10.5 1,6.8 6.6,6.3"/>',
    "triangle": '<polygon points="9,1 17,16 1,16"/>',
    "hexagon": '<polygon points="9,1 16,5 16,13 9,17 2,13 2,5"/>',
    "box": '<rect x="1" y="4" width="16" height="10" rx="3"/>',
}
# the page's script, in the order it runs: helpers first, then the page that uses them
SCRIPTS = ("viz-labels.js", "viz-timeline.js", "viz.js")


@dataclass(frozen=True, slots=True)
class PageSummary:
    path: Path
    nodes: int  # drawn when the page opens
    edges: int
    folded: int  # in the page, drawn when asked for
    physics: bool
    unlinked: int = 0  # listed beside the graph, never drawn
    left_out: int = 0  # beyond PAGE_NODES: not in the page at all


# ---------------------------------------------------------------- the page


def _asset(package: str, name: str) -> str:
    return (resources.files(package) / name).read_text(encoding="utf-8")


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the pyvis package, newest version first."""
    lib = resources.files("pyvis") / "templates" / "lib"
    versions = sorted(
        (d.name for d in lib.iterdir() if d.name.startswith("vis-")), key=lambda v: [int(x) for x in v[4:].split(".")]
    )
    if not versions:
        raise KGError("the pyvis package ships no vis-network files; reinstall pyvis")
    folder = lib / versions[-1]
    return (folder / "vis-network.min.js").read_text(encoding="utf-8"), (folder / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _safe_json(value: object) -> str:
    """JSON that cannot end the <script> element it sits in, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _raw(text: str, element: str) -> str:
    """Text for a raw-text element (<script>, <style>): it must not close the element early."""
    if f"</{element}" in text.lower():
        raise KGError(f"an inlined asset contains </{element}>; cannot embed it")
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _size(kind: str, degree: int) -> float:
    """Radius on the canvas: actors grow with their links (up to a limit, so a hub does not cover
    its neighbours), statements and policies stay small marks."""
    if kind in COMPACT:
        return 13.0
    if kind == "Meeting":
        return round(min(24.0, 12 + 2 * math.sqrt(degree)), 1)
    return round(min(46.0, 12 + 5 * math.sqrt(degree)), 1)


def _node_item(n: str, data: dict, degree: int, xy: tuple[float, float] | None, focus: bool, outline: bool) -> dict:
    """One vis node. `outline`: a white ring that separates touching nodes in a small drawing
    (in a large one the rings would outshine the tiny nodes' colours). `label` is what the page
    draws beside the node; vis-network itself is given none (the page places labels)."""
    color, shape = STYLES.get(data["type"], ("#8c8c8c", "dot"))
    item = {
        "id": n,
        "label": data["label"],
        "shape": shape,
        "color": {
            "background": color,
            "border": color if shape == "box" or not outline else "#ffffff",
            "highlight": {"background": color, "border": "#1f2328"},
        },
        "size": _size(data["type"], degree),
        # everything the tooltip, details panel, timeline and search need; the script turns it into text nodes
        "info": {
            "name": data.get("name") or data["label"],
            "type": data["type"],
            **{k: data[k] for k in ("aliases", "roles", "date", "end_date", "kind", "status", "direct") if data.get(k)},
            "evidence": [list(pair) for pair in zip(data.get("evidence", ()), data.get("sources", ()))],
            "degree": degree,
        },
    }
    if focus:  # the actor the slice is centred on: a dark ring, labelled first
        item["color"]["border"] = "#1f2328"
        item["borderWidth"] = 3
    if xy is not None:
        item["x"], item["y"] = xy
    return item


def _options(physics: bool, huge: bool) -> dict:
    """vis-network options; `huge`: see HUGE_EDGES. Node and link labels are the page's own."""
    opts: dict = {
        "nodes": {"borderWidth": 1.5},
        "edges": {
            "arrows": {"to": {"enabled": not huge, "scaleFactor": 0.45}},
            "color": {"color": "#a9b1bb", "highlight": "#3d4650", "hover": "#57606a"},
            "width": 1,
            "selectionWidth": 2,
            "smooth": {"type": "continuous"} if physics else False,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
    }
    if physics:
        opts["physics"] = {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -150,
                "centralGravity": 0.01,
                "springLength": 160,
                "springConstant": 0.05,
                "avoidOverlap": 0.8,
            },
            "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 50, "fit": False},
        }
        opts["layout"] = {"randomSeed": 7}  # the same drawing every time the page opens
    else:
        opts["physics"] = {"enabled": False}
        opts["layout"] = {"improvedLayout": False}
        opts["interaction"].update({"hideEdgesOnDrag": True, "hideEdgesOnZoom": huge})
    return opts


def _page_graph(graph: nx.MultiDiGraph, keep: frozenset[str]) -> tuple[nx.MultiDiGraph, str]:
    """At most PAGE_NODES nodes, the best-connected (and the focus), and what the cut left out."""
    total = graph.number_of_nodes()
    if total <= PAGE_NODES:
        return graph, ""
    degree = dict(graph.degree())
    rank = {t: i for i, t in enumerate(FOLD_ORDER)}
    order = sorted(
        (n for n in graph if n not in keep), key=lambda n: (-degree[n], -rank.get(graph.nodes[n]["type"], 0), n)
    )
    kept = set(keep) | set(order[: max(0, PAGE_NODES - len(keep))])
    note = (
        f"This page holds the {len(kept):,} best-connected of {total:,} nodes; slice the graph "
        f"(--focus, --types, --since, --min-degree) to reach the other {total - len(kept):,}."
    )
    return graph.subgraph(kept).copy(), note


def _payload(
    page: nx.MultiDiGraph, drawn: set[str], alone: list[str], focus: frozenset[str], physics: bool
) -> tuple[dict, int]:
    """The JSON the page's script reads: every node and link of the page, which are drawn at first,
    and the groups; also how many links are drawn at first."""
    from pyvis.network import Network

    positions, groups, member_of = (
        (None, [], {}) if physics else grouped_layout(page.subgraph(n for n in page if n not in alone))
    )
    degree = dict(page.degree())
    # pyvis holds the network; its page template is not used (it links a CDN, see above)
    net = Network(directed=True, cdn_resources="in_line")
    for n, data in page.nodes(data=True):
        item = _node_item(n, data, degree[n], positions.get(n) if positions else None, n in focus, physics)
        # not Network.add_node: it looks each id up in a list, minutes at 20,000 nodes, to check
        # what networkx already guarantees (ids are unique)
        net.nodes.append(item)
        net.node_ids.append(n)
        net.node_map[n] = item
    huge = page.number_of_edges() > HUGE_EDGES
    # not Network.add_edge: it scans the node list twice per call, minutes at 5,000 nodes, to
    # check ends that networkx already guarantees
    net.edges.extend(_edge_items(page, member_of))
    drawn_edges = sum(u in drawn and v in drawn for u, v in page.edges())
    net.options = _options(physics, huge)
    nodes, edges, _, _, _, options = net.get_network_data()
    payload = {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "physics": physics,
        "edgeLabels": not huge,
        "folded": sorted(n for n in page if n not in drawn and n not in alone),
        "unlinked": alone,
        "focus": sorted(focus),
        "groups": [{"name": g.name, "size": g.size, "x": g.x, "y": g.y, "r": g.r} for g in groups],
        "styles": {t: {"color": c, "shape": s} for t, (c, s) in STYLES.items()},
        "compact": list(COMPACT),
    }
    return payload, drawn_edges


def _edge_items(page: nx.MultiDiGraph, member_of: dict[str, int]) -> list[dict]:
    """The vis links; `member_of`: each node's group, so links between two groups are drawn faint."""
    items = []
    parallel: Counter[frozenset[str]] = Counter()
    for i, (u, v, data) in enumerate(page.edges(data=True)):
        info = {
            "label": data["label"],
            "evidence": [list(p) for p in zip(data.get("evidence", ()), data.get("sources", ()))],
        }
        item = {"id": f"e{i}", "from": u, "to": v, "label": data["label"], "info": info}
        # a second link between the same two nodes (a statement's speaker it is also about) bends
        # away from the first, so neither line hides the other
        k = parallel[frozenset((u, v))]
        parallel[frozenset((u, v))] += 1
        if k:
            item["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.18 * k, 2)}
        if member_of.get(u, -1) != member_of.get(v, -1):  # between two groups: faint, so the groups stand out
            item["color"] = FAINT_EDGE
        items.append(item)
    return items


def render_html(
    graph: nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str = "newskg graph",
    max_nodes: int = MAX_NODES,
    layout_threshold: int = LAYOUT_THRESHOLD,
) -> PageSummary:
    """Write `graph` (from kg.read.viz.to_networkx) as one self-contained, offline HTML page."""
    if max_nodes < 1:
        raise KGError(f"max-nodes must be at least 1, not {max_nodes}")
    focus = frozenset(graph.graph.get("focus", ()))
    page, cut_note = _page_graph(graph, focus)
    alone, alone_note = unlinked(page)
    linked = page.subgraph(n for n in page if n not in set(alone)) if alone else page
    shown, fold_note = fold(linked, max_nodes, focus)
    drawn = set(shown)
    physics = page.number_of_nodes() <= layout_threshold and len(drawn) == len(linked)
    payload, drawn_edges = _payload(page, drawn, alone, focus, physics)
    notes = [n for n in (cut_note, fold_note, alone_note) if n]
    html = _page(page, drawn, payload, title=title, notes=notes)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
    return PageSummary(
        out,
        len(drawn),
        drawn_edges,
        len(linked) - len(drawn),
        physics,
        unlinked=len(alone),
        left_out=graph.number_of_nodes() - page.number_of_nodes(),
    )


def _page(page: nx.MultiDiGraph, drawn: set[str], payload: dict, *, title: str, notes: list[str]) -> str:
    """The HTML: the template with the legend (each class's count and how many are drawn), the
    data, the inlined assets and a CSP that allows only the page's own two scripts."""
    import jinja2
    from markupsafe import Markup

    counts = Counter(d["type"] for _, d in page.nodes(data=True))
    drawn_counts = Counter(page.nodes[n]["type"] for n in drawn)
    legend = [
        {
            "type": t,
            "color": STYLES[t][0],
            "svg": Markup(_SVG_SHAPES[STYLES[t][1]]),
            "count": counts[t],
            "drawn": drawn_counts[t],
        }
        for t in STYLES
        if counts[t]
    ]
    vis_js, vis_css = _vis_assets()
    page_js = _raw("\n".join(_asset(__package__, f"templates/{name}") for name in SCRIPTS), "script")
    scripts = [_raw(vis_js, "script"), page_js]
    csp = (
        "default-src 'none'; script-src " + " ".join(_csp_hash(s) for s in scripts) + "; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    env = jinja2.Environment(loader=jinja2.PackageLoader(__package__, "templates"), autoescape=True)
    return env.get_template("viz.html").render(
        title=title,
        notes=notes,
        empty=not len(page),
        node_count=page.number_of_nodes(),
        edge_count=page.number_of_edges(),
        legend=legend,
        csp=csp,
        data=Markup(_safe_json(payload)),
        vis_css=Markup(_raw(vis_css, "style")),
        page_css=Markup(_raw(_asset(__package__, "templates/viz.css"), "style")),
        vis_js=Markup(scripts[0]),
        page_js=Markup(scripts[1]),
    )
