"""Build speed on news text: one `kg build --no-export` process against one process that loads the
same spaCy model and runs bare `nlp.pipe(texts, batch_size=32)` over the same files, both timed from
start to exit in one run (the ratio is what counts: the machine is shared).

    python bench/news_speed.py [FOLDER ...] [--copies 6]

The corpus is every .txt file of the folders (by default `seeds/` and, when it is there, the
development corpus `../shared/eval/dev/texts`), copied `--copies` times with a line "Copy N."
appended to each copy so that no copy is skipped as unchanged. Prints one Markdown table row.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev" / "texts"

BARE = """
import sys, time
from pathlib import Path
from kg.text.nlp import model_names
import spacy
for name in model_names():
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
words = sum(len(t.split()) for t in texts)
for _ in nlp.pipe(texts, batch_size=32):
    pass
print(words)
"""


def corpus(folders: list[Path], copies: int, into: Path) -> tuple[int, int]:
    """Write the copies; (documents, words)."""
    into.mkdir(parents=True, exist_ok=True)
    docs = words = 0
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for n in range(1, copies + 1):
                copy = f"{text.rstrip()}\n\nCopy {n}.\n"
                (into / f"{path.stem}_copy{n}.txt").write_text(copy, encoding="utf-8")
                docs += 1
                words += len(copy.split())
    return docs, words


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--copies", type=int, default=6)
    args = parser.parse_args(argv)
    folders = args.folders or [ROOT / "seeds", *([DEV] if DEV.is_dir() else [])]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs, words = corpus(folders, args.copies, work / "corpus")
        bare = timed([sys.executable, "-c", BARE, str(work / "corpus")])
        kg = timed(
            [sys.executable, "-m", "kg", "build", str(work / "corpus"), "--store", str(work / "store"), "--no-export"]
        )
        shutil.rmtree(work / "store", ignore_errors=True)
    load = os.getloadavg()[0]
    print("| corpus | documents | words | bare nlp.pipe (s) | kg build (s) | kg / bare throughput | load |")
    print("|---|---|---|---|---|---|---|")
    names = " + ".join(f.name for f in folders)
    print(f"| {names} x{args.copies} | {docs} | {words:,} | {bare:.1f} | {kg:.1f} | {bare / kg:.2f}x | {load:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
