"""newskg: news articles about international politics -> a knowledge graph.

Library entry points (the CLI is a thin layer over these):

    from kg import build, run_query, export_graph
    summary = build(["seeds"], store="out/store")
    result = run_query("meetings", store="out/store")
"""

from kg.builder.pipeline import build
from kg.read.export import export_graph
from kg.read.queries import run_query
from kg.read.stats import stats

__all__ = ["build", "export_graph", "run_query", "stats"]
__version__ = "0.1.0"
