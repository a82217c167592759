"""`kg viz`: the graph, or a slice of it, as a networkx graph, GraphML/GEXF (network) or a
self-contained offline HTML page (page, laid out by layout, templates/)."""

from kg.read.viz.network import NODE_TYPES, VizResult, flat_graph, to_networkx, visualize, write_graph
from kg.read.viz.page import PageSummary, render_html

__all__ = [
    "NODE_TYPES",
    "PageSummary",
    "VizResult",
    "flat_graph",
    "render_html",
    "to_networkx",
    "visualize",
    "write_graph",
]
