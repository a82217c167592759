"""Where `kg viz` puts the nodes of a large page, and which it draws at first.

Groups: actors and the events around them are grouped by community (networkx's Louvain method
on the graph, links counted once per relation), so a big graph opens as a handful of clusters,
each named after its best-connected actors, instead of one hairball. Each group is laid out on
its own and the groups are packed round the biggest, wider than tall like the window.

Folding: above `max_nodes` the least connected nodes are held back. They stay in the page (with
their positions), searchable, and are drawn when the reader clicks a neighbour, searches for
them or picks their dates on the timeline. Nodes without any link are not drawn at all (there is
nothing to place them near); the page lists them.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.vocab import NAMED_CLASSES

if TYPE_CHECKING:
    import networkx as nx

CORE_SIZE = 450  # nodes a spring layout places directly (below 500 networkx needs no scipy); the rest go around them
SPACING = 70.0  # pixels between neighbouring nodes in a precomputed layout
SMALL_GROUP = 4  # groups smaller than this (pairs, triples) share one block instead of each taking a place
ASPECT = 1.45  # width / height of the packing: the canvas beside the side panel is wider than tall
ACTOR_TYPES = NAMED_CLASSES  # what a group is named after: its best-connected named things
# When folding, at equal degree these go first: a lone statement says less than a lone country.
FOLD_ORDER = ("Document", "Statement", "Place", "Policy", "Meeting", "Organization", "Person", "Country")


@dataclass(frozen=True, slots=True)
class Group:
    """A community as the page draws it: a faint disc behind its nodes and a caption."""

    name: str
    size: int
    x: float
    y: float
    r: float


# ---------------------------------------------------------------- what is drawn at first


def _kinds(graph: nx.MultiDiGraph, nodes: set[str]) -> str:
    by_type = Counter(graph.nodes[n]["type"] for n in nodes)
    return ", ".join(f"{k:,} {t}" for t, k in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])))


def fold(graph: nx.MultiDiGraph, max_nodes: int, keep: frozenset[str] = frozenset()) -> tuple[nx.MultiDiGraph, str]:
    """The `max_nodes` best-connected nodes, drawn at first, and a sentence saying what waits."""
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
    most = max(degree[n] for n in gone)
    note = (
        f"Showing {len(shown):,} of {total:,} nodes at first: the {len(gone):,} least connected "
        f"({_kinds(graph, gone)}; at most {most} link{'s' if most != 1 else ''} each) are drawn when you click a node "
        "they link to, search for them or, for meetings and statements, pick their dates on the timeline."
    )
    return shown, note


def unlinked(graph: nx.MultiDiGraph) -> tuple[list[str], str]:
    """Nodes without any link, which the page lists instead of drawing (when anything is linked)."""
    if not graph.number_of_edges():
        return [], ""
    alone = sorted(n for n, d in graph.degree() if d == 0)
    if not alone:
        return [], ""
    what, verb = ("node", "is") if len(alone) == 1 else ("nodes", "are")
    return (
        alone,
        f"{len(alone):,} {what} without links ({_kinds(graph, set(alone))}) {verb} listed beside the graph, not drawn.",
    )


# ---------------------------------------------------------------- groups


def communities(graph: nx.MultiDiGraph | nx.Graph, *, seed: int = 7) -> list[list[str]]:
    """Louvain communities of the graph, largest first, each sorted; the same on every run."""
    import networkx as nx

    simple = graph if type(graph) is nx.Graph else _simple(graph)
    if not simple.number_of_edges():
        return [sorted(simple)] if len(simple) else []
    parts = nx.community.louvain_communities(simple, seed=seed)
    return sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))


def _simple(graph: nx.MultiDiGraph) -> nx.Graph:
    """One undirected link per linked pair (five times faster than through to_undirected's view)."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    return simple


def group_name(graph: nx.MultiDiGraph, members: list[str], degree: dict[str, int]) -> str:
    """A group is named after its two best-connected actors (any node when it has no actor)."""
    actors = [n for n in members if graph.nodes[n].get("type") in ACTOR_TYPES] or members
    best = sorted(actors, key=lambda n: (-degree[n], n))[:2]
    return " · ".join(str(graph.nodes[n].get("name") or n) for n in best)


def layout(
    graph: nx.MultiDiGraph, *, seed: int = 7, groups: list[list[str]] | None = None
) -> dict[str, tuple[float, float]]:
    """Pixel positions for every node: each community laid out on its own, then the groups packed
    round the biggest; pairs and other small groups share one block."""
    return grouped_layout(graph, seed=seed, groups=groups)[0]


def grouped_layout(
    graph: nx.MultiDiGraph, *, seed: int = 7, groups: list[list[str]] | None = None
) -> tuple[dict[str, tuple[float, float]], list[Group], dict[str, int]]:
    """`layout`, the discs of the groups big enough to show as one, and each node's group (its
    index in the discs; -1 for the small groups' block)."""
    simple = _simple(graph)
    groups = communities(simple, seed=seed) if groups is None else groups
    degree = dict(simple.degree())
    big = [g for g in groups if len(g) >= SMALL_GROUP]
    small = [g for g in groups if len(g) < SMALL_GROUP]
    blocks: list[tuple[dict[str, tuple[float, float]], list[str] | None]] = []
    for members in big:
        blocks.append((_centred(_group_layout(_ordered_subgraph(simple, members), seed)), members))
    if small:
        blocks.append((_centred(_small_groups(simple, small)), None))
    placed = _pack([_radius(local) for local, _ in blocks])
    pos: dict[str, tuple[float, float]] = {}
    discs = []
    member_of: dict[str, int] = {}
    for (local, members), (cx, cy, r) in zip(blocks, placed):
        for n, (x, y) in local.items():
            pos[n] = (round(cx + x, 1), round(cy + y, 1))
            member_of[n] = len(discs) if members is not None else -1
        if members is not None:
            discs.append(
                Group(group_name(graph, members, degree), len(members), round(cx, 1), round(cy, 1), round(r, 1))
            )
    return pos, discs, member_of


def _ordered_subgraph(g: nx.Graph, nodes: list[str]) -> nx.Graph:
    """The subgraph on `nodes` with its nodes and edges in sorted order: networkx's subgraph views
    list them in an order that follows Python's string hashing, and the spring layout follows
    that order, so the same graph would be drawn differently from one run to the next."""
    import networkx as nx

    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(sorted(keep))
    sub.add_edges_from(sorted((u, v) if u <= v else (v, u) for u, v in g.edges(keep) if u in keep and v in keep))
    return sub


def _group_layout(g: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """A spring layout of the best-connected CORE_SIZE nodes (networkx's spring layout is O(n²)
    per step: minutes at 5,000 nodes), then the rest, ring by ring outwards: a node linked to
    several placed nodes goes between them, a node linked to one goes around it; nodes that
    share the same placed neighbours form one sunflower spiral, so none sits on another. A node
    none of whose links leads to a placed node (a community need not be connected) starts a new
    ring of its own at the edge."""
    import networkx as nx

    n = len(g)
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    degree = dict(g.degree())
    # a big group's core grows slower than the group: a page has dozens of groups to lay out
    core = sorted(g, key=lambda v: (-degree[v], v))[: min(CORE_SIZE, 80 + n // 6)]
    spring = nx.spring_layout(_ordered_subgraph(g, core), seed=seed, iterations=60 if n > 100 else 100)
    # spring_layout spans [-1, 1]: stretch so the nodes placed around the core have room
    scale = SPACING * math.sqrt(n) * 0.8
    pos = {v: (float(p[0]) * scale, float(p[1]) * scale) for v, p in spring.items()}
    edge = 0
    while len(pos) < n:
        groups: dict[tuple[str, ...], list[str]] = {}
        for v in sorted(v for v in g if v not in pos):
            anchors = tuple(sorted(m for m in g.neighbors(v) if m in pos))
            if anchors:
                groups.setdefault(anchors, []).append(v)
        if not groups:
            v = min((v for v in g if v not in pos), key=lambda v: (-degree[v], v))
            a = edge * 2.399963
            pos[v] = (scale * 1.1 * math.cos(a), scale * 1.1 * math.sin(a))
            edge += 1
            continue
        for anchors, members in groups.items():
            cx = sum(pos[a][0] for a in anchors) / len(anchors)
            cy = sum(pos[a][1] for a in anchors) / len(anchors)
            inner = 0.8 if len(anchors) == 1 else 0.0  # keep off a lone parent; centre between several
            for i, v in enumerate(members):
                r = SPACING * (inner + 0.55 * math.sqrt(i + 1))
                a = i * 2.399963  # the golden angle spreads a spiral evenly
                pos[v] = (cx + r * math.cos(a), cy + r * math.sin(a))
    return pos


def _small_groups(g: nx.Graph, groups: list[list[str]]) -> dict[str, tuple[float, float]]:
    """Pairs, triples and lone nodes in a grid, one cell each, a pair side by side."""
    cols = max(1, round(math.sqrt(len(groups) * ASPECT)))
    pos = {}
    for i, members in enumerate(groups):
        cx, cy = (i % cols) * SPACING * 3.2, (i // cols) * SPACING * 2.0
        ordered = sorted(members, key=lambda v: (-g.degree(v), v))
        for j, v in enumerate(ordered):
            pos[v] = (cx + (j - (len(ordered) - 1) / 2) * SPACING * 0.9, cy + (j % 2) * SPACING * 0.45)
    return pos


def _centred(local: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    cx = sum(p[0] for p in local.values()) / len(local)
    cy = sum(p[1] for p in local.values()) / len(local)
    return {n: (x - cx, y - cy) for n, (x, y) in local.items()}


def _radius(local: dict[str, tuple[float, float]]) -> float:
    return max(math.hypot(x, y) for x, y in local.values()) + SPACING * 0.6


def _pack(radii: list[float]) -> list[tuple[float, float, float]]:
    """Centres for discs of these radii, biggest first, each as close to the middle as it fits:
    walked out along a spiral stretched to ASPECT until it touches nothing placed."""
    order = sorted(range(len(radii)), key=lambda i: -radii[i])
    placed: list[tuple[float, float, float]] = []
    out: list[tuple[float, float, float]] = [(0.0, 0.0, 0.0)] * len(radii)
    gap = SPACING * 0.8
    for i in order:
        r = radii[i]
        if not placed:
            x = y = 0.0
        else:
            step = max(r, SPACING) * 0.35
            t = 0.0
            while True:
                rho = step * t / (2 * math.pi) * 2.2
                x, y = rho * math.cos(t) * ASPECT, rho * math.sin(t)
                if all(math.hypot(x - px, y - py) >= r + pr + gap for px, py, pr in placed):
                    break
                t += min(0.35, step / max(rho, 1.0))
        placed.append((x, y, r))
        out[i] = (x, y, r)
    return out
