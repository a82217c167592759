"""How fast a large `kg viz` page opens: a synthetic graph of N nodes (default 5,000) shaped like a
news graph (a few hundred actors, many meetings, statements and policies around them), rendered
by kg.read.viz.page.render_html and opened in headless Debian Chromium.

    python bench/viz_bench.py                 # 5,000 nodes
    python bench/viz_bench.py --nodes 20000   # all in the page, the 5,000 best-connected drawn at first

Reports the Python side (graph, layout, page) and the browser side: time to interactive (from
navigation start until the network has drawn with its final layout and takes input), the latency
of a search (which opens the found node's neighbourhood), of going back to the whole graph and of
choosing a month on the timeline, and frames per second while the whole graph moves (an animated
pan, which draws every link, and a real mouse drag, which hides them).
Needs `chromium` and `chromium-driver` (scripts/test.sh installs them).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--window-size=1600,1000",
)  # fmt: skip


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """Actors with heavy-tailed popularity, and events that link two or three of them each."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    actors = max(30, n // 16)
    kinds = ["Country"] * 3 + ["Person"] * 5 + ["Organization"] * 2 + ["Place"]
    weights = [1 / (i + 1) ** 0.9 for i in range(actors)]  # a few actors are in most of the news
    for i in range(actors):
        kind = rng.choice(kinds)
        g.add_node(
            f"actor/{i}",
            type=kind,
            name=f"{kind} {i}",
            label=f"{kind} {i}",
            aliases=(f"A{i}",),
            roles=(),
            date="",
            evidence=(),
            sources=(),
        )

    def some(k: int) -> list[str]:
        return list({f"actor/{j}" for j in rng.choices(range(actors), weights, k=k)})

    events = n - actors
    for i in range(events):
        roll = rng.random()
        date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        node = f"event/{i}"
        sentence = f"Synthetic evidence sentence number {i}, long enough to wrap in a tooltip like a real one."
        common = dict(aliases=(), roles=(), evidence=(sentence,), sources=(f"Article {i % 97}",))
        if roll < 0.3:
            g.add_node(node, type="Meeting", name=f"Meeting {i}", label=f"Meeting\n{date}", date=date, **common)
            for a in some(3):
                g.add_edge(node, a, key="participant", label="participant")
        elif roll < 0.8:
            g.add_node(
                node, type="Statement", name=f"Statement {i}", label=f"“Statement {i}”\n{date}", date=date, **common
            )
            speaker, *about = some(3)
            g.add_edge(node, speaker, key="speaker", label="speaker")
            for a in about:
                g.add_edge(node, a, key="about", label="about")
        else:
            g.add_node(node, type="Policy", name=f"Policy {i}", label=f"Policy {i}", date="", **common)
            for a in some(2):
                g.add_edge(node, a, key="proponent", label="proponent")
    return g


@contextmanager
def chromium(width: int = 1600, height: int = 1000):
    """Debian's headless Chromium with a fresh profile, its page area exactly width x height."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    profile = tempfile.TemporaryDirectory()
    options.add_argument(f"--user-data-dir={profile.name}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        yield driver
    finally:
        driver.quit()
        profile.cleanup()


def open_page(driver, page: Path, timeout: float = 120) -> None:
    driver.get(page.resolve().as_uri())  # returns after the load event
    deadline = time.monotonic() + timeout
    while not driver.execute_script("return window.kgReady === true"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the page did not become interactive within {timeout:.0f} s")
        time.sleep(0.05)


# how long an action takes, with the frame that shows its result (the action itself may draw
# frames on the way, so the clock stops at the one drawn after it)
TIMED_JS = """
var done = arguments[arguments.length - 1], t0 = performance.now();
%s
network.once('afterDrawing', function () { done(performance.now() - t0); });
network.redraw();
"""


def open_in_chromium(page: Path) -> dict:
    with chromium() as driver:
        open_page(driver, page)
        out = driver.execute_script(
            "var t = window.kgTiming; return {parse_start: t.start, network_created: t.created, first_draw: t.firstDraw, ready: t.ready,"
            " nodes: network.body.data.nodes.length, edges: network.body.data.edges.length};"
        )
        out["search_ms"] = driver.execute_async_script(TIMED_JS % "kg.search('A0');")
        out["back_ms"] = driver.execute_async_script(TIMED_JS % "kg.closeEgo();")
        first_month = driver.execute_script("return document.querySelector('#tl-bars button').getAttribute('data-key')")
        out["month_ms"] = driver.execute_async_script(TIMED_JS % f"kg.timeline.select('{first_month}');")
        driver.execute_script("kg.timeline.clear()")
        time.sleep(0.3)
        out["pan_fps"] = driver.execute_async_script(
            "var done = arguments[arguments.length - 1]; var frames = 0;"
            "network.on('afterDrawing', function () { frames++; });"
            "var p = network.getViewPosition();"
            "network.moveTo({position: {x: p.x + 600, y: p.y + 300}, animation: {duration: 2000, easingFunction: 'linear'}});"
            "setTimeout(function () { done(frames / 2); }, 2000);"
        )
        out["drag_fps"] = drag_fps(driver)
        out["console_errors"] = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        return out


def drag_fps(driver) -> float:
    """Frames per second while a real mouse drags the view (links hide while it moves)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    driver.execute_script("window.kgFrames = 0; network.on('afterDrawing', function () { window.kgFrames++; });")
    box = driver.find_element(By.ID, "network")
    started = time.perf_counter()
    actions = ActionChains(driver, duration=10).move_to_element_with_offset(box, 5, 5).click_and_hold()
    for _ in range(60):
        actions.move_by_offset(6, 3)
    actions.release().perform()
    seconds = time.perf_counter() - started
    return round(driver.execute_script("return window.kgFrames") / seconds, 1)


def main() -> None:
    from kg.read.viz.page import render_html

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--output", type=Path, default=Path("out/bench-viz.html"))
    parser.add_argument("--runs", type=int, default=3, help="browser runs; the median is reported")
    args = parser.parse_args()

    t0 = time.perf_counter()
    graph = synthetic_graph(args.nodes)
    t1 = time.perf_counter()
    page = render_html(graph, args.output, title=f"benchmark: {args.nodes:,} synthetic nodes")
    t2 = time.perf_counter()
    runs = [open_in_chromium(page.path) for _ in range(args.runs)]
    median = lambda key: sorted(r[key] for r in runs)[len(runs) // 2]  # noqa: E731
    report = {
        "graph": {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()},
        "page": {
            "nodes": page.nodes,
            "edges": page.edges,
            "folded": page.folded,
            "physics": page.physics,
            "megabytes": round(page.path.stat().st_size / 1e6, 2),
        },
        "python_seconds": {"graph": round(t1 - t0, 2), "render_html (layout + page)": round(t2 - t1, 2)},
        f"browser_ms (median of {len(runs)})": {
            "time_to_interactive": round(median("ready")),
            "script_start": round(median("parse_start")),
            "network_created": round(median("network_created")),
            "first_draw": round(median("first_draw")),
            "search (opens the neighbourhood)": round(median("search_ms")),
            "back to the whole graph": round(median("back_ms")),
            "a month on the timeline": round(median("month_ms")),
        },
        "frames_per_second": {
            "animated pan (links drawn)": median("pan_fps"),
            "mouse drag (links hidden while moving)": median("drag_fps"),
        },
        "console_errors": runs[0]["console_errors"],
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
