"""The HTML page of `kg viz`: one self-contained file that works offline and runs no article text.

Offline: vis-network's JS and CSS are read from the files the pyvis package ships and inlined;
the page has no <script src>, <link> or <img src> at all (pyvis's own template links Bootstrap
from a CDN even in its "in_line" mode, so it is not used). A Content-Security-Policy with
`default-src 'none'` makes the browser refuse any request the page might still try.

Safe: every string from an article reaches the page one of three ways, none of them as HTML:
the title and note through Jinja's autoescaping; node data in a `<script type="application/json">`
block with <, > and & written as \\u escapes, so no text can close it; tooltips, details and
search results built by the page's script with textContent. The CSP allows only the page's own
two scripts, by hash, so even an injected `<script>` or `onerror=` would not run.

Large graphs: up to LAYOUT_THRESHOLD nodes vis-network's physics lays the graph out, then stops;
above it positions come from networkx and physics stays off (vis needs minutes to settle 1,000
nodes, and a fixed drawing of 5,000 opens in seconds); above `max_nodes` the least connected
nodes are folded into their best-connected neighbour and the page says what was left out.
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

if TYPE_CHECKING:
    import networkx as nx

LAYOUT_THRESHOLD = 250  # above this many nodes: networkx layout, physics off
MAX_NODES = 5000  # above this many nodes: fold the least connected ones
# Above this many links, labels and arrowheads on them cost a frame drawn in software (no GPU, as
# in CI) up to seconds when zoomed in: they go (hover and the details panel still name each link),
# and links hide while the view moves.
HUGE_EDGES = 600
CORE_SIZE = 450  # nodes a spring layout places directly (below 500 networkx needs no scipy); the rest go around them
SPACING = 70.0  # pixels between neighbouring nodes in a precomputed layout

# Colour-blind-friendly Tableau 10 colours; every class also has its own shape, so the legend
# still reads in greyscale. Shapes draw their label underneath, so size can follow degree,
# except the document box, which holds its title.
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
# Smaller labels for the many small things: zoomed out, labels under 8 pixels are skipped, so the
# overview shows actors, meetings and policies, and statements' words appear as one zooms in.
LABEL_SIZES = {"Statement": 20, "Meeting": 21, "Policy": 21, "Place": 21}
# When folding, at equal degree these go first: a lone statement says less than a lone country.
FOLD_ORDER = ("Document", "Statement", "Place", "Policy", "Meeting", "Organization", "Person", "Country")
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


@dataclass(frozen=True, slots=True)
class PageSummary:
    path: Path
    nodes: int
    edges: int
    folded: int
    physics: bool


# ---------------------------------------------------------------- folding and layout


def fold(graph: nx.MultiDiGraph, max_nodes: int, keep: frozenset[str] = frozenset()) -> tuple[nx.MultiDiGraph, str]:
    """At most `max_nodes` nodes: the least connected go, each counted on its best-connected
    remaining neighbour ("+12"); returns the smaller graph and a sentence saying what was left out."""
    total = graph.number_of_nodes()
    if total <= max_nodes:
        return graph, ""
    degree = dict(graph.degree())
    rank = {t: i for i, t in enumerate(FOLD_ORDER)}
    order = sorted(
        (n for n in graph if n not in keep), key=lambda n: (degree[n], rank.get(graph.nodes[n]["type"], 0), n)
    )
    gone = set(order[: total - max_nodes])
    shown = graph.subgraph(n for n in graph if n not in gone).copy()
    into: dict[str, Counter[str]] = {}
    for n in sorted(gone):
        hubs = [m for m in (*graph.successors(n), *graph.predecessors(n)) if m not in gone]
        if hubs:
            hub = max(hubs, key=lambda m: (degree[m], m))
            into.setdefault(hub, Counter())[graph.nodes[n]["type"]] += 1
    for hub, counts in into.items():
        data = shown.nodes[hub]
        data["folded"] = ", ".join(f"{k} {t}" for t, k in sorted(counts.items()))
        data["label"] = f"{data['label']}\n(+{sum(counts.values())})"
    by_type = Counter(graph.nodes[n]["type"] for n in gone)
    most = max(degree[n] for n in gone)
    kinds = ", ".join(f"{k:,} {t}" for t, k in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])))
    note = (
        f"Showing {len(shown):,} of {total:,} nodes: {len(gone):,} with at most {most} link{'s' if most != 1 else ''} "
        f"({kinds}) are folded into their best-connected neighbour, whose label counts them as (+N). "
        "Slice the graph (--focus, --types, --since, --min-degree) to see them."
    )
    return shown, note


def layout(graph: nx.MultiDiGraph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Pixel positions for every node: each connected component laid out on its own, the big
    ones first, packed in rows."""
    import networkx as nx

    simple = nx.Graph(graph.to_undirected(as_view=True))
    parts = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    row_width = max(2000.0, SPACING * math.sqrt(len(simple)) * 1.6)
    for nodes in parts:
        local = _component_layout(simple.subgraph(nodes).copy(), seed)  # a copy: degrees on a view cost O(n)
        left, top = min(p[0] for p in local.values()), min(p[1] for p in local.values())
        w = max(p[0] for p in local.values()) - left + SPACING
        h = max(p[1] for p in local.values()) - top + SPACING
        if x and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in local.items():
            pos[n] = (round(x + px - left, 1), round(y + py - top, 1))
        x, row_height = x + w, max(row_height, h)
    return pos


def _component_layout(g: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """A spring layout of the best-connected CORE_SIZE nodes (networkx's spring layout is O(n²)
    per step: minutes at 5,000 nodes), then the rest, ring by ring outwards: a node linked to
    several placed nodes goes between them, a node linked to one goes around it; nodes that
    share the same placed neighbours form one sunflower spiral, so none sits on another."""
    import networkx as nx

    n = len(g)
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    degree = dict(g.degree())
    core = sorted(g, key=lambda v: (-degree[v], v))[:CORE_SIZE]
    spring = nx.spring_layout(g.subgraph(core), seed=seed, iterations=60 if n > 100 else 100)
    # spring_layout spans [-1, 1]: stretch so the nodes placed around the core have room
    scale = SPACING * math.sqrt(n) * 0.9
    pos = {v: (float(p[0]) * scale, float(p[1]) * scale) for v, p in spring.items()}
    while len(pos) < n:
        groups: dict[tuple[str, ...], list[str]] = {}
        for v in sorted(v for v in g if v not in pos):
            anchors = tuple(sorted(m for m in g.neighbors(v) if m in pos))
            if anchors:
                groups.setdefault(anchors, []).append(v)
        for anchors, members in groups.items():
            cx = sum(pos[a][0] for a in anchors) / len(anchors)
            cy = sum(pos[a][1] for a in anchors) / len(anchors)
            inner = 0.8 if len(anchors) == 1 else 0.0  # keep off a lone parent; centre between several
            for i, v in enumerate(members):
                r = SPACING * (inner + 0.55 * math.sqrt(i + 1))
                a = i * 2.399963  # the golden angle spreads a spiral evenly
                pos[v] = (cx + r * math.cos(a), cy + r * math.sin(a))
    return pos


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


def _node_item(n: str, data: dict, degree: int, xy: tuple[float, float] | None, focus: bool, outline: bool) -> dict:
    """One vis node. `outline`: a white ring that separates touching nodes in a small drawing
    (in a large one the rings would outshine the tiny nodes' colours)."""
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
        "size": round(12 + 6 * math.sqrt(degree), 1),
        # everything the tooltip, details panel and search need; the script turns it into text nodes
        "info": {
            "name": data.get("name") or data["label"],
            "type": data["type"],
            **{
                k: data[k]
                for k in ("aliases", "roles", "date", "end_date", "kind", "status", "direct", "folded")
                if data.get(k)
            },
            "evidence": [list(pair) for pair in zip(data.get("evidence", ()), data.get("sources", ()))],
            "degree": degree,
        },
    }
    if data["type"] in LABEL_SIZES:
        item["font"] = {"size": LABEL_SIZES[data["type"]]}
    if shape == "box":
        item["font"] = {"color": "#ffffff"}
    if focus:  # the actor the slice is centred on: a dark ring and a bold name
        item["color"]["border"] = "#1f2328"
        item["borderWidth"] = 3
        item["font"] = {"size": 32}
    if xy is not None:
        item["x"], item["y"] = xy
    return item


def _options(physics: bool, huge: bool) -> dict:
    """vis-network options; `huge`: see HUGE_EDGES."""
    font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
    opts: dict = {
        "nodes": {
            "font": {"size": 26, "face": font, "color": "#1f2328", "strokeWidth": 5, "strokeColor": "#ffffff"},
            "borderWidth": 1.5,
            "widthConstraint": {"maximum": 220},
            # labels smaller than this on screen are skipped: a zoomed-out 5,000-node page stays legible and fast
            "scaling": {"label": {"drawThreshold": 7}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": {"color": "#a9b1bb", "highlight": "#3d4650", "hover": "#57606a"},
            "font": {
                "size": 13,
                "face": font,
                "color": "#57606a",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
                "align": "middle",
            },
            # link labels appear once zoomed in enough to read them; zoomed out they are only clutter
            "scaling": {"label": {"drawThreshold": 8}},
            "width": 1,
            "selectionWidth": 2,
            "smooth": {"type": "continuous"} if physics else False,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": True,
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
            "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 50, "fit": True},
        }
    else:
        opts["physics"] = {"enabled": False}
        opts["layout"] = {"improvedLayout": False}
        opts["interaction"].update({"hideEdgesOnDrag": True, "hideEdgesOnZoom": huge})
    if huge:
        opts["edges"]["arrows"]["to"]["enabled"] = False
    return opts


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
    shown, note = fold(graph, max_nodes, focus)
    physics = shown.number_of_nodes() <= layout_threshold
    html = _page(shown, _network_data(shown, focus, physics), title=title, note=note)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
    return PageSummary(
        out,
        shown.number_of_nodes(),
        shown.number_of_edges(),
        graph.number_of_nodes() - shown.number_of_nodes(),
        physics,
    )


def _network_data(shown: nx.MultiDiGraph, focus: frozenset[str], physics: bool) -> dict:
    """What the page's script draws: vis nodes (positioned when physics is off), edges, options."""
    from pyvis.network import Network

    positions = None if physics else layout(shown)
    degree = dict(shown.degree())
    # pyvis holds the network; its page template is not used (it links a CDN, see above)
    net = Network(directed=True, cdn_resources="in_line")
    for n, data in shown.nodes(data=True):
        item = _node_item(n, data, degree[n], positions[n] if positions else None, n in focus, physics)
        net.add_node(item.pop("id"), **item)
    huge = shown.number_of_edges() > HUGE_EDGES
    # not Network.add_edge: it scans the node list twice per call, minutes at 5,000 nodes, to
    # check ends that networkx already guarantees
    net.edges.extend(_edge_items(shown, huge))
    net.options = _options(physics, huge)
    nodes, edges, _, _, _, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options), "physics": physics, "edgeLabels": not huge}


def _edge_items(shown: nx.MultiDiGraph, huge: bool) -> list[dict]:
    items = []
    parallel: Counter[frozenset[str]] = Counter()
    for i, (u, v, data) in enumerate(shown.edges(data=True)):
        info = {
            "label": data["label"],
            "evidence": [list(p) for p in zip(data.get("evidence", ()), data.get("sources", ()))],
        }
        item = {"id": f"e{i}", "from": u, "to": v, "info": info}
        if not huge:
            item["label"] = data["label"]
        # a second link between the same two nodes (a statement's speaker it is also about) bends
        # away from the first, so neither line nor label hides the other
        k = parallel[frozenset((u, v))]
        parallel[frozenset((u, v))] += 1
        if k:
            item["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.18 * k, 2)}
        items.append(item)
    return items


def _page(shown: nx.MultiDiGraph, payload: dict, *, title: str, note: str) -> str:
    """The HTML: the template with the legend, the data, the inlined assets and a CSP that allows
    only the page's own two scripts."""
    import jinja2
    from markupsafe import Markup

    counts = Counter(d["type"] for _, d in shown.nodes(data=True))
    legend = [
        {"type": t, "color": STYLES[t][0], "svg": Markup(_SVG_SHAPES[STYLES[t][1]]), "count": counts[t]}
        for t in STYLES
        if counts[t]
    ]
    vis_js, vis_css = _vis_assets()
    page_js = _raw(_asset(__package__, "templates/viz.js"), "script")
    scripts = [_raw(vis_js, "script"), page_js]
    csp = (
        "default-src 'none'; script-src " + " ".join(_csp_hash(s) for s in scripts) + "; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    env = jinja2.Environment(loader=jinja2.PackageLoader(__package__, "templates"), autoescape=True)
    return env.get_template("viz.html").render(
        title=title,
        note=note,
        empty=not len(shown),
        node_count=shown.number_of_nodes(),
        edge_count=shown.number_of_edges(),
        legend=legend,
        csp=csp,
        data=Markup(_safe_json(payload)),
        vis_css=Markup(_raw(vis_css, "style")),
        page_css=Markup(_raw(_asset(__package__, "templates/viz.css"), "style")),
        vis_js=Markup(scripts[0]),
        page_js=Markup(scripts[1]),
    )
