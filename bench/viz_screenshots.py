"""Screenshots of `kg viz` pages at 1400 x 900, taken in headless Debian Chromium, to look at:
the seeds graph, the same with an actor searched for (its neighbourhood), a 5,000-node synthetic
graph (bench/viz_bench.py) and one of its actors searched for.

    kg build seeds --store out/store
    python bench/viz_screenshots.py --store out/store           # writes out/screens/*.png and the pages

The seeds picture is the README's (docs/viewer.png): `--readme` copies it there.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from viz_bench import chromium, open_page, synthetic_graph  # noqa: E402

WIDTH, HEIGHT = 1400, 900


def shoot(driver, page: Path, png: Path, search: str | None = None) -> dict:
    """Open the page, search if asked, save the screenshot; say what is on screen."""
    open_page(driver, page)
    if search:
        if driver.execute_script("return kg.search(arguments[0])", search) is None:
            raise SystemExit(f"{page.name}: nothing is called {search!r}")
        time.sleep(0.5)
    driver.save_screenshot(str(png))
    seen = driver.execute_script(
        "var boxes = kg.labelBoxes(); return {drawn: network.body.data.nodes.length,"
        " labels: boxes.filter(function (b) { return b.kind === 'node'; }).length, ready_ms: Math.round(kgTiming.ready)};"
    )
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    print(
        f"{png}: {seen['drawn']:,} nodes drawn, {seen['labels']} labelled, interactive after {seen['ready_ms']} ms"
        + (f"; console: {errors}" if errors else "")
    )
    return seen


def main() -> None:
    from kg.read.viz import render_html, visualize

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("out/store"), help="the seeds, built with `kg build seeds`")
    parser.add_argument("--out", type=Path, default=Path("out/screens"))
    parser.add_argument("--search", default="Shigeru Ishiba", help="the actor to search for in the seeds graph")
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--big-search", default="Person 3", help="the actor to search for in the synthetic graph")
    parser.add_argument("--readme", action="store_true", help="copy the seeds screenshot to docs/viewer.png")
    args = parser.parse_args()

    args.out.mkdir(parents=True, exist_ok=True)
    seeds = visualize(args.out / "seeds.html", store=args.store, title="newskg graph: the five sample articles").path
    big = render_html(
        synthetic_graph(args.nodes),
        args.out / f"synthetic-{args.nodes}.html",
        title=f"newskg graph: {args.nodes:,} synthetic nodes",
    ).path
    with chromium(WIDTH, HEIGHT) as driver:
        shoot(driver, seeds, args.out / "seeds.png")
        shoot(driver, seeds, args.out / "seeds-search.png", args.search)
        shoot(driver, big, args.out / f"synthetic-{args.nodes}.png")
        shoot(driver, big, args.out / f"synthetic-{args.nodes}-search.png", args.big_search)
    if args.readme:
        target = Path(__file__).resolve().parent.parent / "docs" / "viewer.png"
        shutil.copyfile(args.out / "seeds.png", target)
        print(f"copied to {target}")


if __name__ == "__main__":
    main()
